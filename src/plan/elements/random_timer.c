/* random_timer.c - Uniform, Gaussian and Poisson random timers (digest §7):
 * an offset plus a random part whose meaning depends on the kind. */
#include "../builder.h"

void *random_timer_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_random_timer *t = PB_NEW(b, struct plan_random_timer);
    t->delay = pb_tmpl(b, el, "ConstantTimer.delay", "0");
    t->range = pb_tmpl(b, el, "RandomTimer.range", "0");
    return t;
}

void random_timer_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_random_timer *t = node->data;
    const char *range = tmpl_src(t->range);
    switch (node->kind) {
    case PK_GAUSSIAN_RANDOM_TIMER:
        strbuf_addf(out, "%s ms + normal(deviation %s ms)", tmpl_src(t->delay), range);
        break;
    case PK_POISSON_RANDOM_TIMER:
        strbuf_addf(out, "%s ms + poisson(lambda %s ms)", tmpl_src(t->delay), range);
        break;
    default:
        strbuf_addf(out, "%s ms + uniform[0, %s) ms", tmpl_src(t->delay), range);
        break;
    }
}
