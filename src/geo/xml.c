/*
 * xml.c - the hardened expat parser behind the KML and GPX readers, and
 * the assembly of features from what they find.
 *
 * Security. A KML or GPX file comes from anywhere (a phone app, a USB
 * stick, a web upload), and XML has two old traps:
 *   - entity expansion ("billion laughs"): a few hundred bytes of nested
 *     <!ENTITY> declarations that expand to gigabytes;
 *   - external entities (XXE): <!ENTITY x SYSTEM "file:///etc/passwd">
 *     that pull a local file or a URL into the document.
 * Neither KML nor GPX needs a DTD, so the parser refuses any entity
 * declaration outright (the handler stops the parser at the declaration,
 * before any use can expand it), never loads external entities or the
 * external DTD subset (external entity handler returns an error, parameter
 * entity parsing is off; a DOCTYPE naming an external DTD is refused),
 * and on expat >= 2.4 also keeps its own billion
 * laughs guard at a strict amplification limit as a second wall. A
 * DOCTYPE without entities is harmless and allowed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/xml.h"
#include "util/xmalloc.h"

const char *geo_xml_local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

const char *geo_xml_up(const struct geo_xml *x, int levels)
{
	int i = x->depth - 1 - levels;
	return i >= 0 && i < 64 ? x->stack[i] : "";
}

void geo_xml_collect(struct geo_xml *x)
{
	buf_reset(&x->text);
	x->collect = true;
}

void geo_xml_begin_feature(struct geo_xml *x)
{
	x->number++;
	x->in_feature = true;
	x->props = json_object();
	x->nparts = 0;
	x->ncur = 0;
	x->bad = false;
}

void geo_xml_problem(struct geo_xml *x, const char *code, const char *detail)
{
	struct bp_error e;
	err_set(&e, code, detail);
	/* One report per feature is enough: the first reason is the one to
	 * fix, and a long line with a typo must not fill the report. */
	if (!x->bad)
		geo_report_add(x->report, x->number, &e);
	x->bad = true;
}

void geo_xml_add_pos(struct geo_xml *x, const struct geo_pos *p)
{
	if (x->ncur == x->cap_cur) {
		x->cap_cur = x->cap_cur ? x->cap_cur * 2 : 64;
		x->cur = xrealloc(x->cur, x->cap_cur * sizeof(*x->cur));
	}
	x->cur[x->ncur++] = *p;
}

void geo_xml_end_line(struct geo_xml *x, enum geom_type type)
{
	size_t n = x->ncur;
	x->ncur = 0;
	if (x->bad)
		return;
	if (n == 0) {
		geo_xml_problem(x, "geom_empty", NULL);
		return;
	}
	if (type == GEOM_LINESTRING && n < 2) {
		geo_xml_problem(x, "geom_line_short", NULL);
		return;
	}
	if (type == GEOM_POINT && n != 1) {
		geo_xml_problem(x, "coord_invalid", "a point has exactly one position");
		return;
	}
	if (x->nparts == x->cap_parts) {
		x->cap_parts = x->cap_parts ? x->cap_parts * 2 : 4;
		x->parts = xrealloc(x->parts, x->cap_parts * sizeof(*x->parts));
	}
	struct geo_part *part = &x->parts[x->nparts++];
	part->type = type;
	part->n = n;
	part->pos = xmalloc(n * sizeof(*part->pos));
	memcpy(part->pos, x->cur, n * sizeof(*part->pos));
}

void geo_xml_end_feature(struct geo_xml *x)
{
	if (!x->bad && x->nparts == 0)
		geo_xml_problem(x, "geom_empty", NULL);
	for (size_t i = 0; i < x->nparts; i++) {
		struct geo_part *part = &x->parts[i];
		if (!x->bad && !x->rc) {
			struct feature f = { .type = part->type, .pos = part->pos, .npos = part->n,
					     .where = x->number };
			f.props = i ? json_deep_copy(x->props) : json_incref(x->props);
			const char *id = json_string_value(json_object_get(x->props, "id"));
			if (i && id) {
				char pid[37];
				geo_part_id(id, i, pid);
				json_object_set_new(f.props, "id", json_string(pid));
			}
			x->rc = x->fn(x->arg, &f, x->e);
			if (x->rc)
				XML_StopParser(x->p, XML_FALSE);
			part->pos = f.pos; /* freed below */
			json_decref(f.props);
		}
		free(part->pos);
	}
	x->nparts = 0;
	json_decref(x->props);
	x->props = NULL;
	x->in_feature = false;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct geo_xml *x = ud;
	if (x->collect && buf_add(&x->text, s, (size_t)len) < 0) {
		geo_xml_problem(x, "import_too_large", "text too long");
		x->collect = false;
	}
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
				   const XML_Char *value, int value_len, const XML_Char *base,
				   const XML_Char *system_id, const XML_Char *public_id,
				   const XML_Char *notation)
{
	(void)name; (void)is_param; (void)value; (void)value_len; (void)base;
	(void)system_id; (void)public_id; (void)notation;
	struct geo_xml *x = ud;
	x->refused = true;
	XML_StopParser(x->p, XML_FALSE);
}

/* A DOCTYPE that names an external DTD could declare entities we never
 * see; and with one, expat skips references it cannot resolve instead of
 * failing. Both are refused. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	(void)name; (void)has_internal_subset;
	struct geo_xml *x = ud;
	if (sysid || pubid) {
		x->refused = true;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static void XMLCALL on_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
	(void)name; (void)is_param;
	struct geo_xml *x = ud;
	x->refused = true;
	XML_StopParser(x->p, XML_FALSE);
}

static int XMLCALL on_external_entity(XML_Parser p, const XML_Char *context, const XML_Char *base,
				      const XML_Char *system_id, const XML_Char *public_id)
{
	(void)context; (void)base; (void)system_id; (void)public_id;
	struct geo_xml *x = XML_GetUserData(p);
	x->refused = true;
	return XML_STATUS_ERROR;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct geo_xml *x = ud;
	const char *local = geo_xml_local(name);
	if (x->depth == 0 && strcmp(local, x->root)) {
		x->wrong_root = true;
		XML_StopParser(x->p, XML_FALSE);
		return;
	}
	if (x->depth < 64)
		snprintf(x->stack[x->depth], sizeof(x->stack[0]), "%s", local);
	x->depth++;
	x->collect = false;
	x->start(ud, local, atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct geo_xml *x = ud;
	x->end(ud, geo_xml_local(name));
	x->collect = false;
	x->depth--;
}

enum bp_err geo_xml_run(struct geo_xml *x, const char *data, size_t len, const char *label,
			XML_StartElementHandler start, XML_EndElementHandler end)
{
	enum bp_err rc = BP_OK;
	XML_Parser p = XML_ParserCreate(NULL);
	x->p = p;
	buf_init(&x->text, geo_import_max());
	x->start = start;
	x->end = end;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetEntityDeclHandler(p, on_entity_decl);
	XML_SetExternalEntityRefHandler(p, on_external_entity);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetSkippedEntityHandler(p, on_skipped_entity);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
#if defined(XML_DTD) && (XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4))
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, 10.0f);
	XML_SetBillionLaughsAttackProtectionActivationThreshold(p, 1024 * 1024);
#endif
	/* Fed in pieces: XML_Parse takes an int length. */
	const size_t piece = 1 << 20;
	enum XML_Status st = XML_STATUS_OK;
	size_t off = 0;
	do {
		size_t n = len - off < piece ? len - off : piece;
		st = XML_Parse(p, data + off, (int)n, off + n == len);
		off += n;
	} while (st == XML_STATUS_OK && off < len);
	if (x->rc) {
		rc = x->rc;
	} else if (x->refused) {
		char detail[64];
		snprintf(detail, sizeof(detail), " (line %lu)", (unsigned long)XML_GetCurrentLineNumber(p));
		rc = err_set(x->e, "xml_entity", detail);
	} else if (x->wrong_root) {
		rc = err_set(x->e, "xml_root", label);
	} else if (st != XML_STATUS_OK) {
		char detail[160];
		snprintf(detail, sizeof(detail), "%s (line %lu, column %lu)",
			 XML_ErrorString(XML_GetErrorCode(p)), (unsigned long)XML_GetCurrentLineNumber(p),
			 (unsigned long)XML_GetCurrentColumnNumber(p) + 1);
		rc = err_set(x->e, "xml_invalid", detail);
	} else if (x->depth != 0) {
		rc = err_set(x->e, "xml_invalid", "the document ends early");
	}
	/* A feature left open by a stop is dropped. */
	if (x->in_feature) {
		x->bad = true;
		geo_xml_end_feature(x);
	}
	free(x->parts);
	free(x->cur);
	buf_release(&x->text);
	XML_ParserFree(p);
	return rc;
}
