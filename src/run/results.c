/* results.c - the results writer.
 *
 * Each worker pushes finished samples into its own single-producer ring (no
 * lock on the request path; a locked overflow list takes the excess when a
 * ring is full). One writer thread drains the rings every 50 ms into the JTL
 * file, the per-label statistics and JMeter's summariser, then frees them. */
#include <stdlib.h>
#include "jmx2run/log.h"
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "jmx2run/report.h"
#include "results.h"
#include "transaction.h"

#define RING_SIZE 65536u

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
    struct result_queue *queues;
    int n_queues;
    pthread_t thread;
    atomic_bool stop;
    int64_t samples, failed;
    bool write_error;
};

static struct results *the_results;

static void queue_init(struct result_queue *q)
{
    atomic_store(&q->head, 0);
    atomic_store(&q->tail, 0);
    q->ring = xcalloc(RING_SIZE, sizeof *q->ring);
    pthread_mutex_init(&q->overflow_lock, NULL);
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
    if (e->vars) {
        for (size_t i = 0; e->vars[i]; i++)
            free(e->vars[i]);
        free(e->vars);
    }
    sample_free(s);
}

static void drain(struct results *r)
{
    for (int i = 0; i < r->n_queues; i++) {
        struct result_queue *q = &r->queues[i];
        size_t h = atomic_load_explicit(&q->head, memory_order_relaxed);
        size_t t = atomic_load_explicit(&q->tail, memory_order_acquire);
        for (; h != t; h++)
            consume(r, &q->ring[h % RING_SIZE]);
        atomic_store_explicit(&q->head, h, memory_order_release);
        pthread_mutex_lock(&q->overflow_lock);
        struct result_entry *list = q->overflow;
        size_t n = q->n_overflow;
        q->overflow = NULL;
        q->n_overflow = q->cap_overflow = 0;
        pthread_mutex_unlock(&q->overflow_lock);
        for (size_t k = 0; k < n; k++)
            consume(r, &list[k]);
        free(list);
    }
    if (r->jtl && !jtl_writer_flush(r->jtl))
        r->write_error = true;
}

static void *writer_main(void *arg)
{
    struct results *r = arg;
    struct timespec pause = {0, 50 * 1000000};
    while (!atomic_load(&r->stop)) {
        nanosleep(&pause, NULL);
        drain(r);
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
    summariser_config_from_props(&r->sum_cfg, e->props);
    if (r->sum_cfg.name && r->sum_cfg.to_out) {
        r->summariser = summariser_new(r->sum_cfg.name, r->sum_cfg.interval_s, r->sum_cfg.ignore_tc,
                                       run_now_ms(e));
        summariser_set_thread_counts(r->summariser, thread_counts, e);
    }
    r->stats = stats_table_new();
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

void results_submit(struct engine *e, struct worker *w, struct sample *s, const struct strmap *vars)
{
    struct results *r = e->results;
    struct result_entry entry = {s, NULL};
    if (!jtl_config_needs_payload(&r->jtl_cfg))
        sample_drop_payload(s);
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

void results_finish(struct results *r, struct run_outcome *outcome)
{
    atomic_store(&r->stop, true);
    pthread_join(r->thread, NULL);
    struct strbuf out;
    strbuf_init(&out);
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
    }
    fputs(out.s, r->console);
    fflush(r->console);
    strbuf_free(&out);
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
    jtl_config_free(&r->jtl_cfg);
    for (int i = 0; i < r->n_queues; i++) {
        free(r->queues[i].ring);
        free(r->queues[i].overflow);
        pthread_mutex_destroy(&r->queues[i].overflow_lock);
    }
    free(r->queues);
    the_results = NULL;
    free(r);
}
