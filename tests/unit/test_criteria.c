/* test_criteria.c - --fail-on expressions: the parser (every metric, unit,
 * operator and label form, and the mistakes it must refuse with a reason),
 * evaluation against a statistics table, the breach descriptions, and the
 * command-line options around them (--fail-on, --summary-json,
 * --exit-code-on-error). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/cli.h"
#include "jmx2run/report.h"
#include "jmx2run/sample.h"
#include "support/testutil.h"

static struct criterion parsed(const char *text)
{
    struct criterion c;
    char *error = NULL;
    bool ok = criterion_parse(text, &c, &error);
    if (!ok)
        fprintf(stderr, "\n    %s: %s\n", text, error);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_PTR_NULL(error);
    free(error);
    return c;
}

/* Parses text expecting a refusal whose message contains want. */
static void refused(const char *text, const char *want)
{
    struct criterion c;
    char *error = NULL;
    bool ok = criterion_parse(text, &c, &error);
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_PTR_NOT_NULL(error);
    if (ok)
        criterion_free(&c);
    if (error && want && !strstr(error, want))
        fprintf(stderr, "\n    %s: got [%s], expected it to contain [%s]\n", text, error, want);
    if (error && want)
        CU_ASSERT_PTR_NOT_NULL(strstr(error, want));
    free(error);
}

static void test_parse_forms(void)
{
    struct criterion c = parsed("error_rate>1%");
    CU_ASSERT_EQUAL(c.metric, CRIT_ERROR_RATE);
    CU_ASSERT_EQUAL(c.op, CRIT_GT);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 1.0, 1e-9);
    CU_ASSERT_PTR_NULL(c.label);
    CU_ASSERT_STRING_EQUAL_MSG(c.text, "error_rate>1%");
    criterion_free(&c);

    c = parsed("p95>500ms");
    CU_ASSERT_EQUAL(c.metric, CRIT_PERCENTILE);
    CU_ASSERT_DOUBLE_EQUAL(c.percentile, 0.95, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 500.0, 1e-9);
    CU_ASSERT_STRING_EQUAL_MSG(c.metric_name, "p95");
    criterion_free(&c);

    c = parsed("p99[login]>1s");
    CU_ASSERT_EQUAL(c.metric, CRIT_PERCENTILE);
    CU_ASSERT_DOUBLE_EQUAL(c.percentile, 0.99, 1e-12);
    CU_ASSERT_STRING_EQUAL_MSG(c.label, "login");
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 1000.0, 1e-9);
    criterion_free(&c);

    c = parsed("avg>200ms");
    CU_ASSERT_EQUAL(c.metric, CRIT_AVG);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 200.0, 1e-9);
    criterion_free(&c);

    c = parsed("rps<100");
    CU_ASSERT_EQUAL(c.metric, CRIT_RPS);
    CU_ASSERT_EQUAL(c.op, CRIT_LT);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 100.0, 1e-9);
    criterion_free(&c);

    c = parsed("max>2s");
    CU_ASSERT_EQUAL(c.metric, CRIT_MAX);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 2000.0, 1e-9);
    criterion_free(&c);

    c = parsed("errors>0");
    CU_ASSERT_EQUAL(c.metric, CRIT_ERRORS);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 0.0, 1e-9);
    criterion_free(&c);

    c = parsed("samples<10");
    CU_ASSERT_EQUAL(c.metric, CRIT_SAMPLES);
    CU_ASSERT_EQUAL(c.op, CRIT_LT);
    criterion_free(&c);

    c = parsed("min<=5");
    CU_ASSERT_EQUAL(c.metric, CRIT_MIN);
    CU_ASSERT_EQUAL(c.op, CRIT_LE);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 5.0, 1e-9);     /* no unit: ms */
    criterion_free(&c);

    c = parsed("median>=0.5s");
    CU_ASSERT_EQUAL(c.metric, CRIT_PERCENTILE);
    CU_ASSERT_DOUBLE_EQUAL(c.percentile, 0.5, 1e-12);
    CU_ASSERT_EQUAL(c.op, CRIT_GE);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 500.0, 1e-9);
    criterion_free(&c);

    c = parsed("p99.9>1s");
    CU_ASSERT_DOUBLE_EQUAL(c.percentile, 0.999, 1e-12);
    criterion_free(&c);

    c = parsed("p100>1s");
    CU_ASSERT_DOUBLE_EQUAL(c.percentile, 1.0, 1e-12);
    criterion_free(&c);

    c = parsed("rps<100/s");
    CU_ASSERT_EQUAL(c.metric, CRIT_RPS);
    criterion_free(&c);
}

static void test_parse_spacing_and_case(void)
{
    struct criterion c = parsed("  p95 >= 1.5 s ");
    CU_ASSERT_STRING_EQUAL_MSG(c.text, "p95 >= 1.5 s");
    CU_ASSERT_EQUAL(c.op, CRIT_GE);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 1500.0, 1e-9);
    criterion_free(&c);

    c = parsed("P95 [Login Page] < 2S");
    CU_ASSERT_STRING_EQUAL_MSG(c.metric_name, "p95");
    CU_ASSERT_STRING_EQUAL_MSG(c.label, "Login Page");    /* labels keep their case */
    CU_ASSERT_EQUAL(c.op, CRIT_LT);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 2000.0, 1e-9);
    criterion_free(&c);

    c = parsed("Error_Rate <= 0.5 %");
    CU_ASSERT_EQUAL(c.metric, CRIT_ERROR_RATE);
    CU_ASSERT_DOUBLE_EQUAL(c.threshold, 0.5, 1e-9);
    criterion_free(&c);
}

/* The label is everything between the first "[" and the last "]". */
static void test_parse_labels(void)
{
    struct criterion c = parsed("p95[cart [v2]]>1s");
    CU_ASSERT_STRING_EQUAL_MSG(c.label, "cart [v2]");
    criterion_free(&c);

    c = parsed("avg[a]b]<=3ms");
    CU_ASSERT_STRING_EQUAL_MSG(c.label, "a]b");
    CU_ASSERT_EQUAL(c.op, CRIT_LE);
    criterion_free(&c);

    c = parsed("errors[x > y <= z]>0");
    CU_ASSERT_STRING_EQUAL_MSG(c.label, "x > y <= z");
    CU_ASSERT_EQUAL(c.op, CRIT_GT);
    criterion_free(&c);

    c = parsed("samples[]<1");
    CU_ASSERT_STRING_EQUAL_MSG(c.label, "");
    criterion_free(&c);
}

static void test_parse_refusals(void)
{
    refused("", "expected a metric");
    refused("   ", "expected a metric");
    refused(">1s", "expected a metric");
    refused("foo>1", "unknown metric \"foo\"");
    refused("p0>1", "out of range");
    refused("p101>1", "out of range");
    refused("p95", "expected >, >=, < or <=");
    refused("p95=500ms", "use >, >=, < or <=");
    refused("p95==500ms", "use >, >=, < or <=");
    refused("p95!=500ms", "use >, >=, < or <=");
    refused("p95>", "expected a number");
    refused("p95>abc", "expected a number");
    refused("p95>-1", "expected a number");
    refused("p95>>1", "expected a number");
    refused("p95>1.2.3", "expected a number");
    refused("p95>1%", "is a time");
    refused("p95>1 minutes", "is a time");
    refused("p95>1s x", "is a time");
    refused("avg>1/s", "is a time");
    refused("error_rate>1", "needs a percentage");
    refused("error_rate>1ms", "needs a percentage");
    refused("error_rate>101%", "between 0% and 100%");
    refused("errors>1.5", "whole number");
    refused("errors>1%", "is a count");
    refused("samples<10ms", "is a count");
    refused("rps<1ms", "per second");
    refused("p95[login>1s", "closing");
}

/* ---- evaluation ---- */

static void add(struct stats_table *t, const char *label, int64_t start, int64_t elapsed, bool ok)
{
    struct sample *s = sample_new();
    sample_set_label(s, label);
    s->start_ms = start;
    s->elapsed_ms = elapsed;
    s->end_ms = start + elapsed;
    s->success = ok;
    stats_table_add(t, s);
    sample_free(s);
}

/* login: 100 200 300 734 (one failed), home: 10 x 10 ms; all within 0 .. 2000 ms. */
static struct stats_table *sample_table(void)
{
    struct stats_table *t = stats_table_new();
    add(t, "login", 1000, 100, true);
    add(t, "login", 1100, 200, true);
    add(t, "login", 1200, 300, false);
    add(t, "login", 1266, 734, true);
    for (int i = 0; i < 10; i++)
        add(t, "home", 1000 + i * 100, 10, true);
    return t;
}

/* Evaluates text on t; checks the verdict and, when want_text is given, the description. */
static void check(const struct stats_table *t, const char *text, bool breached, double value,
                  const char *want_text)
{
    struct criterion c = parsed(text);
    struct criterion_result r;
    criterion_evaluate(&c, t, &r);
    if (r.breached != breached)
        fprintf(stderr, "\n    %s: breached %d, expected %d (value %g)\n", text, r.breached,
                breached, r.value);
    CU_ASSERT_EQUAL(r.breached, breached);
    if (!r.no_samples) {
        if (fabs(r.value - value) > 1e-6)
            fprintf(stderr, "\n    %s: value %g, expected %g\n", text, r.value, value);
        CU_ASSERT_DOUBLE_EQUAL(r.value, value, 1e-6);
    }
    if (want_text) {
        struct strbuf d;
        strbuf_init(&d);
        criterion_describe(&c, &r, &d);
        CU_ASSERT_STRING_EQUAL_MSG(d.s, want_text);
        strbuf_free(&d);
    }
    criterion_free(&c);
}

static void test_evaluate(void)
{
    struct stats_table *t = sample_table();
    /* 14 samples, 1 error; total window 1000 .. 2000 ms */
    check(t, "error_rate>1%", true, 100.0 / 14.0, "error_rate = 7.14% (1 of 14 samples)");
    check(t, "error_rate>10%", false, 100.0 / 14.0, NULL);
    check(t, "error_rate[login]>=25%", true, 25.0, "error_rate[login] = 25.00% (1 of 4 samples)");
    check(t, "error_rate[home]>0%", false, 0.0, NULL);
    check(t, "errors>0", true, 1, "errors = 1");
    check(t, "errors>1", false, 1, NULL);
    check(t, "samples<10", false, 14, NULL);
    check(t, "samples<=14", true, 14, "samples = 14");
    check(t, "samples[login]<5", true, 4, "samples[login] = 4");
    /* login sorted: 100 200 300 734; p95 rank round(3.8) = 4 -> 734 (exact below 256,
     * within 0.78% above: the histogram answers 734 clamped to max) */
    check(t, "p95[login]>500ms", true, 734, "p95[login] = 734 ms");
    check(t, "p99[login]>1s", false, 734, NULL);
    check(t, "p50[login]>200", false, 200, NULL);
    check(t, "median[login]>=200", true, 200, "median[login] = 200 ms");
    check(t, "max>0.7s", true, 734, "max = 734 ms");
    check(t, "max>=735", false, 734, NULL);
    check(t, "min<10", false, 10, NULL);
    check(t, "min<=10ms", true, 10, "min = 10 ms");
    /* mean of (100+200+300+734+100) / 14 = 102.4 -> 102 (truncated, as printed) */
    check(t, "avg>102", false, 102, NULL);
    check(t, "avg>=102", true, 102, "avg = 102 ms");
    check(t, "avg[login]>333ms", false, 333, NULL);   /* 1334 / 4 = 333.5 -> 333 */
    /* 14 samples over 1000 ms */
    check(t, "rps<100", true, 14.0, "rps = 14.0/s");
    check(t, "rps<14", false, 14.0, NULL);
    check(t, "rps<=14/s", true, 14.0, NULL);
    check(t, "rps>10", true, 14.0, NULL);
    stats_table_free(t);
}

static void test_evaluate_without_samples(void)
{
    struct stats_table *t = sample_table();
    /* a label that never ran: no time, rate or error figure proves anything */
    check(t, "p95[nope]>1s", true, 0, "no samples labelled \"nope\"");
    check(t, "error_rate[nope]>50%", true, 0, NULL);
    check(t, "rps[nope]>1", true, 0, NULL);
    check(t, "avg[nope]<1", true, 0, NULL);
    /* ... but counts are simply 0 */
    check(t, "samples[nope]<1", true, 0, "samples[nope] = 0");
    check(t, "samples[nope]>0", false, 0, NULL);
    check(t, "errors[nope]>0", false, 0, NULL);
    stats_table_free(t);

    struct stats_table *empty = stats_table_new();
    check(empty, "p95>1s", true, 0, "no samples");
    check(empty, "errors>0", false, 0, NULL);
    stats_table_free(empty);
}

/* All samples in the same millisecond: the window is 0, the rate counts as n per ms. */
static void test_rps_zero_window(void)
{
    struct stats_table *t = stats_table_new();
    add(t, "x", 5000, 0, true);
    add(t, "x", 5000, 0, true);
    check(t, "rps<100", false, 2000.0, NULL);
    stats_table_free(t);
}

/* ---- the command line ---- */

static bool parse_args(char **error, struct cli_options *o, int argc, const char **argv)
{
    return cli_parse(argc, (char **)argv, o, error);
}

static void test_cli_options(void)
{
    struct cli_options o;
    char *error = NULL;
    const char *argv[] = {"jmx2run", "--fail-on", "p95>500ms", "--fail-on=errors>0",
                          "--summary-json", "out.json", "--exit-code-on-error", "7", "plan.jmx"};
    CU_ASSERT_TRUE(parse_args(&error, &o, (int)ARRAY_LEN(argv), argv));
    CU_ASSERT_EQUAL(o.n_fail_on, 2);
    if (o.n_fail_on == 2) {
        CU_ASSERT_STRING_EQUAL_MSG(o.fail_on[0].text, "p95>500ms");
        CU_ASSERT_STRING_EQUAL_MSG(o.fail_on[1].text, "errors>0");
    }
    CU_ASSERT_STRING_EQUAL_MSG(o.summary_json_path, "out.json");
    CU_ASSERT_EQUAL(o.failed_samples_exit, 7);
    cli_options_free(&o);

    const char *plain[] = {"jmx2run", "plan.jmx"};
    CU_ASSERT_TRUE(parse_args(&error, &o, 2, plain));
    CU_ASSERT_EQUAL(o.failed_samples_exit, 1);       /* JMeter-compatible default */
    CU_ASSERT_EQUAL(o.n_fail_on, 0);
    cli_options_free(&o);

    const char *zero[] = {"jmx2run", "--exit-code-on-error=0", "plan.jmx"};
    CU_ASSERT_TRUE(parse_args(&error, &o, 3, zero));
    CU_ASSERT_EQUAL(o.failed_samples_exit, 0);
    cli_options_free(&o);
}

static void expect_usage_error(int argc, const char **argv, const char *want)
{
    struct cli_options o;
    char *error = NULL;
    CU_ASSERT_FALSE(parse_args(&error, &o, argc, argv));
    CU_ASSERT_PTR_NOT_NULL(error);
    if (error && !strstr(error, want))
        fprintf(stderr, "\n    got [%s], expected it to contain [%s]\n", error, want);
    if (error)
        CU_ASSERT_PTR_NOT_NULL(strstr(error, want));
    free(error);
    cli_options_free(&o);
}

static void test_cli_refusals(void)
{
    const char *bad[] = {"jmx2run", "--fail-on", "p95>fast", "plan.jmx"};
    expect_usage_error(4, bad, "--fail-on \"p95>fast\": expected a number");
    /* the good one before it is freed with the options */
    const char *second_bad[] = {"jmx2run", "--fail-on", "errors>0", "--fail-on", "x<1", "plan.jmx"};
    expect_usage_error(6, second_bad, "--fail-on \"x<1\": unknown metric");
    const char *missing[] = {"jmx2run", "plan.jmx", "--fail-on"};
    expect_usage_error(3, missing, "--fail-on needs an expression");
    const char *code[] = {"jmx2run", "--exit-code-on-error", "256", "plan.jmx"};
    expect_usage_error(4, code, "from 0 to 255");
    const char *code2[] = {"jmx2run", "--exit-code-on-error", "one", "plan.jmx"};
    expect_usage_error(4, code2, "from 0 to 255");
    const char *json[] = {"jmx2run", "plan.jmx", "--summary-json"};
    expect_usage_error(3, json, "--summary-json needs a file name");
    const char *check[] = {"jmx2run", "--check", "--fail-on", "errors>0", "plan.jmx"};
    expect_usage_error(5, check, "go with a run");
    const char *report[] = {"jmx2run", "-g", "r.jtl", "-o", "out", "--summary-json", "s.json"};
    expect_usage_error(7, report, "go with a run");
}

int main(void)
{
    static const struct cu_test tests[] = {
        { "parse: every form", test_parse_forms },
        { "parse: spaces and case", test_parse_spacing_and_case },
        { "parse: labels", test_parse_labels },
        { "parse: refusals", test_parse_refusals },
        { "evaluate", test_evaluate },
        { "evaluate without samples", test_evaluate_without_samples },
        { "rps over a zero window", test_rps_zero_window },
        { "command line", test_cli_options },
        { "command line refusals", test_cli_refusals },
        { NULL, NULL },
    };
    return cu_run("criteria", tests);
}
