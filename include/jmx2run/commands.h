/* commands.h - what main dispatches to once options are parsed. Each returns
 * the process exit status (0 ok, 1 failed samples / unsupported elements,
 * 2 usage or plan error). */
#ifndef JMX2RUN_COMMANDS_H
#define JMX2RUN_COMMANDS_H

#include "jmx2run/cli.h"
#include "jmx2run/plan.h"

/* --check: diagnostics, skipped listeners and the element counts. */
int cmd_check(const struct cli_options *opts, const struct plan *plan,
              const struct diag_list *diags);
/* The default action: run the plan natively. */
int cmd_run(const struct cli_options *opts, const struct plan *plan, struct props *props);
/* -g FILE -o DIR: the HTML report of an existing results file. */
int cmd_report(const struct cli_options *opts, struct props *props);
/* For -e: refuses a non-empty report folder (unless -f) before the run, then
 * writes the report from the results file after it. 0 ok, 2 error (printed). */
int report_check_output(const struct cli_options *opts);
int report_generate(const char *jtl, const char *out_dir, struct props *props, bool force);

/* --dump: the task graph on stdout. */
int cmd_dump(const struct cli_options *opts, const struct plan *plan);
/* --emit-locust: the locustfile on stdout; warnings for what is not converted
 * go to diags (printed by the caller). 0, or 1 with --strict when something
 * was not converted. */
int cmd_emit_locust(const struct cli_options *opts, const struct plan *plan,
                    struct diag_list *diags);
/* --migration-report: per element of the plan, whether jmx2run runs it and
 * how --emit-locust converts it, then totals; text or (--format json) JSON
 * on stdout. 0, or 2 when stdout cannot be written. */
int cmd_migration_report(const struct cli_options *opts, const struct plan *plan);
/* --locust-worker: runs users for a Locust master until it says quit (issue 8):
 * 0, 1 when the master was gone too long, 2 when the worker cannot start. */
int cmd_locust_worker(const struct cli_options *opts, const struct plan *plan,
                      struct props *props);

#endif
