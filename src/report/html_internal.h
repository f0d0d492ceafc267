/* html_internal.h - what the parts of the HTML report (html_*.c) share: the
 * figures gathered while the JTL streams past (per label, per error kind, per
 * time bucket) and the functions that write each part of the page.
 *
 * Memory is bounded by the number of labels, error kinds and time buckets, all
 * capped below, never by the number of rows. */
#ifndef JMX2RUN_HTML_INTERNAL_H
#define JMX2RUN_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jmx2run/html_report.h"
#include "jmx2run/report.h"

#define HTML_MAX_LABELS 5000        /* further labels share one "(other labels)" row */
#define HTML_MAX_ERROR_KINDS 1000   /* further kinds share one "(other errors)" entry */
#define HTML_MAX_CODES 12           /* response codes drawn apart; the rest as "other" */
#define HTML_MAX_BUCKETS 360        /* time buckets; the granularity grows to stay below */

/* The response message that marks a Transaction Controller's sample. */
#define HTML_TC_PREFIX "Number of samples in transaction : "

struct html_kind_count {
    size_t kind;                    /* index into html_data.kinds */
    uint64_t count;
};

struct html_label {
    char *name;                     /* as in the file ("" allowed) */
    char *key;                      /* the stats_table key (name, or a reserved key) */
    bool other;                     /* the "(other labels)" row */
    bool controller;                /* has Transaction Controller samples */
    uint64_t apdex_n, apdex_satisfied, apdex_tolerated;
    uint64_t top_samples, top_errors;       /* for the top 5 (transactions left out) */
    struct html_kind_count *kinds;  /* errors of this label by kind */
    size_t n_kinds;
};

struct html_kind {
    char *key;                      /* "<code>/<message>", or the assertion message */
    size_t index;                   /* position in html_data.kinds */
    bool other;
    uint64_t count;
};

/* One time bucket. */
struct html_bucket {
    uint64_t hits, hit_errors;      /* rows counted as hits (requests and sub-results) */
    uint64_t *codes;                /* [HTML_MAX_CODES + 1] per code series, or NULL */
    struct histogram ok_elapsed;    /* elapsed of successful samples */
    uint64_t threads_n;
    int64_t threads_sum;            /* of allThreads */
    uint64_t timing_n;
    int64_t latency_sum, connect_sum;
    int64_t received, sent;         /* bytes of requests */
};

struct html_timeline {
    int64_t gran_ms;                /* bucket width */
    int64_t lo;                     /* index (time / gran_ms) of b[0] */
    size_t n;                       /* buckets in use */
    struct html_bucket *b;
};

struct html_data {
    struct html_report_options opts;
    unsigned columns;               /* enum jtl_column_flag of the file */
    bool has_header;
    size_t fields;
    char delimiter;

    struct stats_table *stats;      /* per label (transactions included) */
    struct stats_table *requests;   /* one row: requests only, for the TOTAL line */
    struct html_label **labels;     /* first-seen order */
    size_t n_labels;
    struct html_label *other_label;
    struct html_kind **kinds;
    size_t n_kinds;
    struct html_kind *other_kind;
    uint64_t error_rows;            /* failed requests (the errors table's whole) */
    char *codes[HTML_MAX_CODES];    /* response code of each code series */
    size_t n_codes;
    bool codes_other;

    uint64_t rows, sub_rows, tc_rows, empty_tc_rows;
    uint64_t apdex_n, apdex_satisfied, apdex_tolerated;     /* overall */
    int64_t first_ms, last_ms;      /* earliest start, latest end over every row */
    struct html_timeline tl;

    void *label_index;              /* libxml2 hash tables: name -> struct */
    void *kind_index;
};

/* html_collect.c */
void html_data_init(struct html_data *d, const struct html_report_options *opts);
void html_data_free(struct html_data *d);
void html_collect_row(struct html_data *d, const struct jtl_row *row);
/* JMeter's error kind of a failed sample (ErrorsSummaryConsumer): "code/message",
 * or for a success code (or none) with a failure message, that message. */
void html_error_key(const struct jtl_row *row, bool has_failure_column, struct strbuf *out);

/* html_timeline.c */
void html_timeline_init(struct html_timeline *t);
void html_timeline_free(struct html_timeline *t);
/* The bucket holding time ms (created, and coarser buckets made, as needed). */
struct html_bucket *html_timeline_at(struct html_timeline *t, int64_t ms);

/* html_format.c - plain, locale-independent number and time texts. */
void html_fmt_fixed(struct strbuf *out, double v, int decimals);   /* 1234.5 -> "1234.50" */
void html_fmt_count(struct strbuf *out, uint64_t v);              /* 1234567 -> "1,234,567" */
void html_fmt_percent(struct strbuf *out, uint64_t part, uint64_t whole);  /* "12.34%" */
void html_fmt_duration(struct strbuf *out, int64_t ms);           /* "1 h 02 min 03 s" */
void html_fmt_date(struct strbuf *out, int64_t ms, const char *pattern);   /* local time */
void html_fmt_span(struct strbuf *out, int64_t ms);               /* 60000 -> "1 min" */

/* html_svg.c - charts as inline SVG. */
struct svg_series {
    const char *name;
    const double *y;                /* one value per point; NAN leaves a gap */
    const char *color;              /* NULL: the palette's colour for its position */
};

struct svg_line_chart {
    const int64_t *x_ms;            /* point times (bucket starts), ascending */
    size_t n;
    int64_t step_ms;                /* bucket width: the x axis ends one step after the last */
    const struct svg_series *series;
    size_t n_series;
    const char *y_unit;             /* "ms", "/s", ... shown on the axis */
    const char *aria;               /* what the chart shows, for screen readers */
};

const char *html_color(size_t i);
void svg_line_chart(struct strbuf *out, const struct svg_line_chart *c);
/* Bars: counts[i] above label texts; every label_every-th label is printed. */
void svg_bar_chart(struct strbuf *out, const uint64_t *counts, const char *const *labels,
                   size_t n, size_t label_every, const char *x_title, const char *aria);
/* A ring: passed and failed shares. */
void svg_donut(struct strbuf *out, uint64_t pass, uint64_t fail);
/* The legend under a chart, as HTML. */
void html_legend(struct strbuf *out, const struct svg_series *series, size_t n);

/* html_page.c, html_tables.c, html_charts.c - the parts of the page. */
void html_page_begin(struct strbuf *out, const struct html_data *d, const char *jtl_path);
void html_page_info(struct strbuf *out, const struct html_data *d, const char *jtl_path);
void html_page_summary(struct strbuf *out, const struct html_data *d);
void html_page_end(struct strbuf *out);
void html_table_apdex(struct strbuf *out, const struct html_data *d);
void html_table_statistics(struct strbuf *out, const struct html_data *d);
void html_table_errors(struct strbuf *out, const struct html_data *d);
void html_table_top5(struct strbuf *out, const struct html_data *d);
void html_charts(struct strbuf *out, const struct html_data *d);

/* The label as shown: the name, or "(other labels)". */
void html_label_text(struct strbuf *out, const struct html_label *l);
/* The stats row of a label (never NULL for a label that was collected). */
const struct stats_row *html_label_stats(const struct html_data *d, const struct html_label *l);
/* The APDEX index (satisfied + tolerated / 2) / n; -1 when n is 0. */
double html_apdex(uint64_t n, uint64_t satisfied, uint64_t tolerated);

#endif
