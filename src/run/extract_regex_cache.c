/* extract_regex_cache.c - compiled ORO patterns shared by all threads, and matching
 * with ORO's rules.
 *
 * A plan element runs on many threads and its pattern may come from a variable, so
 * patterns are compiled once per distinct text and kept in a small process-wide cache
 * (like JMeter's ORO PatternCacheLRU, 1000 entries). Entries are reference counted: an
 * entry pushed out while a thread still matches with it is freed at its last release.
 * Invalid patterns are cached too, with the message JMeter would see. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

#define CACHE_CAPACITY 1000
#define N_BUCKETS 512

struct oro_regex {
    char *source;
    pcre2_code *code;          /* NULL when invalid */
    char *error;               /* the exception text when invalid */
    unsigned groups;           /* capture count + 1 */
    unsigned hash;
    unsigned refs;
    bool cached;               /* still reachable from the cache */
    struct oro_regex *chain;   /* same bucket */
    struct oro_regex *older, *newer;   /* use order: oldest is evicted first */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct oro_regex *buckets[N_BUCKETS];
static struct oro_regex *oldest, *newest;
static size_t cache_count;

static unsigned hash_text(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void regex_free(struct oro_regex *re)
{
    pcre2_code_free(re->code);
    free(re->source);
    free(re->error);
    free(re);
}

static struct oro_regex *regex_compile(const char *pattern, unsigned hash)
{
    struct oro_regex *re = xcalloc(1, sizeof *re);
    re->source = xstrdup(pattern);
    re->hash = hash;
    re->groups = 1;
    struct strbuf pcre;
    strbuf_init(&pcre);
    uint32_t options = 0;
    char *why = NULL;
    if (oro_translate(pattern, &pcre, &options, &why)) {
        int err;
        PCRE2_SIZE off;
        pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
        pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
        re->code = pcre2_compile((PCRE2_SPTR)pcre.s, pcre.len, options, &err, &off, cc);
        pcre2_compile_context_free(cc);
        if (re->code) {
            uint32_t captures = 0;
            pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &captures);
            re->groups = captures + 1;
            pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);   /* optional speed-up */
        } else {
            /* ORO accepted it but PCRE2 can not take it (e.g. a repeat count over 65535) */
            PCRE2_UCHAR msg[200];
            pcre2_get_error_message(err, msg, sizeof msg);
            why = xstrdup((const char *)msg);
        }
    }
    strbuf_free(&pcre);
    if (why) {
        re->error = xasprintf("org.apache.oro.text.MalformedCachePatternException: "
                              "Invalid expression: %s\n%s", pattern, why);
        free(why);
    }
    return re;
}

/* ---- the use-order list and the table (under cache_lock) ---- */

static void order_unlink(struct oro_regex *re)
{
    if (re->older)
        re->older->newer = re->newer;
    else
        oldest = re->newer;
    if (re->newer)
        re->newer->older = re->older;
    else
        newest = re->older;
    re->older = re->newer = NULL;
}

static void order_push(struct oro_regex *re)
{
    re->older = newest;
    re->newer = NULL;
    if (newest)
        newest->newer = re;
    else
        oldest = re;
    newest = re;
}

static void table_remove(struct oro_regex *re)
{
    struct oro_regex **pp = &buckets[re->hash % N_BUCKETS];
    while (*pp && *pp != re)
        pp = &(*pp)->chain;
    if (*pp)
        *pp = re->chain;
    re->chain = NULL;
    order_unlink(re);
    re->cached = false;
    cache_count--;
}

static struct oro_regex *table_find(const char *pattern, unsigned hash)
{
    for (struct oro_regex *re = buckets[hash % N_BUCKETS]; re; re = re->chain)
        if (re->hash == hash && strcmp(re->source, pattern) == 0)
            return re;
    return NULL;
}

/* Drops the least recently used entries beyond the capacity; returns the ones nobody
 * uses any more through *to_free (a list linked by chain). */
static void evict(struct oro_regex **to_free)
{
    struct oro_regex *re = oldest;
    while (cache_count > CACHE_CAPACITY && re) {
        struct oro_regex *next = re->newer;
        table_remove(re);
        if (re->refs == 0) {
            re->chain = *to_free;
            *to_free = re;
        }
        re = next;
    }
}

const struct oro_regex *oro_regex_acquire(const char *pattern)
{
    if (!pattern)
        pattern = "";
    unsigned hash = hash_text(pattern);
    pthread_mutex_lock(&cache_lock);
    struct oro_regex *re = table_find(pattern, hash);
    if (re) {
        re->refs++;
        order_unlink(re);
        order_push(re);
        pthread_mutex_unlock(&cache_lock);
        return re;
    }
    pthread_mutex_unlock(&cache_lock);

    struct oro_regex *fresh = regex_compile(pattern, hash);   /* outside the lock */
    struct oro_regex *to_free = NULL;
    pthread_mutex_lock(&cache_lock);
    re = table_find(pattern, hash);
    if (re) {                 /* another thread compiled it meanwhile */
        re->refs++;
        fresh->chain = to_free;
        to_free = fresh;
    } else {
        re = fresh;
        re->refs = 1;
        re->cached = true;
        re->chain = buckets[hash % N_BUCKETS];
        buckets[hash % N_BUCKETS] = re;
        order_push(re);
        cache_count++;
        evict(&to_free);
    }
    pthread_mutex_unlock(&cache_lock);
    while (to_free) {
        struct oro_regex *next = to_free->chain;
        regex_free(to_free);
        to_free = next;
    }
    return re;
}

void oro_regex_release(const struct oro_regex *cre)
{
    if (!cre)
        return;
    struct oro_regex *re = (struct oro_regex *)cre;
    pthread_mutex_lock(&cache_lock);
    bool drop = --re->refs == 0 && !re->cached;
    pthread_mutex_unlock(&cache_lock);
    if (drop)
        regex_free(re);
}

void oro_regex_cache_clear(void)
{
    struct oro_regex *to_free = NULL;
    pthread_mutex_lock(&cache_lock);
    for (struct oro_regex *re = oldest; re;) {
        struct oro_regex *next = re->newer;
        table_remove(re);
        if (re->refs == 0) {
            re->chain = to_free;
            to_free = re;
        }
        re = next;
    }
    pthread_mutex_unlock(&cache_lock);
    while (to_free) {
        struct oro_regex *next = to_free->chain;
        regex_free(to_free);
        to_free = next;
    }
}

const char *oro_regex_error(const struct oro_regex *re)
{
    return re->error;
}

unsigned oro_regex_groups(const struct oro_regex *re)
{
    return re->groups;
}

/* ---- matching ---- */

/* pcre2_match, falling back to the interpreter when the JIT stack is too small. A
 * failure other than "no match" (e.g. the backtracking limit) counts as no match. */
static bool run_match(const struct oro_regex *re, const char *s, size_t len, size_t start,
                      uint32_t options, pcre2_match_data *md)
{
    options |= PCRE2_NO_UTF_CHECK;
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, options, md, NULL);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, options | PCRE2_NO_JIT, md, NULL);
    return rc >= 0;
}

bool oro_contains(const struct oro_regex *re, const char *s, size_t len)
{
    if (!re->code)
        return false;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
    bool found = run_match(re, s, len, 0, 0, md);
    pcre2_match_data_free(md);
    return found;
}

bool oro_matches(const struct oro_regex *re, const char *s, size_t len)
{
    if (!re->code)
        return false;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
    bool found = run_match(re, s, len, 0, PCRE2_ANCHORED, md) &&
                 pcre2_get_ovector_pointer(md)[1] == len;
    pcre2_match_data_free(md);
    return found;
}

void oro_iter_init(struct oro_iter *it, const struct oro_regex *re, const char *s, size_t len)
{
    it->re = re;
    it->md = re->code ? pcre2_match_data_create_from_pattern(re->code, NULL) : NULL;
    it->s = s;
    it->len = len;
    it->pos = 0;
    it->after_match = false;
}

bool oro_iter_next(struct oro_iter *it)
{
    if (!it->md || it->pos > it->len)
        return false;
    if (!run_match(it->re, it->s, it->len, it->pos,
                   it->after_match ? PCRE2_NOTEMPTY_ATSTART : 0, it->md))
        return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(it->md);
    it->pos = ov[1] > ov[0] ? ov[1] : ov[0];
    it->after_match = true;
    return true;
}

bool oro_iter_group(const struct oro_iter *it, unsigned g, const char **s, size_t *len)
{
    if (!it->md || g >= it->re->groups || g >= pcre2_get_ovector_count(it->md))
        return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(it->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return false;
    *s = it->s + ov[2 * g];
    *len = ov[2 * g + 1] - ov[2 * g];
    return true;
}

void oro_iter_free(struct oro_iter *it)
{
    pcre2_match_data_free(it->md);
    it->md = NULL;
}
