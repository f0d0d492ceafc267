/* session.c - a run whose main thread groups start with no user and get
 * users added and removed on demand (issue 8: the Locust worker, where the
 * master decides how many users of each class run where).
 *
 * run_plan calls session_run_main() in place of the main phase when
 * run_options.session_main is set; that callback then calls
 * run_session_set_users() as the master's spawn messages come. Users are
 * created as group_start.c's spawn() creates them and handed to the workers
 * round-robin; a user removed is stopped on its own worker (worker_stop_user
 * posts to the worker's inbox: a user is never touched from another thread).
 *
 * The session keeps a record of each user it created and not seen ended
 * (vu->ended, set by its worker). Users are freed with the engine, as those
 * of a fixed thread group are, so a record never points at freed memory. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jmx2run/log.h"
#include "pipeline.h"

struct session_user {
    struct vu *vu;
    struct worker *w;             /* the worker it was handed to */
    bool removing;                /* asked to stop */
};

struct session_group {
    struct group_run *g;
    bool runnable;                /* the runner can run this group */
    bool begun;                   /* its first user was created: clock, end time */
    struct session_user *users;   /* not seen ended, oldest first */
    size_t n_users, cap_users;
};

struct run_session {
    struct engine *e;
    struct session_group *groups;
    size_t n_groups;
};

/* ------------------------------------------------------------ helpers */

static long long eval_number(struct engine *e, const struct tmpl *t)
{
    if (!t)
        return 0;
    struct expr_ctx ctx;
    expr_ctx_init(&ctx, &e->env, &e->initial_vars);
    char *s = tmpl_eval_dup(t, &ctx);
    long long v = 0;
    double d;
    if (!str_parse_ll(s, &v) && str_parse_double(s, &d))
        v = (long long)d;
    free(s);
    return v;
}

/* The group's clock starts with its first user, as group_start() starts it
 * for a normal run: on-error policy and the scheduler's end. The delay only
 * moves the end (the master decides when users start), as in the locustfile
 * the emitter writes. */
static void group_begin(struct engine *e, struct session_group *sg)
{
    struct group_run *g = sg->g;
    const struct plan_thread_group *tg = g->tg;
    sg->begun = true;
    g->start_mono_ms = clock_mono_ms();
    g->on_error_start_next_loop = tg->on_error == ON_ERROR_START_NEXT_LOOP;
    g->on_error_stop_thread = tg->on_error == ON_ERROR_STOP_THREAD;
    g->on_error_stop_test = tg->on_error == ON_ERROR_STOP_TEST;
    g->on_error_stop_test_now = tg->on_error == ON_ERROR_STOP_TEST_NOW;
    g->scheduler = tg->scheduler;
    if (tg->scheduler) {
        long long duration = eval_number(e, tg->duration);
        long long delay = eval_number(e, tg->delay);
        if (duration > 0)
            g->end_mono_ms = g->start_mono_ms + ((delay > 0 ? delay : 0) + duration) * 1000;
        else
            log_and_stderr(LOG_WARN, "thread group \"%s\": the scheduler has no duration above 0: "
                                     "users run by loop count only", g->name);
    }
}

/* Forgets the users that ended. */
static void prune(struct session_group *sg)
{
    size_t k = 0;
    for (size_t i = 0; i < sg->n_users; i++)
        if (!atomic_load(&sg->users[i].vu->ended))
            sg->users[k++] = sg->users[i];
    sg->n_users = k;
}

static int running_users(struct session_group *sg)
{
    prune(sg);
    int n = 0;
    for (size_t i = 0; i < sg->n_users; i++)
        n += !sg->users[i].removing;
    return n;
}

/* One more user, starting now (group_start.c's spawn() with a record). */
static void add_user(struct run_session *s, struct session_group *sg)
{
    struct engine *e = s->e;
    struct group_run *g = sg->g;
    if (!sg->begun)
        group_begin(e, sg);
    if (g->end_mono_ms && clock_mono_ms() >= g->end_mono_ms)
        return;   /* the scheduler's end has passed: a new user would not sample */
    struct vu *vu = vu_new(e, g, ++g->next_thread_num);
    vu->start_mono_ms = clock_mono_ms();
    vu->end_mono_ms = g->end_mono_ms;
    atomic_fetch_add(&g->alive, 1);
    pthread_mutex_lock(&e->done_lock);
    e->users_running++;
    pthread_mutex_unlock(&e->done_lock);
    struct worker *w = &e->workers[e->next_worker];
    e->next_worker = (e->next_worker + 1) % e->n_workers;
    if (sg->n_users == sg->cap_users) {
        sg->cap_users = sg->cap_users ? sg->cap_users * 2 : 16;
        sg->users = xrealloc(sg->users, sg->cap_users * sizeof *sg->users);
    }
    sg->users[sg->n_users++] = (struct session_user){vu, w, false};
    worker_hand_over(w, vu);
}

/* ------------------------------------------------------------ the API */

size_t run_session_groups(const struct run_session *s)
{
    return s->n_groups;
}

const struct plan_node *run_session_group(const struct run_session *s, size_t i)
{
    return i < s->n_groups ? s->groups[i].g->node : NULL;
}

void run_session_set_users(struct run_session *s, size_t i, int n)
{
    if (i >= s->n_groups || atomic_load(&s->e->stop_graceful))
        return;
    struct session_group *sg = &s->groups[i];
    if (!sg->runnable)
        return;
    if (n < 0)
        n = 0;
    int have = running_users(sg);
    for (; have < n; have++)
        add_user(s, sg);
    /* the newest first, as they have done the least */
    for (size_t k = sg->n_users; k-- > 0 && have > n;) {
        struct session_user *u = &sg->users[k];
        if (u->removing)
            continue;
        u->removing = true;
        worker_stop_user(u->w, u->vu, false);
        have--;
    }
}

int run_session_users(struct run_session *s, size_t i)
{
    return i < s->n_groups ? running_users(&s->groups[i]) : 0;
}

int run_session_alive(struct run_session *s)
{
    int n = 0;
    for (size_t i = 0; i < s->n_groups; i++) {
        prune(&s->groups[i]);
        n += (int)s->groups[i].n_users;
    }
    return n;
}

bool run_session_stopping(const struct run_session *s)
{
    return atomic_load(&s->e->stop_graceful);
}

void run_session_shutdown(struct run_session *s)
{
    run_stop_test(s->e, false);
}

void run_session_wait(struct run_session *s, int timeout_ms)
{
    struct engine *e = s->e;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&e->done_lock);
    pthread_cond_timedwait(&e->done_cond, &e->done_lock, &ts);
    pthread_mutex_unlock(&e->done_lock);
}

/* Waits until every recorded user ended or until deadline (mono ms). */
static bool wait_all_ended(struct run_session *s, int64_t deadline)
{
    for (;;) {
        if (run_session_alive(s) == 0)
            return true;
        int64_t left = deadline - clock_mono_ms();
        if (left <= 0)
            return false;
        run_session_wait(s, left < 50 ? (int)left : 50);
    }
}

void run_session_stop_users(struct run_session *s, int grace_ms)
{
    for (size_t i = 0; i < s->n_groups; i++) {
        struct session_group *sg = &s->groups[i];
        prune(sg);
        for (size_t k = 0; k < sg->n_users; k++)
            if (!sg->users[k].removing) {
                sg->users[k].removing = true;
                worker_stop_user(sg->users[k].w, sg->users[k].vu, false);
            }
    }
    if (wait_all_ended(s, clock_mono_ms() + (grace_ms > 0 ? grace_ms : 0)))
        return;
    /* the grace is over: abort what is still in flight */
    for (size_t i = 0; i < s->n_groups; i++) {
        struct session_group *sg = &s->groups[i];
        for (size_t k = 0; k < sg->n_users; k++)
            worker_stop_user(sg->users[k].w, sg->users[k].vu, true);
    }
    wait_all_ended(s, clock_mono_ms() + 5000);
}

/* ------------------------------------------------------ from run_plan */

bool session_run_main(struct engine *e)
{
    const struct plan *plan = e->plan;
    struct run_session s = {.e = e, .n_groups = plan->n_main_groups};
    s.groups = xcalloc(s.n_groups + 1, sizeof *s.groups);
    for (size_t i = 0; i < s.n_groups; i++) {
        struct session_group *sg = &s.groups[i];
        for (size_t k = 0; k < e->n_groups && !sg->g; k++)
            if (e->groups[k].node == plan->main_groups[i])
                sg->g = &e->groups[k];
        const char *effect;
        sg->runnable = sg->g && !runtime_unimplemented(sg->g->node, &effect);
    }
    e->opts->session_main(&s, e->opts->session_arg);
    /* whatever the callback left running ends here, as a phase ends */
    run_session_stop_users(&s, e->opts->stop_grace_ms);
    for (size_t i = 0; i < s.n_groups; i++)
        free(s.groups[i].users);
    free(s.groups);
    return true;
}
