/* http_request.c - builds what an HTTP Request sends (see http_request.h):
 * evaluates the sampler's templates, assembles the URL as HTTPSamplerBase.
 * getUrl() does (digest §5.2), then follows HTTPHC4Impl.sample(): URI check,
 * method, headers, entity, target host, HttpClient's own headers. Also the
 * texts JMeter records and the release of a request. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/http_proxy.h"
#include "jmx2run/http_request.h"

/* ------------------------------------------------------------------ helpers */

static char *eval(const struct tmpl *t, struct expr_ctx *ctx)
{
    return t ? tmpl_eval_dup(t, ctx) : xstrdup("");
}

void http_request_fail(struct http_request *r, const char *cls, const char *msg)
{
    if (r->error_class)
        return;
    r->error_class = xstrdup(cls);
    r->error_message = xstrdup(msg ? msg : "null");
}

/* Integer.parseInt: optional sign, ASCII digits, no overflow. */
static bool java_parse_int(const char *s, int *out)
{
    const char *p = s;
    bool neg = false;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (!*p)
        return false;
    long long v = 0;
    for (; *p; p++) {
        if (!isdigit((unsigned char)*p))
            return false;
        v = v * 10 + (*p - '0');
        if (v > 2147483648LL)
            return false;
    }
    if (!neg && v > 2147483647LL)
        return false;
    *out = (int)(neg ? -v : v);
    return true;
}

/* String.trim(): drops characters <= ' ' at both ends. */
static char *java_trim(const char *s)
{
    while (*s && (unsigned char)*s <= ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (unsigned char)s[n - 1] <= ' ')
        n--;
    return xstrndup(s, n);
}

static char *spaces_to_20(const char *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (; *s; s++) {
        if (*s == ' ')
            strbuf_adds(&sb, "%20");
        else
            strbuf_addc(&sb, *s);
    }
    return strbuf_detach(&sb);
}

/* --------------------------------------------------------------- evaluation */

static void eval_args_files(const struct plan_http_sampler *h, struct expr_ctx *ctx,
                            struct http_eval *e)
{
    memset(e, 0, sizeof *e);
    e->multipart = h->do_multipart;
    e->browser_compatible = h->browser_compatible_multipart;
    e->post_body_raw = h->post_body_raw;
    if (h->n_args)
        e->args = xcalloc(h->n_args, sizeof *e->args);
    /* JMeter 5.6 has no per-argument enable flag: every row counts */
    for (size_t i = 0; i < h->n_args; i++) {
        const struct plan_http_arg *a = &h->args[i];
        struct http_eval_arg *x = &e->args[e->n_args++];
        x->name = eval(a->name, ctx);
        x->value = eval(a->value, ctx);
        x->content_type = a->content_type ? eval(a->content_type, ctx) : NULL;
        x->metadata = a->metadata ? a->metadata : "=";
        x->always_encode = a->always_encode;
    }
    if (h->n_files)
        e->files = xcalloc(h->n_files, sizeof *e->files);
    for (size_t i = 0; i < h->n_files; i++) {
        struct http_eval_file *f = &e->files[e->n_files++];
        f->path = eval(h->files[i].path, ctx);
        f->param = eval(h->files[i].param_name, ctx);
        f->mime = eval(h->files[i].mime_type, ctx);
    }
}

static void eval_free(struct http_eval *e)
{
    for (size_t i = 0; i < e->n_args; i++) {
        free(e->args[i].name);
        free(e->args[i].value);
        free(e->args[i].content_type);
    }
    for (size_t i = 0; i < e->n_files; i++) {
        free(e->files[i].path);
        free(e->files[i].param);
        free(e->files[i].mime);
    }
    free(e->args);
    free(e->files);
}

bool http_eval_file_as_body(const struct http_eval *e)
{
    return e->n_files == 1 && e->files[0].path[0] && !e->files[0].param[0];
}

bool http_eval_values_as_body(const struct http_eval *e)
{
    if (e->post_body_raw)
        return true;
    for (size_t i = 0; i < e->n_args; i++)
        if (e->args[i].name[0])
            return false;
    return e->n_args > 0;
}

/* The remaining sampler settings, read the way HTTPSamplerBase reads them. */
static void eval_settings(const struct plan_http_sampler *h, struct expr_ctx *ctx,
                          struct http_request *r)
{
    char *s = eval(h->connect_timeout, ctx);
    r->connect_timeout_ms = str_to_ll_jmeter(s);
    free(s);
    s = eval(h->response_timeout, ctx);
    r->response_timeout_ms = str_to_ll_jmeter(s);
    free(s);
    r->embedded_url_re = eval(h->embedded_url_re, ctx);
    r->embedded_url_exclude_re = eval(h->embedded_url_exclude_re, ctx);
    s = eval(h->concurrent_pool, ctx);
    if (!java_parse_int(s, &r->concurrent_pool))
        r->concurrent_pool = 6;
    free(s);
    r->ip_source = eval(h->ip_source, ctx);
    r->proxy_scheme = eval(h->proxy_scheme, ctx);
    r->proxy_host = eval(h->proxy_host, ctx);
    s = eval(h->proxy_port, ctx);
    r->proxy_port = (int)str_to_ll_jmeter(s);
    free(s);
    r->proxy_user = eval(h->proxy_user, ctx);
    r->proxy_pass = eval(h->proxy_pass, ctx);
}

/* -------------------------------------------------------------- the URL */

/* HTTPSamplerBase.getQueryString(contentEncoding). */
static void query_string(const struct http_eval *e, const char *encoding, struct strbuf *out)
{
    bool first = true;
    for (size_t i = 0; i < e->n_args; i++) {
        const struct http_eval_arg *a = &e->args[i];
        struct strbuf name;
        strbuf_init(&name);
        if (a->always_encode)
            url_encode_form(a->name, "UTF-8", &name);
        else
            strbuf_adds(&name, a->name);
        if (name.len > 0) {
            if (!first)
                strbuf_addc(out, '&');
            first = false;
            strbuf_addn(out, name.s, name.len);
            strbuf_adds(out, a->metadata);
            if (a->always_encode)
                url_encode_form(a->value, encoding, out);   /* unknown charset: value left out */
            else
                strbuf_adds(out, a->value);
        }
        strbuf_free(&name);
    }
}

/* getUrl() for a path that is not a full URL: new URL(protocol, host, port,
 * file). Returns the URL text, or NULL with the error set. *host_out gets
 * the host given to Java (NULL for file:). */
static char *assemble_url(struct http_request *r, const char *path, const char *domain,
                          const char *protocol_in, const char *port_s, const struct http_eval *e,
                          char **host_out)
{
    *host_out = NULL;
    const char *protocol = protocol_in[0] ? protocol_in : "http";
    bool is_file = strcasecmp(protocol, "file") == 0;
    struct strbuf file;
    strbuf_init(&file);
    if (!is_file && path[0] != '/')
        strbuf_addc(&file, '/');
    strbuf_adds(&file, path);
    const char *m = r->method;
    if (strcmp(m, "GET") == 0 || strcmp(m, "DELETE") == 0 || strcmp(m, "OPTIONS") == 0) {
        struct strbuf qs;
        strbuf_init(&qs);
        query_string(e, r->content_encoding, &qs);
        if (qs.len > 0) {
            strbuf_addc(&file, strchr(path, '?') ? '&' : '?');
            strbuf_addn(&file, qs.s, qs.len);
        }
        strbuf_free(&qs);
    }
    char *trimmed = java_trim(port_s);
    int port = 0;
    if (!java_parse_int(trimmed, &port))
        port = 0;
    free(trimmed);
    bool default_port = port == 0 || (strcasecmp(protocol, "http") == 0 && port == 80) ||
                        (strcasecmp(protocol, "https") == 0 && port == 443);
    int java_port = default_port ? -1 : port;

    char *lower = xstrdup(protocol);
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    char *url = NULL;
    char *host = NULL;
    if (!is_file && strchr(domain, ':') && domain[0] != '[')
        host = xasprintf("[%s]", domain);   /* an IPv6 literal */
    else if (!is_file)
        host = xstrdup(domain);
    if (host && java_port < -1) {
        char *msg = xasprintf("Invalid port number :%d", java_port);
        http_request_fail(r, "java.net.MalformedURLException", msg);
        free(msg);
    } else if (!url_known_protocol(lower)) {
        char *msg = xasprintf("unknown protocol: %s", lower);
        http_request_fail(r, "java.net.MalformedURLException", msg);
        free(msg);
    } else if (host && strchr(host, '/')) {
        http_request_fail(r, "java.net.MalformedURLException",
                          "Illegal character found in host: '/'");
    } else {
        struct strbuf u;
        strbuf_init(&u);
        strbuf_addf(&u, "%s:", lower);
        if (host && (host[0] || java_port != -1)) {
            strbuf_addf(&u, "//%s", host);
            if (java_port != -1)
                strbuf_addf(&u, ":%d", java_port);
        }
        strbuf_addn(&u, file.s, file.len);
        url = strbuf_detach(&u);
    }
    free(lower);
    strbuf_free(&file);
    if (url)
        *host_out = host;
    else
        free(host);
    return url;
}

int http_request_url_port(const struct http_request *r)
{
    struct url_parts u;
    if (!r->url || !url_parse(r->url, &u, NULL))
        return -1;
    int port = u.port;
    url_parts_free(&u);
    return port;
}

/* ------------------------------------------------------------------- flow */

static bool token_method(const char *m)
{
    if (!*m)
        return false;
    for (const char *p = m; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("!#$%&'*+-.^_`|~", *p))
            return false;
    return true;
}

static bool method_is(const char *m, const char *name)
{
    return strcmp(m, name) == 0;
}

static void drop_headers(struct http_request *r)
{
    for (size_t i = 0; i < r->n_headers; i++) {
        free(r->headers[i].name);
        free(r->headers[i].value);
        free(r->headers[i].wire);
    }
    r->n_headers = 0;
    r->cookie_pos = 0;
}

/* HTTPHC4Impl.sample(url, method, following_redirect): everything after the
 * URL is known. check_host is the host given to java.net.URL separately
 * (its characters are checked by URL.toURI()), or NULL. */
static void send_steps(struct http_request *r, const struct plan_http_sampler *h,
                       const struct plan_scope *scope, struct expr_ctx *ctx,
                       const struct http_request_options *opt, const struct http_eval *e,
                       bool following, const char *check_host)
{
    char *file_class = NULL, *file_msg = NULL;
    /* the URL is parsed once for the URI check, the host and the target */
    struct url_uri_info uri;
    url_uri_inspect(r->url, &uri);
    if (uri.error) {
        http_request_fail(r, "java.net.URISyntaxException", uri.error);
        goto out;
    }
    if (check_host) {
        const char *bad = strpbrk(check_host, "?#@");
        if (bad) {
            char *msg = xasprintf("Illegal character found in host: '%c': %s", *bad, check_host);
            http_request_fail(r, "java.net.URISyntaxException", msg);
            free(msg);
            goto out;
        }
    }
    const char *colon = strchr(r->url, ':');
    r->scheme = xstrndup(r->url, colon ? (size_t)(colon - r->url) : 0);
    for (char *c = r->scheme; *c; c++)
        *c = (char)tolower((unsigned char)*c);

    const char *m = r->method;
    bool known_bodyless = method_is(m, "GET") || method_is(m, "HEAD") || method_is(m, "TRACE") ||
                          method_is(m, "OPTIONS");
    if (!known_bodyless && !token_method(m)) {
        char *msg = xasprintf("Unexpected method: '%s'", m);
        http_request_fail(r, "java.lang.IllegalArgumentException", msg);
        free(msg);
        goto out;
    }
    if (!known_bodyless)
        r->entity = true;
    else if (method_is(m, "GET") && !following)
        r->entity = (e->n_args == 0 && http_eval_file_as_body(e)) || http_eval_values_as_body(e);

    if (strcmp(r->scheme, "file") == 0) {
        /* JMeter reads file: URLs itself (HTTPFileImpl); nothing goes on the wire */
        r->target = xstrdup("");
        r->wire_url = xstrdup(r->url);
        r->host = xstrdup("");
        r->port = -1;
        goto out;
    }
    if (!http_request_setup_headers(r, scope, ctx, h->use_keepalive)) {
        drop_headers(r);
        goto out;
    }
    if (r->entity) {
        if (!http_request_body(r, e, opt)) {
            drop_headers(r);
            goto out;
        }
        /* an unreadable file fails only when HttpClient writes the body */
        file_class = r->error_class;
        file_msg = r->error_message;
        r->error_class = r->error_message = NULL;
    }
    if (!uri.has_host) {
        char *msg = xasprintf("URI does not specify a valid host name: %s", r->url);
        http_request_fail(r, "org.apache.http.client.ClientProtocolException", msg);
        free(msg);
        drop_headers(r);
        goto out;
    }
    int port = uri.port;
    r->host = xstrdup(uri.host);
    r->port = port >= 0 ? port : url_default_port(r->scheme);
    if (!http_request_finish_headers(r, scope, ctx, opt, &uri)) {
        drop_headers(r);
        goto out;
    }
    r->target = uri.target;
    uri.target = NULL;
    struct strbuf wire;   /* scheme://host[:port]target, without printf */
    strbuf_init(&wire);
    strbuf_adds(&wire, r->scheme);
    strbuf_adds(&wire, "://");
    strbuf_adds(&wire, r->host);
    if (port >= 0) {
        char digits[16];
        int n = snprintf(digits, sizeof digits, ":%d", port);
        strbuf_addn(&wire, digits, (size_t)n);
    }
    strbuf_adds(&wire, r->target);
    r->wire_url = strbuf_detach(&wire);
    if (strcmp(r->scheme, "http") != 0 && strcmp(r->scheme, "https") != 0) {
        char *msg = xasprintf("%s protocol is not supported", r->scheme);
        http_request_fail(r, "org.apache.http.conn.UnsupportedSchemeException", msg);
        free(msg);
        goto out;
    }
    if (file_class) {
        r->error_class = file_class;
        r->error_message = file_msg;
        file_class = file_msg = NULL;
    }
out:
    free(file_class);
    free(file_msg);
    url_uri_info_free(&uri);
}

static void set_encoding(struct http_request *r, const char *enc)
{
    const char *canonical;
    if (!enc[0])
        r->content_encoding = xstrdup("UTF-8");
    else if (charset_lookup(enc, &canonical) == CHARSET_OK)
        r->content_encoding = xstrdup(canonical);
    else
        r->content_encoding = xstrdup(enc);
}

void http_request_build(const struct plan_http_sampler *h, const struct plan_scope *scope,
                        struct expr_ctx *ctx, const struct http_request_options *opt,
                        struct http_request *out)
{
    memset(out, 0, sizeof *out);
    out->port = -1;
    char *raw_path = eval(h->path, ctx);
    char *path = spaces_to_20(raw_path);
    free(raw_path);
    char *domain = eval(h->domain, ctx);
    char *protocol = eval(h->protocol, ctx);
    out->method = eval(h->method, ctx);
    char *enc = eval(h->content_encoding, ctx);
    set_encoding(out, enc);
    free(enc);
    char *port = eval(h->port, ctx);
    struct http_eval e;
    eval_args_files(h, ctx, &e);

    char *host = NULL;
    if (str_starts_with(path, "http://") || str_starts_with(path, "https://")) {
        struct url_parts u;
        char *error = NULL;
        if (url_parse(path, &u, &error)) {
            out->url = url_to_string(&u);
            url_parts_free(&u);
        } else {
            http_request_fail(out, "java.net.MalformedURLException", error);
        }
        free(error);
    } else {
        out->url = assemble_url(out, path, domain, protocol, port, &e, &host);
    }
    if (out->url)
        send_steps(out, h, scope, ctx, opt, &e, false, host);
    if (!out->error_class || out->n_headers > 0)
        eval_settings(h, ctx, out);
    if (!out->error_class)
        http_proxy_route(out, opt ? opt->proxy : NULL);
    free(host);
    free(path);
    free(domain);
    free(protocol);
    free(port);
    eval_free(&e);
}

void http_request_build_url(const struct plan_http_sampler *h, const struct plan_scope *scope,
                            struct expr_ctx *ctx, const struct http_request_options *opt,
                            const char *url, const char *method, bool following_redirect,
                            struct http_request *out)
{
    memset(out, 0, sizeof *out);
    out->port = -1;
    out->method = xstrdup(method ? method : "GET");
    char *enc = eval(h->content_encoding, ctx);
    set_encoding(out, enc);
    free(enc);
    struct http_eval e;
    eval_args_files(h, ctx, &e);
    out->url = xstrdup(url);
    send_steps(out, h, scope, ctx, opt, &e, following_redirect, NULL);
    if (!out->error_class || out->n_headers > 0)
        eval_settings(h, ctx, out);
    if (!out->error_class)
        http_proxy_route(out, opt ? opt->proxy : NULL);
    eval_free(&e);
}

/* ------------------------------------------------------------------- texts */

void http_request_sampler_data(const struct http_request *r, const char *cookie,
                               struct strbuf *out)
{
    if (!r->url) {
        strbuf_adds(out, "null");   /* JMeter prints the missing method */
        return;
    }
    const char *m = r->method ? r->method : "null";
    /* plain appends: this runs for every request of a sampler not built once */
    strbuf_adds(out, m);
    strbuf_addc(out, ' ');
    strbuf_adds(out, r->url);
    strbuf_addc(out, '\n');
    if (strcmp(m, "HEAD") != 0 && strcmp(m, "OPTIONS") != 0 && strcmp(m, "TRACE") != 0) {
        strbuf_addc(out, '\n');
        strbuf_adds(out, m);
        strbuf_adds(out, " data:\n");
        strbuf_adds(out, r->post_data ? r->post_data : "");
        strbuf_addc(out, '\n');
    }
    if (cookie && *cookie) {
        strbuf_adds(out, "\nCookie Data:\n");
        strbuf_adds(out, cookie);
    } else
        strbuf_adds(out, "\n[no cookies]");
    strbuf_addc(out, '\n');
}

void http_request_free(struct http_request *r)
{
    if (!r)
        return;
    drop_headers(r);
    free(r->headers);
    free(r->method);
    free(r->url);
    free(r->wire_url);
    free(r->target);
    free(r->scheme);
    free(r->host);
    free(r->body);
    free(r->post_data);
    free(r->entity_type);
    if (r->auth) {
        free(r->auth->url);
        free(r->auth->username);
        free(r->auth->password);
        free(r->auth->domain);
        free(r->auth->realm);
        free(r->auth);
    }
    free(r->content_encoding);
    free(r->embedded_url_re);
    free(r->embedded_url_exclude_re);
    free(r->ip_source);
    free(r->proxy_scheme);
    free(r->proxy_host);
    free(r->proxy_user);
    free(r->proxy_pass);
    free(r->error_class);
    free(r->error_message);
    memset(r, 0, sizeof *r);
}
