/* schedule.h - the arithmetic of load shapes and pacing (digest §3.5, §3.6, §7).
 *
 * Pure, deterministic functions the runner calls to decide when users start
 * and stop and how long a throughput timer waits. Nothing here reads a clock,
 * sleeps or starts a thread: the caller passes "now" in and acts on the answer.
 * Inputs are plain numbers the caller has already evaluated from templates.
 * Unless said otherwise, times are in ms relative to the thread group's start.
 *
 *   stepping_*      jp@gc Stepping Thread Group: each thread's start and end
 *   ultimate_*      jp@gc Ultimate Thread Group: rows -> windows; threads_schedule
 *   concurrency_*   bzm Concurrency Thread Group: planned concurrency at t
 *   arrivals_*      bzm Arrivals / Free-Form Arrivals: rate at t, arrival times
 *   om_*            Open Model Thread Group: schedule parser, arrival generator
 *   ctt_*           Constant Throughput Timer: per-thread and shared pacing
 *   ptt_*           Precise Throughput Timer: the per-group event schedule
 *
 * Random numbers come from java.util.Random's generator, so a fixed seed gives
 * the same open-model and Precise Throughput Timer schedules as JMeter does
 * (bit for bit while a step's event list fits in memory, see om_gen). */
#ifndef JMX2RUN_SCHEDULE_H
#define JMX2RUN_SCHEDULE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jmx2run/plan_elements.h"

/* ------------------------------------------------------- Java number rules */

int64_t sched_java_round(double x);   /* Math.round: half up; NaN -> 0; saturates */
int32_t sched_java_to_int(double x);  /* (int) cast: toward zero; NaN -> 0; saturates */
int64_t sched_java_to_long(double x); /* (long) cast: toward zero; NaN -> 0; saturates */
int64_t sched_s_to_ms(double s);      /* Math.round(s * 1000), as JMeter turns seconds into ms */

/* ------------------------------------------------------------ random numbers */

/* java.util.Random's 48-bit generator. */
struct sched_rng {
    uint64_t state;
};

void sched_rng_seed(struct sched_rng *r, int64_t seed);   /* new Random(seed) */
void sched_rng_seed_random(struct sched_rng *r);          /* new Random(): seeded from the OS */
double sched_rng_double(struct sched_rng *r);             /* nextDouble(): uniform in [0, 1) */

/* Hands out "count" uniform numbers in [0, 1) already sorted, in O(1) memory
 * (used instead of "draw them all and sort" when there are too many). */
struct sched_sorted_uniform {
    uint64_t left;     /* numbers still to hand out */
    double last;       /* the previous one (0 ascending, 1 descending at first) */
    bool descending;
};

/* Event lists longer than this are streamed instead of drawn and sorted:
 * 8 MB of event times at most per open-model step or Precise Throughput
 * Timer window. */
#define SCHED_EXACT_MAX ((size_t)1 << 20)

void sched_sorted_uniform_init(struct sched_sorted_uniform *s, uint64_t count, bool descending);
bool sched_sorted_uniform_next(struct sched_sorted_uniform *s, struct sched_rng *r, double *out);

/* --------------------------------------------------------- thread windows */

/* When a thread of a Stepping or Ultimate group starts and when it must stop
 * (the thread is "scheduled": it sleeps until start_ms, then loops until
 * end_ms, checked after each sample, like JMeter's thread scheduler). */
struct sched_window {
    int64_t start_ms;
    int64_t end_ms;
};

/* ------------------------------------------------------ Stepping Thread Group */

struct stepping_params {          /* property values as ints, as the plugin reads them */
    int64_t threads;              /* ThreadGroup.num_threads (N) */
    int64_t initial_delay_s;      /* "Threads initial delay" (D) */
    int64_t start_burst;          /* "Start users count burst" (B; clamped to N; <= 0 -> S) */
    int64_t start_count;          /* "Start users count" (S; 0 -> N) */
    int64_t start_period_s;       /* "Start users period" (P) */
    int64_t ramp_up_s;            /* "rampUp" (Ru), spreads each batch */
    int64_t flight_time_s;        /* "flighttime" (F), hold after the last start */
    int64_t stop_count;           /* "Stop users count" (So; 0 -> N) */
    int64_t stop_period_s;        /* "Stop users period" (Po) */
};

/* Thread i (0-based) of the group. False when i is not below N. */
bool stepping_window(const struct stepping_params *p, int64_t i, struct sched_window *out);

/* ------------------------------------------------------ Ultimate Thread Group */

struct ultimate_row {             /* one schedule row, as ints */
    int64_t threads;              /* Start Threads Count (n) */
    int64_t initial_delay_s;      /* Initial Delay (d) */
    int64_t startup_s;            /* Startup Time (su) */
    int64_t hold_s;               /* Hold Load For (h) */
    int64_t shutdown_s;           /* Shutdown Time (sd) */
};

/* The group's thread count: the sum of the rows' counts (<= 0: no thread). */
int64_t ultimate_total_threads(const struct ultimate_row *rows, size_t n_rows);

/* Hands out windows in thread-creation order: row by row, k = n, n-1, ..., 1
 * within a row (start = 1000d + floor(1000 su k / n), end = 1000(d+su+h) +
 * floor(1000 sd k / n)), so a row's first thread starts last and stops last.
 * Zero-initialise, or use ultimate_cursor_init. Like the plugin, a row of 0
 * (or fewer) threads still takes one thread (for n = 0: start 1000d, end
 * 1000(d+su+h)), so the rows after it lose one: the total stays the sum of
 * the counts. False when every row was used ("Not enough schedule records" in
 * the plugin; it cannot happen within ultimate_total_threads calls). */
struct ultimate_cursor {
    size_t next_row;              /* the row the next record is read from */
    int64_t left;                 /* threads of the current row still to schedule */
    const struct ultimate_row *row;
};

void ultimate_cursor_init(struct ultimate_cursor *c);
bool ultimate_next_window(struct ultimate_cursor *c, const struct ultimate_row *rows,
                          size_t n_rows, struct sched_window *out);

/* The JMeter property threads_schedule ("spawn(10,0s,30s,60s,10s) spawn(...)"),
 * which replaces the table when set and not empty. Durations are the plugin's
 * short form: digits followed by s, m, h or d, summed ("1m30s" = 90; bare
 * digits are seconds). Chunks the plugin would ignore (unknown word, bad number,
 * fewer than five values) are skipped; *warnings (if not NULL) gets a malloc'd
 * description of them, or NULL when every chunk was used. Returns the rows
 * (malloc'd, NULL when none) and their count. */
struct ultimate_row *ultimate_parse_spawns(const char *text, size_t *n_rows, char **warnings);

/* --------------------------------------------------- Concurrency Thread Group */

struct concurrency_params {
    double target;                /* TargetLevel: the concurrency to reach */
    int64_t ramp_up_s;            /* RampUp, rounded to whole seconds after the unit */
    int64_t steps;                /* Steps (0 = linear ramp) */
    int64_t hold_s;               /* Hold, rounded to whole seconds after the unit */
    int64_t shift_s;              /* JMeter property dynamic_tg.shift_rampup_start (default 0) */
};

/* Fills p from the element's values: ramp_up and hold in the element's unit
 * ('M' minutes, otherwise seconds) -> Math.round(x * 60 or 1); shift 0. */
void concurrency_params_init(struct concurrency_params *p, double target, double ramp_up,
                             int64_t steps, double hold, char unit);

/* The plugin's planned concurrency at elapsed ms; -1 once ramp-up + hold is
 * over (and always when target <= 0: the plugin then starts nothing). */
int64_t concurrency_planned(const struct concurrency_params *p, int64_t elapsed_ms);

/* When the group ends (planned becomes -1): (shift + ramp-up + hold) s. */
int64_t concurrency_end_ms(const struct concurrency_params *p);

/* The first ms after elapsed_ms at which concurrency_planned gives another
 * value (the end included), so an event loop can sleep until then instead of
 * re-checking every second as the plugin does. -1 once the group is over. */
int64_t concurrency_next_change_ms(const struct concurrency_params *p, int64_t elapsed_ms);

/* ------------------------------------- Arrivals / Free-Form Arrivals groups */

struct arrivals_params {
    double rate_per_s;            /* TargetLevel / (60 for unit M, else 1) */
    int64_t ramp_up_s;            /* RampUp, rounded to whole seconds after the unit */
    int64_t steps;                /* Steps (0 = linear ramp) */
    int64_t hold_s;               /* Hold, rounded to whole seconds after the unit */
};

void arrivals_params_init(struct arrivals_params *p, double target_per_unit, double ramp_up,
                          int64_t steps, double hold, char unit);

/* The plugin's current arrival rate (per second) at elapsed_s, given how many
 * arrivals were scheduled so far; negative once ramp-up + hold is over. A
 * linear ramp uses the rate matching the count (slope * sqrt(2 count / slope)),
 * which is 0 while no arrival was scheduled. */
double arrivals_rate(const struct arrivals_params *p, double elapsed_s, int64_t scheduled);

/* A Free-Form Arrivals row, as written: rates in arrivals per unit, duration in units. */
struct freeform_row {
    double from, to, duration;
};

/* The rows as the plan builder flattens them: "from,to,duration" separated by
 * white space (or ';'); an empty or unparseable cell is 0. Returns the rows
 * (malloc'd, NULL when none). */
struct freeform_row *freeform_parse_rows(const char *text, size_t *n_rows);

/* The rate (per second) at elapsed_s: linear from "from" to "to" over each row
 * in turn; negative after the last row. */
double freeform_rate(const struct freeform_row *rows, size_t n_rows, char unit, double elapsed_s);

/* The plugin's arrival times: evenly spaced at the current rate (the next one
 * 1000 / rate ms later); while the rate is 0 the time moves on by 200 ms
 * steps (stretches known to stay at 0 are jumped over; past a million steps
 * that cannot be, the schedule is taken as over); a negative rate ends the
 * schedule. The caller starts (or reuses) a thread at each time; when
 * ConcurrencyLimit threads are busy and none is idle in the pool, the plugin
 * drops that arrival (it does not queue it). */
struct arrivals_gen {
    const struct arrivals_params *params;   /* Arrivals Thread Group, or */
    const struct freeform_row *rows;        /* Free-Form rows (params NULL) */
    size_t n_rows;
    char unit;
    double rolling_ms;            /* the next arrival's time, before the rate is known */
    int64_t scheduled;            /* arrivals handed out */
    bool done;
    /* Free-Form: the row in force, which only moves forward as time grows */
    size_t row;
    double row_start, row_end;    /* whole seconds, as the plugin counts them */
};

void arrivals_gen_init(struct arrivals_gen *g, const struct arrivals_params *p);
void arrivals_gen_init_freeform(struct arrivals_gen *g, const struct freeform_row *rows,
                                size_t n_rows, char unit);
/* The next arrival's time in ms (fractional, as the plugin keeps it); false
 * once the schedule is over. The params or rows must outlive the generator. */
bool arrivals_gen_next(struct arrivals_gen *g, double *at_ms);

/* ------------------------------------------------- Open Model Thread Group */

enum om_step_kind {
    OM_RATE,                      /* value: arrivals per second */
    OM_EVEN_ARRIVALS,             /* value: duration in s */
    OM_RANDOM_ARRIVALS,           /* value: duration in s */
};

struct om_step {
    enum om_step_kind kind;
    double value;
};

/* A parsed schedule: the same step list JMeter builds (pause(d) becomes
 * "previous rate, rate 0, even arrivals d, rate 0, previous rate"). */
struct om_schedule {
    struct om_step *steps;
    size_t n_steps;
    double total_s;               /* the sum of the arrival steps' durations */
};

/* Parses an OpenModelThreadGroup.schedule string. On error returns false and
 * sets *error (malloc'd) to a message naming the offending text and where it
 * is. A string that is only an integer N (optional sign) is JMeter's shorthand:
 * N arrivals evenly within 1 s, then nothing until 1 hour later. Numbers that
 * overflow and schedules longer than OM_MAX_TOTAL_S are refused. */
bool om_schedule_parse(const char *text, struct om_schedule *out, char **error);
void om_schedule_free(struct om_schedule *s);

#define OM_MAX_TOTAL_S 1e10       /* about 317 years */

/* JMeter's rendering of the step list, e.g. "[Rate(1), Arrivals(type=RANDOM,
 * duration=120)]" (malloc'd). */
char *om_schedule_describe(const struct om_schedule *s);

/* When the schedule ends: Math.round(total_s * 1000). Threads still running
 * then are interrupted (JMeter stops and interrupts them). */
int64_t om_schedule_end_ms(const struct om_schedule *s);

/* How many arrivals the generator will produce in all (saturating). */
uint64_t om_schedule_arrivals(const struct om_schedule *s);

/* The arrivals of one arrival step (internal state of om_gen). */
struct om_ramp {
    bool random;
    double begin_rate, end_rate, duration;
    /* even arrivals */
    int64_t n, count;
    double mean_rate, acceleration;
    /* random arrivals, list mode: the step's events, sorted */
    double *events;
    size_t n_events, next, cap;
    /* random arrivals, stream mode: two sorted streams merged */
    bool streaming;
    struct sched_sorted_uniform flat, ramp;
    double flat_head, ramp_head;
    bool have_flat, have_ramp;
};

/* Arrival times of a schedule: for each arrival step, the rate goes linearly
 * from the rate in force before it to the rate step right after it (or stays
 * the same when none follows). even_arrivals: floor(mean rate * duration)
 * arrivals, the first at the step's start, spaced so that the rate follows the
 * line. random_arrivals: the same count drawn at random with density following
 * the line (a Poisson process conditioned on its count, as JMeter does). */
struct om_gen {
    const struct om_schedule *schedule;   /* must outlive the generator */
    struct sched_rng rng;
    size_t exact_max;             /* list mode up to this many events per step (SCHED_EXACT_MAX) */
    size_t pos;                   /* the step being played (SIZE_MAX before the first) */
    double offset_s;              /* start of the current arrival step */
    double step_s;                /* its duration */
    double begin_rate;            /* rate in force before the step (starts at 0) */
    bool active;                  /* a step is being played */
    struct om_ramp ramp;
};

/* rng: the generator to draw from (copied). JMeter's random_seed: 0 ->
 * sched_rng_seed_random, otherwise sched_rng_seed(seed). */
void om_gen_init(struct om_gen *g, const struct om_schedule *s, const struct sched_rng *rng);
/* The next arrival in seconds since the group's start (non-decreasing); JMeter
 * starts its thread at sched_s_to_ms(*at_s). False when there are no more. */
bool om_gen_next(struct om_gen *g, double *at_s);
void om_gen_free(struct om_gen *g);

/* --------------------------------------------- Constant Throughput Timer */

/* One per user and timer (JMeter clones the timer into each thread);
 * zero-initialised. Only its own user touches it. */
struct ctt_thread {
    int64_t previous_ms;          /* the target of the previous call */
    bool primed;                  /* false until the first call */
    int64_t last_target_ms;       /* the slot the last call aimed at (now when none):
                                     the sample's intended start */
};

/* The slot clock of the shared modes. JMeter keeps one for the whole test,
 * used by every timer in mode CTT_ALL_ACTIVE_SHARED, and one per thread group,
 * used by every timer of that group in mode CTT_ALL_ACTIVE_IN_GROUP_SHARED
 * (not one per timer). Safe to use from several threads: it has a lock. */
struct ctt_shared {
    pthread_mutex_t lock;
    int64_t last_ms;              /* the last slot handed out */
    bool primed;
};

void ctt_shared_init(struct ctt_shared *s);
void ctt_shared_destroy(struct ctt_shared *s);

#define CTT_FOREVER INT64_MAX     /* throughput 0: JMeter waits for ever */

/* The delay before a sample, in ms. now_ms is any ms clock that does not go
 * back (the same one on every call). per_minute: the timer's throughput, read
 * on every call. active_in_test / active_in_group: the users running now.
 * shared: the slot clock for the two shared modes (NULL otherwise). With
 * I = 60000 / per_minute, the interval is
 *   CTT_THIS_THREAD                   round(I)
 *   CTT_ALL_ACTIVE_THREADS            round(I x active_in_test)
 *   CTT_ALL_ACTIVE_IN_GROUP           round(I x active_in_group)
 *   CTT_ALL_ACTIVE_(IN_GROUP_)SHARED  slot - now, after claiming the next slot
 *                                     max(now, last + round(I)) of the clock
 * and then, as JMeter does for every mode: target = previous + interval; a
 * target already past -> 0 and previous = now (no catch-up burst); otherwise
 * target - now and previous = target. The first call never waits. A negative
 * throughput never waits; 0 waits CTT_FOREVER. */
int64_t ctt_delay(struct ctt_thread *t, struct ctt_shared *shared,
                  enum throughput_calc_mode mode, double per_minute, int64_t now_ms,
                  int64_t active_in_test, int64_t active_in_group);

/* ------------------------------------------------ Precise Throughput Timer */

struct ptt_params {
    double throughput;            /* samples per period */
    int64_t period_s;             /* throughputPeriod (s) */
    int64_t duration_s;           /* duration (s): the window that gets an exact count */
    int64_t batch_size;           /* batchSize: each event is handed out this many times */
    int64_t batch_thread_delay_ms;/* batchThreadDelay: unused, as in JMeter */
    int64_t exact_limit;          /* exactLimit: unused since JMeter 5.3 */
    double allowed_surplus;       /* allowedThroughputSurplus: unused since JMeter 5.3 */
    int64_t seed;                 /* randomSeed (its low 32 bits 0 -> random, as in JMeter) */
};

/* One per thread group (JMeter keys the schedule by group: the first timer of
 * the group to run creates it, with its own parameters). Locked inside. Each
 * window of duration_s gets exactly ceil(rate x duration_s) events drawn
 * uniformly and sorted (rate = throughput / period_s / batch_size per s). */
struct ptt_state {
    pthread_mutex_t lock;
    struct ptt_params p;
    struct sched_rng rng;
    size_t exact_max;             /* list mode up to this many events a window (SCHED_EXACT_MAX) */
    bool generated;               /* a window was made */
    double last_rate;             /* throughput per second the window was made for */
    double next_window_s;         /* where the next window starts */
    /* list mode: the window's events, sorted */
    double *events;
    size_t n_events, next, cap;
    /* stream mode: window start + duration x sorted uniform numbers */
    bool streaming;
    struct sched_sorted_uniform stream;
    double stream_start_s, stream_len_s;
    /* batches: each event is handed out batch_size times */
    int64_t batch_index;
    double current;
};

void ptt_init(struct ptt_state *s, const struct ptt_params *p);
void ptt_destroy(struct ptt_state *s);

/* The next event, in s since the group's start; throughput is the timer's
 * current value (when throughput / period moves by 1e-5 per s or more, a new
 * window starts where the current one ends, as in JMeter).
 * False when the schedule has no events (throughput or duration <= 0, or a
 * period of 0): JMeter's thread then fails; the caller should stop the thread. */
bool ptt_next_event(struct ptt_state *s, double throughput, double *event_s);

/* The timer's delay: event - now, at least 0. now_ms and end_ms relative to the
 * group's start (end_ms < 0: the thread has no end time). *stop is set when
 * the thread must stop instead of waiting (the delay would pass its end time,
 * or there are no events). */
int64_t ptt_delay(struct ptt_state *s, double throughput, int64_t now_ms, int64_t end_ms,
                  bool *stop);
/* The same, also giving the event's time (ms since the group's start): the
 * sample's intended start, later than now + delay when the event is past. */
int64_t ptt_delay_event(struct ptt_state *s, double throughput, int64_t now_ms, int64_t end_ms,
                        bool *stop, int64_t *event_ms);

#endif
