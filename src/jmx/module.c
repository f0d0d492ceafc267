/* module.c - Module Controller: runs a copy of another controller.
 *
 * ModuleController.node_path lists test names from the top of JMeter's tree
 * down to the target: element 0 is the invisible root of the GUI tree (often
 * "WorkBench" or "Test Plan"), element 1 the Test Plan, then one name per
 * level. Names are matched level by level, the first full match wins, and
 * Module Controllers themselves are never targets (as in JMeter). Some tools
 * write the path without element 0, so when the full path finds nothing we
 * try it once more starting at the Test Plan.
 *
 * The target is looked up in the plan as written (disabled elements too) and
 * copied with its subtree under the Module Controller; the copy runs enabled
 * even if the target is a disabled Test Fragment, but disabled elements
 * inside it are still left out. The target is looked up, and problems are
 * reported, once per Module Controller as written, however often it is
 * copied. */
#include <stdlib.h>
#include <string.h>
#include "jmx_internal.h"

static const struct jmx_element *match_path(struct jmx_resolver *r,
                                            struct jmx_element *const *list, size_t n,
                                            const char *const *names, size_t n_names, size_t level)
{
    for (size_t i = 0; i < n && !r->failed; i++) {
        if (++r->lookup_steps > JMX_MAX_LOOKUP_STEPS) {
            diag_add(r->diags, DIAG_ERROR, list[i]->file, list[i]->line,
                     "too many Module Controller paths to follow (more than %d steps)",
                     JMX_MAX_LOOKUP_STEPS);
            r->failed = true;
            return NULL;
        }
        const struct jmx_element *e = list[i];
        if (str_eq(e->testclass, "ModuleController") || !str_eq(e->testname, names[level]))
            continue;
        if (level + 1 == n_names)
            return e;
        const struct jmx_element *hit =
            match_path(r, e->children, e->n_children, names, n_names, level + 1);
        if (hit)
            return hit;
    }
    return NULL;
}

static const struct jmx_element *find_target(struct jmx_resolver *r,
                                             const char *const *names, size_t n_names)
{
    const struct jmx_raw *top = r->main;
    const struct jmx_element *hit = NULL;
    if (n_names >= 2)
        hit = match_path(r, top->roots, top->n_roots, names, n_names, 1);
    if (!hit)
        hit = match_path(r, top->roots, top->n_roots, names, n_names, 0);
    return hit;
}

/* What we know about one Module Controller as written. */
struct module_info {
    const struct jmx_element *target;   /* NULL when there is none */
    bool warned;                        /* a problem was reported already */
};

/* Looks the target up once; warns when the path is empty or leads nowhere. */
static struct module_info *resolve(struct jmx_resolver *r, const struct jmx_element *src)
{
    struct module_info *info = arena_alloc(r->arena, sizeof *info);
    jmx_memo_put(&r->memo, src, info);
    const struct jmx_prop *np = jmx_prop(src, "ModuleController.node_path");
    size_t n_names = 0;
    const char **names = NULL;
    if (np && np->n_items) {
        names = xcalloc(np->n_items, sizeof *names);
        for (size_t i = 0; i < np->n_items; i++)
            if (jmx_is_scalar(np->items[i]))
                names[n_names++] = np->items[i]->value;
    }
    if (n_names == 0) {
        diag_add(r->diags, DIAG_WARNING, src->file, src->line,
                 "Module Controller \"%s\" has no target; it runs nothing", src->testname);
        info->warned = true;
    } else if (!(info->target = find_target(r, names, n_names)) && !r->failed) {
        struct strbuf path;
        strbuf_init(&path);
        for (size_t i = 0; i < n_names; i++)
            strbuf_addf(&path, "%s%s", i ? " > " : "", names[i]);
        diag_add(r->diags, DIAG_WARNING, src->file, src->line,
                 "Module Controller \"%s\": target not found (%s); it runs nothing",
                 src->testname, path.s);
        strbuf_free(&path);
        info->warned = true;
    }
    free(names);
    return info;
}

void jmx_expand_module(struct jmx_resolver *r, struct jmx_element *el,
                       const struct jmx_element *src, int depth)
{
    struct module_info *info = jmx_memo_get(r->memo, src);
    if (!info)
        info = resolve(r, src);
    const struct jmx_element *target = info->target;
    if (!target)
        return;
    const char *problem = NULL;
    if (jmx_is_being_built(r, target))
        problem = "contains this controller; the inner copy is left empty";
    else if (depth >= JMX_MAX_TREE_DEPTH)
        problem = "would be nested too deep; left empty";
    else if (!jmx_may_expand(r))
        problem = "sits under too many nested Module and Include Controllers; left empty";
    if (problem) {
        if (!info->warned)
            diag_add(r->diags, DIAG_WARNING, src->file, src->line,
                     "Module Controller \"%s\": its target \"%s\" %s", src->testname,
                     target->testname, problem);
        info->warned = true;
        return;
    }
    r->expansions++;
    struct jmx_element *copy = jmx_build(r, target, el, depth + 1);
    r->expansions--;
    if (copy) {
        el->children = arena_alloc(r->arena, sizeof *el->children);
        el->children[0] = copy;
        el->n_children = 1;
    }
}
