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

struct criterion;   /* report.h */
struct run_session; /* issue 8: below */
struct sample;      /* sample.h */
struct http_proxy_settings;   /* http_proxy.h (issue 9) */

struct run_options {
    int threads;                  /* worker OS threads; 0 = number of cores */
    const char *results_path;     /* -l FILE; NULL = no results file */
    bool delete_results_first;    /* -f */
    bool quiet;                   /* no console lines besides errors */
    FILE *console;                /* where JMeter's console lines go (stdout) */
    int stop_grace_ms;            /* wait for in-flight samples at a graceful stop */
    bool tls_verify;              /* check server certificates (JMeter does not) */
    const struct http_proxy_settings *proxy;   /* -H -P -N -u -a -E (http_proxy.h); NULL = none */
    /* what the end of a run reports (issue 6) */
    bool live_status;             /* the one-line status on a terminal instead of the
                                     summariser lines (the caller decides: isatty) */
    const char *summary_json_path;   /* --summary-json FILE; NULL = none */
    const struct criterion *criteria;   /* --fail-on, checked at the end */
    size_t n_criteria;
    const char *const *given_properties;   /* "name=value" from -J / -G, for the summary */
    size_t n_given_properties;
    /* issue 8, the Locust worker: with session_main set, run_plan calls it in
     * place of the main thread groups (setUp and tearDown groups run as
     * usual); it adds and removes main-group users with run_session_* and
     * returns when the test is over. on_sample sees every top-level sample
     * on the results writer thread as it is recorded, and NULL at the end of
     * each pass of the writer (a pass that began after a sample was submitted
     * has taken it). */
    void (*session_main)(struct run_session *s, void *arg);
    void *session_arg;
    void (*on_sample)(void *arg, const struct sample *s);
    void *on_sample_arg;
};

struct run_outcome {
    int64_t samples;              /* top-level samples recorded */
    int64_t failed;               /* of which failed */
    bool interrupted;             /* stopped by a signal */
    bool results_error;           /* the results file could not be written */
    int criteria_breached;        /* --fail-on expressions breached (each printed) */
};

void run_options_init(struct run_options *o);
/* Runs the plan. Returns 0 when it ran (look at the outcome), 2 when it could
 * not start (a message was printed to stderr). */
int run_plan(const struct plan *plan, struct props *props, const struct run_options *opts,
             struct run_outcome *outcome);
/* Asks a running plan to stop: graceful first, immediate the second time.
 * Safe to call from a signal handler. */
void run_request_stop(void);

/* ---- issue 8: a session (src/run/session.c), for the Locust worker.
 * The main thread groups start with no user; session_main decides how many
 * users each runs. A user added starts its group's iterations at once (loop
 * count, scheduler duration counted from the group's first user, on-error
 * actions apply; ramp-up and delay are the caller's business); a user
 * removed stops after its current sample. Every call is made from
 * session_main's thread. */
size_t run_session_groups(const struct run_session *s);        /* the main thread groups */
const struct plan_node *run_session_group(const struct run_session *s, size_t i);
/* Makes group i run n users: adds users, or removes the newest ones. */
void run_session_set_users(struct run_session *s, size_t i, int n);
/* Users of group i running and not asked to stop. */
int run_session_users(struct run_session *s, size_t i);
/* Users of every group that have not ended yet (removed ones included). */
int run_session_alive(struct run_session *s);
/* True once the plan stopped the test (a "stop test" action or error policy):
 * no user runs any more; session_main should return. */
bool run_session_stopping(const struct run_session *s);
/* The test is shut down as by a stop request: the tearDown groups then run
 * only when the plan says "run tearDown after shutdown". */
void run_session_shutdown(struct run_session *s);
/* Removes every user and waits for them: samples in flight may finish for
 * grace_ms, then they are aborted. */
void run_session_stop_users(struct run_session *s, int grace_ms);
/* Sleeps until a user ends or timeout_ms pass. */
void run_session_wait(struct run_session *s, int timeout_ms);

#endif
