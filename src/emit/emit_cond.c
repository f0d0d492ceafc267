/* emit_cond.c - the expressions of ${__jexl3()}, ${__groovy()},
 * ${__javaScript()} and JavaScript If Controllers, translated to Python for
 * the shapes plans use: literals, vars.get() / props.get(), comparisons,
 * && || !, arithmetic, ?:, and the usual string methods (equals, length,
 * toInteger, contains...). Anything else is refused with the reason, and the
 * caller leaves a TODO.
 *
 * JMeter pastes ${...} references into the script text before the script
 * engine parses it. Here a reference inside a string literal becomes part of
 * a Python string, and a reference standing alone becomes
 * script_number(<value>): the pasted text read as a number, boolean or null,
 * which is what such a reference is for ("${COUNT} < 10"). */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

#define PH '\x01'   /* marks a reference in the script text: PH index PH */

enum tk { TK_END, TK_NUM, TK_STR, TK_IDENT, TK_OP, TK_REF, TK_BAD };

struct token {
    enum tk kind;
    char text[64];          /* TK_NUM, TK_IDENT, TK_OP */
    size_t ref;             /* TK_REF: part index */
    struct strbuf str;      /* TK_STR: the Python expression of the string */
};

struct parser {
    const char *src;
    size_t pos;
    const struct tmpl *t;
    const struct py_tmpl_ctx *ctx;
    enum script_dialect dialect;
    struct token tok;
    char *error;
};

static void fail(struct parser *p, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void fail(struct parser *p, const char *fmt, ...)
{
    if (p->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    p->error = xvasprintf(fmt, ap);
    va_end(ap);
}

/* The Python expression of reference part i. */
static void ref_expr(struct parser *p, size_t i, struct strbuf *out)
{
    const struct tmpl_part *part = &p->t->parts[i];
    if (part->kind == TMPL_VAR) {
        strbuf_addf(out, "%s.v(", p->ctx->self);
        py_str_literal(out, part->text, part->text_len);
        strbuf_addc(out, ')');
    } else {
        emit_function_call(part, p->ctx, out);
    }
}

static size_t read_ref(struct parser *p)
{
    size_t i = 0;
    p->pos++;
    while (p->src[p->pos] && p->src[p->pos] != PH)
        i = i * 10 + (size_t)(p->src[p->pos++] - '0');
    if (p->src[p->pos] == PH)
        p->pos++;
    return i;
}

/* A quoted string; references inside join the Python string. */
static void lex_string(struct parser *p, char quote)
{
    struct strbuf lit, *out = &p->tok.str;
    strbuf_init(&lit);
    bool first = true;
    p->pos++;
    for (;;) {
        char c = p->src[p->pos];
        if (!c) {
            fail(p, "unterminated string");
            break;
        }
        if (c == quote) {
            p->pos++;
            break;
        }
        if (c == PH) {
            if (lit.len) {
                if (!first)
                    strbuf_adds(out, " + ");
                py_str_literal(out, lit.s, lit.len);
                first = false;
                strbuf_reset(&lit);
            }
            if (!first)
                strbuf_adds(out, " + ");
            first = false;
            ref_expr(p, read_ref(p), out);
            continue;
        }
        if (c == '\\') {
            char e = p->src[p->pos + 1];
            if (!e) {
                fail(p, "unterminated string");
                break;
            }
            p->pos += 2;
            strbuf_addc(&lit, e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
            continue;
        }
        strbuf_addc(&lit, c);
        p->pos++;
    }
    if (lit.len || first) {
        if (!first)
            strbuf_adds(out, " + ");
        py_str_literal(out, lit.s, lit.len);
    }
    strbuf_free(&lit);
}

static const char *const ops[] = {"===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">",
                                  "!", "+", "-", "*", "/", "%", "(", ")", ",", ".", "?", ":",
                                  ";", "[", "]"};

static void next(struct parser *p)
{
    struct token *t = &p->tok;
    strbuf_reset(&t->str);
    t->kind = TK_END;
    t->text[0] = '\0';
    while (p->src[p->pos] == ' ' || p->src[p->pos] == '\t' || p->src[p->pos] == '\n' ||
           p->src[p->pos] == '\r')
        p->pos++;
    char c = p->src[p->pos];
    if (!c)
        return;
    if (c == PH) {
        t->kind = TK_REF;
        t->ref = read_ref(p);
        char after = p->src[p->pos];
        if (isalnum((unsigned char)after) || after == '_' || after == PH || after == '.') {
            t->kind = TK_BAD;
            fail(p, "a ${...} reference glued to other text");
        }
        return;
    }
    if (c == '"' || c == '\'') {
        t->kind = TK_STR;
        lex_string(p, c);
        return;
    }
    if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)p->src[p->pos + 1]))) {
        size_t n = 0;
        while ((isalnum((unsigned char)p->src[p->pos]) || p->src[p->pos] == '.') && n < 62)
            t->text[n++] = p->src[p->pos++];
        t->text[n] = '\0';
        /* Java suffixes: 10L, 2.5d */
        if (n > 1 && strchr("lLdDfF", t->text[n - 1]) && !strchr(t->text, 'x'))
            t->text[n - 1] = '\0';
        for (const char *q = t->text; *q; q++)
            if (!isdigit((unsigned char)*q) && *q != '.' && *q != 'e' && *q != 'E') {
                fail(p, "number %s", t->text);
                t->kind = TK_BAD;
                return;
            }
        t->kind = TK_NUM;
        return;
    }
    if (isalpha((unsigned char)c) || c == '_' || c == '$') {
        size_t n = 0;
        while ((isalnum((unsigned char)p->src[p->pos]) || p->src[p->pos] == '_' ||
                p->src[p->pos] == '$') && n < 62)
            t->text[n++] = p->src[p->pos++];
        t->text[n] = '\0';
        t->kind = TK_IDENT;
        /* JEXL's word operators */
        static const char *const words[][2] = {{"and", "&&"}, {"or", "||"}, {"not", "!"},
                                               {"eq", "=="}, {"ne", "!="}, {"lt", "<"},
                                               {"gt", ">"}, {"le", "<="}, {"ge", ">="}};
        if (p->dialect == SCRIPT_JEXL)
            for (size_t i = 0; i < ARRAY_LEN(words); i++)
                if (strcmp(t->text, words[i][0]) == 0) {
                    t->kind = TK_OP;
                    strcpy(t->text, words[i][1]);
                }
        return;
    }
    for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
        size_t n = strlen(ops[i]);
        if (strncmp(p->src + p->pos, ops[i], n) == 0) {
            t->kind = TK_OP;
            strcpy(t->text, ops[i]);
            p->pos += n;
            return;
        }
    }
    t->kind = TK_BAD;
    fail(p, "character '%c'", c);
}

static bool is_op(struct parser *p, const char *op)
{
    return p->tok.kind == TK_OP && strcmp(p->tok.text, op) == 0;
}

static void expect(struct parser *p, const char *op)
{
    if (!is_op(p, op))
        fail(p, "expected '%s'", op);
    else
        next(p);
}

/* Every expression is written fully parenthesised where precedence matters. */
static void expr(struct parser *p, struct strbuf *out);

static void args(struct parser *p, struct strbuf **items, size_t *n, size_t max)
{
    *n = 0;
    expect(p, "(");
    while (!p->error && !is_op(p, ")")) {
        if (*n >= max) {
            fail(p, "too many arguments");
            return;
        }
        strbuf_init(items[*n]);
        expr(p, items[(*n)++]);
        if (!is_op(p, ","))
            break;
        next(p);
    }
    expect(p, ")");
}

/* Functions on the script's objects: vars.get("x"), props.get, parseInt... */
static bool call_function(struct parser *p, const char *name, struct strbuf *out)
{
    struct strbuf a0, a1, *items[2] = {&a0, &a1};
    size_t n = 0;
    strbuf_init(&a0);
    strbuf_init(&a1);
    bool ok = true;
    args(p, items, &n, 2);
    static const struct {
        const char *js, *py;
        size_t n;
    } maths[] = {
        {"Math.abs", "abs(script_loose(%s))", 1},
        {"Math.floor", "math.floor(script_loose(%s))", 1},
        {"Math.ceil", "math.ceil(script_loose(%s))", 1},
        {"Math.round", "math.floor(script_loose(%s) + 0.5)", 1},
        {"Math.sqrt", "math.sqrt(script_loose(%s))", 1},
        {"Math.max", "max(script_loose(%s), script_loose(%s))", 2},
        {"Math.min", "min(script_loose(%s), script_loose(%s))", 2},
        {"Math.pow", "math.pow(script_loose(%s), script_loose(%s))", 2},
    };
    for (size_t i = 0; !p->error && i < ARRAY_LEN(maths); i++) {
        if (strcmp(name, maths[i].js) != 0 || n != maths[i].n)
            continue;
        if (strstr(maths[i].py, "math."))
            em_import(p->ctx->em, "import math");
        char *text = n == 1 ? xasprintf(maths[i].py, a0.s) : xasprintf(maths[i].py, a0.s, a1.s);
        strbuf_adds(out, text);
        free(text);
        strbuf_free(&a0);
        strbuf_free(&a1);
        return true;
    }
    const char *self = p->ctx->self;
    if (p->error) {
        ok = false;
    } else if ((strcmp(name, "vars.get") == 0 || strcmp(name, "vars.getObject") == 0) && n == 1) {
        strbuf_addf(out, "%s.vars.get(%s)", self, a0.s);
    } else if ((strcmp(name, "props.get") == 0 || strcmp(name, "props.getProperty") == 0) &&
               n >= 1) {
        em_need(p->ctx->em, RT_CORE);
        strbuf_addf(out, "PROPERTIES.get(%s%s%s)", a0.s, n > 1 ? ", " : "", n > 1 ? a1.s : "");
    } else if ((strcmp(name, "parseInt") == 0 || strcmp(name, "Integer.parseInt") == 0 ||
                strcmp(name, "Long.parseLong") == 0 || strcmp(name, "Integer.valueOf") == 0) &&
               n == 1) {
        strbuf_addf(out, "script_int(%s)", a0.s);
    } else if ((strcmp(name, "parseFloat") == 0 || strcmp(name, "Double.parseDouble") == 0) &&
               n == 1) {
        strbuf_addf(out, "float(%s)", a0.s);
    } else if (strcmp(name, "String.valueOf") == 0 && n == 1) {
        strbuf_addf(out, "script_str(%s)", a0.s);
    } else {
        fail(p, "function %s", name);
        ok = false;
    }
    strbuf_free(&a0);
    strbuf_free(&a1);
    return ok;
}

/* Methods: x.equals(y), x.length(), x.toInteger()... */
static void method(struct parser *p, struct strbuf *target, const char *name)
{
    struct strbuf a0, a1, *items[2] = {&a0, &a1};
    size_t n = 0;
    strbuf_init(&a0);
    strbuf_init(&a1);
    bool called = is_op(p, "(");
    if (called)
        args(p, items, &n, 2);
    struct strbuf r;
    strbuf_init(&r);
    const char *x = target->s;
    if (p->error) {
        /* nothing */
    } else if (strcmp(name, "equals") == 0 && n == 1) {
        strbuf_addf(&r, "(%s == %s)", x, a0.s);
    } else if (strcmp(name, "equalsIgnoreCase") == 0 && n == 1) {
        strbuf_addf(&r, "(script_str(%s).lower() == script_str(%s).lower())", x, a0.s);
    } else if ((strcmp(name, "length") == 0 || strcmp(name, "size") == 0) && n == 0) {
        strbuf_addf(&r, "len(%s)", x);
    } else if (strcmp(name, "isEmpty") == 0 && n == 0 && called) {
        strbuf_addf(&r, "(len(%s) == 0)", x);
    } else if ((strcmp(name, "toInteger") == 0 || strcmp(name, "toLong") == 0) && n == 0) {
        strbuf_addf(&r, "script_int(%s)", x);
    } else if ((strcmp(name, "toDouble") == 0 || strcmp(name, "toFloat") == 0) && n == 0) {
        strbuf_addf(&r, "float(%s)", x);
    } else if (strcmp(name, "toString") == 0 && n == 0) {
        strbuf_addf(&r, "script_str(%s)", x);
    } else if (strcmp(name, "contains") == 0 && n == 1) {
        strbuf_addf(&r, "(%s in %s)", a0.s, x);
    } else if (strcmp(name, "startsWith") == 0 && n == 1) {
        strbuf_addf(&r, "%s.startswith(%s)", x, a0.s);
    } else if (strcmp(name, "endsWith") == 0 && n == 1) {
        strbuf_addf(&r, "%s.endswith(%s)", x, a0.s);
    } else if (strcmp(name, "trim") == 0 && n == 0) {
        strbuf_addf(&r, "%s.strip()", x);
    } else if ((strcmp(name, "toLowerCase") == 0 || strcmp(name, "toUpperCase") == 0) &&
               n == 0) {
        strbuf_addf(&r, "%s.%s()", x, name[2] == 'L' ? "lower" : "upper");
    } else if (strcmp(name, "matches") == 0 && n == 1) {
        em_import(p->ctx->em, "import re");
        strbuf_addf(&r, "(re.fullmatch(%s, %s) is not None)", a0.s, x);
    } else if (strcmp(name, "indexOf") == 0 && n == 1) {
        strbuf_addf(&r, "%s.find(%s)", x, a0.s);
    } else {
        fail(p, "method .%s", name);
    }
    strbuf_reset(target);
    strbuf_addn(target, r.s, r.len);
    strbuf_free(&r);
    strbuf_free(&a0);
    strbuf_free(&a1);
}

static void primary(struct parser *p, struct strbuf *out)
{
    struct token *t = &p->tok;
    switch (t->kind) {
    case TK_NUM:
        strbuf_adds(out, t->text);
        next(p);
        break;
    case TK_STR:
        if (strstr(t->str.s, " + "))
            strbuf_addf(out, "(%s)", t->str.s);
        else
            strbuf_adds(out, t->str.s);
        next(p);
        break;
    case TK_REF:
        strbuf_adds(out, "script_number(");
        ref_expr(p, t->ref, out);
        strbuf_addc(out, ')');
        next(p);
        break;
    case TK_IDENT: {
        char name[200];
        snprintf(name, sizeof name, "%s", t->text);
        next(p);
        if (strcmp(name, "true") == 0 || strcmp(name, "false") == 0) {
            strbuf_adds(out, name[0] == 't' ? "True" : "False");
            break;
        }
        if (strcmp(name, "null") == 0 || strcmp(name, "undefined") == 0) {
            strbuf_adds(out, "None");
            break;
        }
        if (strcmp(name, "threadName") == 0) {
            strbuf_addf(out, "%s.thread_name", p->ctx->self);
            break;
        }
        /* dotted names of functions: vars.get, Integer.parseInt */
        while (is_op(p, ".") && strlen(name) < 150) {
            next(p);
            if (p->tok.kind != TK_IDENT) {
                fail(p, "name after '.'");
                return;
            }
            strcat(name, ".");
            strcat(name, p->tok.text);
            next(p);
        }
        if (is_op(p, "("))
            call_function(p, name, out);
        else
            fail(p, "name %s", name);
        break;
    }
    case TK_OP:
        if (strcmp(t->text, "(") == 0) {
            next(p);
            strbuf_addc(out, '(');
            expr(p, out);
            strbuf_addc(out, ')');
            expect(p, ")");
            break;
        }
        fail(p, "'%s'", t->text);
        break;
    case TK_END:
        fail(p, "the expression ends too early");
        break;
    default:
        fail(p, "unexpected text");
        break;
    }
}

static void postfix(struct parser *p, struct strbuf *out)
{
    primary(p, out);
    while (!p->error && is_op(p, ".")) {
        next(p);
        if (p->tok.kind != TK_IDENT) {
            fail(p, "name after '.'");
            return;
        }
        char name[64];
        snprintf(name, sizeof name, "%s", p->tok.text);
        next(p);
        method(p, out, name);
    }
}

static void unary(struct parser *p, struct strbuf *out)
{
    if (is_op(p, "!")) {
        next(p);
        strbuf_adds(out, "(not ");
        unary(p, out);
        strbuf_addc(out, ')');
    } else if (is_op(p, "-")) {
        next(p);
        strbuf_adds(out, "(-");
        unary(p, out);
        strbuf_addc(out, ')');
    } else {
        postfix(p, out);
    }
}

/* Binary levels, lowest first. */
static const char *const levels[][7] = {
    {"||", NULL},
    {"&&", NULL},
    {"==", "!=", "===", "!==", NULL},
    {"<", ">", "<=", ">=", NULL},
    {"+", "-", NULL},
    {"*", "/", "%", NULL},
};

static bool is_null(const char *s)
{
    return strcmp(s, "None") == 0;
}

/* An operand that is a number for sure (a literal, or a conversion to a
 * number): comparisons of two of them can be plain Python. */
static bool numeric(const char *e)
{
    if (str_starts_with(e, "script_number(") || str_starts_with(e, "script_int(") ||
        str_starts_with(e, "len(") || str_starts_with(e, "float("))
        return true;
    const char *p = e + (*e == '-');
    return *p && strspn(p, "0123456789.") == strlen(p);
}

static void binary(struct parser *p, struct strbuf *out, size_t level)
{
    if (level >= ARRAY_LEN(levels)) {
        unary(p, out);
        return;
    }
    struct strbuf left;
    strbuf_init(&left);
    binary(p, &left, level + 1);
    for (;;) {
        const char *op = NULL;
        for (size_t i = 0; levels[level][i]; i++)
            if (is_op(p, levels[level][i]))
                op = levels[level][i];
        if (!op || p->error)
            break;
        char opc[4];
        snprintf(opc, sizeof opc, "%s", op);
        next(p);
        struct strbuf right;
        strbuf_init(&right);
        binary(p, &right, level + 1);
        struct strbuf r;
        strbuf_init(&r);
        if (strcmp(opc, "||") == 0 || strcmp(opc, "&&") == 0) {
            strbuf_addf(&r, "(%s %s %s)", left.s, opc[0] == '|' ? "or" : "and", right.s);
        } else if (opc[0] == '=' || opc[0] == '!') {
            bool neg = opc[0] == '!';
            bool strict = strlen(opc) == 3 || p->dialect == SCRIPT_GROOVY;
            bool plain = (numeric(left.s) && numeric(right.s)) ||
                         (left.s[0] == '\'' && right.s[0] == '\'' &&
                          !strstr(left.s, " + ") && !strstr(right.s, " + "));
            if (is_null(left.s) || is_null(right.s))
                strbuf_addf(&r, "(%s %s %s)", left.s, neg ? "is not" : "is", right.s);
            else if (plain)
                strbuf_addf(&r, "(%s %s %s)", left.s, neg ? "!=" : "==", right.s);
            else
                strbuf_addf(&r, "%sscript_eq(%s, %s%s)", neg ? "not " : "", left.s, right.s,
                            strict ? ", loose=False" : "");
        } else if (opc[0] == '<' || opc[0] == '>') {
            if (numeric(left.s) && numeric(right.s))
                strbuf_addf(&r, "(%s %s %s)", left.s, opc, right.s);
            else
                strbuf_addf(&r, "script_cmp(%s, '%s', %s)", left.s, opc, right.s);
        } else if (strcmp(opc, "+") == 0) {
            strbuf_addf(&r, "script_add(%s, %s)", left.s, right.s);
        } else if (strcmp(opc, "/") == 0) {
            strbuf_addf(&r, "script_div(%s, %s, %s)", left.s, right.s,
                        p->dialect == SCRIPT_JEXL ? "True" : "False");
        } else {
            strbuf_addf(&r, "(%s %s %s)", left.s, opc, right.s);
        }
        strbuf_reset(&left);
        strbuf_addn(&left, r.s, r.len);
        strbuf_free(&r);
        strbuf_free(&right);
    }
    strbuf_addn(out, left.s, left.len);
    strbuf_free(&left);
}

static void expr(struct parser *p, struct strbuf *out)
{
    struct strbuf cond;
    strbuf_init(&cond);
    binary(p, &cond, 0);
    if (!p->error && is_op(p, "?")) {
        next(p);
        struct strbuf a, b;
        strbuf_init(&a);
        strbuf_init(&b);
        expr(p, &a);
        expect(p, ":");
        expr(p, &b);
        strbuf_addf(out, "(%s if %s else %s)", a.s, cond.s, b.s);
        strbuf_free(&a);
        strbuf_free(&b);
    } else {
        strbuf_addn(out, cond.s, cond.len);
    }
    strbuf_free(&cond);
}

bool emit_script(const struct tmpl *t, enum script_dialect dialect,
                 const struct py_tmpl_ctx *ctx, struct strbuf *out, char **why)
{
    *why = NULL;
    /* the script text with a placeholder for each reference */
    struct strbuf src;
    strbuf_init(&src);
    const char *lit;
    if (py_tmpl_literal(t, &lit)) {
        strbuf_adds(&src, lit);
    } else {
        for (size_t i = 0; i < t->n_parts; i++) {
            const struct tmpl_part *part = &t->parts[i];
            if (part->kind == TMPL_TEXT) {
                if (memchr(part->text, PH, part->text_len))
                    continue;
                strbuf_addn(&src, part->text, part->text_len);
            } else {
                strbuf_addf(&src, "%c%zu%c", PH, i, PH);
            }
        }
    }
    /* imports asked for while parsing are dropped again when it fails */
    size_t imports_before = ctx->em ? ctx->em->imports.len : 0;
    struct parser p = {src.s, 0, t, ctx, dialect, {0}, NULL};
    strbuf_init(&p.tok.str);
    next(&p);
    struct strbuf body;
    strbuf_init(&body);
    expr(&p, &body);
    while (!p.error && is_op(&p, ";"))
        next(&p);
    if (!p.error && p.tok.kind != TK_END)
        fail(&p, "text after the expression");
    bool ok = p.error == NULL;
    if (ok) {
        em_need(ctx->em, RT_SCRIPTS);
        strbuf_addn(out, body.s, body.len);
    } else {
        while (ctx->em && ctx->em->imports.len > imports_before)
            free(ctx->em->imports.items[--ctx->em->imports.len]);
        struct strbuf msg;
        strbuf_init(&msg);
        strbuf_adds(&msg, "not understood: ");
        py_str_literal_z(&msg, p.error);
        *why = strbuf_detach(&msg);
        free(p.error);
    }
    strbuf_free(&body);
    strbuf_free(&p.tok.str);
    strbuf_free(&src);
    return ok;
}
