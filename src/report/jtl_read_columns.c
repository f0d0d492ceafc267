/* jtl_read_columns.c - what the fields of a JTL line mean: JMeter's header
 * names, the default column sets of headerless files, and the conversion of
 * one record into a struct jtl_row (numbers, booleans, timestamps given as
 * epoch milliseconds or as a formatted local date). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jtl_read_internal.h"

static const struct {
    const char *name;
    enum jtl_col col;
} names[] = {
    /* Every column name JMeter's CSVSaveService writes; those the report does not
     * use map to JCOL_OTHER. */
    { "timeStamp", JCOL_TIMESTAMP },
    { "elapsed", JCOL_ELAPSED },
    { "label", JCOL_LABEL },
    { "responseCode", JCOL_CODE },
    { "responseMessage", JCOL_MESSAGE },
    { "threadName", JCOL_THREAD },
    { "dataType", JCOL_OTHER },
    { "success", JCOL_SUCCESS },
    { "failureMessage", JCOL_FAILURE },
    { "bytes", JCOL_BYTES },
    { "sentBytes", JCOL_SENT },
    { "grpThreads", JCOL_GRP_THREADS },
    { "allThreads", JCOL_ALL_THREADS },
    { "URL", JCOL_OTHER },
    { "Filename", JCOL_OTHER },
    { "Latency", JCOL_LATENCY },
    { "Encoding", JCOL_OTHER },
    { "SampleCount", JCOL_OTHER },
    { "ErrorCount", JCOL_OTHER },
    { "Hostname", JCOL_OTHER },
    { "IdleTime", JCOL_IDLE },
    { "Connect", JCOL_CONNECT },
};

bool jtl_col_lookup(const char *name, enum jtl_col *out)
{
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (strcmp(names[i].name, name) == 0) {
            *out = names[i].col;
            return true;
        }
    return false;
}

bool jtl_record_is_header(const struct jtl_record *rec)
{
    bool known = false;
    for (size_t i = 0; i < rec->n; i++) {
        enum jtl_col col;
        if (jtl_col_lookup(jtl_field(rec, i), &col))
            known = true;
        else if (!rec->quoted[i] || !*jtl_field(rec, i))
            return false;
    }
    return known;
}

const char *jtl_default_columns(size_t n)
{
    switch (n) {
    case 12:
        return JTL_COLUMNS_213;
    case 14:    /* 3.0 */
        return "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
               "success,failureMessage,bytes,grpThreads,allThreads,Latency,IdleTime";
    case 16:    /* 3.1 to 4.0: 5.x's without URL */
        return "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
               "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,Latency,IdleTime,"
               "Connect";
    case 17:
        return JTL_COLUMNS_5X;
    default:
        return NULL;
    }
}

static unsigned flag_for(enum jtl_col col)
{
    switch (col) {
    case JCOL_CODE: return JTL_HAS_CODE;
    case JCOL_MESSAGE: return JTL_HAS_MESSAGE;
    case JCOL_THREAD: return JTL_HAS_THREAD;
    case JCOL_FAILURE: return JTL_HAS_FAILURE_MESSAGE;
    case JCOL_BYTES: return JTL_HAS_BYTES;
    case JCOL_SENT: return JTL_HAS_SENT_BYTES;
    case JCOL_GRP_THREADS:
    case JCOL_ALL_THREADS: return JTL_HAS_THREADS;
    case JCOL_LATENCY: return JTL_HAS_LATENCY;
    case JCOL_CONNECT: return JTL_HAS_CONNECT;
    case JCOL_IDLE: return JTL_HAS_IDLE;
    default: return 0;
    }
}

/* Adds one column by name; unknown names (sample variables) are skipped. */
static void map_add(struct jtl_colmap *m, const char *name, unsigned *seen)
{
    enum jtl_col col = JCOL_OTHER;
    if (!jtl_col_lookup(name, &col))
        col = JCOL_OTHER;
    /* A name given twice: the first one counts. */
    if (col != JCOL_OTHER && (*seen & (1u << col)))
        col = JCOL_OTHER;
    *seen |= 1u << col;
    m->cols = xrealloc(m->cols, (m->n + 1) * sizeof *m->cols);
    m->cols[m->n++] = col;
    m->flags |= flag_for(col);
}

static bool map_check(struct jtl_colmap *m, unsigned seen, struct strbuf *why)
{
    static const struct {
        enum jtl_col col;
        const char *name;
    } required[] = {
        { JCOL_TIMESTAMP, "timeStamp" },
        { JCOL_ELAPSED, "elapsed" },
        { JCOL_LABEL, "label" },
        { JCOL_SUCCESS, "success" },
    };
    for (size_t i = 0; i < ARRAY_LEN(required); i++)
        if (!(seen & (1u << required[i].col))) {
            strbuf_addf(why, "the results have no %s column (the report needs timeStamp, "
                        "elapsed, label and success)", required[i].name);
            return false;
        }
    /* grpThreads alone or allThreads alone is not enough for the thread chart. */
    if (!(seen & (1u << JCOL_ALL_THREADS)))
        m->flags &= ~(unsigned)JTL_HAS_THREADS;
    return true;
}

bool jtl_colmap_from_record(struct jtl_colmap *m, const struct jtl_record *rec,
                            struct strbuf *why)
{
    jtl_colmap_free(m);
    unsigned seen = 0;
    for (size_t i = 0; i < rec->n; i++)
        map_add(m, jtl_field(rec, i), &seen);
    return map_check(m, seen, why);
}

bool jtl_colmap_from_list(struct jtl_colmap *m, const char *list, struct strbuf *why)
{
    jtl_colmap_free(m);
    unsigned seen = 0;
    const char *p = list;
    for (;;) {
        size_t n = strcspn(p, ",");
        char *name = xstrndup(p, n);
        char *trimmed = str_trim_dup(name);
        map_add(m, trimmed, &seen);
        free(trimmed);
        free(name);
        if (!p[n])
            break;
        p += n + 1;
    }
    return map_check(m, seen, why);
}

void jtl_colmap_free(struct jtl_colmap *m)
{
    free(m->cols);
    m->cols = NULL;
    m->n = 0;
    m->flags = 0;
}

/* Larger magnitudes are refused: nothing real comes near (10^15 ms is 31,000
 * years, 10^15 bytes a petabyte), and sums over many rows then cannot overflow. */
#define MAX_MAGNITUDE INT64_C(1000000000000000)

/* A whole number as Java's Long.parseLong reads it (optional sign, digits),
 * within MAX_MAGNITUDE. */
static bool parse_ll(const char *s, int64_t *out)
{
    const char *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    if (!*p)
        return false;
    uint64_t v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned)(*p - '0');
        if (v > (uint64_t)MAX_MAGNITUDE)
            return false;
    }
    *out = neg ? -(int64_t)v : (int64_t)v;
    return true;
}

/* A formatted timeStamp (jmeter.save.saveservice.timestamp_format): the usual
 * patterns with date, time and optional milliseconds, read in the local zone. */
static bool parse_date(const char *s, int64_t *out)
{
    static const char *const formats[] = {
        "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
        "%d/%m/%Y %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M",
    };
    for (size_t i = 0; i < ARRAY_LEN(formats); i++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        const char *end = strptime(s, formats[i], &tm);
        if (!end)
            continue;
        int64_t ms = 0;
        if (*end == '.' || *end == ',') {
            const char *d = end + 1;
            int digits = 0;
            int64_t frac = 0;
            while (*d >= '0' && *d <= '9') {
                if (digits < 3)
                    frac = frac * 10 + (*d - '0');
                digits++;
                d++;
            }
            if (digits == 0)
                continue;
            for (int k = digits; k < 3; k++)
                frac *= 10;
            ms = frac;
            end = d;
        }
        if (*end)
            continue;
        tm.tm_isdst = -1;
        time_t t = mktime(&tm);
        if (t == (time_t)-1 || t > MAX_MAGNITUDE / 1000 || t < -MAX_MAGNITUDE / 1000)
            continue;
        *out = (int64_t)t * 1000 + ms;
        return true;
    }
    return false;
}

static bool number(const char *s, const char *column, bool required, int64_t *out,
                   struct strbuf *why)
{
    if (!*s && !required) {
        *out = 0;
        return true;
    }
    if (parse_ll(s, out))
        return true;
    strbuf_addf(why, "%s \"%.40s%s\" is not a whole number of at most 15 digits", column, s,
                strlen(s) > 40 ? "..." : "");
    return false;
}

bool jtl_row_from_record(const struct jtl_colmap *m, const struct jtl_record *rec,
                         struct jtl_row *row, struct strbuf *why)
{
    memset(row, 0, sizeof *row);
    row->label = row->response_code = row->response_message = "";
    row->thread_name = row->failure_message = "";
    for (size_t i = 0; i < m->n; i++) {
        const char *v = jtl_field(rec, i);
        bool ok = true;
        switch (m->cols[i]) {
        case JCOL_TIMESTAMP:
            if (!parse_ll(v, &row->start_ms) && !parse_date(v, &row->start_ms)) {
                strbuf_addf(why, "timeStamp \"%.40s%s\" is neither epoch milliseconds nor a "
                            "date such as 2024/01/31 13:45:00.123", v, strlen(v) > 40 ? "..." : "");
                ok = false;
            }
            break;
        case JCOL_ELAPSED: ok = number(v, "elapsed", true, &row->elapsed_ms, why); break;
        case JCOL_LABEL: row->label = v; break;
        case JCOL_CODE: row->response_code = v; break;
        case JCOL_MESSAGE: row->response_message = v; break;
        case JCOL_THREAD: row->thread_name = v; break;
        case JCOL_FAILURE: row->failure_message = v; break;
        case JCOL_SUCCESS:
            if (str_ieq(v, "true")) {
                row->success = true;
            } else if (!str_ieq(v, "false")) {
                strbuf_addf(why, "success \"%.40s%s\" is neither true nor false", v,
                            strlen(v) > 40 ? "..." : "");
                ok = false;
            }
            break;
        case JCOL_BYTES: ok = number(v, "bytes", false, &row->bytes, why); break;
        case JCOL_SENT: ok = number(v, "sentBytes", false, &row->sent_bytes, why); break;
        case JCOL_GRP_THREADS: ok = number(v, "grpThreads", false, &row->grp_threads, why); break;
        case JCOL_ALL_THREADS: ok = number(v, "allThreads", false, &row->all_threads, why); break;
        case JCOL_LATENCY: ok = number(v, "Latency", false, &row->latency_ms, why); break;
        case JCOL_IDLE: ok = number(v, "IdleTime", false, &row->idle_ms, why); break;
        case JCOL_CONNECT: ok = number(v, "Connect", false, &row->connect_ms, why); break;
        case JCOL_OTHER: break;
        }
        if (!ok)
            return false;
    }
    row->end_ms = row->start_ms + row->elapsed_ms;     /* both within 10^15 */
    return true;
}
