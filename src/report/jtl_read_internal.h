/* jtl_read_internal.h - the parts of the JTL reader (jtl_read*.c) that talk to
 * each other: the CSV record tokenizer's output, the column map and the
 * sub-result tracker. Nothing outside the reader includes this. */
#ifndef JMX2RUN_JTL_READ_INTERNAL_H
#define JMX2RUN_JTL_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/html_report.h"

/* The columns the report reads; anything else is skipped. */
enum jtl_col {
    JCOL_OTHER,
    JCOL_TIMESTAMP,
    JCOL_ELAPSED,
    JCOL_LABEL,
    JCOL_CODE,
    JCOL_MESSAGE,
    JCOL_THREAD,
    JCOL_SUCCESS,
    JCOL_FAILURE,
    JCOL_BYTES,
    JCOL_SENT,
    JCOL_GRP_THREADS,
    JCOL_ALL_THREADS,
    JCOL_LATENCY,
    JCOL_IDLE,
    JCOL_CONNECT,
};

/* One CSV record: fields unquoted, each NUL-terminated inside buf. */
struct jtl_record {
    struct strbuf buf;
    size_t *start;              /* offset of each field in buf */
    bool *quoted;               /* the field was written inside quotes */
    size_t n, cap;
    long line;                  /* physical line of its first byte */
};

static inline const char *jtl_field(const struct jtl_record *rec, size_t i)
{
    return rec->buf.s + rec->start[i];
}

/* Where each column of the file goes. */
struct jtl_colmap {
    enum jtl_col *cols;         /* one per field */
    size_t n;
    unsigned flags;             /* enum jtl_column_flag */
};

/* Known JMeter header name -> column; false for a name JMeter never writes. */
bool jtl_col_lookup(const char *name, enum jtl_col *out);
/* True when the record is a header line: every field a JMeter column name or a
 * quoted sample variable name, and at least one of them a column name. */
bool jtl_record_is_header(const struct jtl_record *rec);
/* Builds the map from header names (a header record or a comma list). Returns
 * false with a message (no "file:line:" prefix) in why when a required column
 * (timeStamp, elapsed, label, success) is missing. */
bool jtl_colmap_from_record(struct jtl_colmap *m, const struct jtl_record *rec,
                            struct strbuf *why);
bool jtl_colmap_from_list(struct jtl_colmap *m, const char *list, struct strbuf *why);
/* JMeter's default column list for a headerless line of n fields, or NULL. */
const char *jtl_default_columns(size_t n);
void jtl_colmap_free(struct jtl_colmap *m);
/* Fills row from a data record. Returns false with a message in why. */
bool jtl_row_from_record(const struct jtl_colmap *m, const struct jtl_record *rec,
                         struct jtl_row *row, struct strbuf *why);

/* Sub-result recognition (jtl_read_subs.c). */
#define JTL_SUB_MAX_DEPTH 12

struct jtl_sub_tracker {
    struct strbuf label[JTL_SUB_MAX_DEPTH];     /* the open chain, [0] = top-level */
    long next_index[JTL_SUB_MAX_DEPTH];         /* the n the next child must carry */
    struct strbuf thread;                       /* thread of the top-level row */
    int open;                                   /* entries in use */
};

void jtl_subs_init(struct jtl_sub_tracker *t);
void jtl_subs_free(struct jtl_sub_tracker *t);
/* The row's sub-result depth (0: a top-level row); updates the chain. thread
 * may be NULL when the file has no threadName column. */
int jtl_subs_classify(struct jtl_sub_tracker *t, const char *label, const char *thread);

#endif
