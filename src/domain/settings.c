/*
 * settings.c - the server's run-time settings; see settings.h.
 *
 * A tile URL ends up in the browser as the address of images, in Leaflet's
 * tile layer: it is checked here to be an http(s) URL or a path of this
 * server, with nothing in it that a URL does not hold (no space, quote or
 * angle bracket) and no placeholder but Leaflet's {z} {x} {y} {s} {r}.
 * The attribution is plain text; the page writes it as text, never HTML.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/settings.h"
#include "util/date.h"
#include "util/json.h"

static const char *const map_keys[] = { "tiles", "attribution", "max_zoom", NULL };

/* A URL of tiles: an XYZ template or a .pmtiles archive, absolute http(s) or a path here. */
static bool tiles_valid(const char *s)
{
	const char *host = NULL;
	if (!strncasecmp(s, "https://", 8))
		host = s + 8;
	else if (!strncasecmp(s, "http://", 7))
		host = s + 7;
	else if (s[0] != '/' || s[1] == '/')
		return false; /* neither a URL nor a path of this server */
	if (host && (!*host || *host == '/'))
		return false; /* no host after the scheme */
	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= ' ' || ch == 0x7f || strchr("\"'<>\\`^|", ch))
			return false;
		if (ch == '{' && (!strchr("zxysr", p[1]) || p[2] != '}'))
			return false;
		if (ch == '}' && (p - s < 2 || p[-2] != '{'))
			return false;
	}
	if (strstr(s, "{z}") && strstr(s, "{x}") && strstr(s, "{y}"))
		return true;
	/* A PMTiles archive: the path, before any query, ends in .pmtiles. */
	size_t n = strcspn(s, "?#");
	return n > 8 && !strncasecmp(s + n - 8, ".pmtiles", 8) && !strchr(s, '{');
}

static json_t *map_empty(void)
{
	return json_pack("{s:n, s:n, s:n, s:n, s:n}", "tiles", "attribution", "max_zoom", "updated_by",
			 "updated_at");
}

/* The stored value with who and when; NULL in *out when none. */
static enum bp_err map_load(struct ctx *c, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query_one(c->db, "SELECT value, updated_by, updated_at FROM settings WHERE key = 'map'",
				      DB_NOARGS, &r, &c->err);
	if (rc == BP_ENOTFOUND) {
		err_clear(&c->err);
		return BP_OK;
	}
	if (rc)
		return rc;
	json_t *v = json_loads(db_text(r, 0), 0, NULL);
	if (json_is_object(v)) {
		json_t *o = map_empty();
		json_object_update_existing(o, v);
		json_object_set_new(o, "updated_by", json_string(db_text(r, 1)));
		json_object_set_new(o, "updated_at", json_string(db_text(r, 2)));
		*out = o;
	} else {
		rc = err_set(&c->err, "internal", " (stored map settings)");
	}
	json_decref(v);
	db_rows_free(r);
	return rc;
}

enum bp_err settings_map_get(struct ctx *c, json_t **out)
{
	*out = NULL;
	enum bp_err rc = access_require_role(c, ROLE_VIEWER);
	if (!rc)
		rc = map_load(c, out);
	if (!rc && !*out)
		*out = map_empty();
	return rc;
}

/* The value to store: the input checked, every key present (null for none). */
static enum bp_err map_read(struct ctx *c, json_t *in, json_t **value)
{
	const char *tiles = NULL, *attribution = NULL;
	enum bp_err rc;
	*value = NULL;
	if (!json_is_object(in))
		return err_set(&c->err, "bad_json", " (object expected)");
	if ((rc = json_check_keys(in, map_keys, &c->err)) ||
	    (rc = json_get_str(in, "tiles", false, SETTINGS_TILES_MAX, &tiles, &c->err)) ||
	    (rc = json_get_str(in, "attribution", false, SETTINGS_ATTRIBUTION_MAX, &attribution, &c->err)))
		return rc;
	if (tiles && !*tiles)
		tiles = NULL;
	if (attribution && !*attribution)
		attribution = NULL;
	if (tiles && !tiles_valid(tiles))
		return err_field(&c->err, "settings_tiles_invalid", "tiles");
	if (attribution)
		for (const char *p = attribution; *p; p++)
			if ((unsigned char)*p < ' ')
				return err_field(&c->err, "field_type", "attribution"); /* one line of text */
	json_t *z = json_object_get(in, "max_zoom");
	if (z && !json_is_null(z) &&
	    (!json_is_integer(z) || json_integer_value(z) < 0 || json_integer_value(z) > SETTINGS_MAX_ZOOM))
		return err_field(&c->err, "number_invalid", "max_zoom");
	*value = json_pack("{s:s?, s:s?, s:O?}", "tiles", tiles, "attribution", attribution, "max_zoom",
			   z && !json_is_null(z) ? z : NULL);
	return BP_OK;
}

enum bp_err settings_map_put(struct ctx *c, json_t *in, json_t **out)
{
	json_t *value = NULL, *before = NULL;
	bool began = false;
	enum bp_err rc;
	*out = NULL;
	if ((rc = access_require_role(c, ROLE_ADMIN)) || (rc = map_read(c, in, &value)) ||
	    (rc = db_begin(c->db, &c->err)))
		goto out;
	began = true;
	if ((rc = map_load(c, &before)))
		goto out;
	/* The same settings again change nothing and are not audited. */
	json_t *was = before ? json_copy(before) : NULL;
	if (was) {
		json_object_del(was, "updated_by");
		json_object_del(was, "updated_at");
	}
	bool same = was && json_equal(was, value);
	json_decref(was);
	if (same)
		goto out;
	char now[TIMESTAMP_LEN];
	timestamp_now(now);
	char *text = json_dumps(value, JSON_COMPACT | JSON_SORT_KEYS);
	const char *who = c->actor.username[0] ? c->actor.username : "system";
	rc = db_exec(c->db,
		"INSERT INTO settings (key, value, updated_by, updated_at) VALUES ('map', $1, $2, $3)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,"
		" updated_at = excluded.updated_at",
		DB_ARGS(DB_S(text), DB_S(who), DB_S(now)), NULL, &c->err);
	free(text);
	if (!rc)
		rc = audit_record(c, "settings", "map", c->actor.unit_id[0] ? c->actor.unit_id : NULL,
				  before ? "update" : "create", before, value);
out:
	if (began)
		rc = db_end(c->db, rc, &c->err);
	if (!rc)
		rc = map_load(c, out);
	json_decref(value);
	json_decref(before);
	return rc;
}
