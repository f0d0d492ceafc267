/* test_json_postprocess.c - the JSON Extractor and the JSON Assertion (digest §8.2, §8.6,
 * trap 29).
 *
 * The assertion cases in tests/data/json/asserts.tsv carry the verdicts and messages that
 * JMeter 5.6.3's code produced on Jayway 2.8.0 and json-smart 2.5.0 (JsonPathOracle.java);
 * the extractor's variables follow the digest's table and JSONPostProcessor's code. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"
#include "jmx2run/postprocess_json.h"
#include "testutil.h"

static struct arena *arena;
static struct props *props;
static struct expr_env env;
static struct strmap vars;
static struct expr_ctx ctx;

static void reset(void)
{
    strmap_clear(&vars);
    expr_ctx_init(&ctx, &env, &vars);
    expr_ctx_seed(&ctx, 7);
}

static struct tmpl *T(const char *s)
{
    return tmpl_compile(arena, s, NULL, NULL, 0);
}

static const char *V(const char *name)
{
    return strmap_get(&vars, name);
}

static struct sample *mk(const char *body)
{
    struct sample *s = sample_new();
    strbuf_adds(&s->body, body);
    s->response_code = xstrdup("200");
    s->response_message = xstrdup("OK");
    s->success = true;
    return s;
}

#define EXPECT_VAR(name, value) CU_ASSERT_STRING_EQUAL_MSG(V(name), value)
#define EXPECT_UNSET(name)                                                                    \
    do {                                                                                      \
        if (V(name))                                                                          \
            fprintf(stderr, "\n    %s:%d: %s is set to [%s]\n", __FILE__, __LINE__, name, V(name)); \
        CU_ASSERT_PTR_NULL(V(name));                                                          \
    } while (0)

/* ------------------------------------------------------------------ extractor */

static struct plan_json_extractor JX(const char *names, const char *paths, const char *numbers,
                                     const char *defaults, bool concat)
{
    struct plan_json_extractor x = {0};
    x.reference_names = T(names);
    x.json_path_exprs = T(paths);
    x.match_numbers = T(numbers);
    x.default_values = T(defaults);
    x.compute_concat = concat;
    x.scope.scope = SCOPE_PARENT;
    return x;
}

static bool run_jx(const struct plan_json_extractor *x, const struct sample *s, char **error)
{
    return json_extractor_run(x, "JSON Extractor", s, &ctx, error);
}

static void ok_jx(const struct plan_json_extractor *x, const struct sample *s)
{
    char *err = NULL;
    CU_ASSERT_TRUE(run_jx(x, s, &err));
    CU_ASSERT_PTR_NULL(err);
    free(err);
}

static const char *STORE =
    "{\"store\":{\"book\":[{\"author\":\"Nigel Rees\",\"price\":8.95},"
    "{\"author\":\"Evelyn Waugh\",\"price\":12.99},{\"author\":\"Herman Melville\",\"price\":8.99}],"
    "\"bicycle\":{\"price\":19.95,\"color\":\"red\",\"url\":\"http://x/y\"}},\"n\":null,\"one\":[7]}";

static void test_extract_one_value(void)
{
    reset();
    struct sample *s = mk(STORE);
    struct plan_json_extractor x = JX("color", "$.store.bicycle.color", "", "NF", false);
    ok_jx(&x, s);
    EXPECT_VAR("color", "red");
    EXPECT_UNSET("color_matchNr");            /* match 0 (blank): no count */
    x = JX("color", "$.store.bicycle.color", "1", "NF", false);
    ok_jx(&x, s);
    EXPECT_VAR("color", "red");
    EXPECT_VAR("color_matchNr", "1");
    /* one match and N past it: the value all the same */
    x = JX("c2", "$.store.bicycle.color", "3", "NF", false);
    ok_jx(&x, s);
    EXPECT_VAR("c2", "red");
    EXPECT_VAR("c2_matchNr", "1");
    /* trap 29: -1 and one match sets <name>_1, not <name> */
    x = JX("c3", "$.store.bicycle.color", "-1", "NF", true);
    ok_jx(&x, s);
    EXPECT_UNSET("c3");
    EXPECT_VAR("c3_1", "red");
    EXPECT_VAR("c3_matchNr", "1");
    EXPECT_VAR("c3_ALL", "red");
    /* numbers as Java prints them; objects as json-smart writes a HashMap */
    x = JX("p;b;n;one", "$.store.book[0].price;$.store.bicycle;$.n;$.one", "1;1;1;1", "d1;d2;d3;d4", false);
    ok_jx(&x, s);
    EXPECT_VAR("p", "8.95");
    EXPECT_VAR("b", "{\"color\":\"red\",\"price\":19.95,\"url\":\"http:\\/\\/x\\/y\"}");
    EXPECT_VAR("n", "d3");                    /* JSON null: the default */
    EXPECT_VAR("n_matchNr", "1");
    EXPECT_VAR("one", "[7]");
    sample_free(s);
}

static void test_extract_many(void)
{
    reset();
    struct sample *s = mk(STORE);
    struct plan_json_extractor x = JX("a", "$..author", "-1", "NF", true);
    ok_jx(&x, s);
    EXPECT_UNSET("a");
    EXPECT_VAR("a_matchNr", "3");
    EXPECT_VAR("a_1", "Nigel Rees");
    EXPECT_VAR("a_3", "Herman Melville");
    EXPECT_VAR("a_ALL", "Nigel Rees,Evelyn Waugh,Herman Melville");
    x = JX("b", "$..author", "2", "NF", false);
    ok_jx(&x, s);
    EXPECT_VAR("b", "Evelyn Waugh");
    EXPECT_VAR("b_matchNr", "3");
    x = JX("c", "$..author", "4", "NF", false);
    ok_jx(&x, s);
    EXPECT_VAR("c", "NF");
    EXPECT_VAR("c_matchNr", "3");
    x = JX("d", "$..author", "0", "NF", true);
    ok_jx(&x, s);
    const char *d = V("d");
    CU_ASSERT_TRUE(d && (!strcmp(d, "Nigel Rees") || !strcmp(d, "Evelyn Waugh") ||
                         !strcmp(d, "Herman Melville")));
    EXPECT_UNSET("d_matchNr");
    EXPECT_UNSET("d_ALL");
    /* without concat no _ALL */
    x = JX("e", "$..price", "-1", "NF", false);
    ok_jx(&x, s);
    EXPECT_VAR("e_4", "19.95");
    EXPECT_UNSET("e_ALL");
    sample_free(s);
}

static void test_extract_nothing(void)
{
    reset();
    struct sample *s = mk(STORE);
    struct plan_json_extractor x = JX("m", "$.missing", "-1", "NF", true);
    ok_jx(&x, s);
    EXPECT_VAR("m", "NF");
    EXPECT_VAR("m_matchNr", "0");
    EXPECT_VAR("m_ALL", "");
    x = JX("m2", "$..missing", "1", "", false);
    ok_jx(&x, s);
    EXPECT_VAR("m2", "");
    EXPECT_VAR("m2_matchNr", "0");
    EXPECT_UNSET("m2_ALL");
    /* a path that can not be compiled, a function path: the default only */
    x = JX("bad;fn", "$.[;$.store.book.length()", "-1;-1", "B;F", true);
    ok_jx(&x, s);
    EXPECT_VAR("bad", "B");
    EXPECT_UNSET("bad_matchNr");
    EXPECT_VAR("fn", "F");
    EXPECT_UNSET("fn_matchNr");
    EXPECT_UNSET("fn_ALL");
    sample_free(s);
    /* a body that is not JSON reads as a string: nothing found */
    s = mk("<html>oops</html>");
    x = JX("h", "$.x", "1", "H", false);
    ok_jx(&x, s);
    EXPECT_VAR("h", "H");
    EXPECT_VAR("h_matchNr", "0");
    sample_free(s);
    /* a broken document: the default, no count */
    s = mk("{\"a\":");
    x = JX("j", "$.a", "1", "J", false);
    ok_jx(&x, s);
    EXPECT_VAR("j", "J");
    EXPECT_UNSET("j_matchNr");
    sample_free(s);
    /* a blank body is no input at all */
    s = mk(" \n ");
    strmap_set(&vars, "k_matchNr", "5");
    strmap_set(&vars, "k_1", "old");
    x = JX("k", "$.a", "-1", "K", true);
    ok_jx(&x, s);
    EXPECT_VAR("k", "K");
    EXPECT_UNSET("k_matchNr");
    EXPECT_UNSET("k_1");
    EXPECT_UNSET("k_ALL");
    sample_free(s);
}

static void test_extract_stale(void)
{
    reset();
    struct sample *s = mk("{\"a\":[1,2,3,4]}");
    struct plan_json_extractor x = JX("v", "$.a[*]", "-1", "", false);
    ok_jx(&x, s);
    EXPECT_VAR("v_4", "4");
    sample_free(s);
    strmap_set(&vars, "v_6", "unrelated");    /* not consecutive: kept */
    s = mk("{\"a\":[9,8]}");
    ok_jx(&x, s);
    EXPECT_VAR("v_matchNr", "2");
    EXPECT_VAR("v_1", "9");
    EXPECT_VAR("v_2", "8");
    EXPECT_UNSET("v_3");
    EXPECT_UNSET("v_4");
    EXPECT_VAR("v_6", "unrelated");
    EXPECT_UNSET("v");                        /* -1 never sets <name> itself */
    sample_free(s);
}

static void test_extract_settings(void)
{
    reset();
    struct sample *s = mk(STORE);
    char *err = NULL;
    /* names, paths and defaults must come in the same numbers */
    struct plan_json_extractor x = JX("a;b", "$.n;$.one", "", "x", false);
    CU_ASSERT_FALSE(run_jx(&x, s, &err));
    CU_ASSERT_STRING_EQUAL_MSG(err, "java.lang.IllegalArgumentException: Mismatch between number "
                                    "of variables, json expressions and default values");
    free(err);
    err = NULL;
    EXPECT_UNSET("a");
    /* JMeter 5.6.3 drops trailing empty defaults: "x;" is one default */
    x = JX("a;b", "$.n;$.one", "", "x;", false);
    CU_ASSERT_FALSE(run_jx(&x, s, &err));
    free(err);
    err = NULL;
    x = JX("a;b", "$.n;$.one", "", ";y", false);
    ok_jx(&x, s);
    EXPECT_VAR("a", "");
    EXPECT_VAR("b", "[7]");
    /* match numbers */
    x = JX("a", "$.one", "x", "", false);
    CU_ASSERT_FALSE(run_jx(&x, s, &err));
    CU_ASSERT_STRING_EQUAL_MSG(err, "java.lang.NumberFormatException: For input string: \"x\"");
    free(err);
    err = NULL;
    x = JX("a", "$.one", "1;2", "", false);
    CU_ASSERT_FALSE(run_jx(&x, s, &err));
    CU_ASSERT_STRING_EQUAL_MSG(err, "java.lang.ArrayIndexOutOfBoundsException: Index 1 out of "
                                    "bounds for length 1");
    free(err);
    err = NULL;
    x = JX(" sp ; q", " $.store.bicycle.color ;$.one[0] ", " -1 ", "d;e", false);
    ok_jx(&x, s);
    EXPECT_VAR("sp_1", "red");
    EXPECT_VAR("q", "7");
    /* templates are evaluated when the extractor runs */
    strmap_set(&vars, "what", "color");
    x = JX("w", "$.store.bicycle.${what}", "", "", false);
    ok_jx(&x, s);
    EXPECT_VAR("w", "red");
    sample_free(s);
}

static void test_extract_scopes(void)
{
    reset();
    struct sample *parent = mk("{\"v\":\"parent\"}");
    sample_add_sub(parent, mk("{\"v\":\"child1\"}"));
    sample_add_sub(parent, mk(""));
    sample_add_sub(parent, mk("{\"v\":\"child3\"}"));
    struct plan_json_extractor x = JX("v", "$.v", "-1", "NF", true);
    x.scope.scope = SCOPE_ALL;
    ok_jx(&x, parent);
    EXPECT_VAR("v_ALL", "parent,child1,child3");
    x.scope.scope = SCOPE_CHILDREN;
    ok_jx(&x, parent);
    EXPECT_VAR("v_ALL", "child1,child3");
    EXPECT_VAR("v_matchNr", "2");
    EXPECT_UNSET("v_3");
    /* one sample that can not be read spoils them all */
    sample_add_sub(parent, mk("[1,"));
    ok_jx(&x, parent);
    EXPECT_VAR("v", "NF");
    EXPECT_UNSET("v_matchNr");
    /* the variable scope reads the variable, even unset or empty */
    x.scope.scope = SCOPE_VARIABLE;
    x.scope.variable = T("src");
    strmap_set(&vars, "src", "{\"v\":[\"a\",\"b\"]}");
    x.json_path_exprs = T("$.v[*]");
    ok_jx(&x, parent);
    EXPECT_VAR("v_ALL", "a,b");
    strmap_remove(&vars, "src");
    ok_jx(&x, parent);
    EXPECT_VAR("v", "NF");
    EXPECT_UNSET("v_matchNr");
    strmap_set(&vars, "src", "");
    strmap_set(&vars, "v", "old");
    ok_jx(&x, parent);
    EXPECT_VAR("v", "NF");
    sample_free(parent);
}

/* ------------------------------------------------------------------ assertion */

static char *unescape_field(const char *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            strbuf_addc(&sb, *s);
            continue;
        }
        s++;
        strbuf_addc(&sb, *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s);
    }
    return strbuf_detach(&sb);
}

static char *load_doc(const char *field)
{
    if (field[0] != '@')
        return xstrdup(field);
    char *rel = xasprintf("tests/data/json/docs/%s.json", field + 1);
    char *path = test_path(rel);
    size_t len;
    char *text = file_read_all(path, &len);
    free(rel);
    free(path);
    return text ? text : xstrdup("");
}

static void test_assertion_table(void)
{
    char *path = test_path("tests/data/json/asserts.tsv");
    size_t size;
    char *text = file_read_all(path, &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    unsigned cases = 0, failed = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (*line == '#')
            continue;
        char *f[5] = {0};
        int n = 0;
        for (char *p = line; n < 5; n++) {
            f[n] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (n < 4) {
            fprintf(stderr, "\n    bad line: %s\n", line);
            CU_FAIL("bad line");
            continue;
        }
        cases++;
        reset();
        struct plan_json_assertion a = {0};
        /* the texts are taken literally, as they were given to the oracle */
        strmap_set(&vars, "p", f[1]);
        strmap_set(&vars, "e", f[3]);
        a.json_path = T("${p}");
        a.expected_value = T("${e}");
        a.json_validation = strchr(f[2], 'v') != NULL;
        a.expect_null = strchr(f[2], 'n') != NULL;
        a.invert = strchr(f[2], 'i') != NULL;
        a.is_regex = strchr(f[2], 'r') != NULL;
        char *doc = load_doc(f[0]);
        struct sample *s = mk(doc);
        json_assertion_run(&a, "JSON Assertion", s, &ctx);
        char *want = unescape_field(f[4]);
        char *got;
        CU_ASSERT_EQUAL_FATAL(s->n_assertions, 1);
        const struct assertion_result *r = &s->assertions[0];
        CU_ASSERT_STRING_EQUAL(r->name, "JSON Assertion");
        CU_ASSERT_FALSE(r->error);
        if (!r->failure)
            got = xstrdup(r->message ? "pass with a message" : "pass");
        else
            got = xasprintf("fail %s", r->message ? r->message : "(null)");
        CU_ASSERT_EQUAL(s->success, !r->failure);
        bool same = strcmp(got, want) == 0;
        if (!same) {
            failed++;
            fprintf(stderr, "\n    %s  %s  [%s]  [%s]\n      got  %s\n      want %s\n", f[0], f[1],
                    f[2], f[3], got, want);
        }
        CU_ASSERT_TRUE(same);
        free(got);
        free(want);
        free(doc);
        sample_free(s);
    }
    if (getenv("CU_VERBOSE") || failed)
        fprintf(stderr, "\n    asserts.tsv: %u cases, %u differ\n", cases, failed);
    CU_ASSERT_TRUE(cases > 150);
    free(text);
    free(path);
}

static void test_assertion_templates(void)
{
    reset();
    strmap_set(&vars, "field", "color");
    strmap_set(&vars, "want", "re.");
    struct plan_json_assertion a = {0};
    a.json_path = T("$.store.bicycle.${field}");
    a.expected_value = T("${want}");
    a.json_validation = true;
    a.is_regex = true;
    struct sample *s = mk(STORE);
    json_assertion_run(&a, "checks color", s, &ctx);
    CU_ASSERT_EQUAL_FATAL(s->n_assertions, 1);
    CU_ASSERT_FALSE(s->assertions[0].failure);
    CU_ASSERT_PTR_NULL(s->assertions[0].message);
    CU_ASSERT_TRUE(s->success);
    strmap_set(&vars, "want", "blue");
    json_assertion_run(&a, "checks color", s, &ctx);
    CU_ASSERT_EQUAL_FATAL(s->n_assertions, 2);
    CU_ASSERT_STRING_EQUAL_MSG(s->assertions[1].message,
                               "Value in json path '$.store.bicycle.color' expected to match "
                               "regexp 'blue', but it did not match: 'red'");
    CU_ASSERT_FALSE(s->success);
    CU_ASSERT_STRING_EQUAL(sample_failure_message(s), s->assertions[1].message);
    sample_free(s);
    /* an empty body fails even inverted */
    s = mk("");
    a.invert = true;
    json_assertion_run(&a, "empty", s, &ctx);
    CU_ASSERT_STRING_EQUAL_MSG(s->assertions[0].message, "Response was null");
    CU_ASSERT_TRUE(s->assertions[0].failure);
    sample_free(s);
}

int main(void)
{
    arena = arena_new();
    props = props_new();
    expr_env_init(&env, props);
    strmap_init(&vars);
    static const struct cu_test tests[] = {
        {"extractor: one value", test_extract_one_value},
        {"extractor: several values", test_extract_many},
        {"extractor: nothing found", test_extract_nothing},
        {"extractor: stale variables", test_extract_stale},
        {"extractor: names, numbers, defaults", test_extract_settings},
        {"extractor: scopes", test_extract_scopes},
        {"assertion: table (asserts.tsv)", test_assertion_table},
        {"assertion: templates and messages", test_assertion_templates},
        {NULL, NULL},
    };
    int rc = cu_run("json_postprocess", tests);
    strmap_free(&vars);
    expr_env_cleanup(&env);
    props_free(props);
    arena_free(arena);
    oro_regex_cache_clear();
    return rc;
}
