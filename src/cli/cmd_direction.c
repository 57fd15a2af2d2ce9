/*
 * cmd_direction.c - direction and coordination at the command line:
 *   bienphong document list [--unit CODE] [--kind K] [--year Y] [--q TEXT]
 *   bienphong document tree NUMBER|ID
 *   bienphong task list [--unit CODE] [--status S] [--overdue]
 *   bienphong agreement renew ID
 * Each is a thin call into the domain (documents.c, tasks.c,
 * agreements.c), acting as the system like the other commands. Lists
 * print one record a line, fields separated by tabs, "-" for an empty
 * one, so that grep, cut and sort work on them; errors go to standard
 * error with their code, and the exit status is 1 (2 for bad usage).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/agreements.h"
#include "domain/documents.h"
#include "domain/tasks.h"
#include "util/buf.h"
#include "util/text.h"

/* A field for a tab-separated line: "-" for none, tabs and newlines as spaces. */
static void field(const char *s, bool last)
{
	if (!s || !*s)
		fputs("-", stdout);
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar(last ? '\n' : '\t');
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *unit_code(json_t *o)
{
	return str(json_object_get(o, "unit"), "code");
}

/* id, issued_on, kind, number_symbol, issuing unit, issuing body, title */
static void document_line(json_t *d)
{
	field(str(d, "id"), false);
	field(str(d, "issued_on"), false);
	field(str(d, "kind"), false);
	field(str(d, "number_symbol"), false);
	field(unit_code(d), false);
	field(str(d, "issuing_body"), false);
	field(str(d, "title"), true);
}

/* Every page of document_list, through fn (each item); stops at an error. */
static enum bp_err each_document(struct ctx *c, struct document_filter *f, void (*fn)(json_t *d, void *arg),
				 void *arg)
{
	char cursor[80] = "";
	enum bp_err rc;
	f->limit = 1000;
	do {
		json_t *out = NULL, *d;
		size_t i;
		f->cursor = cursor[0] ? cursor : NULL;
		if ((rc = document_list(c, f, &out)))
			return rc;
		json_array_foreach(json_object_get(out, "items"), i, d)
			fn(d, arg);
		const char *next = str(out, "next_cursor");
		snprintf(cursor, sizeof(cursor), "%s", next ? next : "");
		json_decref(out);
	} while (cursor[0]);
	return BP_OK;
}

static void print_document(json_t *d, void *arg)
{
	(void)arg;
	document_line(d);
}

struct number_match {
	const char *number;
	json_t *ids;
};

static void match_number(json_t *d, void *arg)
{
	struct number_match *m = arg;
	const char *n = str(d, "number_symbol");
	if (n && !strcmp(n, m->number))
		json_array_append_new(m->ids, json_string(str(d, "id")));
}

/*
 * The document named by ref: its id, or its number and symbol exactly as
 * written. Many units write "05/KH-UBND"; a number held by more than one
 * document is refused with the ids to choose from.
 */
static enum bp_err document_ref(struct ctx *c, const char *ref, char id[37])
{
	if (text_uuid_valid(ref)) {
		snprintf(id, 37, "%s", ref);
		return BP_OK;
	}
	struct document_filter f = { .q = ref };
	struct number_match m = { .number = ref, .ids = json_array() };
	enum bp_err rc = each_document(c, &f, match_number, &m);
	if (!rc && json_array_size(m.ids) == 0)
		rc = err_set(&c->err, "document_not_found", ref);
	else if (!rc && json_array_size(m.ids) > 1) {
		struct buf d;
		buf_init(&d, 4096);
		size_t i;
		json_t *v;
		buf_addf(&d, "%s:", ref);
		json_array_foreach(m.ids, i, v)
			buf_addf(&d, " %s", json_string_value(v));
		rc = err_set(&c->err, "document_number_ambiguous", d.data);
		buf_release(&d);
	} else if (!rc)
		snprintf(id, 37, "%s", json_string_value(json_array_get(m.ids, 0)));
	json_decref(m.ids);
	return rc;
}

/* One node of the cascade: number, date, issuer, title, and its tasks. */
static void node_line(json_t *n, int depth, bool self)
{
	printf("%*s%s", depth * 2, "", self ? "* " : "");
	if (json_is_true(json_object_get(n, "hidden"))) {
		printf("(văn bản ngoài phạm vi / a document out of scope)\n");
		return;
	}
	const char *num = str(n, "number_symbol");
	json_t *t = json_object_get(n, "tasks");
	printf("%s  %s  %s: %s", num ? num : "(không số / no number)", str(n, "issued_on"), str(n, "issuing_body"),
	       str(n, "title"));
	long long total = json_integer_value(json_object_get(t, "total"));
	if (total)
		printf("  [tasks %lld: %lld not started, %lld in progress, %lld done, %lld overdue]", total,
		       (long long)json_integer_value(json_object_get(t, "not_started")),
		       (long long)json_integer_value(json_object_get(t, "in_progress")),
		       (long long)json_integer_value(json_object_get(t, "done")),
		       (long long)json_integer_value(json_object_get(t, "overdue")));
	putchar('\n');
}

static void print_children(json_t *n, int depth)
{
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(n, "children"), i, k) {
		node_line(k, depth, false);
		print_children(k, depth + 1);
	}
}

static int document_tree(struct ctx *c, const char *ref)
{
	char id[37];
	json_t *out = NULL, *a;
	size_t i;
	if (document_ref(c, ref, id) || document_cascade(c, id, &out))
		return cli_error(&c->err);
	json_t *anc = json_object_get(out, "ancestors");
	json_array_foreach(anc, i, a)
		node_line(a, (int)i, false);
	int depth = (int)json_array_size(anc);
	node_line(json_object_get(out, "document"), depth, true);
	print_children(json_object_get(out, "document"), depth + 1);
	json_decref(out);
	return 0;
}

int cmd_document(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "unit", required_argument, NULL, 'u' },
		{ "kind", required_argument, NULL, 'k' },
		{ "year", required_argument, NULL, 'y' },
		{ "q", required_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	struct document_filter f = { 0 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'u': f.unit = optarg; break;
		case 'k': f.kind = optarg; break;
		case 'y': f.year = optarg; break;
		case 'q': f.q = optarg; break;
		default: return cli_usage("document");
		}
	}
	int npos = argc - optind;
	const char *verb = npos > 0 ? argv[optind] : "";
	bool list = !strcmp(verb, "list") && npos == 1;
	bool tree = !strcmp(verb, "tree") && npos == 2 && !f.unit && !f.kind && !f.year && !f.q;
	if (!list && !tree)
		return cli_usage("document");
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	if (tree)
		rc = document_tree(&c, argv[optind + 1]);
	else if (each_document(&c, &f, print_document, NULL))
		rc = cli_error(&c.err);
	cli_close(&c);
	return rc;
}

/* id, due_on, status, progress %, overdue|late|-, lead unit, document, title */
static void task_line(json_t *t)
{
	char pct[16];
	snprintf(pct, sizeof(pct), "%lld%%", (long long)json_integer_value(json_object_get(t, "progress")));
	field(str(t, "id"), false);
	field(str(t, "due_on"), false);
	field(str(t, "status"), false);
	field(pct, false);
	field(json_is_true(json_object_get(t, "overdue")) ? "overdue"
	      : json_is_true(json_object_get(t, "late")) ? "late" : NULL, false);
	field(unit_code(t), false);
	field(str(json_object_get(t, "document"), "number_symbol"), false);
	field(str(t, "title"), true);
}

int cmd_task(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "unit", required_argument, NULL, 'u' },
		{ "status", required_argument, NULL, 's' },
		{ "overdue", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	struct task_filter f = { .limit = 1000 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'u': f.unit = optarg; break;
		case 's': f.status = optarg; break;
		case 'o': f.overdue = true; break;
		default: return cli_usage("task");
		}
	}
	if (argc - optind != 1 || strcmp(argv[optind], "list"))
		return cli_usage("task");
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	char cursor[80] = "";
	do {
		json_t *out = NULL, *t;
		size_t i;
		f.cursor = cursor[0] ? cursor : NULL;
		if (task_list(&c, &f, &out)) {
			rc = cli_error(&c.err);
			break;
		}
		json_array_foreach(json_object_get(out, "items"), i, t)
			task_line(t);
		const char *next = str(out, "next_cursor");
		snprintf(cursor, sizeof(cursor), "%s", next ? next : "");
		json_decref(out);
	} while (cursor[0]);
	cli_close(&c);
	return rc;
}

int cmd_agreement(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		default: return cli_usage("agreement");
		}
	}
	if (argc - optind != 2 || strcmp(argv[optind], "renew"))
		return cli_usage("agreement");
	struct ctx c;
	int rc = cli_open(cli_db_url(db), false, &c);
	if (rc)
		return rc;
	json_t *in = json_object(), *out = NULL;
	enum coord_done done = COORD_UNCHANGED;
	if (agreement_renew(&c, argv[optind + 1], in, &out, &done))
		rc = cli_error(&c.err);
	else {
		/* id, created|unchanged (the draft made before), status, period, title */
		field(str(out, "id"), false);
		field(done == COORD_CREATED ? "created" : "unchanged", false);
		field(str(out, "status"), false);
		field(str(out, "period_from"), false);
		field(str(out, "period_to"), false);
		field(str(out, "title"), true);
	}
	json_decref(in);
	json_decref(out);
	cli_close(&c);
	return rc;
}
