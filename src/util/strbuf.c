/* strbuf.c - growable NUL-terminated strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/util.h"

static char strbuf_empty[1];

void strbuf_init(struct strbuf *sb)
{
    sb->s = strbuf_empty;
    sb->len = 0;
    sb->cap = 0;
}

void strbuf_free(struct strbuf *sb)
{
    if (sb->cap)
        free(sb->s);
    strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->cap)
        sb->s[0] = '\0';
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 32;
    while (cap < need)
        cap *= 2;
    if (sb->cap) {
        sb->s = xrealloc(sb->s, cap);
    } else {
        sb->s = xmalloc(cap);
        sb->s[0] = '\0';
    }
    sb->cap = cap;
}

void strbuf_addn(struct strbuf *sb, const char *s, size_t n)
{
    if (n == 0)
        return;
    strbuf_grow(sb, n);
    memcpy(sb->s + sb->len, s, n);
    sb->len += n;
    sb->s[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
    strbuf_addn(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
    strbuf_grow(sb, 1);
    sb->s[sb->len++] = c;
    sb->s[sb->len] = '\0';
}

/* Formats straight into the free capacity (at least 64 bytes of it, so that
 * short texts in a new buffer fit at once); only a text that does not fit is
 * formatted a second time, into a buffer grown to its size. */
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    strbuf_grow(sb, 64);
    size_t room = sb->cap - sb->len;
    int n = vsnprintf(sb->s + sb->len, room, fmt, ap2);
    va_end(ap2);
    if (n <= 0) {
        sb->s[sb->len] = '\0';   /* vsnprintf may have written before failing */
        return;
    }
    if ((size_t)n >= room) {
        strbuf_grow(sb, (size_t)n);
        vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
    }
    sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

char *strbuf_detach(struct strbuf *sb)
{
    char *s = sb->cap ? sb->s : xstrdup("");
    strbuf_init(sb);
    return s;
}
