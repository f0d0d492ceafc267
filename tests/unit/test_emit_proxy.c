/* test_emit_proxy.c - HTTP proxies in emitted locustfiles (issue 9).
 *
 * First the text: a sampler's proxy fields become proxies=sampler_proxies(...)
 * with its templates translated, a proxy JMeter ignores (blank host, port not
 * above 0) none; jmx2run -H -P -E -u -a -N become proxy_defaults and each
 * user's use_proxies(); FastHttpUser gets TODOs and warnings instead; the
 * runtime piece is left out when nothing uses a proxy; no password in the
 * header comment or a warning. Then the meaning: the runtime's Python (run by
 * Debian's /usr/bin/python3, which has Locust) takes the same routes as
 * src/run/http_proxy.c for a table of -N lists, hosts and sampler proxies,
 * and puts credentials in the proxy URL so that requests sends them intact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/emit.h"
#include "jmx2run/http_proxy.h"
#include "jmx2run/http_request.h"
#include "jmx2run/jmx.h"
#include "jmx2run/plan.h"
#include "testutil.h"

/* ------------------------------------------------------------------ helpers */

static const char plan_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\"><hashTree>\n"
    "<TestPlan guiclass=\"TestPlanGui\" testclass=\"TestPlan\" testname=\"Proxies\"/><hashTree>\n"
    "<ThreadGroup guiclass=\"ThreadGroupGui\" testclass=\"ThreadGroup\" testname=\"Users\">\n"
    "<intProp name=\"ThreadGroup.num_threads\">1</intProp>\n"
    "<elementProp name=\"ThreadGroup.main_controller\" elementType=\"LoopController\" "
    "guiclass=\"LoopControlPanel\" testclass=\"LoopController\">"
    "<stringProp name=\"LoopController.loops\">1</stringProp></elementProp>\n"
    "</ThreadGroup><hashTree>\n";
static const char plan_tail[] = "</hashTree></hashTree></hashTree></jmeterTestPlan>\n";

/* One HTTP Request with the given proxy properties (XML, may be ""). */
static void add_sampler(struct strbuf *x, const char *name, const char *proxy_props)
{
    strbuf_addf(x,
                "<HTTPSamplerProxy guiclass=\"HttpTestSampleGui\" testclass=\"HTTPSamplerProxy\" "
                "testname=\"%s\">\n"
                "<stringProp name=\"HTTPSampler.domain\">shop.example</stringProp>\n"
                "<stringProp name=\"HTTPSampler.path\">/%s</stringProp>\n"
                "<stringProp name=\"HTTPSampler.method\">GET</stringProp>\n"
                "<boolProp name=\"HTTPSampler.use_keepalive\">true</boolProp>\n%s"
                "</HTTPSamplerProxy><hashTree/>\n",
                name, name, proxy_props);
}

static char *prop_xml(const char *name, const char *value)
{
    return xasprintf("<stringProp name=\"HTTPSampler.%s\">%s</stringProp>\n", name, value);
}

/* The plan part of the file as logical lines: a line the writer wrapped
 * inside brackets is joined again ("f(\n    a,\n    b\n)" -> "f(a, b)"), a
 * comment wrapped over lines too. Only the plan part: the runtime section is
 * verbatim text, never wrapped. */
static char *unwrap(const char *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    const char *plan = strstr(s, "# The test plan.");
    size_t head = plan ? (size_t)(plan - s) : 0;
    strbuf_addn(&sb, s, head);
    int depth = 0;
    char quote = 0;
    bool comment = false;
    for (const char *p = s + head; *p; p++) {
        char c = *p;
        if (c == '\n') {
            const char *q = p + 1;
            while (*q == ' ')
                q++;
            char prev = sb.len ? sb.s[sb.len - 1] : '\n';
            if (depth > 0) {
                if (!strchr("([", prev) && !strchr(")]", *q))
                    strbuf_addc(&sb, ' ');
                p = q - 1;
            } else if (comment && *q == '#') {
                strbuf_addc(&sb, ' ');
                p = q[1] == ' ' ? q + 1 : q;
            } else {
                strbuf_addc(&sb, '\n');
                comment = false;
            }
            continue;
        }
        strbuf_addc(&sb, c);
        if (comment)
            continue;
        if (quote) {
            if (c == '\\' && p[1])
                strbuf_addc(&sb, *++p);
            else if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#') {
            comment = true;
        } else if (strchr("([{", c)) {
            depth++;
        } else if (strchr(")]}", c) && depth > 0) {
            depth--;
        }
    }
    return strbuf_detach(&sb);
}

struct emitted {
    char *text;        /* the file as written */
    char *flat;        /* unwrapped */
    char *header;      /* the leading comment block */
    struct diag_list diags;
    size_t todo;
};

static void emit_plan(struct emitted *e, const char *samplers_xml, const struct http_proxy_flags *f,
                      bool fast)
{
    struct strbuf x;
    strbuf_init(&x);
    strbuf_adds(&x, plan_head);
    strbuf_adds(&x, samplers_xml);
    strbuf_adds(&x, plan_tail);
    diag_list_init(&e->diags);
    struct jmx_doc *doc = jmx_load_memory(x.s, x.len, "proxies.jmx", &e->diags);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct plan *plan = plan_build(doc, &e->diags);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    struct emit_options opt = {.fast = fast, .plan_path = "proxies.jmx", .proxy = f};
    struct strbuf out;
    strbuf_init(&out);
    e->todo = emit_locust(plan, &opt, &out, &e->diags);
    e->text = strbuf_detach(&out);
    e->flat = unwrap(e->text);
    const char *body = strstr(e->text, "\n\n");
    e->header = xstrndup(e->text, body ? (size_t)(body - e->text) : strlen(e->text));
    plan_free(plan);
    jmx_doc_free(doc);
    strbuf_free(&x);
}

static void emitted_free(struct emitted *e)
{
    free(e->text);
    free(e->flat);
    free(e->header);
    diag_list_free(&e->diags);
}

static bool diag_has(const struct emitted *e, const char *needle)
{
    for (size_t i = 0; i < e->diags.len; i++)
        if (strstr(e->diags.items[i].message, needle))
            return true;
    return false;
}

#define HAS(e, needle)                                                               \
    do {                                                                             \
        if (!strstr((e)->flat, needle))                                              \
            fprintf(stderr, "\n    %s:%d: no [%s] in the file\n", __FILE__, __LINE__, \
                    needle);                                                         \
        CU_ASSERT_PTR_NOT_NULL(strstr((e)->flat, needle));                           \
    } while (0)
#define HAS_NOT(e, needle)                                                           \
    do {                                                                             \
        if (strstr((e)->flat, needle))                                               \
            fprintf(stderr, "\n    %s:%d: [%s] in the file\n", __FILE__, __LINE__,    \
                    needle);                                                         \
        CU_ASSERT_PTR_NULL(strstr((e)->flat, needle));                               \
    } while (0)

/* -------------------------------------------------------------------- text */

static void test_no_proxy(void)
{
    struct strbuf x;
    strbuf_init(&x);
    add_sampler(&x, "plain", "");
    char *blank = prop_xml("proxyHost", "  ");
    char *port = prop_xml("proxyPort", "3128");
    char *h = xasprintf("%s%s", blank, port);
    add_sampler(&x, "blank host", h);   /* JMeter ignores a blank host */
    free(h);
    char *host = prop_xml("proxyHost", "proxy.corp");
    char *zero = prop_xml("proxyPort", "0");
    h = xasprintf("%s%s", host, zero);
    add_sampler(&x, "port zero", h);    /* and a port that is not above 0 */
    free(h);
    struct emitted e;
    emit_plan(&e, x.s, NULL, false);
    HAS_NOT(&e, "proxies=");
    HAS_NOT(&e, "def use_proxies");
    HAS_NOT(&e, "use_proxies(self)");
    HAS_NOT(&e, "proxy_defaults");
    CU_ASSERT_FALSE(diag_has(&e, "proxy"));
    emitted_free(&e);

    /* -N, -u, -a without -H: nothing either (jmx2run warns, as a run does) */
    const struct http_proxy_flags f = {.non_proxy_hosts = "localhost", .user = "me", .pass = "pw"};
    emit_plan(&e, x.s, &f, false);
    HAS_NOT(&e, "proxy_defaults");
    HAS_NOT(&e, "use_proxies(self)");
    emitted_free(&e);
    free(blank);
    free(port);
    free(host);
    free(zero);
    strbuf_free(&x);
}

static void test_sampler_proxy(void)
{
    struct strbuf x, p;
    strbuf_init(&x);
    strbuf_init(&p);
    const char *const fields[][2] = {
        {"proxyHost", "proxy.corp"}, {"proxyPort", "${__P(pport,3128)}"},
        {"proxyUser", "me"}, {"proxyPass", "${__P(ppass)}"},
    };
    for (size_t i = 0; i < 4; i++) {
        char *s = prop_xml(fields[i][0], fields[i][1]);
        strbuf_adds(&p, s);
        free(s);
    }
    add_sampler(&x, "own", p.s);
    char *scheme = prop_xml("proxyScheme", "${scheme}");
    char *host = prop_xml("proxyHost", "${proxy}");
    char *port = prop_xml("proxyPort", "8080");
    char *h = xasprintf("%s%s%s", scheme, host, port);
    add_sampler(&x, "no credentials", h);
    free(h);
    char *secret = prop_xml("proxyPass", "literal-pw-9");
    char *user = prop_xml("proxyUser", "u");
    h = xasprintf("%s%s%s%s", host, port, user, secret);
    add_sampler(&x, "literal password", h);
    free(h);

    struct emitted e;
    emit_plan(&e, x.s, NULL, false);
    HAS(&e, "proxies=sampler_proxies(self, '', 'proxy.corp', prop('pport', '3128'), 'me', "
            "prop('ppass')))");
    HAS(&e, "proxies=sampler_proxies(self, self.v('scheme'), self.v('proxy'), '8080'))");
    HAS(&e, "proxies=sampler_proxies(self, '', self.v('proxy'), '8080', 'u', 'literal-pw-9'))");
    HAS(&e, "def sampler_proxies(user, scheme, host, port, username='', password=''):");
    HAS(&e, "use_proxies(self)");          /* -N and -H may still come at run time */
    HAS_NOT(&e, "proxy_defaults.update");
    /* the password where it is used only: not in the header, comments or warnings */
    CU_ASSERT_PTR_NULL(strstr(e.header, "literal-pw-9"));
    CU_ASSERT_FALSE(diag_has(&e, "literal-pw-9"));
    CU_ASSERT_FALSE(diag_has(&e, "proxy"));   /* converted exactly: no note */
    const char *first = strstr(e.text, "literal-pw-9");
    CU_ASSERT_PTR_NOT_NULL(first);
    if (first)
        CU_ASSERT_PTR_NULL(strstr(first + 1, "literal-pw-9"));
    CU_ASSERT_EQUAL(e.todo, 0);
    emitted_free(&e);

    /* FastHttpUser: no proxy, a TODO and a warning for each sampler proxy */
    emit_plan(&e, x.s, NULL, true);
    HAS_NOT(&e, "proxies=");
    HAS_NOT(&e, "def use_proxies");
    HAS(&e, "TODO: the request's proxy (host 'proxy.corp', port '${__P(pport,3128)}') is not "
            "applied: FastHttpUser cannot send requests through a proxy; it goes direct.");
    CU_ASSERT_TRUE(diag_has(&e, "HTTP Request 'own': not converted to Locust: its proxy is not "
                                "applied: FastHttpUser cannot send requests through a proxy"));
    CU_ASSERT_EQUAL(e.todo, 3);
    CU_ASSERT_PTR_NULL(strstr(e.text, "literal-pw-9"));
    emitted_free(&e);
    free(scheme);
    free(host);
    free(port);
    free(secret);
    free(user);
    strbuf_free(&p);
    strbuf_free(&x);
}

static void test_run_proxy(void)
{
    struct strbuf x;
    strbuf_init(&x);
    add_sampler(&x, "plain", "");
    add_sampler(&x, "second", "");
    const struct http_proxy_flags f = {.host = "proxy.corp", .port = "+3128", .scheme = "HTTPS",
                                       .user = "me", .pass = "cli-pw-7",
                                       .non_proxy_hosts = "localhost|*.corp.example"};
    struct emitted e;
    emit_plan(&e, x.s, &f, false);
    HAS(&e, "proxy_defaults.update({ 'proxy_host': 'proxy.corp', 'proxy_port': '3128', "
            "'proxy_scheme': 'https', 'non_proxy_hosts': 'localhost|*.corp.example', "
            "'proxy_user': 'me', 'proxy_password': 'cli-pw-7', })");
    HAS(&e, "use_proxies(self)\n");
    HAS_NOT(&e, "proxies=sampler_proxies");   /* the session's proxy: nothing per request */
    /* written once, used once; never in the header or a warning */
    const char *first = strstr(e.text, "cli-pw-7");
    CU_ASSERT_PTR_NOT_NULL(first);
    if (first)
        CU_ASSERT_PTR_NULL(strstr(first + 1, "cli-pw-7"));
    CU_ASSERT_PTR_NULL(strstr(e.header, "cli-pw-7"));
    CU_ASSERT_FALSE(diag_has(&e, "cli-pw-7"));
    CU_ASSERT_EQUAL(e.todo, 0);
    emitted_free(&e);

    /* -u without -a: the password is http.proxyPass at run time */
    const struct http_proxy_flags g = {.host = "proxy.corp", .port = "3128", .user = "me"};
    emit_plan(&e, x.s, &g, false);
    HAS(&e, "proxy_defaults.update({ 'proxy_host': 'proxy.corp', 'proxy_port': '3128', "
            "'proxy_user': 'me', })");
    emitted_free(&e);

    /* FastHttpUser: one TODO for the plan, no proxy code */
    emit_plan(&e, x.s, &f, true);
    HAS_NOT(&e, "proxy_defaults.update");
    HAS_NOT(&e, "def use_proxies");
    HAS(&e, "# TODO: the proxy given with -H/-P is not applied: FastHttpUser cannot send "
            "requests through a proxy (convert without --locust-fast to keep it); every "
            "request goes direct.");
    CU_ASSERT_TRUE(diag_has(&e, "Test Plan 'Proxies': not converted to Locust: the proxy given "
                                "with -H/-P is not applied"));
    CU_ASSERT_EQUAL(e.todo, 1);
    CU_ASSERT_PTR_NULL(strstr(e.text, "cli-pw-7"));
    emitted_free(&e);
    strbuf_free(&x);
}

/* ----------------------------------------------------------------- meaning */

static bool have_locust_python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 &&
           test_run_command("/usr/bin/python3 -c 'import locust'", NULL, NULL) == 0;
}

/* -N lists and hosts: http_proxy_bypass against the runtime's choice */
static const char *const bypass_lists[] = {
    "localhost|*.corp.example", "*", "|a||b|", "*corp.example", "WWW.example", "",
};
static const char *const bypass_hosts[] = {
    "localhost", "LOCALHOST", "www.corp.example", "corp.example", "xcorp.example", "a", "b",
    "www.example", "WWW.example", "127.0.0.1",
};

/* sampler proxies (scheme, host, port) with the run-wide scheme: http_proxy_route's URL */
static const char *const sampler_cases[][4] = {
    {"", "proxy", "3128", ""}, {"", "proxy", "3128", "https"}, {"HTTPS", "proxy", " 8080 ", ""},
    {"", "proxy", "0", ""}, {"", "proxy", "-1", ""}, {"", "proxy", "x1", ""},
    {"", " ", "3128", ""}, {"", "", "3128", ""}, {"http", "::1", "3128", ""},
    {"", "proxy", "+42", "https"},
};

/* What jmx2run does for a sampler proxy (NULL: the run's proxy applies). */
static char *native_sampler_url(const char *const c[4])
{
    struct http_proxy_settings ps;
    char *error = NULL;
    const struct http_proxy_flags f = {.host = "run-proxy", .port = "1",
                                       .scheme = *c[3] ? c[3] : NULL};
    CU_ASSERT_TRUE_FATAL(http_proxy_settings_init(&ps, &f, NULL, &error));
    struct http_request r;
    memset(&r, 0, sizeof r);
    r.host = xstrdup("example.com");
    r.proxy_scheme = xstrdup(c[0]);
    r.proxy_host = xstrdup(c[1]);
    r.proxy_port = (int)str_to_ll_jmeter(c[2]);
    http_proxy_route(&r, &ps);
    char *url = http_proxy_url(&r);
    char *result = NULL;
    if (url && strcmp(r.proxy_host, "run-proxy") != 0)
        result = url;
    else
        free(url);
    http_request_free(&r);
    http_proxy_settings_free(&ps);
    return result;
}

static void test_same_routes_in_python(void)
{
    if (!have_locust_python()) {
        fprintf(stderr, "\n    (skipped: /usr/bin/python3 with Locust is needed)\n");
        return;
    }
    struct strbuf py;
    strbuf_init(&py);
    emit_runtime_all(&py, false);
    strbuf_adds(&py,
        "\n\nfrom types import SimpleNamespace as _NS\n"
        "import requests.adapters as _adapters\n"
        "import base64 as _base64\n\n\n"
        "class FakeClient:\n"
        "    base_url = 'http://localhost:8080'\n"
        "    proxies = {}\n\n"
        "    def request(self, method, url, *args, **kwargs):\n"
        "        return kwargs.get('proxies')\n\n\n"
        "def _user(**options):\n"
        "    names = ('proxy_host', 'proxy_port', 'proxy_scheme', 'proxy_user',\n"
        "             'proxy_password', 'non_proxy_hosts')\n"
        "    options = _NS(**{name: options.get(name) for name in names})\n"
        "    return _NS(client=FakeClient(), environment=_NS(parsed_options=options))\n\n\n"
        "bad = []\n"
        "DIRECT = {'http': None, 'https': None}\n"
        "def check(what, want, got):\n"
        "    if want != got:\n"
        "        bad.append('%s: jmx2run %r, python %r' % (what, want, got))\n\n\n");
    /* the -N matcher */
    for (size_t l = 0; l < ARRAY_LEN(bypass_lists); l++) {
        struct http_proxy_settings ps;
        char *error = NULL;
        const struct http_proxy_flags f = {.host = "p", .port = "3128",
                                           .non_proxy_hosts = bypass_lists[l]};
        CU_ASSERT_TRUE_FATAL(http_proxy_settings_init(&ps, &f, NULL, &error));
        strbuf_adds(&py, "user = _user(proxy_host='p', proxy_port='3128', non_proxy_hosts=");
        py_str_literal_z(&py, bypass_lists[l]);
        strbuf_adds(&py, ")\nuse_proxies(user)\n"
                         "check('session', {'http': 'http://p:3128', 'https': 'http://p:3128'}, "
                         "user.client.proxies)\n");
        for (size_t h = 0; h < ARRAY_LEN(bypass_hosts); h++) {
            bool bypass = http_proxy_bypass(&ps, bypass_hosts[h]);
            strbuf_adds(&py, "check(");
            char *what = xasprintf("%s / %s", bypass_lists[l], bypass_hosts[h]);
            py_str_literal_z(&py, what);
            free(what);
            strbuf_addf(&py, ", %s, user.client.request('GET', ", bypass ? "DIRECT" : "None");
            char *url = xasprintf("http://%s:8080/x", bypass_hosts[h]);
            py_str_literal_z(&py, url);
            free(url);
            strbuf_adds(&py, "))\n");
        }
        http_proxy_settings_free(&ps);
    }
    /* relative URLs take the client's base URL; a request's own proxies win over -N */
    strbuf_adds(&py,
        "user = _user(proxy_host='p', proxy_port='1', non_proxy_hosts='localhost')\n"
        "use_proxies(user)\n"
        "check('relative', DIRECT, user.client.request('GET', '/x'))\n"
        "own = {'http': 'http://q:2', 'https': 'http://q:2'}\n"
        "check('own', own, user.client.request('GET', '/x', proxies=own))\n"
        "user = _user(non_proxy_hosts='localhost')\n"
        "use_proxies(user)\n"
        "check('no -H: no session proxy', {}, user.client.proxies)\n"
        "check('no -H: no bypass', None, user.client.request('GET', '/x'))\n");
    /* sampler proxies */
    for (size_t i = 0; i < ARRAY_LEN(sampler_cases); i++) {
        const char *const *c = sampler_cases[i];
        char *want = native_sampler_url(c);
        strbuf_adds(&py, "user = _user(proxy_host='run-proxy', proxy_port='1'");
        if (*c[3]) {
            strbuf_adds(&py, ", proxy_scheme=");
            py_str_literal_z(&py, c[3]);
        }
        strbuf_adds(&py, ")\nuse_proxies(user)\ngot = sampler_proxies(user");
        for (int k = 0; k < 3; k++) {
            strbuf_adds(&py, ", ");
            py_str_literal_z(&py, c[k]);
        }
        strbuf_adds(&py, ")\ncheck(");
        char *what = xasprintf("sampler %s://%s:%s (-E %s)", c[0], c[1], c[2], c[3]);
        py_str_literal_z(&py, what);
        free(what);
        strbuf_adds(&py, ", ");
        if (want) {
            strbuf_adds(&py, "{'http': ");
            py_str_literal_z(&py, want);
            strbuf_adds(&py, ", 'https': ");
            py_str_literal_z(&py, want);
            strbuf_adds(&py, "}");
        } else {
            strbuf_adds(&py, "None");
        }
        strbuf_adds(&py, ", got)\n");
        free(want);
    }
    /* credentials: in the URL percent-encoded, sent by requests as Basic, intact */
    strbuf_adds(&py,
        "for name, password in [('me', 'pw'), ('us er@x%', 'p@ss:w/rd%+&#?'), ('a', '')]:\n"
        "    url = sampler_proxies(None, '', 'proxy', '3128', name, password)['http']\n"
        "    header = _adapters.HTTPAdapter().proxy_headers(url)['Proxy-Authorization']\n"
        "    check('credentials ' + name, name + ':' + password,\n"
        "          _base64.b64decode(header.split()[1]).decode())\n"
        "    parts = urllib.parse.urlsplit(url)\n"
        "    check('url ' + name, ('http', 'proxy', 3128),\n"
        "          (parts.scheme, parts.hostname, parts.port))\n"
        "check('no user', {'http': 'http://proxy:3128', 'https': 'http://proxy:3128'},\n"
        "      sampler_proxies(None, '', 'proxy', '3128', '', 'ignored'))\n"
        "PROPERTIES.update({'http.proxyUser': 'pu', 'http.proxyPass': 'pp'})\n"
        "check('properties', 'http://pu:pp@p:1',\n"
        "      run_proxy(_NS(proxy_host='p', proxy_port='1'))['url'])\n"
        "check('-u, no -a', 'http://me:pp@p:1',\n"
        "      run_proxy(_NS(proxy_host='p', proxy_port='1', proxy_user='me'))['url'])\n"
        "for options, message in [\n"
        "        ({'proxy_host': 'p'}, 'host and port must be given'),\n"
        "        ({'proxy_port': '1'}, 'host and port must be given'),\n"
        "        ({'proxy_host': 'p', 'proxy_port': '65536'}, 'not a port'),\n"
        "        ({'proxy_host': 'p', 'proxy_port': '1', 'proxy_scheme': 'socks5'},\n"
        "         'must be http or https')]:\n"
        "    try:\n"
        "        run_proxy(_NS(**options))\n"
        "        check(repr(options), message, 'accepted')\n"
        "    except ValueError as error:\n"
        "        check(repr(options), True, message in str(error))\n"
        "for line in bad:\n"
        "    print(line)\n"
        "raise SystemExit(1 if bad else 0)\n");
    char *path = test_temp_file(".py", py.s, py.len);
    char *cmd = xasprintf("/usr/bin/python3 %s", path);
    char *out = NULL, *err = NULL;
    int rc = test_run_command(cmd, &out, &err);
    if (rc != 0)
        fprintf(stderr, "\n    python and jmx2run differ:\n%s%s\n", out ? out : "", err ? err : "");
    CU_ASSERT_EQUAL(rc, 0);
    unlink(path);
    free(path);
    free(cmd);
    free(out);
    free(err);
    strbuf_free(&py);
}

static const struct cu_test tests[] = {
    {"no proxy", test_no_proxy},
    {"sampler proxy", test_sampler_proxy},
    {"run-wide proxy", test_run_proxy},
    {"same routes in python", test_same_routes_in_python},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("emit_proxy", tests);
}
