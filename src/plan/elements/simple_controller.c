/* simple_controller.c - controllers without settings: Simple, Recording, Once
 * Only, Random Order, Module and Include (their targets were expanded by the
 * loader), and an enabled Test Fragment. Their behaviour is in the runner. */
#include "../builder.h"

void *simple_controller_build(struct plan_builder *b, const struct jmx_element *el,
                              struct plan_node *node)
{
    return NULL;
}

void simple_controller_describe(const struct plan_node *node, struct strbuf *out)
{
}
