/* test_summariser.c - the "summary +/=" lines (exact text and widths), the
 * rules for when they print, driven by a fake clock, and the console banners. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jmx2run/props.h"
#include "jmx2run/report.h"
#include "jmx2run/sample.h"
#include "jmx2run/util.h"
#include "support/testutil.h"

static char *line(const char *name, char type, int64_t count, int64_t elapsed, int64_t sum,
                  int64_t min, int64_t max, int64_t errors, const struct thread_counts *tc)
{
    struct strbuf out;
    strbuf_init(&out);
    summariser_format_line(&out, name, type, count, elapsed, sum, min, max, errors, tc);
    return strbuf_detach(&out);
}

static void test_line_format(void)
{
    struct thread_counts tc = { 10, 10, 0 };
    char *s = line("summary", '+', 112, 21000, 185 * 112 + 50, 12, 1043, 2, &tc);
    CU_ASSERT_STRING_EQUAL_MSG(s, "summary +    112 in 00:00:21 =    5.3/s Avg:   185 Min:    12 "
                                  "Max:  1043 Err:     2 (1.79%) Active: 10 Started: 10 Finished: 0\n");
    free(s);
    s = line("summary", '=', 412, 51000, 181 * 412, 10, 1043, 2, &tc);
    CU_ASSERT_STRING_EQUAL_MSG(s, "summary =    412 in 00:00:51 =    8.1/s Avg:   181 Min:    10 "
                                  "Max:  1043 Err:     2 (0.49%)\n");
    free(s);
    /* Zero samples: no window, extreme min/max. */
    s = line("summary", '=', 0, 0, 0, INT64_MAX, INT64_MIN, 0, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(s, "summary =      0 in 00:00:00 = ******/s Avg:     0 Min: "
                                  "9223372036854775807 Max: -9223372036854775808 Err:     0 (0.00%)\n");
    free(s);
    /* A window of 0 ms with samples; thread counts default to 0. */
    s = line("smry", '+', 3, 0, 30, 5, 15, 3, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(s, "smry +      3 in 00:00:00 = ******/s Avg:    10 Min:     5 "
                                  "Max:    15 Err:     3 (100.00%) Active: 0 Started: 0 Finished: 0\n");
    free(s);
    /* Rounding: seconds half up, rates and percentages half-even (3.125% -> 3.12%),
     * hours not wrapped, wide numbers push the columns. */
    s = line("summary", '=', 32, 360000500, 32 * 7, 1, 99999, 1, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(s, "summary =     32 in 100:00:01 =    0.0/s Avg:     7 Min:     1 "
                                  "Max: 99999 Err:     1 (3.12%)\n");
    free(s);
    s = line("summary", '=', 1234567, 499, 1234567LL * 123456, 0, 1234567, 123456, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(s, "summary = 1234567 in 00:00:00 = 2474082.2/s Avg: 123456 Min:     "
                                  "0 Max: 1234567 Err: 123456 (10.00%)\n");
    free(s);
    /* 1/8 = 12.5%: exactly representable, printed with two decimals. */
    s = line("summary", '=', 8, 4000, 8, 1, 1, 1, NULL);
    CU_ASSERT_TRUE(strstr(s, "=    2.0/s") && strstr(s, "(12.50%)"));
    free(s);
    /* A rate of 0.25/s rounds half-even to 0.2. */
    s = line("summary", '=', 1, 4000, 1, 1, 1, 0, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, " in 00:00:04 =    0.2/s "));
    free(s);
}

static int count_of_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* A sample that ended at `end_ms` with the given elapsed time. */
static struct sample *smp(int64_t elapsed, bool ok)
{
    struct sample *s = sample_new();
    sample_set_label(s, "x");
    s->elapsed_ms = elapsed;
    s->success = ok;
    return s;
}

static void counts(void *data, struct thread_counts *out)
{
    const int *n = data;
    out->active = n[0];
    out->started = n[1];
    out->finished = n[2];
}

/* Epoch second 1700000010 is a multiple of 30. */
#define T0 1699999990000LL

static void test_timing_rules(void)
{
    int tc[3] = { 4, 5, 1 };
    struct summariser *sum = summariser_new("summary", 30, true, T0);
    summariser_set_thread_counts(sum, counts, tc);
    struct strbuf out;
    strbuf_init(&out);
    struct sample *ok = smp(100, true), *bad = smp(300, false);

    /* One sample a second; 1700000004 (mod 30 = 24) .. 1700000009: nothing yet. */
    for (int64_t t = T0 + 500; t < T0 + 20000; t += 1000)
        CU_ASSERT_FALSE(summariser_add(sum, ok, t, &out));
    CU_ASSERT_EQUAL(out.len, 0);
    /* Second 1700000010: the first report, a "+" line only. */
    CU_ASSERT_TRUE(summariser_add(sum, bad, T0 + 20500, &out));
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "summary +     21 in 00:00:21 =    1.0/s Avg:   109 Min:   100 "
                                      "Max:   300 Err:     1 (4.76%) Active: 4 Started: 5 Finished: 1\n");
    strbuf_reset(&out);
    /* Seconds 11..15 are inside the window after a report: no double report. */
    for (int64_t t = T0 + 21000; t <= T0 + 25999; t += 700)
        CU_ASSERT_FALSE(summariser_add(sum, ok, t, &out));
    /* Nothing until second 1700000040, even with samples at 16..39. */
    int n_between = 0;
    for (int64_t t = T0 + 26000; t < T0 + 50000; t += 1000, n_between++)
        CU_ASSERT_FALSE(summariser_add(sum, ok, t, &out));
    CU_ASSERT_EQUAL(out.len, 0);
    /* A late sample at second 1700000043 (mod 30 = 3) still reports; now "=" follows. */
    tc[0] = 3;
    CU_ASSERT_TRUE(summariser_add(sum, ok, T0 + 53250, &out));
    /* Delta: 8 samples at 11..15 + 24 at 16..39 + this one = 33, window 20.5 s .. 53.25 s. */
    CU_ASSERT_EQUAL(n_between, 24);
    CU_ASSERT_STRING_EQUAL_MSG(out.s,
                               "summary +     33 in 00:00:33 =    1.0/s Avg:   100 Min:   100 "
                               "Max:   100 Err:     0 (0.00%) Active: 3 Started: 5 Finished: 1\n"
                               "summary =     54 in 00:00:53 =    1.0/s Avg:   103 Min:   100 "
                               "Max:   300 Err:     1 (1.85%)\n");
    strbuf_reset(&out);
    /* Test end with samples since the last report: "+" then "=". */
    summariser_add(sum, bad, T0 + 55000, &out);
    summariser_end(sum, T0 + 57000, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s,
                               "summary +      1 in 00:00:04 =    0.3/s Avg:   300 Min:   300 "
                               "Max:   300 Err:     1 (100.00%) Active: 3 Started: 5 Finished: 1\n"
                               "summary =     55 in 00:00:57 =    1.0/s Avg:   107 Min:   100 "
                               "Max:   300 Err:     2 (3.64%)\n");
    strbuf_free(&out);
    summariser_free(sum);
    sample_free(ok), sample_free(bad);
}

static void test_short_and_empty_runs(void)
{
    struct strbuf out;
    strbuf_init(&out);
    struct sample *ok = smp(82, true);
    /* Shorter than a report window: only the "=" line (as observed on 2.13). */
    struct summariser *sum = summariser_new("summary", 30, true, T0 + 1000);
    for (int i = 0; i < 4; i++)
        summariser_add(sum, ok, T0 + 1100 + 1000 * i, &out);
    CU_ASSERT_EQUAL(out.len, 0);
    summariser_end(sum, T0 + 5100, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "summary =      4 in 00:00:04 =    1.0/s Avg:    82 Min:    82 "
                                      "Max:    82 Err:     0 (0.00%)\n");
    summariser_free(sum);
    strbuf_reset(&out);

    /* No samples at all. */
    sum = summariser_new("summary", 30, true, T0);
    summariser_end(sum, T0 + 3000, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "summary =      0 in 00:00:00 = ******/s Avg:     0 Min: "
                                      "9223372036854775807 Max: -9223372036854775808 Err:     0 (0.00%)\n");
    summariser_free(sum);
    strbuf_reset(&out);

    /* A report, then nothing more: the end prints only "=". */
    sum = summariser_new("summary", 30, true, T0 + 18000);
    summariser_add(sum, ok, T0 + 19000, &out);
    summariser_add(sum, ok, T0 + 20000, &out);
    CU_ASSERT_EQUAL(count_of_lines(out.s), 1);
    strbuf_reset(&out);
    summariser_end(sum, T0 + 24000, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "summary =      2 in 00:00:06 =    0.3/s Avg:    82 Min:    82 "
                                      "Max:    82 Err:     0 (0.00%)\n");
    summariser_free(sum);
    strbuf_free(&out);
    sample_free(ok);
}

static void test_what_counts(void)
{
    struct strbuf out;
    strbuf_init(&out);
    struct sample *parent = smp(40, true);
    sample_add_sub(parent, smp(10, false));
    sample_add_sub(parent, smp(30, true));
    struct sample *tc = smp(500, false);
    tc->origin = SAMPLE_FROM_TRANSACTION;
    struct sample *tc_text = smp(700, true);        /* recognised by its message */
    tc_text->response_message =
        xstrdup("Number of samples in transaction : 1, number of failing samples : 0");

    struct summariser *sum = summariser_new("summary", 30, true, T0);
    CU_ASSERT_FALSE(summariser_add(sum, parent, T0 + 1000, &out));
    CU_ASSERT_FALSE(summariser_add(sum, tc, T0 + 1000, &out));
    CU_ASSERT_FALSE(summariser_add(sum, tc_text, T0 + 2000, &out));
    summariser_end(sum, T0 + 2000, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "summary =      1 in 00:00:02 =    0.5/s Avg:    40 Min:    40 "
                                      "Max:    40 Err:     0 (0.00%)\n");
    summariser_free(sum);
    strbuf_reset(&out);

    /* With the property false, transaction samples count. */
    sum = summariser_new("summary", 30, false, T0);
    summariser_add(sum, parent, T0 + 1000, &out);
    summariser_add(sum, tc, T0 + 1500, &out);
    summariser_add(sum, tc_text, T0 + 2000, &out);
    summariser_end(sum, T0 + 2000, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "summary =      3 in 00:00:02 =    1.5/s Avg:   413 Min:    40 "
                                      "Max:   700 Err:     1 (33.33%)\n");
    summariser_free(sum);
    strbuf_reset(&out);

    /* Interval 0: no periodic report even on a boundary. */
    sum = summariser_new("summary", 0, true, T0);
    CU_ASSERT_FALSE(summariser_add(sum, parent, T0 + 20000, &out));
    summariser_end(sum, T0 + 21000, &out);
    CU_ASSERT_EQUAL(count_of_lines(out.s), 1);
    summariser_free(sum);
    strbuf_reset(&out);

    /* Another interval: 10 s boundaries. */
    sum = summariser_new("totals", 10, true, T0);
    CU_ASSERT_FALSE(summariser_add(sum, parent, T0 + 6000, &out));   /* ..996 mod 10 = 6 */
    CU_ASSERT_TRUE(summariser_add(sum, parent, T0 + 10000, &out));   /* ..000 */
    CU_ASSERT_FALSE(summariser_add(sum, parent, T0 + 15000, &out));  /* within 5 s */
    CU_ASSERT_TRUE(summariser_add(sum, parent, T0 + 20000, &out));
    CU_ASSERT_EQUAL(count_of_lines(out.s), 3);
    CU_ASSERT_TRUE(str_starts_with(out.s, "totals +      2 in 00:00:10 ="));
    /* Up to 5 s late still counts: second ..016 (mod 6) does not report, ..025 (mod 5) does. */
    CU_ASSERT_FALSE(summariser_add(sum, parent, T0 + 26999, &out));
    CU_ASSERT_TRUE(summariser_add(sum, parent, T0 + 35999, &out));
    CU_ASSERT_FALSE(summariser_add(sum, parent, T0 + 46000, &out));
    summariser_free(sum);
    strbuf_free(&out);
    sample_free(parent), sample_free(tc), sample_free(tc_text);
}

static void test_config_from_props(void)
{
    struct props *p = props_new();
    struct summariser_config c;
    summariser_config_from_props(&c, p);
    CU_ASSERT_PTR_NULL(c.name);
    CU_ASSERT_EQUAL(c.interval_s, 30);
    CU_ASSERT_TRUE(c.ignore_tc && c.to_out && c.to_log);
    summariser_config_free(&c);

    props_set(p, "summariser.name", " summary ");
    props_set(p, "summariser.interval", " 10 ");
    props_set(p, "summariser.ignore_transaction_controller_sample_result", "F");
    props_set(p, "summariser.out", "0");
    props_set(p, "summariser.log", "maybe");
    summariser_config_from_props(&c, p);
    CU_ASSERT_STRING_EQUAL(c.name, "summary");
    CU_ASSERT_EQUAL(c.interval_s, 10);
    CU_ASSERT_FALSE(c.ignore_tc);
    CU_ASSERT_FALSE(c.to_out);
    CU_ASSERT_TRUE(c.to_log);
    summariser_config_free(&c);

    props_set(p, "summariser.name", "");
    props_set(p, "summariser.interval", "ten");
    summariser_config_from_props(&c, p);
    CU_ASSERT_PTR_NULL(c.name);
    CU_ASSERT_EQUAL(c.interval_s, 30);
    summariser_config_free(&c);
    props_free(p);
}

static void test_banners(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    struct strbuf out;
    strbuf_init(&out);
    report_banner_creating_summariser(&out, "summary");
    report_banner_created_tree(&out, "plan.jmx");
    report_banner_starting(&out, 1795714252000);
    report_banner_tidying_up(&out, 1795714305000);
    report_banner_end_of_run(&out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s,
                               "Creating summariser <summary>\n"
                               "Created the tree successfully using plan.jmx\n"
                               "Starting standalone test @ 2026 Nov 26 17:30:52 UTC (1795714252000)\n"
                               "Tidying up ...    @ 2026 Nov 26 17:31:45 UTC (1795714305000)\n"
                               "... end of run\n");
    strbuf_reset(&out);
    /* Day without padding; zones with and without an abbreviation. */
    setenv("TZ", "KST-9", 1);
    tzset();
    report_banner_date(1665299776726, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "2022 Oct 9 16:16:16 KST");
    strbuf_reset(&out);
    setenv("TZ", "<+09>-9", 1);
    tzset();
    report_banner_date(1665299776726, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "2022 Oct 9 16:16:16 GMT+09:00");
    strbuf_reset(&out);
    setenv("TZ", "<-0330>3:30", 1);
    tzset();
    report_banner_date(1665299776726, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "2022 Oct 9 03:46:16 GMT-03:30");
    strbuf_free(&out);
    setenv("TZ", "UTC", 1);
    tzset();
}

int main(void)
{
    static const struct cu_test tests[] = {
        { "line format", test_line_format },
        { "timing rules", test_timing_rules },
        { "short and empty runs", test_short_and_empty_runs },
        { "what counts", test_what_counts },
        { "config from properties", test_config_from_props },
        { "console banners", test_banners },
        { NULL, NULL },
    };
    return cu_run("summariser", tests);
}
