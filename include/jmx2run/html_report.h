/* html_report.h - the HTML report (`-g results.jtl -o DIR`, and `-e -o DIR` after
 * a run) and the JTL reader it is built on.
 *
 * The report is one self-contained DIR/index.html in the spirit of JMeter's
 * dashboard: run information, APDEX, a requests summary, per-label statistics,
 * errors, the top 5 errors by sampler, and charts over time drawn as inline SVG.
 * No JavaScript, nothing fetched from the network.
 *
 * The reader takes any CSV JTL: jmx2run's, JMeter 5.x's or 3.x's (header line,
 * columns in any order, unknown columns ignored) and JMeter 2.13's (no header
 * line: the column set is chosen from the number of fields, or given). The file
 * is read once, as a stream; the report keeps per-label histograms and
 * per-time-bucket aggregates, never the samples, so memory does not grow with
 * the length of the file. Malformed input stops the report with
 * "file:line: error: ...".
 *
 * The command line uses it so:
 *   -g FILE -o DIR   html_report_options_from_props, force = -f, then
 *                    html_report_from_jtl(FILE, DIR, ...).
 *   -e -o DIR        html_report_check_output_dir(DIR, -f) before the run starts;
 *                    after the results file is closed, html_report_from_jtl(-l FILE,
 *                    DIR, ...) with force set (the folder was checked already, and the
 *                    results file may live inside it). */
#ifndef JMX2RUN_HTML_REPORT_H
#define JMX2RUN_HTML_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "jmx2run/props.h"
#include "jmx2run/util.h"

/* ======================================================================
 * The report
 * ====================================================================== */

struct html_report_options {
    bool force;                 /* -f: write into a folder that is not empty */
    int64_t apdex_satisfied_ms; /* APDEX "satisfied" threshold T, 500 */
    int64_t apdex_tolerated_ms; /* APDEX "tolerated" threshold F, 1500 */
    const char *title;          /* page title; NULL: "jmx2run report" */
    /* For a file without a header line: its columns, comma-separated, in JMeter's
     * header names ("timeStamp,elapsed,label,..."). NULL: chosen from the number
     * of fields of the first line (2.13's 12 columns, 3.0's 14, 3.1-4.0's 16,
     * 5.x's 17). A header line in the file always wins. */
    const char *columns;
    char delimiter;             /* 0: guessed from the first line (, TAB ; or |) */
    /* Sub-result lines ("<label>-<n>" right after their parent, JMeter 5+) are
     * counted in hits per second only. true: count them everywhere under their
     * own labels, as JMeter's dashboard does. */
    bool include_subresults;
};

/* Defaults: not forced, 500 / 1500 ms, no title, columns and delimiter guessed,
 * sub-results not counted in the statistics. */
void html_report_options_init(struct html_report_options *o);

/* html_report_options_init, then JMeter's properties where set:
 * jmeter.reportgenerator.apdex_satisfied_threshold, ..._tolerated_threshold,
 * jmeter.reportgenerator.report_title, jmeter.save.saveservice.default_delimiter
 * ("\t" or one character), and, when jmeter.save.saveservice.print_field_names is
 * false, the columns the JTL writer would write (so that a headerless file
 * written by this run is read with its own columns). The strings are kept in
 * *store (caller frees with strbuf_free) - the options point into it. */
void html_report_options_from_props(struct html_report_options *o, struct props *p,
                                    struct strbuf *store);

/* Checks that out_dir can receive the report: absent (it will be created, with
 * its parents), or an empty folder, or any folder when force. JMeter makes
 * this check before a run with -e, so that a long run does not end in a
 * refusal; call it then too. Returns 0, or -1 with a message line in err. */
int html_report_check_output_dir(const char *out_dir, bool force, struct strbuf *err);

/* Reads jtl_path once and writes out_dir/index.html (through a temporary file
 * renamed into place). Returns 0 on success, -1 with one or more message lines
 * in err, each ending in "\n" and ready for stderr: "results.jtl:17: error: ..."
 * for the input, "jmx2run: error: ..." otherwise. opts may be NULL (defaults). */
int html_report_from_jtl(const char *jtl_path, const char *out_dir,
                         const struct html_report_options *opts, struct strbuf *err);

/* The same page from an open stream into *page (for tests and fuzzing; name is
 * used in messages and shown as the results file). Returns 0 or -1 as above. */
int html_report_render(FILE *jtl, const char *name, const struct html_report_options *opts,
                       struct strbuf *page, struct strbuf *err);

/* Appends s HTML-escaped for text and double-quoted attribute values: & < > " '
 * become references, invalid UTF-8 bytes and control characters other than
 * tab, CR and LF become U+FFFD, U+2028 and U+2029 become numeric references.
 * n is the length of s. */
void html_escape(struct strbuf *out, const char *s, size_t n);

/* ======================================================================
 * JTL reader
 * ====================================================================== */

/* One result line. Strings point into the reader and stay valid until the next
 * call; absent text columns are "" and absent numbers 0 (jtl_reader_columns
 * tells which columns the file has). Numbers beyond 10^15 in magnitude are
 * refused as malformed, so sums over many rows cannot overflow. */
struct jtl_row {
    long line;                  /* physical line where the row starts, 1-based */
    int64_t start_ms;           /* timeStamp (epoch ms; formatted dates are converted) */
    int64_t elapsed_ms;
    int64_t end_ms;             /* start + elapsed, as JMeter's dashboard computes it */
    const char *label;
    const char *response_code;
    const char *response_message;
    const char *thread_name;
    const char *failure_message;
    bool success;
    int64_t bytes, sent_bytes;
    int64_t latency_ms, connect_ms, idle_ms;
    int64_t grp_threads, all_threads;
    /* A sub-result line: its label is the label of an open parent line plus
     * "-<n>" (n counting 0, 1, 2... for that parent) and it follows the parent
     * directly, from the same thread. Depth 1 for a child, 2 for a grandchild. */
    int sub_depth;
};

/* Which optional columns the file has. */
enum jtl_column_flag {
    JTL_HAS_CODE = 1 << 0,
    JTL_HAS_MESSAGE = 1 << 1,
    JTL_HAS_THREAD = 1 << 2,
    JTL_HAS_FAILURE_MESSAGE = 1 << 3,
    JTL_HAS_BYTES = 1 << 4,
    JTL_HAS_SENT_BYTES = 1 << 5,
    JTL_HAS_THREADS = 1 << 6,       /* grpThreads and allThreads */
    JTL_HAS_LATENCY = 1 << 7,
    JTL_HAS_CONNECT = 1 << 8,
    JTL_HAS_IDLE = 1 << 9,
};

struct jtl_read_options {
    const char *columns;        /* as html_report_options.columns */
    char delimiter;             /* 0: guessed */
};

struct jtl_reader;

/* Opens a file (name is used in messages) or reads from an open stream (not
 * closed by the reader). opts may be NULL. Returns NULL with a message in err
 * only when the file cannot be opened; format problems come from
 * jtl_reader_next. */
struct jtl_reader *jtl_reader_open(const char *path, const struct jtl_read_options *opts,
                                   struct strbuf *err);
struct jtl_reader *jtl_reader_open_stream(FILE *f, const char *name,
                                          const struct jtl_read_options *opts);
/* The next row: 1 and *row filled, 0 at the end of the file, -1 after a format
 * error ("name:line: error: message\n" appended to err). After 0 or -1 every
 * further call returns the same. */
int jtl_reader_next(struct jtl_reader *r, struct jtl_row *row, struct strbuf *err);
/* After the first row (or the end): whether the file had a header line, the
 * column flags, the number of columns and the delimiter. */
bool jtl_reader_has_header(const struct jtl_reader *r);
unsigned jtl_reader_columns(const struct jtl_reader *r);
size_t jtl_reader_field_count(const struct jtl_reader *r);
char jtl_reader_delimiter(const struct jtl_reader *r);
void jtl_reader_close(struct jtl_reader *r);

/* JMeter's own column sets, for files without header line. */
#define JTL_COLUMNS_213 \
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success," \
    "bytes,grpThreads,allThreads,Latency"
#define JTL_COLUMNS_5X \
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success," \
    "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect"

#endif
