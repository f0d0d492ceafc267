/* http_request_cache.h - requests built once per worker (issue 3).
 *
 * Most samplers send the same request every time: their templates are plain
 * text or read properties (${__P(host,...)}), never a user's variable, a
 * counter or the clock. For them http_request_build() would evaluate and
 * assemble the same request on every sample. Each worker keeps one built
 * copy per such sampler instead, with what the transport derives from it
 * (libcurl's header list, JMeter's request texts), and hands it out by
 * reference. The copy is rebuilt when a property changes (props_generation),
 * as ${__P} would then give another value.
 *
 * Nothing here is shared between threads: the worker that built a copy is the
 * only one that reads it, so the reference count is a plain int. A copy stays
 * alive while a transfer holds it, even after a newer one replaced it. */
#ifndef JMX2RUN_RUN_HTTP_REQUEST_CACHE_H
#define JMX2RUN_RUN_HTTP_REQUEST_CACHE_H

#include "jmx2run/http_request.h"
#include "run.h"

struct curl_slist;
struct Curl_URL;

struct shared_request {
    struct http_request req;          /* what http_request_build() made; read-only */
    struct curl_slist *headers;       /* CURLOPT_HTTPHEADER: http_request_header_lines() */
    struct Curl_URL *url;             /* CURLOPT_CURLU: req.wire_url parsed once, as libcurl
                                         parses a CURLOPT_URL (NULL: it does not parse; the
                                         transport gives libcurl the text, which fails alike) */
    struct strbuf headers_text;       /* http_request_headers_text() */
    struct strbuf sampler_data;       /* http_request_sampler_data() without cookies */
    uint64_t serial;                  /* unique in the worker, never reused: what an easy
                                         handle was last configured for (http_transport.c) */
    uint64_t props_generation;        /* props_generation() before the build */
    int refs;                         /* the cache's own while current, plus one per user */
};

/* The worker's built request for the user's current sampler (vu->sampler),
 * built now when it has none or a property changed since; the caller owns a
 * reference. NULL when the sampler's request depends on the user or the
 * moment (a variable, another function, files, a random multipart boundary,
 * a Cache Manager that edits it): build it for each sample then. */
struct shared_request *shared_request_get(struct vu *vu, const struct http_request_options *opt);
/* Drops a reference from shared_request_get. */
void shared_request_release(struct shared_request *sr);
/* Frees the worker's cache (the transfers are gone). */
void shared_requests_free(struct worker *w);

#endif
