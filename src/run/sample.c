/* sample.c - sample results: creation, sub-samples, assertion results. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/sample.h"

struct sample *sample_new(void)
{
    struct sample *s = xcalloc(1, sizeof *s);
    s->success = true;
    s->data_type = "";
    s->sample_count = 1;
    strbuf_init(&s->response_headers);
    strbuf_init(&s->request_headers);
    strbuf_init(&s->request_data);
    strbuf_init(&s->body);
    return s;
}

void sample_drop_payload(struct sample *s)
{
    strbuf_free(&s->response_headers);
    strbuf_free(&s->request_headers);
    strbuf_free(&s->request_data);
    strbuf_free(&s->body);
    for (size_t i = 0; i < s->n_subs; i++)
        sample_drop_payload(s->subs[i]);
}

void sample_free(struct sample *s)
{
    if (!s)
        return;
    if (s->packed) {
        free(s);
        return;
    }
    sample_drop_payload(s);
    free(s->label);
    free(s->response_code);
    free(s->response_message);
    free(s->url);
    free(s->method);
    free(s->content_type);
    free(s->encoding);
    for (size_t i = 0; i < s->n_assertions; i++) {
        free(s->assertions[i].name);
        free(s->assertions[i].message);
    }
    free(s->assertions);
    for (size_t i = 0; i < s->n_subs; i++)
        sample_free(s->subs[i]);
    free(s->subs);
    free(s);
}

static size_t text_size(const char *t)
{
    return t ? strlen(t) + 1 : 0;
}

/* Copies t to *at and moves *at on; NULL stays NULL. */
static char *text_copy(const char *t, char **at)
{
    if (!t)
        return NULL;
    size_t n = strlen(t) + 1;
    char *copy = memcpy(*at, t, n);
    *at += n;
    return copy;
}

struct sample *sample_pack(const struct sample *s)
{
    if (s->n_subs || s->response_headers.cap || s->request_headers.cap || s->request_data.cap ||
        s->body.cap)
        return NULL;
    size_t size = sizeof *s + s->n_assertions * sizeof *s->assertions;
    size += text_size(s->label) + text_size(s->response_code) + text_size(s->response_message) +
            text_size(s->url) + text_size(s->method) + text_size(s->content_type) +
            text_size(s->encoding);
    for (size_t i = 0; i < s->n_assertions; i++)
        size += text_size(s->assertions[i].name) + text_size(s->assertions[i].message);
    struct sample *p = xmalloc(size);
    *p = *s;   /* numbers, flags, static texts and the empty payload buffers */
    p->packed = true;
    p->subs = NULL;
    struct assertion_result *a = (struct assertion_result *)(p + 1);
    char *at = (char *)(a + s->n_assertions);
    p->assertions = s->n_assertions ? a : NULL;
    for (size_t i = 0; i < s->n_assertions; i++) {
        a[i] = s->assertions[i];
        a[i].name = text_copy(s->assertions[i].name, &at);
        a[i].message = text_copy(s->assertions[i].message, &at);
    }
    p->label = text_copy(s->label, &at);
    p->response_code = text_copy(s->response_code, &at);
    p->response_message = text_copy(s->response_message, &at);
    p->url = text_copy(s->url, &at);
    p->method = text_copy(s->method, &at);
    p->content_type = text_copy(s->content_type, &at);
    p->encoding = text_copy(s->encoding, &at);
    return p;
}

void sample_set_label(struct sample *s, const char *label)
{
    free(s->label);
    s->label = xstrdup(label ? label : "");
}

void sample_add_sub(struct sample *parent, struct sample *sub)
{
    parent->subs = xrealloc(parent->subs, (parent->n_subs + 1) * sizeof(*parent->subs));
    parent->subs[parent->n_subs++] = sub;
}

void sample_add_assertion(struct sample *s, const char *name, bool failure, bool error,
                          const char *message)
{
    s->assertions = xrealloc(s->assertions, (s->n_assertions + 1) * sizeof(*s->assertions));
    struct assertion_result *a = &s->assertions[s->n_assertions++];
    a->name = xstrdup(name ? name : "");
    a->failure = failure;
    a->error = error;
    a->message = message ? xstrdup(message) : NULL;
    if (failure || error) {
        s->success = false;
        s->error_count = 1;
    }
}

const char *sample_failure_message(const struct sample *s)
{
    for (size_t i = 0; i < s->n_assertions; i++)
        if (s->assertions[i].message)
            return s->assertions[i].message;
    return "";
}

void sample_set_non_http_error(struct sample *s, const char *exception_class, const char *message)
{
    free(s->response_code);
    free(s->response_message);
    s->response_code = xasprintf("Non HTTP response code: %s", exception_class);
    s->response_message = xasprintf("Non HTTP response message: %s", message);
    s->success = false;
    s->error_count = 1;
    s->data_type = "text";
    s->latency_ms = 0;
}

const char *sample_data_type_for(const char *content_type)
{
    if (!content_type)
        return "";
    static const char *const text_exceptions[] = {
        "image/svg+xml", "audio/x-mpegurl", "audio/mpegurl", "video/f4m",
    };
    for (size_t i = 0; i < ARRAY_LEN(text_exceptions); i++)
        if (strncasecmp(content_type, text_exceptions[i], strlen(text_exceptions[i])) == 0)
            return "text";
    if (strncasecmp(content_type, "image/", 6) == 0 || strncasecmp(content_type, "audio/", 6) == 0 ||
        strncasecmp(content_type, "video/", 6) == 0)
        return "bin";
    return "text";
}
