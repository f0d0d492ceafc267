/* datefmt.c - a small interpreter of Java DateTimeFormatter patterns.
 *
 * A pattern is compiled into items (literal text or a letter repeated n
 * times). Each pattern letter has one row in the table below saying which
 * field it prints and how many repetitions Java allows. Formatting and
 * parsing walk the items. The calendar fields come from calendar.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "datefmt.h"

enum field {
    F_ERA, F_YEAR, F_MONTH, F_DAY, F_DAY_OF_YEAR, F_QUARTER, F_DAY_OF_WEEK, F_AMPM,
    F_HOUR_23, F_HOUR_24, F_HOUR_11, F_HOUR_12, F_MINUTE, F_SECOND, F_FRACTION,
    F_MILLI_OF_DAY, F_NANO, F_NANO_OF_DAY, F_ZONE_NAME, F_ZONE_ID, F_OFFSET_X,
    F_OFFSET_x, F_OFFSET_Z, F_OFFSET_O,
};

struct letter_rule {
    char letter;
    enum field field;
    int max_count;
    unsigned needs;      /* DT_HAS_* the field needs */
};

static const struct letter_rule rules[] = {
    {'G', F_ERA, 5, DT_HAS_DATE},
    {'u', F_YEAR, 19, DT_HAS_DATE},
    {'y', F_YEAR, 19, DT_HAS_DATE},
    {'M', F_MONTH, 5, DT_HAS_DATE},
    {'L', F_MONTH, 5, DT_HAS_DATE},
    {'d', F_DAY, 2, DT_HAS_DATE},
    {'D', F_DAY_OF_YEAR, 3, DT_HAS_DATE},
    {'Q', F_QUARTER, 5, DT_HAS_DATE},
    {'q', F_QUARTER, 5, DT_HAS_DATE},
    {'E', F_DAY_OF_WEEK, 5, DT_HAS_DATE},
    {'a', F_AMPM, 1, DT_HAS_TIME},
    {'H', F_HOUR_23, 2, DT_HAS_TIME},
    {'k', F_HOUR_24, 2, DT_HAS_TIME},
    {'K', F_HOUR_11, 2, DT_HAS_TIME},
    {'h', F_HOUR_12, 2, DT_HAS_TIME},
    {'m', F_MINUTE, 2, DT_HAS_TIME},
    {'s', F_SECOND, 2, DT_HAS_TIME},
    {'S', F_FRACTION, 9, DT_HAS_TIME},
    {'A', F_MILLI_OF_DAY, 19, DT_HAS_TIME},
    {'n', F_NANO, 19, DT_HAS_TIME},
    {'N', F_NANO_OF_DAY, 19, DT_HAS_TIME},
    {'z', F_ZONE_NAME, 4, DT_HAS_ZONE},
    {'V', F_ZONE_ID, 2, DT_HAS_ZONE},
    {'X', F_OFFSET_X, 5, DT_HAS_ZONE},
    {'x', F_OFFSET_x, 5, DT_HAS_ZONE},
    {'Z', F_OFFSET_Z, 5, DT_HAS_ZONE},
    {'O', F_OFFSET_O, 4, DT_HAS_ZONE},
};

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};
static const char *const day_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

static const struct letter_rule *rule_for(char c)
{
    for (size_t i = 0; i < ARRAY_LEN(rules); i++)
        if (rules[i].letter == c)
            return &rules[i];
    return NULL;
}

/* ---- compiling ---- */

static void add_item(struct ptrvec *tmp, struct arena *a, char letter, int count, const char *text,
                     size_t len)
{
    struct datefmt_item *it = arena_alloc(a, sizeof *it);
    it->letter = letter;
    it->count = count;
    it->text = text ? arena_strndup(a, text, len) : NULL;
    it->text_len = len;
    ptrvec_push(tmp, it);
}

struct datefmt *expr_datefmt_compile(struct arena *arena, const char *pattern, const char **error)
{
    struct arena *own = arena ? NULL : arena_new();
    struct arena *a = arena ? arena : own;
    struct ptrvec tmp = {0};
    struct strbuf lit;
    strbuf_init(&lit);
    const char *err = NULL;
    for (const char *p = pattern; *p && !err;) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            int count = 0;
            while (p[count] == c)
                count++;
            const struct letter_rule *r = rule_for(c);
            if (!r)
                err = "unsupported pattern letter";
            else if (count > r->max_count || (c == 'V' && count != 2) ||
                     (c == 'O' && count != 1 && count != 4))
                err = "too many pattern letters";
            else {
                if (lit.len)
                    add_item(&tmp, a, 0, 0, lit.s, lit.len);
                strbuf_reset(&lit);
                add_item(&tmp, a, c, count, NULL, 0);
            }
            p += count;
        } else if (c == '\'') {
            if (!java_pattern_quote(&p, &lit))
                err = "unterminated quote";
        } else if (c == '{' || c == '}' || c == '#') {
            err = "reserved pattern character";
        } else if (c == '[' || c == ']') {
            p++;   /* optional section markers: everything is printed */
        } else {
            strbuf_addc(&lit, c);
            p++;
        }
    }
    if (!err && lit.len)
        add_item(&tmp, a, 0, 0, lit.s, lit.len);
    strbuf_free(&lit);
    if (err) {
        ptrvec_free(&tmp);
        arena_free(own);
        if (error)
            *error = err;
        return NULL;
    }
    struct datefmt *f = arena_alloc(a, sizeof *f);
    f->n = tmp.len;
    f->items = arena_alloc(a, (tmp.len ? tmp.len : 1) * sizeof *f->items);
    for (size_t i = 0; i < tmp.len; i++)
        f->items[i] = *(struct datefmt_item *)tmp.items[i];
    f->own = own;
    ptrvec_free(&tmp);
    return f;
}

void expr_datefmt_free(struct datefmt *f)
{
    if (f && f->own)
        arena_free(f->own);
}

/* ---- formatting ---- */

static void put_num(struct strbuf *out, int64_t v, int width)
{
    if (v < 0) {
        strbuf_addc(out, '-');
        v = -v;
    }
    strbuf_addf(out, "%0*lld", width, (long long)v);
}

static void put_text(struct strbuf *out, const char *full, int count)
{
    if (count == 4)
        strbuf_adds(out, full);
    else if (count == 5)
        strbuf_addc(out, full[0]);
    else
        strbuf_addn(out, full, 3);
}

/* Offsets: style picks "+HH", "+HHMM", "+HH:MM", "+HHMMss", "+HH:MM:ss";
 * zero_text is what a zero offset prints (NULL: the digits). */
static void put_offset(struct strbuf *out, int32_t offset, int style, const char *zero_text)
{
    if (offset == 0 && zero_text) {
        strbuf_adds(out, zero_text);
        return;
    }
    int32_t a = offset < 0 ? -offset : offset;
    int hh = a / 3600, mm = a / 60 % 60, ss = a % 60;
    strbuf_addf(out, "%c%02d", offset < 0 ? '-' : '+', hh);
    switch (style) {
    case 1: if (mm) strbuf_addf(out, "%02d", mm); break;
    case 2: strbuf_addf(out, "%02d", mm); break;
    case 3: strbuf_addf(out, ":%02d", mm); break;
    case 4: strbuf_addf(out, "%02d", mm); if (ss) strbuf_addf(out, "%02d", ss); break;
    default: strbuf_addf(out, ":%02d", mm); if (ss) strbuf_addf(out, ":%02d", ss); break;
    }
}

/* "GMT", "GMT+1", "GMT+01:00" (localized offsets, 'O' and 'ZZZZ'). */
static void put_gmt(struct strbuf *out, int32_t offset, bool full)
{
    strbuf_adds(out, "GMT");
    if (offset == 0)
        return;
    int32_t a = offset < 0 ? -offset : offset;
    int hh = a / 3600, mm = a / 60 % 60;
    if (full)
        strbuf_addf(out, "%c%02d:%02d", offset < 0 ? '-' : '+', hh, mm);
    else if (mm)
        strbuf_addf(out, "%c%d:%02d", offset < 0 ? '-' : '+', hh, mm);
    else
        strbuf_addf(out, "%c%d", offset < 0 ? '-' : '+', hh);
}

static void format_item(const struct datefmt_item *it, const struct letter_rule *r,
                        const struct datetime *dt, struct strbuf *out)
{
    int n = it->count;
    int64_t secs_of_day = (int64_t)dt->hour * 3600 + dt->minute * 60 + dt->second;
    switch (r->field) {
    case F_ERA: strbuf_adds(out, n == 4 ? "Anno Domini" : n == 5 ? "A" : "AD"); break;
    case F_YEAR:
        if (n == 2)
            put_num(out, (dt->year % 100 + 100) % 100, 2);
        else
            put_num(out, dt->year, n);
        break;
    case F_MONTH:
        if (n <= 2)
            put_num(out, dt->month, n);
        else
            put_text(out, month_names[dt->month - 1], n);
        break;
    case F_DAY: put_num(out, dt->day, n); break;
    case F_DAY_OF_YEAR: put_num(out, dt->yday, n); break;
    case F_QUARTER: {
        int q = (dt->month - 1) / 3 + 1;
        static const char *const nth[] = {"1st", "2nd", "3rd", "4th"};
        if (n <= 2 || n == 5)
            put_num(out, q, n == 2 ? 2 : 1);
        else if (n == 3)
            strbuf_addf(out, "Q%d", q);
        else
            strbuf_addf(out, "%s quarter", nth[q - 1]);
        break;
    }
    case F_DAY_OF_WEEK: put_text(out, day_names[dt->wday - 1], n <= 3 ? 3 : n); break;
    case F_AMPM: strbuf_adds(out, dt->hour < 12 ? "AM" : "PM"); break;
    case F_HOUR_23: put_num(out, dt->hour, n); break;
    case F_HOUR_24: put_num(out, dt->hour == 0 ? 24 : dt->hour, n); break;
    case F_HOUR_11: put_num(out, dt->hour % 12, n); break;
    case F_HOUR_12: put_num(out, dt->hour % 12 == 0 ? 12 : dt->hour % 12, n); break;
    case F_MINUTE: put_num(out, dt->minute, n); break;
    case F_SECOND: put_num(out, dt->second, n); break;
    case F_FRACTION: {
        char digits[16];
        snprintf(digits, sizeof digits, "%09d", (int)dt->nano);
        strbuf_addn(out, digits, (size_t)n);
        break;
    }
    case F_MILLI_OF_DAY: put_num(out, secs_of_day * 1000 + dt->nano / 1000000, n); break;
    case F_NANO: put_num(out, dt->nano, n); break;
    case F_NANO_OF_DAY: put_num(out, secs_of_day * 1000000000 + dt->nano, n); break;
    case F_ZONE_NAME: strbuf_adds(out, dt->zone); break;
    case F_ZONE_ID: {
        const char *tz = getenv("TZ");
        strbuf_adds(out, tz && tz[0] && tz[0] != ':' && dt->zone[0] != '+' && dt->zone[0] != '-' &&
                                 strcmp(dt->zone, "Z") != 0
                             ? tz
                             : dt->zone);
        break;
    }
    case F_OFFSET_X: put_offset(out, dt->offset, n, "Z"); break;
    case F_OFFSET_x: put_offset(out, dt->offset, n, NULL); break;
    case F_OFFSET_Z:
        if (n <= 3)
            put_offset(out, dt->offset, 2, NULL);
        else if (n == 4)
            put_gmt(out, dt->offset, true);
        else
            put_offset(out, dt->offset, 5, "Z");
        break;
    case F_OFFSET_O: put_gmt(out, dt->offset, n == 4); break;
    }
}

bool expr_datefmt_format(const struct datefmt *f, const struct datetime *dt, unsigned has, struct strbuf *out)
{
    size_t start = out->len;
    for (size_t i = 0; i < f->n; i++) {
        const struct datefmt_item *it = &f->items[i];
        if (!it->letter) {
            strbuf_addn(out, it->text, it->text_len);
            continue;
        }
        const struct letter_rule *r = rule_for(it->letter);
        if ((r->needs & has) != r->needs) {
            out->len = start;
            out->s[start] = '\0';
            return false;
        }
        format_item(it, r, dt, out);
    }
    return true;
}

/* ---- parsing ---- */

static bool is_numeric_item(const struct datefmt_item *it)
{
    if (!it || !it->letter)
        return false;
    switch (rule_for(it->letter)->field) {
    case F_MONTH: case F_QUARTER: return it->count <= 2;
    case F_ERA: case F_DAY_OF_WEEK: case F_AMPM: case F_ZONE_NAME: case F_ZONE_ID:
    case F_OFFSET_X: case F_OFFSET_x: case F_OFFSET_Z: case F_OFFSET_O:
        return false;
    default: return true;
    }
}

bool expr_read_digits(const char **s, int min, int max, int64_t *v)
{
    int n = 0;
    int64_t x = 0;
    while (n < max && isdigit((unsigned char)(*s)[n])) {
        if (x > (INT64_MAX - 9) / 10)
            return false;
        x = x * 10 + ((*s)[n] - '0');
        n++;
    }
    if (n < min)
        return false;
    *s += n;
    *v = x;
    return true;
}

/* Matches one of names (full or 3-letter forms), case-insensitively. */
static int read_name(const char **s, const char *const *names, int count, int n)
{
    for (int pass = 0; pass < 2; pass++) {
        bool full = (n == 4) != (pass == 1);
        for (int i = 0; i < count; i++) {
            size_t len = full ? strlen(names[i]) : 3;
            if (strncasecmp(*s, names[i], len) == 0) {
                *s += len;
                return i + 1;
            }
        }
    }
    return 0;
}

static bool read_offset(const char **s, bool allow_z, int32_t *offset)
{
    const char *p = *s;
    if (allow_z && *p == 'Z') {
        *s = p + 1;
        *offset = 0;
        return true;
    }
    if (*p != '+' && *p != '-')
        return false;
    int sign = *p == '-' ? -1 : 1;
    p++;
    int64_t hh, mm = 0, ss = 0;
    if (!expr_read_digits(&p, 1, 2, &hh))
        return false;
    const char *q = p + (*p == ':');
    if (expr_read_digits(&q, 2, 2, &mm)) {
        p = q;
        q = p + (*p == ':');
        if (expr_read_digits(&q, 2, 2, &ss))
            p = q;
    }
    if (hh > 18 || mm > 59 || ss > 59)
        return false;
    *offset = (int32_t)(sign * (hh * 3600 + mm * 60 + ss));
    *s = p;
    return true;
}

static bool read_zone(const char **s, int32_t *offset)
{
    const char *p = *s;
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '/' || p[n] == '_')
        n++;
    if (n == 0)
        return false;
    if ((n == 3 && (strncmp(p, "UTC", 3) == 0 || strncmp(p, "GMT", 3) == 0)) ||
        (n == 2 && strncmp(p, "UT", 2) == 0) || (n == 1 && *p == 'Z')) {
        *offset = 0;
        *s = p + n;
        if (**s == '+' || **s == '-')
            return read_offset(s, false, offset);
        return true;
    }
    struct datetime now;
    expr_datetime_now(&now);
    if (strlen(now.zone) == n && strncmp(p, now.zone, n) == 0) {
        *offset = now.offset;
        *s = p + n;
        return true;
    }
    return false;
}

static bool parse_item(const struct datefmt_item *it, const struct datefmt_item *next, const char **s,
                       struct date_parsed *p)
{
    int n = it->count;
    bool adjacent = is_numeric_item(next);
    int64_t v;
    enum field field = rule_for(it->letter)->field;
    /* fixed width for two-letter fields and before an adjacent number */
    int min = n, max = n >= 2 || adjacent ? n : 2;
    switch (field) {
    case F_ERA:
        if (strncasecmp(*s, "AD", 2) == 0)
            *s += 2;
        else if (strncasecmp(*s, "Anno Domini", 11) == 0)
            *s += 11;
        else
            return false;
        return true;
    case F_YEAR:
        if (n == 2) {
            if (!expr_read_digits(s, 2, 2, &v))
                return false;
            p->year = 2000 + v;
        } else {
            if (!expr_read_digits(s, n, adjacent ? n : 18, &v) || v > 999999999)
                return false;   /* java.time years stop at 999,999,999 */
            p->year = v;
        }
        return true;
    case F_MONTH:
        if (n >= 3) {
            int m = n == 5 ? 0 : read_name(s, month_names, 12, n);
            if (!m)
                return false;
            p->month = m;
            return true;
        }
        if (!expr_read_digits(s, min, max, &v) || v < 1 || v > 12)
            return false;
        p->month = (int)v;
        return true;
    case F_DAY:
        if (!expr_read_digits(s, min, max, &v) || v < 1 || v > 31)
            return false;
        p->day = (int)v;
        return true;
    case F_DAY_OF_WEEK:
        return n != 5 && read_name(s, day_names, 7, n) != 0;
    case F_AMPM:
        if (strncasecmp(*s, "AM", 2) == 0)
            p->ampm = 0;
        else if (strncasecmp(*s, "PM", 2) == 0)
            p->ampm = 1;
        else
            return false;
        *s += 2;
        return true;
    case F_HOUR_23: case F_HOUR_24:
        if (!expr_read_digits(s, min, max, &v) || v > 24 || (field == F_HOUR_23 && v > 23))
            return false;
        p->hour = (int)(v % 24);
        return true;
    case F_HOUR_11: case F_HOUR_12:
        if (!expr_read_digits(s, min, max, &v) || v > 12)
            return false;
        p->hour12 = (int)(v % 12);
        return true;
    case F_MINUTE:
        if (!expr_read_digits(s, min, max, &v) || v > 59)
            return false;
        p->minute = (int)v;
        return true;
    case F_SECOND:
        if (!expr_read_digits(s, min, max, &v) || v > 59)
            return false;
        p->second = (int)v;
        return true;
    case F_FRACTION:
        if (!expr_read_digits(s, n, n, &v))
            return false;
        for (int i = n; i < 9; i++)
            v *= 10;
        p->nano = (int)v;
        return true;
    case F_MILLI_OF_DAY: case F_NANO_OF_DAY:
        if (!expr_read_digits(s, n, 18, &v))
            return false;
        if (field == F_MILLI_OF_DAY) {
            if (v >= 86400000)
                return false;
            p->nano = (int)(v % 1000) * 1000000;
            v /= 1000;
        } else {
            if (v >= 86400000000000)
                return false;
            p->nano = (int)(v % 1000000000);
            v /= 1000000000;
        }
        p->hour = (int)(v / 3600);
        p->minute = (int)(v / 60 % 60);
        p->second = (int)(v % 60);
        return true;
    case F_NANO:
        if (!expr_read_digits(s, n, 9, &v))
            return false;
        p->nano = (int)v;
        return true;
    case F_QUARTER: case F_DAY_OF_YEAR:
        return false;   /* not parsed: plans do not read dates in these forms */
    case F_ZONE_NAME: case F_ZONE_ID:
        if (!read_zone(s, &p->offset))
            return false;
        p->has_offset = true;
        return true;
    case F_OFFSET_X: case F_OFFSET_x: case F_OFFSET_Z: case F_OFFSET_O:
        if ((field == F_OFFSET_O || (field == F_OFFSET_Z && n == 4)) && strncmp(*s, "GMT", 3) == 0) {
            *s += 3;
            p->offset = 0;
            if (**s == '+' || **s == '-')
                if (!read_offset(s, false, &p->offset))
                    return false;
        } else if (!read_offset(s, field == F_OFFSET_X || (field == F_OFFSET_Z && n == 5), &p->offset)) {
            return false;
        }
        p->has_offset = true;
        return true;
    }
    return false;
}

bool expr_datefmt_parse(const struct datefmt *f, const char *text, struct date_parsed *p)
{
    p->year = INT64_MIN;
    p->month = p->day = p->hour = p->minute = p->second = p->nano = -1;
    p->hour12 = p->ampm = -1;
    p->has_offset = false;
    p->offset = 0;
    const char *s = text;
    for (size_t i = 0; i < f->n; i++) {
        const struct datefmt_item *it = &f->items[i];
        if (!it->letter) {
            if (strncmp(s, it->text, it->text_len) != 0)
                return false;
            s += it->text_len;
            continue;
        }
        if (!parse_item(it, i + 1 < f->n ? &f->items[i + 1] : NULL, &s, p))
            return false;
    }
    return *s == '\0';
}

void expr_date_resolve_hour(struct date_parsed *p)
{
    if (p->hour < 0 && p->hour12 >= 0)
        p->hour = p->hour12 + (p->ampm == 1 ? 12 : 0);
}
