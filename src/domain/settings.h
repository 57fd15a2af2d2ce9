/*
 * settings.h - settings of the whole server that an admin changes while it
 * runs, kept in the settings table (migration 006) as one JSON value a key
 * and audited like any record (entity "settings", the key as its id).
 *
 * The map's ("map"): the basemap's optional tile source, drawn under the
 * offline country outlines (web/js/geo.js).
 *   {"tiles": URL | null, "attribution": text | null, "max_zoom": 0..24 | null,
 *    "updated_by", "updated_at"}
 * "tiles" is a tile URL template with {z}, {x} and {y} (a raster XYZ
 * source) or the URL of a .pmtiles archive, http(s)://... or a path on
 * this server ("/tiles/{z}/{x}/{y}.png"); "attribution" is plain text
 * shown in the map's corner; "max_zoom" the deepest zoom the source has.
 * Every logged-in user reads it (the map needs it); only an admin sets it.
 * A browser's own localStorage value still wins on that browser.
 */
#ifndef BP_SETTINGS_H
#define BP_SETTINGS_H

#include <jansson.h>

#include "domain/ctx.h"

#define SETTINGS_TILES_MAX 2000
#define SETTINGS_ATTRIBUTION_MAX 500
#define SETTINGS_MAX_ZOOM 24

/* The map's settings; every field null when none were ever set. */
enum bp_err settings_map_get(struct ctx *c, json_t **out);

/*
 * Replaces the map's settings with in (fields left out are cleared):
 * admin only ("role_insufficient"), checked ("settings_tiles_invalid",
 * "field_too_long", "number_invalid" ...), audited when they change.
 * *out is the settings as stored.
 */
enum bp_err settings_map_put(struct ctx *c, json_t *in, json_t **out);

#endif
