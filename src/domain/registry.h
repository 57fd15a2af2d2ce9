/*
 * registry.h - the border registry as a whole: the layers (markers,
 * segments, gates, roads) as imports and exports see them. Each layer's
 * own rules live in its file (markers.c, segments.c, gates.c, roads.c);
 * this is the one door the file formats (src/geo/) and the commands use.
 */
#ifndef BP_REGISTRY_H
#define BP_REGISTRY_H

#include <jansson.h>

#include "domain/ctx.h"
#include "geo/feature.h"

/*
 * SQLite's page cache for an import's transaction, in KiB: the records
 * of a large file and their indexes (random ids) stay in memory until the
 * commit instead of spilling page by page into the journal and being read
 * back. Memory is taken only as pages are used, and given back when the
 * import ends and the connection's own size is set again. `bienphong
 * import` reserves as much for db_page_memory.
 */
#define REGISTRY_IMPORT_CACHE_KIB 262144

/* "markers", "segments", "gates", "roads"; false for anything else. */
bool registry_layer_valid(const char *layer);

/*
 * An import is all or nothing: begin opens a transaction; each feature is
 * validated (geometry, region, required properties, references, scope)
 * and stored, or its problems are added to report and the import goes on
 * so that every bad feature is reported; end commits only when report is
 * empty, else rolls back. Features carry their record id (property "id",
 * a UUID) when they have one: a record imported again is updated, or left
 * unchanged, never doubled.
 *
 * The features go through the layers' own writes in bulk (layer.h,
 * struct layer_bulk): the actor's access is checked once per unit, and
 * instead of an audit row per record the import writes one, entity
 * "import", with the layer, the file's name and sha256, the counts and
 * the import's id. A file (registry_import_file) is recorded in the
 * imports table by the sha256 of its bytes, and the same file imported
 * into the same layer again is refused ("import_duplicate", 409).
 */
struct registry_import;
enum bp_err registry_import_begin(struct ctx *c, const char *layer, struct registry_import **out);
/*
 * The import comes from the file name (may be NULL) with these bytes:
 * "import_duplicate" when they were imported into the layer before.
 */
enum bp_err registry_import_file(struct registry_import *imp, const char *name, const char *data,
				 size_t len);
enum bp_err registry_import_feature(struct registry_import *imp, const struct feature *f, json_t *report);
/*
 * *summary: {"layer", "created", "updated", "unchanged"}, and
 * "import_id" when stored; frees imp.
 */
enum bp_err registry_import_end(struct registry_import *imp, json_t *report, json_t **summary);

struct registry_filter {
	const char *unit;      /* a unit ref: only what its subtree is responsible for */
	const char *border;    /* VN-CN, VN-LA, VN-KH */
	const char *condition; /* markers and roads */
	bool has_bbox;
	double west, south, east, north;
};

/*
 * Streams the layer's features in the actor's scope through fn, one at a
 * time from the database (no list is built), with the properties the
 * formats write: "id", and the layer's fields.
 */
enum bp_err registry_export(struct ctx *c, const char *layer, const struct registry_filter *f,
			    feature_fn fn, void *arg);

#endif
