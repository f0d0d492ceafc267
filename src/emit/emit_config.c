/* emit_config.c - config elements that live beside the requests: the User
 * Defined Variables (define_variables(), run once at test start), CSV Data
 * Sets and Counters (module objects read at each iteration of the
 * controller they belong to), Random Variables, per-iteration User
 * Parameters, and the Cookie Manager's own cookies. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

void emit_define_variables(struct emitter *em, struct pyw *w)
{
    const struct plan *plan = em->plan;
    pyw_line(w, "def define_variables(plan):");
    pyw_indent(w);
    pyw_comment(w, "User Defined Variables: evaluated once, at test start, in order (as "
                   "JMeter does); every user starts with a copy.");
    for (size_t s = 0; s < plan->n_variable_sets; s++) {
        const struct plan_variable_set *set = &plan->variable_sets[s];
        if (set->n_vars == 0)
            continue;
        const struct plan_node *src = set->source ? set->source : plan->test_plan;
        char *t = emit_title(src);
        pyw_comment(w, "%s", t);
        free(t);
        const struct plan_node *saved = em->current;
        em->current = src;
        pyw_line(w, "plan.define({");
        pyw_indent(w);
        for (size_t i = 0; i < set->n_vars; i++) {
            char *n = em_lit(set->vars[i].name);
            char *v = em_tmpl(em, set->vars[i].value, "plan", NULL);
            pyw_line(w, "%s: %s,", n, v);
            free(n);
            free(v);
        }
        pyw_dedent(w);
        pyw_line(w, "})");
        em->current = saved;
    }
    if (em->host_lines.len) {
        pyw_comment(w, "The classes' host, from the HTTP Request Defaults (--host wins).");
        for (size_t i = 0; i < em->host_lines.len; i++)
            pyw_line(w, "%s", (const char *)em->host_lines.items[i]);
    }
    pyw_dedent(w);
}

/* ---------------------------------------------------------- module objects */

/* The module constant holding a config element's object, created the first
 * time it is needed. */
static const char *object_name(struct emitter *em, const struct plan_node *node,
                               const char *fallback, bool *created)
{
    for (size_t i = 0; i + 1 < em->objects.len; i += 2)
        if (em->objects.items[i] == node) {
            *created = false;
            return em->objects.items[i + 1];
        }
    const char *name = py_identifier(&em->globals, node->name, PY_IDENT_UPPER, fallback);
    ptrvec_push(&em->objects, (void *)node);
    ptrvec_push(&em->objects, (void *)name);
    *created = true;
    return name;
}

/* A setting of a module object: literal text, or a lambda evaluated with the
 * plan's variables when first used. */
static char *setting(struct emitter *em, const struct tmpl *t)
{
    const char *text;
    if (py_tmpl_literal(t, &text))
        return em_lit(text);
    char *e = em_tmpl(em, t, "plan", NULL);
    char *r = xasprintf("lambda plan: %s", e);
    free(e);
    return r;
}

static const char *csv_object(struct emitter *em, const struct plan_node *node)
{
    bool created;
    const char *name = object_name(em, node, "csv_data", &created);
    if (!created)
        return name;
    const struct plan_csv_data_set *c = node->data;
    em_need(em, RT_CSV);
    struct pyw *w = &em->consts;
    pyw_blank(w, 1);
    char *t = emit_title(node);
    pyw_comment(w, "%s: one line per iteration of the controller it belongs to.", t);
    free(t);
    struct strbuf sb;
    strbuf_init(&sb);
    char *v = setting(em, c->filename);
    strbuf_addf(&sb, "%s = CsvDataSet(%s", name, v);
    free(v);
    const char *text;
    static const char *const keys[] = {"names", "delimiter", "encoding", "share"};
    const struct tmpl *const values[] = {c->variable_names, c->delimiter, c->file_encoding,
                                         c->share_mode};
    for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
        if (!values[i] || (py_tmpl_literal(values[i], &text) && !*text))
            continue;
        if (!py_tmpl_literal(values[i], &text)) {
            em_note(em, NOTE_APPROX, node, "a setting comes from a variable: its text is used "
                                           "as written");
            text = values[i]->source;
        }
        if (i == 3 && strcmp(text, "shareMode.all") == 0)
            continue;
        char *l = em_lit(text);
        strbuf_addf(&sb, ", %s=%s", keys[i], l);
        free(l);
    }
    if (c->quoted_data)
        strbuf_adds(&sb, ", quoted=True");
    if (c->ignore_first_line)
        strbuf_adds(&sb, ", ignore_first_line=True");
    if (!c->recycle)
        strbuf_adds(&sb, ", recycle=False");
    if (c->stop_thread)
        strbuf_adds(&sb, ", stop_thread=True");
    strbuf_addc(&sb, ')');
    pyw_line(w, "%s", sb.s);
    strbuf_free(&sb);
    return name;
}

static char *counter_setting(struct emitter *em, const struct plan_node *node,
                             const struct tmpl *t)
{
    const char *text;
    if (py_tmpl_literal(t, &text))
        return em_lit(text);
    em_note(em, NOTE_APPROX, node, "a setting comes from a variable: its text is used as "
                                   "written");
    return em_lit(t->source);
}

static const char *counter_object(struct emitter *em, const struct plan_node *node)
{
    bool created;
    const char *name = object_name(em, node, "counter", &created);
    if (!created)
        return name;
    const struct plan_counter *c = node->data;
    em_need(em, RT_COUNTER);
    struct pyw *w = &em->consts;
    pyw_blank(w, 1);
    char *t = emit_title(node);
    pyw_comment(w, "%s", t);
    free(t);
    char *var = em_lit(c->var_name);
    char *start = counter_setting(em, node, c->start), *incr = counter_setting(em, node, c->increment);
    char *end = counter_setting(em, node, c->end), *fmt = counter_setting(em, node, c->format);
    pyw_line(w, "%s = Counter(%s, start=%s, increment=%s, end=%s, format_=%s%s%s)", name, var,
             start, incr, end, fmt, c->per_user ? ", per_user=True" : "",
             c->per_user && c->reset_on_tg_iteration ? ", reset_each_iteration=True" : "");
    free(var);
    free(start);
    free(incr);
    free(end);
    free(fmt);
    return name;
}

/* ---------------------------------------------------- per-iteration reads */

void emit_iteration_listener(struct emitter *em, struct pyw *w, const struct plan_node *node)
{
    if (!node->data && node->kind != PK_UNSUPPORTED)
        return;
    switch (node->kind) {
    case PK_CSV_DATA_SET: {
        const char *name = csv_object(em, node);
        char *t = emit_title(node);
        pyw_comment(w, "%s: the next line", t);
        free(t);
        pyw_line(w, "%s.next_row(self)", name);
        break;
    }
    case PK_COUNTER: {
        const char *name = counter_object(em, node);
        pyw_line(w, "%s.next_value(self)", name);
        break;
    }
    case PK_RANDOM_VARIABLE: {
        const struct plan_random_variable *r = node->data;
        em_need(em, RT_RANDOM_VARIABLE);
        char *t = emit_title(node);
        pyw_comment(w, "%s", t);
        free(t);
        char *name = em_lit(r->var_name);
        char *lo = em_tmpl(em, r->minimum, "self", NULL), *hi = em_tmpl(em, r->maximum, "self", NULL);
        char *fmt = em_tmpl(em, r->output_format, "self", NULL);
        char *seed = em_tmpl(em, r->seed, "self", NULL);
        pyw_line(w, "random_variable(self, %s, %s, %s, %s%s, seed=%s)", name, lo, hi, fmt,
                 r->per_thread ? ", per_user=True" : "", seed);
        free(name);
        free(lo);
        free(hi);
        free(fmt);
        free(seed);
        break;
    }
    case PK_USER_PARAMETERS:
        emit_user_parameters(em, w, node, NULL);
        break;
    default:
        break;
    }
}

void emit_cookie_setup(struct emitter *em, struct pyw *w, const struct plan_node *cm)
{
    const struct plan_cookie_manager *c = cm->data;
    em_need(em, RT_COOKIES);
    char *t = emit_title(cm);
    pyw_comment(w, "%s: its own cookies", t);
    free(t);
    struct strbuf list;
    strbuf_init(&list);
    for (size_t i = 0; i < c->n_cookies; i++) {
        const struct plan_cookie *k = &c->cookies[i];
        char *n = em_lit(k->name), *d = em_lit(k->domain), *p = em_lit(k->path);
        char *v = em_tmpl(em, k->value, "self", NULL);
        strbuf_addf(&list, "%s(%s, %s, %s, %s, %s)", i ? ", " : "", n, v, d, p,
                    k->secure ? "True" : "False");
        free(n);
        free(d);
        free(p);
        free(v);
    }
    pyw_line(w, "add_cookies(self.client.%s, [%s])", em->opt->fast ? "cookiejar" : "cookies",
             list.s);
    strbuf_free(&list);
}
