/* ctl_transaction.c - Transaction Controller, ported from JMeter (digest §4.1).
 *
 * Without "generate parent sample" it lets its children run as usual, adds up
 * their results as they finish (vu.c calls transaction_sample_occurred) and
 * emits one extra sample when it runs out of children. With it, next() wraps
 * every child sampler in a tsampler; the thread records the children as
 * sub-results of the transaction sample, emitted when the wrapper is done. */
#include <stdlib.h>
#include "ctl.h"
#include "transaction.h"

#define TX_PREFIX "Number of samples in transaction : "

static const struct plan_transaction_controller *tc_of(node_t *node)
{
    return node->data;
}

static void set_message(struct sample *s, int calls, int failing)
{
    free(s->response_message);
    s->response_message = xasprintf(TX_PREFIX "%d, number of failing samples : %d", calls, failing);
}

static void set_code_ok(struct sample *s)
{
    free(s->response_code);
    s->response_code = xstrdup("200");
}

static struct sample *new_transaction_sample(struct vu *vu, node_t *node)
{
    struct sample *s = sample_new();
    char *label = tmpl_eval_dup(node->label, &vu->ctx);
    sample_set_label(s, label);
    free(label);
    s->origin = SAMPLE_FROM_TRANSACTION;
    s->start_ms = run_now_ms(vu->engine);
    /* no thread name yet: the children's samples bring it (non-parent mode), the thread
     * fills it in when it ends the transaction (parent mode) */
    s->response_code = xstrdup("");
    s->response_message = xstrdup("");
    return s;
}

static void sample_end(struct vu *vu, struct sample *s)
{
    s->end_ms = run_now_ms(vu->engine);
    s->elapsed_ms = s->end_ms - s->start_ms - s->idle_ms;
}

/* JMeter's TransactionController.notifyListeners: the sample goes to the listeners of the
 * package of the last sampler this thread ran, as is (thread name and counts come from
 * the children that reported to it); before any sampler ran there is no package and the
 * sample is dropped. */
static void notify_listeners(struct vu *vu, struct sample *res)
{
    if (!vu->pipe.sampler_name) {
        sample_free(res);
        return;
    }
    results_submit(vu->engine, vu->worker, res, &vu->vars);
}

/* ---- parent mode: the TransactionSampler ---- */

struct tsampler *tsampler_new(struct vu *vu, node_t *node)
{
    struct tsampler *ts = xcalloc(1, sizeof *ts);
    ts->tc = node;
    ts->result = new_transaction_sample(vu, node);
    ts->result->parent_transaction = true;
    return ts;
}

void tsampler_add_result(struct tsampler *ts, struct sample *res)
{
    ts->calls++;
    if (ts->failing == 0) {
        free(ts->result->response_code);
        ts->result->response_code = xstrdup(res->response_code ? res->response_code : "");
    }
    if (!res->success) {
        ts->result->success = false;
        ts->result->error_count = 1;
        ts->failing++;
    }
    struct sample *r = ts->result;
    if (res->end_ms > r->end_ms)
        r->end_ms = res->end_ms;
    r->bytes += res->bytes;
    r->sent_bytes += res->sent_bytes;
    sample_add_sub(r, res);
    ts->total_time += res->elapsed_ms;
    ts->total_connect += res->connect_ms;
}

void tsampler_set_done(struct vu *vu, struct tsampler *ts)
{
    struct sample *r = ts->result;
    ts->done = true;
    set_message(r, ts->calls, ts->failing);
    if (r->success)
        set_code_ok(r);
    if (!tc_of(ts->tc)->include_timers) {
        int64_t end = run_now_ms(vu->engine);
        r->idle_ms = end - r->start_ms - ts->total_time;
        r->end_ms = end;
    }
    r->connect_ms = ts->total_connect;
    r->latency_ms = 0;
    r->elapsed_ms = (r->end_ms > 0 ? r->end_ms : r->start_ms) - r->start_ms - r->idle_ms;
    if (r->elapsed_ms < 0)
        r->elapsed_ms = 0;
}

void tsampler_free(struct tsampler *ts)
{
    if (!ts)
        return;
    sample_free(ts->result);
    free(ts);
}

static struct next_item next_with_transaction_sampler(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->ts && st->ts->done) {
        /* the thread took the result when it ended the transaction */
        tsampler_free(st->ts);
        st->ts = NULL;
        return NEXT_NONE;
    }
    if (st->first) {
        tsampler_free(st->ts);
        st->ts = tsampler_new(vu, node);
    }
    struct next_item sub = gc_next(vu, node);
    if (sub.wait)
        return sub;
    st->ts->sub_sampler = sub.sampler;
    st->ts->sub_ts = sub.ts;
    if (next_is_none(sub))
        tsampler_set_done(vu, st->ts);
    return (struct next_item){NULL, st->ts, false};
}

/* ---- non-parent mode ---- */

static struct next_item next_without_transaction_sampler(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->first) {
        st->tc_calls = 0;
        st->tc_failing = 0;
        sample_free(st->tc_result);
        st->tc_result = new_transaction_sample(vu, node);
        st->tc_prev_end = st->tc_result->start_ms;
        st->tc_pause = 0;
    }
    bool is_last = st->current == (int64_t)st->n_children;
    struct next_item it = gc_next(vu, node);
    if (it.wait)
        return it;
    if (next_is_none(it) && is_last) {
        struct sample *res = st->tc_result;
        if (res) {
            if (!tc_of(node)->include_timers)
                st->tc_pause += run_now_ms(vu->engine) - st->tc_prev_end;
            res->idle_ms += st->tc_pause;
            sample_end(vu, res);
            set_message(res, st->tc_calls, st->tc_failing);
            if (res->success)
                set_code_ok(res);
            st->tc_result = NULL;
            notify_listeners(vu, res);
        }
    } else {
        st->tc_calls++;
    }
    return it;
}

/* Is this controller among the listeners of the sampler that produced the sample? In
 * JMeter a sampler inside a parent-mode transaction P does not report to the listeners
 * that receive P's sample: those that are children of P or of P's ancestors, which
 * takes out every Transaction Controller from P up, and P's own child controllers
 * (JMeterThread.getSampleListeners, TestCompiler.saveTransactionControllerConfigs). */
static bool listens_to_sampler(struct vu *vu, node_t *node)
{
    node_t *parent_tc = NULL;
    for (node_t *p = vu->sampler ? vu->sampler->parent : NULL; p && !parent_tc; p = p->parent)
        if (p->kind == PK_TRANSACTION_CONTROLLER && tc_of(p)->parent_sample)
            parent_tc = p;
    if (!parent_tc)
        return true;
    for (node_t *p = node->parent; p; p = p->parent)
        if (p == parent_tc)
            return node->parent != parent_tc;
    return false;
}

void transaction_sample_occurred(struct vu *vu, node_t *node, const struct sample *s)
{
    if (tc_of(node)->parent_sample)
        return;
    struct ctl_state *st = ctl_state_of(vu, node);
    struct sample *res = st->tc_result;
    if (!res)
        return;
    /* a non-parent transaction's own sample is a "transaction sample event" and ignored;
     * a parent-mode transaction's sample is reported like any other */
    if (s->origin == SAMPLE_FROM_TRANSACTION && !s->parent_transaction)
        return;
    if (!s->parent_transaction && !listens_to_sampler(vu, node))
        return;
    res->thread_name = s->thread_name;
    res->bytes += s->bytes;
    res->sent_bytes += s->sent_bytes;
    if (!tc_of(node)->include_timers) {
        st->tc_pause += s->end_ms - s->elapsed_ms - st->tc_prev_end;
        st->tc_prev_end = s->end_ms;
    }
    if (!s->success) {
        res->success = false;
        res->error_count = 1;
        st->tc_failing++;
    }
    res->all_threads = s->all_threads;
    res->grp_threads = s->grp_threads;
    res->latency_ms += s->latency_ms;
    res->connect_ms += s->connect_ms;
}

static struct next_item tc_next(struct vu *vu, node_t *node)
{
    if (tc_of(node)->parent_sample)
        return next_with_transaction_sampler(vu, node);
    return next_without_transaction_sampler(vu, node);
}

static struct next_item tc_next_is_a_controller(struct vu *vu, node_t *node, node_t *child, bool *thrown)
{
    if (!tc_of(node)->parent_sample)
        return gc_next_is_a_controller(vu, node, child, thrown);
    struct next_item it = v_next(vu, child);
    if (it.wait)
        return it;
    if (next_is_none(it)) {
        v_current_returned_null(vu, node, child);
        return gc_next(vu, node);
    }
    return it;
}

static void tc_trigger_end_of_loop(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (!tc_of(node)->parent_sample) {
        struct sample *res = st->tc_result;
        if (res) {
            res->idle_ms += st->tc_pause;
            sample_end(vu, res);
            res->success = str_eq(strmap_get(&vu->vars, "JMeterThread.last_sample_ok"), "true");
            res->error_count = res->success ? 0 : 1;
            set_message(res, st->tc_calls, st->tc_failing);
            st->tc_result = NULL;
            notify_listeners(vu, res);
        }
    } else if (st->ts) {
        struct tsampler *ts = st->ts;
        if (ts->sub_ts) {
            tsampler_add_result(ts, ts->sub_ts->result);
            ts->sub_ts->result = NULL;
        }
        tsampler_set_done(vu, ts);
        /* the thread still holds the wrapper it got from next() and ends the
         * transaction itself (JMeter bug 52968); it frees detached wrappers */
        vu_detach_tsampler(vu, ts);
        st->ts = NULL;
    }
    gc_trigger_end_of_loop(vu, node);
}

const struct ctl_class ctl_transaction_class = {
    .next = tc_next,
    .next_is_a_controller = tc_next_is_a_controller,
    .trigger_end_of_loop = tc_trigger_end_of_loop,
};
