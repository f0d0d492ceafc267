/* emit_notes.c - small shared services of the emitter: notes for the file's
 * header and the matching diagnostics, TODO comments for elements that are
 * not converted, titles of elements in comments, literals and template
 * expressions with the emitter's bookkeeping. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

char *em_lit_n(const char *text, size_t n)
{
    struct strbuf sb;
    strbuf_init(&sb);
    py_str_literal(&sb, text ? text : "", text ? n : 0);
    return strbuf_detach(&sb);
}

char *em_lit(const char *text)
{
    return em_lit_n(text, text ? strlen(text) : 0);
}

const char *em_src(const struct tmpl *t)
{
    return t && t->source ? t->source : "";
}

struct py_tmpl_ctx em_ctx(struct emitter *em, const char *self, const char *sampler_name)
{
    struct py_tmpl_ctx ctx = {self, sampler_name, em ? em->plan_file_name : "", em};
    return ctx;
}

char *em_tmpl(struct emitter *em, const struct tmpl *t, const char *self,
              const char *sampler_name)
{
    struct py_tmpl_ctx ctx = em_ctx(em, self, sampler_name);
    struct strbuf sb;
    strbuf_init(&sb);
    py_tmpl_expr(&sb, t, &ctx);
    return strbuf_detach(&sb);
}

char *em_key(struct emitter *em, const char *what)
{
    static unsigned without_emitter;   /* tests translate templates on their own */
    return xasprintf("%s_%u", what, em ? ++em->occurrence : ++without_emitter);
}

char *emit_title(const struct plan_node *node)
{
    char *name = em_lit(node->name);
    char *t = xasprintf("%s %s", plan_kind_display(node), name);
    free(name);
    return t;
}

/* The note in the header lists and the diagnostics, and on the element's
 * outcome for the migration report (whole: the element is a TODO as a whole). */
static void note(struct emitter *em, enum note_kind kind, const struct plan_node *node,
                 bool whole, const char *text)
{
    if (!em)
        return;
    char *path = em_lit(node ? node->path : "");
    char *line = xasprintf("%s: %s", path, text);
    free(path);
    struct ptrvec *list = kind == NOTE_TODO ? &em->todo : &em->approx;
    for (size_t i = 0; i < list->len; i++)
        if (strcmp(list->items[i], line) == 0) {   /* noted already */
            free(line);
            return;
        }
    ptrvec_push(list, line);
    em_outcome_note(em, kind, node, whole, text);
    if (node) {
        char *title = emit_title(node);
        diag_add(em->diags, kind == NOTE_TODO ? DIAG_WARNING : DIAG_NOTE, node->file, node->line,
                 "%s: %s%s", title, kind == NOTE_TODO ? "not converted to Locust: " : "", text);
        free(title);
    }
    if (kind == NOTE_TODO)
        em->n_todo++;
}

void em_note(struct emitter *em, enum note_kind kind, const struct plan_node *node,
             const char *fmt, ...)
{
    if (!em)
        return;
    struct strbuf msg;
    strbuf_init(&msg);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    note(em, kind, node, false, msg.s);
    strbuf_free(&msg);
}

void emit_describe(const struct plan_node *node, struct strbuf *out)
{
    plan_describe(node, out);
}

void emit_todo(struct emitter *em, struct pyw *w, const struct plan_node *node, const char *why)
{
    char *title = emit_title(node);
    for (size_t i = 0; em && i < em->todo_nodes.len; i++)
        if (em->todo_nodes.items[i] == node) {
            /* written in full once; a reference after that */
            pyw_comment(w, "TODO: %s is not converted (see its first TODO)", title);
            free(title);
            return;
        }
    if (em)
        ptrvec_push(&em->todo_nodes, (void *)node);
    char *cls = em_lit(node->testclass);
    pyw_comment(w, "TODO: %s (%s) is not converted: %s", title, cls, why);
    free(cls);
    if (node->kind == PK_UNSUPPORTED) {
        if (node->unsupported_reason) {
            char *r = em_lit(node->unsupported_reason);
            pyw_comment(w, "  JMeter: %s", r);
            free(r);
        }
        for (size_t i = 0; i < node->n_raw; i++) {
            char *n = em_lit(node->raw[i].name), *v = em_lit(node->raw[i].value);
            pyw_comment(w, "  %s = %s", n, v);
            free(n);
            free(v);
        }
    } else {
        struct strbuf d;
        strbuf_init(&d);
        emit_describe(node, &d);
        if (d.len) {
            char *l = em_lit(d.s);
            pyw_comment(w, "  settings: %s", l);
            free(l);
        }
        strbuf_free(&d);
    }
    note(em, NOTE_TODO, node, true, why);
    free(title);
}
