/* schedule_random.c - number helpers shared by the load-shape code: Java's
 * rounding and casting rules, java.util.Random's generator (so that a fixed
 * seed gives JMeter's schedules), and sorted uniform numbers in O(1) memory. */
#include <math.h>
#include <sys/random.h>
#include <time.h>
#include "jmx2run/schedule.h"

/* 2^63 as a double: the first value a long cannot hold */
#define TWO_63 9223372036854775808.0

int64_t sched_java_round(double x)
{
    if (isnan(x))
        return 0;
    double f = floor(x);
    double r = (x - f >= 0.5) ? f + 1.0 : f;   /* ties go up, like Math.round */
    if (r >= TWO_63)
        return INT64_MAX;
    if (r < -TWO_63)
        return INT64_MIN;
    return (int64_t)r;
}

int32_t sched_java_to_int(double x)
{
    if (isnan(x))
        return 0;
    if (x >= 2147483647.0)
        return INT32_MAX;
    if (x <= -2147483648.0)
        return INT32_MIN;
    return (int32_t)x;
}

int64_t sched_java_to_long(double x)
{
    if (isnan(x))
        return 0;
    if (x >= TWO_63)
        return INT64_MAX;
    if (x < -TWO_63)
        return INT64_MIN;
    return (int64_t)x;
}

int64_t sched_s_to_ms(double s)
{
    return sched_java_round(s * 1000.0);
}

/* ------------------------------------------------ java.util.Random's generator */

#define RNG_MULT 0x5DEECE66DULL
#define RNG_ADD 0xBULL
#define RNG_MASK ((1ULL << 48) - 1)

void sched_rng_seed(struct sched_rng *r, int64_t seed)
{
    r->state = ((uint64_t)seed ^ RNG_MULT) & RNG_MASK;
}

void sched_rng_seed_random(struct sched_rng *r)
{
    uint64_t v = 0;
    if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        v = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_sec ^ (uintptr_t)r;
    }
    sched_rng_seed(r, (int64_t)v);
}

/* The top "bits" bits of the next state. */
static uint32_t next_bits(struct sched_rng *r, int bits)
{
    r->state = (r->state * RNG_MULT + RNG_ADD) & RNG_MASK;
    return (uint32_t)(r->state >> (48 - bits));
}

double sched_rng_double(struct sched_rng *r)
{
    uint64_t hi = next_bits(r, 26);
    uint64_t lo = next_bits(r, 27);
    return (double)((hi << 27) + lo) * 0x1.0p-53;
}

/* ------------------------------------------------ sorted uniform numbers */

void sched_sorted_uniform_init(struct sched_sorted_uniform *s, uint64_t count, bool descending)
{
    s->left = count;
    s->descending = descending;
    s->last = descending ? 1.0 : 0.0;
}

/* The smallest of k uniform numbers above "last" is last + (1 - last)(1 - U^(1/k));
 * the largest of k below "last" is last U^(1/k). Handing those out one by one
 * gives the same sorted sample as drawing all and sorting. */
bool sched_sorted_uniform_next(struct sched_sorted_uniform *s, struct sched_rng *r, double *out)
{
    if (s->left == 0)
        return false;
    double u = 1.0 - sched_rng_double(r);          /* in (0, 1] */
    double e = log(u) / (double)s->left;            /* <= 0 */
    double x;
    if (s->descending) {
        x = s->last * exp(e);
    } else {
        x = s->last + (1.0 - s->last) * -expm1(e);
        if (x >= 1.0)
            x = 0x1.fffffffffffffp-1;               /* the largest double below 1 */
        if (x < s->last)
            x = s->last;
    }
    s->last = x;
    s->left--;
    *out = x;
    return true;
}
