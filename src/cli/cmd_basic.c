/*
 * cmd_basic.c - the small commands: init, version, help, routes, demo.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/catalog.h"
#include "domain/demo.h"
#include "domain/report_templates.h"
#include "http/http.h"
#include "version.h"

static const struct option db_only_opts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ NULL, 0, NULL, 0 },
};

/* Parses a command that takes only --db. */
static int db_only(int argc, char **argv, const char *cmd, const char **url)
{
	int o;
	*url = NULL;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", db_only_opts, NULL)) != -1) {
		if (o != 'd')
			return cli_usage(cmd);
		*url = optarg;
	}
	if (optind < argc)
		return cli_usage(cmd);
	*url = cli_db_url(*url);
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const char *url;
	struct ctx c;
	int rc = db_only(argc, argv, "init", &url);
	if (rc)
		return rc;
	if ((rc = cli_open(url, true, &c)))
		return rc;
	/* The catalog that ships with the program: what is missing only, so
	 * running init again or after an upgrade keeps an admin's edits. */
	int added = 0;
	if (catalog_seed(&c, &added)) {
		rc = cli_error(&c.err);
		cli_close(&c);
		return rc;
	}
	int templates = 0;
	if (report_templates_seed(&c, &templates)) {
		rc = cli_error(&c.err);
		cli_close(&c);
		return rc;
	}
	printf("%s: schema %d\n", url, db_schema_version(c.db));
	if (added)
		printf("%s: %d catalog entries added (chỉ tiêu, loại hoạt động)\n", url, added);
	if (templates)
		printf("%s: %d report templates added (mẫu báo cáo)\n", url, templates);
	cli_close(&c);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	const char *url;
	struct ctx c;
	json_t *logins = NULL;
	int rc = db_only(argc, argv, "demo", &url);
	if (rc)
		return rc;
	if ((rc = cli_open(url, true, &c)))
		return rc;
	if (demo_build(&c, &logins)) {
		rc = cli_error(&c.err);
		cli_close(&c);
		return rc;
	}
	printf("Dữ liệu mẫu tỉnh Lạng Sơn đã sẵn sàng / The Lạng Sơn demo is ready.\n"
	       "Đăng nhập / logins:\n");
	size_t i;
	json_t *l;
	json_array_foreach(logins, i, l)
		printf("  %-16s %-10s %-11s %s\n", json_string_value(json_object_get(l, "username")),
		       json_string_value(json_object_get(l, "password")),
		       json_string_value(json_object_get(l, "role")),
		       json_string_value(json_object_get(l, "unit")));
	json_decref(logins);
	cli_close(&c);
	return 0;
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("bienphong %s (schema %d)\n", BIENPHONG_VERSION, db_schema_latest());
	return 0;
}

int cmd_help(int argc, char **argv)
{
	if (argc > 1)
		return cli_help_of(argv[1]);
	printf("bienphong %s - hệ thống thông tin nền biên phòng toàn dân\n"
	       "               information system of the all-people border defense\n\n"
	       "usage: bienphong COMMAND [OPTIONS]\n\ncommands:\n", BIENPHONG_VERSION);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		printf("  %-9s %s\n", c->name, c->summary);
	printf("\n'bienphong help COMMAND' or 'bienphong COMMAND --help' tells more.\n"
	       "Every command takes --db URL (default %s; also BIENPHONG_DB).\n", DB_URL_DEFAULT);
	return 0;
}

int cmd_routes(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < http_routes_count; i++)
		printf("%s\t%s\t%s\t%s\n", http_routes[i].method, http_routes[i].pattern,
		       http_routes[i].auth == ROUTE_PUBLIC ? "public" : "user", http_routes[i].summary);
	return 0;
}
