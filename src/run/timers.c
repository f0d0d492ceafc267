/* timers.c - the delay each timer asks for before a sampler (digest §7).
 *
 * Constant, Uniform, Gaussian and Poisson timers return a number of ms; the
 * pipeline sums them and waits once. The random ones are scaled by the
 * timer.factor property, as JMeter scales "modifiable" timers. The
 * Synchronizing Timer is a barrier shared by every user: it adds no delay but
 * holds users until groupSize of them have arrived (or its timeout expires). */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "locks.h"
#include "pipeline.h"

static int64_t eval_long(struct vu *vu, const struct tmpl *t)
{
    if (!t)
        return 0;
    char *s = tmpl_eval_dup(t, &vu->ctx);
    long long v = 0;
    double d;
    if (!str_parse_ll(s, &v) && str_parse_double(s, &d))
        v = (long long)d;
    free(s);
    return v;
}

static double eval_double(struct vu *vu, const struct tmpl *t)
{
    if (!t)
        return 0;
    char *s = tmpl_eval_dup(t, &vu->ctx);
    double d = str_to_double_jmeter(s);
    free(s);
    return d;
}

static double timer_factor(struct vu *vu)
{
    struct strbuf sb;
    strbuf_init(&sb);
    double f = 1.0;
    if (props_get(vu->engine->props, "timer.factor", &sb)) {
        double d;
        if (str_parse_double(sb.s, &d))
            f = d;
    }
    strbuf_free(&sb);
    return f;
}

static double gaussian(struct vu *vu)
{
    /* Box-Muller on the user's generator */
    double u1 = expr_rand_unit(&vu->ctx), u2 = expr_rand_unit(&vu->ctx);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

static int64_t poisson(struct vu *vu, double lambda)
{
    if (lambda <= 0)
        return 0;
    if (lambda > 500) {   /* normal approximation, exact enough for think times */
        double v = lambda + sqrt(lambda) * gaussian(vu);
        return v < 0 ? 0 : (int64_t)llround(v);
    }
    double limit = exp(-lambda), p = 1.0;
    int64_t k = 0;
    do {
        k++;
        p *= expr_rand_unit(&vu->ctx);
    } while (p > limit);
    return k - 1;
}

int64_t timer_delay_ms(struct vu *vu, const struct plan_node *timer,
                       const struct plan_node **rendezvous)
{
    switch (timer->kind) {
    case PK_CONSTANT_TIMER: {
        const struct plan_constant_timer *t = timer->data;
        return eval_long(vu, t->delay);
    }
    case PK_UNIFORM_RANDOM_TIMER:
    case PK_GAUSSIAN_RANDOM_TIMER:
    case PK_POISSON_RANDOM_TIMER: {
        const struct plan_random_timer *t = timer->data;
        int64_t offset = eval_long(vu, t->delay);
        double range = eval_double(vu, t->range);
        double d;
        if (timer->kind == PK_UNIFORM_RANDOM_TIMER)
            d = fabs(expr_rand_unit(&vu->ctx) * range + (double)offset);
        else if (timer->kind == PK_GAUSSIAN_RANDOM_TIMER)
            d = fabs(gaussian(vu) * range + (double)offset);
        else
            d = fabs((double)poisson(vu, (double)(int64_t)llround(range)) + (double)offset);
        int64_t delay = (int64_t)d;
        double f = timer_factor(vu);
        if (f != 1.0)
            delay = (int64_t)llround((double)delay * f);
        return delay;
    }
    case PK_SYNC_TIMER:
        *rendezvous = timer;
        return 0;
    default:
        return 0;   /* throughput timers are paced elsewhere; others are not timers */
    }
}

/* ------------------------------------------------------- Synchronizing Timer */

struct barrier {
    const struct plan_node *node;
    struct vu **waiting;
    size_t n, cap;
    struct barrier *next;
};

static pthread_mutex_t barrier_lock = PTHREAD_MUTEX_INITIALIZER;
static struct barrier *barriers;

static struct barrier *barrier_of(const struct plan_node *node)
{
    for (struct barrier *b = barriers; b; b = b->next)
        if (b->node == node)
            return b;
    struct barrier *b = xcalloc(1, sizeof *b);
    b->node = node;
    b->next = barriers;
    barriers = b;
    return b;
}

/* Takes every waiting user out of the barrier (lock held); wakes them after. */
static size_t take_waiters(struct barrier *b, struct vu ***out)
{
    size_t n = b->n;
    *out = b->waiting;
    b->waiting = NULL;
    b->n = b->cap = 0;
    return n;
}

static void wake_all(struct vu **users, size_t n)
{
    for (size_t i = 0; i < n; i++)
        vu_wake(users[i]);
    free(users);
}

static void barrier_timeout(struct loop *loop, void *arg)
{
    struct vu *vu = arg;
    struct vu **users = NULL;
    size_t n = 0;
    pthread_mutex_lock(&barrier_lock);
    if (vu->pipe.at_barrier)
        for (struct barrier *b = barriers; b; b = b->next)
            for (size_t i = 0; i < b->n; i++)
                if (b->waiting[i] == vu) {
                    n = take_waiters(b, &users);
                    break;
                }
    pthread_mutex_unlock(&barrier_lock);
    wake_all(users, n);   /* a broken barrier releases everyone, as JMeter's does */
}

bool sync_timer_arrive(struct vu *vu, const struct plan_node *timer)
{
    const struct plan_sync_timer *t = timer->data;
    int64_t parties = eval_long(vu, t->group_size);
    if (parties <= 0)
        parties = vu->group->threads;
    if (parties <= 1)
        return true;
    int64_t timeout = eval_long(vu, t->timeout_ms);
    struct vu **users = NULL;
    size_t n = 0;
    bool released = false;
    pthread_mutex_lock(&barrier_lock);
    struct barrier *b = barrier_of(timer);
    if ((int64_t)b->n + 1 >= parties) {
        n = take_waiters(b, &users);
        released = true;
    } else {
        if (b->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 16;
            b->waiting = xrealloc(b->waiting, b->cap * sizeof(*b->waiting));
        }
        b->waiting[b->n++] = vu;
        vu->pipe.at_barrier = true;
    }
    pthread_mutex_unlock(&barrier_lock);
    if (released) {
        wake_all(users, n);
        return true;
    }
    if (timeout > 0) {
        vu->timer.fn = barrier_timeout;
        vu->timer.arg = vu;
        loop_timer_at(vu->worker->loop, &vu->timer, clock_mono_ms() + timeout);
    }
    return false;
}

void sync_timers_release_all(void)
{
    pthread_mutex_lock(&barrier_lock);
    struct barrier *b = barriers;
    barriers = NULL;
    pthread_mutex_unlock(&barrier_lock);
    while (b) {
        struct barrier *next = b->next;
        wake_all(b->waiting, b->n);
        free(b);
        b = next;
    }
}
