/* stats_paced.c - the coordinated-omission table printed after the aggregate
 * table when a plan paces its samples (throughput timers, arrivals).
 *
 * A load tool that waits for a slow response before sending the next request
 * sends fewer requests exactly when the server is slow, and its response
 * times hide the wait. For each paced sample we know when it should have
 * started, so we report both: the response time measured from the actual
 * send (what JMeter reports) and from the intended send (what a user arriving
 * on schedule would have seen). Far apart figures mean the load generator
 * fell behind its schedule. */
#include <stdio.h>
#include <string.h>
#include "jmx2run/report.h"

#define NCOLS 10

static const char *const headers[NCOLS] = {
    "Label", "# Paced", "Median", "90% Line", "99% Line", "Max",
    "Median from intended", "90% from intended", "99% from intended", "Max from intended",
};

static void cells_of(const struct stats_row *r, char cells[NCOLS][32])
{
    const struct histogram *a = &r->paced_elapsed, *b = &r->paced_from_intended;
    snprintf(cells[0], 32, "%s", "");
    snprintf(cells[1], 32, "%lld", (long long)r->paced);
    snprintf(cells[2], 32, "%lld", (long long)histogram_percentile(a, 0.50));
    snprintf(cells[3], 32, "%lld", (long long)histogram_percentile(a, 0.90));
    snprintf(cells[4], 32, "%lld", (long long)histogram_percentile(a, 0.99));
    snprintf(cells[5], 32, "%lld", r->paced ? (long long)a->max : 0LL);
    snprintf(cells[6], 32, "%lld", (long long)histogram_percentile(b, 0.50));
    snprintf(cells[7], 32, "%lld", (long long)histogram_percentile(b, 0.90));
    snprintf(cells[8], 32, "%lld", (long long)histogram_percentile(b, 0.99));
    snprintf(cells[9], 32, "%lld", r->paced ? (long long)b->max : 0LL);
}

static void line(struct strbuf *out, const char *label, char cells[NCOLS][32],
                 const char *const *text, const size_t width[NCOLS])
{
    for (int c = 0; c < NCOLS; c++) {
        const char *v = c == 0 ? label : text ? text[c] : cells[c];
        size_t len = strlen(v);
        if (c == 0) {
            strbuf_adds(out, v);
            for (size_t i = len; i < width[c]; i++)
                strbuf_addc(out, ' ');
        } else {
            for (size_t i = len; i < width[c] + 2; i++)
                strbuf_addc(out, ' ');
            strbuf_adds(out, v);
        }
    }
    strbuf_addc(out, '\n');
}

void stats_table_print_paced(const struct stats_table *t, struct strbuf *out)
{
    const struct stats_row *total = stats_table_total(t);
    if (total->paced == 0)
        return;
    size_t width[NCOLS];
    for (int c = 0; c < NCOLS; c++)
        width[c] = strlen(headers[c]);
    char cells[NCOLS][32];
    size_t n = stats_table_rows(t);
    for (size_t i = 0; i <= n; i++) {
        const struct stats_row *r = i < n ? stats_table_row(t, i) : total;
        if (!r->paced)
            continue;
        cells_of(r, cells);
        if (strlen(r->label) > width[0])
            width[0] = strlen(r->label);
        for (int c = 1; c < NCOLS; c++)
            if (strlen(cells[c]) > width[c])
                width[c] = strlen(cells[c]);
    }
    strbuf_adds(out, "\nPaced samples (throughput timers, arrivals): response time in ms from the "
                     "actual send and from the intended send (coordinated omission)\n");
    line(out, headers[0], cells, (const char *const *)headers, width);
    for (size_t i = 0; i <= n; i++) {
        const struct stats_row *r = i < n ? stats_table_row(t, i) : total;
        if (!r->paced)
            continue;
        cells_of(r, cells);
        line(out, r->label, cells, NULL, width);
    }
}
