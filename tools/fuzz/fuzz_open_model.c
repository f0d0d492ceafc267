/* fuzz_open_model.c - libFuzzer target for the Open Model schedule language.
 *
 * Any text must parse or be refused with a message, never crash, hang or
 * grow without bound. What parses is rendered, counted, and its first
 * arrivals are drawn (with a small list limit, so that huge rates are
 * streamed): they must not go back in time nor fall outside the schedule.
 * The same text also goes through the two other schedule readers that take
 * user text: threads_schedule (Ultimate) and Free-Form Arrivals rows. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_arrivals(const struct om_schedule *s)
{
    struct sched_rng rng;
    sched_rng_seed(&rng, 42);
    struct om_gen g;
    om_gen_init(&g, s, &rng);
    g.exact_max = 4096;
    double prev = 0, t;
    uint64_t expected = om_schedule_arrivals(s), n = 0;
    for (int i = 0; i < 1000 && om_gen_next(&g, &t); i++, n++) {
        if (!(t >= prev) || t > s->total_s * (1 + 1e-9) + 1e-6)
            __builtin_trap();
        prev = t;
    }
    if (n < 1000 && n != expected)
        __builtin_trap();
    om_gen_free(&g);
    (void)om_schedule_end_ms(s);
}

static void check_other_readers(const char *text)
{
    size_t n;
    char *warnings = NULL;
    struct ultimate_row *rows = ultimate_parse_spawns(text, &n, &warnings);
    struct ultimate_cursor c;
    ultimate_cursor_init(&c);
    struct sched_window w;
    for (int i = 0; i < 100 && ultimate_next_window(&c, rows, n, &w); i++)
        ;
    free(rows);
    free(warnings);

    struct freeform_row *ff = freeform_parse_rows(text, &n);
    struct arrivals_gen g;
    arrivals_gen_init_freeform(&g, ff, n, 'S');
    double t, prev = -INFINITY;
    for (int i = 0; i < 64 && arrivals_gen_next(&g, &t); i++) {
        if (!(t >= prev))
            __builtin_trap();
        prev = t;
    }
    free(ff);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';

    struct om_schedule s;
    char *error = NULL;
    if (om_schedule_parse(text, &s, &error)) {
        if (error)
            __builtin_trap();
        char *d = om_schedule_describe(&s);
        free(d);
        check_arrivals(&s);
        om_schedule_free(&s);
    } else {
        if (!error || strlen(error) > 400)
            __builtin_trap();
        free(error);
    }
    check_other_readers(text);
    free(text);
    return 0;
}
