/* loop_controller.c - Loop Controller (digest §4): loops, continue_forever. */
#include "../builder.h"

void *loop_controller_build(struct plan_builder *b, const struct jmx_element *el,
                            struct plan_node *node)
{
    struct plan_loop_controller *lc = PB_NEW(b, struct plan_loop_controller);
    lc->loops = pb_tmpl(b, el, "LoopController.loops", "");
    lc->continue_forever = pb_bool(el, "LoopController.continue_forever", true);
    lc->idx_var = arena_printf(b->arena, "__jm__%s__idx", el->testname);
    return lc;
}

void loop_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_loop_controller *lc = node->data;
    describe_tmpl(out, "loops", lc->loops);
    describe_flag(out, "once-per-thread", !lc->continue_forever);
}
