/* foreach_controller.c - ForEach Controller (digest §4): walks the variables
 * <input>_1, <input>_2, ... into <return> until one is missing. */
#include "../builder.h"

void *foreach_controller_build(struct plan_builder *b, const struct jmx_element *el,
                               struct plan_node *node)
{
    struct plan_foreach_controller *fc = PB_NEW(b, struct plan_foreach_controller);
    fc->input_prefix = pb_tmpl(b, el, "ForeachController.inputVal", "");
    fc->return_var = pb_tmpl(b, el, "ForeachController.returnVal", "");
    fc->use_separator = pb_bool(el, "ForeachController.useSeparator", true);
    /* absent -> the default (0, no end); present but blank -> 0, as JMeter reads it */
    fc->start_index = pb_tmpl(b, el, "ForeachController.startIndex", NULL);
    fc->end_index = pb_tmpl(b, el, "ForeachController.endIndex", NULL);
    fc->idx_var = arena_printf(b->arena, "__jm__%s__idx", el->testname);
    if (str_is_blank(tmpl_src(fc->input_prefix)))
        pb_warn(b, el, "no input variable prefix: the loop never runs");
    return fc;
}

void foreach_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_foreach_controller *fc = node->data;
    strbuf_addf(out, "%s%s<n> -> %s", tmpl_src(fc->input_prefix), fc->use_separator ? "_" : "",
                tmpl_src(fc->return_var));
    describe_tmpl(out, "after", fc->start_index);
    describe_tmpl(out, "up-to", fc->end_index);
}
