/* test_loop.c - the worker event loop: timers in microsecond order, FIFO for
 * equal due times, never fired before they are due, cancel and re-arm; file
 * descriptors watched, parked (loop_allow_park, loop_park) and watched again. */
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include "jmx2run/loop.h"
#include "testutil.h"

struct fired {
    int order[8];
    int64_t at_us[8];
    int n;
};

struct probe {
    struct fired *log;
    int id;
};

static void record(struct loop *loop, void *arg)
{
    struct probe *p = arg;
    p->log->at_us[p->log->n] = clock_mono_us();
    p->log->order[p->log->n++] = p->id;
}

static void run_until(struct loop *loop, struct fired *log, int n)
{
    for (int spins = 0; log->n < n && spins < 10000; spins++)
        loop_run_once(loop, 50);
}

/* Timers 200 µs apart, armed in reverse, fire in due order; equal dues fire
 * in the order they were armed; none fires before its due time. */
static void test_order_and_precision(void)
{
    struct loop *loop = loop_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(loop);
    struct fired log = {0};
    struct probe probes[5];
    struct loop_timer timers[5];
    int64_t base = clock_mono_us() + 20000;
    int64_t due[5] = {base + 600, base + 400, base + 200, base + 200, base};
    for (int i = 0; i < 5; i++) {
        probes[i] = (struct probe){&log, i};
        loop_timer_init(&timers[i], record, &probes[i]);
        loop_timer_at_us(loop, &timers[i], due[i]);
    }
    CU_ASSERT_EQUAL(loop_pending_timers(loop), 5);
    run_until(loop, &log, 5);
    CU_ASSERT_EQUAL_FATAL(log.n, 5);
    int expected[5] = {4, 2, 3, 1, 0};
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(log.order[i], expected[i]);
        CU_ASSERT_TRUE(log.at_us[i] >= due[log.order[i]]);
    }
    CU_ASSERT_EQUAL(loop_pending_timers(loop), 0);
    loop_free(loop);
}

/* loop_timer_after counts from now, in ms; a cancelled timer never fires and
 * re-arming moves a pending one. */
static void test_after_cancel_rearm(void)
{
    struct loop *loop = loop_new();
    struct fired log = {0};
    struct probe a = {&log, 1}, b = {&log, 2};
    struct loop_timer ta, tb;
    loop_timer_init(&ta, record, &a);
    loop_timer_init(&tb, record, &b);
    int64_t start = clock_mono_us();
    loop_timer_after(loop, &ta, 5);
    loop_timer_after(loop, &tb, 1);
    CU_ASSERT_TRUE(loop_timer_pending(&tb));
    loop_timer_cancel(loop, &tb);
    CU_ASSERT_FALSE(loop_timer_pending(&tb));
    loop_timer_at(loop, &ta, start / 1000 + 10);   /* moved: ms on the same clock */
    run_until(loop, &log, 1);
    CU_ASSERT_EQUAL_FATAL(log.n, 1);
    CU_ASSERT_EQUAL(log.order[0], 1);
    CU_ASSERT_TRUE(log.at_us[0] >= (start / 1000 + 10) * 1000);
    loop_run_once(loop, 0);
    CU_ASSERT_EQUAL(log.n, 1);   /* b was cancelled */
    loop_free(loop);
}

static void count_ready(struct loop *loop, int fd, uint32_t events, void *arg)
{
    (void)loop;
    (void)fd;
    if (events & EPOLLIN)
        ++*(int *)arg;
}

/* A parked descriptor's handler is not called; watched again for the same
 * events it reports what is pending, whether or not the loop dropped it in
 * between; after unwatch and close, a new descriptor with the same number is
 * watched afresh. */
static void test_watch_park_rewatch(void)
{
    struct loop *loop = loop_new();
    int sv[2];
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    int calls = 0;
    char buf[8];

    loop_allow_park(loop, sv[0]);
    CU_ASSERT_EQUAL(loop_watch(loop, sv[0], EPOLLIN, count_ready, &calls), 0);
    loop_run_once(loop, 0);
    CU_ASSERT_EQUAL(calls, 0);
    CU_ASSERT_EQUAL(write(sv[1], "a", 1), 1);
    loop_run_once(loop, 100);
    CU_ASSERT_EQUAL(calls, 1);
    CU_ASSERT_EQUAL(read(sv[0], buf, sizeof buf), 1);

    /* parked, then watched again before anything came: still registered */
    loop_park(loop, sv[0]);
    loop_run_once(loop, 0);
    CU_ASSERT_EQUAL(loop_watch(loop, sv[0], EPOLLIN, count_ready, &calls), 0);
    CU_ASSERT_EQUAL(write(sv[1], "b", 1), 1);
    loop_run_once(loop, 100);
    CU_ASSERT_EQUAL(calls, 2);
    CU_ASSERT_EQUAL(read(sv[0], buf, sizeof buf), 1);

    /* parked and ready: no call, the loop drops it; watched again, the
     * pending byte is reported */
    loop_park(loop, sv[0]);
    CU_ASSERT_EQUAL(write(sv[1], "c", 1), 1);
    loop_run_once(loop, 20);
    loop_run_once(loop, 20);
    CU_ASSERT_EQUAL(calls, 2);
    CU_ASSERT_EQUAL(loop_watch(loop, sv[0], EPOLLIN, count_ready, &calls), 0);
    loop_run_once(loop, 100);
    CU_ASSERT_EQUAL(calls, 3);

    /* closed after unwatch: the number comes back as a new socket */
    int old = sv[0];
    loop_unwatch(loop, sv[0]);
    close(sv[0]);
    close(sv[1]);
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    CU_ASSERT_EQUAL(sv[0], old);
    CU_ASSERT_EQUAL(loop_watch(loop, sv[0], EPOLLIN, count_ready, &calls), 0);
    CU_ASSERT_EQUAL(write(sv[1], "d", 1), 1);
    loop_run_once(loop, 100);
    CU_ASSERT_EQUAL(calls, 4);
    CU_ASSERT_EQUAL(read(sv[0], buf, sizeof buf), 1);

    /* the new descriptor was not allowed to park: parking removes it, and a
     * byte that comes meanwhile is reported only once it is watched again */
    loop_park(loop, sv[0]);
    CU_ASSERT_EQUAL(write(sv[1], "e", 1), 1);
    loop_run_once(loop, 20);
    CU_ASSERT_EQUAL(calls, 4);
    CU_ASSERT_EQUAL(loop_watch(loop, sv[0], EPOLLIN, count_ready, &calls), 0);
    loop_run_once(loop, 100);
    CU_ASSERT_EQUAL(calls, 5);
    loop_unwatch(loop, sv[0]);
    close(sv[0]);
    close(sv[1]);
    loop_free(loop);
}

static const struct cu_test tests[] = {
    {"order and precision", test_order_and_precision},
    {"after, cancel, re-arm", test_after_cancel_rearm},
    {"watch, park, watch again", test_watch_park_rewatch},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("loop", tests);
}
