/*
 * buf.h - a growable byte buffer with a maximum (curl's dynbuf, git's
 * strbuf). Invariants: after buf_init, b->data is never NULL and is always
 * NUL-terminated; b->len never exceeds b->max. Appending past the maximum
 * fails with -1 and leaves the buffer as it was, so a caller can report
 * "too large" instead of growing without bound.
 */
#ifndef BP_BUF_H
#define BP_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buffer can be used again after buf_init. */
void buf_release(struct buf *b);
/* Hands the contents to the caller (free with free()); the buffer is empty. */
char *buf_detach(struct buf *b, size_t *len);
void buf_reset(struct buf *b);
int buf_add(struct buf *b, const void *data, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
