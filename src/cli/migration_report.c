/* migration_report.c - jmx2run --migration-report plan.jmx [--format json]:
 * per element of the plan, its path, class and place in the file, whether
 * the native runner supports it and whether --emit-locust converts it
 * exactly, approximately (and how) or leaves a TODO (and what happens
 * instead), then the totals. The data comes from the emitter itself
 * (include/jmx2run/migration.h), the same the locustfile's header is
 * written from; this file only prints it, as text or as one JSON object. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/commands.h"
#include "jmx2run/json_text.h"
#include "jmx2run/migration.h"

/* ------------------------------------------------------------------ text */

static const char *const native_text[MIG_NATIVE_COUNT] = {
    [MIG_NATIVE_SUPPORTED] = "supported",
    [MIG_NATIVE_SKIPPED] = "skipped",
    [MIG_NATIVE_UNSUPPORTED] = "not supported",
};

static const char *const locust_text[MIG_LOCUST_COUNT] = {
    [MIG_LOCUST_EXACT] = "exact",
    [MIG_LOCUST_APPROXIMATE] = "approximate",
    [MIG_LOCUST_TODO] = "TODO",
};

static void verdict(struct strbuf *out, const char *who, const char *what, const char *note)
{
    strbuf_addf(out, "    %s: %s", who, what);
    if (note)
        strbuf_addf(out, ": %s", note);
    strbuf_addc(out, '\n');
}

static void report_text(const struct migration *m, struct strbuf *out)
{
    strbuf_adds(out, "Migration report for ");
    migration_quote(out, m->plan->file);
    strbuf_adds(out, ": what jmx2run runs natively, what --emit-locust converts\n\n");
    for (size_t i = 0; i < m->n_elements; i++) {
        const struct mig_element *e = &m->elements[i];
        strbuf_addf(out, "%s\n    ", e->path);
        migration_quote(out, e->node->testclass);
        strbuf_adds(out, " at ");
        migration_location(e->node, false, out);
        strbuf_addc(out, '\n');
        verdict(out, "native runner", native_text[e->native], e->native_note);
        verdict(out, "Locust", locust_text[e->locust], e->locust_note);
    }
    strbuf_adds(out, "\nTotals: ");
    migration_totals_text(&m->totals, out);
    strbuf_addc(out, '\n');
}

/* ------------------------------------------------------------------ JSON */

static json_t *element_json(const struct mig_element *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "path", text_to_json(e->path));
    json_object_set_new(o, "class", text_to_json(e->node->testclass));
    json_object_set_new(o, "kind", text_to_json(plan_kind_display(e->node)));
    json_object_set_new(o, "name", text_to_json(e->node->name));
    json_object_set_new(o, "file", text_to_json(e->node->file));
    json_object_set_new(o, "line", json_integer(e->node->line));
    json_t *native = json_object();
    json_object_set_new(native, "supported", json_boolean(e->native == MIG_NATIVE_SUPPORTED));
    json_object_set_new(native, "status", json_string(mig_native_name(e->native)));
    json_object_set_new(native, "note", text_to_json(e->native_note));
    json_object_set_new(o, "native", native);
    json_t *locust = json_object();
    json_object_set_new(locust, "conversion", json_string(mig_locust_name(e->locust)));
    json_object_set_new(locust, "note", text_to_json(e->locust_note));
    json_object_set_new(o, "locust", locust);
    return o;
}

static json_t *totals_json(const struct mig_totals *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "elements", json_integer((json_int_t)t->elements));
    json_t *native = json_object();
    for (int k = 0; k < MIG_NATIVE_COUNT; k++)
        json_object_set_new(native, mig_native_name((enum mig_native)k),
                            json_integer((json_int_t)t->native[k]));
    json_object_set_new(o, "native", native);
    json_t *locust = json_object();
    for (int k = 0; k < MIG_LOCUST_COUNT; k++)
        json_object_set_new(locust, mig_locust_name((enum mig_locust)k),
                            json_integer((json_int_t)t->locust[k]));
    json_object_set_new(o, "locust", locust);
    return o;
}

static void report_json(const struct migration *m, struct strbuf *out)
{
    json_t *root = json_object();
    json_object_set_new(root, "plan", text_to_json(m->plan->file));
    json_object_set_new(root, "test_plan",
                        text_to_json(m->plan->test_plan ? m->plan->test_plan->name : NULL));
    json_t *elements = json_array();
    for (size_t i = 0; i < m->n_elements; i++)
        json_array_append_new(elements, element_json(&m->elements[i]));
    json_object_set_new(root, "elements", elements);
    json_object_set_new(root, "totals", totals_json(&m->totals));
    char *dumped = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (dumped) {
        strbuf_adds(out, dumped);
        strbuf_addc(out, '\n');
        free(dumped);
    }
    json_decref(root);
}

int cmd_migration_report(const struct cli_options *opts, const struct plan *plan)
{
    struct emit_options eo = {.fast = opts->locust_fast, .tls_verify = opts->tls_verify,
                              .plan_path = opts->plan_path};
    struct migration *m = migration_build(plan, &eo);
    struct strbuf out;
    strbuf_init(&out);
    if (str_eq(opts->format, "json"))
        report_json(m, &out);
    else
        report_text(m, &out);
    int rc = 0;
    if (fwrite(out.s, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "jmx2run: error: cannot write the migration report: %s\n",
                strerror(errno));
        rc = 2;
    }
    strbuf_free(&out);
    migration_free(m);
    return rc;
}
