/* test_plan.c - the Test Plan element: run-wide settings (digest §1.4).
 * Its User Defined Variables are gathered by the builder (build.c). */
#include "../builder.h"

void *test_plan_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_test_plan *tp = PB_NEW(b, struct plan_test_plan);
    tp->functional_mode = pb_bool(el, "TestPlan.functional_mode", false);
    tp->serialize_threadgroups = pb_bool(el, "TestPlan.serialize_threadgroups", false);
    tp->teardown_on_shutdown = pb_bool(el, "TestPlan.tearDown_on_shutdown", false);
    tp->comments = pb_str(b, el, "TestPlan.comments", "");
    return tp;
}

void test_plan_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_test_plan *tp = node->data;
    describe_flag(out, "serialize_threadgroups", tp->serialize_threadgroups);
    describe_flag(out, "tearDown_on_shutdown", tp->teardown_on_shutdown);
    describe_flag(out, "functional_mode", tp->functional_mode);
}
