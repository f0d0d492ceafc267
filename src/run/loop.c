/* loop.c - epoll + timer heap event loop, one per worker thread.
 *
 * Timers live in a binary min-heap ordered by (due time, insertion order);
 * each timer remembers its heap slot so cancelling is O(log n). File handlers
 * are kept in a table indexed by descriptor number, with the events epoll has
 * for each, so that watching again for the same events (or after a park)
 * makes no system call. */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>
#include "jmx2run/loop.h"
#include "jmx2run/util.h"

struct fd_handler {
    loop_fd_fn fn;                /* NULL: not watched (perhaps parked) */
    void *arg;
    uint32_t registered;          /* the events epoll has for fd; 0 = not registered */
    bool parkable;                /* loop_allow_park: loop_park may keep it registered */
};

struct loop {
    int epfd;
    struct loop_timer **heap;
    size_t heap_len, heap_cap;
    uint64_t seq;
    struct fd_handler *fds;
    size_t fds_cap;
};

int64_t clock_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t clock_epoch_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct loop *loop_new(void)
{
    struct loop *loop = xcalloc(1, sizeof *loop);
    loop->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (loop->epfd < 0) {
        free(loop);
        return NULL;
    }
    return loop;
}

void loop_free(struct loop *loop)
{
    if (!loop)
        return;
    close(loop->epfd);
    free(loop->heap);
    free(loop->fds);
    free(loop);
}

/* ---- timer heap ---- */

static bool earlier(const struct loop_timer *a, const struct loop_timer *b)
{
    return a->due_us < b->due_us || (a->due_us == b->due_us && a->seq < b->seq);
}

static void heap_set(struct loop *loop, size_t i, struct loop_timer *t)
{
    loop->heap[i] = t;
    t->heap_index = i + 1;
}

static void sift_up(struct loop *loop, size_t i)
{
    struct loop_timer *t = loop->heap[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!earlier(t, loop->heap[parent]))
            break;
        heap_set(loop, i, loop->heap[parent]);
        i = parent;
    }
    heap_set(loop, i, t);
}

static void sift_down(struct loop *loop, size_t i)
{
    struct loop_timer *t = loop->heap[i];
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, best = i;
        struct loop_timer *bt = t;
        if (l < loop->heap_len && earlier(loop->heap[l], bt)) {
            best = l;
            bt = loop->heap[l];
        }
        if (r < loop->heap_len && earlier(loop->heap[r], bt)) {
            best = r;
            bt = loop->heap[r];
        }
        if (best == i)
            break;
        heap_set(loop, i, bt);
        i = best;
    }
    heap_set(loop, i, t);
}

void loop_timer_init(struct loop_timer *t, loop_timer_fn fn, void *arg)
{
    memset(t, 0, sizeof *t);
    t->fn = fn;
    t->arg = arg;
}

bool loop_timer_pending(const struct loop_timer *t)
{
    return t->heap_index != 0;
}

void loop_timer_cancel(struct loop *loop, struct loop_timer *t)
{
    if (!t->heap_index)
        return;
    size_t i = t->heap_index - 1;
    t->heap_index = 0;
    struct loop_timer *last = loop->heap[--loop->heap_len];
    if (i == loop->heap_len)
        return;
    heap_set(loop, i, last);
    sift_up(loop, i);
    sift_down(loop, last->heap_index - 1);
}

void loop_timer_at(struct loop *loop, struct loop_timer *t, int64_t due_ms)
{
    loop_timer_at_us(loop, t, due_ms * 1000);
}

void loop_timer_after(struct loop *loop, struct loop_timer *t, int64_t delay_ms)
{
    loop_timer_at_us(loop, t, clock_mono_us() + delay_ms * 1000);
}

void loop_timer_at_us(struct loop *loop, struct loop_timer *t, int64_t due_us)
{
    loop_timer_cancel(loop, t);
    if (loop->heap_len == loop->heap_cap) {
        loop->heap_cap = loop->heap_cap ? loop->heap_cap * 2 : 64;
        loop->heap = xrealloc(loop->heap, loop->heap_cap * sizeof(*loop->heap));
    }
    t->due_us = due_us;
    t->seq = loop->seq++;
    loop->heap[loop->heap_len] = t;
    t->heap_index = ++loop->heap_len;
    sift_up(loop, loop->heap_len - 1);
}

size_t loop_pending_timers(const struct loop *loop)
{
    return loop->heap_len;
}

/* ---- file descriptors ---- */

/* fd's entry in the handler table, which grows to hold it (fd >= 0). */
static struct fd_handler *handler_of(struct loop *loop, int fd)
{
    if ((size_t)fd >= loop->fds_cap) {
        size_t cap = loop->fds_cap ? loop->fds_cap : 64;
        while (cap <= (size_t)fd)
            cap *= 2;
        loop->fds = xrealloc(loop->fds, cap * sizeof(*loop->fds));
        memset(loop->fds + loop->fds_cap, 0, (cap - loop->fds_cap) * sizeof(*loop->fds));
        loop->fds_cap = cap;
    }
    return &loop->fds[fd];
}

int loop_watch(struct loop *loop, int fd, uint32_t events, loop_fd_fn fn, void *arg)
{
    if (fd < 0)
        return -1;
    struct fd_handler *h = handler_of(loop, fd);
    if (events == 0) {
        loop_unwatch(loop, fd);
        return 0;
    }
    if (h->registered != events) {
        struct epoll_event ev = {.events = events, .data.fd = fd};
        int op = h->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
        if (epoll_ctl(loop->epfd, op, fd, &ev) < 0) {
            if (op == EPOLL_CTL_ADD && errno == EEXIST)
                op = EPOLL_CTL_MOD;
            else if (op == EPOLL_CTL_MOD && errno == ENOENT)
                op = EPOLL_CTL_ADD;
            else
                return -1;
            if (epoll_ctl(loop->epfd, op, fd, &ev) < 0)
                return -1;
        }
        h->registered = events;
    }
    h->fn = fn;
    h->arg = arg;
    return 0;
}

void loop_unwatch(struct loop *loop, int fd)
{
    if (fd < 0 || (size_t)fd >= loop->fds_cap)
        return;
    if (loop->fds[fd].registered)
        epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
    memset(&loop->fds[fd], 0, sizeof loop->fds[fd]);
}

void loop_allow_park(struct loop *loop, int fd)
{
    if (fd >= 0)
        handler_of(loop, fd)->parkable = true;
}

void loop_park(struct loop *loop, int fd)
{
    if (fd < 0 || (size_t)fd >= loop->fds_cap)
        return;
    if (!loop->fds[fd].parkable) {
        loop_unwatch(loop, fd);
        return;
    }
    loop->fds[fd].fn = NULL;
    loop->fds[fd].arg = NULL;
}

static void run_timers(struct loop *loop)
{
    int64_t now = clock_mono_us();
    /* only timers due now run; a handler arming a timer for "now" runs next round */
    uint64_t seq_limit = loop->seq;
    while (loop->heap_len) {
        struct loop_timer *t = loop->heap[0];
        if (t->due_us > now || t->seq >= seq_limit)
            break;
        loop_timer_cancel(loop, t);
        t->fn(loop, t->arg);
    }
}

/* epoll_wait, to the microsecond when the kernel has epoll_pwait2 (5.11). */
static int wait_events(struct loop *loop, struct epoll_event *events, int max, int64_t wait_us)
{
    static atomic_bool no_pwait2;
    if (wait_us > 0 && !atomic_load_explicit(&no_pwait2, memory_order_relaxed)) {
        struct timespec ts = {(time_t)(wait_us / 1000000), (long)(wait_us % 1000000) * 1000};
        int n = epoll_pwait2(loop->epfd, events, max, &ts, NULL);
        if (n >= 0 || errno != ENOSYS)
            return n;
        atomic_store_explicit(&no_pwait2, true, memory_order_relaxed);
    }
    /* milliseconds, rounded up: never wake before the first timer is due */
    int wait_ms = wait_us < 0 ? -1 : (int)((wait_us + 999) / 1000);
    return epoll_wait(loop->epfd, events, max, wait_ms);
}

void loop_run_once(struct loop *loop, int max_wait_ms)
{
    int64_t wait = max_wait_ms < 0 ? -1 : (int64_t)max_wait_ms * 1000;
    if (loop->heap_len) {
        int64_t until = loop->heap[0]->due_us - clock_mono_us();
        if (until < 0)
            until = 0;
        if (wait < 0 || until < wait)
            wait = until;
    }
    struct epoll_event events[256];
    int n = wait_events(loop, events, 256, wait);
    for (int i = 0; i < n; i++) {
        int fd = events[i].data.fd;
        if ((size_t)fd >= loop->fds_cap)
            continue;
        struct fd_handler h = loop->fds[fd];
        if (h.fn)
            h.fn(loop, fd, events[i].events, h.arg);
        else if (h.registered) {   /* parked and ready: nobody wants it now */
            epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
            loop->fds[fd].registered = 0;   /* still parkable when watched again */
        }
    }
    run_timers(loop);
}
