/*
 * h_registry.c - the border registry over HTTP: markers, segments, gates,
 * roads and the map; the rules are in domain/markers.c and its siblings.
 * The four layers answer the same shapes, so one set of handlers serves
 * them through a table of their domain functions.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/gates.h"
#include "domain/map.h"
#include "domain/markers.h"
#include "domain/roads.h"
#include "domain/segments.h"
#include "http/handlers.h"

struct layer_api {
	enum bp_err (*get)(struct ctx *c, const char *id, json_t **out);
	enum bp_err (*del)(struct ctx *c, const char *id);
	enum bp_err (*list)(struct ctx *c, const struct registry_filter *f, int limit,
			    const char *cursor, json_t **out);
	enum bp_err (*put)(struct ctx *c, const char *id, json_t *in, enum layer_write mode,
			   json_t **out, enum layer_done *done);
};

static const struct layer_api markers_api = { marker_get, marker_delete, NULL, marker_put };
static const struct layer_api segments_api = { segment_get, segment_delete, segment_list, segment_put };
static const struct layer_api gates_api = { gate_get, gate_delete, gate_list, gate_put };
static const struct layer_api roads_api = { road_get, road_delete, road_list, road_put };

/*
 * h_finish with coordinates written as they were stored: jansson's
 * default of 17 digits turns 106.6604800 into 106.66048000000001, while
 * 15 significant digits give back every value of at most 15 digits
 * (positions are kept to 1e-7 degree), exactly.
 */
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

/* The filters every list and the map take; false after replying with an error. */
static bool read_filter(struct req *r, struct registry_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->unit = http_query(r, "unit");
	f->border = http_query(r, "border");
	f->condition = http_query(r, "condition");
	const char *bbox = http_query(r, "bbox");
	if (bbox && map_bbox_parse(&r->ctx, bbox, f)) {
		http_reply_ctx_error(r);
		return false;
	}
	return true;
}

static void api_list(struct req *r, const struct layer_api *api)
{
	struct registry_filter f;
	int limit;
	if (!http_query_limit(r, &limit) || !read_filter(r, &f))
		return;
	json_t *out = NULL;
	enum bp_err rc = api->list(&r->ctx, &f, limit, http_query(r, "cursor"), &out);
	reply(r, rc, 200, out);
}

static void api_get(struct req *r, const struct layer_api *api)
{
	json_t *out = NULL;
	enum bp_err rc = api->get(&r->ctx, http_param(r, 0), &out);
	reply(r, rc, 200, out);
}

static void api_delete(struct req *r, const struct layer_api *api)
{
	h_finish(r, api->del(&r->ctx, http_param(r, 0)), 204, NULL);
}

static void api_write(struct req *r, const struct layer_api *api, const char *id, enum layer_write mode)
{
	json_t *in = NULL, *out = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = api->put(&r->ctx, id, in, mode, &out, &done);
	json_decref(in);
	reply(r, rc, done == LAYER_CREATED ? 201 : 200, out);
}

/* The markers' list also takes q, the start of a number. */
void h_markers_list(struct req *r)
{
	struct registry_filter f;
	int limit;
	if (!http_query_limit(r, &limit) || !read_filter(r, &f))
		return;
	json_t *out = NULL;
	enum bp_err rc = marker_list(&r->ctx, &f, http_query(r, "q"), limit, http_query(r, "cursor"), &out);
	reply(r, rc, 200, out);
}
void h_markers_create(struct req *r) { api_write(r, &markers_api, NULL, LAYER_CREATE); }
void h_marker_get(struct req *r) { api_get(r, &markers_api); }
void h_marker_put(struct req *r) { api_write(r, &markers_api, http_param(r, 0), LAYER_PUT); }
void h_marker_patch(struct req *r) { api_write(r, &markers_api, http_param(r, 0), LAYER_PATCH); }
void h_marker_delete(struct req *r) { api_delete(r, &markers_api); }

void h_marker_condition(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	enum layer_done done = LAYER_UNCHANGED;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = marker_condition_add(&r->ctx, http_param(r, 0), in, &out, &done);
	json_decref(in);
	reply(r, rc, done == LAYER_CREATED ? 201 : 200, out);
}

void h_segments_list(struct req *r) { api_list(r, &segments_api); }
void h_segments_create(struct req *r) { api_write(r, &segments_api, NULL, LAYER_CREATE); }
void h_segment_get(struct req *r) { api_get(r, &segments_api); }
void h_segment_put(struct req *r) { api_write(r, &segments_api, http_param(r, 0), LAYER_PUT); }
void h_segment_patch(struct req *r) { api_write(r, &segments_api, http_param(r, 0), LAYER_PATCH); }
void h_segment_delete(struct req *r) { api_delete(r, &segments_api); }

void h_gates_list(struct req *r) { api_list(r, &gates_api); }
void h_gates_create(struct req *r) { api_write(r, &gates_api, NULL, LAYER_CREATE); }
void h_gate_get(struct req *r) { api_get(r, &gates_api); }
void h_gate_put(struct req *r) { api_write(r, &gates_api, http_param(r, 0), LAYER_PUT); }
void h_gate_patch(struct req *r) { api_write(r, &gates_api, http_param(r, 0), LAYER_PATCH); }
void h_gate_delete(struct req *r) { api_delete(r, &gates_api); }

void h_roads_list(struct req *r) { api_list(r, &roads_api); }
void h_roads_create(struct req *r) { api_write(r, &roads_api, NULL, LAYER_CREATE); }
void h_road_get(struct req *r) { api_get(r, &roads_api); }
void h_road_put(struct req *r) { api_write(r, &roads_api, http_param(r, 0), LAYER_PUT); }
void h_road_patch(struct req *r) { api_write(r, &roads_api, http_param(r, 0), LAYER_PATCH); }
void h_road_delete(struct req *r) { api_delete(r, &roads_api); }

void h_map(struct req *r)
{
	struct registry_filter f;
	if (!read_filter(r, &f))
		return;
	struct buf out;
	long n = 0;
	buf_init(&out, MAP_OUT_MAX);
	if (map_collection(&r->ctx, &f, http_query(r, "layers"), &out, &n))
		http_reply_ctx_error(r);
	else /* RFC 7946's own media type, so GIS tools know what they hold. */
		http_reply_raw(r, 200, "application/geo+json; charset=utf-8", out.data, out.len, NULL, NULL);
	buf_release(&out);
}
