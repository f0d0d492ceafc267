/* flow_control_action.c - Flow Control Action (TestAction, digest §6.12): no
 * sample; pauses, stops, or steers the loop. Its timers still run, which is
 * why plans use it for think time. */
#include "../builder.h"

void *flow_control_action_build(struct plan_builder *b, const struct jmx_element *el,
                                struct plan_node *node)
{
    struct plan_flow_control_action *f = PB_NEW(b, struct plan_flow_control_action);
    long long action = pb_long(el, "ActionProcessor.action", 0);
    if (action < FLOW_STOP || action > FLOW_BREAK_LOOP) {
        pb_warn(b, el, "unknown action %lld: treated as a pause", action);
        action = FLOW_PAUSE;
    }
    f->action = (enum flow_action)action;
    f->target = (int)pb_long(el, "ActionProcessor.target", 0);
    f->duration = pb_tmpl(b, el, "ActionProcessor.duration", "0");
    return f;
}

void flow_control_action_describe(const struct plan_node *node, struct strbuf *out)
{
    static const char *names[] = {"stop", "pause", "stop now", "start next thread loop",
                                  "start next iteration of current loop", "break current loop"};
    const struct plan_flow_control_action *f = node->data;
    strbuf_adds(out, names[f->action]);
    if (f->action == FLOW_PAUSE)
        strbuf_addf(out, " %s ms", tmpl_src(f->duration));
    if ((f->action == FLOW_STOP || f->action == FLOW_STOP_NOW) && f->target == 2)
        strbuf_adds(out, " (all threads)");
}
