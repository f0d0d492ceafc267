/* test_props.c - the property table (set, get, remove, exchange, -J
 * assignments, concurrent use) and the Java .properties file syntax. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/props.h"
#include "testutil.h"

static void check_prop(struct props *p, const char *name, const char *expected)
{
    char *v = props_get_dup(p, name);
    if (!str_eq(v, expected))
        fprintf(stderr, "\n    property [%s] is [%s], expected [%s]\n", name, v ? v : "(absent)",
                expected ? expected : "(absent)");
    if (expected)
        CU_ASSERT_STRING_EQUAL_MSG(v, expected);
    else
        CU_ASSERT_PTR_NULL(v);
    free(v);
}

static void test_table(void)
{
    struct props *p = props_new();
    CU_ASSERT_FALSE(props_has(p, "a"));
    uint64_t g0 = props_generation(p);
    props_set(p, "a", "1");
    CU_ASSERT_TRUE(props_generation(p) > g0);   /* every write counts */
    props_set(p, "b", "");
    CU_ASSERT_TRUE(props_has(p, "a"));
    CU_ASSERT_TRUE(props_has(p, "b"));
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, "v=");
    CU_ASSERT_TRUE(props_get(p, "a", &sb));
    CU_ASSERT_FALSE(props_get(p, "zz", &sb));
    CU_ASSERT_STRING_EQUAL(sb.s, "v=1");
    strbuf_reset(&sb);
    CU_ASSERT_FALSE(props_exchange(p, "c", "3", &sb));
    CU_ASSERT_STRING_EQUAL(sb.s, "");
    CU_ASSERT_TRUE(props_exchange(p, "c", "4", &sb));
    CU_ASSERT_STRING_EQUAL(sb.s, "3");
    CU_ASSERT_TRUE(props_exchange(p, "c", "5", NULL));
    check_prop(p, "c", "5");
    CU_ASSERT_EQUAL(props_count(p), 3);
    uint64_t g1 = props_generation(p);
    CU_ASSERT_TRUE(props_exchange(p, "c", "5", NULL));   /* even an unchanged value */
    CU_ASSERT_TRUE(props_generation(p) > g1);
    g1 = props_generation(p);
    props_has(p, "c");
    CU_ASSERT_EQUAL(props_generation(p), g1);   /* reads do not */
    CU_ASSERT_TRUE(props_remove(p, "c"));
    CU_ASSERT_FALSE(props_remove(p, "c"));
    CU_ASSERT_EQUAL(props_count(p), 2);
    strbuf_free(&sb);
    props_free(p);
    props_free(NULL);
}

static void collect(const char *name, const char *value, void *data)
{
    struct strbuf *sb = data;
    strbuf_addf(sb, "%s=%s;", name, value);
}

static void test_foreach_and_assignment(void)
{
    struct props *p = props_new();
    CU_ASSERT_TRUE(props_apply_assignment(p, "host=example.org"));
    CU_ASSERT_TRUE(props_apply_assignment(p, "url=http://h/?a=b"));
    CU_ASSERT_FALSE(props_apply_assignment(p, "noequals"));
    check_prop(p, "host", "example.org");
    check_prop(p, "url", "http://h/?a=b");
    /* an empty value removes the property, as JMeter's -J does */
    CU_ASSERT_TRUE(props_apply_assignment(p, "host="));
    check_prop(p, "host", NULL);
    struct strbuf sb;
    strbuf_init(&sb);
    props_foreach(p, collect, &sb);
    CU_ASSERT_STRING_EQUAL(sb.s, "url=http://h/?a=b;");
    strbuf_free(&sb);
    props_free(p);
}

static void test_file_syntax(void)
{
    struct props *p = props_new();
    struct diag_list dl;
    diag_list_init(&dl);
    char *path = test_path("tests/data/expr/sample.properties");
    CU_ASSERT_TRUE(props_load_file(p, path, &dl));
    CU_ASSERT_EQUAL(dl.len, 0);
    check_prop(p, "plain", "value");
    check_prop(p, "spaced", "padded value  ");
    check_prop(p, "colon", "yes");
    check_prop(p, "white", "space separated");
    check_prop(p, "empty", "");
    check_prop(p, "continued", "first second third");
    check_prop(p, "escapes", "tab\there\nnewlineA\xC3\xA9\\back");
    check_prop(p, "key with spaces", "ok");
    check_prop(p, "key=eq", "ok2");
    check_prop(p, "dup", "2");
    check_prop(p, "indented", "yes");
    check_prop(p, "trailing\\", "notcontinued");
    check_prop(p, "next", "line");
    check_prop(p, "surrogates", "\xF0\x9F\x98\x80");
    check_prop(p, "# a comment", NULL);
    CU_ASSERT_EQUAL(props_count(p), 14);
    free(path);
    CU_ASSERT_FALSE(props_load_file(p, "/nonexistent/x.properties", &dl));
    CU_ASSERT_EQUAL(dl.errors, 1);
    CU_ASSERT_TRUE(dl.len == 1 && strstr(dl.items[0].message, "cannot read properties file"));
    CU_ASSERT_STRING_EQUAL(dl.items[0].file, "/nonexistent/x.properties");
    diag_list_free(&dl);
    props_free(p);
}

static void test_text_edge_cases(void)
{
    struct props *p = props_new();
    struct diag_list dl;
    diag_list_init(&dl);
    static const char text[] =
        "a=1\r\nb=2\rc=3\n"              /* all three line ends */
        "d = x\\\r\n   y\n"              /* continuation across \r\n */
        "e\\\n"                          /* a key continued onto the next line */
        "f=g\n"
        "# comment \\\n"
        "h=not part of the comment\n"
        "bad=\\u12G4\n"                  /* malformed escape: the line is dropped */
        "latin=\xE9t\xE9\n"              /* not UTF-8: read as ISO-8859-1 */
        "utf8=\xC3\xA9t\xC3\xA9\n"
        "last=no newline\\";
    props_load_text_diag(p, text, sizeof text - 1, "mem.properties", &dl);
    check_prop(p, "a", "1");
    check_prop(p, "b", "2");
    check_prop(p, "c", "3");
    check_prop(p, "d", "xy");
    check_prop(p, "ef", "g");
    check_prop(p, "h", "not part of the comment");
    check_prop(p, "bad", NULL);
    check_prop(p, "latin", "\xC3\xA9t\xC3\xA9");
    check_prop(p, "utf8", "\xC3\xA9t\xC3\xA9");
    check_prop(p, "last", "no newline");
    CU_ASSERT_EQUAL(dl.warnings, 1);
    CU_ASSERT_TRUE(dl.len == 1 && dl.items[0].line == 10 && strstr(dl.items[0].message, "malformed"));
    props_load_text(p, "", 0, "empty");
    props_load_text(p, "   \n\n  \t", 8, "blank");
    CU_ASSERT_EQUAL(props_count(p), 9);
    diag_list_free(&dl);
    props_free(p);
}

/* Readers and writers from several threads at once. */
static void *hammer(void *arg)
{
    struct props *p = arg;
    struct strbuf sb;
    strbuf_init(&sb);
    for (int i = 0; i < 20000; i++) {
        char name[16];
        snprintf(name, sizeof name, "k%d", i % 50);
        props_set(p, name, "v");
        strbuf_reset(&sb);
        props_get(p, name, &sb);
        props_exchange(p, "shared", name, NULL);
        if (i % 7 == 0)
            props_remove(p, name);
    }
    strbuf_free(&sb);
    return NULL;
}

static void test_concurrency(void)
{
    struct props *p = props_new();
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, hammer, p);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    CU_ASSERT_TRUE(props_has(p, "shared"));
    CU_ASSERT_TRUE(props_count(p) <= 51);
    props_free(p);
}

int main(void)
{
    static const struct cu_test tests[] = {
        {"table", test_table},
        {"foreach and -J assignments", test_foreach_and_assignment},
        {"file syntax", test_file_syntax},
        {"text edge cases", test_text_edge_cases},
        {"concurrency", test_concurrency},
        {NULL, NULL},
    };
    return cu_run("props", tests);
}
