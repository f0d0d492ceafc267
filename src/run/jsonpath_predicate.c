/* jsonpath_predicate.c - deciding a filter for one item, as Jayway 2.8.0's
 * RelationalExpressionNode and its evaluators do.
 *
 * Both sides are first turned into values: a path is evaluated (@ on the item, $ on the
 * document) and its result becomes a number, string, boolean, null or JSON value, or
 * "undefined" when nothing was found; an existence test becomes true or false. Then:
 *   - == compares numbers as BigDecimals, and a number equals a string holding the same
 *     decimal text; JSON values compare as Java collections; undefined equals nothing;
 *   - < <= > >= compare two numbers or two strings (UTF-16 order), else are false;
 *   - =~ matches a string, number or boolean (or any element of an array) in full;
 *   - in, nin, subsetof, anyof, noneof want JSON arrays; size and empty work on strings
 *     and arrays; contains on a string or an array;
 *   - all, matches and type can not be satisfied from a filter's text (Jayway throws,
 *     which rejects the item).
 * A side Jayway can not read throws: an InvalidPathException rejects the item, any other
 * exception ends the whole read. */
#include <stdlib.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "jmx2run/jsonpath.h"
#include "jmx2run/postprocess.h"

#define MATCH_LIMIT 10000000u   /* Java has none; a runaway pattern counts as no match */

static void node_clear(struct jp_node *n)
{
    free(n->owned_str);
    json_decref(n->owned_json);
    memset(n, 0, sizeof *n);
}

static bool throw_invalid(struct jp_session *s, const char *what)
{
    return jp_throw(s, JP_EXC_INVALID_PATH, NULL, "Expected %s node", what);
}

/* A document number as Jayway's NumberNode: new BigDecimal(value.toString()). */
static bool number_node(struct jp_session *s, const json_t *v, struct jp_node *out)
{
    size_t n;
    const struct jp_doc *const *docs = jp_session_docs(s, &n);
    struct strbuf text;
    strbuf_init(&text);
    jp_java_number(v, docs, n, &text);
    out->kind = JP_N_NUMBER;
    bool ok = jp_decimal_parse(text.s, text.len, &out->num);
    strbuf_free(&text);
    if (!ok)
        return jp_throw(s, JP_EXC_OTHER, "java.lang.NumberFormatException", "Character N is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.");
    out->owned_str = out->num.digits;
    return true;
}

/* ---- evaluating the sides ---- */

static bool eval_side(const struct jp_node *n, json_t *item, json_t *root, struct jp_session *s,
                      struct jp_node *out)
{
    memset(out, 0, sizeof *out);
    if (n->kind != JP_N_PATH) {
        *out = *n;
        out->owned_str = NULL;
        out->owned_json = NULL;
        return true;
    }
    if (n->exists_check) {
        struct jp_values v = {0};
        bool ok = jp_evaluate(n->path, item, root, true, s, &v);
        out->kind = JP_N_BOOL;
        out->b = ok && !(n->path->definite && v.n == 0);
        jp_values_free(&v);
        if (!ok) {
            if (jp_exception(s) != JP_EXC_PATH_NOT_FOUND)
                return false;
            jp_clear_exception(s);
        }
        return true;
    }
    json_t *v;
    if (n->path->root_path) {
        v = jp_session_cached(s, n->path);
        if (!v) {
            v = jp_evaluate_value(n->path, root, root, false, s);
            if (v)
                jp_session_cache(s, n->path, v);
        }
    } else {
        v = jp_evaluate_value(n->path, item, root, false, s);
    }
    if (!v) {
        if (jp_exception(s) != JP_EXC_PATH_NOT_FOUND)
            return false;
        jp_clear_exception(s);
        out->kind = JP_N_UNDEFINED;
        return true;
    }
    bool ok = true;
    switch (json_typeof(v)) {
    case JSON_INTEGER: case JSON_REAL:
        ok = number_node(s, v, out);
        break;
    case JSON_STRING:
        out->kind = JP_N_STRING;
        out->owned_str = xstrndup(json_string_value(v), json_string_length(v));
        out->str = out->owned_str;
        out->len = json_string_length(v);
        break;
    case JSON_TRUE: case JSON_FALSE:
        out->kind = JP_N_BOOL;
        out->b = json_is_true(v);
        break;
    case JSON_NULL:
        out->kind = JP_N_NULL;
        break;
    default:
        out->kind = JP_N_JSON;
        out->parsed = true;
        out->json = v;
        out->owned_json = json_incref(v);
        break;
    }
    json_decref(v);
    return ok;
}

/* JsonNode.parse: the value of a JSON node, or an exception for a literal that does not
 * parse (IllegalArgumentException around json-smart's ParseException). */
static json_t *node_json(const struct jp_node *n, struct jp_session *s)
{
    if (n->json)
        return n->json;
    jp_throw(s, JP_EXC_OTHER, "java.lang.IllegalArgumentException", "%s",
             n->json_error ? n->json_error : "");
    return NULL;
}

/* ---- ValueNode.equals ---- */

static bool number_equals_text(const struct jp_decimal *d, const char *s, size_t len)
{
    struct jp_decimal t;
    if (!jp_decimal_parse(s, len, &t))
        return false;
    bool eq = jp_decimal_compare(d, &t) == 0;
    jp_decimal_free(&t);
    return eq;
}

static bool text_equals_number(const char *s, size_t len, const struct jp_decimal *d)
{
    struct strbuf t;
    strbuf_init(&t);
    jp_decimal_to_string(d, &t);
    bool eq = t.len == len && memcmp(t.s, s, len) == 0;
    strbuf_free(&t);
    return eq;
}

static bool node_equals(const struct jp_node *a, const struct jp_node *b, struct jp_session *s)
{
    switch (a->kind) {
    case JP_N_STRING:
        if (b->kind == JP_N_STRING)
            return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
        if (b->kind == JP_N_NUMBER)
            return text_equals_number(a->str, a->len, &b->num);
        return false;
    case JP_N_NUMBER:
        if (b->kind == JP_N_NUMBER)
            return jp_decimal_compare(&a->num, &b->num) == 0;
        if (b->kind == JP_N_STRING)
            return number_equals_text(&a->num, b->str, b->len);
        return false;
    case JP_N_BOOL:
        return b->kind == JP_N_BOOL && a->b == b->b;
    case JP_N_NULL:
        return b->kind == JP_N_NULL;
    case JP_N_JSON: {
        if (b->kind != JP_N_JSON || a->parsed != b->parsed)
            return false;
        if (!a->parsed)
            return a->json_text_len == b->json_text_len &&
                   memcmp(a->json_text, b->json_text, a->json_text_len) == 0;
        size_t n;
        const struct jp_doc *const *docs = jp_session_docs(s, &n);
        return jp_java_equals(a->json, b->json, docs, n);
    }
    default:
        return a == b;
    }
}

/* ---- value lists: the elements of a JSON array as ValueNodes ---- */

struct list {
    struct jp_node *items;
    size_t n;
};

static void list_free(struct list *l)
{
    for (size_t i = 0; i < l->n; i++)
        node_clear(&l->items[i]);
    free(l->items);
}

static bool compiles_as_path(const char *s, size_t len)
{
    char *text = xstrndup(s, len);
    char *err = NULL;
    struct jsonpath *p = jsonpath_compile(text, &err);
    free(text);
    free(err);
    jsonpath_free(p);
    return p != NULL;
}

/* ValueNode.toValueNode for one element; false with an exception. */
static bool to_value_node(const json_t *o, struct jp_session *s, struct jp_node *out)
{
    memset(out, 0, sizeof *out);
    switch (json_typeof(o)) {
    case JSON_NULL:
        out->kind = JP_N_NULL;
        return true;
    case JSON_TRUE: case JSON_FALSE:
        out->kind = JP_N_BOOL;
        out->b = json_is_true(o);
        return true;
    case JSON_INTEGER: case JSON_REAL:
        return number_node(s, o, out);
    case JSON_STRING: break;
    default:
        return jp_throw(s, JP_EXC_JSONPATH, NULL, "Could not determine value type");
    }
    const char *str = json_string_value(o);
    size_t len = json_string_length(o), tlen;
    char *t = jp_java_trim(str, len, &tlen);
    bool path = tlen > 0 && (t[0] == '@' || t[0] == '$') && compiles_as_path(t, tlen);
    bool json = false;
    if (!path && tlen > 1 && ((t[0] == '[' && t[tlen - 1] == ']') || (t[0] == '{' && t[tlen - 1] == '}'))) {
        struct jp_doc *d = jp_doc_parse(t, tlen, NULL);
        json = d != NULL;
        jp_doc_free(d);
    }
    free(t);
    if (path) {
        out->kind = JP_N_PATH_TEXT;
        return true;
    }
    if (json) {
        out->kind = JP_N_JSON;
        out->owned_str = xstrndup(str, len);
        out->json_text = out->owned_str;
        out->json_text_len = len;
        return true;
    }
    /* new StringNode(o, true): quotes around it are removed, escapes resolved */
    if (len > 1 && (str[0] == '\'' || str[0] == '"') && str[len - 1] == str[0]) {
        str++;
        len -= 2;
    }
    struct strbuf u;
    strbuf_init(&u);
    char *err = NULL;
    if (!jp_unescape(str, len, &u, &err)) {
        jp_throw(s, JP_EXC_JSONPATH, NULL, "%s", err);
        free(err);
        strbuf_free(&u);
        return false;
    }
    out->kind = JP_N_STRING;
    out->len = u.len;
    out->owned_str = strbuf_detach(&u);
    out->str = out->owned_str;
    return true;
}

/* JsonNode.asValueListNode: 1 a list, 0 not an array (UNDEFINED), -1 exception. */
static int value_list(const struct jp_node *n, struct jp_session *s, struct list *out)
{
    memset(out, 0, sizeof *out);
    json_t *j = node_json(n, s);
    if (!j)
        return -1;
    if (!json_is_array(j))
        return 0;
    size_t count = json_array_size(j);
    out->items = xcalloc(count ? count : 1, sizeof *out->items);
    for (size_t i = 0; i < count; i++) {
        if (!to_value_node(json_array_get(j, i), s, &out->items[i])) {
            out->n = i;
            list_free(out);
            return -1;
        }
    }
    out->n = count;
    return 1;
}

/* ---- regular expressions ---- */

static void input_text(const struct jp_node *n, struct strbuf *out)
{
    if (n->kind == JP_N_STRING)
        strbuf_addn(out, n->str, n->len);
    else if (n->kind == JP_N_NUMBER)
        jp_decimal_to_string(&n->num, out);
    else if (n->kind == JP_N_BOOL)
        strbuf_adds(out, n->b ? "true" : "false");
}

static bool full_match(const struct jp_node *pattern, const struct jp_node *subject)
{
    struct strbuf in;
    strbuf_init(&in);
    input_text(subject, &in);
    pcre2_code *re = pattern->regex;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, MATCH_LIMIT);
    int rc = pcre2_match(re, (PCRE2_SPTR)in.s, in.len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, md, mc);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    strbuf_free(&in);
    return rc >= 0;
}

/* 1/0, -1 exception */
static int regex_matches(const struct jp_node *l, const struct jp_node *r, struct jp_session *s)
{
    if ((l->kind == JP_N_PATTERN) == (r->kind == JP_N_PATTERN))
        return 0;
    const struct jp_node *pattern = l->kind == JP_N_PATTERN ? l : r;
    const struct jp_node *other = l->kind == JP_N_PATTERN ? r : l;
    if (other->kind == JP_N_JSON) {
        json_t *j = node_json(other, s);
        if (!j)
            return -1;
        if (json_is_array(j)) {
            struct list list;
            if (value_list(other, s, &list) < 0)
                return -1;
            bool any = false;
            for (size_t i = 0; i < list.n && !any; i++)
                any = full_match(pattern, &list.items[i]);
            list_free(&list);
            return any;
        }
    }
    return full_match(pattern, other);
}

/* ---- the evaluators ---- */

static int equals(const struct jp_node *l, const struct jp_node *r, struct jp_session *s)
{
    if (l->kind == JP_N_JSON && r->kind == JP_N_JSON) {
        if (l == r)
            return 1;
        json_t *rj = node_json(r, s);
        if (!rj)
            return -1;
        if (!l->parsed)
            return 0;           /* a literal's text never equals a parsed value */
        size_t n;
        const struct jp_doc *const *docs = jp_session_docs(s, &n);
        return jp_java_equals(l->json, rj, docs, n);
    }
    return node_equals(l, r, s);
}

static int compare(const struct jp_node *l, const struct jp_node *r, enum jp_op op)
{
    int c;
    if (l->kind == JP_N_NUMBER && r->kind == JP_N_NUMBER)
        c = jp_decimal_compare(&l->num, &r->num);
    else if (l->kind == JP_N_STRING && r->kind == JP_N_STRING)
        c = jp_java_string_compare(l->str, l->len, r->str, r->len);
    else
        return 0;
    switch (op) {
    case JP_OP_LT: return c < 0;
    case JP_OP_LTE: return c <= 0;
    case JP_OP_GT: return c > 0;
    default: return c >= 0;
    }
}

static int size_is(const struct jp_node *l, const struct jp_node *r, struct jp_session *s)
{
    if (r->kind != JP_N_NUMBER)
        return 0;
    int32_t expected = jp_decimal_int_value(&r->num);
    if (l->kind == JP_N_STRING)
        return (int64_t)java_length(l->str, l->len) == expected;
    if (l->kind == JP_N_JSON) {
        json_t *j = node_json(l, s);
        if (!j)
            return -1;
        return (json_is_array(j) ? (int64_t)json_array_size(j) : -1) == expected;
    }
    return 0;
}

static int is_empty(const struct jp_node *l, const struct jp_node *r, struct jp_session *s)
{
    if (r->kind != JP_N_BOOL)
        return throw_invalid(s, "boolean") ? 0 : -1;
    if (l->kind == JP_N_STRING)
        return (l->len == 0) == r->b;
    if (l->kind == JP_N_JSON) {
        json_t *j = node_json(l, s);
        if (!j)
            return -1;
        if (json_is_object(j))          /* Jayway casts the map to a Collection */
            return jp_throw(s, JP_EXC_OTHER, "java.lang.ClassCastException",
                            "class %s cannot be cast to class java.util.Collection (%s)",
                            l->parsed ? "java.util.LinkedHashMap" : "net.minidev.json.JSONObject",
                            l->parsed ? "java.util.LinkedHashMap and java.util.Collection are in "
                                        "module java.base of loader 'bootstrap'"
                                      : "net.minidev.json.JSONObject is in unnamed module of loader "
                                        "'app'; java.util.Collection is in module java.base of "
                                        "loader 'bootstrap'") ? 0 : -1;
        bool empty = json_is_array(j) ? json_array_size(j) == 0
                   : json_is_string(j) ? json_string_length(j) == 0 : true;
        return empty == r->b;
    }
    return 0;
}

/* The list of a side for in/subsetof/anyof/noneof: 1 ok, 0 not a list (false), -1. */
static int side_list(const struct jp_node *n, struct jp_session *s, struct list *out)
{
    if (n->kind != JP_N_JSON) {
        memset(out, 0, sizeof *out);
        return throw_invalid(s, "value list") ? 0 : -1;
    }
    return value_list(n, s, out);
}

static bool list_has(const struct list *l, const struct jp_node *v, bool v_first, struct jp_session *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (v_first ? node_equals(v, &l->items[i], s) : node_equals(&l->items[i], v, s))
            return true;
    return false;
}

static int in(const struct jp_node *l, const struct jp_node *r, struct jp_session *s)
{
    struct list list;
    int k = side_list(r, s, &list);
    if (k <= 0)
        return k;
    bool found = list_has(&list, l, true, s);
    list_free(&list);
    return found;
}

static int contains(const struct jp_node *l, const struct jp_node *r, struct jp_session *s)
{
    if (l->kind == JP_N_STRING && r->kind == JP_N_STRING)
        return memmem(l->str, l->len, r->str, r->len) != NULL;
    if (l->kind != JP_N_JSON)
        return 0;
    struct list list;
    int k = value_list(l, s, &list);
    if (k <= 0)
        return k;
    bool found = list_has(&list, r, true, s);
    list_free(&list);
    return found;
}

/* subsetof (mode 0), anyof (1), noneof (2) */
static int sets(const struct jp_node *l, const struct jp_node *r, int mode, struct jp_session *s)
{
    struct list rl, ll;
    int k = side_list(r, s, &rl);
    if (k <= 0)
        return k;
    k = side_list(l, s, &ll);
    if (k <= 0) {
        list_free(&rl);
        return k;
    }
    int result;
    if (mode == 0) {
        result = 1;
        for (size_t i = 0; i < ll.n && result; i++)
            result = list_has(&rl, &ll.items[i], true, s);
    } else {
        bool any = false;
        for (size_t i = 0; i < ll.n && !any; i++)
            any = list_has(&rl, &ll.items[i], true, s);
        result = mode == 1 ? any : !any;
    }
    list_free(&rl);
    list_free(&ll);
    return result;
}

static int evaluate(enum jp_op op, const struct jp_node *l, const struct jp_node *r,
                    struct jp_session *s)
{
    int k;
    switch (op) {
    case JP_OP_EXISTS:
        return l->b == r->b;
    case JP_OP_EQ:
        return equals(l, r, s);
    case JP_OP_NE:
        k = equals(l, r, s);
        return k < 0 ? -1 : !k;
    case JP_OP_TSEQ:
        return l->kind == r->kind ? equals(l, r, s) : 0;
    case JP_OP_TSNE:
        k = l->kind == r->kind ? equals(l, r, s) : 0;
        return k < 0 ? -1 : !k;
    case JP_OP_LT: case JP_OP_LTE: case JP_OP_GT: case JP_OP_GTE:
        return compare(l, r, op);
    case JP_OP_REGEX:
        return regex_matches(l, r, s);
    case JP_OP_SIZE:
        return size_is(l, r, s);
    case JP_OP_EMPTY:
        return is_empty(l, r, s);
    case JP_OP_IN:
        return in(l, r, s);
    case JP_OP_NIN:
        k = in(l, r, s);
        return k < 0 ? -1 : !k;
    case JP_OP_CONTAINS:
        return contains(l, r, s);
    case JP_OP_SUBSETOF:
        return sets(l, r, 0, s);
    case JP_OP_ANYOF:
        return sets(l, r, 1, s);
    case JP_OP_NONEOF:
        return sets(l, r, 2, s);
    case JP_OP_ALL:
        return throw_invalid(s, "value list") ? 0 : -1;
    case JP_OP_MATCHES:
        return throw_invalid(s, "predicate") ? 0 : -1;
    case JP_OP_TYPE:
        return throw_invalid(s, "class") ? 0 : -1;
    }
    return 0;
}

int jp_filter_apply(const struct jp_expr *e, json_t *item, json_t *root, struct jp_session *s)
{
    if (!jp_work(s))
        return -1;
    int r;
    switch (e->kind) {
    case JP_E_AND:
        for (size_t i = 0; i < e->n_ops; i++)
            if ((r = jp_filter_apply(e->ops[i], item, root, s)) <= 0)
                return r;
        return 1;
    case JP_E_OR:
        for (size_t i = 0; i < e->n_ops; i++)
            if ((r = jp_filter_apply(e->ops[i], item, root, s)) != 0)
                return r;
        return 0;
    case JP_E_NOT:
        r = jp_filter_apply(e->ops[0], item, root, s);
        return r < 0 ? -1 : !r;
    case JP_E_RELATION:
        break;
    }
    struct jp_node l, rn;
    if (!eval_side(e->left, item, root, s, &l))
        return -1;
    if (!eval_side(e->right, item, root, s, &rn)) {
        node_clear(&l);
        return -1;
    }
    r = evaluate(e->op, &l, &rn, s);
    node_clear(&l);
    node_clear(&rn);
    return r;
}
