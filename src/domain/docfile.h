/*
 * docfile.h - files attached to a document (the signed scan, the Word
 * original, an annex in Excel): what is accepted, and their storage.
 *
 * Accepted: PDF, DOCX, DOC, XLSX, XLS, ODT, JPEG and PNG, at most
 * DOCFILE_MAX bytes. The type is the file name's extension, and the
 * content must agree with it by its first bytes ("magic"): a ".pdf" that
 * does not start with "%PDF-" is refused, not stored under a false type.
 * A file name is a base name: one with a path part ("../x.pdf", "a/b.pdf",
 * "C:\x.pdf") or a control character is refused rather than cleaned, so
 * what is stored is what the user sent.
 *
 * The bytes are kept in the database as base64 text (the storage
 * interface binds text only), with their size and SHA-256; see migration
 * 007.
 *
 * JSON of a file: {"id", "document_id", "file_name", "content_type",
 * "size", "sha256", "created_at"}.
 */
#ifndef BP_DOMAIN_DOCFILE_H
#define BP_DOMAIN_DOCFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "domain/ctx.h"

#define DOCFILE_MAX (10 * 1024 * 1024)
#define DOCFILE_MAX_TEXT "10 MB"
#define DOCFILE_NAME_MAX 200 /* characters */

/*
 * The content type of an accepted file name by its extension (case does
 * not matter), or NULL; *label gets the format's name for messages.
 */
const char *docfile_type_of_name(const char *name, const char **label);
/* True when data starts as files of content_type do. */
bool docfile_magic_ok(const char *content_type, const unsigned char *data, size_t len);
/* True for a base name: valid UTF-8, no '/', '\\', ':', no "." or "..", no controls. */
bool docfile_name_ok(const char *name);
/*
 * The value of a Content-Disposition header for an attachment named
 * name: an ASCII fallback filename="..." (other characters as '_') and
 * the exact name as filename*=UTF-8''percent-encoded (RFC 6266, 8187).
 * Caller frees.
 */
char *docfile_disposition(const char *name);

/*
 * Attaches a file to document doc_id: the actor must be able to write
 * the document. id (may be NULL) is a client id: the same id with the same
 * bytes again is a retry answered with the stored file (*created false).
 * The checks above come first; nothing is stored unless all pass.
 */
enum bp_err docfile_add(struct ctx *c, const char *doc_id, const char *id, const char *name,
			const unsigned char *data, size_t len, json_t **out, bool *created);
/* The files of a document (metadata), oldest first; no access check. */
enum bp_err docfile_list(struct ctx *c, const char *doc_id, json_t **out);
/*
 * The bytes of a file of a document the actor may read: *data (caller
 * frees), *len, and *meta its JSON (caller decrefs).
 */
enum bp_err docfile_get(struct ctx *c, const char *doc_id, const char *file_id,
			unsigned char **data, size_t *len, json_t **meta);
/* Removes a file; the actor must be able to write the document. */
enum bp_err docfile_delete(struct ctx *c, const char *doc_id, const char *file_id);

#endif
