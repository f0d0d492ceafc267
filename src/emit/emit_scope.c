/* emit_scope.c - what runs around one sample, in JMeter's order: the
 * pre-processors (User Parameters) before the timers, and after the sample
 * self.sample_result() when the thread group needs to know how it went
 * (on-error actions, scheduler end, JMeterThread.last_sample_ok). Timers are
 * in emit_timers.c, post-processors in emit_post.c, assertions in
 * emit_assert.c; the small helpers they share are here. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

void es_title(struct pyw *w, const struct plan_node *el)
{
    char *t = emit_title(el);
    pyw_comment(w, "%s", t);
    free(t);
}

char *es_tx(struct emitter *em, const struct tmpl *t, const struct plan_node *sampler)
{
    return em_tmpl(em, t, "self", sampler ? sampler->name : NULL);
}

/* A number argument: the literal number, or the expression (helpers convert). */
char *es_num(struct emitter *em, const struct tmpl *t, const struct plan_node *sampler)
{
    const char *text;
    long long v;
    double d;
    if (py_tmpl_literal(t, &text)) {
        char *trimmed = str_trim_dup(text);
        char *r = NULL;
        if (!*trimmed)
            r = xstrdup("0");
        else if (str_parse_ll(trimmed, &v))
            r = xasprintf("%lld", v);
        else if (str_parse_double(trimmed, &d))
            r = xasprintf("%g", d);
        free(trimmed);
        if (r)
            return r;
    }
    return es_tx(em, t, sampler);
}

/* -------------------------------------------------------- pre-processors */

void emit_user_parameters(struct emitter *em, struct pyw *w, const struct plan_node *el,
                          const struct plan_node *sampler)
{
    const struct plan_user_parameters *up = el->data;
    es_title(w, el);
    if (!up || up->n_columns == 0)
        return;
    bool several = up->n_columns > 1;
    if (several)
        pyw_line(w, "column = (self.thread_num - 1) %% %zu", up->n_columns);
    for (size_t c = 0; c < up->n_columns; c++) {
        if (several) {
            pyw_line(w, "%s column == %zu:", c == 0 ? "if" : "elif", c);
            pyw_indent(w);
        }
        for (size_t i = 0; i < up->n_names; i++) {
            char *n = em_lit(up->names[i]);
            char *v = up->columns[c][i] ? es_tx(em, up->columns[c][i], sampler) : xstrdup("''");
            pyw_line(w, "self.vars[%s] = %s", n, v);
            free(n);
            free(v);
        }
        if (several)
            pyw_dedent(w);
    }
}

void emit_pre_processors(struct emitter *em, struct pyw *w, const struct plan_node *sampler)
{
    for (size_t i = 0; sampler->scope && i < sampler->scope->n_pre; i++) {
        const struct plan_node *el = sampler->scope->pre[i];
        if (el->kind == PK_USER_PARAMETERS) {
            const struct plan_user_parameters *up = el->data;
            if (up && !up->per_iteration)
                emit_user_parameters(em, w, el, sampler);
        } else {
            emit_todo(em, w, el, el->kind == PK_UNSUPPORTED
                                     ? "scripts and other pre-processors need porting by hand"
                                     : "this pre-processor kind has no Locust translation");
        }
    }
}

bool emit_needs_response(const struct plan_node *sampler)
{
    return sampler->scope && (sampler->scope->n_post > 0 || sampler->scope->n_assertions > 0);
}


/* ------------------------------------------------------------ after a sample */

void emit_after_sample(struct emitter *em, struct pyw *w, const struct plan_node *sampler,
                       const char *response_var)
{
    static const char *const actions[] = {
        [RESULT_ACTION_CONTINUE] = NULL,
        [RESULT_ACTION_STOP_THREAD] = "stopthread",
        [RESULT_ACTION_STOP_TEST] = "stoptest",
        [RESULT_ACTION_STOP_TEST_NOW] = "stoptestnow",
        [RESULT_ACTION_START_NEXT_THREAD_LOOP] = "startnextloop",
        [RESULT_ACTION_START_NEXT_ITERATION] = "nextiteration",
        [RESULT_ACTION_BREAK_LOOP] = "breakloop",
    };
    em_need(em, RT_SAMPLE_RESULT);
    const char *action = NULL;
    for (size_t i = 0; sampler->scope && i < sampler->scope->n_listeners && !action; i++) {
        const struct plan_node *l = sampler->scope->listeners[i];
        const struct plan_result_action *ra = l->data;
        if (l->kind == PK_RESULT_ACTION && ra && ra->action <= RESULT_ACTION_BREAK_LOOP) {
            char *t = emit_title(l);
            pyw_comment(w, "%s: after a failure", t);
            free(t);
            action = actions[ra->action] ? actions[ra->action] : "continue";
        }
    }
    if (action)
        pyw_line(w, "self.sample_result(%s, '%s')", response_var, action);
    else
        pyw_line(w, "self.sample_result(%s)", response_var);
}
