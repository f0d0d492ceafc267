/* runtime_controller.c - Runtime Controller (digest §4): repeats its children
 * until the given number of seconds has passed since entry. */
#include "../builder.h"

void *runtime_controller_build(struct plan_builder *b, const struct jmx_element *el,
                               struct plan_node *node)
{
    struct plan_runtime_controller *rc = PB_NEW(b, struct plan_runtime_controller);
    rc->seconds = pb_tmpl(b, el, "RunTime.seconds", "");
    return rc;
}

void runtime_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_runtime_controller *rc = node->data;
    strbuf_addf(out, "for %s s", tmpl_src(rc->seconds));
}
