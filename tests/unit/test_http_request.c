/* test_http_request.c - http_request_build: URL assembly (digest §5.2),
 * bodies (§5.3), headers and their order (§5.4, §6.2), Authorization
 * Manager (§6.5), errors (§5.8), the texts JMeter records; and the requests
 * of tests/data/http/requests.jmx and samples/demo-shop.jmx compared with
 * what JMeter 2.13 sent (tests/data/http, tests/data/oracle), adjusted for
 * the documented 2.13 / 5.6 differences. Header order and multipart layout
 * were checked against HttpClient 4.5.14 itself. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/http_request.h"
#include "jmx2run/jmx.h"
#include "jmx2run/plan.h"
#include "testutil.h"

#define UA HTTP_DEFAULT_USER_AGENT

static struct props *props;
static struct expr_env env;
static struct strmap vars;
static struct expr_ctx ctx;
static struct arena *A;
static char *data_dir;

/* ------------------------------------------------------------ plan helpers */

static struct tmpl *T(const char *s)
{
    return tmpl_compile(A, s, NULL, "test", 1);
}

static struct plan_http_sampler *sampler(const char *method, const char *path)
{
    struct plan_http_sampler *h = arena_alloc(A, sizeof *h);
    h->protocol = T("http");
    h->domain = T("example.com");
    h->port = T("");
    h->path = T(path);
    h->method = T(method);
    h->content_encoding = T("");
    h->use_keepalive = true;
    h->concurrent_pool = T("6");
    return h;
}

static void arg_meta(struct plan_http_sampler *h, const char *name, const char *value, bool enc,
                     const char *meta)
{
    struct plan_http_arg *args = arena_alloc(A, (h->n_args + 1) * sizeof *args);
    if (h->n_args)
        memcpy(args, h->args, h->n_args * sizeof *args);
    struct plan_http_arg *a = &args[h->n_args];
    a->name = T(name);
    a->value = T(value);
    a->metadata = meta;
    a->always_encode = enc;
    a->enabled = true;
    h->args = args;
    h->n_args++;
}

static void arg(struct plan_http_sampler *h, const char *name, const char *value, bool enc)
{
    arg_meta(h, name, value, enc, "=");
}

static void add_file(struct plan_http_sampler *h, const char *path, const char *param,
                     const char *mime)
{
    struct plan_http_file *f = arena_alloc(A, (h->n_files + 1) * sizeof *f);
    if (h->n_files)
        memcpy(f, h->files, h->n_files * sizeof *f);
    f[h->n_files].path = T(path);
    f[h->n_files].param_name = T(param);
    f[h->n_files].mime_type = T(mime);
    h->files = f;
    h->n_files++;
}

/* A scope with Header Manager headers: name, value pairs, NULL-terminated. */
static struct plan_scope *scope_headers(const char *const *pairs)
{
    struct plan_scope *s = arena_alloc(A, sizeof *s);
    size_t n = 0;
    while (pairs && pairs[2 * n])
        n++;
    s->headers = arena_alloc(A, (n + 1) * sizeof *s->headers);
    for (size_t i = 0; i < n; i++) {
        s->headers[i].name = T(pairs[2 * i]);
        s->headers[i].value = T(pairs[2 * i + 1]);
    }
    s->n_headers = n;
    return s;
}

/* Adds an Authorization Manager entry to a scope. */
static void auth_entry(struct plan_scope *s, const char *url, const char *user, const char *pass,
                       const char *domain, enum auth_mechanism mech)
{
    if (!s->auth_manager) {
        struct plan_node *n = arena_alloc(A, sizeof *n);
        n->data = arena_alloc(A, sizeof(struct plan_auth_manager));
        s->auth_manager = n;
    }
    struct plan_auth_manager *am = s->auth_manager->data;
    struct plan_auth_entry *e = arena_alloc(A, (am->n_entries + 1) * sizeof *e);
    if (am->n_entries)
        memcpy(e, am->entries, am->n_entries * sizeof *e);
    e[am->n_entries].url = T(url);
    e[am->n_entries].username = T(user);
    e[am->n_entries].password = T(pass);
    e[am->n_entries].domain = T(domain);
    e[am->n_entries].realm = T("");
    e[am->n_entries].mechanism = mech;
    am->entries = e;
    am->n_entries++;
}

static struct http_request_options options = {NULL, NULL, false, "BOUNDARY", NULL};

static void build(const struct plan_http_sampler *h, const struct plan_scope *s,
                  struct http_request *r)
{
    options.base_dir = data_dir;
    http_request_build(h, s, &ctx, &options, r);
    if (r->error_class)
        fprintf(stderr, "\n    (request failed: %s: %s)\n", r->error_class, r->error_message);
}

static const char *hdrs(const struct http_request *r)
{
    static struct strbuf sb;
    strbuf_free(&sb);
    strbuf_init(&sb);
    http_request_headers_text(r, &sb);
    return sb.s;
}

static char *url_of(struct plan_http_sampler *h)
{
    struct http_request r;
    build(h, NULL, &r);
    char *u = r.url ? xstrdup(r.url) : xstrdup("(none)");
    http_request_free(&r);
    return u;
}

static void expect_error(struct plan_http_sampler *h, const struct plan_scope *s,
                         const char *cls, const char *msg)
{
    struct http_request r;
    options.base_dir = data_dir;
    http_request_build(h, s, &ctx, &options, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.error_class, cls);
    CU_ASSERT_STRING_EQUAL_MSG(r.error_message, msg);
    http_request_free(&r);
}

/* ------------------------------------------------------------------- URLs */

static void test_url_assembly(void)
{
    struct plan_http_sampler *h = sampler("GET", "/search");
    arg(h, "q", "a b&c", true);
    char *u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://example.com/search?q=a+b%26c");
    free(u);

    h = sampler("GET", "/a b/c d?x=1");   /* spaces -> %20, already a '?' -> '&' */
    arg(h, "y", "2", false);
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://example.com/a%20b/c%20d?x=1&y=2");
    free(u);

    h = sampler("GET", "search");   /* '/' prepended */
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://example.com/search");
    free(u);

    static const char *const ports[][3] = {
        /* protocol, port, URL */
        {"http", "80", "http://example.com/"},     {"http", "8080", "http://example.com:8080/"},
        {"https", "443", "https://example.com/"},  {"https", "80", "https://example.com:80/"},
        {"", " 8080 ", "http://example.com:8080/"}, {"HTTP", "abc", "http://example.com/"},
        {"http", "+0081", "http://example.com:81/"}, {"http", "-1", "http://example.com/"},
    };
    for (size_t i = 0; i < ARRAY_LEN(ports); i++) {
        h = sampler("GET", "/");
        h->protocol = T(ports[i][0]);
        h->port = T(ports[i][1]);
        u = url_of(h);
        CU_ASSERT_STRING_EQUAL_MSG(u, ports[i][2]);
        free(u);
    }

    /* a full URL in the path: domain, port and arguments ignored */
    h = sampler("GET", "http://other.example:81/x y?z=1");
    h->port = T("9999");
    arg(h, "ignored", "1", true);
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://other.example:81/x%20y?z=1");
    free(u);
    h = sampler("GET", "HTTP://upper.example/");   /* only lower-case prefixes count */
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://example.com/HTTP://upper.example/");
    free(u);

    /* nameless arguments stay out of the query; metadata glues name and value */
    h = sampler("GET", "/q");
    arg(h, "a", "1", false);
    arg(h, "", "nameless", false);
    arg_meta(h, "b", "2", false, "");
    arg_meta(h, "c", "3", false, NULL);
    arg(h, "raw", "x/y%41", false);
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://example.com/q?a=1&b2&c=3&raw=x/y%41");
    free(u);

    /* names are always encoded in UTF-8, values in the content encoding */
    h = sampler("GET", "/q");
    h->content_encoding = T("ISO-8859-1");
    arg(h, "\xC3\xA9", "\xC3\xA9\xE2\x82\xAC", true);
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://example.com/q?%C3%A9=%E9%3F");
    free(u);
    h = sampler("GET", "/q");
    h->content_encoding = T("no-such-charset");   /* JMeter leaves the value out */
    arg(h, "k", "v", true);
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://example.com/q?k=");
    free(u);

    /* only GET, DELETE and OPTIONS (exact spelling) get a query string */
    static const char *const methods[][2] = {
        {"DELETE", "http://example.com/m?a=1"}, {"OPTIONS", "http://example.com/m?a=1"},
        {"HEAD", "http://example.com/m"},       {"POST", "http://example.com/m"},
        {"PUT", "http://example.com/m"},        {"TRACE", "http://example.com/m"},
        {"get", "http://example.com/m"},
    };
    for (size_t i = 0; i < ARRAY_LEN(methods); i++) {
        h = sampler(methods[i][0], "/m");
        arg(h, "a", "1", true);
        u = url_of(h);
        CU_ASSERT_STRING_EQUAL_MSG(u, methods[i][1]);
        free(u);
    }

    h = sampler("GET", "/v6");
    h->domain = T("::1");
    h->port = T("8080");
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://[::1]:8080/v6");
    free(u);

    /* variables in every part */
    strmap_set(&vars, "host", "vars.example");
    strmap_set(&vars, "id", "7");
    h = sampler("GET", "/items/${id}");
    h->domain = T("${host}");
    arg(h, "id", "${id}", true);
    u = url_of(h);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://vars.example/items/7?id=7");
    free(u);
}

static void test_request_target_and_host(void)
{
    struct plan_http_sampler *h = sampler("GET", "//a//b/\xC3\xA9#frag");
    h->port = T("8080");
    struct http_request r;
    build(h, NULL, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.url, "http://example.com:8080//a//b/\xC3\xA9#frag");
    CU_ASSERT_STRING_EQUAL_MSG(r.target, "/a/b/%EF%BF%BD");
    CU_ASSERT_STRING_EQUAL_MSG(r.wire_url, "http://example.com:8080/a/b/%EF%BF%BD");
    CU_ASSERT_STRING_EQUAL_MSG(r.host, "example.com");
    CU_ASSERT_EQUAL(r.port, 8080);
    CU_ASSERT_STRING_EQUAL_MSG(r.scheme, "http");
    http_request_free(&r);

    h = sampler("GET", "/p");
    h->protocol = T("https");
    h->domain = T("my_host");
    build(h, NULL, &r);
    CU_ASSERT_PTR_NULL(r.error_class);
    CU_ASSERT_STRING_EQUAL_MSG(r.wire_url, "https://my_host/p");
    CU_ASSERT_EQUAL(r.port, 443);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nHost: my_host\nUser-Agent: " UA "\n");
    http_request_free(&r);
}

/* ----------------------------------------------------------------- errors */

static void test_errors(void)
{
    struct plan_http_sampler *h = sampler("GET", "/q");
    arg(h, "v", "a b", false);
    expect_error(h, NULL, "java.net.URISyntaxException",
                 "Illegal character in query at index 24: http://example.com/q?v=a b");

    h = sampler("GET", "/a|b");
    expect_error(h, NULL, "java.net.URISyntaxException",
                 "Illegal character in path at index 20: http://example.com/a|b");

    h = sampler("GET", "/p");
    h->domain = T("");
    expect_error(h, NULL, "org.apache.http.client.ClientProtocolException",
                 "URI does not specify a valid host name: http:/p");
    h->port = T("8080");
    expect_error(h, NULL, "org.apache.http.client.ClientProtocolException",
                 "URI does not specify a valid host name: http://:8080/p");

    h = sampler("GET", "/p");
    h->protocol = T("gopher2");
    expect_error(h, NULL, "java.net.MalformedURLException", "unknown protocol: gopher2");
    h->protocol = T("ftp");
    expect_error(h, NULL, "org.apache.http.conn.UnsupportedSchemeException",
                 "ftp protocol is not supported");

    h = sampler("GET", "/p");
    h->port = T("-5");
    expect_error(h, NULL, "java.net.MalformedURLException", "Invalid port number :-5");

    h = sampler("GET", "/p");
    h->domain = T("a/b");
    expect_error(h, NULL, "java.net.MalformedURLException", "Illegal character found in host: '/'");
    h->domain = T("h#x");
    expect_error(h, NULL, "java.net.URISyntaxException", "Illegal character found in host: '#': h#x");
    h->domain = T("my host");
    expect_error(h, NULL, "java.net.URISyntaxException",
                 "Illegal character in authority at index 7: http://my host/p");

    h = sampler("GET", "http://h:abc/");
    struct http_request r;
    options.base_dir = data_dir;
    http_request_build(h, NULL, &ctx, &options, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.error_class, "java.net.MalformedURLException");
    CU_ASSERT_STRING_EQUAL_MSG(r.error_message, "Error at index 0 in: \"abc\"");
    CU_ASSERT_PTR_NULL(r.url);
    struct strbuf sd;
    strbuf_init(&sd);
    http_request_sampler_data(&r, NULL, &sd);
    CU_ASSERT_STRING_EQUAL_MSG(sd.s, "null");
    strbuf_free(&sd);
    http_request_free(&r);

    h = sampler("BAD METHOD", "/p");
    expect_error(h, NULL, "java.lang.IllegalArgumentException", "Unexpected method: 'BAD METHOD'");
    h = sampler("", "/p");
    expect_error(h, NULL, "java.lang.IllegalArgumentException", "Unexpected method: ''");

    h = sampler("POST", "/p");
    h->content_encoding = T("bogus");
    expect_error(h, NULL, "java.nio.charset.UnsupportedCharsetException", "bogus");
    h->content_encoding = T(" UTF-8");
    expect_error(h, NULL, "java.nio.charset.IllegalCharsetNameException", " UTF-8");

    h = sampler("POST", "/p");
    arg(h, "pct", "100%", false);
    expect_error(h, NULL, "java.lang.IllegalArgumentException",
                 "URLDecoder: Incomplete trailing escape (%) pattern");

    h = sampler("POST", "/p");
    add_file(h, "a.txt", "f", "");
    add_file(h, "b.txt", "g", "text/plain");
    expect_error(h, NULL, "org.apache.http.ParseException", "Invalid content type: ");

    h = sampler("POST", "/p");
    h->do_multipart = true;
    struct plan_http_arg *a;
    arg(h, "x", "1", false);
    a = &h->args[0];
    a->content_type = T("");
    expect_error(h, NULL, "java.lang.IllegalArgumentException", "MIME type may not be blank");

    static const char *const host_hdr[] = {"Host", "h:99999999999", NULL};
    h = sampler("GET", "/p");
    expect_error(h, scope_headers(host_hdr), "java.lang.NumberFormatException",
                 "For input string: \"99999999999\"");
    static const char *const te_hdr[] = {"Transfer-Encoding", "chunked", NULL};
    h = sampler("POST", "/p");
    expect_error(h, scope_headers(te_hdr), "org.apache.http.client.ClientProtocolException", "null");

    /* an unreadable file fails when the body is written: headers are known by then */
    h = sampler("PUT", "/p");
    add_file(h, "missing.bin", "", "image/png");
    options.base_dir = data_dir;
    http_request_build(h, NULL, &ctx, &options, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.error_class, "java.io.FileNotFoundException");
    char *msg = xasprintf("%s/missing.bin (No such file or directory)", data_dir);
    CU_ASSERT_STRING_EQUAL_MSG(r.error_message, msg);
    free(msg);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nContent-Type: image/png\n"
                                         "Content-Length: 0\nHost: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);
    h = sampler("PUT", "/p");
    add_file(h, ".", "", "");
    expect_error(h, NULL, "java.io.FileNotFoundException", ". (Is a directory)");
}

/* ----------------------------------------------------------------- bodies */

static void expect_body(const struct http_request *r, const char *body, size_t len)
{
    CU_ASSERT_EQUAL(r->body_len, len);
    CU_ASSERT_TRUE(r->body_len == len && memcmp(r->body, body, len) == 0);
    if (r->body_len != len || memcmp(r->body, body, len) != 0)
        fprintf(stderr, "\n    body [%.*s], expected [%s]\n", (int)r->body_len, r->body, body);
}

static void test_form_bodies(void)
{
    struct plan_http_sampler *h = sampler("POST", "/f");
    arg(h, "a", "x y", true);
    arg(h, "b", "J%C3%BCrgen", false);   /* decoded, then encoded again */
    arg(h, "c", "p+q", false);
    arg(h, "${undefined}", "skipped", false);
    arg(h, " ", "skipped", false);
    arg(h, "d", "~*", true);
    struct http_request r;
    build(h, NULL, &r);
    CU_ASSERT_TRUE(r.entity);
    CU_ASSERT_EQUAL(r.body_kind, HTTP_BODY_FORM);
    expect_body(&r, "a=x+y&b=J%C3%BCrgen&c=p+q&d=%7E*", 32);
    CU_ASSERT_STRING_EQUAL_MSG(r.url, "http://example.com/f");
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nContent-Length: 32\n"
                                         "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\n"
                                         "Host: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);

    h = sampler("POST", "/f");
    h->content_encoding = T("latin1");
    arg(h, "n\xC3\xA9", "\xC3\xA9\xE2\x82\xAC", true);
    build(h, NULL, &r);
    expect_body(&r, "n%E9=%E9%3F", 11);
    CU_ASSERT_STRING_EQUAL_MSG(r.entity_type, "application/x-www-form-urlencoded; charset=ISO-8859-1");
    http_request_free(&r);

    /* no parameters: an empty form */
    h = sampler("POST", "/empty");
    build(h, NULL, &r);
    expect_body(&r, "", 0);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nContent-Length: 0\n"
                                         "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\n"
                                         "Host: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);

    /* PUT sends named parameters as a form body; DELETE in the query and the body */
    h = sampler("PUT", "/put");
    arg(h, "a", "1", false);
    build(h, NULL, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.url, "http://example.com/put");
    expect_body(&r, "a=1", 3);
    http_request_free(&r);
    h = sampler("DELETE", "/del");
    arg(h, "a", "1", false);
    build(h, NULL, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.url, "http://example.com/del?a=1");
    CU_ASSERT_STRING_EQUAL_MSG(r.target, "/del?a=1");
    expect_body(&r, "a=1", 3);
    http_request_free(&r);

    /* HEAD, OPTIONS and TRACE never have a body */
    static const char *const bodyless[] = {"HEAD", "OPTIONS", "TRACE"};
    for (size_t i = 0; i < ARRAY_LEN(bodyless); i++) {
        h = sampler(bodyless[i], "/n");
        arg(h, "a", "1", false);
        arg(h, "", "raw", false);
        build(h, NULL, &r);
        CU_ASSERT_FALSE(r.entity);
        CU_ASSERT_EQUAL(r.body_len, 0);
        CU_ASSERT_PTR_NULL(http_headers_first(&r, "Content-Length"));
        http_request_free(&r);
    }
    /* a WebDAV-like method carries a body */
    h = sampler("PROPFIND", "/dav");
    build(h, NULL, &r);
    CU_ASSERT_TRUE(r.entity);
    CU_ASSERT_STRING_EQUAL_MSG(http_headers_first(&r, "Content-Length")->value, "0");
    http_request_free(&r);
}

static void test_raw_bodies(void)
{
    struct plan_http_sampler *h = sampler("POST", "/raw");
    h->post_body_raw = true;
    arg(h, "", "{\"k\": ", false);
    arg(h, "", "\"\xC3\xA9\xE2\x82\xAC\"}", false);
    arg(h, "", " a b", true);
    struct http_request r;
    build(h, NULL, &r);
    CU_ASSERT_EQUAL(r.body_kind, HTTP_BODY_RAW);
    expect_body(&r, "{\"k\": \"\xC3\xA9\xE2\x82\xAC\"}+a+b", 18);
    CU_ASSERT_STRING_EQUAL_MSG(r.post_data, "{\"k\": \"\xC3\xA9\xE2\x82\xAC\"}+a+b");
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nContent-Length: 18\n"
                                         "Content-Type: text/plain; charset=UTF-8\n"
                                         "Host: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);

    /* the body charset; a Header Manager Content-Type wins */
    static const char *const json[] = {"X-A", "1", "Content-Type", "application/json", NULL};
    h = sampler("POST", "/raw");
    h->content_encoding = T("ISO-8859-1");
    arg(h, "", "x\xE2\x82\xAC", false);
    build(h, scope_headers(json), &r);
    expect_body(&r, "x?", 2);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nX-A: 1\nContent-Type: application/json\n"
                                         "Content-Length: 2\nHost: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);

    /* GET with nameless parameters sends them as a body, not a query */
    h = sampler("GET", "/g");
    arg(h, "", "payload", false);
    build(h, NULL, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.url, "http://example.com/g");
    CU_ASSERT_TRUE(r.entity);
    expect_body(&r, "payload", 7);
    CU_ASSERT_STRING_EQUAL_MSG(r.entity_type, "text/plain; charset=UTF-8");
    http_request_free(&r);

    /* the first file's MIME type is the raw body's Content-Type */
    h = sampler("PATCH", "/p");
    h->post_body_raw = true;
    arg(h, "named", "<x/>", false);
    add_file(h, "", "", "application/xml");
    build(h, NULL, &r);
    expect_body(&r, "<x/>", 4);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nContent-Type: application/xml\n"
                                         "Content-Length: 4\nHost: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);
}

static void test_file_bodies(void)
{
    struct plan_http_sampler *h = sampler("PUT", "/up");
    add_file(h, "upload.txt", "", "image/png");
    struct http_request r;
    build(h, NULL, &r);
    CU_ASSERT_EQUAL(r.body_kind, HTTP_BODY_FILE);
    expect_body(&r, "FILE\n", 5);
    CU_ASSERT_STRING_EQUAL_MSG(r.post_data, "<actual file content, not shown here>");
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nContent-Type: image/png\n"
                                         "Content-Length: 5\nHost: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);

    /* no MIME type: no Content-Type at all */
    h = sampler("POST", "/up");
    add_file(h, "upload.txt", "", "");
    build(h, NULL, &r);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nContent-Length: 5\n"
                                         "Host: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);

    /* GET with a single nameless file sends it */
    h = sampler("GET", "/up");
    add_file(h, "upload.txt", "", "text/plain");
    build(h, NULL, &r);
    CU_ASSERT_TRUE(r.entity);
    expect_body(&r, "FILE\n", 5);
    http_request_free(&r);
}

static const char multipart_rfc6532[] =
    "--BOUNDARY\r\n"
    "Content-Disposition: form-data; name=\"field\"\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "v\xC3\xA4lue\r\n"
    "--BOUNDARY\r\n"
    "Content-Disposition: form-data; name=\"j\\\"s\"\r\n"
    "Content-Type: application/json; charset=ISO-8859-1\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "{\"\xE4\"}\r\n"
    "--BOUNDARY\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"upload.txt\"\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Transfer-Encoding: binary\r\n"
    "\r\n"
    "FILE\n\r\n"
    "--BOUNDARY--\r\n";

static const char multipart_lax[] =
    "--BOUNDARY\r\n"
    "Content-Disposition: form-data; name=\"field\"\r\n"
    "\r\n"
    "v\xC3\xA4lue\r\n"
    "--BOUNDARY\r\n"
    "Content-Disposition: form-data; name=\"j\\\"s\"\r\n"
    "\r\n"
    "{\"\xE4\"}\r\n"
    "--BOUNDARY\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"upload.txt\"\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "FILE\n\r\n"
    "--BOUNDARY--\r\n";

static void test_multipart(void)
{
    static const char *const ct[] = {"Content-Type", "text/xml", "X-B", "2", NULL};
    for (int lax = 0; lax < 2; lax++) {
        struct plan_http_sampler *h = sampler("POST", "/mp");
        h->browser_compatible_multipart = lax;
        arg(h, "field", "v\xC3\xA4lue", false);
        arg(h, "j\"s", "{\"\xC3\xA4\"}", false);
        h->args[1].content_type = T("application/json; charset=ISO-8859-1");
        arg(h, "", "nameless parts are skipped", false);
        add_file(h, "upload.txt", "file", "text/plain");
        struct http_request r;
        build(h, scope_headers(ct), &r);
        CU_ASSERT_EQUAL(r.body_kind, HTTP_BODY_MULTIPART);
        const char *want = lax ? multipart_lax : multipart_rfc6532;
        expect_body(&r, want, strlen(want));
        /* the Header Manager's Content-Type is replaced by the multipart one */
        char *expected = xasprintf("Connection: keep-alive\nX-B: 2\nContent-Length: %zu\n"
                                   "Content-Type: multipart/form-data; boundary=BOUNDARY; charset=UTF-8\n"
                                   "Host: example.com\nUser-Agent: " UA "\n", strlen(want));
        CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), expected);
        free(expected);
        CU_ASSERT_PTR_NOT_NULL(strstr(r.post_data, "<actual file content, not shown here>\r\n"));
        CU_ASSERT_PTR_NULL(strstr(r.post_data, "FILE\n"));
        http_request_free(&r);
    }

    /* DO_MULTIPART_POST without files; a random boundary like HttpClient's */
    struct plan_http_sampler *h = sampler("POST", "/mp");
    h->do_multipart = true;
    arg(h, "a", "1", false);
    struct http_request_options o = {data_dir, NULL, false, NULL, NULL};
    struct http_request r;
    http_request_build(h, NULL, &ctx, &o, &r);
    const char *b = r.entity_type + strlen("multipart/form-data; boundary=");
    size_t blen = strcspn(b, ";");
    CU_ASSERT_TRUE(blen >= 30 && blen <= 40);
    CU_ASSERT_EQUAL(strspn(b, "-_1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), blen);
    CU_ASSERT_TRUE(r.body_len > 2 && memcmp(r.body, "--", 2) == 0 && memcmp(r.body + 2, b, blen) == 0);
    http_request_free(&r);

    /* a file without a path is no file: no multipart, a form instead */
    h = sampler("POST", "/f");
    arg(h, "a", "1", false);
    add_file(h, "upload.txt", "f1", "text/plain");
    add_file(h, "", "f2", "text/plain");
    build(h, NULL, &r);
    CU_ASSERT_EQUAL(r.body_kind, HTTP_BODY_FORM);
    expect_body(&r, "a=1", 3);
    http_request_free(&r);
}

/* ---------------------------------------------------------------- headers */

static void test_headers(void)
{
    static const char *const hm[] = {"X-A", "1", "Content-Length", "999", "X-A", "2",
                                     "X-Latin", "caf\xC3\xA9 \xE2\x82\xAC\r\nx", "X-Empty", "", NULL};
    struct plan_http_sampler *h = sampler("GET", "/h");
    h->use_keepalive = false;
    struct http_request r;
    build(h, scope_headers(hm), &r);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: close\nX-A: 1\nX-A: 2\n"
                                         "X-Latin: caf\xC3\xA9 \xE2\x82\xAC\r\nx\nX-Empty: \n"
                                         "Host: example.com\nUser-Agent: " UA "\n");
    CU_ASSERT_STRING_EQUAL_MSG(http_headers_first(&r, "X-Latin")->wire, "caf\xE9 ?  x");
    CU_ASSERT_EQUAL(r.cookie_pos, 5);
    char **lines = http_request_header_lines(&r, "sid=1");
    static const char *const want[] = {"Connection: close", "X-A: 1", "X-A: 2", "X-Latin: caf\xE9 ?  x",
                                       "X-Empty;", "Cookie: sid=1", "Host: example.com",
                                       "User-Agent: " UA, "Accept:", "Expect:", "Accept-Encoding:", NULL};
    for (size_t i = 0; want[i] || lines[i]; i++) {
        CU_ASSERT_STRING_EQUAL_MSG(lines[i], want[i]);
        if (!lines[i] || !want[i])
            break;
    }
    http_header_lines_free(lines);
    http_request_free(&r);

    /* Host from a Header Manager: its port wins, else the URL's; the default drops */
    static const char *const cases[][4] = {
        /* URL port, Host value, protocol, sent */
        {"8080", "virtual.example", "http", "virtual.example:8080"},
        {"8080", "virtual.example:9090", "http", "virtual.example:9090"},
        {"", "virtual.example:80", "http", "virtual.example"},
        {"", "virtual.example", "http", "virtual.example"},
        {"", "v:443", "https", "v"},
        {"", "v:80", "https", "v:80"},
        {"8080", "v:", "http", "v::8080"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *pairs[] = {"X-Before", "b", "host", cases[i][1], NULL};
        h = sampler("GET", "/vh");
        h->port = T(cases[i][0]);
        h->protocol = T(cases[i][2]);
        build(h, scope_headers(pairs), &r);
        char *want_hdrs = xasprintf("Connection: keep-alive\nX-Before: b\nhost: %s\nUser-Agent: " UA "\n",
                                    cases[i][3]);
        CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), want_hdrs);
        free(want_hdrs);
        http_request_free(&r);
    }

    /* User-Agent: a Header Manager's wins; the default can be set or dropped */
    static const char *const ua[] = {"user-agent", "Mine/1", NULL};
    h = sampler("GET", "/ua");
    build(h, scope_headers(ua), &r);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nuser-agent: Mine/1\nHost: example.com\n");
    http_request_free(&r);
    struct http_request_options o = {data_dir, "", false, NULL, NULL};
    http_request_build(h, NULL, &ctx, &o, &r);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nHost: example.com\n");
    http_request_free(&r);
    o.user_agent = "Custom/2";
    http_request_build(h, NULL, &ctx, &o, &r);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nHost: example.com\nUser-Agent: Custom/2\n");
    http_request_free(&r);

    /* Header Manager values are evaluated */
    strmap_set(&vars, "token", "abc");
    static const char *const tok[] = {"X-Token", "Bearer ${token}", NULL};
    build(h, scope_headers(tok), &r);
    CU_ASSERT_STRING_EQUAL_MSG(http_headers_first(&r, "X-Token")->value, "Bearer abc");
    http_request_free(&r);
}

/* ------------------------------------------------------------------- auth */

static const char *auth_of(struct plan_http_sampler *h, struct plan_scope *s)
{
    static char buf[256];
    struct http_request r;
    build(h, s, &r);
    const struct http_header *a = http_headers_first(&r, "Authorization");
    snprintf(buf, sizeof buf, "%s", a ? a->value : "(none)");
    if (a && str_starts_with(a->value, "Basic "))
        CU_ASSERT_PTR_EQUAL(a, &r.headers[r.n_headers - 1]);   /* HttpClient adds it last */
    http_request_free(&r);
    return buf;
}

static void test_auth(void)
{
    struct plan_scope *s = scope_headers(NULL);
    auth_entry(s, "http://example.com/secure", "bob", "s3cret", "", AUTH_BASIC);
    struct plan_http_sampler *h = sampler("GET", "/secure/x");
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "Basic Ym9iOnMzY3JldA==");
    h = sampler("GET", "/other");
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "(none)");

    /* the default port written or not */
    s = scope_headers(NULL);
    auth_entry(s, "http://example.com:80/secure", "bob", "s3cret", "", AUTH_BASIC);
    h = sampler("GET", "/secure");
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "Basic Ym9iOnMzY3JldA==");
    s = scope_headers(NULL);
    auth_entry(s, "https://example.com/", "bob", "s3cret", "", AUTH_BASIC);
    h = sampler("GET", "/x");
    h->protocol = T("https");
    h->port = T("443");
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "Basic Ym9iOnMzY3JldA==");
    h->port = T("8443");
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "(none)");

    /* first match wins; an empty URL matches everything; the path is decoded */
    s = scope_headers(NULL);
    auth_entry(s, "http://example.com/a b", "spaced", "x", "", AUTH_BASIC);
    auth_entry(s, "", "any", "y", "", AUTH_BASIC);
    h = sampler("GET", "/a b/c");
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "Basic c3BhY2VkOng=");
    h = sampler("GET", "/elsewhere");
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "Basic YW55Onk=");

    /* NTCredentials: DOMAIN\user, ASCII with '?' (checked with HttpClient) */
    s = scope_headers(NULL);
    auth_entry(s, "", "us\xC3\xA9r", "p\xC3\xA4ss:w", "dom", AUTH_BASIC);
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "Basic RE9NXHVzP3I6cD9zczp3");

    /* Digest: handed over, nothing sent up front */
    s = scope_headers(NULL);
    auth_entry(s, "http://example.com/", "dig", "pw", "", AUTH_DIGEST);
    struct http_request r;
    build(h, s, &r);
    CU_ASSERT_PTR_NULL(http_headers_first(&r, "Authorization"));
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.auth);
    CU_ASSERT_EQUAL(r.auth->mechanism, AUTH_DIGEST);
    CU_ASSERT_STRING_EQUAL_MSG(r.auth->username, "dig");
    CU_ASSERT_STRING_EQUAL_MSG(r.auth->password, "pw");
    http_request_free(&r);

    /* a Header Manager Authorization wins; pre-emptive sending can be off */
    static const char *const own[] = {"Authorization", "Bearer t", NULL};
    s = scope_headers(own);
    auth_entry(s, "", "bob", "s3cret", "", AUTH_BASIC);
    CU_ASSERT_STRING_EQUAL_MSG(auth_of(h, s), "Bearer t");
    s = scope_headers(NULL);
    auth_entry(s, "", "bob", "s3cret", "", AUTH_BASIC);
    struct http_request_options o = {data_dir, NULL, true, NULL, NULL};
    http_request_build(h, s, &ctx, &o, &r);
    CU_ASSERT_PTR_NULL(http_headers_first(&r, "Authorization"));
    CU_ASSERT_PTR_NOT_NULL(r.auth);
    http_request_free(&r);
}

/* ------------------------------------------------------------------ texts */

static void test_texts(void)
{
    struct plan_http_sampler *h = sampler("GET", "/p");
    arg(h, "x", "1", false);
    struct http_request r;
    build(h, NULL, &r);
    struct strbuf sb;
    strbuf_init(&sb);
    http_request_sampler_data(&r, NULL, &sb);
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "GET http://example.com/p?x=1\n\nGET data:\n\n\n[no cookies]\n");
    http_request_free(&r);

    h = sampler("POST", "/f");
    arg(h, "a", "1", false);
    build(h, NULL, &r);
    strbuf_reset(&sb);
    http_request_sampler_data(&r, "k=v; s=2", &sb);
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "POST http://example.com/f\n\nPOST data:\na=1\n\nCookie Data:\nk=v; s=2\n");
    http_request_free(&r);

    h = sampler("HEAD", "/p");
    build(h, NULL, &r);
    strbuf_reset(&sb);
    http_request_sampler_data(&r, "", &sb);
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "HEAD http://example.com/p\n\n[no cookies]\n");
    /* the request headers text never shows the Cookie header */
    http_headers_add(&r, "Cookie", "k=v");
    strbuf_reset(&sb);
    http_request_headers_text(&r, &sb);
    CU_ASSERT_PTR_NULL(strstr(sb.s, "Cookie"));
    http_request_free(&r);
    strbuf_free(&sb);
}

/* ------------------------------------------------- redirect hops, resources */

static void test_build_url(void)
{
    struct plan_http_sampler *h = sampler("POST", "/form");
    arg(h, "a", "1", false);
    struct http_request r;
    options.base_dir = data_dir;
    http_request_build_url(h, NULL, &ctx, &options, "http://example.com/next?x=1", "GET", true, &r);
    CU_ASSERT_PTR_NULL(r.error_class);
    CU_ASSERT_STRING_EQUAL_MSG(r.method, "GET");
    CU_ASSERT_STRING_EQUAL_MSG(r.url, "http://example.com/next?x=1");
    CU_ASSERT_FALSE(r.entity);
    CU_ASSERT_STRING_EQUAL_MSG(hdrs(&r), "Connection: keep-alive\nHost: example.com\nUser-Agent: " UA "\n");
    http_request_free(&r);

    /* an embedded resource of a sampler whose GET has a raw body carries it too */
    h = sampler("GET", "/page");
    arg(h, "", "raw", false);
    http_request_build_url(h, NULL, &ctx, &options, "http://cdn.example.com:81/i.png", "GET", false, &r);
    CU_ASSERT_TRUE(r.entity);
    expect_body(&r, "raw", 3);
    CU_ASSERT_STRING_EQUAL_MSG(http_headers_first(&r, "Host")->value, "cdn.example.com:81");
    http_request_free(&r);

    /* a HEAD hop stays HEAD */
    http_request_build_url(h, NULL, &ctx, &options, "http://example.com/h", http_redirect_method("HEAD"),
                           true, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.method, "HEAD");
    CU_ASSERT_FALSE(r.entity);
    http_request_free(&r);
}

/* ------------------------------------------------------- plans vs. JMeter */

struct loaded {
    struct jmx_doc *doc;
    struct plan *plan;
    struct diag_list diags;
};

static bool load_plan(const char *rel, struct loaded *l)
{
    diag_list_init(&l->diags);
    char *path = test_path(rel);
    l->doc = jmx_load_file(path, &l->diags);
    free(path);
    l->plan = l->doc ? plan_build(l->doc, &l->diags) : NULL;
    return l->plan != NULL;
}

static void unload_plan(struct loaded *l)
{
    plan_free(l->plan);
    jmx_doc_free(l->doc);
    diag_list_free(&l->diags);
}

static struct plan_node *node_named(struct plan *p, const char *name)
{
    for (size_t i = 0; i < p->n_nodes; i++)
        if (strcmp(p->nodes[i]->name, name) == 0 && p->nodes[i]->role == ROLE_SAMPLER)
            return p->nodes[i];
    fprintf(stderr, "\n    no sampler named %s\n", name);
    return NULL;
}

static char *replace_all(const char *s, const char *from, const char *to)
{
    struct strbuf sb;
    strbuf_init(&sb);
    size_t fl = strlen(from);
    for (const char *p = s; *p;) {
        if (strncmp(p, from, fl) == 0) {
            strbuf_adds(&sb, to);
            p += fl;
        } else {
            strbuf_addc(&sb, *p++);
        }
    }
    return strbuf_detach(&sb);
}

/* The request lines (headers in order, the Cookie at its place) of r. */
static char *lines_text(const struct http_request *r, const char *cookie)
{
    struct strbuf sb;
    strbuf_init(&sb);
    char **lines = http_request_header_lines(r, cookie);
    for (char **l = lines; *l; l++)
        if (strcmp(*l, "Accept:") != 0 && strcmp(*l, "Expect:") != 0 &&
            strcmp(*l, "Accept-Encoding:") != 0 && strcmp(*l, "Content-Type:") != 0)
            strbuf_addf(&sb, "%s\n", *l);
    http_header_lines_free(lines);
    return strbuf_detach(&sb);
}

/* The same from a server log entry, placeholders filled in. */
static char *logged_lines(json_t *entry, const char *const *subst)
{
    struct strbuf sb;
    strbuf_init(&sb);
    size_t i;
    json_t *h;
    json_array_foreach(json_object_get(entry, "headers"), i, h)
        strbuf_addf(&sb, "%s: %s\n", json_string_value(json_array_get(h, 0)),
                    json_string_value(json_array_get(h, 1)));
    char *text = strbuf_detach(&sb);
    for (size_t k = 0; subst[k]; k += 2) {
        char *t = replace_all(text, subst[k], subst[k + 1]);
        free(text);
        text = t;
    }
    return text;
}

static json_t *log_entry(json_t *log, const char *method, const char *target, const char *const *subst)
{
    size_t i;
    json_t *e;
    json_array_foreach(log, i, e) {
        char *t = xstrdup(json_string_value(json_object_get(e, "target")));
        for (size_t k = 0; subst[k]; k += 2) {
            char *u = replace_all(t, subst[k], subst[k + 1]);
            free(t);
            t = u;
        }
        bool same = strcmp(t, target) == 0 && str_eq(json_string_value(json_object_get(e, "method")), method);
        free(t);
        if (same)
            return e;
    }
    return NULL;
}

static json_t *read_log(const char *rel)
{
    char *path = test_path(rel);
    size_t len;
    char *text = file_read_all(path, &len);
    free(path);
    CU_ASSERT_PTR_NOT_NULL(text);
    json_t *arr = json_array();
    for (char *line = text, *nl; text && line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        json_t *j = json_loads(line, 0, NULL);
        if (j)
            json_array_append_new(arr, j);
    }
    free(text);
    return arr;
}

/* One sampler of a plan against the request JMeter 2.13 logged: method,
 * target and body equal; headers equal once the logged ones are turned
 * into their 5.6 form by `fix` (pairs of "from", "to" text replacements on
 * the header block). */
static void compare_logged(struct plan *p, json_t *log, const char *name, const char *cookie,
                           const char *const *subst, const char *const *fix, const char *body_5_6)
{
    struct plan_node *n = node_named(p, name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    struct http_request r;
    ctx.sampler_name = name;
    build(n->data, n->scope, &r);
    CU_ASSERT_PTR_NULL(r.error_class);
    json_t *e = r.target ? log_entry(log, r.method, r.target, subst) : NULL;
    if (!e)
        fprintf(stderr, "\n    %s: no logged %s %s\n", name, r.method, r.target);
    CU_ASSERT_PTR_NOT_NULL(e);
    if (e) {
        char *want = logged_lines(e, subst);
        for (size_t k = 0; fix && fix[k]; k += 2) {
            char *t = replace_all(want, fix[k], fix[k + 1]);
            free(want);
            want = t;
        }
        char *got = lines_text(&r, cookie);
        CU_ASSERT_STRING_EQUAL_MSG(got, want);
        free(got);
        free(want);
        char *logged_body = xstrdup(json_string_value(json_object_get(e, "body")));
        for (size_t k = 0; subst[k]; k += 2) {
            char *t = replace_all(logged_body, subst[k], subst[k + 1]);
            free(logged_body);
            logged_body = t;
        }
        const char *want_body = body_5_6 ? body_5_6 : logged_body;
        char *got_body = xstrndup(r.body ? r.body : "", r.body_len);
        CU_ASSERT_STRING_EQUAL_MSG(got_body, want_body);
        free(got_body);
        free(logged_body);
    }
    http_request_free(&r);
}

static void test_requests_fixture(void)
{
    struct loaded l;
    CU_ASSERT_TRUE_FATAL(load_plan("tests/data/http/requests.jmx", &l));
    json_t *log = read_log("tests/data/http/requests.2.13.jsonl");
    strmap_set(&vars, "who", "world");   /* the Test Plan's variable */
    static const char *const subst[] = {"<port>", "18080", NULL};
    static const char *const form_fix[] = {
        "Content-Type: application/x-www-form-urlencoded\nContent-Length: 31\n",
        "Content-Length: 31\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\n", NULL};
    static const char *const put_fix[] = {
        "Content-Length: 0\n",
        "Content-Length: 12\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\n", NULL};
    static const char *const raw_fix[] = {
        "Content-Type: application/x-www-form-urlencoded\nContent-Length: 14\n",
        "Content-Length: 14\nContent-Type: text/plain; charset=UTF-8\n", NULL};
    /* 2.13 set a virtual host instead of sending the Header Manager's Host header
     * where it stands (and ignored a port written in it) */
    static const char *const host_fix[] = {
        "Connection: close\nX-Both: outer\nX-TG: tg\nHost: virtual.example:18080\n",
        "Connection: close\nHost: virtual.example:18080\nX-Both: outer\nX-TG: tg\n", NULL};
    static const char *const auth_fix[] = {
        "User-Agent: " UA "\n", "User-Agent: " UA "\nAuthorization: Basic Ym9iOnMzY3JldA==\n", NULL};

    compare_logged(l.plan, log, "Search", NULL, subst, NULL, NULL);
    compare_logged(l.plan, log, "Form", NULL, subst, form_fix, NULL);
    compare_logged(l.plan, log, "Put form", NULL, subst, put_fix, "a=1&dflt=d+v");
    compare_logged(l.plan, log, "Delete params", NULL, subst, put_fix, "a=1&dflt=d+v");
    compare_logged(l.plan, log, "Raw body", NULL, subst, raw_fix, NULL);
    compare_logged(l.plan, log, "Host override", NULL, subst, host_fix, NULL);
    compare_logged(l.plan, log, "Secure", NULL, subst, auth_fix, NULL);
    compare_logged(l.plan, log, "Full URL", NULL, subst, NULL, NULL);

    /* the one JMeter 2.13 refused: same exception, same text */
    struct plan_node *n = node_named(l.plan, "Raw space");
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    struct http_request r;
    http_request_build(n->data, n->scope, &ctx, &options, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.error_class, "java.net.URISyntaxException");
    CU_ASSERT_STRING_EQUAL_MSG(r.error_message, "Illegal character in query at index 30: "
                                                "http://127.0.0.1:18080/raw?q=a b&dflt=d+v");
    CU_ASSERT_STRING_EQUAL_MSG(r.url, "http://127.0.0.1:18080/raw?q=a b&dflt=d+v");
    http_request_free(&r);
    json_decref(log);
    unload_plan(&l);
}

/* samples/demo-shop.jmx against what the demo server received from 2.13 */
static void test_demo_shop(void)
{
    struct loaded l;
    CU_ASSERT_TRUE_FATAL(load_plan("samples/demo-shop.jmx", &l));
    json_t *log = read_log("tests/data/oracle/demo-shop.requests.jsonl");
    strmap_set(&vars, "host", "127.0.0.1");
    strmap_set(&vars, "port", "18080");
    strmap_set(&vars, "apiHost", "127.0.0.1:19090");
    strmap_set(&vars, "productId", "4");   /* one digit, as in the run: Content-Length 88 */
    static const char *const subst[] = {"<port>", "18080", "<api-port>", "19090", "<product-1>", "4",
                                        "<session-1>", "S1", NULL};
    /* 5.6: a body-less POST or DELETE still sends an (empty) form entity */
    static const char *const post_fix[] = {
        "Content-Type: application/x-www-form-urlencoded\nContent-Length: 0\n",
        "Content-Length: 0\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\n", NULL};
    static const char *const delete_fix[] = {
        "Content-Type: text/plain; charset=ISO-8859-1\n",
        "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\n", NULL};

    compare_logged(l.plan, log, "Home page", NULL, subst, NULL, NULL);
    compare_logged(l.plan, log, "Read config", "shop_session=S1", subst, NULL, NULL);
    compare_logged(l.plan, log, "Product list", "shop_session=S1", subst, NULL, NULL);
    compare_logged(l.plan, log, "Product page", "shop_session=S1", subst, NULL, NULL);
    compare_logged(l.plan, log, "View product", "shop_session=S1", subst, post_fix, NULL);
    compare_logged(l.plan, log, "View cart", "shop_session=S1", subst, NULL, NULL);
    compare_logged(l.plan, log, "Delete cart", "shop_session=S1", subst, delete_fix, NULL);

    /* Add to cart: a fresh UUID in the body; everything else as logged */
    struct plan_node *n = node_named(l.plan, "Add to cart");
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    struct http_request r;
    build(n->data, n->scope, &r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.body);
    const char *id = strstr(r.body, "\"itemId\": \"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(id);
    char *uuid = xstrndup(id + 11, 36);
    const char *const subst2[] = {"<port>", "18080", "<product-1>", "4", "<session-1>", "S1",
                                  "<uuid-1>", uuid, NULL};
    http_request_free(&r);
    /* the UUID differs per build: compare everything but it */
    build(n->data, n->scope, &r);
    id = strstr(r.body, "\"itemId\": \"");
    memcpy((char *)id + 11, uuid, 36);
    json_t *e = log_entry(log, "POST", "/api/cart/items", subst2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    char *want = logged_lines(e, subst2);
    char *got = lines_text(&r, "shop_session=S1");
    CU_ASSERT_STRING_EQUAL_MSG(got, want);
    char *logged_body = replace_all(json_string_value(json_object_get(e, "body")), "<uuid-1>", uuid);
    char *body42 = replace_all(logged_body, "<product-1>", "4");
    char *got_body = xstrndup(r.body, r.body_len);
    CU_ASSERT_STRING_EQUAL_MSG(got_body, body42);
    free(got_body);
    free(body42);
    free(logged_body);
    free(got);
    free(want);
    free(uuid);
    http_request_free(&r);
    json_decref(log);
    unload_plan(&l);
}

static void test_hello_world(void)
{
    struct loaded l;
    CU_ASSERT_TRUE_FATAL(load_plan("samples/hello-world.jmx", &l));
    json_t *log = read_log("tests/data/oracle/hello-world.requests.jsonl");
    props_set(props, "port", "18080");
    static const char *const subst[] = {"<port>", "18080", NULL};
    compare_logged(l.plan, log, "Hello", NULL, subst, NULL, NULL);
    json_decref(log);
    unload_plan(&l);
}

static const struct cu_test tests[] = {
    {"url_assembly", test_url_assembly},
    {"request_target_and_host", test_request_target_and_host},
    {"errors", test_errors},
    {"form_bodies", test_form_bodies},
    {"raw_bodies", test_raw_bodies},
    {"file_bodies", test_file_bodies},
    {"multipart", test_multipart},
    {"headers", test_headers},
    {"auth", test_auth},
    {"texts", test_texts},
    {"build_url", test_build_url},
    {"requests_fixture", test_requests_fixture},
    {"demo_shop", test_demo_shop},
    {"hello_world", test_hello_world},
    {NULL, NULL},
};

int main(void)
{
    props = props_new();
    props_set(props, "port", "18080");
    expr_env_init(&env, props);
    strmap_init(&vars);
    expr_ctx_init(&ctx, &env, &vars);
    A = arena_new();
    data_dir = test_path("tests/data/http");
    int rc = cu_run("http_request", tests);
    free(data_dir);
    arena_free(A);
    strmap_free(&vars);
    expr_env_cleanup(&env);
    props_free(props);
    return rc;
}
