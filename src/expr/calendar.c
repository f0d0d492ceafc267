/* calendar.c - proleptic Gregorian arithmetic (days since 1970) and the
 * calendar fields of a moment in the local time zone or in a fixed UTC
 * offset; only the offset itself comes from the C library's zone data. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "datefmt.h"

int64_t expr_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void expr_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int expr_days_in_month(int64_t y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static void fill_fields(struct datetime *dt)
{
    int64_t local = dt->epoch_sec + dt->offset;
    int64_t days = floor_div(local, 86400);
    int64_t secs = local - days * 86400;
    expr_civil_from_days(days, &dt->year, &dt->month, &dt->day);
    dt->hour = (int)(secs / 3600);
    dt->minute = (int)(secs / 60 % 60);
    dt->second = (int)(secs % 60);
    dt->wday = (int)((days % 7 + 7 + 3) % 7) + 1;   /* 1970-01-01 was a Thursday */
    dt->yday = (int)(days - expr_days_from_civil(dt->year, 1, 1)) + 1;
}

void expr_datetime_local(int64_t epoch_sec, int32_t nano, struct datetime *dt)
{
    time_t t = (time_t)epoch_sec;
    struct tm tm;
    memset(dt, 0, sizeof *dt);
    dt->epoch_sec = epoch_sec;
    dt->nano = nano;
    if (localtime_r(&t, &tm)) {
        dt->offset = (int32_t)tm.tm_gmtoff;
        snprintf(dt->zone, sizeof dt->zone, "%s", tm.tm_zone ? tm.tm_zone : "UTC");
    } else {
        snprintf(dt->zone, sizeof dt->zone, "UTC");
    }
    fill_fields(dt);
}

/* The id of a fixed offset as java.time prints it: "Z" or "+01:00". */
static void offset_id(int32_t offset, char *buf, size_t size)
{
    if (offset == 0) {
        snprintf(buf, size, "Z");
        return;
    }
    int32_t a = offset < 0 ? -offset : offset;
    if (a % 60)
        snprintf(buf, size, "%c%02d:%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60, a % 60);
    else
        snprintf(buf, size, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

void expr_datetime_fixed(int64_t epoch_sec, int32_t nano, int32_t offset, struct datetime *dt)
{
    memset(dt, 0, sizeof *dt);
    dt->epoch_sec = epoch_sec;
    dt->nano = nano;
    dt->offset = offset;
    offset_id(offset, dt->zone, sizeof dt->zone);
    fill_fields(dt);
}

void expr_datetime_now(struct datetime *dt)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    expr_datetime_local((int64_t)ts.tv_sec, (int32_t)ts.tv_nsec, dt);
}

int32_t expr_datetime_local_offset_now(void)
{
    struct datetime dt;
    expr_datetime_now(&dt);
    return dt.offset;
}
