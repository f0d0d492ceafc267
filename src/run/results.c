/* results.c - the results writer.
 *
 * Each worker pushes finished samples into its own single-producer ring (no
 * lock on the request path; a locked overflow list takes the excess when a
 * ring is full). One writer thread drains the rings every 50 ms into the JTL
 * file, the per-label statistics and JMeter's summariser, then hands the
 * samples back to their worker through a second ring, and the worker frees
 * them (results_reclaim): glibc's malloc keeps an arena per thread, and
 * freeing on the writer memory that a worker allocated made the two fight
 * over the worker's arena lock (futex calls on every few requests).
 * On a terminal the live status line (progress.c) takes the summariser's
 * place; at the end come the top errors, the --fail-on criteria and the
 * --summary-json file. */
#include <errno.h>
#include <stdlib.h>
#include "jmx2run/log.h"
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "jmx2run/report.h"
#include "results.h"
#include "transaction.h"

/* Entries per ring: a drain every 50 ms takes about 2,000 samples per worker
 * at 40,000 samples/s; a full ring spills into the locked overflow list. */
#define RING_SIZE 16384u

struct result_entry {
    struct sample *sample;
    char **vars;              /* sample_variables values, or NULL */
};

struct result_queue {
    _Atomic size_t head, tail;
    struct result_entry *ring;
    pthread_mutex_t overflow_lock;
    struct result_entry *overflow;
    size_t n_overflow, cap_overflow;
    /* consumed entries on their way back to the worker: the writer produces,
     * the worker consumes */
    _Atomic size_t back_head, back_tail;
    struct result_entry *back;
};

struct results {
    struct engine *engine;
    const struct run_options *opts;
    FILE *console;
    struct jtl_config jtl_cfg;
    struct jtl_writer *jtl;
    struct summariser_config sum_cfg;
    struct summariser *summariser;
    struct stats_table *stats;
    struct errors_table *errors;      /* top errors by count */
    struct progress *progress;        /* the live status line; NULL when not shown */
    FILE *summary_json;               /* --summary-json, opened at the start */
    struct result_queue *queues;
    int n_queues;
    pthread_t thread;
    atomic_bool stop;
    int64_t samples, failed;
    bool write_error;
};

static struct results *the_results;

/* A ring, with every page touched now: a ring left to fill lazily grows
 * the resident set for its first RING_SIZE samples, which a long run would
 * read as growth after warm-up. */
static struct result_entry *ring_new(void)
{
    struct result_entry *ring = xcalloc(RING_SIZE, sizeof *ring);
    volatile char *bytes = (volatile char *)ring;
    for (size_t i = 0; i < RING_SIZE * sizeof *ring; i += 4096)
        bytes[i] = 0;
    return ring;
}

static void queue_init(struct result_queue *q)
{
    atomic_store(&q->head, 0);
    atomic_store(&q->tail, 0);
    q->ring = ring_new();
    atomic_store(&q->back_head, 0);
    atomic_store(&q->back_tail, 0);
    q->back = ring_new();
    pthread_mutex_init(&q->overflow_lock, NULL);
}

static void entry_free(struct result_entry *e)
{
    if (e->vars) {
        for (size_t i = 0; e->vars[i]; i++)
            free(e->vars[i]);
        free(e->vars);
    }
    sample_free(e->sample);
}

/* The writer is done with an entry: back to the worker that made it, or
 * freed here when the worker has not caught up with the ring. */
static void give_back(struct result_queue *q, struct result_entry *e)
{
    size_t t = atomic_load_explicit(&q->back_tail, memory_order_relaxed);
    size_t h = atomic_load_explicit(&q->back_head, memory_order_acquire);
    if (t - h < RING_SIZE) {
        q->back[t % RING_SIZE] = *e;
        atomic_store_explicit(&q->back_tail, t + 1, memory_order_release);
        return;
    }
    entry_free(e);
}

/* Frees what the writer gave back (on the worker's thread; also at the end,
 * once every thread has stopped). */
static void reclaim(struct result_queue *q)
{
    size_t h = atomic_load_explicit(&q->back_head, memory_order_relaxed);
    size_t t = atomic_load_explicit(&q->back_tail, memory_order_acquire);
    for (; h != t; h++)
        entry_free(&q->back[h % RING_SIZE]);
    atomic_store_explicit(&q->back_head, h, memory_order_release);
}

static void queue_push(struct result_queue *q, struct result_entry e)
{
    size_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
    size_t h = atomic_load_explicit(&q->head, memory_order_acquire);
    if (t - h < RING_SIZE) {
        q->ring[t % RING_SIZE] = e;
        atomic_store_explicit(&q->tail, t + 1, memory_order_release);
        return;
    }
    pthread_mutex_lock(&q->overflow_lock);
    if (q->n_overflow == q->cap_overflow) {
        q->cap_overflow = q->cap_overflow ? q->cap_overflow * 2 : 1024;
        q->overflow = xrealloc(q->overflow, q->cap_overflow * sizeof *q->overflow);
    }
    q->overflow[q->n_overflow++] = e;
    pthread_mutex_unlock(&q->overflow_lock);
}

static void consume(struct results *r, struct result_entry *e)
{
    struct sample *s = e->sample;
    r->samples++;
    if (!s->success)
        r->failed++;
    stats_table_add(r->stats, s);
    if (r->opts->on_sample)   /* issue 8: the Locust worker's statistics */
        r->opts->on_sample(r->opts->on_sample_arg, s);
    errors_table_add(r->errors, s);
    if (r->progress)
        progress_add(r->progress, s);
    if (r->jtl)
        jtl_writer_add(r->jtl, s, (const char *const *)e->vars);
    if (r->summariser && !r->opts->quiet) {
        struct strbuf out;
        strbuf_init(&out);
        summariser_add(r->summariser, s, run_now_ms(r->engine), &out);
        if (out.len) {
            fputs(out.s, r->console);
            fflush(r->console);
        }
        strbuf_free(&out);
    }
}

static void drain(struct results *r)
{
    for (int i = 0; i < r->n_queues; i++) {
        struct result_queue *q = &r->queues[i];
        size_t h = atomic_load_explicit(&q->head, memory_order_relaxed);
        size_t t = atomic_load_explicit(&q->tail, memory_order_acquire);
        for (; h != t; h++) {
            struct result_entry *e = &q->ring[h % RING_SIZE];
            consume(r, e);
            give_back(q, e);
        }
        atomic_store_explicit(&q->head, h, memory_order_release);
        pthread_mutex_lock(&q->overflow_lock);
        struct result_entry *list = q->overflow;
        size_t n = q->n_overflow;
        q->overflow = NULL;
        q->n_overflow = q->cap_overflow = 0;
        pthread_mutex_unlock(&q->overflow_lock);
        for (size_t k = 0; k < n; k++) {
            consume(r, &list[k]);
            give_back(q, &list[k]);
        }
        free(list);
    }
    if (r->jtl && !jtl_writer_flush(r->jtl))
        r->write_error = true;
    if (r->opts->on_sample)   /* issue 8: NULL = this pass took everything submitted before it */
        r->opts->on_sample(r->opts->on_sample_arg, NULL);
}

/* Redraws the live status line when a second has passed. */
static void show_progress(struct results *r)
{
    struct progress_load load;
    run_planned_load(r->engine, &load.active_users, &load.planned_users, &load.planned_end_ms);
    struct winsize ws;
    int width = ioctl(fileno(r->console), TIOCGWINSZ, &ws) == 0 ? ws.ws_col - 1 : 0;
    struct strbuf out;
    strbuf_init(&out);
    if (progress_update(r->progress, run_now_ms(r->engine), &load, width, &out)) {
        fputs(out.s, r->console);
        fflush(r->console);
    }
    strbuf_free(&out);
}

static void *writer_main(void *arg)
{
    struct results *r = arg;
    struct timespec pause = {0, 50 * 1000000};
    while (!atomic_load(&r->stop)) {
        nanosleep(&pause, NULL);
        drain(r);
        if (r->progress)
            show_progress(r);
    }
    drain(r);
    return NULL;
}

static void thread_counts(void *data, struct thread_counts *out)
{
    struct engine *e = data;
    out->active = atomic_load(&e->all_active);
    out->started = atomic_load(&e->all_started);
    out->finished = atomic_load(&e->all_finished);
}

struct results *results_start(struct engine *e, const struct run_options *opts)
{
    struct results *r = xcalloc(1, sizeof *r);
    r->engine = e;
    r->opts = opts;
    r->console = opts->console ? opts->console : stdout;
    struct strbuf err;
    strbuf_init(&err);
    if (!jtl_config_from_props(&r->jtl_cfg, e->props, &err)) {
        log_and_stderr(LOG_WARN, "%s", err.s);
        strbuf_reset(&err);
    }
    r->jtl_cfg.functional_mode = e->plan->settings->functional_mode;
    if (opts->results_path) {
        struct jtl_writer_options wo = {.delete_first = opts->delete_results_first};
        r->jtl = jtl_writer_open(opts->results_path, &r->jtl_cfg, &wo, &err);
        if (!r->jtl) {
            log_and_stderr(LOG_ERROR, "%s", err.s);
            strbuf_free(&err);
            jtl_config_free(&r->jtl_cfg);
            free(r);
            return NULL;
        }
    }
    strbuf_free(&err);
    if (opts->summary_json_path) {
        r->summary_json = fopen(opts->summary_json_path, "w");
        if (!r->summary_json) {
            log_and_stderr(LOG_ERROR, "cannot write the summary %s: %s", opts->summary_json_path,
                           strerror(errno));
            jtl_writer_close(r->jtl, NULL);
            jtl_config_free(&r->jtl_cfg);
            free(r);
            return NULL;
        }
    }
    summariser_config_from_props(&r->sum_cfg, e->props);
    /* on a terminal the live line takes the place of the summariser's lines */
    if (opts->live_status && !opts->quiet)
        r->progress = progress_new(e->test_start_epoch_ms);
    else if (r->sum_cfg.name && r->sum_cfg.to_out) {
        r->summariser = summariser_new(r->sum_cfg.name, r->sum_cfg.interval_s, r->sum_cfg.ignore_tc,
                                       run_now_ms(e));
        summariser_set_thread_counts(r->summariser, thread_counts, e);
    }
    r->stats = stats_table_new();
    r->errors = errors_table_new();
    r->n_queues = opts->threads > 0 ? opts->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (r->n_queues < 1)
        r->n_queues = 1;
    r->queues = xcalloc((size_t)r->n_queues, sizeof *r->queues);
    for (int i = 0; i < r->n_queues; i++)
        queue_init(&r->queues[i]);
    atomic_store(&r->stop, false);
    pthread_create(&r->thread, NULL, writer_main, r);
    the_results = r;
    return r;
}

void results_banner_start(struct results *r)
{
    if (r->opts->quiet)
        return;
    struct strbuf out;
    strbuf_init(&out);
    if (r->summariser)
        report_banner_creating_summariser(&out, r->sum_cfg.name);
    report_banner_created_tree(&out, r->engine->plan->file_name);
    report_banner_starting(&out, run_now_ms(r->engine));
    fputs(out.s, r->console);
    fflush(r->console);
    strbuf_free(&out);
}

bool results_keep_payload(const struct engine *e)
{
    return jtl_config_needs_payload(&e->results->jtl_cfg);
}

void results_reclaim(struct engine *e, struct worker *w)
{
    struct results *r = e->results;
    if (r)
        reclaim(&r->queues[w->index % r->n_queues]);
}

void results_submit(struct engine *e, struct worker *w, struct sample *s, const struct strmap *vars)
{
    struct results *r = e->results;
    struct result_entry entry = {s, NULL};
    if (!jtl_config_needs_payload(&r->jtl_cfg)) {
        sample_drop_payload(s);
        /* the original is freed here, while its pieces are in this core's cache */
        struct sample *packed = sample_pack(s);
        if (packed) {
            sample_free(s);
            entry.sample = s = packed;
        }
    }
    if (r->jtl_cfg.n_vars && vars) {
        /* the variables as they are now, for the sample_variables columns */
        entry.vars = xcalloc(r->jtl_cfg.n_vars + 1, sizeof(char *));
        for (size_t i = 0; i < r->jtl_cfg.n_vars; i++) {
            const char *v = strmap_get(vars, r->jtl_cfg.var_names[i]);
            entry.vars[i] = xstrdup(v ? v : "");
        }
    }
    int q = w ? w->index % r->n_queues : 0;
    queue_push(&r->queues[q], entry);
}

/* --fail-on: each breach on stderr; returns how many were breached and
 * fills results (n_criteria entries) for the summary file. */
static int check_criteria(struct results *r, struct criterion_result *results)
{
    int breached = 0;
    for (size_t i = 0; i < r->opts->n_criteria; i++) {
        const struct criterion *c = &r->opts->criteria[i];
        criterion_evaluate(c, r->stats, &results[i]);
        if (!results[i].breached)
            continue;
        breached++;
        struct strbuf found;
        strbuf_init(&found);
        criterion_describe(c, &results[i], &found);
        fprintf(stderr, "jmx2run: criterion breached: %s (%s)\n", c->text, found.s);
        log_msg(LOG_WARN, "criterion breached: %s (%s)", c->text, found.s);
        strbuf_free(&found);
    }
    return breached;
}

/* --summary-json: the figures, errors, criteria and settings; false after
 * printing why the file could not be written. */
static bool write_summary_json(struct results *r, const struct criterion_result *results,
                               int64_t end_ms)
{
    struct summary_settings settings = {
        .plan_file = r->engine->plan->file_name,
        .start_ms = r->engine->test_start_epoch_ms,
        .end_ms = end_ms,
        .worker_threads = r->engine->n_workers,
        .properties = r->opts->given_properties,
        .n_properties = r->opts->n_given_properties,
    };
    char *json = summary_json_render(r->stats, r->errors, &settings, r->opts->criteria, results,
                                     r->opts->n_criteria);
    errno = 0;
    bool ok = json && fputs(json, r->summary_json) >= 0;
    free(json);
    if (fclose(r->summary_json) != 0)
        ok = false;
    r->summary_json = NULL;
    if (!ok)
        log_and_stderr(LOG_ERROR, "cannot write the summary %s: %s", r->opts->summary_json_path,
                       errno ? strerror(errno) : "JSON output failed");
    return ok;
}

void results_finish(struct results *r, struct run_outcome *outcome)
{
    atomic_store(&r->stop, true);
    pthread_join(r->thread, NULL);
    int64_t end_ms = run_now_ms(r->engine);
    struct strbuf out;
    strbuf_init(&out);
    if (r->progress)
        progress_clear(r->progress, &out);
    if (r->summariser && !r->opts->quiet)
        summariser_end(r->summariser, run_now_ms(r->engine), &out);
    if (!r->opts->quiet) {
        report_banner_tidying_up(&out, run_now_ms(r->engine));
        report_banner_end_of_run(&out);
        if (stats_table_rows(r->stats)) {
            strbuf_addc(&out, '\n');
            stats_table_print(r->stats, &out);
            stats_table_print_paced(r->stats, &out);
        }
        if (errors_table_total(r->errors)) {
            strbuf_addc(&out, '\n');
            errors_table_print(r->errors, &out);
        }
    }
    fputs(out.s, r->console);
    fflush(r->console);
    strbuf_free(&out);
    struct criterion_result *results = xcalloc(r->opts->n_criteria + 1, sizeof *results);
    outcome->criteria_breached = check_criteria(r, results);
    if (r->summary_json && !write_summary_json(r, results, end_ms))
        r->write_error = true;
    free(results);
    if (r->jtl) {
        struct strbuf err;
        strbuf_init(&err);
        if (!jtl_writer_close(r->jtl, &err)) {
            log_and_stderr(LOG_ERROR, "%s", err.s);
            r->write_error = true;
        }
        strbuf_free(&err);
    }
    outcome->samples = r->samples;
    outcome->failed = r->failed;
    outcome->results_error = r->write_error;
    summariser_free(r->summariser);
    summariser_config_free(&r->sum_cfg);
    stats_table_free(r->stats);
    errors_table_free(r->errors);
    progress_free(r->progress);
    jtl_config_free(&r->jtl_cfg);
    for (int i = 0; i < r->n_queues; i++) {
        reclaim(&r->queues[i]);   /* the workers have stopped */
        free(r->queues[i].back);
        free(r->queues[i].ring);
        free(r->queues[i].overflow);
        pthread_mutex_destroy(&r->queues[i].overflow_lock);
    }
    free(r->queues);
    the_results = NULL;
    free(r);
}
