/*
 * cmd_user.c - `bienphong user ...`. Passwords are read from standard
 * input, never from the command line, where other users of the machine
 * could read them in the process list.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "domain/users.h"

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "unit", required_argument, NULL, 'u' },
		{ "role", required_argument, NULL, 'r' },
		{ "display-name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *unit = NULL, *role = NULL, *display = NULL;
	if (argc < 2)
		return cli_usage("user");
	const char *verb = argv[1];
	int o;
	optind = 0;
	while ((o = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'u': unit = optarg; break;
		case 'r': role = optarg; break;
		case 'n': display = optarg; break;
		default: return cli_usage("user");
		}
	}
	char **pos = argv + 1 + optind;
	int npos = argc - 1 - optind;
	bool ok = (!strcmp(verb, "list") && npos == 0) ||
		  (!strcmp(verb, "add") && npos == 1 && unit && role) ||
		  ((!strcmp(verb, "passwd") || !strcmp(verb, "disable") || !strcmp(verb, "enable")) && npos == 1);
	if (!ok)
		return cli_usage("user");
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	char pw[300] = "";
	json_t *in = json_object(), *out = NULL;
	enum bp_err err = BP_OK;
	if ((!strcmp(verb, "add") || !strcmp(verb, "passwd")) && cli_read_password(pw, sizeof(pw))) {
		rc = 1;
		goto out;
	}
	if (!strcmp(verb, "add")) {
		bool created = false;
		json_object_set_new(in, "username", json_string(pos[0]));
		json_object_set_new(in, "password", json_string(pw));
		json_object_set_new(in, "unit", json_string(unit));
		json_object_set_new(in, "role", json_string(role));
		if (display)
			json_object_set_new(in, "display_name", json_string(display));
		err = user_put(&c, NULL, in, &out, &created);
		if (!err)
			printf("%s\t%s\n", json_string_value(json_object_get(out, "id")),
			       created ? "created" : "unchanged");
	} else if (!strcmp(verb, "list")) {
		err = user_list(&c, 1000, NULL, &out);
		size_t i;
		json_t *u;
		if (!err)
			json_array_foreach(json_object_get(out, "items"), i, u)
				printf("%s\t%s\t%s%s\n", json_string_value(json_object_get(u, "username")),
				       json_string_value(json_object_get(u, "role")),
				       json_string_value(json_object_get(json_object_get(u, "unit"), "code")),
				       json_is_true(json_object_get(u, "disabled")) ? "\tdisabled" : "");
	} else if (!strcmp(verb, "passwd")) {
		json_object_set_new(in, "password", json_string(pw));
		err = user_set_password(&c, pos[0], in);
	} else {
		json_object_set_new(in, "disabled", json_boolean(!strcmp(verb, "disable")));
		err = user_update(&c, pos[0], in, &out);
	}
	if (err)
		rc = cli_error(&c.err);
out:
	sodium_memzero(pw, sizeof(pw));
	json_decref(in);
	json_decref(out);
	cli_close(&c);
	return rc;
}
