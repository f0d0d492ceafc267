/* open_model_thread_group.c - Open Model Thread Group (JMeter 5.5+, digest §3.5):
 * arrivals follow a schedule string; each arrival runs the children once. */
#include "thread_group_common.h"

void *open_model_thread_group_build(struct plan_builder *b, const struct jmx_element *el,
                                    struct plan_node *node)
{
    struct plan_thread_group *tg = tg_common_build(b, el);
    tg->loops = pb_tmpl_text(b, el, el->line, "1");
    tg->open_model = PB_NEW(b, struct tg_open_model);
    tg->open_model->schedule = pb_tmpl(b, el, "OpenModelThreadGroup.schedule", "");
    tg->open_model->random_seed = pb_tmpl(b, el, "OpenModelThreadGroup.random_seed", "0");
    if (str_is_blank(tmpl_src(tg->open_model->schedule)))
        pb_warn(b, el, "the schedule is empty: no thread will start");
    return tg;
}

void open_model_thread_group_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_thread_group *tg = node->data;
    tg_common_describe(tg, out);
    describe_tmpl(out, "schedule", tg->open_model->schedule);
}
