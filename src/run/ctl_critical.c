/* ctl_critical.c - Critical Section Controller: its children run while the
 * user holds a named lock shared by every user of every group (JMeter's
 * ReentrantLock per name). A user that finds the lock taken does not block its
 * worker thread: next() answers "wait", the user is queued on the lock, and
 * when the lock is released the first waiter is woken on its own worker and
 * walks the plan again (the walk up to this controller has no side effects
 * the second time, see run.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "ctl.h"
#include "locks.h"

struct run_lock {
    char *name;
    struct vu *owner;
    int depth;                    /* re-entrant holds by the owner */
    struct vu **waiters;
    size_t n_waiters, cap_waiters;
    struct run_lock *next;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct run_lock *locks;

static struct run_lock *find_or_create(const char *name)
{
    for (struct run_lock *l = locks; l; l = l->next)
        if (strcmp(l->name, name) == 0)
            return l;
    struct run_lock *l = xcalloc(1, sizeof *l);
    l->name = xstrdup(name);
    l->next = locks;
    locks = l;
    return l;
}

/* true = acquired; false = queued (the user will be woken) */
static bool lock_acquire(struct vu *vu, struct run_lock **out, const char *name)
{
    pthread_mutex_lock(&table_lock);
    struct run_lock *l = find_or_create(name);
    *out = l;
    bool got = false;
    if (!l->owner || l->owner == vu) {
        l->owner = vu;
        l->depth++;
        got = true;
    } else {
        bool queued = false;
        for (size_t i = 0; i < l->n_waiters; i++)
            queued |= l->waiters[i] == vu;
        if (!queued) {
            if (l->n_waiters == l->cap_waiters) {
                l->cap_waiters = l->cap_waiters ? l->cap_waiters * 2 : 8;
                l->waiters = xrealloc(l->waiters, l->cap_waiters * sizeof(*l->waiters));
            }
            l->waiters[l->n_waiters++] = vu;
        }
    }
    pthread_mutex_unlock(&table_lock);
    return got;
}

static void lock_release(struct vu *vu, struct run_lock *l)
{
    struct vu *wake = NULL;
    pthread_mutex_lock(&table_lock);
    if (l->owner == vu && --l->depth == 0) {
        l->owner = NULL;
        if (l->n_waiters) {
            wake = l->waiters[0];
            memmove(l->waiters, l->waiters + 1, (l->n_waiters - 1) * sizeof(*l->waiters));
            l->n_waiters--;
        }
    }
    pthread_mutex_unlock(&table_lock);
    if (wake)
        vu_wake(wake);
}

void locks_forget_user(struct vu *vu)
{
    pthread_mutex_lock(&table_lock);
    for (struct run_lock *l = locks; l; l = l->next)
        for (size_t i = 0; i < l->n_waiters; i++)
            if (l->waiters[i] == vu) {
                memmove(l->waiters + i, l->waiters + i + 1, (l->n_waiters - i - 1) * sizeof(*l->waiters));
                l->n_waiters--;
                i--;
            }
    pthread_mutex_unlock(&table_lock);
}

void locks_reset(void)
{
    pthread_mutex_lock(&table_lock);
    while (locks) {
        struct run_lock *next = locks->next;
        free(locks->name);
        free(locks->waiters);
        free(locks);
        locks = next;
    }
    pthread_mutex_unlock(&table_lock);
}

static void release_held(struct vu *vu, node_t *node)
{
    struct ctl_state *st = ctl_state_of(vu, node);
    if (st->held_lock) {
        lock_release(vu, st->held_lock);
        st->held_lock = NULL;
    }
}

static struct next_item cs_next(struct vu *vu, node_t *node)
{
    const struct plan_critical_section *cs = node->data;
    struct ctl_state *st = ctl_state_of(vu, node);
    char *name = tmpl_eval_dup(cs->lock_name, &vu->ctx);
    if (!*name) {
        free(name);
        return gc_next(vu, node);
    }
    if (st->first && !st->held_lock) {
        struct run_lock *l;
        if (!lock_acquire(vu, &l, name)) {
            free(name);
            return NEXT_WAIT;
        }
        st->held_lock = l;
    }
    free(name);
    return gc_next(vu, node);
}

static void cs_re_initialize(struct vu *vu, node_t *node)
{
    release_held(vu, node);
    gc_re_initialize(vu, node);
}

void ctl_release(struct vu *vu, node_t *node)
{
    if (node->kind == PK_CRITICAL_SECTION_CONTROLLER)
        release_held(vu, node);
}

const struct ctl_class ctl_critical_section_class = {
    .next = cs_next,
    .re_initialize = cs_re_initialize,
};
