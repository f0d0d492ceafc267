/* duration.c - ISO-8601 durations as java.time.Duration.parse reads them:
 * "[-]P[nD][T[nH][nM][n[.f]S]]", letters in any case, each number signed. */
#include <ctype.h>
#include <stdint.h>
#include "datefmt.h"

/* One signed number, then its unit letter; fraction only for seconds. */
static bool duration_part(const char **s, char unit, int64_t *value, int32_t *nanos)
{
    const char *p = *s;
    bool neg = false;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    int64_t v;
    if (!expr_read_digits(&p, 1, 18, &v))
        return false;
    int32_t frac = 0;
    if (unit == 'S' && (*p == '.' || *p == ',')) {
        p++;
        int digits = 0;
        while (isdigit((unsigned char)*p) && digits < 9) {
            frac = frac * 10 + (*p++ - '0');
            digits++;
        }
        if (isdigit((unsigned char)*p))
            return false;
        for (; digits < 9; digits++)
            frac *= 10;
    }
    if (toupper((unsigned char)*p) != unit)
        return false;
    *value = neg ? -v : v;
    *nanos = neg ? -frac : frac;
    *s = p + 1;
    return true;
}

bool expr_duration_parse(const char *text, int64_t *seconds, int32_t *nanos)
{
    const char *s = text;
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if (toupper((unsigned char)*s) != 'P')
        return false;
    s++;
    static const struct {
        char unit;
        int64_t seconds;
        bool time_part;
    } units[] = {{'D', 86400, false}, {'H', 3600, true}, {'M', 60, true}, {'S', 1, true}};
    __int128 total = 0;
    int32_t frac = 0;
    bool any = false, in_time = false, time_parts = false;
    for (size_t u = 0; u < ARRAY_LEN(units); u++) {
        if (units[u].time_part && !in_time) {
            if (toupper((unsigned char)*s) != 'T')
                break;
            s++;
            in_time = true;
        }
        int64_t v;
        int32_t fr;
        if (duration_part(&s, units[u].unit, &v, &fr)) {
            total += (__int128)v * units[u].seconds;
            frac = fr;
            any = true;
            time_parts |= units[u].time_part;
        }
    }
    if (*s || !any || (in_time && !time_parts))
        return false;
    __int128 nanos_total = total * 1000000000 + frac;
    if (neg)
        nanos_total = -nanos_total;
    __int128 secs = nanos_total / 1000000000;
    __int128 rem = nanos_total % 1000000000;
    if (rem < 0) {
        rem += 1000000000;
        secs -= 1;
    }
    if (secs > INT64_MAX / 2 || secs < INT64_MIN / 2)
        return false;
    *seconds = (int64_t)secs;
    *nanos = (int32_t)rem;
    return true;
}
