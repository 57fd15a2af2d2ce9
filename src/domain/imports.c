/*
 * imports.c - the record of imported files; see imports.h.
 *
 * The file's SHA-256 is OpenSSL's (libcrypto, which libpq brings
 * anyway): it uses the processor's SHA instructions where there are some,
 * about 1.5 GB/s here against libsodium's portable C (54 instructions a
 * byte, a twentieth of the CPU time of an import of 100,000 markers from
 * CSV, more from GeoJSON). The same digest either way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "db/db.h"
#include "domain/imports.h"
#include "util/date.h"

void imports_sha256(const char *data, size_t len, char out[65])
{
	unsigned char h[32];
	unsigned int n = 0;
	if (!EVP_Digest(data, len, h, &n, EVP_sha256(), NULL) || n != sizeof(h))
		abort(); /* no memory for the digest's context: as xmalloc */
	for (size_t i = 0; i < sizeof(h); i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* A stored time "YYYY-MM-DDTHH:MM:SSZ" as " (dd/mm/yyyy hh:mm)" in
 * Vietnam's time (UTC+7), as a clerk reads it. */
static void imports_when(const char *ts, char *out, size_t n)
{
	char day[DATE_LEN];
	snprintf(day, sizeof(day), "%.10s", ts ? ts : "");
	if (!ts || strlen(ts) < 16 || !date_valid(day)) {
		snprintf(out, n, "%s", "");
		return;
	}
	int hour = atoi(ts + 11) + 7;
	long days = date_to_days(day) + hour / 24;
	date_from_days(days, day);
	snprintf(out, n, " (%.2s/%.2s/%.4s %02d:%.2s)", day + 8, day + 5, day, hour % 24, ts + 14);
}

enum bp_err imports_check(struct ctx *c, const char *kind, const char *sha256)
{
	struct db_rows *r = NULL;
	enum bp_err rc = db_query_one(c->db, "SELECT created_at FROM imports WHERE kind = $1 AND sha256 = $2",
				      DB_ARGS(DB_S(kind), DB_S(sha256)), &r, &c->err);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		return BP_OK;
	}
	if (rc)
		return rc;
	/* When, not who: the first import may have been made in another scope. */
	char d[48];
	imports_when(db_text(r, 0), d, sizeof(d));
	db_rows_free(r);
	return err_set(&c->err, "import_duplicate", d);
}

enum bp_err imports_record(struct ctx *c, const char *id, const char *kind, const char *sha256,
			   const char *file_name, long records, const char *now)
{
	const char *unit = !c->actor.system && c->actor.unit_id[0] ? c->actor.unit_id : NULL;
	enum bp_err rc = db_exec(c->db,
		"INSERT INTO imports (id, kind, sha256, file_name, unit_id, user_name, records, created_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		DB_ARGS(DB_S(id), DB_S(kind), DB_S(sha256), DB_S(file_name && *file_name ? file_name : NULL),
			DB_S(unit), DB_S(c->actor.username[0] ? c->actor.username : "system"), DB_I(records),
			DB_S(now)),
		NULL, &c->err);
	if (rc == BP_ECONFLICT)
		rc = err_set(&c->err, "import_duplicate", "");
	return rc;
}
