/* arena.c - bump allocator: many small immutable objects, freed in one call.
 * Element trees and plans are built once and never edited piecemeal, so an
 * arena makes them cheap to build and impossible to leak partially. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/util.h"

#define ARENA_BLOCK_SIZE (64u * 1024u)
#define ARENA_ALIGN 16u

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct arena {
    struct arena_block *head;
    size_t total;
};

struct arena *arena_new(void)
{
    return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
    if (!a)
        return;
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc(struct arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    struct arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > ARENA_BLOCK_SIZE / 4 ? size : ARENA_BLOCK_SIZE;
        struct arena_block *nb = xmalloc(sizeof(*nb) + bsize);
        nb->size = bsize;
        nb->used = 0;
        if (size > ARENA_BLOCK_SIZE / 4 && b) {
            /* a big object gets its own block behind the current one, so the
             * current block's free space is not wasted */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        a->total += bsize;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    struct strbuf sb;
    va_list ap;
    strbuf_init(&sb);
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    char *p = arena_strndup(a, sb.s, sb.len);
    strbuf_free(&sb);
    return p;
}

size_t arena_bytes(const struct arena *a)
{
    return a->total;
}
