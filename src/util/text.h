/*
 * text.h - checks and helpers for text that comes from users.
 */
#ifndef BP_TEXT_H
#define BP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s (len bytes) is well-formed UTF-8 without NUL or C0 controls other than tab and newlines. */
bool text_utf8_valid(const char *s, size_t len);
/* Number of code points of valid UTF-8. */
size_t text_utf8_len(const char *s);
/* True for a canonical lower-case UUID "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
bool text_uuid_valid(const char *s);
/* A new random (version 4) UUID into out[37]. */
void text_uuid_new(char out[37]);
/* Base64url without padding of n bytes into a new string; caller frees. */
char *text_b64url(const unsigned char *p, size_t n);
/* Constant-time string equality. */
bool text_equal_ct(const char *a, const char *b);

#endif
