/* test_stats.c - the log-linear histogram (percentiles against exact values
 * from generated data, merging, limits) and the per-label table (figures,
 * merging per-worker tables, the Aggregate Report print-out). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"
#include "jmx2run/sample.h"
#include "jmx2run/util.h"
#include "support/testutil.h"

/* A small deterministic generator (xorshift64*), so failures reproduce. */
static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

/* Response-time-like values: mostly tens to hundreds of ms, a long tail up
 * to more than a day. */
static int64_t gen_value(void)
{
    uint64_t r = rng();
    switch (r % 10) {
    case 0:
        return (int64_t)(rng() % 256);                      /* exact region */
    case 1:
        return (int64_t)(rng() % 100000000);                /* up to ~28 hours */
    default: {
        int shift = (int)(rng() % 14);                      /* 1 .. 16383 * ... */
        return (int64_t)((rng() % 1000) << shift) / 8 + 1;
    }
    }
}

static int cmp_ll(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* JMeter's StatCalculator on a sorted array: rank round(n*p), at least 1. */
static int64_t exact_percentile(const int64_t *sorted, size_t n, double p)
{
    if (p >= 1.0)
        return sorted[n - 1];
    double target = (double)(int64_t)((double)n * p + 0.5);
    size_t rank = target < 1 ? 1 : (size_t)target;
    return sorted[rank - 1];
}

static void check_percentiles(const struct histogram *h, int64_t *values, size_t n)
{
    qsort(values, n, sizeof *values, cmp_ll);
    static const double ps[] = { 0.0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0 };
    for (size_t i = 0; i < ARRAY_LEN(ps); i++) {
        int64_t exact = exact_percentile(values, n, ps[i]);
        int64_t got = histogram_percentile(h, ps[i]);
        /* Never below the true value, at most 1/128 above it (exact below 256). */
        bool ok = got >= exact && (double)(got - exact) <= (double)exact / 128.0;
        if (exact < 256)
            ok = got == exact;
        if (!ok)
            fprintf(stderr, "\n    p=%g: exact %lld, histogram %lld\n", ps[i], (long long)exact,
                    (long long)got);
        CU_ASSERT_TRUE(ok);
    }
    CU_ASSERT_EQUAL(h->min, values[0]);
    CU_ASSERT_EQUAL(h->max, values[n - 1]);
}

static void test_exact_below_256(void)
{
    struct histogram h;
    histogram_init(&h);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.5), 0);
    int64_t values[255];
    for (int i = 0; i < 255; i++) {
        values[i] = (i * 37) % 255;
        histogram_record(&h, values[i]);
    }
    check_percentiles(&h, values, 255);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.5), 127);    /* rank 128 of 0..254 */
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.9), 229);    /* rank round(229.5) = 230 */
    histogram_free(&h);

    /* JMeter's small-count behaviour: 1 value, 2 values. */
    histogram_init(&h);
    histogram_record(&h, 42);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.5), 42);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.99), 42);
    histogram_record(&h, 7);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.5), 7);      /* rank round(1.0) = 1 */
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.75), 42);    /* rank round(1.5) = 2 */
    histogram_free(&h);
}

static void test_generated_data(void)
{
    static const uint64_t seeds[] = { 1, 0x9E3779B97F4A7C15ULL, 12345, 777 };
    for (size_t s = 0; s < ARRAY_LEN(seeds); s++) {
        rng_state = seeds[s];
        size_t n = 20000 + 7919 * s;
        int64_t *values = xmalloc(n * sizeof *values);
        struct histogram h;
        histogram_init(&h);
        for (size_t i = 0; i < n; i++) {
            values[i] = gen_value();
            histogram_record(&h, values[i]);
        }
        CU_ASSERT_EQUAL(h.count, n);
        check_percentiles(&h, values, n);
        free(values);
        histogram_free(&h);
    }
}

static void test_precision_boundaries(void)
{
    /* One value per test: the answer is that value's bucket top, clamped to max. */
    static const int64_t probes[] = { 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 65535,
                                      86400000, 86400001, 123456789012LL };
    for (size_t i = 0; i < ARRAY_LEN(probes); i++) {
        struct histogram h;
        histogram_init(&h);
        histogram_record(&h, probes[i]);
        histogram_record(&h, probes[i] + 100000000000LL);   /* a larger max */
        int64_t got = histogram_percentile(&h, 0.5);
        CU_ASSERT_TRUE(got >= probes[i]);
        CU_ASSERT_TRUE((double)(got - probes[i]) <= (double)probes[i] / 128.0);
        histogram_free(&h);
    }
    /* Values in the same bucket report the same top: 1024..1031 share one. */
    struct histogram h;
    histogram_init(&h);
    histogram_record(&h, 1024);
    histogram_record(&h, 5000);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.5), 1031);
    histogram_free(&h);

    /* Negative values count as 0 (min stays exact); beyond 2^41 all share the last bucket,
     * and the answer never exceeds the exact max. */
    histogram_init(&h);
    histogram_record(&h, -5);
    histogram_record(&h, INT64_MAX);
    histogram_record(&h, (int64_t)1 << 50);
    CU_ASSERT_EQUAL(h.min, -5);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 0.1), 0);
    CU_ASSERT_EQUAL(histogram_percentile(&h, 1.0), INT64_MAX);
    int64_t mid = histogram_percentile(&h, 0.5);
    CU_ASSERT_TRUE(mid >= ((int64_t)1 << 41) - 1 && mid < ((int64_t)1 << 42));
    histogram_free(&h);
}

static void test_merge(void)
{
    rng_state = 4242;
    enum { N = 30000, PARTS = 4 };
    int64_t *values = xmalloc(N * sizeof *values);
    struct histogram whole, parts[PARTS], merged;
    histogram_init(&whole);
    histogram_init(&merged);
    for (int p = 0; p < PARTS; p++)
        histogram_init(&parts[p]);
    for (int i = 0; i < N; i++) {
        values[i] = gen_value();
        histogram_record(&whole, values[i]);
        histogram_record(&parts[(i * 7) % PARTS], values[i]);   /* uneven split */
    }
    for (int p = 0; p < PARTS; p++)
        histogram_merge(&merged, &parts[p]);
    CU_ASSERT_EQUAL(merged.count, N);
    CU_ASSERT_EQUAL(merged.min, whole.min);
    CU_ASSERT_EQUAL(merged.max, whole.max);
    for (double p = 0.0; p <= 1.0; p += 0.0125)
        CU_ASSERT_EQUAL(histogram_percentile(&merged, p), histogram_percentile(&whole, p));
    check_percentiles(&merged, values, N);
    /* Merging an empty histogram changes nothing. */
    struct histogram empty;
    histogram_init(&empty);
    histogram_merge(&merged, &empty);
    CU_ASSERT_EQUAL(merged.count, N);
    CU_ASSERT_EQUAL(histogram_percentile(&merged, 0.9), histogram_percentile(&whole, 0.9));
    /* Recording into warmed-up ranges allocates nothing: the arrays stay put. */
    uint64_t *range0 = whole.ranges[0];
    histogram_record(&whole, 17);
    CU_ASSERT_PTR_EQUAL(whole.ranges[0], range0);
    for (int p = 0; p < PARTS; p++)
        histogram_free(&parts[p]);
    histogram_free(&whole);
    histogram_free(&merged);
    free(values);
}

/* ---- the per-label table ---- */

static struct sample *smp(const char *label, int64_t start, int64_t elapsed, bool ok,
                          int64_t bytes, int64_t sent)
{
    struct sample *s = sample_new();
    sample_set_label(s, label);
    s->start_ms = start;
    s->elapsed_ms = elapsed;
    s->end_ms = start + elapsed;
    s->success = ok;
    s->bytes = bytes;
    s->sent_bytes = sent;
    return s;
}

static void add(struct stats_table *t, const char *label, int64_t start, int64_t elapsed, bool ok,
                int64_t bytes, int64_t sent)
{
    struct sample *s = smp(label, start, elapsed, ok, bytes, sent);
    sample_add_sub(s, smp("ignored sub-sample", start, 1, false, 999, 999));
    stats_table_add(t, s);
    sample_free(s);
}

static void test_table_figures(void)
{
    struct stats_table *t = stats_table_new();
    /* Home: 4 samples over 0 .. 10000 ms; Login: 2 samples. */
    add(t, "Home", 1000000, 100, true, 2048, 512);
    add(t, "Login", 1000500, 300, false, 1024, 1024);
    add(t, "Home", 1003000, 200, true, 2048, 512);
    add(t, "Home", 1006000, 150, false, 2048, 512);
    add(t, "Login", 1007000, 500, true, 1024, 1024);
    add(t, "Home", 1009750, 250, true, 2048, 512);
    CU_ASSERT_EQUAL_FATAL(stats_table_rows(t), 2);
    CU_ASSERT_STRING_EQUAL(stats_table_row(t, 0)->label, "Home");
    CU_ASSERT_STRING_EQUAL(stats_table_row(t, 1)->label, "Login");
    CU_ASSERT_PTR_NULL(stats_table_row(t, 2));
    CU_ASSERT_PTR_NULL(stats_table_find(t, "ignored sub-sample"));

    const struct stats_row *home = stats_table_find(t, "Home");
    CU_ASSERT_PTR_NOT_NULL_FATAL(home);
    CU_ASSERT_EQUAL(home->count, 4);
    CU_ASSERT_EQUAL(home->errors, 1);
    CU_ASSERT_EQUAL(stats_row_mean(home), 175);
    CU_ASSERT_EQUAL(home->elapsed.min, 100);
    CU_ASSERT_EQUAL(home->elapsed.max, 250);
    CU_ASSERT_EQUAL(histogram_percentile(&home->elapsed, 0.5), 150);
    CU_ASSERT_DOUBLE_EQUAL(stats_row_error_fraction(home), 0.25, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(stats_row_throughput(home), 0.4, 1e-12);      /* 4 in 10 s */
    CU_ASSERT_DOUBLE_EQUAL(stats_row_received_kb_per_s(home), 0.8, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(stats_row_sent_kb_per_s(home), 0.2, 1e-12);

    const struct stats_row *total = stats_table_total(t);
    CU_ASSERT_STRING_EQUAL(total->label, "TOTAL");
    CU_ASSERT_EQUAL(total->count, 6);
    CU_ASSERT_EQUAL(total->errors, 2);
    CU_ASSERT_EQUAL(total->sum_ms, 1500);
    CU_ASSERT_EQUAL(total->bytes, 10240);
    CU_ASSERT_EQUAL(total->first_start_ms, 1000000);
    CU_ASSERT_EQUAL(total->last_end_ms, 1010000);

    /* All in one millisecond: throughput is undefined. */
    struct stats_table *u = stats_table_new();
    add(u, "Same", 5000, 0, true, 1, 1);
    CU_ASSERT_TRUE(stats_row_throughput(stats_table_find(u, "Same")) < 0);
    CU_ASSERT_DOUBLE_EQUAL(stats_row_received_kb_per_s(stats_table_find(u, "Same")), 0.0, 0);
    stats_table_free(u);
    stats_table_free(t);
}

static void test_table_merge(void)
{
    rng_state = 99;
    static const char *const labels[] = { "a", "b", "c", "d", "e", "f", "g" };
    enum { WORKERS = 5, N = 20000 };
    struct stats_table *workers[WORKERS], *single = stats_table_new(), *merged = stats_table_new();
    for (int w = 0; w < WORKERS; w++)
        workers[w] = stats_table_new();
    for (int i = 0; i < N; i++) {
        const char *label = labels[rng() % ARRAY_LEN(labels)];
        int64_t start = 1700000000000LL + (int64_t)(rng() % 600000);
        int64_t elapsed = gen_value();
        bool ok = rng() % 17 != 0;
        int64_t bytes = (int64_t)(rng() % 5000), sent = (int64_t)(rng() % 900);
        struct sample *s = smp(label, start, elapsed, ok, bytes, sent);
        stats_table_add(single, s);
        stats_table_add(workers[rng() % WORKERS], s);
        sample_free(s);
    }
    for (int w = 0; w < WORKERS; w++)
        stats_table_merge(merged, workers[w]);
    CU_ASSERT_EQUAL(stats_table_rows(merged), stats_table_rows(single));
    for (size_t i = 0; i <= stats_table_rows(single); i++) {
        const struct stats_row *a = i < stats_table_rows(single) ? stats_table_row(single, i)
                                                                 : stats_table_total(single);
        const struct stats_row *b = i < stats_table_rows(single) ? stats_table_find(merged, a->label)
                                                                 : stats_table_total(merged);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(a->count, b->count);
        CU_ASSERT_EQUAL(a->errors, b->errors);
        CU_ASSERT_EQUAL(a->sum_ms, b->sum_ms);
        CU_ASSERT_EQUAL(a->bytes, b->bytes);
        CU_ASSERT_EQUAL(a->sent_bytes, b->sent_bytes);
        CU_ASSERT_EQUAL(a->first_start_ms, b->first_start_ms);
        CU_ASSERT_EQUAL(a->last_end_ms, b->last_end_ms);
        CU_ASSERT_EQUAL(a->elapsed.min, b->elapsed.min);
        CU_ASSERT_EQUAL(a->elapsed.max, b->elapsed.max);
        static const double ps[] = { 0.5, 0.9, 0.95, 0.99 };
        for (size_t k = 0; k < ARRAY_LEN(ps); k++)
            CU_ASSERT_EQUAL(histogram_percentile(&a->elapsed, ps[k]),
                            histogram_percentile(&b->elapsed, ps[k]));
    }
    CU_ASSERT_EQUAL(stats_table_total(merged)->count, N);
    /* Merging into itself-like copies doubles the counts. */
    stats_table_merge(merged, single);
    CU_ASSERT_EQUAL(stats_table_total(merged)->count, 2 * N);
    for (int w = 0; w < WORKERS; w++)
        stats_table_free(workers[w]);
    stats_table_free(single);
    stats_table_free(merged);
}

/* Values of 256 ms and more print as their bucket's top: 300 -> 301. */
static void test_table_print(void)
{
    struct stats_table *t = stats_table_new();
    add(t, "Home page", 1000000, 100, true, 2048, 512);
    add(t, "Login", 1000500, 300, false, 1024, 1024);
    add(t, "Home page", 1003000, 200, true, 2048, 512);
    add(t, "Home page", 1006000, 150, false, 2048, 512);
    add(t, "Login", 1007000, 500, true, 1024, 1024);
    add(t, "Home page", 1009750, 250, true, 2048, 512);
    add(t, "Rare", 1000000, 40, true, 10, 0);
    add(t, "Rare", 1199960, 60, true, 10, 0);       /* 2 in 200 s: per minute */
    struct strbuf out;
    strbuf_init(&out);
    stats_table_print(t, &out);
    char *path = test_path("tests/data/report/aggregate.txt");
    size_t len;
    char *expected = file_read_all(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(expected);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, expected);
    free(expected);
    free(path);
    strbuf_free(&out);
    stats_table_free(t);

    /* An empty table prints the header and a zero TOTAL line. */
    t = stats_table_new();
    strbuf_init(&out);
    stats_table_print(t, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s,
                               "Label  # Samples  Average  Median  90% Line  95% Line  99% Line  "
                               "Min  Max  Error %  Throughput  Received KB/sec  Sent KB/sec\n"
                               "TOTAL          0        0       0         0         0         0  "
                               "  0    0    0.00%     .0/hour             0.00         0.00\n");
    strbuf_free(&out);
    stats_table_free(t);
}

/* Paced samples: elapsed and time from the intended start, per label and in
 * TOTAL, merged across tables, and a table only when something was paced. */
static void test_paced(void)
{
    struct stats_table *a = stats_table_new(), *b = stats_table_new();
    struct strbuf out;
    strbuf_init(&out);
    add(a, "free", 1000, 50, true, 0, 0);
    stats_table_print_paced(a, &out);
    CU_ASSERT_EQUAL(out.len, 0);                 /* nothing paced, nothing printed */

    /* on time: intended == start; late by 400 ms; "early" counts as measured */
    int64_t intended[3] = {2000, 1600, 2100};
    for (int i = 0; i < 3; i++) {
        struct sample *s = smp("paced", 2000, 100, true, 0, 0);
        s->intended_start_ms = intended[i];
        stats_table_add(i < 2 ? a : b, s);
        sample_free(s);
    }
    stats_table_merge(a, b);
    const struct stats_row *r = stats_table_find(a, "paced");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->paced, 3);
    CU_ASSERT_EQUAL(r->paced_elapsed.max, 100);
    CU_ASSERT_EQUAL(r->paced_from_intended.min, 100);
    CU_ASSERT_EQUAL(r->paced_from_intended.max, 500);
    CU_ASSERT_EQUAL(stats_table_find(a, "free")->paced, 0);
    CU_ASSERT_EQUAL(stats_table_total(a)->paced, 3);
    stats_table_print_paced(a, &out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "intended send"));
    CU_ASSERT_PTR_NULL(strstr(out.s, "free"));   /* unpaced labels are left out */
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "\npaced "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "\nTOTAL "));
    strbuf_free(&out);
    stats_table_free(a);
    stats_table_free(b);
}

int main(void)
{
    static const struct cu_test tests[] = {
        { "exact below 256", test_exact_below_256 },
        { "percentiles of generated data", test_generated_data },
        { "precision at bucket boundaries", test_precision_boundaries },
        { "histogram merge", test_merge },
        { "table figures", test_table_figures },
        { "table merge", test_table_merge },
        { "table print", test_table_print },
        { "paced samples", test_paced },
        { NULL, NULL },
    };
    return cu_run("stats", tests);
}
