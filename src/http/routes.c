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

	/* reports (h_reports.c) */
	{ "GET", "/api/reports", h_reports_run, ROUTE_USER, "A report of a unit for a period, laid out by a template" },
	{ "GET", "/api/report-templates", h_report_templates_list, ROUTE_USER, "The report templates" },
	{ "GET", "/api/report-templates/:code", h_report_template_get, ROUTE_USER, "One report template" },
	{ "PUT", "/api/report-templates/:code", h_report_template_put, ROUTE_USER, "Create or change a report template (admin)" },

	/* the registry's files (h_files.c): a file up to the import limit */
	{ "POST", "/api/import/:layer", h_import, ROUTE_USER,
	  "Import a GeoJSON, KML, GPX or CSV file into a layer, all or nothing",
	  HTTP_BODY_IMPORT, true },
	{ "GET", "/api/export/:layer", h_export, ROUTE_USER, "A layer as GeoJSON, KML, GPX or CSV" },

	/* people's participation: the catalog (h_catalog.c) and activities (h_activities.c) */
	{ "GET", "/api/indicators", h_indicators_list, ROUTE_USER, "Indicators of the catalog" },
	{ "POST", "/api/indicators", h_indicators_create, ROUTE_USER, "Add an indicator to the catalog" },
	{ "PATCH", "/api/indicators/:code", h_indicator_patch, ROUTE_USER, "Rename, or retire, an indicator" },
	{ "GET", "/api/activity-types", h_activity_types_list, ROUTE_USER, "Activity types with their indicators" },
	{ "POST", "/api/activity-types", h_activity_types_create, ROUTE_USER, "Add an activity type to the catalog" },
	{ "GET", "/api/activity-types/:code", h_activity_type_get, ROUTE_USER, "One activity type" },
	{ "PATCH", "/api/activity-types/:code", h_activity_type_patch, ROUTE_USER, "Change, or retire, an activity type" },
	{ "GET", "/api/activities", h_activities_list, ROUTE_USER, "Activities in scope, filtered" },
	{ "POST", "/api/activities", h_activities_create, ROUTE_USER, "Record an activity" },
	{ "GET", "/api/activities/template", h_activities_template, ROUTE_USER, "The bulk-entry template of a type (CSV, XLSX)" },
	{ "POST", "/api/activities/import", h_activities_import, ROUTE_USER,
	  "Import a CSV file of activities, all or nothing", HTTP_BODY_IMPORT, true },
	{ "GET", "/api/activities/export", h_activities_export, ROUTE_USER, "Activities in scope as CSV" },
	{ "GET", "/api/activities/totals", h_activities_totals, ROUTE_USER, "Sums of indicator values over a unit and a period" },
	{ "GET", "/api/activities/:id", h_activity_get, ROUTE_USER, "One activity" },
	{ "PUT", "/api/activities/:id", h_activity_put, ROUTE_USER, "Create or replace an activity with a client id" },
	{ "PATCH", "/api/activities/:id", h_activity_patch, ROUTE_USER, "Change some fields of an activity" },
	{ "DELETE", "/api/activities/:id", h_activity_delete, ROUTE_USER, "Delete an activity" },
	/* people's participation: households, registrations, groups, twinnings, stocks (h_people.c) */
	{ "GET", "/api/households", h_households_list, ROUTE_USER, "Households and collectives in scope" },
	{ "POST", "/api/households", h_households_create, ROUTE_USER, "Register a household or collective" },
	{ "POST", "/api/households/import", h_households_import, ROUTE_USER,
	  "Import households with their registrations from CSV, all or nothing", HTTP_BODY_IMPORT, true },
	{ "GET", "/api/households/export", h_households_export, ROUTE_USER, "Households with their registrations as CSV" },
	{ "GET", "/api/households/:id", h_household_get, ROUTE_USER, "One household with its registrations" },
	{ "PUT", "/api/households/:id", h_household_put, ROUTE_USER, "Create or replace a household with a client id" },
	{ "PATCH", "/api/households/:id", h_household_patch, ROUTE_USER, "Change some fields of a household" },
	{ "DELETE", "/api/households/:id", h_household_delete, ROUTE_USER, "Delete a household and its registrations" },
	{ "GET", "/api/registrations", h_registrations_list, ROUTE_USER, "Self-management registrations in scope" },
	{ "POST", "/api/registrations", h_registrations_create, ROUTE_USER, "Register self-management of line and markers" },
	{ "GET", "/api/registrations/:id", h_registration_get, ROUTE_USER, "One registration" },
	{ "PUT", "/api/registrations/:id", h_registration_put, ROUTE_USER, "Create or replace a registration with a client id" },
	{ "PATCH", "/api/registrations/:id", h_registration_patch, ROUTE_USER, "Change a registration (end it)" },
	{ "DELETE", "/api/registrations/:id", h_registration_delete, ROUTE_USER, "Delete a registration" },
	{ "GET", "/api/groups", h_groups_list, ROUTE_USER, "Security and self-management groups in scope" },
	{ "POST", "/api/groups", h_groups_create, ROUTE_USER, "Record a group with its members" },
	{ "GET", "/api/groups/:id", h_group_get, ROUTE_USER, "One group with its members" },
	{ "PUT", "/api/groups/:id", h_group_put, ROUTE_USER, "Create or replace a group with a client id" },
	{ "PATCH", "/api/groups/:id", h_group_patch, ROUTE_USER, "Change some fields of a group" },
	{ "DELETE", "/api/groups/:id", h_group_delete, ROUTE_USER, "Delete a group" },
	{ "GET", "/api/twinnings", h_twinnings_list, ROUTE_USER, "Twinned residential clusters in scope" },
	{ "POST", "/api/twinnings", h_twinnings_create, ROUTE_USER, "Record a twinning across the border" },
	{ "GET", "/api/twinnings/:id", h_twinning_get, ROUTE_USER, "One twinning" },
	{ "PUT", "/api/twinnings/:id", h_twinning_put, ROUTE_USER, "Create or replace a twinning with a client id" },
	{ "PATCH", "/api/twinnings/:id", h_twinning_patch, ROUTE_USER, "Change some fields of a twinning" },
	{ "DELETE", "/api/twinnings/:id", h_twinning_delete, ROUTE_USER, "Delete a twinning" },
	{ "GET", "/api/stocks", h_stocks, ROUTE_USER, "The stocks of people's participation of a unit as of a date" },
	/* direction: documents and tasks (h_documents.c) */
	{ "GET", "/api/documents", h_documents_list, ROUTE_USER, "Documents the user may read" },
	{ "POST", "/api/documents", h_documents_create, ROUTE_USER, "Register a document" },
	{ "GET", "/api/documents/:id", h_document_get, ROUTE_USER, "One document with its files" },
	{ "PUT", "/api/documents/:id", h_document_put, ROUTE_USER, "Create or replace a document with a client id" },
	{ "PATCH", "/api/documents/:id", h_document_patch, ROUTE_USER, "Change some fields of a document" },
	{ "DELETE", "/api/documents/:id", h_document_delete, ROUTE_USER, "Delete a document nothing refers to" },
	{ "GET", "/api/documents/:id/cascade", h_document_cascade, ROUTE_USER,
	  "The documents a document implements, up to the root, and those implementing it" },
	{ "POST", "/api/documents/:id/files", h_document_file_add, ROUTE_USER,
	  "Attach a file (PDF, DOCX, DOC, XLSX, XLS, ODT, JPEG, PNG; at most 10 MB)", HTTP_BODY_DOCFILE, true },
	{ "GET", "/api/documents/:id/files/:file", h_document_file_get, ROUTE_USER, "Download an attached file" },
	{ "DELETE", "/api/documents/:id/files/:file", h_document_file_delete, ROUTE_USER, "Remove an attached file" },
	{ "GET", "/api/tasks", h_tasks_list, ROUTE_USER, "Tasks given to units in scope" },
	{ "POST", "/api/tasks", h_tasks_create, ROUTE_USER, "Give a task to a unit" },
	{ "GET", "/api/tasks/overdue", h_tasks_overdue, ROUTE_USER, "Overdue tasks in scope" },
	{ "GET", "/api/tasks/:id", h_task_get, ROUTE_USER, "One task with its progress updates" },
	{ "PUT", "/api/tasks/:id", h_task_put, ROUTE_USER, "Create or replace a task with a client id" },
	{ "PATCH", "/api/tasks/:id", h_task_patch, ROUTE_USER, "Change some fields of a task" },
	{ "DELETE", "/api/tasks/:id", h_task_delete, ROUTE_USER, "Delete a task with no progress reported" },
	{ "POST", "/api/tasks/:id/updates", h_task_update_add, ROUTE_USER, "Report a task's progress" },
	/* coordination: conferences, agreements, commendations (h_coordination.c) */
	{ "GET", "/api/conferences", h_conferences_list, ROUTE_USER, "Conferences hosted or attended in scope" },
	{ "POST", "/api/conferences", h_conferences_create, ROUTE_USER, "Record a conference" },
	{ "GET", "/api/conferences/:id", h_conference_get, ROUTE_USER, "One conference with its documents, participants and contributions" },
	{ "PUT", "/api/conferences/:id", h_conference_put, ROUTE_USER, "Create or replace a conference with a client id" },
	{ "DELETE", "/api/conferences/:id", h_conference_delete, ROUTE_USER, "Delete a conference" },
	{ "GET", "/api/agreements", h_agreements_list, ROUTE_USER, "Coordination agreements kept or joined in scope" },
	{ "POST", "/api/agreements", h_agreements_create, ROUTE_USER, "Record a coordination agreement" },
	{ "GET", "/api/agreements/:id", h_agreement_get, ROUTE_USER, "One agreement with its commitments and reviews" },
	{ "PUT", "/api/agreements/:id", h_agreement_put, ROUTE_USER, "Create or replace an agreement with a client id" },
	{ "DELETE", "/api/agreements/:id", h_agreement_delete, ROUTE_USER, "Delete a draft agreement" },
	{ "POST", "/api/agreements/:id/reviews", h_agreement_review, ROUTE_USER, "Record a review of an agreement" },
	{ "POST", "/api/agreements/:id/renew", h_agreement_renew, ROUTE_USER, "Renew an agreement for the next year as a draft" },
	{ "GET", "/api/commendations", h_commendations_list, ROUTE_USER, "Commendations in scope, with counts of recipients" },
	{ "POST", "/api/commendations", h_commendations_create, ROUTE_USER, "Record a commendation" },
	{ "GET", "/api/commendations/:id", h_commendation_get, ROUTE_USER, "One commendation with its recipients" },
	{ "PUT", "/api/commendations/:id", h_commendation_put, ROUTE_USER, "Create or replace a commendation with a client id" },
	{ "DELETE", "/api/commendations/:id", h_commendation_delete, ROUTE_USER, "Delete a commendation" },
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
