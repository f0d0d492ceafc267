/* schedule_stepping.c - jp@gc Stepping Thread Group (digest §3.6): users start
 * in a first burst and then in batches of S every P seconds, each batch spread
 * over the ramp-up; after the hold they stop So at a time, every Po seconds,
 * in creation order. Integer arithmetic as the plugin does it: int inputs,
 * long ms that wrap instead of overflowing, division rounding toward zero. */
#include <math.h>
#include "jmx2run/schedule.h"

/* The plugin reads every value as a Java int. */
static int64_t as_int(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : v;
}

/* Java long arithmetic: wraps around. */
static int64_t mul(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a * (uint64_t)b);
}

static int64_t add(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

bool stepping_window(const struct stepping_params *p, int64_t i, struct sched_window *out)
{
    int64_t n = as_int(p->threads);
    if (n <= 0 || i < 0 || i >= n)
        return false;
    int64_t per_step = as_int(p->start_count) == 0 ? n : as_int(p->start_count);
    int64_t per_stop = as_int(p->stop_count) == 0 ? n : as_int(p->stop_count);
    int64_t burst = as_int(p->start_burst) < n ? as_int(p->start_burst) : n;
    if (burst <= 0)
        burst = per_step;
    int64_t ramp_ms = 1000 * as_int(p->ramp_up_s);

    bool in_burst = i < burst;
    int64_t bucket = in_burst ? 0 : 1 + (i - burst) / per_step;
    int64_t bucket_size = in_burst ? burst : per_step;
    int64_t position = in_burst ? i : (i - burst) % per_step;

    int64_t ascent = 1000 * as_int(p->initial_delay_s);
    int64_t step_ms = 1000 * as_int(p->start_period_s) + ramp_ms;
    int64_t spread = ramp_ms / bucket_size;

    int64_t steps = n < burst ? 1 : (int64_t)ceil((double)(n - burst) / (double)per_step);
    int64_t last = (n - burst) % per_step;
    if (last == 0)
        last = per_step;
    int64_t descent = add(add(add(ascent, mul(steps, step_ms)), mul(ramp_ms / per_step, last)),
                          1000 * as_int(p->flight_time_s));

    out->start_ms = add(add(ascent, mul(bucket, step_ms)), mul(position, spread));
    out->end_ms = add(descent, mul(1000 * as_int(p->stop_period_s),
                                   (int64_t)floor((double)i / (double)per_stop)));
    return true;
}
