/* html_collect.c - takes the JTL rows one by one and keeps what the page
 * needs: statistics per label (stats_table), APDEX counts, error kinds, errors
 * per label and kind for the top 5, and the time buckets.
 *
 * Which rows count where follows JMeter's dashboard: Transaction Controller
 * samples (response message "Number of samples in transaction ...") have
 * statistics and APDEX rows of their own but stay out of the TOTAL line, the
 * requests summary, the error tables, hits and codes per second; empty
 * transactions count nowhere. Sub-result lines count only as hits (and codes)
 * unless include_subresults asks for JMeter's way of counting them as samples. */
#include <libxml/hash.h>
#include <stdlib.h>
#include <string.h>
#include "html_internal.h"

#define TC_PATTERN "Number of samples in transaction"
/* Stats-table keys cannot hold this byte in practice: CSV labels never do. */
#define OTHER_LABEL_KEY "\x1f(other labels)"
#define TOTAL_KEY "TOTAL"

void html_data_init(struct html_data *d, const struct html_report_options *opts)
{
    memset(d, 0, sizeof *d);
    if (opts)
        d->opts = *opts;
    else
        html_report_options_init(&d->opts);
    d->stats = stats_table_new();
    d->requests = stats_table_new();
    d->first_ms = INT64_MAX;
    d->last_ms = INT64_MIN;
    html_timeline_init(&d->tl);
    d->label_index = xmlHashCreate(64);
    d->kind_index = xmlHashCreate(64);
    if (!d->label_index || !d->kind_index) {
        fprintf(stderr, "jmx2run: out of memory\n");
        abort();
    }
}

static void free_label(struct html_label *l)
{
    if (!l)
        return;
    free(l->name);
    free(l->key);
    free(l->kinds);
    free(l);
}

static void free_kind(struct html_kind *k)
{
    if (!k)
        return;
    free(k->key);
    free(k);
}

void html_data_free(struct html_data *d)
{
    for (size_t i = 0; i < d->n_labels; i++)
        free_label(d->labels[i]);
    free(d->labels);
    for (size_t i = 0; i < d->n_kinds; i++)
        free_kind(d->kinds[i]);
    free(d->kinds);
    for (size_t i = 0; i < d->n_codes; i++)
        free(d->codes[i]);
    stats_table_free(d->stats);
    stats_table_free(d->requests);
    html_timeline_free(&d->tl);
    xmlHashFree(d->label_index, NULL);
    xmlHashFree(d->kind_index, NULL);
    memset(d, 0, sizeof *d);
}

static struct html_label *new_label(struct html_data *d, const char *name, bool other)
{
    struct html_label *l = xcalloc(1, sizeof *l);
    l->name = xstrdup(other ? "(other labels)" : name);
    l->key = xstrdup(other ? OTHER_LABEL_KEY : name);
    l->other = other;
    d->labels = xrealloc(d->labels, (d->n_labels + 1) * sizeof *d->labels);
    d->labels[d->n_labels++] = l;
    return l;
}

static struct html_label *label_for(struct html_data *d, const char *name)
{
    struct html_label *l = xmlHashLookup(d->label_index, (const xmlChar *)name);
    if (l)
        return l;
    if (d->n_labels >= HTML_MAX_LABELS) {
        if (!d->other_label)
            d->other_label = new_label(d, name, true);
        return d->other_label;
    }
    l = new_label(d, name, false);
    xmlHashAddEntry(d->label_index, (const xmlChar *)name, l);
    return l;
}

static struct html_kind *kind_for(struct html_data *d, const char *key, size_t *index)
{
    struct html_kind *k = xmlHashLookup(d->kind_index, (const xmlChar *)key);
    if (!k) {
        if (d->n_kinds >= HTML_MAX_ERROR_KINDS && d->other_kind) {
            k = d->other_kind;
        } else {
            k = xcalloc(1, sizeof *k);
            bool other = d->n_kinds >= HTML_MAX_ERROR_KINDS;
            k->key = xstrdup(other ? "(other errors)" : key);
            k->other = other;
            k->index = d->n_kinds;
            d->kinds = xrealloc(d->kinds, (d->n_kinds + 1) * sizeof *d->kinds);
            d->kinds[d->n_kinds++] = k;
            if (other)
                d->other_kind = k;
            else
                xmlHashAddEntry(d->kind_index, (const xmlChar *)key, k);
        }
    }
    *index = k->index;
    return k;
}

void html_error_key(const struct jtl_row *row, bool has_failure_column, struct strbuf *out)
{
    strbuf_reset(out);
    errors_table_key_of(row->response_code, row->response_message,
                        has_failure_column ? row->failure_message : "", out);
}

static void count_kind(struct html_label *l, size_t kind)
{
    for (size_t i = 0; i < l->n_kinds; i++)
        if (l->kinds[i].kind == kind) {
            l->kinds[i].count++;
            return;
        }
    l->kinds = xrealloc(l->kinds, (l->n_kinds + 1) * sizeof *l->kinds);
    l->kinds[l->n_kinds].kind = kind;
    l->kinds[l->n_kinds].count = 1;
    l->n_kinds++;
}

static size_t code_series(struct html_data *d, const char *code)
{
    for (size_t i = 0; i < d->n_codes; i++)
        if (strcmp(d->codes[i], code) == 0)
            return i;
    if (d->n_codes < HTML_MAX_CODES) {
        d->codes[d->n_codes] = xstrdup(code);
        return d->n_codes++;
    }
    d->codes_other = true;
    return HTML_MAX_CODES;
}

static void count_hit(struct html_data *d, struct html_bucket *b, const struct jtl_row *row)
{
    b->hits++;
    if (!row->success)
        b->hit_errors++;
    if (!(d->columns & JTL_HAS_CODE))
        return;
    if (!b->codes)
        b->codes = xcalloc(HTML_MAX_CODES + 1, sizeof *b->codes);
    b->codes[code_series(d, row->response_code)]++;
}

static void to_sample(const struct jtl_row *row, const char *key, struct sample *s)
{
    memset(s, 0, sizeof *s);
    s->label = (char *)key;     /* read only by stats_table_add */
    s->start_ms = row->start_ms;
    s->end_ms = row->end_ms;
    s->elapsed_ms = row->elapsed_ms;
    s->bytes = row->bytes;
    s->sent_bytes = row->sent_bytes;
    s->success = row->success;
}

static void count_apdex(const struct html_data *d, int64_t elapsed, bool success, uint64_t *n,
                        uint64_t *satisfied, uint64_t *tolerated)
{
    (*n)++;
    if (!success)
        return;
    if (elapsed <= d->opts.apdex_satisfied_ms)
        (*satisfied)++;
    else if (elapsed <= d->opts.apdex_tolerated_ms)
        (*tolerated)++;
}

void html_collect_row(struct html_data *d, const struct jtl_row *row)
{
    d->rows++;
    if (row->start_ms < d->first_ms)
        d->first_ms = row->start_ms;
    if (row->end_ms > d->last_ms)
        d->last_ms = row->end_ms;
    struct html_bucket *b = html_timeline_at(&d->tl, row->start_ms);

    if (row->sub_depth > 0 && !d->opts.include_subresults) {
        d->sub_rows++;
        count_hit(d, b, row);
        return;
    }
    const char *msg = row->response_message;
    bool tc = (d->columns & JTL_HAS_MESSAGE) && str_starts_with(msg, TC_PATTERN);
    if (tc && str_starts_with(msg, HTML_TC_PREFIX "0")) {
        char after = msg[strlen(HTML_TC_PREFIX "0")];
        if (after < '0' || after > '9') {
            d->empty_tc_rows++;
            return;
        }
    }
    struct html_label *l = label_for(d, row->label);
    struct sample s;
    to_sample(row, l->key, &s);
    stats_table_add(d->stats, &s);
    count_apdex(d, row->elapsed_ms, row->success, &l->apdex_n, &l->apdex_satisfied,
                &l->apdex_tolerated);
    count_apdex(d, row->elapsed_ms, row->success, &d->apdex_n, &d->apdex_satisfied,
                &d->apdex_tolerated);
    if (row->success)
        histogram_record(&b->ok_elapsed, row->elapsed_ms);
    if (d->columns & JTL_HAS_THREADS) {
        b->threads_n++;
        b->threads_sum += row->all_threads;
    }
    b->timing_n++;
    b->latency_sum += row->latency_ms;
    b->connect_sum += row->connect_ms;
    if (tc) {
        d->tc_rows++;
        l->controller = true;
        return;
    }

    to_sample(row, TOTAL_KEY, &s);
    stats_table_add(d->requests, &s);
    count_hit(d, b, row);
    b->received += row->bytes;
    b->sent += row->sent_bytes;
    l->top_samples++;
    if (row->success)
        return;
    struct strbuf key;
    strbuf_init(&key);
    html_error_key(row, (d->columns & JTL_HAS_FAILURE_MESSAGE) != 0, &key);
    size_t kind = 0;
    struct html_kind *k = kind_for(d, key.s, &kind);
    strbuf_free(&key);
    k->count++;
    d->error_rows++;
    l->top_errors++;
    count_kind(l, kind);
}

void html_label_text(struct strbuf *out, const struct html_label *l)
{
    html_escape(out, l->name, strlen(l->name));
}

const struct stats_row *html_label_stats(const struct html_data *d, const struct html_label *l)
{
    return stats_table_find(d->stats, l->key);
}

double html_apdex(uint64_t n, uint64_t satisfied, uint64_t tolerated)
{
    if (n == 0)
        return -1.0;
    return ((double)satisfied + (double)tolerated / 2.0) / (double)n;
}
