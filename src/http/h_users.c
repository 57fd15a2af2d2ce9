/*
 * h_users.c - users over HTTP; the rules are in domain/users.c.
 */
#include "domain/audit.h"
#include "domain/users.h"
#include "http/handlers.h"
#include "util/text.h"

void h_users_list(struct req *r)
{
	int limit;
	if (!http_query_limit(r, &limit))
		return;
	json_t *out = NULL;
	enum bp_err rc = user_list(&r->ctx, limit, http_query(r, "cursor"), &out);
	h_finish(r, rc, 200, out);
}

static void user_write(struct req *r, const char *id)
{
	json_t *in = NULL, *out = NULL;
	bool created = false;
	if (id && !text_uuid_valid(id)) {
		http_reply_code(r, "id_invalid", "id");
		return;
	}
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = user_put(&r->ctx, id, in, &out, &created);
	json_decref(in);
	h_finish(r, rc, created ? 201 : 200, out);
}

void h_users_create(struct req *r)
{
	user_write(r, NULL);
}

void h_user_put(struct req *r)
{
	user_write(r, http_param(r, 0));
}

void h_user_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = user_get(&r->ctx, http_param(r, 0), &out);
	h_finish(r, rc, 200, out);
}

void h_user_patch(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = user_update(&r->ctx, http_param(r, 0), in, &out);
	json_decref(in);
	h_finish(r, rc, 200, out);
}

void h_user_password(struct req *r)
{
	json_t *in = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = user_set_password(&r->ctx, http_param(r, 0), in);
	json_decref(in);
	h_finish(r, rc, 204, NULL);
}

void h_audit_list(struct req *r)
{
	struct audit_filter f = { 0 };
	if (!http_query_limit(r, &f.limit))
		return;
	f.entity = http_query(r, "entity");
	f.entity_id = http_query(r, "entity_id");
	f.since = http_query(r, "since");
	f.cursor = http_query(r, "cursor");
	json_t *out = NULL;
	enum bp_err rc = audit_list(&r->ctx, &f, &out);
	h_finish(r, rc, 200, out);
}
