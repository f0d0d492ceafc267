/* http_request_cache.c - requests built once per worker (see
 * http_request_cache.h). */
#include <curl/curl.h>
#include <stdlib.h>
#include "http_request_cache.h"

enum constness { UNKNOWN, VARYING, CONSTANT };

struct cache_slot {
    enum constness kind;              /* decided at the sampler's first request */
    struct shared_request *current;   /* for the current properties, or NULL */
};

struct request_cache {
    struct cache_slot *slots;         /* by plan_node.id */
    size_t n_slots;
    uint64_t next_serial;
};

/* ----------------------------------------------------- which samplers */

static bool all_props_only(const struct tmpl *const *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!tmpl_props_only(t[i]))
            return false;
    return true;
}

/* Whether every input of http_request_build() for this sampler is the same
 * for all users at all times, properties aside: its own fields, its
 * arguments, the Header and Authorization Managers in scope. Files are read
 * (and may change or vanish) at each request and a multipart body gets a new
 * random boundary each time; a Cache Manager adds the user's validators to
 * the request. */
static bool sampler_is_constant(const struct plan_node *sampler)
{
    const struct plan_http_sampler *h = sampler->data;
    const struct plan_scope *sc = sampler->scope;
    if (!h || h->n_files || h->do_multipart)
        return false;
    if (sc && sc->cache_manager)
        return false;
    const struct tmpl *fields[] = {
        h->path, h->domain, h->protocol, h->method, h->content_encoding, h->port,
        h->connect_timeout, h->response_timeout, h->embedded_url_re, h->embedded_url_exclude_re,
        h->concurrent_pool, h->ip_source, h->proxy_scheme, h->proxy_host, h->proxy_port,
        h->proxy_user, h->proxy_pass,
    };
    if (!all_props_only(fields, ARRAY_LEN(fields)))
        return false;
    for (size_t i = 0; i < h->n_args; i++) {
        const struct tmpl *a[] = {h->args[i].name, h->args[i].value, h->args[i].content_type};
        if (!all_props_only(a, ARRAY_LEN(a)))
            return false;
    }
    for (size_t i = 0; sc && i < sc->n_headers; i++) {
        const struct tmpl *a[] = {sc->headers[i].name, sc->headers[i].value};
        if (!all_props_only(a, ARRAY_LEN(a)))
            return false;
    }
    const struct plan_auth_manager *am =
        sc && sc->auth_manager ? sc->auth_manager->data : NULL;
    for (size_t i = 0; am && i < am->n_entries; i++) {
        const struct plan_auth_entry *e = &am->entries[i];
        const struct tmpl *a[] = {e->url, e->username, e->password, e->domain, e->realm};
        if (!all_props_only(a, ARRAY_LEN(a)))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------ the copies */

static struct shared_request *build(struct vu *vu, const struct http_request_options *opt,
                                    uint64_t generation, uint64_t serial)
{
    const struct plan_http_sampler *h = vu->sampler->data;
    struct shared_request *sr = xcalloc(1, sizeof *sr);
    sr->serial = serial;
    sr->props_generation = generation;
    http_request_build(h, vu->sampler->scope, &vu->ctx, opt, &sr->req);
    strbuf_init(&sr->headers_text);
    strbuf_init(&sr->sampler_data);
    if (!sr->req.error_class) {
        /* what the transport would derive from the request for each sample */
        char **lines = http_request_header_lines(&sr->req, NULL);
        for (char **l = lines; l && *l; l++)
            sr->headers = curl_slist_append(sr->headers, *l);
        http_header_lines_free(lines);
        http_request_headers_text(&sr->req, &sr->headers_text);
        http_request_sampler_data(&sr->req, NULL, &sr->sampler_data);
        /* With CURLOPT_URL libcurl parses the URL and prints it back for every
         * transfer, about a seventh of its work on a small keep-alive GET; a
         * CURLU handle is only copied. The flags are those libcurl itself uses
         * for CURLOPT_URL (with CURLOPT_PATH_AS_IS, which the transport sets). */
        if (sr->req.wire_url) {
            sr->url = curl_url();
            if (sr->url && curl_url_set(sr->url, CURLUPART_URL, sr->req.wire_url,
                                        CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME |
                                            CURLU_PATH_AS_IS) != CURLUE_OK) {
                curl_url_cleanup(sr->url);
                sr->url = NULL;
            }
        }
    }
    return sr;
}

void shared_request_release(struct shared_request *sr)
{
    if (!sr || --sr->refs > 0)
        return;
    http_request_free(&sr->req);
    curl_slist_free_all(sr->headers);
    curl_url_cleanup(sr->url);
    strbuf_free(&sr->headers_text);
    strbuf_free(&sr->sampler_data);
    free(sr);
}

struct shared_request *shared_request_get(struct vu *vu, const struct http_request_options *opt)
{
    struct worker *w = vu->worker;
    struct request_cache *rc = w->request_cache;
    if (!rc) {
        rc = xcalloc(1, sizeof *rc);
        rc->n_slots = vu->engine->plan->n_nodes;
        rc->slots = xcalloc(rc->n_slots ? rc->n_slots : 1, sizeof *rc->slots);
        w->request_cache = rc;
    }
    unsigned id = vu->sampler->id;
    if (id >= rc->n_slots)
        return NULL;
    struct cache_slot *slot = &rc->slots[id];
    if (slot->kind == UNKNOWN)
        slot->kind = sampler_is_constant(vu->sampler) ? CONSTANT : VARYING;
    if (slot->kind != CONSTANT)
        return NULL;
    /* read before building: a change during the build shows at the next request */
    uint64_t generation = props_generation(vu->engine->props);
    if (!slot->current || slot->current->props_generation != generation) {
        shared_request_release(slot->current);   /* transfers may still hold it */
        slot->current = build(vu, opt, generation, ++rc->next_serial);
        slot->current->refs = 1;
    }
    slot->current->refs++;
    return slot->current;
}

void shared_requests_free(struct worker *w)
{
    struct request_cache *rc = w->request_cache;
    if (!rc)
        return;
    for (size_t i = 0; i < rc->n_slots; i++)
        shared_request_release(rc->slots[i].current);
    free(rc->slots);
    free(rc);
    w->request_cache = NULL;
}
