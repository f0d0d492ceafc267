/* jtl_csv.c - JTL results as CSV: the header line and one line per sample.
 *
 * Columns follow JMeter's fixed master order and appear only when switched
 * on. Text columns are quoted when they hold the delimiter, a double quote,
 * CR or LF (inner quotes doubled, newlines kept raw); numbers and booleans
 * never are. Sub-samples follow their parent as extra lines, pre-order, the
 * way JMeter 5.5+ writes them. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

/* JMeter stops descending below this recursion level (levels 0..10 write). */
#define MAX_SUB_LEVEL 10

struct csv_line {
    struct strbuf *out;
    char delim;
    bool first;
};

static void next_field(struct csv_line *l)
{
    if (!l->first)
        strbuf_addc(l->out, l->delim);
    l->first = false;
}

static void put_text(struct csv_line *l, const char *s)
{
    next_field(l);
    if (!s)
        s = "";
    const char *special = s;
    for (; *special; special++)
        if (*special == l->delim || *special == '"' || *special == '\r' || *special == '\n')
            break;
    if (!*special) {
        strbuf_adds(l->out, s);
        return;
    }
    strbuf_addc(l->out, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            strbuf_addc(l->out, '"');
        strbuf_addc(l->out, *p);
    }
    strbuf_addc(l->out, '"');
}

/* Decimal digits without printf: this runs for every column of every sample. */
static void add_ll(struct strbuf *out, long long v)
{
    char buf[24];
    char *p = buf + sizeof buf;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    strbuf_addn(out, p, (size_t)(buf + sizeof buf - p));
}

static void put_number(struct csv_line *l, long long v)
{
    next_field(l);
    add_ll(l->out, v);
}

/* A formatted timestamp is a text column: formatted in place, and quoted in
 * the rare case the pattern produced a special character. */
static void put_date(struct csv_line *l, const struct report_datefmt *f, int64_t ms)
{
    next_field(l);
    size_t start = l->out->len;
    report_datefmt_format(f, ms, l->out);
    if (strcspn(l->out->s + start, "\"\r\n") == l->out->len - start &&
        !memchr(l->out->s + start, l->delim, l->out->len - start))
        return;
    char *text = xstrdup(l->out->s + start);
    l->out->len = start;
    l->out->s[start] = '\0';
    l->first = true;        /* the delimiter is already there */
    put_text(l, text);
    free(text);
}

static void put_bool(struct csv_line *l, bool b)
{
    next_field(l);
    strbuf_adds(l->out, b ? "true" : "false");
}

static void csv_line(const struct jtl_config *c, const struct sample *s, const char *const *vars,
                     struct strbuf *out)
{
    struct csv_line l = { out, c->delimiter, true };
    if (c->timestamp) {
        int64_t ts = c->timestamp_at_end ? s->end_ms : s->start_ms;
        if (c->timestamp_format)
            put_date(&l, c->timestamp_format, ts);
        else
            put_number(&l, ts);
    }
    if (c->time)
        put_number(&l, s->elapsed_ms);
    if (c->label)
        put_text(&l, s->label);
    if (c->response_code)
        put_text(&l, s->response_code);
    if (c->response_message)
        put_text(&l, s->response_message);
    if (c->thread_name)
        put_text(&l, s->thread_name);
    if (c->data_type)
        put_text(&l, s->data_type);
    if (c->success)
        put_bool(&l, s->success);
    if (c->failure_message)
        put_text(&l, sample_failure_message(s));
    if (c->bytes)
        put_number(&l, s->bytes);
    if (c->sent_bytes)
        put_number(&l, s->sent_bytes);
    if (c->thread_counts) {
        put_number(&l, s->grp_threads);
        put_number(&l, s->all_threads);
    }
    if (c->url)
        put_text(&l, s->url ? s->url : "null");
    if (c->filename)
        put_text(&l, "");
    if (c->latency)
        put_number(&l, s->latency_ms);
    if (c->encoding)
        put_text(&l, s->encoding && *s->encoding ? s->encoding : c->default_encoding);
    if (c->sample_count) {
        put_number(&l, s->sample_count);
        put_number(&l, s->success ? 0 : 1);
    }
    if (c->hostname)
        put_text(&l, c->hostname_value);
    if (c->idle_time)
        put_number(&l, s->idle_ms);
    if (c->connect_time)
        put_number(&l, s->connect_ms);
    for (size_t i = 0; i < c->n_vars; i++)
        put_text(&l, vars && vars[i] ? vars[i] : "null");
    strbuf_addc(out, '\n');
}

static void csv_subs(const struct jtl_config *c, const struct sample *s, const char *const *vars,
                     int level, struct strbuf *out)
{
    if (level > MAX_SUB_LEVEL)
        return;
    for (size_t i = 0; i < s->n_subs; i++) {
        csv_line(c, s->subs[i], vars, out);
        csv_subs(c, s->subs[i], vars, level + 1, out);
    }
}

void jtl_csv_sample(const struct jtl_config *c, const struct sample *s, const char *const *vars,
                    struct strbuf *out)
{
    csv_line(c, s, vars, out);
    if (c->subresults)
        csv_subs(c, s, vars, 0, out);
}

static void header_name(struct strbuf *out, char delim, bool *first, const char *name)
{
    if (!*first)
        strbuf_addc(out, delim);
    *first = false;
    strbuf_adds(out, name);
}

void jtl_csv_header(const struct jtl_config *c, struct strbuf *out)
{
    const struct {
        bool on;
        const char *name, *name2;
    } cols[] = {
        { c->timestamp, "timeStamp", NULL },
        { c->time, "elapsed", NULL },
        { c->label, "label", NULL },
        { c->response_code, "responseCode", NULL },
        { c->response_message, "responseMessage", NULL },
        { c->thread_name, "threadName", NULL },
        { c->data_type, "dataType", NULL },
        { c->success, "success", NULL },
        { c->failure_message, "failureMessage", NULL },
        { c->bytes, "bytes", NULL },
        { c->sent_bytes, "sentBytes", NULL },
        { c->thread_counts, "grpThreads", "allThreads" },
        { c->url, "URL", NULL },
        { c->filename, "Filename", NULL },
        { c->latency, "Latency", NULL },
        { c->encoding, "Encoding", NULL },
        { c->sample_count, "SampleCount", "ErrorCount" },
        { c->hostname, "Hostname", NULL },
        { c->idle_time, "IdleTime", NULL },
        { c->connect_time, "Connect", NULL },
    };
    bool first = true;
    for (size_t i = 0; i < ARRAY_LEN(cols); i++) {
        if (!cols[i].on)
            continue;
        header_name(out, c->delimiter, &first, cols[i].name);
        if (cols[i].name2)
            header_name(out, c->delimiter, &first, cols[i].name2);
    }
    /* Variable names are quoted to tell them from the fixed names. */
    for (size_t i = 0; i < c->n_vars; i++) {
        header_name(out, c->delimiter, &first, "\"");
        strbuf_adds(out, c->var_names[i]);
        strbuf_addc(out, '"');
    }
    strbuf_addc(out, '\n');
}

void jtl_format_sample(const struct jtl_config *c, const struct sample *s,
                       const char *const *vars, struct strbuf *out)
{
    if (c->xml)
        jtl_xml_sample(c, s, vars, out);
    else
        jtl_csv_sample(c, s, vars, out);
}
