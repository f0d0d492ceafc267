/* field.c - reading the text of a sample's field the way JMeter's extractors and
 * Response Assertion read it: the body decoded with the sample's charset, the body
 * with HTML entities decoded (StringEscapeUtils.unescapeHtml4, entity names from
 * libxml2's HTML 4 table), headers, URL, code and message. Every text handed out is
 * valid UTF-8, with U+FFFD where the bytes were not, as Java's decoders do. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include "jmx2run/postprocess.h"


/* Length of the valid UTF-8 sequence at s[i], or 0 with *bad set to the number of
 * bytes that form the longest invalid prefix (at least 1), which Java replaces by a
 * single U+FFFD. */
static size_t utf8_seq(const unsigned char *s, size_t len, size_t i, size_t *bad)
{
    unsigned char c = s[i];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;     /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    size_t k = 1;
    for (; k <= need; k++) {
        if (i + k >= len) {
            *bad = k;
            return 0;
        }
        unsigned char d = s[i + k];
        unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (d < l || d > h) {
            *bad = k;
            return 0;
        }
    }
    return need + 1;
}

bool utf8_sanitize(const char *s, size_t len, struct strbuf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, bad = 0;
    while (i < len) {
        size_t n = utf8_seq(u, len, i, &bad);
        if (!n)
            break;
        i += n;
    }
    if (i >= len)
        return false;
    strbuf_addn(out, s, i);
    while (i < len) {
        size_t n = utf8_seq(u, len, i, &bad);
        if (n) {
            strbuf_addn(out, s + i, n);
            i += n;
        } else {
            utf8_put(out, 0xFFFD);
            i += bad;
        }
    }
    return true;
}

void field_text_of(const char *str, size_t len, struct field_text *out)
{
    out->owned = NULL;
    if (!str) {
        out->s = "";
        out->len = 0;
        return;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    if (utf8_sanitize(str, len, &sb)) {
        out->len = sb.len;
        out->owned = strbuf_detach(&sb);
        out->s = out->owned;
    } else {
        strbuf_free(&sb);
        out->s = str;
        out->len = len;
    }
}

void field_text_free(struct field_text *t)
{
    free(t->owned);
    t->owned = NULL;
    t->s = "";
    t->len = 0;
}

static void adopt(struct field_text *out, struct strbuf *sb)
{
    out->len = sb->len;
    out->owned = strbuf_detach(sb);
    out->s = out->owned;
}

static bool is_utf8_name(const char *enc)
{
    return !enc || !*enc || strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0;
}

/* new String(responseData, encoding): iconv for other charsets; a charset iconv does
 * not know falls back to UTF-8, as JMeter falls back to the platform default. */
static void read_body(const struct sample *s, struct field_text *out)
{
    const char *enc = s->encoding;
    if (!is_utf8_name(enc)) {
        iconv_t cd = iconv_open("UTF-8", enc);
        if (cd != (iconv_t)-1) {
            struct strbuf sb;
            strbuf_init(&sb);
            char *in = s->body.s;
            size_t left = s->body.len;
            char buf[4096];
            while (left > 0) {
                char *o = buf;
                size_t room = sizeof buf;
                size_t r = iconv(cd, &in, &left, &o, &room);
                strbuf_addn(&sb, buf, (size_t)(o - buf));
                if (r == (size_t)-1) {
                    if (errno == E2BIG)
                        continue;
                    utf8_put(&sb, 0xFFFD);   /* invalid or truncated input: skip a byte */
                    in++;
                    left--;
                }
            }
            char *o = buf;
            size_t room = sizeof buf;
            iconv(cd, NULL, NULL, &o, &room);
            strbuf_addn(&sb, buf, (size_t)(o - buf));
            iconv_close(cd);
            adopt(out, &sb);
            return;
        }
    }
    field_text_of(s->body.s, s->body.len, out);
}

static void read_str(const char *str, struct field_text *out)
{
    field_text_of(str ? str : "", str ? strlen(str) : 0, out);
}

void field_read(const struct sample *s, enum extract_field f, struct field_text *out)
{
    switch (f) {
    case FIELD_RESPONSE_HEADERS:
        field_text_of(s->response_headers.s, s->response_headers.len, out);
        return;
    case FIELD_REQUEST_HEADERS:
        field_text_of(s->request_headers.s, s->request_headers.len, out);
        return;
    case FIELD_URL:
        read_str(s->url, out);
        return;
    case FIELD_RESPONSE_CODE:
        read_str(s->response_code, out);
        return;
    case FIELD_RESPONSE_MESSAGE:
        read_str(s->response_message, out);
        return;
    case FIELD_BODY_UNESCAPED: {
        struct field_text body;
        read_body(s, &body);
        struct strbuf sb;
        strbuf_init(&sb);
        html_unescape(body.s, body.len, &sb);
        field_text_free(&body);
        adopt(out, &sb);
        return;
    }
    case FIELD_BODY:
    case FIELD_BODY_AS_DOCUMENT:
        break;
    }
    read_body(s, out);
}

void field_read_assert(const struct sample *s, enum assert_field f, struct field_text *out)
{
    switch (f) {
    case ASSERT_FIELD_RESPONSE_DATA:
    case ASSERT_FIELD_DOCUMENT:
        read_body(s, out);
        return;
    case ASSERT_FIELD_RESPONSE_CODE:
        read_str(s->response_code, out);
        return;
    case ASSERT_FIELD_RESPONSE_MESSAGE:
        read_str(s->response_message, out);
        return;
    case ASSERT_FIELD_RESPONSE_HEADERS:
        field_text_of(s->response_headers.s, s->response_headers.len, out);
        return;
    case ASSERT_FIELD_REQUEST_HEADERS:
        field_text_of(s->request_headers.s, s->request_headers.len, out);
        return;
    case ASSERT_FIELD_REQUEST_DATA:
        field_text_of(s->request_data.s, s->request_data.len, out);
        return;
    case ASSERT_FIELD_URL:
        break;
    }
    read_str(s->url, out);
}

/* ---- HTML entities ---- */


/* "&#65;" / "&#x41;" at s[i] (s[i] == '&', s[i+1] == '#'): bytes consumed, or 0.
 * Like commons-text, the digit run takes hex letters even in decimal form (then the
 * number does not parse and nothing is decoded). */
static size_t numeric_entity(const char *s, size_t len, size_t i, struct strbuf *out)
{
    if (i + 2 >= len)
        return 0;
    size_t start = i + 2;
    bool hex = false;
    if (s[start] == 'x' || s[start] == 'X') {
        start++;
        hex = true;
        if (start == len)
            return 0;
    }
    size_t end = start;
    while (end < len && hex_digit_value(s[end]) >= 0)
        end++;
    if (end == len || s[end] != ';' || end == start)
        return 0;
    uint64_t v = 0;
    for (size_t k = start; k < end; k++) {
        int d = hex_digit_value(s[k]);
        if (!hex && d > 9)
            return 0;
        v = v * (hex ? 16 : 10) + (uint64_t)d;
        if (v > INT32_MAX)
            return 0;        /* Integer.parseInt overflows */
    }
    if (v > 0x10FFFF)
        return 0;            /* Character.toChars would throw; left as text here */
    if (v >= 0xD800 && v <= 0xDFFF)
        v = 0xFFFD;          /* a lone surrogate has no UTF-8 form */
    utf8_put(out, (uint32_t)v);
    return end + 1 - i;
}

/* "&name;" at s[i]: bytes consumed, or 0. The longest HTML 4 name has 8 letters. */
static size_t named_entity(const char *s, size_t len, size_t i, struct strbuf *out)
{
    char name[10];
    size_t n = 0;
    for (size_t k = i + 1; k < len && n < sizeof name - 1; k++) {
        if (s[k] == ';') {
            name[n] = '\0';
            if (n == 0 || strcmp(name, "apos") == 0)   /* &apos; is XML, not HTML 4 */
                return 0;
            const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)name);
            if (!d)
                return 0;
            utf8_put(out, d->value);
            return n + 2;
        }
        name[n++] = s[k];
    }
    return 0;
}

void html_unescape(const char *s, size_t len, struct strbuf *out)
{
    size_t i = 0, run = 0;
    while (i < len) {
        if (s[i] != '&') {
            i++;
            continue;
        }
        strbuf_addn(out, s + run, i - run);
        size_t used = (i + 1 < len && s[i + 1] == '#') ? numeric_entity(s, len, i, out)
                                                       : named_entity(s, len, i, out);
        if (used) {
            i += used;
        } else {
            strbuf_addc(out, '&');
            i++;
        }
        run = i;
    }
    strbuf_addn(out, s + run, len - run);
}
