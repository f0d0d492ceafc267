/* switch_controller.c - Switch Controller (digest §4): runs one child, chosen
 * by index or by name (falling back to child 0 or one named "default"). */
#include "../builder.h"

void *switch_controller_build(struct plan_builder *b, const struct jmx_element *el,
                              struct plan_node *node)
{
    struct plan_switch_controller *sc = PB_NEW(b, struct plan_switch_controller);
    sc->value = pb_tmpl(b, el, "SwitchController.value", "");
    return sc;
}

void switch_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_switch_controller *sc = node->data;
    strbuf_addf(out, "switch on \"%s\"", tmpl_src(sc->value));
}
