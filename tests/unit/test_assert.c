/* test_assert.c - Response, Duration and Size assertions, their scopes, and the Result
 * Status Action Handler (digest §8.5-8.7).
 *
 * test_oracle_213 rebuilds the samples of tests/data/postprocess/oracle-postprocess.jmx
 * (Java Request samplers with fixed bodies), runs the same assertions and compares every
 * assertion result with what the real JMeter 2.13 recorded in oracle-postprocess.213.xml.
 * Those messages are the same in 5.6 (same source text for the cases used; 2.13 lacks
 * OR, custom messages, request headers/data, which are tested from the 5.6 sources). */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "jmx2run/postprocess.h"
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

static struct sample *mk(const char *body)
{
    struct sample *s = sample_new();
    strbuf_adds(&s->body, body);
    s->bytes = (int64_t)strlen(body);
    s->response_code = xstrdup("200");
    s->response_message = xstrdup("OK");
    s->data_type = "text";
    return s;
}

/* A Response Assertion; patterns end with NULL. */
static struct plan_response_assertion RA(enum assert_field field, int type, ...)
{
    struct plan_response_assertion a = {0};
    a.field = field;
    a.test_type = type;
    a.custom_message = T("");
    a.scope.scope = SCOPE_PARENT;
    a.patterns = arena_alloc(arena, 8 * sizeof *a.patterns);
    va_list ap;
    va_start(ap, type);
    for (const char *p; (p = va_arg(ap, const char *)) && a.n_patterns < 8;)
        a.patterns[a.n_patterns++] = T(p);
    va_end(ap);
    return a;
}

static const struct assertion_result *last(const struct sample *s)
{
    CU_ASSERT_FATAL(s->n_assertions > 0);
    return &s->assertions[s->n_assertions - 1];
}

/* Runs a on a fresh sample with this body and checks the single result. */
static void expect_ra(const struct plan_response_assertion *a, struct sample *s, bool failure,
                      bool error, const char *message)
{
    size_t before = s->n_assertions;
    response_assertion_run(a, "RA", s, &ctx);
    CU_ASSERT_EQUAL_FATAL(s->n_assertions, before + 1);
    const struct assertion_result *r = last(s);
    CU_ASSERT_EQUAL(r->failure, failure);
    CU_ASSERT_EQUAL(r->error, error);
    if (message)
        CU_ASSERT_STRING_EQUAL_MSG(r->message, message);
    else
        CU_ASSERT_PTR_NULL(r->message);
}

/* ------------------------------------------------------------ 2.13 oracle */

struct recorded {
    char *label;
    bool success;
    size_t n;
    char *names[32], *messages[32];
    bool failure[32], error[32];
};

static char *child_text(xmlNode *n, const char *name)
{
    for (xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) {
            xmlChar *t = xmlNodeGetContent(c);
            char *r = xstrdup((const char *)t);
            xmlFree(t);
            return r;
        }
    return NULL;
}

static size_t load_recorded(struct recorded *out, size_t max)
{
    char *path = test_path("tests/data/postprocess/oracle-postprocess.213.xml");
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    free(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    size_t n = 0;
    for (xmlNode *s = xmlDocGetRootElement(doc)->children; s && n < max; s = s->next) {
        if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "sample") != 0)
            continue;
        struct recorded *r = &out[n++];
        memset(r, 0, sizeof *r);
        xmlChar *lb = xmlGetProp(s, (const xmlChar *)"lb"), *ok = xmlGetProp(s, (const xmlChar *)"s");
        r->label = xstrdup((const char *)lb);
        r->success = strcmp((const char *)ok, "true") == 0;
        xmlFree(lb);
        xmlFree(ok);
        for (xmlNode *a = s->children; a; a = a->next) {
            if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "assertionResult") != 0)
                continue;
            char *f = child_text(a, "failure"), *e = child_text(a, "error");
            r->names[r->n] = child_text(a, "name");
            r->messages[r->n] = child_text(a, "failureMessage");
            r->failure[r->n] = f && strcmp(f, "true") == 0;
            r->error[r->n] = e && strcmp(e, "true") == 0;
            free(f);
            free(e);
            r->n++;
        }
    }
    xmlFreeDoc(doc);
    return n;
}

static void free_recorded(struct recorded *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].label);
        for (size_t k = 0; k < r[i].n; k++) {
            free(r[i].names[k]);
            free(r[i].messages[k]);
        }
    }
}

static void compare_with_recorded(const struct sample *s, const struct recorded *rec, size_t n_rec)
{
    const struct recorded *r = NULL;
    for (size_t i = 0; i < n_rec; i++)
        if (strcmp(rec[i].label, s->label) == 0)
            r = &rec[i];
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(s->success, r->success);
    CU_ASSERT_EQUAL_FATAL(s->n_assertions, r->n);
    for (size_t k = 0; k < r->n; k++) {
        const struct assertion_result *a = &s->assertions[k];
        CU_ASSERT_STRING_EQUAL_MSG(a->name, r->names[k]);
        CU_ASSERT_EQUAL(a->failure, r->failure[k]);
        CU_ASSERT_EQUAL(a->error, r->error[k]);
        if (r->messages[k])
            CU_ASSERT_STRING_EQUAL_MSG(a->message, r->messages[k]);
        else
            CU_ASSERT_PTR_NULL(a->message);
    }
}

static void run_ra(struct sample *s, const char *name, struct plan_response_assertion a)
{
    response_assertion_run(&a, name, s, &ctx);
}

static void run_size(struct sample *s, const char *name, const char *size, enum size_operator op,
                     enum size_field field)
{
    struct plan_size_assertion a = {T(size), op, field, {SCOPE_PARENT, NULL}};
    size_assertion_run(&a, name, s, &ctx);
}

static struct sample *java_sample(const char *label, const char *body)
{
    struct sample *s = mk(body);
    sample_set_label(s, label);
    return s;
}

static void test_oracle_213(void)
{
    static struct recorded rec[16];
    size_t n_rec = load_recorded(rec, ARRAY_LEN(rec));
    CU_ASSERT(n_rec >= 9);
    reset();
    strmap_set(&vars, "myvar", "some value");
    enum assert_field D = ASSERT_FIELD_RESPONSE_DATA;

    struct sample *s = java_sample("J hello", "hello world");
    run_ra(s, "RA contains", RA(D, 2, "nope", NULL));
    run_ra(s, "RA not contains", RA(D, 6, "hello", NULL));
    run_ra(s, "RA matches", RA(D, 1, "hello", NULL));
    run_ra(s, "RA matches alternation", RA(D, 1, "hello|hello world", NULL));
    run_ra(s, "RA equals", RA(D, 8, "hello there world", NULL));
    run_ra(s, "RA substring", RA(D, 16, "xyz", NULL));
    run_ra(s, "RA not equals", RA(D, 12, "hello world", NULL));
    run_ra(s, "RA bad regex", RA(D, 2, "([a-z", NULL));
    run_ra(s, "RA code equals", RA(ASSERT_FIELD_RESPONSE_CODE, 8, "201", NULL));
    run_ra(s, "RA message matches", RA(ASSERT_FIELD_RESPONSE_MESSAGE, 1, "O", NULL));
    run_ra(s, "RA url contains", RA(ASSERT_FIELD_URL, 2, "x", NULL));
    run_ra(s, "RA two patterns", RA(D, 2, "hello", "planet", "zzz", NULL));
    struct plan_response_assertion v = RA(D, 2, "zzz", NULL);
    v.scope = (struct plan_sample_scope){SCOPE_VARIABLE, T("myvar")};
    run_ra(s, "RA variable", v);
    run_ra(s, "RA not matches", RA(D, 5, "hello.*", NULL));
    run_ra(s, "RA modifiers at end", RA(D, 2, "a(?i)", NULL));
    run_ra(s, "RA lookbehind", RA(D, 2, "(?<=h)ello", NULL));
    run_size(s, "Size equal", "1234", SIZE_EQ, SIZE_FIELD_NETWORK);
    run_size(s, "Size greater", "12345678", SIZE_GT, SIZE_FIELD_NETWORK);
    run_size(s, "Size code", "1", SIZE_LT, SIZE_FIELD_CODE);
    compare_with_recorded(s, rec, n_rec);
    sample_free(s);

    s = java_sample("J empty", "");
    run_ra(s, "RA empty contains", RA(D, 2, "x", NULL));
    run_ra(s, "RA empty not contains", RA(D, 6, "x", NULL));
    compare_with_recorded(s, rec, n_rec);
    sample_free(s);

    char long_a[302], long_b[302], short_a[152];
    memset(long_a, 'a', 150);
    long_a[150] = 'X';
    memset(long_a + 151, 'b', 150);
    long_a[301] = '\0';
    memcpy(long_b, long_a, sizeof long_b);
    long_b[150] = 'Y';
    memcpy(short_a, long_a, 151);
    short_a[151] = '\0';
    s = java_sample("J long", long_a);
    run_ra(s, "RA long equals", RA(D, 8, long_b, NULL));
    run_ra(s, "RA long equals shorter", RA(D, 8, short_a, NULL));
    compare_with_recorded(s, rec, n_rec);
    sample_free(s);

    s = java_sample("J unicode", "h\xC3\xA9llo w\xC3\xB6rld");
    run_ra(s, "RA unicode equals", RA(D, 8, "h\xC3\xA9llo world", NULL));
    compare_with_recorded(s, rec, n_rec);
    sample_free(s);

    s = java_sample("J slow", "slow");
    s->elapsed_ms = 1100;
    struct plan_duration_assertion d = {T("1000"), {SCOPE_PARENT, NULL}};
    duration_assertion_run(&d, "Duration", s, &ctx);
    compare_with_recorded(s, rec, n_rec);
    sample_free(s);

    s = java_sample("J 404", "not found body");
    free(s->response_code);
    free(s->response_message);
    s->response_code = xstrdup("404");
    s->response_message = xstrdup("Not Found");
    s->success = false;
    s->error_count = 1;
    struct plan_response_assertion as = RA(ASSERT_FIELD_RESPONSE_CODE, 8, "404", NULL);
    as.assume_success = true;
    run_ra(s, "RA assume success", as);
    compare_with_recorded(s, rec, n_rec);
    CU_ASSERT_EQUAL(s->error_count, 0);
    sample_free(s);
    free_recorded(rec, n_rec);
}

/* ------------------------------------------------------- Response Assertion */

static void test_response_types(void)
{
    static const struct {
        int type;
        const char *pattern;
        bool failure;
        const char *message;
    } rows[] = {
        {ASSERT_CONTAINS, "wor.d", false, NULL},
        {ASSERT_CONTAINS, "^world", true, "Test failed: text expected to contain /^world/"},
        {ASSERT_MATCHES, "hello.*", false, NULL},
        {ASSERT_MATCHES, "hello", true, "Test failed: text expected to match /hello/"},
        {ASSERT_EQUALS, "hello world", false, NULL},
        {ASSERT_SUBSTRING, "o w", false, NULL},
        {ASSERT_SUBSTRING, "wor.d", true, "Test failed: text expected to contain /wor.d/"},
        {ASSERT_NOT | ASSERT_CONTAINS, "xyz", false, NULL},
        {ASSERT_NOT | ASSERT_SUBSTRING, "o w", true, "Test failed: text expected not to contain /o w/"},
        {ASSERT_NOT | ASSERT_MATCHES, "hello", false, NULL},
        {ASSERT_NOT | ASSERT_EQUALS, "hello", false, NULL},
        /* several type bits: CONTAINS > EQUALS > SUBSTRING > MATCHES; the message is
         * chosen on the whole value */
        {ASSERT_MATCHES | ASSERT_CONTAINS, "llo", false, NULL},
        {ASSERT_MATCHES | ASSERT_CONTAINS, "xyz", true, "Test failed: text expected something using /xyz/"},
        {ASSERT_EQUALS | ASSERT_SUBSTRING, "hello", true,
         "Test failed: text expected something using /\n\n****** received  : hello[[[ world]]]\n\n"
         "****** comparison: hello[[[      ]]]\n\n/"},
        {ASSERT_CONTAINS | ASSERT_EQUALS, "llo", false, NULL},
        {ASSERT_NOT, "hello world", true, "Test failed: text expected something using /hello world/"},
        {ASSERT_NOT, "hello", false, NULL},
        /* MATCHES does not backtrack into another alternative to reach the end (ORO) */
        {ASSERT_MATCHES, "hello|hello world", true, "Test failed: text expected to match /hello|hello world/"},
        {ASSERT_MATCHES, "hello world|hello", false, NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct sample *s = mk("hello world");
        struct plan_response_assertion a = RA(ASSERT_FIELD_RESPONSE_DATA, rows[i].type, rows[i].pattern, NULL);
        expect_ra(&a, s, rows[i].failure, false, rows[i].message);
        CU_ASSERT_EQUAL(s->success, !rows[i].failure);
        CU_ASSERT_EQUAL(s->error_count, rows[i].failure ? 1 : 0);
        sample_free(s);
    }
}

static void test_response_or_and_custom(void)
{
    reset();
    struct sample *s = mk("hello world");
    struct plan_response_assertion a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_SUBSTRING | ASSERT_OR,
                                          "nope", "world", NULL);
    expect_ra(&a, s, false, false, NULL);
    /* every pattern failed: each message followed by a TAB; the switch sees 48 */
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_SUBSTRING | ASSERT_OR, "nope", "nada", NULL);
    expect_ra(&a, s, true, false,
              "Test failed: text expected something using /nope/\t"
              "Test failed: text expected something using /nada/\t");
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_NOT | ASSERT_CONTAINS | ASSERT_OR, "hello", "world", NULL);
    expect_ra(&a, s, true, false,
              "Test failed: text expected something using /hello/\t"
              "Test failed: text expected something using /world/\t");
    a.custom_message = T("custom ${who}");
    strmap_set(&vars, "who", "me");
    expect_ra(&a, s, true, false, "custom me");
    /* OR without patterns fails with the empty list's suffix; AND passes */
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS | ASSERT_OR, NULL);
    expect_ra(&a, s, true, false, "\t");
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, NULL);
    expect_ra(&a, s, false, false, NULL);
    /* AND: the first failing pattern, or the custom message */
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, "hello", "x+y", "nope", NULL);
    expect_ra(&a, s, true, false, "Test failed: text expected to contain /x+y/");
    a.custom_message = T("went wrong");
    expect_ra(&a, s, true, false, "went wrong");
    /* patterns are templates */
    strmap_set(&vars, "w", "world");
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_EQUALS, "hello ${w}", NULL);
    expect_ra(&a, s, false, false, NULL);
    /* the first message is the sample's failureMessage */
    CU_ASSERT_STRING_EQUAL_MSG(sample_failure_message(s),
                               "Test failed: text expected something using /nope/\t"
                               "Test failed: text expected something using /nada/\t");
    sample_free(s);
}

static void test_response_fields(void)
{
    static const struct {
        enum assert_field field;
        const char *word;
    } rows[] = {
        {ASSERT_FIELD_RESPONSE_DATA, "text"},
        {ASSERT_FIELD_DOCUMENT, "document"},
        {ASSERT_FIELD_RESPONSE_CODE, "code"},
        {ASSERT_FIELD_RESPONSE_MESSAGE, "message"},
        {ASSERT_FIELD_RESPONSE_HEADERS, "headers"},
        {ASSERT_FIELD_REQUEST_HEADERS, "request headers"},
        {ASSERT_FIELD_REQUEST_DATA, "request data"},
        {ASSERT_FIELD_URL, "URL"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct sample *s = mk("body text");
        strbuf_adds(&s->response_headers, "HTTP/1.1 200 OK\nServer: x\n");
        strbuf_adds(&s->request_headers, "Accept: */*\n");
        strbuf_adds(&s->request_data, "GET http://h/p\n\n");
        s->url = xstrdup("http://h/p");
        struct plan_response_assertion a = RA(rows[i].field, ASSERT_CONTAINS, "zzz", NULL);
        char *msg = xasprintf("Test failed: %s expected to contain /zzz/", rows[i].word);
        expect_ra(&a, s, true, false, msg);
        free(msg);
        /* each field holds its own text */
        static const char *const present[] = {"body", "body", "200", "OK", "Server", "Accept", "GET http", "//h/"};
        a = RA(rows[i].field, ASSERT_SUBSTRING, present[i], NULL);
        expect_ra(&a, s, false, false, NULL);
        sample_free(s);
    }
    /* empty field: NOT passes, otherwise "Response was null" */
    reset();
    struct sample *s = mk("");
    struct plan_response_assertion a = RA(ASSERT_FIELD_REQUEST_DATA, ASSERT_EQUALS, "", NULL);
    expect_ra(&a, s, true, false, "Response was null");
    a.test_type = ASSERT_NOT | ASSERT_EQUALS;
    expect_ra(&a, s, false, false, NULL);
    /* the variable scope tests the variable, and an unset one is empty */
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, "x", NULL);
    a.scope = (struct plan_sample_scope){SCOPE_VARIABLE, T("unset")};
    expect_ra(&a, s, true, false, "Response was null");
    strmap_set(&vars, "set", "abc");
    a.scope.variable = T("set");
    expect_ra(&a, s, true, false, "Test failed: variable(set) expected to contain /x/");
    sample_free(s);
}

static void test_response_errors_and_status(void)
{
    reset();
    struct sample *s = mk("hello");
    struct plan_response_assertion a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, "hel", "a{3,2}", "zzz", NULL);
    expect_ra(&a, s, false, true,
              "Bad test configuration org.apache.oro.text.MalformedCachePatternException: "
              "Invalid expression: a{3,2}\nInvalid interval {3,2}");
    CU_ASSERT_FALSE(s->success);
    /* matches compiles the pattern too; equals and substring do not */
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_MATCHES | ASSERT_OR, "nope", "(", NULL);
    expect_ra(&a, s, false, true,
              "Bad test configuration org.apache.oro.text.MalformedCachePatternException: "
              "Invalid expression: (\nUnmatched parentheses.");
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_SUBSTRING, "(", NULL);
    expect_ra(&a, s, true, false, "Test failed: text expected to contain /(/");
    sample_free(s);

    /* "Ignore status" makes a failed sample successful before the check */
    reset();
    s = mk("Not here");
    s->success = false;
    s->error_count = 1;
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, "here", NULL);
    expect_ra(&a, s, false, false, NULL);
    CU_ASSERT_FALSE(s->success);           /* without it the sample stays failed */
    a.assume_success = true;
    expect_ra(&a, s, false, false, NULL);
    CU_ASSERT_TRUE(s->success);
    CU_ASSERT_EQUAL(s->error_count, 0);
    a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, "nope", NULL);
    a.assume_success = true;
    expect_ra(&a, s, true, false, "Test failed: text expected to contain /nope/");
    CU_ASSERT_FALSE(s->success);
    sample_free(s);
}

/* The EQUALS block: delta markers and section length come from JMeter properties. */
static void test_equals_diff(void)
{
    struct strbuf out;
    strbuf_init(&out);
    equals_diff_text("abcXdef", 7, "abcYYdef", 8, 100, "[[[", "]]]", &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "\n\n****** received  : abc[[[X ]]]def\n\n"
                                      "****** comparison: abc[[[YY]]]def\n\n");
    strbuf_reset(&out);
    equals_diff_text("", 0, "abc", 3, 100, "[[[", "]]]", &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "\n\n****** received  : [[[   ]]]\n\n****** comparison: [[[abc]]]\n\n");
    strbuf_reset(&out);
    equals_diff_text("0123456789", 10, "0123x56789", 10, 3, "<", ">", &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "\n\n****** received  : ...123<4>567...\n\n"
                                      "****** comparison: ...123<x>567...\n\n");
    strbuf_reset(&out);
    /* UTF-16 units: a pair split by the common start comes out as '?' */
    equals_diff_text("\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x81", 4, 100, "[", "]", &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "\n\n****** received  : ?[?]\n\n****** comparison: ?[?]\n\n");
    strbuf_free(&out);

    reset();
    props_set(props, "assertion.equals_diff_delta_start", "<<");
    props_set(props, "assertion.equals_diff_delta_end", ">>");
    props_set(props, "assertion.equals_section_diff_len", "2");
    struct sample *s = mk("abcdef");
    struct plan_response_assertion a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_EQUALS, "abcXef", NULL);
    expect_ra(&a, s, true, false, "Test failed: text expected to equal /\n\n****** received  : ...bc<<d>>ef\n\n"
                                  "****** comparison: ...bc<<X>>ef\n\n/");
    props_remove(props, "assertion.equals_diff_delta_start");
    props_remove(props, "assertion.equals_diff_delta_end");
    props_remove(props, "assertion.equals_section_diff_len");
    sample_free(s);
}

/* ------------------------------------------------------------------- scopes */

static struct sample *tree(void)
{
    /* P(ok) -> A(ok) -> A1(body "bad"), B(ok) */
    struct sample *p = mk("good P"), *a = mk("good A"), *a1 = mk("bad A1"), *b = mk("good B");
    sample_set_label(p, "P");
    sample_set_label(a, "A");
    sample_set_label(a1, "A1");
    sample_set_label(b, "B");
    sample_add_sub(a, a1);
    sample_add_sub(p, a);
    sample_add_sub(p, b);
    return p;
}

static void test_scopes(void)
{
    reset();
    struct plan_response_assertion a = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, "good", NULL);
    a.scope.scope = SCOPE_CHILDREN;
    struct sample *p = tree();
    response_assertion_run(&a, "Checks", p, &ctx);
    struct sample *A = p->subs[0], *A1 = A->subs[0], *B = p->subs[1];
    CU_ASSERT_EQUAL(A1->n_assertions, 1);
    CU_ASSERT_STRING_EQUAL_MSG(A1->assertions[0].message, "Test failed: text expected to contain /good/");
    CU_ASSERT_FALSE(A1->success);
    /* A's own check passed, then its child failed it */
    CU_ASSERT_EQUAL_FATAL(A->n_assertions, 2);
    CU_ASSERT_PTR_NULL(A->assertions[0].message);
    CU_ASSERT_STRING_EQUAL_MSG(A->assertions[1].message, "One or more sub-samples failed");
    CU_ASSERT_STRING_EQUAL_MSG(A->assertions[1].name, "Checks");
    CU_ASSERT_FALSE(A->success);
    CU_ASSERT_EQUAL(B->n_assertions, 1);
    CU_ASSERT_TRUE(B->success);
    /* the parent itself is not checked, only told */
    CU_ASSERT_EQUAL_FATAL(p->n_assertions, 1);
    CU_ASSERT_STRING_EQUAL_MSG(p->assertions[0].message, "One or more sub-samples failed");
    CU_ASSERT_FALSE(p->success);
    CU_ASSERT_EQUAL(p->error_count, 1);
    sample_free(p);

    /* all: the parent first, then the children; an already failed parent gets no extra
     * result (here P fails its own check, B fails, A and A1 pass) */
    p = tree();
    a.scope.scope = SCOPE_ALL;
    a.patterns[0] = T("A");
    response_assertion_run(&a, "Checks", p, &ctx);
    CU_ASSERT_EQUAL_FATAL(p->n_assertions, 1);
    CU_ASSERT_STRING_EQUAL_MSG(p->assertions[0].message, "Test failed: text expected to contain /A/");
    CU_ASSERT_TRUE(p->subs[0]->success);
    CU_ASSERT_FALSE(p->subs[1]->success);
    sample_free(p);

    p = tree();
    a.patterns[0] = T("good");
    response_assertion_run(&a, "Checks", p, &ctx);
    CU_ASSERT_EQUAL_FATAL(p->n_assertions, 2);
    CU_ASSERT_STRING_EQUAL_MSG(p->assertions[1].message, "One or more sub-samples failed");
    sample_free(p);

    /* variable scope: the parent only, whatever the sub-samples */
    p = tree();
    strmap_set(&vars, "v", "good");
    a.scope = (struct plan_sample_scope){SCOPE_VARIABLE, T("v")};
    response_assertion_run(&a, "Checks", p, &ctx);
    CU_ASSERT_EQUAL(p->n_assertions, 1);
    CU_ASSERT_EQUAL(p->subs[0]->n_assertions, 0);
    sample_free(p);

    /* four levels below the parent are checked, not five */
    struct sample *top = mk("good"), *cur = top;
    for (int i = 1; i <= 5; i++) {
        struct sample *c = mk(i == 5 ? "bad" : "good");
        sample_add_sub(cur, c);
        cur = c;
    }
    a.scope = (struct plan_sample_scope){SCOPE_CHILDREN, NULL};
    response_assertion_run(&a, "Checks", top, &ctx);
    CU_ASSERT_EQUAL(cur->n_assertions, 0);
    CU_ASSERT_TRUE(top->success);
    sample_free(top);
}

/* [2.13] oracle-children.jmx: a followed redirect (302 then 200) checked on its
 * sub-samples, then a code check on all; the results of oracle-children.213.xml. */
static void test_scopes_redirect_oracle(void)
{
    reset();
    struct sample *p = mk("{\"echo\": 1}"), *hop = mk("redirecting"), *fin = mk("{\"echo\": 1}");
    free(hop->response_code);
    hop->response_code = xstrdup("302");
    sample_add_sub(p, hop);
    sample_add_sub(p, fin);
    struct plan_response_assertion children = RA(ASSERT_FIELD_RESPONSE_DATA, ASSERT_CONTAINS, "NOPE", NULL);
    children.scope.scope = SCOPE_CHILDREN;
    struct plan_response_assertion code = RA(ASSERT_FIELD_RESPONSE_CODE, ASSERT_EQUALS, "200", NULL);
    code.scope.scope = SCOPE_ALL;
    response_assertion_run(&children, "RA children", p, &ctx);
    response_assertion_run(&code, "RA code all", p, &ctx);
    CU_ASSERT_FALSE(p->success);
    CU_ASSERT_EQUAL_FATAL(p->n_assertions, 2);
    CU_ASSERT_STRING_EQUAL_MSG(p->assertions[0].message, "One or more sub-samples failed");
    CU_ASSERT_STRING_EQUAL_MSG(p->assertions[1].name, "RA code all");
    CU_ASSERT_FALSE(p->assertions[1].failure);
    CU_ASSERT_EQUAL_FATAL(hop->n_assertions, 2);
    CU_ASSERT_STRING_EQUAL_MSG(hop->assertions[0].message, "Test failed: text expected to contain /NOPE/");
    CU_ASSERT_STRING_EQUAL_MSG(hop->assertions[1].message,
                               "Test failed: code expected to equal /\n\n****** received  : [[[302]]]\n\n"
                               "****** comparison: [[[200]]]\n\n/");
    CU_ASSERT_EQUAL_FATAL(fin->n_assertions, 2);
    CU_ASSERT_TRUE(fin->assertions[0].failure);
    CU_ASSERT_FALSE(fin->assertions[1].failure);
    sample_free(p);
}

/* ----------------------------------------------------------------- duration */

static void test_duration(void)
{
    static const struct {
        const char *allowed;
        int64_t elapsed;
        const char *message;
    } rows[] = {
        {"1000", 1000, NULL},
        {"1000", 1001, "The operation lasted too long: It took 1,001 milliseconds, but should not have "
                       "lasted longer than 1,000 milliseconds."},
        {"999", 1234567, "The operation lasted too long: It took 1,234,567 milliseconds, but should not "
                         "have lasted longer than 999 milliseconds."},
        {"0", 5000, NULL},
        {"", 5000, NULL},
        {" 10", 5000, NULL},
        {"-1", 5000, NULL},
        {"ten", 5000, NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct sample *s = mk("x");
        s->elapsed_ms = rows[i].elapsed;
        struct plan_duration_assertion d = {T(rows[i].allowed), {SCOPE_PARENT, NULL}};
        duration_assertion_run(&d, "Dur", s, &ctx);
        CU_ASSERT_EQUAL_FATAL(s->n_assertions, 1);
        CU_ASSERT_EQUAL(s->assertions[0].failure, rows[i].message != NULL);
        if (rows[i].message)
            CU_ASSERT_STRING_EQUAL_MSG(s->assertions[0].message, rows[i].message);
        sample_free(s);
    }
    /* children scope: a slow sub-sample fails its parent */
    reset();
    struct sample *p = mk("p"), *c = mk("c");
    p->elapsed_ms = 50;
    c->elapsed_ms = 500;
    sample_add_sub(p, c);
    struct plan_duration_assertion d = {T("${limit}"), {SCOPE_CHILDREN, NULL}};
    strmap_set(&vars, "limit", "100");
    duration_assertion_run(&d, "Dur", p, &ctx);
    CU_ASSERT_FALSE(c->success);
    CU_ASSERT_EQUAL_FATAL(p->n_assertions, 1);
    CU_ASSERT_STRING_EQUAL_MSG(p->assertions[0].message, "One or more sub-samples failed");
    sample_free(p);
}

/* --------------------------------------------------------------------- size */

static void test_size_fields_and_operators(void)
{
    reset();
    struct sample *s = mk("12345");
    /* status line and two headers: 44 chars + 3 CRs + the blank line's CR LF = 49 */
    strbuf_adds(&s->response_headers, "HTTP/1.1 200 OK\nA: 1\nContent-Length: 5\n");
    CU_ASSERT_EQUAL(s->response_headers.len, 39);
    s->bytes = 44 + 5 + 100;          /* the body went over the wire in 105 bytes (e.g. chunked) */
    free(s->response_message);
    s->response_message = xstrdup("N\xC3\xA9w");
    static const struct {
        enum size_field field;
        int64_t size;
    } fields[] = {
        {SIZE_FIELD_NETWORK, 149}, {SIZE_FIELD_HEADERS, 44}, {SIZE_FIELD_BODY, 105},
        {SIZE_FIELD_CODE, 3}, {SIZE_FIELD_MESSAGE, 3},
    };
    for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
        char num[24];
        snprintf(num, sizeof num, "%lld", (long long)fields[i].size);
        run_size(s, "eq", num, SIZE_EQ, fields[i].field);
        CU_ASSERT_FALSE(last(s)->failure);
        snprintf(num, sizeof num, "%lld", (long long)fields[i].size + 1);
        run_size(s, "eq", num, SIZE_EQ, fields[i].field);
        CU_ASSERT_TRUE(last(s)->failure);
    }
    static const struct {
        enum size_operator op;
        const char *allowed;
        const char *words;
    } ops[] = {
        {SIZE_EQ, "5000", "been equal to"},
        {SIZE_NE, "149", "not been equal to"},
        {SIZE_GT, "149", "been greater than"},
        {SIZE_LT, "149", "been less than"},
        {SIZE_GE, "150", "been greater or equal to"},
        {SIZE_LE, "148", "been less than or equal to"},
    };
    for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
        run_size(s, "Size", ops[i].allowed, ops[i].op, SIZE_FIELD_NETWORK);
        struct strbuf want;
        strbuf_init(&want);
        strbuf_addf(&want, "The result was the wrong size: It was 149 bytes, but should have %s ", ops[i].words);
        int64_t n;
        java_parse_long(ops[i].allowed, &n);
        java_format_grouped(n, &want);
        strbuf_adds(&want, " bytes.");
        CU_ASSERT_TRUE(last(s)->failure);
        CU_ASSERT_STRING_EQUAL_MSG(last(s)->message, want.s);
        strbuf_free(&want);
    }
    run_size(s, "Size", "149", SIZE_GE, SIZE_FIELD_NETWORK);
    CU_ASSERT_FALSE(last(s)->failure);
    run_size(s, "Size", "149", SIZE_LE, SIZE_FIELD_NETWORK);
    CU_ASSERT_FALSE(last(s)->failure);
    run_size(s, "Size", "150", (enum size_operator)9, SIZE_FIELD_NETWORK);
    CU_ASSERT_STRING_EQUAL_MSG(last(s)->message, "The result was the wrong size: It was 149 bytes, but "
                                                 "should have ERROR - invalid condition 150 bytes.");
    sample_free(s);

    /* a sample without headers: the body is the response data */
    s = mk("abc");
    run_size(s, "Size", "3", SIZE_EQ, SIZE_FIELD_BODY);
    CU_ASSERT_FALSE(last(s)->failure);
    run_size(s, "Size", "0", SIZE_EQ, SIZE_FIELD_HEADERS);
    CU_ASSERT_FALSE(last(s)->failure);
    sample_free(s);
}

static void test_size_bad_numbers(void)
{
    reset();
    struct sample *s = mk("abc");
    run_size(s, "Size", "12 ", SIZE_EQ, SIZE_FIELD_NETWORK);
    CU_ASSERT_STRING_EQUAL_MSG(last(s)->name, "Assertion failed! See log file.");
    CU_ASSERT_TRUE(last(s)->error);
    CU_ASSERT_FALSE(last(s)->failure);
    CU_ASSERT_STRING_EQUAL_MSG(last(s)->message, "java.lang.NumberFormatException: For input string: \"12 \"");
    run_size(s, "Size", "", SIZE_EQ, SIZE_FIELD_NETWORK);
    CU_ASSERT_STRING_EQUAL_MSG(last(s)->message, "java.lang.NumberFormatException: For input string: \"\"");
    CU_ASSERT_FALSE(s->success);
    sample_free(s);

    /* variable scope: the variable's value is the size */
    reset();
    s = mk("abc");
    struct plan_size_assertion a = {T("10"), SIZE_LT, SIZE_FIELD_NETWORK, {SCOPE_VARIABLE, T("len")}};
    strmap_set(&vars, "len", "9");
    size_assertion_run(&a, "VarSize", s, &ctx);
    CU_ASSERT_FALSE(last(s)->failure);
    strmap_set(&vars, "len", "12,345");
    size_assertion_run(&a, "VarSize", s, &ctx);
    CU_ASSERT_TRUE(last(s)->failure);
    CU_ASSERT_STRING_EQUAL_MSG(last(s)->message, "Error parsing variable name: len value: 12,345");
    a.scope.variable = T("nothing");
    size_assertion_run(&a, "VarSize", s, &ctx);
    CU_ASSERT_STRING_EQUAL_MSG(last(s)->message, "Error parsing variable name: nothing value: null");
    strmap_set(&vars, "len", "12345");
    a.scope.variable = T("len");
    size_assertion_run(&a, "VarSize", s, &ctx);
    CU_ASSERT_STRING_EQUAL_MSG(last(s)->message, "The result was the wrong size: It was 12,345 bytes, "
                                                 "but should have been less than 10 bytes.");
    sample_free(s);
}

/* ----------------------------------------------------------- result action */

static void test_result_action(void)
{
    static const enum result_action actions[] = {
        RESULT_ACTION_CONTINUE, RESULT_ACTION_STOP_THREAD, RESULT_ACTION_STOP_TEST,
        RESULT_ACTION_STOP_TEST_NOW, RESULT_ACTION_START_NEXT_THREAD_LOOP,
        RESULT_ACTION_START_NEXT_ITERATION, RESULT_ACTION_BREAK_LOOP,
    };
    struct sample *ok = mk("x"), *bad = mk("y");
    bad->success = false;
    for (size_t i = 0; i < ARRAY_LEN(actions); i++) {
        struct plan_result_action a = {actions[i]};
        CU_ASSERT_EQUAL(result_action_for(&a, ok), RESULT_ACTION_CONTINUE);
        CU_ASSERT_EQUAL(result_action_for(&a, bad), actions[i]);
    }
    struct plan_result_action unknown = {(enum result_action)42};
    CU_ASSERT_EQUAL(result_action_for(&unknown, bad), RESULT_ACTION_CONTINUE);
    sample_free(ok);
    sample_free(bad);
}

int main(void)
{
    arena = arena_new();
    props = props_new();
    expr_env_init(&env, props);
    strmap_init(&vars);
    static const struct cu_test tests[] = {
        {"oracle: JMeter 2.13 results", test_oracle_213},
        {"response: types", test_response_types},
        {"response: OR and custom message", test_response_or_and_custom},
        {"response: fields", test_response_fields},
        {"response: errors and status", test_response_errors_and_status},
        {"response: equals diff", test_equals_diff},
        {"scopes", test_scopes},
        {"scopes: redirect (2.13)", test_scopes_redirect_oracle},
        {"duration", test_duration},
        {"size: fields and operators", test_size_fields_and_operators},
        {"size: bad numbers", test_size_bad_numbers},
        {"result action", test_result_action},
        {NULL, NULL},
    };
    int rc = cu_run("assert", tests);
    oro_regex_cache_clear();
    strmap_free(&vars);
    expr_env_cleanup(&env);
    props_free(props);
    arena_free(arena);
    xmlCleanupParser();
    return rc;
}
