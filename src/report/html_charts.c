/* html_charts.c - the charts section: series over time taken from the time
 * buckets (response time percentiles, hits and errors per second, codes per
 * second, active threads, latency and connect time, bytes per second) and the
 * response time distribution taken from the TOTAL histogram. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "html_internal.h"

struct over_time {
    int64_t *x;
    size_t n;
    int64_t step;
    double *y[HTML_MAX_CODES + 1];
    struct svg_series s[HTML_MAX_CODES + 1];
    size_t n_series;
};

static void ot_init(struct over_time *o, const struct html_timeline *t)
{
    memset(o, 0, sizeof *o);
    o->n = t->n;
    o->step = t->gran_ms;
    o->x = xcalloc(t->n ? t->n : 1, sizeof *o->x);
    for (size_t i = 0; i < t->n; i++)
        o->x[i] = (t->lo + (int64_t)i) * t->gran_ms;
}

static double *ot_series(struct over_time *o, const char *name)
{
    size_t k = o->n_series++;
    o->y[k] = xcalloc(o->n ? o->n : 1, sizeof(double));
    o->s[k].name = name;
    o->s[k].y = o->y[k];
    return o->y[k];
}

static void ot_free(struct over_time *o)
{
    for (size_t k = 0; k < o->n_series; k++)
        free(o->y[k]);
    free(o->x);
}

static void chart(struct strbuf *out, struct over_time *o, const char *title, const char *note,
                  const char *unit)
{
    strbuf_adds(out, "<figure class=\"card\"><figcaption>");
    html_escape(out, title, strlen(title));
    if (note) {
        strbuf_adds(out, " <small>");
        html_escape(out, note, strlen(note));
        strbuf_adds(out, "</small>");
    }
    strbuf_adds(out, "</figcaption>");
    struct svg_line_chart c = {
        .x_ms = o->x, .n = o->n, .step_ms = o->step, .series = o->s,
        .n_series = o->n_series, .y_unit = unit, .aria = title,
    };
    svg_line_chart(out, &c);
    html_legend(out, o->s, o->n_series);
    strbuf_adds(out, "</figure>\n");
}

static void percentiles_chart(struct strbuf *out, const struct html_data *d)
{
    struct over_time o;
    ot_init(&o, &d->tl);
    static const struct {
        const char *name;
        double p;
    } pct[] = { { "p50 (median)", 0.50 }, { "p90", 0.90 }, { "p99", 0.99 } };
    for (size_t k = 0; k < ARRAY_LEN(pct); k++) {
        double *y = ot_series(&o, pct[k].name);
        for (size_t i = 0; i < o.n; i++) {
            const struct histogram *h = &d->tl.b[i].ok_elapsed;
            y[i] = h->count ? (double)histogram_percentile(h, pct[k].p) : NAN;
        }
    }
    chart(out, &o, "Response time percentiles over time", "successful samples", "ms");
    ot_free(&o);
}

static void throughput_chart(struct strbuf *out, const struct html_data *d)
{
    struct over_time o;
    ot_init(&o, &d->tl);
    double secs = (double)d->tl.gran_ms / 1000.0;
    double *hits = ot_series(&o, "Hits/s");
    double *errs = ot_series(&o, "Errors/s");
    o.s[1].color = "#c23b3b";
    for (size_t i = 0; i < o.n; i++) {
        hits[i] = (double)d->tl.b[i].hits / secs;
        errs[i] = (double)d->tl.b[i].hit_errors / secs;
    }
    chart(out, &o, "Throughput over time",
          d->opts.include_subresults || !d->sub_rows
              ? "requests per second"
              : "requests per second, sub-results (redirects, embedded resources) included",
          "/s");
    ot_free(&o);
}

static void codes_chart(struct strbuf *out, const struct html_data *d)
{
    if (!(d->columns & JTL_HAS_CODE) || d->n_codes == 0)
        return;
    struct over_time o;
    ot_init(&o, &d->tl);
    double secs = (double)d->tl.gran_ms / 1000.0;
    size_t n = d->n_codes + (d->codes_other ? 1 : 0);
    for (size_t k = 0; k < n; k++) {
        const char *name = k < d->n_codes ? d->codes[k] : "other codes";
        double *y = ot_series(&o, *name ? name : "(no code)");
        size_t slot = k < d->n_codes ? k : HTML_MAX_CODES;
        for (size_t i = 0; i < o.n; i++) {
            const uint64_t *c = d->tl.b[i].codes;
            y[i] = c ? (double)c[slot] / secs : 0.0;
        }
    }
    chart(out, &o, "Response codes per second", NULL, "/s");
    ot_free(&o);
}

static void threads_chart(struct strbuf *out, const struct html_data *d)
{
    if (!(d->columns & JTL_HAS_THREADS))
        return;
    struct over_time o;
    ot_init(&o, &d->tl);
    double *y = ot_series(&o, "Active threads (mean of allThreads)");
    for (size_t i = 0; i < o.n; i++) {
        const struct html_bucket *b = &d->tl.b[i];
        y[i] = b->threads_n ? (double)b->threads_sum / (double)b->threads_n : NAN;
    }
    chart(out, &o, "Active threads over time", NULL, "threads");
    ot_free(&o);
}

static void timing_chart(struct strbuf *out, const struct html_data *d)
{
    bool lat = d->columns & JTL_HAS_LATENCY, con = d->columns & JTL_HAS_CONNECT;
    if (!lat && !con)
        return;
    struct over_time o;
    ot_init(&o, &d->tl);
    double *yl = lat ? ot_series(&o, "Latency (mean)") : NULL;
    double *yc = con ? ot_series(&o, "Connect time (mean)") : NULL;
    for (size_t i = 0; i < o.n; i++) {
        const struct html_bucket *b = &d->tl.b[i];
        double n = (double)b->timing_n;
        if (yl)
            yl[i] = b->timing_n ? (double)b->latency_sum / n : NAN;
        if (yc)
            yc[i] = b->timing_n ? (double)b->connect_sum / n : NAN;
    }
    chart(out, &o, lat && con ? "Latency and connect time over time"
                   : lat ? "Latency over time" : "Connect time over time",
          NULL, "ms");
    ot_free(&o);
}

static void bytes_chart(struct strbuf *out, const struct html_data *d)
{
    bool rx = d->columns & JTL_HAS_BYTES, tx = d->columns & JTL_HAS_SENT_BYTES;
    if (!rx && !tx)
        return;
    struct over_time o;
    ot_init(&o, &d->tl);
    double secs = (double)d->tl.gran_ms / 1000.0;
    double *yr = rx ? ot_series(&o, "Received KB/s") : NULL;
    double *ys = tx ? ot_series(&o, "Sent KB/s") : NULL;
    for (size_t i = 0; i < o.n; i++) {
        if (yr)
            yr[i] = (double)d->tl.b[i].received / 1024.0 / secs;
        if (ys)
            ys[i] = (double)d->tl.b[i].sent / 1024.0 / secs;
    }
    chart(out, &o, "Bytes throughput over time", NULL, "KB/s");
    ot_free(&o);
}

/* The value range of histogram bucket b of range r, as report.h lays them out:
 * range 0 holds 0..255 one by one, range r >= 1 splits [2^(7+r), 2^(8+r)) in 128. */
static void bucket_span(int r, size_t b, int64_t *lo, int64_t *hi)
{
    if (r == 0) {
        *lo = *hi = (int64_t)b;
        return;
    }
    *lo = (int64_t)((128 + (uint64_t)b) << r);
    *hi = (int64_t)(((129 + (uint64_t)b) << r) - 1);
}

static void distribution_chart(struct strbuf *out, const struct html_data *d)
{
    const struct histogram *h = &stats_table_total(d->requests)->elapsed;
    strbuf_adds(out, "<figure class=\"card\"><figcaption>Response time distribution "
                     "<small>requests; values from 256 ms on are placed within 0.8%</small>"
                     "</figcaption>");
    if (h->count == 0) {
        svg_bar_chart(out, NULL, NULL, 0, 1, NULL, "response time distribution");
        strbuf_adds(out, "</figure>\n");
        return;
    }
    int64_t max = h->max < 0 ? 0 : h->max;
    /* A few very slow samples would squeeze everything else into the first bar:
     * when the maximum is far above the 99th percentile, the bars cover up to
     * that percentile and one last bar holds the rest. */
    int64_t p99 = histogram_percentile(h, 0.99);
    bool tail = p99 > 0 && max > 2 * p99;
    int64_t top = tail ? p99 : max;
    size_t most = tail ? 39 : 40;
    /* The narrowest bar of 1, 2 or 5 times a power of ten that fits (values are
     * below 10^15, so one is always found). */
    int64_t width = 0;
    static const int64_t mult[] = { 1, 2, 5 };
    for (int64_t mag = 1; !width && mag <= INT64_C(100000000000000); mag *= 10)
        for (size_t i = 0; !width && i < ARRAY_LEN(mult); i++)
            if ((uint64_t)(top / (mult[i] * mag)) + 1 <= most)
                width = mult[i] * mag;
    if (!width)
        width = top / (int64_t)most + 1;
    size_t bars = (size_t)(top / width + 1);
    size_t n = bars + (tail ? 1 : 0);
    uint64_t *counts = xcalloc(n, sizeof *counts);
    for (int r = 0; r < HISTOGRAM_RANGES; r++) {
        if (!h->ranges[r])
            continue;
        size_t per = r == 0 ? 256 : 128;
        for (size_t b = 0; b < per; b++) {
            if (!h->ranges[r][b])
                continue;
            int64_t lo, hi;
            bucket_span(r, b, &lo, &hi);
            if (hi > max)
                hi = max;
            if (lo > hi)
                lo = hi;
            uint64_t bin = (uint64_t)((lo + (hi - lo) / 2) / width);
            counts[bin < n ? bin : n - 1] += h->ranges[r][b];
        }
    }
    char **labels = xcalloc(n, sizeof *labels);
    for (size_t i = 0; i < bars; i++) {
        int64_t lo = (int64_t)i * width;
        labels[i] = width == 1 ? xasprintf("%lld ms", (long long)lo)
                               : xasprintf("%lld\xE2\x80\x93%lld ms", (long long)lo,
                                           (long long)(lo + width - 1));
    }
    if (tail)
        labels[bars] = xasprintf("\xE2\x89\xA5 %lld ms", (long long)bars * width);
    struct strbuf title;
    strbuf_init(&title);
    strbuf_addf(&title, "bars of %lld ms", (long long)width);
    if (tail)
        strbuf_addf(&title, ", the last from %lld ms on", (long long)bars * width);
    svg_bar_chart(out, counts, (const char *const *)labels, n, (n + 9) / 10, title.s,
                  "response time distribution");
    strbuf_free(&title);
    for (size_t i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
    free(counts);
    strbuf_adds(out, "</figure>\n");
}

void html_charts(struct strbuf *out, const struct html_data *d)
{
    strbuf_adds(out, "<section id=\"charts\"><h2>Charts</h2><p class=\"note\">Time slots of ");
    html_fmt_span(out, d->tl.gran_ms);
    strbuf_adds(out, " (chosen from the length of the run), by sample start time, "
                     "in the local time zone. Hover a slot for its values.</p>\n");
    percentiles_chart(out, d);
    throughput_chart(out, d);
    codes_chart(out, d);
    threads_chart(out, d);
    timing_chart(out, d);
    bytes_chart(out, d);
    distribution_chart(out, d);
    strbuf_adds(out, "</section>\n");
}
