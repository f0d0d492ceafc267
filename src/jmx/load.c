/* load.c - the public entry points: file or memory in, element tree out.
 *
 * Steps: check the bytes are text, parse them with libxml2, convert the XML
 * into a raw tree (freeing the XML document right away), find the TestPlan,
 * then do the tree surgery of resolve.c. Everything the tree holds comes
 * from one arena, freed by jmx_doc_free. */
#include <stdlib.h>
#include <string.h>
#include "jmx_internal.h"

bool jmx_load_raw(struct arena *arena, const char *data, size_t len, const char *file,
                  struct diag_list *diags, struct jmx_raw *out)
{
    memset(out, 0, sizeof *out);
    if (!jmx_check_text(data, len, file, diags))
        return false;
    xmlDoc *xml = jmx_parse_xml(data, len, file, diags);
    if (!xml)
        return false;
    struct jmx_conv c = {.arena = arena, .diags = diags, .file = arena_strdup(arena, file)};
    bool ok = jmx_convert_doc(&c, xml, out);
    xmlFreeDoc(xml);
    return ok;
}

/* The TestPlan among the root elements; when there is one, warns about
 * anything else there (a WorkBench pair from old files is ignored quietly). */
static const struct jmx_element *find_test_plan(const struct jmx_raw *raw,
                                                struct diag_list *diags)
{
    const struct jmx_element *plan = NULL;
    for (size_t i = 0; i < raw->n_roots && !plan; i++)
        if (str_eq(raw->roots[i]->testclass, "TestPlan"))
            plan = raw->roots[i];
    if (!plan)
        return NULL;
    for (size_t i = 0; i < raw->n_roots; i++) {
        const struct jmx_element *e = raw->roots[i];
        if (e != plan && !str_eq(e->testclass, "WorkBench"))
            diag_add(diags, DIAG_WARNING, e->file, e->line,
                     "<%s> \"%s\" outside the Test Plan ignored", e->tag, e->testname);
    }
    return plan;
}

static struct jmx_doc *load(const char *data, size_t len, const char *name,
                            struct diag_list *diags)
{
    struct arena *arena = arena_new();
    struct jmx_doc *doc = arena_alloc(arena, sizeof *doc);
    doc->arena = arena;
    doc->path = arena_strdup(arena, name);
    char *dir = path_dirname(name);
    doc->dir = arena_strdup(arena, dir);
    free(dir);

    struct jmx_raw raw;
    if (!jmx_load_raw(arena, data, len, name, diags, &raw)) {
        arena_free(arena);
        return NULL;
    }
    const struct jmx_element *plan = find_test_plan(&raw, diags);
    if (!plan) {
        diag_add(diags, DIAG_ERROR, name, raw.root_line > 0 ? raw.root_line : 1,
                 "not a JMeter test plan: no TestPlan element");
        arena_free(arena);
        return NULL;
    }

    struct jmx_resolver r;
    memset(&r, 0, sizeof r);
    r.arena = arena;
    r.diags = diags;
    r.main_dir = doc->dir;
    r.main = &raw;
    /* the plan itself is on the include stack, so a fragment including it is a cycle */
    char *self = realpath(name, NULL);
    if (self)
        ptrvec_push(&r.including, self);
    doc->test_plan = jmx_build(&r, plan, NULL, 1);
    free(self);
    ptrvec_free(&r.including);
    ptrvec_free(&r.building);
    jmx_include_cache_free(r.cache);
    jmx_memo_free(r.memo);
    if (r.failed || !doc->test_plan) {
        arena_free(arena);
        return NULL;
    }
    return doc;
}

struct jmx_doc *jmx_load_memory(const char *data, size_t len, const char *name,
                                struct diag_list *diags)
{
    if (!name || !*name)
        name = "<memory>";
    if (!data)
        len = 0;
    return load(data ? data : "", len, name, diags);
}

struct jmx_doc *jmx_load_file(const char *path, struct diag_list *diags)
{
    if (!path || !*path) {
        diag_add(diags, DIAG_ERROR, NULL, 0, "no plan file given");
        return NULL;
    }
    size_t len;
    char *why;
    char *data = jmx_read_input(path, false, &len, &why);
    if (!data) {
        diag_add(diags, DIAG_ERROR, path, 0, "cannot read the plan: %s", why);
        free(why);
        return NULL;
    }
    struct jmx_doc *doc = load(data, len, path, diags);
    free(data);
    return doc;
}

void jmx_doc_free(struct jmx_doc *doc)
{
    if (doc)
        arena_free(doc->arena);   /* the doc itself lives in its arena */
}
