/* test_extract.c - the Regular Expression and Boundary extractors (digest §8.1, §8.3),
 * the ORO regex dialect against ORO's own results, field reading and the scope order.
 *
 * Cases marked [2.13] were run on the real JMeter 2.13 (same code paths as 5.6 here):
 * the digest's Regex Extractor observations, and the plan
 * tests/data/postprocess/oracle-postprocess.jmx whose results are in
 * oracle-postprocess.213.xml (the Debug Sampler body at the end lists the variables). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"
#include "testutil.h"

static struct arena *arena;
static struct props *props;
static struct expr_env env;
static struct strmap vars, user_state;
static struct expr_ctx ctx;

static void reset(void)
{
    strmap_clear(&vars);
    strmap_clear(&user_state);
    expr_ctx_init(&ctx, &env, &vars);
    ctx.user_state = &user_state;
    expr_ctx_seed(&ctx, 42);
}

static struct tmpl *T(const char *s)
{
    return tmpl_compile(arena, s, NULL, NULL, 0);
}

static const char *V(const char *name)
{
    return strmap_get(&vars, name);
}

static void set(const char *name, const char *value)
{
    strmap_set(&vars, name, value);
}

static struct sample *mk(const char *body)
{
    struct sample *s = sample_new();
    strbuf_adds(&s->body, body);
    s->response_code = xstrdup("200");
    s->response_message = xstrdup("OK");
    return s;
}

static struct plan_regex_extractor RX(const char *ref, const char *re, const char *tpl, const char *num)
{
    struct plan_regex_extractor x = {0};
    x.field = FIELD_BODY;
    x.refname = T(ref);
    x.regex = T(re);
    x.template_ = T(tpl);
    x.match_number = T(num);
    x.default_value = T("");
    x.scope.scope = SCOPE_PARENT;
    return x;
}

static void run_rx(const struct plan_regex_extractor *x, const struct sample *s)
{
    char *err = NULL;
    CU_ASSERT_TRUE(regex_extractor_run(x, "Regex", s, &ctx, &err));
    CU_ASSERT_PTR_NULL(err);
    free(err);
}

#define EXPECT_VAR(name, value) CU_ASSERT_STRING_EQUAL_MSG(V(name), value)
#define EXPECT_UNSET(name)                                                                    \
    do {                                                                                      \
        if (V(name))                                                                          \
            fprintf(stderr, "\n    %s:%d: %s is set to [%s]\n", __FILE__, __LINE__, name, V(name)); \
        CU_ASSERT_PTR_NULL(V(name));                                                          \
    } while (0)

/* ---------------------------------------------------------------- ORO dialect */

static char *pct_decode(const char *s, size_t len, size_t *out_len)
{
    struct strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '%' || i + 1 >= len) {
            strbuf_addc(&b, s[i]);
            continue;
        }
        char d = s[++i];
        if (d == 'n')
            strbuf_addc(&b, '\n');
        else if (d == 't')
            strbuf_addc(&b, '\t');
        else if (d == 'r')
            strbuf_addc(&b, '\r');
        else if (d == '%')
            strbuf_addc(&b, '%');
        else if (d == 'u' && i + 4 < len) {
            char hex[5] = {s[i + 1], s[i + 2], s[i + 3], s[i + 4], 0};
            unsigned cp = (unsigned)strtoul(hex, NULL, 16);
            i += 4;
            if (cp < 0x80) {
                strbuf_addc(&b, (char)cp);
            } else if (cp < 0x800) {
                strbuf_addc(&b, (char)(0xC0 | (cp >> 6)));
                strbuf_addc(&b, (char)(0x80 | (cp & 0x3F)));
            } else {
                strbuf_addc(&b, (char)(0xE0 | (cp >> 12)));
                strbuf_addc(&b, (char)(0x80 | ((cp >> 6) & 0x3F)));
                strbuf_addc(&b, (char)(0x80 | (cp & 0x3F)));
            }
        } else {
            strbuf_addc(&b, '%');
            strbuf_addc(&b, d);
        }
    }
    *out_len = b.len;
    return strbuf_detach(&b);
}

/* The harness's quoting: "..." with %n %t %r %% %" and %uXXXX (UTF-16 units) */
static void pct_encode(struct strbuf *out, const char *s, size_t len)
{
    strbuf_addc(out, '"');
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        unsigned cp;
        size_t n = 1;
        if (c < 0x80)
            cp = c;
        else if (c < 0xE0) {
            cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3F);
            n = 2;
        } else {
            cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3F);
            n = 3;
        }
        i += n;
        if (cp == '\n')
            strbuf_adds(out, "%n");
        else if (cp == '\t')
            strbuf_adds(out, "%t");
        else if (cp == '\r')
            strbuf_adds(out, "%r");
        else if (cp == '%')
            strbuf_adds(out, "%%");
        else if (cp == '"')
            strbuf_adds(out, "%\"");
        else if (cp < 32 || cp > 126)
            strbuf_addf(out, "%%u%04x", cp);
        else
            strbuf_addc(out, (char)cp);
    }
    strbuf_addc(out, '"');
}

static void oro_describe(const char *pattern, const char *input, size_t len, struct strbuf *out)
{
    const struct oro_regex *re = oro_regex_acquire(pattern);
    if (oro_regex_error(re)) {
        strbuf_adds(out, "=> ERR ");
        pct_encode(out, oro_regex_error(re), strlen(oro_regex_error(re)));
    } else {
        strbuf_addf(out, "=> %c%c", oro_contains(re, input, len) ? 'C' : 'c',
                    oro_matches(re, input, len) ? 'M' : 'm');
        struct oro_iter it;
        oro_iter_init(&it, re, input, len);
        for (int n = 0; n < 30 && oro_iter_next(&it); n++) {
            strbuf_adds(out, " [");
            for (unsigned g = 0; g < oro_regex_groups(re); g++) {
                const char *s;
                size_t glen;
                if (g)
                    strbuf_addc(out, ',');
                if (oro_iter_group(&it, g, &s, &glen))
                    pct_encode(out, s, glen);
                else
                    strbuf_adds(out, "null");
            }
            strbuf_addc(out, ']');
        }
        oro_iter_free(&it);
    }
    oro_regex_release(re);
}

/* Every line of oro_cases.tsv: our translation to PCRE2 must give ORO's verdicts,
 * matches and groups, or ORO's error message. */
static void test_oro_cases(void)
{
    char *path = test_path("tests/data/postprocess/oro_cases.tsv");
    size_t size;
    char *data = file_read_all(path, &size);
    free(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    int cases = 0, failures = 0;
    for (char *line = data; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (*line != '#' && t1 && t2) {
            size_t plen, ilen;
            char *pattern = pct_decode(line, (size_t)(t1 - line), &plen);
            char *input = pct_decode(t1 + 1, (size_t)(t2 - t1 - 1), &ilen);
            struct strbuf got;
            strbuf_init(&got);
            oro_describe(pattern, input, ilen, &got);
            cases++;
            if (strcmp(got.s, t2 + 1) != 0) {
                failures++;
                fprintf(stderr, "\n    ORO case /%.*s/ on [%.*s]:\n      got      %s\n      expected %s",
                        (int)(t1 - line), line, (int)(t2 - t1 - 1), t1 + 1, got.s, t2 + 1);
            }
            strbuf_free(&got);
            free(pattern);
            free(input);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(data);
    CU_ASSERT(cases > 250);
    CU_ASSERT_EQUAL(failures, 0);
}

static void test_oro_translation(void)
{
    static const struct {
        const char *oro, *pcre2;
    } rows[] = {
        {"a.b", "a.b"},
        {"\\d+", "\\p{Nd}+"},
        {"a{2,3}?", "a{2,3}?"},
        {"x{,2}", "x\\x{7b}\\x{2c}2\\x{7d}"},
        {"^*", "(?:^)*"},
        {"(a)\\1", "(a)\\g{1}"},
        {"\\10", "\\x{8}"},
        {"[a-c]", "[a-c]"},
        {"A(?i)b", "Ab"},
        {"a(?#note)b", "ab"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        struct strbuf out;
        strbuf_init(&out);
        uint32_t opts = 0;
        char *err = NULL;
        CU_ASSERT_TRUE(oro_translate(rows[i].oro, &out, &opts, &err));
        CU_ASSERT_STRING_EQUAL_MSG(out.s, rows[i].pcre2);
        strbuf_free(&out);
        free(err);
    }
}

/* ------------------------------------------------------------- regex cache */

struct worker_arg {
    int id;
    int ok;
};

static void *cache_worker(void *p)
{
    struct worker_arg *w = p;
    char pattern[32], text[32];
    for (int i = 0; i < 300; i++) {
        snprintf(pattern, sizeof pattern, "id=(%d)", i % 7);
        snprintf(text, sizeof text, "x id=%d y", i % 7);
        const struct oro_regex *re = oro_regex_acquire(i % 2 ? pattern : "shared-(\\w+)");
        const char *subject = i % 2 ? text : "a shared-word b";
        struct oro_iter it;
        oro_iter_init(&it, re, subject, strlen(subject));
        const char *g;
        size_t glen;
        if (oro_iter_next(&it) && oro_iter_group(&it, 1, &g, &glen))
            w->ok++;
        oro_iter_free(&it);
        oro_regex_release(re);
    }
    return NULL;
}

static void test_regex_cache_threads(void)
{
    pthread_t th[8];
    struct worker_arg args[8];
    for (int i = 0; i < 8; i++) {
        args[i] = (struct worker_arg){i, 0};
        pthread_create(&th[i], NULL, cache_worker, &args[i]);
    }
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        CU_ASSERT_EQUAL(args[i].ok, 300);
    }
    /* more distinct patterns than the cache holds, one kept in use throughout */
    const struct oro_regex *held = oro_regex_acquire("held(x)");
    for (int i = 0; i < 1100; i++) {
        char p[32];
        snprintf(p, sizeof p, "p%d", i);
        const struct oro_regex *re = oro_regex_acquire(p);
        CU_ASSERT_TRUE(oro_contains(re, p, strlen(p)));
        oro_regex_release(re);
    }
    CU_ASSERT_TRUE(oro_contains(held, "heldx", 5));
    CU_ASSERT_EQUAL(oro_regex_groups(held), 2);
    oro_regex_release(held);
    oro_regex_cache_clear();
}

/* ----------------------------------------------------------- Regex Extractor */

/* [2.13] an empty template gives the empty string; the groups are still set */
static void test_regex_empty_template(void)
{
    reset();
    struct sample *s = mk("id=5 id=6");
    struct plan_regex_extractor x = RX("ref", "id=(\\d)", "", "1");
    run_rx(&x, s);
    EXPECT_VAR("ref", "");
    EXPECT_VAR("ref_g", "1");
    EXPECT_VAR("ref_g0", "id=5");
    EXPECT_VAR("ref_g1", "5");
    EXPECT_UNSET("ref_matchNr");
    sample_free(s);
}

/* [2.13] an empty match number means 0: a random match each time */
static void test_regex_random_match(void)
{
    reset();
    struct sample *s = mk("v=a v=b v=c");
    struct plan_regex_extractor x = RX("ref", "v=(\\w)", "$1$", "");
    bool seen[3] = {false, false, false};
    for (uint64_t seed = 1; seed <= 60; seed++) {
        expr_ctx_seed(&ctx, seed);
        run_rx(&x, s);
        const char *v = V("ref");
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT(strlen(v) == 1 && v[0] >= 'a' && v[0] <= 'c');
        seen[v[0] - 'a'] = true;
    }
    CU_ASSERT_TRUE(seen[0] && seen[1] && seen[2]);
    EXPECT_UNSET("ref_matchNr");
    sample_free(s);
}

/* [2.13] -1: ref_matchNr, ref_N and ref_N_gK; ref holds the default; single-match groups go */
static void test_regex_all_matches(void)
{
    reset();
    set("ref_g", "1");
    set("ref_g0", "old0");
    set("ref_g1", "old1");
    struct sample *s = mk("hello world");
    struct plan_regex_extractor x = RX("ref", "(l+)", "<$1$>", "-1");
    x.default_value = T("D");
    run_rx(&x, s);
    EXPECT_VAR("ref", "D");
    EXPECT_VAR("ref_matchNr", "2");
    EXPECT_VAR("ref_1", "<ll>");
    EXPECT_VAR("ref_2", "<l>");
    EXPECT_VAR("ref_1_g", "1");
    EXPECT_VAR("ref_1_g0", "ll");
    EXPECT_VAR("ref_1_g1", "ll");
    EXPECT_VAR("ref_2_g1", "l");
    EXPECT_UNSET("ref_g");
    EXPECT_UNSET("ref_g0");
    EXPECT_UNSET("ref_g1");
    EXPECT_UNSET("ref_3");
    sample_free(s);
}

/* [2.13] no default and no match: the variable is left as it was */
static void test_regex_no_default_no_match(void)
{
    reset();
    struct sample *s = mk("nothing here");
    struct plan_regex_extractor x = RX("ref", "id=(\\d+)", "$1$", "1");
    run_rx(&x, s);
    EXPECT_UNSET("ref");
    set("ref", "old");
    set("ref_g", "1");
    set("ref_g0", "x");
    set("ref_g1", "y");
    run_rx(&x, s);
    EXPECT_VAR("ref", "old");
    EXPECT_UNSET("ref_g");
    EXPECT_UNSET("ref_g0");
    EXPECT_UNSET("ref_g1");
    /* the default replaces it first; an empty default only when asked for */
    x.default_value = T("NOT_FOUND");
    run_rx(&x, s);
    EXPECT_VAR("ref", "NOT_FOUND");
    x.default_value = T("");
    x.default_empty_value = true;
    run_rx(&x, s);
    EXPECT_VAR("ref", "");
    /* a match number past the last match is no match */
    struct sample *two = mk("id=1 id=2");
    struct plan_regex_extractor y = RX("ref", "id=(\\d+)", "$1$", "3");
    y.default_value = T("none");
    run_rx(&y, two);
    EXPECT_VAR("ref", "none");
    sample_free(two);
    sample_free(s);
}

/* [2.13] a later run with fewer matches removes what the earlier one left; a run with a
 * match number >= 0 removes ref_matchNr and every ref_N (oracle: "all" after "RX all again") */
static void test_regex_stale_variables(void)
{
    reset();
    struct sample *three = mk("a1 a2 a3"), *one = mk("a7");
    struct plan_regex_extractor x = RX("ref", "a(\\d)", "$1$", "-1");
    run_rx(&x, three);
    EXPECT_VAR("ref_matchNr", "3");
    EXPECT_VAR("ref_3", "3");
    EXPECT_VAR("ref_3_g1", "3");
    run_rx(&x, one);
    EXPECT_VAR("ref_matchNr", "1");
    EXPECT_VAR("ref_1", "7");
    EXPECT_UNSET("ref_2");
    EXPECT_UNSET("ref_3");
    EXPECT_UNSET("ref_2_g");
    EXPECT_UNSET("ref_3_g0");
    EXPECT_UNSET("ref_3_g1");
    run_rx(&x, three);
    struct plan_regex_extractor y = RX("ref", "a(\\d)", "$1$", "1");
    run_rx(&y, one);
    EXPECT_VAR("ref", "7");
    EXPECT_VAR("ref_g1", "7");
    EXPECT_UNSET("ref_matchNr");
    EXPECT_UNSET("ref_1");
    EXPECT_UNSET("ref_1_g0");
    EXPECT_UNSET("ref_3");
    /* no match at all with -1: ref_matchNr = 0 */
    struct sample *none = mk("zzz");
    run_rx(&x, none);
    EXPECT_VAR("ref_matchNr", "0");
    EXPECT_UNSET("ref_1");
    sample_free(none);
    sample_free(three);
    sample_free(one);
}

static void test_regex_template(void)
{
    static const struct {
        const char *body, *regex, *tpl, *expect;
    } rows[] = {
        {"hello world", "(o)", "[$1$|$2$]", "[o|null]"},   /* [2.13] oracle tn, match 2 */
        {"k=v", "(\\w)=(\\w)", "$2$-$1$", "v-k"},
        {"k=v", "(\\w)=(\\w)", "$0$", "k=v"},
        {"ab", "(a)", "$1$2$", "a2$"},
        {"ab", "(a)", "$$1$", "$a"},
        {"ab", "(a)", "text", "text"},
        {"ab", "(a)", "$x$1$", "$xa"},
        {"ab", "(a)", "$01$", "a"},
        {"ab", "(a)", "$", "$"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct sample *s = mk(rows[i].body);
        struct plan_regex_extractor x = RX("ref", rows[i].regex, rows[i].tpl, i == 0 ? "2" : "1");
        run_rx(&x, s);
        CU_ASSERT_STRING_EQUAL_MSG(V("ref"), rows[i].expect);
        sample_free(s);
    }
    /* [2.13] the rest of oracle tn: groups of the second match */
    EXPECT_VAR("ref_g", "1");
}

/* A group that took no part: "null" in the template, its _gK undefined (JMeter stores a
 * null value); a group number past the last group is "null" too. */
static void test_regex_unset_group(void)
{
    reset();
    struct sample *s = mk("name=bob id=4");
    struct plan_regex_extractor x = RX("ref", "id=(\\d+)|name=(\\w+)", "$1$/$2$/$3$", "1");
    run_rx(&x, s);
    EXPECT_VAR("ref", "null/bob/null");
    EXPECT_VAR("ref_g", "2");
    EXPECT_VAR("ref_g0", "name=bob");
    EXPECT_UNSET("ref_g1");
    EXPECT_VAR("ref_g2", "bob");
    sample_free(s);
}

/* Integer.parseInt rules: no spaces, optional sign; anything else means 0 (random). */
static void test_regex_match_number_text(void)
{
    static const struct {
        const char *number, *expect;
    } rows[] = {
        {"2", "NONE"}, {" 2", "7"}, {"+1", "7"}, {"x", "7"}, {"1.0", "7"}, {"99999999999", "7"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct sample *s = mk("n=7");
        struct plan_regex_extractor x = RX("ref", "n=(\\d)", "$1$", rows[i].number);
        x.default_value = T("NONE");
        run_rx(&x, s);
        CU_ASSERT_STRING_EQUAL_MSG(V("ref"), rows[i].expect);
        sample_free(s);
    }
}

static void test_regex_fields(void)
{
    static const struct {
        enum extract_field field;
        const char *expect;
    } rows[] = {
        {FIELD_BODY, "body &lt;b&gt;"},
        {FIELD_BODY_AS_DOCUMENT, "body &lt;b&gt;"},
        {FIELD_BODY_UNESCAPED, "body <b>"},
        {FIELD_RESPONSE_HEADERS, "HTTP/1.1 200 OK"},
        {FIELD_REQUEST_HEADERS, "Accept: */*"},
        {FIELD_URL, "http://h/p?q=1"},
        {FIELD_RESPONSE_CODE, "200"},
        {FIELD_RESPONSE_MESSAGE, "OK"},
    };
    struct sample *s = mk("body &lt;b&gt;\nsecond line");
    strbuf_adds(&s->response_headers, "HTTP/1.1 200 OK\nContent-Type: text/html\n");
    strbuf_adds(&s->request_headers, "Accept: */*\nHost: h\n");
    s->url = xstrdup("http://h/p?q=1");
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct plan_regex_extractor x = RX("ref", "^(.*)", "$1$", "1");
        x.field = rows[i].field;
        run_rx(&x, s);
        CU_ASSERT_STRING_EQUAL_MSG(V("ref"), rows[i].expect);
    }
    sample_free(s);
    /* [2.13] oracle unesc: HTML 4 entities, numeric ones, no &apos;, one pass */
    reset();
    s = mk("&lt;b&gt; &amp;amp; &apos; &#65;&#x42; &nbsp;&euro;");
    struct plan_regex_extractor x = RX("unesc", "(.+)", "$1$", "1");
    x.field = FIELD_BODY_UNESCAPED;
    run_rx(&x, s);
    EXPECT_VAR("unesc", "<b> &amp; &apos; AB \xC2\xA0\xE2\x82\xAC");
    sample_free(s);
    /* a missing URL, code or message reads as "" */
    reset();
    s = sample_new();
    struct plan_regex_extractor y = RX("ref", "^$", "empty", "1");
    y.field = FIELD_URL;
    run_rx(&y, s);
    EXPECT_VAR("ref", "empty");
    sample_free(s);
}

/* The body is decoded with the sample's charset, as JMeter's getResponseDataAsString. */
static void test_regex_charset(void)
{
    reset();
    struct sample *s = sample_new();
    strbuf_adds(&s->body, "caf\xE9 ol\xE9");
    s->encoding = xstrdup("ISO-8859-1");
    struct plan_regex_extractor x = RX("ref", "(\\S+) (\\S+)", "$1$|$2$", "1");
    run_rx(&x, s);
    EXPECT_VAR("ref", "caf\xC3\xA9|ol\xC3\xA9");
    /* invalid UTF-8 in a UTF-8 body becomes U+FFFD */
    free(s->encoding);
    s->encoding = xstrdup("");
    run_rx(&x, s);
    EXPECT_VAR("ref", "caf\xEF\xBF\xBD|ol\xEF\xBF\xBD");
    sample_free(s);
}

/* parent -> children -> grandchildren, in JMeter's list order */
static struct sample *family(void)
{
    struct sample *p = mk("P m=p"), *a = mk("A m=a"), *b = mk("B m=b"), *a1 = mk("A1 m=a1"),
                  *a2 = mk("A2 m=a2"), *b1 = mk("B1 m=b1"), *a11 = mk("A11 m=a11");
    sample_add_sub(a1, a11);
    sample_add_sub(a, a1);
    sample_add_sub(a, a2);
    sample_add_sub(b, b1);
    sample_add_sub(p, a);
    sample_add_sub(p, b);
    return p;
}

static const char *labels(enum sample_scope scope, const struct sample *s)
{
    static char buf[256];
    struct ptrvec list = {0};
    scope_collect(scope, s, &list);
    buf[0] = '\0';
    for (size_t i = 0; i < list.len; i++) {
        const struct sample *x = list.items[i];
        if (i)
            strcat(buf, ",");
        strncat(buf, x->body.s, strcspn(x->body.s, " "));
    }
    ptrvec_free(&list);
    return buf;
}

static void test_scope_order(void)
{
    struct sample *p = family();
    CU_ASSERT_STRING_EQUAL_MSG(labels(SCOPE_PARENT, p), "P");
    CU_ASSERT_STRING_EQUAL_MSG(labels(SCOPE_CHILDREN, p), "A,B,A1,A2,A11,B1");
    CU_ASSERT_STRING_EQUAL_MSG(labels(SCOPE_ALL, p), "P,A,B,A1,A2,A11,B1");
    CU_ASSERT_STRING_EQUAL_MSG(labels(SCOPE_VARIABLE, p), "");
    /* six levels: the sixth is out of reach */
    struct sample *top = mk("L0"), *cur = top;
    for (int i = 1; i <= 6; i++) {
        char name[16];
        snprintf(name, sizeof name, "L%d", i);
        struct sample *c = mk(name);
        sample_add_sub(cur, c);
        cur = c;
    }
    CU_ASSERT_STRING_EQUAL_MSG(labels(SCOPE_CHILDREN, top), "L1,L2,L3,L4,L5");
    sample_free(top);
    sample_free(p);
}

static void test_regex_scopes(void)
{
    reset();
    struct sample *p = family();
    struct plan_regex_extractor x = RX("ref", "m=(\\w+)", "$1$", "-1");
    x.scope.scope = SCOPE_ALL;
    run_rx(&x, p);
    EXPECT_VAR("ref_matchNr", "7");
    EXPECT_VAR("ref_1", "p");
    EXPECT_VAR("ref_2", "a");
    EXPECT_VAR("ref_4", "a1");
    EXPECT_VAR("ref_7", "b1");
    x.scope.scope = SCOPE_CHILDREN;
    x.match_number = T("3");
    run_rx(&x, p);
    EXPECT_VAR("ref", "a1");
    EXPECT_UNSET("ref_matchNr");
    EXPECT_UNSET("ref_7");
    x.scope.scope = SCOPE_PARENT;
    x.match_number = T("2");
    x.default_value = T("-");
    run_rx(&x, p);
    EXPECT_VAR("ref", "-");
    sample_free(p);

    /* successive matches do not overlap; an empty match may not follow at the same place */
    reset();
    struct sample *s = mk("aaaa");
    struct plan_regex_extractor y = RX("ref", "aa", "$0$", "-1");
    run_rx(&y, s);
    EXPECT_VAR("ref_matchNr", "2");
    struct plan_regex_extractor z = RX("ref", "x*", "[$0$]", "-1");
    struct sample *t = mk("axxb");
    run_rx(&z, t);
    EXPECT_VAR("ref_matchNr", "3");
    EXPECT_VAR("ref_1", "[]");
    EXPECT_VAR("ref_2", "[xx]");
    EXPECT_VAR("ref_3", "[]");
    sample_free(t);
    sample_free(s);
}

static void test_regex_variable_scope(void)
{
    reset();
    set("input", "k1=v1;k2=v2");
    struct sample *s = mk("k9=v9");
    struct plan_regex_extractor x = RX("ref", "(\\w+)=(\\w+)", "$2$", "-1");
    x.scope.scope = SCOPE_VARIABLE;
    x.scope.variable = T("in${suffix}");
    set("suffix", "put");
    run_rx(&x, s);
    EXPECT_VAR("ref_matchNr", "2");
    EXPECT_VAR("ref_2", "v2");
    /* a missing variable: no input, no match */
    set("suffix", "nothing");
    run_rx(&x, s);
    EXPECT_VAR("ref_matchNr", "0");
    EXPECT_UNSET("ref_1");
    sample_free(s);
}

/* An invalid pattern: JMeter logs it; only the default has been assigned. */
static void test_regex_invalid_pattern(void)
{
    reset();
    set("ref_matchNr", "2");
    set("ref_1", "x");
    set("ref_g", "1");
    struct sample *s = mk("abc");
    struct plan_regex_extractor x = RX("ref", "(b", "$1$", "-1");
    x.default_value = T("DEF");
    run_rx(&x, s);
    EXPECT_VAR("ref", "DEF");
    EXPECT_VAR("ref_matchNr", "2");
    EXPECT_VAR("ref_1", "x");
    EXPECT_VAR("ref_g", "1");
    sample_free(s);
}

/* ORO, not PCRE2 nor Java: no implicit flags, '.' stops at a newline, modifiers anywhere
 * apply to the whole pattern, \d is any Unicode digit. */
static void test_regex_oro_semantics(void)
{
    static const struct {
        const char *regex, *body, *expect;
    } rows[] = {
        {"<p>(.*)</p>", "<p>a\nb</p>", "NONE"},
        {"(?s)<p>(.*)</p>", "<p>a\nb</p>", "a\nb"},
        {"(?i)TOKEN=(\\w+)", "token=AbC", "AbC"},
        {"TOKEN=(\\w+)", "token=AbC", "NONE"},
        {"A(?i)=(\\w+)", "a=x", "x"},
        {"^b=(\\w)", "a=1\nb=2", "NONE"},
        {"(?m)^b=(\\w)", "a=1\nb=2", "2"},
        {"n=(\\d+)", "n=\xD9\xA3\xD9\xA4", "\xD9\xA3\xD9\xA4"},
        {"v=\"(.+?)\"", "v=\"1\" v=\"2\"", "1"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct sample *s = mk(rows[i].body);
        struct plan_regex_extractor x = RX("ref", rows[i].regex, "$1$", "1");
        x.default_value = T("NONE");
        run_rx(&x, s);
        CU_ASSERT_STRING_EQUAL_MSG(V("ref"), rows[i].expect);
        sample_free(s);
    }
}

/* The template is parsed once per thread: a ${var} in it keeps its first value. */
static void test_regex_template_per_thread(void)
{
    reset();
    struct sample *s = mk("n=5");
    struct plan_regex_extractor x = RX("ref", "n=(\\d)", "${p}$1$", "1");
    set("p", "X");
    run_rx(&x, s);
    EXPECT_VAR("ref", "X5");
    set("p", "Y");
    run_rx(&x, s);
    EXPECT_VAR("ref", "X5");
    strmap_clear(&user_state);            /* another thread */
    run_rx(&x, s);
    EXPECT_VAR("ref", "Y5");
    /* the pattern itself is read on every run */
    struct plan_regex_extractor y = RX("ref", "${re}", "$1$", "1");
    set("re", "n=(\\d)");
    run_rx(&y, s);
    EXPECT_VAR("ref", "5");
    set("re", "(n)=");
    run_rx(&y, s);
    EXPECT_VAR("ref", "n");
    sample_free(s);
}

/* A group number too big for an int makes the post-processor throw. */
static void test_regex_template_overflow(void)
{
    reset();
    struct sample *s = mk("a");
    struct plan_regex_extractor x = RX("ref", "(a)", "$99999999999$", "1");
    char *err = NULL;
    CU_ASSERT_FALSE(regex_extractor_run(&x, "Regex", s, &ctx, &err));
    CU_ASSERT_STRING_EQUAL_MSG(err, "java.lang.NumberFormatException: For input string: \"99999999999\"");
    EXPECT_UNSET("ref");
    free(err);
    sample_free(s);
}

/* -------------------------------------------------------- Boundary Extractor */

static struct plan_boundary_extractor BX(const char *ref, const char *l, const char *r, const char *num)
{
    struct plan_boundary_extractor x = {0};
    x.field = FIELD_BODY;
    x.refname = T(ref);
    x.left = T(l);
    x.right = T(r);
    x.match_number = T(num);
    x.default_value = T("");
    x.scope.scope = SCOPE_PARENT;
    return x;
}

static void run_bx(const struct plan_boundary_extractor *x, const struct sample *s)
{
    char *err = NULL;
    CU_ASSERT_TRUE(boundary_extractor_run(x, "Boundary", s, &ctx, &err));
    CU_ASSERT_PTR_NULL(err);
    free(err);
}

static void test_boundary_cases(void)
{
    static const struct {
        const char *body, *left, *right, *number, *expect;
    } rows[] = {
        {"<a>1</a><a>2</a>", "<a>", "</a>", "1", "1"},
        {"<a>1</a><a>2</a>", "<a>", "</a>", "2", "2"},
        {"<a>1</a><a>2</a>", "<a>", "</a>", "3", "DEF"},
        {"abaca", "a", "a", "2", "c"},              /* the search goes on right after the left one */
        {"x[1] y[2", "[", "]", "2", "DEF"},          /* a left boundary without a right one ends it */
        {"head:body", "", ":", "1", "head"},
        {"head:body", ":", "", "1", "body"},
        {"whole text", "", "", "1", "whole text"},
        {"  \t\n ", "", "", "1", "DEF"},            /* blank input gives nothing */
        {"no:colon", "[", "", "1", "DEF"},
        {"k=v", "k=", "", "0", "v"},
        {"caf\xC3\xA9!", "caf", "!", "1", "\xC3\xA9"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        reset();
        struct sample *s = mk(rows[i].body);
        struct plan_boundary_extractor x = BX("ref", rows[i].left, rows[i].right, rows[i].number);
        x.default_value = T("DEF");
        run_bx(&x, s);
        CU_ASSERT_STRING_EQUAL_MSG(V("ref"), rows[i].expect);
        sample_free(s);
    }
}

static void test_boundary_all_and_stale(void)
{
    reset();
    struct sample *s = mk("[a][b][c]"), *one = mk("[z]");
    struct plan_boundary_extractor x = BX("ref", "[", "]", "-1");
    x.default_value = T("D");
    run_bx(&x, s);
    EXPECT_VAR("ref", "D");
    EXPECT_VAR("ref_matchNr", "3");
    EXPECT_VAR("ref_1", "a");
    EXPECT_VAR("ref_3", "c");
    EXPECT_UNSET("ref_g");
    run_bx(&x, one);
    EXPECT_VAR("ref_matchNr", "1");
    EXPECT_VAR("ref_1", "z");
    EXPECT_UNSET("ref_2");
    EXPECT_UNSET("ref_3");
    run_bx(&x, s);
    struct plan_boundary_extractor y = BX("ref", "[", "]", "1");
    run_bx(&y, one);
    EXPECT_VAR("ref", "z");
    EXPECT_UNSET("ref_matchNr");
    EXPECT_UNSET("ref_1");
    EXPECT_UNSET("ref_3");
    sample_free(s);
    sample_free(one);
}

static void test_boundary_random_and_default(void)
{
    reset();
    struct sample *s = mk("<1><2><3>");
    struct plan_boundary_extractor x = BX("ref", "<", ">", "");
    bool seen[3] = {false, false, false};
    for (uint64_t seed = 1; seed <= 60; seed++) {
        expr_ctx_seed(&ctx, seed);
        run_bx(&x, s);
        const char *v = V("ref");
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        seen[v[0] - '1'] = true;
    }
    CU_ASSERT_TRUE(seen[0] && seen[1] && seen[2]);
    /* a blank default is not assigned (unlike the Regex Extractor), unless asked for */
    reset();
    struct plan_boundary_extractor y = BX("ref", "{", "}", "1");
    y.default_value = T("  ");
    run_bx(&y, s);
    EXPECT_UNSET("ref");
    y.default_empty_value = true;
    run_bx(&y, s);
    EXPECT_VAR("ref", "  ");
    sample_free(s);
}

static void test_boundary_scopes_and_variable(void)
{
    reset();
    struct sample *p = family();
    struct plan_boundary_extractor x = BX("ref", "m=", "", "-1");
    x.scope.scope = SCOPE_CHILDREN;
    run_bx(&x, p);
    EXPECT_VAR("ref_matchNr", "6");
    EXPECT_VAR("ref_1", "a");
    EXPECT_VAR("ref_6", "b1");
    x.scope.scope = SCOPE_ALL;
    x.match_number = T("2");
    run_bx(&x, p);
    EXPECT_VAR("ref", "a");
    sample_free(p);

    reset();
    struct sample *s = mk("ignored");
    set("v", "id=7;");
    struct plan_boundary_extractor y = BX("ref", "id=", ";", "1");
    y.scope.scope = SCOPE_VARIABLE;
    y.scope.variable = T("v");
    run_bx(&y, s);
    EXPECT_VAR("ref", "7");
    y.scope.variable = T("missing");
    y.match_number = T("-1");
    run_bx(&y, s);
    EXPECT_VAR("ref_matchNr", "0");
    sample_free(s);
}

static void test_boundary_fields(void)
{
    reset();
    struct sample *s = mk("x");
    strbuf_adds(&s->response_headers, "HTTP/1.1 302 Found\nLocation: /next\n");
    s->url = xstrdup("http://h/a?b=c");
    struct plan_boundary_extractor x = BX("ref", "Location: ", "\n", "1");
    x.field = FIELD_RESPONSE_HEADERS;
    run_bx(&x, s);
    EXPECT_VAR("ref", "/next");
    x = BX("ref", "b=", "", "1");
    x.field = FIELD_URL;
    run_bx(&x, s);
    EXPECT_VAR("ref", "c");
    sample_free(s);
}

/* An empty reference name makes JMeter's extractor throw. */
static void test_boundary_empty_refname(void)
{
    reset();
    struct sample *s = mk("[a]");
    struct plan_boundary_extractor x = BX("${none_set}", "[", "]", "1");
    x.refname = T("");
    char *err = NULL;
    CU_ASSERT_FALSE(boundary_extractor_run(&x, "My Boundary", s, &ctx, &err));
    CU_ASSERT_STRING_EQUAL_MSG(err, "java.lang.IllegalArgumentException: One of the mandatory "
                                    "properties is missing in Boundary Extractor:My Boundary");
    CU_ASSERT_EQUAL(strmap_count(&vars), 0);
    free(err);
    sample_free(s);
}

/* ------------------------------------------------------------ building blocks */

static void test_html_unescape(void)
{
    /* expected values from commons-lang3 StringEscapeUtils.unescapeHtml4 (same code as
     * commons-text's, which JMeter 5.6 uses) */
    static const struct {
        const char *in, *out;
    } rows[] = {
        {"&amp;lt;", "&lt;"},
        {"&#65;&#x42;&#X43;", "ABC"},
        {"&#65", "&#65"},
        {"&#x;", "&#x;"},
        {"&#;", "&#;"},
        {"&#12a;", "&#12a;"},
        {"&#xZZ;", "&#xZZ;"},
        {"&AMP;", "&AMP;"},
        {"&apos;", "&apos;"},
        {"&nbsp;&euro;&thetasym;&lang;", "\xC2\xA0\xE2\x82\xAC\xCF\x91\xE2\x8C\xA9"},
        {"&a&amp;", "&a&"},
        {"&", "&"},
        {"&#", "&#"},
        {"&#x", "&#x"},
        {"&#99999999999;", "&#99999999999;"},
        {"&#128512;", "\xF0\x9F\x98\x80"},
        {"a&b;c", "a&b;c"},
        {"&amp", "&amp"},
        {"&#x1F600;", "\xF0\x9F\x98\x80"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        struct strbuf out;
        strbuf_init(&out);
        html_unescape(rows[i].in, strlen(rows[i].in), &out);
        CU_ASSERT_STRING_EQUAL_MSG(out.s, rows[i].out);
        strbuf_free(&out);
    }
}

static void test_utf8_sanitize(void)
{
    static const struct {
        const char *in, *out;
    } rows[] = {
        {"ok \xC3\xA9", NULL},
        {"a\xFF" "b", "a\xEF\xBF\xBD" "b"},
        {"\xE2\x82", "\xEF\xBF\xBD"},                        /* truncated: one replacement */
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},   /* a surrogate */
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},              /* overlong */
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        struct strbuf out;
        strbuf_init(&out);
        bool changed = utf8_sanitize(rows[i].in, strlen(rows[i].in), &out);
        CU_ASSERT_EQUAL(changed, rows[i].out != NULL);
        if (rows[i].out)
            CU_ASSERT_STRING_EQUAL_MSG(out.s, rows[i].out);
        strbuf_free(&out);
    }
}

static void test_java_helpers(void)
{
    int32_t i;
    int64_t l;
    CU_ASSERT_TRUE(java_parse_int("-2147483648", &i) && i == INT32_MIN);
    CU_ASSERT_TRUE(java_parse_int("+2147483647", &i) && i == INT32_MAX);
    CU_ASSERT_FALSE(java_parse_int("2147483648", &i));
    CU_ASSERT_FALSE(java_parse_int(" 1", &i));
    CU_ASSERT_FALSE(java_parse_int("", &i));
    CU_ASSERT_FALSE(java_parse_int("-", &i));
    CU_ASSERT_FALSE(java_parse_int(NULL, &i));
    CU_ASSERT_TRUE(java_parse_long("-9223372036854775808", &l) && l == INT64_MIN);
    CU_ASSERT_FALSE(java_parse_long("9223372036854775808", &l));
    static const struct {
        int64_t v;
        const char *text;
    } rows[] = {{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234, "1,234"}, {12345678, "12,345,678"},
                {-1234567, "-1,234,567"}, {INT64_MIN, "-9,223,372,036,854,775,808"}};
    for (size_t k = 0; k < ARRAY_LEN(rows); k++) {
        struct strbuf sb;
        strbuf_init(&sb);
        java_format_grouped(rows[k].v, &sb);
        CU_ASSERT_STRING_EQUAL_MSG(sb.s, rows[k].text);
        strbuf_free(&sb);
    }
    CU_ASSERT_EQUAL(java_length("h\xC3\xA9\xF0\x9F\x98\x80", 7), 4);
    CU_ASSERT_TRUE(java_is_blank(" \t\n\x1C\xE3\x80\x80", 7));
    CU_ASSERT_FALSE(java_is_blank("\xC2\xA0", 2));
}

int main(void)
{
    arena = arena_new();
    props = props_new();
    expr_env_init(&env, props);
    strmap_init(&vars);
    strmap_init(&user_state);
    static const struct cu_test tests[] = {
        {"oro cases (ORO 2.0.8 results)", test_oro_cases},
        {"oro translation", test_oro_translation},
        {"regex cache, threads", test_regex_cache_threads},
        {"regex: empty template", test_regex_empty_template},
        {"regex: random match", test_regex_random_match},
        {"regex: all matches", test_regex_all_matches},
        {"regex: no default, no match", test_regex_no_default_no_match},
        {"regex: stale variables", test_regex_stale_variables},
        {"regex: template", test_regex_template},
        {"regex: unset group", test_regex_unset_group},
        {"regex: match number text", test_regex_match_number_text},
        {"regex: fields", test_regex_fields},
        {"regex: charset", test_regex_charset},
        {"scope order", test_scope_order},
        {"regex: scopes", test_regex_scopes},
        {"regex: variable scope", test_regex_variable_scope},
        {"regex: invalid pattern", test_regex_invalid_pattern},
        {"regex: ORO semantics", test_regex_oro_semantics},
        {"regex: template per thread", test_regex_template_per_thread},
        {"regex: template overflow", test_regex_template_overflow},
        {"boundary: cases", test_boundary_cases},
        {"boundary: all and stale", test_boundary_all_and_stale},
        {"boundary: random and default", test_boundary_random_and_default},
        {"boundary: scopes and variable", test_boundary_scopes_and_variable},
        {"boundary: fields", test_boundary_fields},
        {"boundary: empty refname", test_boundary_empty_refname},
        {"html unescape", test_html_unescape},
        {"utf8 sanitize", test_utf8_sanitize},
        {"java helpers", test_java_helpers},
        {NULL, NULL},
    };
    int rc = cu_run("extract", tests);
    oro_regex_cache_clear();
    strmap_free(&vars);
    strmap_free(&user_state);
    expr_env_cleanup(&env);
    props_free(props);
    arena_free(arena);
    return rc;
}
