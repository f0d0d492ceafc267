/* fn_random.c - random values: __UUID, __Random, __RandomString,
 * __RandomFromMultipleVars. Numbers come from the user's own generator
 * (expr_rand*), so no lock is taken; UUIDs come from libuuid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "expr_internal.h"
#include "utf8.h"

static void fn_uuid(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    uuid_t id;
    char text[37];
    uuid_generate_random(id);
    uuid_unparse_lower(id, text);
    strbuf_adds(out, text);
}

static void fn_random(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *smin = expr_fn_arg_trim(call, 0, ctx), *smax = expr_fn_arg_trim(call, 1, ctx);
    int64_t min, max;
    if (!expr_java_parse_long(smin, &min) || !expr_java_parse_long(smax, &max)) {
        expr_fn_fail(ctx, "__Random: a bound is not an integer");
    } else if (min > max || max == INT64_MAX) {
        /* JMeter asks for a number in [min, max+1): an empty or overflowing range fails */
        expr_fn_fail(ctx, "__Random: minimum greater than maximum");
    } else {
        uint64_t range = (uint64_t)max - (uint64_t)min + 1;
        int64_t v = (int64_t)((uint64_t)min + expr_rand_below(ctx, range));
        char text[24];
        snprintf(text, sizeof text, "%lld", (long long)v);
        strbuf_adds(out, text);
        expr_fn_store_var(call, 2, ctx, text);
    }
    free(smin);
    free(smax);
}

/* A code point for __RandomString without a character set: JMeter draws from
 * all of Unicode, skipping surrogates and private-use characters. We draw from
 * the first three planes (where assigned characters are) and skip controls,
 * surrogates, private use and non-characters. */
static uint32_t random_code_point(struct expr_ctx *ctx)
{
    for (;;) {
        uint32_t cp = 0x20 + (uint32_t)expr_rand_below(ctx, 0x30000 - 0x20);
        if ((cp >= 0x7F && cp <= 0x9F) || (cp >= 0xD800 && cp <= 0xF8FF) || (cp & 0xFFFE) == 0xFFFE)
            continue;
        return cp;
    }
}

static void fn_random_string(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *slen = expr_fn_arg(call, 0, ctx);
    int32_t length;
    if (!expr_java_parse_int(slen, &length) || length < 0) {
        expr_fn_fail(ctx, "__RandomString: length is not a non-negative integer");
        free(slen);
        return;
    }
    free(slen);
    char *chars = call->n_args > 1 ? expr_fn_arg_trim(call, 1, ctx) : xstrdup("");
    /* the character set as code points; duplicates weigh more, as in JMeter */
    size_t nchars = 0;
    uint32_t *set = xmalloc((strlen(chars) + 1) * sizeof *set);
    for (size_t i = 0, n = strlen(chars); i < n;) {
        uint32_t cp;
        size_t len = expr_utf8_get(chars + i, n - i, &cp);
        set[nchars++] = cp;
        i += len ? len : 1;
    }
    struct strbuf value;
    strbuf_init(&value);
    size_t room = expr_output_room(out);
    for (int32_t i = 0; i < length && value.len < room; i++) {
        uint32_t cp = nchars ? set[expr_rand_below(ctx, nchars)] : random_code_point(ctx);
        expr_utf8_put(&value, cp);
    }
    strbuf_addn(out, value.s, value.len);
    expr_fn_store_var(call, 2, ctx, value.s);
    strbuf_free(&value);
    free(set);
    free(chars);
}

/* Values of one name for __RandomFromMultipleVars: the name_1..name_N series
 * when name_matchNr is set (extractor output), else the variable itself. */
static void collect_values(struct expr_ctx *ctx, const char *name, struct ptrvec *values)
{
    char *key = xasprintf("%s_matchNr", name);
    const char *nr = strmap_get(ctx->vars, key);
    free(key);
    int32_t count = 0;
    if (nr && nr[0] && !expr_java_parse_int(nr, &count)) {
        expr_fn_fail(ctx, "__RandomFromMultipleVars: a _matchNr variable is not a number");
        return;
    }
    if (count > 0) {
        for (int32_t i = 1; i <= count; i++) {
            char *k = xasprintf("%s_%d", name, i);
            const char *v = strmap_get(ctx->vars, k);
            free(k);
            if (v)
                ptrvec_push(values, (void *)v);
        }
    } else {
        const char *v = strmap_get(ctx->vars, name);
        if (v && v[0])
            ptrvec_push(values, (void *)v);
    }
}

static void fn_random_from_vars(const struct tmpl_part *call, struct expr_ctx *ctx,
                                struct strbuf *out)
{
    if (!ctx->vars)
        return;
    char *names = expr_fn_arg_trim(call, 0, ctx);
    struct ptrvec values = {0};
    for (char *p = names; p;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        if (*p)
            collect_values(ctx, p, &values);
        p = bar ? bar + 1 : NULL;
    }
    char *chosen = xstrdup(values.len ? (const char *)values.items[expr_rand_below(ctx, values.len)] : "");
    ptrvec_free(&values);
    strbuf_adds(out, chosen);
    expr_fn_store_var(call, 1, ctx, chosen);
    free(chosen);
    free(names);
}

const struct expr_function expr_fns_random[] = {
    {"__UUID", 0, 0, NULL, fn_uuid, "a random type-4 UUID, lower case"},
    {"__Random", 2, 3, NULL, fn_random, "random integer in [min, max] (min, max[, var])"},
    {"__RandomString", 1, 3, NULL, fn_random_string,
     "random string of the given length (length[, chars[, var]])"},
    {"__RandomFromMultipleVars", 1, 2, NULL, fn_random_from_vars,
     "a random value among variables (v1|v2|...[, var])"},
    {0},
};
