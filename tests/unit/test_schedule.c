/* test_schedule.c - load shapes: Java number rules and java.util.Random,
 * Stepping and Ultimate thread windows against hand-computed examples of the
 * digest §3.6, threads_schedule, Concurrency/Arrivals/Free-Form rates and
 * arrival times, the Open Model parser (valid strings as JMeter renders them,
 * invalid ones with their messages) and its arrival generator (JMeter's own
 * test vectors with the same seeds, then counts and rates over large samples).
 * Everything is deterministic: fixed seeds, no clock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"
#include "testutil.h"

#define CU_ASSERT_NEAR(a, b, tol) CU_ASSERT(fabs((double)(a) - (double)(b)) <= (tol))

/* ------------------------------------------------------------ number rules */

static void test_java_numbers(void)
{
    CU_ASSERT_EQUAL(sched_java_round(2.5), 3);
    CU_ASSERT_EQUAL(sched_java_round(-2.5), -2);
    CU_ASSERT_EQUAL(sched_java_round(2.4999), 2);
    CU_ASSERT_EQUAL(sched_java_round(0.49999999999999994), 0);
    CU_ASSERT_EQUAL(sched_java_round(NAN), 0);
    CU_ASSERT_EQUAL(sched_java_round(1e300), INT64_MAX);
    CU_ASSERT_EQUAL(sched_java_round(-1e300), INT64_MIN);
    CU_ASSERT_EQUAL(sched_java_to_int(3.99), 3);
    CU_ASSERT_EQUAL(sched_java_to_int(-3.99), -3);
    CU_ASSERT_EQUAL(sched_java_to_int(1e10), INT32_MAX);
    CU_ASSERT_EQUAL(sched_java_to_int(-1e10), INT32_MIN);
    CU_ASSERT_EQUAL(sched_java_to_int(NAN), 0);
    CU_ASSERT_EQUAL(sched_java_to_long(1e19), INT64_MAX);
    CU_ASSERT_EQUAL(sched_java_to_long(INFINITY), INT64_MAX);
    CU_ASSERT_EQUAL(sched_s_to_ms(1.2345), 1235);
    CU_ASSERT_EQUAL(sched_s_to_ms(0.0004), 0);
}

static void test_java_random(void)
{
    /* new Random(0).nextDouble() and new Random(42).nextDouble() */
    struct sched_rng r;
    sched_rng_seed(&r, 0);
    CU_ASSERT_EQUAL(sched_rng_double(&r), 0.730967787376657);
    sched_rng_seed(&r, 42);
    CU_ASSERT_EQUAL(sched_rng_double(&r), 0.7275636800328681);
    /* a random seed still gives numbers in [0, 1) */
    sched_rng_seed_random(&r);
    for (int i = 0; i < 1000; i++) {
        double d = sched_rng_double(&r);
        CU_ASSERT(d >= 0 && d < 1);
    }
}

static void test_sorted_uniform(void)
{
    /* sorted in both directions, count exact, mean 1/2, median 1/2 */
    for (int desc = 0; desc < 2; desc++) {
        struct sched_rng r;
        sched_rng_seed(&r, 7 + desc);
        struct sched_sorted_uniform s;
        sched_sorted_uniform_init(&s, 100000, desc);
        double prev = desc ? 1 : 0, sum = 0, x;
        size_t n = 0, below_half = 0;
        bool ordered = true;
        while (sched_sorted_uniform_next(&s, &r, &x)) {
            if (desc ? x > prev : x < prev)
                ordered = false;
            if (x < 0 || x >= 1.0 + (desc ? 1e-300 : 0))
                ordered = false;
            prev = x;
            sum += x;
            below_half += x < 0.5;
            n++;
        }
        CU_ASSERT_TRUE(ordered);
        CU_ASSERT_EQUAL(n, 100000);
        CU_ASSERT_NEAR(sum / (double)n, 0.5, 0.005);
        CU_ASSERT_NEAR((double)below_half, 50000, 600);   /* 3.8 sigma */
    }
}

/* ------------------------------------------------------------ Stepping */

static void check_window(struct sched_window w, int64_t start, int64_t end, int line)
{
    if (w.start_ms != start || w.end_ms != end)
        fprintf(stderr, "\n    line %d: window %lld..%lld, expected %lld..%lld\n", line,
                (long long)w.start_ms, (long long)w.end_ms, (long long)start, (long long)end);
    CU_ASSERT_EQUAL(w.start_ms, start);
    CU_ASSERT_EQUAL(w.end_ms, end);
}

static void test_stepping(void)
{
    /* N=10, D=5, B=2, S=3, P=10, Ru=6, F=60, So=4, Po=5 (worked by hand from the
     * digest): buckets start at 5000 + k*16000; the burst spreads 6000/2, the
     * steps 6000/3; steps = ceil(8/3) = 3, last = 8 mod 3 = 2, so descent =
     * 5000 + 3*16000 + 2000*2 + 60000 = 117000; stops every 5 s, 4 at a time */
    struct stepping_params p = {10, 5, 2, 3, 10, 6, 60, 4, 5};
    static const int64_t start[10] = {5000, 8000, 21000, 23000, 25000,
                                      37000, 39000, 41000, 53000, 55000};
    static const int64_t end[10] = {117000, 117000, 117000, 117000, 122000,
                                    122000, 122000, 122000, 127000, 127000};
    struct sched_window w;
    for (int i = 0; i < 10; i++) {
        CU_ASSERT_TRUE(stepping_window(&p, i, &w));
        check_window(w, start[i], end[i], __LINE__);
    }
    CU_ASSERT_FALSE(stepping_window(&p, 10, &w));
    CU_ASSERT_FALSE(stepping_window(&p, -1, &w));

    /* the GUI's defaults: 100 users, 10 every 30 s over 5 s, hold 60 s, stop 5 every 1 s */
    struct stepping_params g = {100, 0, 0, 10, 30, 5, 60, 5, 1};
    CU_ASSERT_TRUE(stepping_window(&g, 0, &w));
    check_window(w, 0, 380000, __LINE__);
    CU_ASSERT_TRUE(stepping_window(&g, 9, &w));
    check_window(w, 4500, 381000, __LINE__);   /* floor(9 / 5) = 1 */
    CU_ASSERT_TRUE(stepping_window(&g, 10, &w));
    check_window(w, 35000, 382000, __LINE__);
    CU_ASSERT_TRUE(stepping_window(&g, 99, &w));
    check_window(w, 319500, 399000, __LINE__);

    /* zeros: S and So mean "all", the burst becomes S: everyone at once, no hold */
    struct stepping_params z = {4, 0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_TRUE(stepping_window(&z, i, &w));
        check_window(w, 0, 0, __LINE__);
    }
    /* a burst larger than N is clamped to N: one batch spread over the ramp */
    struct stepping_params b = {4, 1, 100, 2, 10, 4, 10, 0, 0};
    CU_ASSERT_TRUE(stepping_window(&b, 3, &w));
    check_window(w, 1000 + 3 * 1000, 1000 + 0 * 14000 + 2000 * 2 + 10000, __LINE__);
    /* no thread at all */
    struct stepping_params none = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    CU_ASSERT_FALSE(stepping_window(&none, 0, &w));
}

/* ------------------------------------------------------------ Ultimate */

static void test_ultimate(void)
{
    /* (10, 0, 30, 60, 10): k goes 10..1, so the first thread starts at 30 s
     * and stops at 100 s, the tenth starts at 3 s and stops at 91 s;
     * (3, 1, 7, 2, 5): floor(7000 k / 3) and floor(5000 k / 3) */
    const struct ultimate_row rows[] = {
        {10, 0, 30, 60, 10},
        {3, 1, 7, 2, 5},
        {2, 20, 0, 10, 0},
    };
    CU_ASSERT_EQUAL(ultimate_total_threads(rows, 3), 15);
    struct ultimate_cursor c;
    ultimate_cursor_init(&c);
    struct sched_window w;
    for (int k = 10; k >= 1; k--) {
        CU_ASSERT_TRUE(ultimate_next_window(&c, rows, 3, &w));
        check_window(w, 3000 * k, 90000 + 1000 * k, __LINE__);
    }
    CU_ASSERT_TRUE(ultimate_next_window(&c, rows, 3, &w));
    check_window(w, 8000, 15000, __LINE__);
    CU_ASSERT_TRUE(ultimate_next_window(&c, rows, 3, &w));
    check_window(w, 1000 + 4666, 10000 + 3333, __LINE__);
    CU_ASSERT_TRUE(ultimate_next_window(&c, rows, 3, &w));
    check_window(w, 1000 + 2333, 10000 + 1666, __LINE__);
    for (int k = 2; k >= 1; k--) {
        CU_ASSERT_TRUE(ultimate_next_window(&c, rows, 3, &w));
        check_window(w, 20000, 30000, __LINE__);
    }
    CU_ASSERT_FALSE(ultimate_next_window(&c, rows, 3, &w));

    /* the plugin's zero-row quirk: the empty row takes the first thread, so the
     * row after it only gets one of its two threads (the one with k = 2) */
    const struct ultimate_row quirk[] = {{0, 5, 1, 1, 1}, {2, 0, 4, 1, 2}};
    CU_ASSERT_EQUAL(ultimate_total_threads(quirk, 2), 2);
    ultimate_cursor_init(&c);
    CU_ASSERT_TRUE(ultimate_next_window(&c, quirk, 2, &w));
    check_window(w, 5000, 7000, __LINE__);
    CU_ASSERT_TRUE(ultimate_next_window(&c, quirk, 2, &w));
    check_window(w, 4000, 7000, __LINE__);
    CU_ASSERT_EQUAL(ultimate_total_threads(NULL, 0), 0);
}

static void test_ultimate_spawns(void)
{
    size_t n;
    char *warn = (char *)"unset";
    struct ultimate_row *r = ultimate_parse_spawns("spawn(1,1s,1s,1s,1s) spawn(2,1s,3s,1s,2s)", &n, &warn);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_PTR_NULL(warn);
    CU_ASSERT_TRUE(r && r[0].threads == 1 && r[0].initial_delay_s == 1 && r[0].startup_s == 1 &&
                   r[0].hold_s == 1 && r[0].shutdown_s == 1);
    CU_ASSERT_TRUE(r && r[1].threads == 2 && r[1].initial_delay_s == 1 && r[1].startup_s == 3 &&
                   r[1].hold_s == 1 && r[1].shutdown_s == 2);
    free(r);

    /* short durations: sums of s, m, h, d in any case; bare digits are seconds */
    r = ultimate_parse_spawns(" SPAWN( 5 , 1m30s, 2M , 1h, 1d10 )  ", &n, &warn);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_PTR_NULL(warn);
    CU_ASSERT_TRUE(r && r[0].threads == 5 && r[0].initial_delay_s == 90 && r[0].startup_s == 120 &&
                   r[0].hold_s == 3600 && r[0].shutdown_s == 86410);
    free(r);

    /* chunks the plugin ignores, each named in the warnings */
    r = ultimate_parse_spawns("spawn(1,1s,1s) ramp(1,2,3,4,5) spawn(x,1,1,1,1) spawn(1,1q,1,1,1) "
                              "spawn(3,0,0,0,0) spawn(1,s,1,1,1)", &n, &warn);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_TRUE(r && r[0].threads == 3 && r[0].hold_s == 0);
    CU_ASSERT_PTR_NOT_NULL(warn);
    if (warn) {
        CU_ASSERT_PTR_NOT_NULL(strstr(warn, "'spawn(1,1s,1s)': fewer than 5 values"));
        CU_ASSERT_PTR_NOT_NULL(strstr(warn, "' ramp(1,2,3,4,5)': unknown load type"));
        CU_ASSERT_PTR_NOT_NULL(strstr(warn, "spawn(x,1,1,1,1)': the thread count is not an integer"));
        CU_ASSERT_PTR_NOT_NULL(strstr(warn, "spawn(1,1q,1,1,1)': a duration has a letter"));
        CU_ASSERT_PTR_NOT_NULL(strstr(warn, "spawn(1,s,1,1,1)': a duration is not a number"));
    }
    free(warn);
    free(r);

    /* trailing empty parts do not count (Java's split), extra values are ignored */
    r = ultimate_parse_spawns("spawn(1,1,1,1,,)spawn(2,1,1,1,1,9)", &n, &warn);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_TRUE(r && r[0].threads == 2);
    free(warn);
    free(r);

    r = ultimate_parse_spawns("", &n, NULL);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_PTR_NULL(r);
}

/* Values far out of range are read as Java ints and wrap like Java longs:
 * no undefined behaviour (the sanitizer build checks), sensible answers. */
static void test_extreme_values(void)
{
    struct sched_window w;
    struct stepping_params big = {INT64_MAX, INT64_MAX, INT64_MIN, 1, INT64_MAX, INT64_MAX,
                                  INT64_MAX, 1, INT64_MAX};
    CU_ASSERT_TRUE(stepping_window(&big, 2147483646, &w));
    struct stepping_params neg = {10, -5, -3, -2, -1, -7, -9, -4, -6};
    for (int i = 0; i < 10; i++)
        CU_ASSERT_TRUE(stepping_window(&neg, i, &w));
    const struct ultimate_row rows[] = {{INT64_MAX, INT64_MAX, INT64_MAX, INT64_MIN, INT64_MAX},
                                        {-4, 1, 2, 3, 4}};
    CU_ASSERT_EQUAL(ultimate_total_threads(rows, 2), 2147483647 - 4);
    struct ultimate_cursor c = {0};
    CU_ASSERT_TRUE(ultimate_next_window(&c, rows, 2, &w));
    CU_ASSERT_EQUAL(w.start_ms, 1000LL * INT32_MAX + INT32_MAX);   /* (int) floor(...) saturates */
    /* a negative row: k / n = 1 */
    c = (struct ultimate_cursor){1, 0, NULL};
    CU_ASSERT_TRUE(ultimate_next_window(&c, rows, 2, &w));
    check_window(w, 3000, 1000 + 2000 + 3000 + 4000, __LINE__);
    struct concurrency_params p = {5, INT64_MAX, 3, INT64_MAX, INT64_MAX};
    CU_ASSERT_EQUAL(concurrency_planned(&p, 0), 2);
    CU_ASSERT_EQUAL(concurrency_end_ms(&p), INT64_MAX);
    CU_ASSERT_TRUE(concurrency_next_change_ms(&p, 0) > 0);
    struct arrivals_params a = {1e300, INT64_MAX, 0, INT64_MAX};
    struct arrivals_gen g;
    arrivals_gen_init(&g, &a);
    double t;
    /* the ramp's stall lasts past where 200 ms steps still count: the end */
    CU_ASSERT_FALSE(arrivals_gen_next(&g, &t));
}

/* ------------------------------------------------------------ Concurrency */

static void test_concurrency(void)
{
    struct concurrency_params p;
    concurrency_params_init(&p, 10, 60, 0, 120, 'S');
    CU_ASSERT_EQUAL(concurrency_planned(&p, 0), 0);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 2999), 0);   /* round(10 * 2.999 / 60) = round(0.4998) */
    CU_ASSERT_EQUAL(concurrency_planned(&p, 3000), 1);   /* round(0.5) */
    CU_ASSERT_EQUAL(concurrency_planned(&p, 30000), 5);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 60000), 10);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 179999), 10);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 180000), -1);
    CU_ASSERT_EQUAL(concurrency_end_ms(&p), 180000);

    /* 5 steps of 12 s, 2 threads each, the first step at once */
    concurrency_params_init(&p, 10, 1, 5, 1, 'M');
    CU_ASSERT_EQUAL(p.ramp_up_s, 60);
    CU_ASSERT_EQUAL(p.hold_s, 60);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 0), 2);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 11999), 2);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 12000), 4);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 59999), 10);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 119999), 10);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 120000), -1);

    /* ramp-up rounded to whole seconds; no ramp; shifted start; nothing to do */
    concurrency_params_init(&p, 3, 1.5, 0, 0.4, 'S');
    CU_ASSERT_EQUAL(p.ramp_up_s, 2);
    CU_ASSERT_EQUAL(p.hold_s, 0);
    concurrency_params_init(&p, 7, 0, 0, 10, 'S');
    CU_ASSERT_EQUAL(concurrency_planned(&p, 0), 7);
    p.shift_s = 5;
    CU_ASSERT_EQUAL(concurrency_planned(&p, 14999), 7);
    CU_ASSERT_EQUAL(concurrency_planned(&p, 15000), -1);
    CU_ASSERT_EQUAL(concurrency_end_ms(&p), 15000);
    concurrency_params_init(&p, 0, 10, 0, 10, 'S');
    CU_ASSERT_EQUAL(concurrency_planned(&p, 0), -1);
    CU_ASSERT_EQUAL(concurrency_next_change_ms(&p, 0), -1);
}

/* next_change against a scan of every ms */
static void check_next_change(const struct concurrency_params *p)
{
    int64_t end = concurrency_end_ms(p);
    int64_t at = 0, bad = 0, calls = 0;
    while (at >= 0 && at < end) {
        int64_t next = concurrency_next_change_ms(p, at);
        int64_t v = concurrency_planned(p, at);
        int64_t scan = at + 1;
        while (scan < end && concurrency_planned(p, scan) == v)
            scan++;
        if (next != scan)
            bad++;
        at = next;
        calls++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_TRUE(calls > 0);
}

static void test_concurrency_next_change(void)
{
    struct concurrency_params p;
    concurrency_params_init(&p, 10, 60, 0, 5, 'S');
    CU_ASSERT_EQUAL(concurrency_next_change_ms(&p, 0), 3000);
    CU_ASSERT_EQUAL(concurrency_next_change_ms(&p, 3000), 9000);
    check_next_change(&p);
    concurrency_params_init(&p, 2, 10, 5, 3, 'S');   /* steps that do not all change the value */
    check_next_change(&p);
    concurrency_params_init(&p, 7, 9, 3, 2, 'S');
    p.shift_s = 2;
    check_next_change(&p);
    concurrency_params_init(&p, 1000, 7, 0, 1, 'S');
    check_next_change(&p);
    concurrency_params_init(&p, 5, 0, 0, 4, 'S');
    CU_ASSERT_EQUAL(concurrency_next_change_ms(&p, 0), 4000);
    CU_ASSERT_EQUAL(concurrency_next_change_ms(&p, 4000), -1);
}

/* ------------------------------------------------------------ Arrivals */

static size_t collect(struct arrivals_gen *g, double *out, size_t max)
{
    size_t n = 0;
    double t;
    while (n < max && arrivals_gen_next(g, &t))
        out[n++] = t;
    return n;
}

static void test_arrivals(void)
{
    struct arrivals_params p;
    arrivals_params_init(&p, 600, 0, 0, 0.05, 'M');    /* 10/s for 3 s */
    CU_ASSERT_EQUAL(p.hold_s, 3);
    CU_ASSERT_EQUAL(p.rate_per_s, 10);
    CU_ASSERT_EQUAL(arrivals_rate(&p, 0, 0), 10);
    CU_ASSERT_EQUAL(arrivals_rate(&p, 3, 0), -1);
    struct arrivals_gen g;
    arrivals_gen_init(&g, &p);
    double t[200];
    size_t n = collect(&g, t, 200);
    CU_ASSERT_EQUAL(n, 30);
    CU_ASSERT_EQUAL(t[0], 0);
    CU_ASSERT_NEAR(t[29], 2900, 1e-6);
    CU_ASSERT_FALSE(arrivals_gen_next(&g, &t[0]));

    /* steps: 5/s for 5 s, then 10/s for 5 s */
    arrivals_params_init(&p, 10, 10, 2, 0, 'S');
    CU_ASSERT_EQUAL(arrivals_rate(&p, 4.99, 0), 5);
    CU_ASSERT_EQUAL(arrivals_rate(&p, 5, 0), 10);
    arrivals_gen_init(&g, &p);
    n = collect(&g, t, 200);
    CU_ASSERT_EQUAL(n, 25 + 50);
    CU_ASSERT_NEAR(t[24], 4800, 1e-6);
    CU_ASSERT_NEAR(t[25], 5000, 1e-6);
    CU_ASSERT_NEAR(t[74], 9900, 1e-6);

    /* a linear ramp: the rate follows the count, 0 before the first arrival,
     * so the plugin's first arrival only comes once the ramp is over (5.2 s) */
    arrivals_params_init(&p, 10, 5, 0, 5, 'S');
    CU_ASSERT_EQUAL(arrivals_rate(&p, 1, 0), 0);
    CU_ASSERT_NEAR(arrivals_rate(&p, 1, 5), 2 * sqrt(2 * 5 / 2.0), 1e-12);
    arrivals_gen_init(&g, &p);
    n = collect(&g, t, 200);
    CU_ASSERT_EQUAL(n, 48);
    CU_ASSERT_NEAR(t[0], 5200, 1e-6);
    CU_ASSERT_NEAR(t[47], 9900, 1e-6);

    /* a target of 0: no arrival, and the 200 ms steps are jumped over */
    arrivals_params_init(&p, 0, 100000, 0, 100000000, 'S');
    arrivals_gen_init(&g, &p);
    CU_ASSERT_FALSE(arrivals_gen_next(&g, &t[0]));
}

static void test_freeform(void)
{
    size_t n;
    struct freeform_row *rows = freeform_parse_rows("1,10,30 0,0,5\n10,1,15", &n);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_TRUE(rows && rows[2].from == 10 && rows[2].to == 1 && rows[2].duration == 15);
    CU_ASSERT_EQUAL(freeform_rate(rows, n, 'S', 0), 1);
    CU_ASSERT_NEAR(freeform_rate(rows, n, 'S', 15), 5.5, 1e-12);
    CU_ASSERT_EQUAL(freeform_rate(rows, n, 'S', 32), 0);
    CU_ASSERT_EQUAL(freeform_rate(rows, n, 'S', 35), 0);
    CU_ASSERT_NEAR(freeform_rate(rows, n, 'S', 35.5), 10 - 0.5 / 15 * 9, 1e-12);
    CU_ASSERT_EQUAL(freeform_rate(rows, n, 'S', 50), 1);
    CU_ASSERT_EQUAL(freeform_rate(rows, n, 'S', 50.1), -1);
    /* minutes: rates per minute, durations in minutes */
    CU_ASSERT_NEAR(freeform_rate(rows, n, 'M', 900), (1 + 0.5 * 9) / 60, 1e-12);
    free(rows);

    /* the plugin counts row ends in whole seconds: a 0.5 s row vanishes */
    rows = freeform_parse_rows("5,5,0.5;1,1,2;bad,,", &n);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_TRUE(rows && rows[2].from == 0 && rows[2].to == 0 && rows[2].duration == 0);
    CU_ASSERT_EQUAL(freeform_rate(rows, n, 'S', 0), 5);
    CU_ASSERT_EQUAL(freeform_rate(rows, n, 'S', 0.25), 1);
    free(rows);

    /* arrivals: 0 for 1 s (200 ms steps), then 2/s until 3 s */
    rows = freeform_parse_rows("0,0,1 2,2,2", &n);
    struct arrivals_gen g;
    arrivals_gen_init_freeform(&g, rows, n, 'S');
    double t[16];
    size_t k = collect(&g, t, 16);
    CU_ASSERT_EQUAL(k, 4);
    CU_ASSERT_NEAR(t[0], 1200, 1e-6);
    CU_ASSERT_NEAR(t[1], 1700, 1e-6);
    CU_ASSERT_NEAR(t[3], 2700, 1e-6);
    free(rows);

    rows = freeform_parse_rows("  ", &n);
    CU_ASSERT_EQUAL(n, 0);
    arrivals_gen_init_freeform(&g, rows, n, 'S');
    CU_ASSERT_FALSE(arrivals_gen_next(&g, &t[0]));
    free(rows);
}

/* The plugin's loop, step by step with the stateless rate function: the
 * generator (row cursor, jumps over zero stretches) must give the same times. */
static size_t freeform_reference(const struct freeform_row *rows, size_t n, double *out,
                                 size_t max)
{
    double rolling = 0;
    size_t k = 0;
    for (long steps = 0; k < max && steps < 100000; steps++) {
        double rate = freeform_rate(rows, n, 'S', rolling / 1000.0);
        if (isnan(rate))
            rate = 0;
        if (rate == 0) {
            rolling += 200;
            continue;
        }
        if (rate < 0)
            break;
        out[k++] = rolling;
        rolling += 1000.0 / rate;
    }
    return k;
}

static void test_freeform_generator(void)
{
    const char *tables[] = {
        "1,10,30 0,0,5 10,1,15",
        "0,3,4 3,0,4 0,0,2.5 2,2,1.5",
        "5,5,-3 1,2,6 4,4,nan 2,1,3",       /* a negative and an unreadable duration */
        "0,0,7 0,0,0 0,0,3 1,1,2",
        "2,0,3 0,2,3",
        "0,2,inf",                           /* the rate stays 0 for ever: jumped over */
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        size_t n;
        struct freeform_row *rows = freeform_parse_rows(tables[i], &n);
        static double want[400], got[400];
        size_t nw = freeform_reference(rows, n, want, 400);
        struct arrivals_gen g;
        arrivals_gen_init_freeform(&g, rows, n, 'S');
        size_t ng = collect(&g, got, 400);
        if (i + 1 < sizeof tables / sizeof tables[0]) {
            if (ng != nw)
                fprintf(stderr, "\n    [%s]: %zu arrivals, the plugin's loop %zu\n", tables[i], ng, nw);
            CU_ASSERT_EQUAL(ng, nw);
            for (size_t j = 0; j < ng && j < nw; j++)
                CU_ASSERT_NEAR(got[j], want[j], 1e-6);
        } else {
            CU_ASSERT_EQUAL(ng, 0);   /* over at 2^31 s, reached at once */
            CU_ASSERT_TRUE(g.done);
        }
        free(rows);
    }
}

/* ------------------------------------------------------------ Open Model parser */

static void parses_as(const char *text, const char *expected, double total_s, int line)
{
    struct om_schedule s;
    char *error = NULL;
    if (!om_schedule_parse(text, &s, &error)) {
        fprintf(stderr, "\n    line %d: [%s] refused: %s\n", line, text, error);
        CU_FAIL("refused");
        free(error);
        return;
    }
    char *d = om_schedule_describe(&s);
    if (strcmp(d, expected) != 0)
        fprintf(stderr, "\n    line %d: [%s] gave %s\n", line, text, d);
    CU_ASSERT_STRING_EQUAL(d, expected);
    CU_ASSERT_NEAR(s.total_s, total_s, 1e-9);
    free(d);
    om_schedule_free(&s);
}

#define PARSES(text, expected, total) parses_as(text, expected, total, __LINE__)

static void test_om_parse(void)
{
    /* JMeter's own examples (ThreadScheduleTest) */
    PARSES("rate(0/min)", "[Rate(0)]", 0);
    PARSES("rate(36000/hour)", "[Rate(10)]", 0);
    PARSES("random_arrivals(0) /* 0 does not require time unit */",
           "[Arrivals(type=RANDOM, duration=0)]", 0);
    PARSES("rate(1/sec) random_arrivals(2 min) pause(3 min) random_arrivals(4 sec)",
           "[Rate(1), Arrivals(type=RANDOM, duration=120), Rate(1), Rate(0), "
           "Arrivals(type=EVEN, duration=180), Rate(0), Rate(1), Arrivals(type=RANDOM, duration=4)]",
           304);
    PARSES("rate(50.1/sec)", "[Rate(50.1)]", 0);
    PARSES("even_arrivals(50 min)", "[Arrivals(type=EVEN, duration=3000)]", 3000);
    PARSES("even_arrivals(2d 1m 30s)", "[Arrivals(type=EVEN, duration=172890)]", 172890);
    PARSES("rate(50/min) even_arrivals(2 hour) rate(60/min)",
           "[Rate(0.8), Arrivals(type=EVEN, duration=7200), Rate(1)]", 7200);
    PARSES("rate(0 per min) even_arrivals(30 min) rate(50 per min) random_arrivals(4 min) "
           "rate(200 per min) random_arrivals(10 sec)",
           "[Rate(0), Arrivals(type=EVEN, duration=1800), Rate(0.8), Arrivals(type=RANDOM, "
           "duration=240), Rate(3.3), Arrivals(type=RANDOM, duration=10)]", 2050);

    /* case, unit spellings, comments, sums, a bare 0 closing a sum */
    PARSES("RATE(2/SEC) Random_Arrivals(1 MIN)", "[Rate(2), Arrivals(type=RANDOM, duration=60)]", 60);
    PARSES("rate(.5 per s) even_arrivals(1 minutes 30 seconds 500 ms)",
           "[Rate(0.5), Arrivals(type=EVEN, duration=90.5)]", 90.5);
    PARSES("rate(1/ms) rate(7200/hours) rate(2/d) rate(1/days) rate(6/m)",
           "[Rate(1000), Rate(2), Rate(0), Rate(0), Rate(0.1)]", 0);
    PARSES("// load\nrate(1/s) /* warm */ random_arrivals(1 min 0) // end\r\n",
           "[Rate(1), Arrivals(type=RANDOM, duration=60)]", 60);
    PARSES("\t\n", "[]", 0);
    PARSES("", "[]", 0);
    /* pause with no rate before it */
    PARSES("pause(5 s)", "[Arrivals(type=EVEN, duration=5), Rate(0)]", 5);

    /* the integer shorthand: N arrivals in 1 s, then an hour */
    PARSES("10", "[Rate(10), Arrivals(type=EVEN, duration=1), Rate(10), Rate(0), "
           "Arrivals(type=EVEN, duration=3600)]", 3601);
    PARSES("-3", "[Rate(-3), Arrivals(type=EVEN, duration=1), Rate(-3), Rate(0), "
           "Arrivals(type=EVEN, duration=3600)]", 3601);
    PARSES("+4", "[Rate(4), Arrivals(type=EVEN, duration=1), Rate(4), Rate(0), "
           "Arrivals(type=EVEN, duration=3600)]", 3601);

    struct om_schedule s;
    CU_ASSERT_TRUE(om_schedule_parse("rate(1/s) random_arrivals(1.5 s)", &s, NULL));
    CU_ASSERT_EQUAL(om_schedule_end_ms(&s), 1500);
    om_schedule_free(&s);
}

static void refused_with(const char *text, const char *expected, int line)
{
    struct om_schedule s;
    char *error = NULL;
    if (om_schedule_parse(text, &s, &error)) {
        fprintf(stderr, "\n    line %d: [%s] accepted\n", line, text);
        CU_FAIL("accepted");
        om_schedule_free(&s);
        return;
    }
    CU_ASSERT_PTR_NOT_NULL(error);
    CU_ASSERT_PTR_NULL(s.steps);
    if (error && strcmp(error, expected) != 0)
        fprintf(stderr, "\n    line %d: got      [%s]\n             expected [%s]\n", line, error,
                expected);
    CU_ASSERT_TRUE(error && strcmp(error, expected) == 0);
    free(error);
}

#define REFUSED(text, expected) refused_with(text, expected, __LINE__)

static void test_om_parse_errors(void)
{
    REFUSED("rate(5)", "open model schedule: expected \"/\" or \"per\" and a time unit after the rate, "
            "got \")\" at position 6: ')' in 'rate(5)'");
    REFUSED("rate(5 sec)", "open model schedule: expected \"/\" or \"per\" and a time unit after the "
            "rate, got \"sec\" at position 7: 'sec)' in 'rate(5 sec)'");
    REFUSED("rate(5/fortnight)", "open model schedule: unknown time unit \"fortnight\" (use ms, sec, "
            "min, hour or day) at position 7: 'fortnight)' in 'rate(5/fortnight)'");
    REFUSED("random_arrivals(10)", "open model schedule: expected a time unit (ms, sec, min, hour or "
            "day), got \")\" at position 18: ')' in 'random_arrivals(10)'");
    REFUSED("rate(1/s) foo(1)", "open model schedule: expected rate, random_arrivals, even_arrivals or "
            "pause, got \"foo\" at position 10: 'foo(1)' in 'rate(1/s) foo(1)'");
    REFUSED("rate(1/s", "open model schedule: expected \")\" to close rate(, found the end of the "
            "schedule at the end of 'rate(1/s'");
    REFUSED("rate(1/s) #", "open model schedule: unexpected input at position 10: '#' in 'rate(1/s) #'");
    REFUSED("rate 1/s", "open model schedule: expected \"(\" after rate, got \"1\" at position 5: "
            "'1/s' in 'rate 1/s'");
    REFUSED("even_arrivals(min)", "open model schedule: expected a number for the duration, got "
            "\"min\" at position 14: 'min)' in 'even_arrivals(min)'");
    REFUSED("pause()", "open model schedule: expected a number for the duration, got \")\" at "
            "position 6: ')' in 'pause()'");
    REFUSED("1 min", "open model schedule: expected rate, random_arrivals, even_arrivals or pause, "
            "got \"1\" at position 0: '1 min' in '1 min'");
    REFUSED(" 10", "open model schedule: expected rate, random_arrivals, even_arrivals or pause, "
            "got \"10\" at position 1: '10' in ' 10'");
    REFUSED("rate(1e308/ms)", "open model schedule: expected \"/\" or \"per\" and a time unit after the "
            "rate, got \"e308\" at position 6: 'e308/ms)' in 'rate(1e308/ms)'");
    REFUSED("rate(1./s)", "open model schedule: unexpected input at position 6: './s)' in 'rate(1./s)'");
    REFUSED("even_arrivals(2d1m)", "open model schedule: unknown time unit \"d1m\" (use ms, sec, min, "
            "hour or day) at position 15: 'd1m)' in 'even_arrivals(2d1m)'");
    /* a block comment must end on its line, as in JMeter */
    REFUSED("/* one\ntwo */ rate(1/s)", "open model schedule: unexpected input at position 1: "
            "'* one two */ rate(1/...' in '/* one two */ rate(1/s)'");
    REFUSED("rate(1/s) /* open", "open model schedule: unexpected input at position 11: '* open' in "
            "'rate(1/s) /* open'");

    /* hostile sizes: a number too large for a double, schedules too long */
    char big[600];
    strcpy(big, "rate(");
    memset(big + 5, '9', 400);
    strcpy(big + 405, "/s)");
    struct om_schedule s;
    char *error = NULL;
    CU_ASSERT_FALSE(om_schedule_parse(big, &s, &error));
    CU_ASSERT_TRUE(error && strstr(error, "number too large: \"999999999999999999999999999999...\" "
                                          "at position 5: '99999999999999999999...' in 'rate(999"));
    CU_ASSERT_TRUE(error && strlen(error) < 300);
    free(error);
    REFUSED("random_arrivals(999999999 d)", "open model schedule: the duration of random_arrivals() "
            "is too long at position 16: '999999999 d)' in 'random_arrivals(999999999 d)'");
    REFUSED("even_arrivals(50000 d) even_arrivals(50000 d) even_arrivals(20000 d)",
            "open model schedule: the schedule lasts 10368000000 s, longer than the 10000000000 s "
            "allowed at the end of 'even_arrivals(50000 d) even_arrivals(50000 d) even_arrivals(20000 d)'");
    /* control characters and long text are tamed in the message */
    char *longtext = malloc(3000);
    memset(longtext, 'x', 2999);
    longtext[0] = '\x01';
    longtext[2999] = '\0';
    error = NULL;
    CU_ASSERT_FALSE(om_schedule_parse(longtext, &s, &error));
    CU_ASSERT_TRUE(error && strlen(error) < 300 && !strchr(error, '\x01'));
    free(error);
    free(longtext);
}

/* ------------------------------------------------------------ Open Model arrivals */

/* Arrival times of a schedule with java.util.Random(seed). */
static size_t arrivals_of(const char *text, int64_t seed, size_t exact_max, double *out, size_t max)
{
    struct om_schedule s;
    char *error = NULL;
    if (!om_schedule_parse(text, &s, &error)) {
        fprintf(stderr, "\n    [%s]: %s\n", text, error);
        free(error);
        return 0;
    }
    struct sched_rng r;
    sched_rng_seed(&r, seed);
    struct om_gen g;
    om_gen_init(&g, &s, &r);
    if (exact_max)
        g.exact_max = exact_max;
    size_t n = 0;
    double t;
    while (n < max && om_gen_next(&g, &t))
        out[n++] = t;
    om_gen_free(&g);
    om_schedule_free(&s);
    return n;
}

static void check_times(const char *text, int64_t seed, const double *expected, size_t n, int line)
{
    double got[64];
    size_t k = arrivals_of(text, seed, 0, got, 64);
    if (k != n)
        fprintf(stderr, "\n    line %d: %zu arrivals, expected %zu\n", line, k, n);
    CU_ASSERT_EQUAL(k, n);
    for (size_t i = 0; i < n && i < k; i++) {
        if (fabs(got[i] - expected[i]) > 0.00005 + 1e-12)
            fprintf(stderr, "\n    line %d: arrival %zu at %.6f, expected %.4f\n", line, i, got[i],
                    expected[i]);
        CU_ASSERT_NEAR(got[i], expected[i], 0.00005 + 1e-12);
    }
}

#define TIMES(text, seed, ...)                                                              \
    do {                                                                                    \
        static const double e_[] = {__VA_ARGS__};                                           \
        check_times(text, seed, e_, sizeof e_ / sizeof e_[0], __LINE__);                    \
    } while (0)

static void test_om_jmeter_vectors(void)
{
    /* JMeter's EvenArrivalsRampTest and PoissonArrivalsRampTest, as one-step
     * schedules, and ThreadScheduleProcessGeneratorTest; seeds as there */
    TIMES("rate(1/s) even_arrivals(1 s)", 0, 0);
    TIMES("rate(2/s) even_arrivals(1 s)", 0, 0, 0.5);
    TIMES("rate(0) even_arrivals(4 s) rate(4/s)", 0, 0, 1.4142, 2, 2.4495, 2.8284, 3.1623, 3.4641,
          3.7417);
    TIMES("rate(5/s) even_arrivals(4 s) rate(1/s)", 0, 0, 0.2042, 0.4174, 0.6411, 0.8769, 1.127,
          1.3944, 1.6834, 2, 2.3542, 2.7639, 3.2679);
    TIMES("rate(1/s) even_arrivals(4 s) rate(5/s)", 0, 0, 0.7321, 1.2361, 1.6458, 2, 2.3166, 2.6056,
          2.873, 3.1231, 3.3589, 3.5826, 3.7958);
    TIMES("rate(1/s) random_arrivals(1 s)", 0, 0.731);
    TIMES("rate(2/s) random_arrivals(1 s)", 0, 0.2405, 0.731);
    TIMES("rate(0) random_arrivals(4 s) rate(4/s)", 0, 1.9618, 2.309, 2.4825, 2.9677, 3.092, 3.1935,
          3.4199, 3.9696);
    TIMES("rate(5/s) random_arrivals(4 s) rate(1/s)", 0, 0.0304, 0.1193, 0.2494, 0.908, 0.9621,
          1.5175, 1.691, 1.9026, 2.2017, 2.5497, 2.5639, 2.9239);
    TIMES("rate(1/s) random_arrivals(4 s) rate(5/s)", 0, 0.9621, 1.4361, 2.0974, 2.2017, 2.309,
          2.4825, 2.5497, 2.9239, 3.092, 3.7506, 3.8807, 3.9696);
    TIMES("rate(1/s) random_arrivals(4 s) rate(5/s)", 1, 0.3128, 0.8309, 1.3309, 1.6403, 2.358,
          2.5209, 2.9235, 3.8721, 3.8779, 3.893, 3.9267, 3.935);
    TIMES("// total duration is 2+3+1+2 => 8 sec\n"
          "rate(1/sec) even_arrivals(2 sec) rate(1/sec)\n"
          "rate(2/sec) even_arrivals(3 sec) rate(2/sec)\n"
          "even_arrivals(1 sec) rate(5/sec)\n"
          "even_arrivals(2 sec) rate(3/sec)\n",
          0, 0, 1, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.3874, 5.6667, 6, 6.2042, 6.4174, 6.6411, 6.8769,
          7.127, 7.3944, 7.6834);
    TIMES("rate(0) random_arrivals(2 sec) rate(2/sec)\n"
          "random_arrivals(3 sec)\n"
          "pause(10 sec)\n"
          "random_arrivals(4 sec) rate(1/sec)\n",
          0, 0.9809, 1.7099, 2.9997, 3.1556, 3.6513, 3.7926, 3.9123, 4.9545, 15.5156, 16.0998,
          17.4685, 18.3902, 18.5167, 18.765);
}

static void test_om_shorthand_and_pause(void)
{
    double t[32];
    size_t n = arrivals_of("5", 0, 0, t, 32);
    CU_ASSERT_EQUAL(n, 5);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_NEAR(t[i], 0.2 * (double)i, 1e-12);
    n = arrivals_of("-5", 0, 0, t, 32);
    CU_ASSERT_EQUAL(n, 0);
    /* 10 in the first second, none in the pause, 10 after it at the same rate */
    n = arrivals_of("rate(10/s) even_arrivals(1 s) pause(2 s) even_arrivals(1 s)", 0, 0, t, 32);
    CU_ASSERT_EQUAL(n, 20);
    CU_ASSERT_NEAR(t[9], 0.9, 1e-12);
    CU_ASSERT_NEAR(t[10], 3.0, 1e-12);
    CU_ASSERT_NEAR(t[19], 3.9, 1e-12);
    /* a rate alone or nothing: no arrival */
    CU_ASSERT_EQUAL(arrivals_of("rate(10/s)", 0, 0, t, 32), 0);
    CU_ASSERT_EQUAL(arrivals_of("", 0, 0, t, 32), 0);
    /* the same seed gives the same times, another seed others */
    double a[32], b[32], c[32];
    CU_ASSERT_EQUAL(arrivals_of("rate(20/s) random_arrivals(1 s)", 99, 0, a, 32), 20);
    arrivals_of("rate(20/s) random_arrivals(1 s)", 99, 0, b, 32);
    arrivals_of("rate(20/s) random_arrivals(1 s)", 100, 0, c, 32);
    CU_ASSERT_EQUAL(memcmp(a, b, 20 * sizeof(double)), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(a, c, 20 * sizeof(double)), 0);
}

/* Counts in the first half, the count, order, bounds and the per-second spread. */
struct om_stats {
    size_t n, first_half;
    bool ordered, in_range;
    double bucket_var;            /* variance of arrivals per 1 s bucket */
    double cv;                    /* coefficient of variation of the gaps */
};

static struct om_stats stats_of(const char *text, int64_t seed, size_t exact_max, double duration)
{
    static double t[100000];
    struct om_stats st = {0};
    st.n = arrivals_of(text, seed, exact_max, t, 100000);
    st.ordered = st.in_range = true;
    static double bucket[1000];
    size_t nb = (size_t)duration;
    memset(bucket, 0, sizeof bucket);
    double gap_sum = 0, gap_sq = 0;
    for (size_t i = 0; i < st.n; i++) {
        if (i && t[i] < t[i - 1])
            st.ordered = false;
        if (t[i] < 0 || t[i] > duration)
            st.in_range = false;
        st.first_half += t[i] < duration / 2;
        size_t b = (size_t)t[i];
        if (b < nb && b < 1000)
            bucket[b]++;
        if (i) {
            double g = t[i] - t[i - 1];
            gap_sum += g;
            gap_sq += g * g;
        }
    }
    double mean = (double)st.n / (double)nb, var = 0;
    for (size_t b = 0; b < nb && b < 1000; b++)
        var += (bucket[b] - mean) * (bucket[b] - mean);
    st.bucket_var = var / (double)nb;
    if (st.n > 1) {
        double m = gap_sum / (double)(st.n - 1);
        st.cv = sqrt(gap_sq / (double)(st.n - 1) - m * m) / m;
    }
    return st;
}

static void test_om_statistics(void)
{
    /* run each shape in list mode (JMeter's draws) and in stream mode */
    for (int mode = 0; mode < 2; mode++) {
        size_t exact = mode ? 64 : 0;
        /* constant 100/s over 100 s: exactly 10000, Poisson-like: gaps with a
         * coefficient of variation near 1, per-second counts with variance
         * near the mean (multinomial: 100 x 0.99) */
        struct om_stats st = stats_of("rate(100/s) random_arrivals(100 s)", 12345 + mode, exact, 100);
        CU_ASSERT_EQUAL(st.n, 10000);
        CU_ASSERT_TRUE(st.ordered && st.in_range);
        CU_ASSERT_NEAR(st.first_half, 5000, 200);
        CU_ASSERT_NEAR(st.cv, 1.0, 0.05);
        CU_ASSERT_TRUE(st.bucket_var > 50 && st.bucket_var < 160);

        /* 0 -> 200/s: 10000 arrivals, a quarter in the first half */
        st = stats_of("rate(0) random_arrivals(100 s) rate(200/s)", 777 + mode, exact, 100);
        CU_ASSERT_EQUAL(st.n, 10000);
        CU_ASSERT_TRUE(st.ordered && st.in_range);
        CU_ASSERT_NEAR(st.first_half, 2500, 175);
        /* 200/s -> 0: three quarters in the first half */
        st = stats_of("rate(200/s) random_arrivals(100 s) rate(0)", 778 + mode, exact, 100);
        CU_ASSERT_EQUAL(st.n, 10000);
        CU_ASSERT_TRUE(st.ordered && st.in_range);
        CU_ASSERT_NEAR(st.first_half, 7500, 175);
        /* 100 -> 300/s: 10000 flat + 10000 sloped, (5000 + 2500) in the first half */
        st = stats_of("rate(100/s) random_arrivals(100 s) rate(300/s)", 31 + mode, exact, 100);
        CU_ASSERT_EQUAL(st.n, 20000);
        CU_ASSERT_TRUE(st.ordered && st.in_range);
        CU_ASSERT_NEAR(st.first_half, 7500, 250);
        /* 300 -> 100/s */
        st = stats_of("rate(300/s) random_arrivals(100 s) rate(100/s)", 32 + mode, exact, 100);
        CU_ASSERT_EQUAL(st.n, 20000);
        CU_ASSERT_TRUE(st.ordered && st.in_range);
        CU_ASSERT_NEAR(st.first_half, 12500, 250);
    }
    /* even arrivals along a ramp: the n-th when the area reaches n */
    struct om_stats st = stats_of("rate(0) even_arrivals(100 s) rate(200/s)", 1, 0, 100);
    CU_ASSERT_EQUAL(st.n, 10000);
    CU_ASSERT_EQUAL(st.first_half, 2500);
    CU_ASSERT_TRUE(st.ordered && st.in_range);
    st = stats_of("rate(100/s) even_arrivals(100 s)", 1, 0, 100);
    CU_ASSERT_EQUAL(st.n, 10000);
    CU_ASSERT_TRUE(st.bucket_var < 1e-9);
    CU_ASSERT_TRUE(!(st.cv > 1e-3));   /* 0 but for rounding */
}

static void test_om_counts_and_hostile(void)
{
    const char *schedules[] = {
        ("rate(10/s) random_arrivals(10 s) rate(20/s) even_arrivals(10 s) pause(3 s) "
         "random_arrivals(2 s) rate(0) even_arrivals(1 s)"),
        "rate(3.7/s) random_arrivals(1 s) even_arrivals(1 s)",
        "7",
        "rate(1/min) random_arrivals(59 s)",
    };
    for (size_t i = 0; i < sizeof schedules / sizeof schedules[0]; i++) {
        struct om_schedule s;
        CU_ASSERT_TRUE_FATAL(om_schedule_parse(schedules[i], &s, NULL));
        static double t[2000];
        size_t n = arrivals_of(schedules[i], 5, 0, t, 2000);
        CU_ASSERT_EQUAL(om_schedule_arrivals(&s), n);
        om_schedule_free(&s);
    }
    /* 1e11 per ms for a day: about 2^31 arrivals in one step (JMeter's int
     * limit), streamed in constant memory; the first thousand come quickly */
    const char *huge = "rate(100000000000/ms) random_arrivals(1 d)";
    struct om_schedule s;
    CU_ASSERT_TRUE_FATAL(om_schedule_parse(huge, &s, NULL));
    CU_ASSERT_EQUAL(om_schedule_arrivals(&s), 2147483647u);
    CU_ASSERT_EQUAL(om_schedule_end_ms(&s), 86400000);
    struct sched_rng r;
    sched_rng_seed(&r, 3);
    struct om_gen g;
    om_gen_init(&g, &s, &r);
    double prev = 0, t = 0;
    bool ordered = true;
    for (int i = 0; i < 1000; i++) {
        CU_ASSERT_TRUE(om_gen_next(&g, &t));
        if (t < prev)
            ordered = false;
        prev = t;
    }
    CU_ASSERT_TRUE(ordered);
    CU_ASSERT_TRUE(t > 0 && t < 0.1);   /* about 4e-5 s apart */
    CU_ASSERT_PTR_NULL(g.ramp.events);
    om_gen_free(&g);
    om_schedule_free(&s);
    /* even arrivals are never stored: a count beyond 2^31 is fine */
    CU_ASSERT_TRUE_FATAL(om_schedule_parse("rate(1000000/ms) even_arrivals(1000 d)", &s, NULL));
    CU_ASSERT_EQUAL(om_schedule_arrivals(&s), 86400000000000000ull);
    om_schedule_free(&s);
}

int main(void)
{
    static const struct cu_test tests[] = {
        {"Java number rules", test_java_numbers},
        {"java.util.Random", test_java_random},
        {"sorted uniform stream", test_sorted_uniform},
        {"Stepping Thread Group", test_stepping},
        {"Ultimate Thread Group", test_ultimate},
        {"threads_schedule", test_ultimate_spawns},
        {"extreme values", test_extreme_values},
        {"Concurrency Thread Group", test_concurrency},
        {"concurrency next change", test_concurrency_next_change},
        {"Arrivals Thread Group", test_arrivals},
        {"Free-Form Arrivals", test_freeform},
        {"Free-Form generator", test_freeform_generator},
        {"open model: parser", test_om_parse},
        {"open model: parse errors", test_om_parse_errors},
        {"open model: JMeter's vectors", test_om_jmeter_vectors},
        {"open model: shorthand and pause", test_om_shorthand_and_pause},
        {"open model: statistics", test_om_statistics},
        {"open model: counts and hostile rates", test_om_counts_and_hostile},
        {NULL, NULL},
    };
    return cu_run("schedule", tests);
}
