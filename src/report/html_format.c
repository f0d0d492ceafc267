/* html_format.c - numbers, durations and dates as the page shows them. The
 * texts never depend on the locale: a dot for decimals, a comma between
 * thousands, dates in the local time zone through report_datefmt. */
#include <math.h>
#include <stdio.h>
#include "html_internal.h"

void html_fmt_fixed(struct strbuf *out, double v, int decimals)
{
    if (!isfinite(v)) {
        strbuf_adds(out, "n/a");
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    /* snprintf follows LC_NUMERIC; the page always uses a dot. */
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    strbuf_adds(out, buf);
}

void html_fmt_count(struct strbuf *out, uint64_t v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            strbuf_addc(out, ',');
        strbuf_addc(out, digits[i]);
    }
}

void html_fmt_percent(struct strbuf *out, uint64_t part, uint64_t whole)
{
    html_fmt_fixed(out, whole ? 100.0 * (double)part / (double)whole : 0.0, 2);
    strbuf_addc(out, '%');
}

void html_fmt_duration(struct strbuf *out, int64_t ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 1000) {
        strbuf_addf(out, "%lld ms", (long long)ms);
        return;
    }
    int64_t s = (ms + 500) / 1000;
    int64_t d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
    s %= 60;
    if (d)
        strbuf_addf(out, "%lld d %lld h %02lld min %02lld s", (long long)d, (long long)h,
                    (long long)m, (long long)s);
    else if (h)
        strbuf_addf(out, "%lld h %02lld min %02lld s", (long long)h, (long long)m, (long long)s);
    else if (m)
        strbuf_addf(out, "%lld min %02lld s", (long long)m, (long long)s);
    else
        strbuf_addf(out, "%lld s", (long long)s);
}

void html_fmt_span(struct strbuf *out, int64_t ms)
{
    if (ms % 86400000 == 0)
        strbuf_addf(out, "%lld day%s", (long long)(ms / 86400000), ms == 86400000 ? "" : "s");
    else if (ms % 3600000 == 0)
        strbuf_addf(out, "%lld h", (long long)(ms / 3600000));
    else if (ms % 60000 == 0)
        strbuf_addf(out, "%lld min", (long long)(ms / 60000));
    else if (ms % 1000 == 0)
        strbuf_addf(out, "%lld s", (long long)(ms / 1000));
    else
        strbuf_addf(out, "%lld ms", (long long)ms);
}

void html_fmt_date(struct strbuf *out, int64_t ms, const char *pattern)
{
    struct report_datefmt *f = report_datefmt_compile(pattern, NULL);
    if (!f) {
        strbuf_addf(out, "%lld", (long long)ms);
        return;
    }
    report_datefmt_format(f, ms, out);
    report_datefmt_free(f);
}
