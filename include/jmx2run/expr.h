/* expr.h - JMeter expressions: "${var}" and "${__fn(a,b)}" templates.
 *
 * A template is compiled once (at plan build time) into parts: literal text,
 * variable references and function calls whose arguments are templates again.
 * Evaluation appends to a strbuf and needs an expr_ctx: the variables of one
 * virtual user plus the run-wide environment. The parts are public so that
 * the Locust emitter can translate templates into Python.
 *
 * Rules follow the digest §9.1: escapes (\, \$ \\) are processed only in
 * strings that contain a reference; an unknown function or undefined variable
 * is left literally in the output; unterminated "${" is plain text. */
#ifndef JMX2RUN_EXPR_H
#define JMX2RUN_EXPR_H

#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/diag.h"
#include "jmx2run/props.h"
#include "jmx2run/strmap.h"
#include "jmx2run/util.h"

struct expr_function;
struct tmpl;

enum tmpl_part_kind {
    TMPL_TEXT,   /* literal text (escapes already processed) */
    TMPL_VAR,    /* ${name}: the variable value, or the raw text when undefined */
    TMPL_CALL,   /* ${__fn(args)}: a known function */
};

struct tmpl_part {
    enum tmpl_part_kind kind;
    const char *text;      /* TEXT: the text; VAR: the variable name (not trimmed) */
    size_t text_len;
    const char *raw;       /* VAR/CALL: the reference as written, "${...}" */
    const struct expr_function *fn;   /* CALL */
    struct tmpl **args;    /* CALL: compiled arguments */
    size_t n_args;
    void *state;           /* CALL: per-occurrence state owned by the function (e.g. a global counter) */
    uint32_t occurrence;   /* CALL: unique id of this call site, for per-user state */
};

struct tmpl {
    const char *source;    /* the string as written */
    struct tmpl_part *parts;
    size_t n_parts;
    bool is_literal;       /* no references: the value is source itself */
};

/* The run-wide environment, shared by all virtual users (read-mostly). */
struct expr_env {
    struct props *props;          /* JMeter properties (thread-safe) */
    const char *plan_file_name;   /* base name of the .jmx, for __TestPlanName */
    const char *plan_dir;         /* directory of the .jmx, for relative files */
    void *files;                  /* shared readers of __CSVRead / __StringFromFile (expr-internal) */
};

/* One virtual user's evaluation context. */
struct expr_ctx {
    const struct expr_env *env;
    struct strmap *vars;          /* the user's variables */
    struct strmap *user_state;    /* per-user function state (e.g. __counter(TRUE)); may be NULL */
    int thread_num;               /* 1-based number within the thread group (0 outside a run) */
    const char *thread_group_name;
    const char *thread_name;      /* "<group> <g>-<t>" */
    const char *sampler_name;     /* current sampler, for __samplerName */
    uint64_t rng[2];              /* per-user PRNG state (xorshift128+); seed with expr_ctx_seed */
};

void expr_ctx_init(struct expr_ctx *ctx, const struct expr_env *env, struct strmap *vars);
void expr_ctx_seed(struct expr_ctx *ctx, uint64_t seed);
uint64_t expr_rand64(struct expr_ctx *ctx);
double expr_rand_unit(struct expr_ctx *ctx);            /* uniform in [0,1) */

/* Compiles a template. Allocation comes from arena (freed with it), or from the
 * heap when arena is NULL (then release with tmpl_free). Problems such as a
 * wrong argument count are reported as warnings at file:line; the template is
 * still usable and behaves as JMeter would. Never fails. */
struct tmpl *tmpl_compile(struct arena *arena, const char *src, struct diag_list *diags,
                          const char *file, int line);
void tmpl_free(struct tmpl *t);
/* Appends the value to out. */
void tmpl_eval(const struct tmpl *t, struct expr_ctx *ctx, struct strbuf *out);
char *tmpl_eval_dup(const struct tmpl *t, struct expr_ctx *ctx);
/* True when the template calls the function (searching nested arguments). */
bool tmpl_uses_function(const struct tmpl *t, const char *fn_name);
/* One-shot helper for tests and tools: compile, evaluate, free. */
char *expr_eval_string(const char *src, struct expr_ctx *ctx);

/* ---- the function table ---- */
typedef void (*expr_fn_eval)(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out);
typedef void (*expr_fn_compile)(struct tmpl_part *call, struct arena *arena, struct diag_list *diags,
                                const char *file, int line);

struct expr_function {
    const char *name;          /* "__UUID" */
    int min_args, max_args;    /* max -1 = unlimited */
    expr_fn_compile compile;   /* optional: validate / prepare state at compile time */
    expr_fn_eval eval;
    const char *summary;       /* one line for --help style listings */
};

const struct expr_function *expr_function_find(const char *name);
/* All functions, for documentation and tests; *count gets the length. */
const struct expr_function *const *expr_function_all(size_t *count);

/* Evaluates argument i of a call (empty when absent), appending to out. */
void expr_arg(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx, struct strbuf *out);

#endif
