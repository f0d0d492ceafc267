/* fn_helpers.c - helpers every function implementation uses: reading its
 * arguments, storing its optional result variable, reporting failures, and
 * Java's number parsing rules (Long.parseLong, Long.decode, String.trim). */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "expr_internal.h"

char *expr_fn_arg(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx)
{
    struct strbuf sb;
    strbuf_init(&sb);
    expr_arg(call, i, ctx, &sb);
    return strbuf_detach(&sb);
}

char *expr_fn_arg_trim(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx)
{
    char *s = expr_fn_arg(call, i, ctx);
    char *t = expr_java_trim_dup(s);
    free(s);
    return t;
}

void expr_fn_store_var(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx, const char *value)
{
    if (i >= call->n_args || !ctx->vars)
        return;
    char *name = expr_fn_arg_trim(call, i, ctx);
    if (name[0])
        strmap_set(ctx->vars, name, value);
    free(name);
}

void expr_fn_fail(struct expr_ctx *ctx, const char *message)
{
    ctx->error = message;
}

const char *expr_fn_arg_literal(const struct tmpl_part *call, size_t i)
{
    if (i >= call->n_args)
        return "";
    const struct tmpl *t = call->args[i];
    return t->is_literal ? t->source : NULL;
}

void *expr_fn_state_alloc(struct arena *arena, size_t size)
{
    return arena_alloc(arena, size);
}

void expr_fn_warn(const struct tmpl_part *call, struct diag_list *diags, const char *file, int line,
             const char *fmt, ...)
{
    if (!diags)
        return;
    struct strbuf sb;
    strbuf_init(&sb);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    diag_add(diags, DIAG_WARNING, file, line, "%s: %s", call->fn->name, sb.s);
    strbuf_free(&sb);
}

/* ---- Java compatibility ---- */

void expr_java_trim_bounds(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n;
    while (len > 0 && (unsigned char)p[0] <= ' ') {
        p++;
        len--;
    }
    while (len > 0 && (unsigned char)p[len - 1] <= ' ')
        len--;
    *s = p;
    *n = len;
}

char *expr_java_trim_dup(const char *s)
{
    size_t n = strlen(s);
    expr_java_trim_bounds(&s, &n);
    return xstrndup(s, n);
}

/* Parses digits of the given radix into a signed 64-bit value with overflow
 * checks; the whole string must be used. */
static bool parse_radix(const char *s, int radix, bool negative, int64_t *out)
{
    if (!*s)
        return false;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    for (; *s; s++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (*s >= 'a' && *s <= 'z')
            d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'Z')
            d = *s - 'A' + 10;
        else
            return false;
        if (d >= radix)
            return false;
        if (v > (limit - (uint64_t)d) / (uint64_t)radix)
            return false;
        v = v * (uint64_t)radix + (uint64_t)d;
    }
    *out = negative ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

bool expr_java_parse_long(const char *s, int64_t *out)
{
    if (!s)
        return false;
    bool neg = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    return parse_radix(s, 10, neg, out);
}

bool expr_java_parse_int(const char *s, int32_t *out)
{
    int64_t v;
    if (!expr_java_parse_long(s, &v) || v < INT32_MIN || v > INT32_MAX)
        return false;
    *out = (int32_t)v;
    return true;
}

bool expr_java_decode_long(const char *s, int64_t *out)
{
    if (!s || !*s)
        return false;
    bool neg = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    if (*s == '-' || *s == '+')
        return false;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return parse_radix(s + 2, 16, neg, out);
    if (s[0] == '#')
        return parse_radix(s + 1, 16, neg, out);
    if (s[0] == '0' && s[1])
        return parse_radix(s + 1, 8, neg, out);
    return parse_radix(s, 10, neg, out);
}

bool expr_java_parse_boolean(const char *s)
{
    return s && strcasecmp(s, "true") == 0;
}
