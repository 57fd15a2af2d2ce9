/*
 * cmd_people.c - `bienphong import households FILE` and `bienphong export
 * households`: the households' CSV (domain/household_import.h) at the
 * command line, reached through cmd_import and cmd_export. Problems are
 * printed one a line as "FILE:N: code: message_vi / message_en", and a
 * failed import stores nothing; an export with --out is written beside
 * the file and renamed over it at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/household_import.h"
#include "geo/formats.h"
#include "util/buf.h"

int cmd_import_households(const char *path, const char *db)
{
	struct bp_error e;
	struct buf data;
	buf_init(&data, geo_import_max());
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		char d[300];
		snprintf(d, sizeof(d), "%.200s (%.80s)", path, strerror(errno));
		err_set(&e, "file_unreadable", d);
		buf_release(&data);
		return cli_error(&e);
	}
	char chunk[65536];
	size_t n;
	bool big = false;
	while (!big && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		big = buf_add(&data, chunk, n) < 0;
	bool bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (big || bad) {
		if (big)
			geo_too_large(&e);
		else
			err_set(&e, "file_unreadable", path);
		buf_release(&data);
		return cli_error(&e);
	}
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc) {
		buf_release(&data);
		return rc;
	}
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	json_t *summary = NULL, *problems = NULL;
	if (household_import(&c, data.data ? data.data : "", data.len, name, &summary, &problems)) {
		size_t i;
		json_t *p;
		json_array_foreach(problems, i, p)
			fprintf(stderr, "%s:%lld: %s: %s / %s\n", path,
				(long long)json_integer_value(json_object_get(p, "where")),
				json_string_value(json_object_get(p, "code")),
				json_string_value(json_object_get(p, "message_vi")),
				json_string_value(json_object_get(p, "message_en")));
		rc = cli_error(&c.err);
	} else {
		json_t *h = json_object_get(summary, "households"), *g = json_object_get(summary, "registrations");
		printf("households: %lld rows; households %lld created, %lld updated, %lld unchanged;"
		       " registrations %lld created, %lld updated, %lld unchanged\n",
		       (long long)json_integer_value(json_object_get(summary, "rows")),
		       (long long)json_integer_value(json_object_get(h, "created")),
		       (long long)json_integer_value(json_object_get(h, "updated")),
		       (long long)json_integer_value(json_object_get(h, "unchanged")),
		       (long long)json_integer_value(json_object_get(g, "created")),
		       (long long)json_integer_value(json_object_get(g, "updated")),
		       (long long)json_integer_value(json_object_get(g, "unchanged")));
	}
	json_decref(summary);
	json_decref(problems);
	buf_release(&data);
	cli_close(&c);
	return rc;
}

static int sink_file(void *arg, const char *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len ? 0 : -1;
}

int cmd_export_households(const char *db, const char *unit, const char *out)
{
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	char tmp[4096] = "";
	FILE *f = stdout;
	if (out) {
		snprintf(tmp, sizeof(tmp), "%s.part", out);
		if (!(f = fopen(tmp, "wb"))) {
			char d[300];
			snprintf(d, sizeof(d), "%.200s (%.80s)", tmp, strerror(errno));
			err_set(&c.err, "file_unwritable", d);
			rc = cli_error(&c.err);
			cli_close(&c);
			return rc;
		}
	}
	struct people_filter filter = { .unit = unit };
	long count = 0;
	enum bp_err err = household_export(&c, &filter, sink_file, f, &count);
	if (fflush(f) != 0 && !err)
		err = err_set(&c.err, "file_unwritable", out ? out : "stdout");
	if (out) {
		if (fclose(f) != 0 && !err)
			err = err_set(&c.err, "file_unwritable", out);
		if (!err && rename(tmp, out) != 0)
			err = err_set(&c.err, "file_unwritable", out);
		if (err)
			remove(tmp);
	}
	if (err)
		rc = cli_error(&c.err);
	else if (out)
		fprintf(stderr, "households: %ld rows -> %s\n", count, out);
	cli_close(&c);
	return rc;
}
