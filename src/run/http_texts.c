/* http_texts.c - whether anything reads an HTTP sample's texts (issue 3).
 *
 * JMeter records three texts with every HTTP sample: the request headers, the
 * sampler data ("GET url ... [no cookies]") and the response headers. Most
 * runs never look at them: the default CSV results file has no column for
 * them and results_submit drops them. Building them costs a few allocations
 * and copies per request, so the transport builds them only when one of
 * their readers may run:
 *   - the results file saves them (XML with those fields, functional mode);
 *   - a post-processor or an assertion in the sampler's scope reads headers
 *     or sampler data (Regular Expression and Boundary extractors on
 *     headers, Response Assertions on headers or sampler data, Size
 *     Assertions, which count the header lines; kinds not known here are
 *     assumed to read them);
 *   - a parent-mode Transaction Controller wraps the sampler (its assertions
 *     read the children);
 *   - the HTTP Cache Manager (it reads the validators in the response
 *     headers) or the Cookie Manager with CookieManager.save.cookies (it
 *     reads Set-Cookie headers).
 * Everything else about a sample (code, message, sizes, times, the body when
 * kept) is recorded either way. */
#include <stdlib.h>
#include "http_cookies.h"
#include "run.h"

static bool reads_texts(const struct plan_node *n)
{
    if (!n->data)
        return true;
    switch (n->kind) {
    case PK_REGEX_EXTRACTOR: {
        enum extract_field f = ((const struct plan_regex_extractor *)n->data)->field;
        return f == FIELD_RESPONSE_HEADERS || f == FIELD_REQUEST_HEADERS;
    }
    case PK_BOUNDARY_EXTRACTOR: {
        enum extract_field f = ((const struct plan_boundary_extractor *)n->data)->field;
        return f == FIELD_RESPONSE_HEADERS || f == FIELD_REQUEST_HEADERS;
    }
    case PK_RESPONSE_ASSERTION: {
        enum assert_field f = ((const struct plan_response_assertion *)n->data)->field;
        return f == ASSERT_FIELD_RESPONSE_HEADERS || f == ASSERT_FIELD_REQUEST_HEADERS ||
               f == ASSERT_FIELD_REQUEST_DATA;
    }
    case PK_JSON_EXTRACTOR:
    case PK_XPATH_EXTRACTOR:
    case PK_CSS_EXTRACTOR:
    case PK_DURATION_ASSERTION:
    case PK_JSON_ASSERTION:
    case PK_XPATH_ASSERTION:
        return false;   /* the body, a variable or the time */
    default:
        return true;    /* the Size Assertion, and anything not listed */
    }
}

/* What a sampler's scope reads, decided once per run rather than per request:
 * the scope is fixed by the plan, and JMeter reads CookieManager.save.cookies
 * once (the engine keeps it in save_cookies). */
static bool scope_reads_texts(const struct engine *e, const struct plan_scope *s)
{
    if (!s)
        return false;
    if (s->cache_manager)
        return true;
    for (size_t i = 0; i < s->n_post; i++)
        if (reads_texts(s->post[i]))
            return true;
    for (size_t i = 0; i < s->n_assertions; i++)
        if (reads_texts(s->assertions[i]))
            return true;
    return e->save_cookies && cookies_in_scope(s);
}

void http_texts_plan(struct engine *e)
{
    const struct plan *plan = e->plan;
    e->texts_read = xcalloc(plan->n_nodes ? plan->n_nodes : 1, sizeof *e->texts_read);
    for (size_t i = 0; i < plan->n_nodes; i++)
        e->texts_read[i] = scope_reads_texts(e, plan->nodes[i]->scope);
}

bool http_texts_needed(const struct vu *vu)
{
    const struct engine *e = vu->engine;
    unsigned id = vu->sampler->id;
    return results_keep_payload(e) || vu->sampler_ts || id >= e->plan->n_nodes ||
           e->texts_read[id];
}
