/*
 * demo_people.c - the people's part of the demo province: households and
 * collectives of the border communes registered with the demo's posts to
 * self-manage stretches of the line and markers over 2020-2026, a
 * security group per village and a tổ bảo vệ ANTT per commune (from July
 * 2024) with their members, and a few communes and villages twinned with
 * villages across the border in Guangxi.
 *
 * The rows are written directly, in one transaction, with one audit row
 * for the whole set: some three hundred households, their registrations
 * and the groups' members would otherwise bury the rest of the demo's
 * audit log. The data is ours and fixed, and is made to keep the rules
 * the API enforces (a part of a segment never longer than the segment,
 * dates in order, a tổ bảo vệ ANTT founded from 2024-07-01), which
 * tests/api read back through the API. Ids are fixed, so two demo
 * databases hold the same records; nothing is written when the first
 * household is there already, or after "today".
 */
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/demo.h"
#include "util/json.h"

static const struct {
	const char *commune, *post;
	const char *village[2];   /* a unit code of the tree, or a village's name */
	int households, collectives;
} demo_places[] = {
	{ "KHANGCHIEN", "DBP-BINHNGHI", { "DAOVIEN-POMA", "QUOCKHANH-NAPAN" }, 30, 3 },
	{ "TD-DOITHAN", "DBP-POMA", { "Bản Nà Sla", "Bản Khuổi Luông" }, 22, 2 },
	{ "VL-TANTHANH", "DBP-TANTHANH", { "TANTHANH-NACHUONG", "Bản Pác Luông" }, 28, 2 },
	{ "VL-THANHLONG", "DBP-TANTHANH", { "Bản Còn Quán", "Bản Nà Ngườm" }, 20, 2 },
	{ "CL-BAOLAM", "DBP-HUUNGHI", { "Bản Pò Lọi", "Bản Khòn Khuyên" }, 24, 2 },
	{ "CL-DONGDANG", "DBP-HUUNGHI", { "Khối Ga", "Khối Tân Mỹ" }, 18, 2 },
	{ "MAUSON", "DBP-BASON", { "MAUSON-KHONPO", "MAUSON-PHIEKHAO" }, 32, 3 },
	{ "MAUSON", "DBP-CHIMA", { "YENKHOAI-NAMUC", "TUMICH-BANCAU" }, 26, 2 },
	{ "LB-TAMGIA", "DBP-CHIMA", { "Bản Khuổi Tát", "Bản Nà Dường" }, 20, 2 },
	{ "DL-BACXA", "DBP-BACXA", { "BACXA-KHUOIPAY", "Bản Pò Phấy" }, 26, 2 },
	{ "DL-BINHXA", "DBP-BACXA", { "Bản Nà Pe", "Bản Khe Đảng" }, 20, 2 },
};
#define NPLACES (sizeof(demo_places) / sizeof(demo_places[0]))

static const char *const surnames[] = { "Hoàng", "Lăng", "Lộc", "Nông", "Vi", "Lương", "Hà", "Lý", "Triệu",
					"Chu", "Mã", "Đinh", "Vy", "Hứa", "Lục", "Dương", "Chu", "Hoàng" };
static const char *const given[] = { "Pả", "Sềnh", "Khải", "Hiếu", "Tìm", "Nhung", "Mai", "Slao", "Phong",
				     "Thắng", "Dũng", "Hoa", "Lường", "Vần", "Páo", "Tường", "Chiến", "Quỳnh",
				     "Thào", "Sinh", "Cường", "Nhất", "Lâm", "Thủy" };
static const char *const collectives[] = { "Chi đoàn thanh niên", "Chi hội Cựu chiến binh", "Chi hội Phụ nữ",
					   "Tổ dân quân", "Chi hội Nông dân" };

static const struct {
	const char *unit, *other, *signed_on, *ended;
} demo_twinnings[] = {
	{ "CL-DONGDANG", "Thôn Lũng Nghiêu, trấn Hữu Nghị, thành phố Bằng Tường (Quảng Tây)", "2018-03-03", NULL },
	{ "VL-TANTHANH", "Thôn Phai Khắt, trấn Thượng Thạch, thành phố Bằng Tường (Quảng Tây)", "2019-05-19", NULL },
	{ "QUOCKHANH-NAPAN", "Thôn Bản Lầy, trấn Thủy Khẩu, thành phố Long Châu (Quảng Tây)", "2020-09-02", NULL },
	{ "MAUSON-KHONPO", "Thôn Nà Hẩu, trấn Ái Điểm, huyện Ninh Minh (Quảng Tây)", "2021-12-22", NULL },
	{ "DL-BACXA", "Thôn Pác Cáy, trấn Đông Trung, khu Phòng Thành (Quảng Tây)", "2017-04-30", "2022-04-30" },
	{ "BACXA-KHUOIPAY", "Thôn Pác Phai, trấn Đông Trung, khu Phòng Thành (Quảng Tây)", "2022-05-15", NULL },
};

static void demo_people_id(char out[37], unsigned layer, unsigned i)
{
	snprintf(out, 37, "de%06x-0000-4000-8000-%012x", layer, i);
}

struct demo_run {
	struct ctx *c;
	char now[TIMESTAMP_LEN];
	unsigned nh, nr, ng, nm, nt;
	long long people;
};

/* A unit's id by code into id; false when there is none. */
static bool unit_id_of(struct ctx *c, const char *code, char id[37])
{
	struct db_rows *r = NULL;
	if (db_query_one(c->db, "SELECT id FROM units WHERE code = $1", DB_ARGS(DB_S(code)), &r, &c->err)) {
		err_clear(&c->err);
		return false;
	}
	snprintf(id, 37, "%s", db_text(r, 0));
	db_rows_free(r);
	return true;
}

static void person_name(unsigned k, char *out, size_t n)
{
	const size_t ns = sizeof(surnames) / sizeof(surnames[0]), ng = sizeof(given) / sizeof(given[0]);
	snprintf(out, n, "%s %s %s", surnames[(k * 7) % ns], k % 5 == 3 ? "Thị" : "Văn", given[(k * 11 + k / 3) % ng]);
}

static enum bp_err add_household(struct demo_run *d, const char *id, const char *kind, const char *name,
				 const char *unit_id, const char *village_name, int people, unsigned k)
{
	char phone[16];
	snprintf(phone, sizeof(phone), "09%08u", (k * 7919u + 1234567u) % 100000000u);
	d->nh++;
	if (!strcmp(kind, "household"))
		d->people += people;
	return db_exec(d->c->db,
		"INSERT INTO households (id, kind, name, unit_id, village_name, phone, people, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
		DB_ARGS(DB_S(id), DB_S(kind), DB_S(name), DB_S(unit_id), DB_S(village_name),
			DB_S(k % 4 ? phone : NULL), DB_I(people), DB_S(d->now)), NULL, &d->c->err);
}

/*
 * A registration of household hid in unit_id with post_id: from a date in
 * 2020-2026 (none after today), some ended; a part of one of the post's
 * segments (a collective: the whole of one), and for some its marker.
 */
static enum bp_err add_registration(struct demo_run *d, const char *hid, const char *unit_id, const char *post_id,
				    json_t *segs, unsigned k, bool collective)
{
	struct ctx *c = d->c;
	char id[37], from[DATE_LEN], to[DATE_LEN];
	int year = 2020 + (int)(k % 7);
	snprintf(from, sizeof(from), "%d-%02u-%02u", year, 1 + (k * 7) % 12, 1 + (k * 11) % 28);
	if (strcmp(from, c->today) > 0 || !json_array_size(segs))
		return BP_OK;
	bool ended = k % 9 == 4;
	snprintf(to, sizeof(to), "%d-12-31", year + 1);
	json_t *s = json_array_get(segs, k % json_array_size(segs));
	const char *seg = json_string_value(json_object_get(s, "id"));
	long long len_m = json_integer_value(json_object_get(s, "m"));
	long long m = collective ? len_m : 300 + (long long)((k * 137) % 900);
	if (m > len_m)
		m = len_m;
	demo_people_id(id, 0x11, ++d->nr);
	enum bp_err rc = db_exec(c->db,
		"INSERT INTO registrations (id, household_id, unit_id, post_id, date_from, date_to, km_m, notes,"
		" created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $8)",
		DB_ARGS(DB_S(id), DB_S(hid), DB_S(unit_id), DB_S(post_id), DB_S(from), DB_S(ended ? to : NULL), DB_I(m),
			DB_S(d->now)), NULL, &c->err);
	if (!rc)
		rc = db_exec(c->db, "INSERT INTO registration_segments (registration_id, segment_id, km_m) VALUES ($1, $2, $3)",
			     DB_ARGS(DB_S(id), DB_S(seg), DB_I(m)), NULL, &c->err);
	if (!rc && (collective || k % 4 == 0))
		rc = db_exec(c->db, "INSERT INTO registration_markers (registration_id, marker_id) VALUES ($1, $2)",
			     DB_ARGS(DB_S(id), DB_S(json_string_value(json_object_get(s, "marker")))), NULL, &c->err);
	return rc;
}

static enum bp_err add_group(struct demo_run *d, const char *kind, const char *name, const char *unit_id,
			     const char *founded, int members, const char *leader_hid, unsigned k)
{
	struct ctx *c = d->c;
	char gid[37];
	if (strcmp(founded, c->today) > 0)
		return BP_OK;
	demo_people_id(gid, 0x12, ++d->ng);
	enum bp_err rc = db_exec(c->db,
		"INSERT INTO people_groups (id, kind, name, unit_id, founded, dissolved, notes, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $6)",
		DB_ARGS(DB_S(gid), DB_S(kind), DB_S(name), DB_S(unit_id), DB_S(founded), DB_S(d->now)), NULL, &c->err);
	for (int i = 0; !rc && i < members; i++) {
		char mid[37], who[200];
		bool head = i == 0 && leader_hid;
		demo_people_id(mid, 0x13, ++d->nm);
		person_name(k * 13 + (unsigned)i * 5 + 101, who, sizeof(who));
		if (head) {
			/* The leader is a household's head. */
			struct db_rows *r = NULL;
			if ((rc = db_query_one(c->db, "SELECT name FROM households WHERE id = $1", DB_ARGS(DB_S(leader_hid)),
					       &r, &c->err)))
				break;
			snprintf(who, sizeof(who), "%s", db_text(r, 0));
			db_rows_free(r);
		}
		/* The last member left at the end of 2023. */
		bool left = i == members - 1 && strcmp(founded, "2023-12-31") < 0;
		rc = db_exec(c->db,
			"INSERT INTO group_members (id, group_id, name, role, household_id, date_from, date_to, position)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			DB_ARGS(DB_S(mid), DB_S(gid), DB_S(who), DB_S(i == 0 ? "leader" : i == 1 ? "deputy" : "member"),
				DB_S(head ? leader_hid : NULL), DB_S(founded), DB_S(left ? "2023-12-31" : NULL), DB_I(i)),
			NULL, &c->err);
	}
	return rc;
}

/* The segments of a post, [{"id", "m", "marker"}], in the order of their ids. */
static enum bp_err post_segments(struct ctx *c, const char *post_id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = json_array();
	enum bp_err rc = db_query(c->db, "SELECT id, length_km, from_marker FROM segments WHERE unit_id = $1 ORDER BY id",
				  DB_ARGS(DB_S(post_id)), &r, &c->err);
	int st = 0;
	while (!rc && (st = db_next(r, &c->err)) > 0)
		json_array_append_new(*out, json_pack("{s:s, s:I, s:s}", "id", db_text(r, 0), "m",
			(json_int_t)(db_real(r, 1) * 1000.0 + 0.5), "marker", db_text(r, 2)));
	if (!rc && st < 0)
		rc = c->err.kind;
	db_rows_free(r);
	return rc;
}

static enum bp_err build_place(struct demo_run *d, size_t p, unsigned *k)
{
	struct ctx *c = d->c;
	char commune_id[37], post_id[37], vid[2][37], first_hid[37] = "";
	json_t *segs = NULL;
	if (!unit_id_of(c, demo_places[p].commune, commune_id) || !unit_id_of(c, demo_places[p].post, post_id))
		return BP_OK; /* a demo tree without it: nothing to add */
	bool in_tree[2];
	for (int v = 0; v < 2; v++)
		in_tree[v] = unit_id_of(c, demo_places[p].village[v], vid[v]);
	enum bp_err rc = post_segments(c, post_id, &segs);
	int n = demo_places[p].households + demo_places[p].collectives;
	for (int i = 0; !rc && i < n; i++) {
		unsigned kk = ++*k;
		int v = i % 2;
		bool collective = i < demo_places[p].collectives;
		const char *unit_id = in_tree[v] ? vid[v] : commune_id;
		const char *village = in_tree[v] ? NULL : demo_places[p].village[v];
		char hid[37], name[200];
		demo_people_id(hid, 0x10, kk);
		if (collective) {
			const char *vname = village ? village : "thôn";
			snprintf(name, sizeof(name), "%s %s", collectives[kk % (sizeof(collectives) / sizeof(collectives[0]))],
				 in_tree[v] ? demo_places[p].village[v] : vname);
			if (in_tree[v]) {
				struct db_rows *r = NULL;
				if (!db_query_one(c->db, "SELECT name FROM units WHERE id = $1", DB_ARGS(DB_S(vid[v])), &r, &c->err)) {
					snprintf(name, sizeof(name), "%s %s",
						 collectives[kk % (sizeof(collectives) / sizeof(collectives[0]))], db_text(r, 0));
					db_rows_free(r);
				}
				err_clear(&c->err);
			}
		} else {
			person_name(kk, name, sizeof(name));
		}
		rc = add_household(d, hid, collective ? "collective" : "household", name, unit_id, village,
				   collective ? 12 + (int)(kk % 30) : 2 + (int)(kk % 6), kk);
		if (!rc && (kk % 11) != 7) /* a few households never registered */
			rc = add_registration(d, hid, unit_id, post_id, segs, kk, collective);
		if (!collective && !first_hid[0])
			snprintf(first_hid, sizeof(first_hid), "%s", hid);
	}
	/* A security group per village (2016-2019), a tổ bảo vệ ANTT per commune from July 2024. */
	for (int v = 0; !rc && v < 2; v++) {
		char name[200], founded[DATE_LEN];
		snprintf(name, sizeof(name), "Tổ tự quản an ninh trật tự %s", demo_places[p].village[v]);
		if (in_tree[v]) {
			struct db_rows *r = NULL;
			if (!db_query_one(c->db, "SELECT name FROM units WHERE id = $1", DB_ARGS(DB_S(vid[v])), &r, &c->err)) {
				snprintf(name, sizeof(name), "Tổ tự quản an ninh trật tự %s", db_text(r, 0));
				db_rows_free(r);
			}
			err_clear(&c->err);
		}
		snprintf(founded, sizeof(founded), "%d-03-15", 2016 + (int)((p + (size_t)v) % 4));
		rc = add_group(d, "tu_quan_antt", name, in_tree[v] ? vid[v] : commune_id, founded, 5 + (int)((p + (size_t)v) % 4),
			       v == 0 && first_hid[0] ? first_hid : NULL, (unsigned)(p * 2 + (size_t)v));
	}
	if (!rc && (p == 0 || strcmp(demo_places[p].commune, demo_places[p - 1].commune))) {
		char name[200], founded[DATE_LEN];
		struct db_rows *r = NULL;
		if (!db_query_one(c->db, "SELECT name FROM units WHERE id = $1", DB_ARGS(DB_S(commune_id)), &r, &c->err)) {
			snprintf(name, sizeof(name), "Tổ bảo vệ an ninh, trật tự %s", db_text(r, 0));
			db_rows_free(r);
		}
		err_clear(&c->err);
		snprintf(founded, sizeof(founded), "2024-07-%02d", 1 + (int)(p % 28));
		rc = add_group(d, "bao_ve_antt", name, commune_id, founded, 6 + (int)(p % 5), NULL, (unsigned)(100 + p));
	}
	json_decref(segs);
	return rc;
}

static enum bp_err build(struct demo_run *d)
{
	struct ctx *c = d->c;
	enum bp_err rc = BP_OK;
	unsigned k = 0;
	for (size_t p = 0; !rc && p < NPLACES; p++)
		rc = build_place(d, p, &k);
	for (size_t i = 0; !rc && i < sizeof(demo_twinnings) / sizeof(demo_twinnings[0]); i++) {
		char unit_id[37], id[37];
		if (!unit_id_of(c, demo_twinnings[i].unit, unit_id) || strcmp(demo_twinnings[i].signed_on, c->today) > 0)
			continue;
		demo_people_id(id, 0x14, ++d->nt);
		const char *ended = demo_twinnings[i].ended && strcmp(demo_twinnings[i].ended, c->today) <= 0
				    ? demo_twinnings[i].ended : NULL;
		rc = db_exec(c->db,
			"INSERT INTO twinnings (id, unit_id, other_name, other_country, signed, ended, notes, created_at,"
			" updated_at) VALUES ($1, $2, $3, 'CN', $4, $5, NULL, $6, $6)",
			DB_ARGS(DB_S(id), DB_S(unit_id), DB_S(demo_twinnings[i].other), DB_S(demo_twinnings[i].signed_on),
				DB_S(ended), DB_S(d->now)), NULL, &c->err);
	}
	char ls[37] = "", first[37];
	demo_people_id(first, 0x10, 1);
	if (!rc && unit_id_of(c, "LS", ls)) {
		json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "households_and_collectives", (json_int_t)d->nh,
			"people", (json_int_t)d->people, "registrations", (json_int_t)d->nr, "groups", (json_int_t)d->ng,
			"members", (json_int_t)d->nm, "twinnings", (json_int_t)d->nt);
		rc = audit_record(c, "demo_people", first, ls, "create", NULL, after);
		json_decref(after);
	}
	return rc;
}

enum bp_err demo_people_build(struct ctx *c)
{
	struct demo_run d = { .c = c };
	char first[37];
	long long have = 0;
	demo_people_id(first, 0x10, 1);
	enum bp_err rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM households WHERE id = $1", DB_ARGS(DB_S(first)),
				       &have, &c->err);
	if (rc || have)
		return rc;
	timestamp_now(d.now);
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	return db_end(c->db, build(&d), &c->err);
}
