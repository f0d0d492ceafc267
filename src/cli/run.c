/* run.c - the default action: run the plan natively (jmx2run plan.jmx,
 * jmx2run -n -t plan.jmx -l results.jtl). Installs the stop signals and turns
 * the outcome into the exit status: 0 every sample passed, 1 some failed,
 * 2 the run could not start or its results could not be written. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/commands.h"
#include "jmx2run/runner.h"

static void on_stop_signal(int sig)
{
    (void)sig;
    run_request_stop();
}

int cmd_run(const struct cli_options *opts, const struct plan *plan, struct props *props)
{
    if (opts->report_dir && !opts->report_at_end) {
        fprintf(stderr, "jmx2run: error: -o DIR needs -e (report after the run) or -g FILE\n");
        return 2;
    }
    if (opts->report_at_end) {
        char *format = props_get_dup(props, "jmeter.save.saveservice.output_format");
        bool xml = str_ieq(format, "xml");
        free(format);
        if (xml) {
            fprintf(stderr, "jmx2run: error: -e needs CSV results; "
                            "jmeter.save.saveservice.output_format is xml\n");
            return 2;
        }
        if (report_check_output(opts) != 0)
            return 2;
    }
    if (opts->proxy_host) {
        fprintf(stderr, "jmx2run: error: proxies (-H -P) are not available in this version\n");
        return 2;
    }
    struct run_options ro;
    run_options_init(&ro);
    ro.threads = opts->threads;
    ro.results_path = opts->results_path;
    ro.delete_results_first = opts->force_delete;
    ro.quiet = opts->quiet;
    ro.tls_verify = opts->tls_verify;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct run_outcome out;
    int rc = run_plan(plan, props, &ro, &out);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (rc != 0)
        return rc;
    if (out.results_error)
        return 2;
    if (opts->report_at_end) {
        /* the folder was checked before the run; the results file may be inside it */
        if (report_generate(opts->results_path, opts->report_dir, props, true) != 0)
            return 2;
        if (!opts->quiet)
            printf("jmx2run: report written to %s/index.html\n", opts->report_dir);
    }
    return out.failed > 0 ? 1 : 0;
}
