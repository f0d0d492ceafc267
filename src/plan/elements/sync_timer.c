/* sync_timer.c - Synchronizing Timer (digest §7): users wait until groupSize
 * of them arrive, then go together (or when the timeout expires). */
#include "../builder.h"

void *sync_timer_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_sync_timer *t = PB_NEW(b, struct plan_sync_timer);
    t->group_size = pb_tmpl(b, el, "groupSize", "0");
    t->timeout_ms = pb_tmpl(b, el, "timeoutInMs", "0");
    return t;
}

void sync_timer_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_sync_timer *t = node->data;
    const char *n = tmpl_src(t->group_size);
    strbuf_addf(out, "release %s users together", str_eq(n, "0") || !*n ? "all" : n);
    if (!str_eq(tmpl_src(t->timeout_ms), "0"))
        strbuf_addf(out, ", timeout %s ms", tmpl_src(t->timeout_ms));
}
