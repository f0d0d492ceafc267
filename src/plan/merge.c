/* merge.c - HTTP Request Defaults merged into an HTTP sampler (digest §2.6a).
 *
 * JMeter adds each property of each Defaults element in scope (innermost
 * first) to the sampler: a property the sampler lacks, or has as an empty
 * string, is taken from the Defaults; element properties merge recursively and
 * collections concatenate (so Defaults' parameters follow the sampler's own);
 * anything else the sampler set keeps its value. We apply the same rule to the
 * generic properties, producing a merged copy of the sampler element that the
 * HTTP builder then reads like any other. Nothing is modified in place. */
#include <string.h>
#include "builder.h"

struct prop_list {
    struct jmx_prop **items;
    size_t n, cap;
};

static void list_push(struct plan_builder *b, struct prop_list *l, struct jmx_prop *p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct jmx_prop **grown = PB_ARRAY(b, struct jmx_prop *, cap);
        if (l->n)
            memcpy(grown, l->items, l->n * sizeof(*grown));
        l->items = grown;
        l->cap = cap;
    }
    l->items[l->n++] = p;
}

static struct jmx_prop *list_find(struct prop_list *l, const char *name, size_t *index)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i]->name, name) == 0) {
            *index = i;
            return l->items[i];
        }
    return NULL;
}

static struct jmx_prop *merge_prop(struct plan_builder *b, struct jmx_prop *mine,
                                   const struct jmx_prop *theirs, int depth);

/* Adds every item of `from` to `into` (a copy of mine's item list) by JMeter's rule. */
static void add_items(struct plan_builder *b, struct prop_list *into, struct jmx_prop *const *from,
                      size_t n, bool concatenate, int depth)
{
    for (size_t i = 0; i < n; i++) {
        struct jmx_prop *p = from[i];
        size_t at;
        struct jmx_prop *existing = concatenate ? NULL : list_find(into, p->name, &at);
        if (!existing)
            list_push(b, into, p);
        else if (existing->kind == JMX_PROP_STRING && existing->value[0] == '\0')
            into->items[at] = p;
        else
            into->items[at] = merge_prop(b, existing, p, depth + 1);
    }
}

static struct jmx_prop *merge_prop(struct plan_builder *b, struct jmx_prop *mine,
                                   const struct jmx_prop *theirs, int depth)
{
    bool element = mine->kind == JMX_PROP_ELEMENT && theirs->kind == JMX_PROP_ELEMENT;
    bool collection = mine->kind == JMX_PROP_COLLECTION && theirs->kind == JMX_PROP_COLLECTION;
    if ((!element && !collection) || depth > 32)
        return mine;   /* scalars the sampler set, or mismatched kinds: the sampler wins */
    struct jmx_prop *copy = PB_NEW(b, struct jmx_prop);
    *copy = *mine;
    struct prop_list items = {0};
    for (size_t i = 0; i < mine->n_items; i++)
        list_push(b, &items, mine->items[i]);
    add_items(b, &items, theirs->items, theirs->n_items, collection, depth);
    copy->items = items.items;
    copy->n_items = items.n;
    return copy;
}

const struct jmx_element *plan_merge_http_defaults(struct plan_builder *b,
                                                   const struct jmx_element *sampler,
                                                   struct plan_node **defaults, size_t n)
{
    if (n == 0)
        return sampler;
    struct jmx_element *merged = PB_NEW(b, struct jmx_element);
    *merged = *sampler;
    struct prop_list props = {0};
    for (size_t i = 0; i < sampler->n_props; i++)
        list_push(b, &props, sampler->props[i]);
    for (size_t d = 0; d < n; d++) {
        const struct jmx_element *def = b->sources[defaults[d]->id];
        add_items(b, &props, def->props, def->n_props, false, 0);
    }
    merged->props = props.items;
    merged->n_props = props.n;
    return merged;
}
