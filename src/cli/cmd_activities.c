/*
 * cmd_activities.c - activities in files at the command line:
 *   bienphong import activities FILE [--unit CODE]
 *   bienphong export activities [filters] [--out FILE]
 *   bienphong template activities --type CODE [--format csv|xlsx] -o FILE
 * `import` and `export` hand their "activities" form to these (the
 * registry's layers stay in cmd_import.c and cmd_export.c). The rules are
 * in domain/activity_*.c; problems print as the registry import's do,
 * "FILE:LINE: code: message_vi / message_en".
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "domain/activity_files.h"
#include "geo/formats.h"
#include "util/buf.h"

bool cli_first_arg_is(int argc, char **argv, const char *word)
{
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--", 2)) {
			if (!strchr(argv[i], '=') && strcmp(argv[i], "--help"))
				i++; /* every option of these commands takes a value */
			continue;
		}
		return !strcmp(argv[i], word);
	}
	return false;
}

/* Standard input, or a file that cannot be mapped, read whole up to the import limit. */
static enum bp_err read_all(FILE *f, const char *path, struct buf *out, struct bp_error *e)
{
	char chunk[1 << 16];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(out, chunk, n) < 0)
			return geo_too_large(e);
	return ferror(f) ? err_set(e, "file_unreadable", path) : BP_OK;
}

/* A file's bytes: mapped, or read (see file_load). */
struct file_bytes {
	const char *data;
	size_t len;
	void *map;
	struct buf buf;
};

/*
 * The whole file (or standard input for "-") up to the import limit. A
 * regular file is mapped with its pages in place (MAP_POPULATE): the
 * kernel's own copies, where reading 34 MB into new memory took a
 * twentieth of an import's time, most of it faulting that memory in.
 */
static enum bp_err file_load(const char *path, struct file_bytes *fb, struct bp_error *e)
{
	memset(fb, 0, sizeof(*fb));
	buf_init(&fb->buf, geo_import_max());
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		char d[300];
		snprintf(d, sizeof(d), "%.200s (%.80s)", path, strerror(errno));
		return err_set(e, "file_unreadable", d);
	}
	struct stat st;
	enum bp_err rc = BP_OK;
	if (f != stdin && !fstat(fileno(f), &st) && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((size_t)st.st_size > geo_import_max()) {
			fclose(f);
			return geo_too_large(e);
		}
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fileno(f), 0);
		if (m != MAP_FAILED) {
			fb->map = m;
			fb->data = m;
			fb->len = (size_t)st.st_size;
			fclose(f);
			return BP_OK;
		}
	}
	rc = read_all(f, path, &fb->buf, e);
	if (f != stdin)
		fclose(f);
	fb->data = fb->buf.data;
	fb->len = fb->buf.len;
	return rc;
}

static void file_unload(struct file_bytes *fb)
{
	if (fb->map)
		munmap(fb->map, fb->len);
	buf_release(&fb->buf);
}

int cmd_import_activities(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "unit", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *unit = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'u': unit = optarg; break;
		default: return cli_usage("import");
		}
	}
	/* import activities FILE */
	if (optind != argc - 2)
		return cli_usage("import");
	const char *path = argv[optind + 1];
	struct bp_error e;
	struct file_bytes data;
	if (file_load(path, &data, &e)) {
		file_unload(&data);
		return cli_error(&e);
	}
	/* The connection's page cache (64 MiB, db_sqlite.c) where huge pages
	 * may back it (db.h), as for the registry's imports. */
	db_page_memory((size_t)64 * 1024 * 1024);
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc) {
		file_unload(&data);
		return rc;
	}
	const char *base = strrchr(path, '/');
	json_t *summary = NULL, *problems = NULL;
	if (activity_import(&c, data.data, data.len, base ? base + 1 : path, unit, &summary, &problems)) {
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
		printf("activities: %lld created, %lld updated, %lld unchanged, %lld values (tạo mới, cập nhật,"
		       " không đổi, giá trị chỉ tiêu)\n",
		       (long long)json_integer_value(json_object_get(summary, "created")),
		       (long long)json_integer_value(json_object_get(summary, "updated")),
		       (long long)json_integer_value(json_object_get(summary, "unchanged")),
		       (long long)json_integer_value(json_object_get(summary, "values")));
	}
	json_decref(summary);
	json_decref(problems);
	file_unload(&data);
	cli_close(&c);
	return rc;
}

static int sink_file(void *arg, const char *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len ? 0 : -1;
}

/*
 * Opens out's ".part" beside it (or standard output); finish_output
 * renames it over out only when all went well, so a failure never leaves
 * half a file under the name asked for.
 */
static FILE *open_output(const char *out, char tmp[4096], struct bp_error *e)
{
	if (!out)
		return stdout;
	snprintf(tmp, 4096, "%s.part", out);
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		char d[300];
		snprintf(d, sizeof(d), "%.200s (%.80s)", tmp, strerror(errno));
		err_set(e, "file_unwritable", d);
	}
	return f;
}

static enum bp_err finish_output(FILE *f, const char *out, const char *tmp, enum bp_err rc, struct bp_error *e)
{
	if (fflush(f) != 0 && !rc)
		rc = err_set(e, "file_unwritable", out ? out : "stdout");
	if (!out)
		return rc;
	if (fclose(f) != 0 && !rc)
		rc = err_set(e, "file_unwritable", out);
	if (!rc && rename(tmp, out) != 0)
		rc = err_set(e, "file_unwritable", out);
	if (rc)
		remove(tmp);
	return rc;
}

int cmd_export_activities(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "type", required_argument, NULL, 't' },
		{ "category", required_argument, NULL, 'c' },
		{ "unit", required_argument, NULL, 'u' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "q", required_argument, NULL, 'q' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *format = NULL, *out = NULL;
	struct activity_filter f = { 0 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		case 't': f.type = optarg; break;
		case 'c': f.category = optarg; break;
		case 'u': f.unit = optarg; break;
		case 'F': f.from = optarg; break;
		case 'T': f.to = optarg; break;
		case 'q': f.q = optarg; break;
		case 'o': out = optarg; break;
		default: return cli_usage("export");
		}
	}
	struct bp_error e;
	/* export activities */
	if (optind != argc - 1)
		return cli_usage("export");
	if (format && strcmp(format, "csv")) {
		err_set(&e, "format_activities", format);
		return cli_error(&e);
	}
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	char tmp[4096];
	FILE *fp = open_output(out, tmp, &c.err);
	long count = 0;
	enum bp_err err = fp ? activity_export_csv(&c, &f, sink_file, fp, &count) : c.err.kind;
	if (fp)
		err = finish_output(fp, out, tmp, err, &c.err);
	if (err)
		rc = cli_error(&c.err);
	else if (out)
		fprintf(stderr, "activities: %ld -> %s (csv)\n", count, out);
	cli_close(&c);
	return rc;
}

int cmd_template(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "type", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *type = NULL, *format = NULL, *out = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 't': type = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		default: return cli_usage("template");
		}
	}
	if (optind != argc - 1 || strcmp(argv[optind], "activities") || !type || !out)
		return cli_usage("template");
	struct bp_error e;
	enum activity_template_format fmt;
	/* The format: --format, else the extension of the file. */
	const char *ext = strrchr(out, '.');
	if (!format)
		format = ext && !strcmp(ext, ".xlsx") ? "xlsx" : "csv";
	if (!activity_template_format_parse(format, &fmt)) {
		err_set(&e, "format_activities", format);
		return cli_error(&e);
	}
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.part", out);
	if (activity_template(&c, type, fmt, tmp)) {
		remove(tmp);
		rc = cli_error(&c.err);
	} else if (rename(tmp, out) != 0) {
		remove(tmp);
		err_set(&e, "file_unwritable", out);
		rc = cli_error(&e);
	}
	cli_close(&c);
	return rc;
}
