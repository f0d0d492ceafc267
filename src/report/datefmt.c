/* datefmt.c - SimpleDateFormat-style timestamp patterns for JTL files, and the
 * banner date of the console lines.
 *
 * JMeter formats jmeter.save.saveservice.timestamp_format with Commons Lang's
 * FastDateFormat, which follows java.text.SimpleDateFormat: letters repeat to
 * choose a width or a text style, 'S' is milliseconds as a number (not a
 * fraction), "yy" is a two-digit year. Names are English, as with JMeter's
 * usual locale; week numbers use US rules (weeks start on Sunday, week 1 is
 * the one holding January 1st). Times are local (TZ). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jmx2run/report.h"

struct df_item {
    char letter;        /* 0: literal text */
    int count;
    char *text;
};

struct report_datefmt {
    struct df_item *items;
    size_t n;
};

static const char *const month_long[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};
static const char *const month_short[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const day_long[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const day_short[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void push_item(struct report_datefmt *f, size_t *cap, char letter, int count,
                      const char *text, size_t len)
{
    if (f->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        f->items = xrealloc(f->items, *cap * sizeof *f->items);
    }
    struct df_item *it = &f->items[f->n++];
    it->letter = letter;
    it->count = count;
    it->text = text ? xstrndup(text, len) : NULL;
}

struct report_datefmt *report_datefmt_compile(const char *pattern, struct strbuf *err)
{
    struct report_datefmt *f = xcalloc(1, sizeof *f);
    size_t cap = 0;
    struct strbuf lit;
    strbuf_init(&lit);
    const char *p = pattern;
    while (*p) {
        if (*p == '\'') {
            if (!java_pattern_quote(&p, &lit)) {
                if (err)
                    strbuf_addf(err, "Unterminated quote in date pattern \"%s\"", pattern);
                strbuf_free(&lit);
                report_datefmt_free(f);
                return NULL;
            }
            continue;
        }
        if (!is_ascii_letter(*p)) {
            strbuf_addc(&lit, *p++);
            continue;
        }
        char c = *p;
        int count = 0;
        while (*p == c) {
            p++;
            count++;
        }
        if (!strchr("GyYMLwWDdFEuaHkKhmsSzZX", c) || (c == 'X' && count > 3)) {
            if (err) {
                if (c == 'X')
                    strbuf_addf(err, "invalid ISO 8601 format: length=%d", count);
                else
                    strbuf_addf(err, "Illegal pattern character '%c'", c);
            }
            strbuf_free(&lit);
            report_datefmt_free(f);
            return NULL;
        }
        if (lit.len) {
            push_item(f, &cap, 0, 0, lit.s, lit.len);
            strbuf_reset(&lit);
        }
        push_item(f, &cap, c, count, NULL, 0);
    }
    if (lit.len)
        push_item(f, &cap, 0, 0, lit.s, lit.len);
    strbuf_free(&lit);
    return f;
}

void report_datefmt_free(struct report_datefmt *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        free(f->items[i].text);
    free(f->items);
    free(f);
}

/* Breaks epoch milliseconds into local calendar fields. */
static void local_fields(int64_t epoch_ms, struct tm *tm, int *millis)
{
    int64_t sec = epoch_ms / 1000;
    int64_t ms = epoch_ms % 1000;
    if (ms < 0) {
        ms += 1000;
        sec--;
    }
    time_t t = (time_t)sec;
    if (!localtime_r(&t, tm))
        memset(tm, 0, sizeof *tm);
    *millis = (int)ms;
}

/* The zone's short name as Java prints it: the abbreviation, or "GMT+hh:mm"
 * when the zone has none (glibc then gives "+03" or "-0130"). */
static void zone_name(const struct tm *tm, struct strbuf *out)
{
    const char *z = tm->tm_zone;
    if (z && *z && *z != '+' && *z != '-') {
        strbuf_adds(out, z);
        return;
    }
    long off = tm->tm_gmtoff;
    if (off == 0) {
        strbuf_adds(out, "GMT");
        return;
    }
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    strbuf_addf(out, "GMT%c%02ld:%02ld", sign, off / 3600, off / 60 % 60);
}

/* +hh, +hhmm, +hh:mm (colon) or the same with "Z" for zero (iso). */
static void zone_offset(const struct tm *tm, struct strbuf *out, bool minutes, bool colon, bool iso)
{
    long off = tm->tm_gmtoff;
    if (iso && off == 0) {
        strbuf_addc(out, 'Z');
        return;
    }
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    strbuf_addf(out, "%c%02ld", sign, off / 3600);
    if (minutes)
        strbuf_addf(out, "%s%02ld", colon ? ":" : "", off / 60 % 60);
}

static void put_number(struct strbuf *out, long long v, int width)
{
    strbuf_addf(out, "%0*lld", width, v);
}

static bool leap(long long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* US week of year and week-based year: weeks start on Sunday and week 1 is
 * the week holding January 1st, so late December may be week 1 of next year. */
static int week_of_year(const struct tm *tm, long long *week_year)
{
    long long year = tm->tm_year + 1900LL;
    int ydays = leap(year) ? 366 : 365;
    int jan1_wday = ((tm->tm_wday - tm->tm_yday) % 7 + 7) % 7;
    if (tm->tm_yday + (6 - tm->tm_wday) >= ydays) {
        *week_year = year + 1;
        return 1;
    }
    *week_year = year;
    return (tm->tm_yday + jan1_wday) / 7 + 1;
}

static void format_item(const struct df_item *it, const struct tm *tm, int millis,
                        struct strbuf *out)
{
    int n = it->count;
    long long year = tm->tm_year + 1900LL;
    switch (it->letter) {
    case 'G':
        strbuf_adds(out, year > 0 ? "AD" : "BC");
        break;
    case 'y':
    case 'Y': {
        long long y = year;
        if (it->letter == 'Y')
            week_of_year(tm, &y);
        if (n == 2)
            put_number(out, (y % 100 + 100) % 100, 2);
        else
            put_number(out, y, n < 4 ? 4 : n);
        break;
    }
    case 'M':
    case 'L':
        if (n >= 4)
            strbuf_adds(out, month_long[tm->tm_mon]);
        else if (n == 3)
            strbuf_adds(out, month_short[tm->tm_mon]);
        else
            put_number(out, tm->tm_mon + 1, n);
        break;
    case 'w': {
        long long wy;
        put_number(out, week_of_year(tm, &wy), n);
        break;
    }
    case 'W': {
        int first_wday = ((tm->tm_wday - (tm->tm_mday - 1)) % 7 + 7) % 7;
        put_number(out, (tm->tm_mday - 1 + first_wday) / 7 + 1, n);
        break;
    }
    case 'D':
        put_number(out, tm->tm_yday + 1, n);
        break;
    case 'd':
        put_number(out, tm->tm_mday, n);
        break;
    case 'F':
        put_number(out, (tm->tm_mday - 1) / 7 + 1, n);
        break;
    case 'E':
        strbuf_adds(out, n >= 4 ? day_long[tm->tm_wday] : day_short[tm->tm_wday]);
        break;
    case 'u':
        put_number(out, tm->tm_wday == 0 ? 7 : tm->tm_wday, n);
        break;
    case 'a':
        strbuf_adds(out, tm->tm_hour < 12 ? "AM" : "PM");
        break;
    case 'H':
        put_number(out, tm->tm_hour, n);
        break;
    case 'k':
        put_number(out, tm->tm_hour == 0 ? 24 : tm->tm_hour, n);
        break;
    case 'K':
        put_number(out, tm->tm_hour % 12, n);
        break;
    case 'h':
        put_number(out, tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12, n);
        break;
    case 'm':
        put_number(out, tm->tm_min, n);
        break;
    case 's':
        put_number(out, tm->tm_sec, n);
        break;
    case 'S':
        put_number(out, millis, n);
        break;
    case 'z':
        zone_name(tm, out);     /* Java's long names ("zzzz") are not available */
        break;
    case 'Z':
        if (n == 1)
            zone_offset(tm, out, true, false, false);
        else if (n == 2)
            zone_offset(tm, out, true, true, true);
        else
            zone_offset(tm, out, true, true, false);
        break;
    case 'X':
        zone_offset(tm, out, n >= 2, n == 3, true);
        break;
    default:
        break;
    }
}

void report_datefmt_format(const struct report_datefmt *f, int64_t epoch_ms, struct strbuf *out)
{
    struct tm tm;
    int millis;
    local_fields(epoch_ms, &tm, &millis);
    for (size_t i = 0; i < f->n; i++) {
        if (f->items[i].letter == 0)
            strbuf_adds(out, f->items[i].text);
        else
            format_item(&f->items[i], &tm, millis, out);
    }
}

void report_banner_date(int64_t epoch_ms, struct strbuf *out)
{
    struct tm tm;
    int millis;
    local_fields(epoch_ms, &tm, &millis);
    strbuf_addf(out, "%lld %s %d %02d:%02d:%02d ", tm.tm_year + 1900LL, month_short[tm.tm_mon],
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    zone_name(&tm, out);
}
