/* interleave_controller.c - Interleave and Random controllers (digest §4): one
 * child per pass, in turn or at random; style decides whether a child
 * controller counts as one block or gives one sampler per pass. */
#include "../builder.h"

void *interleave_controller_build(struct plan_builder *b, const struct jmx_element *el,
                                  struct plan_node *node)
{
    struct plan_interleave_controller *ic = PB_NEW(b, struct plan_interleave_controller);
    ic->style = (int)pb_long(el, "InterleaveControl.style", 0);
    ic->across_threads = pb_bool(el, "InterleaveControl.accrossThreads", false);
    return ic;
}

void interleave_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_interleave_controller *ic = node->data;
    strbuf_adds(out, ic->style == 1 ? "child controllers as blocks" : "one sampler per pass");
    describe_flag(out, "across-threads", ic->across_threads);
}
