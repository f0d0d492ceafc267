/* utf8.c - UTF-8 encoding/decoding and UTF-16 surrogate pairing. */
#include "utf8.h"

void expr_utf8_put(struct strbuf *out, uint32_t cp)
{
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = '?';
    utf8_put(out, cp);
}

size_t expr_utf8_get(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    *cp = u[0];
    if (u[0] < 0x80)
        return 1;
    size_t len;
    uint32_t v, min;
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        len = 2, v = u[0] & 0x1F, min = 0x80;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        len = 3, v = u[0] & 0x0F, min = 0x800;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        len = 4, v = u[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

void expr_utf8_from_mixed(struct strbuf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = expr_utf8_get(s + i, n - i, &cp);
        if (len == 0) {
            expr_utf8_put(out, (unsigned char)s[i]);
            i++;
        } else {
            strbuf_addn(out, s + i, len);
            i += len;
        }
    }
}

void expr_utf16_put(struct utf16_sink *sink, uint32_t unit)
{
    unit &= 0xFFFF;
    if (sink->pending_high) {
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            uint32_t cp = 0x10000 + ((sink->pending_high - 0xD800) << 10) + (unit - 0xDC00);
            sink->pending_high = 0;
            expr_utf8_put(sink->out, cp);
            return;
        }
        expr_utf8_put(sink->out, sink->pending_high);   /* lone high surrogate: '?' */
        sink->pending_high = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF)
        sink->pending_high = unit;
    else
        expr_utf8_put(sink->out, unit);
}

void expr_utf16_flush(struct utf16_sink *sink)
{
    if (sink->pending_high)
        expr_utf8_put(sink->out, sink->pending_high);
    sink->pending_high = 0;
}
