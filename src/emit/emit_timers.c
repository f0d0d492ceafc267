/* emit_timers.c - the timers in scope of a sample, summed into one pause
 * before it as JMeter does (digest §7): constant, uniform, Gaussian and
 * Poisson random, Constant and Precise Throughput timers as milliseconds;
 * a Synchronizing Timer as a rendezvous of the group's users. A think time
 * every request of a group shares is its think_time() method, or Locust's
 * wait_time in the exact case (see emit_group.c). */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

/* ------------------------------------------------------------------ timers */

static char *timer_ms(struct emitter *em, const struct plan_node *t)
{
    switch (t->kind) {
    case PK_CONSTANT_TIMER: {
        const struct plan_constant_timer *c = t->data;
        const char *text;
        long long v;
        if (py_tmpl_literal(c->delay, &text) && str_parse_ll(text, &v))
            return xasprintf("%lld", v);
        char *e = es_tx(em, c->delay, NULL);
        char *r = xasprintf("java_long(%s)", e);
        free(e);
        return r;
    }
    case PK_UNIFORM_RANDOM_TIMER:
    case PK_GAUSSIAN_RANDOM_TIMER:
    case PK_POISSON_RANDOM_TIMER: {
        const struct plan_random_timer *r = t->data;
        em_need(em, RT_TIMERS);
        char *d = es_num(em, r->delay, NULL), *s = es_num(em, r->range, NULL);
        const char *fn = t->kind == PK_UNIFORM_RANDOM_TIMER    ? "uniform_random_ms"
                         : t->kind == PK_GAUSSIAN_RANDOM_TIMER ? "gaussian_random_ms"
                                                               : "poisson_random_ms";
        char *out = xasprintf("%s(%s, %s)", fn, d, s);
        free(d);
        free(s);
        return out;
    }
    case PK_CONSTANT_THROUGHPUT_TIMER: {
        const struct plan_constant_throughput_timer *c = t->data;
        em_need(em, RT_PACING);
        char *key = em_key(em, "pace");
        char *v = es_num(em, c->throughput, NULL);
        const char *extra = "";
        switch (c->calc_mode) {
        case CTT_THIS_THREAD: break;
        case CTT_ALL_ACTIVE_THREADS:
            extra = ", group_scale=self.environment.runner.user_count";
            break;
        case CTT_ALL_ACTIVE_IN_GROUP: extra = ", group_scale=self.thread_group.running"; break;
        case CTT_ALL_ACTIVE_SHARED:
        case CTT_ALL_ACTIVE_IN_GROUP_SHARED: extra = ", shared=True"; break;
        }
        char *out = xasprintf("throughput_pace(self, '%s', %s%s)", key, v, extra);
        free(key);
        free(v);
        return out;
    }
    case PK_PRECISE_THROUGHPUT_TIMER: {
        const struct plan_precise_throughput_timer *p = t->data;
        em_need(em, RT_PACING);
        em_note(em, NOTE_APPROX, t, "Poisson arrivals at the same rate, shared by the "
                                    "thread group, without JMeter's exact schedule");
        char *key = em_key(em, "precise");
        char *a = es_num(em, p->throughput, NULL), *b = es_num(em, p->throughput_period, NULL);
        char *out = xasprintf("precise_pace(self, '%s', %s, %s)", key, a, b);
        free(key);
        free(a);
        free(b);
        return out;
    }
    default:
        return NULL;
    }
}

static bool timer_supported(const struct plan_node *t)
{
    return t->data && (t->kind == PK_CONSTANT_TIMER || t->kind == PK_UNIFORM_RANDOM_TIMER ||
                       t->kind == PK_GAUSSIAN_RANDOM_TIMER || t->kind == PK_POISSON_RANDOM_TIMER ||
                       t->kind == PK_CONSTANT_THROUGHPUT_TIMER ||
                       t->kind == PK_PRECISE_THROUGHPUT_TIMER || t->kind == PK_SYNC_TIMER);
}

char *emit_timer_sum(struct emitter *em, const struct plan_node *const *timers, size_t n)
{
    struct strbuf sum;
    strbuf_init(&sum);
    for (size_t i = 0; i < n; i++) {
        char *ms = timers[i]->data ? timer_ms(em, timers[i]) : NULL;
        if (!ms)
            continue;
        if (sum.len)
            strbuf_adds(&sum, " + ");
        strbuf_adds(&sum, ms);
        free(ms);
    }
    if (!sum.len) {
        strbuf_free(&sum);
        return NULL;
    }
    return strbuf_detach(&sum);
}

void emit_timers(struct emitter *em, struct pyw *w, const struct plan_node *sampler)
{
    struct group_ctx *g = em->g;
    const struct plan_scope *s = sampler->scope;
    if (!s || s->n_timers == 0)
        return;
    /* the timers no pause can express */
    for (size_t i = 0; i < s->n_timers; i++) {
        const struct plan_node *t = s->timers[i];
        if (t->kind == PK_SYNC_TIMER && t->data) {
            const struct plan_sync_timer *st = t->data;
            em_need(em, RT_SYNC_TIMER);
            char *key = em_key(em, "rendezvous");
            char *size = es_num(em, st->group_size, sampler), *tm = es_num(em, st->timeout_ms, sampler);
            es_title(w, t);
            pyw_line(w, "rendezvous(self, '%s', %s, %s)", key, size, tm);
            free(key);
            free(size);
            free(tm);
        } else if (!timer_supported(t)) {
            emit_todo(em, w, t, "this timer kind has no Locust translation");
        }
    }
    if (g->wait_time_timer) {
        if (sampler != g->first_step)
            pyw_line(w, "self.wait()");
        return;
    }
    if (g->think_method) {
        pyw_line(w, "self.think_time()");
        return;
    }
    char *sum = emit_timer_sum(em, (const struct plan_node *const *)s->timers, s->n_timers);
    if (!sum)
        return;
    for (size_t i = 0; i < s->n_timers; i++)
        if (s->timers[i]->kind != PK_SYNC_TIMER)
            es_title(w, s->timers[i]);
    pyw_line(w, "self.sleep_ms(%s)", sum);
    free(sum);
}

