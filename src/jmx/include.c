/* include.c - Include Controller: runs the test fragment of another .jmx file.
 *
 * IncludeController.includepath names the file. JMeter tries the name as
 * given (relative to the current directory), then relative to the plan's
 * directory; between the two we also try the directory of the file holding
 * the controller, so that an included file can include its neighbours.
 * (JMeter's includecontroller.prefix property is not applied.) From that
 * file we take the first TestFragmentController found directly under its
 * root or under its TestPlan, and its enabled children become the
 * controller's children. Elements keep the included file's name for
 * diagnostics.
 *
 * Anything that goes wrong (missing file, broken XML, no fragment, a file
 * that includes itself) is a warning: the controller runs nothing and the
 * plan goes on. Each file is read once per load, however often it is
 * included, and each problem is reported once per controller as written,
 * however often it is copied. An empty includepath includes nothing: like
 * JMeter, the controller then just runs its own children, if it has any. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/strmap.h"
#include "jmx_internal.h"

/* Distinct files one plan may include; real plans use a handful. */
#define MAX_INCLUDED_FILES 1000

struct cache_entry {
    char *key;              /* canonical path of the file */
    bool ok;
    struct jmx_raw raw;     /* when ok; allocated from the doc's arena */
    char *why;              /* when not ok */
};

struct jmx_include_cache {
    struct ptrvec entries;  /* struct cache_entry * */
    struct strmap index;    /* key -> position in entries, as decimal text */
};

void jmx_include_cache_free(struct jmx_include_cache *cache)
{
    if (!cache)
        return;
    for (size_t i = 0; i < cache->entries.len; i++) {
        struct cache_entry *e = cache->entries.items[i];
        free(e->key);
        free(e->why);
        free(e);
    }
    ptrvec_free(&cache->entries);
    strmap_free(&cache->index);
    free(cache);
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* Where the file is, or NULL when no candidate exists. Caller frees. */
static char *locate(const struct jmx_resolver *r, const struct jmx_element *src, const char *path)
{
    if (path[0] == '/' || exists(path))
        return xstrdup(path);
    char *dir = path_dirname(src->file);
    char *cand = path_join(dir, path);
    free(dir);
    if (exists(cand))
        return cand;
    free(cand);
    cand = path_join(r->main_dir, path);
    if (exists(cand))
        return cand;
    free(cand);
    return NULL;
}

static struct cache_entry *load_file(struct jmx_resolver *r, const char *found, char *key)
{
    if (!r->cache) {
        r->cache = xcalloc(1, sizeof *r->cache);
        strmap_init(&r->cache->index);
    }
    struct jmx_include_cache *cache = r->cache;
    const char *pos = strmap_get(&cache->index, key);
    if (pos) {
        free(key);
        return cache->entries.items[strtoul(pos, NULL, 10)];
    }
    struct cache_entry *e = xcalloc(1, sizeof *e);
    e->key = key;
    char num[24];
    snprintf(num, sizeof num, "%zu", cache->entries.len);
    strmap_set(&cache->index, key, num);
    ptrvec_push(&cache->entries, e);
    if (cache->entries.len > MAX_INCLUDED_FILES) {
        e->why = xasprintf("the plan includes more than %d files", MAX_INCLUDED_FILES);
        return e;
    }

    size_t len;
    char *data = jmx_read_input(found, true, &len, &e->why);
    if (!data)
        return e;
    struct diag_list tmp;
    diag_list_init(&tmp);
    e->ok = jmx_load_raw(r->arena, data, len, found, &tmp, &e->raw);
    free(data);
    for (size_t i = 0; i < tmp.len; i++) {
        const struct diag *d = &tmp.items[i];
        if (!e->ok && d->severity == DIAG_ERROR) {
            e->why = xasprintf("%s:%d: %s", d->file ? d->file : found, d->line, d->message);
            break;
        }
        if (e->ok)
            diag_add(r->diags, d->severity, d->file, d->line, "%s", d->message);
    }
    if (!e->ok && !e->why)
        e->why = xstrdup("cannot load it");
    diag_list_free(&tmp);
    return e;
}

/* The first Test Fragment directly in list, or under a TestPlan in it. */
static const struct jmx_element *find_fragment(struct jmx_element *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct jmx_element *e = list[i];
        if (str_eq(e->testclass, "TestPlan"))
            return find_fragment(e->children, e->n_children);
        if (str_eq(e->testclass, "TestFragmentController"))
            return e;
    }
    return NULL;
}

static bool on_stack(const struct jmx_resolver *r, const char *key)
{
    for (size_t i = 0; i < r->including.len; i++)
        if (str_eq(r->including.items[i], key))
            return true;
    return false;
}

/* What we know about one Include Controller as written. */
struct include_info {
    const char *path;                    /* includepath, trimmed; "" when none */
    const char *key;                     /* canonical path of the file, or NULL */
    const struct jmx_element *fragment;  /* the fragment to copy, or NULL */
    const char *problem;                 /* why nothing is included, or NULL */
    bool warned;                         /* a problem was reported already */
};

/* Finds and reads the file once, and picks its fragment. */
static struct include_info *resolve(struct jmx_resolver *r, const struct jmx_element *src)
{
    struct include_info *info = arena_alloc(r->arena, sizeof *info);
    jmx_memo_put(&r->memo, src, info);
    char *path = str_trim_dup(jmx_str(src, "IncludeController.includepath", ""));
    info->path = arena_strdup(r->arena, path);
    free(path);
    if (!*info->path)
        return info;
    char *found = locate(r, src, info->path);
    if (!found) {
        info->problem = strerror(ENOENT);
        return info;
    }
    char *key = realpath(found, NULL);
    if (!key)
        key = xstrdup(found);
    struct cache_entry *e = load_file(r, found, key);   /* takes key */
    free(found);
    info->key = e->key;
    if (!e->ok)
        info->problem = arena_strdup(r->arena, e->why);
    else if (!(info->fragment = find_fragment(e->raw.roots, e->raw.n_roots)))
        info->problem = "it has no Test Fragment";
    return info;
}

void jmx_expand_include(struct jmx_resolver *r, struct jmx_element *el,
                        const struct jmx_element *src, int depth)
{
    struct include_info *info = jmx_memo_get(r->memo, src);
    if (!info)
        info = resolve(r, src);
    if (!*info->path) {
        /* nothing to include: like JMeter, keep the controller's own children */
        jmx_build_children(r, el, src->children, src->n_children, depth + 1);
        return;
    }
    const char *problem = info->problem;
    if (info->key && on_stack(r, info->key))
        problem = "it includes itself (directly or through other files)";
    else if (!problem && !jmx_may_expand(r))
        problem = "it sits under too many nested Module and Include Controllers";
    if (problem) {
        if (!info->warned)
            diag_add(r->diags, DIAG_WARNING, src->file, src->line,
                     "Include Controller \"%s\": cannot include '%s': %s", src->testname,
                     info->path, problem);
        info->warned = true;
        return;
    }
    r->expansions++;
    ptrvec_push(&r->including, (void *)info->key);
    jmx_build_children(r, el, info->fragment->children, info->fragment->n_children, depth + 1);
    r->including.len--;
    r->expansions--;
}
