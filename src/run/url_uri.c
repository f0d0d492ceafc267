/* url_uri.c - java.net.URI as JMeter and HttpClient 4.5 use it: the syntax
 * check of URL.toURI() with Java's exact messages ("Illegal character in
 * query at index 14: ..."), the target host HttpClient takes from a URI, the
 * request target it writes (fragment dropped, non-ASCII as UTF-8 %XX, empty
 * path segments removed), ConversionUtils.sanitizeUrl and URI.normalize().
 * Indexes in messages count UTF-16 code units, as Java's do. */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/http_request.h"

/* ------------------------------------------------------- text as code points */

struct cps {
    int32_t *c;       /* code points (-1 for a byte that is not UTF-8) */
    size_t *u16;      /* UTF-16 index of each code point, plus one past the end */
    size_t *byte;     /* byte offset of each code point, plus one past the end */
    size_t n;
    const char *text;
};

static size_t next_cp(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n) {
        *cp = -1;
        return 1;
    }
    int32_t v = len == 1 ? (int32_t)c : (int32_t)(c & (0x7F >> len));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

/* The three arrays share one allocation, which u16 starts. */
static struct cps cps_of(const char *text)
{
    size_t len = strlen(text);
    size_t *idx = xmalloc((len + 1) * (2 * sizeof(size_t) + sizeof(int32_t)));
    struct cps r = {(int32_t *)(idx + 2 * (len + 1)), idx, idx + len + 1, 0, text};
    /* ASCII, as most URLs are: one code point, one UTF-16 unit per byte */
    size_t i = 0;
    while (i < len && (unsigned char)text[i] < 0x80) {
        r.c[i] = (unsigned char)text[i];
        r.u16[i] = r.byte[i] = i;
        i++;
    }
    r.n = i;
    size_t u = i;
    while (i < len) {
        int32_t cp;
        size_t l = next_cp((const unsigned char *)text + i, len - i, &cp);
        r.c[r.n] = cp;
        r.u16[r.n] = u;
        r.byte[r.n] = i;
        r.n++;
        u += cp >= 0x10000 ? 2 : 1;
        i += l;
    }
    r.u16[r.n] = u;
    r.byte[r.n] = len;
    return r;
}

static void cps_free(struct cps *s)
{
    free(s->u16);   /* the block holding all three */
}

static char *cps_dup(const struct cps *s, size_t a, size_t b)
{
    return xstrndup(s->text + s->byte[a], s->byte[b] - s->byte[a]);
}

/* ------------------------------------------------------ Java's char classes */

struct cls {
    const char *chars;
    bool alnum;
    bool escaped;     /* %XX and visible non-ASCII characters allowed */
};

#define MARK "-_.!~*'()"
static const struct cls C_URIC = {";/?:@&=+$,[]" MARK, true, true};
static const struct cls C_PATH = {":@&=+$,;/" MARK, true, true};
static const struct cls C_USERINFO = {";:&=+$," MARK, true, true};
static const struct cls C_REG_NAME = {"$,;:@&=+" MARK, true, true};
static const struct cls C_SERVER = {";:&=+$,.@[]" MARK, true, true};
static const struct cls C_SERVER_PCT = {";:&=+$,.@[]%" MARK, true, true};
static const struct cls C_ALNUM = {"", true, false};
static const struct cls C_ALNUM_DASH = {"-", true, false};
static const struct cls C_DIGIT = {"0123456789", false, false};

static bool is_alnum(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool cls_match(int32_t c, const struct cls *k)
{
    if (c <= 0 || c >= 128)
        return false;
    return (k->alnum && is_alnum(c)) || strchr(k->chars, (int)c) != NULL;
}

static bool is_hex(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Character.isSpaceChar or isISOControl. */
static bool space_or_control(int32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

/* ------------------------------------------------------------ the URI parser */

struct parser {
    struct cps s;
    char *error;           /* URISyntaxException message once failed */
    bool has_authority;
    size_t auth_a, auth_b;
    bool server;           /* authority parsed as host[:port] */
    size_t host_a, host_b;
    int port;
    size_t path_a, path_b;
    bool has_query;
    size_t query_a, query_b;
    bool has_fragment;
};

static void fail(struct parser *p, const char *reason, size_t at)
{
    if (!p->error)
        p->error = xasprintf("%s at index %zu: %s", reason, p->s.u16[at], p->s.text);
}

static void fail_expecting(struct parser *p, const char *what, size_t at)
{
    char *reason = xasprintf("Expected %s", what);
    fail(p, reason, at);
    free(reason);
}

static bool at(const struct parser *p, size_t i, size_t end, int32_t c)
{
    return i < end && p->s.c[i] == c;
}

/* First index in [i, end) holding one of stop, or end. */
static size_t find(const struct parser *p, size_t i, size_t end, const char *stop)
{
    for (; i < end; i++)
        if (p->s.c[i] > 0 && p->s.c[i] < 128 && strchr(stop, (int)p->s.c[i]))
            break;
    return i;
}

static size_t scan_escape(struct parser *p, size_t i, size_t end)
{
    int32_t c = p->s.c[i];
    if (c == '%') {
        if (i + 3 <= end && is_hex(p->s.c[i + 1]) && is_hex(p->s.c[i + 2]))
            return i + 3;
        fail(p, "Malformed escape pair", i);
        return i;
    }
    if (c > 128 && !space_or_control(c))
        return i + 1;
    return i;
}

static size_t scan(struct parser *p, size_t i, size_t end, const struct cls *k)
{
    while (i < end && !p->error) {
        if (cls_match(p->s.c[i], k)) {
            i++;
            continue;
        }
        if (k->escaped) {
            size_t q = scan_escape(p, i, end);
            if (q > i) {
                i = q;
                continue;
            }
        }
        break;
    }
    return i;
}

static void check_chars(struct parser *p, size_t a, size_t b, const struct cls *k, const char *what)
{
    size_t q = scan(p, a, b, k);
    if (!p->error && q < b) {
        char *reason = xasprintf("Illegal character in %s", what);
        fail(p, reason, q);
        free(reason);
    }
}

static bool ipv6_ok(const struct parser *p, size_t a, size_t b)
{
    char *text = cps_dup(&p->s, a, b);
    char *pct = strchr(text, '%');
    if (pct)
        *pct = '\0';
    unsigned char addr[16];
    bool ok = inet_pton(AF_INET6, text, addr) == 1;
    free(text);
    return ok;
}

static size_t parse_ipv4(struct parser *p, size_t a, size_t n)
{
    size_t i = a;
    for (int part = 0; part < 4; part++) {
        size_t d = i;
        long v = 0;
        while (i < n && p->s.c[i] >= '0' && p->s.c[i] <= '9' && i - d < 4)
            v = v * 10 + (p->s.c[i++] - '0');
        if (i == d || i - d > 3 || v > 255)
            return 0;
        if (part < 3) {
            if (!at(p, i, n, '.'))
                return 0;
            i++;
        }
    }
    if (i < n && p->s.c[i] != ':')
        return 0;
    return i;
}

static size_t parse_hostname(struct parser *p, size_t a, size_t n)
{
    size_t i = a, q;
    long last = -1;
    do {
        q = scan(p, i, n, &C_ALNUM);
        if (q <= i)
            break;
        last = (long)i;
        i = q;
        q = scan(p, i, n, &C_ALNUM_DASH);
        if (q > i) {
            if (p->s.c[q - 1] == '-') {
                fail(p, "Illegal character in hostname", q - 1);
                return i;
            }
            i = q;
        }
        if (!at(p, i, n, '.'))
            break;
        i++;
    } while (i < n);
    if (i < n && !at(p, i, n, ':')) {
        fail(p, "Illegal character in hostname", i);
        return i;
    }
    if (last < 0) {
        fail_expecting(p, "hostname", a);
        return i;
    }
    int32_t lc = p->s.c[last];
    if ((size_t)last > a && !((lc >= 'a' && lc <= 'z') || (lc >= 'A' && lc <= 'Z')))
        fail(p, "Illegal character in hostname", (size_t)last);
    return i;
}

/* Server-based authority [userinfo@]host[:port]; sets p->error on failure. */
static void parse_server(struct parser *p, size_t a, size_t n)
{
    size_t i = a;
    size_t q = find(p, i, n, "/?#@");
    if (at(p, q, n, '@')) {
        check_chars(p, i, q, &C_USERINFO, "user info");
        i = q + 1;
    }
    if (p->error)
        return;
    if (at(p, i, n, '[')) {
        i++;
        q = find(p, i, n, "/?#]");
        if (q > i && at(p, q, n, ']')) {
            if (!ipv6_ok(p, i, q)) {
                fail(p, "Malformed IPv6 address", i);
                return;
            }
            p->host_a = i - 1;
            p->host_b = q + 1;
            i = q + 1;
        } else {
            fail_expecting(p, "closing bracket for IPv6 address", q);
            return;
        }
    } else {
        q = parse_ipv4(p, i, n);
        if (q <= i)
            q = parse_hostname(p, i, n);
        if (p->error)
            return;
        p->host_a = i;
        p->host_b = q;
        i = q;
    }
    p->port = -1;
    if (at(p, i, n, ':')) {
        i++;
        q = scan(p, i, n, &C_DIGIT);
        if (q > i) {
            long long v = 0;
            for (size_t k = i; k < q && v <= 2147483647LL; k++)
                v = v * 10 + (p->s.c[k] - '0');
            if (v > 2147483647LL) {
                fail(p, "Malformed port number", i);
                return;
            }
            p->port = (int)v;
            i = q;
        }
    }
    if (i < n)
        fail_expecting(p, "port number", i);
}

static void parse_authority(struct parser *p, size_t a, size_t n)
{
    bool bracket = find(p, a, n, "]") < n;
    size_t s1 = scan(p, a, n, bracket ? &C_SERVER_PCT : &C_SERVER);
    if (p->error)
        return;
    bool server_chars = s1 == n;
    size_t s2 = scan(p, a, n, &C_REG_NAME);
    if (p->error)
        return;
    bool reg_chars = s2 == n;
    p->has_authority = true;
    p->auth_a = a;
    p->auth_b = n;
    if (reg_chars && !server_chars)
        return;
    if (server_chars) {
        parse_server(p, a, n);
        if (!p->error) {
            p->server = true;
            return;
        }
        if (reg_chars) {   /* toURI() accepts a registry-based authority instead */
            free(p->error);
            p->error = NULL;
        }
        return;
    }
    fail(p, "Illegal character in authority", a);
}

/* new URI(text) as URL.toURI() does it. */
static void parse_uri(struct parser *p, const char *text)
{
    memset(p, 0, sizeof *p);
    p->s = cps_of(text);
    p->port = -1;
    size_t n = p->s.n;
    size_t i = find(p, 0, n, "/?#:");
    if (!at(p, i, n, ':')) {
        fail_expecting(p, "scheme name", 0);   /* never reached for URL texts */
        return;
    }
    if (i == 0) {
        fail_expecting(p, "scheme name", 0);
        return;
    }
    i++;
    if (!at(p, i, n, '/')) {
        size_t q = find(p, i, n, "#");
        if (q <= i)
            fail_expecting(p, "scheme-specific part", i);
        else
            check_chars(p, i, q, &C_URIC, "opaque part");
        p->path_a = p->path_b = i;
        i = q;
    } else {
        if (at(p, i, n, '/') && at(p, i + 1, n, '/')) {
            i += 2;
            size_t q = find(p, i, n, "/?#");
            if (q > i)
                parse_authority(p, i, q);
            else if (q >= n)
                fail_expecting(p, "authority", i);
            if (p->error)
                return;
            i = q;
        }
        size_t q = find(p, i, n, "?#");
        check_chars(p, i, q, &C_PATH, "path");
        p->path_a = i;
        p->path_b = q;
        i = q;
        if (!p->error && at(p, i, n, '?')) {
            i++;
            q = find(p, i, n, "#");
            check_chars(p, i, q, &C_URIC, "query");
            p->has_query = true;
            p->query_a = i;
            p->query_b = q;
            i = q;
        }
    }
    if (!p->error && at(p, i, n, '#')) {
        check_chars(p, i + 1, n, &C_URIC, "fragment");
        p->has_fragment = true;
    }
}

static void parser_free(struct parser *p)
{
    free(p->error);
    cps_free(&p->s);
}

char *url_uri_error(const char *url)
{
    struct parser p;
    parse_uri(&p, url);
    char *e = p.error;
    p.error = NULL;
    parser_free(&p);
    return e;
}

/* url_http_host on a parsed URL. */
static bool http_host_of(const struct parser *p, char **host, int *port)
{
    *host = NULL;
    *port = -1;
    bool ok = false;
    if (p->error || !p->has_authority) {
        ok = false;
    } else if (p->server) {
        *host = cps_dup(&p->s, p->host_a, p->host_b);
        *port = p->port;
        ok = **host != '\0';
    } else {
        /* HttpClient's own reading of an authority java.net.URI left unparsed */
        char *auth = cps_dup(&p->s, p->auth_a, p->auth_b);
        char *h = strchr(auth, '@') ? strchr(auth, '@') + 1 : auth;
        char *colon = strchr(h, ':');
        ok = true;
        if (colon) {
            *colon = '\0';
            if (colon[1]) {
                long long v;
                ok = str_parse_ll(colon + 1, &v) && v >= -2147483648LL && v <= 2147483647LL &&
                     strspn(colon + 1, "+-0123456789") == strlen(colon + 1);
                *port = ok ? (int)v : -1;
            }
        }
        ok = ok && *h != '\0';
        *host = xstrdup(h);
        free(auth);
    }
    if (!ok) {
        free(*host);
        *host = NULL;
    }
    return ok;
}

bool url_http_host(const char *url, char **host, int *port)
{
    struct parser p;
    parse_uri(&p, url);
    bool ok = http_host_of(&p, host, port);
    parser_free(&p);
    return ok;
}

/* ------------------------------------------------------------ request target */

static bool path_safe(unsigned char c)
{
    return is_alnum(c) || (c && strchr("!$&'()*+,-.:;=@_~", c));
}

/* Appends text with every byte outside ASCII as %XX (URI.toASCIIString). */
static void add_ascii(struct strbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            strbuf_addf(out, "%%%02X", c);
        else
            strbuf_addc(out, (char)c);
    }
}

/* One path segment as HttpClient rewrites it: decoded (%XX to bytes, other
 * characters cut to their low byte, then read as UTF-8) and encoded again
 * with its path-safe set. */
static void reencode_segment(struct strbuf *out, const char *s, size_t n)
{
    struct strbuf raw, text;
    strbuf_init(&raw);
    strbuf_init(&text);
    char *seg = xstrndup(s, n);
    struct cps c = cps_of(seg);
    for (size_t i = 0; i < c.n; i++) {
        int32_t ch = c.c[i];
        if (ch == '%' && i + 2 < c.n && is_hex(c.c[i + 1]) && is_hex(c.c[i + 2])) {
            char hx[3] = {(char)c.c[i + 1], (char)c.c[i + 2], 0};
            strbuf_addc(&raw, (char)strtol(hx, NULL, 16));
            i += 2;
        } else if (ch >= 0x10000) {
            strbuf_addc(&raw, (char)((0xD800 + ((ch - 0x10000) >> 10)) & 0xFF));
            strbuf_addc(&raw, (char)((0xDC00 + ((ch - 0x10000) & 0x3FF)) & 0xFF));
        } else {
            strbuf_addc(&raw, (char)(ch < 0 ? (unsigned char)seg[c.byte[i]] : (ch & 0xFF)));
        }
    }
    charset_decode("UTF-8", raw.s, raw.len, &text);
    for (size_t i = 0; i < text.len; i++) {
        unsigned char ch = (unsigned char)text.s[i];
        if (path_safe(ch))
            strbuf_addc(out, (char)ch);
        else
            strbuf_addf(out, "%%%02X", ch);
    }
    cps_free(&c);
    free(seg);
    strbuf_free(&raw);
    strbuf_free(&text);
}

/* url_request_target on a parsed URL. */
static char *request_target_of(const struct parser *p, const char *url)
{
    struct strbuf out;
    strbuf_init(&out);
    const char *path = url + p->s.byte[p->path_a];
    size_t plen = p->s.byte[p->path_b] - p->s.byte[p->path_a];
    /* HttpClient drops empty segments (but the last one) and then writes the
     * path again from its decoded segments */
    bool empty_segment = false;
    const char *seg = plen && path[0] == '/' ? path + 1 : path;
    const char *pend = path + plen;
    for (const char *q = seg; q < pend; q++)
        if (*q == '/' && (q == seg || q[-1] == '/'))
            empty_segment = true;
    if (plen == 0) {
        strbuf_addc(&out, '/');
    } else if (!empty_segment) {
        add_ascii(&out, path, plen);
    } else {
        const char *a = seg;
        while (a <= pend) {
            const char *b = memchr(a, '/', (size_t)(pend - a));
            if (!b)
                b = pend;
            bool last = b == pend;
            if (b > a || last) {
                strbuf_addc(&out, '/');
                reencode_segment(&out, a, (size_t)(b - a));
            }
            a = b + 1;
        }
    }
    if (p->has_query) {
        strbuf_addc(&out, '?');
        add_ascii(&out, url + p->s.byte[p->query_a], p->s.byte[p->query_b] - p->s.byte[p->query_a]);
    }
    return strbuf_detach(&out);
}

char *url_request_target(const char *url)
{
    struct parser p;
    parse_uri(&p, url);
    char *target = request_target_of(&p, url);
    parser_free(&p);
    return target;
}

void url_uri_inspect(const char *url, struct url_uri_info *out)
{
    memset(out, 0, sizeof *out);
    out->port = -1;
    struct parser p;
    parse_uri(&p, url);
    out->error = p.error;
    p.error = NULL;
    if (!out->error) {
        out->has_host = http_host_of(&p, &out->host, &out->port);
        out->target = request_target_of(&p, url);
    }
    parser_free(&p);
}

void url_uri_info_free(struct url_uri_info *i)
{
    free(i->error);
    free(i->host);
    free(i->target);
    memset(i, 0, sizeof *i);
}

/* --------------------------------------------------- sanitize and normalize */

/* URI's quote(): characters outside the class as %XX (their UTF-8 bytes),
 * '%' always; non-ASCII kept unless a space or control character. */
static void quote(struct strbuf *out, const char *s, const struct cls *k)
{
    struct cps c = cps_of(s);
    for (size_t i = 0; i < c.n; i++) {
        int32_t ch = c.c[i];
        size_t a = c.byte[i], b = c.byte[i + 1];
        if (ch >= 0 && ch < 0x80) {
            if (cls_match(ch, k))
                strbuf_addc(out, (char)ch);
            else
                strbuf_addf(out, "%%%02X", (unsigned)ch);
        } else if (ch < 0 || space_or_control(ch)) {
            for (size_t j = a; j < b; j++)
                strbuf_addf(out, "%%%02X", (unsigned char)s[j]);
        } else {
            strbuf_addn(out, s + a, b - a);
        }
    }
    cps_free(&c);
}

char *url_sanitize(const char *url)
{
    char *err = url_uri_error(url);
    if (!err)
        return xstrdup(url);
    free(err);
    struct url_parts u;
    if (!url_parse(url, &u, NULL))
        return NULL;
    /* new URI(scheme, userInfo, host, port, path, query, fragment) */
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addf(&sb, "%s:", u.scheme);
    if (u.host) {
        strbuf_adds(&sb, "//");
        if (u.userinfo) {
            quote(&sb, u.userinfo, &C_USERINFO);
            strbuf_addc(&sb, '@');
        }
        bool brackets = strchr(u.host, ':') && u.host[0] != '[';
        strbuf_addf(&sb, brackets ? "[%s]" : "%s", u.host);
        if (u.port != -1)
            strbuf_addf(&sb, ":%d", u.port);
    }
    quote(&sb, u.path, &C_PATH);
    if (u.query) {
        strbuf_addc(&sb, '?');
        quote(&sb, u.query, &C_URIC);
    }
    if (u.fragment) {
        strbuf_addc(&sb, '#');
        quote(&sb, u.fragment, &C_URIC);
    }
    url_parts_free(&u);
    char *result = strbuf_detach(&sb);
    /* the constructor insists on a server-based authority */
    struct parser p;
    parse_uri(&p, result);
    bool ok = !p.error && (!p.has_authority || p.server);
    parser_free(&p);
    if (!ok) {
        free(result);
        return NULL;
    }
    return result;
}

/* URI.normalize() of a path: "." and "x/.." segments removed, runs of '/'
 * squeezed, leading ".." kept. */
static void normalize_path(const char *path, struct strbuf *out)
{
    bool absolute = path[0] == '/';
    struct ptrvec segs = {0};
    char *copy = xstrdup(path);
    for (char *save = NULL, *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save))
        ptrvec_push(&segs, t);
    bool trailing = path[0] && path[strlen(path) - 1] == '/';
    struct ptrvec keep = {0};
    for (size_t i = 0; i < segs.len; i++) {
        const char *s = segs.items[i];
        bool last = i + 1 == segs.len;
        if (strcmp(s, ".") == 0) {
            if (last)
                trailing = true;
            continue;
        }
        if (strcmp(s, "..") == 0 && keep.len > 0 && strcmp(keep.items[keep.len - 1], "..") != 0) {
            keep.len--;
            if (last)
                trailing = true;
            continue;
        }
        ptrvec_push(&keep, (void *)s);
    }
    if (absolute)
        strbuf_addc(out, '/');
    for (size_t i = 0; i < keep.len; i++) {
        const char *s = keep.items[i];
        /* a first segment with ':' in a relative path would read as a scheme */
        if (i == 0 && !absolute && strchr(s, ':'))
            strbuf_adds(out, "./");
        strbuf_adds(out, s);
        if (i + 1 < keep.len || (trailing && keep.len > 0))
            strbuf_addc(out, '/');
    }
    ptrvec_free(&keep);
    ptrvec_free(&segs);
    free(copy);
}

char *url_normalize(const char *url)
{
    struct parser p;
    parse_uri(&p, url);
    if (p.error) {
        parser_free(&p);
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addn(&sb, url, p.s.byte[p.path_a]);
    char *path = cps_dup(&p.s, p.path_a, p.path_b);
    if (*path && url[p.s.byte[p.path_a] - 1] != ':')
        normalize_path(path, &sb);
    else
        strbuf_adds(&sb, path);
    strbuf_adds(&sb, url + p.s.byte[p.path_b]);
    free(path);
    parser_free(&p);
    return strbuf_detach(&sb);
}
