/*
 * activity_template.c - the bulk-entry template of an activity type, as
 * CSV or XLSX; see activity_files.h.
 *
 * Row 1 holds the column codes the import reads; row 2 is a comment row
 * (its first cell starts with '#', which the import skips) saying what
 * each column takes: the unit of each indicator, and "bắt buộc" for the
 * required ones. So a template filled in and saved as CSV, from the CSV
 * or from the XLSX, imports as it is.
 *
 * In the XLSX the codes, units and dates are text columns: Excel would
 * otherwise turn 2023-03-03 into a date of its own format and save it
 * back as 3/3/2023. Value columns get a number format and a data
 * validation (whole or decimal, not negative unless the indicator allows
 * it), and a second sheet lists the type's indicators with their names
 * and units.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "domain/access.h"
#include "domain/activity_files.h"
#include "domain/catalog.h"
#include "util/buf.h"
#include "util/csv.h"

#define TEMPLATE_ROWS 5000 /* rows the XLSX checks apply to */

bool activity_template_format_parse(const char *s, enum activity_template_format *out)
{
	if (s && !strcmp(s, "csv"))
		*out = ACTIVITY_TEMPLATE_CSV;
	else if (s && !strcmp(s, "xlsx"))
		*out = ACTIVITY_TEMPLATE_XLSX;
	else
		return false;
	return true;
}

/* What each fixed column takes, for the comment row. */
static const char *const fixed_notes[] = {
	"# mã định danh (để trống) / id (may be left empty)",
	"mã loại hoạt động / activity type code",
	"mã đơn vị / unit code",
	"từ ngày YYYY-MM-DD (bắt buộc)",
	"đến ngày YYYY-MM-DD",
	"tên hoạt động (bắt buộc) / title",
	"ghi chú / notes",
	"kinh độ / longitude",
	"vĩ độ / latitude",
	"mã mốc / marker id",
	"đơn vị tổ chức: mã, cách nhau bởi ; / organising units: codes separated by ;",
	"đơn vị tham gia: mã, cách nhau bởi ; / taking part: codes separated by ;",
};

static void indicator_note(const struct cat_type_ind *ti, char *out, size_t n)
{
	snprintf(out, n, "%s (%s)%s", ti->ind->name_vi, ti->ind->unit_vi,
		 ti->required ? " - bắt buộc / required" : "");
}

static enum bp_err write_csv(struct ctx *c, const struct cat_type *t, const char *path)
{
	struct buf b;
	char note[512];
	buf_init(&b, (size_t)-1);
	for (size_t i = 0; catalog_file_columns[i]; i++)
		buf_addf(&b, "%s%s", i ? "," : "", catalog_file_columns[i]);
	for (size_t k = 0; k < t->ninds; k++)
		buf_addf(&b, ",%s", t->inds[k].ind->code);
	buf_adds(&b, "\r\n");
	for (size_t i = 0; catalog_file_columns[i]; i++) {
		if (i)
			buf_addc(&b, ',');
		csv_write_cell(&b, fixed_notes[i]);
	}
	for (size_t k = 0; k < t->ninds; k++) {
		indicator_note(&t->inds[k], note, sizeof(note));
		buf_addc(&b, ',');
		csv_write_cell(&b, note);
	}
	buf_adds(&b, "\r\n");
	enum bp_err rc = BP_OK;
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b.data, 1, b.len, f) != b.len)
		rc = err_set(&c->err, "file_unwritable", path);
	if (f && fclose(f) && !rc)
		rc = err_set(&c->err, "file_unwritable", path);
	buf_release(&b);
	return rc;
}

static enum bp_err write_xlsx(struct ctx *c, const struct cat_type *t, const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	char note[512];
	if (!wb)
		return err_set(&c->err, "xlsx_failed", " (workbook)");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Hoạt động");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Chỉ tiêu");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_bg_color(bold, 0xDDEBF7);
	lxw_format *hint = workbook_add_format(wb);
	format_set_italic(hint);
	format_set_font_color(hint, 0x595959);
	format_set_text_wrap(hint);
	lxw_format *text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	lxw_format *whole = workbook_add_format(wb);
	format_set_num_format(whole, "0");
	lxw_format *decimal = workbook_add_format(wb);
	format_set_num_format(decimal, "0.###");

	static const double widths[] = { 38, 22, 16, 12, 12, 48, 32, 12, 12, 38, 28, 28 };
	lxw_col_t col = 0;
	for (; catalog_file_columns[col]; col++) {
		bool is_text = col != 7 && col != 8; /* lon and lat are numbers */
		worksheet_set_column(ws, col, col, widths[col], is_text ? text : NULL);
		worksheet_write_string(ws, 0, col, catalog_file_columns[col], bold);
		worksheet_write_string(ws, 1, col, fixed_notes[col], hint);
	}
	/* The type column takes this type's code: a list of one. */
	char *type_list[] = { t->code, NULL };
	lxw_data_validation type_check = { .validate = LXW_VALIDATION_TYPE_LIST, .value_list = type_list };
	worksheet_data_validation_range(ws, 2, 1, TEMPLATE_ROWS, 1, &type_check);
	for (size_t k = 0; k < t->ninds; k++, col++) {
		const struct cat_indicator *ind = t->inds[k].ind;
		indicator_note(&t->inds[k], note, sizeof(note));
		worksheet_set_column(ws, col, col, 18, ind->integer ? whole : decimal);
		worksheet_write_string(ws, 0, col, ind->code, bold);
		worksheet_write_string(ws, 1, col, note, hint);
		lxw_data_validation v = {
			.validate = ind->integer ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL,
			.criteria = ind->allow_negative ? LXW_VALIDATION_CRITERIA_BETWEEN
							: LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
			.value_number = 0,
			.minimum_number = -1e15,
			.maximum_number = 1e15,
			.error_title = (char *)"Giá trị không hợp lệ",
			.error_message = (char *)(ind->integer ? "Chỉ nhận số nguyên / whole numbers only"
							       : "Chỉ nhận số / numbers only"),
		};
		worksheet_data_validation_range(ws, 2, col, TEMPLATE_ROWS, col, &v);
	}
	worksheet_set_row(ws, 1, 45, NULL);
	worksheet_freeze_panes(ws, 2, 0);

	static const char *const heads[] = { "code", "name_vi", "name_en", "unit_vi", "unit_en", "value_type",
		"required" };
	static const double widths2[] = { 16, 40, 32, 14, 16, 12, 10 };
	for (lxw_col_t i = 0; i < 7; i++) {
		worksheet_set_column(ws2, i, i, widths2[i], NULL);
		worksheet_write_string(ws2, 0, i, heads[i], bold);
	}
	for (size_t k = 0; k < t->ninds; k++) {
		const struct cat_indicator *ind = t->inds[k].ind;
		lxw_row_t row = (lxw_row_t)k + 1;
		worksheet_write_string(ws2, row, 0, ind->code, NULL);
		worksheet_write_string(ws2, row, 1, ind->name_vi, NULL);
		worksheet_write_string(ws2, row, 2, ind->name_en, NULL);
		worksheet_write_string(ws2, row, 3, ind->unit_vi, NULL);
		worksheet_write_string(ws2, row, 4, ind->unit_en, NULL);
		worksheet_write_string(ws2, row, 5, ind->integer ? "integer" : "decimal", NULL);
		worksheet_write_string(ws2, row, 6, t->inds[k].required ? "x" : "", NULL);
	}
	lxw_error err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		char d[160];
		snprintf(d, sizeof(d), " (%s)", lxw_strerror(err));
		return err_set(&c->err, "xlsx_failed", d);
	}
	return BP_OK;
}

enum bp_err activity_template(struct ctx *c, const char *type, enum activity_template_format fmt,
			      const char *path)
{
	struct catalog *cat = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (rc)
		return rc;
	if (!type)
		return err_field(&c->err, "field_required", "type");
	if ((rc = catalog_load(c, &cat)))
		return rc;
	const struct cat_type *t = catalog_type(cat, type);
	if (!t)
		rc = err_set(&c->err, "activity_type_unknown", type);
	else if (t->retired)
		rc = err_set(&c->err, "activity_type_retired", type);
	else
		rc = fmt == ACTIVITY_TEMPLATE_XLSX ? write_xlsx(c, t, path) : write_csv(c, t, path);
	catalog_free(cat);
	return rc;
}
