/*
 * docfile.c - a document's attached files: the checks of name, type and
 * content, and their storage; see docfile.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "domain/audit.h"
#include "domain/docfile.h"
#include "domain/documents.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* Word 97-2003 and Excel 97-2003 are OLE2 compound files. */
static const unsigned char magic_ole2[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
/* DOCX, XLSX and ODT are ZIP archives: a local file header first. */
static const unsigned char magic_zip[] = { 'P', 'K', 0x03, 0x04 };
static const unsigned char magic_pdf[] = { '%', 'P', 'D', 'F', '-' };
static const unsigned char magic_jpeg[] = { 0xFF, 0xD8, 0xFF };
static const unsigned char magic_png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static const struct docfile_type {
	const char *ext, *type, *label;
	const unsigned char *magic;
	size_t magic_len;
} docfile_types[] = {
	{ "pdf", "application/pdf", "PDF", magic_pdf, sizeof(magic_pdf) },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX",
	  magic_zip, sizeof(magic_zip) },
	{ "doc", "application/msword", "DOC", magic_ole2, sizeof(magic_ole2) },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX",
	  magic_zip, sizeof(magic_zip) },
	{ "xls", "application/vnd.ms-excel", "XLS", magic_ole2, sizeof(magic_ole2) },
	{ "odt", "application/vnd.oasis.opendocument.text", "ODT", magic_zip, sizeof(magic_zip) },
	{ "jpg", "image/jpeg", "JPEG", magic_jpeg, sizeof(magic_jpeg) },
	{ "jpeg", "image/jpeg", "JPEG", magic_jpeg, sizeof(magic_jpeg) },
	{ "png", "image/png", "PNG", magic_png, sizeof(magic_png) },
};

static const struct docfile_type *type_of_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (!dot)
		return NULL;
	for (size_t i = 0; i < sizeof(docfile_types) / sizeof(*docfile_types); i++)
		if (!strcasecmp(dot + 1, docfile_types[i].ext))
			return &docfile_types[i];
	return NULL;
}

const char *docfile_type_of_name(const char *name, const char **label)
{
	const struct docfile_type *t = type_of_name(name);
	if (label)
		*label = t ? t->label : NULL;
	return t ? t->type : NULL;
}

bool docfile_magic_ok(const char *content_type, const unsigned char *data, size_t len)
{
	for (size_t i = 0; i < sizeof(docfile_types) / sizeof(*docfile_types); i++) {
		const struct docfile_type *t = &docfile_types[i];
		if (!strcmp(t->type, content_type))
			return len >= t->magic_len && !memcmp(data, t->magic, t->magic_len);
	}
	return false;
}

bool docfile_name_ok(const char *name)
{
	size_t len = name ? strlen(name) : 0;
	if (!len || !text_utf8_valid(name, len) || text_utf8_len(name) > DOCFILE_NAME_MAX)
		return false;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '/' || *p == '\\' || *p == ':')
			return false;
	/* U+0080..U+009F, the C1 controls, are two bytes C2 80..C2 9F. */
	for (const unsigned char *p = (const unsigned char *)name; p[0] && p[1]; p++)
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return false;
	return true;
}

char *docfile_disposition(const char *name)
{
	struct buf b;
	buf_init(&b, 16 * 1024);
	buf_adds(&b, "attachment; filename=\"");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p >= 0x80) {
			/* One '_' for each character, not for each byte. */
			if ((*p & 0xC0) != 0x80)
				buf_addc(&b, '_');
		} else if (*p == '"' || *p == '\\' || *p < 0x20 || *p == 0x7F) {
			buf_addc(&b, '_');
		} else {
			buf_addc(&b, (char)*p);
		}
	}
	buf_adds(&b, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		/* RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~" */
		if (isalnum(*p) || strchr("!#$&+-.^_`|~", *p))
			buf_addc(&b, (char)*p);
		else
			buf_addf(&b, "%%%02X", *p);
	}
	return buf_detach(&b, NULL);
}

#define FILE_COLS "id, document_id, file_name, content_type, size, sha256, created_at"

static json_t *file_row_json(struct db_rows *r)
{
	json_t *o = json_object();
	json_set_str(o, "id", db_text(r, 0));
	json_set_str(o, "document_id", db_text(r, 1));
	json_set_str(o, "file_name", db_text(r, 2));
	json_set_str(o, "content_type", db_text(r, 3));
	json_object_set_new(o, "size", json_integer(db_int(r, 4)));
	json_set_str(o, "sha256", db_text(r, 5));
	json_set_str(o, "created_at", db_text(r, 6));
	return o;
}

static enum bp_err file_load(struct ctx *c, const char *doc_id, const char *file_id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	if (!text_uuid_valid(file_id))
		return err_set(&c->err, "document_file_not_found", NULL);
	enum bp_err rc = db_query_one(c->db, "SELECT " FILE_COLS " FROM document_files WHERE id = $1 AND document_id = $2",
				      DB_ARGS(DB_S(file_id), DB_S(doc_id)), &r, &c->err);
	if (rc == BP_ENOTFOUND)
		return err_set(&c->err, "document_file_not_found", NULL);
	if (rc)
		return rc;
	*out = file_row_json(r);
	db_rows_free(r);
	return BP_OK;
}

enum bp_err docfile_list(struct ctx *c, const char *doc_id, json_t **out)
{
	struct db_rows *r = NULL;
	*out = NULL;
	enum bp_err rc = db_query(c->db, "SELECT " FILE_COLS " FROM document_files WHERE document_id = $1"
				  " ORDER BY created_at, id", DB_ARGS(DB_S(doc_id)), &r, &c->err);
	if (rc)
		return rc;
	json_t *a = json_array();
	int s;
	while ((s = db_next(r, &c->err)) > 0)
		json_array_append_new(a, file_row_json(r));
	db_rows_free(r);
	if (s < 0) {
		json_decref(a);
		return c->err.kind;
	}
	*out = a;
	return BP_OK;
}

enum bp_err docfile_add(struct ctx *c, const char *doc_id, const char *id, const char *name,
			const unsigned char *data, size_t len, json_t **out, bool *created)
{
	char idbuf[37], unit[37], hash_hex[crypto_hash_sha256_BYTES * 2 + 1], now[TIMESTAMP_LEN];
	unsigned char hash[crypto_hash_sha256_BYTES];
	char *b64 = NULL;
	json_t *stored = NULL;
	bool own = false;
	const char *label = NULL;
	enum bp_err rc;
	*out = NULL;
	*created = false;
	if (id && !text_uuid_valid(id))
		return err_field(&c->err, "id_invalid", "id");
	if ((rc = document_access(c, doc_id, ACCESS_WRITE, unit, NULL)))
		return rc;
	if (!docfile_name_ok(name))
		return err_field(&c->err, "file_name_invalid", "file_name");
	const char *type = docfile_type_of_name(name, &label);
	if (!type) {
		const char *dot = strrchr(name, '.');
		return err_set(&c->err, "file_type_unsupported", dot ? dot : name);
	}
	if (!len)
		return err_set(&c->err, "file_empty", NULL);
	if (len > DOCFILE_MAX)
		return err_set(&c->err, "file_too_large", DOCFILE_MAX_TEXT);
	if (!docfile_magic_ok(type, data, len))
		return err_set(&c->err, "file_content_mismatch", label);
	crypto_hash_sha256(hash, data, len);
	sodium_bin2hex(hash_hex, sizeof(hash_hex), hash, sizeof(hash));
	if (!id) {
		text_uuid_new(idbuf);
		id = idbuf;
	}
	if ((rc = layer_begin(c, &own)))
		return rc;
	/* The same id again: a retry when it holds the same bytes under the same name. */
	struct db_rows *r = NULL;
	rc = db_query_one(c->db, "SELECT " FILE_COLS " FROM document_files WHERE id = $1", DB_ARGS(DB_S(id)),
			  &r, &c->err);
	if (rc == BP_OK) {
		stored = file_row_json(r);
		db_rows_free(r);
		bool same = !strcmp(json_string_value(json_object_get(stored, "document_id")), doc_id) &&
			    !strcmp(json_string_value(json_object_get(stored, "sha256")), hash_hex) &&
			    !strcmp(json_string_value(json_object_get(stored, "file_name")), name);
		if (same) {
			*out = stored;
			stored = NULL;
		} else {
			rc = err_set(&c->err, "id_conflict", id);
		}
		goto out;
	}
	if (rc != BP_ENOTFOUND)
		goto out;
	err_clear(&c->err);
	size_t b64_len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	b64 = xmalloc(b64_len);
	sodium_bin2base64(b64, b64_len, data, len, sodium_base64_VARIANT_ORIGINAL);
	timestamp_now(now);
	if ((rc = db_exec(c->db,
		"INSERT INTO document_files (id, document_id, file_name, content_type, size, sha256, content_b64,"
		" created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		DB_ARGS(DB_S(id), DB_S(doc_id), DB_S(name), DB_S(type), DB_I((long long)len), DB_S(hash_hex),
			DB_S(b64), DB_S(c->actor.username), DB_S(now)), NULL, &c->err)) ||
	    (rc = file_load(c, doc_id, id, out)) ||
	    (rc = audit_record(c, "document_file", id, unit[0] ? unit : (c->actor.unit_id[0] ? c->actor.unit_id : NULL),
			       "create", NULL, *out)))
		goto out;
	*created = true;
out:
	rc = layer_end(c, own, rc);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(stored);
	free(b64);
	return rc;
}

enum bp_err docfile_get(struct ctx *c, const char *doc_id, const char *file_id,
			unsigned char **data, size_t *len, json_t **meta)
{
	struct db_rows *r = NULL;
	*data = NULL;
	*len = 0;
	*meta = NULL;
	enum bp_err rc;
	if ((rc = document_access(c, doc_id, ACCESS_READ, NULL, NULL)) || (rc = file_load(c, doc_id, file_id, meta)))
		return rc;
	if ((rc = db_query_one(c->db, "SELECT content_b64, size FROM document_files WHERE id = $1",
			       DB_ARGS(DB_S(file_id)), &r, &c->err)))
		goto out;
	const char *b64 = db_text(r, 0);
	size_t size = (size_t)db_int(r, 1), got = 0;
	unsigned char *bytes = xmalloc(size ? size : 1);
	if (sodium_base642bin(bytes, size, b64, strlen(b64), NULL, &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 || got != size) {
		free(bytes);
		rc = err_set(&c->err, "internal", " (a stored file does not decode)");
		goto out;
	}
	*data = bytes;
	*len = got;
out:
	db_rows_free(r);
	if (rc) {
		json_decref(*meta);
		*meta = NULL;
	}
	return rc;
}

enum bp_err docfile_delete(struct ctx *c, const char *doc_id, const char *file_id)
{
	json_t *before = NULL;
	char unit[37];
	bool own = false;
	enum bp_err rc;
	if ((rc = document_access(c, doc_id, ACCESS_WRITE, unit, NULL)) || (rc = layer_begin(c, &own)))
		return rc;
	if ((rc = file_load(c, doc_id, file_id, &before)) ||
	    (rc = db_exec(c->db, "DELETE FROM document_files WHERE id = $1", DB_ARGS(DB_S(file_id)), NULL, &c->err)) ||
	    (rc = audit_record(c, "document_file", file_id, unit[0] ? unit : (c->actor.unit_id[0] ? c->actor.unit_id : NULL),
			       "delete", before, NULL)))
		goto out;
out:
	rc = layer_end(c, own, rc);
	json_decref(before);
	return rc;
}
