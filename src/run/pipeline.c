/* pipeline.c - one sampler's trip through the thread, as JMeter's
 * processSampler / executeSamplePackage do it:
 *
 *   transaction wrappers -> pre-processors -> timers (one summed wait)
 *   -> the sample -> thread counts -> post-processors -> assertions
 *   -> listeners (results, transactions, Result Status Action Handler)
 *   -> stop and loop actions
 *
 * The two waits (timers, sample) return to the worker's loop; the stage
 * functions pick up where they left off. */
#include <stdlib.h>
#include <string.h>
#include "ctl.h"
#include "pipeline.h"
#include "transaction.h"

enum stage { STAGE_IDLE, STAGE_TIMERS, STAGE_SAMPLING };

static void set_last_sample_ok(struct vu *vu, bool ok)
{
    strmap_set(&vu->vars, "JMeterThread.last_sample_ok", ok ? "true" : "false");
}

static void fill_thread_information(struct vu *vu, struct sample *s)
{
    s->grp_threads = atomic_load(&vu->group->active);
    s->all_threads = atomic_load(&vu->engine->all_active);
    s->thread_name = vu->thread_name;
    for (size_t i = 0; i < s->n_subs; i++)
        fill_thread_information(vu, s->subs[i]);
}

static void check_assertions(struct vu *vu, struct plan_node *const *asserts, size_t n,
                             struct sample *s)
{
    for (size_t i = 0; i < n; i++)
        if (asserts[i]->kind != PK_UNSUPPORTED)
            assertion_run(vu, asserts[i], s);
    set_last_sample_ok(vu, s->success);
}

/* ------------------------------------------------------------- transactions */

struct sample *pipeline_end_transaction(struct vu *vu, struct tsampler *ts, struct tsampler *parent)
{
    struct sample *res = ts->result;
    if (!res)
        return NULL;
    ts->result = NULL;
    fill_thread_information(vu, res);
    const struct plan_scope *scope = ts->tc->scope;
    if (scope)
        check_assertions(vu, scope->assertions, scope->n_assertions, res);
    if (parent)
        return res;
    /* the enclosing non-parent Transaction Controllers count it like any sample */
    for (const struct plan_node *p = ts->tc->parent; p && p->role != ROLE_TEST_PLAN; p = p->parent)
        if (p->kind == PK_TRANSACTION_CONTROLLER)
            transaction_sample_occurred(vu, p, res);
    results_submit(vu->engine, vu->worker, res, &vu->vars);
    return NULL;
}

void transaction_emit(struct vu *vu, const struct plan_node *tc, struct sample *s)
{
    fill_thread_information(vu, s);
    results_submit(vu->engine, vu->worker, s, &vu->vars);
}

void pipeline_detach_tsampler(struct vu *vu, struct tsampler *ts)
{
    struct pipeline_user *pu = pipeline_user_of(vu);
    ptrvec_push(&pu->detached, ts);
}

void pipeline_free_detached(struct vu *vu)
{
    struct pipeline_user *pu = pipeline_user_of(vu);
    for (size_t i = 0; i < pu->detached.len; i++)
        tsampler_free(pu->detached.items[i]);
    pu->detached.len = 0;
}

/* JMeter's checks at the end of processSampler, for one nesting level
 * (level -1: a sampler outside any parent-mode transaction). */
static struct sample *level_tail(struct vu *vu, int level, struct sample *transaction_result)
{
    if (vu->end_mono_ms && clock_mono_ms() > vu->end_mono_ms)
        vu->running = false;
    if (!vu->running && !transaction_result && level >= 0) {
        struct tsampler *parent = level > 0 ? vu->ts_chain[level - 1] : NULL;
        transaction_result = pipeline_end_transaction(vu, vu->ts_chain[level], parent);
    }
    return transaction_result;
}

/* Unwinds the wrappers from `level` (whose processing just ended with
 * result r) out to the thread. */
static void unwind(struct vu *vu, int level, struct sample *r)
{
    r = level_tail(vu, level, r);
    for (int lv = level - 1; lv >= 0; lv--) {
        if (r)
            tsampler_add_result(vu->ts_chain[lv], r);
        r = level_tail(vu, lv, NULL);
    }
    if (r && level >= 0)
        sample_free(r);   /* only reachable when no parent took it; never expected */
    vu->ts_depth = 0;
}

/* ------------------------------------------------------------- the sampler */

static void notify_transactions(struct vu *vu, const struct sample *s)
{
    for (const struct plan_node *p = vu->sampler->parent; p && p->role != ROLE_TEST_PLAN; p = p->parent)
        if (p->kind == PK_TRANSACTION_CONTROLLER)
            transaction_sample_occurred(vu, p, s);
}

static bool in_scope_of(const struct plan_node *listener, const struct plan_scope *scope)
{
    for (size_t i = 0; scope && i < scope->n_listeners; i++)
        if (scope->listeners[i] == listener)
            return true;
    return false;
}

static void apply_result_actions(struct vu *vu, struct sample *s, bool *stop_thread,
                                 bool *stop_test, bool *stop_now)
{
    const struct plan_scope *scope = vu->sampler->scope;
    const struct plan_scope *tx_scope = vu->sampler_ts ? vu->sampler_ts->tc->scope : NULL;
    for (size_t i = 0; scope && i < scope->n_listeners; i++) {
        const struct plan_node *l = scope->listeners[i];
        if (l->kind != PK_RESULT_ACTION || in_scope_of(l, tx_scope))
            continue;
        switch (result_action_of(l, s)) {
        case RESULT_ACTION_CONTINUE: break;
        case RESULT_ACTION_STOP_THREAD: *stop_thread = true; break;
        case RESULT_ACTION_STOP_TEST: *stop_test = true; break;
        case RESULT_ACTION_STOP_TEST_NOW: *stop_now = true; break;
        case RESULT_ACTION_START_NEXT_THREAD_LOOP:
            vu->action = ACTION_START_NEXT_ITERATION_OF_THREAD;
            break;
        case RESULT_ACTION_START_NEXT_ITERATION:
            vu->action = ACTION_START_NEXT_ITERATION_OF_CURRENT_LOOP;
            break;
        case RESULT_ACTION_BREAK_LOOP:
            vu->action = ACTION_BREAK_CURRENT_LOOP;
            break;
        }
    }
}

static void finish_sample(struct vu *vu, struct sample *s)
{
    const struct plan_scope *scope = vu->sampler->scope;
    fill_thread_information(vu, s);
    struct pipeline_user *pu = pipeline_user_of(vu);
    if (pu->intended_mono_ms)
        s->intended_start_ms = run_mono_to_epoch_ms(pu->intended_mono_ms);
    pu->intended_mono_ms = 0;
    for (size_t i = 0; scope && i < scope->n_post; i++)
        if (scope->post[i]->kind != PK_UNSUPPORTED && !postprocessor_run(vu, scope->post[i], s)) {
            /* JMeter stops processing this sample: no assertions, no listeners */
            sample_free(s);
            return;
        }
    if (scope)
        check_assertions(vu, scope->assertions, scope->n_assertions, s);
    else
        set_last_sample_ok(vu, s->success);

    bool stop_thread = false, stop_test = false, stop_now = false;
    notify_transactions(vu, s);
    apply_result_actions(vu, s, &stop_thread, &stop_test, &stop_now);
    bool success = s->success;
    if (vu->sampler_ts)
        tsampler_add_result(vu->sampler_ts, s);
    else
        results_submit(vu->engine, vu->worker, s, &vu->vars);

    const struct group_run *g = vu->group;
    if (stop_thread || (!success && g->on_error_stop_thread))
        vu->running = false;
    if (stop_test || (!success && g->on_error_stop_test))
        run_stop_test(vu->engine, false);
    if (stop_now || (!success && g->on_error_stop_test_now))
        run_stop_test(vu->engine, true);
}

/* The sample is over (or was never taken): post-processing, then unwind. */
void pipeline_sample_finished(struct vu *vu, struct sample *s)
{
    struct pipeline_user *pu = pipeline_user_of(vu);
    pu->stage = STAGE_IDLE;
    if (s)
        finish_sample(vu, s);
    unwind(vu, vu->ts_depth - 1, NULL);
    vu->sampler = NULL;
    vu->sampler_ts = NULL;
    if (pu->waiting) {
        pu->waiting = false;
        vu_item_done(vu);
    }
}

static void start_sampling(struct vu *vu)
{
    struct pipeline_user *pu = pipeline_user_of(vu);
    /* a stop of the test (an action, an error policy) may come while the user
     * waits in a timer: no new sample once it has */
    if (atomic_load(&vu->engine->stop_graceful))
        vu->running = false;
    if (!vu->running) {
        pipeline_sample_finished(vu, NULL);
        return;
    }
    pu->stage = STAGE_SAMPLING;
    sampler_start(vu);
}

static void timers_elapsed(struct loop *loop, void *arg)
{
    start_sampling(arg);
}

/* Pre-processors and timers; then the sample. */
static void run_sampler(struct vu *vu, const struct plan_node *sampler, struct tsampler *ts)
{
    struct pipeline_user *pu = pipeline_user_of(vu);
    vu->sampler = sampler;
    vu->sampler_ts = ts;
    const struct plan_scope *scope = sampler->scope;
    /* a label without ${} is its text: no evaluation, no copy per sample */
    if (sampler->label->is_literal) {
        pu->sampler_name = sampler->label->source;
    } else {
        strbuf_reset(&pu->sampler_name_buf);
        tmpl_eval(sampler->label, &vu->ctx, &pu->sampler_name_buf);
        pu->sampler_name = pu->sampler_name_buf.cap ? pu->sampler_name_buf.s : "";
    }
    vu->ctx.sampler_name = pu->sampler_name;
    for (size_t i = 0; scope && i < scope->n_pre; i++)
        pipeline_pre_processor(vu, scope->pre[i]);

    int64_t total = 0;
    const struct plan_node *rendezvous = NULL;
    vu->intended_mono_ms = 0;
    for (size_t i = 0; scope && i < scope->n_timers; i++)
        if (scope->timers[i]->kind != PK_UNSUPPORTED)
            total += timer_delay_ms(vu, scope->timers[i], &rendezvous);
    /* When the sample should have started: a pacing timer's slot, or the
     * arrival time plus the timers for an arrival's first sample. The sample
     * keeps it, to measure coordinated omission. */
    if (vu->intended_mono_ms)
        pu->intended_mono_ms = vu->intended_mono_ms;
    else if (vu->arrival_mono_ms)
        pu->intended_mono_ms = vu->arrival_mono_ms + total;
    else
        pu->intended_mono_ms = 0;
    vu->intended_mono_ms = vu->arrival_mono_ms = 0;
    pu->stage = STAGE_TIMERS;
    if (rendezvous && !sync_timer_arrive(vu, rendezvous)) {
        /* woken by the barrier's release; the summed delay then applies */
        pu->pending_delay = total;
        pu->at_barrier = true;
        return;
    }
    pipeline_wait_then_sample(vu, total);
}

void pipeline_wait_then_sample(struct vu *vu, int64_t total)
{
    if (total > 0) {
        int64_t now = clock_mono_ms();
        if (vu->end_mono_ms && now + total > vu->end_mono_ms) {
            /* the pause would end after the scheduled end: stop now instead */
            vu->running = false;
            pipeline_sample_finished(vu, NULL);
            return;
        }
        vu->timer.fn = timers_elapsed;
        vu->timer.arg = vu;
        loop_timer_after(vu->worker->loop, &vu->timer, total);   /* to the µs: see loop.h */
        return;
    }
    start_sampling(vu);
}

void pipeline_barrier_released(struct vu *vu)
{
    struct pipeline_user *pu = pipeline_user_of(vu);
    if (!pu->at_barrier)
        return;
    pu->at_barrier = false;
    pipeline_wait_then_sample(vu, pu->pending_delay);
}

enum pipeline_status pipeline_process_item(struct vu *vu)
{
    struct pipeline_user *pu = pipeline_user_of(vu);
    vu->ts_depth = 0;
    const struct plan_node *sampler = vu->item.sampler;
    struct tsampler *inner = NULL;
    if (vu->item.ts) {
        for (struct tsampler *ts = vu->item.ts; ts; ts = ts->done ? NULL : ts->sub_ts) {
            if (vu->ts_depth == (int)ARRAY_LEN(vu->ts_chain))
                break;
            vu->ts_chain[vu->ts_depth++] = ts;
        }
        inner = vu->ts_chain[vu->ts_depth - 1];
        if (inner->done || !inner->sub_sampler) {
            struct tsampler *parent = vu->ts_depth >= 2 ? vu->ts_chain[vu->ts_depth - 2] : NULL;
            struct sample *r = inner->done ? pipeline_end_transaction(vu, inner, parent) : NULL;
            unwind(vu, vu->ts_depth - 1, r);
            return PIPELINE_DONE;
        }
        sampler = inner->sub_sampler;
    }
    pu->waiting = false;
    run_sampler(vu, sampler, inner);
    if (pu->stage == STAGE_IDLE && !vu->sampler)
        return PIPELINE_DONE;   /* everything happened synchronously */
    pu->waiting = true;
    vu->state = VU_SAMPLING;
    return PIPELINE_WAITING;
}

static void yield_elapsed(struct loop *loop, void *arg)
{
    vu_continue(arg);
}

void pipeline_yield(struct vu *vu)
{
    vu->state = VU_WAITING;
    vu->timer.fn = yield_elapsed;
    vu->timer.arg = vu;
    loop_timer_at(vu->worker->loop, &vu->timer, clock_mono_ms() + 1);
}
