/*
 * demo_border.c - the demo's stretch of the Vietnam–China border in Lạng
 * Sơn: markers numbered in Lạng Sơn's range (904 to 1245, with sub-markers
 * such as 1116/1 and 1028/2), the segments between them, the gates Hữu
 * Nghị, Đồng Đăng, Tân Thanh, Bình Nghi and Chi Ma, patrol and
 * marker-inspection roads, assigned to the demo's border posts, and a few
 * markers with a condition history (1116 damaged by the 2024 storm and
 * repaired; 1028/2 moved and put back).
 *
 * The line is real: demo_border_line below holds the 82 vertices of the
 * Vietnam–China border inside lat 21.3–22.5, lon 106.0–107.5, from
 * Natural Earth 1:10m Admin 0 Countries (public domain) as packaged in the
 * npm package world-atlas (countries-10m.json, TopoJSON; the one arc
 * Vietnam and China share), extracted once with topojson-client and
 * ordered north-west to south-east, the direction the marker numbers grow.
 * At 1:10m the line is good to a few hundred metres: the markers are
 * placed on it by their number (mốc 1116 at the vertex nearest Hữu Nghị),
 * not at their surveyed positions.
 *
 * Everything is written in one transaction through the same domain
 * functions the API uses, with fixed ids, and only when the demo's first
 * marker is not there yet: running the demo twice changes nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/demo.h"
#include "domain/gates.h"
#include "domain/markers.h"
#include "domain/roads.h"
#include "domain/segments.h"
#include "geo/geometry.h"
#include "util/xmalloc.h"

/* Natural Earth 1:10m via world-atlas: [lon, lat], north-west to south-east. */
static const double demo_border_line[][2] = {
	{ 106.5448654, 22.4721434 },
	{ 106.5412654, 22.4637005 },
	{ 106.5304653, 22.4485033 },
	{ 106.5268653, 22.4383718 },
	{ 106.5268653, 22.4282404 },
	{ 106.5340653, 22.4029117 },
	{ 106.5340653, 22.3978460 },
	{ 106.5376654, 22.3606973 },
	{ 106.5412654, 22.3455001 },
	{ 106.5556656, 22.3319914 },
	{ 106.5772658, 22.3252371 },
	{ 106.6168662, 22.3235486 },
	{ 106.6348663, 22.3100399 },
	{ 106.6384664, 22.2965313 },
	{ 106.6636666, 22.2239225 },
	{ 106.6600666, 22.2137910 },
	{ 106.6528665, 22.2053482 },
	{ 106.6384664, 22.1901510 },
	{ 106.6420664, 22.1766423 },
	{ 106.6492665, 22.1648223 },
	{ 106.6564666, 22.1546908 },
	{ 106.6600666, 22.1428708 },
	{ 106.6600666, 22.1361165 },
	{ 106.6600666, 22.1209193 },
	{ 106.6600666, 22.1124764 },
	{ 106.6600666, 22.1057221 },
	{ 106.6708667, 22.0972792 },
	{ 106.6708667, 22.0922135 },
	{ 106.6744667, 22.0668848 },
	{ 106.6672667, 22.0432447 },
	{ 106.6492665, 21.9959646 },
	{ 106.6492665, 21.9875217 },
	{ 106.6492665, 21.9773902 },
	{ 106.6528665, 21.9689473 },
	{ 106.6600666, 21.9621930 },
	{ 106.6744667, 21.9621930 },
	{ 106.6888669, 21.9723245 },
	{ 106.7212672, 22.0077846 },
	{ 106.7284673, 22.0077846 },
	{ 106.7428674, 22.0044075 },
	{ 106.7500675, 21.9993417 },
	{ 106.7572676, 21.9892103 },
	{ 106.7608676, 21.9858331 },
	{ 106.7824678, 21.9757016 },
	{ 106.8004680, 21.9723245 },
	{ 106.8400684, 21.9740131 },
	{ 106.8652687, 21.9672588 },
	{ 106.8760688, 21.9571273 },
	{ 106.8868689, 21.9436187 },
	{ 106.8976690, 21.9284215 },
	{ 106.9192692, 21.9166014 },
	{ 106.9372694, 21.9199786 },
	{ 106.9552696, 21.9284215 },
	{ 106.9696697, 21.9351758 },
	{ 106.9912699, 21.9351758 },
	{ 107.0092701, 21.9267329 },
	{ 107.0200702, 21.9132243 },
	{ 107.0200702, 21.8929614 },
	{ 107.0128701, 21.8760756 },
	{ 106.9984700, 21.8608784 },
	{ 106.9876699, 21.8439926 },
	{ 106.9876699, 21.8237297 },
	{ 107.0020700, 21.8102211 },
	{ 107.0236702, 21.8034668 },
	{ 107.0668707, 21.7950239 },
	{ 107.0956710, 21.7781381 },
	{ 107.1712717, 21.7156607 },
	{ 107.2108721, 21.7055293 },
	{ 107.2432724, 21.7156607 },
	{ 107.2720727, 21.7190379 },
	{ 107.3044730, 21.6886435 },
	{ 107.3296733, 21.6160347 },
	{ 107.3332733, 21.6126575 },
	{ 107.3476735, 21.5991489 },
	{ 107.3836738, 21.6194118 },
	{ 107.4088741, 21.6447405 },
	{ 107.4268743, 21.6514948 },
	{ 107.4448744, 21.6464291 },
	{ 107.4556746, 21.6312319 },
	{ 107.4592746, 21.5957718 },
	{ 107.4736747, 21.5907060 },
	{ 107.4916749, 21.5839517 },
};
#define NLINE (sizeof(demo_border_line) / sizeof(demo_border_line[0]))
#define HUUNGHI_VERTEX 37 /* the vertex nearest the Hữu Nghị gate */

/* Cumulative geodesic length (km) of the line at each vertex. */
static double cum[NLINE];

static void line_measure(void)
{
	cum[0] = 0;
	for (size_t i = 1; i < NLINE; i++)
		cum[i] = cum[i - 1] + geo_distance_m(demo_border_line[i - 1][0], demo_border_line[i - 1][1],
						     demo_border_line[i][0], demo_border_line[i][1]) / 1000;
}

/* The position at s km along the line. */
static void pos_at(double s, double *lon, double *lat)
{
	size_t i = 1;
	while (i < NLINE - 1 && cum[i] < s)
		i++;
	double t = (s - cum[i - 1]) / (cum[i] - cum[i - 1]);
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	*lon = demo_border_line[i - 1][0] + t * (demo_border_line[i][0] - demo_border_line[i - 1][0]);
	*lat = demo_border_line[i - 1][1] + t * (demo_border_line[i][1] - demo_border_line[i - 1][1]);
}

/* The line from a to b km as JSON positions, shifted by (dlon, dlat). */
static json_t *stretch(double a, double b, double dlon, double dlat)
{
	json_t *coords = json_array();
	double lon, lat;
	pos_at(a, &lon, &lat);
	json_array_append_new(coords, json_pack("[f, f]", lon + dlon, lat + dlat));
	for (size_t i = 0; i < NLINE; i++)
		if (cum[i] > a && cum[i] < b)
			json_array_append_new(coords, json_pack("[f, f]", demo_border_line[i][0] + dlon,
								demo_border_line[i][1] + dlat));
	pos_at(b, &lon, &lat);
	json_array_append_new(coords, json_pack("[f, f]", lon + dlon, lat + dlat));
	return coords;
}

/* Where a marker number stands: 904 near the start, 1116 at Hữu Nghị, 1245 near the end. */
static double number_km(int n, int sub)
{
	double s0 = 1.0, s1 = cum[HUUNGHI_VERTEX], s2 = cum[NLINE - 1] - 1.0;
	double s = n <= 1116 ? s0 + (s1 - s0) * (n - 904) / (1116.0 - 904)
			     : s1 + (s2 - s1) * (n - 1116) / (1245.0 - 1116);
	return s + 0.15 * sub;
}

static const struct {
	int to; /* last main number of the post's stretch */
	const char *post;
} stretches[] = {
	{ 955, "DBP-POMA" }, { 1010, "DBP-BINHNGHI" }, { 1090, "DBP-TANTHANH" }, { 1135, "DBP-HUUNGHI" },
	{ 1180, "DBP-BASON" }, { 1220, "DBP-CHIMA" }, { 1245, "DBP-BACXA" },
};

static const char *post_of(int n)
{
	for (size_t i = 0; i < sizeof(stretches) / sizeof(stretches[0]); i++)
		if (n <= stretches[i].to)
			return stretches[i].post;
	return "DBP-BACXA";
}

/* Sub-markers (mốc phụ) that follow their main marker. */
static const struct { int n, sub; } subs[] = { { 960, 1 }, { 1028, 1 }, { 1028, 2 }, { 1116, 1 }, { 1180, 1 } };

struct demo_marker {
	int n, sub;
	double km;
	char id[37];
};

#define MAX_MARKERS 128

static int cmp_marker(const void *a, const void *b)
{
	const struct demo_marker *x = a, *y = b;
	return x->km < y->km ? -1 : x->km > y->km;
}

static void demo_id(char out[37], unsigned layer, unsigned i)
{
	snprintf(out, 37, "de%06x-0000-4000-8000-%012x", layer, i);
}

static enum bp_err put_one(struct ctx *c, enum bp_err (*put)(struct ctx *, const char *, json_t *,
		enum layer_write, json_t **, enum layer_done *), const char *id, json_t *in)
{
	json_t *out = NULL;
	enum layer_done done;
	enum bp_err rc = put(c, id, in, LAYER_PUT, &out, &done);
	json_decref(in);
	json_decref(out);
	return rc;
}

static void number_text(const struct demo_marker *m, char out[16])
{
	if (m->sub)
		snprintf(out, 16, "%d/%d", m->n, m->sub);
	else
		snprintf(out, 16, "%d", m->n);
}

/* The condition histories: a record is kept only when its date has come. */
static const struct {
	int n, sub;
	const char *condition, *date, *note;
} history[] = {
	{ 1116, 0, "damaged", "2024-09-08", "Sạt lở chân mốc sau bão Yagi" },
	{ 1116, 0, "good", "2024-11-20", "Đã gia cố, sửa chữa chân mốc" },
	{ 1028, 2, "moved", "2023-06-15", "Mốc bị xê dịch do lũ quét" },
	{ 1028, 2, "good", "2023-08-01", "Hai bên phối hợp khôi phục mốc về vị trí cũ" },
	{ 1180, 1, "damaged", "2025-10-02", "Nứt thân mốc, đã báo cáo" },
};

static const struct {
	const char *name, *kind;
	int at;        /* the marker it stands by */
	const char *post, *notes;
} gates[] = {
	{ "Cửa khẩu quốc tế Hữu Nghị", "international", 1116, "DBP-HUUNGHI", "Cửa khẩu đường bộ" },
	{ "Cửa khẩu quốc tế đường sắt Đồng Đăng", "international", 1105, "DBP-HUUNGHI", "Cửa khẩu đường sắt" },
	{ "Cửa khẩu chính Tân Thanh", "main", 1050, "DBP-TANTHANH", NULL },
	{ "Cửa khẩu chính Bình Nghi", "main", 975, "DBP-BINHNGHI", NULL },
	{ "Cửa khẩu chính Chi Ma", "main", 1200, "DBP-CHIMA", NULL },
};

static const struct {
	const char *name, *kind;
	int from, to;
	const char *post, *built, *surface, *condition;
	long long cost;
	double workdays;
} roads[] = {
	{ "Đường tuần tra biên giới mốc 904–932", "patrol", 904, 932, "DBP-POMA", "2012-05-20", "bê tông", "good", 18500000000LL, 5200 },
	{ "Đường tuần tra biên giới mốc 964–1000", "patrol", 964, 1000, "DBP-BINHNGHI", "2015-11-10", "bê tông", "good", 21300000000LL, 6100 },
	{ "Đường kiểm tra cột mốc 1040–1052", "marker_inspection", 1040, 1052, "DBP-TANTHANH", "2021-04-02", "bê tông", "good", 2400000000LL, 900 },
	{ "Đường kiểm tra cột mốc 1112–1120", "marker_inspection", 1112, 1120, "DBP-HUUNGHI", "2019-10-15", "bê tông", "good", 1200000000LL, 640 },
	{ "Đường tuần tra biên giới mốc 1140–1172", "patrol", 1140, 1172, "DBP-BASON", "2016-08-30", "đá dăm", "damaged", 15800000000LL, 4300 },
	{ "Đường kiểm tra cột mốc 1196–1208", "marker_inspection", 1196, 1208, "DBP-CHIMA", "2023-06-12", "đất", "good", 850000000LL, 410.5 },
	{ "Đường tuần tra biên giới mốc 1224–1244", "patrol", 1224, 1244, "DBP-BACXA", "2018-03-25", "bê tông", "good", 12600000000LL, 3500 },
};

static enum bp_err build(struct ctx *c)
{
	struct demo_marker *ms = xcalloc(MAX_MARKERS, sizeof(*ms));
	size_t nm = 0;
	enum bp_err rc = BP_OK;
	line_measure();
	for (int n = 904; n <= 1245; n += 4) {
		if (n == 1120)
			n = 1117; /* past Hữu Nghị the step starts again from 1117 */
		ms[nm].n = n;
		ms[nm].km = number_km(n, 0);
		nm++;
	}
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		ms[nm].n = subs[i].n;
		ms[nm].sub = subs[i].sub;
		ms[nm].km = number_km(subs[i].n, subs[i].sub);
		nm++;
	}
	qsort(ms, nm, sizeof(*ms), cmp_marker);
	for (size_t i = 0; !rc && i < nm; i++) {
		struct demo_marker *m = &ms[i];
		char num[16];
		double lon, lat;
		demo_id(m->id, 1, (unsigned)(m->n * 10 + m->sub));
		number_text(m, num);
		pos_at(m->km, &lon, &lat);
		/* A plausible height for the hills of the line, 300-900 m. */
		double ele = round(550 + 250 * sin(m->km / 9.0) + 90 * cos(m->km / 2.3));
		bool river = m->n >= 964 && m->n <= 984;
		json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:s, s:s, s:s}",
			"border", "VN-CN", "number", num, "type", m->sub ? "secondary" : "main",
			"form", river ? "pair" : "single", "lon", lon, "lat", lat, "elevation", ele,
			"built_by", m->n % 2 ? "CN" : "VN", "post", post_of(m->n), "post_from", "2015-01-01");
		/* Inspected in spring of last year; 1116 first in January 2023. */
		bool hist = false;
		for (size_t k = 0; k < sizeof(history) / sizeof(history[0]); k++)
			hist |= history[k].n == m->n && history[k].sub == m->sub;
		json_object_set_new(in, "last_inspected", json_string(hist ? "2023-01-10" : "2025-03-03"));
		if (strcmp(c->today, "2025-03-03") < 0)
			json_object_del(in, "last_inspected");
		rc = put_one(c, marker_put, m->id, in);
	}
	for (size_t k = 0; !rc && k < sizeof(history) / sizeof(history[0]); k++) {
		if (strcmp(history[k].date, c->today) > 0)
			continue;
		char mid[37], rid[37];
		demo_id(mid, 1, (unsigned)(history[k].n * 10 + history[k].sub));
		demo_id(rid, 2, (unsigned)k);
		json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "id", rid, "condition", history[k].condition,
				       "date", history[k].date, "note", history[k].note);
		json_t *out = NULL;
		enum layer_done done;
		rc = marker_condition_add(c, mid, in, &out, &done);
		json_decref(in);
		json_decref(out);
	}
	/* A segment from each marker to the next along the line. */
	for (size_t i = 0; !rc && i + 1 < nm; i++) {
		char sid[37];
		demo_id(sid, 3, (unsigned)i);
		bool river = ms[i].n >= 964 && ms[i].n < 984;
		json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "border", "VN-CN", "from", ms[i].id,
			"to", ms[i + 1].id, "kind", river ? "river" : "land",
			"geometry", stretch(ms[i].km, ms[i + 1].km, 0, 0), "post", post_of(ms[i].n));
		rc = put_one(c, segment_put, sid, in);
	}
	/* Gates a few hundred metres inside Vietnam (south-west of the line). */
	for (size_t i = 0; !rc && i < sizeof(gates) / sizeof(gates[0]); i++) {
		char gid[37];
		double lon, lat;
		demo_id(gid, 4, (unsigned)i);
		pos_at(number_km(gates[i].at, 0), &lon, &lat);
		json_t *in = json_pack("{s:s, s:s, s:s, s:f, s:f, s:s}", "name", gates[i].name, "kind", gates[i].kind,
			"border", "VN-CN", "lon", lon - 0.002, "lat", lat - 0.002, "unit", gates[i].post);
		if (gates[i].notes)
			json_object_set_new(in, "notes", json_string(gates[i].notes));
		rc = put_one(c, gate_put, gid, in);
	}
	/* Roads run along the line on the Vietnamese side. */
	for (size_t i = 0; !rc && i < sizeof(roads) / sizeof(roads[0]); i++) {
		char rid[37];
		demo_id(rid, 5, (unsigned)i);
		json_t *in = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:I, s:f, s:s}", "name", roads[i].name,
			"kind", roads[i].kind,
			"geometry", stretch(number_km(roads[i].from, 0), number_km(roads[i].to, 0), -0.003, -0.003),
			"surface", roads[i].surface, "condition", roads[i].condition, "built", roads[i].built,
			"cost_vnd", (json_int_t)roads[i].cost, "workdays", roads[i].workdays, "unit", roads[i].post);
		if (strcmp(roads[i].built, c->today) > 0)
			json_object_del(in, "built");
		rc = put_one(c, road_put, rid, in);
	}
	free(ms);
	return rc;
}

enum bp_err demo_border_build(struct ctx *c)
{
	char first[37];
	long long have = 0;
	demo_id(first, 1, 9040);
	enum bp_err rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM markers WHERE id = $1",
				       DB_ARGS(DB_S(first)), &have, &c->err);
	if (rc || have)
		return rc;
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	return db_end(c->db, build(c), &c->err);
}
