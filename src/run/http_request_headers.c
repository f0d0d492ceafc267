/* http_request_headers.c - the header list of an HTTP request, in the order
 * HttpClient 4.5 writes it for JMeter 5.6 (digest §5.4, §6.2, §6.5):
 * Connection, the Header Managers' headers (Content-Length dropped, Host
 * rewritten), [Cookie], then what HttpClient adds: Content-Length, the
 * entity's Content-Type, Host, User-Agent, and last a pre-emptive Basic
 * Authorization from the Authorization Manager. Also the texts and curl
 * lines made from the list. */
#include <ctype.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/http_request.h"

/* ----------------------------------------------------------- list editing */

/* The bytes HttpClient writes for a header value: ISO-8859-1, '?' for what
 * it cannot hold, CR LF FF VT as spaces. */
static char *wire_value(const char *v)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (const unsigned char *p = (const unsigned char *)v; *p;) {
        uint32_t cp;
        size_t n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if (*p >= 0xC2 && *p <= 0xDF && (p[1] & 0xC0) == 0x80) {
            cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
            n = 2;
        } else {
            n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 1;
            for (size_t i = 1; i < n; i++)
                if ((p[i] & 0xC0) != 0x80) {
                    n = i;
                    break;
                }
            cp = 0xFFFD;
        }
        if (cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v')
            cp = ' ';
        strbuf_addc(&sb, cp <= 0xFF ? (char)cp : '?');
        p += n;
    }
    return strbuf_detach(&sb);
}

void http_headers_add(struct http_request *r, const char *name, const char *value)
{
    r->headers = xrealloc(r->headers, (r->n_headers + 1) * sizeof *r->headers);
    struct http_header *h = &r->headers[r->n_headers++];
    h->name = xstrdup(name);
    h->value = xstrdup(value);
    h->wire = wire_value(value);
}

const struct http_header *http_headers_first(const struct http_request *r, const char *name)
{
    for (size_t i = 0; i < r->n_headers; i++)
        if (strcasecmp(r->headers[i].name, name) == 0)
            return &r->headers[i];
    return NULL;
}

void http_headers_set(struct http_request *r, const char *name, const char *value)
{
    for (size_t i = 0; i < r->n_headers; i++) {
        struct http_header *h = &r->headers[i];
        if (strcasecmp(h->name, name) == 0) {
            free(h->name);
            free(h->value);
            free(h->wire);
            h->name = xstrdup(name);
            h->value = xstrdup(value);
            h->wire = wire_value(value);
            return;
        }
    }
    http_headers_add(r, name, value);
}

void http_headers_remove(struct http_request *r, const char *name)
{
    size_t kept = 0;
    size_t cookie_pos = r->cookie_pos;
    for (size_t i = 0; i < r->n_headers; i++) {
        struct http_header *h = &r->headers[i];
        if (strcasecmp(h->name, name) == 0) {
            free(h->name);
            free(h->value);
            free(h->wire);
            if (i < r->cookie_pos)
                cookie_pos--;
        } else {
            r->headers[kept++] = *h;
        }
    }
    r->n_headers = kept;
    r->cookie_pos = cookie_pos;
}

/* ----------------------------------------------------------- setupRequest */

/* The port written in a Host header value (Java's split(":") rules), the
 * URL's port when there is none; false on a number too large for an int. */
static bool host_header_port(struct http_request *r, const char *value, int fallback, int *port)
{
    size_t n = strlen(value);
    while (n > 0 && value[n - 1] == ':')
        n--;   /* String.split drops trailing empty strings */
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++)
        if (value[i] == ':')
            colon = value + i;
    *port = fallback;
    if (!colon)
        return true;
    const char *digits = colon + 1;
    size_t dn = (size_t)(value + n - digits);
    if (dn == 0 || strspn(digits, "0123456789") < dn)
        return true;
    long long v = 0;
    for (size_t i = 0; i < dn; i++) {
        v = v * 10 + (digits[i] - '0');
        if (v > 2147483647LL) {
            char *num = xstrndup(digits, dn);
            char *msg = xasprintf("For input string: \"%s\"", num);
            http_request_fail(r, "java.lang.NumberFormatException", msg);
            free(msg);
            free(num);
            return false;
        }
    }
    *port = (int)v;
    return true;
}

static bool add_host_header(struct http_request *r, const char *name, const char *value)
{
    int url_port = http_request_url_port(r);
    int port;
    if (!host_header_port(r, value, url_port, &port))
        return false;
    /* a trailing ":<digits>" goes; the port is written again below if needed */
    size_t n = strlen(value), d = n;
    while (d > 0 && value[d - 1] >= '0' && value[d - 1] <= '9')
        d--;
    if (d < n && d > 0 && value[d - 1] == ':')
        n = d - 1;
    char *bare = xstrndup(value, n);
    if (port != -1 && port == url_default_port(r->scheme))
        port = -1;
    if (port == -1) {
        http_headers_add(r, name, bare);
    } else {
        char *v = xasprintf("%s:%d", bare, port);
        http_headers_add(r, name, v);
        free(v);
    }
    free(bare);
    return true;
}

bool http_request_setup_headers(struct http_request *r, const struct plan_scope *scope,
                                struct expr_ctx *ctx, bool keepalive)
{
    http_headers_set(r, "Connection", keepalive ? "keep-alive" : "close");
    for (size_t i = 0; scope && i < scope->n_headers; i++) {
        const struct plan_header *h = &scope->headers[i];
        char *name = h->name ? tmpl_eval_dup(h->name, ctx) : xstrdup("");
        if (strcasecmp(name, "Content-Length") == 0) {
            free(name);   /* never taken from a Header Manager */
            continue;
        }
        char *value = h->value ? tmpl_eval_dup(h->value, ctx) : xstrdup("");
        bool ok = true;
        if (strcasecmp(name, "Host") == 0)
            ok = add_host_header(r, name, value);
        else
            http_headers_add(r, name, value);
        free(name);
        free(value);
        if (!ok)
            return false;
    }
    r->cookie_pos = r->n_headers;
    return true;
}

/* -------------------------------------------------- Authorization Manager */

/* The path of a request target, %XX decoded as UTF-8 (URI.getPath()). */
static char *decoded_path(const char *target)
{
    size_t n = strcspn(target, "?");
    struct strbuf raw, text;
    strbuf_init(&raw);
    strbuf_init(&text);
    for (size_t i = 0; i < n; i++) {
        if (target[i] == '%' && i + 2 < n && isxdigit((unsigned char)target[i + 1]) &&
            isxdigit((unsigned char)target[i + 2])) {
            char hx[3] = {target[i + 1], target[i + 2], 0};
            strbuf_addc(&raw, (char)strtol(hx, NULL, 16));
            i += 2;
        } else {
            strbuf_addc(&raw, target[i]);
        }
    }
    charset_decode("UTF-8", raw.s, raw.len, &text);
    strbuf_free(&raw);
    return strbuf_detach(&text);
}

static char *eval_or_empty(const struct tmpl *t, struct expr_ctx *ctx)
{
    return t ? tmpl_eval_dup(t, ctx) : xstrdup("");
}

/* AuthManager.getAuthForURL: the first entry whose URL is a prefix of the
 * request URL, written with its port or with the default port swapped. */
static void find_auth(struct http_request *r, const struct plan_auth_manager *am,
                      struct expr_ctx *ctx, const char *host, int uri_port, const char *target)
{
    if (strcmp(r->scheme, "http") != 0 && strcmp(r->scheme, "https") != 0)
        return;
    char *path = decoded_path(target);
    char *s1 = uri_port >= 0 ? xasprintf("%s://%s:%d%s", r->scheme, host, uri_port, path)
                             : xasprintf("%s://%s%s", r->scheme, host, path);
    char *s2 = NULL;
    int def = url_default_port(r->scheme);
    if (uri_port < 0)
        s2 = xasprintf("%s://%s:%d%s", r->scheme, host, def, path);
    else if (uri_port == def)
        s2 = xasprintf("%s://%s%s", r->scheme, host, path);
    for (size_t i = 0; i < am->n_entries && !r->auth; i++) {
        const struct plan_auth_entry *e = &am->entries[i];
        char *url = eval_or_empty(e->url, ctx);
        if (str_starts_with(s1, url) || (s2 && str_starts_with(s2, url))) {
            struct http_auth *a = xcalloc(1, sizeof *a);
            a->mechanism = e->mechanism;
            a->url = url;
            url = NULL;
            a->username = eval_or_empty(e->username, ctx);
            a->password = eval_or_empty(e->password, ctx);
            a->domain = eval_or_empty(e->domain, ctx);
            a->realm = eval_or_empty(e->realm, ctx);
            r->auth = a;
        }
        free(url);
    }
    free(s1);
    free(s2);
    free(path);
}

/* HttpClient's Basic scheme: "DOMAIN\user:password" (the domain upper-cased
 * by NTCredentials), US-ASCII with '?' for anything else, base64. */
static void add_basic(struct http_request *r, const struct http_auth *a)
{
    struct strbuf plain, ascii;
    strbuf_init(&plain);
    strbuf_init(&ascii);
    if (a->domain[0]) {
        for (const char *d = a->domain; *d; d++)
            strbuf_addc(&plain, (*d >= 'a' && *d <= 'z') ? (char)(*d - 'a' + 'A') : *d);
        strbuf_addc(&plain, '\\');
    }
    strbuf_addf(&plain, "%s:%s", a->username, a->password);
    charset_encode("US-ASCII", plain.s, plain.len, &ascii);
    unsigned char *b64 = xmalloc(4 * ((ascii.len + 2) / 3) + 1);
    EVP_EncodeBlock(b64, (const unsigned char *)ascii.s, (int)ascii.len);
    char *value = xasprintf("Basic %s", (const char *)b64);
    http_headers_add(r, "Authorization", value);
    free(value);
    free(b64);
    strbuf_free(&plain);
    strbuf_free(&ascii);
}

/* ------------------------------------------------------- what HttpClient adds */

bool http_request_finish_headers(struct http_request *r, const struct plan_scope *scope,
                                 struct expr_ctx *ctx, const struct http_request_options *opt,
                                 const struct url_uri_info *uri)
{
    if (r->entity) {
        if (http_headers_first(r, "Transfer-Encoding")) {
            /* RequestContent refuses it; the exception carries no message */
            http_request_fail(r, "org.apache.http.client.ClientProtocolException", "null");
            return false;
        }
        char *len = xasprintf("%zu", r->body_len);
        http_headers_add(r, "Content-Length", len);
        free(len);
        if (r->entity_type && !http_headers_first(r, "Content-Type"))
            http_headers_add(r, "Content-Type", r->entity_type);
    }
    const char *host = uri->host;   /* the URL was parsed once, by send_steps */
    int uri_port = uri->port;
    if (!http_headers_first(r, "Host")) {
        char *v = uri_port >= 0 ? xasprintf("%s:%d", host, uri_port) : xstrdup(host);
        http_headers_add(r, "Host", v);
        free(v);
    }
    const char *ua = opt && opt->user_agent ? opt->user_agent : HTTP_DEFAULT_USER_AGENT;
    if (*ua && !http_headers_first(r, "User-Agent"))
        http_headers_add(r, "User-Agent", ua);
    const struct plan_node *am = scope ? scope->auth_manager : NULL;
    if (am && am->data) {
        find_auth(r, am->data, ctx, host, uri_port, uri->target);
        if (r->auth && r->auth->mechanism == AUTH_BASIC && !(opt && opt->no_preemptive_auth) &&
            !http_headers_first(r, "Authorization"))
            add_basic(r, r->auth);
    }
    return true;
}

/* ------------------------------------------------------------------- texts */

/* (plain appends rather than printf: these run for every request of a
 * sampler whose request is not built once) */
void http_request_headers_text(const struct http_request *r, struct strbuf *out)
{
    for (size_t i = 0; i < r->n_headers; i++)
        if (strcasecmp(r->headers[i].name, "Cookie") != 0) {
            strbuf_adds(out, r->headers[i].name);
            strbuf_adds(out, ": ");
            strbuf_adds(out, r->headers[i].value);
            strbuf_addc(out, '\n');
        }
}

static char *curl_line(const char *name, const char *wire)
{
    struct strbuf line;
    strbuf_init(&line);
    strbuf_grow(&line, strlen(name) + strlen(wire) + 2);
    strbuf_adds(&line, name);
    strbuf_adds(&line, *wire ? ": " : ";");
    strbuf_adds(&line, wire);
    return strbuf_detach(&line);
}

char **http_request_header_lines(const struct http_request *r, const char *cookie)
{
    struct ptrvec v = {0};
    for (size_t i = 0; i <= r->n_headers; i++) {
        if (i == r->cookie_pos && cookie && *cookie) {
            char *w = wire_value(cookie);
            ptrvec_push(&v, curl_line("Cookie", w));
            free(w);
        }
        if (i < r->n_headers && r->headers[i].name[0])
            ptrvec_push(&v, curl_line(r->headers[i].name, r->headers[i].wire));
    }
    /* keep curl from adding headers JMeter does not send */
    if (!http_headers_first(r, "Accept"))
        ptrvec_push(&v, xstrdup("Accept:"));
    if (!http_headers_first(r, "Expect"))
        ptrvec_push(&v, xstrdup("Expect:"));
    if (!http_headers_first(r, "Accept-Encoding"))
        ptrvec_push(&v, xstrdup("Accept-Encoding:"));
    if (r->entity && !http_headers_first(r, "Content-Type"))
        ptrvec_push(&v, xstrdup("Content-Type:"));
    ptrvec_push(&v, NULL);
    return (char **)v.items;
}

void http_header_lines_free(char **lines)
{
    for (char **l = lines; l && *l; l++)
        free(*l);
    free(lines);
}
