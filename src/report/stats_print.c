/* stats_print.c - the final per-label table, laid out like JMeter's Aggregate
 * Report: one line per label in first-seen order and a TOTAL line, columns
 * aligned (labels to the left, numbers to the right), two spaces apart.
 * Cells use the GUI's formats: Error % "#0.00%", throughput "#.0" per sec,
 * min or hour, KB/sec "#0.00". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

#define NCOLS 13

static const char *const headers[NCOLS] = {
    "Label", "# Samples", "Average", "Median", "90% Line", "95% Line", "99% Line",
    "Min", "Max", "Error %", "Throughput", "Received KB/sec", "Sent KB/sec",
};

/* JMeter's RateRenderer: per second, or per minute/hour when below one. */
static void format_rate(char *buf, size_t size, double rate)
{
    if (rate < 0) {
        snprintf(buf, size, "#N/A");       /* all samples in the same millisecond */
        return;
    }
    const char *unit = "sec";
    if (rate < 1.0) {
        rate *= 60.0;
        unit = "min";
    }
    if (rate < 1.0) {
        rate *= 60.0;
        unit = "hour";
    }
    char num[32];
    snprintf(num, sizeof num, "%.1f", rate);
    /* "#.0" has no forced integer digit: 0.5 prints ".5". */
    snprintf(buf, size, "%s/%s", strncmp(num, "0.", 2) == 0 ? num + 1 : num, unit);
}

static void row_cells(const struct stats_row *r, char cells[NCOLS][64])
{
    const struct histogram *h = &r->elapsed;
    bool empty = r->count == 0;
    snprintf(cells[0], 64, "%s", "");           /* the label is printed from the row */
    snprintf(cells[1], 64, "%lld", (long long)r->count);
    snprintf(cells[2], 64, "%lld", (long long)stats_row_mean(r));
    snprintf(cells[3], 64, "%lld", (long long)histogram_percentile(h, 0.50));
    snprintf(cells[4], 64, "%lld", (long long)histogram_percentile(h, 0.90));
    snprintf(cells[5], 64, "%lld", (long long)histogram_percentile(h, 0.95));
    snprintf(cells[6], 64, "%lld", (long long)histogram_percentile(h, 0.99));
    snprintf(cells[7], 64, "%lld", empty ? 0LL : (long long)h->min);
    snprintf(cells[8], 64, "%lld", empty ? 0LL : (long long)h->max);
    snprintf(cells[9], 64, "%.2f%%", stats_row_error_fraction(r) * 100.0);
    format_rate(cells[10], 64, stats_row_throughput(r));
    snprintf(cells[11], 64, "%.2f", stats_row_received_kb_per_s(r));
    snprintf(cells[12], 64, "%.2f", stats_row_sent_kb_per_s(r));
}

static void pad(struct strbuf *out, size_t n)
{
    while (n--)
        strbuf_addc(out, ' ');
}

static void print_line(struct strbuf *out, const char *const cells[NCOLS], const size_t width[NCOLS])
{
    for (int c = 0; c < NCOLS; c++) {
        size_t len = strlen(cells[c]);
        if (c == 0) {
            strbuf_adds(out, cells[c]);
            pad(out, width[c] - len);
        } else {
            pad(out, 2 + width[c] - len);
            strbuf_adds(out, cells[c]);
        }
    }
    /* No trailing spaces when the label column is the only padded one. */
    while (out->len && out->s[out->len - 1] == ' ')
        out->s[--out->len] = '\0';
    strbuf_addc(out, '\n');
}

void stats_table_print(const struct stats_table *t, struct strbuf *out)
{
    size_t nrows = stats_table_rows(t) + 1;         /* + TOTAL */
    char (*cells)[NCOLS][64] = xcalloc(nrows, sizeof *cells);
    size_t width[NCOLS];
    for (int c = 0; c < NCOLS; c++)
        width[c] = strlen(headers[c]);
    for (size_t i = 0; i < nrows; i++) {
        const struct stats_row *r = i + 1 < nrows ? stats_table_row(t, i) : stats_table_total(t);
        row_cells(r, cells[i]);
        if (strlen(r->label) > width[0])
            width[0] = strlen(r->label);
        for (int c = 1; c < NCOLS; c++)
            if (strlen(cells[i][c]) > width[c])
                width[c] = strlen(cells[i][c]);
    }
    print_line(out, headers, width);
    for (size_t i = 0; i < nrows; i++) {
        const struct stats_row *r = i + 1 < nrows ? stats_table_row(t, i) : stats_table_total(t);
        const char *line[NCOLS];
        line[0] = r->label;
        for (int c = 1; c < NCOLS; c++)
            line[c] = cells[i][c];
        print_line(out, line, width);
    }
    free(cells);
}
