/* ctl_interleave.c - Interleave, Random and Random Order controllers, ported
 * from JMeter. Interleave gives one child per pass, remembering where it was;
 * Random picks that child at random; Random Order runs all children in a new
 * random order each pass. Style 0 takes one sampler at a time from a child
 * controller, style 1 runs a child controller as one block. */
#include "ctl.h"

#define IGNORE_SUB_CONTROLLERS 0
#define USE_SUB_CONTROLLERS 1

static int style_of(node_t *node)
{
    return ((const struct plan_interleave_controller *)node->data)->style;
}

static void il_re_initialize(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->first = true;
    st->returned_at_least_one = false;
    st->search_start = NULL;
    st->still_same = true;
    st->skip_next = false;
    st->iter_count++;
}

static struct next_item il_next(struct vu *vu, node_t *node)
{
    if (ctl_state_of(vu, node)->skip_next) {
        v_re_initialize(vu, node);
        return NEXT_NONE;
    }
    return gc_next(vu, node);
}

static struct next_item il_next_is_a_controller(struct vu *vu, node_t *node, node_t *child, bool *thrown)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    struct next_item it = v_next(vu, child);
    if (it.wait)
        return it;
    if (next_is_none(it)) {
        v_current_returned_null(vu, node, child);
        return v_next(vu, node);
    }
    st->returned_at_least_one = true;
    if (style_of(node) == IGNORE_SUB_CONTROLLERS) {
        v_increment_current(vu, node);
        st->skip_next = true;
    } else {
        st->search_start = NULL;
    }
    return it;
}

static struct next_item il_next_is_a_sampler(struct vu *vu, node_t *node, node_t *child)
{
    ctl_state_of(vu, node)->skip_next = true;
    v_increment_current(vu, node);
    return (struct next_item){child, NULL, false};
}

static struct next_item il_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    v_reset_current(vu, node);
    return v_next(vu, node);
}

static bool il_set_current_element(struct vu *vu, node_t *node, node_t *child)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->search_start == NULL) {
        st->search_start = child;
    } else if (st->search_start == child && !st->still_same) {
        v_re_initialize(vu, node);
        return false;   /* NextIsNullException: a full round gave nothing */
    }
    return true;
}

static void il_current_returned_null(struct vu *vu, node_t *node, node_t *child)
{
    if (v_is_done(vu, child))
        ctl_remove_current(vu, node);
    else if (style_of(node) == USE_SUB_CONTROLLERS)
        v_increment_current(vu, node);
}

static void il_increment_current(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->returned_at_least_one)
        st->skip_next = true;
    st->still_same = false;
    gc_increment_current(vu, node);
}

static void il_initialize(struct vu *vu, node_t *node)
{
    gc_initialize(vu, node);
    const struct plan_interleave_controller *ic = node->data;
    struct ctl_state *st = ctl_state_of(vu, node);
    if (ic->across_threads && st->n_children)
        st->current = (vu->thread_num - 1) % (int64_t)st->n_children;
}

const struct ctl_class ctl_interleave_class = {
    .next = il_next,
    .next_is_a_controller = il_next_is_a_controller,
    .next_is_a_sampler = il_next_is_a_sampler,
    .next_is_null = il_next_is_null,
    .set_current_element = il_set_current_element,
    .current_returned_null = il_current_returned_null,
    .increment_current = il_increment_current,
    .re_initialize = il_re_initialize,
    .initialize = il_initialize,
};

/* ------------------------------------------------------------ Random Controller */

static void random_pick(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->current = st->n_children ? (int64_t)(expr_rand64(&vu->ctx) % st->n_children) : 0;
}

static void random_reset_current(struct vu *vu, node_t *node)
{
    random_pick(vu, node);
}

static void random_increment_current(struct vu *vu, node_t *node)
{
    il_increment_current(vu, node);
    random_pick(vu, node);
}

const struct ctl_class ctl_random_class = {
    .next = il_next,
    .next_is_a_controller = il_next_is_a_controller,
    .next_is_a_sampler = il_next_is_a_sampler,
    .next_is_null = il_next_is_null,
    .set_current_element = il_set_current_element,
    .current_returned_null = il_current_returned_null,
    .increment_current = random_increment_current,
    .reset_current = random_reset_current,
    .re_initialize = il_re_initialize,
    .initialize = il_initialize,
};

/* ------------------------------------------------------ Random Order Controller */

static void random_order_initialize(struct vu *vu, node_t *node)
{
    gc_initialize(vu, node);
    ctl_shuffle_children(vu, node);
}

static void random_order_re_initialize(struct vu *vu, node_t *node)
{
    gc_re_initialize(vu, node);
    ctl_shuffle_children(vu, node);
}

const struct ctl_class ctl_random_order_class = {
    .initialize = random_order_initialize,
    .re_initialize = random_order_re_initialize,
};
