/* jtl_read.c - reads a CSV JTL one row at a time: a buffered byte stream cut
 * into CSV records (fields in double quotes may hold the delimiter, doubled
 * quotes and line breaks), then the header decision and the row conversion of
 * jtl_read_columns.c and the sub-result check of jtl_read_subs.c.
 *
 * Only one record is held at a time, so any file size reads in constant
 * memory (a record is capped at MAX_RECORD bytes). Lines may end in LF or
 * CRLF; a UTF-8 byte order mark and blank lines are skipped. Errors say where:
 * "name:line: error: message". */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "jtl_read_internal.h"

#define BUF_SIZE 65536
#define MAX_RECORD (16u << 20)
#define MAX_FIELDS 4096

struct jtl_reader {
    FILE *f;
    bool own_file;
    char *name;
    unsigned char buf[BUF_SIZE];
    size_t pos, len;
    bool eof;                   /* the stream is exhausted */
    int io_errno;               /* why reading failed, 0 when it did not */
    long line;                  /* current physical line */
    int state;                  /* 0 open, 1 finished, -1 failed */
    bool started;               /* header question settled */
    bool has_header;
    char delim;
    char forced_delim;
    char *columns;              /* opts->columns, copied */
    struct jtl_record rec;
    bool pending;               /* rec holds a data record read while settling the header */
    struct jtl_colmap map;
    struct jtl_sub_tracker subs;
    struct strbuf why;
};

static int fill(struct jtl_reader *r)
{
    if (r->eof)
        return 0;
    errno = 0;
    r->len = fread(r->buf, 1, sizeof r->buf, r->f);
    r->pos = 0;
    if (r->len == 0) {
        if (ferror(r->f))
            r->io_errno = errno ? errno : EIO;
        r->eof = true;
        return 0;
    }
    return 1;
}

static inline int next_byte(struct jtl_reader *r)
{
    if (r->pos == r->len && !fill(r))
        return EOF;
    return r->buf[r->pos++];
}

static inline int peek_byte(struct jtl_reader *r)
{
    if (r->pos == r->len && !fill(r))
        return EOF;
    return r->buf[r->pos];
}

static void record_reset(struct jtl_record *rec)
{
    strbuf_reset(&rec->buf);
    rec->n = 0;
}

static bool record_new_field(struct jtl_record *rec, bool quoted)
{
    if (rec->n == MAX_FIELDS)
        return false;
    if (rec->n == rec->cap) {
        rec->cap = rec->cap ? rec->cap * 2 : 32;
        rec->start = xrealloc(rec->start, rec->cap * sizeof *rec->start);
        rec->quoted = xrealloc(rec->quoted, rec->cap * sizeof *rec->quoted);
    }
    rec->start[rec->n] = rec->buf.len;
    rec->quoted[rec->n] = quoted;
    rec->n++;
    return true;
}

static void fail(struct jtl_reader *r, struct strbuf *err, long line, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

static void fail(struct jtl_reader *r, struct strbuf *err, long line, const char *fmt, ...)
{
    if (err) {
        strbuf_addf(err, "%s:%ld: error: ", r->name, line);
        va_list ap;
        va_start(ap, fmt);
        strbuf_vaddf(err, fmt, ap);
        va_end(ap);
        strbuf_addc(err, '\n');
    }
    r->state = -1;
}

enum { F_START, F_PLAIN, F_QUOTED, F_AFTER_QUOTE };

/* Reads one record into r->rec. 1: a record, 0: end of input, -1: error. */
static int read_record(struct jtl_reader *r, struct strbuf *err)
{
    struct jtl_record *rec = &r->rec;
    for (;;) {
        record_reset(rec);
        rec->line = r->line;
        int st = F_START;
        bool any = false;       /* a byte of this record was read */
        for (;;) {
            int c = next_byte(r);
            if (c == EOF && r->io_errno) {
                fail(r, err, r->line, "cannot read the file: %s", strerror(r->io_errno));
                return -1;
            }
            if (c == EOF) {
                if (st == F_QUOTED) {
                    fail(r, err, rec->line,
                         "a quoted field is not closed before the end of the file");
                    return -1;
                }
                if (!any)
                    return 0;
                break;
            }
            any = true;
            if (c == 0) {
                fail(r, err, r->line, "NUL byte in the file (not a text JTL?)");
                return -1;
            }
            if (rec->buf.len >= MAX_RECORD) {
                fail(r, err, rec->line, "a line longer than %u MiB (an unclosed quote?)",
                     MAX_RECORD >> 20);
                return -1;
            }
            if (st == F_START) {
                if (!record_new_field(rec, c == '"')) {
                    fail(r, err, rec->line, "more than %d fields", MAX_FIELDS);
                    return -1;
                }
                if (c == '"') {
                    st = F_QUOTED;
                    continue;
                }
                st = F_PLAIN;
            }
            if (st == F_QUOTED) {
                if (c == '"') {
                    if (peek_byte(r) == '"') {
                        r->pos++;
                        strbuf_addc(&rec->buf, '"');
                    } else {
                        st = F_AFTER_QUOTE;
                    }
                    continue;
                }
                if (c == '\n')
                    r->line++;
                strbuf_addc(&rec->buf, (char)c);
                continue;
            }
            /* F_PLAIN or F_AFTER_QUOTE: the delimiter or the line end closes the field. */
            if (c == (unsigned char)r->delim) {
                strbuf_addc(&rec->buf, '\0');
                st = F_START;
                continue;
            }
            if (c == '\n' || (c == '\r' && peek_byte(r) == '\n')) {
                if (c == '\r')
                    r->pos++;
                r->line++;
                break;
            }
            if (st == F_AFTER_QUOTE) {
                fail(r, err, r->line, "unexpected text after the closing quote of field %zu",
                     rec->n);
                return -1;
            }
            strbuf_addc(&rec->buf, (char)c);
        }
        if (st == F_START && !record_new_field(rec, false)) {
            fail(r, err, rec->line, "more than %d fields", MAX_FIELDS);
            return -1;
        }
        strbuf_addc(&rec->buf, '\0');
        /* A blank line is one empty, unquoted field: skip it. */
        if (rec->n == 1 && !rec->quoted[0] && rec->buf.len == 1)
            continue;
        return 1;
    }
}

/* The delimiter, from the first line when not given: the character after a
 * leading header name, else the most frequent of , TAB ; | outside quotes. */
static char guess_delimiter(struct jtl_reader *r)
{
    if (r->pos == r->len)
        fill(r);
    const unsigned char *p = r->buf + r->pos, *end = r->buf + r->len;
    const unsigned char *eol = memchr(p, '\n', (size_t)(end - p));
    if (eol)
        end = eol;
    const unsigned char *q = p;
    while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
        q++;
    if (q > p && q < end) {
        char name[32];
        size_t n = (size_t)(q - p);
        enum jtl_col col;
        if (n < sizeof name) {
            memcpy(name, p, n);
            name[n] = '\0';
            if (jtl_col_lookup(name, &col) && *q != '"' && *q != '\r' && *q != ' ')
                return (char)*q;
        }
    }
    static const char cands[] = { ',', '\t', ';', '|' };
    size_t count[sizeof cands] = { 0 };
    bool quoted = false;
    for (q = p; q < end; q++) {
        if (*q == '"')
            quoted = !quoted;
        else if (!quoted)
            for (size_t i = 0; i < sizeof cands; i++)
                count[i] += *q == (unsigned char)cands[i];
    }
    size_t best = 0;
    for (size_t i = 1; i < sizeof cands; i++)
        if (count[i] > count[best])
            best = i;
    return cands[best];
}

static void skip_bom(struct jtl_reader *r)
{
    if (r->pos == r->len)
        fill(r);
    if (r->len - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3;
}

/* Reads the first record and decides: header line (column names) or data
 * (columns given, or chosen from its field count). */
static int start(struct jtl_reader *r, struct strbuf *err)
{
    r->started = true;
    skip_bom(r);
    if (r->pos < r->len && r->buf[r->pos] == '<') {
        fail(r, err, 1, "an XML results file: the report reads CSV results "
                        "(jmeter.save.saveservice.output_format=csv)");
        return -1;
    }
    r->delim = r->forced_delim ? r->forced_delim : guess_delimiter(r);
    int got = read_record(r, err);
    if (got <= 0) {
        r->state = got < 0 ? -1 : 1;
        return got;
    }
    strbuf_reset(&r->why);
    if (jtl_record_is_header(&r->rec)) {
        r->has_header = true;
        if (!jtl_colmap_from_record(&r->map, &r->rec, &r->why)) {
            fail(r, err, r->rec.line, "%s", r->why.s);
            return -1;
        }
        return 1;
    }
    const char *list = r->columns;
    if (!list) {
        list = jtl_default_columns(r->rec.n);
        if (!list) {
            fail(r, err, r->rec.line,
                 "no header line, and %zu fields are not one of JMeter's default column sets "
                 "(12 for 2.13, 14 for 3.0, 16 for 3.1 to 4.0, 17 for 5.x): "
                 "add the header line or name the columns",
                 r->rec.n);
            return -1;
        }
    }
    if (!jtl_colmap_from_list(&r->map, list, &r->why)) {
        fail(r, err, r->rec.line, "%s", r->why.s);
        return -1;
    }
    r->pending = true;
    return 1;
}

int jtl_reader_next(struct jtl_reader *r, struct jtl_row *row, struct strbuf *err)
{
    if (r->state != 0)
        return r->state < 0 ? -1 : 0;
    if (!r->started) {
        int s = start(r, err);
        if (s <= 0)
            return s;
    }
    if (r->pending) {
        r->pending = false;
    } else {
        int got = read_record(r, err);
        if (got <= 0) {
            if (got == 0)
                r->state = 1;
            return got < 0 ? -1 : 0;
        }
    }
    if (r->rec.n != r->map.n) {
        fail(r, err, r->rec.line, "%zu fields where %s has %zu", r->rec.n,
             r->has_header ? "the header line" : "the column list", r->map.n);
        return -1;
    }
    strbuf_reset(&r->why);
    if (!jtl_row_from_record(&r->map, &r->rec, row, &r->why)) {
        fail(r, err, r->rec.line, "%s", r->why.s);
        return -1;
    }
    row->line = r->rec.line;
    row->sub_depth = jtl_subs_classify(&r->subs, row->label,
                                       (r->map.flags & JTL_HAS_THREAD) ? row->thread_name : NULL);
    return 1;
}

static struct jtl_reader *reader_new(FILE *f, bool own, const char *name,
                                     const struct jtl_read_options *opts)
{
    struct jtl_reader *r = xcalloc(1, sizeof *r);
    r->f = f;
    r->own_file = own;
    r->name = xstrdup(name ? name : "(input)");
    r->line = 1;
    strbuf_init(&r->rec.buf);
    strbuf_init(&r->why);
    jtl_subs_init(&r->subs);
    if (opts) {
        /* A quote or a line end cannot separate fields: guess instead. */
        char d = opts->delimiter;
        r->forced_delim = d == '"' || d == '\n' || d == '\r' ? 0 : d;
        r->columns = opts->columns ? xstrdup(opts->columns) : NULL;
    }
    return r;
}

struct jtl_reader *jtl_reader_open(const char *path, const struct jtl_read_options *opts,
                                   struct strbuf *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err)
            strbuf_addf(err, "jmx2run: error: cannot open the results file %s: %s\n", path,
                        strerror(errno));
        return NULL;
    }
    return reader_new(f, true, path, opts);
}

struct jtl_reader *jtl_reader_open_stream(FILE *f, const char *name,
                                          const struct jtl_read_options *opts)
{
    return reader_new(f, false, name, opts);
}

bool jtl_reader_has_header(const struct jtl_reader *r)
{
    return r->has_header;
}

unsigned jtl_reader_columns(const struct jtl_reader *r)
{
    return r->map.flags;
}

size_t jtl_reader_field_count(const struct jtl_reader *r)
{
    return r->map.n;
}

char jtl_reader_delimiter(const struct jtl_reader *r)
{
    return r->delim;
}

void jtl_reader_close(struct jtl_reader *r)
{
    if (!r)
        return;
    if (r->own_file)
        fclose(r->f);
    free(r->name);
    free(r->columns);
    strbuf_free(&r->rec.buf);
    free(r->rec.start);
    free(r->rec.quoted);
    strbuf_free(&r->why);
    jtl_colmap_free(&r->map);
    jtl_subs_free(&r->subs);
    free(r);
}
