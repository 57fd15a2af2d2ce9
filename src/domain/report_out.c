/*
 * report_out.c - the report formats by name, for the command line and
 * the HTTP handler; see report_out.h. The formats themselves are in
 * report_csv.c, report_xlsx.c, report_html.c and report_text.c.
 */
#include <assert.h>
#include <string.h>

#include "domain/report_out.h"

static const struct {
	const char *name, *media_type;
} formats[] = {
	[REPORT_OUT_JSON] = { "json", "application/json; charset=utf-8" },
	[REPORT_OUT_CSV] = { "csv", "text/csv; charset=utf-8" },
	[REPORT_OUT_XLSX] = { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	[REPORT_OUT_HTML] = { "html", "text/html; charset=utf-8" },
	[REPORT_OUT_TEXT] = { "text", "text/plain; charset=utf-8" },
};

bool report_out_format_parse(const char *s, enum report_out_format *out)
{
	for (size_t i = 0; s && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(s, formats[i].name)) {
			*out = (enum report_out_format)i;
			return true;
		}
	return false;
}

const char *report_out_media_type(enum report_out_format f)
{
	return formats[f].media_type;
}

const char *report_out_extension(enum report_out_format f)
{
	return f == REPORT_OUT_TEXT ? "txt" : formats[f].name;
}

enum bp_err report_out_render(const json_t *report, enum report_out_format f, const char *lang, bool round,
			      struct buf *out, struct bp_error *err)
{
	switch (f) {
	case REPORT_OUT_CSV:
		return report_csv(report, lang, out, err);
	case REPORT_OUT_HTML:
		return report_html(report, lang, round, out, err);
	case REPORT_OUT_TEXT:
		return report_text(report, lang, round, out, err);
	case REPORT_OUT_JSON:
	case REPORT_OUT_XLSX:
		break;
	}
	assert(!"report_out_render: not a text format");
	return err_set(err, "internal", " (report format)");
}
