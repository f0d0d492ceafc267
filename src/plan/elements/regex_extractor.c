/* regex_extractor.c - Regular Expression Extractor (digest §8.1). The regex is
 * checked with PCRE2 at build time when it holds no variables. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "extract_common.h"

static void check_regex(struct plan_builder *b, const struct jmx_element *el, const struct tmpl *re)
{
    if (!re->is_literal)
        return;
    int err;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)re->source, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
    if (code) {
        pcre2_code_free(code);
        return;
    }
    PCRE2_UCHAR msg[160];
    pcre2_get_error_message(err, msg, sizeof msg);
    pb_warn(b, el, "invalid regular expression at offset %zu: %s", (size_t)off, (char *)msg);
}

void *regex_extractor_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_regex_extractor *r = PB_NEW(b, struct plan_regex_extractor);
    r->field = extract_field_parse(b, el, "RegexExtractor.useHeaders");
    r->refname = pb_tmpl(b, el, "RegexExtractor.refname", "");
    r->regex = pb_tmpl(b, el, "RegexExtractor.regex", "");
    r->template_ = pb_tmpl(b, el, "RegexExtractor.template", "");
    r->match_number = pb_tmpl(b, el, "RegexExtractor.match_number", "");
    r->default_value = pb_tmpl(b, el, "RegexExtractor.default", "");
    r->default_empty_value = pb_bool(el, "RegexExtractor.default_empty_value", false);
    r->scope = pb_sample_scope(b, el, "Sample.scope");
    check_regex(b, el, r->regex);
    return r;
}

void regex_extractor_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_regex_extractor *r = node->data;
    strbuf_addf(out, "%s <- /%s/ %s match %s of the %s", tmpl_src(r->refname), tmpl_src(r->regex),
                tmpl_src(r->template_), *tmpl_src(r->match_number) ? tmpl_src(r->match_number) : "0",
                extract_field_name(r->field));
    describe_scope(out, &r->scope);
    describe_tmpl(out, "default", r->default_value);
}
