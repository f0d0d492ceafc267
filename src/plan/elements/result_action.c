/* result_action.c - Result Status Action Handler (digest §8.7): what to do
 * after a failed sample in its scope. */
#include "../builder.h"

static const char *const action_names[] = {
    "continue", "stop thread", "stop test", "stop test now", "start next thread loop",
    "start next iteration of current loop", "break current loop",
};

void *result_action_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_result_action *r = PB_NEW(b, struct plan_result_action);
    long long a = pb_long(el, "OnError.action", 0);
    if (a < 0 || a >= (long long)ARRAY_LEN(action_names)) {
        pb_warn(b, el, "unknown action %lld: continue", a);
        a = 0;
    }
    r->action = (enum result_action)a;
    return r;
}

void result_action_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_result_action *r = node->data;
    strbuf_addf(out, "on failure: %s", action_names[r->action]);
}
