/*
 * handoff.h - a bounded queue of pointers from one thread to another, for
 * work done in two stages at once (a file read and checked on one CPU
 * while the records before are stored on the other).
 *
 * handoff_put waits while the queue is full, handoff_get while it is
 * empty. Closing it ends both ways: a put then refuses its item (the
 * caller keeps it), and a get returns what is left, then NULL. Either side
 * may close it, the producer when it has no more, the consumer when it
 * gives up; a mutex and a condition variable order everything put before
 * it is got.
 */
#ifndef BP_HANDOFF_H
#define BP_HANDOFF_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define HANDOFF_MAX 16

struct handoff {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	void *items[HANDOFF_MAX];
	size_t head, n, cap;
	bool closed;
};

/* cap items at most (1 to HANDOFF_MAX). */
void handoff_init(struct handoff *q, size_t cap);
void handoff_release(struct handoff *q);
/* Puts p at the end, waiting for room; false (p not taken) once closed. */
bool handoff_put(struct handoff *q, void *p);
/* The first item, waiting for one; NULL once closed and empty. */
void *handoff_get(struct handoff *q);
void handoff_close(struct handoff *q);

#endif
