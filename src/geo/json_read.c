/*
 * json_read.c - a lean JSON reader for GeoJSON features; see json_read.h.
 *
 * Recursive descent over the bytes in memory. Strings are checked as
 * UTF-8 once, on their raw bytes, and only a string with escapes is
 * rebuilt (in the reader's scratch buffer); every other string and every
 * object key is handed to jansson's _nocheck constructors straight from
 * the file. Numbers follow RFC 8259's grammar exactly; one without a
 * fraction or exponent is an integer, as jansson makes it.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "geo/json_read.h"
#include "util/text.h"
#include "util/xmalloc.h"

struct jr {
	const char *p, *end;
	int depth;
	char *tmp;      /* scratch for unescaped strings and keys */
	size_t tmp_cap;
};

static json_t *jr_value(struct jr *j);

static void jr_ws(struct jr *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

static void jr_room(struct jr *j, size_t n)
{
	if (n > j->tmp_cap) {
		j->tmp_cap = n < 256 ? 256 : n * 2;
		j->tmp = xrealloc(j->tmp, j->tmp_cap);
	}
}

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * The string at j->p (its opening quote): *s and *n point at its text,
 * in the file or in j->tmp; false when it is not a valid JSON string of
 * UTF-8 without NUL.
 */
static bool jr_string(struct jr *j, const char **s, size_t *n)
{
	const char *start = ++j->p;
	const char *q = start;
	bool escaped = false;
	while (q < j->end && *q != '"') {
		unsigned char c = (unsigned char)*q;
		if (c < 0x20)
			return false;
		if (c == '\\') {
			escaped = true;
			if (++q >= j->end)
				return false;
		}
		q++;
	}
	if (q >= j->end)
		return false;
	j->p = q + 1;
	if (!text_utf8_valid(start, (size_t)(q - start)))
		return false;
	if (!escaped) {
		*s = start;
		*n = (size_t)(q - start);
		return true;
	}
	/* Unescaping never lengthens: "\uXXXX" is 6 bytes for at most 3
	 * (4 for a pair of 12). */
	jr_room(j, (size_t)(q - start) + 1);
	size_t o = 0;
	for (const char *r = start; r < q; r++) {
		if (*r != '\\') {
			j->tmp[o++] = *r;
			continue;
		}
		switch (*++r) {
		case '"': j->tmp[o++] = '"'; break;
		case '\\': j->tmp[o++] = '\\'; break;
		case '/': j->tmp[o++] = '/'; break;
		case 'b': j->tmp[o++] = '\b'; break;
		case 'f': j->tmp[o++] = '\f'; break;
		case 'n': j->tmp[o++] = '\n'; break;
		case 'r': j->tmp[o++] = '\r'; break;
		case 't': j->tmp[o++] = '\t'; break;
		case 'u': {
			long cp = q - r > 4 ? hex4(r + 1) : -1;
			if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
				return false; /* NUL, a lone low surrogate, not hex */
			r += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				long lo = q - r > 6 && r[1] == '\\' && r[2] == 'u' ? hex4(r + 3) : -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return false;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				r += 6;
			}
			o += put_utf8(j->tmp + o, (unsigned long)cp);
			break;
		}
		default:
			return false;
		}
	}
	*s = j->tmp;
	*n = o;
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static json_t *jr_number(struct jr *j)
{
	const char *s = j->p, *q = s;
	bool integer = true;
	if (q < j->end && *q == '-')
		q++;
	if (q >= j->end || !is_digit(*q))
		return NULL;
	if (*q == '0')
		q++;
	else
		while (q < j->end && is_digit(*q))
			q++;
	if (q < j->end && *q == '.') {
		integer = false;
		if (++q >= j->end || !is_digit(*q))
			return NULL;
		while (q < j->end && is_digit(*q))
			q++;
	}
	if (q < j->end && (*q == 'e' || *q == 'E')) {
		integer = false;
		if (++q < j->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= j->end || !is_digit(*q))
			return NULL;
		while (q < j->end && is_digit(*q))
			q++;
	}
	char num[64];
	size_t n = (size_t)(q - s);
	if (n >= sizeof(num))
		return NULL; /* left to jansson, which takes any length */
	memcpy(num, s, n);
	num[n] = '\0';
	j->p = q;
	errno = 0;
	if (integer) {
		long long v = strtoll(num, NULL, 10);
		return errno ? NULL : json_integer((json_int_t)v);
	}
	double d = strtod(num, NULL);
	return isfinite(d) ? json_real(d) : NULL;
}

static bool jr_lit(struct jr *j, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
		return false;
	j->p += n;
	return true;
}

static json_t *jr_object(struct jr *j)
{
	json_t *o = json_object();
	j->p++;
	jr_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return o;
	}
	while (j->p < j->end && *j->p == '"') {
		const char *k;
		size_t kn;
		if (!jr_string(j, &k, &kn) || memchr(k, '\0', kn))
			break;
		/* The key is kept past the value's parse, which may reuse tmp. */
		char kbuf[128];
		char *key = kn < sizeof(kbuf) ? kbuf : xmalloc(kn + 1);
		memcpy(key, k, kn);
		key[kn] = '\0';
		jr_ws(j);
		json_t *v = NULL;
		if (j->p < j->end && *j->p == ':') {
			j->p++;
			v = jr_value(j);
		}
		if (v)
			json_object_set_new_nocheck(o, key, v);
		if (key != kbuf)
			free(key);
		if (!v)
			break;
		jr_ws(j);
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return o;
		}
		if (j->p >= j->end || *j->p != ',')
			break;
		j->p++;
		jr_ws(j);
	}
	json_decref(o);
	return NULL;
}

static json_t *jr_array(struct jr *j)
{
	json_t *a = json_array();
	j->p++;
	jr_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return a;
	}
	for (;;) {
		json_t *v = jr_value(j);
		if (!v)
			break;
		json_array_append_new(a, v);
		jr_ws(j);
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return a;
		}
		if (j->p >= j->end || *j->p != ',')
			break;
		j->p++;
	}
	json_decref(a);
	return NULL;
}

static json_t *jr_value(struct jr *j)
{
	jr_ws(j);
	if (j->p >= j->end)
		return NULL;
	json_t *v = NULL;
	switch (*j->p) {
	case '{':
	case '[':
		if (++j->depth > GEO_JSON_MAX_DEPTH)
			return NULL;
		v = *j->p == '{' ? jr_object(j) : jr_array(j);
		j->depth--;
		return v;
	case '"': {
		const char *s;
		size_t n;
		return jr_string(j, &s, &n) && !memchr(s, '\0', n) ? json_stringn_nocheck(s, n) : NULL;
	}
	case 't': return jr_lit(j, "true") ? json_true() : NULL;
	case 'f': return jr_lit(j, "false") ? json_false() : NULL;
	case 'n': return jr_lit(j, "null") ? json_null() : NULL;
	default: return jr_number(j);
	}
}

json_t *geo_json_read(const char *data, size_t len, size_t *used)
{
	struct jr j = { .p = data, .end = data + len };
	json_t *v = jr_value(&j);
	free(j.tmp);
	*used = v ? (size_t)(j.p - data) : 0;
	return v;
}
