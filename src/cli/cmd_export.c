/*
 * cmd_export.c - `bienphong export LAYER`: a layer of the border registry
 * as GeoJSON, KML, GPX or CSV, to standard output or a file.
 *
 * The export streams from the database through the writer to the output,
 * so its memory does not grow with the layer. With --out it is written
 * beside the file and renamed over it at the end, so a failed export
 * never leaves half a file under the name asked for.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/map.h"
#include "domain/transfer.h"

static int sink_file(void *arg, const char *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len ? 0 : -1;
}

/*
 * SQLite's page cache for this process, in KiB. An export reads the
 * layer's pages in one pass, so the connection's usual cache (db_sqlite.c,
 * 64 MiB) would only keep what was read, and the process would grow with
 * the database up to that size; the system's file cache keeps them anyway.
 */
#define EXPORT_CACHE_KIB 2048

static int export_cache(struct ctx *c)
{
	if (strcmp(db_engine(c->db), "sqlite"))
		return 0;
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", EXPORT_CACHE_KIB);
	return db_exec(c->db, sql, DB_NOARGS, NULL, &c->err) ? cli_error(&c->err) : 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "unit", required_argument, NULL, 'u' },
		{ "border", required_argument, NULL, 'b' },
		{ "condition", required_argument, NULL, 'c' },
		{ "bbox", required_argument, NULL, 'x' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *format = NULL, *bbox = NULL, *out = NULL;
	struct registry_filter filter = { 0 };
	int o;
	if (cli_first_arg_is(argc, argv, "activities"))
		return cmd_export_activities(argc, argv);
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		case 'u': filter.unit = optarg; break;
		case 'b': filter.border = optarg; break;
		case 'c': filter.condition = optarg; break;
		case 'x': bbox = optarg; break;
		case 'o': out = optarg; break;
		default: return cli_usage("export");
		}
	}
	if (optind != argc - 1)
		return cli_usage("export");
	const char *layer = argv[optind];
	struct bp_error e;
	if (!strcmp(layer, "households"))
		return cmd_export_households(db, filter.unit, out);
	if (!registry_layer_valid(layer)) {
		err_set(&e, "layer_unknown", layer);
		return cli_error(&e);
	}
	/* The format: --format, else the extension of --out, else GeoJSON. */
	enum geo_format fmt = format ? geo_format_parse(format) :
			      out && geo_format_of_path(out) ? geo_format_of_path(out) : GEO_FORMAT_GEOJSON;
	if (fmt == GEO_FORMAT_NONE) {
		err_set(&e, "format_unknown", format);
		return cli_error(&e);
	}
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	char tmp[4096] = "";
	FILE *f = stdout;
	if ((rc = export_cache(&c)))
		goto out;
	if (bbox && map_bbox_parse(&c, bbox, &filter)) {
		rc = cli_error(&c.err);
		goto out;
	}
	if (out) {
		snprintf(tmp, sizeof(tmp), "%s.part", out);
		f = fopen(tmp, "wb");
		if (!f) {
			char d[300];
			snprintf(d, sizeof(d), "%.200s (%.80s)", tmp, strerror(errno));
			err_set(&e, "file_unwritable", d);
			rc = cli_error(&e);
			goto out;
		}
	}
	long count = 0;
	enum bp_err err = transfer_export(&c, layer, fmt, &filter, sink_file, f, &count);
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
		fprintf(stderr, "%s: %ld features -> %s (%s)\n", layer, count, out, geo_format_name(fmt));
out:
	cli_close(&c);
	return rc;
}
