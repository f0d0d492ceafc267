/* jsonpath_filter.c - compiling "[?(...)]" as Jayway 2.8.0's FilterCompiler does: || over
 * && over operands, ! and parentheses, relations "left op right" where the sides are paths
 * (@... or $..., ! in front asks for absence), strings in ' or ", numbers, true, false,
 * null, JSON arrays and objects, and /regex/flags. A lone path is an existence test. An
 * operator word is read up to the next space and looked up without regard to case
 * (in, nin, subsetof, anyof, noneof, size, empty, contains, ...).
 *
 * Regular expressions are Java's; they are compiled here with PCRE2 (Java's flags d i x m
 * s u U mapped to PCRE2 options) and matched in full, as Matcher.matches does. */
#include <stdlib.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "jmx2run/jsonpath.h"

struct fc {
    struct jp_ci x;
    const char *text;          /* the filter as written, for messages */
};

static struct jp_node *new_node(struct fc *f, enum jp_node_kind kind)
{
    struct jp_node *n = jp_compiler_alloc(f->x.c, sizeof *n);
    n->kind = kind;
    return n;
}

static bool is_rel_char(char c)
{
    return c == '<' || c == '>' || c == '=' || c == '~' || c == '!';
}

static _Noreturn void invalid(struct fc *f, const char *fmt, const char *arg)
{
    jp_compiler_throw(f->x.c, JP_EXC_INVALID_PATH, NULL, fmt, arg);
}

/* Rethrows what a jp_compiler_try caught. */
static _Noreturn void rethrow(struct jp_compiler *c, enum jp_exc kind, const char *cls,
                              const char *message)
{
    jp_compiler_throw(c, kind, cls, "%s", message);
}

static bool is_invalid_path(enum jp_exc kind)
{
    return kind == JP_EXC_INVALID_PATH || kind == JP_EXC_PATH_NOT_FOUND;
}

/* ---- literals ---- */

static struct jp_node *read_string_literal(struct fc *f, char quote)
{
    struct jp_ci *x = &f->x;
    int begin = x->pos;
    int close = jp_ci_next_unescaped(x, x->pos, quote);
    if (close == -1)
        jp_compiler_throw(x->c, JP_EXC_INVALID_PATH, NULL,
                          "String literal does not have matching quotes. Expected %c in %s",
                          quote, f->text);
    x->pos = close + 1;
    const char *lit = x->s + begin + 1;
    size_t len = (size_t)(close - begin - 1);
    struct strbuf u;
    strbuf_init(&u);
    char *err = NULL;
    if (!jp_unescape(lit, len, &u, &err)) {
        char *m = jp_compiler_strndup(x->c, err, strlen(err));
        free(err);
        strbuf_free(&u);
        jp_compiler_throw(x->c, JP_EXC_JSONPATH, NULL, "%s", m);
    }
    struct jp_node *n = new_node(f, JP_N_STRING);
    n->str = jp_compiler_strndup(x->c, u.s, u.len);
    n->len = u.len;
    strbuf_free(&u);
    return n;
}

static bool is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'E' || c == 'e';
}

static struct jp_node *read_number_literal(struct fc *f)
{
    struct jp_ci *x = &f->x;
    int begin = x->pos;
    while (jp_ci_in_bounds(x, x->pos) && is_number_char(jp_ci_at(x, x->pos)))
        x->pos++;
    struct jp_node *n = new_node(f, JP_N_NUMBER);
    if (!jp_decimal_parse(x->s + begin, (size_t)(x->pos - begin), &n->num))
        jp_compiler_throw(x->c, JP_EXC_OTHER, "java.lang.NumberFormatException",
                          "Character array is missing \"exponent\" mark 'e' or 'E'.");
    /* the digits live on the heap: copy them into the arena */
    char *digits = jp_compiler_strndup(x->c, n->num.digits, n->num.n_digits);
    free(n->num.digits);
    n->num.digits = digits;
    return n;
}

static struct jp_node *read_boolean_literal(struct fc *f)
{
    struct jp_ci *x = &f->x;
    int begin = x->pos;
    int end = jp_ci_cur(x) == 't' ? x->pos + 3 : x->pos + 4;
    if (!jp_ci_in_bounds(x, end))
        invalid(f, "%s", "Expected boolean literal");
    char *v = jp_ci_sub(x, begin, end + 1);
    if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
        invalid(f, "%s", "Expected boolean literal");
    x->pos += (int)strlen(v);
    struct jp_node *n = new_node(f, JP_N_BOOL);
    n->b = v[0] == 't';
    return n;
}

static struct jp_node *read_null_literal(struct fc *f)
{
    struct jp_ci *x = &f->x;
    if (jp_ci_cur(x) == 'n' && jp_ci_in_bounds(x, x->pos + 3)) {
        char *v = jp_ci_sub(x, x->pos, x->pos + 4);
        if (strcmp(v, "null") == 0) {
            x->pos += 4;
            return new_node(f, JP_N_NULL);
        }
    }
    invalid(f, "%s", "Expected <null> value");
}

static struct jp_node *read_json_literal(struct fc *f)
{
    struct jp_ci *x = &f->x;
    int begin = x->pos;
    char open = jp_ci_cur(x);
    char close = open == '[' ? ']' : '}';
    int closing = jp_ci_matching_close(x, x->pos, open, close, true, false);
    if (closing == -1)
        jp_compiler_throw(x->c, JP_EXC_INVALID_PATH, NULL,
                          "String not closed. Expected ' in %s", f->text);
    x->pos = closing + 1;
    struct jp_node *n = new_node(f, JP_N_JSON);
    n->json_text = jp_ci_sub(x, begin, x->pos);
    n->json_text_len = (size_t)(x->pos - begin);
    char *err = NULL;
    struct jp_doc *doc = jp_doc_parse(n->json_text, n->json_text_len, &err);
    if (doc) {
        jp_compiler_keep_doc(x->c, doc);
        n->json = jp_doc_root(doc);
    } else {
        n->json_error = jp_compiler_strndup(x->c, err ? err : "", err ? strlen(err) : 0);
    }
    free(err);
    return n;
}

static uint32_t flag_option(char c, bool *unix_lines)
{
    switch (c) {
    case 'd': *unix_lines = true; return 0;
    case 'i': return PCRE2_CASELESS;
    case 'x': return PCRE2_EXTENDED;
    case 'm': return PCRE2_MULTILINE;
    case 's': return PCRE2_DOTALL;
    case 'u': return 0;
    case 'U': return PCRE2_UCP;
    default: return 0;
    }
}

static bool is_flag(char c)
{
    return c && strchr("dixmsuU", c) != NULL;
}

static struct jp_node *read_pattern(struct fc *f)
{
    struct jp_ci *x = &f->x;
    int begin = x->pos;
    int closing = jp_ci_next_unescaped(x, x->pos, '/');
    if (closing == -1)
        jp_compiler_throw(x->c, JP_EXC_INVALID_PATH, NULL,
                          "Pattern not closed. Expected / in %s", f->text);
    if (jp_ci_in_bounds(x, closing + 1)) {
        int end = closing + 1;
        while (jp_ci_in_bounds(x, end) && is_flag(jp_ci_at(x, end)))
            end++;
        closing = end - 1;
    }
    x->pos = closing + 1;
    char *token = jp_ci_sub(x, begin, x->pos);
    char *first = strchr(token, '/'), *last = strrchr(token, '/');
    uint32_t options = PCRE2_UTF;
    bool unix_lines = false;
    for (const char *p = last + 1; *p; p++)
        options |= flag_option(*p, &unix_lines);
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    pcre2_set_newline(cc, unix_lines ? PCRE2_NEWLINE_LF : PCRE2_NEWLINE_ANY);
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)(first + 1), (size_t)(last - first - 1), options,
                                   &err, &off, cc);
    pcre2_compile_context_free(cc);
    if (!re) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(err, msg, sizeof msg);
        jp_compiler_throw(x->c, JP_EXC_OTHER, "java.util.regex.PatternSyntaxException", "%s",
                          (const char *)msg);
    }
    jp_compiler_keep_regex(x->c, re);
    struct jp_node *n = new_node(f, JP_N_PATTERN);
    n->regex = re;
    return n;
}

static struct jp_node *read_literal(struct fc *f)
{
    jp_ci_skip_blanks(&f->x);
    switch (jp_ci_cur(&f->x)) {
    case '\'': return read_string_literal(f, '\'');
    case '"': return read_string_literal(f, '"');
    case 't': case 'f': return read_boolean_literal(f);
    case '-': return read_number_literal(f);
    case 'n': return read_null_literal(f);
    case '{': case '[': return read_json_literal(f);
    case '/': return read_pattern(f);
    default: return read_number_literal(f);
    }
}

/* ---- paths ---- */

static bool closing_function_bracket(struct fc *f, int lower)
{
    struct jp_ci *x = &f->x;
    if (jp_ci_cur(x) != ')')
        return false;
    int i = jp_ci_previous_significant_index(x, x->pos);
    if (i == -1 || jp_ci_at(x, i) != '(')
        return false;
    for (i--; jp_ci_in_bounds(x, i) && i > lower; i--)
        if (jp_ci_at(x, i) == '.')
            return true;
    return false;
}

static struct jp_node *read_path(struct fc *f)
{
    struct jp_ci *x = &f->x;
    char previous = jp_ci_previous_significant(x, x->pos);
    int begin = x->pos;
    x->pos++;
    while (jp_ci_in_bounds(x, x->pos)) {
        if (jp_ci_cur(x) == '[') {
            int close = jp_ci_matching_close(x, x->pos, '[', ']', true, false);
            if (close == -1)
                jp_compiler_throw(x->c, JP_EXC_INVALID_PATH, NULL,
                                  "Square brackets does not match in filter %s", f->text);
            x->pos = close + 1;
        }
        bool fn_close = jp_ci_cur(x) == ')' && closing_function_bracket(f, begin);
        bool logical_close = jp_ci_cur(x) == ')' && !fn_close;
        if (!jp_ci_in_bounds(x, x->pos) || is_rel_char(jp_ci_cur(x)) || jp_ci_cur(x) == ' ' ||
            logical_close)
            break;
        x->pos++;
    }
    struct jp_node *n = new_node(f, JP_N_PATH);
    n->should_exist = previous != '!';
    n->path = jp_compile_path(x->c, x->s + begin, (size_t)(x->pos - begin));
    return n;
}

static struct jp_node *read_value(struct fc *f)
{
    struct jp_ci *x = &f->x;
    jp_ci_skip_blanks(x);
    switch (jp_ci_cur(x)) {
    case '$': case '@':
        return read_path(f);
    case '!':
        x->pos++;
        jp_ci_skip_blanks(x);
        if (jp_ci_cur(x) == '$' || jp_ci_cur(x) == '@')
            return read_path(f);
        invalid(f, "%s", "Unexpected character: !");
    default:
        return read_literal(f);
    }
}

/* ---- operators and expressions ---- */

static const struct {
    const char *text;
    enum jp_op op;
} operators[] = {
    {">=", JP_OP_GTE}, {"<=", JP_OP_LTE}, {"==", JP_OP_EQ}, {"===", JP_OP_TSEQ},
    {"!=", JP_OP_NE}, {"!==", JP_OP_TSNE}, {"<", JP_OP_LT}, {">", JP_OP_GT},
    {"=~", JP_OP_REGEX}, {"NIN", JP_OP_NIN}, {"IN", JP_OP_IN}, {"CONTAINS", JP_OP_CONTAINS},
    {"ALL", JP_OP_ALL}, {"SIZE", JP_OP_SIZE}, {"EXISTS", JP_OP_EXISTS}, {"TYPE", JP_OP_TYPE},
    {"MATCHES", JP_OP_MATCHES}, {"EMPTY", JP_OP_EMPTY}, {"SUBSETOF", JP_OP_SUBSETOF},
    {"ANYOF", JP_OP_ANYOF}, {"NONEOF", JP_OP_NONEOF},
};

static enum jp_op read_relational_operator(struct fc *f)
{
    struct jp_ci *x = &f->x;
    jp_ci_skip_blanks(x);
    int begin = x->pos;
    if (is_rel_char(jp_ci_cur(x))) {
        while (jp_ci_in_bounds(x, x->pos) && is_rel_char(jp_ci_cur(x)))
            x->pos++;
    } else {
        while (jp_ci_in_bounds(x, x->pos) && jp_ci_cur(x) != ' ')
            x->pos++;
    }
    char *word = jp_ci_sub(x, begin, x->pos);
    char upper[16];
    size_t n = strlen(word);
    if (n < sizeof upper) {
        for (size_t i = 0; i <= n; i++)
            upper[i] = (char)(word[i] >= 'a' && word[i] <= 'z' ? word[i] - 32 : word[i]);
        for (size_t i = 0; i < ARRAY_LEN(operators); i++)
            if (strcmp(upper, operators[i].text) == 0)
                return operators[i].op;
    }
    invalid(f, "Filter operator %s is not supported!", word);
}

static struct jp_expr *read_or(struct fc *f);

static struct jp_expr *relation(struct fc *f, struct jp_node *l, enum jp_op op, struct jp_node *r)
{
    struct jp_expr *e = jp_compiler_alloc(f->x.c, sizeof *e);
    e->kind = JP_E_RELATION;
    e->left = l;
    e->op = op;
    e->right = r;
    return e;
}

struct rel_try {
    struct fc *f;
    struct jp_node *left;
    struct jp_expr *result;
};

static void try_relation(struct jp_compiler *c, void *argp)
{
    (void)c;
    struct rel_try *t = argp;
    enum jp_op op = read_relational_operator(t->f);
    struct jp_node *right = read_value(t->f);
    t->result = relation(t->f, t->left, op, right);
}

static struct jp_expr *read_expression(struct fc *f)
{
    struct jp_node *left = read_value(f);
    int savepoint = f->x.pos;
    struct rel_try t = {f, left, NULL};
    enum jp_exc kind;
    const char *cls, *message;
    if (jp_compiler_try(f->x.c, try_relation, &t, &kind, &cls, &message))
        return t.result;
    if (!is_invalid_path(kind))
        rethrow(f->x.c, kind, cls, message);
    f->x.pos = savepoint;
    if (left->kind != JP_N_PATH)
        invalid(f, "%s", "Expected path node");
    struct jp_node *check = new_node(f, JP_N_PATH);
    check->path = left->path;
    check->exists_check = true;
    check->should_exist = left->should_exist;
    struct jp_node *expected = new_node(f, JP_N_BOOL);
    expected->b = left->should_exist;
    return relation(f, check, JP_OP_EXISTS, expected);
}

static struct jp_expr *read_and_operand(struct fc *f)
{
    struct jp_ci *x = &f->x;
    if (++x->c->depth > 200)       /* shared with jp_compile_path's count */
        invalid(f, "%s", "Filter is too deeply nested");
    jp_ci_skip_blanks(x);
    int savepoint = x->pos;
    struct jp_expr *result = NULL;
    if (jp_ci_cur_is(x, '!')) {
        jp_ci_read_significant(x, '!');
        jp_ci_skip_blanks(x);
        char c = jp_ci_cur(x);
        if (c == '$' || c == '@') {
            x->pos = savepoint;
        } else {
            struct jp_expr *op = read_and_operand(f);
            result = jp_compiler_alloc(x->c, sizeof *result);
            result->kind = JP_E_NOT;
            result->ops = jp_compiler_alloc(x->c, sizeof *result->ops);
            result->ops[0] = op;
            result->n_ops = 1;
        }
    }
    if (!result) {
        jp_ci_skip_blanks(x);
        if (jp_ci_cur_is(x, '(')) {
            jp_ci_read_significant(x, '(');
            result = read_or(f);
            jp_ci_read_significant(x, ')');
        } else {
            result = read_expression(f);
        }
    }
    x->c->depth--;
    return result;
}

/* The ptrvec of operands is not in the arena: an exception while reading the next operand
 * would leak it, so the operands are collected in the arena instead. */
struct op_list {
    struct jp_expr **items;
    size_t n, cap;
};

static void op_push(struct fc *f, struct op_list *l, struct jp_expr *e)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        struct jp_expr **items = jp_compiler_alloc(f->x.c, cap * sizeof *items);
        if (l->n)
            memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = e;
}

static struct jp_expr *join(struct fc *f, enum jp_expr_kind kind, struct op_list *l)
{
    if (l->n == 1)
        return l->items[0];
    struct jp_expr *e = jp_compiler_alloc(f->x.c, sizeof *e);
    e->kind = kind;
    e->ops = l->items;
    e->n_ops = l->n;
    return e;
}

static struct jp_expr *read_and(struct fc *f)
{
    struct op_list l = {0};
    op_push(f, &l, read_and_operand(f));
    for (;;) {
        int savepoint = f->x.pos;
        if (!jp_ci_has_significant(&f->x, "&&")) {
            f->x.pos = savepoint;
            break;
        }
        op_push(f, &l, read_and_operand(f));
    }
    return join(f, JP_E_AND, &l);
}

static struct jp_expr *read_or(struct fc *f)
{
    struct op_list l = {0};
    op_push(f, &l, read_and(f));
    for (;;) {
        int savepoint = f->x.pos;
        if (!jp_ci_has_significant(&f->x, "||")) {
            f->x.pos = savepoint;
            break;
        }
        op_push(f, &l, read_and(f));
    }
    return join(f, JP_E_OR, &l);
}

struct whole {
    struct fc *f;
    struct jp_expr *result;
};

static void read_whole(struct jp_compiler *c, void *argp)
{
    (void)c;
    struct whole *w = argp;
    struct jp_ci *x = &w->f->x;
    w->result = read_or(w->f);
    jp_ci_skip_blanks(x);
    if (jp_ci_in_bounds(x, x->pos))
        jp_compiler_throw(x->c, JP_EXC_INVALID_PATH, NULL,
                          "Expected end of filter expression instead of: %s",
                          jp_ci_sub(x, x->pos, x->end + 1));
}

struct jp_expr *jp_compile_filter(struct jp_compiler *c, const char *text, size_t len)
{
    char *s = jp_compiler_strndup(c, text, len);
    struct fc f = {{c, s, (int)len, 0, (int)len - 1}, s};
    struct jp_ci *x = &f.x;
    jp_ci_trim(x);
    if (!jp_ci_cur_is(x, '[') || jp_ci_at(x, x->end) != ']')
        invalid(&f, "Filter must start with '[' and end with ']'. %s", s);
    x->pos++;
    x->end--;
    jp_ci_trim(x);
    if (!jp_ci_cur_is(x, '?'))
        invalid(&f, "Filter must start with '[?' and end with ']'. %s", s);
    x->pos++;
    jp_ci_trim(x);
    if (!jp_ci_cur_is(x, '(') || jp_ci_at(x, x->end) != ')')
        invalid(&f, "Filter must start with '[?(' and end with ')]'. %s", s);
    struct whole w = {&f, NULL};
    enum jp_exc kind;
    const char *cls, *message;
    if (jp_compiler_try(c, read_whole, &w, &kind, &cls, &message))
        return w.result;
    if (is_invalid_path(kind))
        rethrow(c, kind, cls, message);
    char here = jp_ci_cur(x);      /* may itself throw, as in Jayway */
    jp_compiler_throw(c, JP_EXC_INVALID_PATH, NULL,
                      "Failed to parse filter: %s, error on position: %d, char: %c", s,
                      jp_u16_pos(s, x->pos), here);
}
