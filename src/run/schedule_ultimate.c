/* schedule_ultimate.c - jp@gc Ultimate Thread Group (digest §3.6): each row
 * (n, d, su, h, sd) starts n threads over su seconds after d and stops them
 * over sd seconds after the hold. Threads take rows in order; within a row
 * the k-th counter goes n, n-1, ..., 1, so the last one to start stops last. */
#include <math.h>
#include "jmx2run/schedule.h"

/* The plugin reads every value as a Java int. */
static int64_t as_int(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : v;
}

int64_t ultimate_total_threads(const struct ultimate_row *rows, size_t n_rows)
{
    int64_t total = 0;
    for (size_t i = 0; i < n_rows; i++)
        total += as_int(rows[i].threads);
    return total;
}

void ultimate_cursor_init(struct ultimate_cursor *c)
{
    c->next_row = 0;
    c->left = 0;
    c->row = NULL;
}

bool ultimate_next_window(struct ultimate_cursor *c, const struct ultimate_row *rows,
                          size_t n_rows, struct sched_window *out)
{
    if (c->left < 1) {
        if (c->next_row >= n_rows)
            return false;
        c->row = &rows[c->next_row++];
        c->left = as_int(c->row->threads);
    }
    const struct ultimate_row *r = c->row;
    int64_t delay = as_int(r->initial_delay_s), startup = as_int(r->startup_s);
    int64_t hold = as_int(r->hold_s), shutdown = as_int(r->shutdown_s);
    /* floor(1000 su k / n) in the plugin's order of operations (0/0 -> NaN -> 0) */
    double k = (double)c->left, n = (double)as_int(r->threads);
    int64_t rise = sched_java_to_int(floor(1000.0 * (double)startup * k / n));
    int64_t fall = sched_java_to_int(floor(1000.0 * (double)shutdown * k / n));
    out->start_ms = 1000 * delay + rise;
    out->end_ms = 1000 * delay + 1000 * startup + 1000 * hold + fall;
    c->left--;
    return true;
}
