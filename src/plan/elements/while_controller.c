/* while_controller.c - While Controller (digest §4): loops while the condition
 * is not "false"; "" = until a sample fails, "LAST" = also checked on entry. */
#include "jmx2run/cond.h"
#include "../builder.h"

void *while_controller_build(struct plan_builder *b, const struct jmx_element *el,
                             struct plan_node *node)
{
    struct plan_while_controller *wc = PB_NEW(b, struct plan_while_controller);
    wc->condition = pb_tmpl(b, el, "WhileController.condition", "");
    wc->idx_var = arena_printf(b->arena, "__jm__%s__idx", el->testname);
    return wc;
}

void while_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_while_controller *wc = node->data;
    const char *c = tmpl_src(wc->condition);
    if (!*c)
        strbuf_adds(out, "until a sample fails");
    else if (str_eq(c, "LAST"))
        strbuf_adds(out, "LAST (until a sample fails, checked on entry too)");
    else
        strbuf_addf(out, "while %s", c);
}
