/*
 * routes.c - the table of every HTTP route. The access-matrix test reads
 * this table (through `bienphong routes`) so that no route escapes it.
 */
#include "http/handlers.h"
#include "version.h"

/* Rows leave out the fields they do not need (body_max, file_body: zero). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
const struct route http_routes[] = {
	{ "GET", "/api/health", h_health, ROUTE_PUBLIC, "Server and database status" },
	{ "POST", "/api/login", h_login, ROUTE_PUBLIC, "Log in; returns a session" },
	{ "POST", "/api/logout", h_logout, ROUTE_USER, "End the session" },
	{ "GET", "/api/me", h_me, ROUTE_USER, "The logged-in user" },

	{ "GET", "/api/units", h_units_list, ROUTE_USER, "Units in scope" },
	{ "POST", "/api/units", h_units_create, ROUTE_USER, "Create a unit" },
	{ "GET", "/api/units/tree", h_units_tree, ROUTE_USER, "The unit tree as of a date" },
	{ "POST", "/api/units/merge", h_units_merge, ROUTE_USER, "Merge units into one" },
	{ "GET", "/api/units/:id", h_unit_get, ROUTE_USER, "One unit with its history" },
	{ "PUT", "/api/units/:id", h_unit_put, ROUTE_USER, "Create or update a unit with a client id" },
	{ "POST", "/api/units/:id/move", h_unit_move, ROUTE_USER, "Move a unit under another from a date" },
	{ "POST", "/api/units/:id/split", h_unit_split, ROUTE_USER, "Split a unit into several" },
	{ "POST", "/api/units/:id/dissolve", h_unit_dissolve, ROUTE_USER, "End a unit on a date" },
	{ "GET", "/api/units/:id/subtree", h_unit_subtree, ROUTE_USER, "A unit's subtree as of a date" },
	{ "GET", "/api/units/:id/predecessors", h_unit_predecessors, ROUTE_USER, "Units merged or split into this one" },
	{ "GET", "/api/units/:id/communes", h_unit_communes, ROUTE_USER, "Communes a border post is responsible for" },
	{ "POST", "/api/units/:id/communes", h_unit_communes_add, ROUTE_USER, "Make a post responsible for a commune" },

	{ "GET", "/api/users", h_users_list, ROUTE_USER, "Users in scope" },
	{ "POST", "/api/users", h_users_create, ROUTE_USER, "Create a user" },
	{ "GET", "/api/users/:id", h_user_get, ROUTE_USER, "One user" },
	{ "PUT", "/api/users/:id", h_user_put, ROUTE_USER, "Create a user with a client id" },
	{ "PATCH", "/api/users/:id", h_user_patch, ROUTE_USER, "Change a user's role, unit, name or state" },
	{ "POST", "/api/users/:id/password", h_user_password, ROUTE_USER, "Set a password" },

	{ "GET", "/api/audit", h_audit_list, ROUTE_USER, "The audit log in scope" },

	/* the border registry (h_registry.c) */
	{ "GET", "/api/markers", h_markers_list, ROUTE_USER, "Border markers in scope" },
	{ "POST", "/api/markers", h_markers_create, ROUTE_USER, "Register a border marker" },
	{ "GET", "/api/markers/:id", h_marker_get, ROUTE_USER, "One marker with its condition and post history" },
	{ "PUT", "/api/markers/:id", h_marker_put, ROUTE_USER, "Create or replace a marker with a client id" },
	{ "PATCH", "/api/markers/:id", h_marker_patch, ROUTE_USER, "Change some fields of a marker" },
	{ "POST", "/api/markers/:id/condition", h_marker_condition, ROUTE_USER, "Record a marker's condition" },
	{ "GET", "/api/segments", h_segments_list, ROUTE_USER, "Border line segments in scope" },
	{ "POST", "/api/segments", h_segments_create, ROUTE_USER, "Register a border line segment" },
	{ "GET", "/api/segments/:id", h_segment_get, ROUTE_USER, "One border line segment" },
	{ "PUT", "/api/segments/:id", h_segment_put, ROUTE_USER, "Create or replace a segment with a client id" },
	{ "PATCH", "/api/segments/:id", h_segment_patch, ROUTE_USER, "Change some fields of a segment" },
	{ "GET", "/api/gates", h_gates_list, ROUTE_USER, "Border gates and openings in scope" },
	{ "POST", "/api/gates", h_gates_create, ROUTE_USER, "Register a border gate or opening" },
	{ "GET", "/api/gates/:id", h_gate_get, ROUTE_USER, "One border gate" },
	{ "PUT", "/api/gates/:id", h_gate_put, ROUTE_USER, "Create or replace a gate with a client id" },
	{ "PATCH", "/api/gates/:id", h_gate_patch, ROUTE_USER, "Change some fields of a gate" },
	{ "GET", "/api/roads", h_roads_list, ROUTE_USER, "Patrol and marker-inspection roads in scope" },
	{ "POST", "/api/roads", h_roads_create, ROUTE_USER, "Register a road" },
	{ "GET", "/api/roads/:id", h_road_get, ROUTE_USER, "One road" },
	{ "PUT", "/api/roads/:id", h_road_put, ROUTE_USER, "Create or replace a road with a client id" },
	{ "PATCH", "/api/roads/:id", h_road_patch, ROUTE_USER, "Change some fields of a road" },
	{ "GET", "/api/map", h_map, ROUTE_USER, "The registry's layers in a bounding box as GeoJSON" },

	/* the border registry: deletes (h_registry.c) */
	{ "DELETE", "/api/markers/:id", h_marker_delete, ROUTE_USER, "Delete a marker nothing refers to" },
	{ "DELETE", "/api/segments/:id", h_segment_delete, ROUTE_USER, "Delete a border line segment" },
	{ "DELETE", "/api/gates/:id", h_gate_delete, ROUTE_USER, "Delete a gate" },
	{ "DELETE", "/api/roads/:id", h_road_delete, ROUTE_USER, "Delete a road" },

	/* the map's settings (h_settings.c) */
	{ "GET", "/api/settings/map", h_settings_map_get, ROUTE_USER, "The map's tile source, as an admin set it" },
	{ "PUT", "/api/settings/map", h_settings_map_put, ROUTE_USER, "Set the map's tile source (admin)" },

	/* the registry's files (h_files.c): a file up to the import limit */
	{ "POST", "/api/import/:layer", h_import, ROUTE_USER,
	  "Import a GeoJSON, KML, GPX or CSV file into a layer, all or nothing",
	  HTTP_BODY_IMPORT, true },
	{ "GET", "/api/export/:layer", h_export, ROUTE_USER, "A layer as GeoJSON, KML, GPX or CSV" },
};

#pragma GCC diagnostic pop

const size_t http_routes_count = sizeof(http_routes) / sizeof(http_routes[0]);

void h_finish(struct req *r, enum bp_err rc, int status, json_t *out)
{
	if (rc)
		http_reply_ctx_error(r);
	else
		http_reply_json(r, status, out);
	json_decref(out);
}

void h_health(struct req *r)
{
	long long one = 0;
	if (db_scalar_int(r->ctx.db, "SELECT 1", DB_NOARGS, &one, &r->ctx.err)) {
		http_reply_ctx_error(r);
		return;
	}
	int v = db_schema_version(r->ctx.db);
	json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:i}", "status", v ? "ok" : "no_schema",
			      "version", BIENPHONG_VERSION, "db", db_engine(r->ctx.db),
			      "schema", v, "schema_latest", db_schema_latest());
	h_finish(r, BP_OK, v ? 200 : 503, o);
}
