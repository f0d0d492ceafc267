/* dump.c - the task graph as an indented tree (jmx2run --dump).
 *
 * Thread groups in run order (setUp, main, tearDown), then their controllers
 * and samplers; under each sampler, what applies to it in execution order:
 * pre-processors, timers, post-processors, assertions, and the merged HTTP
 * configuration (defaults, headers, managers). Meant for people checking how
 * jmx2run understood their plan, so it names elements as JMeter's GUI does. */
#include <string.h>
#include "jmx2run/plan.h"
#include "jmx2run/plan_elements.h"

static void indent(struct strbuf *out, int level)
{
    for (int i = 0; i < level; i++)
        strbuf_adds(out, "  ");
}

static void node_line(const struct plan_node *node, struct strbuf *out, int level)
{
    indent(out, level);
    strbuf_addf(out, "%s \"%s\"", plan_kind_display(node), node->name);
    struct strbuf d;
    strbuf_init(&d);
    plan_describe(node, &d);
    if (d.len)
        strbuf_addf(out, ": %s", d.s);
    strbuf_free(&d);
    if (node->kind == PK_UNSUPPORTED)
        strbuf_addf(out, " [unsupported: %s]", node->unsupported_reason);
    strbuf_addf(out, "  (line %d)\n", node->line);
}

static void list_line(const char *what, struct plan_node *const *nodes, size_t n,
                      struct strbuf *out, int level)
{
    for (size_t i = 0; i < n; i++) {
        indent(out, level);
        strbuf_addf(out, "%s: ", what);
        const struct plan_node *e = nodes[i];
        strbuf_addf(out, "%s \"%s\"", plan_kind_display(e), e->name);
        struct strbuf d;
        strbuf_init(&d);
        plan_describe(e, &d);
        if (d.len)
            strbuf_addf(out, ": %s", d.s);
        strbuf_free(&d);
        if (e->kind == PK_UNSUPPORTED)
            strbuf_addf(out, " [unsupported: %s]", e->unsupported_reason);
        strbuf_addc(out, '\n');
    }
}

static void manager_line(const char *what, const struct plan_node *m, struct strbuf *out,
                         int level)
{
    if (!m)
        return;
    indent(out, level);
    strbuf_addf(out, "%s: %s \"%s\"\n", what, plan_kind_display(m), m->name);
}

static void scope_lines(const struct plan_scope *s, struct strbuf *out, int level)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_defaults; i++) {
        indent(out, level);
        strbuf_addf(out, "defaults from: HTTP Request Defaults \"%s\"\n", s->defaults[i]->name);
    }
    for (size_t i = 0; i < s->n_headers; i++) {
        indent(out, level);
        strbuf_addf(out, "header: %s: %s\n", s->headers[i].name->source,
                    s->headers[i].value->source);
    }
    manager_line("cookies", s->cookie_manager, out, level);
    manager_line("cache", s->cache_manager, out, level);
    manager_line("auth", s->auth_manager, out, level);
    manager_line("dns", s->dns_manager, out, level);
    list_line("pre", s->pre, s->n_pre, out, level);
    list_line("timer", s->timers, s->n_timers, out, level);
    list_line("post", s->post, s->n_post, out, level);
    list_line("assert", s->assertions, s->n_assertions, out, level);
    list_line("listener", s->listeners, s->n_listeners, out, level);
}

static void dump_node(const struct plan_node *node, struct strbuf *out, int level)
{
    node_line(node, out, level);
    if (node->n_on_iteration)
        list_line("each iteration", node->on_iteration, node->n_on_iteration, out, level + 1);
    if (node->role == ROLE_SAMPLER || node->scope)
        scope_lines(node->scope, out, level + 1);
    for (size_t i = 0; i < node->n_children; i++)
        dump_node(node->children[i], out, level + 1);
}

static void dump_groups(struct plan_node *const *groups, size_t n, struct strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        strbuf_addc(out, '\n');
        dump_node(groups[i], out, 1);
    }
}

void plan_dump(const struct plan *plan, struct strbuf *out)
{
    const struct plan_node *tp = plan->test_plan;
    strbuf_addf(out, "Test Plan \"%s\" (%s)", tp->name, plan->file);
    struct strbuf d;
    strbuf_init(&d);
    plan_describe(tp, &d);
    if (d.len)
        strbuf_addf(out, ": %s", d.s);
    strbuf_free(&d);
    strbuf_addc(out, '\n');
    for (size_t i = 0; i < plan->n_variable_sets; i++) {
        const struct plan_variable_set *set = &plan->variable_sets[i];
        for (size_t j = 0; j < set->n_vars; j++)
            strbuf_addf(out, "  variable: %s = %s\n", set->vars[j].name,
                        set->vars[j].value->source);
    }
    dump_groups(plan->setup_groups, plan->n_setup_groups, out);
    dump_groups(plan->main_groups, plan->n_main_groups, out);
    dump_groups(plan->teardown_groups, plan->n_teardown_groups, out);
}
