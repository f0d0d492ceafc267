/* utf8.h - small UTF-8 / UTF-16 helpers shared by the expression functions.
 * Java strings are UTF-16; we keep UTF-8 and convert where JMeter's behaviour
 * depends on Java chars (e.g. __char, \uXXXX escapes, surrogate pairs). */
#ifndef JMX2RUN_EXPR_UTF8_H
#define JMX2RUN_EXPR_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include "jmx2run/util.h"

/* Appends the UTF-8 form of a code point; surrogates and values past
 * U+10FFFF become '?', as Java's encoder writes them. */
void expr_utf8_put(struct strbuf *out, uint32_t cp);
/* Decodes one code point at s (n bytes available). Returns its length, or 0
 * when the bytes are not well-formed UTF-8 (then *cp is the first byte). */
size_t expr_utf8_get(const char *s, size_t n, uint32_t *cp);
/* Copies text, turning every byte that is not part of well-formed UTF-8 into
 * the character of the same ISO-8859-1 value. */
void expr_utf8_from_mixed(struct strbuf *out, const char *s, size_t n);

/* Collects UTF-16 code units and writes them as UTF-8, pairing surrogates. */
struct utf16_sink {
    struct strbuf *out;
    uint32_t pending_high;   /* a high surrogate waiting for its pair, or 0 */
};
void expr_utf16_put(struct utf16_sink *sink, uint32_t unit);
void expr_utf16_flush(struct utf16_sink *sink);

#endif
