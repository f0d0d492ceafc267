/* test_stats.c - the log-linear histogram (percentiles against exact values
 * from generated data, merging, limits) and the per-label table (figures,
 * merging per-worker tables, the Aggregate Report print-out); the top-errors
 * table and the --summary-json document built from them. */
#include <jansson.h>
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

/* ---- top errors (errors_table.c) and the JSON summary (summary_json.c) ---- */

static struct sample *failed(const char *label, const char *code, const char *message,
                             const char *assertion_failure)
{
    struct sample *s = sample_new();
    sample_set_label(s, label);
    s->response_code = xstrdup(code);
    s->response_message = xstrdup(message);
    s->success = false;
    if (assertion_failure)
        sample_add_assertion(s, "check", true, false, assertion_failure);
    return s;
}

static void key_is(struct sample *s, const char *want)
{
    struct strbuf key;
    strbuf_init(&key);
    errors_table_key(s, &key);
    CU_ASSERT_STRING_EQUAL_MSG(key.s, want);
    strbuf_free(&key);
    sample_free(s);
}

/* The key of the HTML report's "errors by type" (JMeter's dashboard). */
static void test_error_keys(void)
{
    key_is(failed("a", "500", "Internal Server Error", NULL), "500/Internal Server Error");
    key_is(failed("a", "404", "", NULL), "404");
    key_is(failed("a", "200", "OK", "Test failed: text expected to contain /Welcome/"),
           "Test failed: text expected to contain /Welcome/");
    key_is(failed("a", "302", "Found", NULL), "Assertion failed");
    key_is(failed("a", "", "", "Duration too long"), "Duration too long");
    /* an error code wins over an assertion message */
    key_is(failed("a", "503", "Service Unavailable", "Test failed"), "503/Service Unavailable");
    struct sample *s = failed("a", "", "", NULL);
    sample_set_non_http_error(s, "java.net.SocketTimeoutException", "Read timed out");
    key_is(s, "Non HTTP response code: java.net.SocketTimeoutException/"
              "Non HTTP response message: Read timed out");
}

static void add_error(struct errors_table *t, struct sample *s)
{
    errors_table_add(t, s);
    sample_free(s);
}

static void test_errors_order(void)
{
    struct errors_table *t = errors_table_new();
    struct sample *ok = failed("fine", "200", "OK", NULL);
    ok->success = true;
    add_error(t, ok);                                         /* not an error */
    add_error(t, failed("login", "401", "Unauthorized", NULL));
    add_error(t, failed("cart", "500", "Internal Server Error", NULL));
    add_error(t, failed("checkout", "500", "Internal Server Error", NULL));
    add_error(t, failed("search", "200", "OK", "Test failed: no results"));
    add_error(t, failed("search", "200", "OK", "Test failed: no results"));
    CU_ASSERT_EQUAL(errors_table_total(t), 5);
    const struct error_kind *top[10];
    size_t n = errors_table_top(t, top, 10);
    CU_ASSERT_EQUAL(n, 3);
    if (n == 3) {
        /* 2 and 2: the one seen first comes first */
        CU_ASSERT_STRING_EQUAL_MSG(top[0]->key, "500/Internal Server Error");
        CU_ASSERT_EQUAL(top[0]->count, 2);
        CU_ASSERT_STRING_EQUAL_MSG(top[0]->first_label, "cart");
        CU_ASSERT_STRING_EQUAL_MSG(top[1]->key, "Test failed: no results");
        CU_ASSERT_STRING_EQUAL_MSG(top[2]->key, "401/Unauthorized");
        CU_ASSERT_EQUAL(top[2]->count, 1);
    }
    CU_ASSERT_EQUAL(errors_table_top(t, top, 1), 1);

    struct strbuf out;
    strbuf_init(&out);
    errors_table_print(t, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s,
        "Top errors                 Count  % of errors  First label\n"
        "500/Internal Server Error      2       40.00%  cart\n"
        "Test failed: no results        2       40.00%  search\n"
        "401/Unauthorized               1       20.00%  login\n");
    strbuf_free(&out);
    errors_table_free(t);

    struct errors_table *none = errors_table_new();
    strbuf_init(&out);
    errors_table_print(none, &out);                          /* nothing without errors */
    CU_ASSERT_EQUAL(out.len, 0);
    strbuf_free(&out);
    errors_table_free(none);
}

/* A failed transaction counts its failed children (parent mode: its
 * sub-samples), never itself: in the other mode its children were counted
 * on their own already. */
static void test_errors_transactions(void)
{
    struct errors_table *t = errors_table_new();
    struct sample *tx = failed("buy", "", "Number of samples in transaction : 3, number of "
                                          "failing samples : 2", NULL);
    tx->origin = SAMPLE_FROM_TRANSACTION;
    struct sample *ok = failed("home", "200", "OK", NULL);
    ok->success = true;
    sample_add_sub(tx, ok);
    sample_add_sub(tx, failed("pay", "503", "Service Unavailable", NULL));
    struct sample *inner = failed("inner tx", "", "Number of samples in transaction : 1, "
                                                  "number of failing samples : 1", NULL);
    inner->origin = SAMPLE_FROM_TRANSACTION;
    sample_add_sub(inner, failed("confirm", "409", "Conflict", NULL));
    sample_add_sub(tx, inner);
    add_error(t, tx);
    struct sample *plain_tx = failed("browse", "", "Number of samples in transaction : 2, "
                                                   "number of failing samples : 1", NULL);
    plain_tx->origin = SAMPLE_FROM_TRANSACTION;              /* non-parent mode: no subs */
    add_error(t, plain_tx);
    CU_ASSERT_EQUAL(errors_table_total(t), 2);
    const struct error_kind *top[4];
    CU_ASSERT_EQUAL(errors_table_top(t, top, 4), 2);
    CU_ASSERT_STRING_EQUAL_MSG(top[0]->key, "503/Service Unavailable");
    CU_ASSERT_STRING_EQUAL_MSG(top[0]->first_label, "pay");
    CU_ASSERT_STRING_EQUAL_MSG(top[1]->key, "409/Conflict");
    CU_ASSERT_STRING_EQUAL_MSG(top[1]->first_label, "confirm");
    errors_table_free(t);
}

/* Bounded memory: past the limit new kinds share one row; the console shows
 * ten rows, one line each, and says how many errors it left out. */
static void test_errors_limits(void)
{
    struct errors_table *t = errors_table_new();
    for (int i = 0; i < ERRORS_TABLE_MAX_KINDS + 5; i++) {
        char message[32];
        snprintf(message, sizeof message, "error %d", i);
        add_error(t, failed("x", "500", message, NULL));
    }
    for (int i = 0; i < 3; i++)
        add_error(t, failed("y", "500", "error 7", NULL));
    for (int i = 0; i < 6; i++)
        add_error(t, failed("z", "500", "error 100000", NULL));     /* one more new kind */
    CU_ASSERT_EQUAL(errors_table_total(t), ERRORS_TABLE_MAX_KINDS + 5 + 3 + 6);
    const struct error_kind *top[3];
    CU_ASSERT_EQUAL(errors_table_top(t, top, 3), 3);
    CU_ASSERT_STRING_EQUAL_MSG(top[0]->key, "(other errors)");
    CU_ASSERT_EQUAL(top[0]->count, 5 + 6);
    CU_ASSERT_STRING_EQUAL_MSG(top[0]->first_label, "x");
    CU_ASSERT_STRING_EQUAL_MSG(top[1]->key, "500/error 7");
    CU_ASSERT_EQUAL(top[1]->count, 4);
    CU_ASSERT_STRING_EQUAL_MSG(top[2]->key, "500/error 0");

    struct strbuf out;
    strbuf_init(&out);
    errors_table_print(t, &out);
    size_t lines = 0;
    for (size_t i = 0; i < out.len; i++)
        lines += out.s[i] == '\n';
    CU_ASSERT_EQUAL(lines, 1 + ERRORS_TABLE_TOP + 1);
    /* 10 rows shown: 11 + 4 + 8 x 1 errors; the rest are left out */
    char want[96];
    snprintf(want, sizeof want, "(and %d other kinds of error: %d errors)\n",
             ERRORS_TABLE_MAX_KINDS + 1 - ERRORS_TABLE_TOP,
             ERRORS_TABLE_MAX_KINDS + 5 + 3 + 6 - (11 + 4 + 8));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, want));
    strbuf_free(&out);
    errors_table_free(t);

    /* a multi-line, very long message stays on one console line */
    t = errors_table_new();
    char big[400];
    memset(big, 'm', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[10] = '\n';
    add_error(t, failed("long", "200", "OK", big));
    strbuf_init(&out);
    errors_table_print(t, &out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "\nmmmmmmmmmm mmm"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "m...  "));
    lines = 0;
    for (size_t i = 0; i < out.len; i++)
        lines += out.s[i] == '\n';
    CU_ASSERT_EQUAL(lines, 2);
    strbuf_free(&out);
    const struct error_kind *k;
    CU_ASSERT_EQUAL(errors_table_top(t, &k, 1), 1);
    CU_ASSERT_STRING_EQUAL_MSG(k->key, big);                  /* kept whole for the JSON */
    errors_table_free(t);
}

static void test_secret_names(void)
{
    CU_ASSERT_TRUE(summary_property_is_secret("db_password"));
    CU_ASSERT_TRUE(summary_property_is_secret("API_TOKEN"));
    CU_ASSERT_TRUE(summary_property_is_secret("clientSecret"));
    CU_ASSERT_TRUE(summary_property_is_secret("Password"));
    CU_ASSERT_FALSE(summary_property_is_secret("users"));
    CU_ASSERT_FALSE(summary_property_is_secret("pass"));
}

static void test_summary_json(void)
{
    struct stats_table *t = stats_table_new();
    add(t, "Home", 1000, 100, true, 2048, 512);
    add(t, "Home", 2000, 300, false, 1024, 512);
    add(t, "Bad\xff label", 2000, 0, true, 0, 0);
    struct errors_table *e = errors_table_new();
    add_error(e, failed("Home", "500", "Internal Server Error", NULL));
    const char *props[] = {"users=5", "api_token=abc123", "empty=", "url=a=b"};
    struct summary_settings settings = {
        .plan_file = "plan.jmx", .start_ms = 1000, .end_ms = 3500, .worker_threads = 2,
        .properties = props, .n_properties = ARRAY_LEN(props),
    };
    struct criterion c[2];
    char *error = NULL;
    CU_ASSERT_TRUE(criterion_parse("p95[Home]>200ms", &c[0], &error));
    CU_ASSERT_TRUE(criterion_parse("p95[gone]>1s", &c[1], &error));
    struct criterion_result r[2];
    criterion_evaluate(&c[0], t, &r[0]);
    criterion_evaluate(&c[1], t, &r[1]);
    char *text = summary_json_render(t, e, &settings, c, r, 2);
    CU_ASSERT_PTR_NOT_NULL(text);
    CU_ASSERT_PTR_NULL(strstr(text, "abc123"));               /* never the secret's value */
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    CU_ASSERT_PTR_NOT_NULL(root);
    if (root) {
        json_t *run = json_object_get(root, "run");
        CU_ASSERT_STRING_EQUAL_MSG(json_string_value(json_object_get(run, "plan")), "plan.jmx");
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(run, "duration_ms")), 2500);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(run, "worker_threads")), 2);
        json_t *p = json_object_get(run, "properties");
        CU_ASSERT_STRING_EQUAL_MSG(json_string_value(json_object_get(p, "users")), "5");
        CU_ASSERT_TRUE(json_is_null(json_object_get(p, "api_token")));
        CU_ASSERT_STRING_EQUAL_MSG(json_string_value(json_object_get(p, "empty")), "");
        CU_ASSERT_STRING_EQUAL_MSG(json_string_value(json_object_get(p, "url")), "a=b");
        CU_ASSERT_PTR_NOT_NULL(strstr(json_string_value(json_object_get(root, "percentile_method")),
                                      "0.78%"));
        json_t *labels = json_object_get(root, "labels");
        CU_ASSERT_EQUAL(json_array_size(labels), 2);
        json_t *home = json_array_get(labels, 0);
        CU_ASSERT_STRING_EQUAL_MSG(json_string_value(json_object_get(home, "label")), "Home");
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(home, "samples")), 2);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(home, "errors")), 1);
        CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(home, "error_rate")), 0.5, 1e-9);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(home, "avg_ms")), 200);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(home, "min_ms")), 100);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(home, "max_ms")), 300);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(home, "median_ms")), 100);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(home, "p99_ms")), 300);
        /* 2 samples over 1000 .. 2300 ms */
        CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(home, "throughput_per_s")),
                               2.0 / 1.3, 1e-6);
        /* invalid UTF-8 in a label becomes U+FFFD */
        CU_ASSERT_STRING_EQUAL_MSG(json_string_value(json_object_get(json_array_get(labels, 1), "label")),
                                   "Bad\xEF\xBF\xBD label");
        CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(labels, 1), "throughput_per_s")));
        json_t *total = json_object_get(root, "total");
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(total, "samples")), 3);
        CU_ASSERT_EQUAL(json_integer_value(json_object_get(root, "errors_counted")), 1);
        json_t *top = json_array_get(json_object_get(root, "top_errors"), 0);
        CU_ASSERT_STRING_EQUAL_MSG(json_string_value(json_object_get(top, "error")),
                                   "500/Internal Server Error");
        CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(top, "percent_of_errors")), 100.0, 1e-9);
        json_t *crit = json_object_get(root, "criteria");
        CU_ASSERT_EQUAL(json_array_size(crit), 2);
        CU_ASSERT_TRUE(json_is_true(json_object_get(json_array_get(crit, 0), "breached")));
        CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(json_array_get(crit, 0), "value")),
                               300.0, 1e-9);
        CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(crit, 1), "value")));
        json_decref(root);
    }
    free(text);
    criterion_free(&c[0]);
    criterion_free(&c[1]);
    errors_table_free(e);
    stats_table_free(t);
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
        { "error keys", test_error_keys },
        { "top errors: order and print", test_errors_order },
        { "top errors: transactions", test_errors_transactions },
        { "top errors: limits", test_errors_limits },
        { "secret property names", test_secret_names },
        { "summary JSON", test_summary_json },
        { NULL, NULL },
    };
    return cu_run("stats", tests);
}
