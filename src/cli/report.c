/* report.c - the HTML report: from any JTL with -g FILE -o DIR, and after a
 * run with -e -o DIR. The page itself is src/report/html_*.c. */
#include <stdio.h>
#include <stdlib.h>
#include "jmx2run/commands.h"
#include "jmx2run/html_report.h"

/* Options from the JMeter properties; sub-result rows count as JMeter's
 * dashboard counts them unless jmx2run.report.exclude_subresults is true. */
static void report_options(struct props *props, bool force, struct html_report_options *o,
                           struct strbuf *store)
{
    html_report_options_init(o);
    html_report_options_from_props(o, props, store);
    char *exclude = props_get_dup(props, "jmx2run.report.exclude_subresults");
    o->include_subresults = !str_to_bool_jmeter(exclude);
    free(exclude);
    o->force = force;
}

int report_check_output(const struct cli_options *opts)
{
    struct strbuf err;
    strbuf_init(&err);
    int rc = html_report_check_output_dir(opts->report_dir, opts->force_delete, &err);
    if (rc != 0)
        fputs(err.s, stderr);
    strbuf_free(&err);
    return rc == 0 ? 0 : 2;
}

int report_generate(const char *jtl, const char *out_dir, struct props *props, bool force)
{
    struct html_report_options o;
    struct strbuf store, err;
    strbuf_init(&store);
    strbuf_init(&err);
    report_options(props, force, &o, &store);
    int rc = html_report_from_jtl(jtl, out_dir, &o, &err);
    if (rc != 0)
        fputs(err.s, stderr);
    strbuf_free(&err);
    strbuf_free(&store);
    return rc == 0 ? 0 : 2;
}

int cmd_report(const struct cli_options *opts, struct props *props)
{
    int rc = report_generate(opts->report_from, opts->report_dir, props, opts->force_delete);
    if (rc == 0)
        printf("jmx2run: report written to %s/index.html\n", opts->report_dir);
    return rc;
}
