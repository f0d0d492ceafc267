/* group_start.c - when each thread group's users start and when they stop.
 *
 * Fixed shapes create every user when the group starts, each with its start
 * time and, for the plugin groups, its own end time: the standard Thread
 * Group (ramp-up, scheduler), jp@gc Stepping and jp@gc Ultimate. Dynamic
 * shapes create users as the run goes, from the engine thread (group_tick):
 *   bzm Concurrency         keeps the planned number of users alive
 *   bzm (Free-Form) Arrivals one iteration per arrival; a user that finished its
 *                           iteration waits in a pool for a later arrival;
 *                           ConcurrencyLimit drops arrivals when all are busy
 *   Open Model              a new user per arrival, running the children once
 * The arithmetic of every shape (who starts when) is schedule_*.c's; this
 * file applies it. A user's end time is checked after each sample and before
 * a timer that would pass it (pipeline.c), as JMeter's thread scheduler does. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/log.h"
#include "jmx2run/schedule.h"
#include "pipeline.h"

/* Arrivals are handed to the workers this long before they are due, so that
 * each user starts on its worker's timer, to the millisecond. */
#define ARRIVAL_LOOKAHEAD_MS 100
/* Dynamic groups look at their users at least this often (the plugins: 1 s). */
#define TICK_MAX_MS 1000

enum shape_kind { SHAPE_FIXED, SHAPE_CONCURRENCY, SHAPE_ARRIVALS, SHAPE_OPEN_MODEL };

struct group_shape {
    enum shape_kind kind;
    bool generating;              /* more users may start */
    int64_t end_mono_ms;          /* users stop after the sample running then; 0 = no end */
    /* Concurrency */
    struct concurrency_params conc;
    /* Arrivals and Free-Form Arrivals */
    struct arrivals_params arr;
    struct freeform_row *rows;
    size_t n_rows;
    struct arrivals_gen gen;
    int64_t concurrency_limit;    /* 0: none */
    int64_t arrivals, dropped;
    pthread_mutex_t pool_lock;
    bool pool_closed;
    struct ptrvec pool;           /* struct vu *, waiting for an arrival */
    /* Open Model */
    struct om_schedule om;
    struct om_gen om_gen;
    bool om_ready;
    /* the next arrival, relative to the group's start (ms) */
    bool have_next;
    double next_ms;
};

/* ------------------------------------------------------------- evaluation */

static char *eval_dup(struct engine *e, const struct tmpl *t)
{
    struct expr_ctx ctx;
    expr_ctx_init(&ctx, &e->env, &e->initial_vars);
    return t ? tmpl_eval_dup(t, &ctx) : xstrdup("");
}

/* Thread group numbers are read with the engine's variables (properties,
 * User Defined Variables), once, when the group starts. */
static long long eval_long(struct engine *e, const struct tmpl *t, bool *valid)
{
    char *s = eval_dup(e, t);
    long long v = 0;
    bool ok = str_parse_ll(s, &v);
    if (!ok) {
        double d;
        if (str_parse_double(s, &d)) {
            v = sched_java_to_long(d);
            ok = true;
        }
    }
    if (valid)
        *valid = ok;
    free(s);
    return ok ? v : 0;
}

static double eval_double(struct engine *e, const struct tmpl *t)
{
    char *s = eval_dup(e, t);
    double d = str_is_blank(s) ? 0 : str_to_double_jmeter(s);
    free(s);
    return d;
}

static void group_error(struct group_run *g, const char *what)
{
    fprintf(stderr, "%s:%d: error: thread group \"%s\": %s\n", g->node->file, g->node->line,
            g->name, what);
    log_msg(LOG_ERROR, "%s:%d: thread group \"%s\": %s", g->node->file, g->node->line, g->name, what);
}

static void group_warning(struct group_run *g, const char *what)
{
    fprintf(stderr, "%s:%d: warning: thread group \"%s\": %s\n", g->node->file, g->node->line,
            g->name, what);
    log_msg(LOG_WARN, "%s:%d: thread group \"%s\": %s", g->node->file, g->node->line, g->name, what);
}

/* ------------------------------------------------------------------ users */

/* Creates user number ++next_thread_num, due at start (mono ms), and hands it
 * to the next worker round-robin. */
static struct vu *spawn(struct engine *e, struct group_run *g, int64_t start_mono_ms,
                        int64_t end_mono_ms)
{
    struct vu *vu = vu_new(e, g, ++g->next_thread_num);
    vu->start_mono_ms = start_mono_ms;
    vu->end_mono_ms = end_mono_ms;
    atomic_fetch_add(&g->alive, 1);
    pthread_mutex_lock(&e->done_lock);
    e->users_running++;
    pthread_mutex_unlock(&e->done_lock);
    struct worker *w = &e->workers[e->next_worker];
    e->next_worker = (e->next_worker + 1) % e->n_workers;
    worker_hand_over(w, vu);
    return vu;
}

/* ------------------------------------------------------------ fixed shapes */

static bool start_standard(struct engine *e, struct group_run *g)
{
    const struct plan_thread_group *tg = g->tg;
    long long threads = eval_long(e, tg->num_threads, NULL);
    long long ramp = eval_long(e, tg->ramp_time, NULL);
    int n = threads > 0 ? (int)(threads > 1000000000 ? 1000000000 : threads) : 0;
    g->threads = n;
    int64_t delay_ms = 0;
    g->scheduler = tg->scheduler;
    if (tg->scheduler) {
        bool ok;
        long long duration = eval_long(e, tg->duration, &ok);
        if (!ok || duration <= 0) {
            char *msg = xasprintf("Invalid duration %s: the scheduler needs a duration above 0 "
                                  "(JMeter refuses it too)", tg->duration ? tg->duration->source : "");
            group_error(g, msg);
            free(msg);
            return false;
        }
        long long delay = eval_long(e, tg->delay, NULL);
        if (delay < 0)
            delay = 0;
        delay_ms = delay * 1000;
        g->end_mono_ms = g->start_mono_ms + delay_ms + duration * 1000;
    }
    int64_t step = n ? sched_java_round((double)(ramp > 0 ? ramp : 0) * 1000.0 / n) : 0;
    for (int i = 0; i < n; i++)
        spawn(e, g, g->start_mono_ms + delay_ms + i * step, g->end_mono_ms);
    return true;
}

static bool start_stepping(struct engine *e, struct group_run *g)
{
    const struct tg_stepping *s = g->tg->stepping;
    struct stepping_params p = {
        .threads = eval_long(e, g->tg->num_threads, NULL),
        .initial_delay_s = eval_long(e, s->initial_delay, NULL),
        .start_burst = eval_long(e, s->start_burst, NULL),
        .start_count = eval_long(e, s->start_count, NULL),
        .start_period_s = eval_long(e, s->start_period, NULL),
        .ramp_up_s = eval_long(e, s->ramp_up, NULL),
        .flight_time_s = eval_long(e, s->flight_time, NULL),
        .stop_count = eval_long(e, s->stop_count, NULL),
        .stop_period_s = eval_long(e, s->stop_period, NULL),
    };
    g->threads = p.threads > 0 ? (int)(p.threads > 1000000000 ? 1000000000 : p.threads) : 0;
    struct sched_window w;
    for (int64_t i = 0; i < g->threads && stepping_window(&p, i, &w); i++)
        spawn(e, g, g->start_mono_ms + w.start_ms, g->start_mono_ms + w.end_ms);
    return true;
}

static bool start_ultimate(struct engine *e, struct group_run *g)
{
    const struct tg_ultimate *u = g->tg->ultimate;
    struct ultimate_row *rows = NULL;
    size_t n_rows = 0;
    /* the threads_schedule property replaces the table when it is set */
    char *spawns = props_get_dup(e->props, "threads_schedule");
    if (!str_is_blank(spawns)) {
        char *warnings = NULL;
        rows = ultimate_parse_spawns(spawns, &n_rows, &warnings);
        if (warnings) {
            char *msg = xasprintf("threads_schedule: %s", warnings);
            group_warning(g, msg);
            free(msg);
            free(warnings);
        }
    } else {
        rows = xcalloc(u->n_rows + 1, sizeof *rows);
        for (size_t i = 0; i < u->n_rows; i++) {
            const struct tg_ultimate_row *r = &u->rows[i];
            rows[n_rows++] = (struct ultimate_row){
                .threads = eval_long(e, r->threads, NULL),
                .initial_delay_s = eval_long(e, r->initial_delay, NULL),
                .startup_s = eval_long(e, r->startup_time, NULL),
                .hold_s = eval_long(e, r->hold, NULL),
                .shutdown_s = eval_long(e, r->shutdown_time, NULL),
            };
        }
    }
    free(spawns);
    int64_t total = ultimate_total_threads(rows, n_rows);
    g->threads = total > 0 ? (int)(total > 1000000000 ? 1000000000 : total) : 0;
    struct ultimate_cursor cursor;
    ultimate_cursor_init(&cursor);
    struct sched_window w;
    for (int64_t i = 0; i < g->threads && ultimate_next_window(&cursor, rows, n_rows, &w); i++)
        spawn(e, g, g->start_mono_ms + w.start_ms, g->start_mono_ms + w.end_ms);
    free(rows);
    return true;
}

/* ---------------------------------------------------------- dynamic shapes */

static bool start_concurrency(struct engine *e, struct group_run *g, struct group_shape *sh)
{
    const struct tg_concurrency *c = g->tg->concurrency;
    sh->kind = SHAPE_CONCURRENCY;
    concurrency_params_init(&sh->conc, eval_double(e, c->target_level), eval_double(e, c->ramp_up),
                            eval_long(e, c->steps, NULL), eval_double(e, c->hold), c->unit);
    char *shift = props_get_dup(e->props, "dynamic_tg.shift_rampup_start");
    long long v;
    if (shift && str_parse_ll(shift, &v) && v > 0)
        sh->conc.shift_s = v;
    free(shift);
    g->threads = (int)(sh->conc.target > 1e9 ? 1e9 : sh->conc.target > 0 ? sh->conc.target : 0);
    sh->end_mono_ms = g->start_mono_ms + concurrency_end_ms(&sh->conc);
    sh->generating = true;
    return true;
}

static bool start_arrivals(struct engine *e, struct group_run *g, struct group_shape *sh)
{
    const struct tg_concurrency *c = g->tg->concurrency;
    sh->kind = SHAPE_ARRIVALS;
    if (g->node->kind == PK_FREE_FORM_ARRIVALS_THREAD_GROUP) {
        char *text = eval_dup(e, c->schedule);
        sh->rows = freeform_parse_rows(text, &sh->n_rows);
        free(text);
        if (!sh->n_rows)
            group_warning(g, "the schedule has no rows: no user will arrive");
        arrivals_gen_init_freeform(&sh->gen, sh->rows, sh->n_rows, c->unit);
    } else {
        arrivals_params_init(&sh->arr, eval_double(e, c->target_level), eval_double(e, c->ramp_up),
                             eval_long(e, c->steps, NULL), eval_double(e, c->hold), c->unit);
        arrivals_gen_init(&sh->gen, &sh->arr);
    }
    sh->concurrency_limit = eval_long(e, c->concurrency_limit, NULL);
    if (sh->concurrency_limit < 0)
        sh->concurrency_limit = 0;
    sh->generating = true;
    return true;
}

static bool start_open_model(struct engine *e, struct group_run *g, struct group_shape *sh)
{
    const struct tg_open_model *om = g->tg->open_model;
    sh->kind = SHAPE_OPEN_MODEL;
    char *text = eval_dup(e, om->schedule);
    char *error = NULL;
    bool ok = om_schedule_parse(text, &sh->om, &error);
    free(text);
    if (!ok) {
        char *msg = xasprintf("schedule: %s", error ? error : "cannot be read");
        group_error(g, msg);
        free(msg);
        free(error);
        return false;
    }
    long long seed = eval_long(e, om->random_seed, NULL);
    struct sched_rng rng;
    if (seed == 0)
        sched_rng_seed_random(&rng);
    else
        sched_rng_seed(&rng, seed);
    om_gen_init(&sh->om_gen, &sh->om, &rng);
    sh->om_ready = true;
    sh->end_mono_ms = g->start_mono_ms + om_schedule_end_ms(&sh->om);
    char *described = om_schedule_describe(&sh->om);
    log_msg(LOG_INFO, "thread group \"%s\": open model schedule %s, %llu arrivals in %lld ms", g->name,
            described, (unsigned long long)om_schedule_arrivals(&sh->om),
            (long long)om_schedule_end_ms(&sh->om));
    free(described);
    sh->generating = true;
    return true;
}

bool group_start(struct engine *e, struct group_run *g)
{
    const struct plan_thread_group *tg = g->tg;
    g->start_mono_ms = clock_mono_ms();
    g->on_error_start_next_loop = tg->on_error == ON_ERROR_START_NEXT_LOOP;
    g->on_error_stop_thread = tg->on_error == ON_ERROR_STOP_THREAD;
    g->on_error_stop_test = tg->on_error == ON_ERROR_STOP_TEST;
    g->on_error_stop_test_now = tg->on_error == ON_ERROR_STOP_TEST_NOW;
    struct group_shape *sh = xcalloc(1, sizeof *sh);
    pthread_mutex_init(&sh->pool_lock, NULL);
    sh->pool = (struct ptrvec){0};
    g->shape = sh;
    switch (g->node->kind) {
    case PK_STEPPING_THREAD_GROUP:
        return start_stepping(e, g);
    case PK_ULTIMATE_THREAD_GROUP:
        return start_ultimate(e, g);
    case PK_CONCURRENCY_THREAD_GROUP:
        return start_concurrency(e, g, sh);
    case PK_ARRIVALS_THREAD_GROUP:
    case PK_FREE_FORM_ARRIVALS_THREAD_GROUP:
        return start_arrivals(e, g, sh);
    case PK_OPEN_MODEL_THREAD_GROUP:
        return start_open_model(e, g, sh);
    default:
        return start_standard(e, g);
    }
}

/* ------------------------------------------------------------------ ticks */

static void close_pool(struct group_shape *sh)
{
    pthread_mutex_lock(&sh->pool_lock);
    sh->pool_closed = true;
    struct ptrvec users = sh->pool;
    sh->pool = (struct ptrvec){0};
    pthread_mutex_unlock(&sh->pool_lock);
    for (size_t i = 0; i < users.len; i++) {
        struct vu *vu = users.items[i];
        worker_release(vu->worker, vu);
    }
    ptrvec_free(&users);
}

static void stop_generating(struct group_run *g, struct group_shape *sh, const char *why)
{
    if (!sh->generating)
        return;
    sh->generating = false;
    if (sh->kind == SHAPE_ARRIVALS) {
        close_pool(sh);
        log_msg(LOG_INFO, "thread group \"%s\": %s: %lld arrivals, %lld dropped at the "
                          "concurrency limit", g->name, why, (long long)sh->arrivals,
                (long long)sh->dropped);
    }
}

static int64_t tick_concurrency(struct engine *e, struct group_run *g, struct group_shape *sh,
                                int64_t now)
{
    int64_t rel = now - g->start_mono_ms;
    int64_t planned = concurrency_planned(&sh->conc, rel);
    if (planned < 0) {
        stop_generating(g, sh, "hold time over");
        return 0;
    }
    /* The plugin's stepped formula overshoots at the very millisecond the ramp
     * ends (one more step); it looks about once a second and so hardly ever
     * sees it, while this tick lands on it. Never above the target. */
    int64_t target = sched_java_round(sh->conc.target);
    if (planned > target)
        planned = target;
    /* threads that left (iteration limit) are replaced, as the plugin's starter does */
    for (int64_t alive = atomic_load(&g->alive); alive < planned; alive++)
        spawn(e, g, now, sh->end_mono_ms);
    int64_t next = concurrency_next_change_ms(&sh->conc, rel);
    int64_t at = next < 0 ? now + TICK_MAX_MS : g->start_mono_ms + next;
    return at < now + TICK_MAX_MS ? at : now + TICK_MAX_MS;
}

/* One arrival due at start: an idle pooled user takes it, else a new user
 * unless ConcurrencyLimit users are busy (the plugin then drops it). */
static void arrive(struct engine *e, struct group_run *g, struct group_shape *sh, int64_t start)
{
    pthread_mutex_lock(&sh->pool_lock);
    struct vu *vu = sh->pool.len ? sh->pool.items[--sh->pool.len] : NULL;
    pthread_mutex_unlock(&sh->pool_lock);
    if (vu) {
        vu->start_mono_ms = start;
        vu->arrival_mono_ms = start;
        worker_restart(vu->worker, vu);
        sh->arrivals++;
        return;
    }
    if (sh->concurrency_limit > 0 && atomic_load(&g->alive) >= sh->concurrency_limit) {
        sh->dropped++;
        return;
    }
    vu = spawn(e, g, start, 0);
    vu->arrival_mono_ms = start;
    sh->arrivals++;
}

static bool next_arrival(struct group_shape *sh)
{
    if (sh->have_next)
        return true;
    if (sh->kind == SHAPE_OPEN_MODEL) {
        double at_s;
        if (!om_gen_next(&sh->om_gen, &at_s))
            return false;
        sh->next_ms = (double)sched_s_to_ms(at_s);
    } else if (!arrivals_gen_next(&sh->gen, &sh->next_ms)) {
        return false;
    }
    sh->have_next = true;
    return true;
}

static int64_t tick_arrivals(struct engine *e, struct group_run *g, struct group_shape *sh,
                             int64_t now)
{
    /* An arrivals group decides at the arrival time whether a pooled user takes
     * it (one busy a moment earlier may be free by then); the open model only
     * creates users, which can be handed over ahead of time. */
    int64_t lookahead = sh->kind == SHAPE_OPEN_MODEL ? ARRIVAL_LOOKAHEAD_MS : 0;
    int64_t horizon = now + lookahead - g->start_mono_ms;
    for (;;) {
        if (!next_arrival(sh)) {
            stop_generating(g, sh, "schedule over");
            return 0;
        }
        if (sh->next_ms > (double)horizon)
            break;
        sh->have_next = false;
        int64_t start = g->start_mono_ms + (int64_t)sh->next_ms;
        if (sh->kind == SHAPE_OPEN_MODEL) {
            struct vu *vu = spawn(e, g, start, sh->end_mono_ms);
            vu->arrival_mono_ms = start;
            vu->free_when_finished = true;
        } else {
            arrive(e, g, sh, start);
        }
    }
    int64_t at = g->start_mono_ms + (int64_t)sh->next_ms - lookahead / 2;
    if (at <= now)
        at = now + 1;
    return at < now + TICK_MAX_MS ? at : now + TICK_MAX_MS;
}

int64_t group_tick(struct engine *e, struct group_run *g, int64_t now)
{
    struct group_shape *sh = g->shape;
    if (!sh || !sh->generating)
        return 0;
    if (atomic_load(&e->stop_graceful)) {
        stop_generating(g, sh, "test stopped");
        return 0;
    }
    switch (sh->kind) {
    case SHAPE_CONCURRENCY:
        return tick_concurrency(e, g, sh, now);
    case SHAPE_ARRIVALS:
    case SHAPE_OPEN_MODEL:
        return tick_arrivals(e, g, sh, now);
    default:
        return 0;
    }
}

/* -------------------------------------------------------------- the pool */

bool group_pools_users(const struct group_run *g)
{
    return g->shape && g->shape->kind == SHAPE_ARRIVALS;
}

bool group_pool_user(struct group_run *g, struct vu *vu)
{
    struct group_shape *sh = g->shape;
    if (!sh || sh->kind != SHAPE_ARRIVALS)
        return false;
    pthread_mutex_lock(&sh->pool_lock);
    bool pooled = !sh->pool_closed;
    if (pooled)
        ptrvec_push(&sh->pool, vu);
    pthread_mutex_unlock(&sh->pool_lock);
    return pooled;
}

void group_shape_free(struct group_run *g)
{
    struct group_shape *sh = g->shape;
    if (!sh)
        return;
    if (sh->om_ready) {
        om_gen_free(&sh->om_gen);
        om_schedule_free(&sh->om);
    }
    free(sh->rows);
    ptrvec_free(&sh->pool);
    pthread_mutex_destroy(&sh->pool_lock);
    free(sh);
    g->shape = NULL;
}
