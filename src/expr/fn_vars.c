/* fn_vars.c - functions about variables and counting: __V, __eval, __evalVar,
 * __isVarDefined, __split, __counter, __intSum, __longSum. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expr_internal.h"
#include "utf8.h"

static const char *var_get(struct expr_ctx *ctx, const char *name)
{
    return ctx->vars ? strmap_get(ctx->vars, name) : NULL;
}

static void fn_v(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    const char *v = var_get(ctx, name);
    if (v)
        strbuf_adds(out, v);
    else if (call->n_args > 1)
        expr_arg(call, 1, ctx, out);
    else
        strbuf_adds(out, name);
    free(name);
}

/* Compiles and evaluates text as a template; text JMeter cannot compile gives "". */
static void eval_text(const char *text, struct expr_ctx *ctx, struct strbuf *out)
{
    /* compiling costs about as much as evaluating a few parts */
    if (!expr_charge(ctx, 256 + strlen(text)))
        return;
    struct tmpl *t = tmpl_compile_runtime(text);
    if (t) {
        tmpl_eval_parts(t, ctx, out);
        tmpl_free(t);
    }
}

static void fn_eval(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *text = expr_fn_arg(call, 0, ctx);
    eval_text(text, ctx, out);
    free(text);
}

static void fn_eval_var(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    const char *v = var_get(ctx, name);
    if (v) {
        char *copy = xstrdup(v);   /* the evaluation may change the variable */
        eval_text(copy, ctx, out);
        free(copy);
    }
    free(name);
}

static void fn_is_var_defined(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    strbuf_adds(out, var_get(ctx, name) ? "true" : "false");
    free(name);
}

/* JMeter's split with a default: every character of seps separates; an empty
 * field between two separators, and a trailing separator, give "?"; a leading
 * separator is skipped. Characters are compared as code points. */
static size_t next_char(const char *s, size_t n, uint32_t *cp)
{
    size_t len = expr_utf8_get(s, n, cp);
    return len ? len : 1;
}

static bool is_sep(const char *seps, const char *s, size_t n, size_t *len)
{
    uint32_t cp, sc;
    *len = next_char(s, n, &cp);
    for (size_t i = 0, m = strlen(seps); i < m;) {
        i += next_char(seps + i, m - i, &sc);
        if (sc == cp)
            return true;
    }
    return false;
}

static void put_field(struct expr_ctx *ctx, struct strbuf *key, const char *prefix, long index,
                      const char *value, size_t len)
{
    strbuf_reset(key);
    strbuf_addf(key, "%s_%ld", prefix, index);
    strmap_setn(ctx->vars, key->s, key->len, value, len);
}

static void fn_split(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *text = expr_fn_arg(call, 0, ctx);
    char *prefix = expr_fn_arg_trim(call, 1, ctx);
    char *seps = call->n_args > 2 ? expr_fn_arg(call, 2, ctx) : xstrdup(",");
    if (!seps[0]) {
        free(seps);
        seps = xstrdup(",");
    }
    strbuf_adds(out, text);
    if (ctx->vars) {
        struct strbuf key;
        strbuf_init(&key);
        strmap_set(ctx->vars, prefix, text);
        long count = 0;
        bool last_was_sep = false;
        size_t n = strlen(text), i = 0, len;
        while (i < n) {
            if (is_sep(seps, text + i, n - i, &len)) {
                if (last_was_sep)
                    put_field(ctx, &key, prefix, ++count, "?", 1);
                last_was_sep = true;
                i += len;
                continue;
            }
            size_t start = i;
            while (i < n && !is_sep(seps, text + i, n - i, &len))
                i += len;
            put_field(ctx, &key, prefix, ++count, text + start, i - start);
            last_was_sep = false;
        }
        if (last_was_sep)
            put_field(ctx, &key, prefix, ++count, "?", 1);
        char num[24];
        snprintf(num, sizeof num, "%ld", count);
        strbuf_reset(&key);
        strbuf_addf(&key, "%s_n", prefix);
        strmap_set(ctx->vars, key.s, num);
        strbuf_reset(&key);
        strbuf_addf(&key, "%s_%ld", prefix, count + 1);
        strmap_remove(ctx->vars, key.s);
        strbuf_free(&key);
    }
    free(text);
    free(prefix);
    free(seps);
}

/* __counter: FALSE counts for everybody at this call site (an atomic in the
 * call's state), TRUE counts per user (in ctx->user_state, keyed by the call
 * site). Both start at 1. */
struct counter_state {
    atomic_uint_fast64_t global;
};

static void counter_compile(struct tmpl_part *call, struct arena *arena, struct diag_list *diags,
                            const char *file, int line)
{
    call->state = expr_fn_state_alloc(arena, sizeof(struct counter_state));
}

static void fn_counter(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *mode = expr_fn_arg(call, 0, ctx);
    bool per_user = expr_java_parse_boolean(mode);
    free(mode);
    uint64_t value;
    if (per_user) {
        char key[32];
        snprintf(key, sizeof key, "counter#%u", (unsigned)call->occurrence);
        const char *prev = ctx->user_state ? strmap_get(ctx->user_state, key) : NULL;
        value = (prev ? strtoull(prev, NULL, 10) : 0) + 1;
        if (ctx->user_state) {
            char text[24];
            snprintf(text, sizeof text, "%llu", (unsigned long long)value);
            strmap_set(ctx->user_state, key, text);
        }
    } else {
        struct counter_state *st = call->state;
        value = (uint64_t)atomic_fetch_add(&st->global, 1) + 1;
    }
    char text[24];
    snprintf(text, sizeof text, "%llu", (unsigned long long)value);
    strbuf_adds(out, text);
    expr_fn_store_var(call, 1, ctx, text);
}

/* __intSum / __longSum: every argument but the last is a number; the last one
 * is a number too when it parses as one, else the name of a variable that
 * receives the sum. Sums wrap around like Java's int / long. */
static void sum(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out, bool is_int)
{
    uint64_t total = 0;
    size_t last = call->n_args - 1;
    for (size_t i = 0; i < last; i++) {
        char *s = expr_fn_arg(call, i, ctx);
        int64_t v;
        int32_t v32;
        bool ok = is_int ? expr_java_parse_int(s, &v32) : expr_java_parse_long(s, &v);
        free(s);
        if (!ok) {
            expr_fn_fail(ctx, is_int ? "__intSum: an argument is not an int" : "__longSum: an argument is not a long");
            return;
        }
        total += is_int ? (uint64_t)(int64_t)v32 : (uint64_t)v;
    }
    char *var = expr_fn_arg_trim(call, last, ctx);
    int64_t v;
    int32_t v32;
    if (is_int ? expr_java_parse_int(var, &v32) : expr_java_parse_long(var, &v)) {
        total += is_int ? (uint64_t)(int64_t)v32 : (uint64_t)v;
        var[0] = '\0';
    }
    char text[24];
    if (is_int)
        snprintf(text, sizeof text, "%d", (int)(int32_t)(uint32_t)total);
    else
        snprintf(text, sizeof text, "%lld", (long long)(int64_t)total);
    strbuf_adds(out, text);
    if (var[0] && ctx->vars)
        strmap_set(ctx->vars, var, text);
    free(var);
}

static void fn_int_sum(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    sum(call, ctx, out, true);
}

static void fn_long_sum(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    sum(call, ctx, out, false);
}

const struct expr_function expr_fns_vars[] = {
    {"__V", 1, 2, NULL, fn_v, "the variable whose name is computed (name[, default])"},
    {"__eval", 1, 1, NULL, fn_eval, "evaluates text as a template (text)"},
    {"__evalVar", 1, 1, NULL, fn_eval_var, "evaluates a variable's value as a template (name)"},
    {"__isVarDefined", 1, 1, NULL, fn_is_var_defined, "true when the variable exists (name)"},
    {"__split", 2, 3, NULL, fn_split, "splits text into prefix_1..prefix_n (text, prefix[, seps])"},
    {"__counter", 1, 2, counter_compile, fn_counter,
     "counter from 1: TRUE per user, FALSE shared (TRUE|FALSE[, var])"},
    {"__intSum", 2, -1, NULL, fn_int_sum, "sum of ints (a, b, ...[, var])"},
    {"__longSum", 2, -1, NULL, fn_long_sum, "sum of longs (a, b, ...[, var])"},
    {0},
};
