/* json_extractor.c - JSON Extractor (JSONPostProcessor, digest §8.2): several
 * ';'-separated names, JSONPath expressions, match numbers and defaults. */
#include <string.h>
#include "extract_common.h"

static size_t count_items(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == ';';
    return n;
}

void *json_extractor_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_json_extractor *j = PB_NEW(b, struct plan_json_extractor);
    j->reference_names = pb_tmpl(b, el, "JSONPostProcessor.referenceNames", "");
    j->json_path_exprs = pb_tmpl(b, el, "JSONPostProcessor.jsonPathExprs", "");
    j->match_numbers = pb_tmpl(b, el, "JSONPostProcessor.match_numbers", "");
    j->default_values = pb_tmpl(b, el, "JSONPostProcessor.defaultValues", "");
    j->compute_concat = pb_bool(el, "JSONPostProcessor.compute_concat", false);
    j->scope = pb_sample_scope(b, el, "Sample.scope");
    if (j->reference_names->is_literal && j->json_path_exprs->is_literal) {
        size_t names = count_items(j->reference_names->source);
        size_t paths = count_items(j->json_path_exprs->source);
        if (names != paths)
            pb_warn(b, el, "%zu variable names but %zu JSON paths: JMeter extracts nothing and "
                           "drops the sample", names, paths);
    }
    return j;
}

void json_extractor_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_json_extractor *j = node->data;
    strbuf_addf(out, "%s <- %s", tmpl_src(j->reference_names), tmpl_src(j->json_path_exprs));
    describe_tmpl(out, "match", j->match_numbers);
    describe_tmpl(out, "default", j->default_values);
    describe_flag(out, "concat", j->compute_concat);
    describe_scope(out, &j->scope);
}
