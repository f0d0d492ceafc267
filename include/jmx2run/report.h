/* report.h - what a run reports: JTL result files (CSV and XML), the CLI
 * summariser lines, the console banners, and per-label statistics printed as
 * an Aggregate Report table.
 *
 * Everything here reproduces JMeter 5.6 output byte for byte where JMeter has
 * a defined format (digest §10): column order, header names, CSV quoting, the
 * XML layout of <testResults version="1.2">, and the "summary +/=" lines.
 *
 * Thread safety: a jtl_writer and a summariser may be fed from several worker
 * threads (each has its own lock). A stats_table is single-threaded: keep one
 * per worker and merge them into one for printing. The formatting functions
 * are pure and write into the caller's strbuf. */
#ifndef JMX2RUN_REPORT_H
#define JMX2RUN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jmx2run/props.h"
#include "jmx2run/sample.h"
#include "jmx2run/util.h"

/* ======================================================================
 * JMeter property helpers (JMeterUtils.getPropDefault)
 * ====================================================================== */

/* Trimmed "true"/"t" or "false"/"f" in any case, else an integer (1 is true);
 * absent or unparseable: def. */
bool report_prop_bool(struct props *p, const char *name, bool def);
/* A trimmed integer; absent or unparseable: def. */
long long report_prop_ll(struct props *p, const char *name, long long def);

/* ======================================================================
 * Dates
 * ====================================================================== */

/* A compiled SimpleDateFormat-style pattern ("yyyy/MM/dd HH:mm:ss.SSS"),
 * formatted in the local time zone (TZ) with English names, as JMeter's
 * FastDateFormat does for jmeter.save.saveservice.timestamp_format. Letters:
 * G y Y M L w W D d F E u a H k K h m s S z Z X; text in '...' is literal,
 * '' is a quote. Any other ASCII letter makes the pattern invalid. */
struct report_datefmt;

/* Returns NULL and appends a message to err (may be NULL) when invalid. */
struct report_datefmt *report_datefmt_compile(const char *pattern, struct strbuf *err);
void report_datefmt_format(const struct report_datefmt *f, int64_t epoch_ms, struct strbuf *out);
void report_datefmt_free(struct report_datefmt *f);

/* The banner date of JMeter 5.5+: "2026 Nov 26 17:30:52 UTC" (local zone;
 * day not zero-padded; a zone without an abbreviation prints "GMT+09:00"). */
void report_banner_date(int64_t epoch_ms, struct strbuf *out);

/* ======================================================================
 * JTL configuration: JMeter's SampleSaveConfiguration
 * ====================================================================== */

struct jtl_config {
    bool xml;                   /* output_format=xml (else csv) */
    bool print_field_names;     /* CSV header line */
    bool timestamp;             /* false when timestamp_format=none */
    struct report_datefmt *timestamp_format;   /* NULL: epoch milliseconds */
    char delimiter;             /* CSV delimiter: ',' or e.g. '\t' */
    /* Columns / attributes, in JMeter's master order. */
    bool time, label, response_code, response_message, thread_name, data_type, success,
        failure_message, bytes, sent_bytes, thread_counts, url, filename, latency, encoding,
        sample_count, hostname, idle_time, connect_time;
    bool subresults;            /* CSV: extra lines; XML: nested samples */
    bool assertions;            /* XML: <assertionResult> elements */
    /* XML-only payload elements; they need the sample's payload (see below). */
    bool response_data, response_data_on_error, sampler_data, request_headers,
        response_headers;
    bool functional_mode;       /* TestPlan.functional_mode: XML saves data of every sample */
    bool autoflush;             /* write each sample to the file at once */
    bool timestamp_at_end;      /* sampleresult.timestamp.start=false: timeStamp/ts is the end */
    char *xml_pi;               /* jmeter.save.saveservice.xml_pi, "" when unset */
    char **var_names;           /* sample_variables, in order */
    size_t n_vars;
    char *hostname_value;       /* the Hostname column (gethostname) */
    char *default_encoding;     /* sampleresult.default.encoding, "UTF-8" */
};

/* JMeter 5.x defaults (§10.2), hostname from gethostname(). */
void jtl_config_init(struct jtl_config *c);
/* jtl_config_init, then every jmeter.save.saveservice.* property, sample_variables,
 * sampleresult.default.encoding and sampleresult.timestamp.start (absent: true,
 * as in JMeter's shipped jmeter.properties). Returns false with a message in err (may be
 * NULL) for a delimiter JMeter rejects (not one character, alphanumeric, '"',
 * unprintable). Warnings append to err but return true: an invalid timestamp
 * pattern (milliseconds are written instead) and an output_format other than
 * "csv" or "xml" (CSV is written). */
bool jtl_config_from_props(struct jtl_config *c, struct props *p, struct strbuf *err);
/* "ms", "none" or a pattern. Returns false (and keeps ms) for an invalid pattern. */
bool jtl_config_set_timestamp_format(struct jtl_config *c, const char *value, struct strbuf *err);
/* A comma-separated list of variable names, split as Java's String.split(","). NULL clears. */
void jtl_config_set_variables(struct jtl_config *c, const char *list);
void jtl_config_free(struct jtl_config *c);
/* True when the configuration writes response data, headers or sampler data,
 * i.e. the runner must not call sample_drop_payload() before the writer. */
bool jtl_config_needs_payload(const struct jtl_config *c);

/* ======================================================================
 * JTL formatting (pure; one sample and its sub-samples)
 *
 * vars: the values of c->var_names for this sample event, c->n_vars entries,
 * NULL for an undefined variable (CSV prints "null", XML ""); the array itself
 * may be NULL when c->n_vars is 0. Sub-result lines reuse the parent's values.
 * ====================================================================== */

/* The CSV header line with its "\n". */
void jtl_csv_header(const struct jtl_config *c, struct strbuf *out);
/* The sample's CSV line, then (subresults) one line per sub-sample, pre-order,
 * nested down to JMeter's recursion limit. Each line ends with "\n". */
void jtl_csv_sample(const struct jtl_config *c, const struct sample *s, const char *const *vars,
                    struct strbuf *out);
/* "<?xml ...?>\n[pi\n]<testResults version=\"1.2\">\n" */
void jtl_xml_header(const struct jtl_config *c, struct strbuf *out);
/* One <httpSample> (samples with a method) or <sample> element and a "\n". */
void jtl_xml_sample(const struct jtl_config *c, const struct sample *s, const char *const *vars,
                    struct strbuf *out);
/* "\n</testResults>\n" */
void jtl_xml_footer(struct strbuf *out);
/* CSV or XML according to c->xml. */
void jtl_format_sample(const struct jtl_config *c, const struct sample *s,
                       const char *const *vars, struct strbuf *out);

/* ======================================================================
 * JTL files
 * ====================================================================== */

struct jtl_writer_options {
    bool delete_first;          /* CLI -f: remove an existing file before writing */
    bool errors_only;           /* ResultCollector.error_logging */
    bool success_only;          /* ResultCollector.success_only_logging */
};

struct jtl_writer;

/* Opens (creating parent directories) the results file. CSV: an existing file
 * is appended to without a header. XML: an existing file ending in
 * </testResults> is reopened before that tag; any other file is rewritten
 * from the start. The config must outlive the writer. opts may be NULL.
 * Returns NULL with a message in err on failure. */
struct jtl_writer *jtl_writer_open(const char *path, const struct jtl_config *c,
                                   const struct jtl_writer_options *opts, struct strbuf *err);
/* Formats the sample into the writer's buffer; writes when the buffer is
 * large. Thread-safe. Samples filtered out by the options are skipped. */
void jtl_writer_add(struct jtl_writer *w, const struct sample *s, const char *const *vars);
/* Writes what is buffered. Returns false after any write error. */
bool jtl_writer_flush(struct jtl_writer *w);
/* Writes the XML footer, flushes, closes and frees. Returns false (with a
 * message in err) when any write failed. w may be NULL. */
bool jtl_writer_close(struct jtl_writer *w, struct strbuf *err);

/* ======================================================================
 * Summariser (§10.5): "summary +" / "summary =" lines
 * ====================================================================== */

struct thread_counts {
    int active, started, finished;
};

struct summariser_config {
    char *name;                 /* summariser.name; NULL: no summariser */
    long long interval_s;       /* summariser.interval, 30 */
    bool ignore_tc;             /* summariser.ignore_transaction_controller_sample_result */
    bool to_out;                /* summariser.out */
    bool to_log;                /* summariser.log */
};

void summariser_config_from_props(struct summariser_config *c, struct props *p);
void summariser_config_free(struct summariser_config *c);

struct summariser;

/* start_ms: when the test (and so both windows) started. An interval <= 0
 * disables periodic reports (JMeter fails on every sample then); the final
 * lines still print. */
struct summariser *summariser_new(const char *name, long long interval_s, bool ignore_tc,
                                  int64_t start_ms);
/* Where the Active/Started/Finished numbers of "+" lines come from, asked at
 * print time. Without it they print as 0. */
void summariser_set_thread_counts(struct summariser *s,
                                  void (*fn)(void *data, struct thread_counts *out), void *data);
/* One top-level sample arrived at now_ms (its sub-samples are never counted;
 * smp may be NULL to only check the clock). Appends the lines due now (none,
 * "+", or "+" and "=") to out, each with "\n". Returns true when it appended
 * something. Thread-safe; out must not be shared between threads. */
bool summariser_add(struct summariser *s, const struct sample *smp, int64_t now_ms,
                    struct strbuf *out);
/* Test end: a last "+" line when there were samples since the last report and
 * an earlier report exists, then the "=" line. */
void summariser_end(struct summariser *s, int64_t now_ms, struct strbuf *out);
void summariser_free(struct summariser *s);

/* One summary line (with "\n"). type '+' adds the thread counts (tc may be
 * NULL: zeros). min/max are printed as given (JMeter prints the extreme long
 * values when count is 0). */
void summariser_format_line(struct strbuf *out, const char *name, char type, int64_t count,
                            int64_t elapsed_ms, int64_t sum_ms, int64_t min_ms, int64_t max_ms,
                            int64_t errors, const struct thread_counts *tc);

/* ======================================================================
 * Console banners of a CLI run (§10.6); each appends one line with "\n".
 * ====================================================================== */

void report_banner_creating_summariser(struct strbuf *out, const char *name);
void report_banner_created_tree(struct strbuf *out, const char *test_file);
void report_banner_starting(struct strbuf *out, int64_t now_ms);
void report_banner_tidying_up(struct strbuf *out, int64_t now_ms);
void report_banner_end_of_run(struct strbuf *out);

/* ======================================================================
 * Statistics
 *
 * histogram: a log-linear histogram of non-negative millisecond values, in the
 * manner of HdrHistogram. Values 0..255 are counted exactly; above, each
 * power-of-two range [2^n, 2^(n+1)) is split into 128 equal buckets, so a
 * bucket is at most 1/128 (0.78%) of its values wide. Values below 2^41 ms
 * (69 years) are kept apart; larger ones share the last bucket, negative ones
 * count as 0. Bucket arrays are allocated the first time a range is hit (at
 * most 35 KB per histogram, a few KB for usual response times), so recording
 * never allocates after warm-up.
 *
 * Percentiles follow JMeter's StatCalculator: for fraction p the rank is
 * round(count * p) (at least 1) and the answer is the smallest value with at
 * least that many values at or below it. Here the answer is the upper end of
 * the bucket holding that rank, clamped to the exact min and max: exact below
 * 256 ms, otherwise at most 0.78% above the true value, never below it.
 * ====================================================================== */

#define HISTOGRAM_RANGES 34     /* range 0 = 0..255; range j = [2^(7+j), 2^(8+j)) */

struct histogram {
    uint64_t *ranges[HISTOGRAM_RANGES];
    uint64_t count;
    int64_t min, max;           /* exact; INT64_MAX / INT64_MIN when empty */
};

void histogram_init(struct histogram *h);
void histogram_free(struct histogram *h);
void histogram_record(struct histogram *h, int64_t value);
void histogram_merge(struct histogram *dst, const struct histogram *src);
/* The value at fraction p (0..1) as described above; 0 when empty. */
int64_t histogram_percentile(const struct histogram *h, double p);

/* One label's figures (or the TOTAL row). */
struct stats_row {
    char *label;
    int64_t count, errors;
    int64_t sum_ms;             /* of elapsed, for the mean */
    int64_t bytes, sent_bytes;
    int64_t first_start_ms;     /* earliest start (INT64_MAX when empty) */
    int64_t last_end_ms;        /* latest end (INT64_MIN when empty) */
    struct histogram elapsed;   /* min/max of elapsed live here */
    /* Samples a pacing meant to start at a given time (throughput timers,
     * arrivals): their elapsed, and their time from that intended start to
     * the end, which is what a user arriving on schedule would have waited
     * (coordinated omission). */
    int64_t paced;
    struct histogram paced_elapsed;
    struct histogram paced_from_intended;
};

int64_t stats_row_mean(const struct stats_row *r);          /* truncated, as JMeter */
double stats_row_error_fraction(const struct stats_row *r);
/* Samples per second over first start .. last end; 0 when empty, a negative
 * value when that window is 0 ms (the rate is then undefined). */
double stats_row_throughput(const struct stats_row *r);
double stats_row_received_kb_per_s(const struct stats_row *r);
double stats_row_sent_kb_per_s(const struct stats_row *r);

struct stats_table;

struct stats_table *stats_table_new(void);
void stats_table_free(struct stats_table *t);
/* Counts one top-level sample under its label and in TOTAL (sub-samples are
 * not counted). Allocates only for a label not seen before. */
void stats_table_add(struct stats_table *t, const struct sample *s);
/* Adds src's figures to dst (labels new to dst are appended in src's order). */
void stats_table_merge(struct stats_table *dst, const struct stats_table *src);
size_t stats_table_rows(const struct stats_table *t);                    /* labels */
const struct stats_row *stats_table_row(const struct stats_table *t, size_t i);  /* first-seen order */
const struct stats_row *stats_table_find(const struct stats_table *t, const char *label);
const struct stats_row *stats_table_total(const struct stats_table *t);
/* The Aggregate Report as an aligned text table: a header line, one line per
 * label in first-seen order, and a TOTAL line. */
void stats_table_print(const struct stats_table *t, struct strbuf *out);
/* When some samples were paced: a second table, per label, of their response
 * times from the actual send and from the intended send (stats_paced.c).
 * Prints nothing otherwise. */
void stats_table_print_paced(const struct stats_table *t, struct strbuf *out);


/* ======================================================================
 * Issue 6: what people see and act on at the end of a run (and during it)
 *
 *   progress      the live status line on a terminal (progress.c)
 *   errors_table  "top errors by count" after the aggregate table
 *                 (errors_table.c)
 *   criteria      --fail-on pass/fail expressions (criteria.c)
 *   summary_json  --summary-json FILE (summary_json.c)
 * ====================================================================== */

/* ---- live status line ---- */

/* The figures one status line shows. */
struct progress_figures {
    int64_t elapsed_ms;         /* since the test started */
    int64_t planned_ms;         /* planned length of the run; 0 = not known */
    int active_users;
    int planned_users;          /* 0 = not known */
    int64_t samples;            /* since the start */
    int64_t errors;             /* since the start */
    double rate_per_s;          /* samples per second over the last refresh (~1 s) */
    bool have_p95;              /* some samples ended in the last few seconds */
    int64_t p95_ms;             /* their 95th percentile */
};

/* One status line, without "\r" or a newline, e.g.
 *   00:00:12/00:01:00 | users 10/10 | 1234 samples | 45.0/s | errors 1.23% | p95 (5 s) 230 ms
 * Cut to max_width bytes when max_width > 0 (a terminal line that wraps
 * cannot be redrawn in place). */
void progress_format_line(const struct progress_figures *f, int max_width, struct strbuf *out);

/* Load figures the runner knows (users and length planned so far). */
struct progress_load {
    int active_users;
    int planned_users;          /* 0 = not known */
    int64_t planned_end_ms;     /* epoch ms; 0 = not known */
};

#define PROGRESS_REFRESH_MS 1000
#define PROGRESS_P95_WINDOW_S 5

struct progress;

/* start_ms: when the test started (epoch ms). */
struct progress *progress_new(int64_t start_ms);
void progress_free(struct progress *p);
/* One top-level sample (transaction samples are left out, as the summariser
 * leaves them out). Single-threaded: the results writer calls it. */
void progress_add(struct progress *p, const struct sample *s);
/* When PROGRESS_REFRESH_MS passed since the last line: appends "\r", the line
 * and "erase to end of line" to out and returns true. */
bool progress_update(struct progress *p, int64_t now_ms, const struct progress_load *load,
                     int max_width, struct strbuf *out);
/* Appends "\r" and "erase line" when a line is on screen, so that what is
 * printed next starts on a clean line. */
void progress_clear(struct progress *p, struct strbuf *out);

/* ---- top errors ---- */

/* One kind of error: the same key as the HTML report's "errors by type"
 * (a failure message, "Assertion failed", or "code/message"). */
struct error_kind {
    char *key;
    int64_t count;
    char *first_label;          /* the label of the first sample with this error */
    size_t first_seen;          /* order of appearance, for ties */
};

/* Distinct kinds kept; later new kinds are counted as "(other errors)". */
#define ERRORS_TABLE_MAX_KINDS 500
#define ERRORS_TABLE_TOP 10

struct errors_table;

struct errors_table *errors_table_new(void);
void errors_table_free(struct errors_table *t);
/* A top-level sample. Failed samples count under their error key; a failed
 * Transaction Controller sample counts its failed sub-samples instead (its
 * own failure only repeats theirs). */
void errors_table_add(struct errors_table *t, const struct sample *s);
/* The error key of one failed sample (no transaction walk). */
void errors_table_key(const struct sample *s, struct strbuf *out);
/* The same key from the sample's response code, response message and failure
 * message (none NULL); the HTML report gives them from a JTL row. */
void errors_table_key_of(const char *code, const char *message, const char *failure,
                         struct strbuf *out);
/* Errors counted (the "% of errors" denominator). */
int64_t errors_table_total(const struct errors_table *t);
/* Fills out (up to max entries) with the kinds by count, highest first,
 * ties in order of appearance. Returns how many were filled. */
size_t errors_table_top(const struct errors_table *t, const struct error_kind **out, size_t max);
/* "Top errors" table of at most ERRORS_TABLE_TOP rows (nothing when no errors). */
void errors_table_print(const struct errors_table *t, struct strbuf *out);

/* ---- pass/fail criteria (--fail-on) ----
 *
 *   criterion := metric [ "[" label "]" ] op number [unit]
 *   metric    := error_rate | errors | samples | avg | min | max | median
 *                | pN (p50, p90, p95, p99, p99.9 ...) | rps
 *   op        := ">" | ">=" | "<" | "<="
 *   unit      := "ms" | "s" (times; none = ms) | "%" (error_rate, required)
 *                | "/s" (rps, optional)
 *
 * The expression says when the run FAILS: "p95>500ms" is breached when the
 * 95th percentile is above 500 ms. The label is everything between the first
 * "[" and the last "]", so it may itself contain "]" or operators; it must
 * match a sample label exactly. Spaces are allowed between the parts. */

enum criterion_metric {
    CRIT_ERROR_RATE, CRIT_ERRORS, CRIT_SAMPLES, CRIT_AVG, CRIT_MIN, CRIT_MAX,
    CRIT_PERCENTILE, CRIT_RPS,
};

enum criterion_op { CRIT_GT, CRIT_GE, CRIT_LT, CRIT_LE };

struct criterion {
    char *text;                 /* the expression as given, trimmed */
    char *metric_name;          /* as written, lower case: "p95", "median" ... */
    enum criterion_metric metric;
    double percentile;          /* CRIT_PERCENTILE: fraction in (0, 1] */
    char *label;                /* NULL: every sample (the TOTAL row) */
    enum criterion_op op;
    double threshold;           /* ms, percent, count or per second */
};

/* Returns false with a malloc'd message in *error (saying what is wrong). */
bool criterion_parse(const char *text, struct criterion *out, char **error);
void criterion_free(struct criterion *c);

struct criterion_result {
    bool breached;
    bool no_samples;            /* the label (or the run) has no samples: breached,
                                   except for "samples" and "errors" which are 0 */
    double value;               /* in the criterion's unit */
    int64_t samples, errors;    /* of the row looked at */
};

void criterion_evaluate(const struct criterion *c, const struct stats_table *t,
                        struct criterion_result *r);
/* "p95 = 734 ms", "error_rate = 2.50% (3 of 120 samples)", "no samples" ... */
void criterion_describe(const struct criterion *c, const struct criterion_result *r,
                        struct strbuf *out);

/* ---- --summary-json FILE ---- */

/* How percentiles are computed, in words (README, --help, the JSON file). */
extern const char *const report_percentile_method;

struct summary_settings {
    const char *plan_file;
    int64_t start_ms, end_ms;   /* epoch ms */
    int worker_threads;
    const char *const *properties;  /* "name=value" as given with -J / -G */
    size_t n_properties;
};

/* True when a property's value must not be written anywhere: its name
 * contains "password", "secret" or "token" (any case). */
bool summary_property_is_secret(const char *name);

/* The whole summary as JSON text (indented, ending in "\n"); criteria and
 * results may be NULL when n_criteria is 0. */
char *summary_json_render(const struct stats_table *t, const struct errors_table *errors,
                          const struct summary_settings *settings,
                          const struct criterion *criteria,
                          const struct criterion_result *results, size_t n_criteria);

#endif
