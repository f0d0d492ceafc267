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
 * is left literally in the output; unterminated "${" is plain text. A call
 * JMeter refuses to compile (wrong argument count, text between ")" and "}")
 * makes the whole string literal, with a warning.
 *
 * A compiled template is immutable and may be evaluated by many threads at
 * once, each with its own expr_ctx. */
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
    const char *raw;       /* VAR/CALL: the reference, "${...}"; for VAR exactly what an
                              undefined variable prints ("${" name "}") */
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
    struct arena *own_arena;   /* set when compiled without an arena; tmpl_free releases it */
};

/* The run-wide environment, shared by all virtual users (read-mostly). */
struct expr_env {
    struct props *props;          /* JMeter properties (thread-safe) */
    const char *plan_file_name;   /* base name of the .jmx, for __TestPlanName */
    const char *plan_dir;         /* directory of the .jmx, for relative files */
    void *files;                  /* shared readers of __CSVRead / __StringFromFile (expr-internal) */
};

/* Zeroes env, sets props and creates the shared file readers. */
void expr_env_init(struct expr_env *env, struct props *props);
/* Closes the shared file readers (call after all users stopped). Does not free props. */
void expr_env_cleanup(struct expr_env *env);

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
    /* Bookkeeping of the evaluator (expr_ctx_init zeroes them). */
    unsigned depth;               /* nesting of evaluations in progress */
    uint64_t work;                /* work done by the outermost evaluation in progress */
    /* The last runtime failure of a function (a static message, e.g. "__Random: min is not a
     * number"), or NULL. JMeter ends the thread on such failures; the caller decides. The
     * failing call yields "". Reset it to NULL before an evaluation to watch for failures. */
    const char *error;
};

void expr_ctx_init(struct expr_ctx *ctx, const struct expr_env *env, struct strmap *vars);
void expr_ctx_seed(struct expr_ctx *ctx, uint64_t seed);
uint64_t expr_rand64(struct expr_ctx *ctx);
double expr_rand_unit(struct expr_ctx *ctx);            /* uniform in [0,1) */
/* Uniform in [0, bound) without modulo bias; bound 0 gives 0. */
uint64_t expr_rand_below(struct expr_ctx *ctx, uint64_t bound);

/* Compiles a template. Allocation comes from arena (freed with it), or from the
 * heap when arena is NULL (then release with tmpl_free). Problems such as a
 * wrong argument count are reported as warnings at file:line; the template is
 * still usable and behaves as JMeter would. Never fails. diags may be NULL. */
struct tmpl *tmpl_compile(struct arena *arena, const char *src, struct diag_list *diags,
                          const char *file, int line);
void tmpl_free(struct tmpl *t);
/* Appends the value to out. */
void tmpl_eval(const struct tmpl *t, struct expr_ctx *ctx, struct strbuf *out);
char *tmpl_eval_dup(const struct tmpl *t, struct expr_ctx *ctx);
/* True when the template calls the function (searching nested arguments). */
bool tmpl_uses_function(const struct tmpl *t, const char *fn_name);
/* True when the value depends on nothing but the JMeter properties: literal
 * text and __P / one-argument __property calls whose arguments are such
 * templates too (NULL counts as constant). Such a value changes only when
 * props_generation() does, whoever evaluates it. */
bool tmpl_props_only(const struct tmpl *t);
/* One-shot helper for tests and tools: compile, evaluate, free. */
char *expr_eval_string(const char *src, struct expr_ctx *ctx);

/* Safety limits of evaluation, process-wide (set once at start-up; tests and
 * fuzzers lower them). A template whose evaluation exceeds them is cut short:
 * the output stops growing and ctx->error says why. JMeter has no such limits
 * but would run out of memory or stack instead. */
struct expr_limits {
    size_t max_output;     /* bytes one evaluation may produce (default 256 MiB) */
    unsigned max_depth;    /* nesting of calls and of __eval/__evalVar (default 64) */
    uint64_t max_work;     /* parts evaluated + bytes produced by one evaluation (default 2^28) */
    bool no_file_writes;   /* __StringToFile refuses to write (fuzzing, dry runs) */
};
void expr_set_limits(const struct expr_limits *limits);
void expr_get_limits(struct expr_limits *limits);

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
