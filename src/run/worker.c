/* worker.c - one worker OS thread: an event loop, a libcurl multi handle and
 * the virtual users the engine handed to it.
 *
 * The engine never touches a user after handing it over; it writes to the
 * worker's inbox and wakes the loop through an eventfd. Users woken by other
 * threads (lock releases, barriers) come through the same inbox. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "locks.h"
#include "pipeline.h"

enum inbox_command {
    INBOX_NEW,            /* a new user to schedule at its start time */
    INBOX_RESUME,         /* wake a waiting user */
    INBOX_RESTART,        /* a pooled user's next arrival, at its start time */
    INBOX_RELEASE,        /* a pooled user ends */
    INBOX_STOP,           /* issue 8: the Locust worker session removes a user: it
                             stops after its current sample (session.c) */
    INBOX_STOP_NOW,       /* the same, aborting the sample in flight */
};

struct inbox_entry {
    struct vu *vu;
    enum inbox_command command;
    struct inbox_entry *next;
};

static void user_start_time(struct loop *loop, void *arg)
{
    vu_start(arg);
}

static void user_restart_time(struct loop *loop, void *arg)
{
    vu_restart(arg);
}

static void link_user(struct worker *w, struct vu *vu)
{
    vu->prev_in_worker = NULL;
    vu->next_in_worker = w->users;
    if (w->users)
        w->users->prev_in_worker = vu;
    w->users = vu;
}

static void unlink_user(struct worker *w, struct vu *vu)
{
    if (vu->prev_in_worker)
        vu->prev_in_worker->next_in_worker = vu->next_in_worker;
    else
        w->users = vu->next_in_worker;
    if (vu->next_in_worker)
        vu->next_in_worker->prev_in_worker = vu->prev_in_worker;
    vu->next_in_worker = vu->prev_in_worker = NULL;
}

/* Users that ended are freed here, once nothing on the stack points at them. */
static void bury_users(struct worker *w)
{
    while (w->graveyard) {
        struct vu *next = w->graveyard->next_in_worker;
        vu_free(w->graveyard);
        w->graveyard = next;
    }
}

static void resume_user(struct vu *vu)
{
    if (vu->state == VU_FINISHED)
        return;
    if (vu->pipe.at_barrier) {
        loop_timer_cancel(vu->worker->loop, &vu->timer);
        pipeline_barrier_released(vu);
    } else if (vu->state == VU_WAITING) {
        vu_continue(vu);
    }
}

static void stop_user(struct worker *w, struct vu *vu, bool now);

static void drain_inbox(struct worker *w)
{
    pthread_mutex_lock(&w->inbox_lock);
    struct inbox_entry *list = (struct inbox_entry *)w->inbox;
    w->inbox = NULL;
    pthread_mutex_unlock(&w->inbox_lock);
    /* the list was built newest first; handle in arrival order */
    struct inbox_entry *rev = NULL;
    while (list) {
        struct inbox_entry *next = list->next;
        list->next = rev;
        rev = list;
        list = next;
    }
    while (rev) {
        struct inbox_entry *e = rev;
        rev = rev->next;
        struct vu *vu = e->vu;
        switch (e->command) {
        case INBOX_RESUME:
            resume_user(vu);
            break;
        case INBOX_NEW:
            vu->worker = w;
            link_user(w, vu);
            w->live_users++;
            vu->timer.fn = user_start_time;
            vu->timer.arg = vu;
            loop_timer_at(w->loop, &vu->timer, vu->start_mono_ms);
            break;
        case INBOX_RESTART:
            if (vu->state == VU_POOLED) {
                vu->timer.fn = user_restart_time;
                vu->timer.arg = vu;
                loop_timer_at(w->loop, &vu->timer, vu->start_mono_ms);
            }
            break;
        case INBOX_RELEASE:
            vu_release_from_pool(vu);
            break;
        case INBOX_STOP:
        case INBOX_STOP_NOW:
            /* the session keeps users until the engine ends: vu is still valid */
            if (vu->state != VU_FINISHED)
                stop_user(w, vu, e->command == INBOX_STOP_NOW);
            break;
        }
        free(e);
    }
}

static void on_wake(struct loop *loop, int fd, uint32_t events, void *arg)
{
    uint64_t v;
    while (read(fd, &v, sizeof v) > 0)
        ;
    drain_inbox(arg);
}

static void post(struct worker *w, struct vu *vu, enum inbox_command command)
{
    struct inbox_entry *e = xcalloc(1, sizeof *e);
    e->vu = vu;
    e->command = command;
    pthread_mutex_lock(&w->inbox_lock);
    e->next = (struct inbox_entry *)w->inbox;
    w->inbox = (struct vu *)e;
    pthread_mutex_unlock(&w->inbox_lock);
    uint64_t one = 1;
    ssize_t n = write(w->wake_fd, &one, sizeof one);
    (void)n;
}

void worker_hand_over(struct worker *w, struct vu *vu)
{
    post(w, vu, INBOX_NEW);
}

void worker_resume(struct worker *w, struct vu *vu)
{
    post(w, vu, INBOX_RESUME);
}

void worker_restart(struct worker *w, struct vu *vu)
{
    post(w, vu, INBOX_RESTART);
}

void worker_release(struct worker *w, struct vu *vu)
{
    post(w, vu, INBOX_RELEASE);
}

void worker_stop_user(struct worker *w, struct vu *vu, bool now)
{
    post(w, vu, now ? INBOX_STOP_NOW : INBOX_STOP);
}

void worker_user_finished(struct worker *w, struct vu *vu)
{
    w->live_users--;
    struct engine *e = w->engine;
    atomic_fetch_sub(&vu->group->alive, 1);
    /* Groups that create users for ever free them as they end. Not while the
     * test stops: handle_stop walks the list, and a barrier may still hold them. */
    if (vu->free_when_finished && !atomic_load(&e->stop_graceful)) {
        unlink_user(w, vu);
        vu->next_in_worker = w->graveyard;
        w->graveyard = vu;
    }
    pthread_mutex_lock(&e->done_lock);
    e->users_running--;
    pthread_cond_broadcast(&e->done_cond);
    pthread_mutex_unlock(&e->done_lock);
    atomic_store(&vu->ended, true);   /* read by a Locust worker session (session.c) */
}

/* One user is asked to stop (a stop of the test, or issue 8's session
 * removing it): a user that is not in the middle of a sample ends now (a
 * timer or a pause is not worth finishing); a sample in flight finishes,
 * unless the stop is immediate. */
static void stop_user(struct worker *w, struct vu *vu, bool now)
{
    vu->running = false;
    if (vu->state == VU_POOLED) {
        vu_release_from_pool(vu);
        return;
    }
    if (vu->state == VU_NEW) {
        loop_timer_cancel(w->loop, &vu->timer);
        vu->state = VU_FINISHED;
        worker_user_finished(w, vu);
        return;
    }
    if (vu->transfer) {
        if (now)
            transport_abort(vu);
        return;
    }
    if (loop_timer_pending(&vu->timer) || vu->state == VU_WAITING || vu->pipe.at_barrier) {
        loop_timer_cancel(w->loop, &vu->timer);
        vu->pipe.at_barrier = false;
        locks_forget_user(vu);
        if (vu->state == VU_SAMPLING)
            pipeline_sample_finished(vu, NULL);
        else
            vu_continue(vu);
    }
}

/* A stop was requested: every user stops (stop_user). */
static void handle_stop(struct worker *w, bool now)
{
    for (struct vu *vu = w->users; vu; vu = vu->next_in_worker)
        if (vu->state != VU_FINISHED)
            stop_user(w, vu, now);
}

/* A signal asked the run to stop (engine.c's eventfd, shared by the workers and
 * never read): this only wakes the loop, and worker_main acts on the stop. */
static void on_stop_requested(struct loop *loop, int fd, uint32_t events, void *arg)
{
    loop_unwatch(loop, fd);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    bool stopped = false, stopped_now = false;
    while (!atomic_load(&w->quit)) {
        loop_run_once(w->loop, 100);
        results_reclaim(w->engine, w);   /* samples the writer is done with */
        bury_users(w);
        if (w->live_users == 0 && w->connections_used) {
            w->connections_used = false;
            transport_close_idle_connections(w);
        }
        if (!stopped && atomic_load(&w->engine->stop_graceful)) {
            stopped = true;
            handle_stop(w, false);
        }
        if (!stopped_now && atomic_load(&w->engine->stop_now)) {
            stopped = stopped_now = true;
            handle_stop(w, true);
        }
    }
    return NULL;
}

int worker_start(struct engine *e, struct worker *w, int index)
{
    w->index = index;
    w->engine = e;
    w->loop = loop_new();
    w->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (!w->loop || w->wake_fd < 0)
        return -1;
    pthread_mutex_init(&w->inbox_lock, NULL);
    loop_watch(w->loop, w->wake_fd, EPOLLIN, on_wake, w);
    if (run_stop_fd() >= 0)
        loop_watch(w->loop, run_stop_fd(), EPOLLIN, on_stop_requested, w);
    if (transport_init_worker(w) != 0)
        return -1;
    atomic_store(&w->quit, false);
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
        return -1;
    return 0;
}

/* Users go last: samples waiting in the results queues still point at their names. */
void worker_free_users(struct worker *w)
{
    bury_users(w);
    while (w->users) {
        struct vu *next = w->users->next_in_worker;
        vu_free(w->users);
        w->users = next;
    }
}

void worker_stop(struct worker *w)
{
    atomic_store(&w->quit, true);
    uint64_t one = 1;
    ssize_t n = write(w->wake_fd, &one, sizeof one);
    (void)n;
    pthread_join(w->thread, NULL);
    drain_inbox(w);
    transport_free_worker(w);   /* before the users: transfers point at them */
    loop_unwatch(w->loop, w->wake_fd);
    close(w->wake_fd);
    loop_free(w->loop);
    pthread_mutex_destroy(&w->inbox_lock);
}
