/* test_jsonpath.c - JSONPath as JMeter 5.6.3 runs it (Jayway 2.8.0 over json-smart 2.5.0).
 *
 * The conformance table tests/data/json/paths.tsv holds documents, paths and what the real
 * libraries gave for them (tests/data/json/JsonPathOracle.java produced the last two
 * columns): the JSON Assertion's read (value and definiteness, or the exception message)
 * and the JSON Extractor's list of texts. Every line is checked both ways. The smaller
 * tests below pin the Java conventions the renderings rest on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"
#include "testutil.h"

/* ---- the table ---- */

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

static char *load_doc(const char *field, size_t *len)
{
    if (field[0] != '@') {
        *len = strlen(field);
        return xstrdup(field);
    }
    char *rel = xasprintf("tests/data/json/docs/%s.json", field + 1);
    char *path = test_path(rel);
    char *text = file_read_all(path, len);
    if (!text) {
        fprintf(stderr, "\n    missing document %s\n", path);
        text = xstrdup("");
        *len = 0;
    }
    free(rel);
    free(path);
    return text;
}

/* Our answer in the oracle's notation. */
static char *read_result(const char *json, size_t len, const char *path)
{
    struct jp_text_result t;
    jsonpath_read_text(json, len, path, false, &t);
    struct strbuf out;
    strbuf_init(&out);
    const struct jp_result *r = &t.result;
    if (r->outcome == JP_OK) {
        strbuf_adds(&out, jsonpath_is_definite(t.path) ? "ok D " : "ok I ");
        if (r->is_list) {
            strbuf_addc(&out, '[');
            for (size_t i = 0; i < r->n; i++) {
                if (i)
                    strbuf_addc(&out, ',');
                jp_render_json(r->values[i], r->docs, r->n_docs, false, &out);
            }
            strbuf_addc(&out, ']');
        } else {
            jp_render_json(r->values[0], r->docs, r->n_docs, false, &out);
        }
    } else {
        strbuf_adds(&out, r->outcome == JP_NOT_FOUND ? "notfound " : "error ");
        strbuf_adds(&out, r->message);
    }
    jp_text_result_free(&t);
    return strbuf_detach(&out);
}

static void quote(const char *s, size_t len, struct strbuf *out)
{
    strbuf_addc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            strbuf_addc(out, '\\');
        if (c < 0x20)
            strbuf_addf(out, "\\u%04x", c);
        else
            strbuf_addc(out, (char)c);
    }
    strbuf_addc(out, '"');
}

static char *extract_result(const char *json, size_t len, const char *path)
{
    struct jp_text_result t;
    jsonpath_read_text(json, len, path, true, &t);
    struct strbuf out;
    strbuf_init(&out);
    const struct jp_result *r = &t.result;
    if (r->outcome == JP_OK) {
        strbuf_adds(&out, "ok [");
        for (size_t i = 0; i < r->n; i++) {
            if (i)
                strbuf_addc(&out, ',');
            struct strbuf v;
            strbuf_init(&v);
            if (jp_render_extracted(r->values[i], r->docs, r->n_docs, &v))
                quote(v.s, v.len, &out);
            else
                strbuf_adds(&out, "null");
            strbuf_free(&v);
        }
        strbuf_addc(&out, ']');
    } else {
        strbuf_adds(&out, "error ");
        strbuf_adds(&out, r->message);
    }
    jp_text_result_free(&t);
    return strbuf_detach(&out);
}

static void test_table(void)
{
    char *path = test_path("tests/data/json/paths.tsv");
    size_t size;
    char *text = file_read_all(path, &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    unsigned cases = 0, failed = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (!*line || *line == '#')
            continue;
        char *f[4] = {0};
        int n = 0;
        for (char *p = line; n < 4; n++) {
            f[n] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (n < 3) {
            fprintf(stderr, "\n    bad line: %s\n", line);
            CU_FAIL("bad line");
            continue;
        }
        cases++;
        size_t len;
        char *json = load_doc(f[0], &len);
        char *want_read = unescape_field(f[2]), *want_extract = unescape_field(f[3]);
        char *got_read = read_result(json, len, f[1]);
        char *got_extract = extract_result(json, len, f[1]);
        bool ok_read = strcmp(got_read, want_read) == 0;
        bool ok_extract = strcmp(got_extract, want_extract) == 0;
        if (!ok_read)
            fprintf(stderr, "\n    %s  %s\n      read:    got  %s\n               want %s\n",
                    f[0], f[1], got_read, want_read);
        if (!ok_extract)
            fprintf(stderr, "\n    %s  %s\n      extract: got  %s\n               want %s\n",
                    f[0], f[1], got_extract, want_extract);
        failed += !ok_read || !ok_extract;
        CU_ASSERT_TRUE(ok_read);
        CU_ASSERT_TRUE(ok_extract);
        free(json);
        free(want_read);
        free(want_extract);
        free(got_read);
        free(got_extract);
    }
    if (getenv("CU_VERBOSE") || failed)
        fprintf(stderr, "\n    paths.tsv: %u cases, %u differ\n", cases, failed);
    CU_ASSERT_TRUE(cases > 300);
    free(text);
    free(path);
}

/* ---- Java conventions ---- */

static char *fmt_double(double d, bool decimal_format)
{
    struct strbuf sb;
    strbuf_init(&sb);
    if (decimal_format)
        jp_java_decimal_format(d, &sb);
    else
        jp_java_double(d, &sb);
    return strbuf_detach(&sb);
}

#define EXPECT_DOUBLE(d, java, decimal)                                                      \
    do {                                                                                     \
        char *j_ = fmt_double(d, false), *k_ = fmt_double(d, true);                          \
        CU_ASSERT_STRING_EQUAL_MSG(j_, java);                                                \
        CU_ASSERT_STRING_EQUAL_MSG(k_, decimal);                                             \
        free(j_);                                                                            \
        free(k_);                                                                            \
    } while (0)

static void test_doubles(void)
{
    EXPECT_DOUBLE(1.0, "1.0", "1.0");
    EXPECT_DOUBLE(8.95, "8.95", "8.95");
    EXPECT_DOUBLE(-0.0, "-0.0", "-0.0");
    EXPECT_DOUBLE(1e7, "1.0E7", "10000000.0");
    EXPECT_DOUBLE(9999999.5, "9999999.5", "9999999.5");
    EXPECT_DOUBLE(0.001, "0.001", "0.001");
    EXPECT_DOUBLE(0.0001, "1.0E-4", "0.0001");
    struct strbuf big, tiny;
    strbuf_init(&big);
    strbuf_init(&tiny);
    strbuf_adds(&big, "15");
    for (int i = 0; i < 299; i++)
        strbuf_addc(&big, '0');
    strbuf_adds(&big, ".0");
    strbuf_adds(&tiny, "0.");
    for (int i = 0; i < 323; i++)
        strbuf_addc(&tiny, '0');
    strbuf_adds(&tiny, "49");
    EXPECT_DOUBLE(1.5e300, "1.5E300", big.s);
    EXPECT_DOUBLE(4.9e-324, "4.9E-324", tiny.s);
    strbuf_free(&big);
    strbuf_free(&tiny);
    EXPECT_DOUBLE(123456789.125, "1.23456789125E8", "123456789.125");
}

static char *dec(const char *s)
{
    struct jp_decimal d;
    if (!jp_decimal_parse(s, strlen(s), &d))
        return xstrdup("NFE");
    struct strbuf sb;
    strbuf_init(&sb);
    jp_decimal_to_string(&d, &sb);
    strbuf_addf(&sb, " %d", (int)jp_decimal_int_value(&d));
    jp_decimal_free(&d);
    return strbuf_detach(&sb);
}

#define EXPECT_DEC(in, out)                                                                  \
    do {                                                                                     \
        char *d_ = dec(in);                                                                  \
        CU_ASSERT_STRING_EQUAL_MSG(d_, out);                                                 \
        free(d_);                                                                            \
    } while (0)

static void test_bigdecimal(void)
{
    EXPECT_DEC("10", "10 10");
    EXPECT_DEC("1.50", "1.50 1");
    EXPECT_DEC("-0", "0 0");
    EXPECT_DEC("0.00", "0.00 0");
    EXPECT_DEC("1e3", "1E+3 1000");
    EXPECT_DEC("1.0E10", "1.0E+10 1410065408");
    EXPECT_DEC("1.0E-5", "0.000010 0");
    EXPECT_DEC("1.0E-7", "1.0E-7 0");
    EXPECT_DEC("-12.75", "-12.75 -12");
    EXPECT_DEC(".5", "0.5 0");
    EXPECT_DEC("5.", "5 5");
    EXPECT_DEC("+7", "7 7");
    EXPECT_DEC("", "NFE");
    EXPECT_DEC("-", "NFE");
    EXPECT_DEC("1e", "NFE");
    EXPECT_DEC("1-2", "NFE");
    EXPECT_DEC("..1", "NFE");
    struct jp_decimal a, b;
    CU_ASSERT_TRUE(jp_decimal_parse("1.0", 3, &a));
    CU_ASSERT_TRUE(jp_decimal_parse("1", 1, &b));
    CU_ASSERT_EQUAL(jp_decimal_compare(&a, &b), 0);
    CU_ASSERT_FALSE(jp_decimal_equals(&a, &b));
    jp_decimal_free(&a);
    jp_decimal_free(&b);
    CU_ASSERT_TRUE(jp_decimal_parse("-2", 2, &a));
    CU_ASSERT_TRUE(jp_decimal_parse("-10", 3, &b));
    CU_ASSERT_TRUE(jp_decimal_compare(&a, &b) > 0);
    jp_decimal_free(&a);
    jp_decimal_free(&b);
}

static char *order_of(const char *const *keys, size_t n)
{
    size_t lens[16], order[16];
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(keys[i]);
    jp_java_hashmap_order(keys, lens, n, order);
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++)
        strbuf_addf(&sb, "%s%s", i ? "," : "", keys[order[i]]);
    return strbuf_detach(&sb);
}

static void test_hashmap_order(void)
{
    /* java.util.HashMap iteration orders, from JDK 17 */
    const char *k1[] = {"category", "author", "title", "price"};
    char *o = order_of(k1, 4);
    CU_ASSERT_STRING_EQUAL_MSG(o, "category,title,author,price");
    free(o);
    const char *k2[] = {"b", "a", "c"};
    o = order_of(k2, 3);
    CU_ASSERT_STRING_EQUAL_MSG(o, "a,b,c");
    free(o);
    CU_ASSERT_EQUAL(jp_java_string_hash("hello", 5), 99162322);
    CU_ASSERT_EQUAL(jp_java_string_hash("\xf0\x9f\x98\x80", 4), 1772899);   /* U+1F600 */
    CU_ASSERT_TRUE(jp_java_string_compare("\xf0\x9f\x98\x80", 4, "\xef\xbc\xa1", 3) < 0);
    CU_ASSERT_TRUE(jp_java_string_compare("ab", 2, "a", 1) > 0);
}

static void test_split_trim_unescape(void)
{
    size_t n;
    char **p = jp_java_split("a;b;;", ';', &n);
    CU_ASSERT_EQUAL(n, 2);
    jp_split_free(p, n);
    p = jp_java_split(";", ';', &n);
    CU_ASSERT_EQUAL(n, 0);
    jp_split_free(p, n);
    p = jp_java_split("", ';', &n);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(p[0], "");
    jp_split_free(p, n);
    p = jp_java_split(";x", ';', &n);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_STRING_EQUAL(p[0], "");
    jp_split_free(p, n);
    char *t = jp_java_trim(" \t a b \n", 8, NULL);
    CU_ASSERT_STRING_EQUAL(t, "a b");
    free(t);
    struct strbuf sb;
    strbuf_init(&sb);
    char *err = NULL;
    const char *in = "a\\'b\\u0041\\ud83d\\ude00\\q\\";
    CU_ASSERT_TRUE(jp_unescape(in, strlen(in), &sb, &err));
    CU_ASSERT_STRING_EQUAL(sb.s, "a'bA\xf0\x9f\x98\x80q\\");
    strbuf_reset(&sb);
    CU_ASSERT_FALSE(jp_unescape("\\uzzzz", 6, &sb, &err));
    CU_ASSERT_STRING_EQUAL(err, "Unable to parse unicode value: zzzz");
    free(err);
    strbuf_free(&sb);
}

static void test_compile_basics(void)
{
    char *err = NULL;
    struct jsonpath *p = jsonpath_compile("store.book[*].author", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    struct strbuf sb;
    strbuf_init(&sb);
    jsonpath_to_string(p, &sb);
    CU_ASSERT_STRING_EQUAL(sb.s, "$['store']['book'][*]['author']");
    CU_ASSERT_FALSE(jsonpath_is_definite(p));
    jsonpath_free(p);
    p = jsonpath_compile("$..price.sum()", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_TRUE(jsonpath_is_definite(p));
    CU_ASSERT_TRUE(jsonpath_is_function(p));
    strbuf_reset(&sb);
    jsonpath_to_string(p, &sb);
    CU_ASSERT_STRING_EQUAL(sb.s, "$.sum()");
    jsonpath_free(p);
    CU_ASSERT_PTR_NULL(jsonpath_compile("$.", &err));
    CU_ASSERT_STRING_EQUAL(err, "Path must not end with a '.' or '..'");
    free(err);
    CU_ASSERT_PTR_NULL(jsonpath_compile("", &err));
    CU_ASSERT_STRING_EQUAL(err, "json can not be null or empty");
    free(err);
    strbuf_free(&sb);
}

static void test_documents(void)
{
    char *err = NULL;
    struct jp_doc *d = jp_doc_parse("  404 Not Found \n", 17, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(json_string_value(jp_doc_root(d)), "404 Not Found");
    jp_doc_free(d);
    d = jp_doc_parse("{'a': bare words, b: 'x\"y'} trailing", 36, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(jp_doc_root(d), "a")), "bare words");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(jp_doc_root(d), "b")), "x\"y");
    jp_doc_free(d);
    d = jp_doc_parse("{\"a\":", 5, &err);
    CU_ASSERT_PTR_NULL(d);
    CU_ASSERT_PTR_NOT_NULL(err);
    free(err);
    struct strbuf deep;
    strbuf_init(&deep);
    for (int i = 0; i < 401; i++)
        strbuf_addc(&deep, '[');
    d = jp_doc_parse(deep.s, deep.len, &err);
    CU_ASSERT_PTR_NULL(d);
    CU_ASSERT_STRING_EQUAL(err, "net.minidev.json.parser.ParseException: Malicious payload, having "
                                "non natural depths, parsing stoped on [ at position 400.");
    free(err);
    strbuf_free(&deep);
}

int main(void)
{
    static const struct cu_test tests[] = {
        {"conformance table (paths.tsv)", test_table},
        {"Double.toString and DecimalFormat", test_doubles},
        {"BigDecimal", test_bigdecimal},
        {"HashMap order, hashCode, compareTo", test_hashmap_order},
        {"split, trim, unescape", test_split_trim_unescape},
        {"compiling", test_compile_basics},
        {"documents", test_documents},
        {NULL, NULL},
    };
    return cu_run("jsonpath", tests);
}
