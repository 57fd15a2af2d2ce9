/*
 * h_coordination.c - conferences, coordination agreements and
 * commendations over HTTP; the rules are in domain/conferences.c,
 * domain/agreements.c and domain/commendations.c. The three answer the
 * same shapes, so one set of handlers serves them through a table of
 * their domain functions.
 */
#include <string.h>

#include "domain/agreements.h"
#include "domain/commendations.h"
#include "domain/conferences.h"
#include "http/handlers.h"

struct coord_api {
	enum bp_err (*get)(struct ctx *c, const char *id, json_t **out);
	enum bp_err (*put)(struct ctx *c, const char *id, json_t *in, enum coord_write mode,
			   json_t **out, enum coord_done *done);
	enum bp_err (*del)(struct ctx *c, const char *id);
};

static const struct coord_api conferences_api = { conference_get, conference_put, conference_delete };
static const struct coord_api agreements_api = { agreement_get, agreement_put, agreement_delete };
static const struct coord_api commendations_api = { commendation_get, commendation_put, commendation_delete };

static void api_get(struct req *r, const struct coord_api *api)
{
	json_t *out = NULL;
	enum bp_err rc = api->get(&r->ctx, http_param(r, 0), &out);
	h_finish(r, rc, 200, out);
}

static void api_write(struct req *r, const struct coord_api *api, const char *id, enum coord_write mode)
{
	json_t *in = NULL, *out = NULL;
	enum coord_done done = COORD_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = api->put(&r->ctx, id, in, mode, &out, &done);
	json_decref(in);
	h_finish(r, rc, done == COORD_CREATED ? 201 : 200, out);
}

static void api_delete(struct req *r, const struct coord_api *api)
{
	h_finish(r, api->del(&r->ctx, http_param(r, 0)), 204, NULL);
}

void h_conferences_list(struct req *r)
{
	struct conference_filter f = { .kind = http_query(r, "kind"), .unit = http_query(r, "unit"),
				       .from = http_query(r, "from"), .to = http_query(r, "to"),
				       .document = http_query(r, "document") };
	int limit;
	json_t *out = NULL;
	if (!http_query_limit(r, &limit))
		return;
	enum bp_err rc = conference_list(&r->ctx, &f, limit, http_query(r, "cursor"), &out);
	h_finish(r, rc, 200, out);
}
void h_conferences_create(struct req *r) { api_write(r, &conferences_api, NULL, COORD_CREATE); }
void h_conference_get(struct req *r) { api_get(r, &conferences_api); }
void h_conference_put(struct req *r) { api_write(r, &conferences_api, http_param(r, 0), COORD_PUT); }
void h_conference_delete(struct req *r) { api_delete(r, &conferences_api); }

void h_agreements_list(struct req *r)
{
	struct agreement_filter f = { .status = http_query(r, "status"), .unit = http_query(r, "unit"),
				      .from = http_query(r, "from"), .to = http_query(r, "to") };
	int limit;
	json_t *out = NULL;
	if (!http_query_limit(r, &limit))
		return;
	enum bp_err rc = agreement_list(&r->ctx, &f, limit, http_query(r, "cursor"), &out);
	h_finish(r, rc, 200, out);
}
void h_agreements_create(struct req *r) { api_write(r, &agreements_api, NULL, COORD_CREATE); }
void h_agreement_get(struct req *r) { api_get(r, &agreements_api); }
void h_agreement_put(struct req *r) { api_write(r, &agreements_api, http_param(r, 0), COORD_PUT); }
void h_agreement_delete(struct req *r) { api_delete(r, &agreements_api); }

void h_agreement_review(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	enum coord_done done = COORD_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = agreement_review(&r->ctx, http_param(r, 0), in, &out, &done);
	json_decref(in);
	h_finish(r, rc, done == COORD_CREATED ? 201 : 200, out);
}

/* The body is optional: {} or {"id": the draft's client id}. */
void h_agreement_renew(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	enum coord_done done = COORD_UNCHANGED;
	if (!r->body.len)
		in = json_object();
	else if (!http_body_json(r, &in))
		return;
	enum bp_err rc = agreement_renew(&r->ctx, http_param(r, 0), in, &out, &done);
	json_decref(in);
	h_finish(r, rc, done == COORD_CREATED ? 201 : 200, out);
}

void h_commendations_list(struct req *r)
{
	struct commendation_filter f = { .level = http_query(r, "level"), .programme = http_query(r, "programme"),
					 .unit = http_query(r, "unit"), .from = http_query(r, "from"),
					 .to = http_query(r, "to") };
	int limit;
	json_t *out = NULL;
	if (!http_query_limit(r, &limit))
		return;
	enum bp_err rc = commendation_list(&r->ctx, &f, limit, http_query(r, "cursor"), &out);
	h_finish(r, rc, 200, out);
}
void h_commendations_create(struct req *r) { api_write(r, &commendations_api, NULL, COORD_CREATE); }
void h_commendation_get(struct req *r) { api_get(r, &commendations_api); }
void h_commendation_put(struct req *r) { api_write(r, &commendations_api, http_param(r, 0), COORD_PUT); }
void h_commendation_delete(struct req *r) { api_delete(r, &commendations_api); }
