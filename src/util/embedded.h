/*
 * embedded.h - files compiled into the program (tools/embed.c --files):
 * the catalog and the report templates that ship with bienphong (the CSV
 * and JSON files of catalog/). The table ends
 * with a row whose name is NULL; each file's data is NUL-terminated.
 */
#ifndef BP_EMBEDDED_H
#define BP_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* the base name: "indicators.csv" */
	const char *data;
	size_t len;
};

extern const struct embedded_file embedded_files[];

/* The file of that base name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
