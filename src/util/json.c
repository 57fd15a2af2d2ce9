/*
 * json.c - checked field access on jansson objects; see json.h.
 */
#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/json.h"
#include "util/text.h"

enum bp_err json_check_keys(json_t *obj, const char *const *allowed, struct bp_error *e)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (!strcmp(*a, key)) {
				ok = true;
				break;
			}
		if (!ok)
			return err_field(e, "field_unknown", key);
	}
	return BP_OK;
}

enum bp_err json_get_str(json_t *obj, const char *key, bool required, size_t max_chars,
			 const char **out, struct bp_error *e)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? err_field(e, "field_required", key) : BP_OK;
	if (!json_is_string(v))
		return err_field(e, "field_type", key);
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	if (strlen(s) != len || !text_utf8_valid(s, len))
		return err_field(e, "utf8_invalid", key);
	if (text_utf8_len(s) > max_chars)
		return err_field(e, "field_too_long", key);
	if (required && strspn(s, " \t\r\n") == len)
		return err_field(e, "field_empty", key);
	*out = s;
	return BP_OK;
}

enum bp_err json_get_date(json_t *obj, const char *key, bool required,
			  const char **out, struct bp_error *e)
{
	/* A date with a time after it is a wrong date, not a long one. */
	enum bp_err rc = json_get_str(obj, key, required, 64, out, e);
	if (rc == BP_EINVAL && e && !strcmp(e->code, "field_too_long"))
		return err_field(e, "date_invalid", key);
	if (rc)
		return rc;
	if (*out && !date_valid(*out)) {
		*out = NULL;
		return err_field(e, "date_invalid", key);
	}
	return BP_OK;
}

enum bp_err json_get_uuid(json_t *obj, const char *key, bool required,
			  const char **out, struct bp_error *e)
{
	enum bp_err rc = json_get_str(obj, key, required, 36, out, e);
	if (rc)
		return rc;
	if (*out && !text_uuid_valid(*out)) {
		*out = NULL;
		return err_field(e, "id_invalid", key);
	}
	return BP_OK;
}

enum bp_err json_get_bool(json_t *obj, const char *key, int *out, struct bp_error *e)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return BP_OK;
	if (!json_is_boolean(v))
		return err_field(e, "field_type", key);
	*out = json_is_true(v);
	return BP_OK;
}

enum bp_err json_parse_object(const char *body, size_t len, json_t **out, struct bp_error *e)
{
	json_error_t je;
	*out = NULL;
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		char detail[200];
		snprintf(detail, sizeof(detail), " (%d:%d: %s)", je.line, je.column, je.text);
		return err_set(e, "bad_json", detail);
	}
	if (!json_is_object(j)) {
		json_decref(j);
		return err_set(e, "bad_json", " (object expected)");
	}
	*out = j;
	return BP_OK;
}

void json_set_str(json_t *obj, const char *key, const char *s)
{
	json_object_set_new(obj, key, s ? json_string(s) : json_null());
}
