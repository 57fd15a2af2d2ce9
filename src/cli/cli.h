/*
 * cli.h - the command line: one file per subcommand (cmd_*.c), a table of
 * them in main.c, and the helpers they share here. Commands act as the
 * system (the operator holds the database file anyway) and print errors
 * in Vietnamese and English with their stable code.
 */
#ifndef BP_CLI_H
#define BP_CLI_H

#include <stdbool.h>
#include <jansson.h>

#include "domain/ctx.h"

struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

extern const struct cli_command cli_commands[];

#define DB_URL_DEFAULT "sqlite:bienphong.db"

/* --db, else BIENPHONG_DB, else the default. */
const char *cli_db_url(const char *opt);
/*
 * Opens the database for a command. With migrate it creates or brings the
 * schema up to date; without, a database that is not up to date is an
 * error that says to run `bienphong init`.
 */
int cli_open(const char *url, bool migrate, struct ctx *c);
void cli_close(struct ctx *c);
/* Prints an error in both languages; returns the exit status 1. */
int cli_error(const struct bp_error *e);
/* Prints "usage: ..." for the command and returns 2. */
int cli_usage(const char *cmd);
/* True when argv[i] is "--help" or "-h" anywhere. */
bool cli_wants_help(int argc, char **argv);
/* Prints the help text of one command. */
int cli_help_of(const char *cmd);
/* Reads a password: the first line of standard input, without its newline. */
int cli_read_password(char *out, size_t size);

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_unit(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
/* cmd_activities.c: activities in files; the first argument that is not
 * an option (nor an option's value) is word. */
bool cli_first_arg_is(int argc, char **argv, const char *word);
int cmd_import_activities(int argc, char **argv);
int cmd_export_activities(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_report(int argc, char **argv);
/* cmd_people.c: the households' CSV, reached through import and export */
int cmd_import_households(const char *path, const char *db);
int cmd_export_households(const char *db, const char *unit, const char *out);

#endif
