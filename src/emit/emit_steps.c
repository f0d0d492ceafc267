/* emit_steps.c - the walk over a thread group's tree. Each sampler and each
 * top-level controller gets a method of the class named after its label
 * (add_to_cart); controllers below the top level are written inline as
 * Python control flow calling the samplers' methods. Methods are queued as
 * they are first called and written after the method that calls them, so
 * the class reads top-down. Flow Control Actions are written inline where
 * they stand (they send nothing), elements that are not converted become
 * TODO comments there. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

static bool queued(struct group_ctx *g, const struct plan_node *n, const char **name)
{
    for (size_t i = 0; i < g->done.len; i++)
        if (g->done.items[i] == n) {
            *name = g->queue_names.items[i];
            return true;
        }
    return false;
}

const char *emit_sampler_method(struct emitter *em, const struct plan_node *node)
{
    struct group_ctx *g = em->g;
    const char *name;
    if (queued(g, node, &name))
        return name;
    name = py_identifier(&g->methods, node->name, PY_IDENT_SNAKE,
                         node->role == ROLE_CONTROLLER ? "step" : "request");
    ptrvec_push(&g->done, (void *)node);
    ptrvec_push(&g->queue_names, (void *)name);
    ptrvec_push(&g->queue, (void *)node);
    return name;
}

void emit_queued_methods(struct emitter *em, struct pyw *w)
{
    struct group_ctx *g = em->g;
    for (size_t i = 0; i < g->queue.len; i++) {
        const struct plan_node *node = g->queue.items[i];
        const char *name = NULL;
        queued(g, node, &name);
        pyw_blank(w, 1);
        pyw_line(w, "def %s(self):", name);
        pyw_indent(w);
        const struct plan_node *saved = em->current;
        em->current = node;
        if (node->role == ROLE_CONTROLLER) {
            if (!emit_controller(em, w, node))
                emit_todo(em, w, node, "this controller kind has no Locust translation");
        } else {
            emit_sampler_body(em, w, node);
        }
        em->current = saved;
        pyw_dedent(w);
    }
}

void emit_node(struct emitter *em, struct pyw *w, const struct plan_node *node)
{
    const struct plan_node *saved = em->current;
    em->current = node;
    if (node->kind == PK_UNSUPPORTED) {
        emit_todo(em, w, node, node->role == ROLE_SAMPLER
                                   ? "this sampler kind has no Locust translation"
                                   : "this element kind has no Locust translation");
    } else if (node->kind == PK_FLOW_CONTROL_ACTION) {
        emit_flow_action(em, w, node);
    } else if (node->role == ROLE_SAMPLER) {
        pyw_line(w, "self.%s()", emit_sampler_method(em, node));
    } else if (node->role == ROLE_CONTROLLER) {
        if (node->parent == em->g->tg) {
            /* a top-level step: its own method */
            pyw_line(w, "self.%s()", emit_sampler_method(em, node));
        } else if (!emit_controller(em, w, node)) {
            emit_todo(em, w, node, "this controller kind has no Locust translation");
        }
    }
    em->current = saved;
}

void emit_children(struct emitter *em, struct pyw *w, const struct plan_node *parent)
{
    for (size_t i = 0; i < parent->n_children; i++)
        emit_node(em, w, parent->children[i]);
}

void emit_iteration_listeners(struct emitter *em, struct pyw *w, const struct plan_node *ctl)
{
    for (size_t i = 0; i < ctl->n_on_iteration; i++) {
        const struct plan_node *l = ctl->on_iteration[i];
        if (l->role == ROLE_CONTROLLER)
            continue;   /* loops, once only, throughput: Python control flow does it */
        emit_iteration_listener(em, w, l);
    }
}
