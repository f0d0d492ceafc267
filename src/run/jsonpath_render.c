/* jsonpath_render.c - how JMeter turns the values JsonPath found into text, and compares
 * them:
 *   - json-smart's JSONValue.toJSONString (style NO_COMPRESS): compact, every string and
 *     key quoted, '"' '\' '/' and controls escaped, U+007F-U+009F and U+2000-U+20FF as
 *     \uXXXX; JMeter prints an object found by a path through new JSONObject(map), a
 *     java.util.HashMap, so that object's own members come in HashMap order;
 *   - Java's toString: a map as {key=value, ...}, a list as its JSON;
 *   - the JSON Extractor's and the JSON Assertion's choices between the two;
 *   - Objects.equals between the Java values (the assertion's equality test). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

static void escape_4web(const char *s, size_t len, struct strbuf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = u[i];
        switch (c) {
        case '"': strbuf_adds(out, "\\\""); continue;
        case '\\': strbuf_adds(out, "\\\\"); continue;
        case '\b': strbuf_adds(out, "\\b"); continue;
        case '\f': strbuf_adds(out, "\\f"); continue;
        case '\n': strbuf_adds(out, "\\n"); continue;
        case '\r': strbuf_adds(out, "\\r"); continue;
        case '\t': strbuf_adds(out, "\\t"); continue;
        case '/': strbuf_adds(out, "\\/"); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            strbuf_addf(out, "\\u%04X", c);
            continue;
        }
        /* U+0080-U+009F: C2 80-9F; U+2000-U+20FF: E2 80-83 xx */
        if (c == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
            strbuf_addf(out, "\\u%04X", u[i + 1]);
            i++;
            continue;
        }
        if (c == 0xE2 && i + 2 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x83) {
            unsigned cp = ((unsigned)(c & 0x0F) << 12) | ((unsigned)(u[i + 1] & 0x3F) << 6) |
                          (u[i + 2] & 0x3Fu);
            strbuf_addf(out, "\\u%04X", cp);
            i += 2;
            continue;
        }
        strbuf_addc(out, (char)c);
    }
}

static void json_value(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                       bool hashmap_order, struct strbuf *out);

static void json_member(const char *key, size_t klen, const json_t *v,
                        const struct jp_doc *const *docs, size_t n_docs, struct strbuf *out)
{
    strbuf_addc(out, '"');
    escape_4web(key, klen, out);
    strbuf_adds(out, "\":");
    json_value(v, docs, n_docs, false, out);
}

static void json_object_text(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                             bool hashmap_order, struct strbuf *out)
{
    size_t n = json_object_size(v);
    const char **keys = xcalloc(n + 1, sizeof *keys);
    size_t *lens = xcalloc(n + 1, sizeof *lens);
    json_t **values = xcalloc(n + 1, sizeof *values);
    size_t *order = xcalloc(n + 1, sizeof *order);
    size_t i = 0;
    for (void *it = json_object_iter((json_t *)v); it && i < n;
         it = json_object_iter_next((json_t *)v, it), i++) {
        keys[i] = json_object_iter_key(it);
        lens[i] = json_object_iter_key_len(it);
        values[i] = json_object_iter_value(it);
        order[i] = i;
    }
    if (hashmap_order)
        jp_java_hashmap_order(keys, lens, n, order);
    strbuf_addc(out, '{');
    for (size_t k = 0; k < n; k++) {
        if (k)
            strbuf_addc(out, ',');
        json_member(keys[order[k]], lens[order[k]], values[order[k]], docs, n_docs, out);
    }
    strbuf_addc(out, '}');
    free(keys);
    free(lens);
    free(values);
    free(order);
}

static void json_value(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                       bool hashmap_order, struct strbuf *out)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        json_object_text(v, docs, n_docs, hashmap_order, out);
        break;
    case JSON_ARRAY:
        strbuf_addc(out, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i)
                strbuf_addc(out, ',');
            json_value(json_array_get(v, i), docs, n_docs, false, out);
        }
        strbuf_addc(out, ']');
        break;
    case JSON_STRING:
        strbuf_addc(out, '"');
        escape_4web(json_string_value(v), json_string_length(v), out);
        strbuf_addc(out, '"');
        break;
    case JSON_INTEGER: case JSON_REAL:
        jp_java_number(v, docs, n_docs, out);
        break;
    case JSON_TRUE: strbuf_adds(out, "true"); break;
    case JSON_FALSE: strbuf_adds(out, "false"); break;
    default: strbuf_adds(out, "null"); break;
    }
}

void jp_render_json(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                    bool hashmap_order, struct strbuf *out)
{
    if (!v) {
        strbuf_adds(out, "null");
        return;
    }
    json_value(v, docs, n_docs, hashmap_order, out);
}

void jp_render_java(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                    struct strbuf *out)
{
    if (!v || json_is_null(v)) {
        strbuf_adds(out, "null");
    } else if (json_is_string(v)) {
        strbuf_addn(out, json_string_value(v), json_string_length(v));
    } else if (json_is_object(v)) {
        strbuf_addc(out, '{');
        size_t i = 0;
        for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
            if (i++)
                strbuf_adds(out, ", ");
            strbuf_addn(out, json_object_iter_key(it), json_object_iter_key_len(it));
            strbuf_addc(out, '=');
            jp_render_java(json_object_iter_value(it), docs, n_docs, out);
        }
        strbuf_addc(out, '}');
    } else {
        json_value(v, docs, n_docs, false, out);
    }
}

bool jp_render_extracted(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                         struct strbuf *out)
{
    if (!v || json_is_null(v))
        return false;
    if (json_is_object(v))
        json_value(v, docs, n_docs, true, out);
    else
        jp_render_java(v, docs, n_docs, out);
    return true;
}

void jp_render_assertion(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                         struct strbuf *out)
{
    if (v && json_is_object(v))
        json_value(v, docs, n_docs, true, out);
    else if (v && json_is_real(v) && !jp_doc_number_text(docs, n_docs, v))
        jp_java_decimal_format(json_real_value(v), out);
    else
        jp_render_java(v, docs, n_docs, out);
}

/* ---- Objects.equals ---- */

/* Double.equals: by value, NaN equal to itself, 0.0 and -0.0 apart. */
static bool doubles_equal(double x, double y)
{
    return (x == y && signbit(x) == signbit(y)) || (isnan(x) && isnan(y));
}

/* Numbers kept with their text compare as BigDecimals; a text no BigDecimal
 * takes (an exponent beyond an int) was a Double in Java. */
static bool decimal_texts_equal(const char *a, const char *b, double da, double db)
{
    struct jp_decimal x, y;
    if (!jp_decimal_parse(a, strlen(a), &x))
        return !jp_decimal_parse(b, strlen(b), &y) ? doubles_equal(da, db)
                                                    : (jp_decimal_free(&y), false);
    if (!jp_decimal_parse(b, strlen(b), &y)) {
        jp_decimal_free(&x);
        return false;
    }
    bool eq = jp_decimal_equals(&x, &y);
    jp_decimal_free(&x);
    jp_decimal_free(&y);
    return eq;
}

bool jp_java_equals(const json_t *a, const json_t *b, const struct jp_doc *const *docs,
                    size_t n_docs)
{
    if (!a || !b)
        return (!a || json_is_null(a)) && (!b || json_is_null(b));
    if (json_typeof(a) != json_typeof(b))
        return false;
    switch (json_typeof(a)) {
    case JSON_OBJECT: {
        if (json_object_size(a) != json_object_size(b))
            return false;
        for (void *it = json_object_iter((json_t *)a); it; it = json_object_iter_next((json_t *)a, it)) {
            json_t *other = json_object_getn(b, json_object_iter_key(it), json_object_iter_key_len(it));
            if (!other || !jp_java_equals(json_object_iter_value(it), other, docs, n_docs))
                return false;
        }
        return true;
    }
    case JSON_ARRAY:
        if (json_array_size(a) != json_array_size(b))
            return false;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!jp_java_equals(json_array_get(a, i), json_array_get(b, i), docs, n_docs))
                return false;
        return true;
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
    case JSON_INTEGER:
        return json_integer_value(a) == json_integer_value(b);
    case JSON_REAL: {
        const char *ta = jp_doc_number_text(docs, n_docs, a);
        const char *tb = jp_doc_number_text(docs, n_docs, b);
        if (ta || tb)
            return ta && tb && decimal_texts_equal(ta, tb, json_real_value(a), json_real_value(b));
        return doubles_equal(json_real_value(a), json_real_value(b));
    }
    default:
        return true;
    }
}
