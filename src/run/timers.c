/* timers.c - the delay each timer asks for before a sampler (digest §7).
 *
 * Constant, Uniform, Gaussian and Poisson timers return a number of ms; the
 * pipeline sums them and waits once. The random ones are scaled by the
 * timer.factor property, as JMeter scales "modifiable" timers. The
 * Synchronizing Timer is a barrier shared by every user: it adds no delay but
 * holds users until groupSize of them have arrived (or its timeout expires).
 * The Constant and Precise Throughput Timers pace users to a rate (the
 * arithmetic is pacing_ctt.c's and pacing_ptt.c's); they also note when the
 * sample was meant to start, for the coordinated-omission figures. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"
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

/* ------------------------------------------------------- throughput timers */

/* A wait of "for ever" (throughput 0) that still adds up without overflow. */
#define PACING_FOREVER_MS ((int64_t)1 << 50)

/* Lazily created pacing state shared by a group's users. */
static pthread_mutex_t pacing_lock = PTHREAD_MUTEX_INITIALIZER;

struct user_ctt {
    const struct plan_node *timer;
    struct ctt_thread state;
};

/* The user's own schedule for this timer (JMeter clones the timer per thread). */
static struct ctt_thread *user_ctt(struct vu *vu, const struct plan_node *timer)
{
    for (size_t i = 0; i < vu->pacing.len; i++) {
        struct user_ctt *u = vu->pacing.items[i];
        if (u->timer == timer)
            return &u->state;
    }
    struct user_ctt *u = xcalloc(1, sizeof *u);
    u->timer = timer;
    ptrvec_push(&vu->pacing, u);
    return &u->state;
}

static struct ctt_shared *group_ctt_clock(struct group_run *g)
{
    pthread_mutex_lock(&pacing_lock);
    if (!g->ctt_shared) {
        g->ctt_shared = xcalloc(1, sizeof *g->ctt_shared);
        ctt_shared_init(g->ctt_shared);
    }
    struct ctt_shared *c = g->ctt_shared;
    pthread_mutex_unlock(&pacing_lock);
    return c;
}

static int64_t constant_throughput_delay(struct vu *vu, const struct plan_node *timer)
{
    const struct plan_constant_throughput_timer *t = timer->data;
    struct ctt_shared *shared = NULL;
    if (t->calc_mode == CTT_ALL_ACTIVE_SHARED)
        shared = vu->engine->ctt_shared;
    else if (t->calc_mode == CTT_ALL_ACTIVE_IN_GROUP_SHARED)
        shared = group_ctt_clock(vu->group);
    struct ctt_thread *mine = user_ctt(vu, timer);
    int64_t now = clock_mono_ms();
    int64_t delay = ctt_delay(mine, shared, t->calc_mode, eval_double(vu, t->throughput), now,
                              atomic_load(&vu->engine->all_active), atomic_load(&vu->group->active));
    if (delay == CTT_FOREVER)
        return PACING_FOREVER_MS;
    vu->intended_mono_ms = mine->last_target_ms;
    return delay;
}

/* JMeter keys the schedule by thread group: the group's first timer to run
 * makes it, with its own parameters. */
static struct ptt_state *group_ptt(struct vu *vu, const struct plan_precise_throughput_timer *t)
{
    struct group_run *g = vu->group;
    pthread_mutex_lock(&pacing_lock);
    if (!g->ptt) {
        struct ptt_params p = {
            .throughput = eval_double(vu, t->throughput),
            .period_s = eval_long(vu, t->throughput_period),
            .duration_s = eval_long(vu, t->duration),
            .batch_size = eval_long(vu, t->batch_size),
            .batch_thread_delay_ms = eval_long(vu, t->batch_thread_delay),
            .exact_limit = eval_long(vu, t->exact_limit),
            .allowed_surplus = eval_double(vu, t->allowed_surplus),
            .seed = eval_long(vu, t->random_seed),
        };
        g->ptt = xcalloc(1, sizeof *g->ptt);
        ptt_init(g->ptt, &p);
    }
    struct ptt_state *s = g->ptt;
    pthread_mutex_unlock(&pacing_lock);
    return s;
}

static int64_t precise_throughput_delay(struct vu *vu, const struct plan_node *timer)
{
    const struct plan_precise_throughput_timer *t = timer->data;
    struct ptt_state *s = group_ptt(vu, t);
    struct group_run *g = vu->group;
    int64_t now = clock_mono_ms() - g->start_mono_ms;
    int64_t end = vu->end_mono_ms ? vu->end_mono_ms - g->start_mono_ms : -1;
    bool stop;
    int64_t event_ms;
    int64_t delay = ptt_delay_event(s, eval_double(vu, t->throughput), now, end, &stop, &event_ms);
    if (stop) {
        /* no event before the user's end (or none at all): the thread stops */
        vu->running = false;
        return 0;
    }
    vu->intended_mono_ms = g->start_mono_ms + event_ms;
    return delay;
}

void pacing_free_user(struct vu *vu)
{
    for (size_t i = 0; i < vu->pacing.len; i++)
        free(vu->pacing.items[i]);
    ptrvec_free(&vu->pacing);
}

void pacing_free_group(struct group_run *g)
{
    if (g->ctt_shared) {
        ctt_shared_destroy(g->ctt_shared);
        free(g->ctt_shared);
        g->ctt_shared = NULL;
    }
    if (g->ptt) {
        ptt_destroy(g->ptt);
        free(g->ptt);
        g->ptt = NULL;
    }
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
    case PK_CONSTANT_THROUGHPUT_TIMER:
        return constant_throughput_delay(vu, timer);
    case PK_PRECISE_THROUGHPUT_TIMER:
        return precise_throughput_delay(vu, timer);
    default:
        return 0;   /* not a timer */
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
        loop_timer_after(vu->worker->loop, &vu->timer, timeout);
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
