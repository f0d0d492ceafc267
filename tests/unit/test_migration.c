/* test_migration.c - the migration report's data (include/jmx2run/migration.h):
 * element paths, the native verdict from the plan, the Locust verdict from
 * the emitter (exact, approximate with how, TODO with what happens instead,
 * what sits in an element that is not converted), the totals, and the
 * locustfile's header written from the same report. Also the
 * --migration-report / --format options. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/cli.h"
#include "jmx2run/jmx.h"
#include "jmx2run/migration.h"
#include "support/testutil.h"

static struct jmx_doc *doc;
static struct plan *plan;
static struct migration *report;
static struct diag_list diags;

static void unload(void)
{
    migration_free(report);
    plan_free(plan);
    jmx_doc_free(doc);
    report = NULL;
    plan = NULL;
    doc = NULL;
    diag_list_free(&diags);
    diag_list_init(&diags);
}

static void load_doc(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    plan = plan_build(doc, &diags);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    struct emit_options eo = {.plan_path = plan->file};
    report = migration_build(plan, &eo);
    CU_ASSERT_PTR_NOT_NULL_FATAL(report);
}

static void load(const char *rel)
{
    unload();
    char *path = test_path(rel);
    doc = jmx_load_file(path, &diags);
    free(path);
    load_doc();
}

static void load_text(const char *xml)
{
    unload();
    doc = jmx_load_memory(xml, strlen(xml), "mem.jmx", &diags);
    load_doc();
}

static const struct mig_element *element(const char *path)
{
    for (size_t i = 0; i < report->n_elements; i++)
        if (strcmp(report->elements[i].path, path) == 0)
            return &report->elements[i];
    fprintf(stderr, "\n    no element %s\n", path);
    return NULL;
}

static size_t count_named(const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < report->n_elements; i++)
        n += strcmp(report->elements[i].node->name, name) == 0;
    return n;
}

static bool note_has(const char *note, const char *part)
{
    bool ok = note && strstr(note, part);
    if (!ok)
        fprintf(stderr, "\n    expected [%s] in note [%s]\n", part, note ? note : "(null)");
    return ok;
}

#define MIXED "tests/data/migration/mixed.jmx"
#define USERS "Test Plan / Thread Group \"Users\""

static void test_paths_and_exact(void)
{
    load(MIXED);
    const struct mig_element *e = element(USERS " / Loop Controller \"x\" / HTTP Request \"Login\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->native, MIG_NATIVE_SUPPORTED);
    CU_ASSERT_PTR_NULL(e->native_note);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_EXACT);
    CU_ASSERT_PTR_NULL(e->locust_note);
    CU_ASSERT_STRING_EQUAL(e->node->testclass, "HTTPSamplerProxy");
    CU_ASSERT_EQUAL(e->node->line, 24);
    e = element("Test Plan");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->node->kind, PK_TEST_PLAN);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_EXACT);
    /* document order: the Test Plan first */
    CU_ASSERT_PTR_EQUAL(report->elements[0].node, plan->test_plan);
    /* a sampler under the Test Plan is one element, not one per thread group */
    CU_ASSERT_EQUAL(count_named("last step"), 1);
    CU_ASSERT_PTR_NOT_NULL(element("Test Plan / Debug Sampler \"last step\""));
}

static void test_native_verdicts(void)
{
    load(MIXED);
    const struct mig_element *e = element(USERS " / JSR223Sampler \"script\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->native, MIG_NATIVE_UNSUPPORTED);
    CU_ASSERT_TRUE(note_has(e->native_note, "port it by hand"));
    e = element("Test Plan / Listener \"View Results Tree\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->native, MIG_NATIVE_SKIPPED);
    CU_ASSERT_TRUE(note_has(e->native_note, "jmx2run writes its own results"));
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_EXACT);
    CU_ASSERT_TRUE(note_has(e->locust_note, "Locust keeps its own statistics"));
    e = element("Test Plan / com.example.CustomThreadGroup \"Custom\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->native, MIG_NATIVE_UNSUPPORTED);
    CU_ASSERT_TRUE(note_has(e->native_note, "does not run"));
    /* the totals are --check's counts */
    CU_ASSERT_EQUAL(report->totals.elements, plan->counts.elements);
    CU_ASSERT_EQUAL(report->totals.native[MIG_NATIVE_SUPPORTED], plan->counts.supported);
    CU_ASSERT_EQUAL(report->totals.native[MIG_NATIVE_UNSUPPORTED], plan->counts.unsupported);
    CU_ASSERT_EQUAL(report->totals.native[MIG_NATIVE_SKIPPED], plan->counts.listeners);
}

static void test_locust_verdicts(void)
{
    load(MIXED);
    const struct mig_element *e = element("Test Plan / bzm - Concurrency Thread Group \"Steps\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->native, MIG_NATIVE_SUPPORTED);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_APPROXIMATE);
    CU_ASSERT_TRUE(note_has(e->locust_note, "ramps up linearly"));
    e = element(USERS " / Precise Throughput Timer \"pace\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_APPROXIMATE);
    CU_ASSERT_TRUE(note_has(e->locust_note, "Poisson"));
    /* a TODO says why and what happens instead */
    e = element(USERS " / JSR223Sampler \"script\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_TODO);
    CU_ASSERT_TRUE(note_has(e->locust_note, "no Locust translation; nothing is sent"));
    e = element("Test Plan / Open Model Thread Group \"Arrivals\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->native, MIG_NATIVE_SUPPORTED);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_TODO);
    CU_ASSERT_TRUE(note_has(e->locust_note, "open model"));
    /* never reached by the emitter's walk: still a TODO, not silently exact */
    e = element("Test Plan / kg.apc.jmeter.config.VariablesFromCSV \"vars from csv\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_TODO);
    CU_ASSERT_TRUE(note_has(e->locust_note, "config element kind has no Locust translation"));
    e = element("Test Plan / com.example.CustomThreadGroup \"Custom\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_TODO);
    /* what sits in an element that is not converted does not run in Locust,
       although the native runner runs it */
    e = element(USERS " / kg.apc.jmeter.control.ParameterizedController \"params\" / "
                      "HTTP Request \"inside params\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->native, MIG_NATIVE_SUPPORTED);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_TODO);
    CU_ASSERT_TRUE(note_has(e->locust_note, "which is not converted"));
    e = element("Test Plan / Open Model Thread Group \"Arrivals\" / HTTP Request \"arrive\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_TODO);
    /* the copy of "last step" in the open-model group does not make it a TODO */
    e = element("Test Plan / Debug Sampler \"last step\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->locust, MIG_LOCUST_EXACT);

    const struct mig_totals *t = &report->totals;
    CU_ASSERT_EQUAL(t->elements, 19);
    CU_ASSERT_EQUAL(t->locust[MIG_LOCUST_EXACT], 10);
    CU_ASSERT_EQUAL(t->locust[MIG_LOCUST_APPROXIMATE], 2);
    CU_ASSERT_EQUAL(t->locust[MIG_LOCUST_TODO], 7);
    CU_ASSERT_EQUAL(t->locust[0] + t->locust[1] + t->locust[2], t->elements);
    CU_ASSERT_EQUAL(t->native[0] + t->native[1] + t->native[2], t->elements);
}

/* The header of the emitted file: the same totals sentence and every
 * element that is not exact, with its note. */
static void test_header_from_report(void)
{
    load(MIXED);
    struct strbuf py, totals;
    strbuf_init(&py);
    strbuf_init(&totals);
    struct diag_list emit_diags;
    diag_list_init(&emit_diags);
    struct emit_options eo = {.plan_path = plan->file};
    emit_locust(plan, &eo, &py, &emit_diags);
    migration_totals_text(&report->totals, &totals);
    CU_ASSERT_STRING_EQUAL_MSG(totals.s, "19 elements; native runner: 13 supported, 4 not "
                                         "supported, 2 listeners skipped; Locust: 10 exact, 2 "
                                         "approximate, 7 TODO");
    /* the header's comment lines as one text */
    struct strbuf head;
    strbuf_init(&head);
    for (const char *p = py.s; strncmp(p, "# ", 2) == 0 || strncmp(p, "#\n", 2) == 0;) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        if (p[1] == ' ') {
            strbuf_addc(&head, ' ');
            strbuf_addn(&head, p + 2, (size_t)(nl - p - 2));
        }
        p = nl + 1;
    }
    CU_ASSERT_TRUE(note_has(head.s, totals.s));
    for (size_t i = 0; i < report->n_elements; i++) {
        const struct mig_element *e = &report->elements[i];
        if (e->locust == MIG_LOCUST_EXACT)
            continue;
        CU_ASSERT_TRUE(note_has(head.s, e->path));
        CU_ASSERT_TRUE(note_has(head.s, e->locust_note));
    }
    CU_ASSERT_FALSE(strstr(head.s, USERS " / Loop Controller") != NULL);   /* exact */
    strbuf_free(&head);
    strbuf_free(&totals);
    strbuf_free(&py);
    diag_list_free(&emit_diags);
}

static void test_path_quoting(void)
{
    load_text("<jmeterTestPlan><hashTree>"
              "<TestPlan testclass=\"TestPlan\" testname=\"p\"/><hashTree>"
              "<ThreadGroup testclass=\"ThreadGroup\" testname=\"say &quot;hi&quot; it's&#10;"
              "x\\y\"/><hashTree>"
              "<DebugSampler testclass=\"DebugSampler\" testname=\"\"/><hashTree/>"
              "</hashTree></hashTree></hashTree></jmeterTestPlan>");
    CU_ASSERT_EQUAL_FATAL(report->n_elements, 3);
    CU_ASSERT_STRING_EQUAL_MSG(report->elements[1].path,
                               "Test Plan / Thread Group \"say \\\"hi\\\" it's\\nx\\\\y\"");
    CU_ASSERT_STRING_EQUAL_MSG(report->elements[2].path,
                               "Test Plan / Thread Group \"say \\\"hi\\\" it's\\nx\\\\y\" / "
                               "Debug Sampler \"\"");
    struct strbuf sb;
    strbuf_init(&sb);
    migration_quote(&sb, "plain name.jmx");
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "plain name.jmx");
    strbuf_reset(&sb);
    migration_quote(&sb, "odd\x1b[2Jname");
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "\"odd\\x1b[2Jname\"");
    strbuf_free(&sb);
}

static void test_empty_plan(void)
{
    load_text("<jmeterTestPlan><hashTree>"
              "<TestPlan testclass=\"TestPlan\" testname=\"empty\"/><hashTree/>"
              "</hashTree></jmeterTestPlan>");
    CU_ASSERT_EQUAL(report->n_elements, 1);
    CU_ASSERT_EQUAL(report->totals.elements, 1);
    CU_ASSERT_EQUAL(report->totals.locust[MIG_LOCUST_EXACT], 1);
    struct strbuf sb;
    strbuf_init(&sb);
    migration_totals_text(&report->totals, &sb);
    CU_ASSERT_STRING_EQUAL_MSG(sb.s, "1 element; native runner: 1 supported, 0 not supported, "
                                     "0 listeners skipped; Locust: 1 exact, 0 approximate, 0 "
                                     "TODO");
    strbuf_free(&sb);
}

static void test_names(void)
{
    CU_ASSERT_STRING_EQUAL(mig_native_name(MIG_NATIVE_SUPPORTED), "supported");
    CU_ASSERT_STRING_EQUAL(mig_native_name(MIG_NATIVE_SKIPPED), "skipped");
    CU_ASSERT_STRING_EQUAL(mig_native_name(MIG_NATIVE_UNSUPPORTED), "unsupported");
    CU_ASSERT_STRING_EQUAL(mig_locust_name(MIG_LOCUST_EXACT), "exact");
    CU_ASSERT_STRING_EQUAL(mig_locust_name(MIG_LOCUST_APPROXIMATE), "approximate");
    CU_ASSERT_STRING_EQUAL(mig_locust_name(MIG_LOCUST_TODO), "todo");
}

static bool parses(int argc, const char **argv, struct cli_options *o, char **error)
{
    return cli_parse(argc, (char **)argv, o, error);
}

static void test_options(void)
{
    struct cli_options o;
    char *error = NULL;
    const char *a1[] = {"jmx2run", "--migration-report", "p.jmx"};
    CU_ASSERT_TRUE(parses(3, a1, &o, &error));
    CU_ASSERT_EQUAL(o.action, CLI_ACTION_MIGRATION_REPORT);
    CU_ASSERT_PTR_NULL(o.format);
    cli_options_free(&o);
    const char *a2[] = {"jmx2run", "--migration-report", "--format", "json", "p.jmx"};
    CU_ASSERT_TRUE(parses(5, a2, &o, &error));
    CU_ASSERT_STRING_EQUAL(o.format, "json");
    cli_options_free(&o);
    const char *a3[] = {"jmx2run", "--format=text", "--migration-report", "p.jmx"};
    CU_ASSERT_TRUE(parses(4, a3, &o, &error));
    CU_ASSERT_STRING_EQUAL(o.format, "text");
    cli_options_free(&o);
    const char *a4[] = {"jmx2run", "--migration-report", "--format", "xml", "p.jmx"};
    CU_ASSERT_FALSE(parses(5, a4, &o, &error));
    CU_ASSERT_TRUE(note_has(error, "--format needs text or json"));
    free(error);
    cli_options_free(&o);
    const char *a5[] = {"jmx2run", "--format", "json", "p.jmx"};
    CU_ASSERT_FALSE(parses(4, a5, &o, &error));
    CU_ASSERT_TRUE(note_has(error, "--format only goes with --migration-report"));
    free(error);
    cli_options_free(&o);
    const char *a6[] = {"jmx2run", "--migration-report", "--check", "p.jmx"};
    CU_ASSERT_FALSE(parses(4, a6, &o, &error));
    free(error);
    cli_options_free(&o);
    const char *a7[] = {"jmx2run", "--migration-report", "--format"};
    CU_ASSERT_FALSE(parses(3, a7, &o, &error));
    free(error);
    cli_options_free(&o);
}

static void test_cleanup(void)
{
    unload();
    diag_list_free(&diags);
}

static const struct cu_test tests[] = {
    {"paths, exact elements, copies", test_paths_and_exact},
    {"native verdicts and --check's counts", test_native_verdicts},
    {"Locust verdicts", test_locust_verdicts},
    {"the locustfile header from the report", test_header_from_report},
    {"path quoting", test_path_quoting},
    {"a plan with nothing in it", test_empty_plan},
    {"verdict names", test_names},
    {"--migration-report and --format", test_options},
    {"cleanup", test_cleanup},
    {NULL, NULL},
};

int main(void)
{
    diag_list_init(&diags);
    return cu_run("migration", tests);
}
