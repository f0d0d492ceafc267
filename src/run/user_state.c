/* user_state.c - config elements and pre-processors that keep per-user or
 * shared state: Counter, Random Variable, User Parameters, the cookie jars'
 * per-iteration clearing; and the thread's start and iteration hooks. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "http_cache.h"
#include "http_cookies.h"
#include "pipeline.h"

/* ---------------------------------------------------------- number formats */

/* The integer subset of java.text.DecimalFormat used by Counter and Random
 * Variable formats: '0' = a digit always shown, '#' = a digit if needed,
 * ',' = grouping, anything else (or quoted) copied as is. */
static void format_number(long long v, const char *pattern, struct strbuf *out)
{
    if (!pattern || !*pattern) {
        strbuf_addf(out, "%lld", v);
        return;
    }
    const char *first = NULL, *last = NULL;
    int zeros = 0, group = 0, since_comma = -1;
    for (const char *p = pattern; *p; p++) {
        if (*p == '0' || *p == '#' || *p == ',') {
            if (!first)
                first = p;
            last = p;
            if (*p == '0')
                zeros++;
            if (*p == ',')
                since_comma = 0;
            else if (since_comma >= 0)
                since_comma++;
        } else if (first) {
            break;
        }
    }
    if (since_comma > 0)
        group = since_comma;
    if (!first) {
        strbuf_adds(out, pattern);
        strbuf_addf(out, "%lld", v);
        return;
    }
    for (const char *p = pattern; p < first; p++)
        if (*p != '\'')
            strbuf_addc(out, *p);
    if (v < 0)
        strbuf_addc(out, '-');
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char digits[32];
    int nd = snprintf(digits, sizeof digits, "%llu", u);
    int width = nd < zeros ? zeros : nd;
    for (int i = 0; i < width; i++) {
        int from_end = width - i;
        strbuf_addc(out, i < width - nd ? '0' : digits[i - (width - nd)]);
        if (group > 0 && from_end > 1 && (from_end - 1) % group == 0)
            strbuf_addc(out, ',');
    }
    for (const char *p = last + 1; *p; p++)
        if (*p != '\'')
            strbuf_addc(out, *p);
}

static long long eval_long(struct vu *vu, const struct tmpl *t, long long dflt)
{
    if (!t || !*t->source)
        return dflt;
    char *s = tmpl_eval_dup(t, &vu->ctx);
    long long v;
    if (!str_parse_ll(s, &v))
        v = dflt;
    free(s);
    return v;
}

static void set_var_number(struct vu *vu, const char *name, long long v, const struct tmpl *fmt)
{
    char *pattern = fmt ? tmpl_eval_dup(fmt, &vu->ctx) : NULL;
    struct strbuf sb;
    strbuf_init(&sb);
    format_number(v, pattern, &sb);
    strmap_set(&vu->vars, name, sb.s);
    strbuf_free(&sb);
    free(pattern);
}

/* ------------------------------------------------------------------ Counter */

struct shared_counter {
    const struct plan_node *node;
    long long value;
    bool started;
    struct shared_counter *next;
};

static pthread_mutex_t counters_lock = PTHREAD_MUTEX_INITIALIZER;
static struct shared_counter *shared_counters;

void user_state_reset_shared(void)
{
    pthread_mutex_lock(&counters_lock);
    while (shared_counters) {
        struct shared_counter *n = shared_counters->next;
        free(shared_counters);
        shared_counters = n;
    }
    pthread_mutex_unlock(&counters_lock);
}

static void counter_iteration_start(struct vu *vu, const struct plan_node *node)
{
    const struct plan_counter *c = node->data;
    if (!*c->var_name)
        return;
    long long start = eval_long(vu, c->start, 0);
    long long end = eval_long(vu, c->end, INT64_MAX);
    long long incr = eval_long(vu, c->increment, 1);
    long long value;
    if (!c->per_user) {
        pthread_mutex_lock(&counters_lock);
        struct shared_counter *sc = shared_counters;
        while (sc && sc->node != node)
            sc = sc->next;
        if (!sc) {
            sc = xcalloc(1, sizeof *sc);
            sc->node = node;
            sc->next = shared_counters;
            shared_counters = sc;
        }
        if (!sc->started || sc->value > end) {
            sc->value = start;
            sc->started = true;
        }
        value = sc->value;
        sc->value += incr;
        pthread_mutex_unlock(&counters_lock);
    } else {
        char key[32], last_key[40];
        snprintf(key, sizeof key, "%u", node->id);
        snprintf(last_key, sizeof last_key, "%u.iteration", node->id);
        struct strmap *m = &vu->pipe.counters;
        const char *cur = strmap_get(m, key);
        long long current = cur ? str_to_ll_jmeter(cur) : start;
        if (c->reset_on_tg_iteration) {
            const char *last = strmap_get(m, last_key);
            if (!last || str_to_ll_jmeter(last) != vu->iteration)
                current = start;
            char it[24];
            snprintf(it, sizeof it, "%lld", (long long)vu->iteration);
            strmap_set(m, last_key, it);
        }
        value = current;
        current += incr;
        if (current > end)
            current = start;
        char nb[24];
        snprintf(nb, sizeof nb, "%lld", current);
        strmap_set(m, key, nb);
    }
    set_var_number(vu, c->var_name, value, c->format);
}

/* ------------------------------------------------------------ Random Variable */

static void random_variable_iteration_start(struct vu *vu, const struct plan_node *node)
{
    const struct plan_random_variable *r = node->data;
    if (!*r->var_name)
        return;
    long long min = eval_long(vu, r->minimum, 1);
    long long max = eval_long(vu, r->maximum, INT32_MAX);
    if (max < min)
        max = min;
    unsigned long long span = (unsigned long long)(max - min) + 1;
    long long v = min + (long long)(span ? expr_rand64(&vu->ctx) % span : 0);
    set_var_number(vu, r->var_name, v, r->output_format);
}

/* ------------------------------------------------------------ User Parameters */

static void user_parameters_apply(struct vu *vu, const struct plan_node *node)
{
    const struct plan_user_parameters *up = node->data;
    if (!up->n_columns)
        return;
    struct tmpl **column = up->columns[(size_t)(vu->thread_num - 1) % up->n_columns];
    /* evaluate all first, then assign, as JMeter does */
    char **values = xcalloc(up->n_names + 1, sizeof(char *));
    for (size_t i = 0; i < up->n_names; i++)
        values[i] = tmpl_eval_dup(column[i], &vu->ctx);
    for (size_t i = 0; i < up->n_names; i++) {
        strmap_set(&vu->vars, up->names[i], values[i]);
        free(values[i]);
    }
    free(values);
}

/* ------------------------------------------------------------------- hooks */

void pipeline_config_iteration_start(struct vu *vu, const struct plan_node *node)
{
    switch (node->kind) {
    case PK_COUNTER: counter_iteration_start(vu, node); break;
    case PK_RANDOM_VARIABLE: random_variable_iteration_start(vu, node); break;
    case PK_USER_PARAMETERS: user_parameters_apply(vu, node); break;
    case PK_CSV_DATA_SET: csv_iteration_start(vu, node); break;
    default: break;
    }
}

void pipeline_pre_processor(struct vu *vu, const struct plan_node *node)
{
    if (node->kind == PK_USER_PARAMETERS)
        user_parameters_apply(vu, node);
}

void pipeline_thread_started(struct vu *vu)
{
    strmap_init(&vu->pipe.counters);
}

void pipeline_thread_iteration_start(struct vu *vu)
{
    bool same_user = vu->group->tg->same_user_on_next_iteration;
    cookies_iteration_start(vu, same_user);
    cache_iteration_start(vu, same_user);
    if (!same_user && vu->iteration > 1)
        http_reset_user_connections(vu);
}

void pipeline_user_free(struct vu *vu)
{
    strbuf_free(&vu->pipe.sampler_name_buf);
    vu->pipe.sampler_name = NULL;
    ptrvec_free(&vu->pipe.detached);
    strmap_free(&vu->pipe.counters);
    cookies_free_user(vu);
    cache_free_user(vu);
}
