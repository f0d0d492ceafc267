/* http_transport.c - HTTP Request samplers on libcurl's multi-socket API.
 *
 * Each worker owns one CURLM driven from its event loop: libcurl tells us
 * which sockets to watch (socket callback) and when to call it back (timer
 * callback), and we feed it readiness with curl_multi_socket_action. A
 * request is an easy handle from the worker's pool, configured from the
 * request http_request_build() worked out (what JMeter would send), with the
 * user's cookie jar attached. When it completes, the sample gets JMeter's
 * measurements (digest §5.7); "follow redirects" hops are re-issued here and
 * recorded as sub-samples (§5.5); transport failures become JMeter's
 * "Non HTTP response" samples (§5.8). */
#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "http_cache.h"
#include "http_cookies.h"
#include "http_embedded.h"
#include "http_request_cache.h"
#include "jmx2run/http_proxy.h"
#include "jmx2run/http_request.h"
#include "jmx2run/postprocess.h"
#include "pipeline.h"
#include "transaction.h"

/* Bytes of a body kept for what reads it (extractors, assertions, the embedded
 * resource parser). Beyond that, and for every body nothing reads, bytes are
 * only counted. JMeter keeps everything unless
 * httpsampler.max_bytes_to_store_per_request is set; that property, when set
 * above 0, replaces this default. */
#define BODY_KEEP_LIMIT (16u * 1024u * 1024u)

typedef void (*transfer_done_fn)(struct vu *vu, void *owner, struct sample *s);

struct transfer {
    struct vu *vu;
    struct worker *worker;
    struct transfer *next_in_vu;  /* the user's exchanges in flight (page + resources) */
    transfer_done_fn on_done;     /* gets the finished sample */
    void *owner;
    int frame_depth;              /* 0 for the sampler's own request */
    bool keep_if_parsable;        /* keep the body only when it is HTML or CSS */
    CURL *easy;
    struct easy_slot *slot;       /* easy's place in the worker's pool */
    struct curl_slist *headers;   /* the header list of a request built for this transfer */
    struct http_request own;      /* the request, when built for this transfer */
    struct shared_request *shared;   /* or the worker's copy of a constant one */
    const struct http_request *req;  /* &own or &shared->req */
    struct sample *hop;           /* the exchange in progress */
    struct sample *container;     /* redirects followed so far (first hop's copy) */
    int redirects;
    int max_redirects;
    bool keep_body;
    bool keep_texts;              /* request and response texts are recorded (http_texts.c) */
    int64_t start_epoch_ms;
    int64_t start_us, first_body_us;   /* monotonic: the exchange started, its first body byte came */
    int64_t last_activity_ms;     /* the last byte came; kept only with a response timeout */
    struct loop_timer read_timer;
    bool timed_out, aborted;
    bool in_body;
    bool with_cookies;            /* the easy handle comes from the cookie pool */
    struct curl_slist *resolve;   /* DNS Cache Manager static hosts for this request */
    struct curl_slist *proxy_headers;   /* the CONNECT request's headers (issue 9) */
    int64_t header_bytes;
    int64_t body_wire_bytes;
    size_t keep_limit;            /* bytes of the body kept at most */
    bool chunked;                 /* the response came with Transfer-Encoding: chunked */
    char *location;
    char errbuf[CURL_ERROR_SIZE]; /* libcurl's text for a failure (tells chunk errors apart) */
};

/* ------------------------------------------------------------ easy handles */

/* Two pools per worker: handles with libcurl's cookie engine on (always used
 * with a user's cookie share) and plain ones (no Cookie Manager in scope: no
 * cookies at all). A handle's CURLOPT_COOKIEFILE is set once: libcurl keeps
 * that list for the handle's life, and curl_easy_reset would lose it without
 * freeing it, so handles are never reset; configure() sets every option it
 * uses instead.
 *
 * Setting some 30 options costs about as much as a tenth of libcurl's own
 * work per request, and for a shared request (http_request_cache.h) they are
 * the same every time. So each handle remembers which shared request it was
 * last configured for (its serial, never reused in the worker; 0 = none, or
 * a request of its own), and configure() sets only the per-transfer options
 * when it is taken again for the same one. The pool is searched for such a
 * handle first. */
struct easy_slot {
    CURL *easy;
    uint64_t configured_for;      /* shared_request.serial; 0 = configure fully */
};

struct easy_pools {
    struct ptrvec plain, cookies;   /* struct easy_slot *, the most recently used last */
};

/* libcurl's connection sockets. When a transfer ends libcurl stops watching
 * its socket, and the next request on that keep-alive connection watches it
 * again: such a socket is parked in the loop rather than removed (loop_park),
 * which saves two epoll_ctl calls per request. The loop keeps only sockets
 * whose closing we see (CURLOPT_CLOSESOCKETFUNCTION, which unwatches them
 * first); any other (a resolver's socket pair) is removed as usual. */
static int on_socket_opened(void *userp, curl_socket_t fd, curlsocktype purpose)
{
    struct worker *w = userp;
    (void)purpose;
    loop_allow_park(w->loop, fd);
    return CURL_SOCKOPT_OK;
}

static int on_socket_close(void *userp, curl_socket_t fd)
{
    struct worker *w = userp;
    loop_unwatch(w->loop, fd);
    return close(fd);
}

static struct easy_slot *easy_take(struct worker *w, bool with_cookies, uint64_t serial)
{
    struct easy_pools *pools = w->easy_pool;
    struct ptrvec *pool = with_cookies ? &pools->cookies : &pools->plain;
    for (size_t i = pool->len; serial && i-- > 0;) {
        struct easy_slot *slot = pool->items[i];
        if (slot->configured_for == serial) {
            pool->items[i] = pool->items[--pool->len];
            return slot;
        }
    }
    if (pool->len)
        return pool->items[--pool->len];
    struct easy_slot *slot = xcalloc(1, sizeof *slot);
    slot->easy = curl_easy_init();
    if (!slot->easy) {
        free(slot);
        return NULL;
    }
    if (with_cookies)
        curl_easy_setopt(slot->easy, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(slot->easy, CURLOPT_SOCKOPTFUNCTION, on_socket_opened);
    curl_easy_setopt(slot->easy, CURLOPT_SOCKOPTDATA, w);
    curl_easy_setopt(slot->easy, CURLOPT_CLOSESOCKETFUNCTION, on_socket_close);
    curl_easy_setopt(slot->easy, CURLOPT_CLOSESOCKETDATA, w);
    return slot;
}

/* Options pointing at memory of the transfer are cleared; those pointing into
 * a shared request stay with a handle configured for it (the serial matches
 * only while the transfer that takes the handle holds that request). */
static void easy_give_back(struct transfer *t)
{
    struct easy_pools *pools = t->worker->easy_pool;
    CURL *easy = t->easy;
    if (t->with_cookies)
        curl_easy_setopt(easy, CURLOPT_SHARE, NULL);   /* the user's jar */
    if (t->resolve)
        curl_easy_setopt(easy, CURLOPT_RESOLVE, NULL);
    if (t->proxy_headers)
        curl_easy_setopt(easy, CURLOPT_PROXYHEADER, NULL);
    if (!t->slot->configured_for) {
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, NULL);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, NULL);
    }
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, NULL);   /* it lives in the transfer */
    ptrvec_push(t->with_cookies ? &pools->cookies : &pools->plain, t->slot);
    t->easy = NULL;
    t->slot = NULL;
}

/* ------------------------------------------------------- the multi handle */

static void check_done(struct worker *w);

static void on_socket_ready(struct loop *loop, int fd, uint32_t events, void *arg)
{
    struct worker *w = arg;
    int flags = 0;
    if (events & (EPOLLIN | EPOLLHUP))
        flags |= CURL_CSELECT_IN;
    if (events & EPOLLOUT)
        flags |= CURL_CSELECT_OUT;
    if (events & EPOLLERR)
        flags |= CURL_CSELECT_ERR;
    int running;
    curl_multi_socket_action(w->multi, fd, flags, &running);
    check_done(w);
}

static int socket_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
    struct worker *w = userp;
    uint32_t ev = 0;
    switch (what) {
    case CURL_POLL_IN: ev = EPOLLIN; break;
    case CURL_POLL_OUT: ev = EPOLLOUT; break;
    case CURL_POLL_INOUT: ev = EPOLLIN | EPOLLOUT; break;
    case CURL_POLL_REMOVE:
        loop_park(w->loop, s);   /* removed unless it is a connection socket */
        return 0;
    default: return 0;
    }
    loop_watch(w->loop, s, ev, on_socket_ready, w);
    return 0;
}

static void on_curl_timer(struct loop *loop, void *arg)
{
    struct worker *w = arg;
    int running;
    curl_multi_socket_action(w->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    check_done(w);
}

static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
    struct worker *w = userp;
    if (timeout_ms < 0)
        loop_timer_cancel(w->loop, &w->curl_timer);
    else
        loop_timer_at_us(w->loop, &w->curl_timer, clock_mono_us() + (int64_t)timeout_ms * 1000);
    return 0;
}

static CURLM *new_multi(struct worker *w)
{
    CURLM *multi = curl_multi_init();
    if (!multi)
        return NULL;
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, w);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, w);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 0L);
    return multi;
}

int transport_init_worker(struct worker *w)
{
    w->multi = new_multi(w);
    if (!w->multi)
        return -1;
    w->easy_pool = xcalloc(1, sizeof(struct easy_pools));
    loop_timer_init(&w->curl_timer, on_curl_timer, w);
    return 0;
}

/* The worker's users all ended: JMeter closes a thread's connections when the
 * thread ends (HTTPHC4Impl.threadFinished); here the users of a worker share
 * one connection cache (the multi handle's), so it is closed when none of
 * them is left, and the descriptors go back to what they were before the
 * thread group. Nothing is in flight then: idle cached connections are not
 * watched by the loop (libcurl removed their sockets when their transfers
 * ended), and the pooled easy handles are not in the multi. A new multi
 * handle takes over for the next group. */
void transport_close_idle_connections(struct worker *w)
{
    for (struct vu *vu = w->users; vu; vu = vu->next_in_worker)
        if (vu->transfer)
            return;
    CURLM *fresh = new_multi(w);
    if (!fresh)
        return;   /* keep the connections rather than fail the next group */
    loop_timer_cancel(w->loop, &w->curl_timer);
    curl_multi_cleanup(w->multi);
    w->multi = fresh;
}

static void transfer_free(struct transfer *t);

void transport_free_worker(struct worker *w)
{
    for (struct vu *vu = w->users; vu; vu = vu->next_in_worker)
        while (vu->transfer) {
            struct transfer *t = vu->transfer;
            vu->transfer = t->next_in_vu;
            curl_multi_remove_handle(w->multi, t->easy);
            transfer_free(t);
        }
    struct easy_pools *pools = w->easy_pool;
    if (pools) {
        struct ptrvec *both[2] = {&pools->plain, &pools->cookies};
        for (int k = 0; k < 2; k++) {
            for (size_t i = 0; i < both[k]->len; i++) {
                struct easy_slot *slot = both[k]->items[i];
                curl_easy_cleanup(slot->easy);
                free(slot);
            }
            ptrvec_free(both[k]);
        }
    }
    free(pools);
    w->easy_pool = NULL;
    loop_timer_cancel(w->loop, &w->curl_timer);
    curl_multi_cleanup(w->multi);   /* closes the cached connections: on_socket_close */
    w->multi = NULL;
    shared_requests_free(w);
}

/* ------------------------------------------------------- per-transfer data */

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    struct transfer *t = userp;
    size_t n = size * nmemb;
    if (t->req->response_timeout_ms > 0)   /* only the read timer looks at it */
        t->last_activity_ms = clock_mono_ms();
    if (!t->first_body_us && n)
        t->first_body_us = clock_mono_us();
    t->body_wire_bytes += (int64_t)n;
    t->hop->body_size += (int64_t)n;
    if (t->keep_body && t->hop->body.len < t->keep_limit) {
        size_t room = t->keep_limit - t->hop->body.len;
        strbuf_addn(&t->hop->body, data, n < room ? n : room);
    }
    return n;
}

static char *header_value(const char *line, size_t len, const char *name)
{
    size_t nl = strlen(name);
    if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
        return NULL;
    const char *v = line + nl + 1;
    const char *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    return xstrndup(v, (size_t)(end - v));
}

static void parse_status_line(struct sample *s, const char *line, size_t len)
{
    /* "HTTP/1.1 200 OK" */
    const char *end = line + len;
    while (end > line && (end[-1] == '\r' || end[-1] == '\n'))
        end--;
    const char *p = memchr(line, ' ', (size_t)(end - line));
    if (!p)
        return;
    p++;
    const char *q = memchr(p, ' ', (size_t)(end - p));
    free(s->response_code);
    free(s->response_message);
    if (q) {
        s->response_code = xstrndup(p, (size_t)(q - p));
        s->response_message = xstrndup(q + 1, (size_t)(end - q - 1));
    } else {
        s->response_code = xstrndup(p, (size_t)(end - p));
        s->response_message = xstrdup("");
    }
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
    struct transfer *t = userp;
    size_t n = size * nmemb;
    struct sample *s = t->hop;
    if (t->req->response_timeout_ms > 0)   /* only the read timer looks at it */
        t->last_activity_ms = clock_mono_ms();
    t->header_bytes += (int64_t)n;
    if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        /* a new response (after a 100 Continue, only the last one counts) */
        strbuf_reset(&s->response_headers);
        free(s->content_type);
        s->content_type = NULL;
        free(t->location);
        t->location = NULL;
        t->chunked = false;
        parse_status_line(s, data, n);
    }
    if (t->keep_texts && (n > 2 || (n == 2 && data[0] != '\r'))) {
        size_t len = n;
        while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
            len--;
        strbuf_addn(&s->response_headers, data, len);
        strbuf_addc(&s->response_headers, '\n');
    }
    /* the few headers the sample needs, told apart by their first letter */
    char *v;
    switch (n ? data[0] | 0x20 : 0) {
    case 'c':
        if ((v = header_value(data, n, "Content-Type"))) {
            free(s->content_type);
            s->content_type = v;
            if (t->keep_if_parsable)
                t->keep_body = embedded_parser_for(v) != EMBEDDED_NONE;
        }
        break;
    case 'l':
        if ((v = header_value(data, n, "Location"))) {
            free(t->location);
            t->location = v;
        }
        break;
    case 't':
        if ((v = header_value(data, n, "Transfer-Encoding"))) {
            t->chunked = strcasestr(v, "chunked") != NULL;
            free(v);
        }
        break;
    }
    return n;
}

static void charset_from_content_type(struct sample *s)
{
    free(s->encoding);
    s->encoding = xstrdup("");
    if (!s->content_type)
        return;
    const char *cs = strcasestr(s->content_type, "charset=");
    if (!cs)
        return;
    cs += 8;
    if (*cs == '"')
        cs++;
    size_t n = strcspn(cs, "\";, ");
    free(s->encoding);
    s->encoding = xstrndup(cs, n);
}

/* ------------------------------------------------------ starting a request */

static void transfer_free(struct transfer *t)
{
    if (!t)
        return;
    loop_timer_cancel(t->worker->loop, &t->read_timer);
    if (t->easy)
        easy_give_back(t);
    curl_slist_free_all(t->headers);
    curl_slist_free_all(t->resolve);
    curl_slist_free_all(t->proxy_headers);
    http_request_free(&t->own);
    shared_request_release(t->shared);
    sample_free(t->hop);
    sample_free(t->container);
    free(t->location);
    free(t);
}

static void on_read_timer(struct loop *loop, void *arg);
static void complete(struct transfer *t, CURLcode code);

static struct http_request_options request_options(struct vu *vu)
{
    struct http_request_options o = {.base_dir = vu->engine->plan->dir,
                                     .proxy = vu->engine->opts->proxy};
    return o;
}

/* Whether a post-processor or an assertion reads the response body (rather
 * than headers, code, URL, sizes or times). Unknown kinds are assumed to. */
static bool reads_body(const struct plan_node *n)
{
    switch (n->kind) {
    case PK_REGEX_EXTRACTOR: {
        enum extract_field f = ((const struct plan_regex_extractor *)n->data)->field;
        return f == FIELD_BODY || f == FIELD_BODY_UNESCAPED || f == FIELD_BODY_AS_DOCUMENT;
    }
    case PK_BOUNDARY_EXTRACTOR: {
        enum extract_field f = ((const struct plan_boundary_extractor *)n->data)->field;
        return f == FIELD_BODY || f == FIELD_BODY_UNESCAPED || f == FIELD_BODY_AS_DOCUMENT;
    }
    case PK_RESPONSE_ASSERTION: {
        enum assert_field f = ((const struct plan_response_assertion *)n->data)->field;
        return f == ASSERT_FIELD_RESPONSE_DATA || f == ASSERT_FIELD_DOCUMENT;
    }
    case PK_DURATION_ASSERTION:
    case PK_SIZE_ASSERTION:   /* sizes are counted whether the body is kept or not */
        return false;
    default:
        return true;
    }
}

/* The body is kept only when something in scope reads it; a large body that
 * nothing reads is counted, never held in memory. */
static bool needs_body(const struct vu *vu, const struct plan_http_sampler *h)
{
    const struct plan_scope *s = vu->sampler->scope;
    if (h->image_parser)
        return true;
    if (s) {
        for (size_t i = 0; i < s->n_post; i++)
            if (!s->post[i]->data || reads_body(s->post[i]))
                return true;
        for (size_t i = 0; i < s->n_assertions; i++)
            if (!s->assertions[i]->data || reads_body(s->assertions[i]))
                return true;
    }
    /* a parent-mode transaction's assertions may read the children */
    return vu->sampler_ts != NULL;
}

/* httpsampler.max_bytes_to_store_per_request when set above 0, else BODY_KEEP_LIMIT. */
static size_t body_keep_limit(struct vu *vu)
{
    struct strbuf v;
    strbuf_init(&v);
    size_t limit = BODY_KEEP_LIMIT;
    int32_t n;
    if (props_get(vu->engine->props, "httpsampler.max_bytes_to_store_per_request", &v) &&
        java_parse_int(v.s, &n) && n > 0)
        limit = (size_t)n;
    strbuf_free(&v);
    return limit;
}

/* A sampler's own exchange is labelled with the sampler's name; an embedded
 * resource with its URL (its container renames it "<label>-<n>"). */
static struct sample *new_hop(struct transfer *t)
{
    struct vu *vu = t->vu;
    const struct http_request *req = t->req;
    struct sample *s = sample_new();
    if (t->frame_depth > 0 && req->url)
        s->label = xstrdup(req->url);
    else
        s->label = xstrdup(vu->pipe.sampler_name ? vu->pipe.sampler_name : "");
    s->method = xstrdup(req->method ? req->method : "GET");
    s->url = req->url ? xstrdup(req->url) : NULL;
    s->response_code = xstrdup("");
    s->response_message = xstrdup("");
    if (!t->keep_texts)
        return s;
    if (t->shared)   /* made with the shared request */
        strbuf_addn(&s->request_headers, t->shared->headers_text.s, t->shared->headers_text.len);
    else
        http_request_headers_text(req, &s->request_headers);
    return s;
}

/* The proxy http_proxy_route() chose (issue 9). Always set, handles being
 * reused: "" means direct and keeps libcurl from reading http_proxy and
 * no_proxy from the environment (JMeter ignores them); -N was applied already
 * (curl's NOPROXY syntax cannot say "this host but not its subdomains").
 * libcurl keeps proxied and direct connections apart in its pool, and https
 * URLs go through a CONNECT tunnel. */
static void configure_proxy(struct transfer *t)
{
    CURL *e = t->easy;
    const struct http_request *r = t->req;
    char *url = http_proxy_url(r);
    curl_easy_setopt(e, CURLOPT_PROXY, url ? url : "");
    curl_easy_setopt(e, CURLOPT_NOPROXY, "");
    curl_easy_setopt(e, CURLOPT_HTTPPROXYTUNNEL, 0L);
    curl_easy_setopt(e, CURLOPT_HEADEROPT, (long)CURLHEADER_SEPARATE);
    curl_easy_setopt(e, CURLOPT_PROXYHEADER, NULL);
    curl_easy_setopt(e, CURLOPT_PROXYUSERNAME, NULL);
    curl_easy_setopt(e, CURLOPT_PROXYPASSWORD, NULL);
    curl_easy_setopt(e, CURLOPT_PROXYAUTH, (long)CURLAUTH_BASIC);
    /* the CONNECT response is not the sample's: its headers stay out of it */
    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    long verify = t->vu->engine->opts->tls_verify ? 1L : 0L;
    curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYPEER, verify);
    curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYHOST, verify ? 2L : 0L);
    if (!url)
        return;
    free(url);
    if (r->proxy_user && *r->proxy_user) {
        /* HttpClient answers the proxy's Basic challenge and then keeps sending
         * the credentials up front; libcurl sends them up front from the start */
        curl_easy_setopt(e, CURLOPT_PROXYUSERNAME, r->proxy_user);
        curl_easy_setopt(e, CURLOPT_PROXYPASSWORD, r->proxy_pass ? r->proxy_pass : "");
    }
    if (strcmp(r->scheme, "http") == 0) {
        /* through a plain proxy HttpClient writes the absolute URI (libcurl does
         * too when it follows redirects itself: no fixed target then) */
        const struct plan_http_sampler *h = t->vu->sampler->data;
        curl_easy_setopt(e, CURLOPT_REQUEST_TARGET, h->auto_redirects ? NULL : r->wire_url);
        return;
    }
    /* HttpClient's CONNECT carries Host and its User-Agent, no Proxy-Connection */
    struct http_request_options o = request_options(t->vu);
    const char *ua = o.user_agent ? o.user_agent : HTTP_DEFAULT_USER_AGENT;
    char *ua_line = *ua ? xasprintf("User-Agent: %s", ua) : xstrdup("User-Agent:");
    t->proxy_headers = curl_slist_append(t->proxy_headers, ua_line);
    t->proxy_headers = curl_slist_append(t->proxy_headers, "Proxy-Connection:");
    free(ua_line);
    curl_easy_setopt(e, CURLOPT_PROXYHEADER, t->proxy_headers);
}

/* Every option that depends on the request, the sampler or the run: the same
 * for every transfer of one shared request. */
static void configure_request(struct transfer *t)
{
    CURL *e = t->easy;
    struct vu *vu = t->vu;
    const struct http_request *r = t->req;
    const struct plan_http_sampler *h = vu->sampler->data;

    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    /* handles are reused without curl_easy_reset: every option is set here.
     * POSTFIELDS first: setting it (even to NULL) makes libcurl's method POST,
     * which the lines after it set again. */
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, NULL);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)-1);
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, NULL);
    curl_easy_setopt(e, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 0L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 0L);
    curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    curl_easy_setopt(e, CURLOPT_USERNAME, NULL);
    curl_easy_setopt(e, CURLOPT_PASSWORD, NULL);
    /* a shared request's URL goes as the CURLU parsed once (libcurl then skips
     * parsing and printing it for each transfer); CURLOPT_URL NULL makes
     * libcurl take the text from the CURLU at the next transfer */
    if (t->shared && t->shared->url) {
        curl_easy_setopt(e, CURLOPT_URL, NULL);
        curl_easy_setopt(e, CURLOPT_CURLU, t->shared->url);
    } else {
        curl_easy_setopt(e, CURLOPT_CURLU, NULL);
        curl_easy_setopt(e, CURLOPT_URL, r->wire_url);
    }
    /* Always set (handles are reused). libcurl keeps a request target for every
     * hop it follows itself, so with automatic redirects the URL alone says
     * where to go: wire_url already holds HttpClient's target verbatim. */
    curl_easy_setopt(e, CURLOPT_REQUEST_TARGET, h->auto_redirects ? NULL : r->target);
    configure_proxy(t);
    curl_easy_setopt(e, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    /* JMeter trusts every certificate; --tls-verify checks them */
    long verify = vu->engine->opts->tls_verify ? 1L : 0L;
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, verify);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    /* decode gzip/deflate/br bodies as JMeter does, without announcing it:
     * the header list carries an "Accept-Encoding:" that removes curl's header */
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");

    if (str_eq(r->method, "GET") && !r->entity)
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    else if (str_eq(r->method, "HEAD"))
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    else
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method);
    if (r->entity) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_len);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body ? r->body : "");
        if (!str_eq(r->method, "POST"))
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method);
    }

    if (t->shared) {
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->shared->headers);
    } else {
        char **lines = http_request_header_lines(r, NULL);
        for (char **l = lines; l && *l; l++)
            t->headers = curl_slist_append(t->headers, *l);
        http_header_lines_free(lines);
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    }

    if (!h->use_keepalive)
        curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    if (h->auto_redirects) {
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(e, CURLOPT_MAXREDIRS, 20L);
    }
    if (r->connect_timeout_ms > 0)
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, r->connect_timeout_ms);
    if (r->auth && r->auth->mechanism == AUTH_DIGEST) {
        curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_DIGEST);
        curl_easy_setopt(e, CURLOPT_USERNAME, r->auth->username);
        curl_easy_setopt(e, CURLOPT_PASSWORD, r->auth->password);
    }
}

/* What a handle can be configured for once and reused: a shared request to
 * no proxy (through a proxy, options of the transfer are mixed in: the
 * CONNECT headers). 0 = configure in full. */
static uint64_t reusable_serial(const struct transfer *t)
{
    const struct http_request *r = t->req;
    return t->shared && !(r->proxy_host && *r->proxy_host) ? t->shared->serial : 0;
}

static void configure(struct transfer *t)
{
    CURL *e = t->easy;
    struct vu *vu = t->vu;
    const struct http_request *r = t->req;
    const struct plan_scope *scope = vu->sampler->scope;
    if (!e)
        return;   /* no handle: curl_multi_add_handle fails the sample */

    /* the transfer's own options, every time */
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    t->errbuf[0] = '\0';
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    /* a new user per iteration: no connection of the previous one is reused */
    curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, vu->fresh_connection ? 1L : 0L);
    vu->fresh_connection = false;
    if (t->with_cookies)
        curl_easy_setopt(e, CURLOPT_SHARE, cookies_share_for(vu, scope->cookie_manager));
    /* the handle keeps the rest when it was configured for this very shared
     * request last time */
    uint64_t serial = reusable_serial(t);
    if (!serial || t->slot->configured_for != serial) {
        configure_request(t);
        t->slot->configured_for = serial;
    }
    if (scope && scope->dns_manager) {
        const struct plan_dns_cache_manager *dm = scope->dns_manager->data;
        struct curl_slist *resolve = NULL;
        for (size_t i = 0; i < dm->n_hosts; i++) {
            char *addr = tmpl_eval_dup(dm->hosts[i].value, &vu->ctx);
            if (str_ieq(dm->hosts[i].name, r->host)) {
                char *entry = xasprintf("%s:%d:%s", r->host, r->port, addr);
                resolve = curl_slist_append(resolve, entry);
                free(entry);
            }
            free(addr);
        }
        if (resolve) {
            curl_easy_setopt(e, CURLOPT_RESOLVE, resolve);
            t->resolve = resolve;   /* must outlive the transfer */
        }
    }
}

static void start_exchange(struct transfer *t)
{
    struct vu *vu = t->vu;
    t->with_cookies = cookies_in_scope(vu->sampler->scope);
    t->slot = easy_take(t->worker, t->with_cookies, reusable_serial(t));
    t->easy = t->slot ? t->slot->easy : NULL;
    t->hop = new_hop(t);
    t->in_body = false;
    t->chunked = false;
    t->first_body_us = 0;
    t->header_bytes = t->body_wire_bytes = 0;
    free(t->location);
    t->location = NULL;
    configure(t);
    /* one reading of the clock for the start (run_now_ms reads the same clock) */
    t->start_us = clock_mono_us();
    t->last_activity_ms = t->start_us / 1000;
    t->start_epoch_ms = run_mono_to_epoch_ms(t->last_activity_ms);
    t->hop->start_ms = t->start_epoch_ms;
    if (t->req->response_timeout_ms > 0) {
        loop_timer_init(&t->read_timer, on_read_timer, t);
        loop_timer_at(t->worker->loop, &t->read_timer, t->last_activity_ms + t->req->response_timeout_ms);
    }
    CURLMcode mc = curl_multi_add_handle(t->worker->multi, t->easy);
    t->worker->connections_used = true;
    if (mc != CURLM_OK)
        complete(t, CURLE_FAILED_INIT);
}

/* --------------------------------------------------------------- finishing */

/* Java's String.format("%,d") in an English locale: 1234567 -> "1,234,567". */
static void group_thousands(long long v, char *out, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    size_t n = strlen(digits), k = 0;
    if (v < 0 && k + 1 < size)
        out[k++] = '-';
    for (size_t i = 0; i < n && k + 1 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0 && k + 1 < size)
            out[k++] = ',';
        if (k + 1 < size)
            out[k++] = digits[i];
    }
    out[k] = '\0';
}

static void set_transport_error(struct transfer *t, CURLcode code)
{
    struct sample *s = t->hop;
    long os_errno = 0;
    curl_easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &os_errno);
    const char *host = t->req->host ? t->req->host : "";
    int port = t->req->port;
    if (t->req->proxy_host && *t->req->proxy_host) {
        /* HttpClient connects to the proxy: its messages name it */
        host = t->req->proxy_host;
        port = t->req->proxy_port;
    }
    /* Java's InetAddress.toString(): "/ip" for a literal address, "name/ip" otherwise */
    char *ip = NULL;
    curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &ip);
    struct in6_addr probe;
    bool literal = inet_pton(AF_INET, host, &probe) == 1 || inet_pton(AF_INET6, host, &probe) == 1;
    char *address = xasprintf("%s/%s", literal ? "" : host, ip && *ip ? ip : host);
    char *msg;
    const char *cls;
    if (t->timed_out) {
        cls = "java.net.SocketTimeoutException";
        msg = xstrdup("Read timed out");
    } else switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        cls = "java.net.UnknownHostException";
        msg = xasprintf("%s: Name or service not known", host);
        break;
    case CURLE_COULDNT_CONNECT:
        cls = "org.apache.http.conn.HttpHostConnectException";
        msg = xasprintf("Connect to %s:%d [%s] failed: %s", host, port, address,
                        os_errno == ECONNREFUSED || os_errno == 0 ? "Connection refused"
                                                                  : strerror((int)os_errno));
        break;
    case CURLE_OPERATION_TIMEDOUT:
        cls = "org.apache.http.conn.ConnectTimeoutException";
        msg = xasprintf("Connect to %s:%d [%s] failed: connect timed out", host, port, address);
        break;
    case CURLE_GOT_NOTHING:
        cls = "org.apache.http.NoHttpResponseException";
        msg = xasprintf("%s:%d failed to respond", host, port);
        break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        cls = "java.net.SocketException";
        msg = xstrdup(os_errno == ECONNRESET || os_errno == 0 ? "Connection reset"
                                                             : strerror((int)os_errno));
        break;
    case CURLE_PARTIAL_FILE:
        cls = "org.apache.http.ConnectionClosedException";
        if (t->chunked) {
            /* HttpCore's ChunkedInputStream at the end of the stream before the last chunk */
            msg = xstrdup("Premature end of chunk coded message body: closing chunk expected");
        } else {
            /* HttpCore 4.4.16 (JMeter 5.6) formats both numbers with "%,d" */
            curl_off_t cl = -1, got = 0;
            curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
            curl_easy_getinfo(t->easy, CURLINFO_SIZE_DOWNLOAD_T, &got);   /* before decoding */
            char expected[32], received[32];
            group_thousands((long long)cl, expected, sizeof expected);
            group_thousands((long long)(got > 0 ? got : t->body_wire_bytes), received, sizeof received);
            msg = xasprintf("Premature end of Content-Length delimited message body (expected: "
                            "%s; received: %s)", expected, received);
        }
        break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
        /* HttpClient's parser throws a ProtocolException, which InternalHttpClient
         * wraps: the message is the cause's toString() */
        cls = "org.apache.http.client.ClientProtocolException";
        msg = xstrdup("org.apache.http.ProtocolException: The server failed to respond with a "
                      "valid HTTP response");
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
        cls = "javax.net.ssl.SSLHandshakeException";
        msg = xstrdup(curl_easy_strerror(code));
        break;
    case CURLE_TOO_MANY_REDIRECTS:
        cls = "org.apache.http.client.RedirectException";
        msg = xstrdup("Maximum redirects (20) exceeded");
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        cls = "java.io.InterruptedIOException";
        msg = xstrdup("Connection has been shut down");
        break;
    default:
        cls = "java.io.IOException";
        msg = xstrdup(curl_easy_strerror(code));
        break;
    }
    if (code == CURLE_RECV_ERROR && t->chunked && !t->timed_out &&
        strstr(t->errbuf, "chunked-encoding")) {
        /* libcurl's chunk parser gave up: HttpCore's ChunkedInputStream throws
         * "Bad chunk header: <the size line>" for a size that is not hex, and
         * "Unexpected content at the end of chunk" when the CRLF after a chunk
         * is missing. libcurl does not tell us the offending line, so the first
         * message ends after "header". A reset in the middle of a body stays a
         * SocketException, as in Java. */
        cls = "org.apache.http.MalformedChunkCodingException";
        free(msg);
        msg = xstrdup(strstr(t->errbuf, "Malformed encoding") ? "Unexpected content at the end of chunk"
                                                               : "Bad chunk header");
    }
    sample_set_non_http_error(s, cls, msg);
    free(msg);
    free(address);
    strbuf_reset(&s->body);
    s->bytes = 0;
}

/* A proxy that answers CONNECT with an error: HttpClient makes that response
 * the sample's (TunnelRefusedException carries it), so the sample gets its
 * status rather than a "Non HTTP response". libcurl keeps the response's
 * headers and body to itself (its reason phrase is the standard one here). */
static bool proxy_refused_tunnel(struct transfer *t)
{
    long status = 0;
    if (t->timed_out || t->aborted || !t->req->proxy_host || !*t->req->proxy_host)
        return false;
    curl_easy_getinfo(t->easy, CURLINFO_HTTP_CONNECTCODE, &status);
    if (status < 300)
        return false;
    struct sample *s = t->hop;
    free(s->response_code);
    s->response_code = xasprintf("%ld", status);
    free(s->response_message);
    s->response_message = xstrdup(http_proxy_reason(status));
    s->success = false;
    s->error_count = 1;
    return true;
}

static void measure(struct transfer *t)
{
    struct sample *s = t->hop;
    curl_off_t total = 0, start_transfer = 0, connect = 0, appconnect = 0, req_size = 0, upload = 0;
    long req_size_l = 0;
    curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME_T, &total);
    curl_easy_getinfo(t->easy, CURLINFO_STARTTRANSFER_TIME_T, &start_transfer);
    curl_easy_getinfo(t->easy, CURLINFO_CONNECT_TIME_T, &connect);
    curl_easy_getinfo(t->easy, CURLINFO_APPCONNECT_TIME_T, &appconnect);
    curl_easy_getinfo(t->easy, CURLINFO_REQUEST_SIZE, &req_size_l);
    curl_easy_getinfo(t->easy, CURLINFO_SIZE_UPLOAD_T, &upload);
    req_size = req_size_l;
    s->elapsed_ms = total / 1000;
    s->end_ms = s->start_ms + s->elapsed_ms;
    s->latency_ms = start_transfer / 1000;
    if (t->first_body_us) {
        /* JMeter's latency ends at the first read of the body (HTTPSamplerBase.
         * readResponse), not at the headers: they differ when the body comes late */
        int64_t first_body_ms = (t->first_body_us - t->start_us) / 1000;
        s->latency_ms = first_body_ms < s->elapsed_ms ? first_body_ms : s->elapsed_ms;
        if (s->latency_ms < start_transfer / 1000)
            s->latency_ms = start_transfer / 1000;
    }
    s->connect_ms = (appconnect > 0 ? appconnect : connect) / 1000;
    curl_off_t wire_body = 0;
    curl_easy_getinfo(t->easy, CURLINFO_SIZE_DOWNLOAD_T, &wire_body);   /* before decoding */
    s->bytes = t->header_bytes + (wire_body > 0 ? wire_body : t->body_wire_bytes);
    s->sent_bytes = req_size + upload;
    charset_from_content_type(s);
    s->data_type = sample_data_type_for(s->content_type);
    long code = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
    s->success = code >= 200 && code <= 399;
    s->error_count = s->success ? 0 : 1;
    if (t->vu->sampler && ((const struct plan_http_sampler *)t->vu->sampler->data)->auto_redirects) {
        char *eff = NULL;
        curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
        if (eff) {
            free(s->url);
            s->url = xstrdup(eff);
        }
    }
}

/* The finished sample: the last hop, inside its redirect container if any. */
static struct sample *final_sample(struct transfer *t)
{
    struct sample *hop = t->hop;
    t->hop = NULL;
    if (!t->container)
        return hop;
    struct sample *c = t->container;
    t->container = NULL;
    /* the container takes the final hop's outcome; bytes add up; times span all hops */
    c->end_ms = hop->end_ms;
    c->elapsed_ms = c->end_ms - c->start_ms;
    free(c->url);
    c->url = hop->url ? xstrdup(hop->url) : NULL;
    free(c->response_code);
    c->response_code = xstrdup(hop->response_code);
    free(c->response_message);
    c->response_message = xstrdup(hop->response_message);
    free(c->content_type);
    c->content_type = hop->content_type ? xstrdup(hop->content_type) : NULL;
    free(c->encoding);
    c->encoding = xstrdup(hop->encoding ? hop->encoding : "");
    c->data_type = hop->data_type;
    c->success = hop->success;
    c->error_count = hop->error_count;
    strbuf_reset(&c->response_headers);
    strbuf_addn(&c->response_headers, hop->response_headers.s, hop->response_headers.len);
    strbuf_reset(&c->body);
    strbuf_addn(&c->body, hop->body.s, hop->body.len);
    c->body_size = hop->body_size;
    free(c->method);
    c->method = xstrdup(hop->method);
    c->bytes += hop->bytes;
    c->sent_bytes += hop->sent_bytes;
    free(hop->label);
    hop->label = xasprintf("%s-%zu", c->label, c->n_subs);
    sample_add_sub(c, hop);
    return c;
}

static void unlink_transfer(struct transfer *t)
{
    for (struct transfer **p = &t->vu->transfer; *p; p = &(*p)->next_in_vu)
        if (*p == t) {
            *p = t->next_in_vu;
            break;
        }
}

static void finish_transfer(struct transfer *t)
{
    struct vu *vu = t->vu;
    struct sample *s = final_sample(t);
    transfer_done_fn done = t->on_done;
    void *owner = t->owner;
    unlink_transfer(t);
    transfer_free(t);
    done(vu, owner, s);
}

/* A redirect to follow: the hop becomes a sub-sample of the container. */
static bool follow_redirect(struct transfer *t)
{
    struct vu *vu = t->vu;
    const struct plan_http_sampler *h = vu->sampler->data;
    struct sample *hop = t->hop;
    char *err_class = NULL, *err_message = NULL;
    char *next_url = http_redirect_url(hop->url ? hop->url : t->req->url, t->location,
                                       &err_class, &err_message);
    if (!t->container) {
        struct sample *c = sample_new();
        c->label = xstrdup(hop->label);
        c->start_ms = hop->start_ms;
        c->latency_ms = hop->latency_ms;
        c->connect_ms = hop->connect_ms;
        c->response_code = xstrdup("");
        c->response_message = xstrdup("");
        strbuf_addn(&c->request_headers, hop->request_headers.s, hop->request_headers.len);
        strbuf_addn(&c->request_data, hop->request_data.s, hop->request_data.len);
        t->container = c;
    }
    struct sample *c = t->container;
    c->bytes += hop->bytes;
    c->sent_bytes += hop->sent_bytes;
    free(hop->label);
    hop->label = xasprintf("%s-%zu", c->label, c->n_subs);
    sample_add_sub(c, hop);
    t->hop = NULL;
    t->redirects++;

    const char *method = http_redirect_method(t->req->method);
    char *method_copy = xstrdup(method);
    easy_give_back(t);
    curl_slist_free_all(t->headers);
    t->headers = NULL;
    curl_slist_free_all(t->resolve);
    t->resolve = NULL;
    curl_slist_free_all(t->proxy_headers);
    t->proxy_headers = NULL;
    /* the next hop's request is built for this transfer */
    http_request_free(&t->own);
    shared_request_release(t->shared);
    t->shared = NULL;
    t->req = &t->own;

    if (!next_url) {
        t->hop = new_hop(t);
        t->hop->start_ms = run_now_ms(vu->engine);
        t->hop->end_ms = t->hop->start_ms;
        sample_set_non_http_error(t->hop, err_class ? err_class : "java.net.MalformedURLException",
                                  err_message ? err_message : "bad Location");
        free(err_class);
        free(err_message);
        free(method_copy);
        return false;
    }
    if (t->redirects > t->max_redirects) {
        /* JMeter adds an error sub-result and fails the sample */
        t->hop = sample_new();
        t->hop->label = xstrdup(c->label);
        t->hop->start_ms = t->hop->end_ms = run_now_ms(vu->engine);
        t->hop->url = xstrdup(next_url);
        t->hop->response_code = xstrdup("");
        t->hop->response_message = xasprintf("Exceeded maximum number of redirects: %d", t->max_redirects);
        t->hop->success = false;
        t->hop->error_count = 1;
        free(next_url);
        free(method_copy);
        return false;
    }
    struct http_request_options o = request_options(vu);
    http_request_build_url(h, vu->sampler->scope, &vu->ctx, &o, next_url, method_copy, true, &t->own);
    free(next_url);
    free(method_copy);
    if (t->own.error_class) {
        t->hop = new_hop(t);
        t->hop->start_ms = t->hop->end_ms = run_now_ms(vu->engine);
        sample_set_non_http_error(t->hop, t->own.error_class, t->own.error_message);
        return false;
    }
    start_exchange(t);
    return true;
}

static void complete(struct transfer *t, CURLcode code)
{
    loop_timer_cancel(t->worker->loop, &t->read_timer);
    measure(t);
    if (t->timed_out || t->aborted) {
        /* libcurl's clock stopped when we pulled the handle; ours did not */
        t->hop->end_ms = run_now_ms(t->vu->engine);
        t->hop->elapsed_ms = t->hop->end_ms - t->hop->start_ms;
    }
    if ((code != CURLE_OK || t->timed_out) && !proxy_refused_tunnel(t))
        set_transport_error(t, code);
    struct vu *vu = t->vu;
    if (code == CURLE_OK && !t->timed_out && vu->sampler->scope && vu->sampler->scope->cache_manager)
        cache_after(vu, vu->sampler->scope->cache_manager, t->hop);
    if (code == CURLE_OK && t->with_cookies)
        cookies_export_variables(vu, t->hop);
    const struct plan_http_sampler *h = vu->sampler->data;
    if (code == CURLE_OK && !t->timed_out && !t->aborted && h->follow_redirects &&
        !h->auto_redirects && t->location) {
        int status = atoi(t->hop->response_code);
        if (http_is_redirect(status, t->req->method)) {
            if (follow_redirect(t))
                return;
        }
    }
    finish_transfer(t);
}

static void check_done(struct worker *w)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(w->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        CURLcode code = msg->data.result;
        struct transfer *t = NULL;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&t);
        curl_multi_remove_handle(w->multi, easy);
        if (t)
            complete(t, code);
    }
}

/* Response timeout: JMeter's socket read timeout, reset by every byte. */
static void on_read_timer(struct loop *loop, void *arg)
{
    struct transfer *t = arg;
    int64_t now = clock_mono_ms();
    int64_t due = t->last_activity_ms + t->req->response_timeout_ms;
    if (now < due) {
        loop_timer_at(loop, &t->read_timer, due);
        return;
    }
    t->timed_out = true;
    curl_multi_remove_handle(t->worker->multi, t->easy);
    complete(t, CURLE_OPERATION_TIMEDOUT);
}

/* ------------------------------------------------------------- entry points */

static void sampler_done(struct vu *vu, void *owner, struct sample *s)
{
    pipeline_sample_finished(vu, s);
}

static void page_done(struct vu *vu, void *owner, struct sample *page)
{
    const struct plan_http_sampler *h = vu->sampler->data;
    if (page && h->image_parser)
        embedded_fetch(vu, page, 0, sampler_done, NULL);
    else
        pipeline_sample_finished(vu, page);
}

/* Starts one exchange for the user; done(vu, owner, sample) gets its result.
 * The request is either req, which the transfer takes over (emptying it), or
 * a reference to a shared one, which it takes over too. */
static void start_transfer(struct vu *vu, struct http_request *req, struct shared_request *shared,
                           int frame_depth, bool keep_body, bool keep_if_parsable,
                           transfer_done_fn done, void *owner)
{
    struct transfer *t = xcalloc(1, sizeof *t);
    t->vu = vu;
    t->worker = vu->worker;
    t->max_redirects = 20;
    t->keep_body = keep_body;
    t->keep_if_parsable = keep_if_parsable;
    t->keep_limit = keep_body || keep_if_parsable ? body_keep_limit(vu) : 0;
    t->frame_depth = frame_depth;
    t->on_done = done;
    t->owner = owner;
    if (shared) {
        t->shared = shared;
        t->req = &shared->req;
    } else {
        t->own = *req;
        memset(req, 0, sizeof *req);
        t->req = &t->own;
    }
    t->keep_texts = http_texts_needed(vu);
    loop_timer_init(&t->read_timer, on_read_timer, t);
    /* (a sampler under a Cache Manager never has a shared request: this edits it) */
    const struct plan_node *cache = vu->sampler->scope ? vu->sampler->scope->cache_manager : NULL;
    if (!t->req->error_class && cache && cache_before(vu, cache, &t->own) == CACHE_FRESH) {
        /* fresh in the user's cache: nothing is sent */
        char *label = t->frame_depth > 0 ? xstrdup(t->req->url) : xstrdup(vu->pipe.sampler_name ? vu->pipe.sampler_name : "");
        struct sample *s = cache_hit_sample(vu, t->req, label);
        free(label);
        transfer_free(t);
        done(vu, owner, s);
        return;
    }
    if (t->req->error_class) {
        struct sample *s = new_hop(t);
        s->start_ms = s->end_ms = run_now_ms(vu->engine);
        sample_set_non_http_error(s, t->req->error_class, t->req->error_message);
        transfer_free(t);
        done(vu, owner, s);
        return;
    }
    t->next_in_vu = vu->transfer;
    vu->transfer = t;
    start_exchange(t);
    if (!t->keep_texts)
        return;
    if (t->shared)
        strbuf_addn(&t->hop->request_data, t->shared->sampler_data.s, t->shared->sampler_data.len);
    else
        http_request_sampler_data(t->req, NULL, &t->hop->request_data);
}

void transport_start(struct vu *vu)
{
    const struct plan_http_sampler *h = vu->sampler->data;
    struct http_request_options o = request_options(vu);
    struct http_request req;
    memset(&req, 0, sizeof req);
    /* a request that is the same for every user and every sample is built once */
    struct shared_request *shared = shared_request_get(vu, &o);
    if (!shared)
        http_request_build(h, vu->sampler->scope, &vu->ctx, &o, &req);
    start_transfer(vu, &req, shared, 0, needs_body(vu, h), false, page_done, NULL);
}

void transport_fetch_resource(struct vu *vu, const char *url, int frame_depth,
                              transfer_done_fn done, void *owner)
{
    const struct plan_http_sampler *h = vu->sampler->data;
    struct http_request req;
    memset(&req, 0, sizeof req);
    struct http_request_options o = request_options(vu);
    http_request_build_url(h, vu->sampler->scope, &vu->ctx, &o, url, "GET", false, &req);
    start_transfer(vu, &req, NULL, frame_depth, false, true, done, owner);
}

void transport_abort(struct vu *vu)
{
    /* completing one exchange may start another (a resource): loop until none */
    while (vu->transfer) {
        struct transfer *t = vu->transfer;
        t->aborted = true;
        curl_multi_remove_handle(t->worker->multi, t->easy);
        complete(t, CURLE_ABORTED_BY_CALLBACK);
    }
}

void http_reset_user_connections(struct vu *vu)
{
    /* connections are pooled per worker: the next request opens its own */
    vu->fresh_connection = true;
}
