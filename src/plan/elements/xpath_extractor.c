/* xpath_extractor.c - XPath Extractor (digest §8.4), evaluated with libxml2. */
#include "extract_common.h"

void *xpath_extractor_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_xpath_extractor *x = PB_NEW(b, struct plan_xpath_extractor);
    x->refname = pb_tmpl(b, el, "XPathExtractor.refname", "");
    x->query = pb_tmpl(b, el, "XPathExtractor.xpathQuery", "");
    x->default_value = pb_tmpl(b, el, "XPathExtractor.default", "");
    x->match_number = pb_tmpl(b, el, "XPathExtractor.matchNumber", "-1");
    x->fragment = pb_bool(el, "XPathExtractor.fragment", false);
    x->tolerant = pb_bool(el, "XPathExtractor.tolerant", false);
    x->namespaces = pb_bool(el, "XPathExtractor.namespace", false);
    x->validate = pb_bool(el, "XPathExtractor.validate", false);
    x->whitespace = pb_bool(el, "XPathExtractor.whitespace", false);
    x->quiet = pb_bool(el, "XPathExtractor.quiet", true);
    x->report_errors = pb_bool(el, "XPathExtractor.report_errors", false);
    x->show_warnings = pb_bool(el, "XPathExtractor.show_warnings", false);
    x->download_dtds = pb_bool(el, "XPathExtractor.download_dtds", false);
    x->scope = pb_sample_scope(b, el, "Sample.scope");
    if (x->validate || x->download_dtds)
        pb_warn(b, el, "DTD validation and download are not done (no network access while "
                       "parsing responses)");
    return x;
}

void xpath_extractor_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_xpath_extractor *x = node->data;
    strbuf_addf(out, "%s <- %s", tmpl_src(x->refname), tmpl_src(x->query));
    describe_tmpl(out, "match", x->match_number);
    describe_tmpl(out, "default", x->default_value);
    describe_flag(out, "fragment", x->fragment);
    describe_flag(out, "html", x->tolerant);
    describe_flag(out, "namespaces", x->namespaces);
    describe_scope(out, &x->scope);
}
