/* expr_internal.h - what the files of src/expr/ share and nobody else needs:
 * the evaluator's entry points, helpers that function implementations use to
 * read arguments and store results, and Java-compatible number parsing. */
#ifndef JMX2RUN_EXPR_INTERNAL_H
#define JMX2RUN_EXPR_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/expr.h"

/* ---- function groups: each fn_*.c defines one table ending with a zero row ---- */
extern const struct expr_function expr_fns_random[];
extern const struct expr_function expr_fns_time[];
extern const struct expr_function expr_fns_props[];
extern const struct expr_function expr_fns_vars[];
extern const struct expr_function expr_fns_string[];
extern const struct expr_function expr_fns_digest[];
extern const struct expr_function expr_fns_thread[];
extern const struct expr_function expr_fns_file[];
extern const struct expr_function expr_fns_csv[];
extern const struct expr_function expr_fns_script[];

/* ---- evaluator ---- */
/* Evaluates the parts of t, ignoring is_literal (function arguments and
 * __eval always use the compiled parts, as JMeter does). */
void tmpl_eval_parts(const struct tmpl *t, struct expr_ctx *ctx, struct strbuf *out);
/* Compiles text at run time (for __eval / __evalVar): heap-allocated, no
 * diagnostics. Returns NULL when JMeter would refuse it (the call then yields ""). */
struct tmpl *tmpl_compile_runtime(const char *src);
/* Bytes that may still be appended to out under the output limit. */
size_t expr_output_room(const struct strbuf *out);
/* Adds work done outside tmpl_eval_parts (e.g. compiling at run time) to the
 * budget of the current evaluation; false when the budget is exhausted. */
bool expr_charge(struct expr_ctx *ctx, uint64_t units);
/* A fresh call-site id. */
uint32_t expr_next_occurrence(void);

/* ---- helpers for function implementations ---- */
/* Argument i evaluated into a malloc'd string ("" when absent). */
char *expr_fn_arg(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx);
/* Same, with Java's String.trim() applied. */
char *expr_fn_arg_trim(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx);
/* When the call has argument i, evaluates and trims it as a variable name and,
 * when not empty, stores value under it (the optional trailing "var" argument). */
void expr_fn_store_var(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx, const char *value);
/* Records a runtime failure (the call's output must then be ""). */
void expr_fn_fail(struct expr_ctx *ctx, const char *message);
/* The text of argument i when it has no references (so it is known at compile
 * time), else NULL. */
const char *expr_fn_arg_literal(const struct tmpl_part *call, size_t i);
/* Allocates zeroed per-occurrence state from the compile arena. */
void *expr_fn_state_alloc(struct arena *arena, size_t size);
/* A warning about a call, prefixed with its name: "__time: ...". */
void expr_fn_warn(const struct tmpl_part *call, struct diag_list *diags, const char *file, int line,
             const char *fmt, ...) PRINTF_LIKE(5, 6);

/* ---- Java compatibility ---- */
/* Java's String.trim() bounds: strips every char <= ' ' at both ends. */
void expr_java_trim_bounds(const char **s, size_t *n);
char *expr_java_trim_dup(const char *s);
/* Long.parseLong / Integer.parseInt: optional sign, ASCII digits, no spaces. */
bool expr_java_parse_long(const char *s, int64_t *out);
bool expr_java_parse_int(const char *s, int32_t *out);
/* Long.decode: sign, then 0x / 0X / # hex, leading 0 octal, or decimal. */
bool expr_java_decode_long(const char *s, int64_t *out);
/* Boolean.parseBoolean: "true" in any case, nothing else (no trimming). */
bool expr_java_parse_boolean(const char *s);

/* ---- shared file readers (fn_file.c) ---- */
struct expr_files;
struct expr_files *expr_files_new(void);
void expr_files_free(struct expr_files *f);

#endif
