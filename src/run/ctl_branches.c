/* ctl_branches.c - controllers that decide whether (or which) children run,
 * ported from JMeter: If, Switch, Once Only and Throughput. */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "ctl.h"
#include "jmx2run/cond.h"

/* --------------------------------------------------------------- If Controller */

static bool if_condition(struct vu *vu, const struct plan_if_controller *ic)
{
    char *raw = tmpl_eval_dup(ic->condition, &vu->ctx);
    char *cond = ctl_java_trim_dup(raw);
    bool result;
    if (ic->use_expression) {
        result = str_ieq(cond, "true");
    } else {
        /* JavaScript mode: the result must print exactly "true" or "false";
         * anything else (an error included) counts as false */
        struct strbuf out;
        strbuf_init(&out);
        result = cond_eval_string(cond, COND_JAVASCRIPT_IF, &vu->ctx, &out) && str_eq(out.s, "true");
        strbuf_free(&out);
    }
    free(raw);
    free(cond);
    return result;
}

static bool if_is_done(struct vu *vu, node_t *node)
{
    return false;
}

static struct next_item if_next(struct vu *vu, node_t *node)
{
    const struct plan_if_controller *ic = node->data;
    struct ctl_state *st = ctl_state_of(vu, node);
    bool result = true;
    if (ic->evaluate_all || st->first)
        result = if_condition(vu, ic);
    if (result)
        return gc_next(vu, node);
    gc_initialize_sub_controllers(vu, node);
    bool thrown = false;
    struct next_item it = v_next_is_null(vu, node, &thrown);
    return thrown ? NEXT_NONE : it;
}

static void if_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    gc_initialize_sub_controllers(vu, node);
    gc_trigger_end_of_loop(vu, node);
}

const struct ctl_class ctl_if_class = {
    .next = if_next,
    .is_done = if_is_done,
    .trigger_end_of_loop = if_trigger_end_of_loop,
};

/* ----------------------------------------------------------- Switch Controller */

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static int64_t switch_selection(struct vu *vu, node_t *node)
{
    const struct plan_switch_controller *sc = node->data;
    char *raw = tmpl_eval_dup(sc->value, &vu->ctx);
    char *sel = ctl_java_trim_dup(raw);
    free(raw);
    int64_t n = ctl_state_of(vu, node)->n_children;
    int64_t result;
    long long v;
    if (!*sel) {
        result = 0;
    } else if (all_digits(sel) && str_parse_ll(sel, &v) && v <= INT_MAX) {
        result = (v < 0 || v >= n) ? 0 : v;
    } else {
        int64_t default_pos = INT_MAX;
        result = -1;
        for (int64_t i = 0; i < n && result < 0; i++) {
            node_t *child = ctl_child(vu, node, i);
            if (str_eq(child->name, sel))
                result = i;
            else if (str_ieq(child->name, "default"))
                default_pos = i;
        }
        if (result < 0)
            result = default_pos;
    }
    free(sel);
    return result;
}

static struct next_item switch_next(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->first)
        st->current = switch_selection(vu, node);
    return gc_next(vu, node);
}

static void switch_increment_current(struct vu *vu, node_t *node)
{
    ctl_state_of(vu, node)->current = INT_MAX;
}

const struct ctl_class ctl_switch_class = {
    .next = switch_next,
    .increment_current = switch_increment_current,
};

/* --------------------------------------------------------- Once Only Controller */

static bool is_loop_controller(node_t *node)
{
    return node->kind == PK_LOOP_CONTROLLER || node->role == ROLE_THREAD_GROUP;
}

static void once_only_iteration_start(struct vu *vu, node_t *node, node_t *source, int iteration)
{
    int first_iteration = is_loop_controller(source) ? 1 : 0;
    if (iteration == first_iteration)
        v_re_initialize(vu, node);
}

static struct next_item once_only_next_is_null(struct vu *vu, node_t *node, bool *thrown)
{
    return NEXT_NONE;   /* no re-initialisation: stays exhausted until the next first pass */
}

const struct ctl_class ctl_once_only_class = {
    .next_is_null = once_only_next_is_null,
    .iteration_start = once_only_iteration_start,
};

/* ------------------------------------------------------- Throughput Controller */

/* Counters shared by every user of a group when perThread is false. */
struct throughput_shared {
    pthread_mutex_t lock;
    int executions;
    int iteration;
};

static pthread_mutex_t shared_table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct throughput_shared **shared_table;
static size_t shared_table_len;

static struct throughput_shared *shared_counters(node_t *node)
{
    pthread_mutex_lock(&shared_table_lock);
    if (node->id >= shared_table_len) {
        size_t len = node->id + 64;
        shared_table = xrealloc(shared_table, len * sizeof(*shared_table));
        memset(shared_table + shared_table_len, 0, (len - shared_table_len) * sizeof(*shared_table));
        shared_table_len = len;
    }
    struct throughput_shared *s = shared_table[node->id];
    if (!s) {
        s = xcalloc(1, sizeof *s);
        pthread_mutex_init(&s->lock, NULL);
        s->iteration = -1;
        shared_table[node->id] = s;
    }
    pthread_mutex_unlock(&shared_table_lock);
    return s;
}

void ctl_throughput_reset_shared(void)
{
    pthread_mutex_lock(&shared_table_lock);
    for (size_t i = 0; i < shared_table_len; i++)
        if (shared_table[i]) {
            pthread_mutex_destroy(&shared_table[i]->lock);
            free(shared_table[i]);
        }
    free(shared_table);
    shared_table = NULL;
    shared_table_len = 0;
    pthread_mutex_unlock(&shared_table_lock);
}

static int throughput_max(struct vu *vu, const struct plan_throughput_controller *tc)
{
    long long v;
    if (!ctl_eval_int(vu, tc->max_throughput, &v))
        return 1;   /* JMeter: unparseable -> 1 */
    return (int)v;
}

static float throughput_percent(struct vu *vu, const struct plan_throughput_controller *tc)
{
    char *s = tmpl_eval_dup(tc->percent, &vu->ctx);
    double d;
    float f = str_parse_double(s, &d) ? (float)d : 100.0f;
    free(s);
    return f;
}

static bool throughput_decide(struct vu *vu, const struct plan_throughput_controller *tc,
                              int executions, int iterations)
{
    if (tc->style == THROUGHPUT_TOTAL)
        return executions < throughput_max(vu, tc);
    return (100.0 * executions + 50.0) / (iterations + 1) < throughput_percent(vu, tc);
}

static int throughput_executions(struct vu *vu, node_t *node)
{
    const struct plan_throughput_controller *tc = node->data;
    if (tc->per_thread)
        return ctl_state_of(vu, node)->tp_executions;
    struct throughput_shared *s = shared_counters(node);
    pthread_mutex_lock(&s->lock);
    int e = s->executions;
    pthread_mutex_unlock(&s->lock);
    return e;
}

static struct next_item throughput_next(struct vu *vu, node_t *node)
{
    if (ctl_state_of(vu, node)->run_this_time)
        return gc_next(vu, node);
    return NEXT_NONE;
}

static bool throughput_is_done(struct vu *vu, node_t *node)
{
    const struct plan_throughput_controller *tc = node->data;
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->n_children == 0)
        return true;
    if (tc->style == THROUGHPUT_TOTAL) {
        int max = throughput_max(vu, tc);
        return (throughput_executions(vu, node) >= max && st->current >= st->n_children) || max == 0;
    }
    return throughput_percent(vu, tc) == 0.0f;
}

static void throughput_iteration_start(struct vu *vu, node_t *node, node_t *source, int iteration)
{
    const struct plan_throughput_controller *tc = node->data;
    struct ctl_state *st = ctl_state_of(vu, node);
    if (!tc->per_thread) {
        struct throughput_shared *s = shared_counters(node);
        pthread_mutex_lock(&s->lock);
        s->iteration++;
        st->run_this_time = throughput_decide(vu, tc, s->executions, s->iteration);
        if (st->run_this_time)
            s->executions++;
        pthread_mutex_unlock(&s->lock);
    } else {
        st->tp_iteration++;
        st->run_this_time = throughput_decide(vu, tc, st->tp_executions, st->tp_iteration);
        if (st->run_this_time)
            st->tp_executions++;
    }
}

static void throughput_initialize(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (!st->initialized)
        st->tp_iteration = -1;
    gc_initialize(vu, node);
}

const struct ctl_class ctl_throughput_class = {
    .next = throughput_next,
    .is_done = throughput_is_done,
    .initialize = throughput_initialize,
    .iteration_start = throughput_iteration_start,
};
