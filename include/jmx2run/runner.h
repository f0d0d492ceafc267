/* runner.h - running a plan natively: the entry point the command line uses.
 *
 * run_plan() evaluates the User Defined Variables, starts the worker threads
 * (each an event loop driving many virtual users through libcurl), runs the
 * setUp, main and tearDown thread groups, writes results as they come, prints
 * JMeter's console lines, and returns when everything has stopped. */
#ifndef JMX2RUN_RUNNER_H
#define JMX2RUN_RUNNER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "jmx2run/plan.h"
#include "jmx2run/props.h"

struct run_options {
    int threads;                  /* worker OS threads; 0 = number of cores */
    const char *results_path;     /* -l FILE; NULL = no results file */
    bool delete_results_first;    /* -f */
    bool quiet;                   /* no console lines besides errors */
    FILE *console;                /* where JMeter's console lines go (stdout) */
    int stop_grace_ms;            /* wait for in-flight samples at a graceful stop */
    bool tls_verify;              /* check server certificates (JMeter does not) */
};

struct run_outcome {
    int64_t samples;              /* top-level samples recorded */
    int64_t failed;               /* of which failed */
    bool interrupted;             /* stopped by a signal */
    bool results_error;           /* the results file could not be written */
};

void run_options_init(struct run_options *o);
/* Runs the plan. Returns 0 when it ran (look at the outcome), 2 when it could
 * not start (a message was printed to stderr). */
int run_plan(const struct plan *plan, struct props *props, const struct run_options *opts,
             struct run_outcome *outcome);
/* Asks a running plan to stop: graceful first, immediate the second time.
 * Safe to call from a signal handler. */
void run_request_stop(void);

#endif
