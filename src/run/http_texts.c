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

bool http_texts_needed(struct vu *vu, bool with_cookies)
{
    if (results_keep_payload(vu->engine) || vu->sampler_ts)
        return true;
    const struct plan_scope *s = vu->sampler->scope;
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
    if (with_cookies) {
        char *save = props_get_dup(vu->engine->props, "CookieManager.save.cookies");
        bool on = str_to_bool_jmeter(save);
        free(save);
        return on;
    }
    return false;
}
