/* test_cli.c - the jmx2run command line, run as a real process: flags,
 * --check / --dump exit codes, and hostile inputs that must end with a clean
 * "file:line: error:" and exit 2, never a crash and never leaked content. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/util.h"
#include "support/testutil.h"

static int run(const char *args, char **out, char **err)
{
    char *cmd = xasprintf("cd '%s' && '%s' %s", test_root(), test_binary(), args);
    int rc = test_run_command(cmd, out, err);
    free(cmd);
    return rc;
}

static bool contains(const char *hay, const char *needle)
{
    bool found = hay && strstr(hay, needle);
    if (!found)
        fprintf(stderr, "\n    expected to find [%s] in:\n%s\n", needle, hay ? hay : "(null)");
    return found;
}

static void test_help_and_version(void)
{
    char *out, *err;
    CU_ASSERT_EQUAL(run("--help", &out, &err), 0);
    CU_ASSERT_TRUE(contains(out, "usage: jmx2run"));
    CU_ASSERT_TRUE(contains(out, "--check"));
    free(out), free(err);
    CU_ASSERT_EQUAL(run("-v", &out, &err), 0);
    CU_ASSERT_TRUE(contains(out, "jmx2run "));
    free(out), free(err);
}

static void test_usage_errors(void)
{
    char *out, *err;
    CU_ASSERT_EQUAL(run("", &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, "no test plan given"));
    free(out), free(err);
    CU_ASSERT_EQUAL(run("--bogus x.jmx", &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, "unknown option --bogus"));
    free(out), free(err);
    CU_ASSERT_EQUAL(run("-J novalue tests/data/plan/scoping.jmx", &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, "expected name=value"));
    free(out), free(err);
    CU_ASSERT_EQUAL(run("-e tests/data/plan/scoping.jmx", &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, "-e needs -o"));
    free(out), free(err);
    CU_ASSERT_EQUAL(run("--check a.jmx b.jmx", &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, "more than one plan"));
    free(out), free(err);
    CU_ASSERT_EQUAL(run("--check -q /nonexistent/extra.properties tests/data/plan/scoping.jmx",
                        &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, "/nonexistent/extra.properties"));
    free(out), free(err);
}

static void test_check_exit_codes(void)
{
    char *out, *err;
    /* JMeter-style flags are accepted together with --check */
    CU_ASSERT_EQUAL(run("-n -t tests/data/plan/scoping.jmx -l /tmp/x.jtl -Jusers=3 -J port=1 "
                        "-Gfoo=bar --check", &out, &err), 0);
    CU_ASSERT_TRUE(contains(out, "scoping.jmx: 26 elements: 25 supported, 0 unsupported, 1 listener skipped"));
    CU_ASSERT_TRUE(contains(out, "note: listener ResultCollector \"View Results Tree\" skipped"));
    free(out), free(err);

    CU_ASSERT_EQUAL(run("--check tests/data/plan/defaults.jmx", &out, &err), 1);
    CU_ASSERT_TRUE(contains(err, "defaults.jmx:"));
    CU_ASSERT_TRUE(contains(err, ": warning: unsupported element JSR223PostProcessor \"Script post\""));
    CU_ASSERT_TRUE(contains(out, "3 unsupported"));
    free(out), free(err);

    CU_ASSERT_EQUAL(run("--check --strict tests/data/plan/defaults.jmx", &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, ": error: unsupported element JSR223PostProcessor"));
    free(out), free(err);

    CU_ASSERT_EQUAL(run("--check tests/data/plan/no-such-plan.jmx", &out, &err), 2);
    CU_ASSERT_TRUE(contains(err, "no-such-plan.jmx"));
    CU_ASSERT_TRUE(contains(err, "error:"));
    free(out), free(err);
}

static void test_dump(void)
{
    char *out, *err;
    CU_ASSERT_EQUAL(run("--dump tests/data/plan/scoping.jmx", &out, &err), 0);
    CU_ASSERT_TRUE(contains(out, "Test Plan \"Scoping\""));
    CU_ASSERT_TRUE(contains(out, "HTTP Request \"Sampler 2\": GET http:///two"));
    CU_ASSERT_TRUE(contains(out, "pre: User Parameters \"Pre-1\""));
    free(out), free(err);
}

/* Writes a hostile plan, runs --dump on it, expects exit 2 with "file:N: error:". */
static void expect_refused(const char *data, size_t len, const char *must_not_leak)
{
    char *path = test_temp_file(".jmx", data, len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    char *args = xasprintf("--dump '%s'", path);
    char *out, *err;
    int rc = run(args, &out, &err);
    CU_ASSERT_EQUAL(rc, 2);
    char *prefix = xasprintf("%s:", path);
    CU_ASSERT_TRUE(contains(err, prefix));
    CU_ASSERT_TRUE(contains(err, ": error: "));
    if (must_not_leak) {
        CU_ASSERT_PTR_NULL(strstr(out, must_not_leak));
        CU_ASSERT_PTR_NULL(strstr(err, must_not_leak));
    }
    free(prefix), free(out), free(err), free(args);
    unlink(path);
    free(path);
}

static void test_external_entity_does_not_leak(void)
{
    const char *secret = "TOP-SECRET-4242";
    char *secret_path = test_temp_file(".txt", secret, strlen(secret));
    char *xml = xasprintf(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE jmeterTestPlan [\n"
        "  <!ENTITY leak SYSTEM \"file://%s\">\n]>\n"
        "<jmeterTestPlan version=\"1.2\"><hashTree>\n"
        "<TestPlan guiclass=\"TestPlanGui\" testclass=\"TestPlan\" testname=\"&leak;\"/>\n"
        "<hashTree/></hashTree></jmeterTestPlan>\n", secret_path);
    expect_refused(xml, strlen(xml), secret);
    free(xml);
    unlink(secret_path);
    free(secret_path);
}

static void test_entity_bomb(void)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for (int i = 1; i < 10; i++)
        strbuf_addf(&sb, " <!ENTITY lol%d \"&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;"
                         "&lol%s;&lol%s;&lol%s;\">\n", i, i == 1 ? "" : "", "", "", "", "", "", "",
                    "", "", "");
    strbuf_adds(&sb, "]>\n<jmeterTestPlan><hashTree><TestPlan testname=\"&lol9;\"/><hashTree/>"
                     "</hashTree></jmeterTestPlan>\n");
    expect_refused(sb.s, sb.len, NULL);
    strbuf_free(&sb);
}

static void test_deep_nesting(void)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, "<?xml version=\"1.0\"?>\n<jmeterTestPlan><hashTree>"
                     "<TestPlan testclass=\"TestPlan\" testname=\"deep\"/><hashTree>\n");
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&sb, "<GenericController testclass=\"GenericController\" testname=\"c\"/><hashTree>");
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&sb, "</hashTree>");
    strbuf_adds(&sb, "</hashTree></hashTree></jmeterTestPlan>\n");
    expect_refused(sb.s, sb.len, NULL);
    strbuf_free(&sb);
}

static void test_broken_files(void)
{
    expect_refused("", 0, NULL);
    expect_refused("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20, NULL);
    const char *truncated = "<?xml version=\"1.0\"?>\n<jmeterTestPlan version=\"1.2\">\n<hashTree>\n"
                            "<TestPlan testclass=\"TestPlan\" testname=\"t\">\n<stringProp name=\"x\">";
    expect_refused(truncated, strlen(truncated), NULL);
    const char *garbage = "this is not xml at all {\"json\": true}\n";
    expect_refused(garbage, strlen(garbage), NULL);
    const char *other_root = "<?xml version=\"1.0\"?>\n<project><target name=\"x\"/></project>\n";
    expect_refused(other_root, strlen(other_root), NULL);
}

static const struct cu_test tests[] = {
    {"--help and --version", test_help_and_version},
    {"usage errors exit 2", test_usage_errors},
    {"--check exit codes", test_check_exit_codes},
    {"--dump", test_dump},
    {"external entity does not leak", test_external_entity_does_not_leak},
    {"entity bomb refused", test_entity_bomb},
    {"5,000-deep nesting refused", test_deep_nesting},
    {"empty, binary, truncated, garbage, non-plan", test_broken_files},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("cli", tests);
}
