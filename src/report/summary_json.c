/* summary_json.c - the end-of-run numbers as JSON, for --summary-json FILE:
 * per label and in total the figures of the aggregate table, the top errors,
 * the pass/fail criteria and how they came out, and the run's settings (plan,
 * start and end, worker threads, -J properties with the values of anything
 * that looks like a secret left out). Built with jansson. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/json_text.h"
#include "jmx2run/report.h"

const char *const report_percentile_method =
    "nearest rank, as JMeter's aggregate report: the value at rank round(count x p) "
    "(at least 1) in sorted order, read from a log-linear histogram (the upper end of the "
    "bucket holding that rank, clamped to the exact min and max): exact below 256 ms, "
    "at most 0.78% above the true value above that, never below it";

static json_t *real_or_null(double v, bool valid)
{
    return valid ? json_real(v) : json_null();
}

static json_t *row_json(const struct stats_row *r)
{
    const struct histogram *h = &r->elapsed;
    bool any = r->count > 0;
    double throughput = stats_row_throughput(r);
    json_t *o = json_object();
    json_object_set_new(o, "label", text_to_json(r->label));
    json_object_set_new(o, "samples", json_integer(r->count));
    json_object_set_new(o, "errors", json_integer(r->errors));
    json_object_set_new(o, "error_rate", json_real(stats_row_error_fraction(r)));
    json_object_set_new(o, "avg_ms", any ? json_integer(stats_row_mean(r)) : json_null());
    json_object_set_new(o, "min_ms", any ? json_integer(h->min) : json_null());
    json_object_set_new(o, "max_ms", any ? json_integer(h->max) : json_null());
    json_object_set_new(o, "median_ms", any ? json_integer(histogram_percentile(h, 0.50)) : json_null());
    json_object_set_new(o, "p90_ms", any ? json_integer(histogram_percentile(h, 0.90)) : json_null());
    json_object_set_new(o, "p95_ms", any ? json_integer(histogram_percentile(h, 0.95)) : json_null());
    json_object_set_new(o, "p99_ms", any ? json_integer(histogram_percentile(h, 0.99)) : json_null());
    /* all samples in the same millisecond: the rate is undefined */
    json_object_set_new(o, "throughput_per_s", real_or_null(throughput, throughput >= 0));
    json_object_set_new(o, "received_kb_per_s", json_real(stats_row_received_kb_per_s(r)));
    json_object_set_new(o, "sent_kb_per_s", json_real(stats_row_sent_kb_per_s(r)));
    return o;
}

bool summary_property_is_secret(const char *name)
{
    static const char *const words[] = {"password", "secret", "token"};
    for (size_t i = 0; i < ARRAY_LEN(words); i++)
        if (strcasestr(name, words[i]))
            return true;
    return false;
}

static json_t *settings_json(const struct summary_settings *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "plan", text_to_json(s->plan_file));
    json_object_set_new(o, "start_ms", json_integer(s->start_ms));
    json_object_set_new(o, "end_ms", json_integer(s->end_ms));
    json_object_set_new(o, "duration_ms", json_integer(s->end_ms - s->start_ms));
    json_object_set_new(o, "worker_threads", json_integer(s->worker_threads));
    json_t *props = json_object();
    for (size_t i = 0; i < s->n_properties; i++) {
        const char *assignment = s->properties[i];
        const char *eq = strchr(assignment, '=');
        char *name = eq ? xstrndup(assignment, (size_t)(eq - assignment)) : xstrdup(assignment);
        json_t *name_json = text_to_json(name);
        /* null: given, but not written because of its name */
        json_t *value = summary_property_is_secret(name) ? json_null()
                                                         : text_to_json(eq ? eq + 1 : "");
        json_object_set_new(props, json_string_value(name_json), value);
        json_decref(name_json);
        free(name);
    }
    json_object_set_new(o, "properties", props);
    return o;
}

static json_t *errors_json(const struct errors_table *t)
{
    json_t *list = json_array();
    if (!t)
        return list;
    const struct error_kind *top[ERRORS_TABLE_TOP];
    size_t n = errors_table_top(t, top, ERRORS_TABLE_TOP);
    int64_t total = errors_table_total(t);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "error", text_to_json(top[i]->key));
        json_object_set_new(o, "count", json_integer(top[i]->count));
        json_object_set_new(o, "percent_of_errors",
                            json_real((double)top[i]->count * 100.0 / (double)total));
        json_object_set_new(o, "first_label", text_to_json(top[i]->first_label));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *criteria_json(const struct criterion *c, const struct criterion_result *r, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        struct strbuf d;
        strbuf_init(&d);
        criterion_describe(&c[i], &r[i], &d);
        json_t *o = json_object();
        json_object_set_new(o, "expression", text_to_json(c[i].text));
        json_object_set_new(o, "breached", json_boolean(r[i].breached));
        json_object_set_new(o, "value", r[i].no_samples ? json_null() : json_real(r[i].value));
        json_object_set_new(o, "found", text_to_json(d.s));
        json_array_append_new(list, o);
        strbuf_free(&d);
    }
    return list;
}

char *summary_json_render(const struct stats_table *t, const struct errors_table *errors,
                          const struct summary_settings *settings,
                          const struct criterion *criteria,
                          const struct criterion_result *results, size_t n_criteria)
{
    json_t *root = json_object();
    json_object_set_new(root, "tool", json_string("jmx2run"));
    json_object_set_new(root, "version", json_string(JMX2RUN_VERSION));
    json_object_set_new(root, "run", settings_json(settings));
    json_object_set_new(root, "percentile_method", json_string(report_percentile_method));
    json_t *labels = json_array();
    for (size_t i = 0; i < stats_table_rows(t); i++)
        json_array_append_new(labels, row_json(stats_table_row(t, i)));
    json_object_set_new(root, "labels", labels);
    json_object_set_new(root, "total", row_json(stats_table_total(t)));
    json_object_set_new(root, "errors_counted", json_integer(errors ? errors_table_total(errors) : 0));
    json_object_set_new(root, "top_errors", errors_json(errors));
    json_object_set_new(root, "criteria", criteria_json(criteria, results, n_criteria));
    char *dumped = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(root);
    if (!dumped)
        return NULL;
    char *out = xasprintf("%s\n", dumped);
    free(dumped);
    return out;
}
