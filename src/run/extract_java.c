/* extract_java.c - the few Java conversions post-processors and assertions depend on:
 * Integer.parseInt / Long.parseLong (JMeter reads match numbers and sizes with them),
 * NumberFormat's digit grouping (assertion messages), String.length() and
 * Character.isWhitespace. Also the template evaluation helper. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

static bool parse_signed(const char *s, int64_t min, int64_t max, int64_t *out)
{
    if (!s || !*s)
        return false;
    bool neg = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
        if (!*s)
            return false;
    }
    /* accumulate as a negative number so that min itself fits */
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        int d = *s - '0';
        if (v < min / 10 || (v == min / 10 && d > -(min % 10)))
            return false;
        v = v * 10 - d;
    }
    if (!neg) {
        if (v < -max)
            return false;
        v = -v;
    }
    *out = v;
    return true;
}

bool java_parse_int(const char *s, int32_t *out)
{
    int64_t v;
    if (!parse_signed(s, INT32_MIN, INT32_MAX, &v))
        return false;
    *out = (int32_t)v;
    return true;
}

bool java_parse_long(const char *s, int64_t *out)
{
    return parse_signed(s, INT64_MIN, INT64_MAX, out);
}

void java_format_grouped(int64_t v, struct strbuf *out)
{
    char digits[24];
    /* magnitude as unsigned, so that INT64_MIN works */
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = 0;
    do {
        digits[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        strbuf_addc(out, '-');
    for (int i = n - 1; i >= 0; i--) {
        strbuf_addc(out, digits[i]);
        if (i > 0 && i % 3 == 0)
            strbuf_addc(out, ',');
    }
}

size_t java_length(const char *s, size_t len)
{
    /* one unit per character, two for those above U+FFFF (4-byte sequences); the
     * text is valid UTF-8, so counting lead bytes is enough */
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80)
            n += c >= 0xF0 ? 2 : 1;
    }
    return n;
}

bool java_is_whitespace(uint32_t cp)
{
    if ((cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20))
        return true;
    /* space, line and paragraph separators, except the no-break spaces */
    return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x205F || cp == 0x3000;
}

bool java_is_blank(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t n;
        if (c < 0x80) {
            cp = c;
            n = 1;
        } else if (c >= 0xE0 && c < 0xF0 && i + 2 < len) {
            cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                 (uint32_t)(s[i + 2] & 0x3F);
            n = 3;
        } else {
            return false;   /* no whitespace among the other multi-byte characters */
        }
        if (!java_is_whitespace(cp))
            return false;
        i += n;
    }
    return true;
}

char *pp_eval(const struct tmpl *t, struct expr_ctx *ctx)
{
    if (!t)
        return xstrdup("");
    if (t->is_literal)
        return xstrdup(t->source);
    return tmpl_eval_dup(t, ctx);
}
