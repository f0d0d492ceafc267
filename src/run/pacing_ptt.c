/* pacing_ptt.c - Precise Throughput Timer (digest §7), as JMeter 5.3 and later
 * make it: one event schedule per thread group, cut into windows of
 * "duration" seconds that each get exactly ceil(rate x duration) events drawn
 * uniformly and sorted (a Poisson process held to an exact count). Each call
 * takes the next event (batches hand out each event several times) and the
 * user waits until it. exactLimit and allowedThroughputSurplus, used by older
 * versions to retry random draws, no longer matter, nor batchThreadDelay. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"
#include "jmx2run/util.h"

#define RATE_PRECISION 0.00001    /* a smaller change of throughput keeps the window */

void ptt_init(struct ptt_state *s, const struct ptt_params *p)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    s->p = *p;
    if (s->p.batch_size < 1)
        s->p.batch_size = 1;
    /* JMeter seeds only when the seed's low 32 bits are not all 0 */
    if (((uint64_t)p->seed & 0xffffffffu) != 0)
        sched_rng_seed(&s->rng, p->seed);
    else
        sched_rng_seed_random(&s->rng);
    s->exact_max = SCHED_EXACT_MAX;
}

void ptt_destroy(struct ptt_state *s)
{
    free(s->events);
    s->events = NULL;
    pthread_mutex_destroy(&s->lock);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Makes the next window for a throughput of rate per second. */
static void make_window(struct ptt_state *s, double rate)
{
    s->last_rate = rate;
    if (s->p.batch_size > 1)
        rate /= (double)s->p.batch_size;
    s->batch_index = 0;
    double len = (double)s->p.duration_s;
    /* a period of 0 makes the rate infinite: JMeter runs out of memory there */
    int32_t samples = isfinite(rate) ? sched_java_to_int(ceil(rate * len)) : 0;
    size_t count = samples > 0 ? (size_t)samples : 0;
    s->n_events = s->next = 0;
    s->streaming = count > s->exact_max;
    if (s->streaming) {
        sched_sorted_uniform_init(&s->stream, count, false);
        s->stream_start_s = s->next_window_s;
        s->stream_len_s = len;
    } else {
        if (count > s->cap) {
            free(s->events);
            s->cap = count;
            s->events = xmalloc(count * sizeof *s->events);
        }
        for (size_t i = 0; i < count; i++)
            s->events[s->n_events++] = s->next_window_s + sched_rng_double(&s->rng) * len;
        if (s->n_events > 1)
            qsort(s->events, s->n_events, sizeof *s->events, cmp_double);
    }
    s->next_window_s += len;
    s->generated = true;
}

static bool has_events(const struct ptt_state *s)
{
    return s->streaming ? s->stream.left > 0 : s->next < s->n_events;
}

static bool take(struct ptt_state *s, double *out)
{
    if (s->streaming) {
        double u;
        if (!sched_sorted_uniform_next(&s->stream, &s->rng, &u))
            return false;
        *out = s->stream_start_s + u * s->stream_len_s;
        return true;
    }
    if (s->next >= s->n_events)
        return false;
    *out = s->events[s->next++];
    return true;
}

bool ptt_next_event(struct ptt_state *s, double throughput, double *event_s)
{
    pthread_mutex_lock(&s->lock);
    double rate = throughput / (double)s->p.period_s;
    if (!s->generated || (s->batch_index == 0 && !has_events(s)) ||
        !(fabs(rate - s->last_rate) < RATE_PRECISION))
        make_window(s, rate);
    bool ok = true;
    if (s->p.batch_size == 1) {
        ok = take(s, event_s);
    } else if (++s->batch_index == 1) {
        ok = take(s, &s->current);
        *event_s = s->current;
        if (!ok)
            s->batch_index = 0;
    } else {
        if (s->batch_index == s->p.batch_size)
            s->batch_index = 0;
        *event_s = s->current;
    }
    pthread_mutex_unlock(&s->lock);
    return ok;
}

int64_t ptt_delay(struct ptt_state *s, double throughput, int64_t now_ms, int64_t end_ms,
                  bool *stop)
{
    int64_t event_ms;
    return ptt_delay_event(s, throughput, now_ms, end_ms, stop, &event_ms);
}

int64_t ptt_delay_event(struct ptt_state *s, double throughput, int64_t now_ms, int64_t end_ms,
                        bool *stop, int64_t *event_ms)
{
    double event;
    *stop = false;
    *event_ms = now_ms;
    if (!ptt_next_event(s, throughput, &event)) {
        *stop = true;
        return 0;
    }
    *event_ms = sched_java_to_long(event * 1000.0);
    int64_t delay = sched_java_to_long(event * 1000.0 - (double)now_ms);
    if (delay < 0)
        delay = 0;
    int64_t at;
    if (end_ms >= 0 && (__builtin_add_overflow(now_ms, delay, &at) || at > end_ms))
        *stop = true;
    return delay;
}
