/* schedule_concurrency.c - bzm Concurrency Thread Group (digest §3.6): the
 * concurrency the plugin's starter thread aims at, t seconds into the group:
 * a linear or stepped ramp to the target, a hold, then the end. */
#include <math.h>
#include "jmx2run/schedule.h"

void concurrency_params_init(struct concurrency_params *p, double target, double ramp_up,
                             int64_t steps, double hold, char unit)
{
    double factor = (unit == 'M') ? 60.0 : 1.0;
    p->target = target;
    p->ramp_up_s = sched_java_round(ramp_up * factor);
    p->steps = steps;
    p->hold_s = sched_java_round(hold * factor);
    p->shift_s = 0;
}

/* Seconds into the ramp: elapsed minus the shift, not below 0. */
static double ramp_time(const struct concurrency_params *p, int64_t elapsed_ms)
{
    double t = (double)elapsed_ms / 1000.0 - (double)p->shift_s;
    return t < 0 ? 0 : t;
}

int64_t concurrency_planned(const struct concurrency_params *p, int64_t elapsed_ms)
{
    if (!(p->target > 0))
        return -1;
    double t = ramp_time(p, elapsed_ms);
    if (t >= (double)p->ramp_up_s + (double)p->hold_s)
        return -1;
    if (p->ramp_up_s == 0 || t > (double)p->ramp_up_s)
        return sched_java_round(p->target);
    if (p->steps > 0) {
        double step_size = p->target / (double)p->steps;
        double step_len = (double)p->ramp_up_s / (double)p->steps;
        return sched_java_round(step_size * (floor(t / step_len) + 1));
    }
    double slope = p->target / (double)p->ramp_up_s;
    return sched_java_round(slope * t);
}

int64_t concurrency_end_ms(const struct concurrency_params *p)
{
    if (!(p->target > 0))
        return 0;
    double end_s = (double)p->shift_s + (double)p->ramp_up_s + (double)p->hold_s;
    return sched_java_round(1000.0 * end_s);
}

/* ms + 1, staying in range */
static int64_t after_ms(int64_t ms)
{
    return ms < INT64_MAX ? ms + 1 : ms;
}

/* The first ms after "after" and not after "limit" whose planned value is not
 * "value", starting from an estimate that floating point may have put a
 * millisecond or two off. -1 if there is none. */
static int64_t settle(const struct concurrency_params *p, int64_t after, int64_t estimate,
                      int64_t limit, int64_t value)
{
    int64_t ms = estimate <= after ? after_ms(after) : estimate;
    if (ms > limit)
        return -1;
    for (int i = 0; i < 4 && ms - 1 > after && concurrency_planned(p, ms - 1) != value; i++)
        ms--;
    for (int i = 0; i < 4 && ms < limit && concurrency_planned(p, ms) == value; i++)
        ms++;
    return concurrency_planned(p, ms) != value ? ms : -1;
}

int64_t concurrency_next_change_ms(const struct concurrency_params *p, int64_t elapsed_ms)
{
    int64_t value = concurrency_planned(p, elapsed_ms);
    if (value < 0)
        return -1;
    int64_t end = concurrency_end_ms(p);
    int64_t best = end > elapsed_ms ? end : after_ms(elapsed_ms);
    double t = ramp_time(p, elapsed_ms);
    if (p->ramp_up_s > 0 && t <= (double)p->ramp_up_s) {
        /* leaving the ramp: the first ms with t > ramp-up */
        double ramp_end_s = (double)p->shift_s + (double)p->ramp_up_s;
        int64_t ramp_end = after_ms(sched_java_round(1000.0 * ramp_end_s));
        int64_t at = settle(p, elapsed_ms, ramp_end, best, value);
        if (at >= 0 && at < best)
            best = at;
        /* the next rounding threshold on the ramp: value + 0.5 */
        double when;
        if (p->steps > 0) {
            double step_size = p->target / (double)p->steps;
            double step_len = (double)p->ramp_up_s / (double)p->steps;
            when = (ceil(((double)value + 0.5) / step_size) - 1) * step_len;
        } else {
            when = ((double)value + 0.5) / (p->target / (double)p->ramp_up_s);
        }
        double est = ceil(((double)p->shift_s + when) * 1000.0);
        if (est < (double)best) {
            at = settle(p, elapsed_ms, (int64_t)est, best, value);
            if (at >= 0 && at < best)
                best = at;
        }
    }
    return best;
}
