/* ctl.h - controllers as classes: JMeter's GenericController and the methods
 * its subclasses override, ported one for one (ctl_*.c).
 *
 * A class lists only the methods it overrides; ctl.c supplies the generic
 * behaviour for the rest and the dispatch (the "virtual calls"). Methods that
 * JMeter ends with NextIsNullException report it through *thrown. */
#ifndef JMX2RUN_RUN_CTL_H
#define JMX2RUN_RUN_CTL_H

#include "run.h"

typedef const struct plan_node node_t;

struct ctl_class {
    struct next_item (*next)(struct vu *, node_t *);
    bool (*is_done)(struct vu *, node_t *);
    void (*set_done)(struct vu *, node_t *, bool);
    struct next_item (*next_is_null)(struct vu *, node_t *, bool *thrown);
    struct next_item (*next_is_a_sampler)(struct vu *, node_t *, node_t *child);
    struct next_item (*next_is_a_controller)(struct vu *, node_t *, node_t *child, bool *thrown);
    void (*current_returned_null)(struct vu *, node_t *, node_t *child);
    bool (*set_current_element)(struct vu *, node_t *, node_t *child);   /* false = thrown */
    void (*increment_current)(struct vu *, node_t *);
    void (*reset_current)(struct vu *, node_t *);
    void (*re_initialize)(struct vu *, node_t *);
    void (*initialize)(struct vu *, node_t *);
    void (*trigger_end_of_loop)(struct vu *, node_t *);
    void (*iteration_start)(struct vu *, node_t *, node_t *source, int iteration);
    int (*iter_count)(struct vu *, node_t *);
    void (*break_loop)(struct vu *, node_t *);
    void (*start_next_loop)(struct vu *, node_t *);
};

/* the classes (one per file) */
extern const struct ctl_class ctl_generic_class;
extern const struct ctl_class ctl_loop_class;          /* Loop Controller, thread groups */
extern const struct ctl_class ctl_while_class;
extern const struct ctl_class ctl_foreach_class;
extern const struct ctl_class ctl_runtime_class;
extern const struct ctl_class ctl_if_class;
extern const struct ctl_class ctl_switch_class;
extern const struct ctl_class ctl_once_only_class;
extern const struct ctl_class ctl_throughput_class;
extern const struct ctl_class ctl_interleave_class;
extern const struct ctl_class ctl_random_class;
extern const struct ctl_class ctl_random_order_class;
extern const struct ctl_class ctl_transaction_class;
extern const struct ctl_class ctl_critical_section_class;

/* virtual calls */
struct next_item v_next(struct vu *, node_t *);
bool v_is_done(struct vu *, node_t *);
void v_set_done(struct vu *, node_t *, bool);
struct next_item v_next_is_null(struct vu *, node_t *, bool *thrown);
void v_increment_current(struct vu *, node_t *);
void v_reset_current(struct vu *, node_t *);
void v_re_initialize(struct vu *, node_t *);
void v_current_returned_null(struct vu *, node_t *, node_t *child);
int v_iter_count(struct vu *, node_t *);

/* GenericController's own implementations, for subclasses' super.x() */
struct next_item gc_next(struct vu *, node_t *);
bool gc_is_done(struct vu *, node_t *);
void gc_set_done(struct vu *, node_t *, bool);
struct next_item gc_next_is_null(struct vu *, node_t *, bool *thrown);
struct next_item gc_next_is_a_sampler(struct vu *, node_t *, node_t *child);
struct next_item gc_next_is_a_controller(struct vu *, node_t *, node_t *child, bool *thrown);
void gc_current_returned_null(struct vu *, node_t *, node_t *child);
void gc_increment_current(struct vu *, node_t *);
void gc_reset_current(struct vu *, node_t *);
void gc_re_initialize(struct vu *, node_t *);
void gc_initialize(struct vu *, node_t *);
void gc_initialize_sub_controllers(struct vu *, node_t *);
void gc_trigger_end_of_loop(struct vu *, node_t *);
int gc_iter_count(struct vu *, node_t *);
void gc_fire_iter_events(struct vu *, node_t *);

/* the per-user child list */
node_t *ctl_child(struct vu *, node_t *, int64_t index);     /* NULL when out of range */
void ctl_remove_current(struct vu *, node_t *);
void ctl_shuffle_children(struct vu *, node_t *);
bool ctl_is_controller(node_t *node);

/* "__jm__<name>__idx" */
void ctl_update_iteration_index(struct vu *, const char *idx_var, int64_t value);
/* Java's String.trim(): every char up to ' ' goes, control characters included */
char *ctl_java_trim_dup(const char *s);
/* Evaluates a template into a number as JMeter's Long.parseLong / Integer.parseInt do
 * (sign and digits only, no blanks, in range); false and 0 otherwise. */
bool ctl_eval_long(struct vu *, const struct tmpl *t, long long *out);
bool ctl_eval_int(struct vu *, const struct tmpl *t, long long *out);

#endif
