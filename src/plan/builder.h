/* builder.h - private interface between the plan builder and the element files.
 *
 * Each src/plan/elements/<x>.c implements <x>_build (element -> typed payload)
 * and <x>_describe (payload -> one line for --dump) using the helpers below,
 * which apply JMeter's property rules and compile templates with the element's
 * file and line for diagnostics. */
#ifndef JMX2RUN_PLAN_BUILDER_H
#define JMX2RUN_PLAN_BUILDER_H

#include "jmx2run/jmx.h"
#include "jmx2run/plan.h"
#include "jmx2run/plan_elements.h"

struct node_lists;

struct plan_builder {
    struct plan *plan;
    struct arena *arena;
    struct diag_list *diags;
    const struct jmx_doc *doc;
    const struct jmx_element **sources;   /* sources[node->id]: the element a node came from */
    struct node_lists **lists;            /* lists[node->id]: children gathered during the walk */
    size_t n_sources, cap_sources;
    struct ptrvec nodes;                  /* every node, document order */
    int slots;
    int group_numbers[3];                 /* per phase, for thread group numbering */
};

/* Allocation in the plan's arena. */
#define PB_NEW(b, type) ((type *)arena_alloc((b)->arena, sizeof(type)))
#define PB_ARRAY(b, type, n) ((type *)arena_alloc((b)->arena, sizeof(type) * ((n) ? (n) : 1)))

/* Templates from properties: absent -> def (NULL def -> NULL template). */
struct tmpl *pb_tmpl(struct plan_builder *b, const struct jmx_element *el, const char *prop,
                     const char *def);
struct tmpl *pb_tmpl_item(struct plan_builder *b, const struct jmx_element *el,
                          const struct jmx_prop *container, const char *prop, const char *def);
struct tmpl *pb_tmpl_text(struct plan_builder *b, const struct jmx_element *el, int line,
                          const char *text);
/* Scalars with JMeter's conversions (absent -> def; empty/bad -> 0/false). */
bool pb_bool(const struct jmx_element *el, const char *prop, bool def);
long long pb_long(const struct jmx_element *el, const char *prop, long long def);
const char *pb_str(struct plan_builder *b, const struct jmx_element *el, const char *prop,
                   const char *def);
/* Warnings tied to the element. */
void pb_warn(struct plan_builder *b, const struct jmx_element *el, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* The sample scope shared by extractors and assertions (prop names differ). */
struct plan_sample_scope pb_sample_scope(struct plan_builder *b, const struct jmx_element *el,
                                         const char *scope_prop);
/* The name/value rows of an Arguments-like collection (Argument.name/value). */
struct plan_name_value *pb_arguments(struct plan_builder *b, const struct jmx_element *el,
                                     const struct jmx_prop *args_collection, size_t *n);
/* Collection items of a collectionProp (NULL-safe). */
const struct jmx_prop *pb_collection(const struct jmx_element *el, const char *prop);

/* describe helpers: " key=value" using a template's source text */
void describe_tmpl(struct strbuf *out, const char *key, const struct tmpl *t);
void describe_flag(struct strbuf *out, const char *key, bool on);
const char *tmpl_src(const struct tmpl *t);   /* "" for NULL */

/* Scoping (scope.c) and defaults merging (merge.c). */
void plan_resolve_scopes(struct plan_builder *b);
const struct jmx_element *plan_merge_http_defaults(struct plan_builder *b,
                                                   const struct jmx_element *sampler,
                                                   struct plan_node **defaults, size_t n);
/* Unsupported elements (unsupported.c). */
enum plan_role plan_guess_role(const struct jmx_element *el);
const char *plan_unsupported_reason(const struct jmx_element *el, enum plan_role role);
void plan_flatten_props(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node);

/* The element builders, declared from the table. */
#define PLAN_KIND(id, testclass, guiclass, display, role, builder)                          \
    void *builder##_build(struct plan_builder *b, const struct jmx_element *el,          \
                          struct plan_node *node);                                        \
    void builder##_describe(const struct plan_node *node, struct strbuf *out);
#include "jmx2run/plan_kinds.def"
#undef PLAN_KIND

#endif
