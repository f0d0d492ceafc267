/* html_tables.c - the page's tables: APDEX per label, statistics per label,
 * errors by kind and the top 5 errors by sampler. Each table has its TOTAL
 * line first, as JMeter's dashboard does; labels follow in the order they
 * first appear in the results. */
#include <stdlib.h>
#include <string.h>
#include "html_internal.h"

static void td_count(struct strbuf *out, uint64_t v)
{
    strbuf_adds(out, "<td class=\"n\">");
    html_fmt_count(out, v);
    strbuf_adds(out, "</td>");
}

static void td_ms(struct strbuf *out, int64_t v)
{
    strbuf_addf(out, "<td class=\"n\">%lld</td>", (long long)v);
}

static void td_fixed(struct strbuf *out, double v, int decimals)
{
    strbuf_adds(out, "<td class=\"n\">");
    html_fmt_fixed(out, v, decimals);
    strbuf_adds(out, "</td>");
}

static void td_percent(struct strbuf *out, uint64_t part, uint64_t whole, bool warn)
{
    strbuf_addf(out, "<td class=\"n%s\">", warn && part ? " bad" : "");
    html_fmt_percent(out, part, whole);
    strbuf_adds(out, "</td>");
}

static void td_label(struct strbuf *out, const struct html_label *l)
{
    strbuf_adds(out, "<td class=\"label\">");
    html_label_text(out, l);
    if (l->controller)
        strbuf_adds(out, " <span class=\"tag\" title=\"Transaction Controller sample\">"
                         "transaction</span>");
    strbuf_adds(out, "</td>");
}

static void tr_open(struct strbuf *out, const char *cls, const char *label)
{
    strbuf_addf(out, "<tr%s%s%s data-label=\"", cls ? " class=\"" : "", cls ? cls : "",
                cls ? "\"" : "");
    html_escape(out, label, strlen(label));
    strbuf_adds(out, "\">");
}

/* ---- APDEX ---- */

static const char *rating(double apdex)
{
    return apdex >= 0.94 ? "excellent" : apdex >= 0.85 ? "good" : apdex >= 0.70 ? "fair"
         : apdex >= 0.50 ? "poor" : "unacceptable";
}

/* Apdex, rating, and the three counts. The thresholds are the same for every
 * label, so they are shown once above the table rather than on every row. */
static void apdex_cells(struct strbuf *out, uint64_t n, uint64_t sat, uint64_t tol)
{
    double a = html_apdex(n, sat, tol);
    if (a < 0) {
        strbuf_adds(out, "<td class=\"n\">n/a</td><td></td>");
    } else {
        strbuf_adds(out, "<td class=\"n\">");
        html_fmt_fixed(out, a, 3);
        strbuf_addf(out, "</td><td class=\"apdex %s\">%s</td>", rating(a), rating(a));
    }
    td_count(out, sat);
    td_count(out, tol);
    td_count(out, n - sat - tol);
}

void html_table_apdex(struct strbuf *out, const struct html_data *d)
{
    strbuf_addf(out, "<section id=\"apdex\" class=\"card\"><h2>APDEX "
                     "<small>Application Performance Index, T = %lld ms, F = %lld ms</small></h2>"
                     "<p class=\"note\">(satisfied + tolerated / 2) / samples. Satisfied: "
                     "successful and at most T (toleration threshold); tolerated: successful and "
                     "at most F (frustration threshold); anything slower and every failed sample "
                     "is frustrated. 1 is best; ratings from 0.94 excellent, 0.85 good, 0.70 fair, "
                     "0.50 poor.</p>"
                     "<table class=\"grid\"><thead><tr><th class=\"label\">Label</th>"
                     "<th>Apdex</th><th class=\"label\">Rating</th><th>Satisfied</th>"
                     "<th>Tolerated</th><th>Frustrated</th></tr></thead><tbody>",
                (long long)d->opts.apdex_satisfied_ms, (long long)d->opts.apdex_tolerated_ms);
    tr_open(out, "total", "Total");
    strbuf_adds(out, "<td class=\"label\">Total</td>");
    apdex_cells(out, d->apdex_n, d->apdex_satisfied, d->apdex_tolerated);
    strbuf_adds(out, "</tr>\n");
    for (size_t i = 0; i < d->n_labels; i++) {
        const struct html_label *l = d->labels[i];
        tr_open(out, NULL, l->name);
        td_label(out, l);
        apdex_cells(out, l->apdex_n, l->apdex_satisfied, l->apdex_tolerated);
        strbuf_adds(out, "</tr>\n");
    }
    strbuf_adds(out, "</tbody></table></section>\n");
}

/* ---- Statistics ---- */

static void stats_cells(struct strbuf *out, const struct html_data *d, const struct stats_row *r)
{
    td_count(out, (uint64_t)r->count);
    td_count(out, (uint64_t)r->errors);
    td_percent(out, (uint64_t)r->errors, (uint64_t)r->count, true);
    if (r->count) {
        td_fixed(out, (double)r->sum_ms / (double)r->count, 2);
        td_ms(out, r->elapsed.min);
        td_ms(out, r->elapsed.max);
        td_ms(out, histogram_percentile(&r->elapsed, 0.50));
        td_ms(out, histogram_percentile(&r->elapsed, 0.90));
        td_ms(out, histogram_percentile(&r->elapsed, 0.95));
        td_ms(out, histogram_percentile(&r->elapsed, 0.99));
    } else {
        for (int i = 0; i < 7; i++)
            strbuf_adds(out, "<td class=\"n\">n/a</td>");
    }
    double tps = stats_row_throughput(r);
    if (tps < 0)
        strbuf_adds(out, "<td class=\"n\" title=\"all samples in the same millisecond\">n/a</td>");
    else
        td_fixed(out, tps, 2);
    if (d->columns & JTL_HAS_BYTES)
        td_fixed(out, stats_row_received_kb_per_s(r), 2);
    if (d->columns & JTL_HAS_SENT_BYTES)
        td_fixed(out, stats_row_sent_kb_per_s(r), 2);
}

void html_table_statistics(struct strbuf *out, const struct html_data *d)
{
    bool rx = d->columns & JTL_HAS_BYTES, tx = d->columns & JTL_HAS_SENT_BYTES;
    strbuf_adds(out, "<section id=\"statistics\" class=\"card\"><h2>Statistics</h2>"
                     "<p class=\"note\">Times in milliseconds. The percentiles are JMeter&rsquo;s "
                     "(the smallest value with at least round(p &times; samples) samples at or "
                     "below it), read from a log-linear histogram: exact below 256 ms, above "
                     "that at most 0.78% over the true value. Throughput is samples divided by "
                     "the time from the first start to the last end. Total leaves out "
                     "Transaction Controller samples.</p>"
                     "<div class=\"scroll\"><table class=\"grid stats\"><thead><tr>"
                     "<th rowspan=\"2\" class=\"label\">Label</th><th colspan=\"3\">Executions</th>"
                     "<th colspan=\"7\">Response times (ms)</th>"
                     "<th rowspan=\"2\">Transactions/s</th>");
    if (rx || tx)
        strbuf_addf(out, "<th colspan=\"%d\">Network (KB/s)</th>", (rx ? 1 : 0) + (tx ? 1 : 0));
    strbuf_adds(out, "</tr><tr><th>Samples</th><th>Fail</th><th>Error %</th><th>Average</th>"
                     "<th>Min</th><th>Max</th><th>Median</th><th>90th pct</th><th>95th pct</th>"
                     "<th>99th pct</th>");
    if (rx)
        strbuf_adds(out, "<th>Received</th>");
    if (tx)
        strbuf_adds(out, "<th>Sent</th>");
    strbuf_adds(out, "</tr></thead><tbody>");
    tr_open(out, "total", "Total");
    strbuf_adds(out, "<td class=\"label\">Total</td>");
    stats_cells(out, d, stats_table_total(d->requests));
    strbuf_adds(out, "</tr>\n");
    for (size_t i = 0; i < d->n_labels; i++) {
        const struct html_label *l = d->labels[i];
        const struct stats_row *r = html_label_stats(d, l);
        if (!r)
            continue;
        tr_open(out, NULL, l->name);
        td_label(out, l);
        stats_cells(out, d, r);
        strbuf_adds(out, "</tr>\n");
    }
    strbuf_adds(out, "</tbody></table></div></section>\n");
}

/* ---- Errors ---- */

struct ranked {
    uint64_t count;
    size_t kind;
};

static int by_count(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static void kind_text(struct strbuf *out, const struct html_kind *k)
{
    html_escape(out, k->key, strlen(k->key));
}

void html_table_errors(struct strbuf *out, const struct html_data *d)
{
    uint64_t all = (uint64_t)stats_table_total(d->requests)->count;
    strbuf_adds(out, "<section id=\"errors\" class=\"card\"><h2>Errors</h2>");
    if (d->n_kinds == 0) {
        strbuf_adds(out, "<p class=\"ok\">No failed samples.</p></section>\n");
        return;
    }
    strbuf_adds(out, "<p class=\"note\">By response code and message; a failed sample with a "
                     "success code shows its assertion message. Transaction Controller samples "
                     "are left out.</p><table class=\"grid\"><thead><tr>"
                     "<th class=\"label\">Type of error</th><th>Number of errors</th>"
                     "<th>% in errors</th><th>% in all samples</th></tr></thead><tbody>");
    struct ranked *r = xcalloc(d->n_kinds, sizeof *r);
    for (size_t i = 0; i < d->n_kinds; i++) {
        r[i].count = d->kinds[i]->count;
        r[i].kind = i;
    }
    qsort(r, d->n_kinds, sizeof *r, by_count);
    for (size_t i = 0; i < d->n_kinds; i++) {
        const struct html_kind *k = d->kinds[r[i].kind];
        tr_open(out, NULL, k->key);
        strbuf_adds(out, "<td class=\"label msg\">");
        kind_text(out, k);
        strbuf_adds(out, "</td>");
        td_count(out, k->count);
        td_percent(out, k->count, d->error_rows, false);
        td_percent(out, k->count, all, false);
        strbuf_adds(out, "</tr>\n");
    }
    free(r);
    strbuf_adds(out, "</tbody></table></section>\n");
}

/* ---- Top 5 errors by sampler ---- */

/* One sampler: its name and counts span its (up to five) error lines. */
static void top5_rows(struct strbuf *out, const struct html_data *d, const char *cls,
                      const char *key, const char *shown_html, uint64_t samples, uint64_t errors,
                      struct ranked *r, size_t n)
{
    qsort(r, n, sizeof *r, by_count);
    size_t lines = n < 5 ? n : 5;
    for (size_t i = 0; i < lines; i++) {
        tr_open(out, cls, key);
        if (i == 0) {
            strbuf_addf(out, "<td class=\"label\" rowspan=\"%zu\">%s</td>", lines, shown_html);
            strbuf_addf(out, "<td class=\"n\" rowspan=\"%zu\">", lines);
            html_fmt_count(out, samples);
            strbuf_addf(out, "</td><td class=\"n\" rowspan=\"%zu\">", lines);
            html_fmt_count(out, errors);
            strbuf_adds(out, "</td>");
        }
        strbuf_adds(out, "<td class=\"msg\">");
        kind_text(out, d->kinds[r[i].kind]);
        strbuf_adds(out, "</td>");
        td_count(out, r[i].count);
        td_percent(out, r[i].count, errors, false);
        strbuf_adds(out, "</tr>\n");
    }
}

void html_table_top5(struct strbuf *out, const struct html_data *d)
{
    if (d->n_kinds == 0)
        return;
    strbuf_adds(out, "<section id=\"top5\" class=\"card\"><h2>Top 5 errors by sampler</h2>"
                     "<p class=\"note\">Samplers with errors and their five most frequent "
                     "errors; Transaction Controller samples are left out.</p>"
                     "<div class=\"scroll\"><table class=\"grid top5\"><thead><tr>"
                     "<th class=\"label\">Sample</th><th>Samples</th><th>Errors</th>"
                     "<th class=\"label\">Error</th><th>Count</th><th>% of its errors</th>"
                     "</tr></thead>");
    struct ranked *r = xcalloc(d->n_kinds, sizeof *r);
    for (size_t i = 0; i < d->n_kinds; i++) {
        r[i].count = d->kinds[i]->count;
        r[i].kind = i;
    }
    strbuf_adds(out, "<tbody class=\"group\">");
    top5_rows(out, d, "total", "Total", "Total", (uint64_t)stats_table_total(d->requests)->count,
              d->error_rows, r, d->n_kinds);
    strbuf_adds(out, "</tbody>");
    free(r);

    struct strbuf name;
    strbuf_init(&name);
    for (size_t i = 0; i < d->n_labels; i++) {
        const struct html_label *l = d->labels[i];
        if (!l->top_errors)
            continue;
        r = xcalloc(l->n_kinds, sizeof *r);
        for (size_t k = 0; k < l->n_kinds; k++) {
            r[k].count = l->kinds[k].count;
            r[k].kind = l->kinds[k].kind;
        }
        strbuf_reset(&name);
        html_label_text(&name, l);
        strbuf_adds(out, "<tbody class=\"group\">");
        top5_rows(out, d, NULL, l->name, name.s, l->top_samples, l->top_errors, r, l->n_kinds);
        strbuf_adds(out, "</tbody>");
        free(r);
    }
    strbuf_free(&name);
    strbuf_adds(out, "</table></div></section>\n");
}
