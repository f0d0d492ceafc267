/* user_parameters.c - User Parameters (digest §6.11): a table of values per
 * user (column = thread number modulo columns), set before each sampler or
 * at each iteration start. */
#include "../builder.h"

void *user_parameters_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_user_parameters *up = PB_NEW(b, struct plan_user_parameters);
    up->per_iteration = pb_bool(el, "UserParameters.per_iteration", false);
    const struct jmx_prop *names = pb_collection(el, "UserParameters.names");
    const struct jmx_prop *values = pb_collection(el, "UserParameters.thread_values");
    if (names) {
        up->names = arena_alloc(b->arena, sizeof(char *) * (names->n_items + 1));
        for (size_t i = 0; i < names->n_items; i++)
            up->names[up->n_names++] = arena_strdup(b->arena, jmx_is_scalar(names->items[i])
                                                                  ? names->items[i]->value : "");
    }
    if (values) {
        up->columns = arena_alloc(b->arena, sizeof(struct tmpl **) * (values->n_items + 1));
        for (size_t u = 0; u < values->n_items; u++) {
            const struct jmx_prop *col = values->items[u];
            if (col->kind != JMX_PROP_COLLECTION)
                continue;
            struct tmpl **cells = arena_alloc(b->arena, sizeof(struct tmpl *) * (up->n_names + 1));
            for (size_t i = 0; i < up->n_names; i++) {
                const char *text = i < col->n_items && jmx_is_scalar(col->items[i])
                                       ? col->items[i]->value : "";
                cells[i] = pb_tmpl_text(b, el, col->line, text);
            }
            up->columns[up->n_columns++] = cells;
        }
    }
    if (up->n_names && !up->n_columns)
        pb_warn(b, el, "no user columns: the parameters stay undefined");
    return up;
}

void user_parameters_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_user_parameters *up = node->data;
    for (size_t i = 0; i < up->n_names; i++)
        strbuf_addf(out, "%s%s", i ? "," : "", up->names[i]);
    strbuf_addf(out, " for %zu user column%s", up->n_columns, up->n_columns == 1 ? "" : "s");
    describe_flag(out, "per-iteration", up->per_iteration);
}
