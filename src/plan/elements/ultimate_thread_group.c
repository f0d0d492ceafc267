/* ultimate_thread_group.c - jp@gc Ultimate Thread Group (digest §3.6): rows of
 * (threads, initial delay, startup time, hold, shutdown time), possibly overlapping. */
#include "thread_group_common.h"

void *ultimate_thread_group_build(struct plan_builder *b, const struct jmx_element *el,
                                  struct plan_node *node)
{
    struct plan_thread_group *tg = tg_common_build(b, el);
    struct tg_ultimate *u = PB_NEW(b, struct tg_ultimate);
    const struct jmx_prop *data = pb_collection(el, "ultimatethreadgroupdata");
    if (data) {
        u->rows = PB_ARRAY(b, struct tg_ultimate_row, data->n_items);
        for (size_t i = 0; i < data->n_items; i++) {
            const struct jmx_prop *row = data->items[i];
            if (row->kind != JMX_PROP_COLLECTION)
                continue;
            struct tmpl *cells[5] = {0};
            for (size_t j = 0; j < 5; j++) {
                const char *text = j < row->n_items && jmx_is_scalar(row->items[j])
                                       ? row->items[j]->value : "0";
                cells[j] = pb_tmpl_text(b, el, row->line, text);
            }
            if (row->n_items < 5)
                pb_warn(b, el, "schedule row %zu has %zu columns instead of 5; missing ones are 0",
                        i + 1, row->n_items);
            struct tg_ultimate_row *r = &u->rows[u->n_rows++];
            r->threads = cells[0];
            r->initial_delay = cells[1];
            r->startup_time = cells[2];
            r->hold = cells[3];
            r->shutdown_time = cells[4];
        }
    }
    if (u->n_rows == 0)
        pb_warn(b, el, "the schedule table is empty: no thread will start");
    tg->ultimate = u;
    tg->loops = pb_tmpl_item(b, el, jmx_prop(el, "ThreadGroup.main_controller"),
                             "LoopController.loops", "-1");
    return tg;
}

void ultimate_thread_group_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_thread_group *tg = node->data;
    tg_common_describe(tg, out);
    for (size_t i = 0; i < tg->ultimate->n_rows; i++) {
        const struct tg_ultimate_row *r = &tg->ultimate->rows[i];
        strbuf_addf(out, " spawn(%s,%ss,%ss,%ss,%ss)", tmpl_src(r->threads),
                    tmpl_src(r->initial_delay), tmpl_src(r->startup_time), tmpl_src(r->hold),
                    tmpl_src(r->shutdown_time));
    }
}
