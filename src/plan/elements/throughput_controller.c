/* throughput_controller.c - Throughput Controller (digest §4): runs its
 * children in a share (percent) or a number (total) of its parent's passes. */
#include "../builder.h"

void *throughput_controller_build(struct plan_builder *b, const struct jmx_element *el,
                                  struct plan_node *node)
{
    struct plan_throughput_controller *tc = PB_NEW(b, struct plan_throughput_controller);
    tc->style = pb_long(el, "ThroughputController.style", 0) == 1 ? THROUGHPUT_PERCENT
                                                                  : THROUGHPUT_TOTAL;
    tc->per_thread = pb_bool(el, "ThroughputController.perThread", true);
    tc->max_throughput = pb_tmpl(b, el, "ThroughputController.maxThroughput", "1");
    tc->percent = pb_tmpl(b, el, "ThroughputController.percentThroughput", "100");
    return tc;
}

void throughput_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_throughput_controller *tc = node->data;
    if (tc->style == THROUGHPUT_PERCENT)
        strbuf_addf(out, "%s%% of passes", tmpl_src(tc->percent));
    else
        strbuf_addf(out, "%s passes in total", tmpl_src(tc->max_throughput));
    strbuf_adds(out, tc->per_thread ? " per user" : " shared by the group");
}
