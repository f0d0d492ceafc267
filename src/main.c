/* main.c - jmx2run's entry point: parse the command line, load the plan,
 * dispatch to check / dump / run. Errors are printed as "file:line: error:"
 * diagnostics or "jmx2run: error:" lines; usage and plan errors exit 2. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/cli.h"
#include "jmx2run/commands.h"
#include "jmx2run/jmx.h"
#include "jmx2run/log.h"
#include "jmx2run/plan.h"

static int usage_error(const char *msg)
{
    fprintf(stderr, "jmx2run: error: %s\n", msg);
    fprintf(stderr, "usage: jmx2run [options] plan.jmx   (jmx2run --help for more)\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct cli_options opts;
    char *error = NULL;
    if (!cli_parse(argc, argv, &opts, &error)) {
        int rc = usage_error(error);
        free(error);
        cli_options_free(&opts);
        return rc;
    }
    if (opts.action == CLI_ACTION_HELP) {
        cli_print_help(stdout);
        cli_options_free(&opts);
        return 0;
    }
    if (opts.action == CLI_ACTION_VERSION) {
        cli_print_version(stdout);
        cli_options_free(&opts);
        return 0;
    }
    if (opts.action == CLI_ACTION_REPORT) {
        struct diag_list pd;
        diag_list_init(&pd);
        struct props *props = cli_load_properties(&opts, &pd);
        diag_print_all(&pd, stderr);
        int rc = props ? cmd_report(&opts, props) : 2;
        if (props)
            props_free(props);
        diag_list_free(&pd);
        cli_options_free(&opts);
        return rc;
    }

    struct diag_list diags;
    diag_list_init(&diags);
    int rc = 2;
    if (opts.log_path && !log_open(opts.log_path))
        fprintf(stderr, "jmx2run: warning: cannot open the log file %s: %s\n", opts.log_path,
                strerror(errno));
    log_msg(LOG_INFO, "jmx2run %s, plan %s", JMX2RUN_VERSION, opts.plan_path);
    struct props *props = cli_load_properties(&opts, &diags);
    struct jmx_doc *doc = props ? jmx_load_file(opts.plan_path, &diags) : NULL;
    struct plan *plan = doc ? plan_build(doc, &diags) : NULL;
    if (plan && opts.action == CLI_ACTION_EMIT_LOCUST && !diags.errors) {
        /* the conversion adds its own warnings; --strict applies to them too */
        rc = cmd_emit_locust(&opts, plan, &diags);
        if (opts.strict)
            diag_promote_warnings(&diags);
        diag_print_all(&diags, stderr);
        log_diagnostics(&diags);
        goto done;
    }
    if (plan && opts.action == CLI_ACTION_MIGRATION_REPORT && !diags.errors) {
        /* a report, not a run: --strict does not stop it (issue 9) */
        diag_print_all(&diags, stderr);
        rc = cmd_migration_report(&opts, plan);
        goto done;
    }
    if (opts.strict)
        diag_promote_warnings(&diags);
    diag_print_all(&diags, stderr);
    log_diagnostics(&diags);

    if (plan && !(opts.strict && diags.errors)) {
        switch (opts.action) {
        case CLI_ACTION_CHECK:
            rc = cmd_check(&opts, plan, &diags);
            break;
        case CLI_ACTION_DUMP:
            rc = diags.errors ? 2 : cmd_dump(&opts, plan);
            break;
        case CLI_ACTION_LOCUST_WORKER:   /* issue 8 */
            rc = diags.errors ? 2 : cmd_locust_worker(&opts, plan, props);
            break;
        default:
            rc = diags.errors ? 2 : cmd_run(&opts, plan, props);
            break;
        }
    } else if (plan && opts.action == CLI_ACTION_CHECK) {
        cmd_check(&opts, plan, &diags);   /* still show the counts, then fail */
    }

done:
    plan_free(plan);
    jmx_doc_free(doc);
    if (props)
        props_free(props);
    log_msg(LOG_INFO, "exit status %d", rc);
    log_close();
    diag_list_free(&diags);
    cli_options_free(&opts);
    return rc;
}
