/* progress.c - the live status line shown on a terminal during a run, in
 * place of the summariser's "summary +" lines:
 *
 *   00:00:12/00:01:00 | users 10/10 | 1234 samples | 45.0/s | errors 1.23% | p95 230 ms
 *
 * elapsed (and planned length when known), active (and planned) users,
 * samples so far, samples per second since the previous refresh (about one
 * second), the error percentage since the start, and the 95th percentile of
 * the samples that arrived in the last PROGRESS_P95_WINDOW_S refreshes.
 * The line is redrawn with "\r" and "erase to end of line" (ESC [ K), and
 * cleared the same way before the end-of-run output.
 *
 * The results writer thread is the only caller, so nothing here locks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

#define ERASE_TO_END "\033[K"

struct progress {
    int64_t start_ms;
    int64_t last_refresh_ms;
    int64_t samples, errors;
    int64_t samples_at_last_refresh;
    /* one histogram per refresh period, the newest at [current] */
    struct histogram recent[PROGRESS_P95_WINDOW_S];
    int current;
    bool shown;                 /* a line is on screen */
};

static void add_hms(struct strbuf *out, int64_t ms)
{
    int64_t s = ms < 0 ? 0 : ms / 1000;
    strbuf_addf(out, "%02lld:%02lld:%02lld", (long long)(s / 3600), (long long)(s / 60 % 60),
                (long long)(s % 60));
}

void progress_format_line(const struct progress_figures *f, int max_width, struct strbuf *out)
{
    size_t begin = out->len;
    add_hms(out, f->elapsed_ms);
    if (f->planned_ms > 0) {
        strbuf_addc(out, '/');
        add_hms(out, f->planned_ms);
    }
    strbuf_addf(out, " | users %d", f->active_users);
    if (f->planned_users > 0)
        strbuf_addf(out, "/%d", f->planned_users);
    strbuf_addf(out, " | %lld samples | %.1f/s", (long long)f->samples,
                f->rate_per_s > 0 ? f->rate_per_s : 0.0);
    double error_pct = f->samples ? (double)f->errors * 100.0 / (double)f->samples : 0.0;
    strbuf_addf(out, " | errors %.2f%%", error_pct);
    if (f->have_p95)
        strbuf_addf(out, " | p95 %lld ms", (long long)f->p95_ms);
    else
        strbuf_adds(out, " | p95 -");
    if (max_width > 0 && out->len - begin > (size_t)max_width) {
        out->len = begin + (size_t)max_width;
        out->s[out->len] = '\0';
    }
}

struct progress *progress_new(int64_t start_ms)
{
    struct progress *p = xcalloc(1, sizeof *p);
    p->start_ms = start_ms;
    p->last_refresh_ms = start_ms;
    for (int i = 0; i < PROGRESS_P95_WINDOW_S; i++)
        histogram_init(&p->recent[i]);
    return p;
}

void progress_free(struct progress *p)
{
    if (!p)
        return;
    for (int i = 0; i < PROGRESS_P95_WINDOW_S; i++)
        histogram_free(&p->recent[i]);
    free(p);
}

void progress_add(struct progress *p, const struct sample *s)
{
    if (s->origin == SAMPLE_FROM_TRANSACTION)
        return;
    p->samples++;
    if (!s->success)
        p->errors++;
    histogram_record(&p->recent[p->current], s->elapsed_ms);
}

bool progress_update(struct progress *p, int64_t now_ms, const struct progress_load *load,
                     int max_width, struct strbuf *out)
{
    int64_t since = now_ms - p->last_refresh_ms;
    if (since < PROGRESS_REFRESH_MS)
        return false;
    struct progress_figures f = {
        .elapsed_ms = now_ms - p->start_ms,
        .active_users = load ? load->active_users : 0,
        .planned_users = load ? load->planned_users : 0,
        .samples = p->samples,
        .errors = p->errors,
        .rate_per_s = (double)(p->samples - p->samples_at_last_refresh) * 1000.0 / (double)since,
    };
    if (load && load->planned_end_ms > p->start_ms)
        f.planned_ms = load->planned_end_ms - p->start_ms;
    struct histogram window;
    histogram_init(&window);
    for (int i = 0; i < PROGRESS_P95_WINDOW_S; i++)
        histogram_merge(&window, &p->recent[i]);
    f.have_p95 = window.count > 0;
    f.p95_ms = histogram_percentile(&window, 0.95);
    histogram_free(&window);

    strbuf_addc(out, '\r');
    progress_format_line(&f, max_width, out);
    strbuf_adds(out, ERASE_TO_END);
    p->shown = true;

    /* the oldest period leaves the window */
    p->current = (p->current + 1) % PROGRESS_P95_WINDOW_S;
    histogram_free(&p->recent[p->current]);
    histogram_init(&p->recent[p->current]);
    p->last_refresh_ms = now_ms;
    p->samples_at_last_refresh = p->samples;
    return true;
}

void progress_clear(struct progress *p, struct strbuf *out)
{
    if (!p->shown)
        return;
    strbuf_adds(out, "\r" ERASE_TO_END);
    p->shown = false;
}
