/* test_emit.c - the lowest layers of the Locust emitter: Python string
 * literals (every way plan text could end a literal or a line early is
 * escaped), identifiers made from element names, and the source writer
 * (indentation, blank lines, "pass" in empty blocks, wrapping that keeps
 * lines short without changing what they mean). */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/emit.h"
#include "testutil.h"

static char *lit(const char *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    py_str_literal_z(&sb, s);
    return strbuf_detach(&sb);
}

#define CHECK_LIT(in, out)                                                      \
    do {                                                                        \
        char *got_ = lit(in);                                                   \
        CU_ASSERT_STRING_EQUAL_MSG(got_, out);                                  \
        free(got_);                                                             \
    } while (0)

static void test_literal_plain(void)
{
    CHECK_LIT("", "''");
    CHECK_LIT("Add to cart", "'Add to cart'");
    CHECK_LIT("caf\xc3\xa9 \xe2\x82\xac", "'caf\xc3\xa9 \xe2\x82\xac'");   /* printable kept */
    CHECK_LIT("{}%s%d", "'{}%s%d'");
    CHECK_LIT("\"\"\"", "'\"\"\"'");
}

static void test_literal_escapes(void)
{
    CHECK_LIT("it's", "'it\\'s'");
    CHECK_LIT("'''", "'\\'\\'\\''");
    CHECK_LIT("a\\b", "'a\\\\b'");
    CHECK_LIT("\\", "'\\\\'");
    CHECK_LIT("line\nnext\r\n\ttab", "'line\\nnext\\r\\n\\ttab'");
    CHECK_LIT("nul\x01 del\x7f", "'nul\\x01 del\\x7f'");
    /* separators Python or editors treat as line ends */
    CHECK_LIT("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xc2\x85" "d", "'a\\u2028b\\u2029c\\x85d'");
    /* invisible and bidirectional formatting, BOM, no-break space */
    CHECK_LIT("\xe2\x80\xae" "x\xef\xbb\xbf" "y\xc2\xa0" "z\xe2\x80\x8b",
              "'\\u202ex\\ufeffy\\xa0z\\u200b'");
    /* private use, a tag character */
    CHECK_LIT("\xee\x80\x80\xf3\xa0\x80\x81", "'\\ue000\\U000e0001'");
}

static void test_literal_invalid_utf8(void)
{
    CHECK_LIT("a\xff" "b\xc3", "'a\\ufffdb\\ufffd'");
    CHECK_LIT("\xed\xa0\x80", "'\\ufffd\\ufffd\\ufffd'");   /* a surrogate */
}

static void test_regex_literal(void)
{
    struct strbuf sb;
    strbuf_init(&sb);
    py_regex_literal(&sb, "\"id\":\\s*(\\d+)");
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "r'\"id\":\\s*(\\d+)'");
    strbuf_reset(&sb);
    py_regex_literal(&sb, "it's\\d");   /* a quote: no raw string */
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "'it\\'s\\\\d'");
    strbuf_reset(&sb);
    py_regex_literal(&sb, "end\\");   /* a trailing backslash cannot end a raw string */
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "'end\\\\'");
    strbuf_reset(&sb);
    py_regex_literal(&sb, "a\\\\");   /* two are fine */
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "r'a\\\\'");
    strbuf_reset(&sb);
    py_regex_literal(&sb, "tab\t\\d");
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "'tab\\t\\\\d'");
    strbuf_free(&sb);
}

static void test_identifiers(void)
{
    struct py_names n;
    py_names_init(&n);
    py_names_reserve(&n, "iteration");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "Add to cart", PY_IDENT_SNAKE, "request"),
                               "add_to_cart");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "Add to cart", PY_IDENT_SNAKE, "request"),
                               "add_to_cart_2");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "Shoppers (EU)", PY_IDENT_CAMEL, "Users"),
                               "ShoppersEU");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "users.csv", PY_IDENT_UPPER, "csv_data"),
                               "USERS_CSV");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "2nd step", PY_IDENT_SNAKE, "request"),
                               "request_2nd_step");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "class", PY_IDENT_SNAKE, "request"),
                               "request_class");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "iteration", PY_IDENT_SNAKE, "request"),
                               "iteration_2");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "'); os.system('x') #", PY_IDENT_SNAKE, "r"),
                               "os_system_x");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "\xc3\xa9\xe2\x80\xa8", PY_IDENT_CAMEL, "Users"),
                               "Users");
    CU_ASSERT_STRING_EQUAL_MSG(py_identifier(&n, "", PY_IDENT_CAMEL, "Users"), "Users2");
    py_names_free(&n);
}

/* ----------------------------------------------------------------- writer */

static bool lines_fit(const char *text, int width)
{
    int col = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            col = 0;
            continue;
        }
        if (++col > width)
            return false;
    }
    return true;
}

static void test_writer_blocks(void)
{
    struct pyw w;
    pyw_init(&w);
    pyw_line(&w, "import re");
    pyw_blank(&w, 2);
    pyw_line(&w, "class A:");
    pyw_indent(&w);
    pyw_comment(&w, "a comment only");
    pyw_dedent(&w);
    pyw_blank(&w, 2);
    pyw_line(&w, "def f():");
    pyw_indent(&w);
    pyw_blank(&w, 1);   /* no blank line right after the def */
    pyw_line(&w, "return 1");
    pyw_dedent(&w);
    CU_ASSERT_STRING_EQUAL_MSG(w.out.s, "import re\n\n\nclass A:\n    # a comment only\n    pass\n\n\n"
                                        "def f():\n    return 1\n");
    pyw_free(&w);
}

static void test_writer_wraps_calls(void)
{
    struct pyw w;
    pyw_init(&w);
    pyw_indent(&w);
    pyw_indent(&w);
    pyw_line(&w, "with self.client.post('/api/cart/items', name='Add to cart', data=body.encode(), "
                 "headers={'Content-Type': 'application/json'}, catch_response=True) as response:");
    CU_ASSERT(lines_fit(w.out.s, 79));
    CU_ASSERT_PTR_NOT_NULL(strstr(w.out.s, "        with self.client.post(\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(w.out.s, "        ) as response:\n"));
    pyw_free(&w);
}

static void test_writer_wraps_literals(void)
{
    struct pyw w;
    pyw_init(&w);
    pyw_indent(&w);
    /* a long literal with escapes: cut into adjacent literals, never inside an escape */
    struct strbuf l;
    strbuf_init(&l);
    for (int i = 0; i < 12; i++)
        strbuf_adds(&l, "word\\n\\u2028 \\'q\\' ");
    pyw_line(&w, "body = '%s' + self.v('x')", l.s);
    CU_ASSERT(lines_fit(w.out.s, 79));
    CU_ASSERT_PTR_NOT_NULL(strstr(w.out.s, "    body = (\n"));
    /* every piece is a whole literal: an even number of unescaped quotes per line */
    for (const char *p = w.out.s; *p;) {
        const char *nl = strchr(p, '\n');
        int quotes = 0;
        for (const char *c = p; c < nl; c++) {
            if (*c == '\\')
                c++;
            else if (*c == '\'')
                quotes++;
        }
        CU_ASSERT_EQUAL(quotes % 2, 0);
        p = nl + 1;
    }
    strbuf_free(&l);
    pyw_free(&w);
}

static void test_writer_comments(void)
{
    struct pyw w;
    pyw_init(&w);
    pyw_comment(&w, "%s", "A long comment that goes on and on about the plan's requests, its "
                          "users and its timers until it has to wrap onto a second line.");
    CU_ASSERT(lines_fit(w.out.s, 79));
    CU_ASSERT_PTR_NOT_NULL(strstr(w.out.s, "\n# "));
    pyw_free(&w);
    /* a literal in a comment is never split, even when too long */
    pyw_init(&w);
    pyw_comment(&w, "TODO: %s", "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb "
                                "ccccccccccccccccccccccccccccccc'");
    CU_ASSERT_PTR_NOT_NULL(strstr(w.out.s, "'aaaa"));
    CU_ASSERT_PTR_NOT_NULL(strstr(w.out.s, "bbbb cccc"));
    pyw_free(&w);
}

static const struct cu_test tests[] = {
    {"literal plain", test_literal_plain},
    {"literal escapes", test_literal_escapes},
    {"literal invalid utf-8", test_literal_invalid_utf8},
    {"regex literal", test_regex_literal},
    {"identifiers", test_identifiers},
    {"writer blocks", test_writer_blocks},
    {"writer wraps calls", test_writer_wraps_calls},
    {"writer wraps literals", test_writer_wraps_literals},
    {"writer comments", test_writer_comments},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("emit", tests);
}
