/* precise_throughput_timer.c - Precise Throughput Timer (digest §7): a shared
 * Poisson arrival schedule per thread group at throughput per period. */
#include "../builder.h"

void *precise_throughput_timer_build(struct plan_builder *b, const struct jmx_element *el,
                                     struct plan_node *node)
{
    struct plan_precise_throughput_timer *t = PB_NEW(b, struct plan_precise_throughput_timer);
    t->throughput = pb_tmpl(b, el, "throughput", "100");
    t->throughput_period = pb_tmpl(b, el, "throughputPeriod", "3600");
    t->duration = pb_tmpl(b, el, "duration", "3600");
    t->batch_size = pb_tmpl(b, el, "batchSize", "1");
    t->batch_thread_delay = pb_tmpl(b, el, "batchThreadDelay", "0");
    t->exact_limit = pb_tmpl(b, el, "exactLimit", "10000");
    t->allowed_surplus = pb_tmpl(b, el, "allowedThroughputSurplus", "1.0");
    t->random_seed = pb_tmpl(b, el, "randomSeed", "0");
    return t;
}

void precise_throughput_timer_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_precise_throughput_timer *t = node->data;
    strbuf_addf(out, "%s per %s s for %s s", tmpl_src(t->throughput),
                tmpl_src(t->throughput_period), tmpl_src(t->duration));
    if (!str_eq(tmpl_src(t->batch_size), "1"))
        describe_tmpl(out, "batch", t->batch_size);
}
