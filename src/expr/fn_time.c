/* fn_time.c - date and time functions: __time, __timeShift, __dateTimeConvert,
 * __RandomDate, on top of the pattern interpreter in datefmt.c. Locale
 * arguments are accepted and ignored (English names are used). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "datefmt.h"
#include "expr_internal.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The epoch second of a local wall-clock time (seconds since 1970 as if UTC),
 * in the process time zone. */
static int64_t local_to_epoch(int64_t local)
{
    struct datetime dt;
    expr_datetime_local(local, 0, &dt);
    int64_t e = local - dt.offset;
    expr_datetime_local(e, 0, &dt);
    if (local - dt.offset != e) {
        int64_t e2 = local - dt.offset;
        struct datetime dt2;
        expr_datetime_local(e2, 0, &dt2);
        if (dt2.offset == dt.offset)
            e = e2;
    }
    return e;
}

/* ---- __time ---- */

struct time_state {
    const char *alias_property;   /* "time.YMD" when the format is an alias */
    struct datefmt *fmt;          /* the compiled literal (or alias default) pattern */
};

static const struct {
    const char *alias, *property, *pattern;
} time_aliases[] = {
    {"YMD", "time.YMD", "yyyyMMdd"},
    {"HMS", "time.HMS", "HHmmss"},
    {"YMDHMS", "time.YMDHMS", "yyyyMMdd-HHmmss"},
    {"USER1", "time.USER1", ""},
    {"USER2", "time.USER2", ""},
};

/* "/N": milliseconds divided by N. */
static bool is_divisor(const char *f)
{
    if (f[0] != '/' || !f[1])
        return false;
    for (const char *p = f + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static void time_compile(struct tmpl_part *call, struct arena *arena, struct diag_list *diags,
                         const char *file, int line)
{
    struct time_state *st = expr_fn_state_alloc(arena, sizeof *st);
    call->state = st;
    const char *format = expr_fn_arg_literal(call, 0);
    if (!format || !format[0] || is_divisor(format))
        return;
    const char *pattern = format;
    for (size_t i = 0; i < ARRAY_LEN(time_aliases); i++)
        if (strcmp(format, time_aliases[i].alias) == 0) {
            st->alias_property = time_aliases[i].property;
            pattern = time_aliases[i].pattern;
        }
    const char *err = NULL;
    st->fmt = expr_datefmt_compile(arena, pattern, &err);
    if (!st->fmt)
        expr_fn_warn(call, diags, file, line, "date pattern '%s': %s (the call fails at run time)", pattern, err);
}

/* Formats now with pattern text compiled on the spot. */
static bool format_now_with(const char *pattern, struct strbuf *out)
{
    const char *err;
    struct datefmt *f = expr_datefmt_compile(NULL, pattern, &err);
    if (!f)
        return false;
    struct datetime dt;
    expr_datetime_now(&dt);
    expr_datefmt_format(f, &dt, DT_HAS_ALL, out);
    expr_datefmt_free(f);
    return true;
}

static void fn_time(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    const struct time_state *st = call->state;
    char *format = expr_fn_arg(call, 0, ctx);
    struct strbuf value;
    strbuf_init(&value);
    bool ok = true;
    if (!format[0]) {
        strbuf_addf(&value, "%lld", (long long)now_ms());
    } else if (is_divisor(format)) {
        int64_t div;
        ok = expr_java_parse_long(format + 1, &div) && div > 0;
        if (ok)
            strbuf_addf(&value, "%lld", (long long)(now_ms() / div));
    } else {
        /* an alias takes its pattern from the time.* property when set */
        const char *property = st->alias_property;
        const char *dflt = NULL;
        for (size_t i = 0; !property && i < ARRAY_LEN(time_aliases); i++)
            if (strcmp(format, time_aliases[i].alias) == 0) {
                property = time_aliases[i].property;
                dflt = time_aliases[i].pattern;
            }
        char *override = property && ctx->env && ctx->env->props ? props_get_dup(ctx->env->props, property) : NULL;
        if (override) {
            char *trimmed = expr_java_trim_dup(override);
            ok = format_now_with(trimmed, &value);
            free(trimmed);
        } else if (st->fmt && expr_fn_arg_literal(call, 0)) {
            struct datetime dt;
            expr_datetime_now(&dt);
            expr_datefmt_format(st->fmt, &dt, DT_HAS_ALL, &value);
        } else {
            ok = format_now_with(dflt ? dflt : format, &value);
        }
        free(override);
    }
    if (ok) {
        strbuf_addn(out, value.s, value.len);
        expr_fn_store_var(call, 1, ctx, value.s);
    } else {
        expr_fn_fail(ctx, "__time: invalid date pattern");
    }
    strbuf_free(&value);
    free(format);
}

/* ---- __timeShift ---- */

static void fn_time_shift(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *format = expr_fn_arg_trim(call, 0, ctx);
    char *date = expr_fn_arg_trim(call, 1, ctx);
    char *shift = expr_fn_arg_trim(call, 2, ctx);
    struct datefmt *f = NULL;
    const char *err;
    if (format[0] && !(f = expr_datefmt_compile(NULL, format, &err))) {
        expr_fn_fail(ctx, "__timeShift: invalid date pattern");
        goto done;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t sec = (int64_t)ts.tv_sec;
    int32_t nano = (int32_t)ts.tv_nsec;
    bool fixed = false;       /* a parsed date keeps its (or the current) offset */
    int32_t offset = 0;
    if (date[0]) {
        if (f) {
            struct date_parsed p;
            if (expr_datefmt_parse(f, date, &p)) {
                expr_date_resolve_hour(&p);
                struct datetime now;
                expr_datetime_now(&now);
                int64_t y = p.year != INT64_MIN ? p.year : now.year;
                int m = p.month > 0 ? p.month : 1;
                int d = p.day > 0 ? p.day : 1;
                if (d > expr_days_in_month(y, m))
                    d = expr_days_in_month(y, m);
                offset = p.has_offset ? p.offset : now.offset;
                int64_t local = expr_days_from_civil(y, m, d) * 86400 + (p.hour > 0 ? p.hour : 0) * 3600 +
                                (p.minute > 0 ? p.minute : 0) * 60 + (p.second > 0 ? p.second : 0);
                sec = local - offset;
                nano = p.nano > 0 ? p.nano : 0;
                fixed = true;
            }   /* else JMeter logs the error and shifts the current time */
        } else {
            int64_t ms;
            if (expr_java_parse_long(date, &ms)) {
                sec = floor_div(ms, 1000);
                nano = (int32_t)(ms - sec * 1000) * 1000000;
            }
        }
    }
    if (shift[0]) {
        int64_t dsec;
        int32_t dnano;
        if (expr_duration_parse(shift, &dsec, &dnano)) {   /* a bad duration is ignored */
            sec += dsec;
            nano += dnano;
            if (nano >= 1000000000) {
                nano -= 1000000000;
                sec++;
            }
        }
    }
    /* java.time refuses moments past year 999,999,999 (and epoch ms that
     * overflow a long): the call fails as the exception would */
    if (sec > 31556889864403199 || sec < -31557014167219200 ||
        (!f && (sec > INT64_MAX / 1000 - 1 || sec < INT64_MIN / 1000 + 1))) {
        expr_fn_fail(ctx, "__timeShift: date out of range");
        goto done;
    }
    struct strbuf value;
    strbuf_init(&value);
    if (f) {
        struct datetime dt;
        if (fixed)
            expr_datetime_fixed(sec, nano, offset, &dt);
        else
            expr_datetime_local(sec, nano, &dt);
        expr_datefmt_format(f, &dt, DT_HAS_ALL, &value);
    } else {
        strbuf_addf(&value, "%lld", (long long)(sec * 1000 + nano / 1000000));
    }
    strbuf_addn(out, value.s, value.len);
    expr_fn_store_var(call, call->n_args == 4 ? 3 : 4, ctx, value.s);
    strbuf_free(&value);
done:
    expr_datefmt_free(f);
    free(format);
    free(date);
    free(shift);
}

/* ---- __dateTimeConvert ---- */

static void fn_date_time_convert(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *date = expr_fn_arg(call, 0, ctx);
    char *src = expr_fn_arg(call, 1, ctx);
    char *dst = expr_fn_arg(call, 2, ctx);
    const char *err;
    struct datefmt *target = expr_datefmt_compile(NULL, dst, &err);
    struct datefmt *source = NULL;
    struct strbuf value;
    strbuf_init(&value);
    bool ok = false;
    struct datetime dt;
    if (!target) {
        /* errors give "" in JMeter (logged) */
    } else if (!src[0]) {
        int64_t ms;
        if (expr_java_parse_long(date, &ms)) {
            int64_t sec = floor_div(ms, 1000);
            expr_datetime_local(sec, (int32_t)(ms - sec * 1000) * 1000000, &dt);
            ok = expr_datefmt_format(target, &dt, DT_HAS_ALL, &value);
        }
    } else if ((source = expr_datefmt_compile(NULL, src, &err)) != NULL) {
        struct date_parsed p;
        if (expr_datefmt_parse(source, date, &p)) {
            expr_date_resolve_hour(&p);
            bool has_date = p.year != INT64_MIN && p.month > 0 && p.day > 0;
            bool has_time = p.hour >= 0;
            if (has_date && p.day > expr_days_in_month(p.year, p.month))
                p.day = expr_days_in_month(p.year, p.month);
            int64_t local = (has_date ? expr_days_from_civil(p.year, p.month, p.day) * 86400 : 0) +
                            (has_time ? p.hour * 3600 + (p.minute > 0 ? p.minute : 0) * 60 +
                                            (p.second > 0 ? p.second : 0)
                                      : 0);
            int32_t nano = has_time && p.nano > 0 ? p.nano : 0;
            if (has_date && has_time) {
                /* a full date-time is a moment: shown in the local zone */
                int64_t sec = p.has_offset ? local - p.offset : local_to_epoch(local);
                expr_datetime_local(sec, nano, &dt);
                ok = expr_datefmt_format(target, &dt, DT_HAS_ALL, &value);
            } else {
                expr_datetime_fixed(local, nano, 0, &dt);
                ok = expr_datefmt_format(target, &dt, (has_date ? DT_HAS_DATE : 0) | (has_time ? DT_HAS_TIME : 0),
                                    &value);
            }
        }
    }
    if (ok) {
        strbuf_addn(out, value.s, value.len);
        expr_fn_store_var(call, 3, ctx, value.s);
    }
    strbuf_free(&value);
    expr_datefmt_free(source);
    expr_datefmt_free(target);
    free(date);
    free(src);
    free(dst);
}

/* ---- __RandomDate ---- */

/* LocalDate.parse with defaults day 1, month 1, this year; false on failure. */
static bool parse_day(const struct datefmt *f, const char *text, int64_t *epoch_day)
{
    struct date_parsed p;
    if (!expr_datefmt_parse(f, text, &p))
        return false;
    struct datetime now;
    expr_datetime_now(&now);
    int64_t y = p.year != INT64_MIN ? p.year : now.year;
    int m = p.month > 0 ? p.month : 1;
    int d = p.day > 0 ? p.day : 1;
    if (d > expr_days_in_month(y, m))
        d = expr_days_in_month(y, m);
    *epoch_day = expr_days_from_civil(y, m, d);
    return true;
}

static void fn_random_date(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *format = expr_fn_arg_trim(call, 0, ctx);
    char *start_s = expr_fn_arg_trim(call, 1, ctx);
    char *end_s = expr_fn_arg_trim(call, 2, ctx);
    const char *err;
    struct datefmt *f = expr_datefmt_compile(NULL, format[0] ? format : "yyyy-MM-dd", &err);
    if (!f) {
        expr_fn_fail(ctx, "__RandomDate: invalid date pattern");
        goto done;
    }
    int64_t start = 0, end = 0;   /* JMeter falls back to day 0 (1970-01-01) on bad input */
    if (start_s[0]) {
        parse_day(f, start_s, &start);
    } else {
        struct datetime now;
        expr_datetime_now(&now);
        start = expr_days_from_civil(now.year, now.month, now.day);
    }
    parse_day(f, end_s, &end);
    if (end < start) {
        /* JMeter logs the error and yields "" */
    } else if (end == start) {
        expr_fn_fail(ctx, "__RandomDate: the end date must be after the start date");
    } else {
        int64_t day = start + (int64_t)expr_rand_below(ctx, (uint64_t)(end - start));
        struct datetime dt;
        expr_datetime_fixed(day * 86400, 0, 0, &dt);
        struct strbuf value;
        strbuf_init(&value);
        if (expr_datefmt_format(f, &dt, DT_HAS_DATE, &value)) {
            strbuf_addn(out, value.s, value.len);
            expr_fn_store_var(call, 4, ctx, value.s);
        } else {
            expr_fn_fail(ctx, "__RandomDate: the pattern needs a time of day");
        }
        strbuf_free(&value);
    }
done:
    expr_datefmt_free(f);
    free(format);
    free(start_s);
    free(end_s);
}

const struct expr_function expr_fns_time[] = {
    {"__time", 0, 2, time_compile, fn_time,
     "current time: epoch ms, /N, YMD, HMS, YMDHMS or a date pattern ([format[, var]])"},
    {"__timeShift", 4, 5, NULL, fn_time_shift,
     "a date shifted by an ISO-8601 duration (format, date, shift[, locale], var)"},
    {"__dateTimeConvert", 3, 4, NULL, fn_date_time_convert,
     "converts a date between patterns (date, srcFormat, dstFormat[, var])"},
    {"__RandomDate", 3, 5, NULL, fn_random_date,
     "random day in [start, end) (format, start, end[, locale[, var]])"},
    {0},
};
