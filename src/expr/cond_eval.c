/* cond_eval.c - evaluating a parsed condition. && and || short-circuit; in
 * JavaScript they yield one of their operands ("" && 1 is ""), elsewhere a
 * boolean. Any runtime error makes the whole evaluation fail, as the script
 * engines throw and JMeter then uses "" (or false). */
#include <stdlib.h>
#include <string.h>
#include "cond_internal.h"

static bool eval_node(const struct cnode *n, struct cond_env *env, struct cvalue *out);

static bool eval_args(const struct cnode *n, struct cond_env *env, struct cvalue *args)
{
    for (size_t i = 0; i < n->n_args; i++) {
        if (!eval_node(n->args[i], env, &args[i])) {
            for (size_t j = 0; j < i; j++)
                condv_free(&args[j]);
            return false;
        }
    }
    return true;
}

static void free_args(struct cvalue *args, size_t n)
{
    for (size_t i = 0; i < n; i++)
        condv_free(&args[i]);
    free(args);
}

static bool eval_call(const struct cnode *n, struct cond_env *env, struct cvalue *out)
{
    struct cvalue *args = xcalloc(n->n_args + 1, sizeof *args);
    if (!eval_args(n, env, args)) {
        free(args);
        return false;
    }
    bool ok = n->fn->call(env, args, n->n_args, out);
    free_args(args, n->n_args);
    return ok;
}

static bool eval_method(const struct cnode *n, struct cond_env *env, struct cvalue *out)
{
    struct cvalue self;
    if (!eval_node(n->a, env, &self))
        return false;
    if (self.type == CV_NULL || self.type == CV_UNDEFINED) {
        condv_free(&self);
        return false;   /* NullPointerException / TypeError */
    }
    struct cvalue *args = xcalloc(n->n_args + 1, sizeof *args);
    if (!eval_args(n, env, args)) {
        free(args);
        condv_free(&self);
        return false;
    }
    bool ok = n->method->call(env, &self, args, n->n_args, out);
    free_args(args, n->n_args);
    condv_free(&self);
    return ok;
}

static bool eval_binary(const struct cnode *n, struct cond_env *env, struct cvalue *out)
{
    struct cvalue a, b;
    if (!eval_node(n->a, env, &a))
        return false;
    if (!eval_node(n->b, env, &b)) {
        condv_free(&a);
        return false;
    }
    const char *op = n->op;
    bool ok, r = false;
    if (strcmp(op, "==") == 0 || strcmp(op, "!=") == 0 || strcmp(op, "===") == 0 || strcmp(op, "!==") == 0) {
        ok = condv_equals(&a, &b, env->dialect, op[2] == '=', &r);
        if (ok)
            *out = condv_bool(op[0] == '=' ? r : !r);
    } else if (op[0] == '<' || op[0] == '>') {
        int cmp_op = op[1] == '=' ? (op[0] == '<' ? 'l' : 'g') : op[0];
        ok = condv_compare(&a, &b, env->dialect, cmp_op, &r);
        if (ok)
            *out = condv_bool(r);
    } else {
        ok = condv_arith(&a, &b, env->dialect, op[0], out);
    }
    condv_free(&a);
    condv_free(&b);
    return ok;
}

/* && and ||: stop after the left side when it decides. */
/* Evaluates n to a truth value (! and ?:); false when n fails or has none. */
static bool eval_truth(const struct cnode *n, struct cond_env *env, bool *truth)
{
    struct cvalue v;
    if (!eval_node(n, env, &v))
        return false;
    bool ok = condv_truthy(&v, env->dialect, truth);
    condv_free(&v);
    return ok;
}

static bool eval_logic(const struct cnode *n, struct cond_env *env, struct cvalue *out)
{
    bool is_and = n->kind == N_AND;
    struct cvalue a;
    bool ta;
    if (!eval_node(n->a, env, &a))
        return false;
    if (!condv_truthy(&a, env->dialect, &ta)) {
        condv_free(&a);
        return false;
    }
    if (ta != is_and) {   /* false && x, true || x */
        if (env->dialect == COND_JAVASCRIPT) {
            *out = a;
        } else {
            condv_free(&a);
            *out = condv_bool(ta);
        }
        return true;
    }
    condv_free(&a);
    struct cvalue b;
    if (!eval_node(n->b, env, &b))
        return false;
    if (env->dialect == COND_JAVASCRIPT) {
        *out = b;
        return true;
    }
    bool tb;
    bool ok = condv_truthy(&b, env->dialect, &tb);
    condv_free(&b);
    if (ok)
        *out = condv_bool(tb);
    return ok;
}

static bool eval_node(const struct cnode *n, struct cond_env *env, struct cvalue *out)
{
    struct cvalue a;
    bool t;
    switch (n->kind) {
    case N_LITERAL:
        *out = condv_copy(&n->value);
        return true;
    case N_THREAD_NAME:
        *out = condv_string(env->ctx && env->ctx->thread_name ? env->ctx->thread_name : "");
        return true;
    case N_FUNCTION:
        return eval_call(n, env, out);
    case N_METHOD:
        return eval_method(n, env, out);
    case N_TYPEOF: {
        /* JavaScript's typeof never fails on its operand's value */
        static const char *const names[] = {
            [CV_NULL] = "object", [CV_UNDEFINED] = "undefined", [CV_BOOL] = "boolean",
            [CV_INT] = "number", [CV_DOUBLE] = "number", [CV_DECIMAL] = "number",
            [CV_STRING] = "string",
        };
        if (!eval_node(n->a, env, &a)) {
            *out = condv_string("undefined");
            return true;
        }
        const char *kind = (size_t)a.type < sizeof names / sizeof names[0] && names[a.type]
                            ? names[a.type] : "object";
        condv_free(&a);
        *out = condv_string(kind);
        return true;
    }
    case N_NOT:
        if (!eval_truth(n->a, env, &t))
            return false;
        *out = condv_bool(!t);
        return true;
    case N_NEGATE: case N_PLUS: {
        if (!eval_node(n->a, env, &a))
            return false;
        bool ok = true;
        if (n->kind == N_NEGATE)
            ok = condv_negate(&a, env->dialect, out);
        else if (env->dialect == COND_JAVASCRIPT)
            *out = condv_double(cond_js_to_number(&a));
        else if (condv_is_number(&a))
            *out = a, a.type = CV_NULL;
        else
            ok = false;
        condv_free(&a);
        return ok;
    }
    case N_BINARY:
        return eval_binary(n, env, out);
    case N_AND: case N_OR:
        return eval_logic(n, env, out);
    case N_TERNARY:
        if (!eval_truth(n->a, env, &t))
            return false;
        return eval_node(t ? n->b : n->c, env, out);
    }
    return false;
}

bool cond_eval(const struct cond_expr *e, struct expr_ctx *ctx, struct strbuf *out)
{
    struct cond_env env = {ctx, e->dialect};
    struct cvalue v;
    if (!eval_node(e->root, &env, &v))
        return false;
    condv_print(&v, e->dialect, out);
    condv_free(&v);
    return true;
}

bool cond_eval_bool(const struct cond_expr *e, struct expr_ctx *ctx)
{
    struct strbuf sb;
    strbuf_init(&sb);
    bool ok = cond_eval(e, ctx, &sb) && strcmp(sb.s, "true") == 0;
    strbuf_free(&sb);
    return ok;
}

bool cond_eval_string(const char *src, enum cond_dialect dialect, struct expr_ctx *ctx,
                      struct strbuf *out)
{
    struct cond_expr *e = cond_parse(src, dialect, NULL);
    if (!e)
        return false;
    bool ok = cond_eval(e, ctx, out);
    cond_free(e);
    return ok;
}
