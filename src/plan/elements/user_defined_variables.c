/* user_defined_variables.c - User Defined Variables (Arguments, digest §6.8).
 * Wherever they sit, they are evaluated once at test start and shared by all
 * thread groups; the builder collects them into plan->variable_sets. */
#include "../builder.h"

void *user_defined_variables_build(struct plan_builder *b, const struct jmx_element *el,
                                   struct plan_node *node)
{
    return NULL;
}

void user_defined_variables_describe(const struct plan_node *node, struct strbuf *out)
{
    strbuf_adds(out, "evaluated once at test start");
}
