/* plan.h - the plan: a typed, scoped task graph built once from the element tree.
 *
 * The runner and the emitter read only this. Each thread group owns a tree of
 * controllers (inner nodes) and samplers (leaves). Every other element (config,
 * pre-processor, timer, post-processor, assertion, listener) is attached to the
 * node it sits under, and JMeter's scoping rules (digest §2) are resolved here,
 * once: each sampler carries a plan_scope listing, in execution order, exactly
 * what applies to it. The runner never searches the tree.
 *
 * The graph is immutable after plan_build and shared by all worker threads;
 * per-user state of controllers lives outside it, in slots numbered here. */
#ifndef JMX2RUN_PLAN_H
#define JMX2RUN_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/diag.h"
#include "jmx2run/expr.h"
#include "jmx2run/jmx.h"
#include "jmx2run/plan_elements.h"
#include "jmx2run/util.h"

/* What an element does in a plan. */
enum plan_role {
    ROLE_TEST_PLAN,
    ROLE_THREAD_GROUP,
    ROLE_CONTROLLER,
    ROLE_SAMPLER,
    ROLE_CONFIG,
    ROLE_PRE_PROCESSOR,
    ROLE_TIMER,
    ROLE_POST_PROCESSOR,
    ROLE_ASSERTION,
    ROLE_LISTENER,
};

/* Every element kind the plan knows, from plan_kinds.def. */
enum plan_kind {
#define PLAN_KIND(id, testclass, guiclass, display, role, builder) PK_##id,
#include "jmx2run/plan_kinds.def"
#undef PLAN_KIND
    PK_UNSUPPORTED,    /* kept in place so reports and the emitter can name it */
    PK_COUNT
};

struct plan_node;
struct plan_builder;

typedef void *(*plan_build_fn)(struct plan_builder *b, const struct jmx_element *el,
                               struct plan_node *node);
typedef void (*plan_describe_fn)(const struct plan_node *node, struct strbuf *out);

/* One row of the element table (src/plan/registry.c). */
struct plan_kind_info {
    enum plan_kind kind;
    const char *testclass;   /* canonical class matched */
    const char *guiclass;    /* also required when not NULL (ConfigTestElement's roles) */
    const char *display;     /* what JMeter's GUI calls it: "HTTP Request" */
    enum plan_role role;
    plan_build_fn build;     /* properties -> typed payload (node->data) */
    plan_describe_fn describe;   /* settings for --dump, one line */
};

/* What applies to one sampler (or to a parent-mode Transaction Controller). */
struct plan_scope {
    struct plan_node **pre;          /* pre-processors, outermost level first */
    size_t n_pre;
    struct plan_node **timers;       /* timers, innermost first (they are summed) */
    size_t n_timers;
    struct plan_node **post;         /* post-processors, outermost level first */
    size_t n_post;
    struct plan_node **assertions;   /* assertions, outermost level first (JMeter >= 4) */
    size_t n_assertions;
    struct plan_node **listeners;    /* listeners with a run-time effect (Result Status
                                        Action Handler), innermost first */
    size_t n_listeners;
    struct plan_node **configs;      /* every config element in scope, innermost first */
    size_t n_configs;
    struct plan_node **defaults;     /* HTTP Request Defaults merged in, innermost first */
    size_t n_defaults;
    struct plan_header *headers;     /* merged Header Managers: innermost name wins */
    size_t n_headers;
    struct plan_node *cookie_manager;   /* outermost in scope wins; NULL = none */
    struct plan_node *cache_manager;
    struct plan_node *auth_manager;
    struct plan_node *dns_manager;
};

/* Flattened properties of an element we cannot run, for TODO comments and
 * reports: "name" or "outer.inner" paths with their text. */
struct plan_raw_prop {
    const char *name;
    const char *value;
};

struct plan_node {
    enum plan_kind kind;
    const struct plan_kind_info *info;   /* NULL for PK_UNSUPPORTED */
    enum plan_role role;
    unsigned id;                  /* index in plan->nodes (document order) */
    const char *name;             /* testname as written */
    struct tmpl *label;           /* compiled testname (sample labels) */
    const char *testclass;        /* as in the file */
    const char *guiclass;
    const char *file;             /* source file (plan or included file) */
    int line;
    const char *path;             /* "Test Plan/Thread Group/Login" for diagnostics */
    struct plan_node *parent;     /* enclosing node (NULL for the Test Plan) */
    int depth;                    /* 0 = Test Plan, 1 = thread group, ... */
    const struct plan_node *copy_of;  /* a Test-Plan-level sampler or controller as one
                                         thread group runs it: the element it copies
                                         (NULL for every element of the file) */

    struct plan_node **children;  /* controllers and samplers, execution order */
    size_t n_children;
    struct plan_node **attached;  /* other elements directly under this node, document order */
    size_t n_attached;
    struct plan_node **on_iteration;  /* iteration listeners registered on this controller
                                         (CSV Data Set, Counter, Random Variable, per-iteration
                                         User Parameters, and the Loop, While, ForEach, Once
                                         Only and Throughput controllers below it), in the
                                         order JMeter fires them at each iteration start */
    size_t n_on_iteration;

    struct plan_scope *scope;     /* samplers and parent-mode Transaction Controllers */
    int slot;                     /* per-user state slot of controllers and thread groups, else -1 */
    void *data;                   /* typed payload (plan_elements.h), per kind; may be NULL */

    /* PK_UNSUPPORTED only */
    const char *unsupported_reason;   /* what happens instead */
    struct plan_raw_prop *raw;
    size_t n_raw;
};

/* A set of User Defined Variables (the Test Plan's own, or an Arguments
 * element anywhere): evaluated once at test start, in order (digest §2.1). */
struct plan_variable {
    const char *name;
    struct tmpl *value;
};

struct plan_variable_set {
    const struct plan_node *source;   /* the Test Plan or the Arguments element */
    struct plan_variable *vars;       /* first occurrence of a name kept */
    size_t n_vars;
};

struct plan_counts {
    size_t elements;       /* test elements in the loaded tree (after surgery) */
    size_t supported;
    size_t unsupported;
    size_t listeners;      /* skipped quietly */
};

struct plan {
    struct arena *arena;
    const char *file;             /* plan path as given */
    const char *file_name;        /* base name, for __TestPlanName */
    const char *dir;              /* directory, for relative file names */
    struct plan_node *test_plan;
    struct plan_test_plan *settings;

    struct plan_node **setup_groups;     /* SetupThreadGroup, file order */
    size_t n_setup_groups;
    struct plan_node **main_groups;      /* every other thread group */
    size_t n_main_groups;
    struct plan_node **teardown_groups;  /* PostThreadGroup */
    size_t n_teardown_groups;

    struct plan_variable_set *variable_sets;
    size_t n_variable_sets;

    struct plan_node **nodes;     /* every node in document order (thread-group copies of
                                     Test-Plan-level samplers included) */
    size_t n_nodes;
    size_t n_slots;               /* per-user controller state slots */
    struct plan_counts counts;
};

/* Builds the plan from a loaded document. Diagnostics (unsupported elements,
 * suspicious values) go to diags; errors there mean the plan cannot run.
 * Returns NULL only when the document has no usable Test Plan. */
struct plan *plan_build(const struct jmx_doc *doc, struct diag_list *diags);
void plan_free(struct plan *plan);

/* The element table. */
const struct plan_kind_info *plan_kind_lookup(const char *testclass, const char *guiclass);
const struct plan_kind_info *plan_kind_info(enum plan_kind kind);
const char *plan_role_name(enum plan_role role);
const char *plan_kind_display(const struct plan_node *node);   /* "HTTP Request", or the class */

/* --dump: the task graph as an indented tree, each sampler with what applies to it. */
void plan_dump(const struct plan *plan, struct strbuf *out);
/* One line describing a node's settings (no trailing newline). */
void plan_describe(const struct plan_node *node, struct strbuf *out);

#endif
