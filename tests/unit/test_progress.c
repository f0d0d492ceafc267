/* test_progress.c - the live status line: its text from given figures
 * (planned figures known or not, no samples yet, cut to the terminal
 * width), and the tracker that feeds it: refreshed once a second, the rate
 * over the last refresh, errors since the start, the 95th percentile over the
 * last few seconds only, transaction samples left out, and the clearing
 * sequence before the end-of-run output. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"
#include "jmx2run/sample.h"
#include "support/testutil.h"

static char *line_of(const struct progress_figures *f, int width)
{
    struct strbuf out;
    strbuf_init(&out);
    progress_format_line(f, width, &out);
    return strbuf_detach(&out);
}

static void test_format_full(void)
{
    struct progress_figures f = {
        .elapsed_ms = 12345, .planned_ms = 60000, .active_users = 10, .planned_users = 10,
        .samples = 1234, .errors = 15, .rate_per_s = 45.04, .have_p95 = true, .p95_ms = 230,
    };
    char *line = line_of(&f, 0);
    CU_ASSERT_STRING_EQUAL_MSG(line,
        "00:00:12/00:01:00 | users 10/10 | 1234 samples | 45.0/s | errors 1.22% | p95 230 ms");
    free(line);
}

static void test_format_unknown_plan(void)
{
    /* loop-count groups: no planned length; arrivals: no planned users */
    struct progress_figures f = {
        .elapsed_ms = 3725999, .active_users = 3, .samples = 7, .errors = 0, .rate_per_s = 0.5,
        .have_p95 = true, .p95_ms = 1500,
    };
    char *line = line_of(&f, 0);
    CU_ASSERT_STRING_EQUAL_MSG(line,
        "01:02:05 | users 3 | 7 samples | 0.5/s | errors 0.00% | p95 1500 ms");
    free(line);
}

static void test_format_no_samples(void)
{
    struct progress_figures f = {.elapsed_ms = 999, .planned_ms = 100 * 3600 * 1000LL,
                                 .planned_users = 50};
    char *line = line_of(&f, 0);
    CU_ASSERT_STRING_EQUAL_MSG(line,
        "00:00:00/100:00:00 | users 0/50 | 0 samples | 0.0/s | errors 0.00% | p95 -");
    free(line);
}

static void test_format_width(void)
{
    struct progress_figures f = {.elapsed_ms = 1000, .active_users = 1, .samples = 1,
                                 .rate_per_s = 1, .have_p95 = true, .p95_ms = 5};
    char *full = line_of(&f, 0);
    char *cut = line_of(&f, 20);
    CU_ASSERT_EQUAL(strlen(cut), 20);
    CU_ASSERT_EQUAL(strncmp(full, cut, 20), 0);
    char *wide = line_of(&f, 500);
    CU_ASSERT_STRING_EQUAL_MSG(wide, full);
    free(full);
    free(cut);
    free(wide);
}

/* ---- the tracker ---- */

static void feed(struct progress *p, const char *label, int64_t elapsed, bool ok,
                 enum sample_origin origin)
{
    struct sample *s = sample_new();
    sample_set_label(s, label);
    s->elapsed_ms = elapsed;
    s->success = ok;
    s->origin = origin;
    progress_add(p, s);
    sample_free(s);
}

/* progress_update at now; returns the text appended ("" when not due). */
static char *update(struct progress *p, int64_t now, const struct progress_load *load)
{
    struct strbuf out;
    strbuf_init(&out);
    progress_update(p, now, load, 0, &out);
    return strbuf_detach(&out);
}

static void test_tracker(void)
{
    const int64_t t0 = 1700000000000LL;
    struct progress *p = progress_new(t0);
    struct progress_load load = {.active_users = 2, .planned_users = 4,
                                 .planned_end_ms = t0 + 120000};
    /* nothing before a second has passed */
    char *text = update(p, t0 + 999, &load);
    CU_ASSERT_STRING_EQUAL_MSG(text, "");
    free(text);

    for (int i = 0; i < 9; i++)
        feed(p, "a", 100, true, SAMPLE_FROM_SAMPLER);
    feed(p, "a", 900, false, SAMPLE_FROM_SAMPLER);
    feed(p, "tx", 5000, false, SAMPLE_FROM_TRANSACTION);    /* not a request: left out */
    text = update(p, t0 + 1000, &load);
    CU_ASSERT_STRING_EQUAL_MSG(text, "\r00:00:01/00:02:00 | users 2/4 | 10 samples | 10.0/s | "
                                     "errors 10.00% | p95 900 ms\033[K");
    free(text);

    /* not due again until a further second */
    text = update(p, t0 + 1500, &load);
    CU_ASSERT_STRING_EQUAL_MSG(text, "");
    free(text);

    /* 2 s later: 5 samples in 2 s; the p95 window still holds the first second
     * (sorted: 5 x 10, 9 x 100, 900; rank round(15 x 0.95) = 14 -> 100) */
    for (int i = 0; i < 5; i++)
        feed(p, "a", 10, true, SAMPLE_FROM_SAMPLER);
    load.active_users = 4;
    text = update(p, t0 + 3000, &load);
    CU_ASSERT_STRING_EQUAL_MSG(text, "\r00:00:03/00:02:00 | users 4/4 | 15 samples | 2.5/s | "
                                     "errors 6.67% | p95 100 ms\033[K");
    free(text);

    /* after PROGRESS_P95_WINDOW_S quiet refreshes the slow sample has left the window */
    int64_t now = t0 + 3000;
    for (int i = 0; i < PROGRESS_P95_WINDOW_S - 1; i++) {
        now += 1000;
        free(update(p, now, &load));
    }
    feed(p, "a", 20, true, SAMPLE_FROM_SAMPLER);
    now += 1000;
    text = update(p, now, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "| users 0 | 16 samples | 1.0/s | errors 6.25% | p95 20 ms"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\r00:00:08 |"));    /* no load given: nothing planned */
    free(text);

    /* the sample stays in the window for PROGRESS_P95_WINDOW_S refreshes, then no p95 */
    for (int i = 0; i < PROGRESS_P95_WINDOW_S - 1; i++) {
        now += 1000;
        text = update(p, now, &load);
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "| p95 20 ms"));
        free(text);
    }
    now += 1000;
    text = update(p, now, &load);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "| 0.0/s | errors 6.25% | p95 -\033[K"));
    free(text);

    /* cleared once before the end-of-run output, then nothing more to clear */
    struct strbuf out;
    strbuf_init(&out);
    progress_clear(p, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "\r\033[K");
    strbuf_reset(&out);
    progress_clear(p, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "");
    strbuf_free(&out);
    progress_free(p);
}

static void test_clear_without_line(void)
{
    struct progress *p = progress_new(0);
    struct strbuf out;
    strbuf_init(&out);
    progress_clear(p, &out);        /* a run shorter than a second drew nothing */
    CU_ASSERT_EQUAL(out.len, 0);
    strbuf_free(&out);
    progress_free(p);
    progress_free(NULL);
}

int main(void)
{
    static const struct cu_test tests[] = {
        { "format: every figure", test_format_full },
        { "format: nothing planned", test_format_unknown_plan },
        { "format: no samples yet", test_format_no_samples },
        { "format: cut to the width", test_format_width },
        { "tracker", test_tracker },
        { "clear without a line", test_clear_without_line },
        { NULL, NULL },
    };
    return cu_run("progress", tests);
}
