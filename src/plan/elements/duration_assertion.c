/* duration_assertion.c - Duration Assertion: fails a sample slower than N ms. */
#include "extract_common.h"

void *duration_assertion_build(struct plan_builder *b, const struct jmx_element *el,
                               struct plan_node *node)
{
    struct plan_duration_assertion *a = PB_NEW(b, struct plan_duration_assertion);
    a->duration = pb_tmpl(b, el, "DurationAssertion.duration", "");
    a->scope = pb_sample_scope(b, el, "Assertion.scope");
    return a;
}

void duration_assertion_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_duration_assertion *a = node->data;
    strbuf_addf(out, "at most %s ms", tmpl_src(a->duration));
    describe_scope(out, &a->scope);
}
