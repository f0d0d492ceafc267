/* engine.c - a run from start to end (JMeter's StandardJMeterEngine).
 *
 * Evaluates the User Defined Variables once, starts the workers and the
 * results writer, then runs the setUp, main and tearDown thread groups, each
 * phase in parallel or one group after another (serialize_threadgroups). A
 * group's users are created with their start times (ramp-up, delay) and
 * handed round-robin to the workers; the engine then only waits, watching
 * for stop requests (signals, "stop test" actions). */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ctl.h"
#include "csv.h"
#include "jmx2run/log.h"
#include "jmx2run/schedule.h"
#include "locks.h"
#include "pipeline.h"
#include "results.h"
#include "transaction.h"

static atomic_int stop_requests;   /* set from signal handlers */
static struct engine *current_engine;
static int64_t mono_origin_ms, epoch_origin_ms;

void run_options_init(struct run_options *o)
{
    memset(o, 0, sizeof *o);
    o->console = stdout;
    o->stop_grace_ms = 5000;
}

void run_request_stop(void)
{
    atomic_fetch_add(&stop_requests, 1);
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

/* Starts the group's users (group_start.c). Returns false when the plan
 * cannot run this group (reported). */
static bool start_group(struct engine *e, struct group_run *g)
{
    const char *effect;
    if (runtime_unimplemented(g->node, &effect))
        return true;   /* reported when the run started */
    return group_start(e, g);
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
    int64_t tick_at = tick_groups(e);
    pthread_mutex_lock(&e->done_lock);
    while (e->users_running > 0 || tick_at) {
        int64_t wait_ms = 100;
        if (tick_at) {
            int64_t until = tick_at - clock_mono_ms();
            wait_ms = until < 1 ? 1 : until < wait_ms ? until : wait_ms;
        }
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += wait_ms * 1000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&e->done_cond, &e->done_lock, &ts);
        pthread_mutex_unlock(&e->done_lock);
        int requests = atomic_load(&stop_requests);
        if (requests >= 1 && !atomic_load(&e->stop_graceful)) {
            e->interrupted = true;
            run_stop_test(e, false);
        }
        if (atomic_load(&e->stop_graceful) && !graceful_at)
            graceful_at = clock_mono_ms();
        if (requests >= 2 || (graceful_at && clock_mono_ms() - graceful_at > e->opts->stop_grace_ms))
            run_stop_test(e, true);
        /* every wake-up, not only when due: a user that ended may have to be replaced */
        tick_at = tick_groups(e);
        pthread_mutex_lock(&e->done_lock);
    }
    pthread_mutex_unlock(&e->done_lock);
}

static bool run_phase(struct engine *e, struct plan_node *const *groups, size_t n)
{
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
            ok = run_phase(e, plan->main_groups, plan->n_main_groups);
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
    pthread_mutex_destroy(&e->done_lock);
    pthread_cond_destroy(&e->done_cond);
    current_engine = NULL;
    free(e);
    return rc;
}
