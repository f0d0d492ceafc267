/* locust_worker.h - jmx2run as a worker of a Locust master (issue 8).
 *
 *   jmx2run --locust-worker [--master-host H] [--master-port P] plan.jmx
 *
 * The worker joins a Locust 2.x master over ZeroMQ (a DEALER socket, msgpack
 * frames: ../shared/locust-worker-protocol.md), runs the users the master
 * gives it with jmx2run's own engine (one Locust user class per main thread
 * group, named as --emit-locust names it) and reports Locust statistics
 * every 3 s. The layers, bottom up, public for the unit tests:
 *
 *   locust_proto.c    msgpack encoding and decoding of the messages
 *   locust_stats.c    statistics deltas in Locust's format
 *   locust_names.c    class names of the thread groups, as emitted
 *   locust_client.c   the ZeroMQ socket: connection state, reconnect
 *   locust_worker.c   the protocol thread, the engine thread, the command */
#ifndef JMX2RUN_LOCUST_WORKER_H
#define JMX2RUN_LOCUST_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jmx2run/plan.h"
#include "jmx2run/props.h"
#include "jmx2run/runner.h"
#include "jmx2run/util.h"

/* --------------------------------------------------------- the command */

struct locust_worker_options {
    const char *master_host;      /* --master-host, default 127.0.0.1 */
    int master_port;              /* --master-port, default 5557 */
    int master_timeout_s;         /* master unreachable this long: stop, exit 1 (60) */
    const char *plan_path;        /* for the class names (the emitter's header) */
};

/* Runs until the master says quit (0), the master is gone longer than the
 * timeout (1), or the plan or the results file cannot be used (2). ro holds
 * the run options (-l, --threads...); its session fields are the worker's. */
int locust_worker_run(const struct plan *plan, struct props *props, const struct run_options *ro,
                      const struct locust_worker_options *lo);
/* Asks the worker to quit (stop its users, send the last statistics, tell
 * the master). Async-signal-safe: for SIGINT / SIGTERM handlers. */
void locust_worker_request_quit(void);

/* ------------------------------------------------------------ messages */

struct lp_class_count {
    char *name;
    int64_t count;
};

/* A message from the master, decoded. Only what the worker uses is kept. */
struct lp_message {
    char *type;                   /* "ack", "spawn", "stop", "quit", "reconnect", ... */
    char *node_id;                /* NULL when not a string */
    bool data_nil;
    /* ack */
    int64_t index;                /* -1 when absent */
    /* spawn */
    double timestamp;
    struct lp_class_count *classes;
    size_t n_classes;
    char *host;                   /* NULL when nil */
    double stop_timeout;          /* -1 when nil */
    char **properties;            /* parsed_options.jmeter_property: "name=value" (-J of the
                                     master's emitted locustfile) */
    size_t n_properties;
};

/* Decodes one frame [type, data, node_id]. false with *error (malloc'd) when
 * it is not one; unknown types decode with their type only. */
bool lp_decode(const void *data, size_t len, struct lp_message *m, char **error);
void lp_message_free(struct lp_message *m);

/* Encoders: each appends one complete frame to out. */
void lp_encode_nil(struct strbuf *out, const char *type, const char *node_id);
void lp_encode_client_ready(struct strbuf *out, const char *node_id);
void lp_encode_heartbeat(struct strbuf *out, const char *node_id, const char *state,
                         double cpu_percent, int64_t memory_bytes);
void lp_encode_spawning_complete(struct strbuf *out, const char *node_id,
                                 const struct lp_class_count *counts, size_t n);
void lp_encode_exception(struct strbuf *out, const char *node_id, const char *msg,
                         const char *traceback);

/* ---------------------------------------------------------- statistics */

struct ls_stats;

struct ls_stats *ls_new(void);
void ls_free(struct ls_stats *st);
/* One request: end_s = epoch seconds when it ended; error NULL on success.
 * Thread-safe. */
void ls_record(struct ls_stats *st, const char *method, const char *name, int64_t response_ms,
               int64_t content_length, double end_s, const char *error);
/* Appends the frame ["stats", {stats, stats_total, errors, user_classes_count,
 * user_count}, node_id] with what was recorded since the last call, then
 * starts a new delta (now_s is its start time). Thread-safe. */
void ls_encode_report(struct ls_stats *st, struct strbuf *out, const char *node_id,
                      const struct lp_class_count *counts, size_t n, double now_s);
/* Locust's key for a response time in its histogram: exact under 100 ms,
 * then two significant digits (round half to even, as Python's round). */
int64_t ls_round_response_time(int64_t ms);

/* --------------------------------------------------------- class names */

/* The user class name of each main thread group (plan->main_groups order),
 * as the locustfile from --emit-locust names it; n_main_groups malloc'd
 * strings. */
char **locust_class_names(const struct plan *plan, const char *plan_path);

#endif
