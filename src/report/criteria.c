/* criteria.c - pass/fail criteria given with --fail-on: parsing an expression
 * such as "p99[login]>1s" once at start-up, and checking it against the
 * end-of-run statistics (the same figures the aggregate table prints).
 *
 * The grammar is in report.h. An expression says when the run fails; a
 * criterion on a label (or a run) without samples counts as breached, since
 * nothing shows the service met it, except "samples" and "errors" which are
 * simply 0 then. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

/* ------------------------------------------------------------------ parse */

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static bool is_time_metric(enum criterion_metric m)
{
    return m == CRIT_AVG || m == CRIT_MIN || m == CRIT_MAX || m == CRIT_PERCENTILE;
}

/* The metric from its name; false (with *error) when unknown. */
static bool metric_from_name(const char *name, struct criterion *c, char **error)
{
    static const struct {
        const char *name;
        enum criterion_metric metric;
    } names[] = {
        {"error_rate", CRIT_ERROR_RATE}, {"errors", CRIT_ERRORS}, {"samples", CRIT_SAMPLES},
        {"avg", CRIT_AVG}, {"min", CRIT_MIN}, {"max", CRIT_MAX}, {"rps", CRIT_RPS},
    };
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (str_eq(name, names[i].name)) {
            c->metric = names[i].metric;
            return true;
        }
    if (str_eq(name, "median")) {
        c->metric = CRIT_PERCENTILE;
        c->percentile = 0.5;
        return true;
    }
    double n;
    if (name[0] == 'p' && isdigit((unsigned char)name[1]) && str_parse_double(name + 1, &n)) {
        if (n <= 0 || n > 100) {
            *error = xasprintf("percentile %s is out of range (p1 to p100)", name);
            return false;
        }
        c->metric = CRIT_PERCENTILE;
        c->percentile = n / 100.0;
        return true;
    }
    *error = xasprintf("unknown metric \"%s\" (error_rate, errors, samples, avg, min, max, "
                       "median, p50/p90/p95/p99/pN, rps)", name);
    return false;
}

/* op at *p; advances past it. */
static bool parse_op(const char **p, enum criterion_op *op)
{
    const char *s = *p;
    if (s[0] == '>' && s[1] == '=') { *op = CRIT_GE; *p = s + 2; return true; }
    if (s[0] == '<' && s[1] == '=') { *op = CRIT_LE; *p = s + 2; return true; }
    if (s[0] == '>') { *op = CRIT_GT; *p = s + 1; return true; }
    if (s[0] == '<') { *op = CRIT_LT; *p = s + 1; return true; }
    return false;
}

/* Checks the unit against the metric and scales the threshold to ms. */
static bool apply_unit(struct criterion *c, const char *unit, char **error)
{
    if (is_time_metric(c->metric)) {
        if (!*unit || str_eq(unit, "ms"))
            return true;
        if (str_eq(unit, "s")) {
            c->threshold *= 1000.0;
            return true;
        }
        *error = xasprintf("%s is a time: use ms or s, not \"%s\"", c->metric_name, unit);
        return false;
    }
    switch (c->metric) {
    case CRIT_ERROR_RATE:
        if (str_eq(unit, "%")) {
            if (c->threshold > 100) {
                *error = xasprintf("error_rate is a percentage between 0%% and 100%%");
                return false;
            }
            return true;
        }
        *error = xasprintf("error_rate needs a percentage, e.g. error_rate>1%%");
        return false;
    case CRIT_ERRORS:
    case CRIT_SAMPLES:
        if (*unit) {
            *error = xasprintf("%s is a count: no unit (\"%s\")", c->metric_name, unit);
            return false;
        }
        if (c->threshold != floor(c->threshold)) {
            *error = xasprintf("%s is a count: use a whole number", c->metric_name);
            return false;
        }
        return true;
    case CRIT_RPS:
        if (!*unit || str_eq(unit, "/s"))
            return true;
        *error = xasprintf("rps is per second: no unit, or /s (\"%s\")", unit);
        return false;
    default:
        return true;
    }
}

static bool parse_into(const char *text, struct criterion *c, char **error)
{
    const char *p = skip_spaces(text);
    const char *name_start = p;
    while (isalnum((unsigned char)*p) || *p == '_' || *p == '.')
        p++;
    if (p == name_start) {
        *error = xasprintf("expected a metric such as p95, avg or error_rate");
        return false;
    }
    c->metric_name = xstrndup(name_start, (size_t)(p - name_start));
    for (char *q = c->metric_name; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    if (!metric_from_name(c->metric_name, c, error))
        return false;

    p = skip_spaces(p);
    if (*p == '[') {
        /* the label runs to the LAST "]": what follows it (op, number, unit)
         * never contains one, so labels need no escaping */
        const char *close = strrchr(p, ']');
        if (!close) {
            *error = xasprintf("\"[\" without a closing \"]\" around the label");
            return false;
        }
        c->label = xstrndup(p + 1, (size_t)(close - p - 1));
        p = skip_spaces(close + 1);
    }

    if (!parse_op(&p, &c->op)) {
        if (*p == '=' || *p == '!')
            *error = xasprintf("use >, >=, < or <= (the expression says when the run fails)");
        else
            *error = xasprintf("expected >, >=, < or <= after %s", c->metric_name);
        return false;
    }
    p = skip_spaces(p);
    const char *num_start = p;
    while (isdigit((unsigned char)*p) || *p == '.')
        p++;
    char *num = xstrndup(num_start, (size_t)(p - num_start));
    bool ok = *num && str_parse_double(num, &c->threshold) && isfinite(c->threshold);
    free(num);
    if (!ok) {
        *error = xasprintf("expected a number after the comparison");
        return false;
    }
    p = skip_spaces(p);
    char *unit = xstrdup(p);
    size_t n = strlen(unit);
    while (n && (unit[n - 1] == ' ' || unit[n - 1] == '\t'))
        unit[--n] = '\0';
    for (char *q = unit; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    ok = apply_unit(c, unit, error);
    free(unit);
    return ok;
}

bool criterion_parse(const char *text, struct criterion *out, char **error)
{
    memset(out, 0, sizeof *out);
    *error = NULL;
    out->text = str_trim_dup(text ? text : "");
    if (parse_into(out->text, out, error))
        return true;
    criterion_free(out);
    return false;
}

void criterion_free(struct criterion *c)
{
    free(c->text);
    free(c->metric_name);
    free(c->label);
    memset(c, 0, sizeof *c);
}

/* --------------------------------------------------------------- evaluate */

static double metric_value(const struct criterion *c, const struct stats_row *row)
{
    switch (c->metric) {
    case CRIT_ERROR_RATE: return stats_row_error_fraction(row) * 100.0;
    case CRIT_ERRORS: return (double)row->errors;
    case CRIT_SAMPLES: return (double)row->count;
    case CRIT_AVG: return (double)stats_row_mean(row);
    case CRIT_MIN: return (double)row->elapsed.min;
    case CRIT_MAX: return (double)row->elapsed.max;
    case CRIT_PERCENTILE: return (double)histogram_percentile(&row->elapsed, c->percentile);
    case CRIT_RPS: {
        double rps = stats_row_throughput(row);
        /* every sample within one millisecond: count them as one ms's worth */
        return rps < 0 ? (double)row->count * 1000.0 : rps;
    }
    }
    return 0.0;
}

static bool compare(double value, enum criterion_op op, double threshold)
{
    switch (op) {
    case CRIT_GT: return value > threshold;
    case CRIT_GE: return value >= threshold;
    case CRIT_LT: return value < threshold;
    case CRIT_LE: return value <= threshold;
    }
    return false;
}

void criterion_evaluate(const struct criterion *c, const struct stats_table *t,
                        struct criterion_result *r)
{
    memset(r, 0, sizeof *r);
    const struct stats_row *row = c->label ? stats_table_find(t, c->label) : stats_table_total(t);
    if (row) {
        r->samples = row->count;
        r->errors = row->errors;
    }
    if (!row || row->count == 0) {
        if (c->metric == CRIT_SAMPLES || c->metric == CRIT_ERRORS) {
            r->value = 0;
            r->breached = compare(0.0, c->op, c->threshold);
        } else {
            r->no_samples = true;
            r->breached = true;
        }
        return;
    }
    r->value = metric_value(c, row);
    r->breached = compare(r->value, c->op, c->threshold);
}

void criterion_describe(const struct criterion *c, const struct criterion_result *r,
                        struct strbuf *out)
{
    if (r->no_samples) {
        if (c->label)
            strbuf_addf(out, "no samples labelled \"%s\"", c->label);
        else
            strbuf_adds(out, "no samples");
        return;
    }
    strbuf_adds(out, c->metric_name);
    if (c->label)
        strbuf_addf(out, "[%s]", c->label);
    strbuf_adds(out, " = ");
    switch (c->metric) {
    case CRIT_ERROR_RATE:
        strbuf_addf(out, "%.2f%% (%lld of %lld samples)", r->value, (long long)r->errors,
                    (long long)r->samples);
        break;
    case CRIT_ERRORS:
    case CRIT_SAMPLES:
        strbuf_addf(out, "%lld", (long long)r->value);
        break;
    case CRIT_RPS:
        strbuf_addf(out, "%.1f/s", r->value);
        break;
    default:
        strbuf_addf(out, "%lld ms", (long long)r->value);
        break;
    }
}
