/*
 * cmd_backup.c - `bienphong backup`, `restore` and `copy`.
 *
 * backup and restore use SQLite's online backup API, so a running server
 * need not stop; PostgreSQL is backed up with pg_dump (docs/operations.md).
 * copy moves every record from one database to another, ids kept: a
 * commune's SQLite file into the province's PostgreSQL, for one.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/report_rollup.h"

static int backup_or_restore(int argc, char **argv, bool restore)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	const char *cmd = restore ? "restore" : "backup";
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 'd')
			return cli_usage(cmd);
		db = optarg;
	}
	if (optind != argc - 1)
		return cli_usage(cmd);
	const char *file = argv[optind];
	struct ctx c;
	/* A restore may go into a new, empty database; a backup needs a whole one. */
	int rc = cli_open(cli_db_url(db), restore, &c);
	if (rc)
		return rc;
	enum bp_err err = restore ? db_restore(c.db, file, &c.err) : db_backup(c.db, file, &c.err);
	if (err)
		rc = cli_error(&c.err);
	else if (restore)
		printf("%s: restored from %s (schema %d)\n", db_url(c.db), file, db_schema_version(c.db));
	else
		printf("%s: backed up to %s\n", db_url(c.db), file);
	cli_close(&c);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	return backup_or_restore(argc, argv, false);
}

int cmd_restore(int argc, char **argv)
{
	return backup_or_restore(argc, argv, true);
}

int cmd_copy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		default: return cli_usage("copy");
		}
	}
	if (optind != argc || !from || !to || !strcmp(from, to))
		return cli_usage("copy");
	struct ctx src, dst;
	int rc = cli_open(from, false, &src);
	if (rc)
		return rc;
	if ((rc = cli_open(to, true, &dst))) {
		cli_close(&src);
		return rc;
	}
	json_t *counts = json_object();
	/* The copied activities count in the target's reports: its roll-up is
	 * made again from all it holds now. */
	if (db_copy(src.db, dst.db, counts, &dst.err) || report_rebuild(&dst)) {
		rc = cli_error(&dst.err);
	} else {
		const char *table;
		json_t *n;
		json_object_foreach(counts, table, n)
			printf("%s\t%lld\n", table, (long long)json_integer_value(n));
	}
	json_decref(counts);
	cli_close(&src);
	cli_close(&dst);
	return rc;
}
