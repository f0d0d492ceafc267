/* emit_tmpl.c - templates as Python expressions: literal text becomes a str
 * literal, ${name} a lookup that gives "${name}" back when the variable is
 * undefined (JMeter's rule), ${__fn(...)} the Python for that function
 * (emit_functions.c); the parts are joined with " + " in order, so they are
 * evaluated in JMeter's order. */
#include <string.h>
#include "emit_internal.h"

bool py_tmpl_literal(const struct tmpl *t, const char **text)
{
    if (!t) {
        *text = "";
        return true;
    }
    if (t->is_literal) {
        *text = t->source ? t->source : "";
        return true;
    }
    if (t->n_parts == 0) {
        *text = "";
        return true;
    }
    if (t->n_parts == 1 && t->parts[0].kind == TMPL_TEXT) {
        *text = t->parts[0].text;
        return true;
    }
    return false;
}

/* Functions whose value is known when the file is written (the sampler's
 * name, the plan's file name, the thread group's name): their text, so that
 * it joins the literal text around it. */
static const char *known_value(const struct tmpl_part *p, const struct py_tmpl_ctx *ctx)
{
    if (p->kind != TMPL_CALL || !p->fn || p->n_args > 0)
        return NULL;
    if (strcmp(p->fn->name, "__samplerName") == 0)
        return ctx->sampler_name ? ctx->sampler_name : "";
    if (strcmp(p->fn->name, "__TestPlanName") == 0)
        return ctx->plan_file_name ? ctx->plan_file_name : "";
    if (strcmp(p->fn->name, "__threadGroupName") == 0 && ctx->em && ctx->em->g &&
        strcmp(ctx->self, "self") == 0)
        return ctx->em->g->tg->name;
    return NULL;
}

void py_tmpl_expr(struct strbuf *out, const struct tmpl *t, const struct py_tmpl_ctx *ctx)
{
    const char *text;
    if (py_tmpl_literal(t, &text)) {
        py_str_literal_z(out, text);
        return;
    }
    struct strbuf lit;   /* literal text waiting to be written */
    strbuf_init(&lit);
    bool any = false;
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct tmpl_part *p = &t->parts[i];
        const char *known = known_value(p, ctx);
        if (p->kind == TMPL_TEXT || known) {
            if (known)
                strbuf_adds(&lit, known);
            else
                strbuf_addn(&lit, p->text, p->text_len);
            continue;
        }
        if (lit.len) {
            if (any)
                strbuf_adds(out, " + ");
            py_str_literal(out, lit.s, lit.len);
            strbuf_reset(&lit);
            any = true;
        }
        if (any)
            strbuf_adds(out, " + ");
        any = true;
        if (p->kind == TMPL_VAR) {
            strbuf_addf(out, "%s.v(", ctx->self);
            py_str_literal(out, p->text, p->text_len);
            strbuf_addc(out, ')');
        } else {
            emit_function_call(p, ctx, out);
        }
    }
    if (lit.len || !any) {
        if (any)
            strbuf_adds(out, " + ");
        py_str_literal(out, lit.s, lit.len);
    }
    strbuf_free(&lit);
}
