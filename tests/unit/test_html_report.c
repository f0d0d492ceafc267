/* test_html_report.c - the HTML report: figures on the page against values
 * worked out by hand from tests/data/jtl/stats.jtl (see its README), hostile
 * labels and messages escaped, the page structure seen by an HTML parser, the
 * output folder rules (-o must be absent or empty unless -f), options and
 * properties, and a long generated file (bounded time buckets).
 *
 * Run as "test_html_report --render results.jtl DIR" it only writes a report
 * (forced), for tests/integration/test_report.sh. */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "jmx2run/html_report.h"
#include "jmx2run/props.h"
#include "jmx2run/util.h"
#include "support/testutil.h"

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/test_html_report.XXXXXX";
    char *d = mkdtemp(tmpl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    return xstrdup(d);
}

static void remove_tree(const char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
    free(cmd);
}

/* Renders a fixture into a fresh folder and returns the page (NULL on failure,
 * with the messages in err when given). */
static char *render(const char *rel, const struct html_report_options *o, struct strbuf *err)
{
    char *jtl = test_path(rel);
    char *dir = temp_dir();
    char *out = path_join(dir, "report");
    struct strbuf e;
    strbuf_init(&e);
    int rc = html_report_from_jtl(jtl, out, o, &e);
    char *page = NULL;
    if (rc == 0) {
        char *index = path_join(out, "index.html");
        size_t len;
        page = file_read_all(index, &len);
        free(index);
    }
    if (err)
        strbuf_adds(err, e.s);
    else if (rc != 0)
        fprintf(stderr, "\n    %s", e.s);
    strbuf_free(&e);
    remove_tree(dir);
    free(out);
    free(dir);
    free(jtl);
    return page;
}

static void expect_in(const char *page, const char *needle)
{
    bool found = page && strstr(page, needle);
    if (!found)
        fprintf(stderr, "\n    not on the page: [%s]\n", needle);
    CU_ASSERT_TRUE(found);
}

static void expect_not_in(const char *page, const char *needle)
{
    bool found = page && strstr(page, needle);
    if (found)
        fprintf(stderr, "\n    on the page but must not be: [%s]\n", needle);
    CU_ASSERT_FALSE(found);
}

static void utc(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
}

/* ---- statistics from tests/data/jtl/stats.jtl ---- */

#define N(v) "<td class=\"n\">" v "</td>"
#define BAD(v) "<td class=\"n bad\">" v "</td>"

static void test_statistics_table(void)
{
    utc();
    char *page = render("tests/data/jtl/stats.jtl", NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    /* Total: the 11 requests (transactions, sub-results and the empty transaction left out). */
    expect_in(page, "<tr class=\"total\" data-label=\"Total\"><td class=\"label\">Total</td>"
                    N("11") N("3") BAD("27.27%") N("350.09") N("1") N("2000") N("50") N("1003")
                    N("1003") N("2000") N("1.69") N("1.08") N("0.24") "</tr>");
    expect_in(page, "<tr data-label=\"Login\"><td class=\"label\">Login</td>"
                    N("4") N("0") N("0.00%") N("425.00") N("100") N("1000") N("301") N("1000")
                    N("1000") N("1000") N("1.00") N("0.98") N("0.20") "</tr>");
    expect_in(page, "<tr data-label=\"Search\"><td class=\"label\">Search</td>"
                    N("5") N("2") BAD("40.00%") N("420.00") N("10") N("2000") N("30") N("2000")
                    N("2000") N("2000") N("0.83") N("0.41") N("0.08") "</tr>");
    expect_in(page, "<tr data-label=\"Flow\"><td class=\"label\">Flow <span class=\"tag\" "
                    "title=\"Transaction Controller sample\">transaction</span></td>"
                    N("2") N("1") BAD("50.00%") N("200.00") N("150") N("250") N("150") N("250")
                    N("250") N("250") N("0.62") N("0.00") N("0.00") "</tr>");
    expect_in(page, "<tr data-label=\"Page\"><td class=\"label\">Page</td>"
                    N("1") N("0") N("0.00%") N("50.00") N("50") N("50") N("50") N("50") N("50")
                    N("50") N("20.00") N("13.67") N("5.86") "</tr>");
    expect_in(page, "<tr data-label=\"Refused\"><td class=\"label\">Refused</td>"
                    N("1") N("1") BAD("100.00%") N("1.00") N("1") N("1") N("1") N("1") N("1")
                    N("1") N("1000.00") N("0.00") N("0.00") "</tr>");
    expect_not_in(page, "data-label=\"Page-0\"");
    expect_not_in(page, "data-label=\"Empty tx\"");
    /* The method is stated. */
    expect_in(page, "The percentiles are JMeter&rsquo;s");
    free(page);
}

static void test_apdex_errors_info(void)
{
    utc();
    char *page = render("tests/data/jtl/stats.jtl", NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    /* APDEX: transactions included, T = 500 ms, F = 1500 ms. */
    expect_in(page, "Application Performance Index, T = 500 ms, F = 1500 ms");
    expect_in(page, "<tr class=\"total\" data-label=\"Total\"><td class=\"label\">Total</td>"
                    N("0.577") "<td class=\"apdex poor\">poor</td>" N("7") N("1") N("5") "</tr>");
    expect_in(page, "<td class=\"label\">Login</td>" N("0.875") "<td class=\"apdex good\">good"
                    "</td>" N("3") N("1") N("0"));
    expect_in(page, "<td class=\"label\">Search</td>" N("0.400")
                    "<td class=\"apdex unacceptable\">unacceptable</td>");
    expect_in(page, N("1.000") "<td class=\"apdex excellent\">excellent</td>");
    /* Errors: by kind, assertion failures by their message. */
    expect_in(page, "<tr data-label=\"500/Internal Server Error\"><td class=\"label msg\">"
                    "500/Internal Server Error</td>" N("1") N("33.33%") N("9.09%") "</tr>");
    expect_in(page, "<td class=\"label msg\">Test failed: text expected to contain /ok/</td>"
                    N("1") N("33.33%") N("9.09%"));
    expect_in(page, "<td class=\"label msg\">Non HTTP response code: java.net.ConnectException/"
                    "Non HTTP response message: Connection refused</td>");
    /* Top 5: the Total group spans its three errors. */
    expect_in(page, "<td class=\"label\" rowspan=\"3\">Total</td><td class=\"n\" rowspan=\"3\">"
                    "11</td><td class=\"n\" rowspan=\"3\">3</td>");
    expect_in(page, "<td class=\"label\" rowspan=\"2\">Search</td><td class=\"n\" rowspan=\"2\">"
                    "5</td><td class=\"n\" rowspan=\"2\">2</td>");
    /* Run information. */
    expect_in(page, "<dt>Start</dt><dd>2023-11-14 22:13:20 UTC</dd>");
    expect_in(page, "<dt>End</dt><dd>2023-11-14 22:13:26 UTC</dd>");
    expect_in(page, "<dt>Duration</dt><dd>7 s</dd>");
    expect_in(page, "<dt>Samples</dt><dd>11 requests, 2 transaction samples</dd>");
    expect_in(page, "<dt>Sub-results</dt><dd>2 lines");
    expect_in(page, "1 empty transaction samples");
    expect_in(page, "(header line, 17 columns, comma)");
    /* Hits per second count the sub-results: 5 in the third second. */
    expect_in(page, "<title>22:13:22\nHits/s: 5.00\nErrors/s: 0.00</title>");
    expect_in(page, "Time slots of 1 s");
    free(page);
}

/* The page parsed as HTML: its tables have the rows they should. */
static int count_nodes(xmlDocPtr doc, const char *xpath)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
    int n = r && r->nodesetval ? r->nodesetval->nodeNr : -1;
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return n;
}

static xmlDocPtr parse_page(const char *page)
{
    return htmlReadMemory(page, (int)strlen(page), "index.html", "UTF-8",
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}

static void test_page_structure(void)
{
    char *page = render("tests/data/jtl/hostile.jtl", NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    xmlDocPtr doc = parse_page(page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    /* Total + 8 labels: no label added or broke a row. */
    CU_ASSERT_EQUAL(count_nodes(doc, "//section[@id='statistics']//tbody/tr"), 9);
    CU_ASSERT_EQUAL(count_nodes(doc, "//section[@id='apdex']//tbody/tr"), 9);
    CU_ASSERT_EQUAL(count_nodes(doc, "//table"), 4);
    CU_ASSERT_EQUAL(count_nodes(doc, "//script"), 0);
    CU_ASSERT_EQUAL(count_nodes(doc, "//img"), 0);
    CU_ASSERT_EQUAL(count_nodes(doc, "//h1"), 1);
    CU_ASSERT_EQUAL(count_nodes(doc, "//i[not(parent::span/parent::div[@class='legend'])]"), 0);
    CU_ASSERT_EQUAL(count_nodes(doc, "//b[not(ancestor::div[@class='tile' or "
                                     "starts-with(@class,'tile ')])]"), 0);
    CU_ASSERT_EQUAL(count_nodes(doc, "//*[@onerror]"), 0);
    /* Nothing is loaded from elsewhere. */
    CU_ASSERT_EQUAL(count_nodes(doc, "//*[@src]"), 0);
    CU_ASSERT_EQUAL(count_nodes(doc, "//link"), 0);
    CU_ASSERT_EQUAL(count_nodes(doc, "//a[not(starts-with(@href,'#'))]"), 0);
    /* The label cells read back as the labels. */
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(
        (const xmlChar *)"//section[@id='statistics']//tbody/tr[2]/td[1]", ctx);
    CU_ASSERT_TRUE_FATAL(r && r->nodesetval && r->nodesetval->nodeNr == 1);
    xmlChar *text = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
    CU_ASSERT_STRING_EQUAL_MSG((const char *)text, "<script>alert(1)</script>");
    xmlFree(text);
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    expect_not_in(page, "http://");
    expect_not_in(page, "https://");
    expect_not_in(page, "<script");
    free(page);
}

static void test_hostile_labels(void)
{
    char *page = render("tests/data/jtl/hostile.jtl", NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    expect_in(page, "<td class=\"label\">&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    expect_in(page, "data-label=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    expect_in(page, "<td class=\"label\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>");
    expect_in(page, "<td class=\"label\">a &amp; b &amp;amp; c</td>");
    expect_in(page, "<td class=\"label\">Line one\nline two</td>");
    expect_in(page, "<td class=\"label\">Sep&#x2028;Para&#x2029;end</td>");
    expect_in(page, "<td class=\"label\">&#39;single&#39; quotes</td>");
    expect_in(page, "<td class=\"label\">&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1&gt;x</td>");
    expect_in(page, "<td class=\"label\">bad\xEF\xBF\xBD\xEF\xBF\xBDutf8 ctl\xEF\xBF\xBD"
                    "\xEF\xBF\xBD</td>");
    /* Messages and codes too. */
    expect_in(page, "500/&lt;i&gt;oops&lt;/i&gt; &amp; &quot;quoted&quot;");
    expect_in(page, "&lt;b&gt;assert&lt;/b&gt; failed");
    expect_in(page, "&lt;x&gt;/m");
    expect_not_in(page, "<i>oops");
    expect_not_in(page, "<b>assert");
    expect_not_in(page, "<h1>x");
    expect_not_in(page, "\xff");
    expect_not_in(page, "\x01");
    free(page);
}

static void test_escape(void)
{
    static const struct {
        const char *in;
        size_t len;
        const char *out;
    } cases[] = {
        { "plain", 5, "plain" },
        { "<a href=\"x\">'&'</a>", 19, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;" },
        { "tab\tcr\rlf\n", 10, "tab\tcr\rlf\n" },
        { "\x01\x1f\x7f", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
        { "caf\xC3\xA9 \xE6\x9D\xB1", 9, "caf\xC3\xA9 \xE6\x9D\xB1" },
        { "\xE2\x80\xA8\xE2\x80\xA9", 6, "&#x2028;&#x2029;" },
        { "\xFF\xC3", 2, "\xEF\xBF\xBD\xEF\xBF\xBD" },                  /* not UTF-8; cut */
        { "\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD" },                  /* overlong '/' */
        { "\xED\xA0\x80", 3, "\xEF\xBF\xBD" },                          /* a surrogate */
        { "\xC2\x85", 2, "\xEF\xBF\xBD" },                              /* C1 control */
        { "\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x80" },                  /* emoji */
        { "a\0b", 3, "a\xEF\xBF\xBD" "b" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct strbuf out;
        strbuf_init(&out);
        html_escape(&out, cases[i].in, cases[i].len);
        CU_ASSERT_STRING_EQUAL_MSG(out.s, cases[i].out);
        strbuf_free(&out);
    }
}

/* ---- the output folder ---- */

static bool exists(const char *dir, const char *name)
{
    char *p = path_join(dir, name);
    struct stat st;
    bool ok = stat(p, &st) == 0;
    free(p);
    return ok;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *p = path_join(dir, name);
    FILE *f = fopen(p, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

static void test_output_folder(void)
{
    char *jtl = test_path("tests/data/jtl/stats.jtl");
    char *dir = temp_dir();
    struct html_report_options o;
    html_report_options_init(&o);
    struct strbuf err;
    strbuf_init(&err);

    /* An empty folder is fine. */
    CU_ASSERT_EQUAL(html_report_from_jtl(jtl, dir, &o, &err), 0);
    CU_ASSERT_TRUE(exists(dir, "index.html"));
    CU_ASSERT_STRING_EQUAL_MSG(err.s, "");

    /* Now it is not empty: refused, and the page is left alone. */
    write_file(dir, "index.html", "old");
    write_file(dir, "keep.txt", "mine");
    CU_ASSERT_EQUAL(html_report_from_jtl(jtl, dir, &o, &err), -1);
    char *want = xasprintf("jmx2run: error: the report folder %s is not empty (use -f to write "
                           "the report into it anyway)\n", dir);
    CU_ASSERT_STRING_EQUAL_MSG(err.s, want);
    free(want);
    char *index = path_join(dir, "index.html");
    size_t len;
    char *text = file_read_all(index, &len);
    CU_ASSERT_STRING_EQUAL_MSG(text, "old");
    free(text);

    /* -f: written into it; other files stay. */
    strbuf_reset(&err);
    o.force = true;
    CU_ASSERT_EQUAL(html_report_from_jtl(jtl, dir, &o, &err), 0);
    text = file_read_all(index, &len);
    CU_ASSERT_TRUE(text && strncmp(text, "<!DOCTYPE html>", 15) == 0);
    free(text);
    CU_ASSERT_TRUE(exists(dir, "keep.txt"));
    free(index);

    /* Absent folders are created, parents too. */
    char *deep = xasprintf("%s/a/b/c", dir);
    o.force = false;
    CU_ASSERT_EQUAL(html_report_from_jtl(jtl, deep, &o, &err), 0);
    CU_ASSERT_TRUE(exists(deep, "index.html"));

    /* A file where the folder should be. */
    strbuf_reset(&err);
    char *file = path_join(dir, "keep.txt");
    CU_ASSERT_EQUAL(html_report_check_output_dir(file, true, &err), -1);
    want = xasprintf("jmx2run: error: the report folder %s exists and is not a folder\n", file);
    CU_ASSERT_STRING_EQUAL_MSG(err.s, want);
    free(want);

    /* The check alone, as the runner makes it before a run with -e. */
    strbuf_reset(&err);
    CU_ASSERT_EQUAL(html_report_check_output_dir(dir, false, &err), -1);
    CU_ASSERT_EQUAL(html_report_check_output_dir(dir, true, &err), 0);
    char *fresh = path_join(dir, "fresh");
    CU_ASSERT_EQUAL(html_report_check_output_dir(fresh, false, &err), 0);
    CU_ASSERT_FALSE(exists(dir, "fresh"));  /* checking creates nothing */

    /* Malformed results: an error, no folder made, no page. */
    strbuf_reset(&err);
    static const char bad_text[] = "timeStamp,elapsed,label,success\n1,2,a,true\n1,x,b,true\n";
    char *bad = test_temp_file(".jtl", bad_text, sizeof bad_text - 1);
    CU_ASSERT_EQUAL(html_report_from_jtl(bad, fresh, &o, &err), -1);
    want = xasprintf("%s:3: error: elapsed \"x\" is not a whole number of at most 15 digits\n",
                     bad);
    CU_ASSERT_STRING_EQUAL_MSG(err.s, want);
    free(want);
    CU_ASSERT_FALSE(exists(dir, "fresh"));
    remove(bad);
    free(bad);

    /* A missing results file. */
    strbuf_reset(&err);
    CU_ASSERT_EQUAL(html_report_from_jtl("/nonexistent/r.jtl", fresh, &o, &err), -1);
    CU_ASSERT_STRING_EQUAL_MSG(err.s, "jmx2run: error: cannot open the results file "
                                      "/nonexistent/r.jtl: No such file or directory\n");

    strbuf_free(&err);
    free(fresh);
    free(file);
    free(deep);
    remove_tree(dir);
    free(dir);
    free(jtl);
}

/* ---- options ---- */

static void test_options(void)
{
    utc();
    struct html_report_options o;
    html_report_options_init(&o);
    CU_ASSERT_EQUAL(o.apdex_satisfied_ms, 500);
    CU_ASSERT_EQUAL(o.apdex_tolerated_ms, 1500);
    o.apdex_satisfied_ms = 50;
    o.apdex_tolerated_ms = 200;
    o.title = "Nightly <run> & \"co\"";
    char *page = render("tests/data/jtl/stats.jtl", &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    /* Login 100 is tolerated, 300, 300 and 1000 frustrated: 0.5 / 4. */
    expect_in(page, "<td class=\"label\">Login</td>" N("0.125")
                    "<td class=\"apdex unacceptable\">unacceptable</td>" N("0") N("1") N("3"));
    expect_in(page, "Application Performance Index, T = 50 ms, F = 200 ms");
    expect_in(page, "satisfied (T) &le; 50 ms, tolerated (F) &le; 200 ms");
    expect_in(page, "<title>Nightly &lt;run&gt; &amp; &quot;co&quot;</title>");
    expect_in(page, "<h1>Nightly &lt;run&gt; &amp; &quot;co&quot;</h1>");
    free(page);

    /* Sub-results counted as samples of their own, as JMeter's dashboard does. */
    html_report_options_init(&o);
    o.include_subresults = true;
    page = render("tests/data/jtl/stats.jtl", &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    expect_in(page, "<tr data-label=\"Page-0\"><td class=\"label\">Page-0</td>" N("1"));
    expect_in(page, "<tr class=\"total\" data-label=\"Total\"><td class=\"label\">Total</td>"
                    N("13") N("3"));
    free(page);

    /* Thresholds that make no sense are refused. */
    html_report_options_init(&o);
    o.apdex_tolerated_ms = 100;
    struct strbuf err;
    strbuf_init(&err);
    CU_ASSERT_PTR_NULL(render("tests/data/jtl/stats.jtl", &o, &err));
    CU_ASSERT_STRING_EQUAL_MSG(err.s, "jmx2run: error: APDEX thresholds 500 / 100 ms: the "
                                      "satisfied one must be at least 0 and the tolerated one "
                                      "at least as large\n");
    strbuf_free(&err);
}

static void test_options_from_props(void)
{
    struct props *p = props_new();
    struct strbuf store;
    strbuf_init(&store);
    struct html_report_options o;
    html_report_options_from_props(&o, p, &store);
    CU_ASSERT_EQUAL(o.apdex_satisfied_ms, 500);
    CU_ASSERT_EQUAL(o.apdex_tolerated_ms, 1500);
    CU_ASSERT_PTR_NULL(o.title);
    CU_ASSERT_PTR_NULL(o.columns);
    CU_ASSERT_EQUAL(o.delimiter, ',');

    props_set(p, "jmeter.reportgenerator.apdex_satisfied_threshold", "200");
    props_set(p, "jmeter.reportgenerator.apdex_tolerated_threshold", " 800 ");
    props_set(p, "jmeter.reportgenerator.report_title", "Shop test");
    props_set(p, "jmeter.save.saveservice.print_field_names", "false");
    props_set(p, "jmeter.save.saveservice.default_delimiter", "\t");
    props_set(p, "jmeter.save.saveservice.url", "false");
    html_report_options_from_props(&o, p, &store);
    CU_ASSERT_EQUAL(o.apdex_satisfied_ms, 200);
    CU_ASSERT_EQUAL(o.apdex_tolerated_ms, 800);
    CU_ASSERT_STRING_EQUAL_MSG(o.title, "Shop test");
    CU_ASSERT_EQUAL(o.delimiter, '\t');
    CU_ASSERT_STRING_EQUAL_MSG(o.columns,
        "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
        "failureMessage,bytes,sentBytes,grpThreads,allThreads,Latency,IdleTime,Connect");
    strbuf_free(&store);
    props_free(p);
}

/* ---- a long run: the file streams through, buckets stay few ---- */

static void test_long_run(void)
{
    utc();
    /* Three hours, 60,000 samples from 20 threads, a slow phase in the middle. */
    struct strbuf text;
    strbuf_init(&text);
    strbuf_adds(&text, "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
                       "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,"
                       "Latency,IdleTime,Connect\n");
    const int64_t t0 = 1700000000000;
    for (int i = 0; i < 60000; i++) {
        int64_t t = t0 + (int64_t)i * 180;
        int slow = i > 25000 && i < 35000;
        int elapsed = (i * 7919) % (slow ? 900 : 120) + 5;
        bool ok = i % 97 != 0;
        strbuf_addf(&text, "%lld,%d,Step %d,%s,%s,G 1-%d,text,%s,,%d,100,20,20,null,%d,0,%d\n",
                    (long long)t, elapsed, i % 6, ok ? "200" : "503",
                    ok ? "OK" : "Service Unavailable", i % 20 + 1, ok ? "true" : "false",
                    1000 + i % 50, elapsed / 2, i % 20 ? 0 : 3);
    }
    char *jtl = test_temp_file(".jtl", text.s, text.len);
    strbuf_free(&text);
    char *dir = temp_dir();
    struct strbuf err;
    strbuf_init(&err);
    clock_t c0 = clock();
    CU_ASSERT_EQUAL(html_report_from_jtl(jtl, dir, NULL, &err), 0);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    CU_ASSERT_TRUE(secs < 10.0);
    CU_ASSERT_STRING_EQUAL_MSG(err.s, "");
    char *index = path_join(dir, "index.html");
    size_t len;
    char *page = file_read_all(index, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    /* 3 h in slots of 1 min: 181 slots (the start is not on a minute), 30 s would
     * need 361 of the 360 allowed. */
    expect_in(page, "Time slots of 1 min");
    expect_in(page, "<dt>Duration</dt><dd>3 h 00 min 00 s</dd>");
    expect_in(page, "<tr class=\"total\" data-label=\"Total\"><td class=\"label\">Total</td>"
                    N("60,000") N("619") BAD("1.03%"));
    size_t hover = 0;
    for (const char *p = strstr(page, "id=\"charts\""); p && (p = strstr(p, "class=\"hover\""));
         p++)
        hover++;
    /* One hover slot per time slot in each of the six over-time charts. */
    CU_ASSERT_TRUE(hover >= 6 * 180 && hover <= 6 * 181);
    CU_ASSERT_TRUE(len < 2000000);
    free(page);
    free(index);
    strbuf_free(&err);
    remove_tree(dir);
    free(dir);
    remove(jtl);
    free(jtl);
}

static void test_empty_results(void)
{
    char *jtl = test_temp_file(".jtl", "", 0);
    char *dir = temp_dir();
    struct strbuf err;
    strbuf_init(&err);
    CU_ASSERT_EQUAL(html_report_from_jtl(jtl, dir, NULL, &err), 0);
    char *index = path_join(dir, "index.html");
    size_t len;
    char *page = file_read_all(index, &len);
    expect_in(page, "<p class=\"ok\">No failed samples.</p>");
    expect_in(page, ">no data</text>");
    expect_in(page, "<dt>Samples</dt><dd>0 requests</dd>");
    free(page);
    free(index);
    strbuf_free(&err);
    remove_tree(dir);
    free(dir);
    remove(jtl);
    free(jtl);
}

static const struct cu_test tests[] = {
    { "statistics table = values worked out from the fixture", test_statistics_table },
    { "APDEX, errors, top 5, run information", test_apdex_errors_info },
    { "page structure seen by an HTML parser", test_page_structure },
    { "hostile labels and messages are escaped", test_hostile_labels },
    { "html_escape", test_escape },
    { "output folder: absent, empty, not empty, -f", test_output_folder },
    { "options: APDEX thresholds, title, sub-results", test_options },
    { "options from JMeter properties", test_options_from_props },
    { "a long run: bounded time slots", test_long_run },
    { "empty results file", test_empty_results },
    { NULL, NULL },
};

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--render") == 0) {
        struct html_report_options o;
        html_report_options_init(&o);
        o.force = true;
        struct strbuf err;
        strbuf_init(&err);
        int rc = html_report_from_jtl(argv[2], argv[3], &o, &err);
        fputs(err.s, stderr);
        strbuf_free(&err);
        return rc == 0 ? 0 : 1;
    }
    return cu_run("html_report", tests);
}
