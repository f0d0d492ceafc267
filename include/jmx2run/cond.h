/* cond.h - the condition language of If and While controllers.
 *
 * JMeter evaluates If Controller conditions as JavaScript (legacy mode) and
 * ${__jexl3()} / ${__groovy()} expressions with real script engines. We
 * support the shapes plans actually use: literals, variables via vars.get(),
 * comparisons, && || !, arithmetic, string equality and .equals(), length,
 * parentheses. Anything else is reported, never guessed: parsing fails with a
 * message naming what was not understood.
 *
 * As in JMeter, "${...}" references are substituted textually before the
 * expression is parsed, so parsing happens at evaluation time on the expanded
 * text; cond_validate checks a template at build time using placeholders. */
#ifndef JMX2RUN_COND_H
#define JMX2RUN_COND_H

#include <stdbool.h>
#include "jmx2run/expr.h"

enum cond_dialect {
    COND_JAVASCRIPT,   /* legacy If Controller mode, __javaScript */
    COND_JEXL,         /* __jexl3: JEXL 3 with JMeter's strict arithmetic */
    COND_GROOVY,       /* __groovy */
    COND_JEXL2,        /* __jexl2: JEXL 2, lenient ("1" + 2 is 3, null counts as 0) */
    COND_JAVASCRIPT_IF,/* the If Controller's JavaScript mode: as COND_JAVASCRIPT, but, as in
                          JMeter, with no vars / props / ctx bindings and no Java classes
                          (using them is an error, so the condition is false) */
};

/* "JavaScript", "JEXL", "Groovy" - for messages. */
const char *cond_dialect_name(enum cond_dialect dialect);

struct cond_expr;

/* Parses an expression. On failure returns NULL and, when error is not NULL,
 * sets *error to a malloc'd message naming what was not understood, e.g.
 * "unsupported in JEXL condition: 'vars.put'". A trailing ';' is allowed. */
struct cond_expr *cond_parse(const char *src, enum cond_dialect dialect, char **error);
void cond_free(struct cond_expr *e);
/* Evaluates and appends the result as JMeter would print it ("true", "false",
 * "3", "abc"). Returns false on a runtime error (out is then left unchanged);
 * JMeter then yields "" (functions) or false (If controller). */
bool cond_eval(const struct cond_expr *e, struct expr_ctx *ctx, struct strbuf *out);
/* Evaluates as the If Controller's JavaScript mode does: true when the result
 * prints exactly "true"; "false", any other result and errors give false. */
bool cond_eval_bool(const struct cond_expr *e, struct expr_ctx *ctx);
/* Parse + evaluate in one step. */
bool cond_eval_string(const char *src, enum cond_dialect dialect, struct expr_ctx *ctx,
                      struct strbuf *out);
/* Build-time check of a template that will be evaluated as a condition: every
 * reference is replaced by a placeholder and the result parsed. Returns true
 * when the shape is supported; otherwise *why says what is not. */
bool cond_validate(const struct tmpl *t, enum cond_dialect dialect, char **why);

#endif
