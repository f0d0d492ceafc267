/* critical_section_controller.c - Critical Section Controller (digest §4): its
 * children run under a named lock shared by every user of every group. */
#include "../builder.h"

void *critical_section_controller_build(struct plan_builder *b, const struct jmx_element *el,
                                        struct plan_node *node)
{
    struct plan_critical_section *cs = PB_NEW(b, struct plan_critical_section);
    cs->lock_name = pb_tmpl(b, el, "CriticalSectionController.lockName", "global_lock");
    if (str_is_blank(cs->lock_name->source))
        cs->lock_name = pb_tmpl_text(b, el, el->line, "global_lock");
    return cs;
}

void critical_section_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_critical_section *cs = node->data;
    strbuf_addf(out, "lock \"%s\"", tmpl_src(cs->lock_name));
}
