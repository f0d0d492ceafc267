/* emit_group.c - one thread group becomes one user class:
 *
 *     class Shoppers(JMeterUser):
 *         host = 'http://127.0.0.1:8080'           # HTTP Request Defaults
 *         thread_group = ThreadGroup('Shoppers', 1, users=5, ramp_up=2, loops=3)
 *         default_headers = {...}                   # headers every request sends
 *
 *         @task
 *         def iteration(self):                      # one JMeter iteration
 *             self.next_iteration('__jm__Shoppers__idx')
 *             self.home_page()                      # one method per top-level step
 *             ...
 *
 * The load profile (users, ramp-up, loops, scheduler) is kept as the plan
 * states it and worked out at test start by the runtime's ThreadGroup, since
 * it may use properties (${__P(users,5)}). setUp and tearDown groups are
 * abstract classes the runtime starts itself before and after the main ones.
 * Plugin thread groups are run as standard ones, with a note. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

/* ------------------------------------------------------------ plan walking */

static void collect_samplers(const struct plan_node *n, struct ptrvec *out)
{
    for (size_t i = 0; i < n->n_children; i++) {
        const struct plan_node *c = n->children[i];
        if (c->role == ROLE_SAMPLER)
            ptrvec_push(out, (void *)c);
        else
            collect_samplers(c, out);
    }
}

static bool group_has(const struct ptrvec *samplers, bool (*pred)(const struct plan_node *))
{
    for (size_t i = 0; i < samplers->len; i++)
        if (pred(samplers->items[i]))
            return true;
    return false;
}

static bool restarts_loop(const struct plan_node *s)
{
    if (s->kind == PK_FLOW_CONTROL_ACTION && s->data) {
        const struct plan_flow_control_action *f = s->data;
        return f->action == FLOW_START_NEXT_THREAD_LOOP || f->action == FLOW_START_NEXT_ITERATION ||
               f->action == FLOW_BREAK_LOOP;
    }
    for (size_t i = 0; s->scope && i < s->scope->n_listeners; i++) {
        const struct plan_node *l = s->scope->listeners[i];
        const struct plan_result_action *ra = l->data;
        if (l->kind == PK_RESULT_ACTION && ra && ra->action >= RESULT_ACTION_START_NEXT_THREAD_LOOP)
            return true;
    }
    return false;
}

static bool has_result_action(const struct plan_node *s)
{
    for (size_t i = 0; s->scope && i < s->scope->n_listeners; i++)
        if (s->scope->listeners[i]->kind == PK_RESULT_ACTION)
            return true;
    return false;
}

/* ------------------------------------------------------------- settings */

/* A load-profile setting: the number when literal, else a lambda evaluated at
 * test start with the plan's variables. */
static char *setting(struct emitter *em, const struct tmpl *t)
{
    const char *text;
    if (py_tmpl_literal(t, &text)) {
        char *trimmed = str_trim_dup(text);
        long long v;
        char *r = str_parse_ll(trimmed, &v) ? xasprintf("%lld", v) : em_lit(text);
        free(trimmed);
        return r;
    }
    char *e = em_tmpl(em, t, "plan", NULL);
    char *r = xasprintf("lambda plan: %s", e);
    free(e);
    return r;
}

static const char *on_error_name(enum on_sample_error e)
{
    static const char *const names[] = {"continue", "startnextloop", "stopthread", "stoptest",
                                        "stoptestnow"};
    return names[e];
}

/* The plugin thread groups: Stepping and Ultimate as a start and an end per
 * user (their exact schedules), Concurrency as its target with a ramp-up and
 * an end (its steps are not reproduced). */
static void plugin_settings(struct emitter *em, struct group_ctx *g, struct strbuf *sb)
{
    const struct plan_thread_group *tg = g->data;
    if (tg->stepping) {
        const struct tg_stepping *st = tg->stepping;
        const struct tmpl *args[] = {tg->num_threads, st->initial_delay, st->start_burst,
                                     st->start_count, st->start_period, st->ramp_up,
                                     st->flight_time, st->stop_count, st->stop_period};
        em_need(em, RT_SCHEDULES);
        strbuf_adds(sb, ", schedule=lambda plan: stepping_schedule(");
        for (size_t i = 0; i < ARRAY_LEN(args); i++) {
            char *e = em_tmpl(em, args[i], "plan", NULL);
            strbuf_addf(sb, "%s%s", i ? ", " : "", e);
            free(e);
        }
        strbuf_addc(sb, ')');
    } else if (tg->ultimate) {
        em_need(em, RT_SCHEDULES);
        strbuf_adds(sb, ", schedule=lambda plan: ultimate_schedule([");
        for (size_t r = 0; r < tg->ultimate->n_rows; r++) {
            const struct tg_ultimate_row *row = &tg->ultimate->rows[r];
            const struct tmpl *cols[] = {row->threads, row->initial_delay, row->startup_time,
                                         row->hold, row->shutdown_time};
            strbuf_adds(sb, r ? ", (" : "(");
            for (size_t i = 0; i < ARRAY_LEN(cols); i++) {
                char *e = em_tmpl(em, cols[i], "plan", NULL);
                strbuf_addf(sb, "%s%s", i ? ", " : "", e);
                free(e);
            }
            strbuf_addc(sb, ')');
        }
        strbuf_adds(sb, "])");
    } else if (tg->concurrency && g->tg->kind == PK_CONCURRENCY_THREAD_GROUP) {
        const struct tg_concurrency *c = tg->concurrency;
        char *ramp = em_tmpl(em, c->ramp_up, "plan", NULL);
        char *hold = em_tmpl(em, c->hold, "plan", NULL);
        const char *scale = c->unit == 'M' ? " * 60" : "";
        em_need(em, RT_CORE);
        strbuf_addf(sb, ", ramp_up=lambda plan: java_long(%s)%s", ramp, scale);
        strbuf_addf(sb, ", duration=lambda plan: (java_long(%s) + java_long(%s))%s", ramp, hold,
                    scale);
        free(ramp);
        free(hold);
    }
}

static void write_thread_group(struct emitter *em, struct pyw *w, struct group_ctx *g)
{
    const struct plan_thread_group *tg = g->data;
    struct strbuf sb;
    strbuf_init(&sb);
    char *name = em_lit(g->tg->name);
    strbuf_addf(&sb, "thread_group = ThreadGroup(%s, %d", name, tg->group_number);
    free(name);
    char *v = g->open_model ? xstrdup("0") : setting(em, tg->num_threads);
    if (!tg->ultimate && !tg->stepping)
        strbuf_addf(&sb, ", users=%s", v);
    free(v);
    v = setting(em, tg->ramp_time);
    if (strcmp(v, "0") != 0)
        strbuf_addf(&sb, ", ramp_up=%s", v);
    free(v);
    /* the loop count is read with Integer.parseInt: no blanks, int range */
    const char *lt;
    if (py_tmpl_literal(tg->loops, &lt)) {
        const char *d = lt + (*lt == '-' || *lt == '+');
        bool strict = *d && strspn(d, "0123456789") == strlen(d) && strlen(d) <= 10;
        v = strict ? xasprintf("%lld", strtoll(lt, NULL, 10)) : em_lit(lt);
    } else {
        v = setting(em, tg->loops);
    }
    if (strcmp(v, "1") != 0)
        strbuf_addf(&sb, ", loops=%s", v);
    free(v);
    if (tg->scheduler) {
        v = setting(em, tg->delay);
        if (strcmp(v, "''") != 0 && strcmp(v, "0") != 0)
            strbuf_addf(&sb, ", delay=%s", v);
        free(v);
        v = setting(em, tg->duration);
        strbuf_addf(&sb, ", duration=%s", v);
        free(v);
    }
    plugin_settings(em, g, &sb);
    if (tg->on_error != ON_ERROR_CONTINUE)
        strbuf_addf(&sb, ", on_error='%s'", on_error_name(tg->on_error));
    if (tg->phase != TG_PHASE_MAIN)
        strbuf_addf(&sb, ", phase='%s'", tg->phase == TG_PHASE_SETUP ? "setup" : "teardown");
    strbuf_addc(&sb, ')');
    pyw_line(w, "%s", sb.s);
    strbuf_free(&sb);
}

/* ----------------------------------------------------------- shared parts */

/* Headers with a literal name and value that every HTTP request of the group
 * sends: they become the class's default_headers. */
static void find_common_headers(struct group_ctx *g, const struct ptrvec *samplers)
{
    const struct plan_node *first = NULL;
    size_t n_http = 0;
    for (size_t i = 0; i < samplers->len; i++) {
        const struct plan_node *s = samplers->items[i];
        if (s->kind == PK_HTTP_SAMPLER && s->scope) {
            n_http++;
            if (!first)
                first = s;
        }
    }
    if (!first)
        return;
    g->common_headers = xcalloc(first->scope->n_headers + 1, sizeof *g->common_headers);
    for (size_t h = 0; h < first->scope->n_headers; h++) {
        const struct plan_header *hd = &first->scope->headers[h];
        const char *name, *value;
        if (!py_tmpl_literal(hd->name, &name) || !py_tmpl_literal(hd->value, &value) ||
            !*name || str_ieq(name, "Content-Length") || str_ieq(name, "Host") ||
            str_ieq(name, "Content-Type"))
            continue;
        bool everywhere = true;
        for (size_t i = 0; i < samplers->len && everywhere; i++) {
            const struct plan_node *s = samplers->items[i];
            if (s->kind != PK_HTTP_SAMPLER || !s->scope)
                continue;
            bool found = false;
            size_t same_name = 0;
            for (size_t k = 0; k < s->scope->n_headers; k++) {
                const struct plan_header *o = &s->scope->headers[k];
                const char *on;
                if (py_tmpl_literal(o->name, &on) && str_ieq(on, name))
                    same_name++;
                if (o->name == hd->name && o->value == hd->value)
                    found = true;
            }
            everywhere = found && same_name == 1;
        }
        if (everywhere)
            g->common_headers[g->n_common_headers++] = *hd;
    }
}

static bool same_timers(const struct plan_node *a, const struct plan_node *b)
{
    size_t na = a->scope ? a->scope->n_timers : 0, nb = b->scope ? b->scope->n_timers : 0;
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (a->scope->timers[i] != b->scope->timers[i])
            return false;
    return true;
}

static void find_common_timers(struct emitter *em, struct group_ctx *g,
                               const struct ptrvec *samplers)
{
    if (samplers->len == 0)
        return;
    const struct plan_node *first = samplers->items[0];
    if (!first->scope || first->scope->n_timers == 0)
        return;
    for (size_t i = 1; i < samplers->len; i++)
        if (!same_timers(first, samplers->items[i]))
            return;
    g->common_timers = (const struct plan_node *const *)first->scope->timers;
    g->n_common_timers = first->scope->n_timers;
    g->think_method = true;
    /* the exact case for Locust's wait_time: one Uniform Random Timer with
       fixed numbers, before every request, and a request as the first step */
    const struct plan_node *t = g->common_timers[0];
    const struct plan_random_timer *rt = t->data;
    const char *d, *r;
    long long dv;
    double rv;
    if (g->n_common_timers == 1 && t->kind == PK_UNIFORM_RANDOM_TIMER && rt &&
        py_tmpl_literal(rt->delay, &d) && py_tmpl_literal(rt->range, &r) &&
        str_parse_ll(d, &dv) && dv >= 0 && str_parse_double(r, &rv) && rv >= 0 &&
        !g->data->scheduler && g->tg->n_children > 0 &&
        g->tg->children[0]->role == ROLE_SAMPLER &&
        g->tg->children[0]->kind != PK_FLOW_CONTROL_ACTION) {
        g->wait_time_timer = true;
        g->think_method = false;
        g->first_step = g->tg->children[0];
        em_import(em, "from locust import between");
    }
}

/* --------------------------------------------------------------- the class */

static void write_class_head(struct emitter *em, struct pyw *w, struct group_ctx *g)
{
    const struct plan_thread_group *tg = g->data;
    char *title = emit_title(g->tg);
    struct strbuf d;
    strbuf_init(&d);
    emit_describe(g->tg, &d);
    pyw_blank(w, 2);
    pyw_line(w, "class %s(JMeterUser):", g->class_name);
    pyw_indent(w);
    char *desc = em_lit(d.s);
    pyw_comment(w, "%s: %s", title, desc);
    free(desc);
    strbuf_free(&d);
    free(title);
    if (tg->phase != TG_PHASE_MAIN) {
        pyw_comment(w, "Run by the runtime %s the main thread groups, not spawned by Locust.",
                    tg->phase == TG_PHASE_SETUP ? "before" : "after");
        pyw_line(w, "abstract = True");
    }
    if (g->open_model)
        emit_todo(em, w, g->tg, "its users arrive at a rate (an open model): the class has no "
                                "users; give it a LoadTestShape that starts one user per "
                                "arrival");

    struct strbuf host;
    strbuf_init(&host);
    bool literal = false;
    emit_group_host(em, g, &host, &literal);
    if (g->host_known && literal) {
        pyw_line(w, "host = %s", host.s);
    } else if (g->host_known) {
        pyw_comment(w, "host: set at test start from the HTTP Request Defaults (see "
                       "define_variables); --host overrides it.");
        ptrvec_push(&em->host_lines, xasprintf("%s.host = %s", g->class_name, host.s));
        pyw_line(w, "host = 'http://localhost'");
    } else {
        pyw_comment(w, "Every request names its own host.");
        pyw_line(w, "host = 'http://localhost'");
    }
    strbuf_free(&host);
    write_thread_group(em, w, g);

    if (g->n_common_headers) {
        pyw_line(w, "default_headers = {");
        pyw_indent(w);
        for (size_t i = 0; i < g->n_common_headers; i++) {
            char *n = em_tmpl(em, g->common_headers[i].name, "self", NULL);
            char *v = emit_header_value(em, g->common_headers[i].value, NULL);
            pyw_line(w, "%s: %s,", n, v);
            free(n);
            free(v);
        }
        pyw_dedent(w);
        pyw_line(w, "}");
    }
    if (g->wait_time_timer) {
        const struct plan_random_timer *rt = g->common_timers[0]->data;
        const char *dt, *rtext;
        py_tmpl_literal(rt->delay, &dt);
        py_tmpl_literal(rt->range, &rtext);
        long long dv = 0;
        double rv = 0;
        str_parse_ll(dt, &dv);
        str_parse_double(rtext, &rv);
        char *tt = emit_title(g->common_timers[0]);
        pyw_comment(w, "%s before every request: Locust waits between(%g, %g) s before each "
                       "one (self.wait()).", tt, (double)dv / 1000, ((double)dv + rv) / 1000);
        free(tt);
        pyw_line(w, "wait_time = between(%g, %g)", (double)dv / 1000, ((double)dv + rv) / 1000);
    }
}

/* on_start: cookies of the Cookie Manager, the first think time. */
static void write_on_start(struct emitter *em, struct pyw *w, struct group_ctx *g,
                           const struct ptrvec *samplers)
{
    const struct plan_node *cm = NULL;
    for (size_t i = 0; i < samplers->len && !cm; i++) {
        const struct plan_node *s = samplers->items[i];
        if (s->scope && s->scope->cookie_manager)
            cm = s->scope->cookie_manager;
    }
    const struct plan_cookie_manager *c = cm ? cm->data : NULL;
    bool cookies = c && c->n_cookies > 0;
    bool cookie_vars = c && !em->opt->fast;
    if (!cookies && !cookie_vars && !g->wait_time_timer)
        return;
    pyw_blank(w, 1);
    pyw_line(w, "def on_start(self):");
    pyw_indent(w);
    pyw_line(w, "super().on_start()");
    if (cookies)
        emit_cookie_setup(em, w, cm);
    if (cookie_vars) {
        em_need(em, RT_COOKIES);
        pyw_line(w, "save_cookie_variables(self)");
    }
    if (g->wait_time_timer) {
        pyw_comment(w, "the think time before the first request");
        pyw_line(w, "self.wait()");
    }
    pyw_dedent(w);
}

static void write_iteration(struct emitter *em, struct pyw *w, struct group_ctx *g,
                            bool restartable, const struct ptrvec *samplers)
{
    em_import(em, "from locust import task");
    pyw_blank(w, 1);
    pyw_line(w, "@task");
    pyw_line(w, "def iteration(self):");
    pyw_indent(w);
    const struct plan_thread_group *tg = g->data;
    char *idx = em_lit(tg->idx_var);
    const char *lp = "";
    long long loops = 0;
    const char *lt;
    if (py_tmpl_literal(tg->loops, &lt) && str_parse_ll(lt, &loops))
        lp = loops < 0 ? "; forever" : "";
    pyw_comment(w, "One iteration of the thread group (JMeter repeats it \"loops\" times%s).",
                lp);
    if (restartable) {
        em_need(em, RT_ITERATION);
        pyw_line(w, "with self.jmeter_iteration(%s):", idx);
        pyw_indent(w);
    } else {
        pyw_line(w, "self.next_iteration(%s)", idx);
    }
    free(idx);
    /* the thread group's own iteration events: managers that reset, then the
       iteration listeners registered on it */
    const struct plan_node *cm = NULL;
    for (size_t i = 0; i < samplers->len && !cm; i++) {
        const struct plan_node *s = samplers->items[i];
        if (s->scope && s->scope->cookie_manager)
            cm = s->scope->cookie_manager;
    }
    const struct plan_cookie_manager *c = cm ? cm->data : NULL;
    if (c && ((c->clear_each_iteration && !c->controlled_by_thread_group) ||
              (c->controlled_by_thread_group && !tg->same_user_on_next_iteration))) {
        char *t = emit_title(cm);
        pyw_comment(w, "%s: cleared at each iteration", t);
        free(t);
        pyw_line(w, "self.client.%s.clear()", em->opt->fast ? "cookiejar" : "cookies");
        if (c->n_cookies)
            emit_cookie_setup(em, w, cm);
    }
    emit_iteration_listeners(em, w, g->tg);
    for (size_t i = 0; i < g->tg->n_children; i++)
        emit_node(em, w, g->tg->children[i]);
    if (restartable)
        pyw_dedent(w);
    pyw_dedent(w);
}

static void write_think_method(struct emitter *em, struct pyw *w, struct group_ctx *g)
{
    pyw_blank(w, 1);
    pyw_line(w, "def think_time(self):");
    pyw_indent(w);
    pyw_comment(w, "The timers before every request:");
    for (size_t i = 0; i < g->n_common_timers; i++) {
        char *t = emit_title(g->common_timers[i]);
        pyw_comment(w, "  %s", t);
        free(t);
    }
    char *sum = emit_timer_sum(em, g->common_timers, g->n_common_timers);
    if (sum)
        pyw_line(w, "self.sleep_ms(%s)", sum);
    free(sum);
    pyw_dedent(w);
}

/* Plugin groups run as standard ones: note it. */
static bool note_kind(struct emitter *em, const struct plan_node *tg)
{
    switch (tg->kind) {
    case PK_THREAD_GROUP:
    case PK_SETUP_THREAD_GROUP:
    case PK_POST_THREAD_GROUP:
    case PK_STEPPING_THREAD_GROUP:
    case PK_ULTIMATE_THREAD_GROUP:
        return true;
    case PK_CONCURRENCY_THREAD_GROUP:
        em_note(em, NOTE_APPROX, tg, "its target concurrency ramps up linearly (steps are not "
                                     "reproduced), then holds until the end");
        return true;
    default:
        return false;   /* open model: arrivals, not users */
    }
}

void emit_group(struct emitter *em, const struct plan_node *tg)
{
    if (tg->kind == PK_UNSUPPORTED || !tg->data) {
        emit_todo(em, &em->classes, tg, "unknown thread group kind");
        return;
    }
    struct group_ctx g;
    memset(&g, 0, sizeof g);
    g.tg = tg;
    g.data = tg->data;
    g.class_name = py_identifier(&em->globals, tg->name, PY_IDENT_CAMEL, "Users");
    py_names_init(&g.methods);
    static const char *const reserved[] = {
        "iteration", "think_time", "on_start", "on_stop", "host", "thread_group", "tasks",
        "wait_time", "default_headers", "client", "environment", "v", "vars", "store",
        "next_iteration", "sleep_ms", "once", "next_turn", "sample_result", "after_failure",
        "stop_test", "jmeter_iteration", "context", "wait", "run", "start", "stop", "weight",
        "fixed_count", "abstract", "thread_num", "thread_name", "thread_group_name",
        "iterations", "end_time", "transactions", "pool_manager", "group"};
    for (size_t i = 0; i < ARRAY_LEN(reserved); i++)
        py_names_reserve(&g.methods, reserved[i]);
    em->g = &g;
    em->current = tg;
    g.open_model = !note_kind(em, tg);

    struct ptrvec samplers = {0};
    collect_samplers(tg, &samplers);
    find_common_headers(&g, &samplers);
    find_common_timers(em, &g, &samplers);
    const struct plan_thread_group *data = tg->data;
    g.needs_sample_result = data->scheduler || data->on_error != ON_ERROR_CONTINUE ||
                            em->uses_last_sample_ok || group_has(&samplers, has_result_action);
    bool restartable = data->on_error == ON_ERROR_START_NEXT_LOOP ||
                       group_has(&samplers, restarts_loop);

    struct pyw *w = &em->classes;
    char *title = emit_title(tg);
    ptrvec_push(&em->group_lines, xasprintf("%s -> class %s%s", title, g.class_name,
                                            data->phase == TG_PHASE_SETUP      ? " (setUp)"
                                            : data->phase == TG_PHASE_TEARDOWN ? " (tearDown)"
                                                                               : ""));
    free(title);
    write_class_head(em, w, &g);
    write_on_start(em, w, &g, &samplers);
    write_iteration(em, w, &g, restartable, &samplers);
    if (g.think_method)
        write_think_method(em, w, &g);
    emit_queued_methods(em, w);
    pyw_dedent(w);

    ptrvec_free(&samplers);
    ptrvec_free(&g.queue);
    ptrvec_free(&g.queue_names);
    ptrvec_free(&g.done);
    free(g.common_headers);
    py_names_free(&g.methods);
    em->g = NULL;
}
