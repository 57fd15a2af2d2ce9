/*
 * layer.h - what the four layers of the border registry (markers.c,
 * segments.c, gates.c, roads.c) share, and what registry.c uses to drive
 * them: the write modes, input checks for enumerations, numbers and line
 * geometries, the unit responsible, and transactions that join the one an
 * import holds open.
 *
 * Internal to src/domain: the HTTP layer and the file formats go through
 * markers.h ... roads.h and registry.h.
 */
#ifndef BP_DOMAIN_LAYER_H
#define BP_DOMAIN_LAYER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "domain/access.h"
#include "domain/ctx.h"
#include "domain/registry.h"
#include "geo/feature.h"

/*
 * How a write treats a record id that exists:
 *  - CREATE (POST): the same input again is a retry, answered with the
 *    stored record; different input is "id_conflict";
 *  - PUT: the record becomes what the input says (fields left out are
 *    cleared);
 *  - PATCH: the input's fields change the stored record, the others stay.
 * A new id is created by CREATE and PUT, "not found" for PATCH.
 */
enum layer_write { LAYER_CREATE, LAYER_PUT, LAYER_PATCH };

/* What a write did, for the HTTP status and an import's summary. */
enum layer_done { LAYER_CREATED, LAYER_UPDATED, LAYER_UNCHANGED };

/* Largest page of a list. */
#define LAYER_LIST_MAX 1000
#define LAYER_NOTES_MAX 2000
#define LAYER_NAME_MAX 200

extern const char *const layer_borders[];   /* VN-CN VN-LA VN-KH */

/*
 * An enumeration field: NULL when absent and not required; "field_type"
 * when not a string, "enum_invalid" (or code, when given) when not one of
 * allowed.
 */
enum bp_err layer_get_enum(json_t *in, const char *key, bool required, const char *const *allowed,
			   const char *code, const char **out, struct bp_error *e);
/* A number field in [min, max]; *has says whether it was given (not null). */
enum bp_err layer_get_number(json_t *in, const char *key, bool required, double min, double max,
			     double *out, bool *has, struct bp_error *e);
/* A position given as two number fields "lon" and "lat", checked against the region. */
enum bp_err layer_get_point(json_t *in, double *lon, double *lat, struct bp_error *e);
/*
 * A line: a GeoJSON LineString object or a bare array of [lon, lat]
 * positions, checked against the region (geo_check_line). *pos is the
 * caller's to free.
 */
enum bp_err layer_get_line(json_t *in, const char *key, struct geo_pos **pos, size_t *n,
			   struct bp_error *e);

/* Rounds degrees to 1e-7 (about 1 cm), what is stored and compared. */
double layer_round_deg(double x);

/* The stored text of a line, "[[lon,lat],...]" with 7 decimals; caller frees. */
char *layer_line_text(const struct geo_pos *pos, size_t n);
/* The positions of stored line text; false when it is not one. Caller frees *pos. */
bool layer_line_parse(const char *text, struct geo_pos **pos, size_t *n);
/* A GeoJSON LineString object of stored line text. */
json_t *layer_line_json(const char *text);

/*
 * The unit a record is given to: resolves ref, checks the actor may write
 * under it, and, when post_only, that it is a border post (unit_not_post).
 * code gets its code, for messages and exports.
 */
enum bp_err layer_unit_for_write(struct ctx *c, const char *ref, bool post_only, char id[37],
				 char code[65]);
/* {"id", "code", "name"} of a unit. */
json_t *layer_unit_json(const char *id, const char *code, const char *name);

/*
 * An import's bulk write (registry.c). The import holds one transaction
 * for all its records; what a record's access needs (the unit a reference
 * names and its kind, the actor's right to write under it, to read what
 * is stored under it) is asked of the database once per unit and kept
 * here, and a record written in bulk is neither read back nor audited on
 * its own: the import writes one audit row for the whole file. The rules
 * a record must meet are those of a single write, checked by the same
 * code.
 */
struct layer_bulk;
/* Caller frees with layer_bulk_free. */
struct layer_bulk *layer_bulk_new(struct ctx *c);
void layer_bulk_free(struct layer_bulk *b);
struct ctx *layer_bulk_ctx(const struct layer_bulk *b);
/*
 * A new UUID for a record the import makes itself (a marker's first
 * condition): version 7, ordered by the import's time and a counter, with
 * random bits fetched in blocks.
 */
void layer_bulk_uuid(struct layer_bulk *b, char out[37]);
/*
 * Whether the import's next record is likely new: true until a record
 * turns out to be stored already (layer_bulk_saw), as files are mostly
 * all new or all known (an export imported back). A guess for the order
 * of the queries, never for what is written.
 */
bool layer_bulk_expect_new(const struct layer_bulk *b);
void layer_bulk_saw(struct layer_bulk *b, bool existed);
/* layer_unit_for_write, through b's memory when b is not NULL. */
enum bp_err layer_bulk_unit_for_write(struct layer_bulk *b, struct ctx *c, const char *ref,
				      bool post_only, char id[37], char code[65]);
/*
 * The actor's access to unit_id: need ACCESS_READ with area reads in the
 * area (layer_access_area), else access_unit(unit_id, need); through b's
 * memory when b is not NULL.
 */
enum bp_err layer_bulk_access(struct layer_bulk *b, struct ctx *c, const char *unit_id, bool area,
			      enum access_need need);

/*
 * Starts the write's transaction unless one is open (an import holds one
 * for all its features); layer_end ends only what layer_begin started.
 */
enum bp_err layer_begin(struct ctx *c, bool *own);
enum bp_err layer_end(struct ctx *c, bool own, enum bp_err rc);

/*
 * The SQL filter of a list or export, for a table aliased "x" with
 * unit_id, and for points (lon/lat columns) or lines (bbox columns).
 * Appends " AND ..." clauses with placeholders from *next on to sql and
 * their arguments to args (which must have room for 8 more).
 */
struct buf;
enum bp_err layer_filter_sql(struct ctx *c, const struct registry_filter *f, bool points,
			     bool has_condition, struct buf *sql, db_arg *args, int *next,
			     char unit_id[37]);
/* The "sub(id)" CTE (after access_scope_cte's): the subtree of unit $3 today. */
#define LAYER_SUB_CTE \
	", sub(id) AS (SELECT CAST($3 AS TEXT) WHERE $3 <> ''" \
	" UNION SELECT e.child FROM unit_edges e JOIN sub ON e.up = sub.id" \
	" WHERE e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to > $2))"

/*
 * The write of a layer record, shared by segments, gates and roads (the
 * markers have their own, for their histories). A layer describes itself
 * with these functions; rec is the layer's own input struct.
 */
struct layer_ops {
	const char *entity;        /* in the audit log: "gate" */
	const char *table;         /* "gates" */
	const char *not_found;     /* "gate_not_found" */
	const char *unit_key;      /* the unit's key in the record's JSON: "unit" or "post" */
	bool post_only;            /* the unit must be a border post */
	bool area_read;            /* read in the area (LAYER_AREA_CTE), not only the scope */
	const char *const *patch_keys;
	/* The stored record as JSON ("not_found" code when none). */
	enum bp_err (*load)(struct ctx *c, const char *id, json_t **out);
	/* The stored record as input, for PATCH to change. */
	json_t *(*as_input)(json_t *stored);
	/* Checks the input into rec; gives its "id" and its unit reference. */
	enum bp_err (*read)(struct ctx *c, json_t *in, void *rec, const char **id, const char **unit_ref);
	bool (*same)(json_t *stored, const void *rec, const char *unit_id);
	enum bp_err (*insert)(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			      const char *now);
	enum bp_err (*update)(struct ctx *c, const char *id, const void *rec, const char *unit_id,
			      const char *now);
	void (*release)(void *rec);
};
enum bp_err layer_put(struct ctx *c, const struct layer_ops *ops, void *rec, const char *id,
		      json_t *in, enum layer_write mode, json_t **out, enum layer_done *done);
/*
 * Deletes a record: editor and up with write access to its unit (a
 * record the actor cannot read is "out_of_scope", as for a GET), in one
 * transaction with its audit row (action "delete", the record before).
 * A record that another one still points at is refused with in_use (409)
 * and stays.
 */
enum bp_err layer_delete(struct ctx *c, const struct layer_ops *ops, const char *id,
			 const char *in_use);
/* layer_put of an import's record (a PUT with the record's own id, or a new one). */
enum bp_err layer_put_bulk(struct layer_bulk *b, const struct layer_ops *ops, void *rec, json_t *in,
			   enum layer_done *done);
/* The stored record when the actor may read it. */
enum bp_err layer_get(struct ctx *c, const struct layer_ops *ops, const char *id, json_t **out);

/* Compares a stored JSON field with an input value. */
bool layer_same_str(json_t *o, const char *key, const char *s);
bool layer_same_num(json_t *o, const char *key, bool has, double d);
/* Does the stored LineString (JSON) hold exactly these positions? */
bool layer_same_line(json_t *geometry, const struct geo_pos *pos, size_t n);
/* The length in km of a line, to the millimetre. */
double layer_length_km(const struct geo_pos *pos, size_t n);
/* The id of the stored record's unit (ops->unit_key). */
const char *layer_unit_id_of(json_t *stored, const char *unit_key);

/*
 * The border line of an area: a commune (or a village, an agency under
 * it) reads the markers, segments, gates and roads of the border posts
 * responsible for it today, since its people self-manage the line and
 * its markers (tự quản đường biên, mốc quốc giới), cross at its gates and
 * walk its patrol roads, and it must see what it hands out. It is a read
 * of the post's stretch, not of the post: nothing else of the post, and
 * no writes. A
 * user at a border post keeps to its own scope, so that two posts sharing
 * a commune do not read each other's stretch.
 *
 * LAYER_AREA_CTE follows access_scope_cte's: "area(id)", the scope and
 * those posts ($1 the actor's unit, $2 today).
 */
#define LAYER_AREA_CTE \
	", area(id) AS (SELECT id FROM scope UNION SELECT pc.post_id FROM post_communes pc" \
	" JOIN scope ON scope.id = pc.commune_id WHERE pc.valid_from <= $2" \
	" AND (pc.valid_to IS NULL OR pc.valid_to > $2)" \
	" AND NOT EXISTS (SELECT 1 FROM units a WHERE a.id = $1 AND a.kind = 'border_post'))"
/*
 * The start of a layer's list or export query into sql: the scope CTE
 * (with area, also LAYER_AREA_CTE), LAYER_SUB_CTE, select (the layer's
 * "SELECT ... FROM table x"), the scope and unit filters and f's clauses.
 * args[0..2] and *next are set for the caller to go on with its own
 * clauses, order and limit.
 */
enum bp_err layer_query_sql(struct ctx *c, const char *select, bool area, bool points,
			    bool has_condition, const struct registry_filter *f,
			    struct buf *sql, db_arg *args, int *next, char unit_id[37]);
/* The same for an export, to be ordered by an index: read in that order
 * and streamed, never sorted whole in memory (layer.c). */
enum bp_err layer_export_sql(struct ctx *c, const char *select, bool area, bool points,
			     bool has_condition, const struct registry_filter *f,
			     struct buf *sql, db_arg *args, int *next, char unit_id[37]);
/* What a layer keyed by id (segments, gates, roads) lists and exports. */
struct layer_query {
	const char *select;        /* "SELECT ... FROM table x" */
	bool area;                 /* read in the area (LAYER_AREA_CTE) */
	bool points;               /* lon/lat columns, else bbox columns */
	bool has_condition;
	json_t *(*row_json)(struct db_rows *r);
};
/*
 * layer_query_sql, then after cursor (an id), ordered by id, limit + 1
 * rows (0: all, for an export: then as layer_export_sql, and streamed,
 * db_query_stream).
 */
enum bp_err layer_list_query(struct ctx *c, const struct layer_query *q,
			     const struct registry_filter *f, const char *cursor, int limit,
			     struct db_rows **r);
/* A page of the layer's list: {"items", "next_cursor"}. */
enum bp_err layer_list_page(struct ctx *c, const struct layer_query *q,
			    const struct registry_filter *f, int limit, const char *cursor,
			    json_t **out);

/* access_unit(unit_id, ACCESS_READ), widened to the area as above. */
enum bp_err layer_access_area(struct ctx *c, const char *unit_id);

/* The limit of a list: 0 means 100; 1..LAYER_LIST_MAX. */
enum bp_err layer_limit(struct ctx *c, int limit, int *out);

/* Sets key to a number, or null when has is false. */
void layer_set_num(json_t *o, const char *key, bool has, double v);

#endif
