/*
 * err.h - the one error type of bienphong.
 *
 * Every function that can fail for a reason the user should read returns
 * an enum bp_err (0 = BP_OK) and, when given a struct bp_error, fills it
 * with a stable code for scripts ("unit_cycle") and a message in
 * Vietnamese and English. The codes and their messages live in one table
 * in err.c; the kind maps to an HTTP status in exactly one place
 * (err_http_status). A broken invariant is an assert, not an error.
 */
#ifndef BP_ERR_H
#define BP_ERR_H

#include <stddef.h>

enum bp_err {
	BP_OK = 0,
	BP_EINVAL,       /* 400: input is malformed or breaks a rule */
	BP_EAUTH,        /* 401: not logged in, or a wrong password */
	BP_EFORBIDDEN,   /* 403: logged in, but not allowed */
	BP_ENOTFOUND,    /* 404: no such thing (or not to be known) */
	BP_EMETHOD,      /* 405 */
	BP_ECONFLICT,    /* 409: clashes with what is stored */
	BP_ETOOLARGE,    /* 413 */
	BP_EMEDIA,       /* 415 */
	BP_ETHROTTLED,   /* 429 */
	BP_EINTERNAL,    /* 500 */
	BP_EUNAVAILABLE, /* 503: the database is away */
	BP_ERULE,        /* 422: well-formed, but breaks a rule between records */
};

struct bp_error {
	enum bp_err kind;
	char code[48];
	char field[64];
	char message_vi[384];
	char message_en[384];
};

/*
 * Fills e (when not NULL) from the code's table entry. The entry's
 * messages may hold one "%s", replaced with detail (or "" when NULL).
 * Returns the code's kind, so a caller can write
 *     return err_set(e, "unit_cycle", NULL);
 */
enum bp_err err_set(struct bp_error *e, const char *code, const char *detail);
/* As err_set, also naming the input field at fault. */
enum bp_err err_field(struct bp_error *e, const char *code, const char *field);
/* A free-form error of a kind, for messages from below (database, libraries). */
enum bp_err err_raw(struct bp_error *e, enum bp_err kind, const char *code,
		    const char *vi, const char *en);
void err_clear(struct bp_error *e);
int err_http_status(enum bp_err kind);
/* The kind of a known code, BP_EINTERNAL for unknown ones. */
enum bp_err err_kind_of(const char *code);

#endif
