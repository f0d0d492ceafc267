/* jsonpath_functions.c - the functions a JSONPath may end with, as Jayway 2.8.0 defines
 * them: length()/size() (Integer: elements of an array, members of an object, else null),
 * sum() avg() min() max() stddev() (Double, over the numbers of an array and of the
 * arguments; max() starts from Double.MIN_VALUE, so it is never below 4.9E-324), concat()
 * (the strings of an array, then the arguments as text), first() last() index(n), keys()
 * and append(...).
 *
 * Arguments are JSON text (parsed at each use) or paths (evaluated on the document before
 * the call). length(path) evaluates the path with [*] appended on the current value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

enum fn {
    FN_AVG, FN_STDDEV, FN_SUM, FN_MIN, FN_MAX, FN_CONCAT, FN_LENGTH, FN_APPEND, FN_KEYS,
    FN_FIRST, FN_LAST, FN_INDEX,
};

static const struct {
    const char *name;
    enum fn fn;
} functions[] = {
    {"avg", FN_AVG}, {"stddev", FN_STDDEV}, {"sum", FN_SUM}, {"min", FN_MIN}, {"max", FN_MAX},
    {"concat", FN_CONCAT}, {"length", FN_LENGTH}, {"size", FN_LENGTH}, {"append", FN_APPEND},
    {"keys", FN_KEYS}, {"first", FN_FIRST}, {"last", FN_LAST}, {"index", FN_INDEX},
};

static const char *const empty_array =
    "Aggregation function attempted to calculate value using empty array";

/* The values of the arguments: paths are evaluated now, JSON when it is used. */
struct args {
    const struct jp_token *t;
    json_t **path_values;
};

static bool args_load(struct args *a, const struct jp_token *t, json_t *root, struct jp_session *s)
{
    a->t = t;
    a->path_values = xcalloc(t->n_params + 1, sizeof *a->path_values);
    for (size_t i = 0; i < t->n_params; i++) {
        if (!t->params[i].is_path)
            continue;
        a->path_values[i] = jp_evaluate_value(t->params[i].path, root, root, false, s);
        if (!a->path_values[i])
            return false;
    }
    return true;
}

static void args_free(struct args *a)
{
    for (size_t i = 0; a->path_values && i < a->t->n_params; i++)
        json_decref(a->path_values[i]);
    free(a->path_values);
}

/* Parameter.getValue: a borrowed value, or NULL with an exception. */
static json_t *arg_value(const struct args *a, size_t i, struct jp_session *s)
{
    const struct jp_param *p = &a->t->params[i];
    if (p->is_path)
        return a->path_values[i];
    if (p->doc)
        return jp_doc_root(p->doc);
    jp_throw(s, JP_EXC_JSONPATH, NULL, "%s", p->doc_error ? p->doc_error : "");
    return NULL;
}

/* Parameter.toList(Number.class / String.class): the numbers (or texts) of each argument,
 * of its elements when it is an array. */
static bool args_collect(const struct args *a, bool strings, struct jp_session *s,
                         struct jp_values *out)
{
    for (size_t i = 0; i < a->t->n_params; i++) {
        json_t *v = arg_value(a, i, s);
        if (!v)
            return false;
        size_t n = json_is_array(v) ? json_array_size(v) : 1;
        for (size_t k = 0; k < n; k++) {
            json_t *o = json_is_array(v) ? json_array_get(v, k) : v;
            if (json_is_null(o))
                continue;
            if (!strings) {
                if (json_is_number(o))
                    jp_values_push(out, json_incref(o));
            } else if (json_is_string(o)) {
                jp_values_push(out, json_incref(o));
            } else {
                size_t nd;
                const struct jp_doc *const *docs = jp_session_docs(s, &nd);
                struct strbuf text;
                strbuf_init(&text);
                jp_render_java(o, docs, nd, &text);
                jp_values_push(out, json_stringn(text.s, text.len));
                strbuf_free(&text);
            }
        }
    }
    return true;
}

/* A Double result; jansson holds no NaN or infinity, which stay as their Java text. */
static json_t *double_value(double d)
{
    if (isfinite(d))
        return json_real(d);
    return json_string(isnan(d) ? "NaN" : d < 0 ? "-Infinity" : "Infinity");
}

static json_t *aggregate(enum fn fn, json_t *model, const struct args *a, struct jp_session *s)
{
    struct jp_values nums = {0};
    if (json_is_array(model))
        for (size_t i = 0; i < json_array_size(model); i++)
            if (json_is_number(json_array_get(model, i)))
                jp_values_push(&nums, json_incref(json_array_get(model, i)));
    if (!args_collect(a, false, s, &nums)) {
        jp_values_free(&nums);
        return NULL;
    }
    if (nums.n == 0) {
        jp_values_free(&nums);
        jp_throw(s, JP_EXC_JSONPATH, NULL, "%s", empty_array);
        return NULL;
    }
    double sum = 0, sum_sq = 0, min = 1.7976931348623157e308, max = 4.9e-324;
    for (size_t i = 0; i < nums.n; i++) {
        double v = json_number_value(nums.items[i]);
        sum += v;
        sum_sq += v * v;
        if (min > v)
            min = v;
        if (max < v)
            max = v;
    }
    double count = (double)nums.n, r;
    switch (fn) {
    case FN_AVG: r = sum / count; break;
    case FN_STDDEV: r = sqrt(sum_sq / count - sum * sum / count / count); break;
    case FN_MIN: r = min; break;
    case FN_MAX: r = max; break;
    default: r = sum; break;
    }
    jp_values_free(&nums);
    return double_value(r);
}

static json_t *concat(json_t *model, const struct args *a, struct jp_session *s)
{
    struct strbuf out;
    strbuf_init(&out);
    if (json_is_array(model))
        for (size_t i = 0; i < json_array_size(model); i++) {
            json_t *o = json_array_get(model, i);
            if (json_is_string(o))
                strbuf_addn(&out, json_string_value(o), json_string_length(o));
        }
    struct jp_values texts = {0};
    bool ok = args_collect(a, true, s, &texts);
    for (size_t i = 0; ok && i < texts.n; i++)
        strbuf_addn(&out, json_string_value(texts.items[i]), json_string_length(texts.items[i]));
    jp_values_free(&texts);
    json_t *r = ok ? json_stringn(out.s, out.len) : NULL;
    strbuf_free(&out);
    return r;
}

static json_t *length(json_t *model, const struct args *a, struct jp_session *s)
{
    if (a->t->n_params > 0) {
        const struct jp_param *p = &a->t->params[0];
        if (!p->is_path) {
            jp_throw(s, JP_EXC_OTHER, "java.lang.NullPointerException",
                     "Cannot invoke \"com.jayway.jsonpath.internal.Path.isFunctionPath()\" because "
                     "the return value of \"com.jayway.jsonpath.internal.function.Parameter."
                     "getPath()\" is null");
            return NULL;
        }
        const struct jp_path *path = p->path_wild ? p->path_wild : p->path;
        json_t *inner = jp_evaluate_value(path, model, model, false, s);
        if (!inner)
            return NULL;
        bool array = json_is_array(inner);
        size_t n = array ? json_array_size(inner) : 0;
        json_decref(inner);
        if (array)
            return json_integer((json_int_t)n);
    }
    if (json_is_array(model))
        return json_integer((json_int_t)json_array_size(model));
    if (json_is_object(model))
        return json_integer((json_int_t)json_object_size(model));
    return json_null();
}

/* Number.intValue of an argument. */
static int32_t int_value(const json_t *v, struct jp_session *s)
{
    if (json_is_integer(v))
        return (int32_t)(uint32_t)(uint64_t)json_integer_value(v);
    size_t nd;
    const struct jp_doc *const *docs = jp_session_docs(s, &nd);
    const char *text = jp_doc_number_text(docs, nd, v);
    struct jp_decimal d;
    if (text && jp_decimal_parse(text, strlen(text), &d)) {
        int32_t r = jp_decimal_int_value(&d);
        jp_decimal_free(&d);
        return r;
    }
    double x = json_real_value(v);              /* (int) of a double saturates */
    if (isnan(x))
        return 0;
    if (x >= 2147483647.0)
        return INT32_MAX;
    if (x <= -2147483648.0)
        return INT32_MIN;
    return (int32_t)x;
}

static json_t *sequence(enum fn fn, json_t *model, const struct args *a, struct jp_session *s)
{
    if (!json_is_array(model)) {
        jp_throw(s, JP_EXC_JSONPATH, NULL, "%s", empty_array);
        return NULL;
    }
    int64_t size = (int64_t)json_array_size(model);
    int32_t target = fn == FN_FIRST ? 0 : -1;
    if (fn == FN_INDEX) {
        struct jp_values nums = {0};
        if (!args_collect(a, false, s, &nums)) {
            jp_values_free(&nums);
            return NULL;
        }
        if (nums.n == 0) {
            jp_values_free(&nums);
            jp_throw(s, JP_EXC_INDEX, "java.lang.IndexOutOfBoundsException",
                     "Index 0 out of bounds for length 0");
            return NULL;
        }
        target = int_value(nums.items[0], s);
        jp_values_free(&nums);
    }
    int64_t index = target >= 0 ? target : size + target;
    if (target < 0 && index <= 0) {
        jp_throw(s, JP_EXC_JSONPATH, NULL, "Target index:%d larger than object count:%lld",
                 (int)target, (long long)size);
        return NULL;
    }
    if (index >= size) {
        jp_throw(s, JP_EXC_INDEX, "java.lang.IndexOutOfBoundsException",
                 "Index %lld out of bounds for length %lld", (long long)index, (long long)size);
        return NULL;
    }
    return json_incref(json_array_get(model, (size_t)index));
}

static json_t *keys(json_t *model)
{
    if (!json_is_object(model))
        return json_null();
    json_t *list = json_array();
    void *it = json_object_iter(model);
    for (; it; it = json_object_iter_next(model, it))
        json_array_append_new(list, json_stringn(json_object_iter_key(it), json_object_iter_key_len(it)));
    return list;
}

static json_t *append(json_t *model, const struct args *a, struct jp_session *s)
{
    if (a->t->n_params == 0 || !json_is_array(model))
        return json_incref(model);
    json_t *copy = json_array();             /* Jayway appends to the document itself */
    json_array_extend(copy, model);
    for (size_t i = 0; i < a->t->n_params; i++) {
        json_t *v = arg_value(a, i, s);
        if (!v) {
            json_decref(copy);
            return NULL;
        }
        json_array_append(copy, v);
    }
    return copy;
}

json_t *jp_function_invoke(const struct jp_token *t, json_t *model, json_t *root,
                           struct jp_session *s)
{
    const enum fn *fn = NULL;
    for (size_t i = 0; i < ARRAY_LEN(functions); i++)
        if (strcmp(functions[i].name, t->fn_name) == 0)
            fn = &functions[i].fn;
    if (!fn) {
        jp_throw(s, JP_EXC_INVALID_PATH, NULL, "Function with name: %s does not exist.", t->fn_name);
        return NULL;
    }
    struct args a;
    json_t *r = NULL;
    if (args_load(&a, t, root, s)) {
        switch (*fn) {
        case FN_AVG: case FN_STDDEV: case FN_SUM: case FN_MIN: case FN_MAX:
            r = aggregate(*fn, model, &a, s);
            break;
        case FN_CONCAT: r = concat(model, &a, s); break;
        case FN_LENGTH: r = length(model, &a, s); break;
        case FN_APPEND: r = append(model, &a, s); break;
        case FN_KEYS: r = keys(model); break;
        case FN_FIRST: case FN_LAST: case FN_INDEX: r = sequence(*fn, model, &a, s); break;
        }
    }
    args_free(&a);
    return r;
}
