/*
 * cli_common.c - helpers every subcommand uses; see cli.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/report_rollup.h"

const char *cli_db_url(const char *opt)
{
	if (opt)
		return opt;
	const char *env = getenv("BIENPHONG_DB");
	return env && *env ? env : DB_URL_DEFAULT;
}

int cli_error(const struct bp_error *e)
{
	fprintf(stderr, "bienphong: lỗi: %s\n           error: %s [%s]\n", e->message_vi,
		e->message_en, e->code);
	return 1;
}

int cli_open(const char *url, bool migrate, struct ctx *c)
{
	struct db *db = NULL;
	struct bp_error e;
	if (db_open(url, &db, &e))
		return cli_error(&e);
	ctx_init_system(c, db);
	if (migrate) {
		int from = 0, to = 0;
		if (db_migrate(db, &from, &to, &e)) {
			db_close(db);
			c->db = NULL;
			return cli_error(&e);
		}
		if (from != to)
			fprintf(stderr, "bienphong: database %s: schema %d -> %d\n", url, from, to);
		/* Records stored before the reports' roll-up (migration 8) get theirs. */
		if (from > 0 && from < 8 && to >= 8 && report_rebuild(c)) {
			int r = cli_error(&c->err);
			db_close(db);
			c->db = NULL;
			return r;
		}
		return 0;
	}
	int v = db_schema_version(db);
	if (v != db_schema_latest()) {
		fprintf(stderr, "bienphong: lỗi: cơ sở dữ liệu %s chưa được khởi tạo hoặc cần cập nhật (lược đồ %d, cần %d); chạy 'bienphong init'\n"
				"           error: database %s is not initialised or is out of date (schema %d, need %d); run 'bienphong init' [db_schema]\n",
			url, v, db_schema_latest(), url, v, db_schema_latest());
		db_close(db);
		c->db = NULL;
		return 1;
	}
	return 0;
}

void cli_close(struct ctx *c)
{
	db_close(c->db);
	c->db = NULL;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

int cli_help_of(const char *cmd)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, cmd)) {
			printf("bienphong %s - %s\n\nusage: %s\n\n"
			       "--db URL       sqlite:FILE (default %s) or postgresql://...; also BIENPHONG_DB\n",
			       c->name, c->summary, c->usage, DB_URL_DEFAULT);
			return 0;
		}
	fprintf(stderr, "bienphong: no help for '%s'\n", cmd);
	return 2;
}

int cli_usage(const char *cmd)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, cmd))
			fprintf(stderr, "usage: %s\n", c->usage);
	return 2;
}

int cli_read_password(char *out, size_t size)
{
	if (!fgets(out, (int)size, stdin)) {
		fprintf(stderr, "bienphong: lỗi: cần nhập mật khẩu ở đầu vào chuẩn\n"
				"           error: the password is read from standard input [password_missing]\n");
		return -1;
	}
	size_t n = strlen(out);
	if (n == size - 1 && out[n - 1] != '\n') {
		fprintf(stderr, "bienphong: error: the password is too long [password_too_long]\n");
		return -1;
	}
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}
