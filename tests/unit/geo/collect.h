/*
 * collect.h - what the tests of the file formats share: a feature_fn that
 * keeps every feature it is given as JSON, a sink that gathers a writer's
 * output, and a report reader.
 */
#ifndef BP_TEST_GEO_COLLECT_H
#define BP_TEST_GEO_COLLECT_H

#include "helpers.h"
#include "geo/formats.h"
#include "util/buf.h"

/* Features as {"type": "Point"|"LineString", "coords": [[lon, lat(, ele)]...], "props", "where"}. */
static inline enum bp_err collect_fn(void *arg, const struct feature *f, struct bp_error *e)
{
	(void)e;
	json_t *coords = json_array();
	for (size_t i = 0; i < f->npos; i++) {
		json_t *p = json_pack("[f, f]", f->pos[i].lon, f->pos[i].lat);
		if (f->pos[i].has_ele)
			json_array_append_new(p, json_real(f->pos[i].ele));
		json_array_append_new(coords, p);
	}
	json_array_append_new(arg, json_pack("{s:s, s:o, s:O, s:i}", "type",
		f->type == GEOM_POINT ? "Point" : "LineString", "coords", coords,
		"props", f->props ? f->props : json_null(), "where", (int)f->where));
	return BP_OK;
}

struct read_result {
	json_t *features;
	json_t *report;
	enum bp_err rc;
	struct bp_error e;
};

static inline void result_init(struct read_result *r)
{
	r->features = json_array();
	r->report = json_array();
	err_clear(&r->e);
	r->rc = BP_OK;
}

static inline void result_release(struct read_result *r)
{
	json_decref(r->features);
	json_decref(r->report);
}

static inline struct read_result read_str(enum geo_format f, const char *s, const char *const *cols)
{
	struct read_result r;
	result_init(&r);
	r.rc = geo_read(f, s, strlen(s), cols, collect_fn, r.features, r.report, &r.e);
	return r;
}

static inline json_t *feat(struct read_result *r, size_t i)
{
	return json_array_get(r->features, i);
}

static inline double coord(struct read_result *r, size_t i, size_t k, size_t axis)
{
	return json_number_value(json_array_get(json_array_get(json_object_get(feat(r, i), "coords"), k), axis));
}

static inline const char *prop(struct read_result *r, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_object_get(feat(r, i), "props"), key));
}

/* The code of report entry i, and its where. */
static inline const char *rcode(struct read_result *r, size_t i)
{
	return json_string_value(json_object_get(json_array_get(r->report, i), "code"));
}

static inline long rwhere(struct read_result *r, size_t i)
{
	return (long)json_integer_value(json_object_get(json_array_get(r->report, i), "where"));
}

static inline int sink_buf(void *arg, const char *data, size_t len)
{
	return buf_add(arg, data, len);
}

#endif
