/* stepping_thread_group.c - jp@gc Stepping Thread Group (digest §3.6): users
 * start in batches and stop in batches on a fixed schedule. */
#include "thread_group_common.h"

void *stepping_thread_group_build(struct plan_builder *b, const struct jmx_element *el,
                                  struct plan_node *node)
{
    struct plan_thread_group *tg = tg_common_build(b, el);
    struct tg_stepping *s = PB_NEW(b, struct tg_stepping);
    s->initial_delay = pb_tmpl(b, el, "Threads initial delay", "0");
    s->start_burst = pb_tmpl(b, el, "Start users count burst", "0");
    s->start_count = pb_tmpl(b, el, "Start users count", "0");
    s->start_period = pb_tmpl(b, el, "Start users period", "0");
    s->ramp_up = pb_tmpl(b, el, "rampUp", "0");
    s->flight_time = pb_tmpl(b, el, "flighttime", "0");
    s->stop_count = pb_tmpl(b, el, "Stop users count", "0");
    s->stop_period = pb_tmpl(b, el, "Stop users period", "0");
    tg->stepping = s;
    return tg;
}

void stepping_thread_group_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_thread_group *tg = node->data;
    const struct tg_stepping *s = tg->stepping;
    tg_common_describe(tg, out);
    describe_tmpl(out, "threads", tg->num_threads);
    describe_tmpl(out, "initial-delay", s->initial_delay);
    describe_tmpl(out, "start", s->start_count);
    describe_tmpl(out, "burst", s->start_burst);
    describe_tmpl(out, "every", s->start_period);
    describe_tmpl(out, "ramp-up", s->ramp_up);
    describe_tmpl(out, "hold", s->flight_time);
    describe_tmpl(out, "stop", s->stop_count);
    describe_tmpl(out, "stop-every", s->stop_period);
}
