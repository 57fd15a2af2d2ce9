/*
 * demo_coordination.c - the demo's conferences, coordination agreement
 * and commendations, from the seeds:
 *  - the province's conference of 25/8/2025 disseminating Kế hoạch
 *    111/KH-UBND (seed 001), and xã Kháng Chiến's of 15/11/2025
 *    disseminating its Kế hoạch 05/KH-UBND (seed 000), with the four
 *    contributions heard there;
 *  - the 2024 coordination agreement between the provincial Border Guard
 *    party committee and the party committees of the five border
 *    districts, signed on 22/1/2024 at the conference that reviewed 2023
 *    (seed 003), with its commitments and its review of January 2025;
 *  - a Border Day 2019-2024 commendation modelled on Hoàng Mai's (seed
 *    002): giấy khen of the chairman of a district committee to 5
 *    collectives and 9 individuals, here huyện Tràng Định and its border
 *    communes. The people's names are made up; the units are the demo's.
 *
 * The documents disseminated are linked when the demo's documents are
 * there (looked up by number and symbol); without them the conferences
 * are written all the same. Every record has a fixed id and is written
 * with PUT, so running the demo twice changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "domain/agreements.h"
#include "domain/commendations.h"
#include "domain/conferences.h"
#include "domain/demo.h"
#include "domain/units.h"

static void demo_cid(char out[37], unsigned kind, unsigned i)
{
	snprintf(out, 37, "dec%05x-0000-4000-8000-%012x", kind, i);
}

/* The id of the document of a unit with this number and symbol, or "" when the demo has none. */
static enum bp_err document_by_number(struct ctx *c, const char *number, const char *unit_code, char id[37])
{
	struct db_rows *r = NULL;
	id[0] = '\0';
	enum bp_err rc = db_query_one(c->db, "SELECT d.id FROM documents d LEFT JOIN units u ON u.id = d.unit_id"
				      " WHERE d.number_symbol = $1 AND (u.code = $2 OR d.unit_id IS NULL)"
				      " ORDER BY d.issued_on DESC, d.id", DB_ARGS(DB_S(number), DB_S(unit_code)), &r, &c->err);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		return BP_OK;
	}
	if (!rc)
		snprintf(id, 37, "%s", db_text(r, 0));
	db_rows_free(r);
	return rc;
}

static enum bp_err put(struct ctx *c, enum bp_err (*fn)(struct ctx *, const char *, json_t *, enum coord_write,
		       json_t **, enum coord_done *), const char *id, json_t *in)
{
	json_t *out = NULL;
	enum coord_done done;
	enum bp_err rc = fn(c, id, in, COORD_PUT, &out, &done);
	json_decref(in);
	json_decref(out);
	return rc;
}

static json_t *documents_of(struct ctx *c, const char *number, const char *unit_code, enum bp_err *rc)
{
	char id[37];
	json_t *a = json_array();
	*rc = document_by_number(c, number, unit_code, id);
	if (!*rc && id[0])
		json_array_append_new(a, json_string(id));
	return a;
}

static enum bp_err conferences(struct ctx *c)
{
	char id[37];
	enum bp_err rc = BP_OK;
	json_t *docs;

	/* Seed 001: the province disseminates its plan 111/KH-UBND. */
	demo_cid(id, 1, 1);
	docs = documents_of(c, "111/KH-UBND", "LS", &rc);
	if (rc) {
		json_decref(docs);
		return rc;
	}
	rc = put(c, conference_put, id, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:[s,s], s:[], s:s}",
		"kind", "quan_triet",
		"title", "Hội nghị quán triệt Kế hoạch số 111/KH-UBND ngày 4/7/2025 của UBND tỉnh về thực hiện"
			 " Quyết định số 89/QĐ-TTg của Thủ tướng Chính phủ",
		"date", "2025-08-25", "unit", "LS", "place", "Trụ sở UBND tỉnh Lạng Sơn",
		"chair", "Đồng chí Hồ Tiến Thiệu, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh",
		"documents", docs, "units", "BCHQS-LS", "BANBDBP-LS", "contributions",
		"conclusions", "Kế hoạch số 111 cụ thể hóa Quyết định số 89 là nhiệm vụ chính trị đặc biệt quan trọng;"
			" các cấp, các ngành, địa phương quán triệt sâu sắc, tuyên truyền rộng rãi, xác định rõ trách nhiệm"
			" từng cơ quan, đơn vị, đề cao vai trò người đứng đầu; Bộ đội Biên phòng phát huy vai trò"
			" chuyên trách, nòng cốt, nắm chắc tình hình nội biên, ngoại biên."));
	if (rc)
		return rc;

	/* Seed 000: xã Kháng Chiến disseminates its plan 05/KH-UBND. */
	demo_cid(id, 1, 2);
#ifdef DEMO_DOC_KHANGCHIEN_05
	docs = json_pack("[s]", DEMO_DOC_KHANGCHIEN_05);
#else
	docs = documents_of(c, "05/KH-UBND", "KHANGCHIEN", &rc);
	if (rc) {
		json_decref(docs);
		return rc;
	}
#endif
	json_t *contributions = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s},"
		" {s:s, s:s, s:s}, {s:s, s:s, s:s}]",
		"organization", "Ủy ban MTTQ Việt Nam xã",
		"subject", "Đẩy mạnh tuyên truyền, vận động Nhân dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới",
		"organization", "Ban Chỉ huy Quân sự xã",
		"subject", "Phát huy vai trò của lực lượng vũ trang trong xây dựng thế trận biên phòng toàn dân",
		"organization", "Công an xã",
		"subject", "Gắn phát triển kinh tế – xã hội với bảo đảm an ninh trật tự khu vực biên giới",
		"organization", "Thôn 5",
		"subject", "Thôn tham gia quản lý, bảo vệ đường biên, mốc giới và giữ an ninh trật tự ở khu dân cư",
		"speaker", "Đại tá Lương Mạnh Vông, Phó Chính ủy Bộ đội Biên phòng tỉnh",
		"unit", "BANBDBP-LS",
		"subject", "Phối hợp chặt chẽ với Đồn Biên phòng Bình Nghi; tuyên truyền để đồng bào dân tộc thiểu số"
			   " tham gia quản lý, bảo vệ đường biên, mốc giới",
		"speaker", "Đồng chí Đinh Thị Liên, Bí thư Đảng ủy, Chủ tịch HĐND xã",
		"unit", "KHANGCHIEN",
		"subject", "Phát biểu chỉ đạo: quán triệt nghiêm túc kế hoạch ở các chi bộ; xây dựng hệ thống chính trị"
			   " cơ sở trong sạch vững mạnh");
	return put(c, conference_put, id, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:[s,s], s:o, s:s, s:s}",
		"kind", "quan_triet",
		"title", "Hội nghị quán triệt Kế hoạch số 05/KH-UBND ngày 28/10/2025 của UBND xã về thực hiện Đề án"
			 " “Xây dựng nền Biên phòng toàn dân, thế trận biên phòng toàn dân ở khu vực biên giới”",
		"date", "2025-11-15", "unit", "KHANGCHIEN", "place", "Hội trường Nhà Văn hóa xã Kháng Chiến",
		"chair", "Đồng chí Lương Trung Thuyền, Phó Bí thư Đảng ủy, Chủ tịch UBND xã",
		"documents", docs, "units", "DBP-BINHNGHI", "BANBDBP-LS", "contributions", contributions,
		"conclusions", "Các ban ngành, đoàn thể, các thôn và từng cán bộ, đảng viên chủ động xây dựng chương trình"
			" hành động cụ thể; tăng cường phối hợp giữa chính quyền – lực lượng vũ trang – Mặt trận Tổ quốc"
			" và các đoàn thể; đẩy mạnh tuyên truyền sâu rộng trong Nhân dân; nắm chắc tình hình, xử lý các vấn"
			" đề phát sinh ngay tại thôn; duy trì nền nếp tuần tra, bảo vệ biên giới; làm tốt công tác đối"
			" ngoại Nhân dân.",
		"notes", "Dự có lãnh đạo Bộ đội Biên phòng tỉnh, Đồn Biên phòng Bình Nghi, UV BTV Đảng ủy, HĐND, UBND,"
			 " MTTQ xã, Công an xã, Ban CHQS xã, Trạm Y tế, các trường học, bí thư chi bộ, trưởng thôn và tổ"
			 " trưởng tổ an ninh các thôn."));
}

/* Seed 003: the 2024 agreement, signed at the conference of 22/1/2024. */
static enum bp_err agreement(struct ctx *c)
{
	char id[37], conf[37], k[8][37], review[37];
	demo_cid(id, 2, 1);
	demo_cid(conf, 1, 3);
	demo_cid(review, 3, 1);
	for (unsigned i = 0; i < 8; i++)
		demo_cid(k[i], 4, i + 1);
	enum bp_err rc = put(c, conference_put, conf, json_pack("{s:s, s:s, s:s, s:s, s:s, s:[s,s,s,s,s], s:s}",
		"kind", "ky_ket",
		"title", "Hội nghị sơ kết quy chế phối hợp năm 2023 và ký kết quy chế phối hợp năm 2024",
		"date", "2024-01-22", "unit", "DU-BDBP-LS",
		"chair", "Đồng chí Hoàng Văn Nghiệm, Phó Bí thư Thường trực Tỉnh ủy",
		"units", "LS-DL", "LS-LB", "LS-CL", "LS-VL", "LS-TD",
		"conclusions", "Tiếp tục phối hợp tham mưu Tỉnh ủy lãnh đạo công tác biên phòng; thực hiện Nghị quyết 33,"
			" Nghị quyết 16 của Bộ Chính trị và Chỉ thị 01 của Thủ tướng Chính phủ; Bí thư Đảng ủy BĐBP tỉnh và"
			" Bí thư Huyện ủy 5 huyện biên giới ký kết Quy chế phối hợp lãnh đạo, chỉ đạo nhiệm vụ trọng tâm năm 2024."));
	if (rc)
		return rc;
	json_t *commitments = json_pack("[{s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s},"
		" {s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s},"
		" {s:s, s:s, s:s, s:s}]",
		"id", k[0], "party", "DU-BDBP-LS", "due_on", "2024-12-31",
		"text", "Duy trì cơ chế trao đổi thông tin, tình hình giữa Ban Thường vụ Đảng ủy BĐBP tỉnh và Thường trực"
			" Huyện ủy 5 huyện biên giới; thống nhất giải pháp xử lý các vụ việc phát sinh ở khu vực biên giới",
		"id", k[1], "party", "DU-BDBP-LS", "due_on", "2024-12-31",
		"text", "Chỉ đạo các đồn biên phòng tham mưu, phối hợp với cấp ủy, chính quyền 21 xã, thị trấn biên giới"
			" thực hiện phong trào toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới (Chỉ thị 01/CT-TTg)",
		"id", k[2], "party", "LS-TD", "due_on", "2024-12-31",
		"text", "Lãnh đạo các xã biên giới huyện Tràng Định duy trì tự quản đường biên, cột mốc và tổ an ninh thôn, bản",
		"id", k[3], "party", "LS-VL", "due_on", "2024-12-31",
		"text", "Lãnh đạo tuyên truyền pháp luật về biên giới, vận động hộ gia đình ký kết chấp hành quy định ở khu vực biên giới",
		"id", k[4], "party", "LS-CL", "due_on", "2024-12-31",
		"text", "Phối hợp giữ an ninh, trật tự khu vực cửa khẩu; phòng, chống buôn lậu, xuất nhập cảnh trái phép",
		"id", k[5], "party", "LS-LB", "due_on", "2024-10-31",
		"text", "Huy động nguồn lực xây dựng đường kiểm tra cột mốc và mô hình “Lũy tre biên giới Việt”",
		"id", k[6], "party", "LS-DL", "due_on", "2024-10-31",
		"text", "Tổ chức phát quang, tu sửa đường tuần tra; nhân rộng mô hình “Thắp sáng đường tuần tra biên giới”",
		"id", k[7], "party", "DU-BDBP-LS", "due_on", "2025-01-31",
		"text", "Sơ kết quy chế phối hợp năm 2024 và ký kết quy chế năm 2025 vào tháng 1/2025");
	rc = put(c, agreement_put, id, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[s,s,s,s,s,s], s:o}",
		"title", "Quy chế phối hợp lãnh đạo, chỉ đạo nhiệm vụ trọng tâm năm 2024 giữa Đảng ủy Bộ đội Biên phòng"
			 " tỉnh và Huyện ủy 5 huyện biên giới",
		"period_from", "2024-01-01", "period_to", "2024-12-31", "signed_on", "2024-01-22",
		"status", "ended", "unit", "DU-BDBP-LS",
		"parties", "DU-BDBP-LS", "LS-DL", "LS-LB", "LS-CL", "LS-VL", "LS-TD",
		"commitments", commitments));
	if (rc)
		return rc;
	json_t *items = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s},"
		" {s:s, s:s, s:s}, {s:s, s:s}, {s:s, s:s}]",
		"commitment", k[0], "evaluation", "done",
		"commitment", k[1], "evaluation", "done",
		"commitment", k[2], "evaluation", "done",
		"commitment", k[3], "evaluation", "done",
		"commitment", k[4], "evaluation", "done",
		"commitment", k[5], "evaluation", "partly",
		"note", "Một số đoạn đường kiểm tra cột mốc chưa hoàn thành do mưa lũ",
		"commitment", k[6], "evaluation", "done",
		"commitment", k[7], "evaluation", "done");
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", review, "date", "2025-01-21", "result", "tot",
		"notes", "Các bên duy trì trao đổi thông tin thường xuyên; 24 tập thể và 885 hộ gia đình đăng ký tự quản"
			 " đường biên, cột mốc; phát quang đường tuần tra 394 lần với 3.848 lượt người tham gia.",
		"items", items);
	json_t *out = NULL;
	enum coord_done done;
	rc = agreement_review(c, id, in, &out, &done);
	json_decref(in);
	json_decref(out);
	return rc;
}

/* Seed 002, in Lạng Sơn: Border Day 2019-2024 in huyện Tràng Định. */
static enum bp_err commendation(struct ctx *c)
{
	char id[37];
	demo_cid(id, 5, 1);
	json_t *recipients = json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s},"
		" {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s},"
		" {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}]",
		"kind", "collective", "name", "UBND xã Đào Viên", "unit", "TD-DAOVIEN",
		"kind", "collective", "name", "Ủy ban MTTQ Việt Nam xã Quốc Khánh", "unit", "TD-QUOCKHANH",
		"kind", "collective", "name", "Thôn Pò Mã, xã Đào Viên", "unit", "DAOVIEN-POMA",
		"kind", "collective", "name", "Thôn Nà Pán, xã Quốc Khánh", "unit", "QUOCKHANH-NAPAN",
		"kind", "collective", "name", "Đồn Biên phòng Pò Mã", "unit", "DBP-POMA",
		"kind", "individual", "name", "Ông Nông Văn Thắng, Trưởng thôn Pò Mã", "unit", "DAOVIEN-POMA",
		"kind", "individual", "name", "Bà Hoàng Thị Mai, Bí thư Chi bộ thôn Nà Pán", "unit", "QUOCKHANH-NAPAN",
		"kind", "individual", "name", "Ông Vi Văn Dũng, Tổ trưởng tổ an ninh thôn Nà Pán", "unit", "QUOCKHANH-NAPAN",
		"kind", "individual", "name", "Bà Lý Thị Hạnh, Chủ tịch Hội Liên hiệp Phụ nữ xã Đào Viên", "unit", "TD-DAOVIEN",
		"kind", "individual", "name", "Bà Hà Thị Lan, Phó Chủ tịch UBND xã Quốc Khánh", "unit", "TD-QUOCKHANH",
		"kind", "individual", "name", "Ông Lăng Văn Tuấn, Chỉ huy trưởng Ban CHQS xã Tri Phương", "unit", "TD-TRIPHUONG",
		"kind", "individual", "name", "Ông Triệu Văn Hùng, Công an xã Đội Cấn", "unit", "TD-DOITHAN",
		"kind", "individual", "name", "Thiếu tá Nông Đức Long, Đội trưởng Đội vận động quần chúng", "unit", "DBP-POMA",
		"kind", "individual", "name", "Đại úy Hoàng Văn Quân, Đồn Biên phòng Bình Nghi", "unit", "DBP-BINHNGHI");
	return put(c, commendation_put, id, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
		"level", "giay_khen", "issuing_body", "Chủ tịch UBND huyện Tràng Định", "issuer_level", "district",
		"signer_title", "Chủ tịch UBND huyện", "date", "2024-02-26",
		"reason", "Có thành tích xuất sắc trong thực hiện “Ngày Biên phòng toàn dân”, giai đoạn 2019 – 2024",
		"programme", "Ngày Biên phòng toàn dân", "period_from", "2019-03-03", "period_to", "2024-03-03",
		"unit", "LS-TD", "recipients", recipients));
}

enum bp_err demo_coordination_build(struct ctx *c)
{
	char unit[37];
	/* A demo of another shape (a test's own tree) has none of these units. */
	if (unit_resolve(c, "DU-BDBP-LS", unit) || unit_resolve(c, "KHANGCHIEN", unit)) {
		err_clear(&c->err);
		return BP_OK;
	}
	/* The newest record is dated 15/11/2025; a server replaying an
	 * earlier day (BIENPHONG_TODAY) would refuse some of them. */
	if (strcmp(c->today, "2025-11-15") < 0)
		return BP_OK;
	enum bp_err rc = conferences(c);
	if (!rc)
		rc = agreement(c);
	if (!rc)
		rc = commendation(c);
	return rc;
}
