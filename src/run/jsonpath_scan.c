/* jsonpath_scan.c - what Jayway's path and filter compilers stand on: its CharacterIndex
 * (a position and an end inside the text; reading past the end of the text itself is a
 * StringIndexOutOfBoundsException, as charAt throws), and the compiler's memory and
 * exceptions. Everything compiled lives in one arena; an exception unwinds with longjmp to
 * the nearest jp_compiler_try, so a refused path leaks nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

/* ------------------------------------------------------------ compiler services */

void *jp_compiler_alloc(struct jp_compiler *c, size_t size)
{
    return arena_alloc(c->arena, size);
}

char *jp_compiler_strndup(struct jp_compiler *c, const char *s, size_t len)
{
    return arena_strndup(c->arena, s, len);
}

void jp_compiler_throw(struct jp_compiler *c, enum jp_exc kind, const char *cls,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    c->kind = kind;
    c->cls = cls;
    c->message = arena_strndup(c->arena, sb.s, sb.len);
    strbuf_free(&sb);
    longjmp(*(jmp_buf *)c->handler, 1);
}

bool jp_compiler_try(struct jp_compiler *c, void (*fn)(struct jp_compiler *, void *), void *arg,
                     enum jp_exc *kind, const char **cls, const char **message)
{
    jmp_buf here;
    void *volatile outer = c->handler;
    volatile unsigned depth = c->depth, tokens = c->tokens;
    c->handler = &here;
    if (setjmp(here)) {
        c->handler = outer;
        c->depth = depth;
        c->tokens = tokens;
        *kind = c->kind;
        *cls = c->cls;
        *message = c->message;
        return false;
    }
    fn(c, arg);
    c->handler = outer;
    return true;
}

void jp_compiler_keep_regex(struct jp_compiler *c, void *code)
{
    ptrvec_push(&c->regexes, code);
}

void jp_compiler_keep_doc(struct jp_compiler *c, struct jp_doc *doc)
{
    ptrvec_push(&c->docs, doc);
}

void jp_abuf_addc(struct jp_compiler *c, struct jp_abuf *b, char ch)
{
    if (b->len + 2 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        char *s = arena_alloc(c->arena, cap);
        if (b->len)
            memcpy(s, b->s, b->len);
        b->s = s;
        b->cap = cap;
    }
    b->s[b->len++] = ch;
    b->s[b->len] = '\0';
}

void jp_alist_push(struct jp_compiler *c, struct jp_alist *l, void *item)
{
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        void **items = arena_alloc(c->arena, cap * sizeof *items);
        if (l->len)
            memcpy(items, l->items, l->len * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->len++] = item;
}

int jp_u16_pos(const char *s, int i)
{
    int n = 0;
    for (int k = 0; k < i; k++) {
        unsigned char b = (unsigned char)s[k];
        if ((b & 0xC0) != 0x80)
            n += b >= 0xF0 ? 2 : 1;
    }
    return n;
}

/* ------------------------------------------------------------ CharacterIndex */

void jp_ci_fail(struct jp_ci *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    char *m = arena_strndup(x->c->arena, sb.s, sb.len);
    strbuf_free(&sb);
    jp_compiler_throw(x->c, JP_EXC_INVALID_PATH, NULL, "%s", m);
}

char jp_ci_at(struct jp_ci *x, int i)
{
    if (i < 0 || i >= x->len)
        jp_compiler_throw(x->c, JP_EXC_OTHER, "java.lang.StringIndexOutOfBoundsException",
                          "String index out of range: %d", jp_u16_pos(x->s, i < 0 ? 0 : x->len) +
                          (i < 0 ? i : i - x->len));
    return x->s[i];
}

bool jp_ci_in_bounds(const struct jp_ci *x, int i)
{
    return i >= 0 && i <= x->end;
}

char jp_ci_cur(struct jp_ci *x)
{
    return jp_ci_at(x, x->pos);
}

bool jp_ci_cur_is(struct jp_ci *x, char c)
{
    return jp_ci_at(x, x->pos) == c;
}

bool jp_ci_next_is(struct jp_ci *x, char c)
{
    return jp_ci_in_bounds(x, x->pos + 1) && jp_ci_at(x, x->pos + 1) == c;
}

bool jp_ci_is_tail(const struct jp_ci *x)
{
    return x->pos >= x->end;
}

bool jp_ci_has_more(const struct jp_ci *x)
{
    return jp_ci_in_bounds(x, x->pos + 1);
}

int jp_ci_next_significant_index(struct jp_ci *x, int start, char c)
{
    int i = start + 1;
    while (jp_ci_in_bounds(x, i) && jp_ci_at(x, i) == ' ')
        i++;
    return jp_ci_at(x, i) == c ? i : -1;
}

bool jp_ci_next_significant_is(struct jp_ci *x, int start, char c)
{
    int i = start + 1;
    while (jp_ci_in_bounds(x, i) && jp_ci_at(x, i) == ' ')
        i++;
    return jp_ci_in_bounds(x, i) && jp_ci_at(x, i) == c;
}

char jp_ci_next_significant(struct jp_ci *x, int start)
{
    int i = start + 1;
    while (jp_ci_in_bounds(x, i) && jp_ci_at(x, i) == ' ')
        i++;
    return jp_ci_in_bounds(x, i) ? jp_ci_at(x, i) : ' ';
}

int jp_ci_next_index_of(struct jp_ci *x, int start, char c)
{
    for (int i = start; jp_ci_in_bounds(x, i); i++)
        if (jp_ci_at(x, i) == c)
            return i;
    return -1;
}

int jp_ci_next_unescaped(struct jp_ci *x, int start, char c)
{
    bool esc = false;
    for (int i = start + 1; jp_ci_in_bounds(x, i); i++) {
        if (esc)
            esc = false;
        else if (jp_ci_at(x, i) == '\\')
            esc = true;
        else if (jp_ci_at(x, i) == c)
            return i;
    }
    return -1;
}

int jp_ci_matching_close(struct jp_ci *x, int start, char open, char close, bool strings, bool regex)
{
    if (jp_ci_at(x, start) != open)
        jp_ci_fail(x, "Expected %c but found %c", open, jp_ci_at(x, start));
    int opened = 1;
    for (int i = start + 1; jp_ci_in_bounds(x, i); i++) {
        if (strings) {
            char q = jp_ci_at(x, i);
            if (q == '\'' || q == '"') {
                i = jp_ci_next_unescaped(x, i, q);
                if (i == -1)
                    jp_ci_fail(x, "Could not find matching close quote for %c when parsing : %s", q, x->s);
                i++;
            }
        }
        if (regex && jp_ci_at(x, i) == '/') {
            i = jp_ci_next_unescaped(x, i, '/');
            if (i == -1)
                jp_ci_fail(x, "Could not find matching close for / when parsing regex in : %s", x->s);
            i++;
        }
        if (jp_ci_at(x, i) == open)
            opened++;
        if (jp_ci_at(x, i) == close && --opened == 0)
            return i;
    }
    return -1;
}

void jp_ci_trim(struct jp_ci *x)
{
    while (jp_ci_in_bounds(x, x->pos) && x->pos < x->end && jp_ci_cur(x) == ' ')
        x->pos++;
    while (jp_ci_in_bounds(x, x->pos) && x->pos < x->end && jp_ci_at(x, x->end) == ' ')
        x->end--;
}

char *jp_ci_sub(struct jp_ci *x, int from, int to)
{
    if (from < 0 || to > x->len || from > to)
        jp_compiler_throw(x->c, JP_EXC_OTHER, "java.lang.StringIndexOutOfBoundsException",
                          "begin %d, end %d, length %d", from, to, x->len);
    return arena_strndup(x->c->arena, x->s + from, (size_t)(to - from));
}


/* the filter compiler's additions */

void jp_ci_skip_blanks(struct jp_ci *x)
{
    while (jp_ci_in_bounds(x, x->pos) && x->pos < x->end && jp_ci_cur(x) == ' ')
        x->pos++;
}

void jp_ci_read_significant(struct jp_ci *x, char c)
{
    jp_ci_skip_blanks(x);
    if (jp_ci_cur(x) != c)
        jp_ci_fail(x, "Expected character: %c", c);
    x->pos++;
}

bool jp_ci_has_significant(struct jp_ci *x, const char *s)
{
    jp_ci_skip_blanks(x);
    int n = (int)strlen(s);
    if (!jp_ci_in_bounds(x, x->pos + n - 1))
        return false;
    if (x->pos + n > x->len || memcmp(x->s + x->pos, s, (size_t)n) != 0)
        return false;
    x->pos += n;
    return true;
}

int jp_ci_previous_significant_index(struct jp_ci *x, int start)
{
    int i = start - 1;
    while (jp_ci_in_bounds(x, i) && jp_ci_at(x, i) == ' ')
        i--;
    return jp_ci_in_bounds(x, i) ? i : -1;
}

char jp_ci_previous_significant(struct jp_ci *x, int start)
{
    int i = jp_ci_previous_significant_index(x, start);
    return i == -1 ? ' ' : jp_ci_at(x, i);
}
