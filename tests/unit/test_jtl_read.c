/* test_jtl_read.c - the CSV JTL reader of the HTML report: jmx2run's own
 * files, JMeter 5 and 3.x headers, JMeter 2.13's headerless files (a real one
 * recorded with JMeter 2.13), column orders, delimiters, quoting, line ends,
 * formatted timestamps, sub-result lines, and a file:line error for every kind
 * of malformed input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jmx2run/html_report.h"
#include "jmx2run/util.h"
#include "support/testutil.h"

/* Every row as "line|depth|start|elapsed|label|code|message|thread|success|bytes|
 * sent|latency|connect|idle|grp|all|failure\n"; the error text in err. */
struct result {
    int rc;                 /* last jtl_reader_next: 0 end, -1 error */
    size_t rows, subs;
    struct strbuf text, err;
    bool header;
    unsigned cols;
    size_t fields;
    char delim;
};

static void dump_row(struct strbuf *out, const struct jtl_row *r)
{
    strbuf_addf(out, "%ld|%d|%lld|%lld|%s|%s|%s|%s|%s|%lld|%lld|%lld|%lld|%lld|%lld|%lld|%s\n",
                r->line, r->sub_depth, (long long)r->start_ms, (long long)r->elapsed_ms, r->label,
                r->response_code, r->response_message, r->thread_name,
                r->success ? "true" : "false", (long long)r->bytes, (long long)r->sent_bytes,
                (long long)r->latency_ms, (long long)r->connect_ms, (long long)r->idle_ms,
                (long long)r->grp_threads, (long long)r->all_threads, r->failure_message);
}

static void read_reader(struct jtl_reader *rd, struct result *res)
{
    strbuf_init(&res->text);
    strbuf_init(&res->err);
    res->rows = res->subs = 0;
    struct jtl_row row;
    while ((res->rc = jtl_reader_next(rd, &row, &res->err)) == 1) {
        res->rows++;
        res->subs += row.sub_depth > 0;
        dump_row(&res->text, &row);
    }
    /* Once finished, it stays finished. */
    struct strbuf again;
    strbuf_init(&again);
    CU_ASSERT_EQUAL(jtl_reader_next(rd, &row, &again), res->rc);
    CU_ASSERT_EQUAL(again.len, 0);
    strbuf_free(&again);
    res->header = jtl_reader_has_header(rd);
    res->cols = jtl_reader_columns(rd);
    res->fields = jtl_reader_field_count(rd);
    res->delim = jtl_reader_delimiter(rd);
    jtl_reader_close(rd);
}

static void read_text(const char *text, size_t len, const struct jtl_read_options *o,
                      struct result *res)
{
    char *path = test_temp_file(".jtl", text, len);
    struct strbuf err;
    strbuf_init(&err);
    struct jtl_reader *rd = jtl_reader_open(path, o, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    strbuf_free(&err);
    read_reader(rd, res);
    /* Messages name the file as given; the tests compare them as "x.jtl". */
    struct strbuf fixed;
    strbuf_init(&fixed);
    const char *p = res->err.s;
    size_t plen = strlen(path);
    while (*p) {
        if (strncmp(p, path, plen) == 0) {
            strbuf_adds(&fixed, "x.jtl");
            p += plen;
        } else {
            strbuf_addc(&fixed, *p++);
        }
    }
    strbuf_free(&res->err);
    res->err = fixed;
    remove(path);
    free(path);
}

static void read_str(const char *text, struct result *res)
{
    read_text(text, strlen(text), NULL, res);
}

static void result_free(struct result *res)
{
    strbuf_free(&res->text);
    strbuf_free(&res->err);
}

static void read_fixture(const char *rel, struct result *res)
{
    char *path = test_path(rel);
    struct strbuf err;
    strbuf_init(&err);
    struct jtl_reader *rd = jtl_reader_open(path, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    strbuf_free(&err);
    read_reader(rd, res);
    free(path);
}

/* The n-th line (0-based) of a dump. */
static char *dump_line(const struct result *res, size_t n)
{
    const char *p = res->text.s;
    for (size_t i = 0; i < n && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p || !*p)
        return xstrdup("");
    return xstrndup(p, strcspn(p, "\n"));
}

#define HDR5 "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success," \
             "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n"

/* ---- real files ---- */

static void test_jmx2run_file(void)
{
    struct result r;
    read_fixture("tests/data/jtl/jmx2run.jtl", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.err.s, "");
    CU_ASSERT_TRUE(r.header);
    CU_ASSERT_EQUAL(r.fields, 17);
    CU_ASSERT_EQUAL(r.delim, ',');
    CU_ASSERT_EQUAL(r.rows, 228);
    /* 12 pages x 4 embedded resources + 12 redirects x 2 hops */
    CU_ASSERT_EQUAL(r.subs, 72);
    unsigned all = JTL_HAS_CODE | JTL_HAS_MESSAGE | JTL_HAS_THREAD | JTL_HAS_FAILURE_MESSAGE |
                   JTL_HAS_BYTES | JTL_HAS_SENT_BYTES | JTL_HAS_THREADS | JTL_HAS_LATENCY |
                   JTL_HAS_CONNECT | JTL_HAS_IDLE;
    CU_ASSERT_EQUAL(r.cols, all);
    char *l = dump_line(&r, 0);
    CU_ASSERT_STRING_EQUAL_MSG(l, "2|0|1795720126198|2|Home page|200|OK|Mixers 1-1|true|1142|535|"
                                  "1|0|0|1|1|");
    free(l);
    l = dump_line(&r, 1);
    CU_ASSERT_STRING_EQUAL_MSG(l, "3|1|1795720126198|1|Home page-0|200|OK|Mixers 1-1|true|428|137|"
                                  "1|0|0|1|1|");
    free(l);
    /* A label with a line break: the row after it starts two lines further. */
    CU_ASSERT_PTR_NOT_NULL(strstr(r.text.s, "|Line one\nline two|200|OK|"));
    /* The failed assertion's message and the transaction's. */
    CU_ASSERT_PTR_NOT_NULL(strstr(r.text.s, "|Echo checked|200|OK|Mixers 1-1|false|376|129|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.text.s, "|Test failed: text expected to contain /nope/\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.text.s, "|Checkout flow||Number of samples in transaction : "
                                            "2, number of failing samples : 2|"));
    result_free(&r);
}

static void test_jmeter213_file(void)
{
    struct result r;
    read_fixture("tests/data/jtl/jmeter213.jtl", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.err.s, "");
    CU_ASSERT_FALSE(r.header);
    CU_ASSERT_EQUAL(r.fields, 12);
    CU_ASSERT_EQUAL(r.rows, 156);
    CU_ASSERT_EQUAL(r.subs, 0);     /* 2.13 writes no sub-result lines */
    CU_ASSERT_FALSE(r.cols & JTL_HAS_SENT_BYTES);
    CU_ASSERT_FALSE(r.cols & JTL_HAS_CONNECT);
    CU_ASSERT_TRUE(r.cols & JTL_HAS_LATENCY);
    CU_ASSERT_TRUE(r.cols & JTL_HAS_THREADS);
    char *l = dump_line(&r, 0);
    CU_ASSERT_STRING_EQUAL_MSG(l, "1|0|1795720133129|142|Home page|200|OK|Mixers 1-1|true|1142|0|"
                                  "64|0|0|1|1|");
    free(l);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.text.s, "|<script>alert(\"x\")</script> & 'q'|200|OK|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.text.s, "|Get, \"home\"|200|"));
    result_free(&r);
}

/* ---- headers, columns, delimiters ---- */

static void test_header_any_order(void)
{
    /* The order JMeter writes with some switches off, as in the controller tests. */
    struct result r;
    read_str("timeStamp,elapsed,threadName,label,responseCode,responseMessage,success\n"
             "1795719648540,0,Transactions 1-1,a,200,,true\n"
             "1795719648538,7,Transactions 1-1,TC,,\"Number of samples in transaction : 3, "
             "number of failing samples : 1\",false\n", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s,
        "2|0|1795719648540|0|a|200||Transactions 1-1|true|0|0|0|0|0|0|0|\n"
        "3|0|1795719648538|7|TC||Number of samples in transaction : 3, number of failing "
        "samples : 1|Transactions 1-1|false|0|0|0|0|0|0|0|\n");
    CU_ASSERT_EQUAL(r.cols, JTL_HAS_CODE | JTL_HAS_MESSAGE | JTL_HAS_THREAD);
    result_free(&r);
}

static void test_header_jmeter30_and_variables(void)
{
    /* JMeter 3.0's default header, plus a sample variable (quoted name) and
     * columns the report does not use. */
    struct result r;
    read_str("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
             "failureMessage,bytes,grpThreads,allThreads,Latency,IdleTime,Hostname,\"SESSION\"\n"
             "1000,5,L,200,OK,T 1-1,text,true,,10,1,2,4,3,host,abc\n", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "2|0|1000|5|L|200|OK|T 1-1|true|10|0|4|0|3|1|2|\n");
    CU_ASSERT_TRUE(r.header);
    CU_ASSERT_EQUAL(r.fields, 16);
    result_free(&r);
}

static void test_headerless_by_field_count(void)
{
    struct result r;
    /* 17 fields: 5.x's defaults written with print_field_names=false. */
    read_str("1000,5,L,200,OK,T 1-1,text,true,,10,20,1,2,http://x/,3,0,1\n", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "1|0|1000|5|L|200|OK|T 1-1|true|10|20|3|1|0|1|2|\n");
    CU_ASSERT_FALSE(r.header);
    result_free(&r);
    /* 16 fields: 3.1 to 4.0 */
    read_str("1000,5,L,200,OK,T 1-1,text,true,,10,20,1,2,3,0,1\n", &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "1|0|1000|5|L|200|OK|T 1-1|true|10|20|3|1|0|1|2|\n");
    result_free(&r);
    /* 14 fields: 3.0 */
    read_str("1000,5,L,200,OK,T 1-1,text,true,,10,1,2,3,0\n", &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "1|0|1000|5|L|200|OK|T 1-1|true|10|0|3|0|0|1|2|\n");
    result_free(&r);
}

static void test_columns_option(void)
{
    struct jtl_read_options o = { "timeStamp, elapsed, label, success", 0 };
    struct result r;
    const char *text = "1000,5,\"a,b\",false\n";
    read_text(text, strlen(text), &o, &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "1|0|1000|5|a,b||||false|0|0|0|0|0|0|0|\n");
    CU_ASSERT_EQUAL(r.cols, 0);
    result_free(&r);
    /* A header line wins over the option. */
    text = "timeStamp,label,elapsed,success\n1000,x,7,true\n";
    read_text(text, strlen(text), &o, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "2|0|1000|7|x||||true|0|0|0|0|0|0|0|\n");
    result_free(&r);
}

static void test_delimiters(void)
{
    struct result r;
    read_str("timeStamp\telapsed\tlabel\tsuccess\n1000\t5\ta,b\ttrue\n", &r);
    CU_ASSERT_EQUAL(r.delim, '\t');
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "2|0|1000|5|a,b||||true|0|0|0|0|0|0|0|\n");
    result_free(&r);
    read_str("timeStamp;elapsed;label;success\n1000;5;\"a;b\";TRUE\n", &r);
    CU_ASSERT_EQUAL(r.delim, ';');
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "2|0|1000|5|a;b||||true|0|0|0|0|0|0|0|\n");
    result_free(&r);
    /* Headerless, tab-separated 2.13 line: guessed from the counts. */
    read_str("1000\t5\tL, with comma\t200\tOK\tT 1-1\ttext\ttrue\t10\t1\t1\t3\n", &r);
    CU_ASSERT_EQUAL(r.delim, '\t');
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s,
                               "1|0|1000|5|L, with comma|200|OK|T 1-1|true|10|0|3|0|0|1|1|\n");
    result_free(&r);
    /* Given explicitly. */
    struct jtl_read_options o = { NULL, '|' };
    const char *t = "timeStamp|elapsed|label|success\n1000|5|x,y|true\n";
    read_text(t, strlen(t), &o, &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "2|0|1000|5|x,y||||true|0|0|0|0|0|0|0|\n");
    result_free(&r);
}

/* ---- CSV details ---- */

static void test_quoting(void)
{
    struct result r;
    read_str(HDR5
             "1,2,\"Get, \"\"home\"\"\",200,OK,T 1-1,text,true,,1,1,1,1,null,0,0,0\n"
             "3,4,\"two\nlines\r\nhere\",200,\"a \"\"b\"\"\",T 1-1,text,true,,1,1,1,1,null,0,0,0\n"
             "5,6,\"\",200,,T 1-1,text,true,\"\",1,1,1,1,null,0,0,0\n"
             "7,8,say \"hi\",200,OK,T 1-1,text,true,,1,1,1,1,null,0,0,0\n", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s,
        "2|0|1|2|Get, \"home\"|200|OK|T 1-1|true|1|1|0|0|0|1|1|\n"
        "3|0|3|4|two\nlines\r\nhere|200|a \"b\"|T 1-1|true|1|1|0|0|0|1|1|\n"
        "6|0|5|6||200||T 1-1|true|1|1|0|0|0|1|1|\n"
        "7|0|7|8|say \"hi\"|200|OK|T 1-1|true|1|1|0|0|0|1|1|\n");
    result_free(&r);
}

static void test_line_ends_bom_blank_lines(void)
{
    struct result r;
    read_str("\xEF\xBB\xBFtimeStamp,elapsed,label,success\r\n"
             "1000,5,a,true\r\n"
             "\r\n"
             "\n"
             "2000,6,b\rc,false\r\n"
             "3000,7,d,true", &r);          /* no line end at the end of the file */
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_TRUE(r.header);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s,
        "2|0|1000|5|a||||true|0|0|0|0|0|0|0|\n"
        "5|0|2000|6|b\rc||||false|0|0|0|0|0|0|0|\n"
        "6|0|3000|7|d||||true|0|0|0|0|0|0|0|\n");
    result_free(&r);
}

static void test_empty_and_header_only(void)
{
    struct result r;
    read_str("", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_EQUAL(r.rows, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.err.s, "");
    result_free(&r);
    read_str(HDR5, &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_EQUAL(r.rows, 0);
    CU_ASSERT_TRUE(r.header);
    CU_ASSERT_EQUAL(r.fields, 17);
    result_free(&r);
}

static void test_formatted_timestamps(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    struct result r;
    read_str("timeStamp,elapsed,label,success\n"
             "2023/11/14 22:13:20.123,5,a,true\n"
             "2023-11-14 22:13:21,5,b,true\n"
             "2023-11-14T22:13:22.5,5,c,true\n", &r);
    CU_ASSERT_EQUAL(r.rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s,
        "2|0|1700000000123|5|a||||true|0|0|0|0|0|0|0|\n"
        "3|0|1700000001000|5|b||||true|0|0|0|0|0|0|0|\n"
        "4|0|1700000002500|5|c||||true|0|0|0|0|0|0|0|\n");
    result_free(&r);
}

/* ---- sub-results ---- */

static void test_subresults(void)
{
    struct result r;
    read_str("timeStamp,elapsed,label,threadName,success\n"
             "1,1,A,T 1-1,true\n"          /* 2: top */
             "1,1,A-0,T 1-1,true\n"        /* 3: child of A */
             "1,1,A-0-0,T 1-1,true\n"      /* 4: grandchild */
             "1,1,A-1,T 1-1,true\n"        /* 5: next child of A */
             "1,1,A-3,T 1-1,true\n"        /* 6: skips 2: not a child */
             "1,1,B,T 1-1,true\n"          /* 7: top */
             "1,1,B-0,T 1-2,true\n"        /* 8: another thread: top */
             "1,1,B-0-0,T 1-2,true\n"      /* 9: child of that B-0 */
             "1,1,C,T 1-1,true\n"          /* 10 */
             "1,1,C-00,T 1-1,true\n"       /* 11: not a plain number */
             "1,1,C-1,T 1-1,true\n"        /* 12: C expects 0 first */
             "1,1,C-1-0,T 1-1,true\n"      /* 13: child of the top row C-1 */
             "1,1,A,T 1-1,true\n"          /* 14 */
             "1,1,A-0,T 1-1,true\n"        /* 15: numbering restarts for a new A */
             "1,1,A-0,T 1-1,true\n", &r);  /* 16: A already had its 0 */
    CU_ASSERT_EQUAL(r.rc, 0);
    static const int depth[] = { 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0 };
    for (size_t i = 0; i < ARRAY_LEN(depth); i++) {
        char *l = dump_line(&r, i);
        char want[16];
        snprintf(want, sizeof want, "%zu|%d|", i + 2, depth[i]);
        if (strncmp(l, want, strlen(want)) != 0)
            fprintf(stderr, "\n    row %zu: [%s], expected depth %d\n", i, l, depth[i]);
        CU_ASSERT_EQUAL(strncmp(l, want, strlen(want)), 0);
        free(l);
    }
    result_free(&r);
    /* Without a threadName column the thread is not checked. */
    read_str("timeStamp,elapsed,label,success\n1,1,P,true\n1,1,P-0,true\n", &r);
    CU_ASSERT_EQUAL(r.subs, 1);
    result_free(&r);
}

/* ---- errors ---- */

static void expect_error(const char *text, const char *message)
{
    struct result r;
    read_text(text, strlen(text), NULL, &r);
    CU_ASSERT_EQUAL(r.rc, -1);
    CU_ASSERT_STRING_EQUAL_MSG(r.err.s, message);
    result_free(&r);
}

static void test_errors(void)
{
    expect_error(HDR5 "1,2,a,200,OK,T,text,true,,1,1,1,1,null,0,0,0\n1,2,b,200\n",
                 "x.jtl:3: error: 4 fields where the header line has 17\n");
    expect_error("timeStamp,elapsed,label,success\n1,x2,a,true\n",
                 "x.jtl:2: error: elapsed \"x2\" is not a whole number of at most 15 digits\n");
    expect_error("timeStamp,elapsed,label,success\n1,,a,true\n",
                 "x.jtl:2: error: elapsed \"\" is not a whole number of at most 15 digits\n");
    expect_error("timeStamp,elapsed,label,success\n1,99999999999999999999,a,true\n",
                 "x.jtl:2: error: elapsed \"99999999999999999999\" is not a whole number of "
                 "at most 15 digits\n");
    expect_error("timeStamp,elapsed,label,success\n1,2,a,yes\n",
                 "x.jtl:2: error: success \"yes\" is neither true nor false\n");
    expect_error("timeStamp,elapsed,label,success\nnoon,2,a,true\n",
                 "x.jtl:2: error: timeStamp \"noon\" is neither epoch milliseconds nor a date "
                 "such as 2024/01/31 13:45:00.123\n");
    expect_error("timeStamp,elapsed,label,success,bytes\n1,2,a,true,lots\n",
                 "x.jtl:2: error: bytes \"lots\" is not a whole number of at most 15 digits\n");
    expect_error("timeStamp,elapsed,label,success\n1,2,a,true\n1,2,\"open,true\n\n",
                 "x.jtl:3: error: a quoted field is not closed before the end of the file\n");
    expect_error("timeStamp,elapsed,label,success\n1,2,\"a\"b,true\n",
                 "x.jtl:2: error: unexpected text after the closing quote of field 3\n");
    expect_error("timeStamp,elapsed,label,responseCode\n1,2,a,200\n",
                 "x.jtl:1: error: the results have no success column (the report needs "
                 "timeStamp, elapsed, label and success)\n");
    expect_error("1,2,a,true,x,y,z,w,v\n",
                 "x.jtl:1: error: no header line, and 9 fields are not one of JMeter's default "
                 "column sets (12 for 2.13, 14 for 3.0, 16 for 3.1 to 4.0, 17 for 5.x): add the "
                 "header line or name the columns\n");
    static const char nul[] = "timeStamp,elapsed,label,success\n1,2,a\0b,true\n";
    struct result r;
    read_text(nul, sizeof nul - 1, NULL, &r);
    CU_ASSERT_EQUAL(r.rc, -1);
    CU_ASSERT_STRING_EQUAL_MSG(r.err.s, "x.jtl:2: error: NUL byte in the file (not a text JTL?)\n");
    result_free(&r);
    expect_error("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n",
                 "x.jtl:1: error: an XML results file: the report reads CSV results "
                 "(jmeter.save.saveservice.output_format=csv)\n");
    /* The line of a row spanning lines is where it starts. */
    expect_error("timeStamp,elapsed,label,success\n1,2,\"a\nb\nc\",maybe\n",
                 "x.jtl:2: error: success \"maybe\" is neither true nor false\n");
}

static void test_open_error(void)
{
    struct strbuf err;
    strbuf_init(&err);
    struct jtl_reader *rd = jtl_reader_open("/nonexistent/dir/r.jtl", NULL, &err);
    CU_ASSERT_PTR_NULL(rd);
    CU_ASSERT_STRING_EQUAL_MSG(err.s, "jmx2run: error: cannot open the results file "
                                      "/nonexistent/dir/r.jtl: No such file or directory\n");
    strbuf_free(&err);
}

static void test_read_error(void)
{
    /* A folder opens for reading but cannot be read. */
    struct strbuf err;
    strbuf_init(&err);
    struct jtl_reader *rd = jtl_reader_open("/", NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    struct jtl_row row;
    CU_ASSERT_EQUAL(jtl_reader_next(rd, &row, &err), -1);
    CU_ASSERT_STRING_EQUAL_MSG(err.s, "/:1: error: cannot read the file: Is a directory\n");
    jtl_reader_close(rd);
    strbuf_free(&err);
}

static void test_stream(void)
{
    static const char text[] = "timeStamp,elapsed,label,success\n5,6,s,true\n";
    FILE *f = fmemopen((void *)text, sizeof text - 1, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    struct result r;
    read_reader(jtl_reader_open_stream(f, "mem", NULL), &r);
    CU_ASSERT_STRING_EQUAL_MSG(r.text.s, "2|0|5|6|s||||true|0|0|0|0|0|0|0|\n");
    result_free(&r);
    fclose(f);
}

static const struct cu_test tests[] = {
    { "jmx2run's JTL (5.x header, sub-results)", test_jmx2run_file },
    { "JMeter 2.13's JTL (no header)", test_jmeter213_file },
    { "header in another order", test_header_any_order },
    { "JMeter 3.0 header, variables, unused columns", test_header_jmeter30_and_variables },
    { "no header: columns from the field count", test_headerless_by_field_count },
    { "columns option", test_columns_option },
    { "delimiters", test_delimiters },
    { "quoting", test_quoting },
    { "CRLF, BOM, blank lines, no final newline", test_line_ends_bom_blank_lines },
    { "empty file, header only", test_empty_and_header_only },
    { "formatted timestamps", test_formatted_timestamps },
    { "sub-result lines", test_subresults },
    { "malformed input: file:line errors", test_errors },
    { "missing file", test_open_error },
    { "a file that cannot be read", test_read_error },
    { "reading a stream", test_stream },
    { NULL, NULL },
};

int main(void)
{
    return cu_run("jtl_read", tests);
}
