/* schedule_arrivals.c - bzm Arrivals and Free-Form Arrivals thread groups:
 * the arrival rate over time and the plugin's arrival times. The plugin keeps
 * a "rolling time": each arrival happens at it, then it moves on by 1000/rate
 * ms at the rate of that moment; at rate 0 it moves on 200 ms and looks again;
 * a negative rate (past the schedule) ends the arrivals. */
#include <math.h>
#include "jmx2run/schedule.h"

#define ZERO_RATE_STEP_MS 200.0   /* the plugin's wait when the rate is 0 */
#define MAX_ZERO_STEPS 1000000    /* a safety net; the jumps below keep real counts tiny */

static double factor_of(char unit)
{
    return unit == 'M' ? 60.0 : 1.0;
}

void arrivals_params_init(struct arrivals_params *p, double target_per_unit, double ramp_up,
                          int64_t steps, double hold, char unit)
{
    double factor = factor_of(unit);
    p->rate_per_s = target_per_unit / factor;
    p->ramp_up_s = sched_java_round(ramp_up * factor);
    p->steps = steps;
    p->hold_s = sched_java_round(hold * factor);
}

double arrivals_rate(const struct arrivals_params *p, double elapsed_s, int64_t scheduled)
{
    if (elapsed_s >= (double)p->ramp_up_s + (double)p->hold_s)
        return -1;
    if (p->ramp_up_s == 0 || elapsed_s > (double)p->ramp_up_s)
        return p->rate_per_s;
    if (p->steps > 0) {
        double step_size = p->rate_per_s / (double)p->steps;
        double step_len = (double)p->ramp_up_s / (double)p->steps;
        return step_size * (floor(elapsed_s / step_len) + 1);
    }
    /* n arrivals into a ramp of this slope were due by sqrt(2n / slope) s */
    double slope = p->rate_per_s / (double)p->ramp_up_s;
    return slope * sqrt(2.0 * (double)scheduled / slope);
}

static void gen_reset(struct arrivals_gen *g)
{
    g->rolling_ms = 0;
    g->scheduled = 0;
    g->done = false;
    g->row = 0;
    g->row_start = 0;
    g->row_end = 0;
}

void arrivals_gen_init(struct arrivals_gen *g, const struct arrivals_params *p)
{
    g->params = p;
    g->rows = NULL;
    g->n_rows = 0;
    g->unit = 'S';
    gen_reset(g);
}

void arrivals_gen_init_freeform(struct arrivals_gen *g, const struct freeform_row *rows,
                                size_t n_rows, char unit)
{
    g->params = NULL;
    g->rows = rows;
    g->n_rows = n_rows;
    g->unit = unit;
    gen_reset(g);
    if (n_rows)
        g->row_end = sched_java_to_int(rows[0].duration * factor_of(unit));
}

/* Moves the Free-Form cursor to the row freeform_rate would use at t: the
 * first row whose end is not before t. As t only grows, that row never moves
 * back, so each row is passed once. False past the last row. */
static bool freeform_seek(struct arrivals_gen *g, double t)
{
    double factor = factor_of(g->unit);
    while (g->row < g->n_rows && t > g->row_end) {
        g->row_start = g->row_end;
        if (++g->row < g->n_rows)
            g->row_end = sched_java_to_int(g->row_start + g->rows[g->row].duration * factor);
    }
    return g->row < g->n_rows;
}

static double rate_now(struct arrivals_gen *g)
{
    double t = g->rolling_ms / 1000.0, r;
    if (g->params) {
        r = arrivals_rate(g->params, t, g->scheduled);
    } else if (!freeform_seek(g, t)) {
        r = -1;
    } else {
        const struct freeform_row *row = &g->rows[g->row];
        double factor = factor_of(g->unit);
        double progress = (t - g->row_start) / (row->duration * factor);
        double from = row->from / factor, to = row->to / factor;
        r = from + progress * (to - from);
    }
    return isnan(r) ? 0 : r;   /* the plugin would hand out endless arrivals at one instant */
}

/* A time (s) up to which the rate is surely still 0, so that the 200 ms steps
 * can be jumped over: a target of 0, a linear ramp before its first arrival
 * (the plugin's rate there is 0 until the ramp ends), a Free-Form row that
 * starts at 0 and stays there (to 0, or an endless row). Returns the current
 * time when nothing is known. */
static double zero_until(struct arrivals_gen *g)
{
    double t = g->rolling_ms / 1000.0;
    if (g->params) {
        const struct arrivals_params *p = g->params;
        if (p->rate_per_s == 0)
            return (double)p->ramp_up_s + (double)p->hold_s;
        if (p->steps <= 0 && p->ramp_up_s > 0 && g->scheduled == 0 && t <= (double)p->ramp_up_s)
            return (double)p->ramp_up_s;
        return t;
    }
    if (!freeform_seek(g, t))
        return t;
    const struct freeform_row *row = &g->rows[g->row];
    if (row->from == 0 && (row->to == 0 || isinf(row->duration)))
        return g->row_end;
    return t;
}

bool arrivals_gen_next(struct arrivals_gen *g, double *at_ms)
{
    if (g->done)
        return false;
    double rate = rate_now(g);
    for (long i = 0; rate == 0; i++) {
        if (i >= MAX_ZERO_STEPS) {
            g->done = true;
            return false;
        }
        double until_ms = zero_until(g) * 1000.0;
        double skip = floor((until_ms - g->rolling_ms) / ZERO_RATE_STEP_MS);
        double next = g->rolling_ms + (skip >= 1 ? skip : 1) * ZERO_RATE_STEP_MS;
        if (!(next > g->rolling_ms)) {   /* so far out that 200 ms no longer counts */
            g->done = true;
            return false;
        }
        g->rolling_ms = next;
        rate = rate_now(g);
    }
    if (rate < 0) {
        g->done = true;
        return false;
    }
    *at_ms = g->rolling_ms;
    g->rolling_ms += 1000.0 / rate;
    g->scheduled++;
    return true;
}
