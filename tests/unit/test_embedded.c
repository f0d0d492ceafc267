/* test_embedded.c - embedded resources (embedded.c, embedded_css.c, digest
 * §5.6): the parser chosen per Content-Type, every tag kind of JMeter's
 * LagartoBasedHtmlParser in document order with <base href>, duplicates,
 * JMeter's greedy style-attribute regex, the @import list of a style sheet,
 * charsets, the allow/exclude filters and the error results. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/http_request.h"
#include "testutil.h"

static char *read_data(const char *name, size_t *len)
{
    char *rel = xasprintf("tests/data/http/%s", name);
    char *path = test_path(rel);
    char *text = file_read_all(path, len);
    free(path);
    free(rel);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    return text;
}

/* The list as text: one URL (or "ERROR class: message") per line. */
static char *list_text(const struct embedded_list *l)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].url)
            strbuf_addf(&sb, "%s\n", l->items[i].url);
        else
            strbuf_addf(&sb, "ERROR %s: %s\n", l->items[i].error_class, l->items[i].error_message);
    }
    return strbuf_detach(&sb);
}

static char *extract(const char *body, size_t len, const char *ct, const char *enc, const char *base,
                     const char *allow, const char *exclude)
{
    struct embedded_list l;
    embedded_extract(body, len, ct, enc, base, allow, exclude, &l);
    char *t = list_text(&l);
    embedded_list_free(&l);
    return t;
}

static void test_parser_for(void)
{
    CU_ASSERT_EQUAL(embedded_parser_for("text/html; charset=utf-8"), EMBEDDED_HTML);
    CU_ASSERT_EQUAL(embedded_parser_for("TEXT/HTML"), EMBEDDED_HTML);
    CU_ASSERT_EQUAL(embedded_parser_for("application/xhtml+xml"), EMBEDDED_HTML);
    CU_ASSERT_EQUAL(embedded_parser_for(" text/xml;charset=x"), EMBEDDED_HTML);
    CU_ASSERT_EQUAL(embedded_parser_for("application/xml"), EMBEDDED_HTML);
    CU_ASSERT_EQUAL(embedded_parser_for("text/vnd.wap.wml"), EMBEDDED_HTML);
    CU_ASSERT_EQUAL(embedded_parser_for("text/css"), EMBEDDED_CSS);
    CU_ASSERT_EQUAL(embedded_parser_for("application/json"), EMBEDDED_NONE);
    CU_ASSERT_EQUAL(embedded_parser_for("text/plain"), EMBEDDED_NONE);
    CU_ASSERT_EQUAL(embedded_parser_for(""), EMBEDDED_NONE);
    CU_ASSERT_EQUAL(embedded_parser_for(NULL), EMBEDDED_NONE);
}

static const char page_urls[] =
    "http://www.example.com/dir/css/site.css\n"
    "http://www.example.com/favicon.ico\n"
    "http://www.example.com/short.ico\n"
    "http://www.example.com/font.woff2\n"
    "http://www.example.com/dir/js/app.js\n"
    "http://www.example.com/dir/img/bg.png\n"
    "http://www.example.com/body-style.png\n"
    "http://www.example.com/dir/img/a.png\n"
    "http://www.example.com/dir/img/b.png\n"
    "http://www.example.com/dir/img/button.png\n"
    "http://www.example.com/dir/img/button2.png\n"
    "http://www.example.com/dir/img/table.png\n"
    "http://www.example.com/dir/img/tr.png\n"
    "http://www.example.com/dir/img/td.png\n"
    "http://www.example.com/dir/img/div.png\n"
    "http://www.example.com/dir/media/movie.swf\n"
    "http://www.example.com/dir/media/sound.mid\n"
    "http://www.example.com/dir/applets/app.jar\n"
    "http://www.example.com/dir/Other.class\n"
    "http://www.example.com/obj/\n"
    "http://www.example.com/dir/data.bin\n"
    "http://www.example.com/dir/frame.html\n"
    "http://www.example.com/quoted.png\n"
    "http://www.example.com/one.png');%20b:%20url('/two.png\n"
    "http://cdn.example.com/base/after-base.png\n"
    "http://other.example.com/protocol-relative.png\n"
    "http://cdn.example.com/collapsed.png\n"
    "http://cdn.example.com/base/img/space%20name.png\n";

static void test_page(void)
{
    size_t len;
    char *html = read_data("page.html", &len);
    char *got = extract(html, len, "text/html", NULL, "http://www.example.com/dir/page.html", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, page_urls);
    free(got);

    /* allow and exclude: whole-URL matches */
    got = extract(html, len, "text/html", NULL, "http://www.example.com/dir/page.html",
                  "http://www\\.example\\.com/dir/img/.*", ".*/b\\.png");
    CU_ASSERT_STRING_EQUAL_MSG(got, "http://www.example.com/dir/img/bg.png\n"
                                    "http://www.example.com/dir/img/a.png\n"
                                    "http://www.example.com/dir/img/button.png\n"
                                    "http://www.example.com/dir/img/button2.png\n"
                                    "http://www.example.com/dir/img/table.png\n"
                                    "http://www.example.com/dir/img/tr.png\n"
                                    "http://www.example.com/dir/img/td.png\n"
                                    "http://www.example.com/dir/img/div.png\n");
    free(got);
    got = extract(html, len, "text/html", NULL, "http://www.example.com/dir/page.html", "png", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "");   /* a partial match is no match */
    free(got);
    /* an invalid regex is ignored */
    got = extract(html, len, "text/html", NULL, "http://www.example.com/dir/page.html", "(", "[");
    CU_ASSERT_STRING_EQUAL_MSG(got, page_urls);
    free(got);
    /* not a page type: nothing */
    got = extract(html, len, "application/octet-stream", NULL, "http://www.example.com/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "");
    free(got);
    free(html);
}

static void test_frames(void)
{
    static const char doc[] =
        "<html><frameset cols='50%,50%'><frame src='left.html'><frame src=\"right.html\">"
        "</frameset></html>";
    char *got = extract(doc, strlen(doc), "text/html", "UTF-8", "http://h/f/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "http://h/f/left.html\nhttp://h/f/right.html\n");
    free(got);
}

static void test_css(void)
{
    size_t len;
    char *css = read_data("style.css", &len);
    char *got = extract(css, len, "text/css", NULL, "http://www.example.com/css/style.css", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "http://www.example.com/css/base.css\n"
                                    "http://www.example.com/css/print.css\n"
                                    "http://www.example.com/css/theme/dark.css\n"
                                    "http://www.example.com/css/base.css\n"
                                    "http://www.example.com/css/a&b.css\n");
    free(got);
    free(css);
    static const char bare[] = "/* nothing but rules */ a { color: red } @import 'x.css';";
    got = extract(bare, strlen(bare), "text/css", NULL, "http://h/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "");
    free(got);
}

static void test_charsets(void)
{
    /* no charset anywhere: ISO-8859-1 */
    static const char latin[] = "<html><body><img src='caf\xE9.png'></body></html>";
    char *got = extract(latin, strlen(latin), "text/html", NULL, "http://h/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "http://h/caf\xC3\xA9.png\n");
    free(got);
    /* the charset of a <meta http-equiv> */
    static const char meta[] = "<html><head><META HTTP-EQUIV=\"Content-Type\" "
                               "CONTENT=\"text/html; charset=utf-8\"></head>"
                               "<body><img src='caf\xC3\xA9.png'></body></html>";
    got = extract(meta, strlen(meta), "text/html", NULL, "http://h/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "http://h/caf\xC3\xA9.png\n");
    free(got);
    /* the response's own charset wins */
    got = extract(latin, strlen(latin), "text/html; charset=ISO-8859-1", "ISO-8859-1", "http://h/", "",
                  "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "http://h/caf\xC3\xA9.png\n");
    free(got);
}

static void test_errors(void)
{
    /* a <base href> Java cannot read stops the parse: one error result */
    static const char bad_base[] = "<img src='a.png'><base href='javascript:x'><img src='b.png'>";
    char *got = extract(bad_base, strlen(bad_base), "text/html", "UTF-8", "http://h/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "ERROR org.apache.jmeter.protocol.http.parser.HTMLParseException: "
                                    "java.lang.IllegalArgumentException: Error creating relative url "
                                    "from javascript:x\n");
    free(got);
    /* a URL that never becomes a URI */
    static const char bad_host[] = "<img src='http://a b/x.png'><img src='ok.png'>";
    got = extract(bad_host, strlen(bad_host), "text/html", "UTF-8", "http://h/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "ERROR java.lang.Exception: http://a b/x.png URI can not be normalized\n"
                                    "http://h/ok.png\n");
    free(got);
    /* nothing to parse */
    got = extract("", 0, "text/html", NULL, "http://h/", "", "");
    CU_ASSERT_STRING_EQUAL_MSG(got, "");
    free(got);
}

static const struct cu_test tests[] = {
    {"parser_for", test_parser_for},
    {"page", test_page},
    {"frames", test_frames},
    {"css", test_css},
    {"charsets", test_charsets},
    {"errors", test_errors},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("embedded", tests);
}
