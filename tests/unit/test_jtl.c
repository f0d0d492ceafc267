/* test_jtl.c - JTL results files: CSV header and lines (columns, quoting,
 * switches, delimiter, timestamp patterns, sub-results, sample variables),
 * XML output, and the file handling (append, -f, XML reopen, filters). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "jmx2run/props.h"
#include "jmx2run/report.h"
#include "jmx2run/sample.h"
#include "jmx2run/util.h"
#include "support/testutil.h"

#define DEFAULT_HEADER                                                                        \
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"       \
    "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n"

static void use_utc(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
}

/* The digest's example HTTP sample (§10.2). */
static struct sample *http_sample(void)
{
    struct sample *s = sample_new();
    sample_set_label(s, "Home");
    s->start_ms = 1700000000123;
    s->end_ms = s->start_ms + 37;
    s->elapsed_ms = 37;
    s->latency_ms = 37;
    s->connect_ms = 27;
    s->bytes = 311;
    s->sent_bytes = 118;
    s->response_code = xstrdup("200");
    s->response_message = xstrdup("OK");
    s->data_type = "text";
    s->url = xstrdup("http://127.0.0.1:8080/home?q=a+b");
    s->method = xstrdup("GET");
    s->thread_name = "Users 1-1";
    s->grp_threads = 2;
    s->all_threads = 2;
    s->encoding = xstrdup("");
    return s;
}

/* The digest's example non-parent transaction sample (§10.2). */
static struct sample *transaction_sample(void)
{
    struct sample *s = sample_new();
    sample_set_label(s, "Login flow");
    s->origin = SAMPLE_FROM_TRANSACTION;
    s->start_ms = 1700000000100;
    s->end_ms = s->start_ms + 519;
    s->elapsed_ms = 315;
    s->idle_ms = 204;
    s->latency_ms = 310;
    s->bytes = 734;
    s->sent_bytes = 240;
    s->response_code = xstrdup("200");
    s->response_message =
        xstrdup("Number of samples in transaction : 2, number of failing samples : 0");
    s->thread_name = "Users 1-1";
    s->grp_threads = 2;
    s->all_threads = 2;
    return s;
}

static char *csv_of(const struct jtl_config *c, const struct sample *s, const char *const *vars)
{
    struct strbuf out;
    strbuf_init(&out);
    jtl_csv_sample(c, s, vars, &out);
    return strbuf_detach(&out);
}

static char *header_of(const struct jtl_config *c)
{
    struct strbuf out;
    strbuf_init(&out);
    jtl_csv_header(c, &out);
    return strbuf_detach(&out);
}

static void test_default_header(void)
{
    struct jtl_config c;
    jtl_config_init(&c);
    char *h = header_of(&c);
    CU_ASSERT_STRING_EQUAL_MSG(h, DEFAULT_HEADER);
    free(h);
    jtl_config_free(&c);
}

static void test_digest_example_lines(void)
{
    struct jtl_config c;
    jtl_config_init(&c);
    struct sample *h = http_sample(), *t = transaction_sample();
    char *a = csv_of(&c, h, NULL), *b = csv_of(&c, t, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(a, "1700000000123,37,Home,200,OK,Users 1-1,text,true,,311,118,2,2,"
                                  "http://127.0.0.1:8080/home?q=a+b,37,0,27\n");
    CU_ASSERT_STRING_EQUAL_MSG(b, "1700000000100,315,Login flow,200,\"Number of samples in "
                                  "transaction : 2, number of failing samples : 0\",Users 1-1,,"
                                  "true,,734,240,2,2,null,310,204,0\n");
    free(a), free(b);
    sample_free(h), sample_free(t);
    jtl_config_free(&c);
}

static void test_non_http_error_line(void)
{
    struct jtl_config c;
    jtl_config_init(&c);
    struct sample *s = http_sample();
    sample_set_label(s, "Checkout");
    sample_set_non_http_error(s, "org.apache.http.conn.HttpHostConnectException",
                              "Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused");
    s->elapsed_ms = 2;
    s->bytes = 2100;
    s->sent_bytes = 0;
    s->connect_ms = 2;
    free(s->url);
    s->url = xstrdup("http://127.0.0.1:1/checkout");
    char *line = csv_of(&c, s, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(
        line, "1700000000123,2,Checkout,Non HTTP response code: "
              "org.apache.http.conn.HttpHostConnectException,Non HTTP response message: Connect "
              "to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused,Users 1-1,text,false,,2100,"
              "0,2,2,http://127.0.0.1:1/checkout,0,0,2\n");
    free(line);
    /* An assertion failure: its message is the failureMessage column. */
    struct sample *f = http_sample();
    sample_add_assertion(f, "Passing", false, false, NULL);
    sample_add_assertion(f, "Response Assertion", true, false,
                         "Test failed: text expected to contain /Welcome, user/");
    sample_add_assertion(f, "Later", true, false, "not this one");
    line = csv_of(&c, f, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(line, "1700000000123,37,Home,200,OK,Users 1-1,text,false,\"Test "
                                     "failed: text expected to contain /Welcome, user/\",311,118,"
                                     "2,2,http://127.0.0.1:8080/home?q=a+b,37,0,27\n");
    free(line);
    sample_free(s), sample_free(f);
    jtl_config_free(&c);
}

/* A packed sample (sample_pack: the copy sent to the results writer) writes
 * the same line as the original, with and without assertion results and
 * NULL texts; a sample keeping a payload or sub-samples is not packed. */
static void test_packed_sample_same_line(void)
{
    struct jtl_config c;
    jtl_config_init(&c);
    c.encoding = c.sample_count = true;   /* the encoding and count columns too */
    struct sample *plain = http_sample();
    struct sample *failed = http_sample();
    sample_add_assertion(failed, "Passing", false, false, NULL);
    sample_add_assertion(failed, "Response Assertion", true, false, "Test failed: \"x\", y");
    struct sample *bare = transaction_sample();   /* no URL, method, encoding */
    struct sample *originals[] = {plain, failed, bare};
    for (size_t i = 0; i < 3; i++) {
        struct sample *p = sample_pack(originals[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CU_ASSERT_TRUE(p->packed);
        CU_ASSERT_EQUAL(p->n_assertions, originals[i]->n_assertions);
        CU_ASSERT_STRING_EQUAL(sample_failure_message(p),
                               sample_failure_message(originals[i]));
        char *want = csv_of(&c, originals[i], NULL);
        sample_free(originals[i]);   /* the copy owns nothing of the original */
        char *got = csv_of(&c, p, NULL);
        CU_ASSERT_STRING_EQUAL_MSG(got, want);
        free(want), free(got);
        sample_free(p);
    }
    struct sample *with_body = http_sample();
    strbuf_adds(&with_body->body, "<html/>");
    CU_ASSERT_PTR_NULL(sample_pack(with_body));
    struct sample *parent = http_sample();
    sample_add_sub(parent, http_sample());
    CU_ASSERT_PTR_NULL(sample_pack(parent));
    sample_free(with_body), sample_free(parent);
    jtl_config_free(&c);
}

static void test_quoting(void)
{
    struct jtl_config c;
    jtl_config_init(&c);
    c.timestamp = c.time = c.response_code = c.response_message = c.thread_name = false;
    c.data_type = c.success = c.failure_message = c.bytes = c.sent_bytes = false;
    c.thread_counts = c.latency = c.idle_time = c.connect_time = false;
    struct sample *s = http_sample();
    const struct {
        const char *label, *line;
    } cases[] = {
        { "Get, \"home\"", "\"Get, \"\"home\"\"\",http://127.0.0.1:8080/home?q=a+b\n" },
        { "two\nlines", "\"two\nlines\",http://127.0.0.1:8080/home?q=a+b\n" },
        { "cr\rhere", "\"cr\rhere\",http://127.0.0.1:8080/home?q=a+b\n" },
        { "just \"quotes\"", "\"just \"\"quotes\"\"\",http://127.0.0.1:8080/home?q=a+b\n" },
        { "semi;colon\ttab", "semi;colon\ttab,http://127.0.0.1:8080/home?q=a+b\n" },
        { "", ",http://127.0.0.1:8080/home?q=a+b\n" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        sample_set_label(s, cases[i].label);
        char *line = csv_of(&c, s, NULL);
        CU_ASSERT_STRING_EQUAL_MSG(line, cases[i].line);
        free(line);
    }
    /* URLs are text too. */
    sample_set_label(s, "u");
    free(s->url);
    s->url = xstrdup("http://h/a,b");
    char *line = csv_of(&c, s, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(line, "u,\"http://h/a,b\"\n");
    free(line);
    sample_free(s);
    jtl_config_free(&c);
}

/* The 2.13 observation of §10.4, kept as a fixture file. */
static void test_quoting_fixture(void)
{
    char *path = test_path("tests/data/report/quoting.csv");
    size_t len;
    char *expected = file_read_all(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(expected);
    struct jtl_config c;
    jtl_config_init(&c);
    struct strbuf out;
    strbuf_init(&out);
    jtl_csv_header(&c, &out);
    struct sample *a = http_sample(), *b = http_sample();
    sample_set_label(a, "Get, \"home\"");
    sample_set_label(b, "Line one\nline two");
    b->start_ms += 40;
    jtl_csv_sample(&c, a, NULL, &out);
    jtl_csv_sample(&c, b, NULL, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, expected);
    strbuf_free(&out);
    sample_free(a), sample_free(b);
    jtl_config_free(&c);
    free(expected);
    free(path);
}

static struct sample *labelled(const char *label)
{
    struct sample *s = sample_new();
    sample_set_label(s, label);
    s->thread_name = "T 1-1";
    s->response_code = xstrdup("200");
    s->response_message = xstrdup("OK");
    return s;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_sub_results(void)
{
    struct jtl_config c;
    jtl_config_init(&c);
    c.timestamp = c.time = c.response_code = c.response_message = c.thread_name = false;
    c.data_type = c.success = c.failure_message = c.bytes = c.sent_bytes = false;
    c.thread_counts = c.latency = c.idle_time = c.connect_time = c.url = false;
    struct sample *top = labelled("Flow");
    struct sample *a = labelled("Flow-0"), *b = labelled("Flow-1");
    sample_add_sub(a, labelled("Flow-0-0"));
    sample_add_sub(a, labelled("Flow-0-1"));
    sample_add_sub(top, a);
    sample_add_sub(top, b);
    char *out = csv_of(&c, top, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(out, "Flow\nFlow-0\nFlow-0-0\nFlow-0-1\nFlow-1\n");
    free(out);
    c.subresults = false;
    out = csv_of(&c, top, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(out, "Flow\n");
    free(out);
    sample_free(top);

    /* JMeter stops at recursion level 10: a chain of 15 writes 1 + 11 lines. */
    c.subresults = true;
    struct sample *chain = labelled("L0"), *cur = chain;
    for (int i = 1; i <= 15; i++) {
        char name[16];
        snprintf(name, sizeof name, "L%d", i);
        struct sample *next = labelled(name);
        sample_add_sub(cur, next);
        cur = next;
    }
    out = csv_of(&c, chain, NULL);
    CU_ASSERT_EQUAL(count_lines(out), 12);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nL11\n"));
    CU_ASSERT_PTR_NULL(strstr(out, "L12"));
    free(out);
    sample_free(chain);
    jtl_config_free(&c);
}

/* Splits a comma-separated line (without quotes) into at most 32 fields. */
static size_t split_fields(const char *line, char fields[32][64])
{
    size_t n = 0;
    const char *p = line;
    for (;;) {
        size_t len = strcspn(p, ",\n");
        snprintf(fields[n++], 64, "%.*s", (int)len, p);
        if (p[len] != ',' || n == 32)
            break;
        p += len + 1;
    }
    return n;
}

/* Joins the fields not named in `drop` (a comma-separated list of names). */
static char *join_without(char names[32][64], char values[32][64], size_t n, const char *drop)
{
    struct strbuf out;
    strbuf_init(&out);
    char *list = xasprintf(",%s,", drop);
    for (size_t i = 0; i < n; i++) {
        char *key = xasprintf(",%s,", names[i]);
        if (!strstr(list, key)) {
            if (out.len)
                strbuf_addc(&out, ',');
            strbuf_adds(&out, values[i]);
        }
        free(key);
    }
    strbuf_addc(&out, '\n');
    free(list);
    return strbuf_detach(&out);
}

/* Each switch, turned off through its property, removes its column(s) from
 * the header and the line; the four optional ones add theirs. */
static void test_column_switches(void)
{
    static const struct {
        const char *prop, *names;
    } cols[] = {
        { "time", "elapsed" },
        { "label", "label" },
        { "response_code", "responseCode" },
        { "response_message", "responseMessage" },
        { "thread_name", "threadName" },
        { "data_type", "dataType" },
        { "successful", "success" },
        { "assertion_results_failure_message", "failureMessage" },
        { "bytes", "bytes" },
        { "sent_bytes", "sentBytes" },
        { "thread_counts", "grpThreads,allThreads" },
        { "url", "URL" },
        { "latency", "Latency" },
        { "idle_time", "IdleTime" },
        { "connect_time", "Connect" },
    };
    const char *full_line = "1700000000123,37,Home,200,OK,Users 1-1,text,true,,311,118,2,2,"
                            "http://127.0.0.1:8080/home?q=a+b,37,0,27\n";
    char names[32][64], values[32][64];
    size_t n = split_fields(DEFAULT_HEADER, names);
    CU_ASSERT_EQUAL_FATAL(split_fields(full_line, values), n);
    struct sample *s = http_sample();
    for (size_t i = 0; i < ARRAY_LEN(cols); i++) {
        struct props *p = props_new();
        char *key = xasprintf("jmeter.save.saveservice.%s", cols[i].prop);
        props_set(p, key, "false");
        struct jtl_config c;
        CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
        char *h = header_of(&c), *line = csv_of(&c, s, NULL);
        char *eh = join_without(names, names, n, cols[i].names);
        char *el = join_without(names, values, n, cols[i].names);
        if (strcmp(h, eh) != 0 || strcmp(line, el) != 0)
            fprintf(stderr, "\n    switch %s\n", cols[i].prop);
        CU_ASSERT_STRING_EQUAL_MSG(h, eh);
        CU_ASSERT_STRING_EQUAL_MSG(line, el);
        free(eh), free(el), free(h), free(line), free(key);
        jtl_config_free(&c);
        props_free(p);
    }

    /* The optional columns, all on, in master order; "TRUE" counts, "yes" does not. */
    struct props *p = props_new();
    props_set(p, "jmeter.save.saveservice.filename", "TRUE");
    props_set(p, "jmeter.save.saveservice.encoding", "true");
    props_set(p, "jmeter.save.saveservice.sample_count", "True");
    props_set(p, "jmeter.save.saveservice.hostname", "true");
    props_set(p, "jmeter.save.saveservice.latency", "yes");
    props_set(p, "jmeter.save.saveservice.timestamp_format", "none");
    struct jtl_config c;
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    free(c.hostname_value);
    c.hostname_value = xstrdup("loadgen1");
    char *h = header_of(&c), *line = csv_of(&c, s, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(h, "elapsed,label,responseCode,responseMessage,threadName,dataType,"
                                  "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,"
                                  "URL,Filename,Encoding,SampleCount,ErrorCount,Hostname,IdleTime,"
                                  "Connect\n");
    CU_ASSERT_STRING_EQUAL_MSG(line, "37,Home,200,OK,Users 1-1,text,true,,311,118,2,2,"
                                     "http://127.0.0.1:8080/home?q=a+b,,UTF-8,1,0,loadgen1,0,27\n");
    free(h), free(line);
    /* A response charset wins over the default; a failure counts one error. */
    free(s->encoding);
    s->encoding = xstrdup("ISO-8859-1");
    s->success = false;
    line = csv_of(&c, s, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, ",ISO-8859-1,1,1,loadgen1,"));
    free(line);
    jtl_config_free(&c);
    props_free(p);

    /* print_field_names only matters to the writer; everything off leaves an empty line. */
    struct jtl_config none;
    jtl_config_init(&none);
    none.timestamp = none.time = none.label = none.response_code = none.response_message = false;
    none.thread_name = none.data_type = none.success = none.failure_message = none.bytes = false;
    none.sent_bytes = none.thread_counts = none.url = none.latency = none.idle_time = false;
    none.connect_time = false;
    h = header_of(&none);
    line = csv_of(&none, s, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(h, "\n");
    CU_ASSERT_STRING_EQUAL_MSG(line, "\n");
    free(h), free(line);
    jtl_config_free(&none);
    sample_free(s);
}

static void test_delimiter(void)
{
    struct sample *s = http_sample();
    sample_set_label(s, "tab\there");
    const char *values[] = { "\\t", "\t" };
    for (size_t i = 0; i < ARRAY_LEN(values); i++) {
        struct props *p = props_new();
        props_set(p, "jmeter.save.saveservice.default_delimiter", values[i]);
        props_set(p, "jmeter.save.saveservice.thread_counts", "false");
        props_set(p, "jmeter.save.saveservice.url", "false");
        props_set(p, "jmeter.save.saveservice.latency", "false");
        props_set(p, "jmeter.save.saveservice.idle_time", "false");
        props_set(p, "jmeter.save.saveservice.connect_time", "false");
        struct jtl_config c;
        CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
        CU_ASSERT_EQUAL(c.delimiter, '\t');
        char *h = header_of(&c), *line = csv_of(&c, s, NULL);
        CU_ASSERT_STRING_EQUAL_MSG(h, "timeStamp\telapsed\tlabel\tresponseCode\tresponseMessage\t"
                                      "threadName\tdataType\tsuccess\tfailureMessage\tbytes\t"
                                      "sentBytes\n");
        CU_ASSERT_STRING_EQUAL_MSG(line, "1700000000123\t37\t\"tab\there\"\t200\tOK\tUsers 1-1\t"
                                         "text\ttrue\t\t311\t118\n");
        free(h), free(line);
        jtl_config_free(&c);
        props_free(p);
    }
    /* A comma inside a field needs no quotes with another delimiter. */
    struct props *p = props_new();
    props_set(p, "jmeter.save.saveservice.default_delimiter", "|");
    struct jtl_config c;
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    sample_set_label(s, "a,b|c");
    char *line = csv_of(&c, s, NULL);
    const char *want = "1700000000123|37|\"a,b|c\"|200|";
    CU_ASSERT_EQUAL(strncmp(line, want, strlen(want)), 0);
    free(line);
    jtl_config_free(&c);

    const char *bad[] = { "a", "7", "\"", ";;", "", "\x01" };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        props_set(p, "jmeter.save.saveservice.default_delimiter", bad[i]);
        struct strbuf err;
        strbuf_init(&err);
        CU_ASSERT_FALSE(jtl_config_from_props(&c, p, &err));
        CU_ASSERT_PTR_NOT_NULL(strstr(err.s, "Delimiter"));
        CU_ASSERT_EQUAL(c.delimiter, ',');
        strbuf_free(&err);
        jtl_config_free(&c);
    }
    props_free(p);
    sample_free(s);
}

static char *date_of(const char *pattern, int64_t ms)
{
    struct strbuf err, out;
    strbuf_init(&err), strbuf_init(&out);
    struct report_datefmt *f = report_datefmt_compile(pattern, &err);
    if (!f) {
        strbuf_free(&out);
        return strbuf_detach(&err);
    }
    report_datefmt_format(f, ms, &out);
    report_datefmt_free(f);
    strbuf_free(&err);
    return strbuf_detach(&out);
}

static void check_date(const char *pattern, int64_t ms, const char *expected)
{
    char *got = date_of(pattern, ms);
    if (strcmp(got, expected) != 0)
        fprintf(stderr, "\n    pattern [%s]", pattern);
    CU_ASSERT_STRING_EQUAL_MSG(got, expected);
    free(got);
}

static void test_timestamp_patterns(void)
{
    use_utc();
    const int64_t t = 1700000000123;       /* Tue 2023-11-14 22:13:20.123 UTC */
    check_date("yyyy/MM/dd HH:mm:ss.SSS", t, "2023/11/14 22:13:20.123");
    check_date("yy-M-d H:m:s.S", t, "23-11-14 22:13:20.123");
    check_date("EEE, d MMM yyyy hh:mm a Z", t, "Tue, 14 Nov 2023 10:13 PM +0000");
    check_date("EEEE MMMM", t, "Tuesday November");
    check_date("D F u k K h", t, "318 2 2 22 10 10");
    check_date("'at' HH 'o''clock' ''", t, "at 22 o'clock '");
    check_date("z ZZ XXX X", t, "UTC Z Z Z");
    check_date("w W Y", t, "46 3 2023");
    check_date("S SSSS", 1700000000007, "7 0007");
    /* Week-based year (US rules): Fri 2021-12-31 shares its week with
     * 2022-01-01, so it is week 1 of 2022; Sat 2022-12-31 is week 53. */
    check_date("w Y y", 1640908800000, "1 2022 2021");
    check_date("w Y y", 1672444800000, "53 2022 2022");
    check_date("k h a", 1699920000000, "24 12 AM");  /* 2023-11-14 00:00 */
    char *bad = date_of("yyyy-MM-dd Q", t);
    CU_ASSERT_PTR_NOT_NULL(strstr(bad, "Illegal pattern character 'Q'"));
    free(bad);
    bad = date_of("HH 'open", t);
    CU_ASSERT_PTR_NOT_NULL(strstr(bad, "Unterminated quote"));
    free(bad);

    /* Local time: a zone with summer time and one without an abbreviation. */
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    tzset();
    check_date("yyyy-MM-dd HH:mm z Z XXX", t, "2023-11-14 23:13 CET +0100 +01:00");
    check_date("HH:mm z ZZ X", 1690000000000, "06:26 CEST +02:00 +02");  /* 2023-07-22 04:26Z */
    setenv("TZ", "<+0930>-9:30", 1);
    tzset();
    check_date("HH:mm z Z", t, "07:43 GMT+09:30 +0930");
    use_utc();

    /* The column: formatted, quoted when the pattern brings a comma. */
    struct props *p = props_new();
    props_set(p, "jmeter.save.saveservice.timestamp_format", "yyyy/MM/dd HH:mm:ss.SSS");
    struct jtl_config c;
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    struct sample *s = http_sample();
    char *line = csv_of(&c, s, NULL);
    CU_ASSERT_EQUAL(strncmp(line, "2023/11/14 22:13:20.123,37,Home,", 32), 0);
    free(line);
    jtl_config_free(&c);
    props_set(p, "jmeter.save.saveservice.timestamp_format", "MMM d, yyyy");
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    line = csv_of(&c, s, NULL);
    CU_ASSERT_EQUAL(strncmp(line, "\"Nov 14, 2023\",37,Home,", 23), 0);
    free(line);
    jtl_config_free(&c);
    /* sampleresult.timestamp.start=false: the end time. */
    props_set(p, "sampleresult.timestamp.start", "false");
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    line = csv_of(&c, s, NULL);
    CU_ASSERT_EQUAL(strncmp(line, "\"Nov 14, 2023\",37,Home,", 23), 0);
    jtl_config_free(&c);
    free(line);
    props_set(p, "jmeter.save.saveservice.timestamp_format", "ms");
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    line = csv_of(&c, s, NULL);
    CU_ASSERT_EQUAL(strncmp(line, "1700000000160,37,Home,", 22), 0);
    jtl_config_free(&c);
    free(line);
    props_remove(p, "sampleresult.timestamp.start");
    /* "none" drops the column; an invalid pattern warns and keeps milliseconds. */
    props_set(p, "jmeter.save.saveservice.timestamp_format", "NONE");
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    char *h = header_of(&c);
    CU_ASSERT_EQUAL(strncmp(h, "elapsed,label,", 14), 0);
    free(h);
    jtl_config_free(&c);
    props_set(p, "jmeter.save.saveservice.timestamp_format", "yyyy-bb");
    props_set(p, "jmeter.save.saveservice.output_format", "XML");
    struct strbuf err;
    strbuf_init(&err);
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.s, "Invalid pattern value yyyy-bb"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.s, "unexpected value: 'XML' - assuming 'csv' format"));
    CU_ASSERT_FALSE(c.xml);
    line = csv_of(&c, s, NULL);
    CU_ASSERT_EQUAL(strncmp(line, "1700000000123,37,", 17), 0);
    free(line);
    strbuf_free(&err);
    jtl_config_free(&c);
    props_free(p);
    sample_free(s);
}

static void test_sample_variables(void)
{
    struct props *p = props_new();
    props_set(p, "sample_variables", "SESSION_ID,cart total,,x,,");
    struct jtl_config c;
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    CU_ASSERT_EQUAL_FATAL(c.n_vars, 4);
    CU_ASSERT_STRING_EQUAL(c.var_names[1], "cart total");
    CU_ASSERT_STRING_EQUAL(c.var_names[2], "");
    c.timestamp = c.time = c.response_code = c.response_message = c.thread_name = false;
    c.data_type = c.success = c.failure_message = c.bytes = c.sent_bytes = false;
    c.thread_counts = c.latency = c.idle_time = c.connect_time = c.url = false;
    char *h = header_of(&c);
    CU_ASSERT_STRING_EQUAL_MSG(h, "label,\"SESSION_ID\",\"cart total\",\"\",\"x\"\n");
    free(h);
    struct sample *s = labelled("Buy");
    sample_add_sub(s, labelled("Buy-0"));
    const char *vars[] = { "abc", "1,5", NULL, "q\"uote" };
    char *out = csv_of(&c, s, vars);
    CU_ASSERT_STRING_EQUAL_MSG(out, "Buy,abc,\"1,5\",null,\"q\"\"uote\"\n"
                                    "Buy-0,abc,\"1,5\",null,\"q\"\"uote\"\n");
    free(out);
    out = csv_of(&c, s, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(out, "Buy,null,null,null,null\nBuy-0,null,null,null,null\n");
    free(out);
    jtl_config_set_variables(&c, "");
    CU_ASSERT_EQUAL(c.n_vars, 1);
    jtl_config_set_variables(&c, NULL);
    CU_ASSERT_EQUAL(c.n_vars, 0);
    sample_free(s);
    jtl_config_free(&c);
    props_free(p);
}

static char *read_fixture(const char *rel)
{
    char *path = test_path(rel);
    size_t len;
    char *text = file_read_all(path, &len);
    free(path);
    return text;
}

/* The XML fixture: an HTTP sample with assertion results, a parent
 * transaction with nested HTTP sub-samples, escaping, variables. */
static void build_xml_samples(struct sample **out1, struct sample **out2)
{
    struct sample *h = http_sample();
    sample_set_label(h, "Home <\"quoted\"> & 'more'");
    sample_add_assertion(h, "Status 200", false, false, NULL);
    sample_add_assertion(h, "Body check", true, false, "Test failed: text expected to contain\n/Welcome/");
    h->grp_threads = 1;
    h->all_threads = 3;

    struct sample *t = sample_new();
    sample_set_label(t, "Cart");
    t->origin = SAMPLE_FROM_TRANSACTION;
    t->parent_transaction = true;
    t->start_ms = 1700000000500;
    t->elapsed_ms = 12;
    t->idle_ms = 3;
    t->bytes = 700;
    t->sent_bytes = 300;
    t->response_code = xstrdup("404");
    t->response_message =
        xstrdup("Number of samples in transaction : 2, number of failing samples : 1");
    t->success = false;
    t->thread_name = "Users 1-1";
    t->grp_threads = 1;
    t->all_threads = 3;
    struct sample *c1 = http_sample(), *c2 = http_sample();
    sample_set_label(c1, "Add\titem");
    sample_set_label(c2, "View cart");
    free(c2->url);
    c2->url = xstrdup("http://127.0.0.1:8080/cart?a=1&b=2");
    free(c2->response_code);
    c2->response_code = xstrdup("404");
    free(c2->response_message);
    c2->response_message = xstrdup("Not Found");
    c2->success = false;
    struct sample *redirect = http_sample();
    sample_set_label(redirect, "Add\titem-0");
    sample_add_sub(c1, redirect);
    sample_add_sub(t, c1);
    sample_add_sub(t, c2);
    *out1 = h;
    *out2 = t;
}

static void test_xml_output(void)
{
    char *expected = read_fixture("tests/data/report/results.xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(expected);
    struct props *p = props_new();
    props_set(p, "jmeter.save.saveservice.output_format", "xml");
    props_set(p, "sample_variables", "SESSION_ID,$total");
    struct jtl_config c;
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    CU_ASSERT_TRUE(c.xml);
    struct sample *h, *t;
    build_xml_samples(&h, &t);
    const char *vars[] = { "s-1\r\n", NULL };
    struct strbuf out;
    strbuf_init(&out);
    jtl_xml_header(&c, &out);
    jtl_format_sample(&c, h, vars, &out);
    jtl_format_sample(&c, t, vars, &out);
    jtl_xml_footer(&out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, expected);
    strbuf_free(&out);

    /* Optional attributes in their order, a processing instruction, no
     * assertions or sub-samples, and a non-HTTP sample without URL. */
    jtl_config_free(&c);
    props_set(p, "jmeter.save.saveservice.encoding", "true");
    props_set(p, "jmeter.save.saveservice.sample_count", "true");
    props_set(p, "jmeter.save.saveservice.hostname", "true");
    props_set(p, "jmeter.save.saveservice.assertions", "false");
    props_set(p, "jmeter.save.saveservice.subresults", "false");
    props_set(p, "jmeter.save.saveservice.xml_pi", "<?xml-stylesheet type=\"text/xsl\" href=\"r.xsl\"?>");
    props_remove(p, "sample_variables");
    CU_ASSERT_TRUE(jtl_config_from_props(&c, p, NULL));
    free(c.hostname_value);
    c.hostname_value = xstrdup("vm");
    strbuf_init(&out);
    jtl_xml_header(&c, &out);
    jtl_xml_sample(&c, h, NULL, &out);
    jtl_xml_sample(&c, t, NULL, &out);
    CU_ASSERT_STRING_EQUAL_MSG(
        out.s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<?xml-stylesheet type=\"text/xsl\" href=\"r.xsl\"?>\n"
        "<testResults version=\"1.2\">\n"
        "<httpSample t=\"37\" it=\"0\" lt=\"37\" ct=\"27\" ts=\"1700000000123\" s=\"false\" "
        "lb=\"Home &lt;&quot;quoted&quot;&gt; &amp; &apos;more&apos;\" rc=\"200\" rm=\"OK\" "
        "tn=\"Users 1-1\" dt=\"text\" de=\"\" by=\"311\" sby=\"118\" sc=\"1\" ec=\"1\" ng=\"1\" "
        "na=\"3\" hn=\"vm\">\n"
        "  <java.net.URL>http://127.0.0.1:8080/home?q=a+b</java.net.URL>\n"
        "</httpSample>\n"
        "<sample t=\"12\" it=\"3\" lt=\"0\" ct=\"0\" ts=\"1700000000500\" s=\"false\" lb=\"Cart\" "
        "rc=\"404\" rm=\"Number of samples in transaction : 2, number of failing samples : 1\" "
        "tn=\"Users 1-1\" dt=\"\" de=\"\" by=\"700\" sby=\"300\" sc=\"1\" ec=\"1\" ng=\"1\" "
        "na=\"3\" hn=\"vm\"/>\n");
    strbuf_free(&out);
    sample_free(h), sample_free(t);
    jtl_config_free(&c);
    props_free(p);
    free(expected);
}

static void test_xml_payload_elements(void)
{
    struct jtl_config c;
    jtl_config_init(&c);
    c.xml = true;
    c.time = c.idle_time = c.latency = c.connect_time = c.timestamp = c.success = false;
    c.response_code = c.response_message = c.thread_name = c.data_type = false;
    c.bytes = c.sent_bytes = c.thread_counts = false;
    CU_ASSERT_FALSE(jtl_config_needs_payload(&c));
    c.response_headers = c.request_headers = c.response_data = c.sampler_data = true;
    CU_ASSERT_TRUE(jtl_config_needs_payload(&c));
    struct sample *s = labelled("Debug");
    strbuf_adds(&s->response_headers, "HTTP/1.1 200 OK\r\n");
    strbuf_adds(&s->request_data, "vars\n");
    strbuf_adds(&s->body, "a<b\x01");
    s->data_type = "text";
    struct strbuf out;
    strbuf_init(&out);
    jtl_xml_sample(&c, s, NULL, &out);
    CU_ASSERT_STRING_EQUAL_MSG(
        out.s, "<sample lb=\"Debug\">\n"
               "  <responseHeader class=\"java.lang.String\">HTTP/1.1 200 OK&#xd;\n</responseHeader>\n"
               "  <requestHeader class=\"java.lang.String\"></requestHeader>\n"
               "  <responseData class=\"java.lang.String\">a&lt;b&#x1;</responseData>\n"
               "  <samplerData class=\"java.lang.String\">vars\n</samplerData>\n"
               "</sample>\n");
    strbuf_reset(&out);
    s->data_type = "bin";
    c.response_headers = c.request_headers = c.sampler_data = false;
    jtl_xml_sample(&c, s, NULL, &out);
    CU_ASSERT_STRING_EQUAL_MSG(
        out.s, "<sample lb=\"Debug\">\n"
               "  <responseData class=\"java.lang.String\">Non-TEXT response data, cannot record: "
               "(bin)</responseData>\n</sample>\n");
    /* Only on error. */
    c.response_data = false;
    c.response_data_on_error = true;
    strbuf_reset(&out);
    jtl_xml_sample(&c, s, NULL, &out);
    CU_ASSERT_STRING_EQUAL_MSG(out.s, "<sample lb=\"Debug\"/>\n");
    strbuf_free(&out);
    sample_free(s);
    jtl_config_free(&c);
}

/* ---- files ---- */

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/jmx2run-jtl-XXXXXX";
    char *d = mkdtemp(tmpl);
    return d ? xstrdup(d) : NULL;
}

static char *slurp(const char *path)
{
    size_t len;
    char *s = file_read_all(path, &len);
    return s ? s : xstrdup("(missing)");
}

static void remove_tree(const char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
    free(cmd);
}

static void test_csv_file_append_and_delete(void)
{
    char *dir = temp_dir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char *path = xasprintf("%s/deep/er/out.jtl", dir);
    struct jtl_config c;
    jtl_config_init(&c);
    struct sample *s = http_sample();
    struct strbuf err;
    strbuf_init(&err);

    struct jtl_writer *w = jtl_writer_open(path, &c, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    jtl_writer_add(w, s, NULL);
    CU_ASSERT_TRUE(jtl_writer_flush(w));
    jtl_writer_add(w, s, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    const char *line = "1700000000123,37,Home,200,OK,Users 1-1,text,true,,311,118,2,2,"
                       "http://127.0.0.1:8080/home?q=a+b,37,0,27\n";
    char *expected = xasprintf("%s%s%s", DEFAULT_HEADER, line, line);
    char *got = slurp(path);
    CU_ASSERT_STRING_EQUAL_MSG(got, expected);
    free(got), free(expected);

    /* An existing file is appended to, without a new header. */
    w = jtl_writer_open(path, &c, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    jtl_writer_add(w, s, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    expected = xasprintf("%s%s%s%s", DEFAULT_HEADER, line, line, line);
    got = slurp(path);
    CU_ASSERT_STRING_EQUAL_MSG(got, expected);
    free(got), free(expected);

    /* -f: deleted first, so a fresh header; the filter keeps failures only. */
    struct jtl_writer_options opts = { .delete_first = true, .errors_only = true };
    w = jtl_writer_open(path, &c, &opts, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    jtl_writer_add(w, s, NULL);
    s->success = false;
    jtl_writer_add(w, s, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    got = slurp(path);
    CU_ASSERT_EQUAL(count_lines(got), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(got, ",text,false,"));
    free(got);

    /* No header when print_field_names is off. */
    c.print_field_names = false;
    opts.errors_only = false;
    w = jtl_writer_open(path, &c, &opts, &err);
    jtl_writer_add(w, s, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    got = slurp(path);
    CU_ASSERT_EQUAL(strncmp(got, "1700000000123,37,Home,", 22), 0);
    free(got);

    /* Many samples: more than one buffer's worth arrives intact. */
    c.print_field_names = true;
    w = jtl_writer_open(path, &c, &opts, &err);
    for (int i = 0; i < 5000; i++)
        jtl_writer_add(w, s, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    got = slurp(path);
    CU_ASSERT_EQUAL(count_lines(got), 5001);
    free(got);

    /* autoflush: each sample reaches the file at once. */
    c.autoflush = true;
    opts.delete_first = true;
    w = jtl_writer_open(path, &c, &opts, &err);
    jtl_writer_add(w, s, NULL);
    got = slurp(path);
    CU_ASSERT_EQUAL(count_lines(got), 2);
    free(got);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    c.autoflush = false;

    /* A path that cannot be created fails cleanly. */
    char *bad = xasprintf("%s/deep/er/out.jtl/x.jtl", dir);
    CU_ASSERT_PTR_NULL(jtl_writer_open(bad, &c, NULL, &err));
    CU_ASSERT_TRUE(err.len > 0);
    free(bad);

    strbuf_free(&err);
    sample_free(s);
    jtl_config_free(&c);
    remove_tree(dir);
    free(path);
    free(dir);
}

static void test_xml_file_reopen(void)
{
    char *dir = temp_dir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char *path = xasprintf("%s/out.xml", dir);
    struct jtl_config c;
    jtl_config_init(&c);
    c.xml = true;
    c.time = c.idle_time = c.latency = c.connect_time = c.timestamp = c.success = false;
    c.response_code = c.response_message = c.thread_name = c.data_type = false;
    c.bytes = c.sent_bytes = c.thread_counts = c.url = false;
    struct sample *a = labelled("A"), *b = labelled("B");
    struct strbuf err;
    strbuf_init(&err);

    struct jtl_writer *w = jtl_writer_open(path, &c, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    jtl_writer_add(w, a, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n";
    char *expected = xasprintf("%s<sample lb=\"A\"/>\n\n</testResults>\n", head);
    char *got = slurp(path);
    CU_ASSERT_STRING_EQUAL_MSG(got, expected);
    free(got), free(expected);

    /* Reopened: new samples go before the end tag, which is written again. */
    w = jtl_writer_open(path, &c, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    jtl_writer_add(w, b, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    expected = xasprintf("%s<sample lb=\"A\"/>\n\n<sample lb=\"B\"/>\n\n</testResults>\n", head);
    got = slurp(path);
    CU_ASSERT_STRING_EQUAL_MSG(got, expected);
    free(got), free(expected);

    /* A file without the end tag is rewritten from the start. */
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("this is not a results file, just some text that is long enough to be checked\n", f);
    fclose(f);
    w = jtl_writer_open(path, &c, NULL, &err);
    jtl_writer_add(w, b, NULL);
    CU_ASSERT_TRUE(jtl_writer_close(w, &err));
    expected = xasprintf("%s<sample lb=\"B\"/>\n\n</testResults>\n", head);
    got = slurp(path);
    CU_ASSERT_STRING_EQUAL_MSG(got, expected);
    free(got), free(expected);

    sample_free(a), sample_free(b);
    strbuf_free(&err);
    jtl_config_free(&c);
    remove_tree(dir);
    free(path);
    free(dir);
}

int main(void)
{
    use_utc();
    static const struct cu_test tests[] = {
        { "default header", test_default_header },
        { "digest example lines", test_digest_example_lines },
        { "non-HTTP error and assertion failure", test_non_http_error_line },
        { "packed sample, same line", test_packed_sample_same_line },
        { "quoting", test_quoting },
        { "quoting fixture", test_quoting_fixture },
        { "sub-results", test_sub_results },
        { "column switches", test_column_switches },
        { "delimiter", test_delimiter },
        { "timestamp patterns", test_timestamp_patterns },
        { "sample variables", test_sample_variables },
        { "XML output", test_xml_output },
        { "XML payload elements", test_xml_payload_elements },
        { "CSV file append and -f", test_csv_file_append_and_delete },
        { "XML file reopen", test_xml_file_reopen },
        { NULL, NULL },
    };
    return cu_run("jtl", tests);
}
