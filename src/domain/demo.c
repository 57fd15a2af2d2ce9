/*
 * demo.c - a demo province like Lạng Sơn, built through the same domain
 * functions the API uses, so the demo also exercises the rules.
 *
 * The tree it builds has a history: five border districts until
 * 2025-07-01, when districts were abolished; their border communes moved
 * under the province that day and some merged (Mẫu Sơn = Mẫu Sơn + Yên
 * Khoái + Tú Mịch; Kháng Chiến from three communes of Tràng Định); the
 * province Border Guard command was dissolved and its posts moved to a
 * Border Guard board under the province Military Command. Running it twice
 * changes nothing: it stops when the province exists.
 */
#include <stdio.h>
#include <string.h>

#include "domain/demo.h"
#include "domain/units.h"
#include "domain/users.h"

#define REFORM "2025-07-01"
#define DEMO_PASSWORD "bienphong"

struct demo_unit {
	const char *code, *kind, *name, *parent;
	const char *valid_from; /* NULL: unknown start */
};

static const struct demo_unit demo_units[] = {
	{ "LS", "province", "Tỉnh Lạng Sơn", NULL, NULL },
	{ "LS-TD", "district", "Huyện Tràng Định", "LS", NULL },
	{ "LS-VL", "district", "Huyện Văn Lãng", "LS", NULL },
	{ "LS-CL", "district", "Huyện Cao Lộc", "LS", NULL },
	{ "LS-LB", "district", "Huyện Lộc Bình", "LS", NULL },
	{ "LS-DL", "district", "Huyện Đình Lập", "LS", NULL },
	/* border communes before the reform */
	{ "TD-DAOVIEN", "commune", "Xã Đào Viên", "LS-TD", NULL },
	{ "TD-QUOCKHANH", "commune", "Xã Quốc Khánh", "LS-TD", NULL },
	{ "TD-TRIPHUONG", "commune", "Xã Tri Phương", "LS-TD", NULL },
	{ "TD-DOITHAN", "commune", "Xã Đội Cấn", "LS-TD", NULL },
	{ "VL-TANTHANH", "commune", "Xã Tân Thanh", "LS-VL", NULL },
	{ "VL-THANHLONG", "commune", "Xã Thanh Long", "LS-VL", NULL },
	{ "CL-BAOLAM", "commune", "Xã Bảo Lâm", "LS-CL", NULL },
	{ "CL-DONGDANG", "ward", "Thị trấn Đồng Đăng", "LS-CL", NULL },
	{ "LB-MAUSON", "commune", "Xã Mẫu Sơn", "LS-LB", NULL },
	{ "LB-YENKHOAI", "commune", "Xã Yên Khoái", "LS-LB", NULL },
	{ "LB-TUMICH", "commune", "Xã Tú Mịch", "LS-LB", NULL },
	{ "LB-TAMGIA", "commune", "Xã Tam Gia", "LS-LB", NULL },
	{ "DL-BACXA", "commune", "Xã Bắc Xa", "LS-DL", NULL },
	{ "DL-BINHXA", "commune", "Xã Bính Xá", "LS-DL", NULL },
	/* villages */
	{ "MAUSON-KHONPO", "village", "Thôn Khòn Pổ", "LB-MAUSON", NULL },
	{ "MAUSON-PHIEKHAO", "village", "Thôn Phiêng Khảo", "LB-MAUSON", NULL },
	{ "YENKHOAI-NAMUC", "village", "Thôn Nà Mực", "LB-YENKHOAI", NULL },
	{ "TUMICH-BANCAU", "village", "Thôn Bản Cầu", "LB-TUMICH", NULL },
	{ "DAOVIEN-POMA", "village", "Thôn Pò Mã", "TD-DAOVIEN", NULL },
	{ "QUOCKHANH-NAPAN", "village", "Thôn Nà Pán", "TD-QUOCKHANH", NULL },
	{ "TANTHANH-NACHUONG", "village", "Thôn Nà Chướng", "VL-TANTHANH", NULL },
	{ "BACXA-KHUOIPAY", "village", "Thôn Khuổi Pây", "DL-BACXA", NULL },
	/* the Border Guard */
	{ "BDBP-LS", "force_command", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn", "LS", NULL },
	{ "DBP-POMA", "border_post", "Đồn Biên phòng Pò Mã", "BDBP-LS", NULL },
	{ "DBP-BINHNGHI", "border_post", "Đồn Biên phòng Bình Nghi", "BDBP-LS", NULL },
	{ "DBP-TANTHANH", "border_post", "Đồn Biên phòng Tân Thanh", "BDBP-LS", NULL },
	{ "DBP-HUUNGHI", "border_post", "Đồn Biên phòng Cửa khẩu Quốc tế Hữu Nghị", "BDBP-LS", NULL },
	{ "DBP-BASON", "border_post", "Đồn Biên phòng Ba Sơn", "BDBP-LS", NULL },
	{ "DBP-CHIMA", "border_post", "Đồn Biên phòng Cửa khẩu Chi Ma", "BDBP-LS", NULL },
	{ "DBP-BACXA", "border_post", "Đồn Biên phòng Bắc Xa", "BDBP-LS", NULL },
	{ "SO-NGOAIVU-LS", "agency", "Sở Ngoại vụ tỉnh Lạng Sơn", "LS", NULL },
	/* the party committee that keeps the coordination agreement with the districts */
	{ "DU-BDBP-LS", "agency", "Đảng ủy Bộ đội Biên phòng tỉnh Lạng Sơn", "LS", NULL },
	/* after the reform */
	{ "BCHQS-LS", "force_command", "Bộ Chỉ huy Quân sự tỉnh Lạng Sơn", "LS", REFORM },
	{ "BANBDBP-LS", "force_command", "Ban Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn", "BCHQS-LS", REFORM },
};

/* Post → commune responsibilities before the reform. */
static const char *const demo_links[][2] = {
	{ "DBP-POMA", "TD-DAOVIEN" },
	{ "DBP-BINHNGHI", "TD-QUOCKHANH" },
	{ "DBP-BINHNGHI", "TD-TRIPHUONG" },
	{ "DBP-POMA", "TD-DOITHAN" },
	{ "DBP-TANTHANH", "VL-TANTHANH" },
	{ "DBP-TANTHANH", "VL-THANHLONG" },
	{ "DBP-HUUNGHI", "CL-DONGDANG" },
	{ "DBP-HUUNGHI", "CL-BAOLAM" },
	{ "DBP-BASON", "LB-MAUSON" },
	{ "DBP-CHIMA", "LB-YENKHOAI" },
	{ "DBP-CHIMA", "LB-TUMICH" },
	{ "DBP-CHIMA", "LB-TAMGIA" },
	{ "DBP-BACXA", "DL-BACXA" },
	{ "DBP-BACXA", "DL-BINHXA" },
};

/* Communes that move under the province on the reform day, unchanged. */
static const char *const demo_moved[] = {
	"TD-DOITHAN", "VL-TANTHANH", "VL-THANHLONG", "CL-BAOLAM", "CL-DONGDANG",
	"LB-TAMGIA", "DL-BACXA", "DL-BINHXA",
};

static const struct {
	const char *username, *role, *unit, *display;
} demo_users[] = {
	{ "admin", "admin", "LS", "Quản trị hệ thống tỉnh" },
	{ "tinh.bdbp", "unit_admin", "LS", "Phòng Tham mưu BĐBP tỉnh" },
	{ "don.binhnghi", "editor", "DBP-BINHNGHI", "Đồn Biên phòng Bình Nghi" },
	{ "xa.mauson", "unit_admin", "MAUSON", "UBND xã Mẫu Sơn" },
	{ "xa.khangchien", "editor", "KHANGCHIEN", "UBND xã Kháng Chiến" },
	{ "xem.khangchien", "viewer", "KHANGCHIEN", "Cán bộ xã Kháng Chiến (xem)" },
};

static enum bp_err add_unit(struct ctx *c, const struct demo_unit *u)
{
	json_t *in = json_pack("{s:s, s:s, s:s}", "code", u->code, "kind", u->kind, "name", u->name);
	if (u->parent)
		json_object_set_new(in, "parent", json_string(u->parent));
	if (u->valid_from)
		json_object_set_new(in, "valid_from", json_string(u->valid_from));
	json_t *out = NULL;
	bool created;
	enum bp_err rc = unit_put(c, NULL, in, false, &out, &created);
	json_decref(in);
	json_decref(out);
	return rc;
}

static enum bp_err call(struct ctx *c, enum bp_err (*fn)(struct ctx *, const char *, json_t *, json_t **),
			const char *ref, json_t *in)
{
	json_t *out = NULL;
	enum bp_err rc = fn(c, ref, in, &out);
	json_decref(in);
	json_decref(out);
	return rc;
}

static enum bp_err merge(struct ctx *c, json_t *in)
{
	json_t *out = NULL;
	enum bp_err rc = unit_merge(c, in, &out);
	json_decref(in);
	json_decref(out);
	return rc;
}

enum bp_err demo_build(struct ctx *c, json_t **logins)
{
	enum bp_err rc = BP_OK;
	char id[37];
	*logins = json_array();
	bool exists = unit_resolve(c, "LS", id) == BP_OK;
	err_clear(&c->err);
	for (size_t i = 0; !exists && !rc && i < sizeof(demo_units) / sizeof(demo_units[0]); i++)
		rc = add_unit(c, &demo_units[i]);
	for (size_t i = 0; !exists && !rc && i < sizeof(demo_links) / sizeof(demo_links[0]); i++)
		rc = call(c, unit_post_link, demo_links[i][0],
			  json_pack("{s:s, s:s}", "commune", demo_links[i][1], "valid_from", "2015-01-01"));
	if (!exists && !rc) {
		/* 1 July 2025: the two-level local government. */
		for (size_t i = 0; !rc && i < sizeof(demo_moved) / sizeof(demo_moved[0]); i++)
			rc = call(c, unit_move, demo_moved[i],
				  json_pack("{s:s, s:s}", "parent", "LS", "date", REFORM));
		if (!rc)
			rc = merge(c, json_pack("{s:[s,s,s], s:{s:s, s:s, s:s, s:s}, s:s, s:s}",
				"sources", "LB-MAUSON", "LB-YENKHOAI", "LB-TUMICH",
				"target", "code", "MAUSON", "kind", "commune", "name", "Xã Mẫu Sơn", "parent", "LS",
				"date", REFORM, "note", "Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025"));
		if (!rc)
			rc = merge(c, json_pack("{s:[s,s,s], s:{s:s, s:s, s:s, s:s}, s:s, s:s}",
				"sources", "TD-DAOVIEN", "TD-QUOCKHANH", "TD-TRIPHUONG",
				"target", "code", "KHANGCHIEN", "kind", "commune", "name", "Xã Kháng Chiến", "parent", "LS",
				"date", REFORM, "note", "Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025"));
		for (size_t i = 0; !rc && i < sizeof(demo_units) / sizeof(demo_units[0]); i++)
			if (!strcmp(demo_units[i].kind, "border_post"))
				rc = call(c, unit_move, demo_units[i].code,
					  json_pack("{s:s, s:s}", "parent", "BANBDBP-LS", "date", REFORM));
		static const char *const ended[] = { "BDBP-LS", "LS-TD", "LS-VL", "LS-CL", "LS-LB", "LS-DL" };
		for (size_t i = 0; !rc && i < sizeof(ended) / sizeof(ended[0]); i++)
			rc = call(c, unit_dissolve, ended[i], json_pack("{s:s}", "date", REFORM));
	}
	for (size_t i = 0; !rc && i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "username", demo_users[i].username,
				       "password", DEMO_PASSWORD, "role", demo_users[i].role,
				       "unit", demo_users[i].unit, "display_name", demo_users[i].display);
		json_t *out = NULL;
		bool created;
		rc = exists ? BP_OK : user_put(c, NULL, in, &out, &created);
		json_decref(in);
		json_decref(out);
		json_array_append_new(*logins, json_pack("{s:s, s:s, s:s, s:s}", "username",
			demo_users[i].username, "password", DEMO_PASSWORD, "role", demo_users[i].role,
			"unit", demo_users[i].unit));
	}
	if (!rc)
		rc = demo_border_build(c);
	if (!rc)
		rc = demo_people_build(c);
	if (!rc)
		rc = demo_direction_build(c);
	if (!rc)
		rc = demo_coordination_build(c);
	return rc;
}
