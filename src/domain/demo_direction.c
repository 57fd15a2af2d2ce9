/*
 * demo_direction.c - the demo's documents and tasks: the cascade the
 * seeds follow, from the Politburo's Conclusion 99-KL/TW of 17/10/2024
 * on the project "building the all-people border defense ...", through
 * the Prime Minister's Decision 89/QĐ-TTg of 19/5/2025 issuing the plan
 * to carry it out and Lạng Sơn's Plan 111/KH-UBND of 4/7/2025, down to
 * the plan 05/KH-UBND of 28/10/2025 of the commune Kháng Chiến, whose
 * dissemination conference (15/11/2025) seed 000 reports. The commune's
 * plan gives tasks to the commune, its villages and the border posts that
 * serve it (Bình Nghi, Pò Mã); the reports of progress are those a
 * commune would make over its first year.
 *
 * Written through the same domain functions as the API, in one
 * transaction, with fixed ids (demo.h), once: nothing is done when the
 * first document is there. A progress report dated after "today" is left
 * out, so the demo can be built as of any date (BIENPHONG_TODAY); which
 * tasks are overdue depends on that date too.
 */
#include <stdio.h>
#include <string.h>

#include "domain/demo.h"
#include "domain/documents.h"
#include "domain/tasks.h"

#define PROJECT "Đề án “Xây dựng nền Biên phòng toàn dân, thế trận biên phòng toàn dân trong nền" \
	" quốc phòng toàn dân, thế trận quốc phòng toàn dân gắn với nền an ninh nhân dân, thế trận" \
	" an ninh nhân dân ở khu vực biên giới”"

static const struct demo_doc {
	const char *id, *kind, *number, *date, *body, *title, *implements, *unit, *summary;
} demo_docs[] = {
	{ DEMO_DOC_TW_99, "ket_luan", "99-KL/TW", "2024-10-17", "Bộ Chính trị",
	  "Kết luận của Bộ Chính trị về " PROJECT, NULL, NULL, NULL },
	{ DEMO_DOC_TTG_89, "quyet_dinh", "89/QĐ-TTg", "2025-05-19", "Thủ tướng Chính phủ",
	  "Quyết định ban hành Kế hoạch thực hiện Kết luận số 99-KL/TW ngày 17/10/2024 của Bộ Chính trị về " PROJECT,
	  DEMO_DOC_TW_99, NULL, NULL },
	{ DEMO_DOC_LS_111, "ke_hoach", "111/KH-UBND", "2025-07-04", "UBND tỉnh Lạng Sơn",
	  "Kế hoạch thực hiện Quyết định số 89/QĐ-TTg ngày 19/5/2025 của Thủ tướng Chính phủ ban hành kế hoạch"
	  " thực hiện Kết luận số 99-KL/TW ngày 17/10/2024 của Bộ Chính trị",
	  DEMO_DOC_TTG_89, "LS",
	  "Cụ thể hóa Quyết định số 89/QĐ-TTg phù hợp với đặc điểm, tình hình thực tế của địa bàn; nâng cao"
	  " nhận thức, trách nhiệm của cấp ủy, chính quyền, Mặt trận Tổ quốc, các tổ chức chính trị – xã hội." },
	{ DEMO_DOC_KHANGCHIEN_05, "ke_hoach", "05/KH-UBND", "2025-10-28", "UBND xã Kháng Chiến",
	  "Kế hoạch về thực hiện " PROJECT, DEMO_DOC_LS_111, "KHANGCHIEN",
	  "Cụ thể hóa Quyết định số 89/QĐ-TTg của Thủ tướng Chính phủ tại địa phương: tuyên truyền, vận động"
	  " Nhân dân tham gia bảo vệ chủ quyền biên giới; phát huy vai trò của lực lượng vũ trang trong xây dựng"
	  " thế trận biên phòng toàn dân; gắn phát triển kinh tế – xã hội với bảo đảm an ninh trật tự khu vực"
	  " biên giới." },
};

struct demo_update {
	const char *date, *status;
	int progress;
	const char *note;
};

static const struct demo_task {
	const char *id, *doc, *title, *lead, *supporting[3], *due;
	struct demo_update updates[3];
} demo_tasks[] = {
	{ "0d0c7a5c-0000-4000-8000-000000000001", DEMO_DOC_LS_111,
	  "Hướng dẫn các xã biên giới xây dựng kế hoạch thực hiện Đề án", "BANBDBP-LS", { NULL }, "2025-09-30",
	  { { "2025-09-20", "done", 100, "Đã ban hành hướng dẫn cho 21 xã, thị trấn biên giới." } } },
	{ "0d0c7a5c-0000-4000-8000-000000000002", DEMO_DOC_KHANGCHIEN_05,
	  "Tổ chức Hội nghị quán triệt Kế hoạch số 05/KH-UBND", "KHANGCHIEN", { "DBP-BINHNGHI", NULL },
	  "2025-11-30",
	  { { "2025-11-15", "done", 100, "Hội nghị tại Nhà Văn hóa xã, có đại diện Bộ đội Biên phòng tỉnh và"
	      " Đồn Biên phòng Bình Nghi; 4 tham luận." } } },
	{ "0d0c7a5c-0000-4000-8000-000000000003", DEMO_DOC_KHANGCHIEN_05,
	  "Tuyên truyền, vận động Nhân dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia",
	  "KHANGCHIEN", { "DBP-BINHNGHI", "DBP-POMA", NULL }, "2026-12-31",
	  { { "2025-12-15", "in_progress", 30, "Tuyên truyền tại 2 thôn, 180 lượt người nghe." },
	    { "2026-03-10", "in_progress", 55, "Lồng ghép tuyên truyền vào sinh hoạt chi bộ các thôn." } } },
	{ "0d0c7a5c-0000-4000-8000-000000000004", DEMO_DOC_KHANGCHIEN_05,
	  "Duy trì tổ tự quản đường biên, mốc quốc giới; tuần tra, bảo vệ biên giới", "DBP-BINHNGHI",
	  { "QUOCKHANH-NAPAN", NULL }, "2026-12-31",
	  { { "2026-01-20", "in_progress", 40, "Củng cố tổ tự quản thôn Nà Pán." } } },
	{ "0d0c7a5c-0000-4000-8000-000000000005", DEMO_DOC_KHANGCHIEN_05,
	  "Xây dựng chương trình hành động cụ thể của thôn Nà Pán", "QUOCKHANH-NAPAN", { NULL }, "2025-12-31",
	  { { "2025-12-20", "done", 100, "Chi bộ thôn thông qua chương trình hành động." } } },
	{ "0d0c7a5c-0000-4000-8000-000000000006", DEMO_DOC_KHANGCHIEN_05,
	  "Rà soát, củng cố tổ an ninh thôn Pò Mã", "DAOVIEN-POMA", { "DBP-POMA", NULL }, "2026-03-31",
	  { { "2026-02-10", "in_progress", 50, "Đã rà soát danh sách tổ viên, còn thiếu 2 người." } } },
	{ "0d0c7a5c-0000-4000-8000-000000000007", DEMO_DOC_KHANGCHIEN_05,
	  "Sơ kết 01 năm thực hiện Kế hoạch số 05/KH-UBND", "KHANGCHIEN", { "DBP-BINHNGHI", NULL }, "2026-12-15",
	  { { NULL } } },
};

static enum bp_err demo_doc(struct ctx *c, const struct demo_doc *d)
{
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", d->kind, "number_symbol", d->number,
			       "issued_on", d->date, "issuing_body", d->body, "title", d->title, "id", d->id);
	if (d->implements)
		json_object_set_new(in, "implements", json_string(d->implements));
	if (d->unit)
		json_object_set_new(in, "unit", json_string(d->unit));
	if (d->summary)
		json_object_set_new(in, "summary", json_string(d->summary));
	json_t *out = NULL;
	enum layer_done done;
	enum bp_err rc = document_put(c, d->id, in, LAYER_PUT, &out, &done);
	json_decref(in);
	json_decref(out);
	return rc;
}

static enum bp_err demo_task(struct ctx *c, const struct demo_task *t)
{
	json_t *sup = json_array();
	for (int i = 0; t->supporting[i]; i++)
		json_array_append_new(sup, json_string(t->supporting[i]));
	json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:s}", "document", t->doc, "title", t->title, "unit", t->lead,
			       "supporting", sup, "due_on", t->due);
	json_t *out = NULL;
	enum layer_done done;
	enum bp_err rc = task_put(c, t->id, in, LAYER_PUT, &out, &done);
	json_decref(in);
	json_decref(out);
	for (int i = 0; !rc && i < 3 && t->updates[i].date; i++) {
		const struct demo_update *u = &t->updates[i];
		if (strcmp(u->date, c->today) > 0)
			break;
		char uid[37];
		/* 0d0c0bda-...-0000000000TU: task T's update U. */
		snprintf(uid, sizeof(uid), "0d0c0bda-0000-4000-8000-0000000000%c%c", t->id[35], (char)('1' + i));
		json_t *ui = json_pack("{s:s, s:s, s:s, s:i, s:s}", "id", uid, "date", u->date, "status", u->status,
				       "progress", u->progress, "note", u->note);
		bool created;
		rc = task_update_add(c, t->id, ui, &out, &created);
		json_decref(ui);
		json_decref(out);
	}
	return rc;
}

enum bp_err demo_direction_build(struct ctx *c)
{
	long long have = 0;
	enum bp_err rc = db_scalar_int(c->db, "SELECT COUNT(*) FROM documents WHERE id = $1",
				       DB_ARGS(DB_S(DEMO_DOC_TW_99)), &have, &c->err);
	if (rc || have)
		return rc;
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	for (size_t i = 0; !rc && i < sizeof(demo_docs) / sizeof(*demo_docs); i++)
		rc = demo_doc(c, &demo_docs[i]);
	for (size_t i = 0; !rc && i < sizeof(demo_tasks) / sizeof(*demo_tasks); i++)
		rc = demo_task(c, &demo_tasks[i]);
	return db_end(c->db, rc, &c->err);
}
