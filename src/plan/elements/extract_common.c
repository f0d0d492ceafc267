/* extract_common.c - field and scope settings shared by extractors and assertions. */
#include "extract_common.h"

static const struct {
    const char *value;
    enum extract_field field;
    const char *name;
} fields[] = {
    {"false", FIELD_BODY, "body"},
    {"true", FIELD_RESPONSE_HEADERS, "response headers"},
    {"request_headers", FIELD_REQUEST_HEADERS, "request headers"},
    {"unescaped", FIELD_BODY_UNESCAPED, "body (unescaped)"},
    {"as_document", FIELD_BODY_AS_DOCUMENT, "body as a document"},
    {"URL", FIELD_URL, "URL"},
    {"code", FIELD_RESPONSE_CODE, "response code"},
    {"message", FIELD_RESPONSE_MESSAGE, "response message"},
};

enum extract_field extract_field_parse(struct plan_builder *b, const struct jmx_element *el,
                                       const char *prop)
{
    const char *v = jmx_str(el, prop, "false");
    for (size_t i = 0; i < ARRAY_LEN(fields); i++)
        if (str_eq(v, fields[i].value)) {
            if (fields[i].field == FIELD_BODY_AS_DOCUMENT)
                pb_warn(b, el, "\"body as a document\" needs Apache Tika; the plain body is used");
            return fields[i].field;
        }
    pb_warn(b, el, "unknown field \"%s\": the body is used", v);
    return FIELD_BODY;
}

const char *extract_field_name(enum extract_field f)
{
    for (size_t i = 0; i < ARRAY_LEN(fields); i++)
        if (fields[i].field == f)
            return fields[i].name;
    return "body";
}

void describe_scope(struct strbuf *out, const struct plan_sample_scope *s)
{
    switch (s->scope) {
    case SCOPE_PARENT: break;
    case SCOPE_CHILDREN: strbuf_adds(out, " (sub-samples)"); break;
    case SCOPE_ALL: strbuf_adds(out, " (sample and sub-samples)"); break;
    case SCOPE_VARIABLE: strbuf_addf(out, " (variable %s)", tmpl_src(s->variable)); break;
    }
}
