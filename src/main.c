/*
 * main.c - bienphong's entry: picks the subcommand and runs it.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"

const struct cli_command cli_commands[] = {
	{ "init", cmd_init, "create or migrate a database",
	  "bienphong init [--db URL]" },
	{ "serve", cmd_serve, "run the web server",
	  "bienphong serve [--db URL] [--listen HOST:PORT] [--web DIR] [--threads N] [--body-max BYTES] [--quiet] [--cookie-secure]" },
	{ "user", cmd_user, "manage users (add, list, passwd, disable, enable)",
	  "bienphong user add NAME --unit CODE --role viewer|editor|unit_admin|admin [--display-name TEXT] < password\n"
	  "       bienphong user list\n"
	  "       bienphong user passwd NAME < password\n"
	  "       bienphong user disable NAME | enable NAME" },
	{ "unit", cmd_unit, "manage units (add, list, show, tree, move, merge, split, dissolve, link)",
	  "bienphong unit add --code CODE --kind KIND --name NAME [--name-en NAME] [--parent CODE] [--valid-from DATE] [--id UUID]\n"
	  "       bienphong unit list [--date DATE] [--kind KIND] [--all]\n"
	  "       bienphong unit show CODE [--date DATE]\n"
	  "       bienphong unit tree [--date DATE] [--root CODE]\n"
	  "       bienphong unit move CODE --parent CODE --date DATE\n"
	  "       bienphong unit merge SOURCE... --into CODE --date DATE\n"
	  "       bienphong unit merge SOURCE... --into-new CODE --kind KIND --name NAME --parent CODE --date DATE\n"
	  "       bienphong unit split CODE --into CODE,CODE... --date DATE [--child CODE=TARGET]...\n"
	  "       bienphong unit dissolve CODE --date DATE\n"
	  "       bienphong unit link POST COMMUNE --from DATE [--to DATE]\n"
	  "       bienphong unit predecessors CODE\n"
	  "  kinds: nation province force_command district commune ward village border_post agency" },
	{ "backup", cmd_backup, "copy a SQLite database to a file while it is in use",
	  "bienphong backup FILE [--db URL]" },
	{ "restore", cmd_restore, "replace a SQLite database's contents with a backup file",
	  "bienphong restore FILE [--db URL]" },
	{ "copy", cmd_copy, "copy every record from one database into another, ids kept",
	  "bienphong copy --from URL --to URL" },
	{ "import", cmd_import, "import markers, segments, gates, roads, activities or households from a file",
	  "bienphong import markers|segments|gates|roads FILE [--format geojson|kml|gpx|csv] [--db URL]\n"
	  "       bienphong import activities FILE.csv [--unit CODE] [--db URL]\n"
	  "  FILE may be - (standard input, with --format); all or nothing: a bad file imports nothing\n"
	  "  and every problem is listed as FILE:N: code: message (N: feature number or CSV line);\n"
	  "  size limit BIENPHONG_IMPORT_MAX (default 64M)\n"
	  "       bienphong import households FILE.csv [--db URL]\n"
	  "  households and collectives with their self-management registrations (docs/participation.md)" },
	{ "export", cmd_export, "export markers, segments, gates, roads, activities or households",
	  "bienphong export markers|segments|gates|roads [--format geojson|kml|gpx|csv] [--unit CODE] [--border VN-CN|VN-LA|VN-KH]\n"
	  "       [--condition C] [--bbox WEST,SOUTH,EAST,NORTH] [--out FILE] [--db URL]\n"
	  "       bienphong export activities [--type CODE] [--category C] [--unit CODE] [--from DATE] [--to DATE] [--q TEXT]\n"
	  "       [--out FILE] [--db URL]   (CSV)\n"
	  "       bienphong export households [--unit CODE] [--out FILE.csv] [--db URL]\n"
	  "  to standard output unless --out; the format defaults to --out's extension, else geojson" },
	{ "template", cmd_template, "write the bulk-entry template of an activity type (CSV or XLSX)",
	  "bienphong template activities --type CODE [--format csv|xlsx] -o FILE [--db URL]\n"
	  "  the format defaults to FILE's extension" },
	{ "report", cmd_report, "write a report of a unit for a period (JSON, CSV, XLSX, HTML, text)",
	  "bienphong report --unit CODE --period 2023|2023-Q1|2023-03|2019..2024|M2023 [--template T]\n"
	  "                 [--format json|csv|xlsx|html|text] [--lang vi|en] [--round] [--out FILE]\n"
	  "                 [--timing] [--db URL]\n"
	  "bienphong report templates [--db URL]   the report templates, code first\n"
	  "bienphong report rebuild [--db URL]     make the reports' roll-up again from the records" },
	{ "demo", cmd_demo, "build a demo province (Lạng Sơn) and print its logins",
	  "bienphong demo [--db URL]" },
	{ "routes", cmd_routes, "list the HTTP API routes", "bienphong routes" },
	{ "version", cmd_version, "print the version", "bienphong version" },
	{ "help", cmd_help, "show help for a command", "bienphong help [COMMAND]" },
	{ NULL, NULL, NULL, NULL },
};

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "bienphong: libsodium failed to start\n");
		return 1;
	}
	if (argc < 2)
		return cmd_help(1, argv);
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		return cmd_help(1, argv);
	if (!strcmp(name, "--version"))
		return cmd_version(1, argv);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name)) {
			if (cli_wants_help(argc - 1, argv + 1) && strcmp(name, "help"))
				return cli_help_of(name);
			return c->fn(argc - 1, argv + 1);
		}
	fprintf(stderr, "bienphong: '%s' is not a command; see 'bienphong help'\n", name);
	return 2;
}
