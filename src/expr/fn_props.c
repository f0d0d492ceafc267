/* fn_props.c - JMeter properties: __P, __property, __setProperty,
 * __isPropDefined. Values read through __P/__property are trimmed, defaults
 * included, as JMeterUtils.getPropDefault does. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "expr_internal.h"

static struct props *props_of(struct expr_ctx *ctx)
{
    return ctx->env ? ctx->env->props : NULL;
}

/* Appends the trimmed property value, or the trimmed default. */
static void get_trimmed(struct expr_ctx *ctx, const char *name, const char *dflt, struct strbuf *out)
{
    struct strbuf value;
    strbuf_init(&value);
    struct props *p = props_of(ctx);
    if (!p || !props_get(p, name, &value))
        strbuf_adds(&value, dflt);
    const char *s = value.s;
    size_t n = value.len;
    expr_java_trim_bounds(&s, &n);
    strbuf_addn(out, s, n);
    strbuf_free(&value);
}

static void fn_p(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    char *dflt = call->n_args > 1 ? expr_fn_arg(call, 1, ctx) : xstrdup("1");
    get_trimmed(ctx, name, dflt, out);
    free(name);
    free(dflt);
}

static void fn_property(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    char *dflt = call->n_args > 2 ? expr_fn_arg(call, 2, ctx) : xstrdup(name);
    size_t start = out->len;
    get_trimmed(ctx, name, dflt, out);
    if (call->n_args > 1 && ctx->vars) {
        char *var = expr_fn_arg(call, 1, ctx);   /* JMeter does not trim this name */
        if (var[0])
            strmap_setn(ctx->vars, var, strlen(var), out->s + start, out->len - start);
        free(var);
    }
    free(name);
    free(dflt);
}

static void fn_set_property(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    char *value = expr_fn_arg(call, 1, ctx);
    bool return_old = false;
    if (call->n_args > 2) {
        char *flag = expr_fn_arg(call, 2, ctx);
        return_old = strcasecmp(flag, "true") == 0;
        free(flag);
    }
    struct props *p = props_of(ctx);
    if (p) {
        struct strbuf old;
        strbuf_init(&old);
        bool had = props_exchange(p, name, value, &old);
        if (return_old)   /* Java prints a missing previous value as "null" */
            strbuf_adds(out, had ? old.s : "null");
        strbuf_free(&old);
    }
    free(name);
    free(value);
}

static void fn_is_prop_defined(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    struct props *p = props_of(ctx);
    strbuf_adds(out, p && props_has(p, name) ? "true" : "false");
    free(name);
}

const struct expr_function expr_fns_props[] = {
    {"__P", 1, 2, NULL, fn_p, "a property, default 1 (name[, default])"},
    {"__property", 1, 3, NULL, fn_property,
     "a property, default its name (name[, var[, default]])"},
    {"__setProperty", 2, 3, NULL, fn_set_property,
     "sets a property (name, value[, returnOld])"},
    {"__isPropDefined", 1, 1, NULL, fn_is_prop_defined, "true when the property exists (name)"},
    {0},
};
