/* strmap.h - an open-addressing hash map from strings to strings.
 *
 * Used for per-user JMeter variables and for the global property table.
 * Keys and values are copied in; lookups never allocate. Not thread-safe:
 * callers that share a map across threads lock around it (see props). */
#ifndef JMX2RUN_STRMAP_H
#define JMX2RUN_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_entry {
    char *key;      /* NULL = empty slot */
    char *value;
    size_t value_cap;   /* bytes allocated for value (its length + 1 at least) */
    size_t key_len;
    unsigned hash;
    bool tombstone;
};

struct strmap {
    struct strmap_entry *slots;
    size_t cap;      /* power of two, or 0 */
    size_t count;    /* live entries */
    size_t used;     /* live + tombstones */
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
void strmap_clear(struct strmap *m);
void strmap_copy(struct strmap *dst, const struct strmap *src);   /* dst must be initialised */

const char *strmap_get(const struct strmap *m, const char *key);  /* NULL if absent */
const char *strmap_getn(const struct strmap *m, const char *key, size_t key_len);
void strmap_set(struct strmap *m, const char *key, const char *value);
void strmap_setn(struct strmap *m, const char *key, size_t key_len, const char *value, size_t value_len);
bool strmap_remove(struct strmap *m, const char *key);
size_t strmap_count(const struct strmap *m);

/* Iteration: for (size_t i = 0; strmap_next(m, &i, &k, &v); ) ... */
bool strmap_next(const struct strmap *m, size_t *iter, const char **key, const char **value);

#endif
