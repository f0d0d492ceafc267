/* errors_table.c - "top errors by count", printed after the aggregate table
 * and written to --summary-json.
 *
 * Errors are grouped by the key JMeter's dashboard uses for "errors by type"
 * (the HTML report's html_error_key reads the same key from a JTL row): a sample
 * whose response code is a success code (200-399) or empty failed on an
 * assertion, so its failure message is the key ("Assertion failed" when it
 * has none); otherwise the key is "code/message", e.g. "500/Internal Server
 * Error". Each kind remembers the label it was first seen on.
 *
 * Memory is bounded: after ERRORS_TABLE_MAX_KINDS distinct keys, new ones are
 * counted together as "(other errors)". Fed by the results writer only (no
 * locking). */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

#define OTHER_ERRORS_KEY "(other errors)"
/* Longest key shown on the console; the JSON file has the full text. */
#define CONSOLE_KEY_MAX 100

struct errors_table {
    struct error_kind **kinds;      /* order of appearance */
    size_t n, cap;
    size_t *index;                  /* open addressing on the key: kind + 1, 0 = empty */
    size_t index_cap;
    struct error_kind *other;       /* "(other errors)", once the table is full */
    int64_t total;
};

static uint64_t hash_key(const char *s)
{
    uint64_t h = 14695981039346656037ULL;           /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

struct errors_table *errors_table_new(void)
{
    return xcalloc(1, sizeof(struct errors_table));
}

void errors_table_free(struct errors_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->kinds[i]->key);
        free(t->kinds[i]->first_label);
        free(t->kinds[i]);
    }
    free(t->kinds);
    free(t->index);
    free(t);
}

static struct error_kind *lookup(const struct errors_table *t, const char *key)
{
    if (!t->index_cap)
        return NULL;
    size_t mask = t->index_cap - 1;
    for (size_t slot = (size_t)hash_key(key) & mask; t->index[slot]; slot = (slot + 1) & mask) {
        struct error_kind *k = t->kinds[t->index[slot] - 1];
        if (strcmp(k->key, key) == 0)
            return k;
    }
    return NULL;
}

static void index_put(struct errors_table *t, size_t i)
{
    size_t mask = t->index_cap - 1;
    size_t slot = (size_t)hash_key(t->kinds[i]->key) & mask;
    while (t->index[slot])
        slot = (slot + 1) & mask;
    t->index[slot] = i + 1;
}

static struct error_kind *append_kind(struct errors_table *t, const char *key, const char *label)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->kinds = xrealloc(t->kinds, t->cap * sizeof *t->kinds);
    }
    struct error_kind *k = xcalloc(1, sizeof *k);
    k->key = xstrdup(key);
    k->first_label = xstrdup(label);
    k->first_seen = t->n;
    t->kinds[t->n++] = k;
    if (t->n * 2 > t->index_cap) {
        free(t->index);
        t->index_cap = t->index_cap ? t->index_cap * 2 : 32;
        t->index = xcalloc(t->index_cap, sizeof *t->index);
        for (size_t i = 0; i < t->n; i++)
            index_put(t, i);
    } else {
        index_put(t, t->n - 1);
    }
    return k;
}

static struct error_kind *kind_for(struct errors_table *t, const char *key, const char *label)
{
    struct error_kind *k = lookup(t, key);
    if (k)
        return k;
    if (t->n < ERRORS_TABLE_MAX_KINDS)
        return append_kind(t, key, label);
    if (!t->other)
        t->other = append_kind(t, OTHER_ERRORS_KEY, label);
    return t->other;
}

/* Numeric and within 200..399, as JMeter's MetricUtils.isSuccessCode. */
static bool success_code(const char *code)
{
    if (!*code || strlen(code) > 9)
        return false;
    long v = 0;
    for (const char *p = code; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    return v >= 200 && v <= 399;
}

void errors_table_key_of(const char *code, const char *message, const char *failure,
                         struct strbuf *out)
{
    if (success_code(code) || (!*code && !str_is_blank(failure))) {
        strbuf_adds(out, str_is_blank(failure) ? "Assertion failed" : failure);
        return;
    }
    strbuf_adds(out, code);
    if (*message) {
        strbuf_addc(out, '/');
        strbuf_adds(out, message);
    }
}

void errors_table_key(const struct sample *s, struct strbuf *out)
{
    errors_table_key_of(s->response_code ? s->response_code : "",
                        s->response_message ? s->response_message : "",
                        sample_failure_message(s), out);
}

static void count_error(struct errors_table *t, const struct sample *s)
{
    struct strbuf key;
    strbuf_init(&key);
    errors_table_key(s, &key);
    kind_for(t, key.s, s->label ? s->label : "")->count++;
    t->total++;
    strbuf_free(&key);
}

/* A failed transaction's failed children: in parent mode they are its
 * sub-samples (nested transactions are walked in turn); in the other mode
 * they were recorded on their own and the transaction has none. */
static void count_transaction(struct errors_table *t, const struct sample *s, int depth)
{
    for (size_t i = 0; i < s->n_subs; i++) {
        const struct sample *sub = s->subs[i];
        if (sub->success)
            continue;
        if (sub->origin == SAMPLE_FROM_TRANSACTION && depth < 64)
            count_transaction(t, sub, depth + 1);
        else
            count_error(t, sub);
    }
}

void errors_table_add(struct errors_table *t, const struct sample *s)
{
    if (s->success)
        return;
    if (s->origin == SAMPLE_FROM_TRANSACTION)
        count_transaction(t, s, 0);
    else
        count_error(t, s);
}

int64_t errors_table_total(const struct errors_table *t)
{
    return t->total;
}

static int by_count(const void *a, const void *b)
{
    const struct error_kind *x = *(const struct error_kind *const *)a;
    const struct error_kind *y = *(const struct error_kind *const *)b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first_seen < y->first_seen ? -1 : x->first_seen > y->first_seen;
}

size_t errors_table_top(const struct errors_table *t, const struct error_kind **out, size_t max)
{
    if (!t->n || !max)
        return 0;
    const struct error_kind **all = xmalloc(t->n * sizeof *all);
    for (size_t i = 0; i < t->n; i++)
        all[i] = t->kinds[i];
    qsort(all, t->n, sizeof *all, by_count);
    size_t n = t->n < max ? t->n : max;
    memcpy(out, all, n * sizeof *out);
    free(all);
    return n;
}

/* ------------------------------------------------------------------ print */

/* One line of text for the console: control characters (new lines in a
 * failure message) become spaces, and long keys are cut with "...". */
static char *console_text(const char *s)
{
    size_t n = strlen(s);
    bool cut = n > CONSOLE_KEY_MAX;
    if (cut) {
        n = CONSOLE_KEY_MAX - 3;
        /* do not cut a UTF-8 sequence in the middle */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    char *text = xmalloc(n + 4);
    for (size_t i = 0; i < n; i++)
        text[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
    strcpy(text + n, cut ? "..." : "");
    return text;
}

/* Display width in characters (UTF-8 continuation bytes do not count). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void pad(struct strbuf *out, size_t n)
{
    while (n--)
        strbuf_addc(out, ' ');
}

void errors_table_print(const struct errors_table *t, struct strbuf *out)
{
    if (t->total == 0)
        return;
    const struct error_kind *top[ERRORS_TABLE_TOP];
    size_t n = errors_table_top(t, top, ERRORS_TABLE_TOP);
    char *keys[ERRORS_TABLE_TOP], counts[ERRORS_TABLE_TOP][24], shares[ERRORS_TABLE_TOP][16];
    const char *head[4] = {"Top errors", "Count", "% of errors", "First label"};
    size_t w[3] = {strlen(head[0]), strlen(head[1]), strlen(head[2])};
    for (size_t i = 0; i < n; i++) {
        keys[i] = console_text(top[i]->key);
        snprintf(counts[i], sizeof counts[i], "%lld", (long long)top[i]->count);
        snprintf(shares[i], sizeof shares[i], "%.2f%%",
                 (double)top[i]->count * 100.0 / (double)t->total);
        if (text_width(keys[i]) > w[0])
            w[0] = text_width(keys[i]);
        if (strlen(counts[i]) > w[1])
            w[1] = strlen(counts[i]);
        if (strlen(shares[i]) > w[2])
            w[2] = strlen(shares[i]);
    }
    for (size_t i = 0; i <= n; i++) {
        const char *key = i ? keys[i - 1] : head[0];
        const char *count = i ? counts[i - 1] : head[1];
        const char *share = i ? shares[i - 1] : head[2];
        char *label = i ? console_text(top[i - 1]->first_label) : xstrdup(head[3]);
        strbuf_adds(out, key);
        pad(out, w[0] - text_width(key) + 2 + w[1] - strlen(count));
        strbuf_adds(out, count);
        pad(out, 2 + w[2] - strlen(share));
        strbuf_adds(out, share);
        if (*label) {
            strbuf_adds(out, "  ");
            strbuf_adds(out, label);
        }
        strbuf_addc(out, '\n');
        free(label);
    }
    if (t->n > n) {
        int64_t shown = 0;
        for (size_t i = 0; i < n; i++)
            shown += top[i]->count;
        strbuf_addf(out, "(and %zu other kinds of error: %lld errors)\n", t->n - n,
                    (long long)(t->total - shown));
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
}
