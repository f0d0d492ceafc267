/* if_controller.c - If Controller (digest §4). In expression mode the evaluated
 * condition must equal "true"; in the legacy mode it is a JavaScript
 * expression, which we check at build time against the supported subset. */
#include <stdlib.h>
#include "jmx2run/cond.h"
#include "../builder.h"

void *if_controller_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_if_controller *ic = PB_NEW(b, struct plan_if_controller);
    ic->condition = pb_tmpl(b, el, "IfController.condition", "");
    ic->use_expression = pb_bool(el, "IfController.useExpression", false);
    ic->evaluate_all = pb_bool(el, "IfController.evaluateAll", false);
    if (!ic->use_expression && !str_is_blank(ic->condition->source)) {
        char *why = NULL;
        if (!cond_validate(ic->condition, COND_JAVASCRIPT_IF, &why))
            pb_warn(b, el, "JavaScript condition outside the supported subset (%s): it will "
                           "evaluate to false", why ? why : "not understood");
        free(why);
    }
    return ic;
}

void if_controller_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_if_controller *ic = node->data;
    strbuf_addf(out, "if %s", tmpl_src(ic->condition));
    strbuf_adds(out, ic->use_expression ? " (expression)" : " (JavaScript)");
    describe_flag(out, "evaluate-for-each-child", ic->evaluate_all);
}
