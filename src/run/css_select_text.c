/* css_select_text.c - what a Jsoup Element answers, read off libxml2's HTML tree: its
 * name, parent, attributes (attr(), hasAttr(), "abs:" keys) and its texts:
 *   - text(): every text node below, white space collapsed (except under pre,
 *     textarea, title, plaintext), a space where a block element or <br> starts and
 *     after a block element followed by text or an inline element, trimmed;
 *   - ownText(): the same over the direct text children, <br> as a space;
 *   - wholeText(): text nodes as they are, <br> as a newline;
 *   - data(): script and style content and comments.
 * Script and style content (CDATA nodes in libxml2, DataNodes in Jsoup) is not text.
 * The document node stands for Jsoup's "#root" element. Lower-casing follows Java's
 * toLowerCase, through the C.UTF-8 locale's tables when available. */
#include <locale.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>
#include "jmx2run/postprocess_xml.h"

/* --------------------------------------------------------------- the tree */

static bool is_doc(const xmlNode *n)
{
    return n && (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE);
}

bool css_is_element(const xmlNode *n)
{
    return n && (n->type == XML_ELEMENT_NODE || is_doc(n));
}

const char *css_tag_name(const xmlNode *el)
{
    return is_doc(el) ? "#root" : (const char *)el->name;
}

xmlNode *css_parent(const xmlNode *el)
{
    if (!el || is_doc(el))
        return NULL;
    return css_is_element(el->parent) ? el->parent : NULL;
}

/* ------------------------------------------------------------ lower case */

static locale_t utf8_locale;
static pthread_once_t locale_once = PTHREAD_ONCE_INIT;

static void open_locale(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* The next code point of a valid UTF-8 string; *n gets its length. */
static uint32_t next_cp(const char *s, size_t len, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80 || len < 2) {
        *n = 1;
        return u[0];
    }
    if (u[0] < 0xE0) {
        *n = 2;
        return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if (u[0] < 0xF0 && len >= 3) {
        *n = 3;
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    if (len >= 4) {
        *n = 4;
        return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
               ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    }
    *n = 1;
    return u[0];
}

void css_lower(const char *s, size_t len, struct strbuf *out)
{
    pthread_once(&locale_once, open_locale);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            strbuf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            i++;
            continue;
        }
        size_t n;
        uint32_t cp = next_cp(s + i, len - i, &n);
        if (utf8_locale && n > 1) {
            wint_t l = towlower_l((wint_t)cp, utf8_locale);
            utf8_put(out, (uint32_t)l);
        } else {
            strbuf_addn(out, s + i, n);
        }
        i += n;
    }
}

/* --------------------------------------------------------------- attributes */

static bool key_eq(const xmlAttr *a, const char *key)
{
    return strcasecmp((const char *)a->name, key) == 0;
}

static const xmlAttr *find_attr(const xmlNode *el, const char *key)
{
    if (!el || el->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = el->properties; a; a = a->next)
        if (key_eq(a, key))
            return a;
    return NULL;
}

static void attr_value(const xmlAttr *a, struct strbuf *out)
{
    for (const xmlNode *c = a->children; c; c = c->next)
        if (c->content)
            strbuf_adds(out, (const char *)c->content);
}

/* The length of the URL scheme at the start of p ("http" in "http:..."), 0 for none. */
static size_t scheme_length(const char *p)
{
    if (!((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')))
        return 0;
    size_t i = 1;
    while ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') ||
           p[i] == '+' || p[i] == '-' || p[i] == '.')
        i++;
    return p[i] == ':' ? i : 0;
}

/* StringUtil.resolve("", url): with no base, a URL Java can open on its own comes back
 * as java.net.URL writes it (trimmed, scheme in lower case); another well-formed
 * scheme comes back as it is; anything relative gives "". */
static void resolve_absolute(const char *url, struct strbuf *out)
{
    struct strbuf clean;
    strbuf_init(&clean);
    for (const char *s = url; *s; s++)
        if ((unsigned char)*s >= 0x20)
            strbuf_addc(&clean, *s);
    const char *p = clean.s, *end = clean.s + clean.len;
    while (p < end && (unsigned char)*p <= ' ')
        p++;
    while (end > p && (unsigned char)end[-1] <= ' ')
        end--;
    size_t n = scheme_length(p);
    static const char *const known[] = {"http", "https", "ftp", "file", "jar", "mailto"};
    bool java_knows = false;
    for (size_t k = 0; k < ARRAY_LEN(known) && n; k++)
        if (strlen(known[k]) == n && strncasecmp(p, known[k], n) == 0)
            java_knows = true;
    if (java_knows) {
        css_lower(p, n, out);
        strbuf_addn(out, p + n, (size_t)(end - p) - n);
    } else if (scheme_length(clean.s)) {
        strbuf_addn(out, clean.s, clean.len);
    }
    strbuf_free(&clean);
}

/* Element.absUrl(key) with Jsoup.parse's empty base URI. */
static void abs_url(const xmlNode *el, const char *key, struct strbuf *out)
{
    const xmlAttr *a = find_attr(el, key);
    if (!a)
        return;
    struct strbuf v;
    strbuf_init(&v);
    attr_value(a, &v);
    resolve_absolute(v.s, out);
    strbuf_free(&v);
}

void css_attr(const xmlNode *el, const char *key, struct strbuf *out)
{
    const xmlAttr *a = find_attr(el, key);
    size_t before = out->len;
    if (a)
        attr_value(a, out);
    if (out->len == before && strncmp(key, "abs:", 4) == 0)
        abs_url(el, key + 4, out);
}

bool css_has_attr(const xmlNode *el, const char *key)
{
    if (strncmp(key, "abs:", 4) == 0 && find_attr(el, key + 4)) {
        struct strbuf v;
        strbuf_init(&v);
        abs_url(el, key + 4, &v);
        bool has = v.len > 0;
        strbuf_free(&v);
        if (has)
            return true;
    }
    return find_attr(el, key) != NULL;
}

/* ------------------------------------------------------------------ tags */

static bool in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

static const char *const block_tags[] = {
    "html", "head", "body", "frameset", "script", "noscript", "style", "meta", "link", "title",
    "frame", "noframes", "section", "nav", "aside", "hgroup", "header", "footer", "p", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "pre", "div", "blockquote", "hr", "address", "figure",
    "figcaption", "form", "fieldset", "ins", "del", "dl", "dt", "dd", "li", "table", "caption",
    "thead", "tfoot", "tbody", "colgroup", "col", "tr", "th", "td", "video", "audio", "canvas",
    "details", "menu", "plaintext", "template", "article", "main", "svg", "math", "center", "dir",
    "applet", "marquee", "listing",
};

static const char *const inline_tags[] = {
    "object", "base", "font", "tt", "i", "b", "u", "big", "small", "em", "strong", "dfn", "code",
    "samp", "kbd", "var", "cite", "abbr", "time", "acronym", "mark", "ruby", "rt", "rp", "rtc",
    "a", "img", "br", "wbr", "map", "q", "sub", "sup", "bdo", "iframe", "embed", "span", "input",
    "select", "textarea", "label", "button", "optgroup", "option", "legend", "datalist", "keygen",
    "output", "progress", "meter", "area", "param", "source", "track", "summary", "command",
    "device", "basefont", "bgsound", "menuitem", "data", "bdi", "s", "strike", "nobr", "rb",
    "text", "mi", "mo", "msup", "mn", "mtext",
};

static const char *const inline_formatted_blocks[] = {
    "title", "a", "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "li", "th", "td",
    "script", "style", "ins", "del", "s",
};

static bool is_block(const xmlNode *el)
{
    return el->type == XML_ELEMENT_NODE && in_list((const char *)el->name, block_tags, ARRAY_LEN(block_tags));
}

/* Tag.formatAsBlock: block tags unless listed as formatted inline; unknown tags too. */
static bool formats_as_block(const xmlNode *el)
{
    const char *name = (const char *)el->name;
    if (in_list(name, inline_formatted_blocks, ARRAY_LEN(inline_formatted_blocks)))
        return false;
    return !in_list(name, inline_tags, ARRAY_LEN(inline_tags));
}

static bool is_br(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "br") == 0;
}

/* Element.preserveWhitespace: this element or one of its five nearest ancestors. */
static bool preserves_space(const xmlNode *el)
{
    static const char *const keep[] = {"pre", "plaintext", "title", "textarea"};
    for (int i = 0; i < 6 && el && el->type == XML_ELEMENT_NODE; i++, el = el->parent)
        if (in_list((const char *)el->name, keep, ARRAY_LEN(keep)))
            return true;
    return false;
}

/* ------------------------------------------------------------------ texts */

static bool ends_with_space(const struct strbuf *b)
{
    return b->len > 0 && b->s[b->len - 1] == ' ';
}

void css_append_normalised(struct strbuf *out, const char *s, size_t len, bool strip_leading)
{
    bool last_white = false, reached = false;
    size_t i = 0;
    while (i < len) {
        size_t n;
        uint32_t cp = next_cp(s + i, len - i, &n);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == 0xA0) {
            if (!((strip_leading && !reached) || last_white)) {
                strbuf_addc(out, ' ');
                last_white = true;
            }
        } else if (cp != 0x200B && cp != 0xAD) {
            strbuf_addn(out, s + i, n);
            last_white = false;
            reached = true;
        }
        i += n;
    }
}

static void append_text_node(struct strbuf *out, const xmlNode *t)
{
    const char *s = t->content ? (const char *)t->content : "";
    if (preserves_space(t->parent))
        strbuf_adds(out, s);
    else
        css_append_normalised(out, s, strlen(s), ends_with_space(out));
}

static void java_trim_buf(struct strbuf *b)
{
    size_t a = 0;
    while (a < b->len && (unsigned char)b->s[a] <= ' ')
        a++;
    size_t e = b->len;
    while (e > a && (unsigned char)b->s[e - 1] <= ' ')
        e--;
    memmove(b->s, b->s + a, e - a);
    b->len = e - a;
    b->s[b->len] = '\0';
}

static xmlNode *first_child(const xmlNode *n)
{
    return css_is_element(n) ? n->children : NULL;
}

static void text_head(const xmlNode *n, struct strbuf *acc)
{
    if (n->type == XML_TEXT_NODE)
        append_text_node(acc, n);
    else if (n->type == XML_ELEMENT_NODE && acc->len > 0 && (is_block(n) || is_br(n)) &&
             !ends_with_space(acc))
        strbuf_addc(acc, ' ');
}

static void text_tail(const xmlNode *n, struct strbuf *acc)
{
    if (n->type != XML_ELEMENT_NODE || !is_block(n))
        return;
    const xmlNode *next = n->next;
    if (next &&
        (next->type == XML_TEXT_NODE || (next->type == XML_ELEMENT_NODE && !formats_as_block(next))) &&
        !ends_with_space(acc))
        strbuf_addc(acc, ' ');
}

void css_text(const xmlNode *el, struct strbuf *out)
{
    struct strbuf acc;
    strbuf_init(&acc);
    const xmlNode *n = el;
    while (n) {
        text_head(n, &acc);
        if (first_child(n)) {
            n = first_child(n);
            continue;
        }
        while (n != el && !n->next) {
            text_tail(n, &acc);
            n = n->parent;
        }
        text_tail(n, &acc);
        if (n == el)
            break;
        n = n->next;
    }
    java_trim_buf(&acc);
    strbuf_addn(out, acc.s, acc.len);
    strbuf_free(&acc);
}

void css_own_text(const xmlNode *el, struct strbuf *out)
{
    struct strbuf acc;
    strbuf_init(&acc);
    for (const xmlNode *c = first_child(el); c; c = c->next) {
        if (c->type == XML_TEXT_NODE)
            append_text_node(&acc, c);
        else if (is_br(c) && !ends_with_space(&acc))
            strbuf_addc(&acc, ' ');
    }
    java_trim_buf(&acc);
    strbuf_addn(out, acc.s, acc.len);
    strbuf_free(&acc);
}

static void whole_node(const xmlNode *n, struct strbuf *out)
{
    if (n->type == XML_TEXT_NODE && n->content)
        strbuf_adds(out, (const char *)n->content);
    else if (is_br(n))
        strbuf_addc(out, '\n');
}

/* Visits el and everything below it in document order. */
static void walk(const xmlNode *el, void (*visit)(const xmlNode *, struct strbuf *), struct strbuf *out)
{
    const xmlNode *n = el;
    while (n) {
        visit(n, out);
        if (first_child(n)) {
            n = first_child(n);
            continue;
        }
        while (n != el && !n->next)
            n = n->parent;
        if (n == el)
            break;
        n = n->next;
    }
}

void css_whole_text(const xmlNode *el, bool own, struct strbuf *out)
{
    if (!own) {
        walk(el, whole_node, out);
        return;
    }
    for (const xmlNode *c = first_child(el); c; c = c->next)
        whole_node(c, out);
}

static void data_node(const xmlNode *n, struct strbuf *out)
{
    if ((n->type == XML_CDATA_SECTION_NODE || n->type == XML_COMMENT_NODE) && n->content)
        strbuf_adds(out, (const char *)n->content);
}

void css_data(const xmlNode *el, struct strbuf *out)
{
    walk(el, data_node, out);
}
