/* test_jmx.c - the .jmx loader: property kinds, pairing, class aliases, tree
 * surgery (disabled elements, Include and Module Controllers), accessors,
 * line numbers, and hostile or broken inputs. Fixtures: tests/data/jmx/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/jmx.h"
#include "support/testutil.h"

/* ---- helpers ---- */

static struct jmx_doc *load_fixture(const char *name, struct diag_list *dl)
{
    char *rel = xasprintf("tests/data/jmx/%s", name);
    char *path = test_path(rel);
    struct jmx_doc *doc = jmx_load_file(path, dl);
    free(path);
    free(rel);
    return doc;
}

static struct jmx_doc *load_text(const char *text, struct diag_list *dl)
{
    return jmx_load_memory(text, strlen(text), "mem.jmx", dl);
}

/* The child of e with that test name, or NULL. */
static const struct jmx_element *child(const struct jmx_element *e, const char *name)
{
    if (!e)
        return NULL;
    for (size_t i = 0; i < e->n_children; i++)
        if (strcmp(e->children[i]->testname, name) == 0)
            return e->children[i];
    return NULL;
}

static const struct diag *find_diag(const struct diag_list *dl, enum diag_severity sev,
                                    const char *needle)
{
    for (size_t i = 0; i < dl->len; i++)
        if (dl->items[i].severity == sev && strstr(dl->items[i].message, needle))
            return &dl->items[i];
    return NULL;
}

/* A failed load must give NULL and an error with a file and a line. */
static void expect_refused(struct jmx_doc *doc, const struct diag_list *dl, const char *needle)
{
    CU_ASSERT_PTR_NULL(doc);
    jmx_doc_free(doc);
    const struct diag *d = find_diag(dl, DIAG_ERROR, needle);
    if (!d) {
        fprintf(stderr, "\n    no error containing [%s]; got:\n", needle);
        diag_print_all(dl, stderr);
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NOT_NULL(d->file);
    CU_ASSERT(d->line > 0);
}

static bool any_prop_contains(const struct jmx_prop *p, const char *needle)
{
    if (strstr(p->name, needle) || strstr(p->value, needle))
        return true;
    for (size_t i = 0; i < p->n_items; i++)
        if (any_prop_contains(p->items[i], needle))
            return true;
    return false;
}

static bool tree_contains(const struct jmx_element *e, const char *needle)
{
    if (strstr(e->testname, needle))
        return true;
    for (size_t i = 0; i < e->n_props; i++)
        if (any_prop_contains(e->props[i], needle))
            return true;
    for (size_t i = 0; i < e->n_children; i++)
        if (tree_contains(e->children[i], needle))
            return true;
    return false;
}

static const char plan_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">\n"
    "<hashTree>\n"
    "<TestPlan guiclass=\"TestPlanGui\" testclass=\"TestPlan\" testname=\"P\"/>\n";

/* ---- property kinds ---- */

static void test_property_kinds(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("props.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *tp = doc->test_plan;
    CU_ASSERT_STRING_EQUAL(tp->testname, "Props Plan");
    CU_ASSERT_STRING_EQUAL(jmx_str(tp, "TestPlan.comments", NULL), "a & b <c> \"d\" 'e'");

    const struct jmx_prop *udv = jmx_prop(tp, "TestPlan.user_defined_variables");
    CU_ASSERT_PTR_NOT_NULL_FATAL(udv);
    CU_ASSERT_EQUAL(udv->kind, JMX_PROP_ELEMENT);
    CU_ASSERT_STRING_EQUAL(udv->element_type, "Arguments");
    CU_ASSERT_STRING_EQUAL(udv->testclass, "Arguments");
    CU_ASSERT_STRING_EQUAL(udv->guiclass, "ArgumentsPanel");
    CU_ASSERT_STRING_EQUAL(udv->testname, "User Defined Variables");
    CU_ASSERT(udv->enabled);
    const struct jmx_prop *args = jmx_prop_item(udv, "Arguments.arguments");
    CU_ASSERT_PTR_NOT_NULL_FATAL(args);
    CU_ASSERT_EQUAL(args->kind, JMX_PROP_COLLECTION);
    CU_ASSERT_EQUAL_FATAL(args->n_items, 1);
    const struct jmx_prop *arg = args->items[0];
    CU_ASSERT_EQUAL(arg->kind, JMX_PROP_ELEMENT);
    CU_ASSERT_STRING_EQUAL(arg->name, "host");
    CU_ASSERT_STRING_EQUAL(arg->element_type, "Argument");
    CU_ASSERT_PTR_NULL(arg->testclass);
    CU_ASSERT_PTR_NULL(arg->guiclass);
    CU_ASSERT_PTR_NULL(arg->testname);
    CU_ASSERT(arg->enabled);
    CU_ASSERT_STRING_EQUAL(jmx_prop_str(arg, "Argument.value", NULL), "example.org");

    const struct jmx_element *tg = child(tp, "Group");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tg);
    const struct jmx_prop *p = jmx_prop(tg, "ThreadGroup.num_threads");
    CU_ASSERT_EQUAL(p->kind, JMX_PROP_STRING);
    CU_ASSERT_STRING_EQUAL(p->value, "5");
    CU_ASSERT_EQUAL(jmx_prop(tg, "ThreadGroup.ramp_time")->kind, JMX_PROP_INT);
    CU_ASSERT_EQUAL(jmx_prop(tg, "ThreadGroup.duration")->kind, JMX_PROP_LONG);
    CU_ASSERT_EQUAL(jmx_prop(tg, "ThreadGroup.scheduler")->kind, JMX_PROP_BOOL);
    p = jmx_prop(tg, "ThreadGroup.delay");            /* <stringProp name="x"/> */
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->value, "");
    const struct jmx_prop *loop = jmx_prop(tg, "ThreadGroup.main_controller");
    CU_ASSERT_EQUAL(loop->kind, JMX_PROP_ELEMENT);
    CU_ASSERT_FALSE(loop->enabled);
    CU_ASSERT_STRING_EQUAL(loop->element_type, "LoopController");
    CU_ASSERT_EQUAL(jmx_prop_long(loop, "LoopController.loops", 1), -1);
    CU_ASSERT_FALSE(jmx_prop_bool(loop, "LoopController.continue_forever", true));

    const struct jmx_element *ctt = child(tg, "CTT");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ctt);
    p = jmx_prop(ctt, "throughput");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->kind, JMX_PROP_DOUBLE);
    CU_ASSERT_STRING_EQUAL(p->value, "120.5");
    CU_ASSERT_DOUBLE_EQUAL(jmx_double(ctt, "throughput", 0), 120.5, 1e-9);
    CU_ASSERT_EQUAL(jmx_long(ctt, "throughput", 0), 120);

    const struct jmx_element *tc = child(tg, "TC");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tc);
    p = jmx_prop(tc, "ThroughputController.percentThroughput");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->kind, JMX_PROP_FLOAT);
    CU_ASSERT_STRING_EQUAL(p->value, "50.0");

    const struct jmx_element *http = child(tg, "Old sampler");
    CU_ASSERT_PTR_NOT_NULL_FATAL(http);
    CU_ASSERT_STRING_EQUAL(jmx_str(http, "HTTPSampler.postBodyRaw", NULL), "line1\r\nline2");
    CU_ASSERT_STRING_EQUAL(jmx_str(http, "HTTPSampler.cdata", NULL), "<raw> & \"text\"");
    const struct jmx_prop *map = jmx_prop(http, "Sampler.map");
    CU_ASSERT_PTR_NOT_NULL_FATAL(map);
    CU_ASSERT_EQUAL(map->kind, JMX_PROP_MAP);
    CU_ASSERT_EQUAL(map->n_items, 2);
    CU_ASSERT_STRING_EQUAL(jmx_prop_str(map, "k2", NULL), "v2");
    /* the unknown tag is skipped with a warning; the next property is still read */
    CU_ASSERT_FALSE(jmx_has(http, "unknown"));
    CU_ASSERT_STRING_EQUAL(jmx_str(http, "HTTPSampler.path", NULL), "/after-unknown");
    CU_ASSERT_PTR_NOT_NULL(find_diag(&dl, DIAG_WARNING, "funnyProp"));

    const struct jmx_element *rc = child(tg, "Summary");
    CU_ASSERT_PTR_NOT_NULL_FATAL(rc);
    const struct jmx_prop *obj = jmx_prop(rc, "saveConfig");
    CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
    CU_ASSERT_EQUAL(obj->kind, JMX_PROP_OBJECT);
    CU_ASSERT_EQUAL(obj->n_items, 3);
    CU_ASSERT_STRING_EQUAL(jmx_prop_str(obj, "latency", NULL), "true");
    CU_ASSERT(jmx_prop_bool(obj, "threadCounts", false));
    CU_ASSERT_STRING_EQUAL(jmx_str(rc, "filename", "x"), "");

    jmx_doc_free(doc);
    diag_list_free(&dl);
}

static void test_property_lines(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("props.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->test_plan->line, 5);
    CU_ASSERT_EQUAL(jmx_prop(doc->test_plan, "TestPlan.comments")->line, 6);
    const struct jmx_element *tg = child(doc->test_plan, "Group");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tg);
    CU_ASSERT_EQUAL(tg->line, 19);
    CU_ASSERT_PTR_NOT_NULL(strstr(tg->file, "tests/data/jmx/props.jmx"));
    CU_ASSERT_PTR_EQUAL(tg->parent, doc->test_plan);
    CU_ASSERT_PTR_NULL(doc->test_plan->parent);
    jmx_doc_free(doc);
    diag_list_free(&dl);
}

/* ---- classes ---- */

static void test_class_aliases(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("props.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *tg = child(doc->test_plan, "Group");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tg);

    const struct jmx_element *e = child(tg, "Old sampler");
    CU_ASSERT_STRING_EQUAL(e->tag, "HTTPSampler");
    CU_ASSERT_STRING_EQUAL(e->testclass, "HTTPSamplerProxy");
    CU_ASSERT_STRING_EQUAL(e->guiclass, "HttpTestSampleGui");

    e = child(tg, "FQCN headers");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->testclass, "HeaderManager");
    CU_ASSERT_STRING_EQUAL(e->guiclass, "HeaderPanel");

    e = child(tg, "Plugin");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->testclass, "kg.apc.jmeter.samplers.DummySampler");
    CU_ASSERT_STRING_EQUAL(e->guiclass, "kg.apc.jmeter.samplers.DummySamplerGui");

    e = child(tg, "No classes");      /* no testclass: the tag; no guiclass: "" */
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->testclass, "DebugSampler");
    CU_ASSERT_STRING_EQUAL(e->guiclass, "");
    CU_ASSERT(e->enabled);
    jmx_doc_free(doc);
    diag_list_free(&dl);

    CU_ASSERT_STRING_EQUAL(jmx_canonical_class("HTTPSampler2"), "HTTPSamplerProxy");
    CU_ASSERT_STRING_EQUAL(jmx_canonical_class("HTTPSamplerProxy"), "HTTPSamplerProxy");
    CU_ASSERT_STRING_EQUAL(jmx_canonical_class("ThreadGroup"), "ThreadGroup");
    CU_ASSERT_STRING_EQUAL(jmx_canonical_class("org.apache.jmeter.threads.ThreadGroup"),
                           "ThreadGroup");
    CU_ASSERT_STRING_EQUAL(
        jmx_canonical_class("org.apache.jmeter.protocol.http.sampler.HTTPSampler2"),
        "HTTPSamplerProxy");
    CU_ASSERT_STRING_EQUAL(
        jmx_canonical_class("org.apache.jmeter.protocol.jdbc.config.DataSourceElement"),
        "JDBCDataSource");
    /* first and last entries of the sorted table */
    CU_ASSERT_STRING_EQUAL(
        jmx_canonical_class("org.apache.jmeter.assertions.BSFAssertion"), "BSFAssertion");
    CU_ASSERT_STRING_EQUAL(
        jmx_canonical_class("org.apache.jorphan.collections.ListedHashTree"),
        "org.apache.jorphan.collections.ListedHashTree");
    CU_ASSERT_STRING_EQUAL(
        jmx_canonical_class("org.apache.jmeter.visualizers.ViewResultsFullVisualizer"),
        "ViewResultsFullVisualizer");
    CU_ASSERT_STRING_EQUAL(jmx_canonical_class("com.example.Custom"), "com.example.Custom");
    CU_ASSERT_PTR_NULL(jmx_canonical_class(NULL));
}

/* ---- pairing and disabled elements ---- */

static void test_pairing(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("pairing.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *tp = doc->test_plan;
    CU_ASSERT_EQUAL(tp->n_children, 1);           /* the WorkBench pair is not part of it */
    const struct jmx_element *tg = child(tp, "TG");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tg);
    CU_ASSERT_EQUAL_FATAL(tg->n_children, 3);
    CU_ASSERT_STRING_EQUAL(tg->children[0]->testname, "No subtree");
    CU_ASSERT_EQUAL(tg->children[0]->n_children, 0);
    CU_ASSERT_STRING_EQUAL(tg->children[1]->testname, "Simple");
    CU_ASSERT_STRING_EQUAL(tg->children[2]->testname, "Last, no hashTree");

    const struct jmx_element *simple = tg->children[1];
    /* S2 and its subtree are disabled; "no" is not "true" either (JMeter reads a boolean) */
    CU_ASSERT_EQUAL_FATAL(simple->n_children, 2);
    CU_ASSERT_STRING_EQUAL(simple->children[0]->testname, "S1");
    CU_ASSERT_STRING_EQUAL(simple->children[1]->testname, "S3");
    CU_ASSERT_FALSE(tree_contains(tp, "gone with S2"));
    CU_ASSERT_FALSE(tree_contains(tp, "inside disabled"));
    CU_ASSERT_FALSE(tree_contains(tp, "On the workbench"));

    const struct diag *w = find_diag(&dl, DIAG_WARNING, "no test element before it");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(w->line, 14);
    CU_ASSERT_EQUAL(dl.errors, 0);
    jmx_doc_free(doc);
    diag_list_free(&dl);
}

static void test_fragments_vanish(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_text(
        "<jmeterTestPlan><hashTree>"
        "<TestPlan guiclass='TestPlanGui' testclass='TestPlan' testname='P'/><hashTree>"
        "<TestFragmentController guiclass='TestFragmentControllerGui' testname='off' enabled='false'/>"
        "<hashTree><DebugSampler testname='x'/><hashTree/></hashTree>"
        "<TestFragmentController guiclass='TestFragmentControllerGui' testname='on' enabled='true'/>"
        "<hashTree><DebugSampler testname='y'/><hashTree/></hashTree>"
        "</hashTree></hashTree></jmeterTestPlan>",
        &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->test_plan->n_children, 1);
    CU_ASSERT_PTR_NOT_NULL(child(child(doc->test_plan, "on"), "y"));
    jmx_doc_free(doc);
    diag_list_free(&dl);
}

/* ---- Include Controller ---- */

static void test_include(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("include_main.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *tg = child(doc->test_plan, "TG");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tg);

    /* relative path, first fragment (the disabled one under the TestPlan),
     * its disabled elements dropped, the controller's own child replaced */
    const struct jmx_element *inc = child(tg, "Inc relative");
    CU_ASSERT_PTR_NOT_NULL_FATAL(inc);
    CU_ASSERT_EQUAL_FATAL(inc->n_children, 2);
    const struct jmx_element *a1 = inc->children[0];
    CU_ASSERT_STRING_EQUAL(a1->testname, "A1");
    CU_ASSERT_PTR_NOT_NULL(strstr(a1->file, "include_fragment.jmx"));
    CU_ASSERT_EQUAL(a1->line, 11);
    CU_ASSERT_PTR_EQUAL(a1->parent, inc);
    /* a fragment at the root of a file without TestPlan, included from an included file */
    const struct jmx_element *nested = inc->children[1];
    CU_ASSERT_STRING_EQUAL(nested->testname, "Inc nested");
    CU_ASSERT_EQUAL_FATAL(nested->n_children, 1);
    CU_ASSERT_STRING_EQUAL(nested->children[0]->testname, "Bare1");
    CU_ASSERT_PTR_NOT_NULL(strstr(nested->children[0]->file, "include_bare_fragment.jmx"));
    CU_ASSERT_FALSE(tree_contains(doc->test_plan, "B1"));
    CU_ASSERT_FALSE(tree_contains(doc->test_plan, "A2 disabled"));
    CU_ASSERT_FALSE(tree_contains(doc->test_plan, "not in a fragment"));
    CU_ASSERT_FALSE(tree_contains(doc->test_plan, "replaced by the fragment"));

    const struct diag *w;
    inc = child(tg, "Inc missing");
    CU_ASSERT_EQUAL(inc->n_children, 0);
    w = find_diag(&dl, DIAG_WARNING,
                  "Include Controller \"Inc missing\": cannot include 'no_such_file.jmx': ");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(w->line, inc->line);

    inc = child(tg, "Inc broken");
    CU_ASSERT_EQUAL(inc->n_children, 0);
    w = find_diag(&dl, DIAG_WARNING, "\"Inc broken\": cannot include 'include_broken.jmx'");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_PTR_NOT_NULL(strstr(w->message, "include_broken.jmx:"));

    inc = child(tg, "Inc nofrag");
    CU_ASSERT_EQUAL(inc->n_children, 0);
    CU_ASSERT_PTR_NOT_NULL(find_diag(&dl, DIAG_WARNING, "no Test Fragment"));

    /* the file includes itself: the inner include stays empty */
    inc = child(tg, "Inc cycle");
    CU_ASSERT_EQUAL_FATAL(inc->n_children, 2);
    CU_ASSERT_STRING_EQUAL(inc->children[0]->testname, "C1");
    CU_ASSERT_EQUAL(inc->children[1]->n_children, 0);
    CU_ASSERT_PTR_NOT_NULL(find_diag(&dl, DIAG_WARNING, "\"Inc again\": cannot include"));

    /* no file name: nothing to include, the controller keeps its own children */
    inc = child(tg, "Inc empty");
    CU_ASSERT_EQUAL_FATAL(inc->n_children, 1);
    CU_ASSERT_STRING_EQUAL(inc->children[0]->testname, "own child");

    CU_ASSERT_PTR_NULL(child(tg, "Inc disabled"));
    CU_ASSERT_EQUAL(dl.errors, 0);
    jmx_doc_free(doc);
    diag_list_free(&dl);
}

/* A plan loaded from memory resolves includes relative to its name. */
static void test_include_from_memory(void)
{
    char *path = test_path("tests/data/jmx/include_main.jmx");
    size_t len;
    char *data = file_read_all(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory(data, len, path, &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(child(child(doc->test_plan, "TG"), "Inc relative")->n_children, 2);
    jmx_doc_free(doc);
    diag_list_free(&dl);
    free(data);
    free(path);
}

/* An absolute include path, and a plan that includes itself. */
static void test_include_absolute_and_self(void)
{
    char *frag = test_path("tests/data/jmx/include_bare_fragment.jmx");
    char *abs = realpath(frag, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(abs);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, plan_head);
    strbuf_addf(&sb,
                "<hashTree><IncludeController guiclass='IncludeControllerGui' testname='abs'>"
                "<stringProp name='IncludeController.includepath'>%s</stringProp>"
                "</IncludeController><hashTree/>"
                "<IncludeController guiclass='IncludeControllerGui' testname='self'>"
                "<stringProp name='IncludeController.includepath'>SELF</stringProp>"
                "</IncludeController><hashTree/></hashTree></hashTree></jmeterTestPlan>\n",
                abs);
    char *tmp = test_temp_file(".jmx", sb.s, sb.len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
    /* make the second include name the temp file itself */
    strbuf_reset(&sb);
    strbuf_adds(&sb, plan_head);
    strbuf_addf(&sb,
                "<hashTree><IncludeController guiclass='IncludeControllerGui' testname='abs'>"
                "<stringProp name='IncludeController.includepath'>%s</stringProp>"
                "</IncludeController><hashTree/>"
                "<IncludeController guiclass='IncludeControllerGui' testname='self'>"
                "<stringProp name='IncludeController.includepath'>%s</stringProp>"
                "</IncludeController><hashTree/></hashTree></hashTree></jmeterTestPlan>\n",
                abs, path_basename(tmp));
    FILE *f = fopen(tmp, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fwrite(sb.s, 1, sb.len, f);
    fclose(f);

    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_file(tmp, &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *e = child(doc->test_plan, "abs");
    CU_ASSERT_EQUAL_FATAL(e->n_children, 1);
    CU_ASSERT_STRING_EQUAL(e->children[0]->testname, "Bare1");
    /* the plan itself holds no fragment, but the cycle is caught first */
    CU_ASSERT_EQUAL(child(doc->test_plan, "self")->n_children, 0);
    CU_ASSERT_PTR_NOT_NULL(find_diag(&dl, DIAG_WARNING, "includes itself"));
    jmx_doc_free(doc);
    diag_list_free(&dl);
    unlink(tmp);
    free(tmp);
    strbuf_free(&sb);
    free(abs);
    free(frag);
}

/* ---- Module Controller ---- */

static void test_module(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("module.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *tp = doc->test_plan;
    const struct jmx_element *tg1 = child(tp, "TG1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tg1);
    CU_ASSERT_PTR_NULL(child(tp, "Fragment F"));   /* disabled: gone from the plan */

    /* a disabled fragment as target: copied, enabled, disabled insides dropped */
    const struct jmx_element *m = child(tg1, "M frag");
    CU_ASSERT_EQUAL_FATAL(m->n_children, 1);
    const struct jmx_element *copy = m->children[0];
    CU_ASSERT_STRING_EQUAL(copy->testname, "Fragment F");
    CU_ASSERT_STRING_EQUAL(copy->testclass, "TestFragmentController");
    CU_ASSERT(copy->enabled);
    CU_ASSERT_PTR_EQUAL(copy->parent, m);
    CU_ASSERT_EQUAL_FATAL(copy->n_children, 3);
    CU_ASSERT_STRING_EQUAL(copy->children[0]->testname, "F1");
    /* the module inside its own target: warning, inner one left empty */
    const struct jmx_element *self = copy->children[1];
    CU_ASSERT_STRING_EQUAL(self->testname, "M self");
    CU_ASSERT_EQUAL(self->n_children, 0);
    CU_ASSERT_PTR_NOT_NULL(find_diag(&dl, DIAG_WARNING, "\"M self\""));
    /* modules inside the copy are resolved too */
    const struct jmx_element *nested = copy->children[2];
    CU_ASSERT_EQUAL_FATAL(nested->n_children, 1);
    CU_ASSERT_STRING_EQUAL(nested->children[0]->testname, "Deeper");
    CU_ASSERT_PTR_NOT_NULL(child(nested->children[0], "D1"));

    /* a path several levels down */
    m = child(tg1, "M deep");
    CU_ASSERT_EQUAL_FATAL(m->n_children, 1);
    CU_ASSERT_STRING_EQUAL(m->children[0]->testname, "Deeper");
    CU_ASSERT_EQUAL_FATAL(m->children[0]->n_children, 1);
    CU_ASSERT_STRING_EQUAL(m->children[0]->children[0]->testname, "D1");

    m = child(tg1, "M missing");
    CU_ASSERT_EQUAL(m->n_children, 0);
    const struct diag *w = find_diag(&dl, DIAG_WARNING, "\"M missing\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(w->line, m->line);

    /* the path lacks the invisible root: matched from the Test Plan */
    m = child(tg1, "M short");
    CU_ASSERT_EQUAL_FATAL(m->n_children, 1);
    CU_ASSERT_STRING_EQUAL(m->children[0]->testname, "Deep");

    m = child(tg1, "M empty");
    CU_ASSERT_EQUAL(m->n_children, 0);
    CU_ASSERT_PTR_NOT_NULL(find_diag(&dl, DIAG_WARNING, "\"M empty\""));

    /* two siblings with the target's name: the first one */
    m = child(tg1, "M dup");
    CU_ASSERT_EQUAL_FATAL(m->n_children, 1);
    CU_ASSERT_PTR_NOT_NULL(child(m->children[0], "Dup first"));

    /* a Module Controller is never a target, even when its name matches first */
    m = child(tg1, "M skip");
    CU_ASSERT_EQUAL_FATAL(m->n_children, 1);
    CU_ASSERT_STRING_EQUAL(m->children[0]->testclass, "GenericController");
    CU_ASSERT_PTR_NOT_NULL(child(m->children[0], "Not a module"));

    CU_ASSERT_PTR_NULL(child(tg1, "M disabled"));
    CU_ASSERT_EQUAL(dl.errors, 0);
    jmx_doc_free(doc);
    diag_list_free(&dl);
}

/* Two fragments copying each other must end, not loop. */
static void test_module_mutual(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, plan_head);
    strbuf_adds(&sb, "<hashTree>"
                     "<ThreadGroup testname='TG'/><hashTree>"
                     "<ModuleController testname='to A'><collectionProp name='ModuleController.node_path'>"
                     "<stringProp name='0'>Test Plan</stringProp><stringProp name='1'>P</stringProp>"
                     "<stringProp name='2'>A</stringProp></collectionProp></ModuleController><hashTree/>"
                     "</hashTree>"
                     "<TestFragmentController testname='A' enabled='false'/><hashTree>"
                     "<ModuleController testname='to B'><collectionProp name='ModuleController.node_path'>"
                     "<stringProp name='0'>Test Plan</stringProp><stringProp name='1'>P</stringProp>"
                     "<stringProp name='2'>B</stringProp></collectionProp></ModuleController><hashTree/>"
                     "</hashTree>"
                     "<TestFragmentController testname='B' enabled='false'/><hashTree>"
                     "<ModuleController testname='back to A'><collectionProp name='ModuleController.node_path'>"
                     "<stringProp name='0'>Test Plan</stringProp><stringProp name='1'>P</stringProp>"
                     "<stringProp name='2'>A</stringProp></collectionProp></ModuleController><hashTree/>"
                     "</hashTree>"
                     "</hashTree></hashTree></jmeterTestPlan>");
    struct jmx_doc *doc = jmx_load_memory(sb.s, sb.len, "mem.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *m = child(child(doc->test_plan, "TG"), "to A");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    /* to A > A > to B > B > back to A (empty) */
    const struct jmx_element *back = child(child(child(child(m, "A"), "to B"), "B"), "back to A");
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(back->n_children, 0);
    CU_ASSERT_EQUAL(dl.warnings, 1);
    jmx_doc_free(doc);
    diag_list_free(&dl);
    strbuf_free(&sb);
}

/* Modules copying modules: 4 per fragment, 12 levels deep, would be 4^12
 * copies. The loader must stop with an error, not eat all memory. The
 * fragment at the bottom holds a module with a missing target: copied
 * thousands of times, it is still reported once. */
static void test_module_blowup(void)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, plan_head);
    strbuf_adds(&sb, "<hashTree><ThreadGroup testname='TG'/><hashTree>");
    for (int level = 0; level <= 12; level++) {
        if (level > 0)
            strbuf_addf(&sb, "<TestFragmentController testname='F%d' enabled='false'/><hashTree>",
                        level);
        int n = level == 12 ? 1 : 4;
        for (int k = 0; k < n; k++)
            strbuf_addf(&sb,
                        "<ModuleController testname='m'><collectionProp name='ModuleController.node_path'>"
                        "<stringProp name='0'>Test Plan</stringProp><stringProp name='1'>P</stringProp>"
                        "<stringProp name='2'>F%d</stringProp></collectionProp></ModuleController><hashTree/>",
                        level + 1);
        strbuf_adds(&sb, "</hashTree>");
    }
    strbuf_adds(&sb, "</hashTree></hashTree></jmeterTestPlan>");
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory(sb.s, sb.len, "blowup.jmx", &dl);
    expect_refused(doc, &dl, "test elements");
    CU_ASSERT_EQUAL(dl.warnings, 1);   /* F13 is missing: said once */
    diag_list_free(&dl);
    strbuf_free(&sb);
}

/* Thousands of Module Controllers that each search thousands of siblings:
 * the total work is bounded and the load fails cleanly. */
static void test_module_lookups_bounded(void)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, plan_head);
    strbuf_adds(&sb, "<hashTree>");
    for (int i = 0; i < 5000; i++)
        strbuf_addf(&sb,
                    "<ModuleController testname='m'><collectionProp name='ModuleController.node_path'>"
                    "<stringProp name='0'>x</stringProp><stringProp name='1'>P</stringProp>"
                    "<stringProp name='2'>missing %d</stringProp></collectionProp></ModuleController>",
                    i);
    strbuf_adds(&sb, "</hashTree></hashTree></jmeterTestPlan>");
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory(sb.s, sb.len, "lookups.jmx", &dl);
    expect_refused(doc, &dl, "too many Module Controller paths");
    diag_list_free(&dl);
    strbuf_free(&sb);
}

/* ---- accessors ---- */

static void test_accessors(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("props.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *tg = child(doc->test_plan, "Group");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tg);

    /* numbers written as stringProp, intProp or longProp read alike */
    CU_ASSERT_EQUAL(jmx_long(tg, "ThreadGroup.num_threads", 1), 5);
    CU_ASSERT_EQUAL(jmx_long(tg, "ThreadGroup.ramp_time", 1), 10);
    CU_ASSERT_EQUAL(jmx_long(tg, "ThreadGroup.duration", 1), 3600000);
    CU_ASSERT_DOUBLE_EQUAL(jmx_double(tg, "ThreadGroup.num_threads", 0), 5.0, 1e-9);
    /* absent: the default; present but empty or bad: 0 */
    CU_ASSERT_EQUAL(jmx_long(tg, "ThreadGroup.absent", 42), 42);
    CU_ASSERT_EQUAL(jmx_long(tg, "ThreadGroup.delay", 42), 0);
    CU_ASSERT_EQUAL(jmx_long(tg, "ThreadGroup.bad_number", 42), 0);
    CU_ASSERT_DOUBLE_EQUAL(jmx_double(tg, "ThreadGroup.absent", 2.5), 2.5, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(jmx_double(tg, "ThreadGroup.delay", 2.5), 0.0, 1e-9);
    /* booleans: "true" in any case; anything else false; absent: the default */
    CU_ASSERT(jmx_bool(tg, "ThreadGroup.scheduler", false));
    CU_ASSERT_FALSE(jmx_bool(tg, "ThreadGroup.same_user_on_next_iteration", true));
    CU_ASSERT_FALSE(jmx_bool(tg, "ThreadGroup.delay", true));
    CU_ASSERT(jmx_bool(tg, "ThreadGroup.absent", true));
    CU_ASSERT_FALSE(jmx_bool(tg, "ThreadGroup.absent", false));
    /* strings */
    CU_ASSERT_STRING_EQUAL(jmx_str(tg, "ThreadGroup.delay", "d"), "");
    CU_ASSERT_STRING_EQUAL(jmx_str(tg, "ThreadGroup.absent", "d"), "d");
    CU_ASSERT_PTR_NULL(jmx_str(tg, "ThreadGroup.absent", NULL));
    /* a non-scalar is not a string, and counts as 0 / false */
    CU_ASSERT_STRING_EQUAL(jmx_str(tg, "ThreadGroup.main_controller", "d"), "d");
    CU_ASSERT_EQUAL(jmx_long(tg, "ThreadGroup.main_controller", 7), 0);
    CU_ASSERT_FALSE(jmx_bool(tg, "ThreadGroup.main_controller", true));
    /* a name written twice: the last one wins, as in JMeter */
    CU_ASSERT_STRING_EQUAL(jmx_str(tg, "ThreadGroup.on_sample_error", NULL), "stopthread");
    CU_ASSERT(jmx_has(tg, "ThreadGroup.delay"));
    CU_ASSERT_FALSE(jmx_has(tg, "ThreadGroup.absent"));

    const struct jmx_prop *loop = jmx_prop(tg, "ThreadGroup.main_controller");
    CU_ASSERT_FALSE(jmx_is_scalar(loop));
    CU_ASSERT(jmx_is_scalar(jmx_prop(tg, "ThreadGroup.delay")));
    CU_ASSERT_EQUAL(jmx_prop_long(loop, "absent", 9), 9);
    CU_ASSERT_STRING_EQUAL(jmx_prop_str(loop, "absent", "z"), "z");

    /* NULL-safe */
    CU_ASSERT_PTR_NULL(jmx_prop(NULL, "x"));
    CU_ASSERT_PTR_NULL(jmx_prop(tg, NULL));
    CU_ASSERT_PTR_NULL(jmx_prop_item(NULL, "x"));
    CU_ASSERT_STRING_EQUAL(jmx_str(NULL, "x", "d"), "d");
    CU_ASSERT_STRING_EQUAL(jmx_prop_str(NULL, "x", "d"), "d");
    CU_ASSERT(jmx_bool(NULL, "x", true));
    CU_ASSERT_EQUAL(jmx_long(NULL, "x", 3), 3);
    CU_ASSERT_DOUBLE_EQUAL(jmx_double(NULL, "x", 1.5), 1.5, 1e-9);
    CU_ASSERT(jmx_prop_bool(NULL, "x", true));
    CU_ASSERT_EQUAL(jmx_prop_long(NULL, "x", 4), 4);
    CU_ASSERT_FALSE(jmx_has(NULL, "x"));
    CU_ASSERT_FALSE(jmx_is_scalar(NULL));

    CU_ASSERT_STRING_EQUAL(jmx_prop_kind_name(JMX_PROP_STRING), "stringProp");
    CU_ASSERT_STRING_EQUAL(jmx_prop_kind_name(JMX_PROP_FLOAT), "FloatProperty");
    CU_ASSERT_STRING_EQUAL(jmx_prop_kind_name(JMX_PROP_OBJECT), "objProp");
    jmx_doc_free(doc);
    diag_list_free(&dl);
}

/* ---- line numbers ---- */

static void test_big_line_numbers(void)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, plan_head);                       /* 4 lines */
    strbuf_adds(&sb, "<hashTree>\n");                  /* line 5 */
    for (int i = 0; i < 70000; i++)
        strbuf_addc(&sb, '\n');
    strbuf_adds(&sb, "<DebugSampler testname='far'>\n"  /* line 70006 */
                     "<stringProp name='x'>1</stringProp>\n"
                     "</DebugSampler><hashTree/>\n</hashTree></hashTree></jmeterTestPlan>\n");
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory(sb.s, sb.len, "big.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const struct jmx_element *far = child(doc->test_plan, "far");
    CU_ASSERT_PTR_NOT_NULL_FATAL(far);
    CU_ASSERT_EQUAL(far->line, 70006);
    CU_ASSERT_EQUAL(jmx_prop(far, "x")->line, 70007);
    jmx_doc_free(doc);
    diag_list_free(&dl);

    /* an XML error that far down names the right line too */
    sb.len -= strlen("</jmeterTestPlan>\n");
    strbuf_adds(&sb, "</jmeterTestPlanX>\n");
    diag_list_init(&dl);
    doc = jmx_load_memory(sb.s, sb.len, "big.jmx", &dl);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_EQUAL_FATAL(dl.errors, 1);
    CU_ASSERT_EQUAL(dl.items[0].line, 70009);
    diag_list_free(&dl);
    strbuf_free(&sb);
}

static void test_error_format(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("not_a_plan.jmx", &dl);
    expect_refused(doc, &dl, "not a JMeter test plan: root element is <testResults>");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    diag_print_all(&dl, f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "not_a_plan.jmx:3: error: not a JMeter test plan"));
    free(buf);
    diag_list_free(&dl);
}

/* ---- hostile and broken inputs ---- */

static void test_external_entity(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("xxe.jmx", &dl);
    expect_refused(doc, &dl, "entity");
    for (size_t i = 0; i < dl.len; i++)
        CU_ASSERT_PTR_NULL(strstr(dl.items[i].message, "root:"));
    diag_list_free(&dl);

    /* same without a DOCTYPE body: an external subset is never fetched, and a
     * reference to an entity nobody declared is refused */
    diag_list_init(&dl);
    doc = load_text("<!DOCTYPE jmeterTestPlan SYSTEM \"file:///etc/passwd\">\n"
                    "<jmeterTestPlan><hashTree>\n"
                    "<TestPlan testname='&ext;'/><hashTree/></hashTree></jmeterTestPlan>",
                    &dl);
    if (doc) {
        CU_ASSERT_FALSE(tree_contains(doc->test_plan, "root:"));
        jmx_doc_free(doc);
        doc = NULL;
    }
    expect_refused(doc, &dl, "undeclared entity");
    diag_list_free(&dl);

    /* a parameter entity pointing at a local file */
    diag_list_init(&dl);
    doc = load_text("<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
                    "<jmeterTestPlan><hashTree><TestPlan/><hashTree/></hashTree></jmeterTestPlan>",
                    &dl);
    expect_refused(doc, &dl, "entity");
    diag_list_free(&dl);
}

static void test_undeclared_entity(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_text(
        "<jmeterTestPlan><hashTree>\n<TestPlan testname='x'>\n"
        "<stringProp name='a'>&nbsp;</stringProp></TestPlan><hashTree/></hashTree></jmeterTestPlan>",
        &dl);
    expect_refused(doc, &dl, "nbsp");
    CU_ASSERT_EQUAL(dl.items[0].line, 3);
    diag_list_free(&dl);
}

static void test_billion_laughs(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("billion_laughs.jmx", &dl);
    expect_refused(doc, &dl, "entity");
    CU_ASSERT_EQUAL(dl.items[0].line, 4);
    diag_list_free(&dl);
}

static void test_deep_nesting(void)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, "<jmeterTestPlan>\n");
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&sb, "<hashTree>");
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&sb, "</hashTree>");
    strbuf_adds(&sb, "</jmeterTestPlan>\n");
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory(sb.s, sb.len, "deep.jmx", &dl);
    expect_refused(doc, &dl, "");
    diag_list_free(&dl);
    strbuf_free(&sb);
}

/* Test elements nested past JMX_MAX_TREE_DEPTH are refused; at the limit they load. */
static void test_tree_depth_limit(void)
{
    for (int levels = JMX_MAX_TREE_DEPTH; levels <= JMX_MAX_TREE_DEPTH + 1; levels++) {
        struct strbuf sb;
        strbuf_init(&sb);
        strbuf_adds(&sb, "<jmeterTestPlan><hashTree><TestPlan testname='P'/>");
        for (int i = 1; i < levels; i++)
            strbuf_adds(&sb, "<hashTree><GenericController testname='g'/>");
        strbuf_adds(&sb, "<hashTree/>");
        for (int i = 1; i < levels; i++)
            strbuf_adds(&sb, "</hashTree>");
        strbuf_adds(&sb, "</hashTree></jmeterTestPlan>");
        struct diag_list dl;
        diag_list_init(&dl);
        struct jmx_doc *doc = jmx_load_memory(sb.s, sb.len, "depth.jmx", &dl);
        if (levels <= JMX_MAX_TREE_DEPTH) {
            CU_ASSERT_PTR_NOT_NULL(doc);
            jmx_doc_free(doc);
        } else {
            expect_refused(doc, &dl, "nested more than");
        }
        diag_list_free(&dl);
        strbuf_free(&sb);
    }
}

static void test_truncated(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("truncated.jmx", &dl);
    expect_refused(doc, &dl, "");
    CU_ASSERT(dl.items[0].line >= 6);
    diag_list_free(&dl);
}

static void test_garbage(void)
{
    /* bytes that look like nothing: a pseudo-random mix without NULs */
    char junk[4096];
    unsigned state = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        state = state * 1103515245u + 12345u;
        junk[i] = (char)((state >> 16) % 255 + 1);
    }
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory(junk, sizeof junk, "junk.jmx", &dl);
    expect_refused(doc, &dl, "");
    diag_list_free(&dl);

    /* plain text that is not XML */
    diag_list_init(&dl);
    doc = load_text("hello, this is not XML\n", &dl);
    expect_refused(doc, &dl, "");
    diag_list_free(&dl);
}

static void test_empty(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory("", 0, "empty.jmx", &dl);
    expect_refused(doc, &dl, "empty file");
    diag_list_free(&dl);

    diag_list_init(&dl);
    doc = jmx_load_memory(NULL, 0, NULL, &dl);
    expect_refused(doc, &dl, "empty file");
    diag_list_free(&dl);

    char *tmp = test_temp_file(".jmx", " \n\n", 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
    diag_list_init(&dl);
    doc = jmx_load_file(tmp, &dl);
    expect_refused(doc, &dl, "empty file");
    CU_ASSERT_STRING_EQUAL(dl.items[0].file, tmp);
    diag_list_free(&dl);
    unlink(tmp);
    free(tmp);
}

static void test_binary_file(void)
{
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    char *tmp = test_temp_file(".jmx", png, sizeof png - 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_file(tmp, &dl);
    expect_refused(doc, &dl, "not a text file");
    diag_list_free(&dl);
    unlink(tmp);
    free(tmp);

    /* mostly invalid UTF-8, no NUL */
    char bad[512];
    for (size_t i = 0; i < sizeof bad; i++)
        bad[i] = (char)(0x80 + (i % 0x40));
    diag_list_init(&dl);
    doc = jmx_load_memory(bad, sizeof bad, "bad.jmx", &dl);
    expect_refused(doc, &dl, "not a text file");
    diag_list_free(&dl);
}

static void test_not_a_plan(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = load_fixture("no_test_plan.jmx", &dl);
    expect_refused(doc, &dl, "no TestPlan element");
    diag_list_free(&dl);

    diag_list_init(&dl);
    doc = load_text("<html><body/></html>", &dl);
    expect_refused(doc, &dl, "root element is <html>");
    diag_list_free(&dl);
}

static void test_unreadable(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_file("/nonexistent/dir/plan.jmx", &dl);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_EQUAL_FATAL(dl.errors, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(dl.items[0].message, "No such file or directory"));
    CU_ASSERT_STRING_EQUAL(dl.items[0].file, "/nonexistent/dir/plan.jmx");
    diag_list_free(&dl);

    diag_list_init(&dl);
    doc = jmx_load_file("/tmp", &dl);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_EQUAL(dl.errors, 1);
    diag_list_free(&dl);

    jmx_doc_free(NULL);
}

static const struct cu_test tests[] = {
    {"property kinds", test_property_kinds},
    {"property and element lines", test_property_lines},
    {"class aliases", test_class_aliases},
    {"element/hashTree pairing and disabled elements", test_pairing},
    {"disabled fragments vanish, enabled ones stay", test_fragments_vanish},
    {"include controller", test_include},
    {"include from a plan loaded from memory", test_include_from_memory},
    {"include by absolute path and of the plan itself", test_include_absolute_and_self},
    {"module controller", test_module},
    {"module controllers copying each other", test_module_mutual},
    {"module copies are bounded", test_module_blowup},
    {"module lookups are bounded", test_module_lookups_bounded},
    {"accessors", test_accessors},
    {"line numbers past 65535", test_big_line_numbers},
    {"printed error format", test_error_format},
    {"external entity", test_external_entity},
    {"undeclared entity", test_undeclared_entity},
    {"billion laughs", test_billion_laughs},
    {"5000 nested elements", test_deep_nesting},
    {"test element depth limit", test_tree_depth_limit},
    {"truncated file", test_truncated},
    {"garbage bytes", test_garbage},
    {"empty file", test_empty},
    {"binary file", test_binary_file},
    {"not a plan", test_not_a_plan},
    {"unreadable file", test_unreadable},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("jmx", tests);
}
