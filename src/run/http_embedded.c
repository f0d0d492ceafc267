/* http_embedded.c - "Retrieve All Embedded Resources" (HTTPSamplerBase's
 * downloadPageResources): after a successful text page, the URLs its parser
 * finds (embedded.c) are fetched with the sampler's settings, one at a time
 * or concurrentPool at a time, and recorded as one container sample whose
 * sub-samples are the page and then each resource, in the page's order, each
 * renamed "<label>-<n>". Resources that are pages themselves (frames, style
 * sheets) get their own resources, down to EMBEDDED_MAX_FRAME_DEPTH. A failed
 * resource fails the container with JMeter's "Embedded resource download
 * error:" message. */
#include <stdlib.h>
#include <string.h>
#include "http_embedded.h"
#include "jmx2run/http_request.h"
#include "transaction.h"

struct page_fetch {
    struct vu *vu;
    struct sample *container;
    struct embedded_list list;
    struct sample **results;     /* one per list item, NULL until done */
    size_t next;                 /* next item to start */
    size_t running, finished;
    size_t pool;                 /* downloads at a time (1 = one after another) */
    bool starting;               /* start_more() is running: a resource that
                                    completes at once (from the cache) only
                                    counts itself, the loop goes on */
    int frame_depth;             /* of the page */
    transfer_done_fn done;
    void *owner;
};

struct resource_slot {
    struct page_fetch *fetch;
    size_t index;
};

/* SampleResult.addSubResult: end time, bytes, sent bytes; then the rename. */
static void add_sub(struct sample *parent, struct sample *sub)
{
    if (sub->end_ms > parent->end_ms)
        parent->end_ms = sub->end_ms;
    parent->bytes += sub->bytes;
    parent->sent_bytes += sub->sent_bytes;
    free(sub->label);
    sub->label = xasprintf("%s-%zu", parent->label, parent->n_subs);
    sample_add_sub(parent, sub);
}

static struct sample *copy_page(const struct sample *page)
{
    struct sample *c = sample_new();
    c->label = xstrdup(page->label);
    c->start_ms = page->start_ms;
    c->end_ms = page->end_ms;
    c->latency_ms = page->latency_ms;
    c->connect_ms = page->connect_ms;
    c->bytes = page->bytes;
    c->sent_bytes = page->sent_bytes;
    c->response_code = xstrdup(page->response_code ? page->response_code : "");
    c->response_message = xstrdup(page->response_message ? page->response_message : "");
    c->success = page->success;
    c->error_count = page->error_count;
    c->data_type = page->data_type;
    c->url = page->url ? xstrdup(page->url) : NULL;
    c->method = page->method ? xstrdup(page->method) : NULL;
    c->content_type = page->content_type ? xstrdup(page->content_type) : NULL;
    c->encoding = xstrdup(page->encoding ? page->encoding : "");
    strbuf_addn(&c->response_headers, page->response_headers.s, page->response_headers.len);
    strbuf_addn(&c->request_headers, page->request_headers.s, page->request_headers.len);
    strbuf_addn(&c->request_data, page->request_data.s, page->request_data.len);
    strbuf_addn(&c->body, page->body.s, page->body.len);
    c->body_size = page->body_size;
    return c;
}

static struct sample *error_sample(const struct sample *like, const char *cls, const char *msg)
{
    struct sample *e = sample_new();
    e->label = xstrdup(like->label);
    e->start_ms = e->end_ms = like->end_ms;
    e->url = like->url ? xstrdup(like->url) : NULL;
    sample_set_non_http_error(e, cls, msg);
    return e;
}

/* HTTPSamplerBase.setParentSampleSuccess */
static void set_parent_success(struct sample *c, bool ok)
{
    c->success = ok;
    c->error_count = ok ? 0 : 1;
    if (ok)
        return;
    struct strbuf msg;
    strbuf_init(&msg);
    strbuf_adds(&msg, "Embedded resource download error:");
    for (size_t i = 0; i < c->n_subs; i++) {
        const struct sample *s = c->subs[i];
        if (!s->success)
            strbuf_addf(&msg, "%s code:%s message:%s, ", s->url ? s->url : "null",
                        s->response_code ? s->response_code : "",
                        s->response_message ? s->response_message : "");
    }
    free(c->response_message);
    c->response_message = strbuf_detach(&msg);
}

static void start_more(struct page_fetch *f);

static void fetch_finished(struct page_fetch *f)
{
    struct sample *c = f->container;
    bool ok = c->success;
    for (size_t i = 0; i < f->list.n; i++) {
        struct sample *r = f->results[i];
        if (!r)
            continue;
        add_sub(c, r);
        ok = ok && r->success;
    }
    c->elapsed_ms = c->end_ms - c->start_ms;
    if (!ok)
        set_parent_success(c, false);
    transfer_done_fn done = f->done;
    void *owner = f->owner;
    struct vu *vu = f->vu;
    embedded_list_free(&f->list);
    free(f->results);
    free(f);
    done(vu, owner, c);
}

static void resource_page_done(struct vu *vu, void *owner, struct sample *s)
{
    struct resource_slot *slot = owner;
    struct page_fetch *f = slot->fetch;
    f->results[slot->index] = s;
    free(slot);
    f->running--;
    f->finished++;
    if (!f->starting)
        start_more(f);
}

/* A resource arrived: if it is a page itself, fetch its resources first. */
static void resource_done(struct vu *vu, void *owner, struct sample *s)
{
    struct resource_slot *slot = owner;
    embedded_fetch(vu, s, slot->fetch->frame_depth + 1, resource_page_done, slot);
}

static void start_more(struct page_fetch *f)
{
    f->starting = true;
    while (f->next < f->list.n && f->running < f->pool) {
        size_t i = f->next++;
        const struct embedded_resource *r = &f->list.items[i];
        if (!r->url) {
            /* JMeter records the URL it could not use as an error sub-result */
            f->results[i] = error_sample(f->container, r->error_class ? r->error_class : "java.net.MalformedURLException",
                                         r->error_message ? r->error_message : "");
            f->finished++;
            continue;
        }
        struct resource_slot *slot = xcalloc(1, sizeof *slot);
        slot->fetch = f;
        slot->index = i;
        f->running++;
        transport_fetch_resource(f->vu, r->url, f->frame_depth + 1, resource_done, slot);
    }
    f->starting = false;
    if (f->running == 0 && f->finished == f->list.n)
        fetch_finished(f);
}

static size_t pool_size(struct vu *vu, const struct plan_http_sampler *h)
{
    if (!h->concurrent_download)
        return 1;
    char *s = tmpl_eval_dup(h->concurrent_pool, &vu->ctx);
    long long n;
    size_t pool = str_parse_ll(s, &n) && n > 0 ? (size_t)n : 6;
    free(s);
    return pool;
}

void embedded_fetch(struct vu *vu, struct sample *page, int frame_depth, transfer_done_fn done,
                    void *owner)
{
    const struct plan_http_sampler *h = vu->sampler->data;
    if (!page || !page->success || !str_eq(page->data_type, "text") ||
        embedded_parser_for(page->content_type) == EMBEDDED_NONE) {
        done(vu, owner, page);
        return;
    }
    if (frame_depth > EMBEDDED_MAX_FRAME_DEPTH) {
        struct sample *err = error_sample(page, "java.lang.Exception",
                                          "Maximum frame/iframe nesting depth exceeded.");
        add_sub(page, err);
        done(vu, owner, page);
        return;
    }
    struct page_fetch *f = xcalloc(1, sizeof *f);
    f->vu = vu;
    f->frame_depth = frame_depth;
    f->done = done;
    f->owner = owner;
    char *allow = tmpl_eval_dup(h->embedded_url_re, &vu->ctx);
    char *exclude = tmpl_eval_dup(h->embedded_url_exclude_re, &vu->ctx);
    embedded_extract(page->body.s, page->body.len, page->content_type, page->encoding,
                     page->url ? page->url : "", allow, exclude, &f->list);
    free(allow);
    free(exclude);
    if (f->list.n == 0) {
        embedded_list_free(&f->list);
        free(f);
        done(vu, owner, page);
        return;
    }
    if (page->n_subs) {
        /* a followed redirect: its container already holds the hops; the
         * resources are added after them */
        f->container = page;
    } else {
        /* the container starts as a copy of the page; the page itself is added
         * "raw" (renamed, its bytes not counted twice) */
        f->container = copy_page(page);
        free(page->label);
        page->label = xasprintf("%s-%zu", f->container->label, f->container->n_subs);
        sample_add_sub(f->container, page);
    }
    f->results = xcalloc(f->list.n, sizeof(struct sample *));
    f->pool = pool_size(vu, h);
    start_more(f);
}
