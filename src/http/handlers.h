/*
 * handlers.h - the HTTP handlers, one file per resource (h_*.c). Each
 * parses its input, calls one domain function and replies.
 */
#ifndef BP_HANDLERS_H
#define BP_HANDLERS_H

#include "http/http.h"

void h_health(struct req *r);
void h_login(struct req *r);
void h_logout(struct req *r);
void h_me(struct req *r);

void h_units_list(struct req *r);
void h_units_create(struct req *r);
void h_units_tree(struct req *r);
void h_units_merge(struct req *r);
void h_unit_get(struct req *r);
void h_unit_put(struct req *r);
void h_unit_move(struct req *r);
void h_unit_split(struct req *r);
void h_unit_dissolve(struct req *r);
void h_unit_subtree(struct req *r);
void h_unit_predecessors(struct req *r);
void h_unit_communes(struct req *r);
void h_unit_communes_add(struct req *r);

void h_users_list(struct req *r);
void h_users_create(struct req *r);
void h_user_get(struct req *r);
void h_user_put(struct req *r);
void h_user_patch(struct req *r);
void h_user_password(struct req *r);

void h_audit_list(struct req *r);

/* h_registry.c: the border registry */
void h_markers_list(struct req *r);
void h_markers_create(struct req *r);
void h_marker_get(struct req *r);
void h_marker_put(struct req *r);
void h_marker_patch(struct req *r);
void h_marker_condition(struct req *r);
void h_segments_list(struct req *r);
void h_segments_create(struct req *r);
void h_segment_get(struct req *r);
void h_segment_put(struct req *r);
void h_segment_patch(struct req *r);
void h_gates_list(struct req *r);
void h_gates_create(struct req *r);
void h_gate_get(struct req *r);
void h_gate_put(struct req *r);
void h_gate_patch(struct req *r);
void h_roads_list(struct req *r);
void h_roads_create(struct req *r);
void h_road_get(struct req *r);
void h_road_put(struct req *r);
void h_road_patch(struct req *r);
void h_map(struct req *r);
/* h_registry.c: deletes */
void h_marker_delete(struct req *r);
void h_segment_delete(struct req *r);
void h_gate_delete(struct req *r);
void h_road_delete(struct req *r);

/* h_settings.c: the server's run-time settings */
void h_settings_map_get(struct req *r);
void h_settings_map_put(struct req *r);

/* reports (h_reports.c) */
void h_reports_run(struct req *r);
void h_report_templates_list(struct req *r);
void h_report_template_get(struct req *r);
void h_report_template_put(struct req *r);

/* h_files.c: the registry's files in and out */
void h_import(struct req *r);
void h_export(struct req *r);
/* For every handler that sends a file: an anonymous temporary file to
 * send an answer from (gone when closed); -1 on failure. */
int h_temp_fd(void);
/* A new empty file in the temporary folder, named into path (for what
 * writes files by name, libxlsxwriter); -1 on failure. The caller opens it
 * again after writing and unlinks it at once. */
int h_temp_path(char *path, size_t n, const char *prefix);
/* Writes data to the file descriptor *arg (a sink of the domain's
 * streamed exports); -1 on a write error. */
int h_sink_fd(void *arg, const char *data, size_t len);
/* Sends the file fd (consumed) whole, with its type and Content-Disposition,
 * never cached. */
void h_send_fd(struct req *r, int fd, const char *type, const char *disposition);
/* An import's error with every problem: 422 for bad lines, 403 when one is
 * out of the user's scope. */
void h_reply_import_error(struct req *r, json_t *problems);
/* A CSV file sent as the body (text/csv, text/plain, octet-stream) or as
 * the first file of a multipart/form-data upload; when there is none, or
 * it is empty, replies with the error and returns false. */
bool h_csv_body(struct req *r, const char **data, size_t *len, char *filename, size_t fnlen);

/* people's participation: the catalog (h_catalog.c) and activities (h_activities.c) */
void h_indicators_list(struct req *r);
void h_indicators_create(struct req *r);
void h_indicator_patch(struct req *r);
void h_activity_types_list(struct req *r);
void h_activity_types_create(struct req *r);
void h_activity_type_get(struct req *r);
void h_activity_type_patch(struct req *r);
void h_activities_list(struct req *r);
void h_activities_create(struct req *r);
void h_activities_template(struct req *r);
void h_activities_import(struct req *r);
void h_activities_export(struct req *r);
void h_activities_totals(struct req *r);
void h_activity_get(struct req *r);
void h_activity_put(struct req *r);
void h_activity_patch(struct req *r);
void h_activity_delete(struct req *r);

/* h_people.c: people's participation */
void h_households_list(struct req *r);
void h_households_create(struct req *r);
void h_households_import(struct req *r);
void h_households_export(struct req *r);
void h_household_get(struct req *r);
void h_household_put(struct req *r);
void h_household_patch(struct req *r);
void h_household_delete(struct req *r);
void h_registrations_list(struct req *r);
void h_registrations_create(struct req *r);
void h_registration_get(struct req *r);
void h_registration_put(struct req *r);
void h_registration_patch(struct req *r);
void h_registration_delete(struct req *r);
void h_groups_list(struct req *r);
void h_groups_create(struct req *r);
void h_group_get(struct req *r);
void h_group_put(struct req *r);
void h_group_patch(struct req *r);
void h_group_delete(struct req *r);
void h_twinnings_list(struct req *r);
void h_twinnings_create(struct req *r);
void h_twinning_get(struct req *r);
void h_twinning_put(struct req *r);
void h_twinning_patch(struct req *r);
void h_twinning_delete(struct req *r);
void h_stocks(struct req *r);

/* h_documents.c: documents, their files and cascade, tasks */
void h_documents_list(struct req *r);
void h_documents_create(struct req *r);
void h_document_get(struct req *r);
void h_document_put(struct req *r);
void h_document_patch(struct req *r);
void h_document_delete(struct req *r);
void h_document_cascade(struct req *r);
void h_document_file_add(struct req *r);
void h_document_file_get(struct req *r);
void h_document_file_delete(struct req *r);
void h_tasks_list(struct req *r);
void h_tasks_overdue(struct req *r);
void h_tasks_create(struct req *r);
void h_task_get(struct req *r);
void h_task_put(struct req *r);
void h_task_patch(struct req *r);
void h_task_delete(struct req *r);
void h_task_update_add(struct req *r);

/* h_coordination.c: conferences, coordination agreements, commendations */
void h_conferences_list(struct req *r);
void h_conferences_create(struct req *r);
void h_conference_get(struct req *r);
void h_conference_put(struct req *r);
void h_conference_delete(struct req *r);
void h_agreements_list(struct req *r);
void h_agreements_create(struct req *r);
void h_agreement_get(struct req *r);
void h_agreement_put(struct req *r);
void h_agreement_delete(struct req *r);
void h_agreement_review(struct req *r);
void h_agreement_renew(struct req *r);
void h_commendations_list(struct req *r);
void h_commendations_create(struct req *r);
void h_commendation_get(struct req *r);
void h_commendation_put(struct req *r);
void h_commendation_delete(struct req *r);

/*
 * The common end of a handler: on rc == BP_OK replies status with out
 * (consumed), else the context's error.
 */
void h_finish(struct req *r, enum bp_err rc, int status, json_t *out);

#endif
