/* run.c - the default action: run the plan natively (jmx2run plan.jmx,
 * jmx2run -n -t plan.jmx -l results.jtl). Installs the stop signals and turns
 * the outcome into the exit status: 0 every sample passed, 1 some failed,
 * 2 the run could not start or its results could not be written. */
#include <signal.h>
#include <stdio.h>
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
    if (opts->report_at_end || opts->report_dir) {
        fprintf(stderr, "jmx2run: error: the HTML report (-e -o) is not available in this "
                        "version; run without it\n");
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
    return out.failed > 0 ? 1 : 0;
}
