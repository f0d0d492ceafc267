/* json_text.c - JSON strings from text that may not be valid UTF-8, each
 * invalid byte replaced by U+FFFD. */
#include "jmx2run/json_text.h"
#include "jmx2run/util.h"

/* The length of the well-formed UTF-8 sequence at s, or 0 when it is not one
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t utf8_sequence_length(const unsigned char *s)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

json_t *text_to_json(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    struct strbuf clean;
    strbuf_init(&clean);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = utf8_sequence_length(p);
        if (n) {
            strbuf_addn(&clean, (const char *)p, n);
            p += n;
        } else {
            strbuf_adds(&clean, "\xEF\xBF\xBD");
            p++;
        }
    }
    j = json_string(clean.s);
    strbuf_free(&clean);
    return j ? j : json_string("");
}
