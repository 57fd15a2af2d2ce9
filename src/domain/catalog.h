/*
 * catalog.h - the indicators and activity types of the people's
 * participation, as data (migration 004, docs/participation.md): what an
 * activity may be and what it is counted by. An admin adds, renames and
 * retires them without a release; `bienphong init` loads the catalog that
 * ships with the program (the CSV files of catalog/, compiled in) without overwriting
 * what an admin changed.
 *
 * A snapshot (struct catalog) is the whole catalog read in one query, for
 * a request or an import to validate against without asking again; the
 * value rules (integer or decimal, negative or not, thousandths) are
 * applied through it.
 *
 * JSON:
 *   indicator {"code", "name_vi", "name_en", "unit_vi", "unit_en",
 *              "value_type": "integer|decimal", "aggregation": "flow|stock",
 *              "allow_negative", "retired_at"}
 *   type      {"code", "name_vi", "name_en", "category", "retired_at",
 *              "indicators": [{"code", "required", "position", "name_vi",
 *              "name_en", "unit_vi", "unit_en", "value_type", "retired_at"}]}
 */
#ifndef BP_CATALOG_H
#define BP_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/ctx.h"

struct cat_indicator {
	char *code, *name_vi, *name_en, *unit_vi, *unit_en;
	bool integer;        /* value_type "integer", else "decimal" */
	bool stock;          /* aggregation "stock", else "flow" */
	bool allow_negative;
	bool retired;
	char *retired_at;    /* NULL when in use */
};

struct cat_type_ind {
	const struct cat_indicator *ind;
	bool required;
};

struct cat_type {
	char *code, *name_vi, *name_en, *category;
	bool retired;
	char *retired_at;
	struct cat_type_ind *inds; /* in position order */
	size_t ninds;
};

struct catalog {
	struct cat_indicator *inds; /* sorted by code */
	size_t ninds;
	struct cat_type *types;     /* sorted by code */
	size_t ntypes;
};

/* The catalog as stored now, in one query. Free with catalog_free. */
enum bp_err catalog_load(struct ctx *c, struct catalog **out);
void catalog_free(struct catalog *cat);
const struct cat_indicator *catalog_indicator(const struct catalog *cat, const char *code);
const struct cat_type *catalog_type(const struct catalog *cat, const char *code);
/* The type's entry for an indicator, NULL when the type does not carry it. */
const struct cat_type_ind *catalog_type_indicator(const struct cat_type *t, const char *code);

/*
 * A value of an indicator, from text as typed (milli.h: digits, one
 * decimal mark '.' or ','; an integer indicator takes digits only) or from
 * a JSON number (or a JSON string, read as text), into thousandths.
 * Errors name the indicator in e->field: value_invalid, value_grouping,
 * value_ambiguous, value_not_integer, value_negative, value_decimals,
 * value_too_large.
 */
enum bp_err catalog_value_text(const struct cat_indicator *ind, const char *s, int64_t *out,
			       struct bp_error *e);
enum bp_err catalog_value_json(const struct cat_indicator *ind, json_t *v, int64_t *out,
			       struct bp_error *e);
/* A stored value as JSON: an integer when whole, else a real. */
json_t *catalog_value_to_json(int64_t milli);

/* True for a code of the catalog: [a-z][a-z0-9_]{0,63}. */
bool catalog_code_valid(const char *s);

/*
 * Loads the catalog that ships with the program: what is missing is
 * inserted, nothing stored is changed (a type's indicators are set only
 * when the type itself is new). *added (may be NULL) counts the rows.
 */
enum bp_err catalog_seed(struct ctx *c, int *added);
/* The same from CSV text (indicators.csv and activity_types.csv). */
enum bp_err catalog_seed_from(struct ctx *c, const char *indicators, size_t ilen,
			      const char *types, size_t tlen, int *added);

/* The admin API (read: any user; write: admin). */
enum bp_err catalog_indicator_list(struct ctx *c, bool with_retired, json_t **out);
/* A create sent again with the same input answers the stored one (*created false). */
enum bp_err catalog_indicator_create(struct ctx *c, json_t *in, json_t **out, bool *created);
enum bp_err catalog_indicator_patch(struct ctx *c, const char *code, json_t *in, json_t **out);
enum bp_err catalog_type_list(struct ctx *c, bool with_retired, json_t **out);
enum bp_err catalog_type_get(struct ctx *c, const char *code, json_t **out);
enum bp_err catalog_type_create(struct ctx *c, json_t *in, json_t **out, bool *created);
enum bp_err catalog_type_patch(struct ctx *c, const char *code, json_t *in, json_t **out);

/* The fixed columns of an activity file, which no indicator may be named. */
extern const char *const catalog_file_columns[];

#endif
