/* boundary_extractor.c - Boundary Extractor (digest §8.3): text between a left
 * and a right boundary. */
#include "extract_common.h"

void *boundary_extractor_build(struct plan_builder *b, const struct jmx_element *el,
                               struct plan_node *node)
{
    struct plan_boundary_extractor *x = PB_NEW(b, struct plan_boundary_extractor);
    x->field = extract_field_parse(b, el, "BoundaryExtractor.useHeaders");
    x->refname = pb_tmpl(b, el, "BoundaryExtractor.refname", "");
    x->left = pb_tmpl(b, el, "BoundaryExtractor.lboundary", "");
    x->right = pb_tmpl(b, el, "BoundaryExtractor.rboundary", "");
    x->match_number = pb_tmpl(b, el, "BoundaryExtractor.match_number", "");
    x->default_value = pb_tmpl(b, el, "BoundaryExtractor.default", "");
    x->default_empty_value = pb_bool(el, "BoundaryExtractor.default_empty_value", false);
    x->scope = pb_sample_scope(b, el, "Sample.scope");
    return x;
}

void boundary_extractor_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_boundary_extractor *x = node->data;
    strbuf_addf(out, "%s <- between \"%s\" and \"%s\" in the %s", tmpl_src(x->refname),
                tmpl_src(x->left), tmpl_src(x->right), extract_field_name(x->field));
    describe_tmpl(out, "match", x->match_number);
    describe_tmpl(out, "default", x->default_value);
    describe_scope(out, &x->scope);
}
