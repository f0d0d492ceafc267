/* emit.h - the Locust emitter: a plan becomes one locustfile.py.
 *
 *   jmx2run --emit-locust plan.jmx > locustfile.py
 *
 * The emitter reads only the plan (plan.h), never XML. Each thread group
 * becomes an HttpUser class (FastHttpUser with --locust-fast), each top-level
 * step a method, controllers plain Python control flow, templates Python
 * expressions. A small runtime section holds what JMeter semantics need
 * (variables, properties, the thread-group life cycle, extractors...), only
 * the parts the plan uses. What cannot be converted becomes a "# TODO"
 * comment and a warning in diags; the conversion always completes.
 *
 * Every string that comes from the plan is written as an escaped Python
 * literal (py_str_literal), in code and in comments alike, so no plan can
 * inject code into the file.
 *
 * The lower layers are public for the unit tests: the literal writer, the
 * identifier maker, the source writer and the template translator. */
#ifndef JMX2RUN_EMIT_H
#define JMX2RUN_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/diag.h"
#include "jmx2run/expr.h"
#include "jmx2run/plan.h"
#include "jmx2run/util.h"

struct emit_property {           /* a -J given at conversion time: a default in the file */
    const char *name;
    const char *value;
};

struct http_proxy_flags;

struct emit_options {
    bool fast;                   /* --locust-fast: FastHttpUser (geventhttpclient) */
    bool tls_verify;             /* --tls-verify: the users check HTTPS server certificates;
                                    otherwise they trust every one, as JMeter does */
    const char *plan_path;       /* the .jmx as given, for the header and relative files */
    const struct emit_property *properties;
    size_t n_properties;
    /* -H -P -E -u -a -N at conversion (http_proxy.h), checked by the caller
       with http_proxy_settings_init; NULL or no host: no run-wide proxy */
    const struct http_proxy_flags *proxy;
};

/* Writes the locustfile for plan to out. Warnings (elements not converted,
 * conversions that are only approximate) go to diags as file:line warnings.
 * Returns the number of elements left as TODO. */
size_t emit_locust(const struct plan *plan, const struct emit_options *opt, struct strbuf *out,
                   struct diag_list *diags);

/* The imports and every runtime piece a locustfile can get, as one module
 * (PROPERTIES and PLAN_DIR included): for tests that run translated
 * templates in Python. */
void emit_runtime_all(struct strbuf *out, bool fast);

/* ------------------------------------------------------------ literals */

/* Appends s (UTF-8, n bytes) as a single-quoted Python str literal that fits
 * on one line: backslash, quote, every control character, line and paragraph
 * separators, bidirectional and other invisible format characters, private
 * use and non-characters are escaped; invalid UTF-8 becomes \ufffd. Other
 * printable text, non-ASCII included, is kept as is. */
void py_str_literal(struct strbuf *out, const char *s, size_t n);
void py_str_literal_z(struct strbuf *out, const char *s);   /* NUL-terminated */
/* The same, but a raw literal r'...' when the text allows one (regexes read
 * better that way): no quote, no control or escaped character, no trailing
 * backslash. */
void py_regex_literal(struct strbuf *out, const char *s);

/* Identifier kinds for py_identifier. */
enum py_ident_style {
    PY_IDENT_SNAKE,    /* add_to_cart (methods, variables) */
    PY_IDENT_CAMEL,    /* AddToCart (classes) */
    PY_IDENT_UPPER,    /* ADD_TO_CART (module constants) */
};

/* A set of identifiers already taken in one namespace. */
struct py_names {
    struct ptrvec taken;   /* malloc'd strings */
};
void py_names_init(struct py_names *n);
void py_names_free(struct py_names *n);
/* Marks a name as taken (reserved names of a class, runtime globals...). */
void py_names_reserve(struct py_names *n, const char *name);
/* A fresh identifier from arbitrary text: only [A-Za-z0-9_] kept, words
 * joined in the given style, a prefix when it would start with a digit or be
 * empty, a keyword or a builtin, then _2, _3... until it is not taken. The
 * result is recorded in n and returned (owned by n). */
const char *py_identifier(struct py_names *n, const char *text, enum py_ident_style style,
                          const char *fallback);

/* ------------------------------------------------------ source writer */

/* Python source with indentation, PEP 8 blank lines and line wrapping.
 * Lines are given as logical lines; those wider than the limit are split at
 * brackets, commas and " + ", and long string literals are cut into adjacent
 * pieces. A block left empty gets "pass". */
struct pyw {
    struct strbuf out;
    int indent;              /* current level (4 spaces each) */
    int width;               /* line length limit (79) */
    int pending_blank;       /* blank lines wanted before the next line */
    bool after_opener;       /* the last line opened a block */
    bool any_line;           /* something was written */
    int *lines_at;           /* lines written since each level was opened */
    int n_levels;
};
void pyw_init(struct pyw *w);
void pyw_free(struct pyw *w);
/* One logical line (printf format; plan text only through literals). */
void pyw_line(struct pyw *w, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* A comment line, wrapped at spaces outside quoted literals. */
void pyw_comment(struct pyw *w, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Verbatim text (several lines), re-indented to the current level, never wrapped. */
void pyw_text(struct pyw *w, const char *text);
void pyw_indent(struct pyw *w);
void pyw_dedent(struct pyw *w);   /* adds "pass" to a block left empty */
void pyw_blank(struct pyw *w, int n);

/* --------------------------------------------------- template translation */

struct emitter;

/* Where a translated template is evaluated. */
struct py_tmpl_ctx {
    const char *self;           /* the object with v(), vars...: "self" in user methods,
                                   "plan" at test start */
    const char *sampler_name;   /* current sampler's name for __samplerName, or NULL */
    const char *plan_file_name; /* for __TestPlanName */
    struct emitter *em;         /* records the imports, runtime pieces and TODO notes the
                                   translation needs; NULL in tests */
};

/* Appends a Python expression of type str computing the template's value
 * with JMeter's rules (undefined variables stay "${name}", functions become
 * Python). A NULL template is ''. */
void py_tmpl_expr(struct strbuf *out, const struct tmpl *t, const struct py_tmpl_ctx *ctx);
/* True when the template is literal text (no reference); *text gets it. */
bool py_tmpl_literal(const struct tmpl *t, const char **text);

#endif
