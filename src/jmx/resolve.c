/* resolve.c - tree surgery: the raw tree as written becomes the tree that runs.
 *
 * The final tree is built as a copy of the raw one (properties are shared,
 * elements are new), so the raw tree stays whole while we work: Module
 * Controllers look their targets up in it, disabled ones included (targets
 * are usually disabled Test Fragments). While copying:
 *   - disabled elements are left out with their subtrees;
 *   - an Include Controller gets the test fragment of the file it names;
 *   - a Module Controller gets a copy of its target, subtree included.
 * Copies can contain more controllers of both kinds, which are expanded in
 * turn; cycles and runaway nesting end in a warning, never a hang, and a
 * plan that would grow past JMX_MAX_ELEMENTS elements is refused. */
#include <string.h>
#include "jmx_internal.h"

bool jmx_may_expand(const struct jmx_resolver *r)
{
    return r->expansions < JMX_MAX_INCLUDE_DEPTH;
}

bool jmx_is_being_built(const struct jmx_resolver *r, const struct jmx_element *raw)
{
    for (size_t i = 0; i < r->building.len; i++)
        if (r->building.items[i] == raw)
            return true;
    return false;
}

struct jmx_element *jmx_build(struct jmx_resolver *r, const struct jmx_element *src,
                              struct jmx_element *parent, int depth)
{
    if (r->failed)
        return NULL;
    if (++r->n_elements > JMX_MAX_ELEMENTS) {
        diag_add(r->diags, DIAG_ERROR, src->file, src->line,
                 "more than %d test elements once Module and Include Controllers are expanded",
                 JMX_MAX_ELEMENTS);
        r->failed = true;
        return NULL;
    }
    struct jmx_element *el = arena_alloc(r->arena, sizeof *el);
    *el = *src;
    el->parent = parent;
    el->children = NULL;
    el->n_children = 0;
    el->enabled = true;   /* a disabled target of a Module Controller runs as enabled */

    ptrvec_push(&r->building, (void *)src);
    if (str_eq(src->testclass, "IncludeController"))
        jmx_expand_include(r, el, src, depth);
    else if (str_eq(src->testclass, "ModuleController"))
        jmx_expand_module(r, el, src, depth);
    else
        jmx_build_children(r, el, src->children, src->n_children, depth + 1);
    r->building.len--;
    return el;
}

void jmx_build_children(struct jmx_resolver *r, struct jmx_element *el,
                        struct jmx_element *const *srcs, size_t n, int depth)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (srcs[i]->enabled)
            count++;
    if (count == 0 || r->failed)
        return;
    if (depth > JMX_MAX_TREE_DEPTH) {
        /* only expansions can get here: the parser refuses deeper files */
        diag_add(r->diags, DIAG_WARNING, el->file, el->line,
                 "\"%s\": its children would be nested more than %d levels deep once "
                 "Module and Include Controllers are expanded; left out",
                 el->testname, JMX_MAX_TREE_DEPTH);
        return;
    }
    struct jmx_element **kids = arena_alloc(r->arena, count * sizeof *kids);
    size_t k = 0;
    for (size_t i = 0; i < n && k < count; i++) {
        if (!srcs[i]->enabled)
            continue;
        struct jmx_element *kid = jmx_build(r, srcs[i], el, depth);
        if (!kid)
            break;
        kids[k++] = kid;
    }
    el->children = kids;
    el->n_children = k;
}
