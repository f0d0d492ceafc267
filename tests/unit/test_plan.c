/* test_plan.c - the plan builder: element table, scoping and merge rules of
 * the digest §2, iteration listeners, variables, unsupported elements. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jmx.h"
#include "jmx2run/plan.h"
#include "support/testutil.h"

static struct jmx_doc *doc;
static struct plan *plan;
static struct diag_list diags;

static void load(const char *name)
{
    if (plan)
        plan_free(plan);
    if (doc)
        jmx_doc_free(doc);
    plan = NULL;
    doc = NULL;
    diag_list_free(&diags);
    diag_list_init(&diags);
    char *path = test_path(name);
    doc = jmx_load_file(path, &diags);
    free(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    plan = plan_build(doc, &diags);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
}

static struct plan_node *node_named(const char *name)
{
    for (size_t i = 0; i < plan->n_nodes; i++)
        if (strcmp(plan->nodes[i]->name, name) == 0)
            return plan->nodes[i];
    fprintf(stderr, "\n    no node named %s\n", name);
    return NULL;
}

static const char *names(struct plan_node *const *nodes, size_t n)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(buf, ",");
        strncat(buf, nodes[i]->name, sizeof buf - strlen(buf) - 2);
    }
    return buf;
}

static bool has_diag(const char *needle)
{
    for (size_t i = 0; i < diags.len; i++)
        if (strstr(diags.items[i].message, needle))
            return true;
    return false;
}

/* the manual's example: C = Post-1, Sampler 1, Sampler 2, Timer 1, Assertion 1,
 * Pre-1, Timer 2, Post-2 -> per sampler Pre-1, Timer 1+2, Post-1, Post-2, Assertion 1 */
static void test_manual_ordering(void)
{
    load("tests/data/plan/scoping.jmx");
    struct plan_node *s2 = node_named("Sampler 2");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s2->scope);
    CU_ASSERT_STRING_EQUAL_MSG(names(s2->scope->pre, s2->scope->n_pre), "Pre-1");
    /* timers innermost first: C's two, then the Test Plan's (appended to the group) */
    CU_ASSERT_STRING_EQUAL_MSG(names(s2->scope->timers, s2->scope->n_timers), "Timer 1,Timer 2,TP timer");
    /* post outermost first: the group's, then C's in document order */
    CU_ASSERT_STRING_EQUAL_MSG(names(s2->scope->post, s2->scope->n_post), "TG post,Post-1,Post-2");
    CU_ASSERT_STRING_EQUAL_MSG(names(s2->scope->assertions, s2->scope->n_assertions), "Assertion 1");
}

static void test_sampler_level_elements(void)
{
    load("tests/data/plan/scoping.jmx");
    struct plan_node *s1 = node_named("Sampler 1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
    /* assertions outermost first: C's, then the sampler's own */
    CU_ASSERT_STRING_EQUAL_MSG(names(s1->scope->assertions, s1->scope->n_assertions),
                               "Assertion 1,S1 assertion");
    /* cookie managers: the outermost (thread group) supersedes the sampler's */
    CU_ASSERT_PTR_NOT_NULL_FATAL(s1->scope->cookie_manager);
    CU_ASSERT_STRING_EQUAL_MSG(s1->scope->cookie_manager->name, "TG cookies");
}

static void test_header_merge(void)
{
    load("tests/data/plan/scoping.jmx");
    struct plan_node *s1 = node_named("Sampler 1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
    const struct plan_scope *s = s1->scope;
    /* innermost name wins (case-insensitive); duplicates in one manager all kept;
     * outer-only headers added */
    CU_ASSERT_EQUAL_FATAL(s->n_headers, 5);
    CU_ASSERT_STRING_EQUAL(s->headers[0].name->source, "x-level");
    CU_ASSERT_STRING_EQUAL(s->headers[0].value->source, "sampler");
    CU_ASSERT_STRING_EQUAL(s->headers[1].value->source, "1");
    CU_ASSERT_STRING_EQUAL(s->headers[2].value->source, "2");
    CU_ASSERT_STRING_EQUAL(s->headers[3].name->source, "x-tg-only");
    CU_ASSERT_STRING_EQUAL(s->headers[4].name->source, "X-TP-Only");

    struct plan_node *s2 = node_named("Sampler 2");
    CU_ASSERT_EQUAL_FATAL(s2->scope->n_headers, 3);
    CU_ASSERT_STRING_EQUAL(s2->scope->headers[0].value->source, "thread-group");
}

static void test_thread_groups(void)
{
    load("tests/data/plan/scoping.jmx");
    CU_ASSERT_EQUAL(plan->n_setup_groups, 1);
    CU_ASSERT_EQUAL(plan->n_main_groups, 2);
    CU_ASSERT_EQUAL(plan->n_teardown_groups, 1);
    CU_ASSERT_TRUE(plan->settings->serialize_threadgroups);
    const struct plan_thread_group *main = plan->main_groups[0]->data;
    const struct plan_thread_group *second = plan->main_groups[1]->data;
    const struct plan_thread_group *setup = plan->setup_groups[0]->data;
    CU_ASSERT_EQUAL(main->group_number, 1);
    CU_ASSERT_EQUAL(second->group_number, 2);
    CU_ASSERT_EQUAL(setup->group_number, 1);
    CU_ASSERT_EQUAL(main->on_error, ON_ERROR_START_NEXT_LOOP);
    CU_ASSERT_STRING_EQUAL(main->num_threads->source, "2");
    CU_ASSERT_STRING_EQUAL(main->loops->source, "3");
    CU_ASSERT_STRING_EQUAL(main->idx_var, "__jm__Main__idx");
    CU_ASSERT_STRING_EQUAL(second->loops->source, "-1");
    CU_ASSERT_FALSE(second->num_threads->is_literal);
    CU_ASSERT_TRUE(main->same_user_on_next_iteration);
    /* the Test Plan's header manager and timer reach the second group too */
    struct plan_node *other = node_named("Second sampler");
    CU_ASSERT_STRING_EQUAL_MSG(names(other->scope->timers, other->scope->n_timers), "TP timer");
    CU_ASSERT_EQUAL(other->scope->n_headers, 2);
    CU_ASSERT_PTR_NULL(other->scope->cookie_manager);
}

static void test_variables(void)
{
    load("tests/data/plan/scoping.jmx");
    CU_ASSERT_EQUAL_FATAL(plan->n_variable_sets, 2);
    const struct plan_variable_set *tp = &plan->variable_sets[0];
    CU_ASSERT_EQUAL_FATAL(tp->n_vars, 1);   /* first occurrence of a name wins */
    CU_ASSERT_STRING_EQUAL(tp->vars[0].value->source, "127.0.0.1");
    const struct plan_variable_set *more = &plan->variable_sets[1];
    CU_ASSERT_EQUAL_FATAL(more->n_vars, 2);
    CU_ASSERT_STRING_EQUAL(more->vars[0].name, "host");
    CU_ASSERT_STRING_EQUAL(more->vars[1].value->source, "${host}-x");
}

static void test_listeners_counted(void)
{
    load("tests/data/plan/scoping.jmx");
    CU_ASSERT_EQUAL(plan->counts.listeners, 1);
    CU_ASSERT_EQUAL(plan->counts.unsupported, 0);
    CU_ASSERT_EQUAL(diags.warnings, 0);
    struct plan_node *vrt = node_named("View Results Tree");
    CU_ASSERT_PTR_NOT_NULL_FATAL(vrt);
    CU_ASSERT_EQUAL(vrt->role, ROLE_LISTENER);
}

static void test_http_defaults_merge(void)
{
    load("tests/data/plan/defaults.jmx");
    struct plan_node *n = node_named("Empty fields");
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    const struct plan_http_sampler *h = n->data;
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    CU_ASSERT_STRING_EQUAL(h->domain->source, "inner.example");   /* nearest non-empty */
    CU_ASSERT_STRING_EQUAL(h->port->source, "8081");              /* inner empty -> outer */
    CU_ASSERT_STRING_EQUAL(h->protocol->source, "https");         /* absent -> outer */
    CU_ASSERT_STRING_EQUAL(h->path->source, "/p");                /* own value kept */
    CU_ASSERT_STRING_EQUAL(h->method->source, "POST");
    CU_ASSERT_FALSE(h->image_parser);                             /* own boolean kept */
    CU_ASSERT_STRING_EQUAL(h->connect_timeout->source, "1000");
    CU_ASSERT_EQUAL_FATAL(h->n_args, 3);                          /* own, inner, outer */
    CU_ASSERT_STRING_EQUAL(h->args[0].name->source, "own");
    CU_ASSERT_FALSE(h->args[0].from_defaults);
    CU_ASSERT_STRING_EQUAL(h->args[1].name->source, "inner");
    CU_ASSERT_TRUE(h->args[1].from_defaults);
    CU_ASSERT_STRING_EQUAL(h->args[1].metadata, "");             /* absent metadata: JMeter reads "" */
    CU_ASSERT_STRING_EQUAL(h->args[2].name->source, "outer");
    CU_ASSERT_TRUE(h->args[2].always_encode);
    CU_ASSERT_EQUAL(n->scope->n_defaults, 2);
    CU_ASSERT_STRING_EQUAL(n->scope->defaults[0]->name, "Inner defaults");

    struct plan_node *o = node_named("Own values");
    const struct plan_http_sampler *ho = o->data;
    CU_ASSERT_EQUAL(o->kind, PK_HTTP_SAMPLER);                    /* HTTPSampler alias */
    CU_ASSERT_STRING_EQUAL(ho->domain->source, "own.example");
    CU_ASSERT_STRING_EQUAL(ho->path->source, "/default-path");   /* own empty -> defaults */
    CU_ASSERT_TRUE(ho->image_parser);                             /* absent -> outer's true */
    CU_ASSERT_STRING_EQUAL(ho->method->source, "GET");
    CU_ASSERT_FALSE(ho->use_keepalive);                           /* absent -> Connection: close */
    CU_ASSERT_FALSE(ho->follow_redirects);
    CU_ASSERT_EQUAL(ho->n_args, 2);
}

static void test_iteration_listeners(void)
{
    load("tests/data/plan/defaults.jmx");
    struct plan_node *tg = plan->main_groups[0];
    /* the loop registers after the CSV element (post-order) and fires first */
    CU_ASSERT_STRING_EQUAL_MSG(names(tg->on_iteration, tg->n_on_iteration), "Inner loop,TG csv");
    /* a CSV Data Set under a sampler registers on the sampler's controller */
    struct plan_node *loop = node_named("Inner loop");
    CU_ASSERT_STRING_EQUAL_MSG(names(loop->on_iteration, loop->n_on_iteration), "Sampler csv");
    const struct plan_csv_data_set *csv = tg->on_iteration[1]->data;
    CU_ASSERT_FALSE(csv->recycle);
    CU_ASSERT_FALSE(csv->quoted_data);
    CU_ASSERT_STRING_EQUAL(csv->share_mode->source, "shareMode.all");
    const struct plan_loop_controller *lc = loop->data;
    CU_ASSERT_TRUE(lc->continue_forever);   /* absent -> true for a Loop Controller */
    CU_ASSERT(loop->slot >= 0);
}

static void test_unsupported(void)
{
    load("tests/data/plan/defaults.jmx");
    CU_ASSERT_EQUAL(plan->counts.unsupported, 3);
    struct plan_node *post = node_named("Script post");
    CU_ASSERT_EQUAL(post->kind, PK_UNSUPPORTED);
    CU_ASSERT_EQUAL(post->role, ROLE_POST_PROCESSOR);
    CU_ASSERT_TRUE(has_diag("unsupported element JSR223PostProcessor \"Script post\""));
    CU_ASSERT_EQUAL(post->n_raw, 2);
    CU_ASSERT_STRING_EQUAL(post->raw[1].name, "script");
    /* listed among the post-processors of its sampler, so reports can place it */
    struct plan_node *own = node_named("Own values");
    CU_ASSERT_STRING_EQUAL_MSG(names(own->scope->post, own->scope->n_post), "Script post");
    /* an unknown controller keeps running its children */
    struct plan_node *pc = node_named("Plugin controller");
    CU_ASSERT_EQUAL(pc->role, ROLE_CONTROLLER);
    CU_ASSERT_EQUAL(pc->n_children, 2);
    CU_ASSERT_TRUE(has_diag("its children run as in a Simple Controller"));
    struct plan_node *q = node_named("Query");
    CU_ASSERT_EQUAL(q->role, ROLE_SAMPLER);
    CU_ASSERT_TRUE(has_diag("no request is made"));
    /* warnings carry the file and line */
    bool located = false;
    for (size_t i = 0; i < diags.len; i++)
        if (strstr(diags.items[i].message, "Script post"))
            located = diags.items[i].line > 0 && diags.items[i].file &&
                      strstr(diags.items[i].file, "defaults.jmx");
    CU_ASSERT_TRUE(located);
}

static void test_parent_transaction_scope(void)
{
    load("tests/data/plan/defaults.jmx");
    struct plan_node *tc = node_named("Parent TC");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tc->scope);
    CU_ASSERT_STRING_EQUAL_MSG(names(tc->scope->assertions, tc->scope->n_assertions), "TC duration");
    CU_ASSERT_EQUAL(tc->scope->n_timers, 0);
    struct plan_node *in = node_named("In TC");
    CU_ASSERT_STRING_EQUAL_MSG(names(in->scope->timers, in->scope->n_timers), "TC timer");
}

static void test_dump(void)
{
    load("tests/data/plan/scoping.jmx");
    struct strbuf out;
    strbuf_init(&out);
    plan_dump(plan, &out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "Thread Group \"Main\": [main group 1] threads=2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "HTTP Request \"Sampler 1\": GET http://${host}/one"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "header: x-level: sampler"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "cookies: HTTP Cookie Manager \"TG cookies\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "timer: Uniform Random Timer \"Timer 2\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "setUp Thread Group \"Setup\": [setUp group 1]"));
    strbuf_free(&out);
}

static void cleanup(void)
{
    plan_free(plan);
    jmx_doc_free(doc);
    diag_list_free(&diags);
    plan = NULL;
    doc = NULL;
}

static const struct cu_test tests[] = {
    {"manual ordering example", test_manual_ordering},
    {"sampler-level elements, outermost manager", test_sampler_level_elements},
    {"header managers merge", test_header_merge},
    {"thread groups and phases", test_thread_groups},
    {"user defined variables", test_variables},
    {"listeners are counted quietly", test_listeners_counted},
    {"HTTP Request Defaults merge", test_http_defaults_merge},
    {"iteration listeners", test_iteration_listeners},
    {"unsupported elements", test_unsupported},
    {"parent-mode transaction scope", test_parent_transaction_scope},
    {"dump output", test_dump},
    {"cleanup", cleanup},
    {NULL, NULL},
};

int main(void)
{
    diag_list_init(&diags);
    return cu_run("plan", tests);
}
