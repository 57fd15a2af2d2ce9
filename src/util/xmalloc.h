/*
 * xmalloc.h - allocation that never returns NULL. Running out of memory in
 * a server that holds no state of its own is not an error a caller can
 * mend, so these abort with a message instead (git's xmalloc).
 */
#ifndef BP_XMALLOC_H
#define BP_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a freshly allocated string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
