/* pacing_ctt.c - Constant Throughput Timer (digest §7): the wait before each
 * sample so that samples come every 60000 / throughput ms, per user, per
 * active user count, or from one slot clock shared by the test or the group.
 * The per-user rule is JMeter's: aim at previous target + interval, and when
 * already late run at once and aim from now on (no bursts to catch up). */
#include <math.h>
#include "jmx2run/schedule.h"

void ctt_shared_init(struct ctt_shared *s)
{
    pthread_mutex_init(&s->lock, NULL);
    s->last_ms = 0;
    s->primed = false;
}

void ctt_shared_destroy(struct ctt_shared *s)
{
    pthread_mutex_destroy(&s->lock);
}

/* Claims the next slot, max(now, last + interval); returns slot - now. */
static int64_t claim_slot(struct ctt_shared *s, int64_t interval, int64_t now_ms)
{
    pthread_mutex_lock(&s->lock);
    int64_t slot = now_ms, next;
    /* a sum past the long range wraps to the past in JMeter: the slot is now */
    if (s->primed && !__builtin_add_overflow(s->last_ms, interval, &next) && next > now_ms)
        slot = next;
    s->last_ms = slot;
    s->primed = true;
    pthread_mutex_unlock(&s->lock);
    return slot - now_ms;
}

int64_t ctt_delay(struct ctt_thread *t, struct ctt_shared *shared,
                  enum throughput_calc_mode mode, double per_minute, int64_t now_ms,
                  int64_t active_in_test, int64_t active_in_group)
{
    t->last_target_ms = now_ms;
    if (isnan(per_minute) || per_minute < 0)
        return 0;                  /* a negative interval never makes anyone wait */
    if (per_minute == 0)
        return CTT_FOREVER;        /* 60000 / 0: JMeter sleeps until the thread is stopped */
    double per_sample = 60000.0 / per_minute;
    int64_t interval;
    switch (mode) {
    case CTT_ALL_ACTIVE_THREADS:
        interval = sched_java_round((double)active_in_test * per_sample);
        break;
    case CTT_ALL_ACTIVE_IN_GROUP:
        interval = sched_java_round((double)active_in_group * per_sample);
        break;
    case CTT_ALL_ACTIVE_SHARED:
    case CTT_ALL_ACTIVE_IN_GROUP_SHARED:
        interval = shared ? claim_slot(shared, sched_java_round(per_sample), now_ms)
                          : sched_java_round(per_sample);
        break;
    case CTT_THIS_THREAD:
    default:
        interval = sched_java_round(per_sample);
        break;
    }
    /* JMeter starts from previous = 0 on an epoch clock, so the first target is
     * always in the past: the first call does not wait, whatever the clock. */
    int64_t target;
    if (!t->primed || __builtin_add_overflow(t->previous_ms, interval, &target) ||
        now_ms > target) {
        if (t->primed && now_ms > target)
            t->last_target_ms = target;   /* late: the slot was missed */
        t->primed = true;
        t->previous_ms = now_ms;
        return 0;
    }
    t->previous_ms = target;
    t->last_target_ms = target;
    return target - now_ms;
}
