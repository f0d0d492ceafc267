/* jmx.h - the generic element tree of a .jmx file.
 *
 * The parser turns XML into this tree and knows nothing about what elements
 * mean: every test element keeps its class, name, enabled flag, source line and
 * its properties, typed as written. The plan builder (src/plan) gives them
 * meaning. After loading, the tree is immutable and lives in one arena.
 *
 * Loading does JMeter's tree surgery (digest §1.5): Include Controllers are
 * replaced by the test fragment of the file they name, Module Controllers get
 * a copy of the controller they point at, and disabled subtrees are dropped. */
#ifndef JMX2RUN_JMX_H
#define JMX2RUN_JMX_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/diag.h"
#include "jmx2run/util.h"

enum jmx_prop_kind {
    JMX_PROP_STRING,      /* <stringProp> */
    JMX_PROP_BOOL,        /* <boolProp> */
    JMX_PROP_INT,         /* <intProp> */
    JMX_PROP_LONG,        /* <longProp> */
    JMX_PROP_DOUBLE,      /* <doubleProp><name/><value/></doubleProp> */
    JMX_PROP_FLOAT,       /* <FloatProperty><name/><value/></FloatProperty> */
    JMX_PROP_ELEMENT,     /* <elementProp>: a nested test element (not a tree node) */
    JMX_PROP_COLLECTION,  /* <collectionProp>: ordered list of properties */
    JMX_PROP_MAP,         /* <mapProp> */
    JMX_PROP_OBJECT,      /* <objProp>: serialized object (listeners' saveConfig) */
};

struct jmx_prop {
    enum jmx_prop_kind kind;
    const char *name;          /* never NULL ("" when missing) */
    const char *value;         /* scalar kinds: the text as written (never NULL; "" if empty) */
    int line;
    /* JMX_PROP_ELEMENT only: attributes of the nested element */
    const char *element_type;  /* elementType attribute (class alias), may be NULL */
    const char *testclass;     /* may be NULL */
    const char *guiclass;      /* may be NULL */
    const char *testname;      /* may be NULL */
    bool enabled;              /* enabled attribute; true when absent */
    /* ELEMENT, COLLECTION, MAP, OBJECT: nested properties in document order */
    struct jmx_prop **items;
    size_t n_items;
};

struct jmx_element {
    const char *tag;           /* XML tag as written */
    const char *testclass;     /* canonical class: aliases resolved (HTTPSampler -> HTTPSamplerProxy),
                                  fully qualified plugin names kept */
    const char *guiclass;      /* may be "" */
    const char *testname;      /* "" when missing */
    bool enabled;
    const char *file;          /* source file (the plan or an included file) */
    int line;
    struct jmx_prop **props;   /* top-level properties in document order */
    size_t n_props;
    struct jmx_element **children;  /* from the paired <hashTree>, in order */
    size_t n_children;
    struct jmx_element *parent;     /* NULL for the TestPlan */
};

struct jmx_doc {
    struct arena *arena;       /* owns every element, property and string */
    const char *path;          /* path of the plan file as given */
    const char *dir;           /* its directory, for relative file names */
    struct jmx_element *test_plan;  /* the TestPlan element, root of the tree */
};

/* Parser limits: input beyond them is refused with an error, never a crash. */
#define JMX_MAX_FILE_SIZE    (256u * 1024u * 1024u)
#define JMX_MAX_TREE_DEPTH   200      /* nested test elements (hashTree levels) */
#define JMX_MAX_INCLUDE_DEPTH 16      /* Include/Module controller expansion */

/* Loads and resolves a plan file. On failure returns NULL with at least one
 * DIAG_ERROR in diags (file:line: error: ...). Warnings (e.g. a missing Include
 * file) may be added on success. */
struct jmx_doc *jmx_load_file(const char *path, struct diag_list *diags);
/* Same, from memory; name is used in diagnostics and to resolve relative includes. */
struct jmx_doc *jmx_load_memory(const char *data, size_t len, const char *name,
                                struct diag_list *diags);
void jmx_doc_free(struct jmx_doc *doc);

/* Canonical class for a tag or testclass alias (HTTPSampler, HTTPSampler2 ->
 * HTTPSamplerProxy). Unknown names are returned unchanged. */
const char *jmx_canonical_class(const char *name);

/* ---- property access (all NULL-safe) ---- */
const struct jmx_prop *jmx_prop(const struct jmx_element *el, const char *name);
const struct jmx_prop *jmx_prop_item(const struct jmx_prop *p, const char *name); /* inside element/map props */
/* Value of a scalar property as a string; def when absent or not scalar. */
const char *jmx_str(const struct jmx_element *el, const char *name, const char *def);
const char *jmx_prop_str(const struct jmx_prop *p, const char *name, const char *def);
/* JMeter conversion rules (digest §1.3): absent -> def; present -> parsed, empty/bad -> 0/false. */
bool jmx_bool(const struct jmx_element *el, const char *name, bool def);
long long jmx_long(const struct jmx_element *el, const char *name, long long def);
double jmx_double(const struct jmx_element *el, const char *name, double def);
bool jmx_prop_bool(const struct jmx_prop *p, const char *name, bool def);
long long jmx_prop_long(const struct jmx_prop *p, const char *name, long long def);
bool jmx_has(const struct jmx_element *el, const char *name);
bool jmx_is_scalar(const struct jmx_prop *p);
const char *jmx_prop_kind_name(enum jmx_prop_kind kind);   /* "stringProp", ... */

#endif
