/* thread_group.c - standard, setUp and tearDown thread groups (digest §3.1-3.4).
 * Also the shared parts every thread group kind carries (tg_common_build). */
#include <string.h>
#include "../builder.h"
#include "thread_group_common.h"

static enum on_sample_error parse_on_error(const char *v)
{
    if (str_ieq(v, "startnextloop"))
        return ON_ERROR_START_NEXT_LOOP;
    if (str_ieq(v, "stopthread"))
        return ON_ERROR_STOP_THREAD;
    if (str_ieq(v, "stoptest"))
        return ON_ERROR_STOP_TEST;
    if (str_ieq(v, "stoptestnow"))
        return ON_ERROR_STOP_TEST_NOW;
    return ON_ERROR_CONTINUE;
}

struct plan_thread_group *tg_common_build(struct plan_builder *b, const struct jmx_element *el)
{
    struct plan_thread_group *tg = PB_NEW(b, struct plan_thread_group);
    tg->idx_var = arena_printf(b->arena, "__jm__%s__idx", el->testname);
    tg->num_threads = pb_tmpl(b, el, "ThreadGroup.num_threads", "0");
    tg->ramp_time = pb_tmpl(b, el, "ThreadGroup.ramp_time", "0");
    tg->scheduler = pb_bool(el, "ThreadGroup.scheduler", false);
    tg->duration = pb_tmpl(b, el, "ThreadGroup.duration", "");
    tg->delay = pb_tmpl(b, el, "ThreadGroup.delay", "");
    tg->delayed_start = pb_bool(el, "ThreadGroup.delayedStart", false);
    tg->same_user_on_next_iteration = pb_bool(el, "ThreadGroup.same_user_on_next_iteration", true);
    tg->on_error = parse_on_error(jmx_str(el, "ThreadGroup.on_sample_error", "continue"));
    const struct jmx_prop *mc = jmx_prop(el, "ThreadGroup.main_controller");
    tg->loops = pb_tmpl_item(b, el, mc, "LoopController.loops", "1");
    tg->continue_forever = jmx_prop_bool(mc, "LoopController.continue_forever", false);
    return tg;
}

void *thread_group_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_thread_group *tg = tg_common_build(b, el);
    if (tg->scheduler && str_is_blank(tmpl_src(tg->duration)))
        pb_warn(b, el, "the scheduler is on but the duration is empty: JMeter 5 refuses to run "
                       "this plan (\"Invalid duration\")");
    return tg;
}

static const char *phase_name(enum tg_phase p)
{
    return p == TG_PHASE_SETUP ? "setUp" : p == TG_PHASE_TEARDOWN ? "tearDown" : "main";
}

static const char *on_error_name(enum on_sample_error e)
{
    static const char *names[] = {"continue", "startnextloop", "stopthread", "stoptest",
                                  "stoptestnow"};
    return names[e];
}

void tg_common_describe(const struct plan_thread_group *tg, struct strbuf *out)
{
    strbuf_addf(out, "[%s group %d]", phase_name(tg->phase), tg->group_number);
}

void thread_group_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_thread_group *tg = node->data;
    tg_common_describe(tg, out);
    describe_tmpl(out, "threads", tg->num_threads);
    describe_tmpl(out, "ramp-up", tg->ramp_time);
    describe_tmpl(out, "loops", tg->loops);
    if (tg->scheduler) {
        describe_tmpl(out, "duration", tg->duration);
        describe_tmpl(out, "delay", tg->delay);
    }
    if (tg->on_error != ON_ERROR_CONTINUE)
        strbuf_addf(out, " on-error=%s", on_error_name(tg->on_error));
    describe_flag(out, "new-user-each-iteration", !tg->same_user_on_next_iteration);
}
