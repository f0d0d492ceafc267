/* xpath_assertion.c - XPath Assertion: the response (XML, or HTML when
 * tolerant) must contain a node matching the XPath, or not when negated. */
#include "extract_common.h"

void *xpath_assertion_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_xpath_assertion *a = PB_NEW(b, struct plan_xpath_assertion);
    a->xpath = pb_tmpl(b, el, "XPath.xpath", "/");
    a->negate = pb_bool(el, "XPath.negate", false);
    a->tolerant = pb_bool(el, "XPath.tolerant", false);
    a->namespaces = pb_bool(el, "XPath.namespace", false);
    a->validate = pb_bool(el, "XPath.validate", false);
    a->whitespace = pb_bool(el, "XPath.whitespace", false);
    a->quiet = pb_bool(el, "XPath.quiet", true);
    a->report_errors = pb_bool(el, "XPath.report_errors", false);
    a->show_warnings = pb_bool(el, "XPath.show_warnings", false);
    a->download_dtds = pb_bool(el, "XPath.download_dtds", false);
    a->scope = pb_sample_scope(b, el, "Assertion.scope");
    if (a->validate || a->download_dtds)
        pb_warn(b, el, "DTD validation and download are not done (no network access while "
                       "parsing responses)");
    return a;
}

void xpath_assertion_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_xpath_assertion *a = node->data;
    strbuf_addf(out, "%s%s", a->negate ? "not " : "", tmpl_src(a->xpath));
    describe_flag(out, "html", a->tolerant);
    describe_flag(out, "namespaces", a->namespaces);
    describe_scope(out, &a->scope);
}
