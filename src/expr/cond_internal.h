/* cond_internal.h - the pieces of the condition language shared by its files:
 * values, the lexer's tokens, the syntax tree, and the tables of functions
 * and methods. */
#ifndef JMX2RUN_COND_INTERNAL_H
#define JMX2RUN_COND_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/cond.h"

/* ---- values ---- */
enum cv_type {
    CV_NULL,
    CV_UNDEFINED,   /* JavaScript only */
    CV_BOOL,
    CV_INT,         /* Java int/long (JEXL, Groovy) */
    CV_DOUBLE,      /* Java double; every JavaScript number */
    CV_DECIMAL,     /* Groovy BigDecimal, kept as a double, printed without exponent */
    CV_STRING,
};

struct cvalue {
    enum cv_type type;
    bool b;
    int64_t i;
    double d;
    char *s;        /* CV_STRING: owned, NUL-terminated */
};

struct cvalue condv_null(void);
struct cvalue condv_undefined(void);
struct cvalue condv_bool(bool b);
struct cvalue condv_int(int64_t i);
struct cvalue condv_double(double d);
struct cvalue condv_decimal(double d);
struct cvalue condv_string(const char *s);          /* copies */
struct cvalue condv_string_take(char *s);           /* takes ownership */
struct cvalue condv_copy(const struct cvalue *v);
void condv_free(struct cvalue *v);
bool condv_is_number(const struct cvalue *v);
double condv_number_value(const struct cvalue *v);   /* for CV_INT/DOUBLE/DECIMAL */

/* Printing as the dialect prints results (JS Number.toString, Java
 * Double.toString, ...). Appends to out. */
void condv_print(const struct cvalue *v, enum cond_dialect d, struct strbuf *out);
void cond_format_js_number(double d, struct strbuf *out);
void cond_format_java_double(double d, struct strbuf *out);

/* Conversions and operators; false = runtime error (JMeter yields ""). */
bool condv_truthy(const struct cvalue *v, enum cond_dialect d, bool *out);
double cond_js_to_number(const struct cvalue *v);
bool condv_to_string(const struct cvalue *v, enum cond_dialect d, struct strbuf *out);
bool condv_equals(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, bool strict,
               bool *out);
/* op: '<' '>' 'l' (<=) 'g' (>=) */
bool condv_compare(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, int op, bool *out);
/* op: '+' '-' '*' '/' '%' */
bool condv_arith(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, int op,
              struct cvalue *out);
bool condv_negate(const struct cvalue *a, enum cond_dialect d, struct cvalue *out);
/* Strict number parsing helpers shared with the built-in functions. */
bool condv_parse_java_int(const char *s, int64_t *out, bool long_range);

/* ---- lexer ---- */
enum tok_kind { T_EOF, T_NUMBER, T_STRING, T_IDENT, T_OP, T_BAD };

struct token {
    enum tok_kind kind;
    const char *start;     /* in the source */
    size_t len;
    struct cvalue value;   /* T_NUMBER / T_STRING */
    char op[4];            /* T_OP: "==", "&&", "(", "?", ... ("and", "eq" map to "&&", "==") */
};

struct lexer {
    const char *src;
    size_t pos;
    enum cond_dialect dialect;
    bool failed;
    char *error;           /* malloc'd */
};

void cond_lex_init(struct lexer *lx, const char *src, enum cond_dialect d);
/* Reads the next token; on a lexical error returns T_BAD and sets lx->error. */
struct token cond_lex_next(struct lexer *lx);
void cond_token_free(struct token *t);

/* ---- syntax tree ---- */
enum cnode_kind {
    N_LITERAL,   /* value */
    N_THREAD_NAME,
    N_FUNCTION,  /* fn(args): vars.get, Integer.parseInt, parseInt, ... */
    N_METHOD,    /* a.method(args) or a.length */
    N_NOT,       /* !a */
    N_TYPEOF,    /* typeof a (JavaScript) */
    N_NEGATE,    /* -a */
    N_PLUS,      /* +a */
    N_BINARY,    /* a op b: arithmetic, comparison, equality */
    N_AND,
    N_OR,
    N_TERNARY,   /* a ? b : c */
};

struct cond_env;
struct cnode;

struct cond_function {
    const char *name;      /* "vars.get", "parseInt" */
    unsigned dialects;     /* bit mask of 1 << enum cond_dialect */
    int min_args, max_args;
    bool (*call)(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out);
};

struct cond_method {
    const char *name;      /* "equals", "length" */
    int min_args, max_args;
    bool property_ok;      /* may be written without parentheses (JS "s.length") */
    bool (*call)(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                 struct cvalue *out);
};

struct cnode {
    enum cnode_kind kind;
    char op[4];
    struct cvalue value;
    struct cnode *a, *b, *c;
    struct cnode **args;
    size_t n_args;
    const struct cond_function *fn;
    const struct cond_method *method;
};

struct cond_expr {
    enum cond_dialect dialect;
    struct cnode *root;
};

/* What evaluation needs besides the tree. */
struct cond_env {
    struct expr_ctx *ctx;
    enum cond_dialect dialect;
};

const struct cond_function *cond_function_find(const char *name, enum cond_dialect d);
const struct cond_method *cond_method_find(const char *name);
void cond_node_free(struct cnode *n);

#endif
