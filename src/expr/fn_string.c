/* fn_string.c - text transformations: __urlencode, __urldecode, __escapeHtml,
 * __unescapeHtml, __escapeXml, __unescape, __escapeOroRegexpChars, __char,
 * __changeCase, __base64Encode, __base64Decode. They follow the Java
 * libraries JMeter calls (URLEncoder, commons-text StringEscapeUtils, ...). */
#include <libxml/HTMLparser.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>
#include "expr_internal.h"
#include "utf8.h"

static const char hex_upper[] = "0123456789ABCDEF";


/* ---- URL form encoding (java.net.URLEncoder / URLDecoder, UTF-8) ---- */

static void fn_urlencode(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '-' || c == '*' || c == '_') {
            strbuf_addc(out, (char)c);
        } else if (c == ' ') {
            strbuf_addc(out, '+');
        } else {
            char esc[3] = {'%', hex_upper[c >> 4], hex_upper[c & 15]};
            strbuf_addn(out, esc, 3);
        }
    }
    free(s);
}

/* Appends bytes decoded as UTF-8, malformed sequences becoming U+FFFD as
 * Java's decoder does. */
static void put_utf8_lenient(struct strbuf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = expr_utf8_get(s + i, n - i, &cp);
        if (len) {
            strbuf_addn(out, s + i, len);
            i += len;
        } else {
            expr_utf8_put(out, 0xFFFD);
            i++;
        }
    }
}

static void fn_urldecode(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    struct strbuf bytes, value;
    strbuf_init(&bytes);
    strbuf_init(&value);
    bool ok = true;
    for (size_t i = 0; s[i] && ok;) {
        if (s[i] == '%') {
            strbuf_reset(&bytes);
            while (s[i] == '%') {
                int hi = s[i + 1] ? hex_digit_value(s[i + 1]) : -1;
                int lo = hi >= 0 && s[i + 2] ? hex_digit_value(s[i + 2]) : -1;
                if (hi < 0 || lo < 0) {
                    ok = false;
                    break;
                }
                strbuf_addc(&bytes, (char)(hi * 16 + lo));
                i += 3;
            }
            put_utf8_lenient(&value, bytes.s, bytes.len);
        } else {
            strbuf_addc(&value, s[i] == '+' ? ' ' : s[i]);
            i++;
        }
    }
    if (ok)
        strbuf_addn(out, value.s, value.len);
    else
        expr_fn_fail(ctx, "__urldecode: illegal % escape");
    strbuf_free(&bytes);
    strbuf_free(&value);
    free(s);
}

/* ---- HTML and XML ---- */

/* commons-text escapeHtml4: the four basic characters, then every character
 * that has an HTML 4 entity name (libxml2's table); the apostrophe has none in
 * HTML 4, so it stays. */
static void fn_escape_html(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = expr_utf8_get(s + i, n - i, &cp);
        if (!len)
            len = 1;
        const htmlEntityDesc *e = NULL;
        if (cp == '"' || cp == '&' || cp == '<' || cp == '>' || cp >= 160)
            e = htmlEntityValueLookup(cp);
        if (e && cp != '\'') {
            strbuf_addc(out, '&');
            strbuf_adds(out, e->name);
            strbuf_addc(out, ';');
        } else {
            strbuf_addn(out, s + i, len);
        }
        i += len;
    }
    free(s);
}

/* A numeric entity "&#65;" or "&#x41;" at s; returns its length (0 if none). */
static size_t numeric_entity(const char *s, struct strbuf *out)
{
    size_t i = 2;
    int base = 10;
    if (s[i] == 'x' || s[i] == 'X') {
        base = 16;
        i++;
    }
    size_t start = i;
    uint64_t v = 0;
    while (s[i] && (base == 16 ? hex_digit_value(s[i]) >= 0 : (s[i] >= '0' && s[i] <= '9'))) {
        v = v * (uint64_t)base + (uint64_t)hex_digit_value(s[i]);
        if (v > 0x7FFFFFFF)
            return 0;   /* Java's Integer.parseInt fails: left as is */
        i++;
    }
    if (i == start || s[i] != ';')
        return 0;
    if (v > 0xFFFF) {
        expr_utf8_put(out, (uint32_t)v);
    } else {
        struct utf16_sink sink = {out, 0};
        expr_utf16_put(&sink, (uint32_t)v);
        expr_utf16_flush(&sink);
    }
    return i + 1;
}

static void fn_unescape_html(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    for (size_t i = 0; s[i];) {
        if (s[i] == '&') {
            size_t used = 0;
            if (s[i + 1] == '#') {
                used = numeric_entity(s + i, out);
            } else {
                const char *semi = strchr(s + i + 1, ';');
                if (semi && semi - (s + i) <= 10) {
                    char name[12];
                    size_t len = (size_t)(semi - (s + i + 1));
                    memcpy(name, s + i + 1, len);
                    name[len] = '\0';
                    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                    if (e && strcmp(name, "apos") != 0) {
                        expr_utf8_put(out, e->value);
                        used = len + 2;
                    }
                }
            }
            if (used) {
                i += used;
                continue;
            }
        }
        strbuf_addc(out, s[i]);
        i++;
    }
    free(s);
}

/* commons-text escapeXml10: the five entities, characters XML 1.0 forbids
 * removed, and the C1 controls written as numeric references. */
static void fn_escape_xml(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = expr_utf8_get(s + i, n - i, &cp);
        if (!len) {   /* not UTF-8: Java would hold a replacement char, which is kept */
            expr_utf8_put(out, 0xFFFD);
            i++;
            continue;
        }
        switch (cp) {
        case '"': strbuf_adds(out, "&quot;"); break;
        case '&': strbuf_adds(out, "&amp;"); break;
        case '<': strbuf_adds(out, "&lt;"); break;
        case '>': strbuf_adds(out, "&gt;"); break;
        case '\'': strbuf_adds(out, "&apos;"); break;
        default:
            if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF)
                break;   /* not allowed in XML 1.0: dropped */
            if ((cp >= 0x7F && cp <= 0x84) || (cp >= 0x86 && cp <= 0x9F))
                strbuf_addf(out, "&#%u;", (unsigned)cp);
            else
                strbuf_addn(out, s + i, len);
        }
        i += len;
    }
    free(s);
}

/* commons-text unescapeJava: \\ \" \' \b \f \n \r \t, octal \0..\377 and
 * \uXXXX (any number of u); other backslashes are kept. */
static void fn_unescape(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    struct utf16_sink sink = {out, 0};
    for (size_t i = 0; s[i];) {
        if (s[i] != '\\' || !s[i + 1]) {
            expr_utf16_flush(&sink);
            strbuf_addc(out, s[i++]);
            continue;
        }
        char c = s[i + 1];
        const char *simple = strchr("\\\"'bfnrt", c);
        if (simple && c) {
            static const char map[] = "\\\"'\b\f\n\r\t";
            expr_utf16_flush(&sink);
            strbuf_addc(out, map[simple - "\\\"'bfnrt"]);
            i += 2;
        } else if (c >= '0' && c <= '7') {
            size_t j = i + 1;
            unsigned v = 0, digits = 0, max = c <= '3' ? 3 : 2;
            while (digits < max && s[j] >= '0' && s[j] <= '7') {
                v = v * 8 + (unsigned)(s[j++] - '0');
                digits++;
            }
            expr_utf16_flush(&sink);
            expr_utf8_put(out, v);
            i = j;
        } else if (c == 'u') {
            size_t j = i + 1;
            while (s[j] == 'u')
                j++;
            if (s[j] == '+')
                j++;
            uint32_t unit = 0;
            int k;
            for (k = 0; k < 4 && hex_digit_value(s[j + (size_t)k]) >= 0; k++)
                unit = unit * 16 + (uint32_t)hex_digit_value(s[j + (size_t)k]);
            if (k < 4) {   /* Java throws here; JMeter then yields nothing */
                expr_fn_fail(ctx, "__unescape: malformed \\u escape");
                break;
            }
            expr_utf16_put(&sink, unit);
            i = j + 4;
        } else {
            expr_utf16_flush(&sink);
            strbuf_addc(out, s[i++]);   /* unknown escape: the backslash stays */
        }
    }
    expr_utf16_flush(&sink);
    free(s);
}

/* Perl5Compiler.quotemeta: a backslash before every non-word character. */
static void fn_escape_oro(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    size_t start = out->len;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool word = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                    *p == '_' || *p >= 0x80;
        if (!word)
            strbuf_addc(out, '\\');
        strbuf_addc(out, (char)*p);
    }
    char *value = xstrndup(out->s + start, out->len - start);
    expr_fn_store_var(call, 1, ctx, value);
    free(value);
    free(s);
}

/* __char: each argument is a number (decimal, 0x hex, leading-0 octal) taken
 * as a Java char (16 bits); unparseable ones are skipped. */
static void fn_char(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    struct utf16_sink sink = {out, 0};
    for (size_t i = 0; i < call->n_args; i++) {
        char *s = expr_fn_arg_trim(call, i, ctx);
        int64_t v;
        if (expr_java_decode_long(s, &v))
            expr_utf16_put(&sink, (uint32_t)((uint64_t)v & 0xFFFF));
        free(s);
    }
    expr_utf16_flush(&sink);
}

/* ---- __changeCase ---- */

static locale_t utf8_locale;
static pthread_once_t locale_once = PTHREAD_ONCE_INIT;

static void open_locale(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

enum case_mode { CASE_UPPER, CASE_LOWER, CASE_TITLE };

static uint32_t change_case(uint32_t cp, enum case_mode mode)
{
    if (cp < 0x80 || !utf8_locale) {
        if (cp >= 0x80)
            return cp;
        if (mode == CASE_LOWER)
            return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    }
    wint_t c = (wint_t)cp;
    return (uint32_t)(mode == CASE_LOWER ? towlower_l(c, utf8_locale) : towupper_l(c, utf8_locale));
}

static void fn_change_case(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    pthread_once(&locale_once, open_locale);
    char *s = expr_fn_arg(call, 0, ctx);
    char *mode_s = call->n_args > 1 ? expr_fn_arg(call, 1, ctx) : xstrdup("");
    int mode = -1;
    if (!mode_s[0] || strcasecmp(mode_s, "UPPER") == 0)
        mode = CASE_UPPER;
    else if (strcasecmp(mode_s, "LOWER") == 0)
        mode = CASE_LOWER;
    else if (strcasecmp(mode_s, "CAPITALIZE") == 0)
        mode = CASE_TITLE;
    struct strbuf value;
    strbuf_init(&value);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = expr_utf8_get(s + i, n - i, &cp);
        if (!len || mode < 0 || (mode == CASE_TITLE && i > 0)) {
            strbuf_addn(&value, s + i, len ? len : 1);
        } else {
            expr_utf8_put(&value, change_case(cp, (enum case_mode)mode));
        }
        i += len ? len : 1;
    }
    strbuf_addn(out, value.s, value.len);
    expr_fn_store_var(call, 2, ctx, value.s);
    strbuf_free(&value);
    free(mode_s);
    free(s);
}

/* ---- base64 (the jmeter-plugins functions) ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void fn_base64_encode(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), start = out->len;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], i + 1 < n ? b64[(v >> 6) & 63] : '=',
                     i + 2 < n ? b64[v & 63] : '='};
        strbuf_addn(out, q, 4);
    }
    char *value = xstrndup(out->s + start, out->len - start);
    expr_fn_store_var(call, 1, ctx, value);
    free(value);
    free(s);
}

/* Lenient like commons-codec: characters outside the alphabet are skipped. */
static void fn_base64_decode(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *s = expr_fn_arg(call, 0, ctx);
    struct strbuf value;
    strbuf_init(&value);
    uint32_t acc = 0;
    int bits = 0;
    for (const char *p = s; *p && *p != '='; p++) {
        const char *pos = strchr(b64, *p);
        if (!pos || !*p)
            continue;
        acc = (acc << 6) | (uint32_t)(pos - b64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            strbuf_addc(&value, (char)((acc >> bits) & 0xFF));
        }
    }
    struct strbuf text;
    strbuf_init(&text);
    put_utf8_lenient(&text, value.s, value.len);
    strbuf_addn(out, text.s, text.len);
    expr_fn_store_var(call, 1, ctx, text.s);
    strbuf_free(&text);
    strbuf_free(&value);
    free(s);
}

const struct expr_function expr_fns_string[] = {
    {"__urlencode", 1, 1, NULL, fn_urlencode, "form-encodes text (UTF-8, space as +)"},
    {"__urldecode", 1, 1, NULL, fn_urldecode, "decodes form-encoded text"},
    {"__escapeHtml", 1, 1, NULL, fn_escape_html, "HTML 4 entity escaping"},
    {"__unescapeHtml", 1, 1, NULL, fn_unescape_html, "HTML 4 entity unescaping"},
    {"__escapeXml", 1, 1, NULL, fn_escape_xml, "XML 1.0 escaping"},
    {"__unescape", 1, 1, NULL, fn_unescape, "Java string escapes (\\n, \\t, \\uXXXX)"},
    {"__escapeOroRegexpChars", 1, 2, NULL, fn_escape_oro,
     "quotes regular expression characters (text[, var])"},
    {"__char", 1, -1, NULL, fn_char, "characters from numeric codes (n1, n2, ...)"},
    {"__changeCase", 1, 3, NULL, fn_change_case,
     "UPPER, LOWER or CAPITALIZE (text[, mode[, var]])"},
    {"__base64Encode", 1, 2, NULL, fn_base64_encode, "base64 of the UTF-8 text (text[, var])"},
    {"__base64Decode", 1, 2, NULL, fn_base64_decode, "text from base64 (text[, var])"},
    {0},
};
