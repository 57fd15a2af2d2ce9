/*
 * cmd_unit.c - `bienphong unit ...`: the unit tree from the command line.
 * Each verb builds the same JSON input the API takes and calls the same
 * domain function.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/units.h"
#include "util/json.h"

enum {
	O_DB = 1, O_CODE, O_KIND, O_NAME, O_NAME_EN, O_PARENT, O_VALID_FROM, O_ID, O_DATE,
	O_ALL, O_ROOT, O_INTO, O_INTO_NEW, O_CHILD, O_FROM, O_TO,
};

static const struct option unit_opts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "code", required_argument, NULL, O_CODE },
	{ "kind", required_argument, NULL, O_KIND },
	{ "name", required_argument, NULL, O_NAME },
	{ "name-en", required_argument, NULL, O_NAME_EN },
	{ "parent", required_argument, NULL, O_PARENT },
	{ "valid-from", required_argument, NULL, O_VALID_FROM },
	{ "id", required_argument, NULL, O_ID },
	{ "date", required_argument, NULL, O_DATE },
	{ "all", no_argument, NULL, O_ALL },
	{ "root", required_argument, NULL, O_ROOT },
	{ "into", required_argument, NULL, O_INTO },
	{ "into-new", required_argument, NULL, O_INTO_NEW },
	{ "child", required_argument, NULL, O_CHILD },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ NULL, 0, NULL, 0 },
};

struct unit_args {
	const char *db, *code, *kind, *name, *name_en, *parent, *valid_from, *id, *date;
	const char *root, *into, *into_new, *from, *to;
	bool all;
	json_t *children; /* --child CODE=TARGET, as an object */
	char **pos;       /* positional arguments after the verb */
	int npos;
};

static int parse(int argc, char **argv, struct unit_args *a)
{
	int o;
	memset(a, 0, sizeof(*a));
	a->children = json_object();
	optind = 0;
	while ((o = getopt_long(argc, argv, "", unit_opts, NULL)) != -1) {
		switch (o) {
		case O_DB: a->db = optarg; break;
		case O_CODE: a->code = optarg; break;
		case O_KIND: a->kind = optarg; break;
		case O_NAME: a->name = optarg; break;
		case O_NAME_EN: a->name_en = optarg; break;
		case O_PARENT: a->parent = optarg; break;
		case O_VALID_FROM: a->valid_from = optarg; break;
		case O_ID: a->id = optarg; break;
		case O_DATE: a->date = optarg; break;
		case O_ALL: a->all = true; break;
		case O_ROOT: a->root = optarg; break;
		case O_INTO: a->into = optarg; break;
		case O_INTO_NEW: a->into_new = optarg; break;
		case O_FROM: a->from = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_CHILD: {
			char *eq = strchr(optarg, '=');
			if (!eq)
				return -1;
			*eq = '\0';
			json_object_set_new(a->children, optarg, json_string(eq + 1));
			break;
		}
		default: return -1;
		}
	}
	a->pos = argv + optind;
	a->npos = argc - optind;
	return 0;
}

/* Adds key: value to o when value is given. */
static void put(json_t *o, const char *key, const char *value)
{
	if (value)
		json_object_set_new(o, key, json_string(value));
}

static void print_unit_line(json_t *u)
{
	json_t *p = json_object_get(u, "parent");
	const char *to = json_string_value(json_object_get(u, "valid_to"));
	printf("%s\t%s\t%s\t%s\t%s\t%s\n", json_string_value(json_object_get(u, "code")),
	       json_string_value(json_object_get(u, "kind")),
	       json_string_value(json_object_get(u, "name")),
	       json_is_object(p) ? json_string_value(json_object_get(p, "code")) : "-",
	       json_string_value(json_object_get(u, "valid_from")), to ? to : "-");
}

static void print_tree(json_t *nodes, int depth)
{
	size_t i;
	json_t *n;
	json_array_foreach(nodes, i, n) {
		printf("%*s%s  %s (%s)\n", depth * 2, "", json_string_value(json_object_get(n, "code")),
		       json_string_value(json_object_get(n, "name")),
		       json_string_value(json_object_get(n, "kind")));
		print_tree(json_object_get(n, "children"), depth + 1);
	}
}

static int run(struct ctx *c, const char *verb, struct unit_args *a)
{
	json_t *in = json_object(), *out = NULL;
	enum bp_err rc = BP_OK;
	if (!strcmp(verb, "add")) {
		put(in, "id", a->id);
		put(in, "code", a->code);
		put(in, "kind", a->kind);
		put(in, "name", a->name);
		put(in, "name_en", a->name_en);
		put(in, "parent", a->parent);
		put(in, "valid_from", a->valid_from);
		bool created = false;
		rc = unit_put(c, a->id, in, false, &out, &created);
		if (!rc)
			printf("%s\t%s\n", json_string_value(json_object_get(out, "id")),
			       created ? "created" : "unchanged");
	} else if (!strcmp(verb, "list")) {
		struct unit_filter f = { .kind = a->kind, .date = a->date, .include_retired = a->all, .limit = 1000 };
		char cursor[72] = "";
		do {
			f.cursor = cursor[0] ? cursor : NULL;
			json_decref(out);
			out = NULL;
			if ((rc = unit_list(c, &f, &out)))
				break;
			size_t i;
			json_t *u;
			json_array_foreach(json_object_get(out, "items"), i, u)
				print_unit_line(u);
			const char *next = json_string_value(json_object_get(out, "next_cursor"));
			snprintf(cursor, sizeof(cursor), "%s", next ? next : "");
		} while (cursor[0]);
	} else if (!strcmp(verb, "show") && a->npos == 1) {
		rc = unit_get(c, a->pos[0], a->date, &out);
		if (!rc) {
			char *s = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			printf("%s\n", s);
			free(s);
		}
	} else if (!strcmp(verb, "tree")) {
		rc = unit_tree(c, a->root, a->date, &out);
		if (!rc)
			print_tree(json_object_get(out, "roots"), 0);
	} else if (!strcmp(verb, "move") && a->npos == 1) {
		put(in, "parent", a->parent);
		put(in, "date", a->date);
		rc = unit_move(c, a->pos[0], in, &out);
		if (!rc)
			print_unit_line(out);
	} else if (!strcmp(verb, "merge") && a->npos >= 1 && (!a->into != !a->into_new)) {
		json_t *src = json_array();
		for (int i = 0; i < a->npos; i++)
			json_array_append_new(src, json_string(a->pos[i]));
		json_object_set_new(in, "sources", src);
		if (a->into)
			put(in, "target", a->into);
		else {
			json_t *t = json_object();
			put(t, "code", a->into_new);
			put(t, "kind", a->kind);
			put(t, "name", a->name);
			put(t, "name_en", a->name_en);
			put(t, "parent", a->parent);
			json_object_set_new(in, "target", t);
		}
		put(in, "date", a->date);
		rc = unit_merge(c, in, &out);
		if (!rc)
			print_unit_line(json_object_get(out, "target"));
	} else if (!strcmp(verb, "split") && a->npos == 1 && a->into) {
		json_t *t = json_array();
		char *list = strdup(a->into), *save = NULL;
		for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			json_array_append_new(t, json_string(tok));
		free(list);
		json_object_set_new(in, "targets", t);
		json_object_set(in, "children", a->children);
		put(in, "date", a->date);
		rc = unit_split(c, a->pos[0], in, &out);
		if (!rc) {
			size_t i;
			json_t *u;
			json_array_foreach(json_object_get(out, "targets"), i, u)
				print_unit_line(u);
		}
	} else if (!strcmp(verb, "dissolve") && a->npos == 1) {
		put(in, "date", a->date);
		rc = unit_dissolve(c, a->pos[0], in, &out);
		if (!rc)
			print_unit_line(out);
	} else if (!strcmp(verb, "link") && a->npos == 2) {
		put(in, "commune", a->pos[1]);
		put(in, "valid_from", a->from);
		put(in, "valid_to", a->to);
		rc = unit_post_link(c, a->pos[0], in, &out);
		if (!rc)
			printf("%s\t%s\t%s\n", json_string_value(json_object_get(out, "post_code")),
			       json_string_value(json_object_get(out, "commune_code")), a->from);
	} else if (!strcmp(verb, "predecessors") && a->npos == 1) {
		rc = unit_predecessors(c, a->pos[0], &out);
		size_t i;
		json_t *u;
		if (!rc)
			json_array_foreach(json_object_get(out, "items"), i, u)
				printf("%s\t%s\t%s\t%s\n", json_string_value(json_object_get(u, "code")),
				       json_string_value(json_object_get(u, "name")),
				       json_string_value(json_object_get(u, "succession")),
				       json_string_value(json_object_get(u, "date")));
	} else {
		json_decref(in);
		return cli_usage("unit");
	}
	json_decref(in);
	json_decref(out);
	return rc ? cli_error(&c->err) : 0;
}

int cmd_unit(int argc, char **argv)
{
	struct unit_args a;
	struct ctx c;
	if (argc < 2)
		return cli_usage("unit");
	const char *verb = argv[1];
	int rc = parse(argc - 1, argv + 1, &a);
	if (rc) {
		json_decref(a.children);
		return cli_usage("unit");
	}
	if (!(rc = cli_open(cli_db_url(a.db), false, &c))) {
		rc = run(&c, verb, &a);
		cli_close(&c);
	}
	json_decref(a.children);
	return rc;
}
