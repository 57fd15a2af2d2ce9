/*
 * cmd_import.c - `bienphong import LAYER FILE`: a GeoJSON, KML, GPX or CSV
 * file into the border registry, all or nothing.
 *
 * The format comes from --format or else the file's extension. On success
 * it prints what was created, updated and left unchanged; otherwise every
 * problem, one a line, as compilers do ("FILE:N: code: message_vi /
 * message_en", N the feature's number or the CSV line), so an editor or a
 * script can jump to it, and exits 1 with nothing stored.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/bulk.h"
#include "domain/transfer.h"
#include "util/buf.h"

/* Reads the whole file (or standard input for "-") up to the import limit. */
static enum bp_err read_file(const char *path, struct buf *out, struct bp_error *e)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		char d[300];
		snprintf(d, sizeof(d), "%.200s (%.80s)", path, strerror(errno));
		return err_set(e, "file_unreadable", d);
	}
	enum bp_err rc = BP_OK;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(out, chunk, n) < 0) {
			rc = geo_too_large(e);
			break;
		}
	if (!rc && ferror(f))
		rc = err_set(e, "file_unreadable", path);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* The name the imports table keeps: the file's own, without its folder; none for "-". */
static const char *file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return !strcmp(path, "-") ? NULL : slash ? slash + 1 : path;
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *format = NULL;
	int o;
	if (cli_first_arg_is(argc, argv, "activities"))
		return cmd_import_activities(argc, argv);
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		default: return cli_usage("import");
		}
	}
	if (optind != argc - 2)
		return cli_usage("import");
	const char *layer = argv[optind], *path = argv[optind + 1];
	struct bp_error e;
	if (!strcmp(layer, "households"))
		return cmd_import_households(path, db);
	if (!registry_layer_valid(layer)) {
		err_set(&e, "layer_unknown", layer);
		return cli_error(&e);
	}
	enum geo_format fmt = format ? geo_format_parse(format) : geo_format_of_path(path);
	if (fmt == GEO_FORMAT_NONE) {
		err_set(&e, "format_unknown", format ? format : path);
		return cli_error(&e);
	}
	struct buf data;
	buf_init(&data, geo_import_max());
	if (read_file(path, &data, &e)) {
		buf_release(&data);
		return cli_error(&e);
	}
	/* The import's page cache where huge pages may back it (db.h). */
	db_page_memory((size_t)REGISTRY_IMPORT_CACHE_KIB * 1024);
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc) {
		buf_release(&data);
		return rc;
	}
	json_t *summary = NULL, *problems = NULL;
	if (transfer_import(&c, layer, fmt, file_name(path), data.data, data.len, &summary, &problems)) {
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
		printf("%s: %lld created, %lld updated, %lld unchanged (tạo mới, cập nhật, không đổi)\n", layer,
		       (long long)json_integer_value(json_object_get(summary, "created")),
		       (long long)json_integer_value(json_object_get(summary, "updated")),
		       (long long)json_integer_value(json_object_get(summary, "unchanged")));
	}
	json_decref(summary);
	json_decref(problems);
	buf_release(&data);
	cli_close(&c);
	return rc;
}
