/* datefmt.h - Java DateTimeFormatter patterns ("yyyy-MM-dd'T'HH:mm:ss.SSSZ"):
 * compiling, formatting and parsing, plus ISO-8601 durations ("PT2H30M").
 * Used by __time, __timeShift, __dateTimeConvert and __RandomDate. Names of
 * months and days are English (JMeter's default locale on most machines). */
#ifndef JMX2RUN_EXPR_DATEFMT_H
#define JMX2RUN_EXPR_DATEFMT_H

#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/util.h"

struct datefmt_item {
    char letter;          /* 0 = literal text */
    int count;            /* how many times the letter is repeated */
    const char *text;     /* literal text */
    size_t text_len;
};

struct datefmt {
    struct datefmt_item *items;
    size_t n;
    struct arena *own;    /* set when compiled without an arena */
};

/* Compiles a pattern; returns NULL and sets *error (a static message) when
 * Java would reject it or it uses a letter we do not implement. */
struct datefmt *expr_datefmt_compile(struct arena *arena, const char *pattern, const char **error);
void expr_datefmt_free(struct datefmt *f);

/* A moment with its calendar fields in a given UTC offset. */
struct datetime {
    int64_t epoch_sec;
    int32_t nano;
    int32_t offset;       /* seconds east of UTC */
    char zone[48];        /* zone name as printed by 'z' */
    int64_t year;
    int month, day, hour, minute, second, wday /* 1 = Monday */, yday /* 1-based */;
};

/* Fields of the moment in the local time zone (TZ) / in a fixed offset. */
void expr_datetime_local(int64_t epoch_sec, int32_t nano, struct datetime *dt);
void expr_datetime_fixed(int64_t epoch_sec, int32_t nano, int32_t offset, struct datetime *dt);
/* The current moment, local. */
void expr_datetime_now(struct datetime *dt);
/* The local UTC offset now. */
int32_t expr_datetime_local_offset_now(void);

/* Which fields a value has, for formatting: a formatter that needs a missing
 * field fails, as Java's does. */
enum {
    DT_HAS_DATE = 1,       /* year, month, day, day of week/year */
    DT_HAS_TIME = 2,       /* hour .. nano */
    DT_HAS_ZONE = 4,       /* offset and zone name */
    DT_HAS_ALL = 7,
};
bool expr_datefmt_format(const struct datefmt *f, const struct datetime *dt, unsigned has, struct strbuf *out);

/* What a parse found. Fields not found keep the value -1 (year: INT64_MIN). */
struct date_parsed {
    int64_t year;
    int month, day, hour, minute, second, nano;
    int hour12, ampm;     /* from h/K and a */
    bool has_offset;
    int32_t offset;
};
/* Parses the whole text; false when it does not match the pattern. */
bool expr_datefmt_parse(const struct datefmt *f, const char *text, struct date_parsed *p);
/* Combines parsed hour fields (H, or h/K with a) into p->hour. */
void expr_date_resolve_hour(struct date_parsed *p);

/* Days since 1970-01-01 of a civil date, and back. */
int64_t expr_days_from_civil(int64_t y, int m, int d);
void expr_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
/* The number of days of a month. */
int expr_days_in_month(int64_t y, int m);

/* Reads between min and max decimal digits at *s into *v and moves *s past
 * them; false, *s unmoved, when fewer than min or the value would overflow. */
bool expr_read_digits(const char **s, int min, int max, int64_t *v);

/* java.time.Duration.parse: "[-]P[nD][T[nH][nM][n[.f]S]]". */
bool expr_duration_parse(const char *text, int64_t *seconds, int32_t *nanos);

#endif
