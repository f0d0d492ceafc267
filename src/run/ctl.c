/* ctl.c - JMeter's GenericController, per user, and the dispatch to the
 * controller classes that override it.
 *
 * A controller hands out its children one at a time: samplers directly,
 * child controllers by asking them in turn. When it runs out it re-initialises
 * (next iteration) and returns nothing, so its parent moves on. A child
 * controller that says it is done is removed from this user's list for good,
 * and a controller left with no children is done itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctl.h"
#include "jmx2run/log.h"

static const struct ctl_class *class_of(node_t *node)
{
    switch (node->kind) {
    case PK_THREAD_GROUP: case PK_SETUP_THREAD_GROUP: case PK_POST_THREAD_GROUP:
    case PK_OPEN_MODEL_THREAD_GROUP: case PK_CONCURRENCY_THREAD_GROUP:
    case PK_ARRIVALS_THREAD_GROUP: case PK_FREE_FORM_ARRIVALS_THREAD_GROUP:
    case PK_STEPPING_THREAD_GROUP: case PK_ULTIMATE_THREAD_GROUP:
    case PK_LOOP_CONTROLLER:
        return &ctl_loop_class;
    case PK_WHILE_CONTROLLER: return &ctl_while_class;
    case PK_FOREACH_CONTROLLER: return &ctl_foreach_class;
    case PK_RUNTIME_CONTROLLER: return &ctl_runtime_class;
    case PK_IF_CONTROLLER: return &ctl_if_class;
    case PK_SWITCH_CONTROLLER: return &ctl_switch_class;
    case PK_ONCE_ONLY_CONTROLLER: return &ctl_once_only_class;
    case PK_THROUGHPUT_CONTROLLER: return &ctl_throughput_class;
    case PK_INTERLEAVE_CONTROLLER: return &ctl_interleave_class;
    case PK_RANDOM_CONTROLLER: return &ctl_random_class;
    case PK_RANDOM_ORDER_CONTROLLER: return &ctl_random_order_class;
    case PK_TRANSACTION_CONTROLLER: return &ctl_transaction_class;
    case PK_CRITICAL_SECTION_CONTROLLER: return &ctl_critical_section_class;
    default: return &ctl_generic_class;   /* Simple, Recording, Module, Include, fragments, unknown */
    }
}

bool ctl_is_controller(node_t *node)
{
    return node->role == ROLE_CONTROLLER || node->role == ROLE_THREAD_GROUP;
}

struct ctl_state *ctl_state_of(struct vu *vu, node_t *node)
{
    return &vu->slots[node->slot];
}

/* ---- virtual calls ---- */

#define DISPATCH(method, fallback, ...)                         \
    const struct ctl_class *c = class_of(node);                 \
    return c->method ? c->method(__VA_ARGS__) : fallback(__VA_ARGS__)
#define DISPATCH_VOID(method, fallback, ...)                    \
    const struct ctl_class *c = class_of(node);                 \
    if (c->method)                                              \
        c->method(__VA_ARGS__);                                 \
    else                                                        \
        fallback(__VA_ARGS__)

/* JMeter's controllers call next() again, recursively, while their children return
 * nothing, and a plan whose controllers keep returning nothing (an Interleave taking one
 * sampler at a time from an If that is false, a long loop over children that never run)
 * recurses until the Java stack overflows: the thread ends ("Test failed!",
 * java.lang.StackOverflowError; JMeter 2.13 got there after about 1300 passes of a loop
 * whose only child was a false If, 2600 nested next() calls). Here it would overflow the
 * worker's C stack and end the process, so past MAX_NEXT_DEPTH nested calls the user
 * stops instead, and every next() still on the stack returns nothing. Users of a worker
 * walk the plan one at a time, so the depth is kept per OS thread. */
#define MAX_NEXT_DEPTH 3000
static _Thread_local int next_depth;
static _Thread_local bool next_overflowed;

static struct next_item class_next(struct vu *vu, node_t *node) { DISPATCH(next, gc_next, vu, node); }

struct next_item v_next(struct vu *vu, node_t *node)
{
    if (next_overflowed)
        return NEXT_NONE;
    if (next_depth >= MAX_NEXT_DEPTH) {
        next_overflowed = true;
        vu->running = false;
        log_msg(LOG_ERROR, "%s: Test failed! controllers called each other %d levels deep without "
                "finding a sampler (JMeter: java.lang.StackOverflowError); the thread stops",
                vu->thread_name, MAX_NEXT_DEPTH);
        return NEXT_NONE;
    }
    next_depth++;
    struct next_item it = class_next(vu, node);
    if (--next_depth == 0)
        next_overflowed = false;
    return it;
}
bool v_is_done(struct vu *vu, node_t *node) { DISPATCH(is_done, gc_is_done, vu, node); }
void v_set_done(struct vu *vu, node_t *node, bool d) { DISPATCH_VOID(set_done, gc_set_done, vu, node, d); }
struct next_item v_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    DISPATCH(next_is_null, gc_next_is_null, vu, node, thrown);
}
static struct next_item v_next_is_a_sampler(struct vu *vu, node_t *node, node_t *child)
{
    DISPATCH(next_is_a_sampler, gc_next_is_a_sampler, vu, node, child);
}
static struct next_item v_next_is_a_controller(struct vu *vu, node_t *node, node_t *child, bool *thrown)
{
    DISPATCH(next_is_a_controller, gc_next_is_a_controller, vu, node, child, thrown);
}
void v_current_returned_null(struct vu *vu, node_t *node, node_t *child)
{
    DISPATCH_VOID(current_returned_null, gc_current_returned_null, vu, node, child);
}
static bool always_true(struct vu *vu, node_t *node, node_t *child) { return true; }
static bool v_set_current_element(struct vu *vu, node_t *node, node_t *child)
{
    DISPATCH(set_current_element, always_true, vu, node, child);
}
void v_increment_current(struct vu *vu, node_t *node) { DISPATCH_VOID(increment_current, gc_increment_current, vu, node); }
void v_reset_current(struct vu *vu, node_t *node) { DISPATCH_VOID(reset_current, gc_reset_current, vu, node); }
void v_re_initialize(struct vu *vu, node_t *node) { DISPATCH_VOID(re_initialize, gc_re_initialize, vu, node); }
static void v_initialize(struct vu *vu, node_t *node) { DISPATCH_VOID(initialize, gc_initialize, vu, node); }
static void v_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    DISPATCH_VOID(trigger_end_of_loop, gc_trigger_end_of_loop, vu, node);
}
int v_iter_count(struct vu *vu, node_t *node) { DISPATCH(iter_count, gc_iter_count, vu, node); }

/* ---- the per-user child list ---- */

node_t *ctl_child(struct vu *vu, node_t *node, int64_t index)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (index < 0 || index >= (int64_t)st->n_children)
        return NULL;
    return node->children[st->order ? st->order[index] : (uint32_t)index];
}

static void materialize(struct ctl_state *st, node_t *node)
{
    if (st->order)
        return;
    st->order = xmalloc(sizeof(uint32_t) * (node->n_children ? node->n_children : 1));
    for (uint32_t i = 0; i < st->n_children; i++)
        st->order[i] = i;
}

void ctl_remove_current(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->current < 0 || st->current >= (int64_t)st->n_children)
        return;
    materialize(st, node);
    memmove(&st->order[st->current], &st->order[st->current + 1],
            (st->n_children - (uint32_t)st->current - 1) * sizeof(uint32_t));
    st->n_children--;
}

void ctl_shuffle_children(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->n_children < 2)
        return;
    materialize(st, node);
    for (uint32_t i = st->n_children - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(expr_rand64(&vu->ctx) % (i + 1));
        uint32_t t = st->order[i];
        st->order[i] = st->order[j];
        st->order[j] = t;
    }
}

/* ---- GenericController ---- */

void gc_initialize(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (!st->initialized) {
        st->n_children = (uint32_t)node->n_children;
        st->initialized = true;
    }
    v_reset_current(vu, node);
    st->iter_count = 0;
    st->done = false;
    st->first = true;
    gc_initialize_sub_controllers(vu, node);
}

void gc_initialize_sub_controllers(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    for (uint32_t i = 0; i < st->n_children; i++) {
        node_t *child = ctl_child(vu, node, i);
        if (ctl_is_controller(child))
            v_initialize(vu, child);
    }
}

void gc_re_initialize(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    v_reset_current(vu, node);
    st->iter_count++;
    st->first = true;
}

bool gc_is_done(struct vu *vu, node_t *node)
{
    return ctl_state_of(vu, node)->done;
}

void gc_set_done(struct vu *vu, node_t *node, bool done)
{
    ctl_state_of(vu, node)->done = done;
}

int gc_iter_count(struct vu *vu, node_t *node)
{
    return ctl_state_of(vu, node)->iter_count;
}

void gc_increment_current(struct vu *vu, node_t *node)
{
    ctl_state_of(vu, node)->current++;
}

void gc_reset_current(struct vu *vu, node_t *node)
{
    ctl_state_of(vu, node)->current = 0;
}

void gc_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    v_re_initialize(vu, node);
}

/* Iteration listeners are stored in firing order (see build.c). */
void gc_fire_iter_events(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (!st->first)
        return;
    int iteration = v_iter_count(vu, node);
    extern void vu_fire_iteration_listeners(struct vu *, node_t *, int);
    vu_fire_iteration_listeners(vu, node, iteration);
    st->first = false;
}

struct next_item gc_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    v_re_initialize(vu, node);
    return NEXT_NONE;
}

struct next_item gc_next_is_a_sampler(struct vu *vu, node_t *node, node_t *child)
{
    v_increment_current(vu, node);
    return (struct next_item){child, NULL, false};
}

struct next_item gc_next_is_a_controller(struct vu *vu, node_t *node, node_t *child, bool *thrown)
{
    struct next_item it = v_next(vu, child);
    if (it.wait)
        return it;
    if (next_is_none(it)) {
        v_current_returned_null(vu, node, child);
        it = v_next(vu, node);
    }
    return it;
}

void gc_current_returned_null(struct vu *vu, node_t *node, node_t *child)
{
    if (v_is_done(vu, child))
        ctl_remove_current(vu, node);
    else
        v_increment_current(vu, node);
}

struct next_item gc_next(struct vu *vu, node_t *node)
{
    gc_fire_iter_events(vu, node);
    if (v_is_done(vu, node))
        return NEXT_NONE;
    struct ctl_state *st = ctl_state_of(vu, node);
    /* getCurrentElement */
    node_t *child = NULL;
    if (st->current < (int64_t)st->n_children) {
        child = ctl_child(vu, node, st->current);
    } else if (st->n_children == 0) {
        v_set_done(vu, node, true);
        return NEXT_NONE;   /* NextIsNullException */
    }
    if (!v_set_current_element(vu, node, child))
        return NEXT_NONE;
    bool thrown = false;
    struct next_item it;
    if (!child)
        it = v_next_is_null(vu, node, &thrown);
    else if (ctl_is_controller(child))
        it = v_next_is_a_controller(vu, node, child, &thrown);
    else
        it = v_next_is_a_sampler(vu, node, child);
    return thrown ? NEXT_NONE : it;
}

const struct ctl_class ctl_generic_class = {0};

/* ---- entry points for the thread ---- */

struct next_item ctl_next(struct vu *vu, node_t *node) { return v_next(vu, node); }
bool ctl_is_done(struct vu *vu, node_t *node) { return v_is_done(vu, node); }
void ctl_initialize(struct vu *vu, node_t *node) { v_initialize(vu, node); }
void ctl_trigger_end_of_loop(struct vu *vu, node_t *node) { v_trigger_end_of_loop(vu, node); }

void ctl_start_next_loop(struct vu *vu, node_t *node)
{
    const struct ctl_class *c = class_of(node);
    if (c->start_next_loop)
        c->start_next_loop(vu, node);
}

void ctl_break_loop(struct vu *vu, node_t *node)
{
    const struct ctl_class *c = class_of(node);
    if (c->break_loop)
        c->break_loop(vu, node);
}

bool ctl_is_iterating(node_t *node)
{
    const struct ctl_class *c = class_of(node);
    return c->start_next_loop != NULL;
}

void ctl_iteration_start(struct vu *vu, node_t *node, node_t *source, int iteration)
{
    const struct ctl_class *c = class_of(node);
    if (c->iteration_start)
        c->iteration_start(vu, node, source, iteration);
}

/* Several times per iteration: digits by hand rather than snprintf. */
void ctl_update_iteration_index(struct vu *vu, const char *idx_var, int64_t value)
{
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t v = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (value < 0)
        *--p = '-';
    strmap_setn(&vu->vars, idx_var, strlen(idx_var), p, (size_t)(buf + sizeof buf - p));
}

char *ctl_java_trim_dup(const char *s)
{
    while (*s && (unsigned char)*s <= ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (unsigned char)s[n - 1] <= ' ')
        n--;
    return xstrndup(s, n);
}

/* Java's Long.parseLong / Integer.parseInt: an optional sign and decimal digits, nothing
 * else (no blanks), within [min, max]. */
static bool java_parse(const char *s, long long min, long long max, long long *out)
{
    bool negative = *s == '-';
    size_t i = (negative || *s == '+') ? 1 : 0;
    if (!s[i])
        return false;
    /* the magnitude allowed: |min| for a negative number, max otherwise */
    unsigned long long v = 0;
    unsigned long long limit = negative ? (unsigned long long)-(min + 1) + 1 : (unsigned long long)max;
    for (; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = negative ? (v ? -(long long)(v - 1) - 1 : 0) : (long long)v;
    return true;
}

static bool eval_number(struct vu *vu, const struct tmpl *t, long long min, long long max, long long *out)
{
    *out = 0;
    if (!t)
        return false;
    if (t->is_literal)
        return java_parse(t->source, min, max, out) || ((*out = 0), false);
    struct strbuf sb;
    strbuf_init(&sb);
    tmpl_eval(t, &vu->ctx, &sb);
    bool ok = java_parse(sb.s, min, max, out);
    if (!ok)
        *out = 0;
    strbuf_free(&sb);
    return ok;
}

bool ctl_eval_long(struct vu *vu, const struct tmpl *t, long long *out)
{
    return eval_number(vu, t, INT64_MIN, INT64_MAX, out);
}

bool ctl_eval_int(struct vu *vu, const struct tmpl *t, long long *out)
{
    return eval_number(vu, t, INT32_MIN, INT32_MAX, out);
}
