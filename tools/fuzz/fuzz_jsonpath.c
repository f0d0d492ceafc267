/* fuzz_jsonpath.c - libFuzzer target for JSONPath, the JSON Extractor and the JSON
 * Assertion.
 *
 * The input is: a first byte of settings, a JSONPath up to the first newline, an expected
 * value up to the next newline, and a document (the rest). The path is compiled; if it
 * compiles it is read from the document both as the assertion and as the extractor read,
 * every value found is printed every way JMeter prints values, and must equal itself. The
 * same texts then go through the JSON Extractor (several names, paths and match numbers)
 * and the JSON Assertion with the flags from the settings byte. A refused path or document
 * must say why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"
#include "jmx2run/postprocess.h"
#include "jmx2run/postprocess_json.h"
#include "jmx2run/props.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render_all(const struct jp_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const json_t *v = r->values[i];
        if (!v)
            __builtin_trap();
        struct strbuf sb;
        strbuf_init(&sb);
        jp_render_json(v, r->docs, r->n_docs, true, &sb);
        jp_render_json(v, r->docs, r->n_docs, false, &sb);
        jp_render_java(v, r->docs, r->n_docs, &sb);
        jp_render_assertion(v, r->docs, r->n_docs, &sb);
        bool printed = jp_render_extracted(v, r->docs, r->n_docs, &sb);
        if (printed == json_is_null(v))
            __builtin_trap();          /* only null is left to the default */
        if (!jp_java_equals(v, v, r->docs, r->n_docs))
            __builtin_trap();
        strbuf_free(&sb);
    }
}

static void read_both(const char *path, const char *doc, size_t len)
{
    for (int extractor = 0; extractor < 2; extractor++) {
        struct jp_text_result t;
        jsonpath_read_text(doc, len, path, extractor, &t);
        if (t.result.outcome != JP_OK && !t.result.message)
            __builtin_trap();          /* a failure must say why */
        if (t.result.outcome == JP_OK) {
            if (!t.result.is_list && t.result.n != 1)
                __builtin_trap();
            render_all(&t.result);
        }
        if (t.path) {
            struct strbuf sb;
            strbuf_init(&sb);
            jsonpath_to_string(t.path, &sb);
            (void)jsonpath_is_definite(t.path);
            strbuf_free(&sb);
        }
        jp_text_result_free(&t);
    }
}

static char *line(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
    const uint8_t *stop = nl ? nl : end;
    char *s = xstrndup((const char *)*p, (size_t)(stop - *p));
    *p = nl ? nl + 1 : end;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool limited;
    if (!limited) {
        jsonpath_set_max_work(200000);
        limited = true;
    }
    if (size == 0)
        return 0;
    uint8_t settings = data[0];
    const uint8_t *p = data + 1, *end = data + size;
    char *path = line(&p, end);
    char *expected = line(&p, end);
    size_t doc_len = (size_t)(end - p);
    char *doc = xstrndup((const char *)p, doc_len);
    doc_len = strlen(doc);              /* bodies are text */

    char *error = NULL;
    struct jsonpath *compiled = jsonpath_compile(path, &error);
    if (!compiled && *path && !error)
        __builtin_trap();
    free(error);
    jsonpath_free(compiled);
    read_both(path, doc, doc_len);

    /* the post-processor and the assertion on a sample with this body */
    struct props *props = props_new();
    struct expr_env env;
    expr_env_init(&env, props);
    struct strmap vars;
    strmap_init(&vars);
    struct expr_ctx ctx;
    expr_ctx_init(&ctx, &env, &vars);
    expr_ctx_seed(&ctx, 1);
    struct arena *arena = arena_new();
    struct sample *s = sample_new();
    strbuf_addn(&s->body, doc, doc_len);
    s->success = true;
    struct sample *sub = sample_new();
    strbuf_addn(&sub->body, doc, doc_len);
    sample_add_sub(s, sub);

    char *paths = xasprintf("%s;$..*;%s", path, expected);
    struct plan_json_extractor x = {0};
    x.reference_names = tmpl_compile(arena, "a;b;c", NULL, NULL, 0);
    x.json_path_exprs = tmpl_compile(arena, paths, NULL, NULL, 0);
    x.match_numbers = tmpl_compile(arena, settings & 1 ? "-1;0;2" : "1;-1;0", NULL, NULL, 0);
    x.default_values = tmpl_compile(arena, "D;E;F", NULL, NULL, 0);
    x.compute_concat = settings & 2;
    x.scope.scope = (enum sample_scope)((settings >> 2) & 3);
    x.scope.variable = tmpl_compile(arena, "a", NULL, NULL, 0);
    error = NULL;
    if (!json_extractor_run(&x, "fuzz", s, &ctx, &error) && !error)
        __builtin_trap();
    free(error);

    struct plan_json_assertion a = {0};
    a.json_path = tmpl_compile(arena, path, NULL, NULL, 0);
    a.expected_value = tmpl_compile(arena, expected, NULL, NULL, 0);
    a.json_validation = settings & 16;
    a.expect_null = settings & 32;
    a.invert = settings & 64;
    a.is_regex = settings & 128;
    json_assertion_run(&a, "fuzz", s, &ctx);
    if (s->n_assertions != 1 || (s->assertions[0].failure && !s->assertions[0].message))
        __builtin_trap();

    sample_free(s);
    arena_free(arena);
    strmap_free(&vars);
    expr_env_cleanup(&env);
    props_free(props);
    free(paths);
    free(path);
    free(expected);
    free(doc);
    return 0;
}
