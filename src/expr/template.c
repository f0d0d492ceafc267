/* template.c - compiling "${...}" templates into parts, the way JMeter's
 * FunctionParser reads them (5.6 rules, checked against JMeter 2.13 runs):
 *
 *  - scanning text: "\" before '$', ',' or '\' yields that character, before
 *    anything else it is kept; "${" opens a reference;
 *  - inside "${": characters up to '(' or '}'. At '}' the text names a function
 *    (exact match) or a variable (not trimmed). At '(' (not right after a
 *    space) the trimmed text must name a function, else the '(' just joins the
 *    variable name; a backslash drops and keeps the next character;
 *  - arguments: split on ',' outside "${...}" (parentheses do not protect
 *    commas, only a closing ')' needs them balanced); each argument keeps its
 *    backslashes and is compiled as a template of its own;
 *  - after ')' only spaces may come before '}'. A call JMeter refuses (this,
 *    or a wrong argument count) makes the whole string literal text;
 *  - an unterminated "${" contributes the text after it, without "${";
 *  - a string whose compiled form is a single piece of text keeps its source
 *    text exactly (so "a\,b" stays "a\,b"). */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "expr_internal.h"

/* JMeter recurses without limit; we stop at a depth no real plan reaches, so
 * that hostile input cannot exhaust the stack. */
#define MAX_COMPILE_DEPTH 200

struct reader {
    const char *s;
    size_t n, pos;
};

static int rd_get(struct reader *r)
{
    return r->pos < r->n ? (unsigned char)r->s[r->pos++] : -1;
}

struct partvec {
    struct tmpl_part *items;
    size_t len, cap;
};

struct compiler {
    struct arena *arena;
    struct diag_list *diags;   /* NULL at run time */
    const char *file;
    int line;
    bool failed;
    unsigned depth;
};

static void push_part(struct partvec *v, const struct tmpl_part *p)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 4;
        v->items = xrealloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->len++] = *p;
}

static void push_text(struct compiler *c, struct partvec *v, const char *s, size_t n)
{
    struct tmpl_part p = {0};
    p.kind = TMPL_TEXT;
    p.text = arena_strndup(c->arena, s, n);
    p.text_len = n;
    push_part(v, &p);
}

static void fail(struct compiler *c, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void fail(struct compiler *c, const char *fmt, ...)
{
    if (!c->failed && c->diags) {
        va_list ap;
        va_start(ap, fmt);
        struct strbuf sb;
        strbuf_init(&sb);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        diag_add(c->diags, DIAG_WARNING, c->file, c->line,
                 "%s: the whole text is used literally, as JMeter does", sb.s);
        strbuf_free(&sb);
    }
    c->failed = true;
}

uint32_t expr_next_occurrence(void)
{
    static atomic_uint_fast32_t next = 1;
    return (uint32_t)atomic_fetch_add(&next, 1);
}

static struct tmpl *compile_string(struct compiler *c, const char *s, size_t n, bool top);

/* Java's Character.isSpaceChar for what can follow ')': space or no-break space. */
static int first_non_space(struct reader *r)
{
    for (;;) {
        int ch = rd_get(r);
        if (ch == -1)
            return '#';
        if (ch == ' ')
            continue;
        if (ch == 0xC2 && r->pos < r->n && (unsigned char)r->s[r->pos] == 0xA0) {
            r->pos++;
            continue;
        }
        return ch;
    }
}

struct span {
    size_t start, len;
};

/* Reads an argument list after '('. Returns true when the closing ')' was
 * found; spans index into r->s. */
static bool parse_params(struct reader *r, struct span **out, size_t *n_out)
{
    struct span *spans = NULL;
    size_t n = 0, cap = 0;
    size_t start = r->pos;
    int prev = ' ', fn_depth = 0, paren_depth = 0, ch;
    bool closed = false;
#define PUSH_SPAN(end_pos)                                                 \
    do {                                                                   \
        if (n == cap) {                                                    \
            cap = cap ? cap * 2 : 4;                                       \
            spans = xrealloc(spans, cap * sizeof *spans);                  \
        }                                                                  \
        spans[n].start = start;                                            \
        spans[n].len = (end_pos) - start;                                  \
        n++;                                                               \
    } while (0)
    while ((ch = rd_get(r)) != -1) {
        if (ch == '\\') {
            rd_get(r);   /* the escaped character stays in the argument */
            prev = ' ';
        } else if (ch == ',' && fn_depth == 0) {
            PUSH_SPAN(r->pos - 1);
            start = r->pos;
        } else if (ch == ')' && fn_depth == 0 && paren_depth == 0) {
            if (!(n == 0 && r->pos - 1 == start))
                PUSH_SPAN(r->pos - 1);
            closed = true;
            break;
        } else if (ch == '{' && prev == '$') {
            prev = ch;
            fn_depth++;
        } else if (ch == '}' && fn_depth > 0) {
            prev = ch;
            fn_depth--;
        } else if (ch == ')' && fn_depth == 0 && paren_depth > 0) {
            prev = ch;
            paren_depth--;
        } else if (ch == '(' && fn_depth == 0) {
            prev = ch;
            paren_depth++;
        } else {
            prev = ch;
        }
    }
#undef PUSH_SPAN
    *out = spans;
    *n_out = n;
    return closed;
}

/* Builds a call part: compiles arguments, checks the count, runs the hook. */
static void make_call(struct compiler *c, struct partvec *v, const struct expr_function *fn,
                      const char *src, const struct span *spans, size_t n_args, const char *raw,
                      size_t raw_len)
{
    struct tmpl_part p = {0};
    p.kind = TMPL_CALL;
    p.fn = fn;
    p.text = fn->name;
    p.text_len = strlen(fn->name);
    p.raw = arena_strndup(c->arena, raw, raw_len);
    p.occurrence = expr_next_occurrence();
    p.n_args = n_args;
    if (n_args) {
        p.args = arena_alloc(c->arena, n_args * sizeof *p.args);
        c->depth++;
        for (size_t i = 0; i < n_args && !c->failed; i++)
            p.args[i] = compile_string(c, src + spans[i].start, spans[i].len, false);
        c->depth--;
    }
    if (c->failed)
        return;
    if ((int)n_args < fn->min_args || (fn->max_args >= 0 && (int)n_args > fn->max_args)) {
        if (fn->max_args < 0)
            fail(c, "%s called with %zu arguments, it needs at least %d", fn->name, n_args,
                 fn->min_args);
        else if (fn->min_args == fn->max_args)
            fail(c, "%s called with %zu arguments, it takes %d", fn->name, n_args, fn->min_args);
        else
            fail(c, "%s called with %zu arguments, it takes %d to %d", fn->name, n_args,
                 fn->min_args, fn->max_args);
        return;
    }
    push_part(v, &p);
    if (fn->compile)
        fn->compile(&v->items[v->len - 1], c->arena, c->diags, c->file, c->line);
}

/* Reads what follows "${" (dollar is the offset of '$' in r->s). */
static void make_function(struct compiler *c, struct reader *r, struct partvec *v, size_t dollar)
{
    struct strbuf name;
    strbuf_init(&name);
    int prev = ' ', ch;
    while ((ch = rd_get(r)) != -1) {
        if (ch == '\\') {
            int next = rd_get(r);
            prev = ' ';
            strbuf_addc(&name, (char)(next == -1 ? '\\' : next));
        } else if (ch == '(' && prev != ' ') {
            const char *t = name.s;
            size_t tn = name.len;
            expr_java_trim_bounds(&t, &tn);
            char *fname = xstrndup(t, tn);
            const struct expr_function *fn = expr_function_find(fname);
            if (fn) {
                struct span *spans;
                size_t n_args;
                bool closed = parse_params(r, &spans, &n_args);
                if (!closed || first_non_space(r) != '}') {
                    fail(c, "expected } after %s function call", fname);
                } else {
                    make_call(c, v, fn, r->s, spans, n_args, r->s + dollar, r->pos - dollar);
                }
                free(spans);
                free(fname);
                strbuf_free(&name);
                return;
            }
            /* only the first "(" names a function; later ones are part of the literal */
            if (c->diags && tn > 2 && t[0] == '_' && t[1] == '_' && !memchr(name.s, '(', name.len))
                diag_add(c->diags, DIAG_WARNING, c->file, c->line,
                         "unknown function %s: left as literal text, as JMeter does", fname);
            free(fname);
            strbuf_addc(&name, '(');   /* not a function: part of a variable name */
        } else if (ch == '}') {
            const struct expr_function *fn = expr_function_find(name.s);
            if (fn) {
                make_call(c, v, fn, r->s, NULL, 0, r->s + dollar, r->pos - dollar);
            } else {
                struct tmpl_part p = {0};
                p.kind = TMPL_VAR;
                p.text = arena_strndup(c->arena, name.s, name.len);
                p.text_len = name.len;
                p.raw = arena_printf(c->arena, "${%s}", name.s);
                push_part(v, &p);
            }
            strbuf_free(&name);
            return;
        } else {
            strbuf_addc(&name, (char)ch);
            prev = ch;
        }
    }
    /* unterminated: the text after "${" becomes plain text */
    push_text(c, v, name.s, name.len);
    strbuf_free(&name);
}

static struct tmpl *finish(struct compiler *c, const char *s, size_t n, struct partvec *v, bool top)
{
    struct tmpl *t = arena_alloc(c->arena, sizeof *t);
    t->source = arena_strndup(c->arena, s, n);
    if (top && (n == 0 || (v->len == 1 && v->items[0].kind == TMPL_TEXT))) {
        /* JMeter keeps a string without references exactly as written */
        t->is_literal = true;
        if (n) {
            t->parts = arena_alloc(c->arena, sizeof *t->parts);
            t->parts[0].kind = TMPL_TEXT;
            t->parts[0].text = t->source;
            t->parts[0].text_len = n;
            t->n_parts = 1;
        }
        free(v->items);
        return t;
    }
    if (v->len) {
        t->parts = arena_alloc(c->arena, v->len * sizeof *t->parts);
        memcpy(t->parts, v->items, v->len * sizeof *t->parts);
        t->n_parts = v->len;
    }
    t->is_literal = n == 0 || (t->n_parts == 1 && t->parts[0].kind == TMPL_TEXT &&
                               t->parts[0].text_len == n && memcmp(t->parts[0].text, s, n) == 0);
    free(v->items);
    return t;
}

static struct tmpl *compile_string(struct compiler *c, const char *s, size_t n, bool top)
{
    struct partvec v = {0};
    if (c->depth > MAX_COMPILE_DEPTH) {
        fail(c, "references nested more than %d deep", MAX_COMPILE_DEPTH);
        return finish(c, s, n, &v, top);
    }
    struct reader r = {s, n, 0};
    struct strbuf buf;
    strbuf_init(&buf);
    int prev = ' ', ch;
    while ((ch = rd_get(&r)) != -1 && !c->failed) {
        if (ch == '\\') {
            int next = rd_get(&r);
            if (next == -1)
                next = '\\';
            if (next != '$' && next != ',' && next != '\\')
                strbuf_addc(&buf, '\\');
            strbuf_addc(&buf, (char)next);
            prev = ' ';
        } else if (ch == '{' && prev == '$') {
            buf.len--;
            buf.s[buf.len] = '\0';
            if (buf.len)
                push_text(c, &v, buf.s, buf.len);
            strbuf_reset(&buf);
            make_function(c, &r, &v, r.pos - 2);
            prev = ' ';
        } else {
            strbuf_addc(&buf, (char)ch);
            prev = ch;
        }
    }
    if (buf.len && !c->failed)
        push_text(c, &v, buf.s, buf.len);
    strbuf_free(&buf);
    return finish(c, s, n, &v, top);
}

static struct tmpl *compile_top(struct arena *arena, const char *src, struct diag_list *diags,
                                const char *file, int line)
{
    struct compiler c = {arena, diags, file, line, false, 0};
    size_t n = strlen(src);
    struct tmpl *t = compile_string(&c, src, n, true);
    if (c.failed) {
        /* JMeter rejects the string: it is used as written */
        t->is_literal = true;
        t->n_parts = 0;
        t->parts = NULL;
        if (n) {
            t->parts = arena_alloc(arena, sizeof *t->parts);
            t->parts[0].kind = TMPL_TEXT;
            t->parts[0].text = t->source;
            t->parts[0].text_len = n;
            t->n_parts = 1;
        }
    }
    return t;
}

struct tmpl *tmpl_compile(struct arena *arena, const char *src, struct diag_list *diags,
                          const char *file, int line)
{
    if (!src)
        src = "";
    struct arena *own = NULL;
    if (!arena)
        arena = own = arena_new();
    struct tmpl *t = compile_top(arena, src, diags, file, line);
    t->own_arena = own;
    return t;
}

void tmpl_free(struct tmpl *t)
{
    if (t && t->own_arena)
        arena_free(t->own_arena);
}

struct tmpl *tmpl_compile_runtime(const char *src)
{
    struct arena *arena = arena_new();
    struct compiler c = {arena, NULL, NULL, 0, false, 0};
    struct tmpl *t = compile_string(&c, src, strlen(src), false);
    if (c.failed) {
        arena_free(arena);
        return NULL;
    }
    t->own_arena = arena;
    return t;
}

bool tmpl_uses_function(const struct tmpl *t, const char *fn_name)
{
    if (!t)
        return false;
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct tmpl_part *p = &t->parts[i];
        if (p->kind != TMPL_CALL)
            continue;
        if (str_eq(p->fn->name, fn_name))
            return true;
        for (size_t a = 0; a < p->n_args; a++)
            if (tmpl_uses_function(p->args[a], fn_name))
                return true;
    }
    return false;
}

bool tmpl_props_only(const struct tmpl *t)
{
    if (!t || t->is_literal)
        return true;
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct tmpl_part *p = &t->parts[i];
        if (p->kind == TMPL_TEXT)
            continue;
        if (p->kind != TMPL_CALL)
            return false;   /* a variable: it belongs to the user and may change */
        /* __P(name[,default]) and __property(name) only read; __property with a
         * variable name also sets that variable, every other function may depend
         * on the user, the moment or a counter */
        bool reads_prop = str_eq(p->fn->name, "__P") ||
                          (str_eq(p->fn->name, "__property") && p->n_args == 1);
        if (!reads_prop)
            return false;
        for (size_t a = 0; a < p->n_args; a++)
            if (!tmpl_props_only(p->args[a]))
                return false;
    }
    return true;
}
