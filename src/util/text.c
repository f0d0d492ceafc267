/* text.c - the little text helpers several modules need: UTF-8 encoding of a
 * code point, the value of a hexadecimal digit, and the quoted literals of
 * Java's date patterns. */
#include "jmx2run/util.h"

void utf8_put(struct strbuf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_addn(out, b, n);
}

int hex_digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool java_pattern_quote(const char **p, struct strbuf *lit)
{
    const char *s = *p + 1;
    if (*s == '\'') {                  /* '' is one quote */
        strbuf_addc(lit, '\'');
        *p = s + 1;
        return true;
    }
    while (*s) {
        if (*s == '\'' && s[1] == '\'') {   /* '' inside the quote too */
            strbuf_addc(lit, '\'');
            s += 2;
        } else if (*s == '\'') {
            *p = s + 1;
            return true;
        } else {
            strbuf_addc(lit, *s++);
        }
    }
    *p = s;
    return false;
}
