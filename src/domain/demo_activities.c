/*
 * demo_activities.c - the activities of the demo province, 2021 to today:
 * outreach, leaflets, household commitments, road clearing, patrols with
 * the people, the models (bamboo wall, lit roads, flag roads), the social
 * programmes of the posts, twinned clusters' exchanges, talks across the
 * border, tip-offs, an exercise a year, and Border Day on 3 March.
 *
 * Quantities follow seed 003 (Lạng Sơn, 2023: 300 outreach sessions for
 * 14,000 attendees, 9,300 small-group attendees, 22,000 leaflets, 350
 * document sets, 13,820 household commitments, 394 clearing campaigns
 * with 3,848 participant-turns), scaled to the demo's 14 border communes
 * of the real 21 (two thirds), and growing by 3 % a year. Each activity
 * is recorded under a commune or post that existed on its day: the
 * communes of before 2025-07-01, then Kháng Chiến and Mẫu Sơn (each
 * weighing as the three communes merged into it) and the others.
 *
 * Everything comes from a fixed generator seeded by the year and the
 * activity type, so two demo databases hold the same activities with the
 * same ids (whatever the day, only the ones after today are left out).
 * They go in through activity_import, as one CSV file: the same checks,
 * one audit row, and the reports' roll-up. Nothing is written when the
 * first demo activity is there already.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/activity_files.h"
#include "domain/demo.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/date.h"

#define REFORM "2025-07-01"
#define FIRST_YEAR 2021

struct place {
	const char *code, *post;
	int weight;        /* how many communes of the real province it stands for */
	int marker;        /* the first border marker of its stretch */
	const char *village[3];
};

/* The border communes before the reform. */
static const struct place before[] = {
	{ "TD-DAOVIEN", "DBP-POMA", 1, 905, { "thôn Pò Mã", "thôn Nà Sla", "thôn Bản Piàng" } },
	{ "TD-QUOCKHANH", "DBP-BINHNGHI", 1, 930, { "thôn Nà Pán", "thôn Bản Chắt", "thôn Pò Nhùng" } },
	{ "TD-TRIPHUONG", "DBP-BINHNGHI", 1, 950, { "thôn Bản Thẩu", "thôn Nà Lũng", "thôn Khuổi Khe" } },
	{ "TD-DOITHAN", "DBP-POMA", 1, 915, { "thôn Nà Sla", "thôn Khuổi Luông", "thôn Bản Mới" } },
	{ "VL-TANTHANH", "DBP-TANTHANH", 1, 1060, { "thôn Nà Chướng", "thôn Pác Luông", "thôn Bản Háu" } },
	{ "VL-THANHLONG", "DBP-TANTHANH", 1, 1040, { "thôn Còn Quán", "thôn Nà Ngườm", "thôn Khau Mò" } },
	{ "CL-BAOLAM", "DBP-HUUNGHI", 1, 1100, { "thôn Pò Lọi", "thôn Khòn Khuyên", "thôn Nà Lầu" } },
	{ "CL-DONGDANG", "DBP-HUUNGHI", 1, 1116, { "khối Ga", "khối Tân Mỹ", "khối Dây Thép" } },
	{ "LB-MAUSON", "DBP-BASON", 1, 1137, { "thôn Khòn Pổ", "thôn Phiêng Khảo", "thôn Bản Lòng" } },
	{ "LB-YENKHOAI", "DBP-CHIMA", 1, 1160, { "thôn Nà Mực", "thôn Khòn Quắc", "thôn Bản Chành" } },
	{ "LB-TUMICH", "DBP-CHIMA", 1, 1175, { "thôn Bản Cầu", "thôn Nà Va", "thôn Pắc Mạ" } },
	{ "LB-TAMGIA", "DBP-CHIMA", 1, 1190, { "thôn Khuổi Tát", "thôn Nà Dường", "thôn Bản Quân" } },
	{ "DL-BACXA", "DBP-BACXA", 1, 1215, { "thôn Khuổi Pây", "thôn Pò Phấy", "thôn Nà Ngựa" } },
	{ "DL-BINHXA", "DBP-BACXA", 1, 1230, { "thôn Nà Pe", "thôn Khe Đảng", "thôn Bản Chắt" } },
};

/* The border communes from the reform on. */
static const struct place after[] = {
	{ "KHANGCHIEN", "DBP-BINHNGHI", 3, 905, { "thôn Pò Mã", "thôn Nà Pán", "thôn Bản Thẩu" } },
	{ "TD-DOITHAN", "DBP-POMA", 1, 915, { "thôn Nà Sla", "thôn Khuổi Luông", "thôn Bản Mới" } },
	{ "VL-TANTHANH", "DBP-TANTHANH", 1, 1060, { "thôn Nà Chướng", "thôn Pác Luông", "thôn Bản Háu" } },
	{ "VL-THANHLONG", "DBP-TANTHANH", 1, 1040, { "thôn Còn Quán", "thôn Nà Ngườm", "thôn Khau Mò" } },
	{ "CL-BAOLAM", "DBP-HUUNGHI", 1, 1100, { "thôn Pò Lọi", "thôn Khòn Khuyên", "thôn Nà Lầu" } },
	{ "CL-DONGDANG", "DBP-HUUNGHI", 1, 1116, { "khối Ga", "khối Tân Mỹ", "khối Dây Thép" } },
	{ "MAUSON", "DBP-BASON", 3, 1137, { "thôn Khòn Pổ", "thôn Nà Mực", "thôn Bản Cầu" } },
	{ "LB-TAMGIA", "DBP-CHIMA", 1, 1190, { "thôn Khuổi Tát", "thôn Nà Dường", "thôn Bản Quân" } },
	{ "DL-BACXA", "DBP-BACXA", 1, 1215, { "thôn Khuổi Pây", "thôn Pò Phấy", "thôn Nà Ngựa" } },
	{ "DL-BINHXA", "DBP-BACXA", 1, 1230, { "thôn Nà Pe", "thôn Khe Đảng", "thôn Bản Chắt" } },
};

#define NBEFORE (sizeof(before) / sizeof(before[0]))
#define NAFTER (sizeof(after) / sizeof(after[0]))
#define WEIGHTS 14 /* the communes' weights add up to it, before and after */

static const struct {
	const char *code, *name;
} posts[] = {
	{ "DBP-POMA", "Pò Mã" }, { "DBP-BINHNGHI", "Bình Nghi" }, { "DBP-TANTHANH", "Tân Thanh" },
	{ "DBP-HUUNGHI", "Cửa khẩu Quốc tế Hữu Nghị" }, { "DBP-BASON", "Ba Sơn" },
	{ "DBP-CHIMA", "Cửa khẩu Chi Ma" }, { "DBP-BACXA", "Bắc Xa" },
};
#define NPOSTS (sizeof(posts) / sizeof(posts[0]))

/* The indicator columns of the file, in this order. */
enum col { BUOI, LUOT_NGUOI, TO_ROI, BO_TAI_LIEU, HO, LOP, LAN, KM, NGAY_CONG, KINH_PHI, GOC_TRE, COT_DEN,
	COT_CO, HOC_SINH, NHA, SUAT_QUA, LUOT_KHAM, CUOC, TIN, TIN_GIA_TRI, NCOLS };
static const char *const col_names[NCOLS] = { "buoi", "luot_nguoi", "to_roi", "bo_tai_lieu", "ho", "lop", "lan",
	"km", "ngay_cong", "kinh_phi", "goc_tre", "cot_den", "cot_co", "hoc_sinh", "nha", "suat_qua",
	"luot_kham", "cuoc", "tin", "tin_gia_tri" };

struct gen {
	uint64_t s;        /* splitmix64 state */
	struct buf *out;
	char today[DATE_LEN];
	int year;
	unsigned n;        /* activities of the year so far: their ids */
	long rows;
	/* the row being made */
	const char *org, *part; /* organisers, participants: unit codes, NULL for none */
	long long v[NCOLS];     /* thousandths; -1 for none */
};

static uint64_t gen_next(struct gen *g)
{
	uint64_t z = (g->s += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* A whole number in lo..hi. */
static long pick(struct gen *g, long lo, long hi)
{
	return lo + (long)(gen_next(g) % (uint64_t)(hi - lo + 1));
}

/* A day of the year between two days of it (month, day), as YYYY-MM-DD. */
static void day_between(struct gen *g, int m1, int d1, int m2, int d2, char out[DATE_LEN])
{
	char a[DATE_LEN], b[DATE_LEN];
	snprintf(a, sizeof(a), "%04d-%02d-%02d", g->year, m1, d1);
	snprintf(b, sizeof(b), "%04d-%02d-%02d", g->year, m2, d2);
	date_from_days(pick(g, date_to_days(a), date_to_days(b)), out);
}

static void any_day(struct gen *g, char out[DATE_LEN])
{
	day_between(g, 1, 1, 12, 31, out);
}

/* The commune of a day, picked by weight among those that stood then. */
static const struct place *commune_on(struct gen *g, const char *date)
{
	bool old = strcmp(date, REFORM) < 0;
	const struct place *v = old ? before : after;
	size_t n = old ? NBEFORE : NAFTER;
	long w = pick(g, 0, WEIGHTS - 1);
	for (size_t i = 0; i < n; i++) {
		if (w < v[i].weight)
			return &v[i];
		w -= v[i].weight;
	}
	return &v[n - 1];
}

static const char *village_of(struct gen *g, const struct place *p)
{
	return p->village[pick(g, 0, 2)];
}

static void begin_row(struct gen *g)
{
	g->org = g->part = NULL;
	for (int i = 0; i < NCOLS; i++)
		g->v[i] = -1;
}

/* A whole value of a column. */
static void set(struct gen *g, enum col k, long long v)
{
	g->v[k] = v * 1000;
}

/* A decimal value, in tenths. */
static void set_tenths(struct gen *g, enum col k, long long tenths)
{
	g->v[k] = tenths * 100;
}

/* Writes the row made, unless it starts after today. */
static void end_row(struct gen *g, const char *type, const char *unit, const char *from, const char *to,
		    const char *title, const char *notes)
{
	unsigned i = g->n++;
	if (strcmp(from, g->today) > 0)
		return;
	buf_addf(g->out, "da%06x-0000-4000-8000-%012x,%s,%s,%s,%s,", (unsigned)g->year, i, type, unit, from,
		 to ? to : "");
	csv_write_cell(g->out, title);
	buf_addc(g->out, ',');
	csv_write_cell(g->out, notes ? notes : "");
	buf_addf(g->out, ",%s,%s", g->org ? g->org : "", g->part ? g->part : "");
	for (int k = 0; k < NCOLS; k++) {
		if (g->v[k] < 0)
			buf_addc(g->out, ',');
		else if (g->v[k] % 1000)
			buf_addf(g->out, ",%lld.%lld", g->v[k] / 1000, (g->v[k] % 1000) / 100);
		else
			buf_addf(g->out, ",%lld", g->v[k] / 1000);
	}
	buf_adds(g->out, "\r\n");
	g->rows++;
}

/* The count of a year's activities of a kind: base in 2021, 3 % more a year. */
static long yearly(const struct gen *g, long base)
{
	return base + base * 3 * (g->year - FIRST_YEAR) / 100;
}

static const char *const outreach_topics[] = {
	"Luật Biên phòng Việt Nam",
	"Nghị định 34/2014/NĐ-CP về Quy chế khu vực biên giới đất liền",
	"Hiệp định về Quy chế quản lý biên giới đất liền Việt Nam - Trung Quốc",
	"phòng, chống buôn lậu, gian lận thương mại và xuất nhập cảnh trái phép",
	"phòng, chống ma túy và mua bán người",
	"Luật Quốc phòng, Luật An ninh quốc gia",
	"Chỉ thị 01/CT-TTg về phong trào toàn dân bảo vệ chủ quyền lãnh thổ, an ninh biên giới",
};

static void outreach(struct gen *g)
{
	char d[DATE_LEN], title[256];
	for (long i = yearly(g, 100); i > 0; i--) {
		begin_row(g);
		any_day(g, d);
		const struct place *p = commune_on(g, d);
		long buoi = pick(g, 1, 3);
		set(g, BUOI, buoi);
		set(g, LUOT_NGUOI, buoi * pick(g, 35, 59));
		if (pick(g, 0, 1))
			g->part = p->post; /* with the post's outreach team */
		snprintf(title, sizeof(title), "Tuyên truyền %s tại %s",
			 outreach_topics[pick(g, 0, sizeof(outreach_topics) / sizeof(outreach_topics[0]) - 1)],
			 village_of(g, p));
		end_row(g, "tuyen_truyen", p->code, d, NULL, title,
			pick(g, 0, 3) ? NULL : "Phối hợp Đồn Biên phòng, Công an xã và Ban Chỉ huy Quân sự xã");
	}
	for (long i = yearly(g, 160); i > 0; i--) {
		begin_row(g);
		any_day(g, d);
		const struct place *p = commune_on(g, d);
		set(g, LUOT_NGUOI, pick(g, 20, 58));
		static const char *const where[] = { "tại gia đình", "trên nương rẫy", "tại các buổi họp thôn",
						     "tại chợ phiên" };
		snprintf(title, sizeof(title), "Tuyên truyền nhỏ lẻ %s, %s", where[pick(g, 0, 3)], village_of(g, p));
		end_row(g, "tuyen_truyen_nho_le", p->code, d, NULL, title, NULL);
	}
	for (long i = yearly(g, 60); i > 0; i--) {
		begin_row(g);
		any_day(g, d);
		const struct place *p = commune_on(g, d);
		set(g, TO_ROI, pick(g, 100, 390));
		set(g, BO_TAI_LIEU, pick(g, 1, 7));
		snprintf(title, sizeof(title), "Phát tờ rơi, tài liệu tuyên truyền pháp luật về biên giới tại %s",
			 village_of(g, p));
		end_row(g, "phat_tai_lieu", p->code, d, NULL, title, NULL);
	}
	for (long i = yearly(g, 40); i > 0; i--) {
		begin_row(g);
		any_day(g, d);
		const struct place *p = commune_on(g, d);
		set(g, HO, pick(g, 150, 310));
		snprintf(title, sizeof(title), "Tổ chức cho các hộ gia đình %s ký cam kết chấp hành pháp luật",
			 village_of(g, p));
		end_row(g, "ky_cam_ket", p->code, d, NULL, title, NULL);
	}
	for (long i = 10; i > 0; i--) {
		begin_row(g);
		day_between(g, 3, 15, 10, 31, d);
		const struct place *p = commune_on(g, d);
		set(g, LOP, 1);
		set(g, LUOT_NGUOI, pick(g, 25, 60));
		end_row(g, "tap_huan", p->code, d, NULL,
			"Tập huấn nghiệp vụ cho tổ tự quản đường biên, mốc quốc giới", NULL);
	}
}

static void roads(struct gen *g)
{
	char d[DATE_LEN], title[256];
	for (long i = yearly(g, 130); i > 0; i--) {
		begin_row(g);
		any_day(g, d);
		const struct place *p = commune_on(g, d);
		long lan = pick(g, 1, 3), people = lan * pick(g, 6, 14);
		set(g, LAN, lan);
		set(g, LUOT_NGUOI, people);
		set_tenths(g, KM, lan * pick(g, 5, 15));
		set(g, NGAY_CONG, people);
		g->part = p->post;
		int m = p->marker + (int)pick(g, 0, 12);
		if (pick(g, 0, 1))
			snprintf(title, sizeof(title), "Phát quang đường tuần tra biên giới từ mốc %d đến mốc %d", m,
				 m + (int)pick(g, 1, 3));
		else
			snprintf(title, sizeof(title), "Tu sửa đường thông tầm nhìn khu vực %s", village_of(g, p));
		end_row(g, "phat_quang_tu_sua", p->code, d, NULL, title, NULL);
	}
	for (size_t k = 0; k < NPOSTS; k++)
		for (int month = 1; month <= 12; month++) {
			begin_row(g);
			day_between(g, month, 1, month, 28, d);
			long lan = pick(g, 1, 2);
			set(g, LAN, lan);
			set(g, LUOT_NGUOI, lan * pick(g, 3, 12));
			end_row(g, "tuan_tra_nhan_dan", posts[k].code, d, NULL,
				"Tuần tra đường biên, mốc giới cùng Nhân dân và tổ tự quản", NULL);
		}
	for (int i = 0; i < 2; i++) {
		begin_row(g);
		char to[DATE_LEN];
		day_between(g, 3, 1, 5, 31, d);
		day_between(g, 9, 1, 11, 30, to);
		size_t k = (size_t)pick(g, 0, NPOSTS - 1);
		long tenths = pick(g, 12, 38);
		set_tenths(g, KM, tenths);
		set(g, KINH_PHI, tenths * pick(g, 90, 120) * 1000000LL); /* ~1 tỷ đồng a km */
		set(g, NGAY_CONG, pick(g, 200, 600));
		snprintf(title, sizeof(title), "Xây dựng đường kiểm tra cột mốc khu vực Đồn Biên phòng %s",
			 posts[k].name);
		end_row(g, "xay_dung_duong", posts[k].code, d, to, title, NULL);
	}
}

static void models(struct gen *g)
{
	char d[DATE_LEN], title[256];
	for (int i = 0; i < 3; i++) {
		begin_row(g);
		day_between(g, 2, 15, 4, 30, d);
		const struct place *p = commune_on(g, d);
		set_tenths(g, KM, pick(g, 5, 20));
		set(g, GOC_TRE, pick(g, 300, 1500));
		set(g, HO, pick(g, 10, 40));
		set(g, KINH_PHI, pick(g, 30, 150) * 1000000LL);
		snprintf(title, sizeof(title), "Trồng lũy tre biên giới tại %s", village_of(g, p));
		end_row(g, "luy_tre", p->code, d, NULL, title, NULL);
	}
	for (int i = 0; i < 2; i++) {
		begin_row(g);
		day_between(g, 4, 1, 11, 30, d);
		size_t k = (size_t)pick(g, 0, NPOSTS - 1);
		set_tenths(g, KM, pick(g, 10, 40));
		set(g, COT_DEN, pick(g, 20, 70));
		set(g, KINH_PHI, pick(g, 150, 600) * 1000000LL);
		snprintf(title, sizeof(title), "Thắp sáng đường tuần tra biên giới khu vực Đồn Biên phòng %s",
			 posts[k].name);
		end_row(g, "thap_sang", posts[k].code, d, NULL, title, NULL);
	}
	for (int i = 0; i < 4; i++) {
		begin_row(g);
		day_between(g, 4, 1, 9, 1, d);
		const struct place *p = commune_on(g, d);
		set(g, COT_CO, pick(g, 30, 120));
		set(g, KINH_PHI, pick(g, 15, 60) * 1000000LL);
		snprintf(title, sizeof(title), "Khánh thành tuyến đường cờ Tổ quốc tại %s", village_of(g, p));
		end_row(g, "duong_co", p->code, d, NULL, title, NULL);
	}
}

static void social(struct gen *g)
{
	static const char *const quarter[] = { "I", "II", "III", "IV" };
	char d[DATE_LEN], title[256];
	for (size_t k = 0; k < NPOSTS; k++) {
		/* The spring festival, before Tết; schooling support from September. */
		begin_row(g);
		day_between(g, 1, 10, 2, 5, d);
		long gifts = pick(g, 100, 300);
		set(g, SUAT_QUA, gifts);
		set(g, HO, gifts);
		set(g, LUOT_KHAM, pick(g, 80, 300));
		set(g, KINH_PHI, gifts * pick(g, 500, 800) * 1000LL);
		snprintf(title, sizeof(title), "Chương trình \"Xuân Biên phòng ấm lòng dân bản\" năm %d", g->year);
		end_row(g, "xuan_bien_phong", posts[k].code, d, NULL, title, NULL);
		begin_row(g);
		day_between(g, 9, 1, 9, 10, d);
		long children = pick(g, 3, 8);
		set(g, HOC_SINH, children);
		set(g, KINH_PHI, children * 500000LL * 9);
		snprintf(title, sizeof(title), "Nâng bước em tới trường năm học %d - %d, Đồn Biên phòng %s", g->year,
			 g->year + 1, posts[k].name);
		end_row(g, "nang_buoc", posts[k].code, d, NULL, title, NULL);
		for (int t = 0; t < 2; t++) {
			begin_row(g);
			day_between(g, 1, 5, 12, 20, d);
			set(g, CUOC, 1);
			snprintf(title, sizeof(title), "Hội đàm, giao ban với Trạm Biên phòng phía Trung Quốc, Đồn %s",
				 posts[k].name);
			end_row(g, "doi_ngoai", posts[k].code, d, NULL, title, NULL);
		}
		for (int q = 0; q < 4; q++) {
			begin_row(g);
			static const int qend[4][2] = { { 3, 31 }, { 6, 30 }, { 9, 30 }, { 12, 31 } };
			snprintf(d, sizeof(d), "%04d-%02d-%02d", g->year, qend[q][0], qend[q][1]);
			long tips = pick(g, 2, 12);
			set(g, TIN, tips);
			set(g, TIN_GIA_TRI, pick(g, 0, tips / 2));
			snprintf(title, sizeof(title), "Tin báo của Nhân dân quý %s năm %d", quarter[q], g->year);
			end_row(g, "tin_bao", posts[k].code, d, NULL, title, NULL);
		}
	}
	for (int i = 0; i < 3; i++) {
		begin_row(g);
		day_between(g, 8, 15, 9, 15, d);
		size_t k = (size_t)pick(g, 0, NPOSTS - 1);
		long children = pick(g, 1, 2);
		set(g, HOC_SINH, children);
		set(g, KINH_PHI, children * 1000000LL * 12);
		snprintf(title, sizeof(title), "Nhận đỡ đầu \"Con nuôi đồn Biên phòng\", Đồn Biên phòng %s",
			 posts[k].name);
		end_row(g, "con_nuoi", posts[k].code, d, NULL, title, NULL);
	}
	for (int i = 0; i < 4; i++) {
		begin_row(g);
		day_between(g, 3, 1, 12, 15, d);
		const struct place *p = commune_on(g, d);
		set(g, NHA, 1);
		set(g, KINH_PHI, pick(g, 50, 80) * 1000000LL);
		snprintf(title, sizeof(title), "Bàn giao \"Mái ấm cho đồng bào nghèo nơi biên giới\" tại %s",
			 village_of(g, p));
		end_row(g, "mai_am", p->post, d, NULL, title, NULL);
	}
}

/* Border Day in every border commune, exchanges of twinned clusters, an exercise. */
static void border_days(struct gen *g)
{
	char d[DATE_LEN], title[256];
	snprintf(d, sizeof(d), "%04d-03-03", g->year);
	bool old = strcmp(d, REFORM) < 0;
	for (size_t i = 0; i < (old ? NBEFORE : NAFTER); i++) {
		const struct place *p = old ? &before[i] : &after[i];
		begin_row(g);
		g->org = p->post;
		set(g, CUOC, 1);
		set(g, LUOT_NGUOI, p->weight * pick(g, 200, 800));
		snprintf(title, sizeof(title), "Ngày hội Biên phòng toàn dân năm %d tại %s", g->year, village_of(g, p));
		end_row(g, "ngay_hoi_bptd", p->code, d, NULL, title,
			"Kỷ niệm ngày thành lập Bộ đội Biên phòng và Ngày Biên phòng toàn dân (3/3)");
	}
	static const char *const twinned[][2] = {
		{ "CL-DONGDANG", "thôn Lũng Nghiêu, trấn Hữu Nghị (Bằng Tường)" },
		{ "VL-TANTHANH", "thôn Phai Khắt, trấn Thượng Thạch (Bằng Tường)" },
		{ "DL-BACXA", "thôn Pác Phai, trấn Đông Trung (Phòng Thành)" },
	};
	for (size_t i = 0; i < 3; i++)
		for (int t = 0; t < 2; t++) {
			begin_row(g);
			day_between(g, t ? 7 : 1, 1, t ? 12 : 6, 28, d);
			set(g, CUOC, 1);
			set(g, LUOT_NGUOI, pick(g, 40, 150));
			snprintf(title, sizeof(title), "Giao lưu văn hóa, thể thao với cụm dân cư kết nghĩa %s",
				 twinned[i][1]);
			end_row(g, "ket_nghia_giao_luu", twinned[i][0], d, NULL, title, NULL);
		}
	begin_row(g);
	day_between(g, 9, 1, 11, 30, d);
	const struct place *p = commune_on(g, d);
	set(g, CUOC, 1);
	set(g, LUOT_NGUOI, pick(g, 120, 350));
	snprintf(title, sizeof(title), "Diễn tập khu vực phòng thủ, chiến đấu phòng thủ xã năm %d", g->year);
	end_row(g, "dien_tap", p->code, d, NULL, title, NULL);
}

static bool demo_activities_there(struct ctx *c)
{
	long long n = 0;
	if (db_scalar_int(c->db, "SELECT COUNT(*) FROM activities WHERE id = $1",
			  DB_ARGS(DB_S("da0007e5-0000-4000-8000-000000000000")), &n, &c->err))
		return false;
	return n > 0;
}

enum bp_err demo_activities_build(struct ctx *c)
{
	if (demo_activities_there(c))
		return BP_OK;
	struct buf out;
	struct gen g;
	buf_init(&out, 64u << 20);
	memset(&g, 0, sizeof(g));
	g.out = &out;
	snprintf(g.today, sizeof(g.today), "%s", c->today);
	buf_adds(&out, "id,type,unit,date_from,date_to,title,notes,organisers,participants");
	for (int k = 0; k < NCOLS; k++)
		buf_addf(&out, ",%s", col_names[k]);
	buf_adds(&out, "\r\n");
	int last = atoi(c->today);
	for (g.year = FIRST_YEAR; g.year <= last; g.year++) {
		g.n = 0;
		/* One stream a year and a part: a part's draws never shift another's. */
		void (*parts[])(struct gen *) = { border_days, outreach, roads, models, social };
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			g.s = 0x6c616e67736f6eu ^ ((uint64_t)g.year << 8) ^ i;
			parts[i](&g);
		}
	}
	enum bp_err rc = BP_OK;
	if (g.rows) {
		json_t *summary = NULL, *problems = NULL;
		rc = activity_import(c, out.data, out.len, "demo_activities.csv", NULL, &summary, &problems);
		if (rc && json_array_size(problems)) {
			/* The demo's own data is bad: say where, as an import would. */
			json_t *p = json_array_get(problems, 0);
			char d[256];
			snprintf(d, sizeof(d), "demo_activities line %lld: %s",
				 (long long)json_integer_value(json_object_get(p, "where")),
				 json_string_value(json_object_get(p, "message_en")));
			rc = err_set(&c->err, "db_error", d);
		}
		json_decref(summary);
		json_decref(problems);
	}
	buf_release(&out);
	return rc;
}
