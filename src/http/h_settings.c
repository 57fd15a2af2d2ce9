/*
 * h_settings.c - the server's run-time settings over HTTP: GET and PUT
 * /api/settings/map (domain/settings.h).
 */
#include "domain/settings.h"
#include "http/handlers.h"

void h_settings_map_get(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = settings_map_get(&r->ctx, &out);
	h_finish(r, rc, 200, out);
}

void h_settings_map_put(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = settings_map_put(&r->ctx, in, &out);
	json_decref(in);
	h_finish(r, rc, 200, out);
}
