/* histogram.c - a log-linear histogram of millisecond values (see report.h):
 * exact counts below 256, then 128 equal buckets per power of two. Bucket
 * arrays appear the first time a range is hit; recording is a shift, a
 * subtraction and an increment. */
#include <math.h>
#include <stdlib.h>
#include "jmx2run/report.h"

#define SUB_BITS 7
#define HALF (1 << SUB_BITS)            /* buckets per range above the exact one */
#define EXACT (2 * HALF)                /* 0..255 counted one by one */

static size_t range_size(int r)
{
    return r == 0 ? EXACT : HALF;
}

void histogram_init(struct histogram *h)
{
    for (int r = 0; r < HISTOGRAM_RANGES; r++)
        h->ranges[r] = NULL;
    h->count = 0;
    h->min = INT64_MAX;
    h->max = INT64_MIN;
}

void histogram_free(struct histogram *h)
{
    for (int r = 0; r < HISTOGRAM_RANGES; r++)
        free(h->ranges[r]);
    histogram_init(h);
}

static int highest_bit(uint64_t v)
{
#if defined(__GNUC__)
    return 63 - __builtin_clzll(v);
#else
    int b = 0;
    while (v >>= 1)
        b++;
    return b;
#endif
}

/* Where a value is counted: its range and the bucket within it. */
static void locate(int64_t value, int *range, size_t *bucket)
{
    uint64_t v = value < 0 ? 0 : (uint64_t)value;
    if (v < EXACT) {
        *range = 0;
        *bucket = (size_t)v;
        return;
    }
    int r = highest_bit(v) - SUB_BITS;          /* 1 for 256..511 */
    if (r >= HISTOGRAM_RANGES) {
        *range = HISTOGRAM_RANGES - 1;
        *bucket = HALF - 1;
        return;
    }
    *range = r;
    *bucket = (size_t)(v >> r) - HALF;
}

/* The largest value a bucket holds. */
static int64_t bucket_top(int range, size_t bucket)
{
    if (range == 0)
        return (int64_t)bucket;
    return (int64_t)((((uint64_t)HALF + bucket + 1) << range) - 1);
}

void histogram_record(struct histogram *h, int64_t value)
{
    int r;
    size_t b;
    locate(value, &r, &b);
    if (!h->ranges[r])
        h->ranges[r] = xcalloc(range_size(r), sizeof(uint64_t));
    h->ranges[r][b]++;
    h->count++;
    if (value < h->min)
        h->min = value;
    if (value > h->max)
        h->max = value;
}

void histogram_merge(struct histogram *dst, const struct histogram *src)
{
    for (int r = 0; r < HISTOGRAM_RANGES; r++) {
        if (!src->ranges[r])
            continue;
        if (!dst->ranges[r])
            dst->ranges[r] = xcalloc(range_size(r), sizeof(uint64_t));
        for (size_t b = 0; b < range_size(r); b++)
            dst->ranges[r][b] += src->ranges[r][b];
    }
    dst->count += src->count;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
}

int64_t histogram_percentile(const struct histogram *h, double p)
{
    if (h->count == 0)
        return 0;
    if (p >= 1.0)
        return h->max;
    /* Java's Math.round: floor(x + 0.5). */
    double target = floor((double)h->count * p + 0.5);
    uint64_t rank = target < 1.0 ? 1 : (uint64_t)target;
    uint64_t seen = 0;
    for (int r = 0; r < HISTOGRAM_RANGES; r++) {
        if (!h->ranges[r])
            continue;
        for (size_t b = 0; b < range_size(r); b++) {
            seen += h->ranges[r][b];
            if (seen >= rank) {
                int64_t v = bucket_top(r, b);
                if (v > h->max)
                    v = h->max;
                if (v < h->min)
                    v = h->min;
                return v;
            }
        }
    }
    return h->max;
}
