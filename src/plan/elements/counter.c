/* counter.c - Counter (digest §6.9): a number variable advanced at each
 * iteration of the enclosing controller, per user or shared. */
#include "../builder.h"

void *counter_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_counter *c = PB_NEW(b, struct plan_counter);
    c->start = pb_tmpl(b, el, "CounterConfig.start", "0");
    c->end = pb_tmpl(b, el, "CounterConfig.end", "");
    c->increment = pb_tmpl(b, el, "CounterConfig.incr", "1");
    c->var_name = pb_str(b, el, "CounterConfig.name", "");
    c->format = pb_tmpl(b, el, "CounterConfig.format", "");
    c->per_user = pb_bool(el, "CounterConfig.per_user", false);
    c->reset_on_tg_iteration = pb_bool(el, "CounterConfig.reset_on_tg_iteration", false);
    if (!*c->var_name)
        pb_warn(b, el, "no variable name: the counter sets nothing");
    return c;
}

void counter_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_counter *c = node->data;
    strbuf_addf(out, "%s from %s step %s", c->var_name, tmpl_src(c->start), tmpl_src(c->increment));
    describe_tmpl(out, "max", c->end);
    describe_tmpl(out, "format", c->format);
    strbuf_adds(out, c->per_user ? " per user" : " shared");
}
