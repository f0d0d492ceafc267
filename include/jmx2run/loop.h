/* loop.h - the small event loop each worker thread runs (after wrk's ae).
 *
 * One epoll set for file descriptors and one binary heap of timers, with
 * microsecond resolution on the monotonic clock (epoll_pwait2 wakes the loop
 * on time). Timers kept to the millisecond would fire every user due in the
 * same millisecond together; such users then finish together and stay in step
 * for good, and over a long run a plan's users gather into ever larger bursts. Not thread-safe: a loop is
 * driven only by the thread that owns it; other threads talk to it through a
 * wake-up descriptor (loop_add_fd on an eventfd). */
#ifndef JMX2RUN_LOOP_H
#define JMX2RUN_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;

typedef void (*loop_timer_fn)(struct loop *loop, void *arg);
typedef void (*loop_fd_fn)(struct loop *loop, int fd, uint32_t events, void *arg);

/* A timer is embedded in its owner; it is either pending (in the heap) or not. */
struct loop_timer {
    int64_t due_us;         /* monotonic microseconds */
    uint64_t seq;           /* insertion order, so equal due times fire FIFO */
    size_t heap_index;      /* position in the heap + 1; 0 = not pending */
    loop_timer_fn fn;
    void *arg;
};

struct loop *loop_new(void);
void loop_free(struct loop *loop);

/* Milliseconds on the monotonic clock, and since the Unix epoch. */
int64_t clock_mono_ms(void);
int64_t clock_epoch_ms(void);
int64_t clock_mono_us(void);

void loop_timer_init(struct loop_timer *t, loop_timer_fn fn, void *arg);
/* (Re)arms the timer for an absolute monotonic time, in ms or in µs. */
void loop_timer_at(struct loop *loop, struct loop_timer *t, int64_t due_ms);
void loop_timer_at_us(struct loop *loop, struct loop_timer *t, int64_t due_us);
/* (Re)arms the timer for delay_ms from now, to the microsecond. */
void loop_timer_after(struct loop *loop, struct loop_timer *t, int64_t delay_ms);
void loop_timer_cancel(struct loop *loop, struct loop_timer *t);
bool loop_timer_pending(const struct loop_timer *t);

/* Watches fd for EPOLLIN / EPOLLOUT (events 0 removes it). Watching a
 * descriptor again for the events it is registered for costs no system call. */
int loop_watch(struct loop *loop, int fd, uint32_t events, loop_fd_fn fn, void *arg);
void loop_unwatch(struct loop *loop, int fd);
/* Stops calling fd's handler but leaves it registered with epoll, for a
 * descriptor that stays open and will likely be watched again for the same
 * events (a keep-alive connection between two requests): that saves the
 * EPOLL_CTL_DEL and the EPOLL_CTL_ADD. If it becomes ready while parked, the
 * loop removes it then. Only a descriptor whose owner said so with
 * loop_allow_park() is kept: that owner calls loop_unwatch() before closing
 * it, so that a later descriptor with the same number starts unregistered.
 * Any other is removed as by loop_unwatch(). */
void loop_allow_park(struct loop *loop, int fd);
void loop_park(struct loop *loop, int fd);

/* Waits at most max_wait_ms (-1 = until something happens) for fd events,
 * then runs the handlers of ready descriptors and expired timers. */
void loop_run_once(struct loop *loop, int max_wait_ms);
/* Number of pending timers (for the shutdown logic and tests). */
size_t loop_pending_timers(const struct loop *loop);

#endif
