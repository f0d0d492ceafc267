/* emit_internal.h - what the files of the Locust emitter share: the emitter's
 * state, the runtime pieces, notes for the file's header, and the functions
 * each file provides (one element family per file, table-driven inside).
 *
 * Writing order: the plan part of the file (constants, classes) is written
 * first into its own buffers, because it decides which imports and runtime
 * pieces the file needs; emit_file.c then puts header, imports, runtime and
 * plan together. */
#ifndef JMX2RUN_EMIT_INTERNAL_H
#define JMX2RUN_EMIT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/emit.h"

/* ---------------------------------------------------------- runtime pieces */

enum rt_id {
#define RT_PIECE(id, name) RT_##id,
#include "runtime_pieces.def"
#undef RT_PIECE
    RT_COUNT
};

#define RT_BIT(id) (1ULL << (id))

struct rt_piece {
    const char *name;
    bool method;                 /* goes inside class JMeterUser */
    unsigned long long deps;     /* RT_BIT()s of pieces it builds on */
    const char *imports;         /* import lines, '\n'-separated */
    const char *text;
};

extern const struct rt_piece rt_pieces[RT_COUNT];
extern const char rt_jtl_text[];   /* runtime_jtl.c */

/* ------------------------------------------------------------------ notes */

enum note_kind {
    NOTE_APPROX,     /* converted, but not exactly as JMeter does it */
    NOTE_TODO,       /* not converted: a TODO comment in the file */
};

/* What the conversion did to one element, recorded as the file is written
 * (migration.c): exact until a note says otherwise. */
struct em_outcome {
    int level;                       /* enum mig_locust */
    bool whole;                      /* the element itself became a TODO comment */
    struct strbuf note;              /* its notes, "; "-separated */
};

/* ----------------------------------------------------------------- emitter */

struct group_ctx;
struct migration;

struct emitter {
    const struct plan *plan;
    const struct emit_options *opt;
    struct diag_list *diags;
    bool need[RT_COUNT];
    struct ptrvec imports;           /* unique import lines (malloc'd) */
    struct py_names globals;         /* module-level names */
    struct pyw consts;               /* module-level constants of the plan */
    struct pyw classes;              /* the user classes */
    struct ptrvec approx, todo;      /* header notes (malloc'd lines) */
    struct ptrvec host_lines;        /* "Users.host = ..." statements run at test start */
    struct ptrvec objects;           /* node, constant name, node, name...: module objects */
    struct ptrvec todo_nodes;        /* elements whose TODO comment was written in full */
    struct ptrvec group_lines;       /* "Thread Group 'x' -> class X ..." for the header */
    size_t n_todo;                   /* elements left as TODO */
    unsigned occurrence;             /* per-call-site keys */
    const char *plan_file_name;
    struct group_ctx *g;             /* the thread group being written */
    const struct plan_node *current; /* the element being written, for notes */
    struct em_outcome *outcomes;     /* per plan node id: what became of it (migration.c) */
    struct migration *migration;     /* built from them before the header is written */
    /* what the whole plan uses, found before writing (emit_scan.c) */
    bool uses_last_sample_ok;
};

/* One thread group's class while it is written. */
struct group_ctx {
    const struct plan_node *tg;
    const struct plan_thread_group *data;
    const char *class_name;
    struct py_names methods;         /* names inside the class */
    struct ptrvec queue;             /* samplers whose methods are still to write */
    struct ptrvec queue_names;       /* their method names (owned by methods) */
    struct ptrvec done;              /* samplers whose methods are written or queued */
    /* requests relative to the class's host: the (protocol, domain, port)
       templates' sources it stands for */
    const char *host_protocol, *host_domain, *host_port;
    bool host_known;
    const struct plan_node *const *common_timers;   /* timers every sampler shares */
    size_t n_common_timers;
    bool think_method;               /* a think_time() method holds them */
    struct plan_header *common_headers;   /* literal headers every request sends */
    size_t n_common_headers;
    bool wait_time_timer;            /* think time is Locust's wait_time (exact case) */
    bool open_model;                 /* an arrivals thread group: no users (TODO) */
    const struct plan_node *first_step;
    bool needs_sample_result;        /* requests end with self.sample_result() */
    /* Python loops open in the current method, innermost last: the JMeter
       loop controller (NULL for other Python loops) and its index variable */
    struct {
        const struct plan_node *node;
        char var[16];
    } loops[48];
    int n_loops;
    int nest;                        /* controllers open, for local variable names */
};

/* Records an import line ("import uuid", "from locust import task"). */
void em_import(struct emitter *em, const char *line);
/* Asks for a runtime piece (and what it depends on). */
void em_need(struct emitter *em, enum rt_id id);
/* A note for the header and, for TODO and approximations, a warning at the
 * element's line. The text is a printf format; plan text only as literals. */
void em_note(struct emitter *em, enum note_kind kind, const struct plan_node *node,
             const char *fmt, ...) PRINTF_LIKE(4, 5);
/* migration.c: records a note on the element it concerns (whole: the
 * element is a TODO comment as a whole); the report built from the
 * outcomes once the plan part is written; the header summary from it. */
void em_outcome_note(struct emitter *em, enum note_kind kind, const struct plan_node *node,
                     bool whole, const char *msg);
void em_outcomes_free(struct emitter *em);
struct migration *em_migration(struct emitter *em);
void em_migration_header(const struct migration *m, struct pyw *w);
/* emit_file.c: emit_locust, also handing back the report when report is not NULL. */
size_t em_emit(const struct plan *plan, const struct emit_options *opt, struct strbuf *out,
               struct diag_list *diags, struct migration **report);
/* A fresh per-call-site key ("counter_3"). */
char *em_key(struct emitter *em, const char *what);

/* The template context for code inside a user method (self) or at test
 * start (plan). */
struct py_tmpl_ctx em_ctx(struct emitter *em, const char *self, const char *sampler_name);
/* A template as a Python expression, into a malloc'd string. */
char *em_tmpl(struct emitter *em, const struct tmpl *t, const char *self,
              const char *sampler_name);
/* A literal str for plan text, malloc'd. */
char *em_lit(const char *text);
char *em_lit_n(const char *text, size_t n);
/* The source of a template ("" for NULL). */
const char *em_src(const struct tmpl *t);

/* The runtime section, then every import, as text. */
void rt_write(struct emitter *em, struct pyw *w);
void rt_write_imports(struct emitter *em, struct pyw *w);

/* ------------------------------------------------------- by file */

/* emit_functions.c: one JMeter function call as Python. */
void emit_function_call(const struct tmpl_part *call, const struct py_tmpl_ctx *ctx,
                        struct strbuf *out);

/* emit_cond.c: a JEXL / Groovy / JavaScript expression (the parts of a
 * template) as a Python expression; false when its shape is not supported
 * (why gets a malloc'd reason). */
enum script_dialect { SCRIPT_JS, SCRIPT_JEXL, SCRIPT_GROOVY };
bool emit_script(const struct tmpl *t, enum script_dialect dialect,
                 const struct py_tmpl_ctx *ctx, struct strbuf *out, char **why);

/* emit_group.c: one thread group's class. */
void emit_group(struct emitter *em, const struct plan_node *tg);

/* emit_steps.c: the controllers and samplers under a node, as statements in
 * the current method; a sampler becomes a call of its own method. */
void emit_children(struct emitter *em, struct pyw *w, const struct plan_node *parent);
void emit_node(struct emitter *em, struct pyw *w, const struct plan_node *node);
/* The method name of a sampler (queued for writing when new). */
const char *emit_sampler_method(struct emitter *em, const struct plan_node *sampler);
/* The iteration listeners of a controller (CSV, counters...), as statements. */
void emit_iteration_listeners(struct emitter *em, struct pyw *w, const struct plan_node *ctl);
/* Writes the queued sampler methods. */
void emit_queued_methods(struct emitter *em, struct pyw *w);

/* emit_controllers.c: a controller as Python control flow; false when the
 * kind has no emitter (left to emit_todo). */
bool emit_controller(struct emitter *em, struct pyw *w, const struct plan_node *node);

/* emit_samplers.c: a sampler's method body. */
void emit_sampler_body(struct emitter *em, struct pyw *w, const struct plan_node *node);
/* Flow Control Action, inline where it stands. */
void emit_flow_action(struct emitter *em, struct pyw *w, const struct plan_node *node);

/* emit_http.c: an HTTP Request's method body. */
void emit_http(struct emitter *em, struct pyw *w, const struct plan_node *node);
/* A header value as a Python expression requests can send (HttpClient's
 * rules: line breaks as spaces, Latin-1 only). */
char *emit_header_value(struct emitter *em, const struct tmpl *t, const char *sampler);
/* The class host for a group (sets g->host_*), from its HTTP samplers. */
void emit_group_host(struct emitter *em, struct group_ctx *g, struct strbuf *host_expr,
                     bool *host_literal);

/* emit_scope.c, emit_timers.c, emit_post.c, emit_assert.c: what runs around
 * a sample. */
void emit_pre_processors(struct emitter *em, struct pyw *w, const struct plan_node *sampler);
void emit_timers(struct emitter *em, struct pyw *w, const struct plan_node *sampler);
/* Post-processors and assertions inside "with ... as response:". */
void emit_post_processors(struct emitter *em, struct pyw *w, const struct plan_node *sampler);
void emit_assertions(struct emitter *em, struct pyw *w, const struct plan_node *sampler);
/* Whether the sample needs catch_response (post-processors, assertions). */
bool emit_needs_response(const struct plan_node *sampler);
/* After the sample: sample_result (last_sample_ok, actions, scheduler end). */
void emit_after_sample(struct emitter *em, struct pyw *w, const struct plan_node *sampler,
                       const char *response_var);
/* The timers' sum in ms as a Python expression (malloc'd), NULL when none. */
char *emit_timer_sum(struct emitter *em, const struct plan_node *const *timers, size_t n);

/* emit_scope.c: helpers shared by the scope files: a comment with the
 * element's title; a template as an expression in a user method; a number
 * setting as a number when literal. */
void es_title(struct pyw *w, const struct plan_node *el);
char *es_tx(struct emitter *em, const struct tmpl *t, const struct plan_node *sampler);
char *es_num(struct emitter *em, const struct tmpl *t, const struct plan_node *sampler);

/* emit_config.c: module-level objects (CSV Data Sets, Counters), their
 * per-iteration reads, User Defined Variables and the cookie manager. */
void emit_define_variables(struct emitter *em, struct pyw *w);
void emit_iteration_listener(struct emitter *em, struct pyw *w, const struct plan_node *node);
void emit_cookie_setup(struct emitter *em, struct pyw *w, const struct plan_node *cookie_manager);
/* emit_scope.c: User Parameters' assignments (sampler may be NULL). */
void emit_user_parameters(struct emitter *em, struct pyw *w, const struct plan_node *el,
                          const struct plan_node *sampler);

/* emit_todo.c: an element that is not converted: a TODO comment quoting its
 * name and settings, and a warning. */
void emit_todo(struct emitter *em, struct pyw *w, const struct plan_node *node,
               const char *why);
/* The one-line settings of a supported element (for comments). */
void emit_describe(const struct plan_node *node, struct strbuf *out);
/* "Thread Group 'Shoppers'" for comments: kind and the name as a literal. */
char *emit_title(const struct plan_node *node);

#endif
