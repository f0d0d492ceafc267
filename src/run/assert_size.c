/* assert_size.c - the Size Assertion: compares a size with SizeAssertion.size using one
 * of six operators. The size is the received bytes (default), the response headers as
 * JMeter counts them (with CR LF line ends and the blank line), the body, or the length
 * of the response code or message; in the variable scope, the variable's value read as
 * a whole number. An expected size that is not a whole number makes JMeter's assertion
 * throw, which JMeter records as an error result named "Assertion failed! See log file.". */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

struct size_check {
    const struct plan_size_assertion *a;
    const char *name;
    struct expr_ctx *ctx;
};

static const char *const op_words[] = {
    [SIZE_EQ] = "been equal to",
    [SIZE_NE] = "not been equal to",
    [SIZE_GT] = "been greater than",
    [SIZE_LT] = "been less than",
    [SIZE_GE] = "been greater or equal to",
    [SIZE_LE] = "been less than or equal to",
};

/* HTTPHC4Impl's header size: the header text, one CR per line, and the closing CR LF. */
static int64_t headers_size(const struct sample *s)
{
    if (s->response_headers.len == 0)
        return 0;
    int64_t lines = 0;
    for (size_t i = 0; i < s->response_headers.len; i++)
        if (s->response_headers.s[i] == '\n')
            lines++;
    return (int64_t)java_length(s->response_headers.s, s->response_headers.len) + lines + 2;
}

/* getBodySizeAsLong: the body bytes on the wire when the sample has headers (HTTP),
 * else the length of the response data. */
static int64_t body_size(const struct sample *s)
{
    int64_t headers = headers_size(s);
    if (headers > 0 && s->bytes - headers != 0)
        return s->bytes - headers;
    return s->body_size ? s->body_size : (int64_t)s->body.len;
}

static int64_t text_length(const char *t)
{
    return t ? (int64_t)java_length(t, strlen(t)) : 0;
}

static int64_t field_size(const struct sample *s, enum size_field f)
{
    switch (f) {
    case SIZE_FIELD_HEADERS: return headers_size(s);
    case SIZE_FIELD_BODY: return body_size(s);
    case SIZE_FIELD_CODE: return text_length(s->response_code);
    case SIZE_FIELD_MESSAGE: return text_length(s->response_message);
    case SIZE_FIELD_NETWORK: break;
    }
    return s->bytes;
}

static bool compare(enum size_operator op, int64_t size, int64_t allowed, const char **words)
{
    bool ok = false;
    switch (op) {
    case SIZE_EQ: ok = size == allowed; break;
    case SIZE_NE: ok = size != allowed; break;
    case SIZE_GT: ok = size > allowed; break;
    case SIZE_LT: ok = size < allowed; break;
    case SIZE_GE: ok = size >= allowed; break;
    case SIZE_LE: ok = size <= allowed; break;
    default:
        *words = "ERROR - invalid condition";
        return false;
    }
    *words = op_words[op];
    return ok;
}

/* Long.parseLong of the expected size, or the NumberFormatException text. */
static bool allowed_size(const struct size_check *c, int64_t *out, struct strbuf *exception)
{
    char *text = pp_eval(c->a->size, c->ctx);
    bool ok = java_parse_long(text, out);
    if (!ok)
        strbuf_addf(exception, "java.lang.NumberFormatException: For input string: \"%s\"", text);
    free(text);
    return ok;
}

static void check_one(struct sample *s, void *arg)
{
    const struct size_check *c = arg;
    int64_t size;
    if (c->a->scope.scope == SCOPE_VARIABLE) {
        char *var = pp_eval(c->a->scope.variable, c->ctx);
        const char *value = strmap_get(c->ctx->vars, var);
        if (!java_parse_long(value, &size)) {
            char *msg = xasprintf("Error parsing variable name: %s value: %s", var,
                                  value ? value : "null");
            sample_add_assertion(s, c->name, true, false, msg);
            free(msg);
            free(var);
            return;
        }
        free(var);
    } else {
        size = field_size(s, c->a->field);
    }
    struct strbuf exception;
    strbuf_init(&exception);
    int64_t allowed;
    const char *words = NULL;
    if (!allowed_size(c, &allowed, &exception)) {
        sample_add_assertion(s, "Assertion failed! See log file.", false, true, exception.s);
    } else if (compare(c->a->op, size, allowed, &words)) {
        sample_add_assertion(s, c->name, false, false, NULL);
    } else if (!allowed_size(c, &allowed, &exception)) {
        /* the message reads the expected size again */
        sample_add_assertion(s, "Assertion failed! See log file.", false, true, exception.s);
    } else {
        struct strbuf msg;
        strbuf_init(&msg);
        strbuf_adds(&msg, "The result was the wrong size: It was ");
        java_format_grouped(size, &msg);
        strbuf_addf(&msg, " bytes, but should have %s ", words);
        java_format_grouped(allowed, &msg);
        strbuf_adds(&msg, " bytes.");
        sample_add_assertion(s, c->name, true, false, msg.s);
        strbuf_free(&msg);
    }
    strbuf_free(&exception);
}

void size_assertion_run(const struct plan_size_assertion *a, const char *name,
                        struct sample *s, struct expr_ctx *ctx)
{
    struct size_check c = {a, name, ctx};
    assertion_apply_scoped(a->scope.scope, name, s, check_one, &c);
}
