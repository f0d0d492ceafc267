/* ctl_loops.c - the looping controllers, ported from JMeter: Loop Controller
 * (also each thread group's own loop), While, ForEach and Runtime.
 *
 * They keep a loop counter next to GenericController's state, publish it as
 * "__jm__<name>__idx", and are iteration listeners of their parent: when the
 * parent starts an iteration they start over. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ctl.h"
#include "jmx2run/cond.h"

static bool is_thread_group(node_t *node)
{
    return node->role == ROLE_THREAD_GROUP;
}

/* ------------------------------------------------------------ Loop Controller */

static const struct tmpl *loops_tmpl(node_t *node)
{
    if (is_thread_group(node))
        return ((const struct plan_thread_group *)node->data)->loops;
    return ((const struct plan_loop_controller *)node->data)->loops;
}

static bool continue_forever(node_t *node)
{
    if (is_thread_group(node))
        return ((const struct plan_thread_group *)node->data)->continue_forever;
    return ((const struct plan_loop_controller *)node->data)->continue_forever;
}

static const char *loop_idx_var(node_t *node)
{
    if (is_thread_group(node))
        return ((const struct plan_thread_group *)node->data)->idx_var;
    return ((const struct plan_loop_controller *)node->data)->idx_var;
}

/* The count is evaluated again when not known, 0 or infinite, as in JMeter. */
static int64_t get_loops(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (!st->nb_loops_valid || st->nb_loops == 0 || st->nb_loops == -1) {
        long long n;
        ctl_eval_int(vu, loops_tmpl(node), &n);   /* not a number: 0 */
        st->nb_loops = n;
        st->nb_loops_valid = true;
    }
    return st->nb_loops;
}

static bool loop_end_of_loop(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    int64_t loops = get_loops(vu, node);
    return st->break_loop || (loops > -1 && st->loop_count >= loops);
}

static void loop_reset_loop_count(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->loop_count = 0;
    st->nb_loops_valid = false;
}

static void loop_set_done(struct vu *vu, node_t *node, bool done)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->break_loop = false;
    st->nb_loops_valid = false;
    gc_set_done(vu, node, done);
}

static void loop_re_initialize(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->first = true;
    v_reset_current(vu, node);
    st->loop_count++;
}

static struct next_item loop_next(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    const char *idx = loop_idx_var(node);
    ctl_update_iteration_index(vu, idx, st->loop_count);
    struct next_item it;
    if (loop_end_of_loop(vu, node)) {
        if (!continue_forever(node))
            v_set_done(vu, node, true);
        st->break_loop = false;
        it = NEXT_NONE;
    } else {
        it = gc_next(vu, node);
    }
    ctl_update_iteration_index(vu, idx, st->loop_count);
    return it;
}

static struct next_item loop_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    v_re_initialize(vu, node);
    if (loop_end_of_loop(vu, node)) {
        if (!continue_forever(node))
            v_set_done(vu, node, true);
        else
            loop_reset_loop_count(vu, node);
        return NEXT_NONE;
    }
    return v_next(vu, node);
}

static void loop_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    gc_trigger_end_of_loop(vu, node);
    loop_reset_loop_count(vu, node);
}

static int loop_iter_count(struct vu *vu, node_t *node)
{
    return ctl_state_of(vu, node)->loop_count + 1;
}

static void loop_break_loop(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->break_loop = true;
    st->first = true;
    v_reset_current(vu, node);
    loop_reset_loop_count(vu, node);
}

static void loop_iteration_start(struct vu *vu, node_t *node, node_t *source, int iteration)
{
    v_re_initialize(vu, node);
    loop_reset_loop_count(vu, node);
}

const struct ctl_class ctl_loop_class = {
    .next = loop_next,
    .set_done = loop_set_done,
    .next_is_null = loop_next_is_null,
    .re_initialize = loop_re_initialize,
    .trigger_end_of_loop = loop_trigger_end_of_loop,
    .iteration_start = loop_iteration_start,
    .iter_count = loop_iter_count,
    .break_loop = loop_break_loop,
    .start_next_loop = loop_re_initialize,
};

/* ----------------------------------------------------------- While Controller */

static bool while_end_of_loop(struct vu *vu, node_t *node, bool loop_end)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->break_loop)
        return true;
    const struct plan_while_controller *wc = node->data;
    char *cnd_raw = tmpl_eval_dup(wc->condition, &vu->ctx);
    char *cnd = ctl_java_trim_dup(cnd_raw);
    bool res;
    if ((loop_end && !*cnd) || str_ieq(cnd, "LAST")) {
        const char *ok = strmap_get(&vu->vars, "JMeterThread.last_sample_ok");
        res = str_ieq(ok, "false");
    } else {
        res = str_ieq(cnd, "false");
    }
    free(cnd_raw);
    free(cnd);
    return res;
}

static void while_reset_loop_count(struct vu *vu, node_t *node)
{
    ctl_state_of(vu, node)->iter_count = 0;
}

static struct next_item while_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    v_re_initialize(vu, node);
    if (while_end_of_loop(vu, node, true)) {
        ctl_state_of(vu, node)->break_loop = false;
        while_reset_loop_count(vu, node);
        return NEXT_NONE;
    }
    return v_next(vu, node);
}

static void while_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    gc_trigger_end_of_loop(vu, node);
    while_end_of_loop(vu, node, true);
    while_reset_loop_count(vu, node);
}

static struct next_item while_next(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    const char *idx = ((const struct plan_while_controller *)node->data)->idx_var;
    ctl_update_iteration_index(vu, idx, v_iter_count(vu, node));
    struct next_item it;
    if (st->first && while_end_of_loop(vu, node, false)) {
        st->break_loop = false;
        while_reset_loop_count(vu, node);
        it = NEXT_NONE;
    } else {
        it = gc_next(vu, node);
    }
    ctl_update_iteration_index(vu, idx, v_iter_count(vu, node));
    return it;
}

static void while_break_loop(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->break_loop = true;
    st->first = true;
    v_reset_current(vu, node);
    while_reset_loop_count(vu, node);
}

static void while_iteration_start(struct vu *vu, node_t *node, node_t *source, int iteration)
{
    v_re_initialize(vu, node);
    while_reset_loop_count(vu, node);
}

const struct ctl_class ctl_while_class = {
    .next = while_next,
    .next_is_null = while_next_is_null,
    .trigger_end_of_loop = while_trigger_end_of_loop,
    .iteration_start = while_iteration_start,
    .break_loop = while_break_loop,
    .start_next_loop = gc_re_initialize,
};

/* --------------------------------------------------------- ForEach Controller */

static int64_t foreach_index(struct vu *vu, const struct tmpl *t, int64_t dflt)
{
    if (!t)
        return dflt;   /* property absent; a blank one reads as 0 */
    long long v;
    ctl_eval_int(vu, t, &v);   /* getPropertyAsInt: not a number is 0 */
    return v;
}

static int64_t foreach_end(struct vu *vu, node_t *node)
{
    const struct plan_foreach_controller *fc = node->data;
    return foreach_index(vu, fc->end_index, INT32_MAX);
}

static void foreach_reset_loop_count(struct vu *vu, node_t *node)
{
    const struct plan_foreach_controller *fc = node->data;
    ctl_state_of(vu, node)->loop_count = (int32_t)foreach_index(vu, fc->start_index, 0);
}

/* <input><sep><loop_count+1>, the variable this pass would read */
static char *foreach_input_var(struct vu *vu, node_t *node)
{
    const struct plan_foreach_controller *fc = node->data;
    char *input = tmpl_eval_dup(fc->input_prefix, &vu->ctx);
    char *name = xasprintf("%s%s%d", input, fc->use_separator ? "_" : "",
                           ctl_state_of(vu, node)->loop_count + 1);
    free(input);
    return name;
}

static bool foreach_has_next_value(struct vu *vu, node_t *node)
{
    char *name = foreach_input_var(vu, node);
    bool present = strmap_get(&vu->vars, name) != NULL;
    free(name);
    return present;
}

static bool foreach_is_done(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->loop_count >= foreach_end(vu, node))
        return true;
    char *name = foreach_input_var(vu, node);
    const char *value = strmap_get(&vu->vars, name);
    free(name);
    if (value) {
        const struct plan_foreach_controller *fc = node->data;
        char *ret = tmpl_eval_dup(fc->return_var, &vu->ctx);
        char *copy = xstrdup(value);    /* value may move when the map grows */
        strmap_set(&vu->vars, ret, copy);
        free(copy);
        free(ret);
        return false;
    }
    return gc_is_done(vu, node);
}

static void foreach_re_initialize(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->first = true;
    v_reset_current(vu, node);
    st->loop_count++;
}

static struct next_item foreach_next(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    const char *idx = ((const struct plan_foreach_controller *)node->data)->idx_var;
    ctl_update_iteration_index(vu, idx, st->loop_count);
    struct next_item it;
    if (st->break_loop || !foreach_has_next_value(vu, node)) {
        st->break_loop = false;
        v_re_initialize(vu, node);
        foreach_reset_loop_count(vu, node);
        it = NEXT_NONE;
    } else {
        it = gc_next(vu, node);
    }
    ctl_update_iteration_index(vu, idx, st->loop_count);
    return it;
}

static struct next_item foreach_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    v_re_initialize(vu, node);
    if (st->break_loop || !foreach_has_next_value(vu, node) ||
        st->loop_count >= foreach_end(vu, node)) {
        st->break_loop = false;
        foreach_reset_loop_count(vu, node);
        return NEXT_NONE;
    }
    return v_next(vu, node);
}

static int foreach_iter_count(struct vu *vu, node_t *node)
{
    return ctl_state_of(vu, node)->loop_count + 1;
}

static void foreach_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    gc_trigger_end_of_loop(vu, node);
    foreach_reset_loop_count(vu, node);
}

static void foreach_initialize(struct vu *vu, node_t *node)
{
    gc_initialize(vu, node);
    foreach_reset_loop_count(vu, node);
}

static void foreach_break_loop(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->break_loop = true;
    st->first = true;
    v_reset_current(vu, node);
    foreach_reset_loop_count(vu, node);
}

static void foreach_iteration_start(struct vu *vu, node_t *node, node_t *source, int iteration)
{
    v_re_initialize(vu, node);
    foreach_reset_loop_count(vu, node);
}

const struct ctl_class ctl_foreach_class = {
    .next = foreach_next,
    .is_done = foreach_is_done,
    .next_is_null = foreach_next_is_null,
    .re_initialize = foreach_re_initialize,
    .initialize = foreach_initialize,
    .trigger_end_of_loop = foreach_trigger_end_of_loop,
    .iteration_start = foreach_iteration_start,
    .iter_count = foreach_iter_count,
    .break_loop = foreach_break_loop,
    .start_next_loop = foreach_re_initialize,
};

/* --------------------------------------------------------- Runtime Controller */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t runtime_seconds(struct vu *vu, node_t *node)
{
    long long s;
    ctl_eval_long(vu, ((const struct plan_runtime_controller *)node->data)->seconds, &s);
    return s;
}

static bool runtime_end_of_loop(struct vu *vu, node_t *node)
{
    return (now_ns() - ctl_state_of(vu, node)->start_ns) / 1000000000 >= runtime_seconds(vu, node);
}

static void runtime_reset_loop_count(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->loop_count = 0;
    st->start_ns = 0;
}

static void runtime_re_initialize(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->first = true;
    v_reset_current(vu, node);
    st->loop_count++;
}

static bool runtime_is_done(struct vu *vu, node_t *node)
{
    if (runtime_seconds(vu, node) > 0 && ctl_state_of(vu, node)->n_children > 0)
        return gc_is_done(vu, node);
    return true;
}

static struct next_item runtime_next(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->start_ns == 0)
        st->start_ns = now_ns();
    if (runtime_end_of_loop(vu, node)) {
        v_re_initialize(vu, node);
        runtime_reset_loop_count(vu, node);
        return NEXT_NONE;
    }
    return gc_next(vu, node);
}

static struct next_item runtime_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    v_re_initialize(vu, node);
    if (runtime_end_of_loop(vu, node)) {
        runtime_reset_loop_count(vu, node);
        return NEXT_NONE;
    }
    return v_next(vu, node);
}

static int runtime_iter_count(struct vu *vu, node_t *node)
{
    return ctl_state_of(vu, node)->loop_count + 1;
}

static void runtime_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    gc_trigger_end_of_loop(vu, node);
    runtime_reset_loop_count(vu, node);
}

const struct ctl_class ctl_runtime_class = {
    .next = runtime_next,
    .is_done = runtime_is_done,
    .next_is_null = runtime_next_is_null,
    .re_initialize = runtime_re_initialize,
    .trigger_end_of_loop = runtime_trigger_end_of_loop,
    .iter_count = runtime_iter_count,
};

/* A pooled arrivals user starts over: its thread group runs its children again
 * from the first iteration, as the plugin's VirtualUserController does. */
void ctl_thread_group_rearm(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    st->break_loop = false;
    loop_reset_loop_count(vu, node);
    ctl_initialize(vu, node);
}
