/* json_assertion.c - JSON Assertion (JSONPathAssertion, digest §8.6): a path
 * exists, optionally with a value (regex or JSON equality), null, inverted. */
#include "../builder.h"

void *json_assertion_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_json_assertion *a = PB_NEW(b, struct plan_json_assertion);
    a->json_path = pb_tmpl(b, el, "JSON_PATH", "");
    a->expected_value = pb_tmpl(b, el, "EXPECTED_VALUE", "");
    a->json_validation = pb_bool(el, "JSONVALIDATION", false);
    a->expect_null = pb_bool(el, "EXPECT_NULL", false);
    a->invert = pb_bool(el, "INVERT", false);
    a->is_regex = pb_bool(el, "ISREGEX", true);
    return a;
}

void json_assertion_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_json_assertion *a = node->data;
    strbuf_addf(out, "%s%s", a->invert ? "not " : "", tmpl_src(a->json_path));
    if (a->expect_null)
        strbuf_adds(out, " is null");
    else if (a->json_validation)
        strbuf_addf(out, " %s %s", a->is_regex ? "matches" : "equals", tmpl_src(a->expected_value));
    else
        strbuf_adds(out, " exists");
}
