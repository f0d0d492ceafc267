/* test_template.c - the template engine: JMeter's parsing rules (digest §9.1)
 * checked against results observed on JMeter 2.13 (Appendix A) and against
 * the 5.6 sources where they differ, compile-time warnings, the public parts,
 * concurrent evaluation and the safety limits. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/expr.h"
#include "jmx2run/props.h"
#include "testutil.h"

static struct props *props;
static struct expr_env env;
static struct strmap vars, user_state;
static struct expr_ctx ctx;
static struct diag_list diags;

static void setup(void)
{
    props = props_new();
    expr_env_init(&env, props);
    env.plan_file_name = "plan.jmx";
    strmap_init(&vars);
    strmap_init(&user_state);
    expr_ctx_init(&ctx, &env, &vars);
    ctx.user_state = &user_state;
    ctx.thread_num = 1;
    ctx.thread_name = "main 1-1";
    strmap_set(&vars, "x", "X");
    strmap_set(&vars, "n", "3");
    strmap_set(&vars, "A_3", "a3");
    diag_list_init(&diags);
}

static void teardown(void)
{
    diag_list_free(&diags);
    strmap_free(&vars);
    strmap_free(&user_state);
    expr_env_cleanup(&env);
    props_free(props);
}

/* Compiles src (collecting warnings), evaluates, compares. */
static void check_at(const char *src, const char *expected, const char *file, int line)
{
    struct tmpl *t = tmpl_compile(NULL, src, &diags, "plan.jmx", 7);
    char *got = tmpl_eval_dup(t, &ctx);
    if (strcmp(got, expected) != 0)
        fprintf(stderr, "\n    %s:%d: [%s] gave [%s], expected [%s]\n", file, line, src, got, expected);
    CU_ASSERT_STRING_EQUAL(got, expected);
    free(got);
    tmpl_free(t);
}
#define check(src, expected) check_at(src, expected, __FILE__, __LINE__)

static bool has_warning(const char *fragment)
{
    for (size_t i = 0; i < diags.len; i++)
        if (diags.items[i].severity == DIAG_WARNING && strstr(diags.items[i].message, fragment))
            return true;
    fprintf(stderr, "\n    no warning containing [%s] among %zu diagnostics\n", fragment, diags.len);
    for (size_t i = 0; i < diags.len; i++)
        fprintf(stderr, "      %s\n", diags.items[i].message);
    return false;
}

static void test_plain_text_and_escapes(void)
{
    setup();
    check("", "");
    check("plain text", "plain text");
    /* escapes are processed only when the string has a reference [2.13-observed] */
    check("a\\,b", "a\\,b");
    check("a\\,b ${x}", "a,b X");
    check("\\x ${x}", "\\x X");
    check("${x}\\", "X\\");
    check("\\\\ ${x}", "\\ X");
    check("\\${x} ${x}", "${x} X");
    check("\\${x}", "\\${x}");
    check("$$${x}", "$$X");
    check("100$ ${x}", "100$ X");
    CU_ASSERT_EQUAL(diags.len, 0);
    teardown();
}

static void test_variables(void)
{
    setup();
    check("${x}", "X");
    check("<${x}|${n}>", "<X|3>");
    check("${undefinedvar}", "${undefinedvar}");
    check("${x}${}", "X${}");
    /* names are not trimmed */
    check("${ x}", "${ x}");
    strmap_set(&vars, " x ", "spaced");
    check("${ x }", "spaced");
    /* a backslash inside a name keeps the next character */
    strmap_set(&vars, "a}b", "brace");
    check("${a\\}b}", "brace");
    /* dotted names and JMeter's own variables */
    strmap_set(&vars, "JMeterThread.last_sample_ok", "true");
    check("${JMeterThread.last_sample_ok}", "true");
    check("${__jm__Loop__idx}", "${__jm__Loop__idx}");
    CU_ASSERT_EQUAL(diags.len, 0);
    teardown();
}

static void test_unterminated_reference(void)
{
    setup();
    /* the text after an unterminated "${" is kept, without "${" [2.13-observed] */
    check("abc${def", "abcdef");
    check("a\\,b${def", "a,bdef");
    check("abc${", "abc");
    /* alone it is a single piece of text: the string stays as written */
    check("${def", "${def");
    check("${", "${");
    teardown();
}

static void test_unknown_functions(void)
{
    setup();
    check("${__nosuch(1)}", "${__nosuch(1)}");
    CU_ASSERT_TRUE(has_warning("unknown function __nosuch: left as literal text, as JMeter does"));
    CU_ASSERT_EQUAL(diags.items[0].line, 7);
    CU_ASSERT_STRING_EQUAL(diags.items[0].file, "plan.jmx");
    check("${__nosuch(${x})}", "${__nosuch(${x})}");
    /* one warning for an unknown call, even when a known one sits inside it */
    size_t count = diags.len;
    check("${__nosuch(${__P(a,b)})}", "${__nosuch(${__P(a,b)})}");
    CU_ASSERT_EQUAL(diags.len, count + 1);
    /* without parentheses it is a variable name: no warning */
    size_t before = diags.len;
    check("${__nosuch}", "${__nosuch}");
    CU_ASSERT_EQUAL(diags.len, before);
    /* '(' right after a space does not start a call */
    check("${__P (a)}", "${__P (a)}");
    teardown();
}

static void test_function_calls(void)
{
    setup();
    check("${__P(a,b)}", "b");
    check("${__P(a)}", "1");
    /* 5.6 trims the function name and allows spaces before '}' */
    check("${ __P(zz)}", "1");
    check("${__P(a,b)  }", "b");
    /* without parentheses a function name is a call with no arguments */
    char *u = expr_eval_string("${__UUID}|${__UUID()}", &ctx);
    CU_ASSERT_EQUAL(strlen(u), 73);
    CU_ASSERT_EQUAL(u[36], '|');
    free(u);
    check("${__threadNum}", "1");
    teardown();
}

static void test_arguments(void)
{
    setup();
    /* \, inside an argument is a literal comma */
    check("${__P(a\\,b,c)}", "c");
    check("${__P(${__P(nope,a\\,b)},z)}", "z");
    check("${__P(x,${__P(y,z)})}", "z");
    /* parentheses do not protect commas: __V gets "x(1" and "2)" */
    check("${__V(x(1,2))}", "2)");
    /* balanced parentheses are kept in an argument */
    check("${__V(f(a))}", "f(a)");
    /* \) protects a parenthesis; the backslash stays (only \$ \, \\ are escapes) */
    check("${__V(a\\)b)}", "a\\)b");
    /* arguments are templates: variables and nested calls */
    check("${__V(A_${n})}", "a3");
    check("${__V(nope,${x}!)}", "X!");
    /* empty arguments */
    check("${__P(,)}", "");
    check("${__V()}", "${__V()}");   /* no argument: __V needs one */
    teardown();
}

static void test_rejected_calls_are_literal(void)
{
    setup();
    check("${__Random(1)}", "${__Random(1)}");
    CU_ASSERT_TRUE(has_warning("__Random called with 1 arguments, it takes 2 to 3"));
    check("${__Random(1,2)x}", "${__Random(1,2)x}");
    CU_ASSERT_TRUE(has_warning("expected } after __Random function call"));
    check("${__P(a,b)", "${__P(a,b)");
    check("${__P(a,b", "${__P(a,b");
    check("${__P(a,b\\)}", "${__P(a,b\\)}");
    check("pre ${__P(a)b} post ${x}", "pre ${__P(a)b} post ${x}");
    check("${__char()}", "${__char()}");
    CU_ASSERT_TRUE(has_warning("__char called with 0 arguments, it needs at least 1"));
    check("${__Random}", "${__Random}");
    /* an error inside an argument rejects the whole string */
    check("${__P(${__Random(1)},d)} ${x}", "${__P(${__Random(1)},d)} ${x}");
    check("[${__P(${x)}]", "[${__P(${x)}]");
    CU_ASSERT_TRUE(has_warning("the whole text is used literally"));
    teardown();
}

static void test_parts(void)
{
    setup();
    struct arena *a = arena_new();
    struct tmpl *t = tmpl_compile(a, "id=${x}&r=${__Random(1,${n})}", NULL, NULL, 0);
    CU_ASSERT_FALSE(t->is_literal);
    CU_ASSERT_STRING_EQUAL(t->source, "id=${x}&r=${__Random(1,${n})}");
    CU_ASSERT_EQUAL(t->n_parts, 4);
    CU_ASSERT_EQUAL(t->parts[0].kind, TMPL_TEXT);
    CU_ASSERT_STRING_EQUAL(t->parts[0].text, "id=");
    CU_ASSERT_EQUAL(t->parts[1].kind, TMPL_VAR);
    CU_ASSERT_STRING_EQUAL(t->parts[1].text, "x");
    CU_ASSERT_STRING_EQUAL(t->parts[1].raw, "${x}");
    CU_ASSERT_EQUAL(t->parts[3].kind, TMPL_CALL);
    CU_ASSERT_STRING_EQUAL(t->parts[3].fn->name, "__Random");
    CU_ASSERT_STRING_EQUAL(t->parts[3].raw, "${__Random(1,${n})}");
    CU_ASSERT_EQUAL(t->parts[3].n_args, 2);
    CU_ASSERT_TRUE(t->parts[3].args[0]->is_literal);
    CU_ASSERT_FALSE(t->parts[3].args[1]->is_literal);
    CU_ASSERT_EQUAL(t->parts[3].args[1]->parts[0].kind, TMPL_VAR);
    CU_ASSERT_TRUE(tmpl_uses_function(t, "__Random"));
    CU_ASSERT_FALSE(tmpl_uses_function(t, "__P"));
    CU_ASSERT_PTR_NULL(t->own_arena);

    struct tmpl *lit = tmpl_compile(a, "a\\,b", NULL, NULL, 0);
    CU_ASSERT_TRUE(lit->is_literal);
    CU_ASSERT_EQUAL(lit->n_parts, 1);
    CU_ASSERT_STRING_EQUAL(lit->parts[0].text, "a\\,b");

    struct tmpl *nested = tmpl_compile(a, "${__P(${__UUID()},d)}", NULL, NULL, 0);
    CU_ASSERT_TRUE(tmpl_uses_function(nested, "__UUID"));
    CU_ASSERT_EQUAL(nested->parts[0].args[0]->parts[0].n_args, 0);
    /* each call site has its own occurrence id */
    CU_ASSERT_NOT_EQUAL(t->parts[3].occurrence, nested->parts[0].occurrence);
    arena_free(a);

    struct tmpl *heap = tmpl_compile(NULL, "${x}", NULL, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL(heap->own_arena);
    tmpl_free(heap);
    tmpl_free(NULL);
    teardown();
}

static void test_props_only(void)
{
    struct arena *a = arena_new();
    static const struct { const char *src; bool props_only; } cases[] = {
        {"plain", true},
        {"", true},
        {"${__P(host,localhost)}:${__P(port)}", true},
        {"${__property(host)}", true},
        {"${__P(${__P(name)},d)}", true},
        {"${__property(host,,v)}", false},   /* also sets variable v */
        {"${x}", false},
        {"${__P(${x})}", false},
        {"${__Random(1,9)}", false},
        {"${__P(h,${__time()})}", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tmpl *t = tmpl_compile(a, cases[i].src, NULL, NULL, 0);
        if (tmpl_props_only(t) != cases[i].props_only)
            CU_FAIL(cases[i].src);
    }
    CU_ASSERT_TRUE(tmpl_props_only(NULL));
    arena_free(a);
}

static void test_eval_helpers(void)
{
    setup();
    char *s = expr_eval_string("v=${x}", &ctx);
    CU_ASSERT_STRING_EQUAL(s, "v=X");
    free(s);
    /* appending keeps what is in the buffer */
    struct tmpl *t = tmpl_compile(NULL, "${n}", NULL, NULL, 0);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, "n=");
    tmpl_eval(t, &ctx, &sb);
    CU_ASSERT_STRING_EQUAL(sb.s, "n=3");
    strbuf_free(&sb);
    tmpl_free(t);
    /* a context without variables prints references literally */
    struct expr_ctx bare;
    expr_ctx_init(&bare, NULL, NULL);
    s = expr_eval_string("${x}|${__P(a,b)}", &bare);
    CU_ASSERT_STRING_EQUAL(s, "${x}|b");
    free(s);
    teardown();
}

static void test_function_table(void)
{
    size_t n;
    const struct expr_function *const *all = expr_function_all(&n);
    CU_ASSERT_TRUE(n >= 45);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_PTR_NOT_NULL(all[i]->eval);
        CU_ASSERT_PTR_NOT_NULL(all[i]->summary);
        CU_ASSERT_TRUE(all[i]->max_args < 0 || all[i]->max_args >= all[i]->min_args);
        CU_ASSERT_PTR_EQUAL(expr_function_find(all[i]->name), all[i]);
        if (i > 0)
            CU_ASSERT_TRUE(strcmp(all[i - 1]->name, all[i]->name) < 0);
    }
    static const char *const required[] = {
        "__UUID", "__Random", "__RandomString", "__RandomDate", "__time", "__timeShift",
        "__dateTimeConvert", "__threadNum", "__threadGroupName", "__samplerName", "__counter",
        "__intSum", "__longSum", "__P", "__property", "__setProperty", "__isPropDefined",
        "__isVarDefined", "__V", "__eval", "__evalVar", "__split", "__urlencode", "__urldecode",
        "__escapeHtml", "__unescapeHtml", "__escapeXml", "__char", "__changeCase", "__digest",
        "__base64Encode", "__base64Decode", "__machineName", "__machineIP", "__TestPlanName",
        "__CSVRead", "__StringFromFile", "__jexl2", "__jexl3", "__groovy", "__javaScript",
        "__unescape", "__escapeOroRegexpChars", "__log", "__logn", "__StringToFile",
        "__FileToString", "__RandomFromMultipleVars",
    };
    for (size_t i = 0; i < ARRAY_LEN(required); i++) {
        if (!expr_function_find(required[i]))
            fprintf(stderr, "\n    missing %s\n", required[i]);
        CU_ASSERT_PTR_NOT_NULL(expr_function_find(required[i]));
    }
    CU_ASSERT_PTR_NULL(expr_function_find("__nosuch"));
    CU_ASSERT_PTR_NULL(expr_function_find("__p"));
}

/* The same compiled template evaluated by several threads at once. */
struct worker {
    const struct tmpl *t;
    struct strmap vars, state;
    struct expr_ctx ctx;
    int iterations;
    bool ok;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    w->ok = true;
    for (int i = 1; i <= w->iterations; i++) {
        char *s = tmpl_eval_dup(w->t, &w->ctx);
        char expected[32];
        snprintf(expected, sizeof expected, "%d", i);
        /* the per-user counter must count this user's evaluations only */
        const char *bar = strchr(s, '|');
        if (!bar || strncmp(s, expected, strlen(expected)) != 0 || bar != s + strlen(expected))
            w->ok = false;
        free(s);
    }
    return NULL;
}

static void test_concurrent_evaluation(void)
{
    setup();
    struct tmpl *t = tmpl_compile(NULL, "${__counter(TRUE)}|${__counter(FALSE)}|${__Random(1,9)}|${__setProperty(p,${x})}",
                                  NULL, NULL, 0);
    enum { N = 4, ITER = 2000 };
    struct worker w[N];
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        w[i].t = t;
        w[i].iterations = ITER;
        strmap_init(&w[i].vars);
        strmap_init(&w[i].state);
        strmap_set(&w[i].vars, "x", "v");
        expr_ctx_init(&w[i].ctx, &env, &w[i].vars);
        w[i].ctx.user_state = &w[i].state;
        pthread_create(&th[i], NULL, work, &w[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        CU_ASSERT_TRUE(w[i].ok);
        strmap_free(&w[i].vars);
        strmap_free(&w[i].state);
    }
    /* the shared counter was taken N*ITER times: the next value follows */
    char *s = tmpl_eval_dup(t, &ctx);
    char expected[64];
    snprintf(expected, sizeof expected, "1|%d|", N * ITER + 1);
    CU_ASSERT_TRUE(strncmp(s, expected, strlen(expected)) == 0);
    free(s);
    tmpl_free(t);
    teardown();
}

static void test_limits(void)
{
    setup();
    struct expr_limits saved, small = {.max_output = 1 << 16, .max_depth = 16, .max_work = 1 << 20};
    expr_get_limits(&saved);
    expr_set_limits(&small);
    /* a variable that evaluates itself would recurse forever */
    strmap_set(&vars, "r", "${__evalVar(r)}");
    ctx.error = NULL;
    check("<${__evalVar(r)}>", "<>");
    CU_ASSERT_PTR_NOT_NULL(ctx.error);
    /* doubling at every level would be exponential */
    strmap_set(&vars, "r2", "ab${__evalVar(r2)}${__evalVar(r2)}");
    ctx.error = NULL;
    struct tmpl *t = tmpl_compile(NULL, "${__evalVar(r2)}", NULL, NULL, 0);
    char *s = tmpl_eval_dup(t, &ctx);
    CU_ASSERT_TRUE(strlen(s) <= (1 << 16) + 64);
    CU_ASSERT_TRUE(strncmp(s, "abab", 4) == 0);
    CU_ASSERT_PTR_NOT_NULL(ctx.error);
    free(s);
    tmpl_free(t);
    /* a huge random string is cut at the output limit */
    ctx.error = NULL;
    s = expr_eval_string("${__RandomString(100000000,a)}", &ctx);
    CU_ASSERT_TRUE(strlen(s) <= (1 << 16));
    CU_ASSERT_TRUE(strlen(s) > 1000);
    free(s);
    /* the limits are back to normal afterwards: depth 20 works with defaults */
    expr_set_limits(&saved);
    check("${__P(${__P(${__P(${__P(${__P(${__P(${__P(${__P(${__P(${__P(${__P(${__P(${__P(${__P("
          "${__P(${__P(${__P(${__P(${__P(${__P(a,b)})})})})})})})})})})})})})})})})})})})}",
          "1");   /* the innermost gives b, then property b is undefined: 1 */
    /* very deep nesting at compile time is refused, not a stack overflow */
    struct strbuf deep;
    strbuf_init(&deep);
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&deep, "${__P(");
    t = tmpl_compile(NULL, deep.s, NULL, NULL, 0);
    CU_ASSERT_TRUE(t->is_literal);
    tmpl_free(t);
    strbuf_free(&deep);
    teardown();
}

static void test_eval_and_evalvar(void)
{
    setup();
    /* [2.13-observed]: UDV value \${x}-\${__P(q,Q)} */
    strmap_set(&vars, "evalme", "\\${x}-\\${__P(q,Q)}");
    check("${__eval(${evalme})}|${__evalVar(evalme)}|${evalme}",
          "${x}-${__P(q,Q)}|${x}-${__P(q,Q)}|\\${x}-\\${__P(q,Q)}");
    strmap_set(&vars, "tmpl", "${x}-${__P(q,Q)}");
    check("${__evalVar(tmpl)}", "X-Q");
    check("${__eval(${tmpl})}", "X-Q");
    /* __eval of text JMeter refuses yields nothing */
    strmap_set(&vars, "bad", "${__Random(1)}");
    check("[${__evalVar(bad)}]", "[]");
    check("[${__evalVar(undefined)}]", "[]");
    /* escapes are processed by __eval even without references */
    strmap_set(&vars, "esc", "a\\,b");
    check("${__evalVar(esc)}", "a,b");
    teardown();
}

int main(void)
{
    static const struct cu_test tests[] = {
        {"plain text and escapes", test_plain_text_and_escapes},
        {"variables", test_variables},
        {"unterminated reference", test_unterminated_reference},
        {"unknown functions", test_unknown_functions},
        {"function calls", test_function_calls},
        {"arguments", test_arguments},
        {"rejected calls are literal", test_rejected_calls_are_literal},
        {"parts", test_parts},
        {"eval helpers", test_eval_helpers},
        {"properties-only templates", test_props_only},
        {"function table", test_function_table},
        {"concurrent evaluation", test_concurrent_evaluation},
        {"limits", test_limits},
        {"eval and evalVar", test_eval_and_evalvar},
        {NULL, NULL},
    };
    return cu_run("template", tests);
}
