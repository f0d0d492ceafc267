/* stats.c - per-label statistics: count, errors, elapsed (sum, histogram,
 * min, max), bytes and the time window, plus a TOTAL row over all labels.
 *
 * One table per worker thread records without locking and without
 * allocating once its labels are known; the writer merges the tables for
 * the final report. Labels are found through a small open-addressing index
 * and kept in first-seen order. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

struct stats_table {
    struct stats_row **rows;    /* first-seen order */
    size_t n, cap;
    size_t *index;              /* hash slots: row number + 1, 0 = empty */
    size_t index_cap;           /* power of two, at least twice n */
    struct stats_row total;
};

static void row_init(struct stats_row *r, const char *label)
{
    memset(r, 0, sizeof *r);
    r->label = xstrdup(label);
    r->first_start_ms = INT64_MAX;
    r->last_end_ms = INT64_MIN;
    histogram_init(&r->elapsed);
    histogram_init(&r->paced_elapsed);
    histogram_init(&r->paced_from_intended);
}

static void row_free(struct stats_row *r)
{
    free(r->label);
    histogram_free(&r->elapsed);
    histogram_free(&r->paced_elapsed);
    histogram_free(&r->paced_from_intended);
}

static uint64_t hash_label(const char *s)
{
    uint64_t h = 14695981039346656037ULL;           /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

struct stats_table *stats_table_new(void)
{
    struct stats_table *t = xcalloc(1, sizeof *t);
    row_init(&t->total, "TOTAL");
    return t;
}

void stats_table_free(struct stats_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        row_free(t->rows[i]);
        free(t->rows[i]);
    }
    free(t->rows);
    free(t->index);
    row_free(&t->total);
    free(t);
}

static void index_put(struct stats_table *t, size_t row)
{
    size_t mask = t->index_cap - 1;
    size_t slot = (size_t)hash_label(t->rows[row]->label) & mask;
    while (t->index[slot])
        slot = (slot + 1) & mask;
    t->index[slot] = row + 1;
}

static struct stats_row *lookup(const struct stats_table *t, const char *label)
{
    if (!t->index_cap)
        return NULL;
    size_t mask = t->index_cap - 1;
    size_t slot = (size_t)hash_label(label) & mask;
    while (t->index[slot]) {
        struct stats_row *r = t->rows[t->index[slot] - 1];
        if (strcmp(r->label, label) == 0)
            return r;
        slot = (slot + 1) & mask;
    }
    return NULL;
}

static struct stats_row *row_for(struct stats_table *t, const char *label)
{
    struct stats_row *r = lookup(t, label);
    if (r)
        return r;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    r = xmalloc(sizeof *r);
    row_init(r, label);
    t->rows[t->n++] = r;
    if (t->n * 2 > t->index_cap) {
        free(t->index);
        t->index_cap = t->index_cap ? t->index_cap * 2 : 32;
        while (t->n * 2 > t->index_cap)
            t->index_cap *= 2;
        t->index = xcalloc(t->index_cap, sizeof *t->index);
        for (size_t i = 0; i < t->n; i++)
            index_put(t, i);
    } else {
        index_put(t, t->n - 1);
    }
    return r;
}

static void row_add_sample(struct stats_row *r, const struct sample *s)
{
    r->count++;
    r->errors += s->success ? 0 : 1;
    r->sum_ms += s->elapsed_ms;
    r->bytes += s->bytes;
    r->sent_bytes += s->sent_bytes;
    if (s->start_ms < r->first_start_ms)
        r->first_start_ms = s->start_ms;
    if (s->end_ms > r->last_end_ms)
        r->last_end_ms = s->end_ms;
    histogram_record(&r->elapsed, s->elapsed_ms);
    if (s->intended_start_ms > 0) {
        int64_t late = s->end_ms - s->intended_start_ms;
        r->paced++;
        histogram_record(&r->paced_elapsed, s->elapsed_ms);
        /* never below the measured time: an early start is not a gain */
        histogram_record(&r->paced_from_intended, late > s->elapsed_ms ? late : s->elapsed_ms);
    }
}

static void row_merge(struct stats_row *dst, const struct stats_row *src)
{
    dst->count += src->count;
    dst->errors += src->errors;
    dst->sum_ms += src->sum_ms;
    dst->bytes += src->bytes;
    dst->sent_bytes += src->sent_bytes;
    if (src->first_start_ms < dst->first_start_ms)
        dst->first_start_ms = src->first_start_ms;
    if (src->last_end_ms > dst->last_end_ms)
        dst->last_end_ms = src->last_end_ms;
    histogram_merge(&dst->elapsed, &src->elapsed);
    dst->paced += src->paced;
    histogram_merge(&dst->paced_elapsed, &src->paced_elapsed);
    histogram_merge(&dst->paced_from_intended, &src->paced_from_intended);
}

void stats_table_add(struct stats_table *t, const struct sample *s)
{
    row_add_sample(row_for(t, s->label ? s->label : ""), s);
    row_add_sample(&t->total, s);
}

void stats_table_merge(struct stats_table *dst, const struct stats_table *src)
{
    for (size_t i = 0; i < src->n; i++)
        row_merge(row_for(dst, src->rows[i]->label), src->rows[i]);
    row_merge(&dst->total, &src->total);
}

size_t stats_table_rows(const struct stats_table *t)
{
    return t->n;
}

const struct stats_row *stats_table_row(const struct stats_table *t, size_t i)
{
    return i < t->n ? t->rows[i] : NULL;
}

const struct stats_row *stats_table_find(const struct stats_table *t, const char *label)
{
    return lookup(t, label);
}

const struct stats_row *stats_table_total(const struct stats_table *t)
{
    return &t->total;
}

/* ---- derived figures, as JMeter's SamplingStatCalculator computes them ---- */

int64_t stats_row_mean(const struct stats_row *r)
{
    return r->count ? r->sum_ms / r->count : 0;
}

double stats_row_error_fraction(const struct stats_row *r)
{
    return r->count ? (double)r->errors / (double)r->count : 0.0;
}

static int64_t row_window_ms(const struct stats_row *r)
{
    return r->count ? r->last_end_ms - r->first_start_ms : 0;
}

double stats_row_throughput(const struct stats_row *r)
{
    if (r->count == 0)
        return 0.0;
    int64_t window = row_window_ms(r);
    if (window <= 0)
        return -1.0;
    return (double)r->count / (double)window * 1000.0;
}

static double per_second(const struct stats_row *r, int64_t value)
{
    int64_t window = row_window_ms(r);
    if (window <= 0 || value <= 0)
        return 0.0;
    return (double)value / ((double)window / 1000.0);
}

double stats_row_received_kb_per_s(const struct stats_row *r)
{
    return per_second(r, r->bytes) / 1024.0;
}

double stats_row_sent_kb_per_s(const struct stats_row *r)
{
    return per_second(r, r->sent_bytes) / 1024.0;
}
