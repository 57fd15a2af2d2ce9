/*
 * docnum.h - the number and symbol of a Vietnamese document (số, ký hiệu),
 * as written on it, read into its parts.
 *
 * Two forms are in use (Nghị định 30/2020/NĐ-CP for the state's, Hướng
 * dẫn 36-HD/VPTW for the Party's):
 *   state   NUMBER/[YEAR/]KIND-ISSUER[-OFFICE]   05/KH-UBND, 89/QĐ-TTg,
 *           30/2020/NĐ-CP; a letter (công văn) has no kind: 123/UBND-VP;
 *           a law has year and issuer only: 66/2020/QH14
 *   party   NUMBER-KIND/ISSUER                   99-KL/TW, 44-NQ/TW, 05-NQ/ĐU
 * The text is always kept as written; parsing only fills the parts used to
 * sort, search and check a document, and a text that fits neither form is
 * kept and flagged rather than refused.
 */
#ifndef BP_DOMAIN_DOCNUM_H
#define BP_DOMAIN_DOCNUM_H

#include <stdbool.h>

enum docnum_form { DOCNUM_STATE, DOCNUM_PARTY };

struct docnum {
	enum docnum_form form;
	long number;      /* 5 in 05/KH-UBND */
	int year;         /* 2020 in 30/2020/NĐ-CP; 0 when not written */
	char kind[16];    /* KH, QĐ, KL ... as an abbreviation; "" when none */
	char issuer[96];  /* UBND, TTg, TW, UBND-VP */
};

/* Reads text (UTF-8; spaces around '/' and '-' are allowed) into out.
 * Returns false when it fits neither form. A kind written without its
 * diacritic (QD, ND) is read as QĐ, NĐ; "Số: " before the number, as the
 * document's header writes it, is passed over. */
bool docnum_parse(const char *text, struct docnum *out);

/* The document kind an abbreviation names ("KH" -> "ke_hoach"), or NULL
 * for one this module does not know. */
const char *docnum_kind_code(const char *abbrev);

#endif
