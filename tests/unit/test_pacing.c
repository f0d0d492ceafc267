/* test_pacing.c - throughput timers: Constant Throughput Timer delays call by
 * call in each mode (per user, per active count, shared slot clocks, the first
 * call, lateness without catch-up), and the Precise Throughput Timer's event
 * schedule (JMeter's own vector for seed 42, exact counts per window, batches,
 * throughput changes, the stream mode, delays and stops). Several threads
 * share a clock or a schedule in two tests; their results do not depend on
 * timing. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"
#include "testutil.h"

/* ------------------------------------------------ Constant Throughput Timer */

static void test_ctt_this_thread(void)
{
    struct ctt_thread t = {0};
    /* 60 per minute: one sample a second */
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 60, 1000, 1, 1), 0);     /* first call */
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 60, 1000, 1, 1), 1000);  /* target 2000 */
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 60, 2300, 1, 1), 700);   /* target 3000 */
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 60, 4500, 1, 1), 0);     /* late: no catch-up */
    CU_ASSERT_EQUAL(t.previous_ms, 4500);
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 60, 4600, 1, 1), 900);   /* from 4500 on */
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 60, 5500, 1, 1), 1000);  /* exactly on time */
    /* the first call does not wait whatever the clock reads, even 0 */
    struct ctt_thread u = {0};
    CU_ASSERT_EQUAL(ctt_delay(&u, NULL, CTT_THIS_THREAD, 1, 0, 1, 1), 0);
    CU_ASSERT_EQUAL(ctt_delay(&u, NULL, CTT_THIS_THREAD, 1, 0, 1, 1), 60000);
    /* round(60000 / 7) = 8571; the throughput is read on every call */
    struct ctt_thread v = {0};
    ctt_delay(&v, NULL, CTT_THIS_THREAD, 7, 0, 1, 1);
    CU_ASSERT_EQUAL(ctt_delay(&v, NULL, CTT_THIS_THREAD, 7, 0, 1, 1), 8571);
    CU_ASSERT_EQUAL(ctt_delay(&v, NULL, CTT_THIS_THREAD, 60000, 8571, 1, 1), 1);
    /* 0 per minute waits for ever (JMeter divides by 0); negative never waits */
    CU_ASSERT_EQUAL(ctt_delay(&v, NULL, CTT_THIS_THREAD, 0, 9000, 1, 1), CTT_FOREVER);
    CU_ASSERT_EQUAL(ctt_delay(&v, NULL, CTT_THIS_THREAD, -5, 9000, 1, 1), 0);
    CU_ASSERT_EQUAL(ctt_delay(&v, NULL, CTT_THIS_THREAD, NAN, 9000, 1, 1), 0);
}

static void test_ctt_extremes(void)
{
    /* an interval beyond the long range: JMeter's sum wraps into the past, so
     * no wait; the same for the shared clock */
    struct ctt_thread t = {0};
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 1e-300, 5, 1, 1), 0);
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_THIS_THREAD, 1e-300, 6, 1, 1), 0);
    CU_ASSERT_EQUAL(t.previous_ms, 6);
    struct ctt_shared clock;
    ctt_shared_init(&clock);
    struct ctt_thread u = {0};
    ctt_delay(&u, &clock, CTT_ALL_ACTIVE_SHARED, 1e-300, 7, 1, 1);
    CU_ASSERT_EQUAL(ctt_delay(&u, &clock, CTT_ALL_ACTIVE_SHARED, 1e-300, 8, 1, 1), 0);
    CU_ASSERT_EQUAL(clock.last_ms, 8);
    ctt_shared_destroy(&clock);
    /* a huge active count and a negative one */
    struct ctt_thread v = {0};
    ctt_delay(&v, NULL, CTT_ALL_ACTIVE_THREADS, 60, INT64_MAX - 10, INT64_MAX, 1);
    CU_ASSERT_EQUAL(ctt_delay(&v, NULL, CTT_ALL_ACTIVE_THREADS, 60, INT64_MAX - 9, INT64_MAX, 1), 0);
    struct ctt_thread n = {0};
    ctt_delay(&n, NULL, CTT_ALL_ACTIVE_THREADS, 60, 0, -3, 1);
    CU_ASSERT_EQUAL(ctt_delay(&n, NULL, CTT_ALL_ACTIVE_THREADS, 60, 0, -3, 1), 0);
}

static void test_ctt_active_threads(void)
{
    struct ctt_thread t = {0};
    /* mode "all active threads": 60/min across 4 active users = each every 4 s */
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_ALL_ACTIVE_THREADS, 60, 100, 4, 2), 0);
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_ALL_ACTIVE_THREADS, 60, 100, 4, 2), 4000);
    /* the count is read on every call: 2 users now */
    CU_ASSERT_EQUAL(ctt_delay(&t, NULL, CTT_ALL_ACTIVE_THREADS, 60, 4100, 2, 2), 2000);
    /* mode "in current thread group" uses the group's count */
    struct ctt_thread g = {0};
    CU_ASSERT_EQUAL(ctt_delay(&g, NULL, CTT_ALL_ACTIVE_IN_GROUP, 60, 0, 40, 3), 0);
    CU_ASSERT_EQUAL(ctt_delay(&g, NULL, CTT_ALL_ACTIVE_IN_GROUP, 60, 0, 40, 3), 3000);
    /* round(3 x 8571.43) = 25714, not 3 x 8571 */
    struct ctt_thread r = {0};
    ctt_delay(&r, NULL, CTT_ALL_ACTIVE_IN_GROUP, 7, 0, 1, 3);
    CU_ASSERT_EQUAL(ctt_delay(&r, NULL, CTT_ALL_ACTIVE_IN_GROUP, 7, 0, 1, 3), 25714);
    /* 0 active users: interval 0, no wait */
    struct ctt_thread z = {0};
    ctt_delay(&z, NULL, CTT_ALL_ACTIVE_THREADS, 60, 0, 0, 0);
    CU_ASSERT_EQUAL(ctt_delay(&z, NULL, CTT_ALL_ACTIVE_THREADS, 60, 0, 0, 0), 0);
}

static void test_ctt_shared(void)
{
    /* two users A and B on one slot clock at 60/min, samples taking no time:
     * JMeter composes the shared slot with each user's own previous target,
     * so both run at once at first, then settle into one sample a second */
    struct ctt_shared clock;
    ctt_shared_init(&clock);
    struct ctt_thread a = {0}, b = {0};
    enum throughput_calc_mode m = CTT_ALL_ACTIVE_SHARED;
    CU_ASSERT_EQUAL(ctt_delay(&a, &clock, m, 60, 0, 2, 2), 0);      /* slot 0 */
    CU_ASSERT_EQUAL(ctt_delay(&b, &clock, m, 60, 0, 2, 2), 0);      /* slot 1000, first call */
    CU_ASSERT_EQUAL(ctt_delay(&a, &clock, m, 60, 0, 2, 2), 2000);   /* slot 2000 */
    CU_ASSERT_EQUAL(ctt_delay(&b, &clock, m, 60, 0, 2, 2), 3000);   /* slot 3000 */
    CU_ASSERT_EQUAL(ctt_delay(&a, &clock, m, 60, 2000, 2, 2), 2000);   /* slot 4000 */
    CU_ASSERT_EQUAL(ctt_delay(&b, &clock, m, 60, 3000, 2, 2), 2000);   /* slot 5000 */
    CU_ASSERT_EQUAL(clock.last_ms, 5000);
    /* after a quiet spell the slot is now, and a new user does not wait */
    struct ctt_thread c = {0};
    CU_ASSERT_EQUAL(ctt_delay(&c, &clock, m, 60, 10000, 2, 2), 0);
    CU_ASSERT_EQUAL(clock.last_ms, 10000);
    /* a user that is late gets no burst */
    CU_ASSERT_EQUAL(ctt_delay(&a, &clock, m, 60, 20000, 2, 2), 0);
    CU_ASSERT_EQUAL(a.previous_ms, 20000);
    ctt_shared_destroy(&clock);

    /* the per-group clock behaves the same; two groups do not share */
    struct ctt_shared g1, g2;
    ctt_shared_init(&g1);
    ctt_shared_init(&g2);
    struct ctt_thread x = {0}, y = {0};
    m = CTT_ALL_ACTIVE_IN_GROUP_SHARED;
    ctt_delay(&x, &g1, m, 600, 0, 1, 1);
    ctt_delay(&y, &g2, m, 600, 0, 1, 1);
    CU_ASSERT_EQUAL(g1.last_ms, 0);
    CU_ASSERT_EQUAL(g2.last_ms, 0);
    CU_ASSERT_EQUAL(ctt_delay(&x, &g1, m, 600, 0, 1, 1), 100);
    CU_ASSERT_EQUAL(g2.last_ms, 0);
    ctt_shared_destroy(&g1);
    ctt_shared_destroy(&g2);
}

struct ctt_worker {
    struct ctt_shared *clock;
    int calls;
};

static void *ctt_hammer(void *arg)
{
    struct ctt_worker *w = arg;
    struct ctt_thread t = {0};
    for (int i = 0; i < w->calls; i++)
        ctt_delay(&t, w->clock, CTT_ALL_ACTIVE_SHARED, 60000, 0, 4, 4);
    return NULL;
}

static void test_ctt_shared_threads(void)
{
    /* four threads claim 1 ms slots at the same instant: every claim gets its
     * own slot, so the last one handed out is (claims - 1) ms */
    struct ctt_shared clock;
    ctt_shared_init(&clock);
    pthread_t th[4];
    struct ctt_worker w = {&clock, 5000};
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, ctt_hammer, &w);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    CU_ASSERT_EQUAL(clock.last_ms, 4 * 5000 - 1);
    ctt_shared_destroy(&clock);
}

/* ------------------------------------------------ Precise Throughput Timer */

static void ptt_setup(struct ptt_state *s, double throughput, int64_t period, int64_t duration,
                      int64_t batch, int64_t seed)
{
    struct ptt_params p = {throughput, period, duration, batch, 0, 10000, 1.0, seed};
    ptt_init(s, &p);
}

static void test_ptt_jmeter_vector(void)
{
    /* JMeter's PreciseThroughputTimerTest.testTimer1: 2 per second, windows of
     * 5 s, seed 42: 10 events in each window, the 31st in the fourth */
    static const double expected[] = {
        1.3787403472085118, 1.3853924503706834, 1.5435972766632988, 1.8439145670565282,
        2.3182678790457665, 3.327744758972868, 3.416117358799227, 3.6378184001643405,
        3.914508893950179, 4.516861323360891, 5.861089688439262, 5.886892389546892,
        6.04883784433166, 6.932834371796743, 7.182454872116432, 7.937136908931478,
        7.9717495544484205, 8.749530906277236, 9.129829359439105, 9.596638914343584,
        10.157091194132905, 11.789599597385642, 12.088437733764593, 12.855201742074335,
        12.900124422510304, 13.567031289116144, 13.7564020338373, 13.762549742953254,
        14.088984654178198, 14.870178407479408, 16.45828248705902,
    };
    struct ptt_state s;
    ptt_setup(&s, 2, 1, 5, 1, 42);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        double e = -1;
        CU_ASSERT_TRUE(ptt_next_event(&s, 2, &e));
        if (fabs(e - expected[i]) > 1e-12)
            fprintf(stderr, "\n    event %zu at %.17g, expected %.17g\n", i, e, expected[i]);
        CU_ASSERT_DOUBLE_EQUAL(e, expected[i], 1e-12);
    }
    ptt_destroy(&s);
}

/* JMeter's verifyExactThroughput: 100 windows, each with exactly
 * ceil(throughput / period x duration) x batch events inside it, in order. */
static void exact_windows(int64_t seed, int64_t duration, int64_t throughput, int64_t period,
                          int64_t batch, size_t exact_max)
{
    struct ptt_state s;
    ptt_setup(&s, (double)(throughput * batch), period, duration, batch, seed);
    if (exact_max)
        s.exact_max = exact_max;
    int64_t per_window = (int64_t)ceil((double)throughput / (double)period * (double)duration) * batch;
    double prev = 0;
    int64_t bad = 0;
    for (int64_t w = 0; w < 100; w++) {
        for (int64_t i = 0; i < per_window; i++) {
            double e;
            if (!ptt_next_event(&s, (double)(throughput * batch), &e) || e < prev ||
                e < (double)(w * duration) || e >= (double)((w + 1) * duration))
                bad++;
            prev = e;
        }
    }
    if (bad)
        fprintf(stderr, "\n    seed %lld: %lld events out of their window\n", (long long)seed,
                (long long)bad);
    CU_ASSERT_EQUAL(bad, 0);
    ptt_destroy(&s);
}

static void test_ptt_exact_counts(void)
{
    for (int64_t batch = 1; batch < 3; batch++) {
        exact_windows(6217980321110818258LL, 60, 5, 60, batch, 0);
        exact_windows(6812190053835844998LL, 60, 5, 60, batch, 0);
        exact_windows(2110188512211996814LL, 27, 1, 85, batch, 0);
        exact_windows(4389853422207095555LL, 21, 26, 79, batch, 0);
        exact_windows(77, 5, 40, 1, batch, 0);
        /* the same in stream mode */
        exact_windows(77, 5, 40, 1, batch, 16);
        exact_windows(4389853422207095555LL, 21, 26, 79, batch, 3);
    }
}

static void test_ptt_batches_and_changes(void)
{
    /* batches of 3: every event three times, the rate per event divided by 3 */
    struct ptt_state s;
    ptt_setup(&s, 6, 1, 10, 3, 5);
    double e[30];
    for (int i = 0; i < 30; i++)
        CU_ASSERT_TRUE(ptt_next_event(&s, 6, &e[i]));
    bool triples = true;
    for (int i = 0; i < 30; i += 3)
        if (e[i] != e[i + 1] || e[i] != e[i + 2] || (i && e[i] < e[i - 1]))
            triples = false;
    CU_ASSERT_TRUE(triples);
    CU_ASSERT_TRUE(e[29] < 10);          /* 20 events per 10 s window, 10 distinct */
    ptt_destroy(&s);

    /* a throughput change starts a new window where the current one ends */
    ptt_setup(&s, 1, 1, 10, 1, 9);
    double a, b, c;
    CU_ASSERT_TRUE(ptt_next_event(&s, 1, &a));
    CU_ASSERT_TRUE(a >= 0 && a < 10);
    CU_ASSERT_TRUE(ptt_next_event(&s, 2, &b));
    CU_ASSERT_TRUE(b >= 10 && b < 20);
    CU_ASSERT_TRUE(ptt_next_event(&s, 2.000001, &c));   /* under 1e-5 per s: same window */
    CU_ASSERT_TRUE(c >= b && c < 20);
    ptt_destroy(&s);

    /* per hour: 3600 per 3600 s is 1 per s */
    ptt_setup(&s, 3600, 3600, 100, 1, 11);
    int n = 0;
    double t = 0;
    while (ptt_next_event(&s, 3600, &t) && t < 100)
        n++;
    CU_ASSERT_EQUAL(n, 100);
    ptt_destroy(&s);

    /* no events at all: throughput 0, or no duration */
    ptt_setup(&s, 0, 1, 10, 1, 1);
    CU_ASSERT_FALSE(ptt_next_event(&s, 0, &t));
    ptt_destroy(&s);
    ptt_setup(&s, 10, 1, 0, 1, 1);
    CU_ASSERT_FALSE(ptt_next_event(&s, 10, &t));
    ptt_destroy(&s);
    ptt_setup(&s, 10, 0, 10, 1, 1);   /* period 0: an infinite rate JMeter cannot honour either */
    CU_ASSERT_FALSE(ptt_next_event(&s, 10, &t));
    ptt_destroy(&s);
}

static void test_ptt_spacing(void)
{
    /* 50 per second over 200 s: 10000 events, mean gap 20 ms, Poisson-like
     * (gaps with a coefficient of variation near 1); list and stream modes */
    for (int mode = 0; mode < 2; mode++) {
        struct ptt_state s;
        ptt_setup(&s, 50, 1, 200, 1, 1234 + mode);
        if (mode)
            s.exact_max = 100;
        double prev = 0, sum = 0, sq = 0, e = 0;
        for (int i = 0; i < 10000; i++) {
            CU_ASSERT_TRUE(ptt_next_event(&s, 50, &e));
            double g = e - prev;
            if (i) {
                sum += g;
                sq += g * g;
            }
            prev = e;
        }
        double mean = sum / 9999, cv = sqrt(sq / 9999 - mean * mean) / mean;
        CU_ASSERT_TRUE(e < 200);
        CU_ASSERT_DOUBLE_EQUAL(mean, 0.02, 0.0005);
        CU_ASSERT_DOUBLE_EQUAL(cv, 1.0, 0.05);
        double next;
        CU_ASSERT_TRUE(ptt_next_event(&s, 50, &next));
        CU_ASSERT_TRUE(next >= 200);
        ptt_destroy(&s);
    }
}

static void test_ptt_delay(void)
{
    struct ptt_state s, ref;
    ptt_setup(&s, 2, 1, 5, 1, 42);
    ptt_setup(&ref, 2, 1, 5, 1, 42);
    double e1, e2, e3;
    ptt_next_event(&ref, 2, &e1);     /* 1.3787 s */
    ptt_next_event(&ref, 2, &e2);     /* 1.3854 s */
    ptt_next_event(&ref, 2, &e3);     /* 1.5436 s */
    bool stop = true;
    CU_ASSERT_EQUAL(ptt_delay(&s, 2, 0, -1, &stop), 1378);
    CU_ASSERT_FALSE(stop);
    CU_ASSERT_EQUAL(ptt_delay(&s, 2, 1500, -1, &stop), 0);          /* already past: no wait */
    CU_ASSERT_FALSE(stop);
    CU_ASSERT_EQUAL(ptt_delay(&s, 2, 1000, 1200, &stop), 543);      /* would pass the end */
    CU_ASSERT_TRUE(stop);
    ptt_destroy(&s);
    ptt_destroy(&ref);
    /* an event far beyond the end: the sum does not overflow */
    ptt_setup(&s, 1e-15, 1, INT64_MAX / 2, 1, 42);
    CU_ASSERT_TRUE(ptt_delay(&s, 1e-15, INT64_MAX - 5, 0, &stop) >= 0);
    CU_ASSERT_TRUE(stop);
    ptt_destroy(&s);
    ptt_setup(&s, 0, 1, 5, 1, 42);
    stop = false;
    ptt_delay(&s, 0, 0, -1, &stop);
    CU_ASSERT_TRUE(stop);
    ptt_destroy(&s);
}

struct ptt_worker {
    struct ptt_state *state;
    double *out;
    int n;
};

static void *ptt_take(void *arg)
{
    struct ptt_worker *w = arg;
    for (int i = 0; i < w->n; i++)
        ptt_next_event(w->state, 100, &w->out[i]);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void test_ptt_threads(void)
{
    /* four threads share one schedule: together they get exactly the events
     * one thread would get, whoever takes which */
    enum { PER = 2500, N = 4 * PER };
    double *seq = malloc(N * sizeof *seq), *par = malloc(N * sizeof *par);
    struct ptt_state s;
    ptt_setup(&s, 100, 1, 7, 1, 2024);
    for (int i = 0; i < N; i++)
        ptt_next_event(&s, 100, &seq[i]);
    ptt_destroy(&s);
    ptt_setup(&s, 100, 1, 7, 1, 2024);
    pthread_t th[4];
    struct ptt_worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (struct ptt_worker){&s, par + i * PER, PER};
        pthread_create(&th[i], NULL, ptt_take, &w[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    ptt_destroy(&s);
    qsort(par, N, sizeof *par, cmp_double);
    CU_ASSERT_EQUAL(memcmp(seq, par, N * sizeof *seq), 0);
    free(seq);
    free(par);
}

int main(void)
{
    static const struct cu_test tests[] = {
        {"CTT this thread only", test_ctt_this_thread},
        {"CTT all active threads", test_ctt_active_threads},
        {"CTT extreme values", test_ctt_extremes},
        {"CTT shared slot clocks", test_ctt_shared},
        {"CTT shared clock across threads", test_ctt_shared_threads},
        {"PTT JMeter's vector", test_ptt_jmeter_vector},
        {"PTT exact counts per window", test_ptt_exact_counts},
        {"PTT batches and changes", test_ptt_batches_and_changes},
        {"PTT spacing", test_ptt_spacing},
        {"PTT delay and stop", test_ptt_delay},
        {"PTT shared across threads", test_ptt_threads},
        {NULL, NULL},
    };
    return cu_run("pacing", tests);
}
