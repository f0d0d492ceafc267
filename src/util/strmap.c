/* strmap.c - open-addressing string hash map (FNV-1a, linear probing). */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/strmap.h"
#include "jmx2run/util.h"

static unsigned hash_bytes(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

void strmap_init(struct strmap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_clear(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->slots[i].key);
        free(m->slots[i].value);
        memset(&m->slots[i], 0, sizeof m->slots[i]);
    }
    m->count = m->used = 0;
}

void strmap_free(struct strmap *m)
{
    strmap_clear(m);
    free(m->slots);
    strmap_init(m);
}

static struct strmap_entry *find_slot(const struct strmap *m, const char *key, size_t n, unsigned h)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct strmap_entry *e = &m->slots[i];
        if (!e->key && !e->tombstone)
            return NULL;
        if (e->key && e->hash == h && e->key_len == n && memcmp(e->key, key, n) == 0)
            return e;
    }
}

static void rehash(struct strmap *m, size_t new_cap)
{
    struct strmap_entry *old = m->slots;
    size_t old_cap = m->cap;
    m->slots = xcalloc(new_cap, sizeof(struct strmap_entry));
    m->cap = new_cap;
    m->used = m->count;
    size_t mask = new_cap - 1;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].key)
            continue;
        size_t j = old[i].hash & mask;
        while (m->slots[j].key)
            j = (j + 1) & mask;
        m->slots[j] = old[i];
    }
    free(old);
}

const char *strmap_getn(const struct strmap *m, const char *key, size_t n)
{
    struct strmap_entry *e = find_slot(m, key, n, hash_bytes(key, n));
    return e ? e->value : NULL;
}

const char *strmap_get(const struct strmap *m, const char *key)
{
    return strmap_getn(m, key, strlen(key));
}

void strmap_setn(struct strmap *m, const char *key, size_t n, const char *value, size_t vn)
{
    unsigned h = hash_bytes(key, n);
    struct strmap_entry *e = find_slot(m, key, n, h);
    if (e) {
        /* values set again and again (iteration counters, last_sample_ok)
         * keep their buffer when the new value fits */
        if (vn < e->value_cap) {
            memmove(e->value, value, vn);
            e->value[vn] = '\0';
            return;
        }
        free(e->value);
        e->value = xstrndup(value, vn);
        e->value_cap = vn + 1;
        return;
    }
    if ((m->used + 1) * 4 > m->cap * 3)
        rehash(m, m->cap ? (m->count * 2 >= m->cap ? m->cap * 2 : m->cap) : 16);
    size_t mask = m->cap - 1;
    size_t i = h & mask;
    while (m->slots[i].key)
        i = (i + 1) & mask;
    e = &m->slots[i];
    if (!e->tombstone)
        m->used++;
    e->tombstone = false;
    e->key = xstrndup(key, n);
    e->key_len = n;
    e->hash = h;
    e->value = xstrndup(value, vn);
    e->value_cap = vn + 1;
    m->count++;
}

void strmap_set(struct strmap *m, const char *key, const char *value)
{
    strmap_setn(m, key, strlen(key), value, strlen(value));
}

bool strmap_remove(struct strmap *m, const char *key)
{
    size_t n = strlen(key);
    struct strmap_entry *e = find_slot(m, key, n, hash_bytes(key, n));
    if (!e)
        return false;
    free(e->key);
    free(e->value);
    e->key = e->value = NULL;
    e->value_cap = 0;
    e->tombstone = true;
    m->count--;
    return true;
}

size_t strmap_count(const struct strmap *m)
{
    return m->count;
}

bool strmap_next(const struct strmap *m, size_t *iter, const char **key, const char **value)
{
    while (*iter < m->cap) {
        struct strmap_entry *e = &m->slots[(*iter)++];
        if (e->key) {
            *key = e->key;
            *value = e->value;
            return true;
        }
    }
    return false;
}

void strmap_copy(struct strmap *dst, const struct strmap *src)
{
    const char *k, *v;
    for (size_t it = 0; strmap_next(src, &it, &k, &v);)
        strmap_set(dst, k, v);
}
