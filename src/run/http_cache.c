/* http_cache.c - the HTTP Cache Manager, per user, as JMeter's CacheManager:
 *
 *  - only cacheable methods (property cacheable_methods, "GET") and responses
 *    2xx or 304 with Last-Modified, Expires, ETag or Cache-Control are kept;
 *    "Vary: *" is never cached, any other Vary keeps validators only;
 *  - a later request for the URL carries If-Modified-Since / If-None-Match;
 *  - with useExpires, Expires or Cache-Control max-age (or 10% of
 *    Date - Last-Modified, else a year) make an entry fresh: then nothing is
 *    sent and, by default (RETURN_NO_SAMPLE), no sample is recorded;
 *  - maxSize entries at most, oldest dropped first.
 * HTTP dates are parsed by libcurl (curl_getdate). */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "http_cache.h"
#include "transaction.h"

#define ONE_YEAR_MS (365LL * 24 * 60 * 60 * 1000)

struct cache_entry {
    char *url;
    char *last_modified;
    char *etag;
    int64_t expires_ms;          /* 0 = not fresh-able (no useExpires, or expired) */
    bool vary;
};

struct user_cache {
    const struct plan_node *manager;
    struct cache_entry *entries; /* oldest first */
    size_t n, cap;
};

static struct user_cache *cache_of(struct vu *vu, const struct plan_node *manager, bool create)
{
    struct ptrvec *caches = &vu->pipe.caches;
    for (size_t i = 0; i < caches->len; i++) {
        struct user_cache *c = caches->items[i];
        if (c->manager == manager)
            return c;
    }
    if (!create)
        return NULL;
    struct user_cache *c = xcalloc(1, sizeof *c);
    c->manager = manager;
    ptrvec_push(caches, c);
    return c;
}

static void entry_free(struct cache_entry *e)
{
    free(e->url);
    free(e->last_modified);
    free(e->etag);
}

static struct cache_entry *find(struct user_cache *c, const char *url)
{
    for (size_t i = c->n; i-- > 0;)
        if (strcmp(c->entries[i].url, url) == 0)
            return &c->entries[i];
    return NULL;
}

static bool property_list_has(struct vu *vu, const char *name, const char *dflt, const char *word)
{
    struct strbuf v;
    strbuf_init(&v);
    if (!props_get(vu->engine->props, name, &v))
        strbuf_adds(&v, dflt);
    bool found = false;
    char *save = NULL;
    for (char *tok = strtok_r(v.s, " ,", &save); tok && !found; tok = strtok_r(NULL, " ,", &save))
        found = strcasecmp(tok, word) == 0;
    strbuf_free(&v);
    return found;
}

enum cache_lookup cache_before(struct vu *vu, const struct plan_node *manager, struct http_request *req)
{
    if (!manager || !req->url || !property_list_has(vu, "cacheable_methods", "GET", req->method))
        return CACHE_MISS;
    struct user_cache *c = cache_of(vu, manager, false);
    struct cache_entry *e = c ? find(c, req->url) : NULL;
    if (!e)
        return CACHE_MISS;
    if (!e->vary && e->expires_ms && e->expires_ms > clock_epoch_ms() && str_ieq(req->method, "GET"))
        return CACHE_FRESH;
    if (e->vary)
        return CACHE_MISS;
    if (e->last_modified)
        http_headers_set(req, "If-Modified-Since", e->last_modified);
    if (e->etag)
        http_headers_set(req, "If-None-Match", e->etag);
    return CACHE_CONDITIONAL;
}

static char *response_header(const struct sample *s, const char *name)
{
    /* the last occurrence, as HttpClient's getLastHeader */
    char *found = NULL;
    size_t n = strlen(name);
    const char *p = s->response_headers.s;
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *v = p + n + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            free(found);
            found = xstrndup(v, (size_t)(p + len - v));
        }
        p = eol ? eol + 1 : NULL;
    }
    return found;
}

static int64_t http_date_ms(const char *text)
{
    time_t t = text ? curl_getdate(text, NULL) : -1;
    return t < 0 ? -1 : (int64_t)t * 1000;
}

static int64_t fresh_until(const char *last_modified, const char *cache_control, const char *expires,
                           const char *date)
{
    int64_t until = 0;
    if (expires) {
        int64_t e = http_date_ms(expires);
        until = e < 0 ? 1 : e;   /* an invalid date means already expired */
    }
    if (!cache_control || !strstr(cache_control, "no-cache")) {
        const char *max_age = cache_control ? strstr(cache_control, "max-age=") : NULL;
        if (max_age) {
            long long secs = strtoll(max_age + 8, NULL, 10);
            until = clock_epoch_ms() + secs * 1000;
        } else if (!expires) {
            int64_t d = http_date_ms(date), lm = http_date_ms(last_modified);
            if (last_modified && date && d >= 0 && lm >= 0)
                until = clock_epoch_ms() + (d - lm) / 10;
            else
                until = clock_epoch_ms() + ONE_YEAR_MS;
        }
    }
    return until;
}

static long long max_size(const struct plan_node *manager)
{
    const struct plan_cache_manager *cm = manager->data;
    return cm->max_size > 0 ? cm->max_size : 5000;
}

void cache_after(struct vu *vu, const struct plan_node *manager, const struct sample *s)
{
    if (!manager || !s->url || !s->method || !property_list_has(vu, "cacheable_methods", "GET", s->method))
        return;
    int code = s->response_code ? atoi(s->response_code) : 0;
    if (!((code >= 200 && code <= 299) || code == 304))
        return;
    char *vary = response_header(s, "Vary");
    if (vary && str_eq(vary, "*")) {
        free(vary);
        return;
    }
    char *last_modified = response_header(s, "Last-Modified");
    char *expires = response_header(s, "Expires");
    char *etag = response_header(s, "ETag");
    char *cache_control = response_header(s, "Cache-Control");
    char *date = response_header(s, "Date");
    const struct plan_cache_manager *cm = manager->data;
    bool store = last_modified || expires || etag || cache_control;
    if (store && cm->use_expires && cache_control && strstr(cache_control, "no-store"))
        store = false;
    if (store) {
        struct user_cache *c = cache_of(vu, manager, true);
        struct cache_entry *existing = find(c, s->url);
        if (!existing || vary) {
            if (existing) {
                entry_free(existing);
                memmove(existing, existing + 1, (size_t)(c->entries + c->n - existing - 1) * sizeof *existing);
                c->n--;
            }
            if ((long long)c->n >= max_size(manager)) {
                entry_free(&c->entries[0]);
                memmove(c->entries, c->entries + 1, (c->n - 1) * sizeof *c->entries);
                c->n--;
            }
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 16;
                c->entries = xrealloc(c->entries, c->cap * sizeof *c->entries);
            }
            struct cache_entry *e = &c->entries[c->n++];
            e->url = xstrdup(s->url);
            e->last_modified = last_modified ? xstrdup(last_modified) : NULL;
            e->etag = etag ? xstrdup(etag) : NULL;
            e->expires_ms = cm->use_expires ? fresh_until(last_modified, cache_control, expires, date) : 0;
            e->vary = vary != NULL;
        }
    }
    free(vary);
    free(last_modified);
    free(expires);
    free(etag);
    free(cache_control);
    free(date);
}

struct sample *cache_hit_sample(struct vu *vu, const struct http_request *req, const char *label)
{
    struct strbuf mode;
    strbuf_init(&mode);
    if (!props_get(vu->engine->props, "cache_manager.cached_resource_mode", &mode))
        strbuf_adds(&mode, "RETURN_NO_SAMPLE");
    struct sample *s = NULL;
    if (str_eq(mode.s, "RETURN_200_CACHE") || str_eq(mode.s, "RETURN_CUSTOM_STATUS")) {
        s = sample_new();
        s->label = xstrdup(label);
        s->start_ms = s->end_ms = run_now_ms(vu->engine);
        s->url = xstrdup(req->url);
        s->method = xstrdup(req->method);
        s->data_type = "text";
        if (str_eq(mode.s, "RETURN_200_CACHE")) {
            s->response_code = xstrdup("200");
            s->response_message = xstrdup("(ex cache)");
        } else {
            s->response_code = props_get_dup(vu->engine->props, "RETURN_CUSTOM_STATUS.code");
            s->response_message = props_get_dup(vu->engine->props, "RETURN_CUSTOM_STATUS.message");
            if (!s->response_code)
                s->response_code = xstrdup("");
            if (!s->response_message)
                s->response_message = xstrdup("");
        }
    }
    strbuf_free(&mode);
    return s;
}

static void clear(struct user_cache *c)
{
    for (size_t i = 0; i < c->n; i++)
        entry_free(&c->entries[i]);
    c->n = 0;
}

void cache_iteration_start(struct vu *vu, bool same_user)
{
    struct ptrvec *caches = &vu->pipe.caches;
    for (size_t i = 0; i < caches->len; i++) {
        struct user_cache *c = caches->items[i];
        const struct plan_cache_manager *cm = c->manager->data;
        if (cm->controlled_by_thread ? !same_user : cm->clear_each_iteration)
            clear(c);
    }
}

void cache_free_user(struct vu *vu)
{
    struct ptrvec *caches = &vu->pipe.caches;
    for (size_t i = 0; i < caches->len; i++) {
        struct user_cache *c = caches->items[i];
        clear(c);
        free(c->entries);
        free(c);
    }
    ptrvec_free(caches);
}
