/* emit_controllers.c - JMeter's logic controllers as plain Python control
 * flow, one function per kind (the table at the end):
 *
 *   Loop -> for i in range(n)       While -> for i in count(): if is_false(...): break
 *   ForEach -> for i, value in enumerate(foreach_values(...))
 *   If -> if           Switch / Random / Interleave -> turn = ...; if turn == 0: ...
 *   Random Order -> for turn in random.sample(...)   Runtime -> while time.time() < end
 *   Once Only -> if self.once(...) or if i == 0       Throughput -> if throughput_turn(...)
 *   Transaction -> with transaction(...)              Critical Section -> with critical_section()
 *   Simple, Module, Include, Recording -> the children, in order
 *
 * Loops set JMeter's __jm__<name>__idx variable and fire the iteration
 * listeners registered on them (CSV Data Set, Counter...) at each pass. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

typedef void (*ctl_emit)(struct emitter *em, struct pyw *w, const struct plan_node *n);

/* ---------------------------------------------------------------- helpers */

static void title(struct pyw *w, const struct plan_node *n, const char *what)
{
    char *t = emit_title(n);
    if (what && *what)
        pyw_comment(w, "%s: %s", t, what);
    else
        pyw_comment(w, "%s", t);
    free(t);
}

static char *local_name(struct emitter *em, const char *base)
{
    int nest = em->g->nest;
    return nest ? xasprintf("%s%d", base, nest + 1) : xstrdup(base);
}

static const char *push_loop(struct emitter *em, const struct plan_node *jm_loop)
{
    struct group_ctx *g = em->g;
    static const char *const names[] = {"i", "j", "k"};
    int depth = g->n_loops;
    if (depth >= 48)
        depth = 47;
    if (g->n_loops < 48)
        g->n_loops++;
    g->loops[depth].node = jm_loop;
    if (depth < 3)
        snprintf(g->loops[depth].var, sizeof g->loops[depth].var, "%s", names[depth]);
    else
        snprintf(g->loops[depth].var, sizeof g->loops[depth].var, "i%d", depth + 1);
    return g->loops[depth].var;
}

static void pop_loop(struct emitter *em)
{
    if (em->g->n_loops > 0)
        em->g->n_loops--;
}

static bool is_jm_loop(const struct plan_node *n)
{
    return n->kind == PK_LOOP_CONTROLLER || n->kind == PK_WHILE_CONTROLLER ||
           n->kind == PK_FOREACH_CONTROLLER;
}

static bool is_py_loop_only(const struct plan_node *n)
{
    return n->kind == PK_RUNTIME_CONTROLLER || n->kind == PK_RANDOM_ORDER_CONTROLLER;
}

/* Whether a loop's body can raise NextIteration / BreakLoop for it: a Result
 * Status Action Handler asking for it, or a Flow Control Action that cannot
 * use continue / break because another Python loop stands in between. */
static bool needs_catch(const struct plan_node *n, bool through_py_loop)
{
    for (size_t i = 0; i < n->n_children; i++) {
        const struct plan_node *c = n->children[i];
        if (c->role == ROLE_SAMPLER) {
            if (c->kind == PK_FLOW_CONTROL_ACTION && c->data && through_py_loop) {
                const struct plan_flow_control_action *f = c->data;
                if (f->action == FLOW_START_NEXT_ITERATION || f->action == FLOW_BREAK_LOOP)
                    return true;
            }
            for (size_t k = 0; c->scope && k < c->scope->n_listeners; k++) {
                const struct plan_result_action *ra = c->scope->listeners[k]->data;
                if (c->scope->listeners[k]->kind == PK_RESULT_ACTION && ra &&
                    (ra->action == RESULT_ACTION_START_NEXT_ITERATION ||
                     ra->action == RESULT_ACTION_BREAK_LOOP))
                    return true;
            }
        } else if (c->role == ROLE_CONTROLLER && !is_jm_loop(c)) {
            if (needs_catch(c, through_py_loop || is_py_loop_only(c)))
                return true;
        }
    }
    return false;
}

/* Integer.parseInt of a literal: digits with an optional sign, no blanks,
 * in int range. */
static bool java_int_text(const char *s, long long *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (!*p || strlen(p) > 10 || strspn(p, "0123456789") != strlen(p))
        return false;
    long long v = strtoll(s, NULL, 10);
    if (v < -2147483648LL || v > 2147483647LL)
        return false;
    *out = v;
    return true;
}

/* After a loop, JMeter's index variable reads 0 again. */
static void reset_index(struct pyw *w, const char *idx_var)
{
    if (!idx_var)
        return;
    char *l = em_lit(idx_var);
    pyw_line(w, "self.vars[%s] = '0'", l);
    free(l);
}

/* The body of a loop: index variable, listeners, children; with the
 * exception handlers when the body needs them. */
static void loop_body(struct emitter *em, struct pyw *w, const struct plan_node *n,
                      const char *idx_var, const char *index)
{
    bool catching = needs_catch(n, false);
    if (catching) {
        pyw_line(w, "try:");
        pyw_indent(w);
    }
    if (idx_var) {
        char *l = em_lit(idx_var);
        pyw_line(w, "self.vars[%s] = str(%s)", l, index);
        free(l);
    }
    emit_iteration_listeners(em, w, n);
    em->g->nest++;
    emit_children(em, w, n);
    em->g->nest--;
    if (catching) {
        pyw_dedent(w);
        pyw_line(w, "except NextIteration:");
        pyw_indent(w);
        pyw_line(w, "continue");
        pyw_dedent(w);
        pyw_line(w, "except BreakLoop:");
        pyw_indent(w);
        pyw_line(w, "break");
        pyw_dedent(w);
    }
}

/* The children one per branch: "if turn == 0: ... elif turn == 1: ...". */
static void branches(struct emitter *em, struct pyw *w, const struct plan_node *n,
                     const char *turn)
{
    em->g->nest++;
    for (size_t i = 0; i < n->n_children; i++) {
        pyw_line(w, "%s %s == %zu:", i == 0 ? "if" : "elif", turn, i);
        pyw_indent(w);
        emit_node(em, w, n->children[i]);
        pyw_dedent(w);
    }
    em->g->nest--;
}

/* A condition that is one ${__jexl3(...)} (or __jexl2, __groovy,
 * __javaScript) call without a variable argument: the script's Python, in
 * a lambda for script_true / script_false (which count an error as JMeter
 * does); NULL otherwise. */
static char *script_condition(struct emitter *em, const struct tmpl *t)
{
    if (!t || t->n_parts != 1 || t->parts[0].kind != TMPL_CALL || !t->parts[0].fn ||
        t->parts[0].n_args != 1)
        return NULL;
    const char *fn = t->parts[0].fn->name;
    enum script_dialect d;
    if (strcmp(fn, "__jexl3") == 0 || strcmp(fn, "__jexl2") == 0)
        d = SCRIPT_JEXL;
    else if (strcmp(fn, "__groovy") == 0)
        d = SCRIPT_GROOVY;
    else if (strcmp(fn, "__javaScript") == 0)
        d = SCRIPT_JS;
    else
        return NULL;
    struct py_tmpl_ctx ctx = em_ctx(em, "self", NULL);
    struct strbuf py;
    strbuf_init(&py);
    char *why = NULL;
    char *r = NULL;
    if (emit_script(t->parts[0].args[0], d, &ctx, &py, &why))
        r = xasprintf("lambda: %s", py.s);
    free(why);
    strbuf_free(&py);
    return r;
}

/* A condition template's value as a string expression. */
static char *condition_value(struct emitter *em, const struct tmpl *t)
{
    return em_tmpl(em, t, "self", NULL);
}

static void note_style0(struct emitter *em, const struct plan_node *n, int style)
{
    if (style != 0)
        return;
    for (size_t i = 0; i < n->n_children; i++)
        if (n->children[i]->role == ROLE_CONTROLLER) {
            em_note(em, NOTE_APPROX, n, "\"ignore sub-controller blocks\" is on: a child "
                                        "controller runs whole in its turn here, JMeter "
                                        "takes one of its samplers per turn");
            return;
        }
}

/* -------------------------------------------------------------- the kinds */

static void c_simple(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    title(w, n, NULL);
    emit_iteration_listeners(em, w, n);
    emit_children(em, w, n);
}

static void c_loop(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_loop_controller *lc = n->data;
    const char *text;
    long long count = 0;
    bool literal = py_tmpl_literal(lc->loops, &text);
    bool number = literal && java_int_text(text, &count);
    char *what = number ? (count == -1 ? xstrdup("for ever") : xasprintf("%lld times", count))
                        : NULL;
    title(w, n, what);
    free(what);
    bool once = !lc->continue_forever;
    char *once_key = NULL;
    if (once) {
        /* "continue forever" unticked: the loop runs its passes the first time
           it is reached, then never again for this user */
        once_key = em_key(em, "loop");
        pyw_comment(w, "runs only the first time it is reached");
        pyw_line(w, "if self.once('%s'):", once_key);
        pyw_indent(w);
    }
    const char *i = push_loop(em, n);
    if (number && count == -1) {
        em_import(em, "import itertools");
        pyw_line(w, "for %s in itertools.count():", i);
    } else if (number) {
        pyw_line(w, "for %s in range(%lld):", i, count < 0 ? 0 : count);
    } else {
        em_need(em, RT_LOOPS);
        char *e = em_tmpl(em, lc->loops, "self", NULL);
        pyw_line(w, "for %s in loop_range(lambda: %s):", i, e);
        free(e);
    }
    pyw_indent(w);
    loop_body(em, w, n, lc->idx_var, i);
    pyw_dedent(w);
    pop_loop(em);
    reset_index(w, lc->idx_var);
    if (once) {
        pyw_line(w, "self.once_done('%s')", once_key);
        pyw_dedent(w);
    }
    free(once_key);
}

static void c_while(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_while_controller *wc = n->data;
    const char *text = NULL;
    bool literal = py_tmpl_literal(wc->condition, &text);
    bool until_failure = literal && (str_is_blank(text) || strcmp(text, "LAST") == 0);
    title(w, n, until_failure ? "until a sample of a pass fails"
                              : "while the condition is not \"false\"");
    em_import(em, "import itertools");
    const char *i = push_loop(em, n);
    pyw_line(w, "for %s in itertools.count():", i);
    pyw_indent(w);
    /* JMeter updates the index before it tests the condition */
    char *idx = em_lit(wc->idx_var);
    pyw_line(w, "self.vars[%s] = str(%s)", idx, i);
    free(idx);
    if (until_failure && strcmp(text, "LAST") == 0) {
        pyw_line(w, "if %s == 0 and self.vars.get('JMeterThread.last_sample_ok') == 'false':", i);
        pyw_indent(w);
        pyw_line(w, "break");
        pyw_dedent(w);
    } else if (!until_failure) {
        char *script = script_condition(em, wc->condition);
        if (script) {
            em_need(em, RT_SCRIPTS);
            pyw_line(w, "if script_false(%s):", script);
        } else {
            em_need(em, RT_CONDITIONS);
            char *c = condition_value(em, wc->condition);
            pyw_line(w, "if is_false(%s):", c);
            free(c);
        }
        free(script);
        pyw_indent(w);
        pyw_line(w, "break");
        pyw_dedent(w);
    }
    loop_body(em, w, n, NULL, i);
    if (until_failure) {
        pyw_line(w, "if self.vars.get('JMeterThread.last_sample_ok') == 'false':");
        pyw_indent(w);
        pyw_line(w, "break");
        pyw_dedent(w);
    }
    pyw_dedent(w);
    pop_loop(em);
    reset_index(w, wc->idx_var);
}

static void c_foreach(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_foreach_controller *fc = n->data;
    em_need(em, RT_FOREACH);
    title(w, n, "for each variable <prefix>_1, <prefix>_2... that is set");
    char *prefix = em_tmpl(em, fc->input_prefix, "self", NULL);
    char *ret = em_tmpl(em, fc->return_var, "self", NULL);
    struct strbuf args;
    strbuf_init(&args);
    strbuf_addf(&args, "self, %s", prefix);
    if (!fc->use_separator)
        strbuf_adds(&args, ", separator=''");
    const char *s;
    if (!(py_tmpl_literal(fc->start_index, &s) && str_is_blank(s))) {
        char *e = em_tmpl(em, fc->start_index, "self", NULL);
        strbuf_addf(&args, ", start=%s", e);
        free(e);
    }
    if (!(py_tmpl_literal(fc->end_index, &s) && str_is_blank(s))) {
        char *e = em_tmpl(em, fc->end_index, "self", NULL);
        strbuf_addf(&args, ", end=%s", e);
        free(e);
    }
    const char *i = push_loop(em, n);
    pyw_line(w, "for %s, value in enumerate(foreach_values(%s)):", i, args.s);
    pyw_indent(w);
    pyw_line(w, "self.vars[%s] = value", ret);
    loop_body(em, w, n, fc->idx_var, i);
    pyw_dedent(w);
    pop_loop(em);
    reset_index(w, fc->idx_var);
    strbuf_free(&args);
    free(prefix);
    free(ret);
}

static void c_if(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_if_controller *ic = n->data;
    char *cond = NULL;
    if (ic->use_expression) {
        char *script = script_condition(em, ic->condition);
        if (script) {
            em_need(em, RT_SCRIPTS);
            cond = xasprintf("script_true(%s)", script);
            free(script);
        } else {
            em_need(em, RT_CONDITIONS);
            char *v = condition_value(em, ic->condition);
            cond = xasprintf("is_true(%s)", v);
            free(v);
        }
        title(w, n, "when the condition is \"true\"");
    } else {
        struct py_tmpl_ctx ctx = em_ctx(em, "self", NULL);
        struct strbuf py;
        strbuf_init(&py);
        char *why = NULL;
        title(w, n, "JavaScript condition");
        if (emit_script(ic->condition, SCRIPT_JS, &ctx, &py, &why)) {
            cond = xasprintf("script_true(lambda: %s)", py.s);
        } else {
            char *src = em_lit(em_src(ic->condition));
            pyw_comment(w, "TODO: the condition %s is not converted (%s); JMeter counts a "
                           "condition it cannot run as false.", src, why);
            em_note(em, NOTE_TODO, n, "JavaScript condition %s: %s", src, why);
            free(src);
            cond = xstrdup("False");
        }
        free(why);
        strbuf_free(&py);
    }
    if (!ic->evaluate_all || n->n_children <= 1) {
        pyw_line(w, "if %s:", cond);
        pyw_indent(w);
        em->g->nest++;
        emit_iteration_listeners(em, w, n);
        emit_children(em, w, n);
        em->g->nest--;
        pyw_dedent(w);
    } else {
        /* evaluateAll: the condition again before every child */
        int depth = 0;
        em->g->nest++;
        for (size_t i = 0; i < n->n_children; i++) {
            pyw_line(w, "if %s:", cond);
            pyw_indent(w);
            depth++;
            if (i == 0)
                emit_iteration_listeners(em, w, n);
            emit_node(em, w, n->children[i]);
        }
        em->g->nest--;
        while (depth-- > 0)
            pyw_dedent(w);
    }
    free(cond);
}

static void c_transaction(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_transaction_controller *tc = n->data;
    if (n->n_children == 0) {
        title(w, n, "no children: JMeter drops it, so no sample");
        return;
    }
    em_need(em, RT_TRANSACTION);
    title(w, n, tc->parent_sample ? "one sample made of its samples"
                : tc->include_timers ? "one more sample, timers included"
                                     : "one more sample, the sum of its samples' times");
    if (tc->parent_sample && em->opt->fast)
        em_note(em, NOTE_APPROX, n, "\"generate parent sample\": with FastHttpUser the "
                                    "children are reported on their own as well");
    char *name = em_tmpl(em, n->label, "self", NULL);
    pyw_line(w, "with transaction(self, %s%s%s):", name,
             tc->include_timers ? ", include_timers=True" : "",
             tc->parent_sample ? ", parent=True" : "");
    free(name);
    pyw_indent(w);
    emit_iteration_listeners(em, w, n);
    em->g->nest++;
    emit_children(em, w, n);
    em->g->nest--;
    pyw_dedent(w);
}

static void c_once_only(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    /* JMeter re-arms it at the first pass of the controller it is registered
       on: once per user, or once per run of an enclosing loop */
    struct group_ctx *g = em->g;
    const struct plan_node *owner = NULL;
    for (const struct plan_node *p = n->parent; p && !owner; p = p->parent)
        for (size_t i = 0; i < p->n_on_iteration; i++)
            if (p->on_iteration[i] == n)
                owner = p;
    const char *var = NULL;
    char *key = NULL;
    if (owner && owner->kind == PK_LOOP_CONTROLLER)
        for (int k = g->n_loops - 1; k >= 0 && !var; k--)
            if (g->loops[k].node == owner)
                var = g->loops[k].var;
    if (var) {
        title(w, n, "the first pass of the loop only");
        pyw_line(w, "if %s == 0:", var);
    } else {
        key = em_key(em, "once");
        title(w, n, "the first time only");
        pyw_line(w, "if self.once('%s'):", key);
    }
    pyw_indent(w);
    em->g->nest++;
    emit_children(em, w, n);
    em->g->nest--;
    if (key)
        pyw_line(w, "self.once_done('%s')", key);
    pyw_dedent(w);
    free(key);
}

static void c_random(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_interleave_controller *ic = n->data;
    title(w, n, "one child, chosen at random");
    if (ic)
        note_style0(em, n, ic->style);
    if (n->n_children == 0)
        return;
    em_import(em, "import random");
    char *turn = local_name(em, "turn");
    pyw_line(w, "%s = random.randrange(%zu)", turn, n->n_children);
    branches(em, w, n, turn);
    free(turn);
}

static void c_random_order(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    title(w, n, "every child once, in a random order");
    if (n->n_children == 0)
        return;
    em_import(em, "import random");
    char *turn = local_name(em, "turn");
    pyw_line(w, "for %s in random.sample(range(%zu), %zu):", turn, n->n_children,
             n->n_children);
    pyw_indent(w);
    push_loop(em, NULL);
    emit_iteration_listeners(em, w, n);
    branches(em, w, n, turn);
    pop_loop(em);
    pyw_dedent(w);
    free(turn);
}

static void c_interleave(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_interleave_controller *ic = n->data;
    title(w, n, "the next child in turn at each visit");
    if (ic)
        note_style0(em, n, ic->style);
    if (n->n_children == 0)
        return;
    char *key = em_key(em, "interleave");
    char *turn = local_name(em, "turn");
    pyw_line(w, "%s = self.next_turn('%s', %zu%s)", turn, key, n->n_children,
             ic && ic->across_threads ? ", start=self.thread_num - 1" : "");
    branches(em, w, n, turn);
    free(turn);
    free(key);
}

static void c_throughput(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_throughput_controller *tc = n->data;
    em_need(em, RT_THROUGHPUT_CTL);
    char *key = em_key(em, "throughput");
    char *v = em_tmpl(em, tc->style == THROUGHPUT_TOTAL ? tc->max_throughput : tc->percent,
                      "self", NULL);
    title(w, n, tc->style == THROUGHPUT_TOTAL ? "its children run a number of times in all"
                                              : "its children run a percentage of the visits");
    pyw_line(w, "if throughput_turn(self, '%s', %s=%s%s):", key,
             tc->style == THROUGHPUT_TOTAL ? "total" : "percent", v,
             tc->per_thread ? "" : ", per_user=False");
    pyw_indent(w);
    em->g->nest++;
    emit_children(em, w, n);
    em->g->nest--;
    pyw_dedent(w);
    free(v);
    free(key);
}

static void c_runtime(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_runtime_controller *rc = n->data;
    title(w, n, "its children again and again for that many seconds");
    em_import(em, "import time");
    const char *text;
    long long secs;
    char *limit;
    if (py_tmpl_literal(rc->seconds, &text))
        limit = xasprintf("%lld", java_int_text(text, &secs) ? secs : 0);
    else {
        em_need(em, RT_CORE);
        char *e = em_tmpl(em, rc->seconds, "self", NULL);
        limit = xasprintf("java_int(%s)", e);
        free(e);
    }
    char *end = local_name(em, "end");
    pyw_line(w, "%s = time.time() + %s", end, limit);
    free(limit);
    pyw_line(w, "while time.time() < %s:", end);
    pyw_indent(w);
    push_loop(em, NULL);
    em->g->nest++;
    for (size_t i = 0; i < n->n_children; i++) {
        if (i > 0) {
            pyw_line(w, "if time.time() >= %s:", end);
            pyw_indent(w);
            pyw_line(w, "break");
            pyw_dedent(w);
        }
        emit_node(em, w, n->children[i]);
    }
    if (n->n_children == 0)
        pyw_line(w, "break");
    em->g->nest--;
    pop_loop(em);
    pyw_dedent(w);
    free(end);
}

static void c_switch(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_switch_controller *sc = n->data;
    em_need(em, RT_SWITCH);
    title(w, n, "the child with that number or name");
    if (n->n_children == 0)
        return;
    struct strbuf names;
    strbuf_init(&names);
    for (size_t i = 0; i < n->n_children; i++) {
        if (i)
            strbuf_adds(&names, ", ");
        py_str_literal_z(&names, n->children[i]->name);
    }
    char *v = em_tmpl(em, sc->value, "self", NULL);
    char *turn = local_name(em, "turn");
    pyw_line(w, "%s = switch_index(%s, [%s])", turn, v, names.s);
    branches(em, w, n, turn);
    free(turn);
    free(v);
    strbuf_free(&names);
}

static void c_critical(struct emitter *em, struct pyw *w, const struct plan_node *n)
{
    const struct plan_critical_section *cs = n->data;
    em_need(em, RT_CRITICAL);
    title(w, n, "one user at a time");
    char *lock = em_tmpl(em, cs->lock_name, "self", NULL);
    pyw_line(w, "with critical_section(%s):", lock);
    free(lock);
    pyw_indent(w);
    em->g->nest++;
    emit_children(em, w, n);
    em->g->nest--;
    pyw_dedent(w);
}

static const struct {
    enum plan_kind kind;
    ctl_emit emit;
} table[] = {
    {PK_SIMPLE_CONTROLLER, c_simple},
    {PK_RECORDING_CONTROLLER, c_simple},
    {PK_TEST_FRAGMENT, c_simple},
    {PK_MODULE_CONTROLLER, c_simple},
    {PK_INCLUDE_CONTROLLER, c_simple},
    {PK_LOOP_CONTROLLER, c_loop},
    {PK_WHILE_CONTROLLER, c_while},
    {PK_FOREACH_CONTROLLER, c_foreach},
    {PK_IF_CONTROLLER, c_if},
    {PK_TRANSACTION_CONTROLLER, c_transaction},
    {PK_ONCE_ONLY_CONTROLLER, c_once_only},
    {PK_RANDOM_CONTROLLER, c_random},
    {PK_RANDOM_ORDER_CONTROLLER, c_random_order},
    {PK_INTERLEAVE_CONTROLLER, c_interleave},
    {PK_THROUGHPUT_CONTROLLER, c_throughput},
    {PK_RUNTIME_CONTROLLER, c_runtime},
    {PK_SWITCH_CONTROLLER, c_switch},
    {PK_CRITICAL_SECTION_CONTROLLER, c_critical},
};

bool emit_controller(struct emitter *em, struct pyw *w, const struct plan_node *node)
{
    for (size_t i = 0; i < ARRAY_LEN(table); i++) {
        if (table[i].kind != node->kind)
            continue;
        if (node->n_children == 0) {
            /* JMeter drops a controller without children (digest §4) */
            title(w, node, "no children, so JMeter skips it");
            return true;
        }
        if (!node->data && node->kind != PK_SIMPLE_CONTROLLER &&
            node->kind != PK_RECORDING_CONTROLLER && node->kind != PK_TEST_FRAGMENT &&
            node->kind != PK_MODULE_CONTROLLER && node->kind != PK_INCLUDE_CONTROLLER &&
            node->kind != PK_ONCE_ONLY_CONTROLLER && node->kind != PK_RANDOM_ORDER_CONTROLLER)
            return false;
        table[i].emit(em, w, node);
        return true;
    }
    return false;
}
