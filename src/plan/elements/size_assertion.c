/* size_assertion.c - Size Assertion: compares a response size with a number. */
#include "extract_common.h"

static const struct {
    const char *value;
    enum size_field field;
    const char *name;
} fields[] = {
    {"SizeAssertion.response_network_size", SIZE_FIELD_NETWORK, "full response"},
    {"SizeAssertion.response_headers", SIZE_FIELD_HEADERS, "headers"},
    {"SizeAssertion.response_data", SIZE_FIELD_BODY, "body"},
    {"SizeAssertion.response_code", SIZE_FIELD_CODE, "code"},
    {"SizeAssertion.response_message", SIZE_FIELD_MESSAGE, "message"},
};

void *size_assertion_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_size_assertion *a = PB_NEW(b, struct plan_size_assertion);
    a->size = pb_tmpl(b, el, "SizeAssertion.size", "0");
    long long op = pb_long(el, "SizeAssertion.operator", SIZE_EQ);
    if (op < SIZE_EQ || op > SIZE_LE) {
        pb_warn(b, el, "unknown operator %lld: '=' is used", op);
        op = SIZE_EQ;
    }
    a->op = (enum size_operator)op;
    const char *field = jmx_str(el, "Assertion.test_field", "SizeAssertion.response_network_size");
    a->field = SIZE_FIELD_NETWORK;
    for (size_t i = 0; i < ARRAY_LEN(fields); i++)
        if (str_eq(field, fields[i].value))
            a->field = fields[i].field;
    a->scope = pb_sample_scope(b, el, "Assertion.scope");
    return a;
}

void size_assertion_describe(const struct plan_node *node, struct strbuf *out)
{
    static const char *ops[] = {"", "=", "!=", ">", "<", ">=", "<="};
    const struct plan_size_assertion *a = node->data;
    const char *name = "full response";
    for (size_t i = 0; i < ARRAY_LEN(fields); i++)
        if (fields[i].field == a->field)
            name = fields[i].name;
    strbuf_addf(out, "%s size %s %s bytes", name, ops[a->op], tmpl_src(a->size));
    describe_scope(out, &a->scope);
}
