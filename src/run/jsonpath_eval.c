/* jsonpath_eval.c - walking a document along a compiled path, token by token, as Jayway
 * 2.8.0's PathToken classes do. Each token receives the current value and either adds it
 * to the results (when it is the last token) or hands what it selects to the next one.
 *
 * Jayway's behaviour is kept where it surprises:
 *   - a missing property is silently skipped, except after a definite start when more
 *     tokens follow ("Missing property in path $['a']");
 *   - a step that needs an object or an array and meets something else fails only when
 *     everything before it was definite; otherwise it selects nothing;
 *   - [from:to] only counts a negative 'to' from the end in [:to]; [from:to] with a
 *     negative 'from' visits from..to-1 counting negative indexes from the end;
 *   - a deep scan (..) followed by an index, slice, wildcard or filter and more tokens
 *     applies those tokens to each element of the arrays it meets, skipping the selector,
 *     and a last property then only keeps results whose element index matches the text
 *     of the token before it (so "$..[0].name" works and "$..[*].name" finds nothing);
 *     the element index is remembered per token for the rest of the read, as Jayway keeps
 *     it in the token object. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

struct ctx {                 /* EvaluationContextImpl */
    const struct jp_path *path;
    json_t *root;
    bool require;            /* Option.REQUIRE_PROPERTIES */
    struct jp_values *out;
    struct jp_session *s;
};

static bool eval_token(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c);

void jp_values_push(struct jp_values *v, json_t *value)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = xrealloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->n++] = value;
}

void jp_values_free(struct jp_values *v)
{
    for (size_t i = 0; i < v->n; i++)
        json_decref(v->items[i]);
    free(v->items);
    v->items = NULL;
    v->n = v->cap = 0;
}

static bool add_result(struct ctx *c, json_t *value)
{
    jp_values_push(c->out, json_incref(value));
    return true;
}

static void cut(struct strbuf *sb, size_t len)
{
    sb->len = len;
    sb->s[len] = '\0';
}

/* PathToken.toString: this token's fragment and those after it. */
static void token_string(const struct jp_token *t, struct strbuf *out)
{
    for (; t; t = t->next)
        jp_token_fragment(t, out);
}

static void java_text(struct ctx *c, const json_t *v, struct strbuf *out)
{
    size_t n;
    const struct jp_doc *const *docs = jp_session_docs(c->s, &n);
    jp_render_java(v, docs, n, out);
}

/* ---- objects ---- */

static bool property_leaf_wanted(const struct jp_token *t, struct ctx *c)
{
    int up = jp_session_upstream(c->s, t);
    if (up == -1)
        return true;
    char idx[24];
    snprintf(idx, sizeof idx, "[%d]", up);
    return strcmp(idx, c->path->tail_prev_fragment) == 0;
}

static bool object_property(const struct jp_token *t, struct strbuf *cur, json_t *model,
                            const struct jp_name *names, size_t n, struct ctx *c)
{
    size_t mark = cur->len;
    bool ok = true;
    if (n == 1) {
        strbuf_adds(cur, "['");
        strbuf_addn(cur, names[0].s, names[0].len);
        strbuf_adds(cur, "']");
        json_t *v = json_object_getn(model, names[0].s, names[0].len);
        if (!v) {
            if (!t->next) {
                if (c->require)
                    ok = jp_throw(c->s, JP_EXC_PATH_NOT_FOUND, NULL, "No results for path: %s", cur->s);
            } else if ((t->upstream_definite && jp_token_definite(t)) || c->require) {
                ok = jp_throw(c->s, JP_EXC_PATH_NOT_FOUND, NULL, "Missing property in path %s", cur->s);
            }
        } else if (!t->next) {
            if (property_leaf_wanted(t, c))
                add_result(c, v);
        } else {
            ok = eval_token(t->next, cur, v, c);
        }
        cut(cur, mark);
        return ok;
    }
    strbuf_addc(cur, '[');
    for (size_t i = 0; i < n; i++) {
        strbuf_adds(cur, i ? ", '" : "'");
        strbuf_addn(cur, names[i].s, names[i].len);
        strbuf_addc(cur, '\'');
    }
    strbuf_addc(cur, ']');
    json_t *merged = json_object();
    for (size_t i = 0; i < n && ok; i++) {
        json_t *v = json_object_getn(model, names[i].s, names[i].len);
        if (v)
            json_object_setn(merged, names[i].s, names[i].len, v);
        else if (c->require)
            ok = jp_throw(c->s, JP_EXC_PATH_NOT_FOUND, NULL, "Missing property in path %s", cur->s);
    }
    if (ok)
        add_result(c, merged);
    json_decref(merged);
    cut(cur, mark);
    return ok;
}

static bool eval_property(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c)
{
    if (!json_is_object(model)) {
        if (!t->upstream_definite)
            return true;
        struct strbuf frag;
        strbuf_init(&frag);
        jp_token_fragment(t, &frag);
        size_t n;
        const struct jp_doc *const *docs = jp_session_docs(c->s, &n);
        jp_throw(c->s, JP_EXC_PATH_NOT_FOUND, NULL,
                 "Expected to find an object with property %s in path %s but found '%s'. This is "
                 "not a json object according to the JsonProvider: "
                 "'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
                 frag.s, cur->s, jp_java_class(model, docs, n));
        strbuf_free(&frag);
        return false;
    }
    if (t->n_names == 1 || !t->next)
        return object_property(t, cur, model, t->names, t->n_names, c);
    for (size_t i = 0; i < t->n_names; i++)
        if (!object_property(t, cur, model, &t->names[i], 1, c))
            return false;
    return true;
}

/* ---- arrays ---- */

static bool array_index(const struct jp_token *t, int64_t index, struct strbuf *cur, json_t *model,
                        struct ctx *c)
{
    size_t mark = cur->len;
    strbuf_addf(cur, "[%lld]", (long long)index);
    int64_t len = (int64_t)json_array_size(model);
    int64_t eff = index < 0 ? len + index : index;
    bool ok = true;
    if (eff >= 0 && eff < len) {
        json_t *hit = json_array_get(model, (size_t)eff);
        if (!t->next) {
            add_result(c, hit);
        } else {
            ok = eval_token(t->next, cur, hit, c);
            if (!ok && jp_exception(c->s) == JP_EXC_INDEX) {   /* Jayway catches those here */
                jp_clear_exception(c->s);
                ok = true;
            }
        }
    }
    cut(cur, mark);
    return ok;
}

/* 1: go on, 0: skip silently, -1: exception */
static int check_array_model(const struct jp_token *t, struct strbuf *cur, json_t *model,
                             struct ctx *c)
{
    if (json_is_null(model)) {
        if (!t->upstream_definite)
            return 0;
        jp_throw(c->s, JP_EXC_PATH_NOT_FOUND, NULL, "The path %s is null", cur->s);
        return -1;
    }
    if (!json_is_array(model)) {
        if (!t->upstream_definite)
            return 0;
        struct strbuf ts, ms;
        strbuf_init(&ts);
        strbuf_init(&ms);
        token_string(t, &ts);
        java_text(c, model, &ms);
        jp_throw(c->s, JP_EXC_PATH_NOT_FOUND, NULL,
                 "Filter: %s can only be applied to arrays. Current context is: %s", ts.s, ms.s);
        strbuf_free(&ts);
        strbuf_free(&ms);
        return -1;
    }
    return 1;
}

static bool eval_index(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c)
{
    int r = check_array_model(t, cur, model, c);
    if (r <= 0)
        return r == 0;
    for (size_t i = 0; i < t->n_indexes; i++)
        if (!array_index(t, t->indexes[i], cur, model, c))
            return false;
    return true;
}

static bool eval_slice(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c)
{
    int r = check_array_model(t, cur, model, c);
    if (r <= 0)
        return r == 0;
    int64_t len = (int64_t)json_array_size(model), from, to;
    if (t->has_from && !t->has_to) {                  /* [from:] */
        from = t->from < 0 ? len + t->from : t->from;
        if (from < 0)
            from = 0;
        to = len;
        if (len == 0 || from >= len)
            return true;
    } else if (t->has_from) {                         /* [from:to] */
        from = t->from;
        to = t->to < len ? t->to : len;
        if (from >= to || len == 0)
            return true;
        if (from < -len)
            from = -len;       /* indexes below -len select nothing */
    } else {                                          /* [:to] */
        if (len == 0)
            return true;
        to = t->to < 0 ? len + t->to : t->to;
        if (to > len)
            to = len;
        from = 0;
    }
    for (int64_t i = from; i < to; i++)
        if (!array_index(t, i, cur, model, c))
            return false;
    return true;
}

/* ---- wildcard ---- */

static bool eval_wildcard(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c)
{
    if (json_is_object(model)) {
        void *it = json_object_iter(model);
        while (it) {
            struct jp_name name = {json_object_iter_key(it), json_object_iter_key_len(it)};
            it = json_object_iter_next(model, it);
            if (!object_property(t, cur, model, &name, 1, c))
                return false;
        }
    } else if (json_is_array(model)) {
        for (size_t i = 0; i < json_array_size(model); i++) {
            if (!array_index(t, (int64_t)i, cur, model, c)) {
                if (jp_exception(c->s) != JP_EXC_PATH_NOT_FOUND || c->require)
                    return false;
                jp_clear_exception(c->s);
            }
        }
    }
    return true;
}

/* ---- filters ---- */

/* PredicatePathToken.accept: 1 yes, 0 no, -1 exception */
static int accept(const struct jp_token *t, json_t *item, struct ctx *c)
{
    for (size_t i = 0; i < t->n_filters; i++) {
        int r = jp_filter_apply(t->filters[i], item, c->root, c->s);
        if (r < 0) {
            enum jp_exc e = jp_exception(c->s);
            if (e == JP_EXC_INVALID_PATH || e == JP_EXC_PATH_NOT_FOUND) {
                jp_clear_exception(c->s);
                return 0;
            }
            return -1;
        }
        if (r == 0)
            return 0;
    }
    return 1;
}

static bool eval_predicate(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c)
{
    if (json_is_object(model)) {
        int r = accept(t, model, c);
        if (r < 0)
            return false;
        if (r == 0)
            return true;
        return t->next ? eval_token(t->next, cur, model, c) : add_result(c, model);
    }
    if (json_is_array(model)) {
        for (size_t i = 0; i < json_array_size(model); i++) {
            int r = accept(t, json_array_get(model, i), c);
            if (r < 0 || (r > 0 && !array_index(t, (int64_t)i, cur, model, c)))
                return false;
        }
        return true;
    }
    if (!t->upstream_definite)
        return true;
    struct strbuf ts, ms;
    strbuf_init(&ts);
    strbuf_init(&ms);
    token_string(t, &ts);
    if (json_is_string(model))
        strbuf_addn(&ms, json_string_value(model), json_string_length(model));
    else
        java_text(c, model, &ms);
    jp_throw(c->s, JP_EXC_INVALID_PATH, NULL,
             "Filter: %s can not be applied to primitives. Current context is: %s", ts.s, ms.s);
    strbuf_free(&ts);
    strbuf_free(&ms);
    return false;
}

/* ---- deep scan ---- */

/* Whether the token after ".." applies to this value; -1 on exception. */
static int scan_matches(const struct jp_token *pt, json_t *model, struct ctx *c)
{
    switch (pt->kind) {
    case JP_T_PROPERTY:
        if (!json_is_object(model))
            return 0;
        if (!jp_token_definite(pt))
            return 1;
        for (size_t i = 0; i < pt->n_names; i++)
            if (!json_object_getn(model, pt->names[i].s, pt->names[i].len))
                return 0;
        return 1;
    case JP_T_INDEX: case JP_T_SLICE:
        return json_is_array(model);
    case JP_T_WILDCARD:
        return 1;
    case JP_T_PREDICATE:
        return accept(pt, model, c);
    default:
        return 0;
    }
}

static bool walk(const struct jp_token *pt, struct strbuf *cur, json_t *model, struct ctx *c)
{
    if (!jp_work(c->s))
        return false;
    size_t mark = cur->len;
    if (json_is_object(model)) {
        int m = scan_matches(pt, model, c);
        if (m < 0 || (m > 0 && !eval_token(pt, cur, model, c)))
            return false;
        void *it = json_object_iter(model);
        while (it) {
            json_t *v = json_object_iter_value(it);
            strbuf_adds(cur, "['");
            strbuf_addn(cur, json_object_iter_key(it), json_object_iter_key_len(it));
            strbuf_adds(cur, "']");
            it = json_object_iter_next(model, it);
            bool ok = walk(pt, cur, v, c);
            cut(cur, mark);
            if (!ok)
                return false;
        }
    } else if (json_is_array(model)) {
        int m = scan_matches(pt, model, c);
        if (m < 0)
            return false;
        size_t n = json_array_size(model);
        if (m > 0 && !pt->next) {
            if (!eval_token(pt, cur, model, c))
                return false;
        } else if (m > 0) {
            for (size_t i = 0; i < n; i++) {
                strbuf_addf(cur, "[%zu]", i);
                jp_session_set_upstream(c->s, pt->next, (int)i);
                bool ok = eval_token(pt->next, cur, json_array_get(model, i), c);
                cut(cur, mark);
                if (!ok)
                    return false;
            }
        }
        for (size_t i = 0; i < n; i++) {
            strbuf_addf(cur, "[%zu]", i);
            bool ok = walk(pt, cur, json_array_get(model, i), c);
            cut(cur, mark);
            if (!ok)
                return false;
        }
    }
    return true;
}

/* ---- functions ---- */

static bool eval_function(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c)
{
    json_t *result = jp_function_invoke(t, model, c->root, c->s);
    if (!result)
        return false;
    add_result(c, result);
    bool ok = !t->next || eval_token(t->next, cur, result, c);
    json_decref(result);
    return ok;
}

/* ---- dispatch ---- */

static bool eval_token(const struct jp_token *t, struct strbuf *cur, json_t *model, struct ctx *c)
{
    if (!jp_work(c->s))
        return false;
    switch (t->kind) {
    case JP_T_ROOT: {
        if (!t->next)
            return add_result(c, model);
        struct strbuf here;
        strbuf_init(&here);
        strbuf_addc(&here, t->root);
        bool ok = eval_token(t->next, &here, model, c);
        strbuf_free(&here);
        return ok;
    }
    case JP_T_PROPERTY: return eval_property(t, cur, model, c);
    case JP_T_INDEX: return eval_index(t, cur, model, c);
    case JP_T_SLICE: return eval_slice(t, cur, model, c);
    case JP_T_WILDCARD: return eval_wildcard(t, cur, model, c);
    case JP_T_SCAN:
        if (!t->next)           /* "$..fn()" left the scan without a token after it */
            return jp_throw(c->s, JP_EXC_OTHER, "java.lang.IllegalStateException",
                            "Current path token is a leaf");
        return walk(t->next, cur, model, c);
    case JP_T_PREDICATE: return eval_predicate(t, cur, model, c);
    case JP_T_FUNCTION: return eval_function(t, cur, model, c);
    }
    return true;
}

bool jp_evaluate(const struct jp_path *p, json_t *document, json_t *root, bool require_properties,
                 struct jp_session *s, struct jp_values *out)
{
    if (!root || json_is_null(root))
        return jp_throw(s, JP_EXC_OTHER, "java.lang.IllegalArgumentException", "root can not be null");
    struct ctx c = {p, root, require_properties, out, s};
    struct strbuf cur;
    strbuf_init(&cur);
    bool ok = eval_token(p->root, &cur, document, &c);
    strbuf_free(&cur);
    return ok;
}

json_t *jp_evaluate_value(const struct jp_path *p, json_t *document, json_t *root,
                          bool require_properties, struct jp_session *s)
{
    struct jp_values v = {0};
    json_t *result = NULL;
    if (jp_evaluate(p, document, root, require_properties, s, &v)) {
        if (!p->definite) {
            result = json_array();
            for (size_t i = 0; i < v.n; i++)
                json_array_append(result, v.items[i]);
        } else if (v.n) {
            result = json_incref(v.items[v.n - 1]);
        } else {
            struct strbuf text;
            strbuf_init(&text);
            token_string(p->root, &text);
            jp_throw(s, JP_EXC_PATH_NOT_FOUND, NULL, "No results for path: %s", text.s);
            strbuf_free(&text);
        }
    }
    jp_values_free(&v);
    return result;
}
