/* helpers.c - property helpers for the element builders: JMeter's defaults and
 * conversion rules, template compilation with file:line, and describe output. */
#include <string.h>
#include "builder.h"

static int prop_line(const struct jmx_element *el, const struct jmx_prop *p)
{
    return p && p->line > 0 ? p->line : el->line;
}

struct tmpl *pb_tmpl_text(struct plan_builder *b, const struct jmx_element *el, int line,
                          const char *text)
{
    if (!text)
        return NULL;
    return tmpl_compile(b->arena, text, b->diags, el->file, line > 0 ? line : el->line);
}

struct tmpl *pb_tmpl(struct plan_builder *b, const struct jmx_element *el, const char *prop,
                     const char *def)
{
    const struct jmx_prop *p = jmx_prop(el, prop);
    if (p && jmx_is_scalar(p))
        return pb_tmpl_text(b, el, prop_line(el, p), p->value);
    return pb_tmpl_text(b, el, el->line, def);
}

struct tmpl *pb_tmpl_item(struct plan_builder *b, const struct jmx_element *el,
                          const struct jmx_prop *container, const char *prop, const char *def)
{
    const struct jmx_prop *p = jmx_prop_item(container, prop);
    if (p && jmx_is_scalar(p))
        return pb_tmpl_text(b, el, prop_line(el, p), p->value);
    return pb_tmpl_text(b, el, prop_line(el, container), def);
}

bool pb_bool(const struct jmx_element *el, const char *prop, bool def)
{
    return jmx_bool(el, prop, def);
}

long long pb_long(const struct jmx_element *el, const char *prop, long long def)
{
    return jmx_long(el, prop, def);
}

const char *pb_str(struct plan_builder *b, const struct jmx_element *el, const char *prop,
                   const char *def)
{
    const char *v = jmx_str(el, prop, def);
    return v ? arena_strdup(b->arena, v) : NULL;
}

void pb_warn(struct plan_builder *b, const struct jmx_element *el, const char *fmt, ...)
{
    struct strbuf sb;
    va_list ap;
    strbuf_init(&sb);
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    diag_add(b->diags, DIAG_WARNING, el->file, el->line, "%s \"%s\": %s",
             el->testclass, el->testname, sb.s);
    strbuf_free(&sb);
}

struct plan_sample_scope pb_sample_scope(struct plan_builder *b, const struct jmx_element *el,
                                         const char *scope_prop)
{
    struct plan_sample_scope s = {SCOPE_PARENT, NULL};
    const char *v = jmx_str(el, scope_prop, "parent");
    if (str_eq(v, "children"))
        s.scope = SCOPE_CHILDREN;
    else if (str_eq(v, "all"))
        s.scope = SCOPE_ALL;
    else if (str_eq(v, "variable")) {
        s.scope = SCOPE_VARIABLE;
        s.variable = pb_tmpl(b, el, "Scope.variable", "");
    }
    return s;
}

const struct jmx_prop *pb_collection(const struct jmx_element *el, const char *prop)
{
    const struct jmx_prop *p = jmx_prop(el, prop);
    return p && p->kind == JMX_PROP_COLLECTION ? p : NULL;
}

struct plan_name_value *pb_arguments(struct plan_builder *b, const struct jmx_element *el,
                                     const struct jmx_prop *coll, size_t *n)
{
    *n = 0;
    if (!coll)
        return NULL;
    struct plan_name_value *out = PB_ARRAY(b, struct plan_name_value, coll->n_items);
    for (size_t i = 0; i < coll->n_items; i++) {
        const struct jmx_prop *arg = coll->items[i];
        if (arg->kind != JMX_PROP_ELEMENT)
            continue;
        const char *name = jmx_prop_str(arg, "Argument.name", arg->name);
        out[*n].name = arena_strdup(b->arena, name ? name : "");
        out[*n].value = pb_tmpl_item(b, el, arg, "Argument.value", "");
        (*n)++;
    }
    return out;
}

const char *tmpl_src(const struct tmpl *t)
{
    return t && t->source ? t->source : "";
}

void describe_tmpl(struct strbuf *out, const char *key, const struct tmpl *t)
{
    const char *s = tmpl_src(t);
    if (!*s)
        return;
    strbuf_addf(out, "%s%s=%s", out->len ? " " : "", key, s);
}

void describe_flag(struct strbuf *out, const char *key, bool on)
{
    if (on)
        strbuf_addf(out, "%s%s", out->len ? " " : "", key);
}
