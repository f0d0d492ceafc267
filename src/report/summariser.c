/* summariser.c - JMeter's CLI summariser: the "summary +" (since the last
 * report) and "summary =" (since the start) lines.
 *
 * Reports are driven by samples, not by a timer: a sample arriving in epoch
 * second S triggers one when S is more than 5 s after the previous report and
 * S mod interval <= 5, so reports land near wall-clock multiples of the
 * interval. The delta window runs from the previous report to its last
 * sample; the total window from the start to the latest report. The caller
 * passes the clock, so the rules can be tested without waiting. */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

#define INTERVAL_WINDOW 5       /* seconds of slack for a late sample */
#define TC_MESSAGE_PREFIX "Number of samples in transaction : "

/* JMeter's SummariserRunningSample. */
struct running {
    int64_t count, errors, sum;
    int64_t min, max;
    int64_t start_ms, end_ms;
};

struct summariser {
    pthread_mutex_t lock;
    char *name;
    long long interval_s;
    bool ignore_tc;
    int64_t last_report_s;      /* epoch second of the last report, 0 at first */
    struct running delta, total;
    void (*counts_fn)(void *data, struct thread_counts *out);
    void *counts_data;
};

static void running_clear(struct running *r, int64_t now_ms)
{
    r->count = r->errors = r->sum = 0;
    r->min = INT64_MAX;
    r->max = INT64_MIN;
    r->start_ms = r->end_ms = now_ms;
}

/* Folds the delta into the total; the total's window then ends now. */
static void running_add_running(struct running *dst, const struct running *src, int64_t now_ms)
{
    dst->count += src->count;
    dst->errors += src->errors;
    dst->sum += src->sum;
    if (dst->max < src->max)
        dst->max = src->max;
    if (dst->min > src->min)
        dst->min = src->min;
    dst->end_ms = now_ms;
}

static int64_t running_elapsed(const struct running *r)
{
    return r->count == 0 ? 0 : r->end_ms - r->start_ms;
}

struct summariser *summariser_new(const char *name, long long interval_s, bool ignore_tc,
                                  int64_t start_ms)
{
    struct summariser *s = xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    s->name = xstrdup(name ? name : "summary");
    s->interval_s = interval_s;
    s->ignore_tc = ignore_tc;
    running_clear(&s->delta, start_ms);
    running_clear(&s->total, start_ms);
    return s;
}

void summariser_free(struct summariser *s)
{
    if (!s)
        return;
    pthread_mutex_destroy(&s->lock);
    free(s->name);
    free(s);
}

void summariser_set_thread_counts(struct summariser *s,
                                  void (*fn)(void *data, struct thread_counts *out), void *data)
{
    s->counts_fn = fn;
    s->counts_data = data;
}

/* Right-aligns text in a field of the given width (longer text is kept). */
static void add_right(struct strbuf *out, const char *text, int width)
{
    int len = (int)strlen(text);
    for (int i = len; i < width; i++)
        strbuf_addc(out, ' ');
    strbuf_adds(out, text);
}

static void add_right_ll(struct strbuf *out, int64_t v, int width)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    add_right(out, buf, width);
}

void summariser_format_line(struct strbuf *out, const char *name, char type, int64_t count,
                            int64_t elapsed_ms, int64_t sum_ms, int64_t min_ms, int64_t max_ms,
                            int64_t errors, const struct thread_counts *tc)
{
    char buf[64];
    strbuf_addf(out, "%s %c ", name, type);
    add_right_ll(out, count, 6);
    int64_t secs = (elapsed_ms + 500) / 1000;
    strbuf_addf(out, " in %02" PRId64 ":%02" PRId64 ":%02" PRId64 " = ", secs / 3600,
                secs % 3600 / 60, secs % 60);
    if (elapsed_ms > 0) {
        /* DecimalFormat("#0.0") rounds half-even on the exact binary value,
         * which is what glibc's printf does too. */
        double rate = count == 0 ? 0.0 : (double)count / (double)elapsed_ms * 1000.0;
        snprintf(buf, sizeof buf, "%.1f", rate);
        add_right(out, buf, 6);
    } else {
        strbuf_adds(out, "******");     /* the rate is effectively infinite */
    }
    strbuf_adds(out, "/s Avg: ");
    add_right_ll(out, count == 0 ? 0 : sum_ms / count, 5);
    strbuf_adds(out, " Min: ");
    add_right_ll(out, min_ms, 5);
    strbuf_adds(out, " Max: ");
    add_right_ll(out, max_ms, 5);
    strbuf_adds(out, " Err: ");
    add_right_ll(out, errors, 5);
    double pct = count == 0 ? 0.0 : (double)errors / (double)count;
    snprintf(buf, sizeof buf, "%.2f", pct * 100.0);
    strbuf_addf(out, " (%s%%)", buf);
    if (type == '+') {
        struct thread_counts zero = { 0, 0, 0 };
        if (!tc)
            tc = &zero;
        strbuf_addf(out, " Active: %d Started: %d Finished: %d", tc->active, tc->started,
                    tc->finished);
    }
    strbuf_addc(out, '\n');
}

static void print_running(struct summariser *s, const struct running *r, char type,
                          struct strbuf *out)
{
    struct thread_counts tc = { 0, 0, 0 };
    if (type == '+' && s->counts_fn)
        s->counts_fn(s->counts_data, &tc);
    summariser_format_line(out, s->name, type, r->count, running_elapsed(r), r->sum, r->min,
                           r->max, r->errors, &tc);
}

static bool is_transaction_sample(const struct sample *smp)
{
    return smp->origin == SAMPLE_FROM_TRANSACTION ||
           str_starts_with(smp->response_message, TC_MESSAGE_PREFIX);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool summariser_add(struct summariser *s, const struct sample *smp, int64_t now_ms,
                    struct strbuf *out)
{
    if (smp && s->ignore_tc && is_transaction_sample(smp))
        return false;
    int64_t now_s = floor_div(now_ms, 1000);
    bool printed = false;
    pthread_mutex_lock(&s->lock);
    if (smp) {
        int64_t t = smp->elapsed_ms;
        s->delta.count += smp->sample_count;
        s->delta.errors += smp->success ? 0 : 1;
        s->delta.sum += t;
        if (t > s->delta.max)
            s->delta.max = t;
        if (t < s->delta.min)
            s->delta.min = t;
        s->delta.end_ms = now_ms;
    }
    if (s->interval_s > 0 && now_s > s->last_report_s + INTERVAL_WINDOW &&
        now_s % s->interval_s <= INTERVAL_WINDOW) {
        struct running delta = s->delta;
        running_add_running(&s->total, &s->delta, now_ms);
        running_clear(&s->delta, now_ms);
        s->last_report_s = now_s;
        print_running(s, &delta, '+', out);
        if (s->total.count != delta.count)
            print_running(s, &s->total, '=', out);
        printed = true;
    }
    pthread_mutex_unlock(&s->lock);
    return printed;
}

void summariser_end(struct summariser *s, int64_t now_ms, struct strbuf *out)
{
    pthread_mutex_lock(&s->lock);
    s->delta.end_ms = now_ms;
    if (s->delta.count > 0 && s->total.count > 0)
        print_running(s, &s->delta, '+', out);
    running_add_running(&s->total, &s->delta, now_ms);
    running_clear(&s->delta, now_ms);
    print_running(s, &s->total, '=', out);
    pthread_mutex_unlock(&s->lock);
}

void summariser_config_from_props(struct summariser_config *c, struct props *p)
{
    memset(c, 0, sizeof *c);
    char *raw = props_get_dup(p, "summariser.name");
    char *name = raw ? str_trim_dup(raw) : NULL;
    free(raw);
    if (name && *name)
        c->name = name;
    else
        free(name);
    c->interval_s = report_prop_ll(p, "summariser.interval", 30);
    c->ignore_tc = report_prop_bool(p, "summariser.ignore_transaction_controller_sample_result", true);
    c->to_out = report_prop_bool(p, "summariser.out", true);
    c->to_log = report_prop_bool(p, "summariser.log", true);
}

void summariser_config_free(struct summariser_config *c)
{
    free(c->name);
    c->name = NULL;
}
