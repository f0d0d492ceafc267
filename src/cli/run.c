/* run.c - the default action: run the plan natively (jmx2run plan.jmx,
 * jmx2run -n -t plan.jmx -l results.jtl). Installs the stop signals and turns
 * the outcome into the exit status: 0 every sample passed, 1 some failed
 * (--exit-code-on-error N: N instead, 0 = not an error), 2 the run could not
 * start or its results could not be written, 3 a --fail-on criterion was
 * breached (3 wins over failed samples). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/commands.h"
#include "jmx2run/http_proxy.h"
#include "jmx2run/log.h"
#include "jmx2run/runner.h"

static void on_stop_signal(int sig)
{
    (void)sig;
    run_request_stop();
}

/* The live status line replaces the summariser's lines when stdout is a
 * terminal. JMX2RUN_PROGRESS=1 (or 0) forces it on (or off), for tests. */
static bool want_live_status(void)
{
    const char *force = getenv("JMX2RUN_PROGRESS");
    if (force && *force)
        return strcmp(force, "0") != 0;
    return isatty(STDOUT_FILENO) == 1;
}

/* -J / -G name=value as given, for the summary file. */
static const char **given_properties(const struct cli_options *opts, size_t *n)
{
    const char **list = xcalloc(opts->n_prop_ops + 1, sizeof *list);
    *n = 0;
    for (size_t i = 0; i < opts->n_prop_ops; i++)
        if (opts->prop_ops[i].kind == CLI_PROP_ASSIGN)
            list[(*n)++] = opts->prop_ops[i].arg;
    return list;
}

/* The run-wide proxy from -H -P -E -u -a -N; false (reported) when the flags
 * are unusable. The password is never printed. */
static bool proxy_from_options(const struct cli_options *opts, struct props *props,
                               struct http_proxy_settings *ps)
{
    const struct http_proxy_flags flags = {
        .host = opts->proxy_host, .port = opts->proxy_port, .scheme = opts->proxy_scheme,
        .user = opts->proxy_user, .pass = opts->proxy_pass,
        .non_proxy_hosts = opts->non_proxy_hosts,
    };
    char *error = NULL;
    if (!http_proxy_settings_init(ps, &flags, props, &error)) {
        log_and_stderr(LOG_ERROR, "%s", error);
        free(error);
        return false;
    }
    if (!ps->host && (opts->proxy_user || opts->proxy_pass || opts->non_proxy_hosts ||
                      opts->proxy_scheme))
        log_and_stderr(LOG_WARN, "-u, -a, -N and -E apply to the proxy given with -H and -P; "
                                 "without it they have no effect");
    else if (opts->proxy_pass && !opts->proxy_user)
        log_and_stderr(LOG_WARN, "-a without -u has no effect (as with JMeter)");
    if (ps->host)
        log_msg(LOG_INFO, "proxy %s://%s:%d for HTTP samplers without their own%s%s%s", ps->scheme,
                ps->host, ps->port, *ps->user ? ", user " : "", ps->user,
                ps->n_exact + ps->n_suffixes ? ", except the -N hosts" : "");
    return true;
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
    /* -H -P -E -u -a -N: the proxy of every HTTP sampler without its own (issue 9) */
    struct http_proxy_settings proxy;
    if (!proxy_from_options(opts, props, &proxy))
        return 2;
    struct run_options ro;
    run_options_init(&ro);
    ro.proxy = proxy.host ? &proxy : NULL;
    ro.threads = opts->threads;
    ro.results_path = opts->results_path;
    ro.delete_results_first = opts->force_delete;
    ro.quiet = opts->quiet;
    ro.tls_verify = opts->tls_verify;
    ro.live_status = !opts->quiet && want_live_status();
    ro.summary_json_path = opts->summary_json_path;
    ro.criteria = opts->fail_on;
    ro.n_criteria = opts->n_fail_on;
    const char **props_given = given_properties(opts, &ro.n_given_properties);
    ro.given_properties = props_given;

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
    free(props_given);
    http_proxy_settings_free(&proxy);
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
    if (out.criteria_breached)
        return 3;
    return out.failed > 0 ? opts->failed_samples_exit : 0;
}
