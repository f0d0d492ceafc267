/* options.c - parsing JMeter-style command-line flags.
 *
 * JMeter's launcher accepts both "-J name=value" and "-Jname=value", long
 * forms such as --testfile, and repeated -q / -J. We accept the same spellings
 * so existing scripts keep working, plus jmx2run's own --long options. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/cli.h"
#include "jmx2run/report.h"
#include "jmx2run/util.h"

/* Flags that take a value: short letter, long JMeter name, and where it goes. */
enum opt_id {
    OPT_TESTFILE, OPT_LOGFILE, OPT_JMETERLOG, OPT_PROPFILE, OPT_ADDPROP, OPT_JPROP, OPT_GPROP,
    OPT_DPROP, OPT_REPORT_DIR, OPT_REPORT_ONLY, OPT_LOGLEVEL, OPT_PROXY_HOST, OPT_PROXY_PORT,
    OPT_PROXY_SCHEME, OPT_PROXY_USER, OPT_PROXY_PASS, OPT_NON_PROXY, OPT_HOMEDIR,
    OPT_SYSPROP_FILE, OPT_LOGCONF,
};

static const struct {
    char letter;
    const char *long_name;
    enum opt_id id;
    bool glued;     /* value may follow the letter directly: -Jname=value */
} value_opts[] = {
    {'t', "testfile", OPT_TESTFILE, false},
    {'l', "logfile", OPT_LOGFILE, false},
    {'j', "jmeterlogfile", OPT_JMETERLOG, false},
    {'p', "propfile", OPT_PROPFILE, false},
    {'q', "addprop", OPT_ADDPROP, false},
    {'J', "jmeterproperty", OPT_JPROP, true},
    {'G', "globalproperty", OPT_GPROP, true},
    {'D', "systemproperty", OPT_DPROP, true},
    {'o', "reportoutputfolder", OPT_REPORT_DIR, false},
    {'g', "reportonly", OPT_REPORT_ONLY, false},
    {'L', "loglevel", OPT_LOGLEVEL, true},
    {'H', "proxyHost", OPT_PROXY_HOST, false},
    {'P', "proxyPort", OPT_PROXY_PORT, false},
    {'E', "proxyScheme", OPT_PROXY_SCHEME, false},
    {'u', "username", OPT_PROXY_USER, false},
    {'a', "password", OPT_PROXY_PASS, false},
    {'N', "nonProxyHosts", OPT_NON_PROXY, false},
    {'d', "homedir", OPT_HOMEDIR, false},
    {'S', "systemPropertyFile", OPT_SYSPROP_FILE, false},
    {'i', "jmeterlogconf", OPT_LOGCONF, false},
};

static void add_prop_op(struct cli_options *o, enum cli_prop_kind kind, const char *arg,
                        const char *flag)
{
    o->prop_ops = xrealloc(o->prop_ops, (o->n_prop_ops + 1) * sizeof(*o->prop_ops));
    o->prop_ops[o->n_prop_ops++] = (struct cli_prop_op){kind, arg, flag};
}

static bool set_value(struct cli_options *o, enum opt_id id, const char *v, char **error)
{
    switch (id) {
    case OPT_TESTFILE: o->plan_path = v; break;
    case OPT_LOGFILE: o->results_path = v; break;
    case OPT_JMETERLOG: o->log_path = v; break;
    case OPT_PROPFILE: o->prop_file = v; break;
    case OPT_ADDPROP: add_prop_op(o, CLI_PROP_FILE, v, "-q"); break;
    case OPT_JPROP:
        if (!strchr(v, '=')) {
            *error = xasprintf("-J%s: expected name=value", v);
            return false;
        }
        add_prop_op(o, CLI_PROP_ASSIGN, v, "-J");
        break;
    case OPT_GPROP:
        /* -Gname=value sets a property; -Gfile loads a property file (JMeter sends both to
         * remote engines; for a local run they apply here) */
        add_prop_op(o, strchr(v, '=') ? CLI_PROP_ASSIGN : CLI_PROP_FILE, v, "-G");
        break;
    case OPT_REPORT_DIR: o->report_dir = v; break;
    case OPT_REPORT_ONLY: o->report_from = v; break;
    case OPT_PROXY_HOST: o->proxy_host = v; break;
    case OPT_PROXY_PORT: o->proxy_port = v; break;
    case OPT_PROXY_SCHEME: o->proxy_scheme = v; break;
    case OPT_PROXY_USER: o->proxy_user = v; break;
    case OPT_PROXY_PASS: o->proxy_pass = v; break;
    case OPT_NON_PROXY: o->non_proxy_hosts = v; break;
    case OPT_DPROP: case OPT_LOGLEVEL: case OPT_HOMEDIR: case OPT_SYSPROP_FILE: case OPT_LOGCONF:
        break;   /* JVM and logging settings: accepted so scripts keep working, no effect */
    }
    return true;
}

static bool set_action(struct cli_options *o, enum cli_action a, const char *flag, char **error)
{
    if (o->action != CLI_ACTION_RUN && o->action != a) {
        *error = xasprintf("%s cannot be combined with another action", flag);
        return false;
    }
    o->action = a;
    return true;
}

/* ---- --fail-on EXPR, --summary-json FILE, --exit-code-on-error N ----
 * (each also as --name=value). Returns 0 when name is none of them, 1 when
 * parsed, -1 on a usage error. */

static const char *long_value(const char *name, size_t n, int argc, char **argv, int *i)
{
    if (name[n] == '=')
        return name + n + 1;
    if (name[n] == '\0' && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static bool long_name_is(const char *name, const char *option)
{
    size_t n = strlen(option);
    return strncmp(name, option, n) == 0 && (name[n] == '\0' || name[n] == '=');
}

static int parse_results_option(struct cli_options *o, const char *name, int argc, char **argv,
                                int *i, char **error)
{
    if (long_name_is(name, "fail-on")) {
        const char *v = long_value(name, strlen("fail-on"), argc, argv, i);
        if (!v) {
            *error = xasprintf("--fail-on needs an expression such as p95>500ms");
            return -1;
        }
        struct criterion c;
        char *why = NULL;
        if (!criterion_parse(v, &c, &why)) {
            *error = xasprintf("--fail-on \"%s\": %s", v, why);
            free(why);
            return -1;
        }
        o->fail_on = xrealloc(o->fail_on, (o->n_fail_on + 1) * sizeof *o->fail_on);
        o->fail_on[o->n_fail_on++] = c;
        return 1;
    }
    if (long_name_is(name, "summary-json")) {
        const char *v = long_value(name, strlen("summary-json"), argc, argv, i);
        if (!v || !*v) {
            *error = xasprintf("--summary-json needs a file name");
            return -1;
        }
        o->summary_json_path = v;
        return 1;
    }
    if (long_name_is(name, "exit-code-on-error")) {
        const char *v = long_value(name, strlen("exit-code-on-error"), argc, argv, i);
        long long n;
        if (!v || !str_parse_ll(v, &n) || n < 0 || n > 255) {
            *error = xasprintf("--exit-code-on-error needs an exit status from 0 to 255");
            return -1;
        }
        o->failed_samples_exit = (int)n;
        return 1;
    }
    return 0;
}

static bool parse_long(struct cli_options *o, const char *arg, int argc, char **argv, int *i,
                       char **error)
{
    const char *name = arg + 2;
    int results_option = parse_results_option(o, name, argc, argv, i, error);
    if (results_option)
        return results_option > 0;
    if (str_eq(name, "check"))
        return set_action(o, CLI_ACTION_CHECK, arg, error);
    if (str_eq(name, "dump"))
        return set_action(o, CLI_ACTION_DUMP, arg, error);
    if (str_eq(name, "emit-locust"))
        return set_action(o, CLI_ACTION_EMIT_LOCUST, arg, error);
    if (str_eq(name, "migration-report"))   /* issue 9 */
        return set_action(o, CLI_ACTION_MIGRATION_REPORT, arg, error);
    if (long_name_is(name, "format")) {
        const char *v = long_value(name, strlen("format"), argc, argv, i);
        if (!str_eq(v, "text") && !str_eq(v, "json")) {
            *error = xasprintf("--format needs text or json");
            return false;
        }
        o->format = v;
        return true;
    }
    /* issue 8: the Locust worker and its options (src/cli/locust_worker.c) */
    if (str_eq(name, "locust-worker"))
        return set_action(o, CLI_ACTION_LOCUST_WORKER, arg, error);
    int worker_option = cli_parse_worker_option(o, name, argc, argv, i, error);
    if (worker_option)
        return worker_option > 0;
    if (str_eq(name, "locust-fast")) { o->locust_fast = true; return true; }
    if (str_eq(name, "help"))
        return set_action(o, CLI_ACTION_HELP, arg, error);
    if (str_eq(name, "version"))
        return set_action(o, CLI_ACTION_VERSION, arg, error);
    if (str_eq(name, "strict")) { o->strict = true; return true; }
    if (str_eq(name, "quiet")) { o->quiet = true; return true; }
    if (str_eq(name, "tls-verify")) { o->tls_verify = true; return true; }
    if (str_starts_with(name, "threads")) {
        const char *v = NULL;
        if (name[7] == '=')
            v = name + 8;
        else if (name[7] == '\0' && *i + 1 < argc)
            v = argv[++*i];
        long long n;
        if (!v || !str_parse_ll(v, &n) || n < 1 || n > 1024) {
            *error = xasprintf("--threads needs a number of worker threads between 1 and 1024");
            return false;
        }
        o->threads = (int)n;
        return true;
    }
    if (str_eq(name, "nongui")) { o->nongui = true; return true; }
    if (str_eq(name, "reportatendofloadtests")) { o->report_at_end = true; return true; }
    if (str_eq(name, "forceDeleteResultFile")) { o->force_delete = true; return true; }
    for (size_t k = 0; k < ARRAY_LEN(value_opts); k++) {
        size_t n = strlen(value_opts[k].long_name);
        if (strncmp(name, value_opts[k].long_name, n) != 0)
            continue;
        if (name[n] == '=')
            return set_value(o, value_opts[k].id, name + n + 1, error);
        if (name[n] == '\0') {
            if (*i + 1 >= argc) {
                *error = xasprintf("%s needs a value", arg);
                return false;
            }
            return set_value(o, value_opts[k].id, argv[++*i], error);
        }
    }
    *error = xasprintf("unknown option %s (see jmx2run --help)", arg);
    return false;
}

static bool parse_short(struct cli_options *o, const char *arg, int argc, char **argv, int *i,
                        char **error)
{
    char c = arg[1];
    switch (c) {
    case 'n': case 'e': case 'f':
        if (arg[2] != '\0') {
            *error = xasprintf("unknown option %s (flags are given separately: -n -t plan.jmx)", arg);
            return false;
        }
        if (c == 'n')
            o->nongui = true;
        else if (c == 'e')
            o->report_at_end = true;
        else
            o->force_delete = true;
        return true;
    case 'h': case '?': return set_action(o, CLI_ACTION_HELP, arg, error);
    case 'v': return set_action(o, CLI_ACTION_VERSION, arg, error);
    default: break;
    }
    for (size_t k = 0; k < ARRAY_LEN(value_opts); k++) {
        if (value_opts[k].letter != c)
            continue;
        if (arg[2] != '\0') {
            if (!value_opts[k].glued) {
                *error = xasprintf("unknown option %s (did you mean -%c %s?)", arg, c, arg + 2);
                return false;
            }
            return set_value(o, value_opts[k].id, arg + 2, error);
        }
        if (*i + 1 >= argc) {
            *error = xasprintf("-%c needs a value", c);
            return false;
        }
        return set_value(o, value_opts[k].id, argv[++*i], error);
    }
    *error = xasprintf("unknown option %s (see jmx2run --help)", arg);
    return false;
}

bool cli_parse(int argc, char **argv, struct cli_options *o, char **error)
{
    memset(o, 0, sizeof *o);
    o->failed_samples_exit = 1;
    *error = NULL;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool ok;
        if (str_eq(arg, "--")) {
            for (i++; i < argc; i++) {
                if (o->plan_path) {
                    *error = xasprintf("more than one plan given (%s and %s)", o->plan_path, argv[i]);
                    return false;
                }
                o->plan_path = argv[i];
            }
            break;
        } else if (str_starts_with(arg, "--")) {
            ok = parse_long(o, arg, argc, argv, &i, error);
        } else if (arg[0] == '-' && arg[1]) {
            ok = parse_short(o, arg, argc, argv, &i, error);
        } else {
            if (o->plan_path) {
                *error = xasprintf("more than one plan given (%s and %s)", o->plan_path, arg);
                return false;
            }
            o->plan_path = arg;
            ok = true;
        }
        if (!ok)
            return false;
    }
    if (o->action == CLI_ACTION_HELP || o->action == CLI_ACTION_VERSION)
        return true;

    if ((o->n_fail_on || o->summary_json_path) && (o->action != CLI_ACTION_RUN || o->report_from)) {
        *error = xasprintf("--fail-on and --summary-json go with a run of the plan");
        return false;
    }

    if (o->locust_fast && o->action != CLI_ACTION_EMIT_LOCUST &&
        o->action != CLI_ACTION_MIGRATION_REPORT) {
        *error = xasprintf("--locust-fast only goes with --emit-locust or --migration-report");
        return false;
    }
    if (o->format && o->action != CLI_ACTION_MIGRATION_REPORT) {
        *error = xasprintf("--format only goes with --migration-report");
        return false;
    }
    if ((o->master_host || o->master_port || o->master_timeout_s) &&
        o->action != CLI_ACTION_LOCUST_WORKER) {   /* issue 8 */
        *error = xasprintf("--master-host, --master-port and --master-timeout only go with "
                           "--locust-worker");
        return false;
    }
    if (o->report_from) {
        if (o->action != CLI_ACTION_RUN) {
            *error = xasprintf("-g cannot be combined with --check, --dump or --emit-locust");
            return false;
        }
        if (!o->report_dir) {
            *error = xasprintf("-g needs -o DIR (the report folder)");
            return false;
        }
        o->action = CLI_ACTION_REPORT;
        return true;
    }
    if (!o->plan_path) {
        *error = xasprintf("no test plan given (jmx2run plan.jmx, or -t plan.jmx)");
        return false;
    }
    if (o->report_at_end && !o->report_dir) {
        *error = xasprintf("-e needs -o DIR (the report folder)");
        return false;
    }
    if (o->report_at_end && !o->results_path) {
        *error = xasprintf("-e needs -l FILE (the results the report is made from)");
        return false;
    }
    return true;
}

void cli_options_free(struct cli_options *o)
{
    for (size_t k = 0; k < o->n_fail_on; k++)
        criterion_free(&o->fail_on[k]);
    free(o->fail_on);
    o->fail_on = NULL;
    o->n_fail_on = 0;
    free(o->prop_ops);
    o->prop_ops = NULL;
    o->n_prop_ops = 0;
}
