/* Tests src/util/handoff.c: a bounded queue between two threads. */
#include <stdint.h>

#include "helpers.h"
#include "util/handoff.h"

#define ITEMS 20000

struct side {
	struct handoff *q;
	size_t got;
	bool in_order;
};

static void *consume(void *arg)
{
	struct side *s = arg;
	void *p;
	s->in_order = true;
	while ((p = handoff_get(s->q)) != NULL) {
		s->got++;
		s->in_order &= (uintptr_t)p == s->got;
	}
	return NULL;
}

/* Every item arrives once, in order, through a queue of two. */
static void test_order(void **state)
{
	(void)state;
	struct handoff q;
	handoff_init(&q, 2);
	struct side s = { .q = &q };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, consume, &s), 0);
	for (uintptr_t i = 1; i <= ITEMS; i++)
		assert_true(handoff_put(&q, (void *)i));
	handoff_close(&q);
	pthread_join(t, NULL);
	assert_int_equal(s.got, ITEMS);
	assert_true(s.in_order);
	handoff_release(&q);
}

/* Closed: what was put is still got, then NULL; a put is refused. */
static void test_close(void **state)
{
	(void)state;
	struct handoff q;
	handoff_init(&q, 4);
	int a, b;
	assert_true(handoff_put(&q, &a));
	assert_true(handoff_put(&q, &b));
	handoff_close(&q);
	assert_false(handoff_put(&q, &a));
	assert_ptr_equal(handoff_get(&q), &a);
	assert_ptr_equal(handoff_get(&q), &b);
	assert_null(handoff_get(&q));
	assert_null(handoff_get(&q));
	handoff_release(&q);
}

static void *close_later(void *arg)
{
	usleep(20000);
	handoff_close(arg);
	return NULL;
}

/* A producer waiting on a full queue is let go when the consumer gives up. */
static void test_close_frees_put(void **state)
{
	(void)state;
	struct handoff q;
	handoff_init(&q, 1);
	int a;
	assert_true(handoff_put(&q, &a));
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, close_later, &q), 0);
	assert_false(handoff_put(&q, &a)); /* waits until closed */
	pthread_join(t, NULL);
	assert_ptr_equal(handoff_get(&q), &a);
	assert_null(handoff_get(&q));
	handoff_release(&q);
}

/* A consumer waiting on an empty queue is let go when it is closed. */
static void test_close_frees_get(void **state)
{
	(void)state;
	struct handoff q;
	handoff_init(&q, 3);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, close_later, &q), 0);
	assert_null(handoff_get(&q)); /* waits until closed */
	pthread_join(t, NULL);
	handoff_release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_close),
		cmocka_unit_test(test_close_frees_put),
		cmocka_unit_test(test_close_frees_get),
	};
	return cmocka_run_group_tests_name("util/handoff", tests, NULL, NULL);
}
