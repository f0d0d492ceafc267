/* response_assertion.c - Response Assertion (digest §8.5): patterns tested
 * against a field with contains / matches / equals / substring, NOT and OR;
 * and the word JMeter's failure messages use for each field. */
#include "extract_common.h"

static const struct {
    const char *value;
    enum assert_field field;
} fields[] = {
    {"Assertion.response_data", ASSERT_FIELD_RESPONSE_DATA},
    {"Assertion.response_data_as_document", ASSERT_FIELD_DOCUMENT},
    {"Assertion.response_code", ASSERT_FIELD_RESPONSE_CODE},
    {"Assertion.response_message", ASSERT_FIELD_RESPONSE_MESSAGE},
    {"Assertion.response_headers", ASSERT_FIELD_RESPONSE_HEADERS},
    {"Assertion.request_headers", ASSERT_FIELD_REQUEST_HEADERS},
    {"Assertion.request_data", ASSERT_FIELD_REQUEST_DATA},
    {"Assertion.sample_label", ASSERT_FIELD_URL},
};

static const char *const field_words[] = {
    [ASSERT_FIELD_RESPONSE_DATA] = "text",
    [ASSERT_FIELD_DOCUMENT] = "document",
    [ASSERT_FIELD_RESPONSE_CODE] = "code",
    [ASSERT_FIELD_RESPONSE_MESSAGE] = "message",
    [ASSERT_FIELD_RESPONSE_HEADERS] = "headers",
    [ASSERT_FIELD_REQUEST_HEADERS] = "request headers",
    [ASSERT_FIELD_REQUEST_DATA] = "request data",
    [ASSERT_FIELD_URL] = "URL",
};

const char *assert_field_word(enum assert_field field)
{
    return field_words[field];
}

void *response_assertion_build(struct plan_builder *b, const struct jmx_element *el,
                               struct plan_node *node)
{
    struct plan_response_assertion *a = PB_NEW(b, struct plan_response_assertion);
    const char *field = jmx_str(el, "Assertion.test_field", "Assertion.response_data");
    a->field = ASSERT_FIELD_URL;   /* JMeter: any other value tests the URL */
    for (size_t i = 0; i < ARRAY_LEN(fields); i++)
        if (str_eq(field, fields[i].value))
            a->field = fields[i].field;
    a->test_type = (int)pb_long(el, "Assertion.test_type", ASSERT_CONTAINS);
    a->assume_success = pb_bool(el, "Assertion.assume_success", false);
    a->custom_message = pb_tmpl(b, el, "Assertion.custom_message", "");
    a->scope = pb_sample_scope(b, el, "Assertion.scope");
    const struct jmx_prop *coll = pb_collection(el, "Asserion.test_strings");
    if (coll) {
        a->patterns = arena_alloc(b->arena, sizeof(struct tmpl *) * (coll->n_items + 1));
        for (size_t i = 0; i < coll->n_items; i++)
            if (jmx_is_scalar(coll->items[i]))
                a->patterns[a->n_patterns++] =
                    pb_tmpl_text(b, el, coll->items[i]->line, coll->items[i]->value);
    }
    if (a->field == ASSERT_FIELD_DOCUMENT)
        pb_warn(b, el, "\"document\" needs Apache Tika; the plain response text is tested");
    return a;
}

void response_assertion_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_response_assertion *a = node->data;
    int t = a->test_type;
    const char *how = (t & ASSERT_CONTAINS) ? "contains" : (t & ASSERT_EQUALS) ? "equals"
                    : (t & ASSERT_SUBSTRING) ? "has substring" : (t & ASSERT_MATCHES) ? "matches"
                    : "contains";
    strbuf_addf(out, "%s %s%s", assert_field_word(a->field), (t & ASSERT_NOT) ? "not " : "", how);
    for (size_t i = 0; i < a->n_patterns; i++)
        strbuf_addf(out, "%s/%s/", i ? ((t & ASSERT_OR) ? " or " : " and ") : " ",
                    tmpl_src(a->patterns[i]));
    describe_flag(out, "ignore-status", a->assume_success);
    describe_tmpl(out, "message", a->custom_message);
    describe_scope(out, &a->scope);
}
