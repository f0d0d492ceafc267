/* test_url.c - Java-compatible URL machinery (url.c, url_java.c, url_uri.c):
 * URLEncoder/URLDecoder with charsets, java.net.URL parsing and resolution,
 * URL.toURI() checks, HttpClient's host and request target, and JMeter's
 * redirect resolution. Expected values were taken from Java 17 and
 * HttpClient 4.5.14 (and JMeter's own ConversionUtils) on the same inputs. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/http_request.h"
#include "testutil.h"

static char *enc(const char *s, const char *cs)
{
    struct strbuf sb;
    strbuf_init(&sb);
    if (!url_encode_form(s, cs, &sb)) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_detach(&sb);
}

static void test_encode_form(void)
{
    static const char *const cases[][3] = {
        {"a b&c", "UTF-8", "a+b%26c"},
        {"d v", "UTF-8", "d+v"},
        {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80~!*()'", "UTF-8",
         "%C3%A9%E2%82%AC%F0%9F%98%80%7E%21*%28%29%27"},
        {"\xC3\xA9\xE2\x82\xAC", "ISO-8859-1", "%E9%3F"},
        {"\xC3\xA9", "latin1", "%E9"},
        {"\xE2\x82\xAC", "windows-1252", "%80"},
        {"A-z_0.9*", "UTF-8", "A-z_0.9*"},
        {"", "UTF-8", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *got = enc(cases[i][0], cases[i][1]);
        CU_ASSERT_STRING_EQUAL_MSG(got, cases[i][2]);
        free(got);
    }
    CU_ASSERT_PTR_NULL(enc("x", "no-such-charset"));
    CU_ASSERT_PTR_NULL(enc("x", " UTF-8"));
}

static void test_decode_form(void)
{
    static const char *const cases[][4] = {
        /* text, charset, result, error */
        {"%C3%A9+x", "UTF-8", "\xC3\xA9 x", NULL},
        {"%E9", "UTF-8", "\xEF\xBF\xBD", NULL},
        {"%E9", "ISO-8859-1", "\xC3\xA9", NULL},
        {"a%41", "UTF-8", "aA", NULL},
        {"%+1", "UTF-8", "\x01", NULL},
        {"100%", "UTF-8", NULL, "URLDecoder: Incomplete trailing escape (%) pattern"},
        {"a%4", "UTF-8", NULL, "URLDecoder: Incomplete trailing escape (%) pattern"},
        {"%zz", "UTF-8", NULL,
         "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: \"zz\""},
        {"%4g", "UTF-8", NULL,
         "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 1 in: \"4g\""},
        {"%-1", "UTF-8", NULL,
         "URLDecoder: Illegal hex characters in escape (%) pattern - negative value"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct strbuf sb;
        strbuf_init(&sb);
        char *error = NULL;
        bool ok = url_decode_form(cases[i][0], cases[i][1], &sb, &error);
        if (cases[i][2]) {
            CU_ASSERT_TRUE(ok);
            CU_ASSERT_STRING_EQUAL_MSG(sb.s, cases[i][2]);
        } else {
            CU_ASSERT_FALSE(ok);
            CU_ASSERT_STRING_EQUAL_MSG(error, cases[i][3]);
        }
        free(error);
        strbuf_free(&sb);
    }
}

static void test_charsets(void)
{
    static const char *const names[][2] = {
        {"utf8", "UTF-8"}, {"UTF-8", "UTF-8"}, {"latin1", "ISO-8859-1"}, {"iso8859_1", "ISO-8859-1"},
        {"cp1252", "windows-1252"}, {"ascii", "US-ASCII"}, {"ISO-8859-15", "ISO-8859-15"},
    };
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        const char *c = NULL;
        CU_ASSERT_EQUAL(charset_lookup(names[i][0], &c), CHARSET_OK);
        CU_ASSERT_STRING_EQUAL_MSG(c, names[i][1]);
    }
    const char *c;
    CU_ASSERT_EQUAL(charset_lookup("bogus", &c), CHARSET_UNSUPPORTED);
    CU_ASSERT_EQUAL(charset_lookup(" UTF-8", &c), CHARSET_ILLEGAL_NAME);
    CU_ASSERT_EQUAL(charset_lookup("", &c), CHARSET_ILLEGAL_NAME);

    struct strbuf sb;
    strbuf_init(&sb);
    charset_encode("ISO-8859-1", "caf\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80", 13, &sb);
    CU_ASSERT_EQUAL(sb.len, 7);
    CU_ASSERT_EQUAL(memcmp(sb.s, "caf\xE9 ??", 7), 0);
    strbuf_reset(&sb);
    charset_decode("windows-1252", "\x80x", 2, &sb);
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "\xE2\x82\xAC" "x");
    strbuf_reset(&sb);
    charset_decode("UTF-8", "a\xFFz", 3, &sb);
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "a\xEF\xBF\xBDz");
    strbuf_free(&sb);
}

/* URL.toURI(): Java 17's messages */
static void test_uri_errors(void)
{
    static const char *const cases[][2] = {
        {"http://h/p?q=a b", "Illegal character in query at index 14: http://h/p?q=a b"},
        {"http://my host/p", "Illegal character in authority at index 7: http://my host/p"},
        {"http://h/p?q=%zz", "Malformed escape pair at index 13: http://h/p?q=%zz"},
        {"http://h/a[b]?x=[y]", "Illegal character in path at index 10: http://h/a[b]?x=[y]"},
        {"http://h/p?a=b#c#d", "Illegal character in fragment at index 16: http://h/p?a=b#c#d"},
        {"http://h/p?q=a\"b", "Illegal character in query at index 14: http://h/p?q=a\"b"},
        {"http://h/p?q=a{b}|^`", "Illegal character in query at index 14: http://h/p?q=a{b}|^`"},
        {"http://h%x/p", "Malformed escape pair at index 8: http://h%x/p"},
        {"http://h[x/p", "Illegal character in hostname at index 8: http://h[x/p"},
        {"http://[h:80]/p", "Malformed IPv6 address at index 8: http://[h:80]/p"},
        {"http:", "Expected scheme-specific part at index 5: http:"},
        {"http://", "Expected authority at index 7: http://"},
        /* the index counts UTF-16 units: the emoji is two */
        {"http://h/\xF0\x9F\x98\x80?q=a b", "Illegal character in query at index 15: "
                                           "http://h/\xF0\x9F\x98\x80?q=a b"},
        {"http://h/a\xC2\xA0" "b", "Illegal character in path at index 10: http://h/a\xC2\xA0" "b"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *e = url_uri_error(cases[i][0]);
        CU_ASSERT_STRING_EQUAL_MSG(e, cases[i][1]);
        free(e);
    }
    static const char *const valid[] = {
        "http://:8080/p", "http://my_host/p", "http://h/\xC3\xA9?\xC3\xA9=1#frag", "http:/path",
        "http://h,x/p", "http://h/p?x=[y]", "http://[::1]:8080/p", "http://h:99999/p",
        "http://u:p@h:81/p;x=1?a=%41",
    };
    for (size_t i = 0; i < ARRAY_LEN(valid); i++) {
        char *e = url_uri_error(valid[i]);
        if (e)
            fprintf(stderr, "\n    unexpected: %s\n", e);
        CU_ASSERT_PTR_NULL(e);
        free(e);
    }
}

static void test_http_host(void)
{
    static const struct {
        const char *url, *host;
        int port;
    } cases[] = {
        {"http://h/p", "h", -1},
        {"http://my_host/p", "my_host", -1},
        {"http://u@my_host:81/p", "my_host", 81},
        {"http://1.2.3/p", "1.2.3", -1},
        {"http://h:/p", "h", -1},
        {"http://[::1]:8080/p", "[::1]", 8080},
        {"http://Example.COM:8080/", "Example.COM", 8080},
        {"http://:8080/p", NULL, 0},
        {"http:/p", NULL, 0},
        {"http://my_host:x/p", NULL, 0},
        {"http://a:b:c/p", NULL, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *host = NULL;
        int port = 0;
        bool ok = url_http_host(cases[i].url, &host, &port);
        if (cases[i].host) {
            CU_ASSERT_TRUE(ok);
            CU_ASSERT_STRING_EQUAL_MSG(host, cases[i].host);
            CU_ASSERT_EQUAL(port, cases[i].port);
        } else {
            if (ok)
                fprintf(stderr, "\n    %s: unexpected host %s\n", cases[i].url, host);
            CU_ASSERT_FALSE(ok);
        }
        free(host);
    }
}

/* what HttpClient 4.5.14 writes on the request line */
static void test_request_target(void)
{
    static const char *const cases[][2] = {
        {"http://h/a//%41%2f%2F%25%E9%C3%A9/x%20y+z", "/a/A%2F%2F%25%EF%BF%BD%C3%A9/x%20y+z"},
        {"http://h?x", "/?x"},
        {"http://h/p?", "/p?"},
        {"http://h", "/"},
        {"http://h//", "/"},
        {"http://h/a/./b//../c", "/a/./b/../c"},
        {"http://h/p;x//y?a=%41#f", "/p;x/y?a=%41"},
        {"http://h/\xC3\xA9?\xC3\xA9=1#frag", "/%C3%A9?%C3%A9=1"},
        {"http://h//a//b/./c/../d//?q=\xC3\xA9#frag", "/a/b/./c/../d/?q=%C3%A9"},
        {"http://h/a%2Fb//c;x=1/%7E?q", "/a%2Fb/c;x=1/~?q"},
        {"http://h/p/a?x=1&y=%C3%A9", "/p/a?x=1&y=%C3%A9"},
        {"http://h/a//caf\xC3\xA9", "/a/caf%EF%BF%BD"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *t = url_request_target(cases[i][0]);
        CU_ASSERT_STRING_EQUAL_MSG(t, cases[i][1]);
        free(t);
    }
}

/* url_uri_inspect answers from one parse what the three calls above answer */
static void test_uri_inspect(void)
{
    static const char *const urls[] = {
        "http://h/p", "http://u@my_host:81/p", "http://[::1]:8080/p", "http://:8080/p",
        "http:/p", "http://my_host:x/p", "http://h/a//%41%2f/x%20y+z?q=\xC3\xA9#f",
        "http://h/\xF0\x9F\x98\x80?q=a b", "http://h%x/p", "http://h", "caf\xC3\xA9://x/y",
    };
    for (size_t i = 0; i < ARRAY_LEN(urls); i++) {
        struct url_uri_info info;
        url_uri_inspect(urls[i], &info);
        char *err = url_uri_error(urls[i]);
        CU_ASSERT_EQUAL(info.error == NULL, err == NULL);
        if (err && info.error)
            CU_ASSERT_STRING_EQUAL_MSG(info.error, err);
        if (!err) {
            char *host = NULL;
            int port = 0;
            bool ok = url_http_host(urls[i], &host, &port);
            CU_ASSERT_EQUAL(info.has_host, ok);
            if (ok && info.host) {
                CU_ASSERT_STRING_EQUAL_MSG(info.host, host);
                CU_ASSERT_EQUAL(info.port, port);
            }
            char *target = url_request_target(urls[i]);
            CU_ASSERT_PTR_NOT_NULL_FATAL(info.target);
            CU_ASSERT_STRING_EQUAL_MSG(info.target, target);
            free(target);
            free(host);
        }
        free(err);
        url_uri_info_free(&info);
    }
}

static void test_parse(void)
{
    struct url_parts u;
    char *err = NULL;
    CU_ASSERT_TRUE_FATAL(url_parse("http://[::1]:8080/p?q#r", &u, &err));
    CU_ASSERT_STRING_EQUAL_MSG(u.scheme, "http");
    CU_ASSERT_STRING_EQUAL_MSG(u.host, "[::1]");
    CU_ASSERT_EQUAL(u.port, 8080);
    CU_ASSERT_STRING_EQUAL_MSG(u.path, "/p");
    CU_ASSERT_STRING_EQUAL_MSG(u.query, "q");
    CU_ASSERT_STRING_EQUAL_MSG(u.fragment, "r");
    CU_ASSERT_EQUAL(url_effective_port(&u), 8080);
    url_parts_free(&u);

    CU_ASSERT_TRUE_FATAL(url_parse("HTTPS://u:p@Host/a/./b/../c", &u, &err));
    CU_ASSERT_STRING_EQUAL_MSG(u.scheme, "https");
    CU_ASSERT_STRING_EQUAL_MSG(u.userinfo, "u:p");
    CU_ASSERT_STRING_EQUAL_MSG(u.host, "Host");
    CU_ASSERT_EQUAL(u.port, -1);
    CU_ASSERT_EQUAL(url_effective_port(&u), 443);
    char *s = url_to_string(&u);
    CU_ASSERT_STRING_EQUAL_MSG(s, "https://u:p@Host/a/./b/../c");   /* no dot removal */
    free(s);
    url_parts_free(&u);

    static const char *const same[][2] = {
        {"  http://h/p  ", "http://h/p"}, {"http://h:/p", "http://h:/p"}, {"http://h", "http://h"},
        {"http://", "http:"}, {"http:///p", "http:/p"}, {"http://h?x", "http://h?x"},
        {"http://h/p?a=b?c", "http://h/p?a=b?c"}, {"url:http://h/p", "http://h/p"},
    };
    for (size_t i = 0; i < ARRAY_LEN(same); i++) {
        CU_ASSERT_TRUE(url_parse(same[i][0], &u, NULL));
        s = url_to_string(&u);
        CU_ASSERT_STRING_EQUAL_MSG(s, same[i][1]);
        free(s);
        url_parts_free(&u);
    }
    static const char *const bad[][2] = {
        {"http://h:abc/p", "Error at index 0 in: \"abc\""},
        {"https://u:p@h:-3/p", "Invalid port number :-3"},
        {"http://[zz]/p", "Invalid host: [zz]"},
        {"xyz://h/p", "unknown protocol: xyz"},
        {"/just/a/path", "no protocol: /just/a/path"},
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        err = NULL;
        CU_ASSERT_FALSE(url_parse(bad[i][0], &u, &err));
        CU_ASSERT_STRING_EQUAL_MSG(err, bad[i][1]);
        free(err);
    }
    CU_ASSERT_EQUAL(url_default_port("HTTP"), 80);
    CU_ASSERT_EQUAL(url_default_port("https"), 443);
    CU_ASSERT_EQUAL(url_default_port("ftp"), -1);
}

/* new URL(context, spec), Java 17 */
static void test_resolve(void)
{
    static const char *const cases[][3] = {
        {"http://h/a/b/c?q", "../d", "http://h/a/d"},
        {"http://h/a/b/c?q", "?x", "http://h/a/b/?x"},
        {"http://h/a/b/c?q#f", "", "http://h/a/b/c?q#f"},
        {"http://h/a/b/c?q", "#g", "http://h/a/b/c?q#g"},
        {"http://h/a/b/c", "../../../../d", "http://h/../../d"},
        {"http://h/a/b/c", "//other/x", "http://other/x"},
        {"http://h/a/b/c", "http:x/y", "http://h/a/b/x/y"},
        {"http://h/a/b/c", "https://o/p", "https://o/p"},
        {"http://h/a/b/c", "./d/./e/../f", "http://h/a/b/d/f"},
        {"http://h:8080/a", "/b c", "http://h:8080/b c"},
        {"http://h/a/b/", ".", "http://h/a/b/"},
        {"http://h/a/b/", "..", "http://h/a/"},
        {"http://h", "x", "http://h/x"},
        {"http://h/a", "mailto:x", "mailto:x"},
        {"http://h/a", "ftp://x/", "ftp://x/"},
        {"http://h/a", "  /p  ", "http://h/p"},
        {"http://h/a", "URL:/p", "http://h/p"},
        {"http://h/a/b", "//", "http:/a/b"},
        {"http://h/a/b", "http:", "http://h/a/b"},
        {"http://h/dir/page", "//cdn.example.com/lib.js", "http://cdn.example.com/lib.js"},
        {"http://h/a", "/redirect/../target", "http://h/redirect/../target"},
        {"http://h/a/b", "./../c", "http://h/c"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct url_parts b, r;
        CU_ASSERT_TRUE_FATAL(url_parse(cases[i][0], &b, NULL));
        char *err = NULL;
        bool ok = url_resolve(&b, cases[i][1], &r, &err);
        CU_ASSERT_TRUE(ok);
        if (ok) {
            char *s = url_to_string(&r);
            CU_ASSERT_STRING_EQUAL_MSG(s, cases[i][2]);
            free(s);
            url_parts_free(&r);
        } else {
            fprintf(stderr, "\n    %s + %s: %s\n", cases[i][0], cases[i][1], err);
        }
        free(err);
        url_parts_free(&b);
    }
    struct url_parts b, r;
    CU_ASSERT_TRUE_FATAL(url_parse("http://h/a/b", &b, NULL));
    char *err = NULL;
    CU_ASSERT_FALSE(url_resolve(&b, "javascript:void(0)", &r, &err));
    CU_ASSERT_STRING_EQUAL_MSG(err, "unknown protocol: javascript");
    free(err);
    url_parts_free(&b);
}

static void test_normalize_sanitize(void)
{
    static const char *const norm[][2] = {
        {"http://h/a//b/../c/./d", "http://h/a/c/d"},
        {"http://h/../a", "http://h/../a"},
        {"http://h/a/b/..", "http://h/a/"},
        {"http://h/a/b/.", "http://h/a/b/"},
        {"http://h//a", "http://h/a"},
        {"http://h/a/../../b?x=/../#f", "http://h/../b?x=/../#f"},
        {"http://h", "http://h"},
        {"http://h/./a:b", "http://h/a:b"},
        {"http://h/a///", "http://h/a/"},
        {"http://h/%41/b/../c", "http://h/%41/c"},
        {"http://h/a/b/../../..", "http://h/.."},
    };
    for (size_t i = 0; i < ARRAY_LEN(norm); i++) {
        char *s = url_normalize(norm[i][0]);
        CU_ASSERT_STRING_EQUAL_MSG(s, norm[i][1]);
        free(s);
    }
    CU_ASSERT_PTR_NULL(url_normalize("http://h/a b"));
    static const char *const san[][2] = {
        {"http://h/a%20b c?q=x y#f g", "http://h/a%2520b%20c?q=x%20y#f%20g"},
        {"http://h/a|b", "http://h/a%7Cb"},
        {"http://h/\xC3\xA9", "http://h/\xC3\xA9"},
        {"http://h/a%zz", "http://h/a%25zz"},
        {"http://h/a\xC2\xA0" "b", "http://h/a%C2%A0b"},
        {"http://u s@h/a b", "http://u%20s@h/a%20b"},
        {"http://h/ok", "http://h/ok"},
    };
    for (size_t i = 0; i < ARRAY_LEN(san); i++) {
        char *s = url_sanitize(san[i][0]);
        CU_ASSERT_STRING_EQUAL_MSG(s, san[i][1]);
        free(s);
    }
}

static void test_remove_slash_dot_dot(void)
{
    static const char *const cases[][2] = {
        {"http://host/path1/../path2", "http://host/path2"},
        {"/one/two/../three", "/one/three"},
        {"/a/b/../../c/", "/c/"},
        {"../x", "../x"},
        {"http://h/a/../../b", "http://h/../b"},
        {"http://h/x/..?q=/../", "http://h/?q=/../"},
        {"  /a/../b  ", "/b"},
        {"/..", "/.."},
        {"http://h/a", "http://h/a"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *s = url_remove_slash_dot_dot(cases[i][0]);
        CU_ASSERT_STRING_EQUAL_MSG(s, cases[i][1]);
        free(s);
    }
}

/* JMeter's redirect resolution: removeSlashDotDot, spaces, makeRelativeURL,
 * sanitizeUrl (checked against JMeter's own ConversionUtils) */
static void test_redirects(void)
{
    static const char *const cases[][3] = {
        {"http://h/a/b/c", "/target", "http://h/target"},
        {"http://h/a/b/c", "target", "http://h/a/b/target"},
        {"http://h/a/b/c", "../../../../d", "http://h/d"},
        {"http://h/a/b/c", "../x/../y", "http://h/a/y"},
        {"http://h/a/b/c", "/p/../q/./r", "http://h/q/./r"},
        {"http://h:8080/a", "/x y?q=a b", "http://h:8080/x%20y?q=a%20b"},
        {"http://h/a", "http://other:81/p?x#y", "http://other:81/p?x#y"},
        {"http://h/a", "//cdn.example.com/lib.js", "http://cdn.example.com/lib.js"},
        {"http://h/a/b", "?only", "http://h/a/?only"},
        {"http://h/a", "/a|b{c}", "http://h/a%7Cb%7Bc%7D"},
        {"http://h/a", "/caf\xC3\xA9", "http://h/caf\xC3\xA9"},
        {"http://h/a", "/a%20b c", "http://h/a%20b%20c"},
        {"https://h/a", "  /trim  ", "https://h/trim"},
        {"http://h/a", "http://h2/x/../y", "http://h2/y"},
        {"http://h/a/b", "", "http://h/a/b"},
        {"http://h/a/b?q", "#f", "http://h/a/b?q#f"},
        {"http://h/a", "/p?x=/../y", "http://h/p?x=/../y"},
        {"http://h/a", "/..", "http://h/.."},
        {"http://h/a/b/c/d", "../../x", "http://h/a/x"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *cls = NULL, *msg = NULL;
        char *u = http_redirect_url(cases[i][0], cases[i][1], &cls, &msg);
        if (!u)
            fprintf(stderr, "\n    %s + %s: %s %s\n", cases[i][0], cases[i][1], cls, msg);
        CU_ASSERT_STRING_EQUAL_MSG(u, cases[i][2]);
        free(u);
        free(cls);
        free(msg);
    }
    char *cls = NULL, *msg = NULL;
    CU_ASSERT_PTR_NULL(http_redirect_url("http://h/a", "javascript:void(0)", &cls, &msg));
    CU_ASSERT_STRING_EQUAL_MSG(cls, "java.net.MalformedURLException");
    CU_ASSERT_STRING_EQUAL_MSG(msg, "unknown protocol: javascript");
    free(cls);
    free(msg);

    CU_ASSERT_TRUE(http_is_redirect(301, "POST"));
    CU_ASSERT_TRUE(http_is_redirect(302, "GET"));
    CU_ASSERT_TRUE(http_is_redirect(303, "PUT"));
    CU_ASSERT_TRUE(http_is_redirect(308, "POST"));
    CU_ASSERT_TRUE(http_is_redirect(307, "GET"));
    CU_ASSERT_TRUE(http_is_redirect(307, "HEAD"));
    CU_ASSERT_FALSE(http_is_redirect(307, "POST"));
    CU_ASSERT_FALSE(http_is_redirect(300, "GET"));
    CU_ASSERT_FALSE(http_is_redirect(304, "GET"));
    CU_ASSERT_STRING_EQUAL_MSG(http_redirect_method("POST"), "GET");
    CU_ASSERT_STRING_EQUAL_MSG(http_redirect_method("DELETE"), "GET");
    CU_ASSERT_STRING_EQUAL_MSG(http_redirect_method("HEAD"), "HEAD");
}

static const struct cu_test tests[] = {
    {"encode_form", test_encode_form},
    {"decode_form", test_decode_form},
    {"charsets", test_charsets},
    {"uri_errors", test_uri_errors},
    {"http_host", test_http_host},
    {"request_target", test_request_target},
    {"uri_inspect", test_uri_inspect},
    {"parse", test_parse},
    {"resolve", test_resolve},
    {"normalize_sanitize", test_normalize_sanitize},
    {"remove_slash_dot_dot", test_remove_slash_dot_dot},
    {"redirects", test_redirects},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("url", tests);
}
