/* fn_script.c - the script functions __jexl2, __jexl3, __groovy and
 * __javaScript. JMeter runs real script engines; we evaluate the subset of
 * expressions that plans use with the condition language (cond.h). At build
 * time the expression is checked with cond_validate and an unsupported shape
 * is reported; at run time it then yields "" like a script error does. */
#include <stdlib.h>
#include "cond_internal.h"
#include "expr_internal.h"

static enum cond_dialect dialect_of(const struct tmpl_part *call)
{
    const char *n = call->fn->name;
    if (str_eq(n, "__groovy"))
        return COND_GROOVY;
    if (str_eq(n, "__javaScript"))
        return COND_JAVASCRIPT;
    if (str_eq(n, "__jexl2"))
        return COND_JEXL2;
    return COND_JEXL;
}

static void script_compile(struct tmpl_part *call, struct arena *arena, struct diag_list *diags,
                           const char *file, int line)
{
    if (!diags || call->n_args == 0)
        return;
    char *why = NULL;
    if (!cond_validate(call->args[0], dialect_of(call), &why))
        expr_fn_warn(call, diags, file, line, "%s (the expression yields \"\" and counts as false)",
                why ? why : "unsupported expression");
    free(why);
}

static void fn_script(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *text = expr_fn_arg(call, 0, ctx);
    struct strbuf value;
    strbuf_init(&value);
    enum cond_dialect d = dialect_of(call);
    bool ok = cond_eval_string(text, d, ctx, &value);
    /* on an error the engines print nothing and store nothing */
    strbuf_addn(out, value.s, value.len);
    if (ok)
        expr_fn_store_var(call, 1, ctx, value.s);
    strbuf_free(&value);
    free(text);
}

const struct expr_function expr_fns_script[] = {
    {"__jexl2", 1, 2, script_compile, fn_script, "JEXL 2 expression (supported subset) (expr[, var])"},
    {"__jexl3", 1, 2, script_compile, fn_script, "JEXL 3 expression (supported subset) (expr[, var])"},
    {"__groovy", 1, 2, script_compile, fn_script, "Groovy expression (supported subset) (expr[, var])"},
    {"__javaScript", 1, 2, script_compile, fn_script,
     "JavaScript expression (supported subset) (expr[, var])"},
    {0},
};
