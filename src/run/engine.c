/* engine.c - a run from start to end (JMeter's StandardJMeterEngine).
 *
 * Evaluates the User Defined Variables once, starts the workers and the
 * results writer, then runs the setUp, main and tearDown thread groups, each
 * phase in parallel or one group after another (serialize_threadgroups). A
 * group's users are created with their start times (ramp-up, delay) and
 * handed round-robin to the workers; the engine then only waits, watching
 * for stop requests (signals, "stop test" actions). */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include "ctl.h"
#include "csv.h"
#include "jmx2run/log.h"
#include "jmx2run/schedule.h"
#include "locks.h"
#include "pipeline.h"
#include "results.h"
#include "transaction.h"

static atomic_int stop_requests;   /* set from signal handlers */
static _Atomic(struct engine *) current_engine;   /* read by signal handlers */
static atomic_int stop_fd = -1;    /* written by signal handlers, watched by the workers */
static int64_t mono_origin_ms, epoch_origin_ms;

void run_options_init(struct run_options *o)
{
    memset(o, 0, sizeof *o);
    o->console = stdout;
    o->stop_grace_ms = 5000;
}

void run_request_stop(void)
{
    /* Called from signal handlers: lock-free atomics only. The stop takes effect
     * here rather than at the engine's next wake-up (up to 100 ms later), so that
     * a user finishing a sample meanwhile does not start another one. */
    int n = atomic_fetch_add(&stop_requests, 1) + 1;
    struct engine *e = atomic_load(&current_engine);
    if (e) {
        atomic_store(&e->stop_graceful, true);
        if (n >= 2)
            atomic_store(&e->stop_now, true);
    }
    /* wake the workers: users waiting in a timer end before it fires */
    int fd = atomic_load(&stop_fd), saved_errno = errno;
    if (fd >= 0) {
        uint64_t one = 1;
        ssize_t w = write(fd, &one, sizeof one);
        (void)w;
    }
    errno = saved_errno;
}

int run_stop_fd(void)
{
    return atomic_load(&stop_fd);
}

int64_t run_now_ms(const struct engine *e)
{
    return epoch_origin_ms + (clock_mono_ms() - mono_origin_ms);
}

int64_t run_mono_to_epoch_ms(int64_t mono_ms)
{
    return epoch_origin_ms + (mono_ms - mono_origin_ms);
}

void run_stop_test(struct engine *e, bool now)
{
    atomic_store(&e->stop_graceful, true);
    if (now)
        atomic_store(&e->stop_now, true);
}

void group_thread_started(struct engine *e, struct group_run *g)
{
    atomic_fetch_add(&g->active, 1);
    atomic_fetch_add(&g->started, 1);
    atomic_fetch_add(&e->all_active, 1);
    atomic_fetch_add(&e->all_started, 1);
}

void group_thread_finished(struct engine *e, struct group_run *g)
{
    atomic_fetch_sub(&g->active, 1);
    atomic_fetch_add(&g->finished, 1);
    atomic_fetch_sub(&e->all_active, 1);
    atomic_fetch_add(&e->all_finished, 1);
}

/* ---------------------------------------------------------------- variables */

static void evaluate_variables(struct engine *e)
{
    const struct plan *plan = e->plan;
    struct expr_ctx ctx;
    expr_ctx_init(&ctx, &e->env, &e->initial_vars);
    expr_ctx_seed(&ctx, (uint64_t)clock_mono_us());
    for (size_t i = 0; i < plan->n_variable_sets; i++) {
        const struct plan_variable_set *set = &plan->variable_sets[i];
        /* values of one element cannot see names defined in the same element */
        char **values = xcalloc(set->n_vars + 1, sizeof(char *));
        for (size_t j = 0; j < set->n_vars; j++)
            values[j] = tmpl_eval_dup(set->vars[j].value, &ctx);
        for (size_t j = 0; j < set->n_vars; j++) {
            strmap_set(&e->initial_vars, set->vars[j].name, values[j]);
            free(values[j]);
        }
        free(values);
    }
    char buf[32];
    time_t t = (time_t)(epoch_origin_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(buf, sizeof buf, "%lld", (long long)epoch_origin_ms);
    strmap_set(&e->initial_vars, "START.MS", buf);
    strftime(buf, sizeof buf, "%Y%m%d", &tm);
    strmap_set(&e->initial_vars, "START.YMD", buf);
    strftime(buf, sizeof buf, "%H%M%S", &tm);
    strmap_set(&e->initial_vars, "START.HMS", buf);
}

static struct group_run *group_of(struct engine *e, const struct plan_node *node)
{
    for (size_t i = 0; i < e->n_groups; i++)
        if (e->groups[i].node == node)
            return &e->groups[i];
    return NULL;
}

/* Adds a group that just started to what its phase plans (live status line):
 * its users, and its end when the standard scheduler sets one. A group
 * without a known end makes the phase's end unknown (-1 until the phase ends). */
static void plan_group_load(struct engine *e, const struct group_run *g)
{
    atomic_fetch_add(&e->planned_users, g->threads);
    int64_t end = atomic_load(&e->planned_end_mono_ms);
    if (end < 0)
        return;
    if (!g->end_mono_ms)
        atomic_store(&e->planned_end_mono_ms, -1);
    else if (g->end_mono_ms > end)
        atomic_store(&e->planned_end_mono_ms, g->end_mono_ms);
}

void run_planned_load(struct engine *e, int *active, int *planned_users,
                      int64_t *planned_end_epoch_ms)
{
    *active = atomic_load(&e->all_active);
    *planned_users = atomic_load(&e->planned_users);
    int64_t end = atomic_load(&e->planned_end_mono_ms);
    *planned_end_epoch_ms = end > 0 ? run_mono_to_epoch_ms(end) : 0;
}

/* Starts the group's users (group_start.c). Returns false when the plan
 * cannot run this group (reported). */
static bool start_group(struct engine *e, struct group_run *g)
{
    const char *effect;
    if (runtime_unimplemented(g->node, &effect))
        return true;   /* reported when the run started */
    if (!group_start(e, g))
        return false;
    plan_group_load(e, g);
    return true;
}

/* Lets the dynamic groups start their users; returns when to come back
 * (mono ms), 0 when no group starts users any more. */
static int64_t tick_groups(struct engine *e)
{
    int64_t next = 0, now = clock_mono_ms();
    for (size_t i = 0; i < e->n_groups; i++) {
        int64_t at = group_tick(e, &e->groups[i], now);
        if (at && (!next || at < next))
            next = at;
    }
    return next;
}

/* Waits until every user handed over so far has finished, acting on stop
 * requests: the first asks users to stop after their current sample, the
 * grace period or a second request aborts samples in flight. */
static void wait_users(struct engine *e)
{
    int64_t graceful_at = 0;
    bool aborting = false;
    int64_t tick_at = tick_groups(e);
    pthread_mutex_lock(&e->done_lock);
    while (e->users_running > 0 || tick_at) {
        int64_t wait_ms = 100;
        if (tick_at) {
            int64_t until = tick_at - clock_mono_ms();
            wait_ms = until < 1 ? 1 : until < wait_ms ? until : wait_ms;
        }
        /* a monotonic deadline: with the wall clock, a clock set back would
         * stretch this wait, and with it the stop's grace period */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += wait_ms * 1000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_clockwait(&e->done_cond, &e->done_lock, CLOCK_MONOTONIC, &ts);
        pthread_mutex_unlock(&e->done_lock);
        int requests = atomic_load(&stop_requests);
        if (requests >= 1 && !e->interrupted) {
            /* run_request_stop() already stopped the test; this records why */
            e->interrupted = true;
            run_stop_test(e, false);
        }
        if (atomic_load(&e->stop_graceful) && !graceful_at) {
            graceful_at = clock_mono_ms();
            log_msg(LOG_INFO, "stopping the test (%s): no new samples, %lld ms for those in flight",
                    e->interrupted ? "signal" : "stop test", (long long)e->opts->stop_grace_ms);
        }
        bool second = requests >= 2;
        if (!aborting && (second || (graceful_at && clock_mono_ms() - graceful_at > e->opts->stop_grace_ms))) {
            aborting = true;
            log_msg(LOG_INFO, "stopping now (%s): samples in flight are aborted",
                    second ? "second signal" : "grace period over");
        }
        if (aborting)
            run_stop_test(e, true);
        /* every wake-up, not only when due: a user that ended may have to be replaced */
        tick_at = tick_groups(e);
        pthread_mutex_lock(&e->done_lock);
    }
    pthread_mutex_unlock(&e->done_lock);
}

static bool run_phase(struct engine *e, struct plan_node *const *groups, size_t n)
{
    if (n) {   /* an empty phase (no tearDown group) leaves the figures as they were */
        atomic_store(&e->planned_users, 0);
        atomic_store(&e->planned_end_mono_ms, 0);
    }
    for (size_t i = 0; i < n; i++) {
        if (atomic_load(&e->stop_graceful))
            break;
        if (!start_group(e, group_of(e, groups[i])))
            return false;
        if (e->plan->settings->serialize_threadgroups)
            wait_users(e);
    }
    wait_users(e);
    return true;
}

static void init_groups(struct engine *e)
{
    const struct plan *plan = e->plan;
    e->n_groups = plan->n_setup_groups + plan->n_main_groups + plan->n_teardown_groups;
    e->groups = xcalloc(e->n_groups + 1, sizeof(struct group_run));
    size_t k = 0;
    struct plan_node *const *lists[3] = {plan->setup_groups, plan->main_groups, plan->teardown_groups};
    size_t counts[3] = {plan->n_setup_groups, plan->n_main_groups, plan->n_teardown_groups};
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            struct group_run *g = &e->groups[k++];
            g->node = lists[l][i];
            g->tg = g->node->data;
            g->group_number = g->tg->group_number;
            struct expr_ctx ctx;
            expr_ctx_init(&ctx, &e->env, &e->initial_vars);
            g->name = tmpl_eval_dup(g->node->label, &ctx);
        }
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int run_plan(const struct plan *plan, struct props *props, const struct run_options *opts,
             struct run_outcome *outcome)
{
    memset(outcome, 0, sizeof *outcome);
    atomic_store(&stop_requests, 0);
    mono_origin_ms = clock_mono_ms();
    epoch_origin_ms = clock_epoch_ms();

    struct engine *e = xcalloc(1, sizeof *e);
    current_engine = e;
    e->plan = plan;
    e->opts = opts;
    e->props = props;
    expr_env_init(&e->env, props);
    e->env.plan_file_name = plan->file_name;
    e->env.plan_dir = plan->dir;
    e->test_start_epoch_ms = epoch_origin_ms;
    strmap_init(&e->initial_vars);
    e->names = arena_new();
    e->ctt_shared = xcalloc(1, sizeof *e->ctt_shared);
    ctt_shared_init(e->ctt_shared);
    pthread_mutex_init(&e->done_lock, NULL);
    pthread_cond_init(&e->done_cond, NULL);
    char start[32];
    snprintf(start, sizeof start, "%lld", (long long)epoch_origin_ms);
    props_set(props, "TESTSTART.MS", start);
    char *save = props_get_dup(props, "CookieManager.save.cookies");
    e->save_cookies = str_to_bool_jmeter(save);
    free(save);
    e->cookie_prefix = props_get_dup(props, "CookieManager.name.prefix");
    http_texts_plan(e);
    evaluate_variables(e);
    init_groups(e);
    for (size_t i = 0; i < plan->n_nodes; i++) {
        const char *effect;
        const struct plan_node *n = plan->nodes[i];
        if (runtime_unimplemented(n, &effect))
        {
            fprintf(stderr, "%s:%d: warning: %s \"%s\" is not run by this version of jmx2run: %s\n",
                    n->file, n->line, plan_kind_display(n), n->name, effect);
            log_msg(LOG_WARN, "%s:%d: %s \"%s\" is not run by this version of jmx2run: %s",
                    n->file, n->line, plan_kind_display(n), n->name, effect);
        }
    }

    int rc = 0;
    e->results = results_start(e, opts);
    if (!e->results) {
        rc = 2;
        goto out;
    }
    e->n_workers = opts->threads > 0 ? opts->threads : cores();
    /* closed at the end, once every other thread (which a signal may interrupt) is gone */
    atomic_store(&stop_fd, eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    e->workers = xcalloc((size_t)e->n_workers, sizeof(struct worker));
    for (int i = 0; i < e->n_workers; i++)
        if (worker_start(e, &e->workers[i], i) != 0) {
            log_and_stderr(LOG_ERROR, "cannot start worker thread %d", i);
            e->n_workers = i;
            rc = 2;
            break;
        }
    if (rc == 0) {
        log_msg(LOG_INFO, "starting the test: %d worker threads, %zu thread groups", e->n_workers,
                e->n_groups);
        results_banner_start(e->results);
        bool ok = run_phase(e, plan->setup_groups, plan->n_setup_groups);
        if (ok && !atomic_load(&e->stop_graceful))
            /* issue 8: a Locust worker's session adds and removes the main
             * groups' users on the master's demand instead (session.c) */
            ok = opts->session_main ? session_run_main(e)
                                    : run_phase(e, plan->main_groups, plan->n_main_groups);
        bool stopped = atomic_load(&e->stop_graceful);
        if (ok && (!stopped || plan->settings->teardown_on_shutdown)) {
            if (stopped) {
                /* tearDown_on_shutdown: the tearDown groups run after a stop */
                atomic_store(&e->stop_graceful, false);
                atomic_store(&e->stop_now, false);
                atomic_store(&stop_requests, 0);
            }
            ok = run_phase(e, plan->teardown_groups, plan->n_teardown_groups);
        }
        if (!ok)
            rc = 2;
    }
    for (int i = 0; i < e->n_workers; i++)
        worker_stop(&e->workers[i]);
    results_finish(e->results, outcome);
    log_msg(LOG_INFO, "test finished: %lld samples, %lld failed%s", (long long)outcome->samples,
            (long long)outcome->failed, e->interrupted ? " (stopped by a signal)" : "");
    for (int i = 0; i < e->n_workers; i++)
        worker_free_users(&e->workers[i]);
    outcome->interrupted = e->interrupted;
out:
    locks_reset();
    csv_registry_reset();
    sync_timers_release_all();
    user_state_reset_shared();
    ctl_throughput_reset_shared();
    expr_env_cleanup(&e->env);
    for (size_t i = 0; i < e->n_groups; i++) {
        free(e->groups[i].name);
        group_shape_free(&e->groups[i]);
        pacing_free_group(&e->groups[i]);
    }
    ctt_shared_destroy(e->ctt_shared);
    free(e->ctt_shared);
    arena_free(e->names);
    free(e->groups);
    free(e->workers);
    strmap_free(&e->initial_vars);
    free(e->cookie_prefix);
    free(e->texts_read);
    pthread_mutex_destroy(&e->done_lock);
    pthread_cond_destroy(&e->done_cond);
    current_engine = NULL;
    int fd = atomic_exchange(&stop_fd, -1);
    if (fd >= 0)
        close(fd);
    free(e);
    return rc;
}
