/*
 * h_catalog.c - the catalog of indicators and activity types over HTTP
 * (docs/participation.md); the rules are in domain/catalog.c.
 */
#include <string.h>

#include "domain/catalog.h"
#include "http/handlers.h"

static bool with_retired(struct req *r)
{
	const char *v = http_query(r, "retired");
	return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

void h_indicators_list(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = catalog_indicator_list(&r->ctx, with_retired(r), &out);
	h_finish(r, rc, 200, out);
}

void h_indicators_create(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	/* A retried create answers 200 with what is stored; a new one 201. */
	bool created = false;
	enum bp_err rc = catalog_indicator_create(&r->ctx, in, &out, &created);
	json_decref(in);
	h_finish(r, rc, created ? 201 : 200, out);
}

void h_indicator_patch(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = catalog_indicator_patch(&r->ctx, http_param(r, 0), in, &out);
	json_decref(in);
	h_finish(r, rc, 200, out);
}

void h_activity_types_list(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = catalog_type_list(&r->ctx, with_retired(r), &out);
	h_finish(r, rc, 200, out);
}

void h_activity_types_create(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	bool created = false;
	enum bp_err rc = catalog_type_create(&r->ctx, in, &out, &created);
	json_decref(in);
	h_finish(r, rc, created ? 201 : 200, out);
}

void h_activity_type_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = catalog_type_get(&r->ctx, http_param(r, 0), &out);
	h_finish(r, rc, 200, out);
}

void h_activity_type_patch(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = catalog_type_patch(&r->ctx, http_param(r, 0), in, &out);
	json_decref(in);
	h_finish(r, rc, 200, out);
}
