/* emit_post.c - post-processors inside "with ... as response:": the
 * Regular Expression, Boundary, JSON and CSS Selector extractors, each a
 * runtime call that writes the user's variables the way JMeter does
 * (digest §8.1-8.4), one function and one table row per kind. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

typedef void (*elem_emit)(struct emitter *em, struct pyw *w, const struct plan_node *el,
                          const struct plan_node *sampler, bool *first);

struct row {
    enum plan_kind kind;
    elem_emit emit;
};

/* --------------------------------------------------------- post-processors */

static const char *const field_args[] = {
    [FIELD_BODY] = "body_text(response)",
    [FIELD_RESPONSE_HEADERS] = "response_field(response, 'headers')",
    [FIELD_REQUEST_HEADERS] = "response_field(response, 'request_headers')",
    [FIELD_BODY_UNESCAPED] = "response_field(response, 'unescaped')",
    [FIELD_BODY_AS_DOCUMENT] = "body_text(response)",
    [FIELD_URL] = "response_field(response, 'url')",
    [FIELD_RESPONSE_CODE] = "response_field(response, 'code')",
    [FIELD_RESPONSE_MESSAGE] = "response_field(response, 'message')",
};

/* The text an extractor reads: a field of the response, or a variable. */
static char *input(struct emitter *em, const struct plan_node *el, enum extract_field field,
                   const struct plan_sample_scope *scope, const struct plan_node *sampler)
{
    em_need(em, RT_BODY_TEXT);
    if (scope->scope == SCOPE_VARIABLE) {
        char *v = es_tx(em, scope->variable, sampler);
        char *r = xasprintf("self.vars.get(%s, '')", v);
        free(v);
        return r;
    }
    if (scope->scope != SCOPE_PARENT)
        em_note(em, NOTE_APPROX, el, "reads the main response only (not redirect hops or "
                                     "embedded resources)");
    if (field == FIELD_BODY_AS_DOCUMENT)
        em_note(em, NOTE_APPROX, el, "reads the body text (no Apache Tika)");
    return xstrdup(field_args[field]);
}

static char *match_no(struct emitter *em, const struct tmpl *t, const struct plan_node *s)
{
    const char *text;
    if (py_tmpl_literal(t, &text) && str_is_blank(text))
        return xstrdup("0");
    char *n = es_num(em, t, s);
    if (py_tmpl_literal(t, &text))
        return n;
    char *r = xasprintf("java_long(%s)", n);
    free(n);
    return r;
}

static char *default_arg(struct emitter *em, const struct tmpl *def, bool empty_ok,
                         const struct plan_node *s)
{
    const char *text;
    if (py_tmpl_literal(def, &text) && !*text)
        return empty_ok ? xstrdup(", default=''") : xstrdup("");
    char *d = es_tx(em, def, s);
    char *r = xasprintf(", default=%s", d);
    free(d);
    return r;
}

static void p_regex(struct emitter *em, struct pyw *w, const struct plan_node *el,
                    const struct plan_node *s, bool *first)
{
    (void)first;
    const struct plan_regex_extractor *x = el->data;
    em_need(em, RT_REGEX_EXTRACT);
    es_title(w, el);
    char *in = input(em, el, x->field, &x->scope, s);
    char *ref = es_tx(em, x->refname, s);
    const char *re_text;
    struct strbuf re;
    strbuf_init(&re);
    if (py_tmpl_literal(x->regex, &re_text))
        py_regex_literal(&re, re_text);
    else {
        char *e = es_tx(em, x->regex, s);
        strbuf_adds(&re, e);
        free(e);
    }
    char *tpl = es_tx(em, x->template_, s);
    char *m = match_no(em, x->match_number, s);
    char *d = default_arg(em, x->default_value, x->default_empty_value, s);
    pyw_line(w, "extract_regex(self, %s, %s, %s, %s, %s%s)", in, ref, re.s, tpl, m, d);
    strbuf_free(&re);
    free(in);
    free(ref);
    free(tpl);
    free(m);
    free(d);
}

static void p_boundary(struct emitter *em, struct pyw *w, const struct plan_node *el,
                       const struct plan_node *s, bool *first)
{
    (void)first;
    const struct plan_boundary_extractor *x = el->data;
    em_need(em, RT_BOUNDARY_EXTRACT);
    es_title(w, el);
    char *in = input(em, el, x->field, &x->scope, s);
    char *ref = es_tx(em, x->refname, s), *l = es_tx(em, x->left, s), *r = es_tx(em, x->right, s);
    char *m = match_no(em, x->match_number, s);
    char *d = default_arg(em, x->default_value, x->default_empty_value, s);
    pyw_line(w, "extract_boundary(self, %s, %s, %s, %s, %s%s)", in, ref, l, r, m, d);
    free(in);
    free(ref);
    free(l);
    free(r);
    free(m);
    free(d);
}

static void p_json(struct emitter *em, struct pyw *w, const struct plan_node *el,
                   const struct plan_node *s, bool *first)
{
    (void)first;
    const struct plan_json_extractor *x = el->data;
    em_need(em, RT_JSON_EXTRACT);
    es_title(w, el);
    char *in = input(em, el, FIELD_BODY, &x->scope, s);
    const char *names, *paths, *numbers, *defaults;
    bool simple = py_tmpl_literal(x->reference_names, &names) &&
                  py_tmpl_literal(x->json_path_exprs, &paths) &&
                  py_tmpl_literal(x->match_numbers, &numbers) &&
                  py_tmpl_literal(x->default_values, &defaults) && !strchr(names, ';') &&
                  !strchr(paths, ';') && !strchr(numbers, ';') && !strchr(defaults, ';');
    if (simple) {
        char *ref = es_tx(em, x->reference_names, s), *p = es_tx(em, x->json_path_exprs, s);
        char *m = match_no(em, x->match_numbers, s), *d = es_tx(em, x->default_values, s);
        pyw_line(w, "extract_json(self, %s, %s, %s, %s, %s%s)", in, ref, p, m, d,
                 x->compute_concat ? ", concat=True" : "");
        free(ref);
        free(p);
        free(m);
        free(d);
    } else {
        char *ref = es_tx(em, x->reference_names, s), *p = es_tx(em, x->json_path_exprs, s);
        char *m = es_tx(em, x->match_numbers, s), *d = es_tx(em, x->default_values, s);
        pyw_line(w, "extract_json_many(self, %s, %s, %s, %s, %s%s)", in, ref, p, m, d,
                 x->compute_concat ? ", concat=True" : "");
        free(ref);
        free(p);
        free(m);
        free(d);
    }
    free(in);
}

static void p_css(struct emitter *em, struct pyw *w, const struct plan_node *el,
                  const struct plan_node *s, bool *first)
{
    (void)first;
    const struct plan_css_extractor *x = el->data;
    em_need(em, RT_CSS_EXTRACT);
    es_title(w, el);
    char *in = input(em, el, FIELD_BODY, &x->scope, s);
    char *ref = es_tx(em, x->refname, s), *e = es_tx(em, x->expr, s), *a = es_tx(em, x->attribute, s);
    char *m = match_no(em, x->match_number, s);
    char *d = default_arg(em, x->default_value, x->default_empty_value, s);
    pyw_line(w, "extract_css(self, %s, %s, %s, %s, %s%s)", in, ref, e, a, m, d);
    free(in);
    free(ref);
    free(e);
    free(a);
    free(m);
    free(d);
}

static const struct row post_rows[] = {
    {PK_REGEX_EXTRACTOR, p_regex},
    {PK_BOUNDARY_EXTRACTOR, p_boundary},
    {PK_JSON_EXTRACTOR, p_json},
    {PK_CSS_EXTRACTOR, p_css},
};

void emit_post_processors(struct emitter *em, struct pyw *w, const struct plan_node *sampler)
{
    for (size_t i = 0; sampler->scope && i < sampler->scope->n_post; i++) {
        const struct plan_node *el = sampler->scope->post[i];
        bool done = false;
        for (size_t k = 0; k < ARRAY_LEN(post_rows) && !done; k++)
            if (post_rows[k].kind == el->kind && el->data) {
                post_rows[k].emit(em, w, el, sampler, NULL);
                done = true;
            }
        if (!done)
            emit_todo(em, w, el, el->kind == PK_XPATH_EXTRACTOR
                                     ? "XPath needs an XML library Locust files do not have"
                                     : "scripts and other post-processors need porting by hand");
    }
}

