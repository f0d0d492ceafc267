/* emit_samplers.c - the body of a sampler's method: its title, the
 * pre-processors and timers that apply to it, then what the kind does (the
 * table at the end). HTTP Requests are in emit_http.c; the samplers that
 * send nothing (Debug, Dummy, Java Request) are reported to Locust's
 * statistics with self.record(). Flow Control Actions are written inline
 * where they stand, as the Python statement that does the same. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

typedef void (*sampler_emit)(struct emitter *em, struct pyw *w, const struct plan_node *n);

/* A sample that is not an HTTP request: make_expr gives its TextSample;
 * its post-processors and assertions read it like a response, then it is
 * reported, then the thread group learns how it went when it needs to
 * (on-error actions, last_sample_ok, scheduler). */
static void text_sample(struct emitter *em, struct pyw *w, const struct plan_node *n,
                        const char *make_expr)
{
    em_need(em, RT_RECORD_METHOD);
    char *call;
    if (emit_needs_response(n)) {
        pyw_line(w, "response = %s", make_expr);
        emit_post_processors(em, w, n);
        emit_assertions(em, w, n);
        call = xstrdup("self.record(response)");
    } else {
        call = xasprintf("self.record(%s)", make_expr);
    }
    if (em->g->needs_sample_result) {
        pyw_line(w, "ok = %s", call);
        emit_after_sample(em, w, n, "ok");
    } else {
        pyw_line(w, "%s", call);
    }
    free(call);
}

static void s_debug(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    char *label = em_tmpl(em, n->label, "self", n->name);
    char *make = xasprintf("self.debug_sample(%s)", label);
    text_sample(em, w, n, make);
    free(make);
    free(label);
}

static const struct tmpl *java_arg(const struct plan_java_request *j, const char *name)
{
    for (size_t i = 0; i < j->n_args; i++)
        if (str_eq(j->args[i].name, name))
            return j->args[i].value;
    return NULL;
}

static void s_java(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_java_request *j = n->data;
    if (!j->builtin_java_test) {
        emit_todo(em, w, n, "a Java Request runs Java code");
        return;
    }
    bool sleep_test = str_ends_with(j->classname, ".SleepTest");
    struct strbuf args;
    strbuf_init(&args);
    const struct tmpl *label = sleep_test ? NULL : java_arg(j, "Label");
    const char *lt;
    char *name;
    if (label && py_tmpl_literal(label, &lt) && *lt) {
        name = em_lit(lt);   /* JavaTest's Label argument names the sample */
    } else if (label && !(py_tmpl_literal(label, &lt) && !*lt)) {
        /* ... when it is not empty */
        char *l = em_tmpl(em, label, "self", n->name);
        char *d = em_tmpl(em, n->label, "self", n->name);
        name = xasprintf("%s or %s", l, d);
        free(l);
        free(d);
    } else {
        name = em_tmpl(em, n->label, "self", n->name);
    }
    strbuf_adds(&args, name);
    free(name);
    static const struct {
        const char *java, *test_java, *py;
    } map[] = {
        {"Sleep_Time", "SleepTime", "sleep_time"},
        {"Sleep_Mask", "SleepMask", "sleep_mask"},
        {"Status", NULL, "status"},
        {"ResponseCode", NULL, "code"},
        {"ResponseMessage", NULL, "message"},
        {"ResultData", NULL, "data"},
    };
    for (size_t i = 0; i < ARRAY_LEN(map); i++) {
        const char *jn = sleep_test ? map[i].test_java : map[i].java;
        const struct tmpl *t = jn ? java_arg(j, jn) : NULL;
        const char *text;
        if (!t || (py_tmpl_literal(t, &text) && !*text && strcmp(map[i].py, "sleep_time") != 0))
            continue;
        char *v = em_tmpl(em, t, "self", n->name);
        strbuf_addf(&args, ", %s=%s", map[i].py, v);
        free(v);
    }
    if (sleep_test && !java_arg(j, "SleepTime"))
        strbuf_adds(&args, ", sleep_time='1000'");
    if (sleep_test && !java_arg(j, "SleepMask"))
        strbuf_adds(&args, ", sleep_mask='0x3ff'");
    char *make = xasprintf("self.java_sample(%s)", args.s);
    text_sample(em, w, n, make);
    free(make);
    strbuf_free(&args);
}

static void s_dummy(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_dummy_sampler *d = n->data;
    char *label = em_tmpl(em, n->label, "self", n->name);
    char *time_ms = em_tmpl(em, d->response_time, "self", n->name);
    char *data = em_tmpl(em, d->response_data, "self", n->name);
    char *code = em_tmpl(em, d->response_code, "self", n->name);
    char *msg = em_tmpl(em, d->response_message, "self", n->name);
    if (d->simulate_waiting) {
        pyw_comment(w, "the dummy response takes its time");
        pyw_line(w, "self.sleep_ms(java_long(%s))", time_ms);
    }
    char *make = xasprintf("TextSample(%s, 'DUMMY', java_long(%s), %s, %s, %s%s%s)", label,
                           time_ms, data, code, msg, d->successful ? "" : ", failure=",
                           d->successful ? "" : msg);
    text_sample(em, w, n, make);
    free(make);
    free(label);
    free(time_ms);
    free(data);
    free(code);
    free(msg);
}

static const struct {
    enum plan_kind kind;
    sampler_emit emit;
} table[] = {
    {PK_HTTP_SAMPLER, emit_http},
    {PK_DEBUG_SAMPLER, s_debug},
    {PK_JAVA_REQUEST, s_java},
    {PK_DUMMY_SAMPLER, s_dummy},
};

void emit_sampler_body(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    char *title = emit_title(n);
    struct strbuf d;
    strbuf_init(&d);
    emit_describe(n, &d);
    char *desc = em_lit(d.s);
    pyw_comment(w, "%s: %s", title, desc);
    free(desc);
    strbuf_free(&d);
    free(title);
    for (size_t i = 0; i < ARRAY_LEN(table); i++) {
        if (table[i].kind != n->kind)
            continue;
        if (!n->data) {
            emit_todo(em, w, n, "its settings could not be read");
            return;
        }
        emit_pre_processors(em, w, n);
        emit_timers(em, w, n);
        table[i].emit(em, w, n);
        return;
    }
    emit_todo(em, w, n, "this sampler kind has no Locust translation");
}

/* ------------------------------------------------------- Flow Control Action */

/* The innermost JMeter loop, when continue / break reach it directly. */
static bool direct_loop(struct emitter *em)
{
    struct group_ctx *g = em->g;
    return g->n_loops > 0 && g->loops[g->n_loops - 1].node != NULL;
}

static bool any_loop(struct emitter *em)
{
    for (int i = 0; i < em->g->n_loops; i++)
        if (em->g->loops[i].node)
            return true;
    return false;
}

void emit_flow_action(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_flow_control_action *f = n->data;
    char *title = emit_title(n);
    if (!f) {
        emit_todo(em, w, n, "its settings could not be read");
        free(title);
        return;
    }
    /* its pre-processors and timers run although it sends nothing */
    pyw_comment(w, "%s", title);
    free(title);
    emit_pre_processors(em, w, n);
    emit_timers(em, w, n);
    bool all = f->target == 2;
    switch (f->action) {
    case FLOW_PAUSE: {
        const char *text;
        long long ms;
        if (py_tmpl_literal(f->duration, &text) && str_parse_ll(text, &ms)) {
            pyw_line(w, "self.sleep_ms(%lld)", ms);
        } else {
            em_need(em, RT_CORE);
            char *e = em_tmpl(em, f->duration, "self", n->name);
            pyw_line(w, "self.sleep_ms(java_long(%s))", e);
            free(e);
        }
        break;
    }
    case FLOW_STOP:
    case FLOW_STOP_NOW:
        if (all) {
            em_need(em, RT_SAMPLE_RESULT);
            pyw_line(w, "self.stop_test()");
        } else {
            em_import(em, "from locust.exception import StopUser");
            pyw_line(w, "raise StopUser()");
        }
        break;
    case FLOW_START_NEXT_THREAD_LOOP:
        pyw_line(w, "raise StartNextLoop()");
        break;
    case FLOW_START_NEXT_ITERATION:
        if (direct_loop(em))
            pyw_line(w, "continue");
        else
            pyw_line(w, any_loop(em) ? "raise NextIteration()" : "raise StartNextLoop()");
        break;
    case FLOW_BREAK_LOOP:
        if (direct_loop(em)) {
            pyw_line(w, "break");
        } else if (any_loop(em)) {
            pyw_line(w, "raise BreakLoop()");
        } else {
            em_import(em, "from locust.exception import StopUser");
            pyw_line(w, "raise StopUser()");
        }
        break;
    }
}
