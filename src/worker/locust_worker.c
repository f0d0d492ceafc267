/* locust_worker.c - jmx2run --locust-worker: the worker's two threads.
 *
 * The protocol thread owns the ZeroMQ socket (locust_client.c): it registers
 * (client_ready, until the master's ack), sends a heartbeat every second and
 * the statistics every 3 s, and turns the master's messages into requests
 * for the engine thread: a spawn sets each class's target user count, stop
 * ends the test, quit ends the worker. It also watches the connection: a
 * master gone for longer than the timeout (60 s) makes the worker stop its
 * users and exit 1.
 *
 * The engine thread (the caller's) runs one run_plan() per test, with a
 * session (src/run/session.c) in place of the main thread groups: setUp
 * groups run before the first users, tearDown groups after the stop, as in
 * a local run. session_main() applies the targets as they come and
 * publishes the user counts. Samples reach the statistics through the
 * results writer's hook (on_sample), so the JTL (-l), the console table and
 * the master all see the same samples.
 *
 * The two threads share struct control, under its lock. */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "jmx2run/log.h"
#include "jmx2run/loop.h"
#include "jmx2run/sample.h"
#include "jmx2run/strmap.h"
#include "locust_client.h"
#include "locust_internal.h"

#define HEARTBEAT_MS 1000
#define STATS_MS 3000
#define READY_RETRY_MS 5000
#define QUIT_GRACE_MS 200         /* the master waits 0.5 s for the last statistics */
#define SIGNAL_GRACE_MS 2000
#define SELF_HEAL_MS 1000         /* a break shorter than this: the master kept us */

static atomic_int quit_signals;   /* SIGINT / SIGTERM seen */

void locust_worker_request_quit(void)
{
    atomic_fetch_add(&quit_signals, 1);
}

enum wstate { W_READY, W_SPAWNING, W_RUNNING, W_STOPPING };
enum quit_reason { QUIT_MASTER, QUIT_SIGNAL, QUIT_PLAN, QUIT_LOST, QUIT_ERROR };

struct control {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    /* protocol thread -> engine thread */
    bool start_test;              /* a spawn came while no test runs */
    int *targets;                 /* users wanted per main group */
    uint64_t targets_seq;
    bool stop;                    /* end the test, keep the worker */
    bool quit;                    /* end the test and the worker */
    int quit_grace_ms;
    bool exit;                    /* the protocol thread is done */
    struct ptrvec properties;     /* "name=value" from the master's -J, for the next test */
    /* engine thread -> protocol thread */
    bool test_running;            /* run_plan() in progress */
    uint64_t applied_seq;         /* targets_seq applied */
    int *counts;                  /* users running per main group */
    bool main_over;               /* after quit: the users ended, their samples counted */
    bool plan_stopped;            /* the plan stopped the test by itself */
    bool failed;                  /* a test could not run (plan, results file) */
};

struct worker_ctx {
    const struct plan *plan;
    struct props *props;
    struct run_options ro;
    const struct locust_worker_options *lo;
    char **class_names;           /* per main group */
    size_t n_groups;
    char *node_id;
    struct ls_stats *stats;
    struct strmap kinds;          /* literal label of a non-HTTP sampler -> request type */
    const char *default_kind;     /* the only non-HTTP kind in the plan, or "SAMPLER" */
    _Atomic uint64_t passes;      /* passes of the results writer */
    struct control ctl;
    int exit_code;
};

/* ============================================================ samples */

static const char *kind_of(const struct plan_node *n)
{
    switch (n->kind) {
    case PK_DEBUG_SAMPLER: return "DEBUG";      /* the names the emitted locustfile uses */
    case PK_DUMMY_SAMPLER: return "DUMMY";
    case PK_JAVA_REQUEST: return "JAVA";
    default: return "SAMPLER";
    }
}

static void collect_kinds(struct worker_ctx *w)
{
    strmap_init(&w->kinds);
    const char *only = NULL;
    bool several = false;
    for (size_t i = 0; i < w->plan->n_nodes; i++) {
        const struct plan_node *n = w->plan->nodes[i];
        if (n->role != ROLE_SAMPLER || n->kind == PK_HTTP_SAMPLER ||
            n->kind == PK_FLOW_CONTROL_ACTION)
            continue;
        const char *k = kind_of(n);
        if (only && strcmp(only, k) != 0)
            several = true;
        only = k;
        if (n->label && n->label->is_literal)
            strmap_set(&w->kinds, n->label->source, k);
    }
    w->default_kind = only && !several ? only : "SAMPLER";
}

/* Locust's request type: the HTTP method; for the other samplers their kind,
 * as the emitted locustfile reports them (a transaction is "TX"). */
static const char *request_type(struct worker_ctx *w, const struct sample *s)
{
    if (s->method && *s->method)
        return s->method;
    if (s->origin == SAMPLE_FROM_TRANSACTION)
        return "TX";
    const char *k = s->label ? strmap_get(&w->kinds, s->label) : NULL;
    return k ? k : w->default_kind;
}

/* The error of a failed sample, by which Locust groups failures: the first
 * assertion message, else the response code and message. */
static char *error_text(const struct sample *s)
{
    const char *msg = sample_failure_message(s);
    if (msg && *msg)
        return xstrdup(msg);
    const char *code = s->response_code ? s->response_code : "";
    const char *text = s->response_message ? s->response_message : "";
    static const char nc[] = "Non HTTP response code: ", nm[] = "Non HTTP response message: ";
    if (str_starts_with(code, nc)) {
        code += sizeof nc - 1;
        if (str_starts_with(text, nm))
            text += sizeof nm - 1;
        return xasprintf("%s: %s", code, text);
    }
    return *text ? xasprintf("%s %s", code, text) : xstrdup(code);
}

/* The results writer's hook (its thread). */
static void on_sample(void *arg, const struct sample *s)
{
    struct worker_ctx *w = arg;
    if (!s) {
        atomic_fetch_add(&w->passes, 1);
        return;
    }
    char *error = s->success ? NULL : error_text(s);
    ls_record(w->stats, request_type(w, s), s->label, s->elapsed_ms, s->body_size,
              (double)s->end_ms / 1000.0, error);
    free(error);
}

/* Two full passes of the writer: every sample submitted before is counted. */
static void wait_passes(struct worker_ctx *w)
{
    uint64_t p0 = atomic_load(&w->passes);
    int64_t deadline = clock_mono_ms() + 2000;
    struct timespec pause = {0, 5 * 1000000};
    while (atomic_load(&w->passes) < p0 + 2 && clock_mono_ms() < deadline)
        nanosleep(&pause, NULL);
}

/* ====================================================== engine thread */

static void publish_counts(struct worker_ctx *w, struct run_session *s, bool zero)
{
    int *counts = xcalloc(w->n_groups + 1, sizeof(int));
    if (!zero)
        for (size_t i = 0; i < w->n_groups; i++)
            counts[i] = run_session_users(s, i);
    bool stopping = run_session_stopping(s);
    pthread_mutex_lock(&w->ctl.lock);
    memcpy(w->ctl.counts, counts, w->n_groups * sizeof(int));
    if (stopping && !w->ctl.plan_stopped) {
        w->ctl.plan_stopped = true;
        pthread_cond_broadcast(&w->ctl.cond);
    }
    pthread_mutex_unlock(&w->ctl.lock);
    free(counts);
}

static void timed_wait(pthread_cond_t *cond, pthread_mutex_t *lock, int ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += (long)ms * 1000000L;
    while (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(cond, lock, &ts);
}

/* In place of the main thread groups (run_plan's session_main): applies the
 * master's targets until it says stop or quit. */
static void session_main(struct run_session *s, void *arg)
{
    struct worker_ctx *w = arg;
    struct control *c = &w->ctl;
    int *targets = xcalloc(w->n_groups + 1, sizeof(int));
    uint64_t applied = 0;
    for (;;) {
        publish_counts(w, s, false);
        pthread_mutex_lock(&c->lock);
        if (c->quit) {
            int grace = c->quit_grace_ms;
            pthread_mutex_unlock(&c->lock);
            /* a shutdown: tearDown groups then run only if the plan says so */
            run_session_shutdown(s);
            run_session_stop_users(s, grace);
            wait_passes(w);
            publish_counts(w, s, true);
            pthread_mutex_lock(&c->lock);
            c->main_over = true;
            pthread_cond_broadcast(&c->cond);
            pthread_mutex_unlock(&c->lock);
            break;
        }
        if (c->stop) {
            pthread_mutex_unlock(&c->lock);
            /* the main groups are over: tearDown groups run as after a normal end */
            run_session_stop_users(s, w->ro.stop_grace_ms);
            publish_counts(w, s, true);
            break;
        }
        if (c->targets_seq != applied) {
            applied = c->targets_seq;
            memcpy(targets, c->targets, w->n_groups * sizeof(int));
            pthread_mutex_unlock(&c->lock);
            for (size_t i = 0; i < w->n_groups; i++)
                run_session_set_users(s, i, targets[i]);
            publish_counts(w, s, false);
            pthread_mutex_lock(&c->lock);
            c->applied_seq = applied;
            pthread_cond_broadcast(&c->cond);
            pthread_mutex_unlock(&c->lock);
            continue;
        }
        timed_wait(&c->cond, &c->lock, 100);
        pthread_mutex_unlock(&c->lock);
    }
    free(targets);
}

/* ==================================================== protocol thread */

struct proto {
    struct worker_ctx *w;
    struct lc_client *client;
    enum wstate state;
    bool registered;
    bool relogin;                 /* after a local stop: client_ready, no client_stopped */
    int64_t down_at_ms;           /* the connection went down then (mono ms), 0 = up */
    int64_t now;
    int64_t waiting_since_ms;     /* not registered since (mono ms) */
    int64_t last_ready_ms, last_heartbeat_ms, last_stats_ms;
    double last_spawn_ts;
    uint64_t pending_seq;         /* a spawn awaiting spawning_complete */
    bool quitting;
    enum quit_reason reason;
    int64_t quit_at_ms;
    bool warned_host;
    struct ptrvec warned_classes;
    struct rusage last_usage;
    int64_t last_usage_ms;
    struct strbuf out, in;
};

static void send_out(struct proto *p)
{
    if (!lc_send(p->client, &p->out))
        log_msg(LOG_INFO, "locust worker: a message to the master could not be queued");
    strbuf_reset(&p->out);
}

static void send_ready(struct proto *p)
{
    lp_encode_client_ready(&p->out, p->w->node_id);
    send_out(p);
    p->last_ready_ms = p->now;
}

static struct lp_class_count *current_counts(struct proto *p)
{
    struct worker_ctx *w = p->w;
    struct lp_class_count *cc = xcalloc(w->n_groups + 1, sizeof *cc);
    pthread_mutex_lock(&w->ctl.lock);
    for (size_t i = 0; i < w->n_groups; i++)
        cc[i] = (struct lp_class_count){w->class_names[i], w->ctl.counts[i]};
    pthread_mutex_unlock(&w->ctl.lock);
    return cc;
}

static void send_stats(struct proto *p)
{
    struct lp_class_count *cc = current_counts(p);
    ls_encode_report(p->w->stats, &p->out, p->w->node_id, cc, p->w->n_groups,
                     (double)clock_epoch_ms() / 1000.0);
    free(cc);
    send_out(p);
    p->last_stats_ms = p->now;
}

static void send_heartbeat(struct proto *p)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = 0;
    int64_t wall = p->now - p->last_usage_ms;
    if (p->last_usage_ms && wall > 0) {
        double used = (double)(ru.ru_utime.tv_sec - p->last_usage.ru_utime.tv_sec) * 1000.0 +
                      (double)(ru.ru_utime.tv_usec - p->last_usage.ru_utime.tv_usec) / 1000.0 +
                      (double)(ru.ru_stime.tv_sec - p->last_usage.ru_stime.tv_sec) * 1000.0 +
                      (double)(ru.ru_stime.tv_usec - p->last_usage.ru_stime.tv_usec) / 1000.0;
        /* per core the engine can use: the master warns above 90%, which
           should mean what it means for a one-core Python worker: saturated */
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        int cores = online > 0 ? (int)online : 1;
        if (p->w->ro.threads > 0 && p->w->ro.threads < cores)
            cores = p->w->ro.threads;
        cpu = used * 100.0 / (double)wall / cores;
    }
    p->last_usage = ru;
    p->last_usage_ms = p->now;
    long long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lld %lld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    static const char *const names[] = {"ready", "spawning", "running", "running"};
    lp_encode_heartbeat(&p->out, p->w->node_id, names[p->state], cpu,
                        (int64_t)rss * (int64_t)sysconf(_SC_PAGESIZE));
    send_out(p);
    p->last_heartbeat_ms = p->now;
}

static void say(struct worker_ctx *w, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void say(struct worker_ctx *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    log_msg(LOG_INFO, "locust worker: %s", sb.s);
    if (!w->ro.quiet) {
        fprintf(w->ro.console, "jmx2run: %s\n", sb.s);
        fflush(w->ro.console);
    }
    strbuf_free(&sb);
}

static void begin_quit(struct proto *p, enum quit_reason reason)
{
    if (p->quitting)
        return;
    p->quitting = true;
    p->reason = reason;
    p->quit_at_ms = p->now;
    struct control *c = &p->w->ctl;
    pthread_mutex_lock(&c->lock);
    c->quit = true;
    c->quit_grace_ms = reason == QUIT_MASTER ? QUIT_GRACE_MS : SIGNAL_GRACE_MS;
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
}

/* True once the worker may go: the users ended and the last statistics went. */
static bool finish_quit(struct proto *p)
{
    struct control *c = &p->w->ctl;
    pthread_mutex_lock(&c->lock);
    bool over = !c->test_running || c->main_over;
    pthread_mutex_unlock(&c->lock);
    if (!over && p->now - p->quit_at_ms < 15000)
        return false;
    if (p->reason != QUIT_LOST && p->registered) {
        send_stats(p);
        if (p->reason != QUIT_MASTER) {   /* leaving by ourselves: tell the master */
            lp_encode_nil(&p->out, "quit", p->w->node_id);
            send_out(p);
        }
    }
    return true;
}

static int class_index(struct worker_ctx *w, const char *name)
{
    for (size_t i = 0; i < w->n_groups; i++)
        if (strcmp(w->class_names[i], name) == 0)
            return (int)i;
    return -1;
}

static void on_spawn(struct proto *p, const struct lp_message *m)
{
    struct worker_ctx *w = p->w;
    lp_encode_nil(&p->out, "spawning", w->node_id);
    send_out(p);
    if (m->timestamp <= p->last_spawn_ts) {
        log_msg(LOG_INFO, "locust worker: spawn message not newer than the last one: ignored");
        return;
    }
    p->last_spawn_ts = m->timestamp;
    if (p->quitting || p->state == W_STOPPING)
        return;
    int *targets = xcalloc(w->n_groups + 1, sizeof(int));
    for (size_t i = 0; i < m->n_classes; i++) {
        int k = class_index(w, m->classes[i].name);
        if (k >= 0) {
            targets[k] = m->classes[i].count > 1000000000 ? 1000000000 : (int)m->classes[i].count;
            continue;
        }
        bool warned = false;
        for (size_t j = 0; j < p->warned_classes.len && !warned; j++)
            warned = strcmp(p->warned_classes.items[j], m->classes[i].name) == 0;
        if (!warned && m->classes[i].count > 0) {
            ptrvec_push(&p->warned_classes, xstrdup(m->classes[i].name));
            log_and_stderr(LOG_WARN, "the master asks for users of class %s, which is not a thread "
                                     "group of this plan: none will run here",
                           m->classes[i].name);
        }
    }
    if (m->host && !p->warned_host) {
        p->warned_host = true;
        log_and_stderr(LOG_WARN, "the master's --host %s is not used: the plan's samplers and "
                                 "properties name the servers", m->host);
    }
    if (p->state == W_READY) {
        int64_t total = 0;
        for (size_t i = 0; i < m->n_classes; i++)
            total += m->classes[i].count;
        say(w, "test starting: %lld users wanted here", (long long)total);
    }
    struct control *c = &w->ctl;
    pthread_mutex_lock(&c->lock);
    memcpy(c->targets, targets, w->n_groups * sizeof(int));
    p->pending_seq = ++c->targets_seq;
    if (!c->test_running && !c->start_test) {
        c->start_test = true;
        for (size_t i = 0; i < c->properties.len; i++)
            free(c->properties.items[i]);
        c->properties.len = 0;
        for (size_t i = 0; i < m->n_properties; i++)
            ptrvec_push(&c->properties, xstrdup(m->properties[i]));
    }
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
    free(targets);
    p->state = W_SPAWNING;
}

static void stop_test(struct proto *p)
{
    struct control *c = &p->w->ctl;
    pthread_mutex_lock(&c->lock);
    bool running = c->test_running || c->start_test;
    if (running)
        c->stop = true;
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
    p->state = running ? W_STOPPING : W_READY;
}

static void handle_frame(struct proto *p)
{
    struct lp_message m;
    char *error = NULL;
    if (!lp_decode(p->in.s, p->in.len, &m, &error)) {
        log_and_stderr(LOG_WARN, "a message from the master could not be read: %s", error);
        free(error);
        return;
    }
    struct worker_ctx *w = p->w;
    if (strcmp(m.type, "ack") == 0) {
        if (!p->registered)
            say(w, "registered with the Locust master at %s (worker index %lld)",
                lc_endpoint(p->client), (long long)m.index);
        p->registered = true;
    } else if (strcmp(m.type, "spawn") == 0) {
        on_spawn(p, &m);
    } else if (strcmp(m.type, "stop") == 0) {
        if (p->state == W_READY && !p->quitting) {
            /* nothing runs: answer at once, as a Locust worker does */
            lp_encode_nil(&p->out, "client_stopped", w->node_id);
            send_out(p);
            send_ready(p);
        } else if (p->state != W_STOPPING) {
            say(w, "the master stops the test");
            stop_test(p);
        }
    } else if (strcmp(m.type, "quit") == 0) {
        if (!p->quitting)
            say(w, "the master says quit");
        begin_quit(p, QUIT_MASTER);
    } else if (strcmp(m.type, "reconnect") == 0) {
        char *err = NULL;
        log_and_stderr(LOG_WARN, "the master asks to reconnect");
        if (!lc_reconnect(p->client, NULL, &err)) {
            log_and_stderr(LOG_ERROR, "%s", err);
            free(err);
        }
    } else {
        log_msg(LOG_INFO, "locust worker: message %s from the master ignored", m.type);
    }
    lp_message_free(&m);
}

static char *make_node_id(void);

/* After a long break: a new node id on a new socket, then client_ready. The
 * master has marked the old id missing (or is a new master), and a ROUTER
 * turns away a connection whose identity it still holds. */
static void register_again(struct proto *p)
{
    struct worker_ctx *w = p->w;
    free(w->node_id);
    w->node_id = make_node_id();
    char *err = NULL;
    if (!lc_reconnect(p->client, w->node_id, &err)) {
        log_and_stderr(LOG_ERROR, "%s", err);
        free(err);
    }
    p->registered = false;
    p->waiting_since_ms = p->now;
    send_ready(p);
    say(w, "registering again, as %s", w->node_id);
}

/* What the engine thread did since the last look. */
static void engine_events(struct proto *p)
{
    struct worker_ctx *w = p->w;
    struct control *c = &w->ctl;
    pthread_mutex_lock(&c->lock);
    bool running = c->test_running || c->start_test;
    bool applied = c->applied_seq >= p->pending_seq;
    bool plan_stopped = c->plan_stopped, failed = c->failed;
    pthread_mutex_unlock(&c->lock);
    if (failed && !p->quitting) {
        p->w->exit_code = 2;
        begin_quit(p, QUIT_ERROR);
        return;
    }
    if (p->state == W_SPAWNING && applied) {
        struct lp_class_count *cc = current_counts(p);
        lp_encode_spawning_complete(&p->out, w->node_id, cc, w->n_groups);
        free(cc);
        send_out(p);
        p->state = W_RUNNING;
    }
    if (p->state == W_STOPPING && !running && !p->quitting) {
        send_stats(p);
        p->state = W_READY;
        say(w, "test stopped; ready for the next one");
        if (p->relogin) {
            p->relogin = false;
            register_again(p);
        } else {
            lp_encode_nil(&p->out, "client_stopped", w->node_id);
            send_out(p);
            send_ready(p);
        }
    }
    if (plan_stopped && !p->quitting) {
        say(w, "the plan stopped the test: this worker quits");
        begin_quit(p, QUIT_PLAN);
    }
}

static void connection_events(struct proto *p, unsigned ev)
{
    struct worker_ctx *w = p->w;
    if ((ev & LC_EVENT_DOWN) && !p->down_at_ms) {
        p->down_at_ms = p->now;
        if (!p->quitting)
            say(w, "lost the connection to the master; waiting up to %d s for it",
                w->lo->master_timeout_s);
    }
    if (p->down_at_ms && lc_is_up(p->client)) {
        int64_t gone = p->now - p->down_at_ms;
        p->down_at_ms = 0;
        if (p->quitting)
            return;
        say(w, "the connection to the master is back after %.1f s", (double)gone / 1000.0);
        if (gone <= SELF_HEAL_MS)
            return;   /* the queued heartbeats tell the master we are still here */
        /* the master has given our users to others, or is a new one: stop
           them, then register again (engine_events, once they ended) */
        p->relogin = true;
        if (p->state != W_STOPPING)
            stop_test(p);
        if (p->state == W_READY) {
            p->relogin = false;
            register_again(p);
        }
    }
}

static void check_master(struct proto *p)
{
    struct worker_ctx *w = p->w;
    if (p->quitting)
        return;
    int64_t limit = (int64_t)w->lo->master_timeout_s * 1000;
    int64_t down = lc_down_since(p->client);
    int64_t since = !p->registered ? p->waiting_since_ms : down;
    if (p->registered && !down)
        return;
    if (!since || p->now - since <= limit)
        return;
    log_and_stderr(LOG_ERROR, "no Locust master at %s for %d s: stopping the users and quitting",
                   lc_endpoint(p->client), w->lo->master_timeout_s);
    w->exit_code = 1;
    begin_quit(p, QUIT_LOST);
}

static void *proto_main(void *arg)
{
    struct proto *p = arg;
    struct worker_ctx *w = p->w;
    p->now = clock_mono_ms();
    p->waiting_since_ms = p->now;
    send_ready(p);
    send_heartbeat(p);
    int signals_seen = 0;
    for (;;) {
        int got = lc_poll(p->client, 50, &p->in);
        p->now = clock_mono_ms();
        while (got > 0) {
            handle_frame(p);
            got = lc_poll(p->client, 0, &p->in);
        }
        connection_events(p, lc_take_events(p->client));
        /* signals first: run_request_stop() also stops the engine's users, which
           must not pass for the plan stopping the test */
        int sigs = atomic_load(&quit_signals);
        if (sigs > signals_seen) {
            signals_seen = sigs;
            if (!p->quitting)
                say(w, "stop signal: this worker quits");
            begin_quit(p, QUIT_SIGNAL);
        }
        engine_events(p);
        check_master(p);
        if (p->quitting && finish_quit(p))
            break;
        if (p->now - p->last_heartbeat_ms >= HEARTBEAT_MS)
            send_heartbeat(p);
        if (p->registered && p->now - p->last_stats_ms >= STATS_MS)
            send_stats(p);
        if (!p->registered && lc_is_up(p->client) && p->now - p->last_ready_ms >= READY_RETRY_MS)
            send_ready(p);
    }
    if (p->reason == QUIT_LOST)
        lc_set_linger(p->client, 0);   /* nobody to flush the queue to */
    struct control *c = &w->ctl;
    pthread_mutex_lock(&c->lock);
    c->exit = true;
    c->quit = true;
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

/* ========================================================== the command */

static char *make_node_id(void)
{
    char host[256] = "localhost";
    if (gethostname(host, sizeof host - 1) != 0)
        strcpy(host, "localhost");
    host[sizeof host - 1] = '\0';
    uuid_t u;
    uuid_generate_random(u);
    char hex[33];
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", u[i]);
    return xasprintf("%s_%s", host, hex);
}

int locust_worker_run(const struct plan *plan, struct props *props, const struct run_options *ro,
                      const struct locust_worker_options *lo)
{
    struct worker_ctx w;
    memset(&w, 0, sizeof w);
    w.plan = plan;
    w.props = props;
    w.ro = *ro;
    if (!w.ro.console)
        w.ro.console = stdout;
    w.ro.session_main = session_main;
    w.ro.session_arg = &w;
    w.ro.on_sample = on_sample;
    w.ro.on_sample_arg = &w;
    w.lo = lo;
    w.n_groups = plan->n_main_groups;
    w.class_names = locust_class_names(plan, lo->plan_path);
    w.node_id = make_node_id();
    w.stats = ls_new();
    collect_kinds(&w);
    struct control *c = &w.ctl;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->cond, NULL);
    c->targets = xcalloc(w.n_groups + 1, sizeof(int));
    c->counts = xcalloc(w.n_groups + 1, sizeof(int));
    atomic_store(&quit_signals, 0);

    struct proto p;
    memset(&p, 0, sizeof p);
    p.w = &w;
    p.last_spawn_ts = -1e300;
    strbuf_init(&p.out);
    strbuf_init(&p.in);
    char *error = NULL;
    p.client = lc_open(lo->master_host, lo->master_port, w.node_id, &error);
    int rc = 0;
    if (!p.client) {
        log_and_stderr(LOG_ERROR, "%s", error);
        free(error);
        rc = 2;
        goto out;
    }
    say(&w, "Locust worker %s, master %s", w.node_id, lc_endpoint(p.client));
    for (size_t i = 0; i < w.n_groups; i++)
        say(&w, "  user class %s: thread group \"%s\"", w.class_names[i],
            plan->main_groups[i]->name);

    pthread_t thread;
    if (pthread_create(&thread, NULL, proto_main, &p) != 0) {
        log_and_stderr(LOG_ERROR, "cannot start the protocol thread");
        rc = 2;
        goto out;
    }
    bool first = true;
    for (;;) {
        pthread_mutex_lock(&c->lock);
        while (!c->start_test && !c->exit)
            pthread_cond_wait(&c->cond, &c->lock);
        if (!c->start_test || c->quit) {
            pthread_mutex_unlock(&c->lock);
            break;
        }
        c->start_test = false;
        c->test_running = true;
        c->main_over = c->plan_stopped = false;
        struct ptrvec assignments = c->properties;
        c->properties = (struct ptrvec){0};
        pthread_mutex_unlock(&c->lock);
        for (size_t i = 0; i < assignments.len; i++) {
            props_apply_assignment(props, assignments.items[i]);
            free(assignments.items[i]);
        }
        ptrvec_free(&assignments);
        /* one results file for the worker's life: later tests append */
        w.ro.delete_results_first = first && ro->delete_results_first;
        first = false;
        struct run_outcome outcome;
        int run_rc = run_plan(plan, props, &w.ro, &outcome);
        pthread_mutex_lock(&c->lock);
        c->test_running = false;
        c->stop = false;
        if (run_rc != 0 || outcome.results_error)
            c->failed = true;
        memset(c->counts, 0, w.n_groups * sizeof(int));
        pthread_cond_broadcast(&c->cond);
        pthread_mutex_unlock(&c->lock);
    }
    pthread_join(thread, NULL);
    rc = w.exit_code;
out:
    lc_close(p.client);
    strbuf_free(&p.out);
    strbuf_free(&p.in);
    for (size_t i = 0; i < p.warned_classes.len; i++)
        free(p.warned_classes.items[i]);
    ptrvec_free(&p.warned_classes);
    for (size_t i = 0; i < c->properties.len; i++)
        free(c->properties.items[i]);
    ptrvec_free(&c->properties);
    free(c->targets);
    free(c->counts);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->cond);
    for (size_t i = 0; i < w.n_groups; i++)
        free(w.class_names[i]);
    free(w.class_names);
    free(w.node_id);
    ls_free(w.stats);
    strmap_free(&w.kinds);
    return rc;
}
