/* embedded.c - the embedded resources JMeter 5.6 downloads for a page
 * (digest §5.6): which parser a Content-Type gets, the URLs an HTML page
 * names (the rules of JMeter's default LagartoBasedHtmlParser, read from a
 * libxml2 HTML tree in document order), the @import list of a style sheet
 * (embedded_css.c), and what HTTPSamplerBase does with the list: escape,
 * allow/exclude regexes (whole-URL matches, PCRE2), normalize. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/http_request.h"

/* ------------------------------------------------------------ the parsers */

/* SampleResult.getMediaType: the first token before ' ' or ';', lower case. */
static char *media_type(const char *ct)
{
    if (!ct)
        return xstrdup("");
    ct += strspn(ct, " ;");
    char *m = xstrndup(ct, strcspn(ct, " ;"));
    for (char *c = m; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return m;
}

enum embedded_parser embedded_parser_for(const char *content_type)
{
    static const char *const html[] = {"text/html", "application/xhtml+xml", "application/xml",
                                       "text/xml", "text/vnd.wap.wml"};
    char *m = media_type(content_type);
    enum embedded_parser p = EMBEDDED_NONE;
    for (size_t i = 0; i < ARRAY_LEN(html); i++)
        if (strcmp(m, html[i]) == 0)
            p = EMBEDDED_HTML;
    if (strcmp(m, "text/css") == 0)
        p = EMBEDDED_CSS;
    free(m);
    return p;
}

/* ---------------------------------------------------------- the URL list */

struct collector {
    struct ptrvec urls;      /* absolute URL texts, in order */
    bool dedup;              /* HTML keeps the first of equal URLs */
    char *base;              /* current base URL (<base href> moves it) */
    char *fail_message;      /* the page could not be parsed: one error result */
};

static void add_url(struct collector *c, const char *url)
{
    if (!url || !*url)
        return;
    char *abs = url_make_relative(c->base, url, NULL);
    if (!abs)
        return;   /* JMeter skips what java.net.URL cannot read */
    if (c->dedup)
        for (size_t i = 0; i < c->urls.len; i++)
            if (strcmp(c->urls.items[i], abs) == 0) {
                free(abs);
                return;
            }
    ptrvec_push(&c->urls, abs);
}

/* HTMLParser.normalizeUrlValue: trimmed, without CR LF BS FF; NULL if empty. */
static char *normalize_value(const char *v)
{
    if (!v)
        return NULL;
    while (*v && (unsigned char)*v <= ' ')
        v++;
    size_t n = strlen(v);
    while (n > 0 && (unsigned char)v[n - 1] <= ' ')
        n--;
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++)
        if (!strchr("\n\r\b\f", v[i]))
            strbuf_addc(&sb, v[i]);
    if (sb.len == 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_detach(&sb);
}

static char *attr(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *r = xstrdup((const char *)v);
    xmlFree(v);
    return r;
}

static void extract(struct collector *c, xmlNode *n, const char *name)
{
    char *v = attr(n, name);
    char *u = normalize_value(v);
    add_url(c, u);
    free(u);
    free(v);
}

static bool eq(const char *a, const char *b)
{
    return a && strcasecmp(a, b) == 0;
}

/* url('...') / url("...") in a style attribute, with JMeter's greedy regex. */
static void style_urls(struct collector *c, const char *style, pcre2_code *re,
                       pcre2_match_data *md)
{
    size_t len = strlen(style), start = 0;
    while (re && start <= len) {
        int rc = pcre2_match(re, (PCRE2_SPTR)style, len, start, 0, md, NULL);
        if (rc < 3)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        char *u = xstrndup(style + ov[4], ov[5] - ov[4]);
        add_url(c, u);
        free(u);
        start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
}

/* One start tag, LagartoBasedHtmlParser's rules. */
static void visit(struct collector *c, xmlNode *n, pcre2_code *re, pcre2_match_data *md)
{
    const char *tag = (const char *)n->name;
    if (eq(tag, "body")) {
        extract(c, n, "background");
    } else if (eq(tag, "base")) {
        char *href = attr(n, "href");
        if (href && *href) {
            char *nb = url_make_relative(c->base, href, NULL);
            if (nb) {
                free(c->base);
                c->base = nb;
            } else if (!c->fail_message) {
                c->fail_message = xasprintf("java.lang.IllegalArgumentException: Error creating "
                                            "relative url from %s", href);
            }
        }
        free(href);
    } else if (eq(tag, "img") || eq(tag, "script") || eq(tag, "frame") || eq(tag, "iframe") ||
               eq(tag, "embed") || eq(tag, "bgsound")) {
        extract(c, n, "src");
    } else if (eq(tag, "applet")) {
        char *codebase = attr(n, "codebase"), *archive = attr(n, "archive");
        char *code = attr(n, "code");
        if (!str_is_blank(codebase)) {
            char *joined = xasprintf("%s/%s", codebase,
                                     !str_is_blank(archive) ? archive : code ? code : "null");
            char *u = normalize_value(joined);
            add_url(c, u);
            free(u);
            free(joined);
        } else {
            extract(c, n, "code");
        }
        free(codebase);
        free(archive);
        free(code);
    } else if (eq(tag, "object")) {
        extract(c, n, "codebase");
        extract(c, n, "data");
    } else if (eq(tag, "input")) {
        char *type = attr(n, "type");
        if (eq(type, "image"))
            extract(c, n, "src");
        free(type);
    } else if (eq(tag, "link")) {
        char *rel = attr(n, "rel");
        if (eq(rel, "stylesheet") || eq(rel, "icon") || eq(rel, "shortcut icon") ||
            eq(rel, "preload"))
            extract(c, n, "href");
        free(rel);
    } else {
        extract(c, n, "background");
    }
    char *style = attr(n, "style");
    if (style && *style)
        style_urls(c, style, re, md);
    free(style);
}

static void walk(struct collector *c, xmlNode *n, pcre2_code *re, pcre2_match_data *md)
{
    for (; n && !c->fail_message; n = n->next) {
        if (n->type == XML_ELEMENT_NODE)
            visit(c, n, re, md);
        walk(c, n->children, re, md);
    }
}

static void html_urls(struct collector *c, const char *text, size_t len)
{
    static const char style_re[] = "URL\\(\\s*('|\")(.*)('|\")\\s*\\)";
    int err;
    PCRE2_SIZE off;
    uint32_t flags = PCRE2_CASELESS | PCRE2_DOTALL | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)style_re, PCRE2_ZERO_TERMINATED, flags, &err, &off,
                                   NULL);
    pcre2_match_data *md = re ? pcre2_match_data_create_from_pattern(re, NULL) : NULL;
    htmlDocPtr doc = htmlReadMemory(text, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_RECOVER);
    if (doc)
        walk(c, xmlDocGetRootElement(doc), re, md);
    xmlFreeDoc(doc);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
}

/* commons-text unescapeXml: the five XML entities and &#N; / &#xN;. */
static char *unescape_xml(const char *s)
{
    static const char *const names[][2] = {
        {"&quot;", "\""}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&apos;", "'"}};
    struct strbuf sb;
    strbuf_init(&sb);
    while (*s) {
        bool done = false;
        for (size_t i = 0; i < ARRAY_LEN(names) && !done; i++)
            if (str_starts_with(s, names[i][0])) {
                strbuf_adds(&sb, names[i][1]);
                s += strlen(names[i][0]);
                done = true;
            }
        if (!done && s[0] == '&' && s[1] == '#') {
            const char *p = s + 2;
            bool hex = *p == 'x' || *p == 'X';
            if (hex)
                p++;
            char *end;
            unsigned long v = strtoul(p, &end, hex ? 16 : 10);
            bool digit = (*p >= '0' && *p <= '9') || (hex && *p && strchr("abcdefABCDEF", *p));
            if (digit && end > p && *end == ';' && v > 0 && v <= 0x10FFFF) {
                char u8[5] = {0};
                if (v < 0x80) {
                    u8[0] = (char)v;
                } else if (v < 0x800) {
                    u8[0] = (char)(0xC0 | (v >> 6));
                    u8[1] = (char)(0x80 | (v & 0x3F));
                } else if (v < 0x10000) {
                    u8[0] = (char)(0xE0 | (v >> 12));
                    u8[1] = (char)(0x80 | ((v >> 6) & 0x3F));
                    u8[2] = (char)(0x80 | (v & 0x3F));
                } else {
                    u8[0] = (char)(0xF0 | (v >> 18));
                    u8[1] = (char)(0x80 | ((v >> 12) & 0x3F));
                    u8[2] = (char)(0x80 | ((v >> 6) & 0x3F));
                    u8[3] = (char)(0x80 | (v & 0x3F));
                }
                strbuf_adds(&sb, u8);
                s = end + 1;
                done = true;
            }
        }
        if (!done)
            strbuf_addc(&sb, *s++);
    }
    return strbuf_detach(&sb);
}

/* ---------------------------------------------------------- charset choice */

/* HTTPSampleResult's default for a page without a charset: the content
 * attribute of <meta http-equiv="content-type" ...> in the first 2000
 * bytes, else ISO-8859-1. */
static char *page_charset(const char *body, size_t len, const char *content_type)
{
    char *m = media_type(content_type);
    bool html = str_starts_with(m, "text/html");
    free(m);
    if (html) {
        size_t n = len < 2000 ? len : 2000;
        char *lower = xstrndup(body, n);
        for (size_t i = 0; i < n; i++)
            if (lower[i] >= 'A' && lower[i] <= 'Z')
                lower[i] = (char)(lower[i] - 'A' + 'a');
        static const char tag[] = "<meta http-equiv=\"content-type\" content=\"";
        char *hit = strstr(lower, tag);
        if (hit) {
            size_t from = (size_t)(hit - lower) + strlen(tag);
            char *endq = memchr(body + from, '"', n - from);
            if (endq) {
                char *ct = xstrndup(body + from, (size_t)(endq - (body + from)));
                char *lc = xstrdup(ct);
                for (char *p = lc; *p; p++)
                    if (*p >= 'A' && *p <= 'Z')
                        *p = (char)(*p - 'A' + 'a');
                char *cs = strstr(lc, "charset=");
                char *result = NULL;
                if (cs) {
                    const char *v = ct + (cs - lc) + 8;
                    size_t vn = strcspn(v, ";");
                    if (vn >= 2 && (v[0] == '"' || v[0] == '\'')) {
                        v++;
                        vn -= 2;
                    }
                    result = xstrndup(v, vn);
                }
                free(lc);
                free(ct);
                free(lower);
                if (result)
                    return result;
                return xstrdup("ISO-8859-1");
            }
        }
        free(lower);
    }
    return xstrdup("ISO-8859-1");
}

/* ------------------------------------------------------------ the extraction */

/* A whole-string match; an invalid pattern gives dflt (JMeter ignores it). */
static bool full_match(const char *re_text, const char *s, bool dflt)
{
    if (!re_text || !*re_text)
        return dflt;
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)re_text, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
    if (!re)
        return dflt;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, md,
                         NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc >= 0;
}

static void push_item(struct embedded_list *l, char *url, const char *cls, char *msg)
{
    l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
    struct embedded_resource *r = &l->items[l->n++];
    r->url = url;
    r->error_class = cls ? xstrdup(cls) : NULL;
    r->error_message = msg;
}

void embedded_extract(const char *body, size_t len, const char *content_type,
                      const char *encoding, const char *base_url, const char *allow_re,
                      const char *exclude_re, struct embedded_list *out)
{
    memset(out, 0, sizeof *out);
    enum embedded_parser parser = embedded_parser_for(content_type);
    if (parser == EMBEDDED_NONE || len == 0 || !base_url)
        return;
    char *cs = encoding && *encoding ? xstrdup(encoding) : page_charset(body, len, content_type);
    const char *canonical;
    if (charset_lookup(cs, &canonical) != CHARSET_OK)
        canonical = "ISO-8859-1";
    struct strbuf text;
    strbuf_init(&text);
    charset_decode(canonical, body, len, &text);
    free(cs);

    struct collector c = {{0}, parser == EMBEDDED_HTML, xstrdup(base_url), NULL};
    if (parser == EMBEDDED_HTML) {
        html_urls(&c, text.s, text.len);
    } else {
        struct ptrvec imports = {0};
        embedded_css_imports(text.s, &imports);
        for (size_t i = 0; i < imports.len; i++) {
            char *u = unescape_xml(imports.items[i]);
            add_url(&c, u);
            free(u);
            free(imports.items[i]);
        }
        ptrvec_free(&imports);
    }
    strbuf_free(&text);

    if (c.fail_message) {
        /* the parser failed: one error result and no resources */
        push_item(out, NULL, "org.apache.jmeter.protocol.http.parser.HTMLParseException",
                  c.fail_message);
        c.fail_message = NULL;
        for (size_t i = 0; i < c.urls.len; i++)
            free(c.urls.items[i]);
    } else {
        for (size_t i = 0; i < c.urls.len; i++) {
            char *url = c.urls.items[i];
            if (!str_starts_with(url, "file:")) {
                char *clean = url_sanitize(url);
                if (clean) {
                    free(url);
                    url = clean;
                }
            }
            if (!full_match(allow_re, url, true) || full_match(exclude_re, url, false)) {
                free(url);
                continue;
            }
            char *norm = url_normalize(url);
            if (norm) {
                free(url);
                push_item(out, norm, NULL, NULL);
            } else {
                push_item(out, NULL, "java.lang.Exception",
                          xasprintf("%s URI can not be normalized", url));
                free(url);
            }
        }
    }
    ptrvec_free(&c.urls);
    free(c.base);
    free(c.fail_message);
}

void embedded_list_free(struct embedded_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].url);
        free(l->items[i].error_class);
        free(l->items[i].error_message);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}
