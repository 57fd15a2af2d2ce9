/*
 * transfer.h - files in and out of the border registry: an import reads a
 * file of one format (src/geo/) into a layer through registry.h, all or
 * nothing; an export streams a layer through a format's writer. The
 * command line (cmd_import.c, cmd_export.c) and the HTTP handlers
 * (h_files.c) are thin around these two.
 */
#ifndef BP_TRANSFER_H
#define BP_TRANSFER_H

#include <jansson.h>

#include "domain/ctx.h"
#include "domain/registry.h"
#include "geo/formats.h"

/*
 * Imports len bytes of data in format fmt, from the file name (may be
 * NULL), into layer. On success *summary is {"layer", "created",
 * "updated", "unchanged", "import_id"}. On failure c->err says why
 * (import_rejected when features were bad, import_duplicate when these
 * bytes were imported into the layer before, or what is wrong with the
 * file as a whole) and nothing is stored. *problems is always set: every
 * bad feature or line, {"where", "code", "message_vi", "message_en"}.
 * The caller decrefs both.
 */
enum bp_err transfer_import(struct ctx *c, const char *layer, enum geo_format fmt,
			    const char *name, const char *data, size_t len, json_t **summary,
			    json_t **problems);

/*
 * Writes the layer's features in the filter and the actor's scope to sink
 * in format fmt. A sink that refuses data ends the export with "internal"
 * (" (the output was closed)"); *count gets the number of features written.
 */
enum bp_err transfer_export(struct ctx *c, const char *layer, enum geo_format fmt,
			    const struct registry_filter *f, geo_sink_fn sink, void *arg,
			    long *count);

/* The columns of a layer's CSV, in order (also what its import takes). */
const char *const *transfer_csv_columns(const char *layer);

#endif
