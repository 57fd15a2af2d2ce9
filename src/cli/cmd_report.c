/*
 * cmd_report.c - reports at the command line (docs/reports.md):
 *   bienphong report --unit CODE --period P [--template T]
 *                    [--format json|csv|xlsx|html|text]
 *                    [--lang vi|en] [--round] [--out FILE] [--timing]
 *   bienphong report templates      the templates, one a line, code first
 *   bienphong report rebuild        the roll-up made again from the records
 * The rules are in domain/reports.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "domain/report_out.h"
#include "domain/report_rollup.h"
#include "domain/report_templates.h"
#include "domain/reports.h"

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int report_templates_print(const char *db)
{
	struct ctx c;
	json_t *out = NULL;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	if (report_templates_list(&c, &out)) {
		rc = cli_error(&c.err);
	} else {
		size_t i;
		json_t *t;
		json_array_foreach(json_object_get(out, "items"), i, t)
			printf("%s\t%s\n", json_string_value(json_object_get(t, "code")),
			       json_string_value(json_object_get(t, "name_vi")));
	}
	json_decref(out);
	cli_close(&c);
	return rc;
}

static int report_rebuild_run(const char *db)
{
	struct ctx c;
	struct timespec t0;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (report_rebuild(&c))
		rc = cli_error(&c.err);
	else
		fprintf(stderr, "bienphong: report roll-up rebuilt in %.1f s\n", seconds_since(&t0));
	cli_close(&c);
	return rc;
}

/* A report in a format other than JSON to out_path (standard output when
 * NULL, with a newline after the narrative); returns the exit status. */
static int report_write(const json_t *report, enum report_out_format fmt, const char *lang, bool round,
			const char *out_path)
{
	struct bp_error e;
	if (fmt == REPORT_OUT_XLSX)
		return report_xlsx(report, lang, out_path, &e) ? cli_error(&e) : 0;
	struct buf b;
	int rc = 0;
	buf_init(&b, 256u << 20);
	if (report_out_render(report, fmt, lang, round, &b, &e)) {
		rc = cli_error(&e);
	} else {
		if (fmt == REPORT_OUT_TEXT)
			buf_addc(&b, '\n');
		FILE *f = out_path ? fopen(out_path, "wb") : stdout;
		bool ok = f && fwrite(b.data, 1, b.len, f) == b.len;
		if (f && f != stdout && fclose(f))
			ok = false;
		if (!ok)
			rc = cli_error((err_set(&e, "file_unwritable", out_path ? out_path : "(stdout)"), &e));
	}
	buf_release(&b);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "unit", required_argument, NULL, 'u' },
		{ "period", required_argument, NULL, 'p' },
		{ "template", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "round", no_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		{ "timing", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *format = "json", *lang = "vi", *out_path = NULL;
	struct report_params p = { 0 };
	bool timing = false, round = false;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'u': p.unit = optarg; break;
		case 'p': p.period = optarg; break;
		case 't': p.template = optarg; break;
		case 'f': format = optarg; break;
		case 'l': lang = optarg; break;
		case 'r': round = true; break;
		case 'o': out_path = optarg; break;
		case 'T': timing = true; break;
		default: return cli_usage("report");
		}
	}
	if (optind == argc - 1 && !strcmp(argv[optind], "templates"))
		return report_templates_print(db);
	if (optind == argc - 1 && !strcmp(argv[optind], "rebuild"))
		return report_rebuild_run(db);
	if (optind != argc || !p.unit || !p.period)
		return cli_usage("report");
	struct ctx c;
	struct bp_error e;
	if (strcmp(lang, "vi") && strcmp(lang, "en"))
		return cli_error((err_set(&e, "report_lang_invalid", lang), &e));
	enum report_out_format fmt;
	if (!report_out_format_parse(format, &fmt))
		return cli_error((err_set(&e, "report_format_invalid", format), &e));
	/* A workbook is a file, not text for a terminal. */
	if (fmt == REPORT_OUT_XLSX && !out_path)
		return cli_error((err_field(&e, "field_required", "--out"), &e));
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	json_t *report = NULL;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (report_run(&c, &p, &report)) {
		rc = cli_error(&c.err);
		cli_close(&c);
		return rc;
	}
	double took = seconds_since(&t0);
	if (fmt != REPORT_OUT_JSON) {
		rc = report_write(report, fmt, lang, round, out_path);
		goto done;
	}
	FILE *f = out_path ? fopen(out_path, "w") : stdout;
	if (!f) {
		rc = cli_error((err_set(&e, "file_unwritable", out_path), &e));
	} else {
		json_dumpf(report, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		fputc('\n', f);
		if (f != stdout && fclose(f))
			rc = cli_error((err_set(&e, "file_unwritable", out_path), &e));
	}
done:
	if (timing)
		fprintf(stderr, "report: %.3f ms\n", took * 1000.0);
	json_decref(report);
	cli_close(&c);
	return rc;
}
