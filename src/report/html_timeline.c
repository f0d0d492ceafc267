/* html_timeline.c - time buckets for the charts over time, with a width that
 * follows the length of the run without knowing it in advance.
 *
 * Buckets start at 1 s and are aligned on multiples of their width (as JMeter
 * aligns on its granularity). When the rows seen so far span more than
 * HTML_MAX_BUCKETS buckets, the width moves to the next step of a ladder in
 * which each step is a multiple of the one before (1 s, 5 s, 10 s, 30 s, 1 min,
 * 5 min, 10 min, 30 min, 1 h, 2 h, 6 h, 12 h, 1 day, then doubling), so the
 * old buckets merge exactly into the new ones. Rows may come in any order. */
#include <stdlib.h>
#include <string.h>
#include "html_internal.h"

static const int64_t ladder[] = {
    1000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000, 7200000, 21600000,
    43200000, 86400000,
};

static int64_t next_width(int64_t w)
{
    for (size_t i = 0; i < ARRAY_LEN(ladder); i++)
        if (ladder[i] > w)
            return ladder[i];
    return w > INT64_MAX / 2 ? w : w * 2;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static void bucket_init(struct html_bucket *b)
{
    memset(b, 0, sizeof *b);
    histogram_init(&b->ok_elapsed);
}

static void bucket_free(struct html_bucket *b)
{
    free(b->codes);
    histogram_free(&b->ok_elapsed);
}

static void bucket_merge(struct html_bucket *dst, struct html_bucket *src)
{
    dst->hits += src->hits;
    dst->hit_errors += src->hit_errors;
    if (src->codes) {
        if (!dst->codes)
            dst->codes = xcalloc(HTML_MAX_CODES + 1, sizeof *dst->codes);
        for (size_t i = 0; i <= HTML_MAX_CODES; i++)
            dst->codes[i] += src->codes[i];
    }
    histogram_merge(&dst->ok_elapsed, &src->ok_elapsed);
    dst->threads_n += src->threads_n;
    dst->threads_sum += src->threads_sum;
    dst->timing_n += src->timing_n;
    dst->latency_sum += src->latency_sum;
    dst->connect_sum += src->connect_sum;
    dst->received += src->received;
    dst->sent += src->sent;
}

void html_timeline_init(struct html_timeline *t)
{
    memset(t, 0, sizeof *t);
    t->gran_ms = ladder[0];
}

void html_timeline_free(struct html_timeline *t)
{
    for (size_t i = 0; i < t->n; i++)
        bucket_free(&t->b[i]);
    free(t->b);
    html_timeline_init(t);
}

/* Moves to the next, wider step and merges the buckets into it. */
static void coarsen(struct html_timeline *t)
{
    int64_t w = next_width(t->gran_ms);
    if (w == t->gran_ms)
        return;
    int64_t k = w / t->gran_ms;
    int64_t lo = floor_div(t->lo, k);
    size_t n = (size_t)(floor_div(t->lo + (int64_t)t->n - 1, k) - lo + 1);
    struct html_bucket *nb = xmalloc(n * sizeof *nb);
    for (size_t i = 0; i < n; i++)
        bucket_init(&nb[i]);
    for (size_t i = 0; i < t->n; i++) {
        size_t j = (size_t)(floor_div(t->lo + (int64_t)i, k) - lo);
        bucket_merge(&nb[j], &t->b[i]);
        bucket_free(&t->b[i]);
    }
    free(t->b);
    t->b = nb;
    t->n = n;
    t->lo = lo;
    t->gran_ms = w;
}

struct html_bucket *html_timeline_at(struct html_timeline *t, int64_t ms)
{
    for (;;) {
        int64_t idx = floor_div(ms, t->gran_ms);
        if (t->n == 0) {
            t->b = xmalloc(sizeof *t->b);
            bucket_init(&t->b[0]);
            t->lo = idx;
            t->n = 1;
            return &t->b[0];
        }
        int64_t hi = t->lo + (int64_t)t->n - 1;
        if (idx >= t->lo && idx <= hi)
            return &t->b[idx - t->lo];
        int64_t new_lo = idx < t->lo ? idx : t->lo;
        int64_t new_hi = idx > hi ? idx : hi;
        /* Indices are at most 2^63 / 1000 apart, so the span cannot overflow. */
        if (new_hi - new_lo + 1 > HTML_MAX_BUCKETS) {
            int64_t before = t->gran_ms;
            coarsen(t);
            if (t->gran_ms == before)       /* the widest step: cannot happen in 2^63 ms */
                return &t->b[idx < t->lo ? 0 : t->n - 1];
            continue;
        }
        size_t n = (size_t)(new_hi - new_lo + 1);
        size_t shift = (size_t)(t->lo - new_lo);
        t->b = xrealloc(t->b, n * sizeof *t->b);
        if (shift) {
            memmove(t->b + shift, t->b, t->n * sizeof *t->b);
            for (size_t i = 0; i < shift; i++)
                bucket_init(&t->b[i]);
        }
        for (size_t i = shift + t->n; i < n; i++)
            bucket_init(&t->b[i]);
        t->lo = new_lo;
        t->n = n;
        return &t->b[idx - new_lo];
    }
}
