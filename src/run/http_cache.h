/* http_cache.h - the HTTP Cache Manager per user (http_cache.c, digest §6.4). */
#ifndef JMX2RUN_RUN_HTTP_CACHE_H
#define JMX2RUN_RUN_HTTP_CACHE_H

#include "jmx2run/http_request.h"
#include "run.h"

enum cache_lookup {
    CACHE_MISS,          /* send the request as built */
    CACHE_CONDITIONAL,   /* send it with If-Modified-Since / If-None-Match added */
    CACHE_FRESH,         /* send nothing: the resource is fresh in the cache */
};

/* Before a request: what the cache says for it (GET only, per cacheable_methods).
 * CONDITIONAL adds the validators to req's headers. */
enum cache_lookup cache_before(struct vu *vu, const struct plan_node *manager,
                               struct http_request *req);
/* After a response: remembers its validators and freshness when cacheable. */
void cache_after(struct vu *vu, const struct plan_node *manager, const struct sample *s);
/* The sample JMeter records for a fresh hit (cache_manager.cached_resource_mode):
 * NULL for RETURN_NO_SAMPLE (the default). */
struct sample *cache_hit_sample(struct vu *vu, const struct http_request *req, const char *label);
/* Thread group iteration start: clearEachIteration / controlledByThread. */
void cache_iteration_start(struct vu *vu, bool same_user);
void cache_free_user(struct vu *vu);

#endif
