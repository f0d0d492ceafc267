/* memo.c - a small map from raw elements to what tree surgery learned about
 * them. Module and Include Controllers can be copied many times (a fragment
 * used by many modules); their targets are looked up, their files read and
 * their problems reported once per controller as written, not once per copy.
 * Keys are pointers, compared as such; the map only grows. */
#include <stdint.h>
#include <stdlib.h>
#include "jmx_internal.h"

struct memo_slot {
    const void *key;
    void *value;
};

struct jmx_memo {
    struct memo_slot *slots;
    size_t cap;    /* a power of two */
    size_t len;
};

static size_t slot_of(const struct jmx_memo *m, const void *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 20) & (m->cap - 1);
}

void *jmx_memo_get(const struct jmx_memo *m, const void *key)
{
    if (!m || !key)
        return NULL;
    for (size_t i = slot_of(m, key);; i = (i + 1) & (m->cap - 1)) {
        if (m->slots[i].key == key)
            return m->slots[i].value;
        if (!m->slots[i].key)
            return NULL;
    }
}

static void put(struct jmx_memo *m, const void *key, void *value)
{
    size_t i = slot_of(m, key);
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & (m->cap - 1);
    if (!m->slots[i].key)
        m->len++;
    m->slots[i].key = key;
    m->slots[i].value = value;
}

void jmx_memo_put(struct jmx_memo **mp, const void *key, void *value)
{
    if (!*mp)
        *mp = xcalloc(1, sizeof **mp);
    struct jmx_memo *m = *mp;
    if ((m->len + 1) * 2 > m->cap) {
        struct jmx_memo bigger = {.cap = m->cap ? m->cap * 2 : 64};
        bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                put(&bigger, m->slots[i].key, m->slots[i].value);
        free(m->slots);
        *m = bigger;
    }
    put(m, key, value);
}

void jmx_memo_free(struct jmx_memo *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}
