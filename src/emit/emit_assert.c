/* emit_assert.c - assertions inside "with ... as response:": an if / elif
 * chain calling response.failure() with JMeter's message, so that the first
 * failure is the one reported (digest §8.5-8.6); "Ignore status" starts a
 * new chain after response.success(). One function and one table row per
 * kind. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

typedef void (*elem_emit)(struct emitter *em, struct pyw *w, const struct plan_node *el,
                          const struct plan_node *sampler, bool *first);

struct row {
    enum plan_kind kind;
    elem_emit emit;
};

/* -------------------------------------------------------------- assertions */

static const char *const assert_texts[] = {
    [ASSERT_FIELD_RESPONSE_DATA] = "body_text(response)",
    [ASSERT_FIELD_DOCUMENT] = "body_text(response)",
    [ASSERT_FIELD_RESPONSE_CODE] = "str(response.status_code)",
    [ASSERT_FIELD_RESPONSE_MESSAGE] = "response_field(response, 'message')",
    [ASSERT_FIELD_RESPONSE_HEADERS] = "response_field(response, 'headers')",
    [ASSERT_FIELD_REQUEST_HEADERS] = "response_field(response, 'request_headers')",
    [ASSERT_FIELD_REQUEST_DATA] = "response_field(response, 'request_data')",
    [ASSERT_FIELD_URL] = "response_field(response, 'url')",
};

/* One link of the chain: "if/elif failure := <check>:" then response.failure. */
static void chain(struct pyw *w, bool *first, const char *check)
{
    pyw_line(w, "%s failure := %s:", *first ? "if" : "elif", check);
    pyw_indent(w);
    pyw_line(w, "response.failure(failure)");
    pyw_dedent(w);
    *first = false;
}

static void a_response(struct emitter *em, struct pyw *w, const struct plan_node *el,
                       const struct plan_node *s, bool *first)
{
    const struct plan_response_assertion *a = el->data;
    em_need(em, RT_RESPONSE_ASSERT);
    es_title(w, el);
    if (a->assume_success) {
        pyw_comment(w, "\"Ignore status\": the response counts as a success first");
        pyw_line(w, "response.success()");
        *first = true;
    }
    char *text;
    char *field;
    if (a->scope.scope == SCOPE_VARIABLE) {
        char *v = es_tx(em, a->scope.variable, s);
        text = xasprintf("self.vars.get(%s, '')", v);
        field = xasprintf("'variable(' + %s + ')'", v);
        free(v);
    } else {
        if (a->scope.scope != SCOPE_PARENT)
            em_note(em, NOTE_APPROX, el, "tests the main response only (not redirect hops or "
                                         "embedded resources)");
        text = xstrdup(assert_texts[a->field]);
        field = em_lit(assert_field_word(a->field));
    }
    struct strbuf pats;
    strbuf_init(&pats);
    for (size_t i = 0; i < a->n_patterns; i++) {
        char *p = es_tx(em, a->patterns[i], s);
        strbuf_addf(&pats, "%s%s", i ? ", " : "", p);
        free(p);
    }
    struct strbuf check;
    strbuf_init(&check);
    strbuf_addf(&check, "response_assertion(%s, [%s], %d", text, pats.s, a->test_type);
    if (strcmp(field, "'text'") != 0)
        strbuf_addf(&check, ", field=%s", field);
    const char *custom;
    if (!(py_tmpl_literal(a->custom_message, &custom) && !*custom)) {
        char *c = es_tx(em, a->custom_message, s);
        strbuf_addf(&check, ", custom=%s", c);
        free(c);
    }
    strbuf_addc(&check, ')');
    chain(w, first, check.s);
    strbuf_free(&check);
    strbuf_free(&pats);
    free(text);
    free(field);
}

static void a_duration(struct emitter *em, struct pyw *w, const struct plan_node *el,
                       const struct plan_node *s, bool *first)
{
    const struct plan_duration_assertion *a = el->data;
    em_need(em, RT_DURATION_ASSERT);
    es_title(w, el);
    char *d = es_num(em, a->duration, s);
    char *check = xasprintf("duration_assertion(response, %s)", d);
    chain(w, first, check);
    free(check);
    free(d);
}

static void a_size(struct emitter *em, struct pyw *w, const struct plan_node *el,
                   const struct plan_node *s, bool *first)
{
    const struct plan_size_assertion *a = el->data;
    em_need(em, RT_SIZE_ASSERT);
    em_need(em, RT_BODY_TEXT);
    es_title(w, el);
    static const char *const ops[] = {"=", "=", "!=", ">", "<", ">=", "<="};
    const char *size;
    switch (a->field) {
    case SIZE_FIELD_BODY: size = "len(response.content or b'')"; break;
    case SIZE_FIELD_HEADERS:
        size = "len(response_field(response, 'headers').encode()) + 2";
        break;
    case SIZE_FIELD_CODE: size = "len(str(response.status_code))"; break;
    case SIZE_FIELD_MESSAGE: size = "len(response_field(response, 'message'))"; break;
    default:
        em_note(em, NOTE_APPROX, el, "the network size is counted as headers + body as "
                                     "received, not byte for byte");
        size = "len(response_field(response, 'headers').encode()) + 2 + "
               "len(response.content or b'')";
        break;
    }
    char *n = es_num(em, a->size, s);
    char *check = xasprintf("size_assertion(%s, %s, '%s')", size, n,
                            ops[a->op >= 1 && a->op <= 6 ? a->op : 1]);
    chain(w, first, check);
    free(check);
    free(n);
}

static void a_json(struct emitter *em, struct pyw *w, const struct plan_node *el,
                   const struct plan_node *s, bool *first)
{
    const struct plan_json_assertion *a = el->data;
    em_need(em, RT_JSON_ASSERT);
    em_need(em, RT_BODY_TEXT);
    es_title(w, el);
    char *p = es_tx(em, a->json_path, s);
    struct strbuf check;
    strbuf_init(&check);
    strbuf_addf(&check, "json_assertion(body_text(response), %s", p);
    if (a->json_validation) {
        char *e = es_tx(em, a->expected_value, s);
        strbuf_addf(&check, ", %s", e);
        free(e);
        if (!a->is_regex)
            strbuf_adds(&check, ", regex=False");
    }
    if (a->expect_null)
        strbuf_adds(&check, ", expect_null=True");
    if (a->invert)
        strbuf_adds(&check, ", invert=True");
    strbuf_addc(&check, ')');
    chain(w, first, check.s);
    strbuf_free(&check);
    free(p);
}

static const struct row assert_rows[] = {
    {PK_RESPONSE_ASSERTION, a_response},
    {PK_DURATION_ASSERTION, a_duration},
    {PK_SIZE_ASSERTION, a_size},
    {PK_JSON_ASSERTION, a_json},
};

void emit_assertions(struct emitter *em, struct pyw *w, const struct plan_node *sampler)
{
    bool first = true;
    for (size_t i = 0; sampler->scope && i < sampler->scope->n_assertions; i++) {
        const struct plan_node *el = sampler->scope->assertions[i];
        bool done = false;
        for (size_t k = 0; k < ARRAY_LEN(assert_rows) && !done; k++)
            if (assert_rows[k].kind == el->kind && el->data) {
                assert_rows[k].emit(em, w, el, sampler, &first);
                done = true;
            }
        if (!done)
            emit_todo(em, w, el, el->kind == PK_XPATH_ASSERTION
                                     ? "XPath needs an XML library Locust files do not have"
                                     : "scripts and other assertions need porting by hand");
    }
}

