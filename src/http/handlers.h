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

/* h_files.c: the registry's files in and out */
void h_import(struct req *r);
void h_export(struct req *r);

/*
 * The common end of a handler: on rc == BP_OK replies status with out
 * (consumed), else the context's error.
 */
void h_finish(struct req *r, enum bp_err rc, int status, json_t *out);

#endif
