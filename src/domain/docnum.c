/*
 * docnum.c - reading a document's number and symbol; see docnum.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/docnum.h"

static const struct {
	const char *abbrev, *code;
} kinds[] = {
	{ "NQ", "nghi_quyet" },    { "KL", "ket_luan" },       { "CT", "chi_thi" },
	{ "QĐ", "quyet_dinh" },    { "KH", "ke_hoach" },       { "HD", "huong_dan" },
	{ "BC", "bao_cao" },       { "QC", "quy_che" },        { "TB", "thong_bao" },
	{ "NĐ", "nghi_dinh" },     { "TT", "thong_tu" },       { "TTr", "to_trinh" },
	{ "CTr", "chuong_trinh" }, { "QCPH", "quy_che_phoi_hop" }, { "CV", "cong_van" },
	{ "BB", "bien_ban" },      { "ĐA", "de_an" },          { "QyĐ", "quy_dinh" },
};

const char *docnum_kind_code(const char *abbrev)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
		if (!strcmp(kinds[i].abbrev, abbrev))
			return kinds[i].code;
	return NULL;
}

/* The text without spaces around '/' and '-', into out (size n). */
static bool squeeze(const char *s, char *out, size_t n)
{
	size_t len = 0;
	while (isspace((unsigned char)*s))
		s++;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			const char *t = s;
			while (isspace((unsigned char)*t))
				t++;
			bool around = !*t || *t == '/' || *t == '-' || (len && (out[len - 1] == '/' || out[len - 1] == '-'));
			if (around) {
				s = t - 1;
				continue;
			}
		}
		if (len + 1 >= n)
			return false;
		out[len++] = *s;
	}
	out[len] = '\0';
	return len > 0;
}

/* A symbol part: letters (any UTF-8), digits and '-' inside, no '/'. */
static bool symbol_ok(const char *s)
{
	if (!*s || *s == '-' || s[strlen(s) - 1] == '-')
		return false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '/' || isspace(c) || (c < 0x80 && !isalnum(c) && c != '-' && c != '.'))
			return false;
		if (*s == '-' && s[1] == '-')
			return false;
	}
	return true;
}

static bool has_letter(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* "QD" and "ND" as typed without the diacritic. */
static void kind_set(struct docnum *d, const char *k, size_t n)
{
	snprintf(d->kind, sizeof(d->kind), "%.*s", (int)n, k);
	if (!strcmp(d->kind, "QD"))
		snprintf(d->kind, sizeof(d->kind), "QĐ");
	else if (!strcmp(d->kind, "ND"))
		snprintf(d->kind, sizeof(d->kind), "NĐ");
}

static bool leading_number(const char **p, long *out)
{
	const char *s = *p;
	if (!isdigit((unsigned char)*s))
		return false;
	char *end;
	long v = strtol(s, &end, 10);
	if (end - s > 7 || v < 0)
		return false;
	*out = v;
	*p = end;
	return true;
}

bool docnum_parse(const char *text, struct docnum *out)
{
	memset(out, 0, sizeof(*out));
	char s[160];
	if (!text || !squeeze(text, s, sizeof(s)))
		return false;
	const char *p = s;
	/* The header of the document itself reads "Số: 05/KH-UBND"; a clerk
	 * copies it so. */
	static const char *const lead[] = { "Số:", "số:", "SỐ:", "Số", "số", "SỐ", NULL };
	for (const char *const *l = lead; *l; l++) {
		size_t n = strlen(*l);
		if (!strncmp(p, *l, n)) {
			p += n;
			while (*p == ' ')
				p++;
			break;
		}
	}
	if (!leading_number(&p, &out->number))
		return false;
	if (*p == '-') {
		/* party: NUMBER-KIND/ISSUER */
		const char *slash = strchr(p + 1, '/');
		if (!slash || slash == p + 1 || strchr(slash + 1, '/'))
			return false;
		size_t klen = (size_t)(slash - (p + 1));
		char k[16];
		if (klen >= sizeof(k))
			return false;
		memcpy(k, p + 1, klen);
		k[klen] = '\0';
		if (!symbol_ok(k) || strchr(k, '-') || !has_letter(k) || !symbol_ok(slash + 1) ||
		    strlen(slash + 1) >= sizeof(out->issuer))
			return false;
		out->form = DOCNUM_PARTY;
		kind_set(out, k, klen);
		snprintf(out->issuer, sizeof(out->issuer), "%s", slash + 1);
		return true;
	}
	if (*p != '/')
		return false;
	p++;
	out->form = DOCNUM_STATE;
	/* an optional year */
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
	    isdigit((unsigned char)p[3]) && p[4] == '/') {
		out->year = atoi(p);
		if (out->year < 1945 || out->year > 2100)
			return false;
		p += 5;
	}
	if (!symbol_ok(p) || !has_letter(p))
		return false;
	/* KIND-ISSUER when the first part is a known kind; else all issuer */
	const char *dash = strchr(p, '-');
	if (dash) {
		char k[16];
		size_t klen = (size_t)(dash - p);
		if (klen < sizeof(k)) {
			memcpy(k, p, klen);
			k[klen] = '\0';
			struct docnum tmp;
			kind_set(&tmp, k, klen);
			if (docnum_kind_code(tmp.kind)) {
				snprintf(out->kind, sizeof(out->kind), "%s", tmp.kind);
				p = dash + 1;
			}
		}
	}
	if (strlen(p) >= sizeof(out->issuer))
		return false;
	snprintf(out->issuer, sizeof(out->issuer), "%s", p);
	return true;
}
