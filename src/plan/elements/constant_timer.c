/* constant_timer.c - Constant Timer: a fixed delay (ms) before each sampler in scope. */
#include "../builder.h"

void *constant_timer_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_constant_timer *t = PB_NEW(b, struct plan_constant_timer);
    t->delay = pb_tmpl(b, el, "ConstantTimer.delay", "300");
    return t;
}

void constant_timer_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_constant_timer *t = node->data;
    strbuf_addf(out, "%s ms", tmpl_src(t->delay));
}
