/* test_proxy.c - http_proxy.c: the -H -P -E -u -a -N flags, JMeter's
 * nonProxyHosts matcher (HTTPHCAbstractImpl.isNonProxy), and the proxy each
 * request takes (HTTPHC4Impl.createHttpClientKey: the sampler's own proxy
 * first, then the run's unless the host is a non-proxy host), through
 * http_request_build as the runner calls it. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/http_proxy.h"
#include "jmx2run/http_request.h"
#include "jmx2run/plan.h"
#include "testutil.h"

static struct props *props;
static struct expr_env env;
static struct strmap vars;
static struct expr_ctx ctx;
static struct arena *A;

/* ------------------------------------------------------------------ helpers */

static bool init(struct http_proxy_settings *ps, const char *host, const char *port,
                 const char *scheme, const char *user, const char *pass, const char *non_proxy,
                 char **error)
{
    const struct http_proxy_flags f = {host, port, scheme, user, pass, non_proxy};
    return http_proxy_settings_init(ps, &f, props, error);
}

/* The error for a set of flags (malloc'd), NULL when they were accepted. */
static char *init_error(const char *host, const char *port, const char *scheme)
{
    struct http_proxy_settings ps;
    char *error = NULL;
    if (init(&ps, host, port, scheme, "tester", "pa55word", NULL, &error)) {
        http_proxy_settings_free(&ps);
        return NULL;
    }
    CU_ASSERT_PTR_NULL(ps.host);
    CU_ASSERT_PTR_NOT_NULL(error);
    if (error)
        CU_ASSERT_PTR_NULL(strstr(error, "pa55word"));
    return error;
}

static struct tmpl *T(const char *s)
{
    return tmpl_compile(A, s, NULL, "test", 1);
}

static struct plan_http_sampler *sampler(const char *url)
{
    struct plan_http_sampler *h = arena_alloc(A, sizeof *h);
    h->protocol = T("");
    h->domain = T("");
    h->port = T("");
    h->path = T(url);
    h->method = T("GET");
    h->content_encoding = T("");
    h->use_keepalive = true;
    h->concurrent_pool = T("6");
    h->proxy_scheme = T("");
    h->proxy_host = T("");
    h->proxy_port = T("");
    h->proxy_user = T("");
    h->proxy_pass = T("");
    return h;
}

static void own_proxy(struct plan_http_sampler *h, const char *scheme, const char *host,
                      const char *port, const char *user, const char *pass)
{
    h->proxy_scheme = T(scheme);
    h->proxy_host = T(host);
    h->proxy_port = T(port);
    h->proxy_user = T(user);
    h->proxy_pass = T(pass);
}

/* The proxy URL a request to url goes through ("direct" when none), with
 * "user:pass@" prefixed when credentials go with it. */
static char *route(const struct plan_http_sampler *h, const struct http_proxy_settings *ps)
{
    struct http_request_options o = {.proxy = ps};
    struct http_request r;
    http_request_build(h, NULL, &ctx, &o, &r);
    char *out;
    if (r.error_class) {
        out = xasprintf("%s: %s", r.error_class, r.error_message);
    } else {
        char *url = http_proxy_url(&r);
        out = !url ? xstrdup("direct")
            : *r.proxy_user ? xasprintf("%s:%s@%s", r.proxy_user, r.proxy_pass, url)
                            : xstrdup(url);
        free(url);
    }
    http_request_free(&r);
    return out;
}

#define CHECK_ROUTE(h, ps, expected)                                                   \
    do {                                                                               \
        char *got_ = route((h), (ps));                                                 \
        CU_ASSERT_STRING_EQUAL_MSG(got_, (expected));                                  \
        free(got_);                                                                    \
    } while (0)

/* -------------------------------------------------------------- the flags */

static void test_flags_accepted(void)
{
    struct http_proxy_settings ps;
    char *error = NULL;
    CU_ASSERT_TRUE(init(&ps, NULL, NULL, NULL, NULL, NULL, NULL, &error));
    CU_ASSERT_PTR_NULL(ps.host);   /* no -H: no run-wide proxy */
    http_proxy_settings_free(&ps);

    CU_ASSERT_TRUE(init(&ps, "proxy.corp", "3128", NULL, NULL, NULL, NULL, &error));
    CU_ASSERT_STRING_EQUAL(ps.host, "proxy.corp");
    CU_ASSERT_EQUAL(ps.port, 3128);
    CU_ASSERT_STRING_EQUAL(ps.scheme, "http");
    CU_ASSERT_STRING_EQUAL(ps.user, "");
    CU_ASSERT_STRING_EQUAL(ps.pass, "");
    http_proxy_settings_free(&ps);

    /* Integer.parseInt takes a leading '+'; the scheme is lower-cased (HttpHost);
     * a blank -E is not set, as JMeter does */
    CU_ASSERT_TRUE(init(&ps, "p", "+8080", "HTTPS", NULL, NULL, NULL, &error));
    CU_ASSERT_EQUAL(ps.port, 8080);
    CU_ASSERT_STRING_EQUAL(ps.scheme, "https");
    http_proxy_settings_free(&ps);
    CU_ASSERT_TRUE(init(&ps, "p", "65535", " ", NULL, NULL, NULL, &error));
    CU_ASSERT_STRING_EQUAL(ps.scheme, "http");
    http_proxy_settings_free(&ps);
    CU_ASSERT_PTR_NULL(error);
}

static void test_flags_refused(void)
{
    char *e = init_error("p", NULL, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(e, "If specifying a proxy server, host and port must be given "
                                  "(-H host -P port)");
    free(e);
    e = init_error(NULL, "3128", NULL);
    CU_ASSERT_STRING_EQUAL_MSG(e, "If specifying a proxy server, host and port must be given "
                                  "(-H host -P port)");
    free(e);
    const char *bad_ports[] = {"", "abc", "0", "-1", "65536", "99999999999", "80 ", " 80", "8o"};
    for (size_t i = 0; i < sizeof bad_ports / sizeof *bad_ports; i++) {
        e = init_error("p", bad_ports[i], NULL);
        char *want = xasprintf("-P %s: not a port number (1 to 65535)", bad_ports[i]);
        CU_ASSERT_STRING_EQUAL_MSG(e, want);
        free(want);
        free(e);
    }
    e = init_error("p", "3128", "socks5");
    CU_ASSERT_STRING_EQUAL_MSG(e, "-E socks5: the proxy scheme must be http or https");
    free(e);
    e = init_error("", "3128", NULL);
    CU_ASSERT_STRING_EQUAL_MSG(e, "-H needs a proxy host name");
    free(e);
}

/* -u sets http.proxyUser and, with it, -a sets http.proxyPass; without them
 * the JMeter properties of those names count. */
static void test_credentials(void)
{
    struct http_proxy_settings ps;
    char *error = NULL;
    CU_ASSERT_TRUE(init(&ps, "p", "1", NULL, "u", "pw", NULL, &error));
    CU_ASSERT_STRING_EQUAL(ps.user, "u");
    CU_ASSERT_STRING_EQUAL(ps.pass, "pw");
    http_proxy_settings_free(&ps);

    props_set(props, "http.proxyUser", "prop-user");
    props_set(props, "http.proxyPass", "prop-pass");
    CU_ASSERT_TRUE(init(&ps, "p", "1", NULL, NULL, NULL, NULL, &error));
    CU_ASSERT_STRING_EQUAL(ps.user, "prop-user");
    CU_ASSERT_STRING_EQUAL(ps.pass, "prop-pass");
    http_proxy_settings_free(&ps);
    CU_ASSERT_TRUE(init(&ps, "p", "1", NULL, "u", NULL, NULL, &error));
    CU_ASSERT_STRING_EQUAL(ps.user, "u");
    CU_ASSERT_STRING_EQUAL(ps.pass, "prop-pass");
    http_proxy_settings_free(&ps);
    /* -a alone is ignored, as JMeter ignores it */
    CU_ASSERT_TRUE(init(&ps, "p", "1", NULL, NULL, "alone", NULL, &error));
    CU_ASSERT_STRING_EQUAL(ps.user, "prop-user");
    CU_ASSERT_STRING_EQUAL(ps.pass, "prop-pass");
    http_proxy_settings_free(&ps);
    props_remove(props, "http.proxyUser");
    props_remove(props, "http.proxyPass");
}

/* ------------------------------------------------------ nonProxyHosts (-N) */

static void test_non_proxy_hosts(void)
{
    struct http_proxy_settings ps;
    char *error = NULL;
    CU_ASSERT_TRUE(init(&ps, "p", "1", NULL, NULL, NULL,
                        "localhost|*.example.com||*internal|10.0.0.1|[::1]| spaced |", &error));
    CU_ASSERT_EQUAL(ps.n_exact, 4);       /* the empty entries vanish */
    CU_ASSERT_EQUAL(ps.n_suffixes, 2);
    const struct { const char *host; bool bypass; } cases[] = {
        {"localhost", true},
        {"LOCALHOST", false},             /* HashSet.contains: case matters */
        {"localhost.", false},
        {"www.example.com", true},
        {"a.b.example.com", true},
        {"example.com", false},           /* "*.example.com" is a suffix ".example.com" */
        {"www.EXAMPLE.com", false},       /* String.endsWith: case matters */
        {"x.internal", true},
        {"myinternal", true},             /* a bare suffix, no dot needed */
        {"internal.net", false},
        {"10.0.0.1", true},
        {"10.0.0.10", false},
        {"110.0.0.1", false},
        {"[::1]", true},                  /* URL.getHost() keeps the brackets */
        {" spaced ", true},               /* entries are not trimmed */
        {"spaced", false},
        {"", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool got = http_proxy_bypass(&ps, cases[i].host);
        if (got != cases[i].bypass)
            fprintf(stderr, "\n    bypass(\"%s\") = %d\n", cases[i].host, got);
        CU_ASSERT_EQUAL(got, cases[i].bypass);
    }
    http_proxy_settings_free(&ps);

    CU_ASSERT_TRUE(init(&ps, "p", "1", NULL, NULL, NULL, "*", &error));
    CU_ASSERT_TRUE(http_proxy_bypass(&ps, "anything.at.all"));   /* "*": every host */
    http_proxy_settings_free(&ps);
    CU_ASSERT_TRUE(init(&ps, "p", "1", NULL, NULL, NULL, "|||", &error));
    CU_ASSERT_FALSE(http_proxy_bypass(&ps, "localhost"));
    http_proxy_settings_free(&ps);
    CU_ASSERT_FALSE(http_proxy_bypass(NULL, "localhost"));
}

/* --------------------------------------------------- the route of a request */

static void test_route_run_proxy(void)
{
    struct http_proxy_settings ps;
    char *error = NULL;
    CU_ASSERT_TRUE(init(&ps, "proxy.corp", "3128", NULL, "u", "p", "127.0.0.1|*.local", &error));
    CHECK_ROUTE(sampler("http://shop.example/a"), &ps, "u:p@http://proxy.corp:3128");
    CHECK_ROUTE(sampler("https://shop.example/a"), &ps, "u:p@http://proxy.corp:3128");
    CHECK_ROUTE(sampler("http://127.0.0.1:8080/a"), &ps, "direct");
    CHECK_ROUTE(sampler("http://shop.local/a"), &ps, "direct");
    CHECK_ROUTE(sampler("http://local/a"), &ps, "u:p@http://proxy.corp:3128");
    /* no run-wide proxy, no sampler proxy */
    CHECK_ROUTE(sampler("http://shop.example/a"), NULL, "direct");
    http_proxy_settings_free(&ps);

    CU_ASSERT_TRUE(init(&ps, "::1", "3128", "https", NULL, NULL, NULL, &error));
    CHECK_ROUTE(sampler("http://shop.example/a"), &ps, "https://[::1]:3128");
    http_proxy_settings_free(&ps);
}

static void test_route_sampler_proxy(void)
{
    struct http_proxy_settings ps;
    char *error = NULL;
    CU_ASSERT_TRUE(init(&ps, "proxy.corp", "3128", "https", "u", "p", "127.0.0.1", &error));
    struct plan_http_sampler *h = sampler("http://127.0.0.1/a");
    /* the sampler's own proxy wins, -N does not apply to it, its credentials only,
     * and without a scheme it takes -E's */
    own_proxy(h, "", "own.proxy", "8888", "", "");
    CHECK_ROUTE(h, &ps, "https://own.proxy:8888");
    own_proxy(h, "HTTP", "own.proxy", "${__P(own_port,8889)}", "me", "${__P(own_pass,x)}");
    CHECK_ROUTE(h, &ps, "me:x@http://own.proxy:8889");
    CHECK_ROUTE(h, NULL, "me:x@http://own.proxy:8889");
    /* without -H a sampler proxy without a scheme is http */
    own_proxy(h, "", "own.proxy", "8888", "", "");
    CHECK_ROUTE(h, NULL, "http://own.proxy:8888");
    /* a host without a port above 0, or a blank host, is no proxy of its own */
    struct plan_http_sampler *g = sampler("http://shop.example/a");
    own_proxy(g, "", "own.proxy", "", "me", "pw");
    CHECK_ROUTE(g, &ps, "u:p@https://proxy.corp:3128");
    own_proxy(g, "", "own.proxy", "0", "me", "pw");
    CHECK_ROUTE(g, NULL, "direct");
    own_proxy(g, "", "  ", "8888", "me", "pw");
    CHECK_ROUTE(g, &ps, "u:p@https://proxy.corp:3128");
    /* HttpClient has no socket factory for other schemes */
    own_proxy(g, "SOCKS", "own.proxy", "1080", "", "");
    CHECK_ROUTE(g, &ps, "org.apache.http.conn.UnsupportedSchemeException: socks protocol is not supported");
    http_proxy_settings_free(&ps);
}

static void test_proxy_url(void)
{
    struct http_request r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_PTR_NULL(http_proxy_url(&r));
    r.proxy_host = "";
    CU_ASSERT_PTR_NULL(http_proxy_url(&r));
    r.proxy_host = "[fe80::1]";
    r.proxy_scheme = "http";
    r.proxy_port = 80;
    char *u = http_proxy_url(&r);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://[fe80::1]:80");
    free(u);
    r.proxy_host = "fe80::1";
    u = http_proxy_url(&r);
    CU_ASSERT_STRING_EQUAL_MSG(u, "http://[fe80::1]:80");
    free(u);
    CU_ASSERT_STRING_EQUAL(http_proxy_reason(407), "Proxy Authentication Required");
    CU_ASSERT_STRING_EQUAL(http_proxy_reason(502), "Bad Gateway");
    CU_ASSERT_STRING_EQUAL(http_proxy_reason(299), "");
}

static const struct cu_test tests[] = {
    {"flags accepted", test_flags_accepted},
    {"flags refused", test_flags_refused},
    {"credentials from -u -a or properties", test_credentials},
    {"nonProxyHosts as JMeter matches them", test_non_proxy_hosts},
    {"route: the run's proxy and -N", test_route_run_proxy},
    {"route: the sampler's own proxy", test_route_sampler_proxy},
    {"proxy URL and reason phrases", test_proxy_url},
    {NULL, NULL},
};

int main(void)
{
    props = props_new();
    expr_env_init(&env, props);
    strmap_init(&vars);
    expr_ctx_init(&ctx, &env, &vars);
    A = arena_new();
    int rc = cu_run("proxy", tests);
    arena_free(A);
    strmap_free(&vars);
    expr_env_cleanup(&env);
    props_free(props);
    return rc;
}
