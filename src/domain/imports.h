/*
 * imports.h - the record of files imported into bienphong (the imports
 * table): the same bytes are not imported twice into the same kind of
 * record (a layer of the registry, "activities", "households"), so a file
 * uploaded again by a second click or a second clerk counts nothing twice.
 */
#ifndef BP_DOMAIN_IMPORTS_H
#define BP_DOMAIN_IMPORTS_H

#include <stddef.h>

#include "domain/ctx.h"

/* The SHA-256 of a file's bytes, in hex. */
void imports_sha256(const char *data, size_t len, char out[65]);
/* import_duplicate (saying when the first came) when kind already has a
 * file with these bytes. */
enum bp_err imports_check(struct ctx *c, const char *kind, const char *sha256);
/* Records the file as import id, inside the caller's transaction;
 * import_duplicate when the same bytes got in first from another session. */
enum bp_err imports_record(struct ctx *c, const char *id, const char *kind, const char *sha256,
			   const char *file_name, long records, const char *now);

#endif
