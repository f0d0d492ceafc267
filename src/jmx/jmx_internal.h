/* jmx_internal.h - what the files of src/jmx/ share with each other and with
 * nobody else: the raw tree of one parsed file, the steps of loading, and the
 * state of tree surgery. The public API is include/jmx2run/jmx.h. */
#ifndef JMX2RUN_JMX_INTERNAL_H
#define JMX2RUN_JMX_INTERNAL_H

#include <libxml/tree.h>
#include "jmx2run/jmx.h"

/* Test elements a plan may hold once Module and Include Controllers are
 * expanded. Copies can multiply (a module inside a module inside...), so this
 * bounds memory and time on hostile plans. */
#define JMX_MAX_ELEMENTS 1000000
/* Elements Module Controller path lookups may look at, all together. A plan
 * with huge numbers of modules and same-named elements could otherwise make
 * lookups take hours; real plans stay far below. */
#define JMX_MAX_LOOKUP_STEPS 20000000

/* One parsed file before surgery: the elements paired directly under the root
 * <hashTree>, disabled ones included, exactly as written. */
struct jmx_raw {
    const char *file;             /* name used in diagnostics (arena copy) */
    struct jmx_element **roots;
    size_t n_roots;
    int root_line;                /* line of the root <hashTree> (or of the root tag) */
};

/* ---- input.c: reading files and refusing what is not text ---- */

/* Reads a whole file of at most JMX_MAX_FILE_SIZE bytes. With regular_only,
 * anything but a regular file (a fifo, a device, a directory) is refused.
 * Returns a malloc'd buffer, or NULL with *why set to a malloc'd reason. */
char *jmx_read_input(const char *path, bool regular_only, size_t *len, char **why);
/* True when data may be an XML text; otherwise adds an error ("empty file",
 * "not a text file") naming the line and returns false. */
bool jmx_check_text(const char *data, size_t len, const char *file, struct diag_list *diags);

/* ---- xml_parse.c: libxml2 with every network, DTD and entity feature off ---- */

/* Parses data as XML. On failure adds one error (libxml2's first message and
 * its line) and returns NULL. The caller frees the document with xmlFreeDoc. */
xmlDoc *jmx_parse_xml(const char *data, size_t len, const char *file, struct diag_list *diags);

/* ---- convert.c / convert_props.c: XML document -> raw tree ---- */

struct jmx_conv {
    struct arena *arena;
    struct diag_list *diags;
    const char *file;             /* arena copy, shared by every element of the file */
    bool failed;                  /* an error was reported: the file is refused */
};

/* Converts a whole document. Fails (adds an error, returns false) when the
 * root is not <jmeterTestPlan> or test elements nest too deep. */
bool jmx_convert_doc(struct jmx_conv *c, xmlDoc *doc, struct jmx_raw *out);
/* One property element (<stringProp>, <elementProp>, ...). Returns NULL when
 * the tag is not a property kind; the caller decides whether to complain. */
struct jmx_prop *jmx_convert_prop(struct jmx_conv *c, xmlNode *node);
/* Text content of an element node (text and CDATA children), arena copy, never NULL. */
const char *jmx_node_text(struct arena *a, const xmlNode *node);
/* Value of an attribute, arena copy, never NULL. */
const char *jmx_attr_value(struct arena *a, const xmlAttr *attr);
/* Value of a named attribute, arena copy, or NULL when absent. */
const char *jmx_node_attr(struct arena *a, const xmlNode *node, const char *name);
/* Line of a node, correct past 65535. */
int jmx_node_line(const xmlNode *node);

/* ---- load.c ---- */

/* Reads, checks, parses and converts one file into a raw tree allocated from
 * arena. Used for the plan and for every included file. */
bool jmx_load_raw(struct arena *arena, const char *data, size_t len, const char *file,
                  struct diag_list *diags, struct jmx_raw *out);

/* ---- resolve.c: tree surgery ---- */

struct jmx_include_cache;         /* include.c: files already read, by path */

/* memo.c: raw element -> what surgery found out about it (values are owned
 * by the caller, usually allocated from the arena) */
struct jmx_memo;
void *jmx_memo_get(const struct jmx_memo *m, const void *key);
void jmx_memo_put(struct jmx_memo **m, const void *key, void *value);
void jmx_memo_free(struct jmx_memo *m);

struct jmx_resolver {
    struct arena *arena;
    struct diag_list *diags;
    const char *main_dir;         /* directory of the plan, last resort for includes */
    const struct jmx_raw *main;   /* raw tree of the plan: Module Controller paths start here */
    struct ptrvec building;       /* raw elements being copied, outermost first */
    struct ptrvec including;      /* canonical paths of the files being expanded */
    int expansions;               /* Module/Include Controllers currently being expanded */
    size_t n_elements;            /* elements created so far */
    size_t lookup_steps;          /* elements looked at by Module Controller paths */
    bool failed;                  /* a limit was hit (error reported): the load fails */
    struct jmx_include_cache *cache;
    struct jmx_memo *memo;        /* per Module/Include Controller as written */
};

/* Builds the final tree under a copy of src: disabled elements dropped,
 * Include and Module Controllers expanded. depth is the level of src (the
 * TestPlan is 1). Returns NULL only when r->failed is set. */
struct jmx_element *jmx_build(struct jmx_resolver *r, const struct jmx_element *src,
                              struct jmx_element *parent, int depth);
/* Builds copies of the enabled elements of srcs as children of el. */
void jmx_build_children(struct jmx_resolver *r, struct jmx_element *el,
                        struct jmx_element *const *srcs, size_t n, int depth);
/* Whether the resolver may start one more Module/Include expansion inside
 * the ones in progress (at most JMX_MAX_INCLUDE_DEPTH). */
bool jmx_may_expand(const struct jmx_resolver *r);
/* Whether raw is one of the elements being copied right now (so copying it
 * again would never end). */
bool jmx_is_being_built(const struct jmx_resolver *r, const struct jmx_element *raw);

/* ---- include.c ---- */
/* Fills el (a copy of the Include Controller src) with the test fragment of
 * the file it names. */
void jmx_expand_include(struct jmx_resolver *r, struct jmx_element *el,
                        const struct jmx_element *src, int depth);
void jmx_include_cache_free(struct jmx_include_cache *cache);

/* ---- module.c ---- */
/* Fills el (a copy of the Module Controller src) with a copy of its target. */
void jmx_expand_module(struct jmx_resolver *r, struct jmx_element *el,
                       const struct jmx_element *src, int depth);

#endif
