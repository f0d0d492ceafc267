/* cli.h - the command line: JMeter's non-GUI flags plus jmx2run's own.
 *
 *   jmx2run [options] plan.jmx
 *   jmx2run -n -t plan.jmx -l results.jtl -J name=value -q extra.properties
 *
 * Options are parsed into struct cli_options; property-setting options (-J,
 * -G, -q) keep their command-line order because JMeter applies them in that
 * order. Parsing never exits: errors come back as a message for main. */
#ifndef JMX2RUN_CLI_H
#define JMX2RUN_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "jmx2run/diag.h"
#include "jmx2run/props.h"

enum cli_action {
    CLI_ACTION_RUN,       /* the default: run the plan */
    CLI_ACTION_CHECK,     /* --check */
    CLI_ACTION_DUMP,      /* --dump */
    CLI_ACTION_EMIT_LOCUST,   /* --emit-locust: the plan as a locustfile on stdout */
    CLI_ACTION_LOCUST_WORKER, /* --locust-worker: run users for a Locust master (issue 8) */
    CLI_ACTION_MIGRATION_REPORT,  /* --migration-report: per element, native and Locust
                                     verdicts (issue 9) */
    CLI_ACTION_REPORT,    /* -g FILE -o DIR: report from an existing JTL */
    CLI_ACTION_HELP,
    CLI_ACTION_VERSION,
};

struct criterion;   /* report.h: one --fail-on expression */

enum cli_prop_kind { CLI_PROP_ASSIGN, CLI_PROP_FILE };

struct cli_prop_op {             /* one -J / -G / -q, in order */
    enum cli_prop_kind kind;
    const char *arg;             /* "name=value" or a file path */
    const char *flag;            /* "-J", "-G" or "-q", for messages */
};

struct cli_options {
    enum cli_action action;
    const char *plan_path;       /* -t FILE or the plain argument */
    const char *results_path;    /* -l FILE */
    const char *log_path;        /* -j FILE */
    const char *prop_file;       /* -p FILE: replaces the built-in defaults */
    struct cli_prop_op *prop_ops;
    size_t n_prop_ops;
    bool report_at_end;          /* -e */
    const char *report_dir;      /* -o DIR */
    const char *report_from;     /* -g FILE */
    bool force_delete;           /* -f */
    bool nongui;                 /* -n (accepted; jmx2run has no GUI) */
    bool strict;                 /* --strict: warnings are errors */
    int threads;                 /* --threads N: worker OS threads (0 = cores) */
    bool quiet;                  /* --quiet: no console lines but errors */
    bool tls_verify;             /* --tls-verify: check server certificates */
    bool locust_fast;            /* --locust-fast: FastHttpUser in the emitted locustfile */
    const char *format;          /* --format text|json, with --migration-report (NULL: text) */
    const char *proxy_host;      /* -H */
    const char *proxy_port;      /* -P */
    const char *proxy_scheme;    /* -E */
    const char *proxy_user;      /* -u */
    const char *proxy_pass;      /* -a */
    const char *non_proxy_hosts; /* -N */
    /* the Locust worker (issue 8): 0 / NULL = the default */
    const char *master_host;     /* --master-host H (127.0.0.1) */
    int master_port;             /* --master-port P (5557) */
    int master_timeout_s;        /* --master-timeout S (60; not in --help: for tests) */
    /* what a run reports and how it ends (issue 6) */
    const char *summary_json_path;   /* --summary-json FILE */
    struct criterion *fail_on;       /* --fail-on EXPR (repeatable), parsed */
    size_t n_fail_on;
    int failed_samples_exit;         /* --exit-code-on-error N: exit status when samples
                                        failed (1; 0 = not an error) */
};

/* Parses argv. Returns true on success; otherwise *error is a malloc'd
 * message (usage problems: exit 2). */
bool cli_parse(int argc, char **argv, struct cli_options *opts, char **error);
void cli_options_free(struct cli_options *opts);
/* src/cli/locust_worker.c: --master-host, --master-port, --master-timeout
 * (also as --name=value). 0 when name (the option without its dashes) is
 * none of them, 1 when parsed, -1 on a usage error (*error set). */
int cli_parse_worker_option(struct cli_options *o, const char *name, int argc, char **argv,
                            int *i, char **error);
void cli_print_help(FILE *out);
void cli_print_version(FILE *out);

/* Builds the JMeter property table: built-in defaults (or -p FILE), then
 * -q / -J / -G in command-line order. Returns NULL after reporting an
 * unreadable property file in diags. */
struct props *cli_load_properties(const struct cli_options *opts, struct diag_list *diags);

#endif
