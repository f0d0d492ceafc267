/* jsonpath_compile.c - reading a JSONPath text into tokens exactly as Jayway 2.8.0's
 * PathCompiler does, so that odd texts mean what they mean to JMeter and broken ones fail
 * with the same message ("Could not parse token starting at position 4. Expected ?, ',
 * 0-9, * ", "Path must not end with a '.' or '..'", ...): dot and bracket properties,
 * indexes and slices, wildcards, deep scans, filters (compiled by jsonpath_filter.c),
 * placeholders and functions with their arguments. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

#define MAX_NESTING 200         /* paths and parentheses inside filters inside paths... */
#define MAX_TOKENS 1000         /* tokens in one path (each is a level of recursion) */


static struct jp_token *new_token(struct jp_compiler *c, enum jp_token_kind kind)
{
    struct jp_token *t = jp_compiler_alloc(c, sizeof *t);
    t->kind = kind;
    return t;
}

struct builder {
    struct jp_compiler *c;
    struct jp_ci x;
    struct jp_token *root, *tail;
};

static void append(struct builder *b, struct jp_token *t)
{
    b->tail->next = t;
    t->prev = b->tail;
    b->tail = t;
}

static bool read_next_token(struct builder *b);
static struct jp_path *read_context_path(struct builder *b);

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Integer.parseInt, with its exception. */
static bool parse_int(const char *s, int32_t *out)
{
    size_t i = 0, n = strlen(s);
    bool neg = false;
    if (n && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return false;
    int64_t v = 0;
    for (; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
        if (v > 0x80000000LL)
            return false;
    }
    if (neg)
        v = -v;
    if (v > 0x7fffffffLL)
        return false;
    *out = (int32_t)v;
    return true;
}

static int32_t parse_int_or_throw(struct jp_compiler *c, const char *s)
{
    int32_t v;
    if (!parse_int(s, &v))
        jp_compiler_throw(c, JP_EXC_OTHER, "java.lang.NumberFormatException",
                          "For input string: \"%s\"", s);
    return v;
}

/* ---- [1], [1,2, n] ---- */

static void array_index_op(struct builder *b, const char *op)
{
    for (const char *p = op; *p; p++)
        if (!is_digit(*p) && *p != ',' && *p != ' ' && *p != '-')
            jp_ci_fail(&b->x, "Failed to parse ArrayIndexOperation: %s", op);
    struct jp_token *t = new_token(b->c, JP_T_INDEX);
    size_t n = 1;
    for (const char *p = op; *p; p++)
        n += *p == ',';
    t->indexes = jp_compiler_alloc(b->c, n * sizeof *t->indexes);
    const char *p = op;
    for (size_t k = 0; k < n; k++) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        const char *a = p, *z = end;
        if (k > 0)
            while (a < z && *a == ' ')
                a++;
        if (comma)
            while (z > a && z[-1] == ' ')
                z--;
        char *token = arena_strndup(b->c->arena, a, (size_t)(z - a));
        if (!parse_int(token, &t->indexes[k]))
            jp_ci_fail(&b->x, "Failed to parse token in ArrayIndexOperation: %s", token);
        p = comma ? comma + 1 : end;
    }
    t->n_indexes = n;
    append(b, t);
}

/* ---- [1:], [1:2], [:2] ---- */

static void array_slice_op(struct builder *b, const char *op)
{
    for (const char *p = op; *p; p++)
        if (!is_digit(*p) && *p != '-' && *p != ':')
            jp_ci_fail(&b->x, "Failed to parse SliceOperation: %s", op);
    size_t n;
    char **parts = jp_java_split(op, ':', &n);
    struct jp_token *t = new_token(b->c, JP_T_SLICE);
    char *from = n > 0 ? arena_strdup(b->c->arena, parts[0]) : NULL;
    char *to = n > 1 ? arena_strdup(b->c->arena, parts[1]) : NULL;
    jp_split_free(parts, n);
    if (from && *from) {
        t->has_from = true;
        t->from = parse_int_or_throw(b->c, from);
    }
    if (to && *to) {
        t->has_to = true;
        t->to = parse_int_or_throw(b->c, to);
    }
    if (!t->has_from && !t->has_to)
        jp_ci_fail(&b->x, "Failed to parse SliceOperation: %s", op);
    append(b, t);
}

static bool read_array_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    if (!jp_ci_cur_is(x, '['))
        return false;
    char c = jp_ci_next_significant(x, x->pos);
    if (!is_digit(c) && c != '-' && c != ':')
        return false;
    int begin = x->pos + 1;
    int end = jp_ci_next_index_of(x, begin, ']');
    if (end == -1)
        return false;
    char *raw = jp_ci_sub(x, begin, end);
    char *expr = jp_java_trim(raw, strlen(raw), NULL);
    char *op = arena_strdup(b->c->arena, expr);
    free(expr);
    if (strcmp(op, "*") == 0)
        return false;
    for (const char *p = op; *p; p++)
        if (!is_digit(*p) && *p != ',' && *p != '-' && *p != ':' && *p != ' ')
            return false;
    if (strchr(op, ':'))
        array_slice_op(b, op);
    else
        array_index_op(b, op);
    x->pos = end + 1;
    return jp_ci_is_tail(x) || read_next_token(b);
}

/* ---- ['foo'], ['a','b'] ---- */

static bool read_bracket_property_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    if (!jp_ci_cur_is(x, '['))
        return false;
    char delim = jp_ci_next_significant(x, x->pos);
    if (delim != '\'' && delim != '"')
        return false;
    struct jp_alist names = {0};
    int start = x->pos + 1, i = start, end_pos = 0;
    bool in_prop = false, in_esc = false, last_comma = false;
    while (jp_ci_in_bounds(x, i)) {
        char c = jp_ci_at(x, i);
        if (in_esc) {
            in_esc = false;
        } else if (c == '\\') {
            in_esc = true;
        } else if (c == ']' && !in_prop) {
            if (last_comma) {
                jp_ci_fail(x, "Found empty property at index %d", jp_u16_pos(x->s, i));
            }
            break;
        } else if (c == delim) {
            if (in_prop) {
                char n = jp_ci_next_significant(x, i);
                if (n != ']' && n != ',') {
                        jp_ci_fail(x, "Property must be separated by comma or Property must be terminated "
                            "close square bracket at index %d", jp_u16_pos(x->s, i));
                }
                end_pos = i;
                char *raw = jp_ci_sub(x, start, end_pos);
                struct strbuf u;
                strbuf_init(&u);
                char *err = NULL;
                if (!jp_unescape(raw, strlen(raw), &u, &err)) {
                    char *m = arena_strdup(b->c->arena, err);
                    free(err);
                    strbuf_free(&u);
                        jp_compiler_throw(b->c, JP_EXC_JSONPATH, NULL, "%s", m);
                }
                struct jp_name *name = jp_compiler_alloc(b->c, sizeof *name);
                name->s = arena_strndup(b->c->arena, u.s, u.len);
                name->len = u.len;
                strbuf_free(&u);
                jp_alist_push(b->c, &names, name);
                in_prop = false;
            } else {
                start = i + 1;
                in_prop = true;
                last_comma = false;
            }
        } else if (c == ',' && !in_prop) {
            if (last_comma) {
                jp_ci_fail(x, "Found empty property at index %d", jp_u16_pos(x->s, i));
            }
            last_comma = true;
        }
        i++;
    }
    if (in_prop) {
        jp_ci_fail(x, "Property has not been closed - missing closing %c", delim);
    }
    struct jp_token *t = new_token(b->c, JP_T_PROPERTY);
    t->delim = delim;
    t->n_names = names.len;
    t->names = jp_compiler_alloc(b->c, (names.len + 1) * sizeof *t->names);
    for (size_t k = 0; k < names.len; k++)
        t->names[k] = *(struct jp_name *)names.items[k];
    int close = jp_ci_next_significant_index(x, end_pos, ']');
    x->pos = close + 1;
    if (t->n_names == 0)
        jp_ci_fail(x, "Empty properties");
    append(b, t);
    return jp_ci_is_tail(x) || read_next_token(b);
}

/* ---- [*] and * ---- */

static bool read_wildcard_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    bool in_bracket = jp_ci_cur_is(x, '[');
    if (in_bracket && !jp_ci_next_significant_is(x, x->pos, '*'))
        return false;
    if (!jp_ci_cur_is(x, '*') && !jp_ci_in_bounds(x, x->pos + 1))
        return false;
    if (in_bracket) {
        int star = jp_ci_next_significant_index(x, x->pos, '*');
        if (!jp_ci_next_significant_is(x, star, ']'))
            jp_ci_fail(x, "Expected wildcard token to end with ']' on position %d",
                 jp_u16_pos(x->s, star + 1));
        int close = jp_ci_next_significant_index(x, star, ']');
        x->pos = close + 1;
    } else {
        x->pos++;
    }
    append(b, new_token(b->c, JP_T_WILDCARD));
    return jp_ci_is_tail(x) || read_next_token(b);
}

/* ---- [?(...)] ---- */

static bool read_filter_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    if (!jp_ci_cur_is(x, '[') && !jp_ci_next_significant_is(x, x->pos, '?'))
        return false;
    int open_statement = x->pos;
    int question = jp_ci_next_significant_index(x, x->pos, '?');
    if (question == -1)
        return false;
    int open_paren = jp_ci_next_significant_index(x, question, '(');
    if (open_paren == -1)
        return false;
    int close_paren = jp_ci_matching_close(x, open_paren, '(', ')', true, true);
    if (close_paren == -1)
        return false;
    if (!jp_ci_next_significant_is(x, close_paren, ']'))
        return false;
    int close_statement = jp_ci_next_significant_index(x, close_paren, ']');
    struct jp_expr *e = jp_compile_filter(b->c, x->s + open_statement,
                                          (size_t)(close_statement + 1 - open_statement));
    struct jp_token *t = new_token(b->c, JP_T_PREDICATE);
    t->filters = jp_compiler_alloc(b->c, sizeof *t->filters);
    t->filters[0] = e;
    t->n_filters = 1;
    append(b, t);
    x->pos = close_statement + 1;
    return jp_ci_is_tail(x) || read_next_token(b);
}

/* ---- [?], [?,?]: placeholders for Filter objects, of which JMeter passes none ---- */

static bool read_placeholder_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    if (!jp_ci_cur_is(x, '['))
        return false;
    int question = jp_ci_next_significant_index(x, x->pos, '?');
    if (question == -1)
        return false;
    char n = jp_ci_next_significant(x, question);
    if (n != ']' && n != ',')
        return false;
    int begin = x->pos + 1;
    int end = jp_ci_next_index_of(x, begin, ']');
    if (end == -1)
        return false;
    char *expr = jp_ci_sub(x, begin, end);
    jp_ci_fail(x, "Not enough predicates supplied for filter [%s] at position %d", expr,
         jp_u16_pos(x->s, x->pos));
}

/* ---- function arguments: JSON text or paths, split at top-level commas ---- */

static void add_param(struct builder *b, struct jp_alist *params, bool is_path, const char *text)
{
    struct jp_param *p = jp_compiler_alloc(b->c, sizeof *p);
    p->is_path = is_path;
    if (is_path) {
        struct builder sub_b = {b->c, {b->c, text, (int)strlen(text), 0, (int)strlen(text) - 1},
                                NULL, NULL};
        p->path = read_context_path(&sub_b);
    } else {
        p->json = text;
        char *err = NULL;
        p->doc = jp_doc_parse(text, strlen(text), &err);
        if (p->doc)
            jp_compiler_keep_doc(b->c, p->doc);
        else
            p->doc_error = arena_strdup(b->c->arena, err ? err : "");
        free(err);
    }
    jp_alist_push(b->c, params, p);
}

static void parse_function_params(struct builder *b, const char *name, struct jp_alist *params)
{
    struct jp_ci *x = &b->x;
    int type = 0;             /* 0 unknown, 1 JSON, 2 path */
    int paren = 1, bracket = 0, brace = 0, quote = 0;
    bool end = false;
    char prior = 0;
    struct jp_abuf param = {0};
    while (jp_ci_in_bounds(x, x->pos) && !end) {
        char c = jp_ci_cur(x);
        x->pos++;
        if (type == 0) {
            if (is_ws(c))
                continue;
            if (c == '{' || is_digit(c) || c == '"' || c == '-')
                type = 1;
            else if (c == '$' || c == '@')
                type = 2;
        }
        bool close_or_comma = false;
        switch (c) {
        case '"':
            if (prior != '\\' && quote > 0)
                quote--;
            else
                quote++;
            break;
        case '(': paren++; break;
        case '{': brace++; break;
        case '[': bracket++; break;
        case '}':
            if (brace == 0) {
                jp_ci_fail(x, "Unexpected close brace '}' at character position: %d", jp_u16_pos(x->s, x->pos));
            }
            brace--;
            break;
        case ']':
            if (bracket == 0) {
                jp_ci_fail(x, "Unexpected close bracket ']' at character position: %d", jp_u16_pos(x->s, x->pos));
            }
            bracket--;
            break;
        case ')':
            paren--;
            if (paren < 0 || prior == '(')
                jp_abuf_addc(b->c, &param, c);
            close_or_comma = true;
            break;
        case ',':
            close_or_comma = true;
            break;
        default:
            break;
        }
        if (close_or_comma && quote == 0 && brace == 0 && bracket == 0 &&
            ((paren == 0 && c == ')') || paren == 1)) {
            end = paren == 0;
            if (type != 0) {
                char *text = arena_strndup(b->c->arena, param.s ? param.s : "", param.len);
                param.len = 0;
                add_param(b, params, type == 2, text);
                type = 0;
            }
        }
        if (type != 0 && !(c == ',' && brace == 0 && bracket == 0 && paren == 1))
            jp_abuf_addc(b->c, &param, c);
        prior = c;
    }
    if (brace != 0 || paren != 0 || bracket != 0)
        jp_ci_fail(x, "Arguments to function: '%s' are not closed properly.", name);
}

/* ---- fooBar or fooBar() ---- */

static bool read_property_or_function_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    if (jp_ci_cur_is(x, '[') || jp_ci_cur_is(x, '*') || jp_ci_cur_is(x, '.') || jp_ci_cur_is(x, ' '))
        return false;
    int start = x->pos, i = start, end = 0;
    bool function = false;
    while (jp_ci_in_bounds(x, i)) {
        char c = jp_ci_at(x, i);
        if (c == ' ')
            jp_ci_fail(x, "Use bracket notion ['my prop'] if your property contains blank characters. "
                    "position: %d", jp_u16_pos(x->s, x->pos));
        if (c == '.' || c == '[') {
            end = i;
            break;
        }
        if (c == '(') {
            function = true;
            end = i;
            break;
        }
        i++;
    }
    if (end == 0)
        end = x->end + 1;
    struct jp_alist params = {0};
    bool has_params = false;
    if (function) {
        int count = 1;
        for (int k = i + 1; k < x->end + 1; k++) {
            if (jp_ci_at(x, k) == ')')
                count--;
            else if (jp_ci_at(x, k) == '(')
                count++;
            if (count == 0)
                break;
        }
        if (count != 0)
            jp_ci_fail(x, "Arguments to function: '%s' are not closed properly.", jp_ci_sub(x, start, end));
        if (jp_ci_in_bounds(x, i + 1)) {
            if (jp_ci_at(x, i + 1) != ')') {
                x->pos = end + 1;
                parse_function_params(b, jp_ci_sub(x, start, end), &params);
                has_params = true;
            } else {
                x->pos = i + 1;
            }
        } else {
            x->pos = i;
        }
    } else {
        x->pos = end;
    }
    char *name = jp_ci_sub(x, start, end);
    struct jp_token *t;
    if (function) {
        t = new_token(b->c, JP_T_FUNCTION);
        t->fn_name = name;
        t->fn_args_shown = has_params && params.len > 0;
        t->n_params = params.len;
        t->params = jp_compiler_alloc(b->c, (params.len + 1) * sizeof *t->params);
        for (size_t k = 0; k < params.len; k++)
            t->params[k] = *(struct jp_param *)params.items[k];
    } else {
        t = new_token(b->c, JP_T_PROPERTY);
        t->delim = '\'';
        t->names = jp_compiler_alloc(b->c, sizeof *t->names);
        t->names[0] = (struct jp_name){name, strlen(name)};
        t->n_names = 1;
    }
    append(b, t);
    return jp_ci_is_tail(x) || read_next_token(b);
}

/* ---- . and .. ---- */

static bool read_dot_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    if (jp_ci_cur_is(x, '.') && jp_ci_next_is(x, '.')) {
        append(b, new_token(b->c, JP_T_SCAN));
        x->pos += 2;
    } else if (!jp_ci_has_more(x)) {
        jp_ci_fail(x, "Path must not end with a '.");
    } else {
        x->pos++;
    }
    if (jp_ci_cur_is(x, '.'))
        jp_ci_fail(x, "Character '.' on position %d is not valid.", jp_u16_pos(x->s, x->pos));
    return read_next_token(b);
}

static bool read_next_token(struct builder *b)
{
    struct jp_ci *x = &b->x;
    if (++b->c->tokens > MAX_TOKENS)
        jp_ci_fail(x, "Path is too long");
    switch (jp_ci_cur(x)) {
    case '[':
        if (!read_bracket_property_token(b) && !read_array_token(b) && !read_wildcard_token(b) &&
            !read_filter_token(b) && !read_placeholder_token(b))
            jp_ci_fail(x, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ",
                 jp_u16_pos(x->s, x->pos));
        break;
    case '.':
        read_dot_token(b);
        break;
    case '*':
        if (!read_wildcard_token(b))
            jp_ci_fail(x, "Could not parse token starting at position %d", jp_u16_pos(x->s, x->pos));
        break;
    default:
        if (!read_property_or_function_token(b))
            jp_ci_fail(x, "Could not parse token starting at position %d", jp_u16_pos(x->s, x->pos));
        break;
    }
    b->c->tokens--;
    return true;
}

/* PathCompiler.readContextToken on a builder whose scanner is set up. */
static struct jp_path *read_context_path(struct builder *b)
{
    struct jp_ci *x = &b->x;
    while (jp_ci_in_bounds(x, x->pos) && is_ws(jp_ci_cur(x)))
        x->pos++;
    if (jp_ci_cur(x) != '$' && jp_ci_cur(x) != '@')
        jp_ci_fail(x, "Path must start with '$' or '@'");
    struct jp_token *root = new_token(b->c, JP_T_ROOT);
    root->root = jp_ci_cur(x);
    b->root = b->tail = root;
    if (!jp_ci_is_tail(x)) {
        x->pos++;
        if (jp_ci_cur(x) != '.' && jp_ci_cur(x) != '[')
            jp_ci_fail(x, "Illegal character at position %d expected '.' or '['", jp_u16_pos(x->s, x->pos));
        read_next_token(b);
    }
    struct jp_path *p = jp_compiler_alloc(b->c, sizeof *p);
    p->root = root;
    p->tail = b->tail;
    p->root_path = root->root == '$';
    return jp_path_finish(b->c, p);
}

struct compile_arg {
    const char *text;
    size_t len;
    struct jp_path *result;
};

static void compile_body(struct jp_compiler *c, void *argp)
{
    struct compile_arg *arg = argp;
    const char *s = arena_strndup(c->arena, arg->text, arg->len);
    struct builder b = {c, {c, s, (int)arg->len, 0, (int)arg->len - 1}, NULL, NULL};
    jp_ci_trim(&b.x);
    if (jp_ci_at(&b.x, 0) != '$' && jp_ci_at(&b.x, 0) != '@') {
        char *prefixed = arena_printf(c->arena, "$.%s", s);
        int n = (int)strlen(prefixed);
        b.x = (struct jp_ci){c, prefixed, n, 0, n - 1};
        jp_ci_trim(&b.x);
    }
    if (jp_ci_at(&b.x, b.x.end) == '.')
        jp_ci_fail(&b.x, "Path must not end with a '.' or '..'");
    arg->result = read_context_path(&b);
}

struct jp_path *jp_compile_path(struct jp_compiler *c, const char *text, size_t len)
{
    if (++c->depth > MAX_NESTING)
        jp_compiler_throw(c, JP_EXC_INVALID_PATH, NULL, "Path is too deeply nested");
    struct compile_arg arg = {text, len, NULL};
    enum jp_exc kind;
    const char *cls, *message;
    if (!jp_compiler_try(c, compile_body, &arg, &kind, &cls, &message)) {
        if (kind == JP_EXC_INVALID_PATH || kind == JP_EXC_PATH_NOT_FOUND)
            jp_compiler_throw(c, kind, cls, "%s", message);
        /* new InvalidPathException(e): the message is e.toString() */
        if (cls)
            jp_compiler_throw(c, JP_EXC_INVALID_PATH, NULL, "%s: %s", cls, message);
        jp_compiler_throw(c, JP_EXC_INVALID_PATH, NULL, "com.jayway.jsonpath.JsonPathException: %s",
                          message);
    }
    c->depth--;
    return arg.result;
}

