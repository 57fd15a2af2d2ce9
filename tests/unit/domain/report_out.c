/*
 * Tests src/domain/report_{text,csv,html,xlsx}.c over the fixture
 * tests/fixtures/report_ls_2023.json: Lạng Sơn's 2023 report with the
 * figures of seed 003, shaped as docs/reports.md gives a report.
 */
#include "helpers.h"
#include "domain/report_out.h"

#define FIXTURE "tests/fixtures/report_ls_2023.json"

static json_t *fixture(void)
{
	json_error_t je;
	json_t *r = json_load_file(FIXTURE, 0, &je);
	if (!r)
		fail_msg("%s: %s (line %d)", FIXTURE, je.text, je.line);
	return r;
}

/* The figure object of a key. */
static json_t *fig(json_t *r, const char *key)
{
	size_t i, k;
	json_t *s, *f;
	json_array_foreach(json_object_get(r, "sections"), i, s)
		json_array_foreach(json_object_get(s, "figures"), k, f)
			if (!strcmp(jstr(f, "key"), key))
				return f;
	fail_msg("no figure %s", key);
	return NULL;
}

/* Runs report_text; returns the text (caller frees) or NULL with *e set. */
static char *text_of(json_t *r, const char *lang, bool round, struct bp_error *e)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	if (report_text(r, lang, round, &b, e)) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static const char exact_vi[] =
	"Năm 2023, Tỉnh Lạng Sơn duy trì 24 tập thể và 885 hộ gia đình đăng ký tự quản 70,5 km đường biên giới "
	"(30,5% chiều dài đường biên giới của tỉnh), cột mốc; huy động các nguồn lực xây dựng được 173 đường kiểm "
	"tra cột mốc, bảo vệ biên giới với kinh phí 3,125 tỷ đồng; tổ chức phát quang, tu sửa đường tuần tra, "
	"đường thông tầm nhìn biên giới được 394 lần, với 3.848 lượt người tham gia; tổ chức tuyên truyền 312 "
	"buổi, cho 14.120 lượt người dự nghe, tuyên truyền nhỏ lẻ cho 9.312 lượt người; phát 21.850 tờ rơi tuyên "
	"truyền; 350 bộ tài liệu tuyên truyền pháp luật; tổ chức cho 13.823 hộ gia đình ký kết chấp hành các quy "
	"định của pháp luật.";

static const char rounded_vi[] =
	"Năm 2023, Tỉnh Lạng Sơn duy trì 24 tập thể và 885 hộ gia đình đăng ký tự quản 70,5 km đường biên giới "
	"(30,5% chiều dài đường biên giới của tỉnh), cột mốc; huy động các nguồn lực xây dựng được 173 đường kiểm "
	"tra cột mốc, bảo vệ biên giới với kinh phí hơn 3,1 tỷ đồng; tổ chức phát quang, tu sửa đường tuần tra, "
	"đường thông tầm nhìn biên giới được 394 lần, với 3.848 lượt người tham gia; tổ chức tuyên truyền hơn 300 "
	"buổi, cho trên 14.000 lượt người dự nghe, tuyên truyền nhỏ lẻ cho trên 9.300 lượt người; phát gần 22.000 "
	"tờ rơi tuyên truyền; 350 bộ tài liệu tuyên truyền pháp luật; tổ chức cho trên 13.820 hộ gia đình ký kết "
	"chấp hành các quy định của pháp luật.";

static void test_text_exact(void **state)
{
	(void)state;
	struct bp_error e;
	json_t *r = fixture();
	char *t = text_of(r, "vi", false, &e);
	assert_non_null(t);
	assert_string_equal(t, exact_vi);
	free(t);
	/* lang NULL is Vietnamese */
	t = text_of(r, NULL, false, &e);
	assert_string_equal(t, exact_vi);
	free(t);
	json_decref(r);
}

static void test_text_rounded(void **state)
{
	(void)state;
	struct bp_error e;
	json_t *r = fixture();
	char *t = text_of(r, "vi", true, &e);
	assert_non_null(t);
	assert_string_equal(t, rounded_vi);
	/* the sentence of seed 003, word for word */
	assert_non_null(strstr(t, "tổ chức tuyên truyền hơn 300 buổi, cho trên 14.000 lượt người dự nghe, tuyên "
				  "truyền nhỏ lẻ cho trên 9.300 lượt người; phát gần 22.000 tờ rơi tuyên truyền; 350 "
				  "bộ tài liệu tuyên truyền pháp luật; tổ chức cho trên 13.820 hộ gia đình ký kết chấp "
				  "hành các quy định của pháp luật."));
	free(t);
	json_decref(r);
}

static void test_text_english(void **state)
{
	(void)state;
	struct bp_error e;
	json_t *r = fixture();
	char *t = text_of(r, "en", false, &e);
	assert_string_equal(t,
		"In Year 2023, Tỉnh Lạng Sơn kept 24 collectives and 885 households registered for the "
		"self-management of 70.5 km of the border line (30.5% of the province's line) and its markers; "
		"built 173 marker-inspection roads for 3.125 billion VND; cleared and repaired patrol roads and "
		"sight lines 394 times, with 3,848 participant-turns; held 312 outreach sessions for 14,120 "
		"attendees and reached 9,312 people in small groups; handed out 21,850 leaflets and 350 sets of "
		"legal documents; had 13,823 households sign commitments to obey the law.");
	free(t);
	t = text_of(r, "en", true, &e);
	assert_non_null(strstr(t, "held over 300 outreach sessions for over 14,000 attendees and reached over "
				  "9,300 people in small groups; handed out nearly 22,000 leaflets and 350 sets"));
	assert_non_null(strstr(t, "for over 3.1 billion VND;"));
	free(t);
	/* A missing English text falls back to the Vietnamese one. */
	json_object_del(json_array_get(json_object_get(r, "sections"), 4), "narrative_en");
	t = text_of(r, "en", false, &e);
	assert_non_null(strstr(t, "; tổ chức cho 13,823 hộ gia đình ký kết chấp hành các quy định của pháp luật."));
	free(t);
	json_decref(r);
}

/* A sentence whose figures are all zero is left out; one figure not zero
 * keeps it; nothing at all leaves the lead alone. */
static void test_text_zeros(void **state)
{
	(void)state;
	struct bp_error e;
	json_t *r = fixture();
	char *t = text_of(r, "vi", false, &e);
	assert_null(strstr(t, "tin báo")); /* tin_bao.tin and tin_gia_tri are 0 */
	free(t);
	json_object_set_new(fig(r, "tin_bao.tin_gia_tri"), "value", json_integer(2));
	t = text_of(r, "vi", false, &e);
	assert_non_null(strstr(t, "; tiếp nhận 0 tin báo của Nhân dân, trong đó 2 tin có giá trị."));
	free(t);
	/* a clause (between "; ") whose figures are all 0 goes, the rest stays */
	json_object_set_new(fig(r, "phat_tai_lieu.to_roi"), "value", json_integer(0));
	t = text_of(r, "vi", false, &e);
	assert_non_null(strstr(t, "9.312 lượt người; 350 bộ tài liệu tuyên truyền pháp luật; tổ chức cho 13.823"));
	free(t);
	json_object_set_new(fig(r, "phat_quang_tu_sua.lan"), "value", json_integer(0));
	json_object_set_new(fig(r, "phat_quang_tu_sua.luot_nguoi"), "value", json_integer(0));
	t = text_of(r, "vi", false, &e);
	assert_non_null(strstr(t, "với kinh phí 3,125 tỷ đồng; tổ chức tuyên truyền 312 buổi"));
	free(t);
	/* the outreach sentence goes when its three figures are 0 */
	json_object_set_new(fig(r, "tuyen_truyen.buoi"), "value", json_integer(0));
	json_object_set_new(fig(r, "tuyen_truyen.luot_nguoi"), "value", json_integer(0));
	t = text_of(r, "vi", false, &e);
	assert_non_null(strstr(t, "nhỏ lẻ cho 9.312 lượt người;")); /* one left: kept */
	free(t);
	json_object_set_new(fig(r, "tuyen_truyen_nho_le.luot_nguoi"), "value", json_integer(0));
	t = text_of(r, "vi", false, &e);
	assert_null(strstr(t, "tuyên truyền 0 buổi"));
	assert_non_null(strstr(t, "3,125 tỷ đồng; 350 bộ tài liệu"));
	free(t);
	/* every figure 0 */
	size_t i, k;
	json_t *s, *f;
	json_array_foreach(json_object_get(r, "sections"), i, s)
		json_array_foreach(json_object_get(s, "figures"), k, f)
			json_object_set_new(f, "value", json_integer(0));
	t = text_of(r, "vi", true, &e);
	assert_string_equal(t, "Năm 2023, Tỉnh Lạng Sơn.");
	free(t);
	json_decref(r);
}

static void expect_placeholder(const char *narrative, const char *quoted)
{
	struct bp_error e;
	json_t *r = fixture();
	json_object_set_new(json_array_get(json_object_get(r, "sections"), 2), "narrative_vi", json_string(narrative));
	char *t = text_of(r, "vi", true, &e);
	if (t)
		fail_msg("\"%s\" was taken: %s", narrative, t);
	assert_int_equal(e.kind, BP_EINVAL);
	assert_string_equal(e.code, "report_placeholder");
	if (!strstr(e.message_vi, quoted) || !strstr(e.message_en, quoted))
		fail_msg("\"%s\" not in \"%s\"", quoted, e.message_en);
	json_decref(r);
}

static void test_text_bad_placeholders(void **state)
{
	(void)state;
	expect_placeholder("tổ chức {tuyen_truyen.phien} buổi", "{tuyen_truyen.phien}");
	expect_placeholder("tổ chức {tuyen_truyen.buoi|hơn|0} buổi", "{tuyen_truyen.buoi|hơn|0}");
	expect_placeholder("tổ chức {tuyen_truyen.buoi|hơn|10a} buổi", "{tuyen_truyen.buoi|hơn|10a}");
	expect_placeholder("tổ chức {tuyen_truyen.buoi|hơn|-10} buổi", "{tuyen_truyen.buoi|hơn|-10}");
	expect_placeholder("tổ chức {tuyen_truyen.buoi|hơn|} buổi", "{tuyen_truyen.buoi|hơn|}");
	expect_placeholder("tổ chức {} buổi", "{}");
	expect_placeholder("tổ chức {tuyen_truyen.buoi buổi", "{tuyen_truyen.buoi buổi");
	expect_placeholder("tổ chức {tuyen_{truyen}.buoi} buổi", "{tuyen_");
	expect_placeholder("{period|hơn}", "{period|hơn}");
	/* a long unclosed placeholder is quoted shortened, on a whole character */
	struct bp_error e;
	json_t *r = fixture();
	json_object_set_new(json_array_get(json_object_get(r, "sections"), 2), "narrative_vi",
			    json_string("{ểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểểể"));
	assert_null(text_of(r, "vi", false, &e));
	assert_true(json_object_set_new(r, "m", json_string(e.message_vi)) == 0); /* valid UTF-8 */
	json_decref(r);
}

static void expect_shape(json_t *r, const char *path)
{
	struct bp_error e;
	char *t = text_of(r, "vi", false, &e);
	if (t)
		fail_msg("taken without %s: %s", path, t);
	assert_string_equal(e.code, "report_shape");
	if (!strstr(e.message_en, path))
		fail_msg("\"%s\" not in \"%s\"", path, e.message_en);
	json_decref(r);
}

static void test_bad_shapes(void **state)
{
	(void)state;
	json_t *r = fixture();
	json_object_del(fig(r, "tuyen_truyen.buoi"), "value");
	expect_shape(r, "sections[2].figures[0].value");
	r = fixture();
	json_object_set_new(fig(r, "km"), "value", json_string("70,5"));
	expect_shape(r, "sections[0].figures[2].value");
	r = fixture();
	json_object_set_new(fig(r, "km"), "value", json_real(70.0005)); /* beyond the thousandth */
	expect_shape(r, "sections[0].figures[2].value");
	r = fixture();
	json_array_remove(json_object_get(fig(r, "roads"), "by_child"), 0);
	expect_shape(r, "sections[1].figures[0].by_child");
	r = fixture();
	json_object_set_new(fig(r, "roads"), "format", json_string("roman"));
	expect_shape(r, "sections[1].figures[0].format");
	r = fixture();
	json_object_set_new(fig(r, "roads"), "change", json_null()); /* a previous without its change */
	expect_shape(r, "sections[1].figures[0].change");
	r = fixture();
	json_object_del(json_object_get(r, "period"), "title_vi");
	expect_shape(r, "period.title_vi");
	r = fixture();
	json_object_set_new(json_object_get(r, "document"), "recipients", json_string("Lưu: VT"));
	expect_shape(r, "document.recipients");
	r = fixture();
	json_object_del(r, "sections");
	expect_shape(r, "sections");
	r = fixture();
	json_array_append_new(json_object_get(r, "children"), json_integer(1));
	expect_shape(r, "children[5]");
	expect_shape(json_array(), "(report)");

	struct bp_error e;
	r = fixture();
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(report_text(r, "fr", false, &b, &e), BP_EINVAL);
	assert_string_equal(e.code, "report_lang_invalid");
	assert_int_equal(report_csv(r, "VI", &b, &e), BP_EINVAL);
	assert_int_equal(b.len, 0);
	buf_release(&b);
	json_decref(r);
}

/* An output over its buffer's maximum is an error, never a cut file. */
static void test_too_large(void **state)
{
	(void)state;
	struct bp_error e;
	struct buf b;
	json_t *r = fixture();
	buf_init(&b, 600);
	assert_int_equal(report_csv(r, "vi", &b, &e), BP_ETOOLARGE);
	assert_string_equal(e.code, "report_too_large");
	buf_reset(&b);
	assert_int_equal(report_text(r, "vi", false, &b, &e), BP_ETOOLARGE);
	buf_reset(&b);
	assert_int_equal(report_html(r, "vi", false, &b, &e), BP_ETOOLARGE);
	buf_release(&b);
	json_decref(r);
}

/* The lines of a CSV (CRLF), the first without its byte order mark. */
static size_t csv_lines(char *csv, char **lines, size_t max)
{
	size_t n = 0;
	assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
	for (char *p = csv + 3; *p && n < max;) {
		char *end = strstr(p, "\r\n");
		assert_non_null(end);
		*end = '\0';
		lines[n++] = p;
		p = end + 2;
	}
	return n;
}

static void test_csv(void **state)
{
	(void)state;
	struct bp_error e;
	struct buf b;
	char *lines[64];
	json_t *r = fixture();
	buf_init(&b, 1 << 20);
	assert_int_equal(report_csv(r, "vi", &b, &e), BP_OK);
	size_t n = csv_lines(b.data, lines, 64);
	assert_int_equal(n, 1 + 16);
	assert_string_equal(lines[0], "Mục,Mã chỉ tiêu,Chỉ tiêu,Đơn vị tính,Năm 2023,Năm 2022,Tăng/giảm,Tăng/giảm (%),"
				      "Huyện Đình Lập,Huyện Lộc Bình,Huyện Cao Lộc,Huyện Văn Lãng,Huyện Tràng Định");
	assert_string_equal(lines[1], "\"Đăng ký tự quản đường biên, cột mốc\",collectives,Tập thể đăng ký tự quản,"
				      "tập thể,24,22,2,9.1,4,6,5,4,5");
	assert_string_equal(lines[3], "\"Đăng ký tự quản đường biên, cột mốc\",km,Chiều dài đường biên giới tự quản,"
				      "km,70.5,68.25,2.25,3.3,10.5,20,15,12.25,12.75");
	assert_string_equal(lines[6], "\"Xây dựng, tu sửa đường tuần tra\",xay_dung_duong.kinh_phi,Kinh phí xây "
				      "dựng đường,đồng,3125000000,3400000000,-275000000,-8.1,500000000,800000000,"
				      "600000000,525000000,700000000");
	assert_string_equal(lines[9], "Công tác tuyên truyền,tuyen_truyen.buoi,Tuyên truyền tập trung,buổi,312,250,62,"
				      "24.8,50,80,62,56,64");
	/* change_percent null: an empty cell */
	assert_string_equal(lines[15], "Tin báo của Nhân dân,tin_bao.tin,Tin báo của Nhân dân,tin,0,0,0,,0,0,0,0,0");
	buf_release(&b);

	/* English headers and labels; a label that looks like a formula is guarded */
	json_object_set_new(fig(r, "roads"), "label_en", json_string("=HYPERLINK(\"x\")"));
	/* an empty English title falls back to the Vietnamese one */
	json_object_set_new(json_object_get(r, "previous"), "title_en", json_string(""));
	buf_init(&b, 1 << 20);
	assert_int_equal(report_csv(r, "en", &b, &e), BP_OK);
	n = csv_lines(b.data, lines, 64);
	assert_string_equal(lines[0], "Section,Figure key,Figure,Unit of measure,Year 2023,Năm 2022,Change,Change (%),"
				      "Huyện Đình Lập,Huyện Lộc Bình,Huyện Cao Lộc,Huyện Văn Lãng,Huyện Tràng Định");
	assert_string_equal(lines[5], "Patrol roads,roads,\"'=HYPERLINK(\"\"x\"\")\",roads,173,160,13,8.1,26,43,35,31,38");
	buf_release(&b);

	/* no previous period: empty cells */
	json_object_del(r, "previous");
	json_object_set_new(fig(r, "roads"), "previous", json_null());
	json_object_set_new(fig(r, "roads"), "change", json_null());
	json_object_set_new(fig(r, "roads"), "change_percent", json_null());
	buf_init(&b, 1 << 20);
	assert_int_equal(report_csv(r, "vi", &b, &e), BP_OK);
	n = csv_lines(b.data, lines, 64);
	assert_non_null(strstr(lines[0], ",Năm 2023,Kỳ trước,"));
	assert_non_null(strstr(lines[5], ",đường,173,,,,26,"));
	buf_release(&b);
	json_decref(r);
}

static char *html_of(json_t *r, const char *lang, bool round)
{
	struct bp_error e;
	struct buf b;
	buf_init(&b, 1 << 20);
	if (report_html(r, lang, round, &b, &e))
		fail_msg("report_html: %s", e.message_en);
	return buf_detach(&b, NULL);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void test_html(void **state)
{
	(void)state;
	json_t *r = fixture();
	char *h = html_of(r, "vi", true);
	static const char *const parts[] = {
		"<!DOCTYPE html>\n<html lang=\"vi\">",
		"<meta charset=\"utf-8\">\n<title>BÁO CÁO: Kết quả thực hiện phong trào toàn dân tham gia bảo vệ chủ quyền "
		"lãnh thổ, an ninh biên giới quốc gia năm 2023 - Tỉnh Lạng Sơn</title>",
		"@page{size:A4;margin:20mm 15mm 20mm 30mm}",
		"font-family:\"Times New Roman\"",
		".figures tr{break-inside:avoid;page-break-inside:avoid}",
		"<div class=\"superior\">BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG</div>"
		"<div class=\"issuer\">BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LẠNG SƠN</div><div class=\"rule\"></div>",
		"<div class=\"number\">Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC</div>",
		"<div class=\"title\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>"
		"<div class=\"motto\">Độc lập - Tự do - Hạnh phúc</div>",
		"<div class=\"place\">Lạng Sơn, ngày 23 tháng 11 năm 2026</div>",
		"<p class=\"kind\">BÁO CÁO</p>\n<p class=\"subject\">Kết quả thực hiện phong trào toàn dân tham gia bảo vệ "
		"chủ quyền lãnh thổ, an ninh biên giới quốc gia năm 2023</p>",
		"<h2>III. Công tác tuyên truyền</h2>",
		"<th>Năm 2023</th><th>Năm 2022</th>",
		"<tr><td class=\"c\">1</td><td>Tuyên truyền tập trung</td><td class=\"c\">buổi</td><td class=\"n\">312</td>"
		"<td class=\"n\">250</td><td class=\"n\">+62 <span>(+24,8%)</span></td></tr>",
		"<td class=\"n\">3.125.000.000</td><td class=\"n\">3.400.000.000</td>"
		"<td class=\"n\">-275.000.000 <span>(-8,1%)</span></td>",
		"<td class=\"n\">70,5</td><td class=\"n\">68,25</td><td class=\"n\">+2,25 <span>(+3,3%)</span></td>",
		"<td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>", /* percent null */
		"<b>Nơi nhận:</b><br>\n- Bộ Tư lệnh BĐBP (để báo cáo);<br>\n- Tỉnh ủy, UBND tỉnh Lạng Sơn;<br>\n"
		"- Lưu: VT, PCT.<br>\n",
		"<div class=\"who\">KT. CHỈ HUY TRƯỞNG<br>PHÓ CHỈ HUY TRƯỞNG</div>"
		"<div class=\"name\">Đại tá Nguyễn Văn An</div>",
		"</html>\n",
	};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (!strstr(h, parts[i]))
			fail_msg("not in the page: %s", parts[i]);
	/* the rounded narrative, as its paragraph */
	char para[4096];
	snprintf(para, sizeof(para), "<p class=\"body\">%s</p>", rounded_vi);
	assert_non_null(strstr(h, para));
	assert_int_equal(count(h, "<table class=\"figures\">"), 6);
	assert_int_equal(count(h, "<tr><td class=\"c\">"), 16);
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "src="));
	assert_null(strstr(h, "href="));
	free(h);
	h = html_of(r, "vi", false);
	snprintf(para, sizeof(para), "<p class=\"body\">%s</p>", exact_vi);
	assert_non_null(strstr(h, para));
	free(h);

	/* text is escaped everywhere; early days and months take a zero;
	 * a given number gets its symbol */
	json_t *doc = json_object_get(r, "document");
	json_object_set_new(json_object_get(r, "unit"), "name", json_string("Xã <b>A&B</b>"));
	json_object_set_new(fig(r, "roads"), "label_vi", json_string("Đường \"mới\" <script>alert(1)</script>"));
	json_object_set_new(doc, "date", json_string("2026-01-05"));
	json_object_set_new(doc, "number", json_string("125"));
	json_object_set_new(doc, "signer", json_string("O'Neil"));
	h = html_of(r, "vi", false);
	assert_non_null(strstr(h, "Năm 2023, Xã &lt;b&gt;A&amp;B&lt;/b&gt; duy trì"));
	assert_non_null(strstr(h, "<td>Đường &quot;mới&quot; &lt;script&gt;alert(1)&lt;/script&gt;</td>"));
	assert_null(strstr(h, "<script"));
	assert_non_null(strstr(h, "Lạng Sơn, ngày 05 tháng 01 năm 2026"));
	assert_non_null(strstr(h, "Số: 125/BC</div>"));
	assert_non_null(strstr(h, "O&#39;Neil"));
	free(h);
	json_object_set_new(doc, "date", json_string("2026-03-09"));
	json_object_set_new(doc, "number", json_string("125/BC-BCH"));
	h = html_of(r, "vi", false);
	assert_non_null(strstr(h, "ngày 09 tháng 3 năm 2026"));
	assert_non_null(strstr(h, "Số: 125/BC-BCH</div>"));
	free(h);
	json_decref(r);
}

static void test_html_english(void **state)
{
	(void)state;
	json_t *r = fixture();
	char *h = html_of(r, "en", false);
	static const char *const parts[] = {
		"<html lang=\"en\">",
		"@page{size:A4;margin:20mm 15mm 20mm 30mm}",
		"<div class=\"title\">SOCIALIST REPUBLIC OF VIET NAM</div>"
		"<div class=\"motto\">Independence - Freedom - Happiness</div>",
		"<div class=\"place\">Lạng Sơn, 23 November 2026</div>",
		"<div class=\"number\">No.: ",
		"<p class=\"kind\">REPORT</p>\n<p class=\"subject\">The movement of all the people protecting territorial "
		"sovereignty and border security, Year 2023</p>",
		"<h2>III. Outreach</h2>",
		"<td class=\"n\">3,125,000,000</td>",
		"<b>Recipients:</b>",
		"In Year 2023, Tỉnh Lạng Sơn kept 24 collectives",
		/* the issuer has no English name in the document: the Vietnamese one */
		"<div class=\"issuer\">BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LẠNG SƠN</div>",
	};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (!strstr(h, parts[i]))
			fail_msg("not in the page: %s", parts[i]);
	free(h);
	json_decref(r);
}

static void test_xlsx(void **state)
{
	(void)state;
	struct bp_error e;
	char path[] = "/tmp/bienphong-report-XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	json_t *r = fixture();
	assert_int_equal(report_xlsx(r, "vi", path, &e), BP_OK);
	FILE *f = fopen(path, "rb");
	char head[4] = "";
	assert_int_equal(fread(head, 1, 4, f), 4);
	fclose(f);
	assert_memory_equal(head, "PK\3\4", 4); /* a zip: the figures themselves are checked in
						 * tests/api/report_formats.test.mjs through LibreOffice */
	unlink(path);
	assert_int_equal(report_xlsx(r, "vi", "/nonexistent-dir/r.xlsx", &e), BP_EINTERNAL);
	assert_string_equal(e.code, "xlsx_failed");
	json_object_del(r, "children");
	assert_int_equal(report_xlsx(r, "vi", path, &e), BP_EINTERNAL);
	assert_string_equal(e.code, "report_shape");
	assert_int_equal(access(path, F_OK), -1); /* nothing written for a bad report */
	json_decref(r);
}

/* The formats by name, as the command line and the API take them. */
static void test_formats(void **state)
{
	(void)state;
	enum report_out_format f;
	static const char *const names[] = { "json", "csv", "xlsx", "html", "text" };
	for (size_t i = 0; i < 5; i++) {
		assert_true(report_out_format_parse(names[i], &f));
		assert_int_equal(f, (enum report_out_format)i);
	}
	assert_false(report_out_format_parse("pdf", &f));
	assert_false(report_out_format_parse("CSV", &f));
	assert_false(report_out_format_parse("", &f));
	assert_false(report_out_format_parse(NULL, &f));
	assert_string_equal(report_out_media_type(REPORT_OUT_CSV), "text/csv; charset=utf-8");
	assert_string_equal(report_out_media_type(REPORT_OUT_HTML), "text/html; charset=utf-8");
	assert_string_equal(report_out_extension(REPORT_OUT_TEXT), "txt");
	assert_string_equal(report_out_extension(REPORT_OUT_XLSX), "xlsx");
	/* render is the format's own function */
	struct bp_error e;
	struct buf a, b;
	json_t *r = fixture();
	buf_init(&a, 1 << 20);
	buf_init(&b, 1 << 20);
	assert_int_equal(report_out_render(r, REPORT_OUT_TEXT, "vi", true, &a, &e), BP_OK);
	assert_string_equal(a.data, rounded_vi);
	assert_int_equal(report_out_render(r, REPORT_OUT_CSV, "en", false, &b, &e), BP_OK);
	buf_reset(&a);
	assert_int_equal(report_csv(r, "en", &a, &e), BP_OK);
	assert_string_equal(a.data, b.data);
	buf_release(&a);
	buf_release(&b);
	json_decref(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_exact),
		cmocka_unit_test(test_text_rounded),
		cmocka_unit_test(test_text_english),
		cmocka_unit_test(test_text_zeros),
		cmocka_unit_test(test_text_bad_placeholders),
		cmocka_unit_test(test_bad_shapes),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_english),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests_name("domain/report_out", tests, NULL, NULL);
}
