/*
 * cmd_report.c - reports at the command line (docs/reports.md):
 *   bienphong report --unit CODE --period P [--template T] [--format json]
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
	bool timing = false;
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
		case 'r': break;
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
	if (strcmp(format, "json"))
		return cli_error((err_set(&e, "report_format_invalid", format), &e));
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
	FILE *f = out_path ? fopen(out_path, "w") : stdout;
	if (!f) {
		rc = cli_error((err_set(&e, "file_unwritable", out_path), &e));
	} else {
		json_dumpf(report, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		fputc('\n', f);
		if (f != stdout && fclose(f))
			rc = cli_error((err_set(&e, "file_unwritable", out_path), &e));
	}
	if (timing)
		fprintf(stderr, "report: %.3f ms\n", took * 1000.0);
	json_decref(report);
	cli_close(&c);
	return rc;
}
