/* emit_http_body.c - the body of an HTTP Request as JMeter 5.6 sends it
 * (digest §5.3, src/run/http_request_body.c), first rule that applies wins:
 * multipart/form-data, one file as the body, the argument values as a raw
 * body, or a url-encoded form; with the Content-Type HttpClient adds when
 * the plan's headers set none. */
#include <stdlib.h>
#include <string.h>
#include "emit_http.h"

bool eh_lit_empty(const struct tmpl *t)
{
    const char *s;
    return !t || (py_tmpl_literal(t, &s) && !*s);
}

bool eh_values_as_body(const struct plan_http_sampler *h)
{
    if (h->post_body_raw)
        return true;
    for (size_t i = 0; i < h->n_args; i++)
        if (!eh_lit_empty(h->args[i].name))
            return false;
    return h->n_args > 0;
}

bool eh_file_as_body(const struct plan_http_sampler *h)
{
    return h->n_files == 1 && !eh_lit_empty(h->files[0].path) && eh_lit_empty(h->files[0].param_name);
}

/* The query string, as pieces joined with " + " (or one literal). */
bool eh_plan_sets_ct(const struct plan_scope *s)
{
    for (size_t i = 0; s && i < s->n_headers; i++) {
        const char *n;
        if (py_tmpl_literal(s->headers[i].name, &n) && str_ieq(n, "Content-Type") &&
            !eh_lit_empty(s->headers[i].value))
            return true;
    }
    return false;
}

void eh_body(struct emitter *em, struct pyw *w, const struct plan_node *node,
                      const struct plan_http_sampler *h, const char *cs, struct eh_request *r,
                      bool *set_ct_from_var)
{
    const char *sampler = node->name;
    bool multipart = h->do_multipart;
    if (!multipart && h->n_files > 0 && !eh_file_as_body(h)) {
        multipart = true;
        for (size_t i = 0; i < h->n_files; i++)
            if (eh_lit_empty(h->files[i].path))
                multipart = false;
    }
    bool plan_ct = eh_plan_sets_ct(node->scope);
    const char *ct = NULL;
    char *data = NULL;
    if (multipart) {
        em_need(em, RT_MULTIPART);
        struct strbuf fields, files;
        strbuf_init(&fields);
        strbuf_init(&files);
        for (size_t i = 0; i < h->n_args; i++) {
            const struct plan_http_arg *a = &h->args[i];
            char *n = em_tmpl(em, a->name, "self", sampler);
            char *v = em_tmpl(em, a->value, "self", sampler);
            char *t = a->content_type ? em_tmpl(em, a->content_type, "self", sampler)
                                      : xstrdup("''");
            strbuf_addf(&fields, "%s(%s, %s, %s)", i ? ", " : "", n, v, t);
            free(n);
            free(v);
            free(t);
        }
        for (size_t i = 0; i < h->n_files; i++) {
            char *p = em_tmpl(em, h->files[i].param_name, "self", sampler);
            char *f = em_tmpl(em, h->files[i].path, "self", sampler);
            char *m = em_tmpl(em, h->files[i].mime_type, "self", sampler);
            strbuf_addf(&files, "%s(%s, %s, %s)", i ? ", " : "", p, f, m);
            free(p);
            free(f);
            free(m);
        }
        pyw_line(w, "body, content_type = multipart_body([%s], [%s], '%s'%s)", fields.s, files.s,
                 cs, h->browser_compatible_multipart ? ", browser_compatible=True" : "");
        strbuf_free(&fields);
        strbuf_free(&files);
        data = xstrdup("body");
        *set_ct_from_var = true;
    } else if (h->n_args == 0 && eh_file_as_body(h)) {
        em_need(em, RT_FILES);
        char *f = em_tmpl(em, h->files[0].path, "self", sampler);
        data = xasprintf("read_file(%s)", f);
        free(f);
        if (!eh_lit_empty(h->files[0].mime_type) && !plan_ct) {
            char *m = em_tmpl(em, h->files[0].mime_type, "self", sampler);
            eh_add_header(r, "'Content-Type'", m);
            free(m);
        }
    } else if (eh_values_as_body(h)) {
        struct strbuf text;
        strbuf_init(&text);
        for (size_t i = 0; i < h->n_args; i++) {
            char *v = em_tmpl(em, h->args[i].value, "self", sampler);
            if (i)
                strbuf_adds(&text, " + ");
            if (h->args[i].always_encode) {
                em_need(em, RT_URLENCODE);
                strbuf_addf(&text, "java_urlencode(%s, '%s')", v, cs);
            } else {
                strbuf_adds(&text, v);
            }
            free(v);
        }
        pyw_line(w, "body = %s", text.s);
        strbuf_free(&text);
        data = strcmp(cs, "UTF-8") == 0 ? xstrdup("body.encode()")
                                        : xasprintf("body.encode('%s', 'replace')", cs);
        if (h->n_files > 0 && !eh_lit_empty(h->files[0].mime_type) && !plan_ct) {
            char *m = em_tmpl(em, h->files[0].mime_type, "self", sampler);
            eh_add_header(r, "'Content-Type'", m);
            free(m);
        } else {
            ct = "text/plain";
        }
    } else if (h->n_args == 0) {
        data = xstrdup("b''");
        ct = "application/x-www-form-urlencoded";
    } else {
        em_need(em, RT_FORM);
        struct strbuf fields;
        strbuf_init(&fields);
        for (size_t i = 0; i < h->n_args; i++) {
            char *n = em_tmpl(em, h->args[i].name, "self", sampler);
            char *v = em_tmpl(em, h->args[i].value, "self", sampler);
            strbuf_addf(&fields, "%s(%s, %s, %s)", i ? ", " : "", n, v,
                        h->args[i].always_encode ? "True" : "False");
            free(n);
            free(v);
        }
        data = strcmp(cs, "UTF-8") == 0 ? xasprintf("form_body([%s])", fields.s)
                                        : xasprintf("form_body([%s], '%s')", fields.s, cs);
        strbuf_free(&fields);
        ct = "application/x-www-form-urlencoded";
    }
    if (ct && !plan_ct) {
        char *v = xasprintf("%s; charset=%s", ct, cs);
        char *l = em_lit(v);
        eh_add_header(r, "'Content-Type'", l);
        free(l);
        free(v);
    }
    eh_add_kw(r, xasprintf("data=%s", data));
    free(data);
}

