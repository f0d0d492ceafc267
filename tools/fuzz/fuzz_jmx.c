/* fuzz_jmx.c - libFuzzer target for the .jmx loader.
 *
 * Any bytes given to jmx_load_memory must either load or fail with an error,
 * never crash, hang or leak. A loaded tree is walked and every accessor is
 * called on it, so that a broken tree would show up here too. The plan's
 * name points into a directory that does not exist, so relative Include
 * Controller paths find nothing. */
#include <stddef.h>
#include <stdint.h>
#include "jmx2run/jmx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk_prop(const struct jmx_prop *p)
{
    size_t n = 1;
    for (size_t i = 0; i < p->n_items; i++) {
        (void)jmx_prop_str(p, p->items[i]->name, NULL);
        (void)jmx_prop_bool(p, p->items[i]->name, false);
        (void)jmx_prop_long(p, p->items[i]->name, 0);
        n += walk_prop(p->items[i]);
    }
    (void)jmx_prop_kind_name(p->kind);
    return n;
}

static size_t walk(const struct jmx_element *e, const struct jmx_element *parent)
{
    size_t n = 1;
    if (e->parent != parent || !e->tag || !e->testclass || !e->guiclass || !e->testname ||
        !e->file)
        __builtin_trap();
    for (size_t i = 0; i < e->n_props; i++) {
        const char *name = e->props[i]->name;
        (void)jmx_str(e, name, NULL);
        (void)jmx_bool(e, name, true);
        (void)jmx_long(e, name, 1);
        (void)jmx_double(e, name, 1.0);
        n += walk_prop(e->props[i]);
    }
    for (size_t i = 0; i < e->n_children; i++)
        n += walk(e->children[i], e);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc =
        jmx_load_memory((const char *)data, size, "/nonexistent-fuzz-dir/fuzz.jmx", &dl);
    if (!doc && dl.errors == 0)
        __builtin_trap();   /* a refused input must say why */
    if (doc)
        (void)walk(doc->test_plan, NULL);
    jmx_doc_free(doc);
    diag_list_free(&dl);
    return 0;
}
