/*
 * h_people.c - people's participation over HTTP: households and
 * collectives, self-management registrations, groups, twinnings, the
 * stocks as of a date, and the households' CSV in and out. The rules are
 * in domain/households.c and its siblings; these handlers only read the
 * request and answer.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/groups.h"
#include "domain/household_import.h"
#include "domain/households.h"
#include "domain/registrations.h"
#include "domain/stocks.h"
#include "domain/twinnings.h"
#include "http/handlers.h"

struct people_api {
	enum bp_err (*get)(struct ctx *c, const char *id, json_t **out);
	enum bp_err (*list)(struct ctx *c, const struct people_filter *f, int limit, const char *cursor,
			    json_t **out);
	enum bp_err (*put)(struct ctx *c, const char *id, json_t *in, enum layer_write mode, json_t **out,
			   enum layer_done *done);
	enum bp_err (*del)(struct ctx *c, const char *id);
};

static const struct people_api households_api = { household_get, household_list, household_put, household_delete };
static const struct people_api registrations_api = { registration_get, registration_list, registration_put,
						     registration_delete };
static const struct people_api groups_api = { group_get, group_list, group_put, group_delete };
static const struct people_api twinnings_api = { twinning_get, twinning_list, twinning_put, twinning_delete };

/* Kilometres go out as stored, to the metre: 15 significant digits (see h_registry.c). */
static void reply(struct req *r, enum bp_err rc, int status, json_t *out)
{
	if (rc) {
		http_reply_ctx_error(r);
	} else {
		char *s = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		http_reply_raw(r, status, "application/json; charset=utf-8", s, strlen(s), NULL, NULL);
		free(s);
	}
	json_decref(out);
}

static void api_list(struct req *r, const struct people_api *api)
{
	int limit;
	if (!http_query_limit(r, &limit))
		return;
	struct people_filter f = {
		.unit = http_query(r, "unit"), .village = http_query(r, "village"), .kind = http_query(r, "kind"),
		.active_on = http_query(r, "active_on"), .q = http_query(r, "q"),
		.household = http_query(r, "household"), .country = http_query(r, "country"),
	};
	json_t *out = NULL;
	enum bp_err rc = api->list(&r->ctx, &f, limit, http_query(r, "cursor"), &out);
	reply(r, rc, 200, out);
}

static void api_get(struct req *r, const struct people_api *api)
{
	json_t *out = NULL;
	enum bp_err rc = api->get(&r->ctx, http_param(r, 0), &out);
	reply(r, rc, 200, out);
}

static void api_write(struct req *r, const struct people_api *api, const char *id, enum layer_write mode)
{
	json_t *in = NULL, *out = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = api->put(&r->ctx, id, in, mode, &out, &done);
	json_decref(in);
	reply(r, rc, done == LAYER_CREATED ? 201 : 200, out);
}

static void api_delete(struct req *r, const struct people_api *api)
{
	enum bp_err rc = api->del(&r->ctx, http_param(r, 0));
	h_finish(r, rc, 204, NULL);
}

void h_households_list(struct req *r) { api_list(r, &households_api); }
void h_households_create(struct req *r) { api_write(r, &households_api, NULL, LAYER_CREATE); }
void h_household_get(struct req *r) { api_get(r, &households_api); }
void h_household_put(struct req *r) { api_write(r, &households_api, http_param(r, 0), LAYER_PUT); }
void h_household_patch(struct req *r) { api_write(r, &households_api, http_param(r, 0), LAYER_PATCH); }
void h_household_delete(struct req *r) { api_delete(r, &households_api); }

void h_registrations_list(struct req *r) { api_list(r, &registrations_api); }
void h_registrations_create(struct req *r) { api_write(r, &registrations_api, NULL, LAYER_CREATE); }
void h_registration_get(struct req *r) { api_get(r, &registrations_api); }
void h_registration_put(struct req *r) { api_write(r, &registrations_api, http_param(r, 0), LAYER_PUT); }
void h_registration_patch(struct req *r) { api_write(r, &registrations_api, http_param(r, 0), LAYER_PATCH); }
void h_registration_delete(struct req *r) { api_delete(r, &registrations_api); }

void h_groups_list(struct req *r) { api_list(r, &groups_api); }
void h_groups_create(struct req *r) { api_write(r, &groups_api, NULL, LAYER_CREATE); }
void h_group_get(struct req *r) { api_get(r, &groups_api); }
void h_group_put(struct req *r) { api_write(r, &groups_api, http_param(r, 0), LAYER_PUT); }
void h_group_patch(struct req *r) { api_write(r, &groups_api, http_param(r, 0), LAYER_PATCH); }
void h_group_delete(struct req *r) { api_delete(r, &groups_api); }

void h_twinnings_list(struct req *r) { api_list(r, &twinnings_api); }
void h_twinnings_create(struct req *r) { api_write(r, &twinnings_api, NULL, LAYER_CREATE); }
void h_twinning_get(struct req *r) { api_get(r, &twinnings_api); }
void h_twinning_put(struct req *r) { api_write(r, &twinnings_api, http_param(r, 0), LAYER_PUT); }
void h_twinning_patch(struct req *r) { api_write(r, &twinnings_api, http_param(r, 0), LAYER_PATCH); }
void h_twinning_delete(struct req *r) { api_delete(r, &twinnings_api); }

void h_stocks(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = stocks_get(&r->ctx, http_query(r, "unit"), http_query(r, "date"), &out);
	reply(r, rc, 200, out);
}

/*
 * The households' CSV: the body itself (text/csv) or the first file of a
 * multipart/form-data upload. The answer is the summary, or the error
 * with every bad line: {"error", "problems": [{"where", "code", ...}]},
 * 422 when lines were bad (403 when one is out of the user's scope).
 */
void h_households_import(struct req *r)
{
	const char *data;
	size_t len;
	char filename[256];
	if (!h_csv_body(r, &data, &len, filename, sizeof(filename)))
		return;
	json_t *summary = NULL, *problems = NULL;
	if (household_import(&r->ctx, data, len, filename[0] ? filename : http_query(r, "name"), &summary, &problems))
		h_reply_import_error(r, problems);
	else
		http_reply_json(r, 200, summary);
	json_decref(summary);
	json_decref(problems);
}

static int sink_buf(void *arg, const char *data, size_t len)
{
	return buf_add(arg, data, len) < 0 ? -1 : 0;
}

void h_households_export(struct req *r)
{
	struct people_filter f = {
		.unit = http_query(r, "unit"), .village = http_query(r, "village"), .kind = http_query(r, "kind"),
		.active_on = http_query(r, "active_on"), .q = http_query(r, "q"),
	};
	struct buf out;
	buf_init(&out, (size_t)-1);
	if (household_export(&r->ctx, &f, sink_buf, &out, NULL)) {
		buf_release(&out);
		http_reply_ctx_error(r);
		return;
	}
	char disposition[128];
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"bienphong-households-%s.csv\"",
		 r->ctx.today);
	http_reply_raw(r, 200, "text/csv; charset=utf-8", out.data ? out.data : "", out.len, "Content-Disposition",
		       disposition);
	buf_release(&out);
}
