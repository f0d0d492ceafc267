/* locust_worker.c - jmx2run --locust-worker [--master-host H] [--master-port P]
 * plan.jmx: joins a Locust master and runs the users it gives this worker
 * (src/worker). The usual run options apply (-l, -J, -q, --threads,
 * --quiet); the first SIGINT or SIGTERM makes the worker quit as a Locust
 * worker does (users stop, last statistics, "quit" to the master).
 *
 * --master-timeout S (not in --help) shortens the 60 s after which a master
 * that cannot be reached makes the worker stop and exit 1: for tests. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/commands.h"
#include "jmx2run/locust_worker.h"
#include "jmx2run/runner.h"

#define DEFAULT_MASTER_PORT 5557
#define DEFAULT_MASTER_TIMEOUT_S 60

static bool option_is(const char *name, const char *option, size_t *len)
{
    *len = strlen(option);
    return strncmp(name, option, *len) == 0 && (name[*len] == '\0' || name[*len] == '=');
}

static const char *option_value(const char *name, size_t len, int argc, char **argv, int *i)
{
    if (name[len] == '=')
        return name + len + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

static bool number_in(const char *v, long long lo, long long hi, int *out)
{
    long long n;
    if (!v || !str_parse_ll(v, &n) || n < lo || n > hi)
        return false;
    *out = (int)n;
    return true;
}

int cli_parse_worker_option(struct cli_options *o, const char *name, int argc, char **argv,
                            int *i, char **error)
{
    size_t len;
    if (option_is(name, "master-host", &len)) {
        const char *v = option_value(name, len, argc, argv, i);
        if (!v || !*v) {
            *error = xasprintf("--master-host needs a host name or address");
            return -1;
        }
        o->master_host = v;
        return 1;
    }
    if (option_is(name, "master-port", &len)) {
        if (!number_in(option_value(name, len, argc, argv, i), 1, 65535, &o->master_port)) {
            *error = xasprintf("--master-port needs a port number from 1 to 65535");
            return -1;
        }
        return 1;
    }
    if (option_is(name, "master-timeout", &len)) {
        if (!number_in(option_value(name, len, argc, argv, i), 1, 86400, &o->master_timeout_s)) {
            *error = xasprintf("--master-timeout needs a number of seconds from 1 to 86400");
            return -1;
        }
        return 1;
    }
    return 0;
}

static void on_quit_signal(int sig)
{
    (void)sig;
    locust_worker_request_quit();
    run_request_stop();   /* also ends a setUp or tearDown phase in progress */
}

int cmd_locust_worker(const struct cli_options *opts, const struct plan *plan, struct props *props)
{
    if (opts->report_at_end || opts->report_dir) {
        fprintf(stderr, "jmx2run: error: --locust-worker makes no HTML report (-e -o): the "
                        "master has the statistics; make one from the -l file afterwards\n");
        return 2;
    }
    if (plan->n_main_groups == 0) {
        fprintf(stderr, "jmx2run: error: the plan has no thread group for the master to give "
                        "users to\n");
        return 2;
    }
    if (opts->proxy_host) {
        fprintf(stderr, "jmx2run: error: proxies (-H -P) are not available with --locust-worker "
                        "yet\n");
        return 2;
    }
    struct run_options ro;
    run_options_init(&ro);
    ro.threads = opts->threads;
    ro.results_path = opts->results_path;
    ro.delete_results_first = opts->force_delete;
    ro.quiet = opts->quiet;
    ro.tls_verify = opts->tls_verify;

    struct locust_worker_options lo = {
        .master_host = opts->master_host ? opts->master_host : "127.0.0.1",
        .master_port = opts->master_port ? opts->master_port : DEFAULT_MASTER_PORT,
        .master_timeout_s = opts->master_timeout_s ? opts->master_timeout_s
                                                   : DEFAULT_MASTER_TIMEOUT_S,
        .plan_path = opts->plan_path,
    };

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    int rc = locust_worker_run(plan, props, &ro, &lo);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    return rc;
}
