/* test_emit_jtl.c - the --jtl results listener of emitted locustfiles (issue 9).
 *
 * Every emitted file has the "jtl" runtime piece (HttpUser and FastHttpUser
 * files alike), its names are kept from the plan's classes and constants, and
 * the file's header points at it. Then the meaning, with Debian's
 * /usr/bin/python3 (which has Locust): the piece's header line and CSV lines
 * are byte for byte what src/report/jtl_csv.c writes for the same values
 * (quoting included), its dataType is sample_data_type_for's, and Python
 * exceptions become JMeter's "Non HTTP response" codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/emit.h"
#include "jmx2run/jmx.h"
#include "jmx2run/plan.h"
#include "jmx2run/report.h"
#include "jmx2run/sample.h"
#include "testutil.h"

/* ------------------------------------------------------------------ helpers */

static char *plan_xml(const char *group_a, const char *group_b)
{
    static const char group[] =
        "<ThreadGroup guiclass=\"ThreadGroupGui\" testclass=\"ThreadGroup\" testname=\"%s\">\n"
        "<intProp name=\"ThreadGroup.num_threads\">1</intProp>\n"
        "<elementProp name=\"ThreadGroup.main_controller\" elementType=\"LoopController\" "
        "guiclass=\"LoopControlPanel\" testclass=\"LoopController\">"
        "<stringProp name=\"LoopController.loops\">1</stringProp></elementProp>\n"
        "</ThreadGroup><hashTree>\n"
        "<HTTPSamplerProxy guiclass=\"HttpTestSampleGui\" testclass=\"HTTPSamplerProxy\" "
        "testname=\"home\">\n"
        "<stringProp name=\"HTTPSampler.domain\">shop.example</stringProp>\n"
        "<stringProp name=\"HTTPSampler.path\">/</stringProp>\n"
        "<stringProp name=\"HTTPSampler.method\">GET</stringProp>\n"
        "</HTTPSamplerProxy><hashTree/>\n"
        "</hashTree>\n";
    struct strbuf x;
    strbuf_init(&x);
    strbuf_adds(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\"><hashTree>\n"
                    "<TestPlan guiclass=\"TestPlanGui\" testclass=\"TestPlan\" testname=\"JTL\"/>"
                    "<hashTree>\n");
    strbuf_addf(&x, group, group_a);
    if (group_b)
        strbuf_addf(&x, group, group_b);
    strbuf_adds(&x, "</hashTree></hashTree></jmeterTestPlan>\n");
    return strbuf_detach(&x);
}

static char *emit_text(const char *group_a, const char *group_b, bool fast)
{
    char *xml = plan_xml(group_a, group_b);
    struct diag_list diags;
    diag_list_init(&diags);
    struct jmx_doc *doc = jmx_load_memory(xml, strlen(xml), "jtl.jmx", &diags);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct plan *plan = plan_build(doc, &diags);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    struct emit_options opt = {.fast = fast, .plan_path = "jtl.jmx"};
    struct strbuf out;
    strbuf_init(&out);
    emit_locust(plan, &opt, &out, &diags);
    plan_free(plan);
    jmx_doc_free(doc);
    diag_list_free(&diags);
    free(xml);
    return strbuf_detach(&out);
}

/* -------------------------------------------------------------------- text */

static void test_in_every_file(void)
{
    for (int fast = 0; fast <= 1; fast++) {
        char *py = emit_text("Users", NULL, fast);
        CU_ASSERT_PTR_NOT_NULL(strstr(py, "\nclass JtlWriter:\n"));
        CU_ASSERT_PTR_NOT_NULL(strstr(py, "\nJTL = JtlWriter()\n"));
        CU_ASSERT_PTR_NOT_NULL(strstr(py, "'--jtl', metavar='FILE'"));
        CU_ASSERT_PTR_NOT_NULL(strstr(py, "\n@events.init.add_listener\ndef jtl_init("));
        CU_ASSERT_PTR_NOT_NULL(strstr(py, "\nimport weakref\n"));
        CU_ASSERT_PTR_NOT_NULL(strstr(py, "\nfrom urllib3.util import SKIP_HEADER\n"));
        /* the header comment points at it; the piece says what is approximated */
        const char *runtime = strstr(py, "\nimport ");
        const char *mention = strstr(py, "--jtl FILE");
        CU_ASSERT_TRUE(mention && runtime && mention < runtime);
        CU_ASSERT_PTR_NOT_NULL(strstr(py, "# Approximated, as Locust and python-requests show"));
        /* the listener is added at init, only with --jtl (or on a worker) */
        CU_ASSERT_PTR_NULL(strstr(py, "@events.request.add_listener\ndef jtl"));
        free(py);
    }
}

static void test_names_kept(void)
{
    char *py = emit_text("Jtl Writer", "JTL", false);
    CU_ASSERT_PTR_NULL(strstr(py, "class JtlWriter(JMeterUser)"));
    CU_ASSERT_PTR_NULL(strstr(py, "class JTL(JMeterUser)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(py, "class JtlWriter2(JMeterUser)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(py, "class JTL2(JMeterUser)"));
    free(py);
}

/* ----------------------------------------------------------------- meaning */

static bool have_locust_python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 &&
           test_run_command("/usr/bin/python3 -c 'import locust'", NULL, NULL) == 0;
}

/* Runs the whole runtime plus a check program; exit 0 when it found nothing wrong. */
static void run_python(const char *check)
{
    struct strbuf py;
    strbuf_init(&py);
    emit_runtime_all(&py, false);
    strbuf_adds(&py, "\n\nbad = []\n\n\ndef check(what, got, want):\n"
                     "    if got != want:\n"
                     "        bad.append('%s: got %r, want %r' % (what, got, want))\n\n\n");
    strbuf_adds(&py, check);
    strbuf_adds(&py, "\nfor line in bad:\n    print(line)\nraise SystemExit(1 if bad else 0)\n");
    char *path = test_temp_file(".py", py.s, py.len);
    char *cmd = xasprintf("/usr/bin/python3 %s", path);
    char *out = NULL, *err = NULL;
    int rc = test_run_command(cmd, &out, &err);
    if (rc != 0)
        fprintf(stderr, "\n    python and jmx2run differ:\n%s%s\n", out ? out : "", err ? err : "");
    CU_ASSERT_EQUAL(rc, 0);
    unlink(path);
    free(path);
    free(cmd);
    free(out);
    free(err);
    strbuf_free(&py);
}

struct line_case {
    const char *label, *code, *message, *thread, *data_type, *failure, *url;
    bool success;
    long long start, elapsed, bytes, sent, grp, all, latency, idle, connect;
};

static const struct line_case line_cases[] = {
    {"Home", "200", "OK", "Users 1-1", "text", NULL, "http://127.0.0.1:8080/?q=a+b", true,
     1700000000123, 37, 311, 118, 2, 2, 30, 0, 7},
    {"Get, \"home\"", "404", "Not Found", "Shop, \"A\" 2-10", "", "Test failed: \"x\", y", NULL,
     false, 1700000000100, 5, 0, 0, 1, 3, 5, 0, 0},
    {"two\nlines\r", "Non HTTP response code: java.net.SocketException",
     "Non HTTP response message: Connection reset", "g 1-1", "text", NULL, "http://h/a,b", false,
     1700000001000, 0, 0, 0, 1, 1, 0, 0, 0},
    {"Login flow", "", "Number of samples in transaction : 2, number of failing samples : 1",
     "caf\xc3\xa9 1-2", "", NULL, NULL, false, 1700000002000, 315, 734, 240, 2, 2, 310, 204, 0},
    {"", "200", "", "", "bin", "", "", true, 1, 1, 1, 1, 0, 0, 1, 0, 1},
};

static void add_literal(struct strbuf *py, const char *s)
{
    if (s)
        py_str_literal_z(py, s);
    else
        strbuf_adds(py, "None");
}

static void test_same_lines_as_native(void)
{
    if (!have_locust_python()) {
        fprintf(stderr, "\n    (skipped: /usr/bin/python3 with Locust is needed)\n");
        return;
    }
    struct jtl_config cfg;
    jtl_config_init(&cfg);
    struct strbuf py, native;
    strbuf_init(&py);
    strbuf_init(&native);
    jtl_csv_header(&cfg, &native);
    strbuf_adds(&py, "check('header', JtlWriter.HEADER, ");
    add_literal(&py, native.s);
    strbuf_adds(&py, ")\n");
    for (size_t i = 0; i < ARRAY_LEN(line_cases); i++) {
        const struct line_case *c = &line_cases[i];
        struct sample *s = sample_new();
        sample_set_label(s, c->label);
        s->start_ms = c->start;
        s->elapsed_ms = c->elapsed;
        s->response_code = xstrdup(c->code);
        s->response_message = xstrdup(c->message);
        s->thread_name = c->thread;
        s->data_type = c->data_type;
        s->success = c->success;
        if (c->failure)
            sample_add_assertion(s, "a", true, false, c->failure);
        s->success = c->success;
        s->bytes = c->bytes;
        s->sent_bytes = c->sent;
        s->grp_threads = (int)c->grp;
        s->all_threads = (int)c->all;
        s->url = c->url ? xstrdup(c->url) : NULL;
        s->latency_ms = c->latency;
        s->idle_ms = c->idle;
        s->connect_ms = c->connect;
        strbuf_reset(&native);
        jtl_csv_sample(&cfg, s, NULL, &native);
        sample_free(s);
        /* start in seconds, as Locust gives it (with room for float rounding) */
        strbuf_addf(&py, "row = jtl_row((%lld + 0.4) / 1000, %lld, ", c->start, c->elapsed);
        add_literal(&py, c->label);
        strbuf_adds(&py, ", ");
        add_literal(&py, c->code);
        strbuf_adds(&py, ", ");
        add_literal(&py, c->message);
        strbuf_adds(&py, ", ");
        add_literal(&py, c->data_type);
        strbuf_addf(&py, ", %s, ", c->success ? "True" : "False");
        add_literal(&py, c->failure ? c->failure : "");
        strbuf_addf(&py, ", %lld, %lld, ", c->bytes, c->sent);
        add_literal(&py, c->url);
        strbuf_addf(&py, ", %lld, %lld, %lld)\n", c->latency, c->idle, c->connect);
        strbuf_addf(&py, "check('line %zu', JTL.line(row, (", i);
        add_literal(&py, c->thread);
        strbuf_addf(&py, ", %lld, %lld)), ", c->grp, c->all);
        add_literal(&py, native.s);
        strbuf_adds(&py, ")\n");
    }
    jtl_config_free(&cfg);
    run_python(py.s);
    strbuf_free(&py);
    strbuf_free(&native);
}

static void test_data_type(void)
{
    if (!have_locust_python()) {
        fprintf(stderr, "\n    (skipped: /usr/bin/python3 with Locust is needed)\n");
        return;
    }
    static const char *const types[] = {
        "text/html; charset=utf-8", "application/json", "image/png", "IMAGE/JPEG",
        "image/svg+xml", "audio/x-mpegurl", "audio/mpeg", "video/mp4", "video/f4m", "",
    };
    struct strbuf py;
    strbuf_init(&py);
    strbuf_adds(&py, "class FakeResponse:\n"
                     "    def __init__(self, headers):\n"
                     "        self.headers = headers\n\n\n"
                     "check('no Content-Type', jtl_data_type(FakeResponse({})), ");
    add_literal(&py, sample_data_type_for(NULL));
    strbuf_adds(&py, ")\n");
    for (size_t i = 0; i < ARRAY_LEN(types); i++) {
        strbuf_adds(&py, "check(");
        add_literal(&py, types[i]);
        strbuf_adds(&py, ", jtl_data_type(FakeResponse({'Content-Type': ");
        add_literal(&py, types[i]);
        strbuf_adds(&py, "})), ");
        add_literal(&py, sample_data_type_for(types[i]));
        strbuf_adds(&py, ")\n");
    }
    run_python(py.s);
    strbuf_free(&py);
}

static void test_non_http(void)
{
    if (!have_locust_python()) {
        fprintf(stderr, "\n    (skipped: /usr/bin/python3 with Locust is needed)\n");
        return;
    }
    run_python(
        "import socket as _socket\n"
        "import requests.exceptions as _rex\n"
        "import urllib3.exceptions as _uex\n"
        "url = 'http://127.0.0.1:8081/x'\n"
        "code = 'Non HTTP response code: '\n"
        "msg = 'Non HTTP response message: '\n"
        "refused = ConnectionRefusedError(111, 'Connection refused')\n"
        "new = _uex.NewConnectionError(None, 'Failed to establish a new connection')\n"
        "new.__context__ = refused\n"
        "wrapped = _rex.ConnectionError(_uex.MaxRetryError(None, '/x', new))\n"
        "for error in (refused, wrapped):\n"
        "    check(repr(error), jtl_non_http(error, url), (\n"
        "        code + 'org.apache.http.conn.HttpHostConnectException',\n"
        "        msg + 'Connect to 127.0.0.1:8081 [/127.0.0.1] failed: Connection refused'))\n"
        "check('unknown host', jtl_non_http(_socket.gaierror(-2, 'Name or service not known'),\n"
        "                                   'https://shop.example/'), (\n"
        "    code + 'java.net.UnknownHostException',\n"
        "    msg + 'shop.example: Name or service not known'))\n"
        "check('connect timeout', jtl_non_http(_rex.ConnectTimeout(_uex.ConnectTimeoutError()),\n"
        "                                      'https://shop.example/'), (\n"
        "    code + 'org.apache.http.conn.ConnectTimeoutException',\n"
        "    msg + 'Connect to shop.example:443 [shop.example] failed: connect timed out'))\n"
        "check('read timeout', jtl_non_http(_rex.ReadTimeout(), url),\n"
        "      (code + 'java.net.SocketTimeoutException', msg + 'Read timed out'))\n"
        "check('reset', jtl_non_http(ConnectionResetError(104, 'reset'), url),\n"
        "      (code + 'java.net.SocketException', msg + 'Connection reset'))\n"
        "check('other', jtl_non_http(ValueError('odd'), url),\n"
        "      (code + 'ValueError', msg + 'odd'))\n"
        "check('other module', jtl_non_http(_rex.InvalidHeader('bad'), url),\n"
        "      (code + 'requests.exceptions.InvalidHeader', msg + 'bad'))\n");
}

static const struct cu_test tests[] = {
    {"in every file", test_in_every_file},
    {"names kept from the plan", test_names_kept},
    {"same lines as the native writer", test_same_lines_as_native},
    {"data type", test_data_type},
    {"non HTTP response codes", test_non_http},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("emit_jtl", tests);
}
