/*
 * h_units.c - the unit tree over HTTP; the rules are in domain/units.c.
 */
#include <string.h>

#include "domain/units.h"
#include "http/handlers.h"
#include "util/text.h"

void h_units_list(struct req *r)
{
	struct unit_filter f = { 0 };
	if (!http_query_limit(r, &f.limit))
		return;
	f.kind = http_query(r, "kind");
	f.q = http_query(r, "q");
	f.date = http_query(r, "date");
	f.cursor = http_query(r, "cursor");
	const char *all = http_query(r, "include_retired");
	f.include_retired = all && (!strcmp(all, "1") || !strcmp(all, "true"));
	json_t *out = NULL;
	enum bp_err rc = unit_list(&r->ctx, &f, &out);
	h_finish(r, rc, 200, out);
}

static void unit_write(struct req *r, const char *id, bool is_put)
{
	json_t *in = NULL, *out = NULL;
	bool created = false;
	if (id && !text_uuid_valid(id)) {
		http_reply_code(r, "id_invalid", "id");
		return;
	}
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = unit_put(&r->ctx, id, in, is_put, &out, &created);
	json_decref(in);
	h_finish(r, rc, created ? 201 : 200, out);
}

void h_units_create(struct req *r)
{
	unit_write(r, NULL, false);
}

void h_unit_put(struct req *r)
{
	unit_write(r, http_param(r, 0), true);
}

void h_units_tree(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = unit_tree(&r->ctx, http_query(r, "root"), http_query(r, "date"), &out);
	h_finish(r, rc, 200, out);
}

void h_unit_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = unit_get(&r->ctx, http_param(r, 0), http_query(r, "date"), &out);
	h_finish(r, rc, 200, out);
}

typedef enum bp_err (*unit_action)(struct ctx *c, const char *id, json_t *in, json_t **out);

static void unit_act(struct req *r, unit_action fn)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = fn(&r->ctx, http_param(r, 0), in, &out);
	json_decref(in);
	h_finish(r, rc, 200, out);
}

void h_unit_move(struct req *r)
{
	unit_act(r, unit_move);
}

void h_unit_split(struct req *r)
{
	unit_act(r, unit_split);
}

void h_unit_dissolve(struct req *r)
{
	unit_act(r, unit_dissolve);
}

void h_unit_communes_add(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = unit_post_link(&r->ctx, http_param(r, 0), in, &out);
	json_decref(in);
	h_finish(r, rc, 201, out);
}

void h_units_merge(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = unit_merge(&r->ctx, in, &out);
	json_decref(in);
	h_finish(r, rc, 200, out);
}

void h_unit_subtree(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = unit_subtree(&r->ctx, http_param(r, 0), http_query(r, "date"), &out);
	h_finish(r, rc, 200, out);
}

void h_unit_predecessors(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = unit_predecessors(&r->ctx, http_param(r, 0), &out);
	h_finish(r, rc, 200, out);
}

void h_unit_communes(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = unit_post_communes(&r->ctx, http_param(r, 0), http_query(r, "date"), &out);
	h_finish(r, rc, 200, out);
}
