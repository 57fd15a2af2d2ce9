/*
 * handoff.c - a bounded queue of pointers between two threads; see
 * handoff.h. A ring of at most HANDOFF_MAX items under one mutex, and one
 * condition variable that both sides wait on (there is one waiter at a
 * time on each side, so a broadcast wakes at most two).
 */
#include "util/handoff.h"

void handoff_init(struct handoff *q, size_t cap)
{
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->changed, NULL);
	q->head = q->n = 0;
	q->cap = cap < 1 ? 1 : cap > HANDOFF_MAX ? HANDOFF_MAX : cap;
	q->closed = false;
}

void handoff_release(struct handoff *q)
{
	pthread_cond_destroy(&q->changed);
	pthread_mutex_destroy(&q->lock);
}

bool handoff_put(struct handoff *q, void *p)
{
	pthread_mutex_lock(&q->lock);
	while (!q->closed && q->n == q->cap)
		pthread_cond_wait(&q->changed, &q->lock);
	bool taken = !q->closed;
	if (taken) {
		q->items[(q->head + q->n) % q->cap] = p;
		q->n++;
		pthread_cond_broadcast(&q->changed);
	}
	pthread_mutex_unlock(&q->lock);
	return taken;
}

void *handoff_get(struct handoff *q)
{
	void *p = NULL;
	pthread_mutex_lock(&q->lock);
	while (!q->closed && !q->n)
		pthread_cond_wait(&q->changed, &q->lock);
	if (q->n) {
		p = q->items[q->head];
		q->head = (q->head + 1) % q->cap;
		q->n--;
		pthread_cond_broadcast(&q->changed);
	}
	pthread_mutex_unlock(&q->lock);
	return p;
}

void handoff_close(struct handoff *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}
