/* cond_parse.c - recursive-descent parser of the condition language.
 *
 *   expr     := or [ '?' expr ':' expr ]
 *   or       := and { '||' and }            (JEXL also: or)
 *   and      := equality { '&&' equality }  (JEXL also: and)
 *   equality := relation { '==' | '!=' | '===' | '!==' relation }   (=== and !== in JavaScript)
 *   relation := sum { '<' | '>' | '<=' | '>=' sum }
 *   sum      := product { '+' | '-' product }
 *   product  := unary { '*' | '/' | '%' unary }
 *   unary    := ('!' | '-' | '+') unary | postfix
 *   postfix  := primary { '.' name [ '(' args ')' ] }
 *   primary  := number | string | true | false | null | '(' expr ')' | threadName
 *             | ns '.' name '(' args ')'   (vars.get, props.get, Integer.parseInt, ...)
 *             | name '(' args ')'          (parseInt, parseFloat, empty, ...)
 *
 * Anything else stops the parse with a message naming the token. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cond_internal.h"

#define MAX_NESTING 200
#define MAX_NODES 2000   /* keeps evaluation recursion shallow */

struct parser {
    struct lexer lx;
    struct token tok;
    enum cond_dialect dialect;
    bool bare;                 /* COND_JAVASCRIPT_IF: no bindings, no Java classes */
    char *error;
    unsigned depth;
    unsigned nodes;
};

static const char *const namespaces[] = {"vars", "props", "ctx", "Integer", "Long", "Double",
                                         "String", "Boolean", "Math"};

const char *cond_dialect_name(enum cond_dialect d)
{
    switch (d) {
    case COND_JAVASCRIPT: case COND_JAVASCRIPT_IF: return "JavaScript";
    case COND_GROOVY: return "Groovy";
    default: return "JEXL";
    }
}

static void advance(struct parser *p)
{
    cond_token_free(&p->tok);
    p->tok = cond_lex_next(&p->lx);
}

static void error_at(struct parser *p, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void error_at(struct parser *p, const char *fmt, ...)
{
    if (p->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    p->error = xvasprintf(fmt, ap);
    va_end(ap);
}

/* The standard complaint about the current token. */
static void unsupported(struct parser *p)
{
    const char *d = cond_dialect_name(p->dialect);
    if (p->tok.kind == T_BAD)
        error_at(p, "%s", p->lx.error ? p->lx.error : "bad token");
    else if (p->tok.kind == T_EOF)
        error_at(p, "unexpected end of %s condition", d);
    else
        error_at(p, "unsupported in %s condition: '%.*s'", d, (int)(p->tok.len > 40 ? 40 : p->tok.len),
                 p->tok.start);
}

static bool is_op(const struct parser *p, const char *op)
{
    return p->tok.kind == T_OP && strcmp(p->tok.op, op) == 0;
}

static bool expect(struct parser *p, const char *op)
{
    if (!is_op(p, op)) {
        unsupported(p);
        return false;
    }
    advance(p);
    return true;
}

static void error_at(struct parser *p, const char *fmt, ...) PRINTF_LIKE(2, 3);

static struct cnode *new_node(struct parser *p, enum cnode_kind kind)
{
    if (++p->nodes == MAX_NODES)
        error_at(p, "%s condition too long", cond_dialect_name(p->dialect));
    struct cnode *n = xcalloc(1, sizeof *n);
    n->kind = kind;
    return n;
}

void cond_node_free(struct cnode *n)
{
    if (!n)
        return;
    condv_free(&n->value);
    cond_node_free(n->a);
    cond_node_free(n->b);
    cond_node_free(n->c);
    for (size_t i = 0; i < n->n_args; i++)
        cond_node_free(n->args[i]);
    free(n->args);
    free(n);
}

static struct cnode *parse_expr(struct parser *p);

/* '(' [expr {',' expr}] ')' into node->args. */
static bool parse_args(struct parser *p, struct cnode *node)
{
    if (!expect(p, "("))
        return false;
    if (is_op(p, ")")) {
        advance(p);
        return true;
    }
    for (;;) {
        struct cnode *arg = parse_expr(p);
        if (!arg)
            return false;
        node->args = xrealloc(node->args, (node->n_args + 1) * sizeof *node->args);
        node->args[node->n_args++] = arg;
        if (is_op(p, ",")) {
            advance(p);
            continue;
        }
        return expect(p, ")");
    }
}

static bool arity_ok(struct parser *p, const char *name, size_t n, int min, int max)
{
    if ((int)n < min || (int)n > max) {
        error_at(p, "unsupported in %s condition: '%s' with %zu argument%s", cond_dialect_name(p->dialect),
                 name, n, n == 1 ? "" : "s");
        return false;
    }
    return true;
}

/* name(args) or ns.name(args); name is the (dotted) function name. */
/* What the If Controller's script engine does not define (JMeter evaluates
 * those conditions with empty bindings; Java classes are not visible). */
static bool needs_bindings(const char *name)
{
    static const char *const prefixes[] = {"vars.", "props.", "ctx.", "Integer.", "Long.",
                                           "Double.", "String.", "Boolean."};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

static bool needs_java(const char *name)
{
    return needs_bindings(name) && strncmp(name, "vars.", 5) != 0 &&
           strncmp(name, "props.", 6) != 0 && strncmp(name, "ctx.", 4) != 0;
}

static struct cnode *parse_call(struct parser *p, const char *name)
{
    /* JMeter's JavaScript sees no Java classes (Integer.parseInt is a ReferenceError),
     * and its If Controller no bindings at all (vars, props, ctx) */
    bool hidden = p->dialect == COND_JAVASCRIPT &&
                  (p->bare ? needs_bindings(name) : needs_java(name));
    const struct cond_function *fn = hidden ? NULL : cond_function_find(name, p->dialect);
    if (!fn || !is_op(p, "(")) {
        error_at(p, "unsupported in %s condition: '%s'", cond_dialect_name(p->dialect), name);
        return NULL;
    }
    struct cnode *n = new_node(p, N_FUNCTION);
    n->fn = fn;
    if (!parse_args(p, n) || !arity_ok(p, name, n->n_args, fn->min_args, fn->max_args)) {
        cond_node_free(n);
        return NULL;
    }
    return n;
}

static struct cnode *literal(struct parser *p, struct cvalue v)
{
    struct cnode *n = new_node(p, N_LITERAL);
    n->value = v;
    advance(p);
    return n;
}

static struct cnode *parse_identifier(struct parser *p)
{
    char name[64];
    if (p->tok.len >= sizeof name) {
        unsupported(p);
        return NULL;
    }
    memcpy(name, p->tok.start, p->tok.len);
    name[p->tok.len] = '\0';
    bool js = p->dialect == COND_JAVASCRIPT;
    if (strcmp(name, "true") == 0 || strcmp(name, "false") == 0)
        return literal(p, condv_bool(name[0] == 't'));
    if (strcmp(name, "null") == 0)
        return literal(p, condv_null());
    if (js && strcmp(name, "undefined") == 0)
        return literal(p, condv_undefined());
    if (js && strcmp(name, "NaN") == 0)
        return literal(p, condv_double(NAN));
    if (js && strcmp(name, "Infinity") == 0)
        return literal(p, condv_double(INFINITY));
    if (strcmp(name, "threadName") == 0) {
        advance(p);
        return new_node(p, N_THREAD_NAME);
    }
    for (size_t i = 0; i < ARRAY_LEN(namespaces); i++) {
        if (strcmp(name, namespaces[i]) != 0)
            continue;
        advance(p);
        if (is_op(p, "("))   /* String(x) in JavaScript */
            return parse_call(p, name);
        if (!is_op(p, ".")) {
            error_at(p, "unsupported in %s condition: '%s'", cond_dialect_name(p->dialect), name);
            return NULL;
        }
        advance(p);
        if (p->tok.kind != T_IDENT || p->tok.len > 40) {
            unsupported(p);
            return NULL;
        }
        char full[128];
        snprintf(full, sizeof full, "%s.%.*s", name, (int)p->tok.len, p->tok.start);
        advance(p);
        return parse_call(p, full);
    }
    advance(p);
    return parse_call(p, name);
}

static struct cnode *parse_primary(struct parser *p)
{
    switch (p->tok.kind) {
    case T_NUMBER: case T_STRING: {
        struct cvalue v = p->tok.value;
        p->tok.value = condv_null();
        return literal(p, v);
    }
    case T_IDENT:
        return parse_identifier(p);
    case T_OP:
        if (is_op(p, "(")) {
            advance(p);
            struct cnode *inner = parse_expr(p);
            if (inner && !expect(p, ")")) {
                cond_node_free(inner);
                return NULL;
            }
            return inner;
        }
        /* fall through */
    default:
        unsupported(p);
        return NULL;
    }
}

static struct cnode *parse_postfix(struct parser *p)
{
    struct cnode *n = parse_primary(p);
    while (n && !p->error && is_op(p, ".")) {
        advance(p);
        if (p->tok.kind != T_IDENT || p->tok.len > 40) {
            unsupported(p);
            cond_node_free(n);
            return NULL;
        }
        char name[48];
        snprintf(name, sizeof name, "%.*s", (int)p->tok.len, p->tok.start);
        const struct cond_method *m = cond_method_find(name);
        advance(p);
        if (!m || (!is_op(p, "(") && !m->property_ok)) {
            error_at(p, "unsupported in %s condition: '.%s'", cond_dialect_name(p->dialect), name);
            cond_node_free(n);
            return NULL;
        }
        struct cnode *call = new_node(p, N_METHOD);
        call->a = n;
        call->method = m;
        n = call;
        if (is_op(p, "(")) {
            char label[56];
            snprintf(label, sizeof label, ".%s", name);
            if (!parse_args(p, call) || !arity_ok(p, label, call->n_args, m->min_args, m->max_args)) {
                cond_node_free(n);
                return NULL;
            }
        }
    }
    return n;
}

static struct cnode *parse_unary(struct parser *p)
{
    enum cnode_kind kind;
    if (p->dialect == COND_JAVASCRIPT && p->tok.kind == T_IDENT && p->tok.len == 6 &&
        strncmp(p->tok.start, "typeof", 6) == 0)
        kind = N_TYPEOF;
    else if (is_op(p, "!"))
        kind = N_NOT;
    else if (is_op(p, "-"))
        kind = N_NEGATE;
    else if (is_op(p, "+"))
        kind = N_PLUS;
    else
        return parse_postfix(p);
    if (++p->depth > MAX_NESTING) {
        error_at(p, "%s condition nested too deeply", cond_dialect_name(p->dialect));
        return NULL;
    }
    advance(p);
    struct cnode *operand = parse_unary(p);
    p->depth--;
    if (!operand)
        return NULL;
    struct cnode *n = new_node(p, kind);
    n->a = operand;
    return n;
}

/* One level of left-associative binary operators. */
typedef struct cnode *(*parse_fn)(struct parser *);

static struct cnode *binary_level(struct parser *p, parse_fn next, const char *const *ops,
                                  enum cnode_kind kind)
{
    struct cnode *left = next(p);
    while (left && !p->error) {
        const char *op = NULL;
        for (size_t i = 0; ops[i]; i++)
            if (is_op(p, ops[i]))
                op = ops[i];
        if (!op)
            break;
        if ((strcmp(op, "===") == 0 || strcmp(op, "!==") == 0) && p->dialect != COND_JAVASCRIPT) {
            unsupported(p);
            cond_node_free(left);
            return NULL;
        }
        advance(p);
        struct cnode *right = next(p);
        if (!right) {
            cond_node_free(left);
            return NULL;
        }
        struct cnode *n = new_node(p, kind);
        snprintf(n->op, sizeof n->op, "%s", op);
        n->a = left;
        n->b = right;
        left = n;
    }
    return left;
}

static struct cnode *parse_product(struct parser *p)
{
    static const char *const ops[] = {"*", "/", "%", NULL};
    return binary_level(p, parse_unary, ops, N_BINARY);
}

static struct cnode *parse_sum(struct parser *p)
{
    static const char *const ops[] = {"+", "-", NULL};
    return binary_level(p, parse_product, ops, N_BINARY);
}

static struct cnode *parse_relation(struct parser *p)
{
    static const char *const ops[] = {"<", ">", "<=", ">=", NULL};
    return binary_level(p, parse_sum, ops, N_BINARY);
}

static struct cnode *parse_equality(struct parser *p)
{
    static const char *const ops[] = {"==", "!=", "===", "!==", NULL};
    return binary_level(p, parse_relation, ops, N_BINARY);
}

static struct cnode *parse_and(struct parser *p)
{
    static const char *const ops[] = {"&&", NULL};
    return binary_level(p, parse_equality, ops, N_AND);
}

static struct cnode *parse_or(struct parser *p)
{
    static const char *const ops[] = {"||", NULL};
    return binary_level(p, parse_and, ops, N_OR);
}

static struct cnode *parse_expr(struct parser *p)
{
    if (++p->depth > MAX_NESTING) {
        error_at(p, "%s condition nested too deeply", cond_dialect_name(p->dialect));
        return NULL;
    }
    struct cnode *cond = parse_or(p);
    if (cond && is_op(p, "?")) {
        advance(p);
        struct cnode *yes = parse_expr(p);
        struct cnode *no = yes && expect(p, ":") ? parse_expr(p) : NULL;
        if (!no) {
            cond_node_free(cond);
            cond_node_free(yes);
            p->depth--;
            return NULL;
        }
        struct cnode *n = new_node(p, N_TERNARY);
        n->a = cond;
        n->b = yes;
        n->c = no;
        cond = n;
    }
    p->depth--;
    return cond;
}

struct cond_expr *cond_parse(const char *src, enum cond_dialect dialect, char **error)
{
    struct parser p = {0};
    if (dialect == COND_JAVASCRIPT_IF) {
        p.bare = true;
        dialect = COND_JAVASCRIPT;
    }
    p.dialect = dialect;
    cond_lex_init(&p.lx, src, dialect);
    p.tok = cond_lex_next(&p.lx);
    struct cnode *root = parse_expr(&p);
    if (root && p.error) {
        cond_node_free(root);
        root = NULL;
    }
    if (root && is_op(&p, ";"))
        advance(&p);
    if (root && p.tok.kind != T_EOF) {
        unsupported(&p);
        cond_node_free(root);
        root = NULL;
    }
    if (!root && !p.error)
        unsupported(&p);
    cond_token_free(&p.tok);
    free(p.lx.error);
    if (!root) {
        if (error)
            *error = p.error;
        else
            free(p.error);
        return NULL;
    }
    struct cond_expr *e = xmalloc(sizeof *e);
    e->dialect = dialect;
    e->root = root;
    return e;
}

void cond_free(struct cond_expr *e)
{
    if (!e)
        return;
    cond_node_free(e->root);
    free(e);
}
