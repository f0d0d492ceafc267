/* locust_stats.c - request statistics in Locust's format, as deltas.
 *
 * The results writer thread records every sample (ls_record); every 3 s the
 * protocol thread takes what was recorded since the last report and sends
 * it as one "stats" message (ls_encode_report). The master adds the deltas
 * up (StatsEntry.extend), so each report carries only the new requests, in
 * the entries of Locust's RequestStats: one per (name, method), the total,
 * and the errors grouped by (method, name, error) under a sha256 key.
 * Response times go into Locust's rounded histogram (ls_round_response_time). */
#include <math.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/loop.h"
#include "locust_internal.h"

#define FAST_BUCKETS 280   /* rounded keys below 10,000 ms: 100 + 90 + 90 */

struct kv {
    int64_t key, count;
};

struct kvvec {
    struct kv *v;
    size_t n, cap;
};

struct entry {
    char *name, *method;          /* method NULL: the total */
    int64_t num_requests, num_failures;
    int64_t total_rt, max_rt, min_rt;
    bool has_min;
    int64_t content_length;
    double last_ts;               /* 0: none */
    int64_t rt_fast[FAST_BUCKETS];
    struct kvvec rt_slow;         /* keys of 10,000 ms and more */
    struct kvvec reqs_per_sec, fails_per_sec;
};

struct error_entry {
    char *key, *name, *method, *error;
    int64_t occurrences;
};

/* A small string -> index table (open addressing, power-of-two size). */
struct index {
    char **keys;
    size_t *values;
    size_t cap, count;
};

struct delta {
    double start_s;
    struct entry total;
    struct entry **entries;
    size_t n_entries, cap_entries;
    struct index entry_index;
    struct error_entry *errors;
    size_t n_errors, cap_errors;
    struct index error_index;
};

struct ls_stats {
    pthread_mutex_t lock;
    struct delta *cur;
};

/* ------------------------------------------------------------- helpers */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static bool index_get(const struct index *ix, const char *key, size_t *out)
{
    if (!ix->cap)
        return false;
    for (size_t i = hash_str(key) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        if (!ix->keys[i])
            return false;
        if (strcmp(ix->keys[i], key) == 0) {
            *out = ix->values[i];
            return true;
        }
    }
}

static void index_put(struct index *ix, const char *key, size_t value);

static void index_grow(struct index *ix)
{
    struct index old = *ix;
    ix->cap = old.cap ? old.cap * 2 : 16;
    ix->count = 0;
    ix->keys = xcalloc(ix->cap, sizeof(char *));
    ix->values = xcalloc(ix->cap, sizeof(size_t));
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i]) {
            index_put(ix, old.keys[i], old.values[i]);
            free(old.keys[i]);
        }
    free(old.keys);
    free(old.values);
}

static void index_put(struct index *ix, const char *key, size_t value)
{
    if ((ix->count + 1) * 2 > ix->cap)
        index_grow(ix);
    size_t i = hash_str(key) & (ix->cap - 1);
    while (ix->keys[i])
        i = (i + 1) & (ix->cap - 1);
    ix->keys[i] = xstrdup(key);
    ix->values[i] = value;
    ix->count++;
}

static void index_free(struct index *ix)
{
    for (size_t i = 0; i < ix->cap; i++)
        free(ix->keys[i]);
    free(ix->keys);
    free(ix->values);
}

static void kv_add(struct kvvec *vec, int64_t key, int64_t n)
{
    for (size_t i = vec->n; i-- > 0;)
        if (vec->v[i].key == key) {
            vec->v[i].count += n;
            return;
        }
    if (vec->n == vec->cap) {
        vec->cap = vec->cap ? vec->cap * 2 : 4;
        vec->v = xrealloc(vec->v, vec->cap * sizeof *vec->v);
    }
    vec->v[vec->n++] = (struct kv){key, n};
}

/* Python's round(n, -digits) on a non-negative integer: half to even. */
static int64_t round_half_even(int64_t n, int64_t unit)
{
    int64_t q = n / unit, r = n % unit;
    if (r * 2 > unit || (r * 2 == unit && (q & 1)))
        q++;
    return q * unit;
}

int64_t ls_round_response_time(int64_t ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 100)
        return ms;
    if (ms < 1000)
        return round_half_even(ms, 10);
    if (ms < 10000)
        return round_half_even(ms, 100);
    return round_half_even(ms, 1000);
}

/* The fast slot of a rounded key below 10,000, or -1. */
static int fast_slot(int64_t key)
{
    if (key < 100)
        return (int)key;
    if (key < 1000)
        return (int)(100 + key / 10 - 10);
    if (key < 10000)
        return (int)(190 + key / 100 - 10);
    return -1;
}

static int64_t fast_key(int slot)
{
    if (slot < 100)
        return slot;
    if (slot < 190)
        return (slot - 100 + 10) * 10;
    return (int64_t)(slot - 190 + 10) * 100;
}

/* ------------------------------------------------------------- entries */

static void entry_log(struct entry *en, int64_t rt, int64_t length, double end_s, bool failed)
{
    int64_t second = (int64_t)floor(end_s);
    en->num_requests++;
    kv_add(&en->reqs_per_sec, second, 1);
    if (end_s > en->last_ts)
        en->last_ts = end_s;
    if (rt < 0)
        rt = 0;
    en->total_rt += rt;
    if (!en->has_min || rt < en->min_rt)
        en->min_rt = rt;
    en->has_min = true;
    if (rt > en->max_rt)
        en->max_rt = rt;
    int64_t key = ls_round_response_time(rt);
    int slot = fast_slot(key);
    if (slot >= 0)
        en->rt_fast[slot]++;
    else
        kv_add(&en->rt_slow, key, 1);
    en->content_length += length > 0 ? length : 0;
    if (failed) {
        en->num_failures++;
        kv_add(&en->fails_per_sec, second, 1);
    }
}

static void entry_free(struct entry *en)
{
    free(en->name);
    free(en->method);
    free(en->rt_slow.v);
    free(en->reqs_per_sec.v);
    free(en->fails_per_sec.v);
}

static struct delta *delta_new(double start_s)
{
    struct delta *d = xcalloc(1, sizeof *d);
    d->start_s = start_s;
    d->total.name = xstrdup("Aggregated");
    return d;
}

static void delta_free(struct delta *d)
{
    entry_free(&d->total);
    for (size_t i = 0; i < d->n_entries; i++) {
        entry_free(d->entries[i]);
        free(d->entries[i]);
    }
    free(d->entries);
    index_free(&d->entry_index);
    for (size_t i = 0; i < d->n_errors; i++) {
        struct error_entry *e = &d->errors[i];
        free(e->key);
        free(e->name);
        free(e->method);
        free(e->error);
    }
    free(d->errors);
    index_free(&d->error_index);
    free(d);
}

static struct entry *entry_for(struct delta *d, const char *method, const char *name)
{
    char *key = xasprintf("%s\x1f%s", method, name);
    size_t at;
    struct entry *en;
    if (index_get(&d->entry_index, key, &at)) {
        en = d->entries[at];
    } else {
        en = xcalloc(1, sizeof *en);
        en->name = xstrdup(name);
        en->method = xstrdup(method);
        if (d->n_entries == d->cap_entries) {
            d->cap_entries = d->cap_entries ? d->cap_entries * 2 : 16;
            d->entries = xrealloc(d->entries, d->cap_entries * sizeof *d->entries);
        }
        index_put(&d->entry_index, key, d->n_entries);
        d->entries[d->n_entries++] = en;
    }
    free(key);
    return en;
}

/* Locust's StatsError.create_key: sha256 of "method.name.error", in hex. */
static char *error_key(const char *method, const char *name, const char *error)
{
    char *text = xasprintf("%s.%s.%s", method, name, error);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(text, strlen(text), md, &n, EVP_sha256(), NULL);
    free(text);
    char *hex = xcalloc(2 * n + 1, 1);
    for (unsigned int i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return hex;
}

static void error_log(struct delta *d, const char *method, const char *name, const char *error)
{
    char *key = error_key(method, name, error);
    size_t at;
    if (index_get(&d->error_index, key, &at)) {
        d->errors[at].occurrences++;
        free(key);
        return;
    }
    if (d->n_errors == d->cap_errors) {
        d->cap_errors = d->cap_errors ? d->cap_errors * 2 : 8;
        d->errors = xrealloc(d->errors, d->cap_errors * sizeof *d->errors);
    }
    index_put(&d->error_index, key, d->n_errors);
    d->errors[d->n_errors++] = (struct error_entry){key, xstrdup(name), xstrdup(method),
                                                    xstrdup(error), 1};
}

/* -------------------------------------------------------------- the API */

struct ls_stats *ls_new(void)
{
    struct ls_stats *st = xcalloc(1, sizeof *st);
    pthread_mutex_init(&st->lock, NULL);
    st->cur = delta_new((double)clock_epoch_ms() / 1000.0);
    return st;
}

void ls_free(struct ls_stats *st)
{
    if (!st)
        return;
    delta_free(st->cur);
    pthread_mutex_destroy(&st->lock);
    free(st);
}

void ls_record(struct ls_stats *st, const char *method, const char *name, int64_t response_ms,
               int64_t content_length, double end_s, const char *error)
{
    if (!method)
        method = "";
    if (!name)
        name = "";
    pthread_mutex_lock(&st->lock);
    struct delta *d = st->cur;
    entry_log(entry_for(d, method, name), response_ms, content_length, end_s, error != NULL);
    entry_log(&d->total, response_ms, content_length, end_s, error != NULL);
    if (error)
        error_log(d, method, name, error);
    pthread_mutex_unlock(&st->lock);
}

static void pack_kvvec(msgpack_packer *pk, const struct kvvec *vec)
{
    msgpack_pack_map(pk, vec->n);
    for (size_t i = 0; i < vec->n; i++) {
        msgpack_pack_int64(pk, vec->v[i].key);
        msgpack_pack_int64(pk, vec->v[i].count);
    }
}

static void pack_entry(msgpack_packer *pk, const struct entry *en, double start_s)
{
    msgpack_pack_map(pk, 14);
    lp_pack_str(pk, "name");
    lp_pack_str(pk, en->name);
    lp_pack_str(pk, "method");
    if (en->method)
        lp_pack_str(pk, en->method);
    else
        msgpack_pack_nil(pk);
    lp_pack_str(pk, "last_request_timestamp");
    if (en->last_ts > 0)
        msgpack_pack_double(pk, en->last_ts);
    else
        msgpack_pack_nil(pk);
    lp_pack_str(pk, "start_time");
    msgpack_pack_double(pk, start_s);
    lp_pack_str(pk, "num_requests");
    msgpack_pack_int64(pk, en->num_requests);
    lp_pack_str(pk, "num_none_requests");
    msgpack_pack_int64(pk, 0);
    lp_pack_str(pk, "num_failures");
    msgpack_pack_int64(pk, en->num_failures);
    lp_pack_str(pk, "total_response_time");
    msgpack_pack_int64(pk, en->total_rt);
    lp_pack_str(pk, "max_response_time");
    msgpack_pack_int64(pk, en->max_rt);
    lp_pack_str(pk, "min_response_time");
    if (en->has_min)
        msgpack_pack_int64(pk, en->min_rt);
    else
        msgpack_pack_nil(pk);
    lp_pack_str(pk, "total_content_length");
    msgpack_pack_int64(pk, en->content_length);
    lp_pack_str(pk, "response_times");
    size_t n = en->rt_slow.n;
    for (int i = 0; i < FAST_BUCKETS; i++)
        n += en->rt_fast[i] != 0;
    msgpack_pack_map(pk, n);
    for (int i = 0; i < FAST_BUCKETS; i++)
        if (en->rt_fast[i]) {
            msgpack_pack_int64(pk, fast_key(i));
            msgpack_pack_int64(pk, en->rt_fast[i]);
        }
    for (size_t i = 0; i < en->rt_slow.n; i++) {
        msgpack_pack_int64(pk, en->rt_slow.v[i].key);
        msgpack_pack_int64(pk, en->rt_slow.v[i].count);
    }
    lp_pack_str(pk, "num_reqs_per_sec");
    pack_kvvec(pk, &en->reqs_per_sec);
    lp_pack_str(pk, "num_fail_per_sec");
    pack_kvvec(pk, &en->fails_per_sec);
}

void ls_encode_report(struct ls_stats *st, struct strbuf *out, const char *node_id,
                      const struct lp_class_count *counts, size_t n, double now_s)
{
    pthread_mutex_lock(&st->lock);
    struct delta *d = st->cur;
    st->cur = delta_new(now_s);
    pthread_mutex_unlock(&st->lock);

    int64_t users = 0;
    for (size_t i = 0; i < n; i++)
        users += counts[i].count;
    msgpack_packer pk;
    lp_packer_init(&pk, out);
    lp_frame_begin(&pk, "stats");
    msgpack_pack_map(&pk, 5);
    lp_pack_str(&pk, "stats");
    size_t live = 0;
    for (size_t i = 0; i < d->n_entries; i++)
        live += d->entries[i]->num_requests || d->entries[i]->num_failures;
    msgpack_pack_array(&pk, live);
    for (size_t i = 0; i < d->n_entries; i++)
        if (d->entries[i]->num_requests || d->entries[i]->num_failures)
            pack_entry(&pk, d->entries[i], d->start_s);
    lp_pack_str(&pk, "stats_total");
    pack_entry(&pk, &d->total, d->start_s);
    lp_pack_str(&pk, "errors");
    msgpack_pack_map(&pk, d->n_errors);
    for (size_t i = 0; i < d->n_errors; i++) {
        const struct error_entry *e = &d->errors[i];
        lp_pack_str(&pk, e->key);
        msgpack_pack_map(&pk, 4);
        lp_pack_str(&pk, "name");
        lp_pack_str(&pk, e->name);
        lp_pack_str(&pk, "method");
        lp_pack_str(&pk, e->method);
        lp_pack_str(&pk, "error");
        lp_pack_str(&pk, e->error);
        lp_pack_str(&pk, "occurrences");
        msgpack_pack_int64(&pk, e->occurrences);
    }
    lp_pack_str(&pk, "user_classes_count");
    lp_pack_counts(&pk, counts, n);
    lp_pack_str(&pk, "user_count");
    msgpack_pack_int64(&pk, users);
    lp_frame_end(&pk, node_id);
    delta_free(d);
}
