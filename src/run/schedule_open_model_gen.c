/* schedule_open_model_gen.c - arrival times of an Open Model schedule.
 *
 * Each arrival step plays a ramp from the rate before it to the rate step
 * right after it (the same rate when none follows). even_arrivals spaces its
 * arrivals so that the n-th comes when the area under the rate line reaches n;
 * random_arrivals draws the same number of times at random: uniform times for
 * the part of the rate common to both ends, and times whose density grows (or
 * shrinks) linearly for the rest, all sorted, as JMeter does. That list is
 * made with the very draws JMeter makes, so a given seed gives JMeter's times;
 * past exact_max events in one step it is streamed in sorted order instead
 * (same distribution, constant memory). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"
#include "jmx2run/util.h"

/* How many events a random step draws: the flat part (only when the lower
 * rate is above 0) and the sloped part (only when the rates differ). */
static void random_counts(double begin, double end, double duration, int64_t *flat,
                          int64_t *sloped)
{
    double low = begin < end ? begin : end;
    int64_t total = sched_java_to_int((begin + end) / 2 * duration);
    int64_t flat_n = sched_java_to_int(low * duration);
    int64_t left = total - flat_n;
    *flat = (low > 0 && flat_n > 0) ? flat_n : 0;
    *sloped = (begin != end && left > 0) ? left : 0;
}

static int64_t even_count(double begin, double end, double duration)
{
    int64_t n = sched_java_to_long((begin + end) / 2 * duration);
    return n > 0 ? n : 0;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t om_schedule_arrivals(const struct om_schedule *s)
{
    uint64_t total = 0;
    double rate = 0;
    for (size_t i = 0; i < s->n_steps; i++) {
        const struct om_step *st = &s->steps[i];
        if (st->kind == OM_RATE) {
            rate = st->value;
            continue;
        }
        double end = (i + 1 < s->n_steps && s->steps[i + 1].kind == OM_RATE)
                         ? s->steps[i + 1].value : rate;
        if (st->kind == OM_EVEN_ARRIVALS) {
            total = add_sat(total, (uint64_t)even_count(rate, end, st->value));
        } else {
            int64_t flat, sloped;
            random_counts(rate, end, st->value, &flat, &sloped);
            total = add_sat(add_sat(total, (uint64_t)flat), (uint64_t)sloped);
        }
    }
    return total;
}

/* ---------------------------------------------------------------- ramps */

static void even_prepare(struct om_ramp *r, double begin, double end, double duration)
{
    r->random = false;
    r->begin_rate = begin;
    r->end_rate = end;
    r->duration = duration;
    r->mean_rate = (begin + end) / 2;
    r->count = sched_java_to_long(r->mean_rate * duration);
    r->n = 0;
    /* a change under 0.01% of the mean counts as a constant rate */
    r->acceleration = fabs(end - begin) < 0.0001 * r->mean_rate ? 0 : (end - begin) / duration;
}

static bool even_next(struct om_ramp *r, double *t)
{
    if (r->n >= r->count)
        return false;
    double n = (double)r->n;
    if (r->n == 0)
        *t = 0;
    else if (r->acceleration == 0)
        *t = n / r->mean_rate;
    else   /* n = begin t + a t^2 / 2, solved for t */
        *t = (sqrt(r->begin_rate * r->begin_rate + 2 * r->acceleration * n) - r->begin_rate) /
             r->acceleration;
    if (!(*t <= r->duration))   /* rounding (or a square root of -0.000...1) at the very end */
        *t = r->duration;
    r->n++;
    return true;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The next time of the sloped part, in stream mode. */
static bool sloped_next(struct om_ramp *r, struct sched_rng *rng, double *t)
{
    double u;
    if (!sched_sorted_uniform_next(&r->ramp, rng, &u))
        return false;
    /* density 2x on [0, 1] is sqrt(u); decreasing is 1 - sqrt(u), u taken descending */
    *t = (r->begin_rate > r->end_rate ? 1 - sqrt(u) : sqrt(u)) * r->duration;
    return true;
}

static bool flat_next(struct om_ramp *r, struct sched_rng *rng, double *t)
{
    double u;
    if (!sched_sorted_uniform_next(&r->flat, rng, &u))
        return false;
    *t = u * r->duration;
    return true;
}

static void random_prepare(struct om_ramp *r, double begin, double end, double duration,
                           struct sched_rng *rng, size_t exact_max)
{
    r->random = true;
    r->begin_rate = begin;
    r->end_rate = end;
    r->duration = duration;
    r->n_events = r->next = 0;
    int64_t flat, sloped;
    random_counts(begin, end, duration, &flat, &sloped);
    uint64_t total = (uint64_t)flat + (uint64_t)sloped;
    r->streaming = total > exact_max;
    if (r->streaming) {
        sched_sorted_uniform_init(&r->flat, (uint64_t)flat, false);
        sched_sorted_uniform_init(&r->ramp, (uint64_t)sloped, begin > end);
        r->have_flat = flat_next(r, rng, &r->flat_head);
        r->have_ramp = sloped_next(r, rng, &r->ramp_head);
        return;
    }
    if (total > r->cap) {
        free(r->events);
        r->cap = total;
        r->events = xmalloc(r->cap * sizeof *r->events);
    }
    for (int64_t i = 0; i < flat; i++)
        r->events[r->n_events++] = sched_rng_double(rng) * duration;
    for (int64_t i = 0; i < sloped; i++) {
        double t = sqrt(sched_rng_double(rng));
        if (begin > end)
            t = 1 - t;
        r->events[r->n_events++] = t * duration;
    }
    if (r->n_events > 1)
        qsort(r->events, r->n_events, sizeof *r->events, cmp_double);
}

static bool random_next(struct om_ramp *r, struct sched_rng *rng, double *t)
{
    if (!r->streaming) {
        if (r->next >= r->n_events)
            return false;
        *t = r->events[r->next++];
        return true;
    }
    /* merge the two sorted streams */
    if (r->have_flat && (!r->have_ramp || r->flat_head <= r->ramp_head)) {
        *t = r->flat_head;
        r->have_flat = flat_next(r, rng, &r->flat_head);
        return true;
    }
    if (r->have_ramp) {
        *t = r->ramp_head;
        r->have_ramp = sloped_next(r, rng, &r->ramp_head);
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------- walking the steps */

void om_gen_init(struct om_gen *g, const struct om_schedule *s, const struct sched_rng *rng)
{
    memset(g, 0, sizeof *g);
    g->schedule = s;
    g->rng = *rng;
    g->exact_max = SCHED_EXACT_MAX;
    g->pos = SIZE_MAX;
}

/* Moves to the next arrival step, taking the rate steps on the way. */
static bool next_step(struct om_gen *g)
{
    const struct om_schedule *s = g->schedule;
    g->offset_s += g->step_s;
    g->step_s = 0;
    for (;;) {
        if (g->pos == SIZE_MAX)
            g->pos = 0;
        else if (g->pos < s->n_steps)
            g->pos++;
        if (g->pos >= s->n_steps)
            return false;
        const struct om_step *st = &s->steps[g->pos];
        if (st->kind == OM_RATE) {
            g->begin_rate = st->value;
            continue;
        }
        double end = (g->pos + 1 < s->n_steps && s->steps[g->pos + 1].kind == OM_RATE)
                         ? s->steps[g->pos + 1].value : g->begin_rate;
        g->step_s = st->value;
        if (st->kind == OM_EVEN_ARRIVALS)
            even_prepare(&g->ramp, g->begin_rate, end, st->value);
        else
            random_prepare(&g->ramp, g->begin_rate, end, st->value, &g->rng, g->exact_max);
        return true;
    }
}

bool om_gen_next(struct om_gen *g, double *at_s)
{
    for (;;) {
        if (g->active) {
            double t;
            bool more = g->ramp.random ? random_next(&g->ramp, &g->rng, &t)
                                       : even_next(&g->ramp, &t);
            if (more) {
                *at_s = g->offset_s + t;
                return true;
            }
        }
        g->active = next_step(g);
        if (!g->active)
            return false;
    }
}

void om_gen_free(struct om_gen *g)
{
    free(g->ramp.events);
    g->ramp.events = NULL;
    g->ramp.cap = 0;
}
