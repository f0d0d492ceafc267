/* props.c - the JMeter property table: a string map behind a read-write lock,
 * so that worker threads can read (__P) and write (__setProperty) it at once.
 * A generation number counts the writes, so that values computed from
 * properties can be kept until one changes (props_generation). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/props.h"
#include "jmx2run/strmap.h"

struct props {
    pthread_rwlock_t lock;
    struct strmap map;
    _Atomic uint64_t generation;   /* bumped after every write, under the write lock */
};

/* Called with the write lock held, after the change. */
static void changed(struct props *p)
{
    atomic_fetch_add_explicit(&p->generation, 1, memory_order_release);
}

uint64_t props_generation(struct props *p)
{
    return atomic_load_explicit(&p->generation, memory_order_acquire);
}

struct props *props_new(void)
{
    struct props *p = xcalloc(1, sizeof *p);
    pthread_rwlock_init(&p->lock, NULL);
    strmap_init(&p->map);
    return p;
}

void props_free(struct props *p)
{
    if (!p)
        return;
    strmap_free(&p->map);
    pthread_rwlock_destroy(&p->lock);
    free(p);
}

void props_set(struct props *p, const char *name, const char *value)
{
    pthread_rwlock_wrlock(&p->lock);
    strmap_set(&p->map, name, value);
    changed(p);
    pthread_rwlock_unlock(&p->lock);
}

bool props_remove(struct props *p, const char *name)
{
    pthread_rwlock_wrlock(&p->lock);
    bool removed = strmap_remove(&p->map, name);
    changed(p);
    pthread_rwlock_unlock(&p->lock);
    return removed;
}

bool props_get(struct props *p, const char *name, struct strbuf *out)
{
    pthread_rwlock_rdlock(&p->lock);
    const char *v = strmap_get(&p->map, name);
    if (v)
        strbuf_adds(out, v);
    pthread_rwlock_unlock(&p->lock);
    return v != NULL;
}

bool props_has(struct props *p, const char *name)
{
    pthread_rwlock_rdlock(&p->lock);
    bool has = strmap_get(&p->map, name) != NULL;
    pthread_rwlock_unlock(&p->lock);
    return has;
}

char *props_get_dup(struct props *p, const char *name)
{
    pthread_rwlock_rdlock(&p->lock);
    const char *v = strmap_get(&p->map, name);
    char *copy = v ? xstrdup(v) : NULL;
    pthread_rwlock_unlock(&p->lock);
    return copy;
}

bool props_exchange(struct props *p, const char *name, const char *value, struct strbuf *old)
{
    pthread_rwlock_wrlock(&p->lock);
    const char *v = strmap_get(&p->map, name);
    bool had = v != NULL;
    if (v && old)
        strbuf_adds(old, v);
    strmap_set(&p->map, name, value);
    changed(p);
    pthread_rwlock_unlock(&p->lock);
    return had;
}

size_t props_count(struct props *p)
{
    pthread_rwlock_rdlock(&p->lock);
    size_t n = strmap_count(&p->map);
    pthread_rwlock_unlock(&p->lock);
    return n;
}

void props_foreach(struct props *p, void (*fn)(const char *name, const char *value, void *data),
                   void *data)
{
    pthread_rwlock_rdlock(&p->lock);
    const char *k, *v;
    for (size_t i = 0; strmap_next(&p->map, &i, &k, &v);)
        fn(k, v, data);
    pthread_rwlock_unlock(&p->lock);
}

bool props_apply_assignment(struct props *p, const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    if (!eq)
        return false;
    char *name = xstrndup(assignment, (size_t)(eq - assignment));
    if (eq[1])
        props_set(p, name, eq + 1);
    else
        props_remove(p, name);
    free(name);
    return true;
}
