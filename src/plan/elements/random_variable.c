/* random_variable.c - Random Variable (digest §6.10): a uniform integer in
 * [min, max] drawn at each iteration of the enclosing controller. */
#include "../builder.h"

void *random_variable_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_random_variable *r = PB_NEW(b, struct plan_random_variable);
    r->var_name = pb_str(b, el, "variableName", "");
    r->output_format = pb_tmpl(b, el, "outputFormat", "");
    r->minimum = pb_tmpl(b, el, "minimumValue", "1");
    r->maximum = pb_tmpl(b, el, "maximumValue", "");
    r->seed = pb_tmpl(b, el, "randomSeed", "");
    r->per_thread = pb_bool(el, "perThread", false);
    return r;
}

void random_variable_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_random_variable *r = node->data;
    strbuf_addf(out, "%s in [%s, %s]", r->var_name, tmpl_src(r->minimum), tmpl_src(r->maximum));
    describe_tmpl(out, "format", r->output_format);
    describe_tmpl(out, "seed", r->seed);
    describe_flag(out, "per-user", r->per_thread);
}
