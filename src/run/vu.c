/* vu.c - one virtual user: JMeter's JMeterThread as a state machine.
 *
 * vu_continue() is the thread's run loop: ask the thread group for the next
 * sampler, process it, apply loop actions and error policies, repeat. It runs
 * synchronously on the user's worker until something must wait (a timer sum,
 * a request in flight, a pause, a lock); the worker calls back into
 * vu_resume_pipeline() or vu_sample_done() and the walk goes on from there.
 *
 * The per-sampler pipeline (executeSamplePackage in JMeter) is split at its
 * two waits:   pre-processors, timers | sample | post-processors, assertions,
 * listeners, error policy. Parent-mode Transaction Controllers wrap samplers
 * (struct tsampler); their chain is kept in vu->ts_chain while a sample runs. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "csv.h"
#include "ctl.h"
#include "locks.h"
#include "pipeline.h"
#include "transaction.h"

static const struct plan_node *group_node(struct vu *vu)
{
    return vu->group->node;
}

static void set_last_sample_ok(struct vu *vu, bool ok)
{
    strmap_set(&vu->vars, "JMeterThread.last_sample_ok", ok ? "true" : "false");
}

/* ------------------------------------------------------------------ life cycle */

struct vu *vu_new(struct engine *e, struct group_run *g, int thread_num)
{
    struct vu *vu = xcalloc(1, sizeof *vu);
    vu->engine = e;
    vu->group = g;
    vu->thread_num = thread_num;
    vu->thread_name = arena_printf(e->names, "%s %d-%d", g->name, g->group_number, thread_num);
    vu->slots = xcalloc(e->plan->n_slots ? e->plan->n_slots : 1, sizeof(struct ctl_state));
    strmap_init(&vu->vars);
    strmap_init(&vu->user_state);
    strmap_copy(&vu->vars, &e->initial_vars);
    expr_ctx_init(&vu->ctx, &e->env, &vu->vars);
    vu->ctx.user_state = &vu->user_state;
    vu->ctx.thread_num = thread_num;
    vu->ctx.thread_group_name = g->name;
    vu->ctx.thread_name = vu->thread_name;
    uint64_t seed = ((uint64_t)g->group_number << 40) ^ ((uint64_t)thread_num << 8) ^
                    (uint64_t)clock_mono_us() ^ (uint64_t)(uintptr_t)vu;
    expr_ctx_seed(&vu->ctx, seed);
    loop_timer_init(&vu->timer, NULL, vu);
    return vu;
}

void vu_free(struct vu *vu)
{
    if (!vu)
        return;
    for (size_t i = 0; i < vu->engine->plan->n_nodes; i++) {
        const struct plan_node *n = vu->engine->plan->nodes[i];
        if (n->slot >= 0) {
            struct ctl_state *st = &vu->slots[n->slot];
            free(st->order);
            sample_free(st->tc_result);
            tsampler_free(st->ts);
        }
    }
    pipeline_free_detached(vu);
    free(vu->slots);
    strmap_free(&vu->vars);
    strmap_free(&vu->user_state);
    pipeline_user_free(vu);
    pacing_free_user(vu);
    free(vu);
}

static void put_start_variables(struct vu *vu)
{
    struct engine *e = vu->engine;
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)e->test_start_epoch_ms);
    strmap_set(&vu->vars, "TESTSTART.MS", buf);
    set_last_sample_ok(vu, true);
}

static void release_controllers(struct vu *vu)
{
    const struct plan *plan = vu->engine->plan;
    for (size_t i = 0; i < plan->n_nodes; i++)
        ctl_release(vu, plan->nodes[i]);
    locks_forget_user(vu);
}

/* An arrivals-group user that ran its iteration waits for the next arrival
 * instead of ending (the plugin's thread pool); it does not count as active
 * meanwhile. Returns false when the user is not one to pool. */
static bool park(struct vu *vu)
{
    struct engine *e = vu->engine;
    if (!group_pools_users(vu->group) || atomic_load(&e->stop_graceful) ||
        !ctl_is_done(vu, group_node(vu)))
        return false;
    release_controllers(vu);
    if (vu->counted_active)
        group_thread_finished(e, vu->group);
    vu->counted_active = false;
    vu->state = VU_POOLED;
    /* last: once pooled, the engine may hand the user its next arrival */
    if (!group_pool_user(vu->group, vu))
        vu_release_from_pool(vu);   /* the group takes no more arrivals */
    return true;
}

static void finish(struct vu *vu)
{
    if (vu->state == VU_FINISHED || vu->state == VU_POOLED)
        return;
    if (park(vu))
        return;
    release_controllers(vu);
    csv_user_finished(vu);
    vu->state = VU_FINISHED;
    if (vu->counted_active)
        group_thread_finished(vu->engine, vu->group);
    vu->counted_active = false;
    worker_user_finished(vu->worker, vu);
}

void vu_release_from_pool(struct vu *vu)
{
    if (vu->state != VU_POOLED)
        return;
    loop_timer_cancel(vu->worker->loop, &vu->timer);
    vu->running = false;
    csv_user_finished(vu);
    vu->state = VU_FINISHED;
    worker_user_finished(vu->worker, vu);
}

/* The pooled user's next arrival: the thread group runs its children again. */
void vu_restart(struct vu *vu)
{
    if (vu->state != VU_POOLED)
        return;
    if (atomic_load(&vu->engine->stop_graceful)) {
        vu_release_from_pool(vu);
        return;
    }
    vu->running = true;
    vu->state = VU_READY;
    vu->counted_active = true;
    group_thread_started(vu->engine, vu->group);
    set_last_sample_ok(vu, true);
    ctl_thread_group_rearm(vu, group_node(vu));
    vu_continue(vu);
}

void vu_start(struct vu *vu)
{
    vu->running = true;
    vu->state = VU_READY;
    vu->counted_active = true;
    group_thread_started(vu->engine, vu->group);
    put_start_variables(vu);
    ctl_initialize(vu, group_node(vu));
    pipeline_thread_started(vu);
    vu_continue(vu);
}

/* ---------------------------------------------------- iteration listeners */

void vu_fire_iteration_listeners(struct vu *vu, const struct plan_node *node, int iteration)
{
    /* the thread's own listener was registered last, so it fires first */
    if (node == group_node(vu)) {
        vu->iteration++;
        pipeline_thread_iteration_start(vu);
    }
    for (size_t i = 0; i < node->n_on_iteration; i++) {
        const struct plan_node *l = node->on_iteration[i];
        if (ctl_is_controller(l))
            ctl_iteration_start(vu, l, node, iteration);
        else
            pipeline_config_iteration_start(vu, l);
    }
}

/* ------------------------------------------------------------ loop actions */

/* Controllers from the sampler up to the thread group (JMeter's
 * FindTestElementsUpToRootTraverser.getControllersToRoot). */
static size_t controllers_to_root(const struct plan_node *sampler, const struct plan_node **out,
                                  size_t max)
{
    size_t n = 0;
    for (const struct plan_node *p = sampler->parent; p && n < max; p = p->parent) {
        if (p->role == ROLE_TEST_PLAN)
            break;
        out[n++] = p;
        if (p->role == ROLE_THREAD_GROUP)
            break;
    }
    return n;
}

static const struct plan_node *real_sampler(struct next_item it)
{
    if (it.sampler)
        return it.sampler;
    for (struct tsampler *ts = it.ts; ts; ts = ts->sub_ts) {
        if (ts->sub_sampler)
            return ts->sub_sampler;
        if (!ts->sub_ts)
            return ts->tc;   /* a finished transaction: its controller stands in */
    }
    return NULL;
}

static void apply_loop_action(struct vu *vu, enum logical_action action)
{
    const struct plan_node *sampler = real_sampler(vu->item);
    if (!sampler)
        return;
    const struct plan_node *path[512];
    size_t n = controllers_to_root(sampler, path, 512);
    for (size_t i = 0; i < n; i++) {
        const struct plan_node *c = path[i];
        bool is_tg = c->role == ROLE_THREAD_GROUP;
        switch (action) {
        case ACTION_START_NEXT_ITERATION_OF_THREAD:
            if (is_tg)
                ctl_start_next_loop(vu, c);
            else
                ctl_trigger_end_of_loop(vu, c);
            break;
        case ACTION_START_NEXT_ITERATION_OF_CURRENT_LOOP:
            if (is_tg) {
                ctl_start_next_loop(vu, c);
            } else if (ctl_is_iterating(c)) {
                ctl_start_next_loop(vu, c);
                i = n;
            } else {
                ctl_trigger_end_of_loop(vu, c);
            }
            break;
        case ACTION_BREAK_CURRENT_LOOP:
            if (is_tg) {
                ctl_break_loop(vu, c);
            } else if (ctl_is_iterating(c)) {
                ctl_break_loop(vu, c);
                i = n;
            } else {
                ctl_trigger_end_of_loop(vu, c);
            }
            break;
        case ACTION_CONTINUE:
            break;
        }
    }
    /* bug 52968: an open parent-mode transaction is still reported */
    if (vu->item.ts)
        pipeline_end_transaction(vu, vu->item.ts, NULL);
    pipeline_free_detached(vu);
}

/* After a sampler was processed: JMeter's checks between two next() calls. */
static void after_item(struct vu *vu)
{
    bool last_ok = str_eq(strmap_get(&vu->vars, "JMeterThread.last_sample_ok"), "true");
    enum logical_action action = vu->action;
    if (action != ACTION_CONTINUE || (vu->group->on_error_start_next_loop && !last_ok)) {
        if (vu->group->on_error_start_next_loop && !last_ok)
            action = ACTION_START_NEXT_ITERATION_OF_THREAD;
        apply_loop_action(vu, action);
        vu->action = ACTION_CONTINUE;
        set_last_sample_ok(vu, true);
        vu->item = NEXT_NONE;
        if (ctl_is_done(vu, group_node(vu)))
            vu->running = false;
        return;
    }
    vu->item = NEXT_NONE;
}

/* ------------------------------------------------------------------ the walk */

#define MAX_EMPTY_NEXTS 1000

void vu_continue(struct vu *vu)
{
    int empty_nexts = 0;
    vu->state = VU_READY;
    for (;;) {
        if (atomic_load(&vu->engine->stop_graceful) || atomic_load(&vu->engine->stop_now))
            vu->running = false;
        if (!vu->running) {
            finish(vu);
            return;
        }
        struct next_item it = ctl_next(vu, group_node(vu));
        if (it.wait) {
            vu->state = VU_WAITING;   /* woken by the lock's release */
            return;
        }
        if (next_is_none(it)) {
            if (ctl_is_done(vu, group_node(vu))) {
                vu->running = false;
                continue;
            }
            if (++empty_nexts >= MAX_EMPTY_NEXTS) {
                /* JMeter would spin here; let the worker breathe */
                pipeline_yield(vu);
                return;
            }
            continue;
        }
        empty_nexts = 0;
        if (!vu->running)
            continue;   /* stopped while choosing (a CSV file at its end): JMeter never samples it */
        vu->item = it;
        if (pipeline_process_item(vu) == PIPELINE_WAITING)
            return;
        after_item(vu);
    }
}

/* Called by the pipeline when an item that had to wait is fully processed. */
void vu_item_done(struct vu *vu)
{
    after_item(vu);
    vu_continue(vu);
}

void vu_wake(struct vu *vu)
{
    worker_resume(vu->worker, vu);
}

void vu_detach_tsampler(struct vu *vu, struct tsampler *ts)
{
    pipeline_detach_tsampler(vu, ts);
}
