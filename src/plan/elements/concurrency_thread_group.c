/* concurrency_thread_group.c - the bzm Concurrency, Arrivals and Free-Form
 * Arrivals thread groups (jmeter-plugins "Custom Thread Groups", digest §3.6):
 * a target level held after a (stepped) ramp-up, in seconds or minutes. */
#include "thread_group_common.h"

void *concurrency_thread_group_build(struct plan_builder *b, const struct jmx_element *el,
                                     struct plan_node *node)
{
    struct plan_thread_group *tg = tg_common_build(b, el);
    struct tg_concurrency *c = PB_NEW(b, struct tg_concurrency);
    c->target_level = pb_tmpl(b, el, "TargetLevel", "1");
    c->ramp_up = pb_tmpl(b, el, "RampUp", "");
    c->steps = pb_tmpl(b, el, "Steps", "");
    c->hold = pb_tmpl(b, el, "Hold", "1");
    const char *unit = jmx_str(el, "Unit", "S");
    c->unit = (unit[0] == 'M' || unit[0] == 'm') ? 'M' : 'S';
    c->iterations = pb_tmpl(b, el, "Iterations", "");
    c->concurrency_limit = pb_tmpl(b, el, "ConcurrencyLimit", "");
    c->schedule = NULL;
    const struct jmx_prop *sched = jmx_prop(el, "Schedule");
    if (sched && jmx_is_scalar(sched))
        c->schedule = pb_tmpl(b, el, "Schedule", "");
    else if (sched && sched->kind == JMX_PROP_COLLECTION) {
        /* Free-Form Arrivals: rows of (start, end, duration) as nested collections */
        struct strbuf rows;
        strbuf_init(&rows);
        for (size_t i = 0; i < sched->n_items; i++) {
            const struct jmx_prop *row = sched->items[i];
            if (row->kind != JMX_PROP_COLLECTION)
                continue;
            for (size_t j = 0; j < row->n_items; j++)
                strbuf_addf(&rows, "%s%s", j ? "," : (rows.len ? " " : ""),
                            jmx_is_scalar(row->items[j]) ? row->items[j]->value : "");
        }
        c->schedule = pb_tmpl_text(b, el, sched->line, rows.s);
        strbuf_free(&rows);
    }
    c->log_filename = pb_str(b, el, "LogFilename", "");
    tg->concurrency = c;
    tg->num_threads = c->target_level;
    /* Concurrency: users loop until the hold ends, or Iterations times each.
     * Arrivals: one iteration per arrival (a pooled user runs again at the next). */
    if (node->kind != PK_CONCURRENCY_THREAD_GROUP)
        tg->loops = pb_tmpl_text(b, el, el->line, "1");
    else if (!str_is_blank(tmpl_src(c->iterations)))
        tg->loops = c->iterations;
    else
        tg->loops = pb_tmpl_text(b, el, el->line, "-1");
    return tg;
}

void concurrency_thread_group_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_thread_group *tg = node->data;
    const struct tg_concurrency *c = tg->concurrency;
    tg_common_describe(tg, out);
    describe_tmpl(out, node->kind == PK_CONCURRENCY_THREAD_GROUP ? "target" : "arrivals", c->target_level);
    describe_tmpl(out, "ramp-up", c->ramp_up);
    describe_tmpl(out, "steps", c->steps);
    describe_tmpl(out, "hold", c->hold);
    strbuf_addf(out, " unit=%s", c->unit == 'M' ? "min" : "s");
    describe_tmpl(out, "iterations", c->iterations);
    describe_tmpl(out, "concurrency-limit", c->concurrency_limit);
    describe_tmpl(out, "schedule", c->schedule);
}
