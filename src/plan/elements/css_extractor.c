/* css_extractor.c - CSS Selector Extractor (HtmlExtractor, digest §8.4): the
 * common selector forms, applied to libxml2's HTML parse of the response. */
#include "extract_common.h"

void *css_extractor_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_css_extractor *c = PB_NEW(b, struct plan_css_extractor);
    c->refname = pb_tmpl(b, el, "HtmlExtractor.refname", "");
    c->expr = pb_tmpl(b, el, "HtmlExtractor.expr", "");
    c->attribute = pb_tmpl(b, el, "HtmlExtractor.attribute", "");
    c->default_value = pb_tmpl(b, el, "HtmlExtractor.default", "");
    c->default_empty_value = pb_bool(el, "HtmlExtractor.default_empty_value", false);
    c->match_number = pb_tmpl(b, el, "HtmlExtractor.match_number", "");
    c->implementation = pb_str(b, el, "HtmlExtractor.extractor_impl", "");
    c->scope = pb_sample_scope(b, el, "Sample.scope");
    return c;
}

void css_extractor_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_css_extractor *c = node->data;
    strbuf_addf(out, "%s <- %s", tmpl_src(c->refname), tmpl_src(c->expr));
    if (*tmpl_src(c->attribute))
        strbuf_addf(out, " @%s", tmpl_src(c->attribute));
    describe_tmpl(out, "match", c->match_number);
    describe_tmpl(out, "default", c->default_value);
    describe_scope(out, &c->scope);
}
