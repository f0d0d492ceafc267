/* transaction_controller.c - Transaction Controller (digest §4.1): times its
 * children as one transaction sample, or as their parent sample. */
#include "../builder.h"

void *transaction_controller_build(struct plan_builder *b, const struct jmx_element *el,
                                   struct plan_node *node)
{
    struct plan_transaction_controller *tc = PB_NEW(b, struct plan_transaction_controller);
    tc->parent_sample = pb_bool(el, "TransactionController.parent", false);
    tc->include_timers = pb_bool(el, "TransactionController.includeTimers", true);
    return tc;
}

void transaction_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_transaction_controller *tc = node->data;
    strbuf_adds(out, tc->parent_sample ? "parent sample" : "extra sample");
    strbuf_adds(out, tc->include_timers ? ", timers included" : ", timers excluded");
}
