/*
 * json.h - reading fields of a JSON object (jansson) with the checks every
 * input needs: the right type, valid text, a length limit, a real date or
 * UUID, and no fields the caller does not know. Each returns BP_OK or an
 * error naming the field. A missing optional field leaves *out as NULL.
 * Strings returned point into the object and live as long as it does.
 */
#ifndef BP_JSON_H
#define BP_JSON_H

#include <stdbool.h>
#include <jansson.h>

#include "util/err.h"

enum bp_err json_check_keys(json_t *obj, const char *const *allowed, struct bp_error *e);
enum bp_err json_get_str(json_t *obj, const char *key, bool required, size_t max_chars,
			 const char **out, struct bp_error *e);
enum bp_err json_get_date(json_t *obj, const char *key, bool required,
			  const char **out, struct bp_error *e);
enum bp_err json_get_uuid(json_t *obj, const char *key, bool required,
			  const char **out, struct bp_error *e);
enum bp_err json_get_bool(json_t *obj, const char *key, int *out, struct bp_error *e);
/* Parse a request body into an object; an array or scalar is an error. */
enum bp_err json_parse_object(const char *body, size_t len, json_t **out, struct bp_error *e);
/* Sets key to a string or to null when s is NULL. */
void json_set_str(json_t *obj, const char *key, const char *s);

#endif
