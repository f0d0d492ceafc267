/* jsonpath_read.c - one JsonPath.read: the session that lives for it (the exception in
 * flight, the work done, what Jayway keeps between steps of one read: the element index a
 * deep scan hands to the token after its selector, and the results of $-paths used in
 * filters) and the shape of the answer: a definite path gives its last match or "No results
 * for path: $['x']", an indefinite one the list of matches, ALWAYS_RETURN_LIST wraps a
 * definite answer in a list and refuses paths that end with a function. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

#define DEFAULT_MAX_WORK 50000000ull

static uint64_t max_work = DEFAULT_MAX_WORK;

void jsonpath_set_max_work(uint64_t steps)
{
    max_work = steps ? steps : DEFAULT_MAX_WORK;
}

struct upstream {
    const struct jp_token *token;
    int index;
};

struct cached {
    const struct jp_path *path;
    json_t *value;
};

struct jp_session {
    enum jp_exc exc;
    const char *cls;
    char *message;
    uint64_t work;
    const struct jp_doc **docs;
    size_t n_docs;
    struct upstream *up;
    size_t n_up;
    struct cached *cache;
    size_t n_cache;
};

bool jp_throw(struct jp_session *s, enum jp_exc kind, const char *cls, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    free(s->message);
    s->message = message;
    s->exc = kind;
    s->cls = cls;
    return false;
}

enum jp_exc jp_exception(const struct jp_session *s)
{
    return s->exc;
}

void jp_clear_exception(struct jp_session *s)
{
    s->exc = JP_EXC_NONE;
    s->cls = NULL;
    free(s->message);
    s->message = NULL;
}

bool jp_work(struct jp_session *s)
{
    if (++s->work <= max_work)
        return true;
    if (s->exc == JP_EXC_NONE || s->work == max_work + 1)
        jp_throw(s, JP_EXC_OTHER, "java.lang.IllegalStateException", "JSONPath evaluation too large");
    return false;
}

const struct jp_doc *const *jp_session_docs(const struct jp_session *s, size_t *n)
{
    *n = s->n_docs;
    return s->docs;
}

int jp_session_upstream(const struct jp_session *s, const struct jp_token *t)
{
    for (size_t i = 0; i < s->n_up; i++)
        if (s->up[i].token == t)
            return s->up[i].index;
    return -1;
}

void jp_session_set_upstream(struct jp_session *s, const struct jp_token *t, int index)
{
    for (size_t i = 0; i < s->n_up; i++)
        if (s->up[i].token == t) {
            s->up[i].index = index;
            return;
        }
    s->up = xrealloc(s->up, (s->n_up + 1) * sizeof *s->up);
    s->up[s->n_up++] = (struct upstream){t, index};
}

json_t *jp_session_cached(struct jp_session *s, const struct jp_path *p)
{
    for (size_t i = 0; i < s->n_cache; i++)
        if (s->cache[i].path == p)
            return json_incref(s->cache[i].value);
    return NULL;
}

void jp_session_cache(struct jp_session *s, const struct jp_path *p, json_t *value)
{
    s->cache = xrealloc(s->cache, (s->n_cache + 1) * sizeof *s->cache);
    s->cache[s->n_cache++] = (struct cached){p, json_incref(value)};
}

static void session_free(struct jp_session *s)
{
    free(s->message);
    free(s->up);
    for (size_t i = 0; i < s->n_cache; i++)
        json_decref(s->cache[i].value);
    free(s->cache);
}

/* ---- JsonPath.read ---- */

static void set_failure(struct jp_result *out, struct jp_session *s)
{
    out->outcome = s->exc == JP_EXC_PATH_NOT_FOUND ? JP_NOT_FOUND : JP_FAILED;
    out->message = xstrdup(s->message ? s->message : "");
}

void jsonpath_read(const struct jsonpath *p, const struct jp_doc *doc, bool always_list,
                   struct jp_result *out)
{
    memset(out, 0, sizeof *out);
    const struct jp_doc *const *lit;
    size_t n_lit;
    const struct jp_path *path = jp_path_of(p, &lit, &n_lit);
    out->n_docs = n_lit + 1;
    out->docs = xcalloc(out->n_docs, sizeof *out->docs);
    out->docs[0] = doc;
    for (size_t i = 0; i < n_lit; i++)
        out->docs[i + 1] = lit[i];

    struct jp_session s = {0};
    s.docs = out->docs;
    s.n_docs = out->n_docs;
    if (path->function_path && always_list) {
        jp_throw(&s, JP_EXC_JSONPATH, NULL, "Options AS_PATH_LIST and ALWAYS_RETURN_LIST are not "
                 "allowed when using path functions!");
        set_failure(out, &s);
        session_free(&s);
        return;
    }
    json_t *root = jp_doc_root(doc);
    struct jp_values v = {0};
    if (!jp_evaluate(path, root, root, false, &s, &v)) {
        set_failure(out, &s);
    } else if (!path->definite) {
        out->is_list = true;
        out->values = v.items;
        out->n = v.n;
        v.items = NULL;
        v.n = 0;
    } else if (v.n == 0) {
        struct strbuf text;
        strbuf_init(&text);
        jsonpath_to_string(p, &text);
        jp_throw(&s, JP_EXC_PATH_NOT_FOUND, NULL, "No results for path: %s", text.s);
        strbuf_free(&text);
        set_failure(out, &s);
    } else {
        out->is_list = always_list;
        out->values = xcalloc(1, sizeof *out->values);
        out->values[0] = json_incref(v.items[v.n - 1]);
        out->n = 1;
    }
    jp_values_free(&v);
    session_free(&s);
}

void jp_result_free(struct jp_result *r)
{
    for (size_t i = 0; i < r->n; i++)
        json_decref(r->values[i]);
    free(r->values);
    free(r->message);
    free(r->docs);
    memset(r, 0, sizeof *r);
}

/* ---- reading from text, as JMeter's two callers do ---- */

void jsonpath_read_text(const char *json, size_t len, const char *path, bool extractor,
                        struct jp_text_result *out)
{
    memset(out, 0, sizeof *out);
    char *error = NULL;
    if (extractor) {
        /* JSONManager: JsonPath.compile, then read(json, ALWAYS_RETURN_LIST) */
        if (!path || !*path)
            error = xstrdup("json can not be null or empty");
        else
            out->path = jsonpath_compile(path, &error);
        if (out->path && (!json || len == 0))
            error = xstrdup("json can not be null or empty");
        if (!error)
            out->doc = jp_doc_parse(json, len, &error);
        if (!error) {
            jsonpath_read(out->path, out->doc, true, &out->result);
            if (out->result.outcome == JP_NOT_FOUND) {   /* caught: nothing extracted */
                free(out->result.message);
                out->result.message = NULL;
                out->result.outcome = JP_OK;
                out->result.is_list = true;
            }
            return;
        }
    } else {
        /* JsonPath.read(json, path): parse, then compile, then read */
        if (!json || len == 0)
            error = xstrdup("json string can not be null or empty");
        else
            out->doc = jp_doc_parse(json, len, &error);
        if (!error && json_is_null(jp_doc_root(out->doc)))
            error = xstrdup("json can not be null");
        if (!error && (!path || !*path))
            error = xstrdup("path can not be null or empty");
        if (!error)
            out->path = jsonpath_compile(path, &error);
        if (!error) {
            jsonpath_read(out->path, out->doc, false, &out->result);
            return;
        }
    }
    out->result.outcome = JP_FAILED;
    out->result.message = error;
}

void jp_text_result_free(struct jp_text_result *t)
{
    jp_result_free(&t->result);
    jsonpath_free(t->path);
    jp_doc_free(t->doc);
    memset(t, 0, sizeof *t);
}
