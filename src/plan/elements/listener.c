/* listener.c - listeners without a run-time effect (View Results Tree,
 * Summary Report, graphs, Backend Listener...). They are kept in the plan so
 * --check can list them, and skipped quietly: results come from jmx2run's own
 * JTL, summary and report. */
#include "../builder.h"

void *listener_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    return NULL;
}

void listener_describe(const struct plan_node *node, struct strbuf *out)
{
    strbuf_adds(out, "skipped");
}
