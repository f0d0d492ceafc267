/* run.h - internal structures of the runner (src/run), shared by its files.
 *
 *   engine   one per run: phases, thread groups, workers, results, stop flags
 *   worker   one OS thread: an event loop, a libcurl multi handle, its users
 *   vu       one virtual user (a JMeter thread): variables, controller state,
 *            the sampler pipeline as a state machine driven by its worker
 *
 * The plan is shared and immutable. Everything per user lives in struct vu,
 * including one ctl_state per controller slot (plan_node.slot). Controllers
 * are a faithful port of JMeter's GenericController family (ctl_*.c): next()
 * is synchronous; only timers and samples wait, on the worker's loop. */
#ifndef JMX2RUN_RUN_INTERNAL_H
#define JMX2RUN_RUN_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/expr.h"
#include "jmx2run/loop.h"
#include "jmx2run/plan.h"
#include "jmx2run/runner.h"
#include "jmx2run/sample.h"

struct engine;
struct worker;
struct group_shape;
struct ctt_shared;
struct ptt_state;
struct vu;
struct transfer;

/* ------------------------------------------------------------------ next() */

/* A parent-mode Transaction Controller's wrapper around the sampler it runs
 * (JMeter's TransactionSampler). Lives in the controller's per-user state. */
struct tsampler {
    const struct plan_node *tc;
    bool done;
    const struct plan_node *sub_sampler;   /* exactly one of these two, or neither */
    struct tsampler *sub_ts;
    struct sample *result;
    int calls, failing;
    int64_t total_time, total_connect;
};

/* What a controller's next() returns: a sampler, a transaction wrapper, or nothing. */
struct next_item {
    const struct plan_node *sampler;
    struct tsampler *ts;
    bool wait;   /* a Critical Section lock is busy: suspend, then call next() again */
};

#define NEXT_NONE ((struct next_item){NULL, NULL, false})
#define NEXT_WAIT ((struct next_item){NULL, NULL, true})

static inline bool next_is_none(struct next_item it)
{
    return !it.sampler && !it.ts && !it.wait;
}

/* ---------------------------------------------------- per-user controller state */

struct ctl_state {
    /* GenericController */
    uint32_t *order;          /* per-user child list (indices into node->children); NULL = plan order */
    uint32_t n_children;      /* live children */
    int64_t current;
    int32_t iter_count;
    bool done, first, initialized;
    /* LoopController, ForeachController, RunTime, WhileController */
    int32_t loop_count;
    int64_t nb_loops;
    bool nb_loops_valid;
    bool break_loop;
    int64_t start_ns;         /* RunTime */
    /* InterleaveControl / RandomController */
    bool skip_next, returned_at_least_one, still_same;
    const struct plan_node *search_start;   /* NULL = none */
    /* ThroughputController (per-user counters) */
    int32_t tp_executions, tp_iteration;
    bool run_this_time;
    /* TransactionController */
    struct sample *tc_result; /* non-parent mode: the sample being built */
    int tc_calls, tc_failing;
    int64_t tc_pause, tc_prev_end;
    struct tsampler *ts;      /* parent mode */
    /* CriticalSectionController */
    struct run_lock *held_lock;
};

/* ------------------------------------------------------------------ users */

enum vu_state {
    VU_NEW,          /* waiting for its start time */
    VU_READY,        /* can walk the plan now */
    VU_WAITING,      /* timer, pause, lock or rendezvous */
    VU_SAMPLING,     /* a request or a timed sampler is in flight */
    VU_POOLED,       /* an arrivals-group user waiting for its next arrival */
    VU_FINISHED,
};

enum logical_action {             /* JMeter's TestLogicalAction */
    ACTION_CONTINUE,
    ACTION_START_NEXT_ITERATION_OF_THREAD,
    ACTION_START_NEXT_ITERATION_OF_CURRENT_LOOP,
    ACTION_BREAK_CURRENT_LOOP,
};

/* The group a user belongs to, at run time. */
struct group_run {
    const struct plan_node *node;
    const struct plan_thread_group *tg;
    char *name;                   /* evaluated group name, for thread names */
    int group_number;
    int threads;                  /* planned */
    int64_t start_mono_ms;        /* when the group started */
    int64_t end_mono_ms;          /* scheduler end, 0 = none */
    bool scheduler;
    atomic_int active;            /* grpThreads */
    atomic_int started, finished;
    bool on_error_start_next_loop, on_error_stop_thread, on_error_stop_test, on_error_stop_test_now;
    /* how the group's users start and stop (group_start.c) */
    struct group_shape *shape;
    int next_thread_num;          /* thread numbers handed out (engine thread only) */
    atomic_int alive;             /* users created and not finished yet */
    /* pacing shared by the group's timers (timers.c) */
    struct ctt_shared *ctt_shared;    /* Constant Throughput Timer, "all active threads in
                                         current thread group (shared)" */
    struct ptt_state *ptt;            /* Precise Throughput Timer schedule */
};

/* Pipeline and per-user element state (pipeline.c, user_state.c). */
struct pipeline_user {
    int stage;                    /* enum stage in pipeline.c */
    bool waiting;                 /* the item returned WAITING to vu_continue */
    bool at_barrier;              /* queued on a Synchronizing Timer */
    int64_t pending_delay;        /* timer sum to wait once the barrier releases */
    int64_t intended_mono_ms;     /* the current sample's intended start, 0 = not paced */
    const char *sampler_name;     /* evaluated label of the current sampler: the plan's
                                     text when it has no ${}, else sampler_name_buf's */
    struct strbuf sampler_name_buf;
    struct ptrvec detached;       /* tsamplers let go of by their controllers */
    struct strmap counters;       /* per-user Counter values, by node id */
    struct ptrvec cookie_jars;    /* struct cookie_jar *, one per Cookie Manager used */
    struct ptrvec caches;         /* struct user_cache *, one per Cache Manager used */
};

struct vu {
    struct worker *worker;
    struct engine *engine;
    struct group_run *group;
    struct vu *next_in_worker, *prev_in_worker;
    int thread_num;               /* 1-based */
    const char *thread_name;      /* in the engine's name arena: samples outlive users */
    enum vu_state state;
    bool running;                 /* JMeterThread.running */
    bool counted_active;
    int64_t start_mono_ms;
    int64_t end_mono_ms;          /* must stop after the sample running then; 0 = no end */
    int64_t intended_mono_ms;     /* when a pacing timer meant the next sample to
                                     start; 0 = not paced */
    int64_t arrival_mono_ms;      /* when the user's arrival was due (arrivals and open
                                     model groups), until its first sample; 0 = none */
    bool free_when_finished;      /* users of groups that create users for ever */

    struct strmap vars;
    struct strmap user_state;
    struct expr_ctx ctx;
    struct ctl_state *slots;      /* plan->n_slots */
    enum logical_action action;   /* requested by a sample or a Flow Control Action */

    /* the sampler being processed */
    struct next_item item;        /* what next() gave */
    const struct plan_node *sampler;
    struct tsampler *sampler_ts;  /* innermost transaction wrapper of sampler, or NULL */
    struct tsampler *ts_chain[16];/* wrappers from outermost to innermost */
    int ts_depth;
    struct sample *sample;        /* result being produced */
    struct transfer *transfer;    /* in-flight HTTP exchange */
    struct loop_timer timer;      /* timers, pauses, timed samplers, start time */
    int64_t iteration;            /* TG iterations started */

    struct ptrvec pacing;         /* struct ctt_thread *, one per Constant Throughput
                                     Timer used, by timer (timers.c) */
    struct pipeline_user pipe;
    bool fresh_connection;        /* the next request must not reuse a connection */
    atomic_bool ended;            /* set by worker_user_finished: a Locust worker session
                                     (session.c) reads it from the engine thread */
};

static inline struct pipeline_user *pipeline_user_of(struct vu *vu)
{
    return &vu->pipe;
}

/* -------------------------------------------------------------- controllers */

struct ctl_state *ctl_state_of(struct vu *vu, const struct plan_node *node);
/* JMeter's Controller interface on a node (thread group, controller). */
struct next_item ctl_next(struct vu *vu, const struct plan_node *node);
bool ctl_is_done(struct vu *vu, const struct plan_node *node);
void ctl_initialize(struct vu *vu, const struct plan_node *node);
void ctl_trigger_end_of_loop(struct vu *vu, const struct plan_node *node);
void ctl_start_next_loop(struct vu *vu, const struct plan_node *node);
void ctl_break_loop(struct vu *vu, const struct plan_node *node);
bool ctl_is_iterating(const struct plan_node *node);   /* Loop, While, ForEach, thread group */
/* The iteration-listener hook of controllers registered on their parent. */
void ctl_iteration_start(struct vu *vu, const struct plan_node *node,
                         const struct plan_node *source, int iteration);
/* A pooled arrivals user's thread group starts over (ctl_loops.c). */
void ctl_thread_group_rearm(struct vu *vu, const struct plan_node *node);
/* Frees per-user state (locks held, transaction samples). */
void ctl_release(struct vu *vu, const struct plan_node *node);

/* ---------------------------------------------------------------- the engine */

struct worker {
    int index;
    pthread_t thread;
    struct engine *engine;
    struct loop *loop;
    void *multi;                  /* CURLM */
    struct loop_timer curl_timer;
    int wake_fd;                  /* eventfd: commands from the engine */
    pthread_mutex_t inbox_lock;
    struct vu *inbox;             /* users handed over, not yet scheduled */
    struct vu *users;             /* every user owned */
    int live_users;
    bool connections_used;        /* a transfer ran since the connections were last closed */
    struct vu *graveyard;         /* finished users to free once the loop unwinds */
    void *easy_pool;              /* idle CURL easy handles */
    void *request_cache;          /* requests built once (http_request_cache.c) */
    struct result_queue *results;
    atomic_bool quit;
};

struct engine {
    const struct plan *plan;
    const struct run_options *opts;
    struct props *props;
    struct expr_env env;
    struct strmap initial_vars;   /* User Defined Variables, evaluated once */
    int64_t test_start_epoch_ms;
    int n_workers;
    struct worker *workers;
    int next_worker;
    atomic_int all_active;        /* allThreads */
    atomic_int all_started, all_finished;
    atomic_bool stop_graceful;    /* stop test: no new samples */
    atomic_bool stop_now;         /* stop test now: abort in flight */
    atomic_bool any_failure;
    bool interrupted;             /* a stop came from a signal */
    pthread_mutex_t done_lock;
    pthread_cond_t done_cond;
    int users_running;            /* under done_lock */
    struct results *results;
    struct group_run *groups;     /* one per thread group node of the plan */
    size_t n_groups;
    struct arena *names;          /* thread names (engine thread only) */
    struct ctt_shared *ctt_shared;    /* Constant Throughput Timer, "all active threads
                                         (shared)": one clock for the whole test */
    /* what the current phase (setUp, main, tearDown) plans, for the live status
     * line: written by the engine thread, read by the results writer */
    atomic_int planned_users;         /* users of the groups started in the phase */
    _Atomic int64_t planned_end_mono_ms;  /* their scheduler end; 0 or -1 = not known */
    /* decided once at the start, read-only afterwards */
    bool save_cookies;            /* CookieManager.save.cookies (JMeter reads it once) */
    char *cookie_prefix;          /* CookieManager.name.prefix, or NULL for COOKIE_ */
    bool *texts_read;             /* by node id: a sampler whose texts are read (http_texts.c) */
};

/* vu.c */
struct vu *vu_new(struct engine *e, struct group_run *g, int thread_num);
void vu_free(struct vu *vu);
void vu_start(struct vu *vu);            /* on its worker, at its start time */
void vu_continue(struct vu *vu);         /* walk the plan until it must wait */
void vu_sample_done(struct vu *vu);      /* the in-flight sample finished */
void vu_restart(struct vu *vu);          /* a pooled user's next arrival */
void vu_release_from_pool(struct vu *vu);   /* a pooled user ends (on its worker) */

/* group_start.c: how each kind of thread group starts and stops its users */
bool group_start(struct engine *e, struct group_run *g);
/* Starts what is due; returns when to call again (mono ms), 0 when the group
 * starts no more users. Engine thread only. */
int64_t group_tick(struct engine *e, struct group_run *g, int64_t now_mono_ms);
/* A user of g finished its iteration: true when it was pooled for a later
 * arrival (arrivals groups) instead of ending. On the user's worker. */
bool group_pool_user(struct group_run *g, struct vu *vu);
bool group_pools_users(const struct group_run *g);   /* an arrivals group */
void group_shape_free(struct group_run *g);

/* worker.c */
int worker_start(struct engine *e, struct worker *w, int index);
void worker_hand_over(struct worker *w, struct vu *vu);
void worker_restart(struct worker *w, struct vu *vu);     /* pooled user: start again */
void worker_release(struct worker *w, struct vu *vu);     /* pooled user: end */
void worker_stop(struct worker *w);
void worker_free_users(struct worker *w);
void worker_user_finished(struct worker *w, struct vu *vu);

/* http_transport.c */
int transport_init_worker(struct worker *w);
void transport_free_worker(struct worker *w);
/* Closes the worker's kept-alive connections once no user of it is left. */
void transport_close_idle_connections(struct worker *w);
void transport_start(struct vu *vu);     /* HTTP sampler: request from vu->sampler into vu->sample */
void transport_abort(struct vu *vu);
/* http_texts.c: whether anything may read the request headers, sampler data
 * or response headers of the user's current HTTP sample (they are built only
 * then); with_cookies: the request uses a Cookie Manager's jar. */
void http_texts_plan(struct engine *e);   /* fills texts_read, at the start */
bool http_texts_needed(const struct vu *vu);

/* samplers.c: everything but HTTP */
void sampler_run_builtin(struct vu *vu);

/* results.c */
void results_submit(struct engine *e, struct worker *w, struct sample *s, const struct strmap *vars);
/* Frees the samples the results writer is done with (the worker's own). */
void results_reclaim(struct engine *e, struct worker *w);
/* Whether the results file saves samples' texts and bodies (XML with those
 * fields); results_submit drops them otherwise. */
bool results_keep_payload(const struct engine *e);

/* shared state of other files, reset at the end of a run */
void sync_timers_release_all(void);
void user_state_reset_shared(void);
void ctl_throughput_reset_shared(void);

/* session.c (issue 8, the Locust worker): runs opts->session_main in place of
 * the main thread groups; false when the plan cannot run (reported) */
bool session_run_main(struct engine *e);
/* worker.c: asks one user to stop after its current sample (now: abort it) */
void worker_stop_user(struct worker *w, struct vu *vu, bool now);

/* engine.c */
void run_stop_test(struct engine *e, bool now);
/* An eventfd that becomes readable when a signal asks the run to stop (the
 * workers watch it, to stop at once rather than at their next wake-up); -1 when none. */
int run_stop_fd(void);
/* Active users now, users planned in the current phase (0 = not known) and
 * when the phase is planned to end (epoch ms, 0 = not known: some group runs
 * by loop count or has a shape whose end is not told). Any thread. */
void run_planned_load(struct engine *e, int *active, int *planned_users,
                      int64_t *planned_end_epoch_ms);
int64_t run_mono_to_epoch_ms(int64_t mono_ms);   /* a clock_mono_ms() time as epoch ms */

/* timers.c: the pacing state of a group's throughput timers */
void pacing_free_group(struct group_run *g);
void pacing_free_user(struct vu *vu);

/* thread group counters */
void group_thread_started(struct engine *e, struct group_run *g);
void group_thread_finished(struct engine *e, struct group_run *g);

#endif
