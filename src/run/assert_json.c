/* assert_json.c - the JSON Assertion (JSONPathAssertion, digest §8.6) as JMeter 5.6.3
 * decides it on one sample's body:
 *   - an empty body fails with "Response was null" (INVERT or not);
 *   - the path is read with JsonPath.read; any exception fails the assertion with its
 *     message ("No results for path: $['x']", a parse error, ...);
 *   - without JSONVALIDATION finding the path is enough, except that an indefinite path
 *     finding nothing fails;
 *   - with it, the value must equal EXPECTED_VALUE: as an ORO regular expression matching
 *     the whole of the value's text (ISREGEX, the default), or as JSON (EXPECTED_VALUE read
 *     by json-smart, Java equality: 1 is not 1.0); an array passes when it is empty and
 *     "[]" is expected, when one element matches (or is null with EXPECT_NULL), or when the
 *     whole array matches; EXPECT_NULL passes a null value;
 *   - INVERT fails what would pass ("Failed that JSONPath ...") and passes the rest.
 * The value's text is JSON for objects (outer members in HashMap order) and arrays, a
 * Double as DecimalFormat("#.#") prints it, anything else as Java prints it. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"
#include "jmx2run/postprocess.h"
#include "jmx2run/postprocess_json.h"

struct check {
    const struct plan_json_assertion *a;
    const char *path;
    const char *expected;
    const struct jp_doc **docs;        /* the body's, then the expected value's */
    size_t n_docs;
    json_t *expected_value;            /* JSONValue.parse(expected), NULL when it fails */
    char *error;                       /* the exception that stopped the check */
};

static void value_text(const struct check *c, const json_t *v, struct strbuf *out)
{
    jp_render_assertion(v, c->docs, c->n_docs, out);
}

/* isEquals: 1 equal, 0 not, -1 exception (c->error set). */
static int is_equal(struct check *c, const json_t *subject)
{
    if (!c->a->is_regex)
        return jp_java_equals(c->expected_value, json_is_null(subject) ? NULL : subject,
                              c->docs, c->n_docs);
    struct strbuf text;
    strbuf_init(&text);
    value_text(c, subject, &text);
    const struct oro_regex *re = oro_regex_acquire(c->expected);
    int r;
    const char *bad = oro_regex_error(re);
    if (bad) {
        const char *prefix = "org.apache.oro.text.MalformedCachePatternException: ";
        c->error = xstrdup(str_starts_with(bad, prefix) ? bad + strlen(prefix) : bad);
        r = -1;
    } else {
        r = oro_matches(re, text.s, text.len);
    }
    oro_regex_release(re);
    strbuf_free(&text);
    return r;
}

static int array_matched(struct check *c, const json_t *array)
{
    if (json_array_size(array) == 0 && strcmp(c->expected, "[]") == 0)
        return 1;
    for (size_t i = 0; i < json_array_size(array); i++) {
        const json_t *subject = json_array_get(array, i);
        if (json_is_null(subject) && c->a->expect_null)
            return 1;
        int r = is_equal(c, subject);
        if (r != 0)
            return r;
    }
    return is_equal(c, array);
}

/* doAssert: true when it returns normally, false with c->error when it throws. */
static bool do_assert(struct check *c, const struct jp_text_result *t)
{
    const struct jp_result *r = &t->result;
    if (r->outcome != JP_OK) {
        c->error = xstrdup(r->message ? r->message : "");
        return false;
    }
    json_t *value;
    if (r->is_list) {
        value = json_array();
        for (size_t i = 0; i < r->n; i++)
            json_array_append(value, r->values[i]);
    } else {
        value = json_incref(r->values[0]);
    }
    bool passed;
    if (!c->a->json_validation) {
        passed = !(json_is_array(value) && json_array_size(value) == 0 &&
                   !jsonpath_is_definite(t->path));
        if (!passed)
            c->error = xasprintf("JSONPath '%s' is indefinite and the extracted Value is an empty "
                                 "Array. Please use an assertion value, to be sure to get a "
                                 "correct result. Expected value was '%s'", c->path, c->expected);
        json_decref(value);
        return passed;
    }
    int m;
    if (json_is_array(value))
        m = array_matched(c, value);
    else if (c->a->expect_null && json_is_null(value))
        m = 1;
    else
        m = is_equal(c, value);
    passed = m > 0;
    if (m == 0) {
        struct strbuf text;
        strbuf_init(&text);
        if (c->a->expect_null) {
            jp_render_java(value, c->docs, c->n_docs, &text);
            c->error = xasprintf("Value in json path '%s' expected to be null, but found '%s'",
                                 c->path, text.s);
        } else {
            value_text(c, value, &text);
            c->error = xasprintf(c->a->is_regex
                                 ? "Value in json path '%s' expected to match regexp '%s', but it "
                                   "did not match: '%s'"
                                 : "Value in json path '%s' expected to be '%s', but found '%s'",
                                 c->path, c->expected, text.s);
        }
        strbuf_free(&text);
    }
    json_decref(value);
    return passed;
}

void json_assertion_run(const struct plan_json_assertion *a, const char *name, struct sample *s,
                        struct expr_ctx *ctx)
{
    struct field_text body;
    field_read(s, FIELD_BODY, &body);
    if (body.len == 0) {
        sample_add_assertion(s, name, true, false, "Response was null");
        field_text_free(&body);
        return;
    }
    char *path = pp_eval(a->json_path, ctx);
    char *expected = pp_eval(a->expected_value, ctx);
    struct jp_text_result t;
    jsonpath_read_text(body.s, body.len, path, false, &t);
    struct jp_doc *expected_doc = NULL;
    if (a->json_validation && !a->is_regex)
        expected_doc = jp_doc_parse(expected, strlen(expected), NULL);
    struct check c = {a, path, expected, NULL, 0, NULL, NULL};
    c.docs = xcalloc(t.result.n_docs + 2, sizeof *c.docs);
    for (size_t i = 0; i < t.result.n_docs; i++)
        c.docs[c.n_docs++] = t.result.docs[i];
    if (expected_doc) {
        c.docs[c.n_docs++] = expected_doc;
        c.expected_value = jp_doc_root(expected_doc);
    }
    bool passed = do_assert(&c, &t);
    if (!a->invert) {
        sample_add_assertion(s, name, !passed, false, passed ? NULL : c.error);
    } else if (!passed) {
        sample_add_assertion(s, name, false, false, NULL);
    } else {
        char *msg;
        if (!a->json_validation)
            msg = xasprintf("Failed that JSONPath not exists: %s", path);
        else
            msg = xasprintf("Failed that JSONPath %s not matches %s", path,
                            a->expect_null ? "null" : expected);
        sample_add_assertion(s, name, true, false, msg);
        free(msg);
    }
    free(c.error);
    free(c.docs);
    jp_doc_free(expected_doc);
    jp_text_result_free(&t);
    free(path);
    free(expected);
    field_text_free(&body);
}
