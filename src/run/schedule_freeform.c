/* schedule_freeform.c - bzm Free-Form Arrivals Thread Group: rows of (from,
 * to, duration) make a piecewise-linear arrival rate. Read as the plugin reads
 * them, including its whole-second bookkeeping of where each row ends. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"
#include "jmx2run/util.h"

static double cell(const char *s, size_t len)
{
    char *copy = xstrndup(s, len);
    double v = str_to_double_jmeter(copy);
    free(copy);
    return v;
}

struct freeform_row *freeform_parse_rows(const char *text, size_t *n_rows)
{
    struct freeform_row *rows = NULL;
    size_t n = 0, cap = 0;
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';')
            p++;
        if (!*p)
            break;
        const char *end = p + strcspn(p, " \t\n\r;");
        double v[3] = {0, 0, 0};
        const char *c = p;
        for (int k = 0; k < 3 && c <= end; k++) {
            const char *comma = memchr(c, ',', (size_t)(end - c));
            const char *stop = comma ? comma : end;
            v[k] = cell(c, (size_t)(stop - c));
            if (!comma)
                break;
            c = comma + 1;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            rows = xrealloc(rows, cap * sizeof *rows);
        }
        rows[n].from = v[0];
        rows[n].to = v[1];
        rows[n].duration = v[2];
        n++;
        p = end;
    }
    *n_rows = n;
    return rows;
}

double freeform_rate(const struct freeform_row *rows, size_t n_rows, char unit, double elapsed_s)
{
    double factor = (unit == 'M') ? 60.0 : 1.0;
    int32_t offset = 0;   /* the plugin keeps the rows' end in an int: whole seconds */
    for (size_t i = 0; i < n_rows; i++) {
        double len = rows[i].duration * factor;
        double progress = (elapsed_s - offset) / len;
        offset = sched_java_to_int(offset + len);
        if (elapsed_s <= offset) {
            double from = rows[i].from / factor, to = rows[i].to / factor;
            return from + progress * (to - from);
        }
    }
    return -1;
}
