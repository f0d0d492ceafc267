/* html_svg.c - the page's charts, drawn as inline SVG: line charts over time,
 * a bar chart and a pass/fail ring. Axes get "nice" steps (1, 2 or 5 times a
 * power of ten; round clock times on the x axis). Hovering a time slot or a
 * bar shows its values through SVG <title> elements, so no script is needed. */
#include <math.h>
#include <string.h>
#include "html_internal.h"

#define W 960.0
#define H 260.0
#define ML 60.0         /* margins: left (y labels), right, top, bottom (x labels) */
#define MR 24.0
#define MT 26.0
#define MB 30.0

static const char *const palette[] = {
    "#2f6db5", "#e07b24", "#3a9a4b", "#c23b3b", "#7b52ab",
    "#8c6d31", "#d6569c", "#5f6b73", "#a89a12", "#1b9aaa",
};

const char *html_color(size_t i)
{
    return palette[i % ARRAY_LEN(palette)];
}

/* A step of 1, 2 or 5 times a power of ten giving about five intervals to max. */
static double nice_step(double max)
{
    if (!(max > 0))
        return 1.0;
    double raw = max / 5.0;
    double mag = pow(10.0, floor(log10(raw)));
    double norm = raw / mag;
    double f = norm <= 1.0 ? 1.0 : norm <= 2.0 ? 2.0 : norm <= 5.0 ? 5.0 : 10.0;
    return f * mag;
}

static int decimals_for(double step)
{
    if (step >= 1.0)
        return 0;
    int d = (int)ceil(-log10(step) - 1e-9);
    return d > 6 ? 6 : d;
}

static void num(struct strbuf *out, double v)
{
    html_fmt_fixed(out, v, 1);
}

/* Horizontal grid lines and their labels; returns the top of the scale. */
static double y_axis(struct strbuf *out, double max, const char *unit)
{
    double step = nice_step(max);
    double top = step * ceil(max / step);
    if (!(top > 0))
        top = step;
    int dec = decimals_for(step);
    double ph = H - MT - MB;
    for (int i = 0; i * step <= top * (1 + 1e-9) && i <= 20; i++) {
        double v = i * step;
        double y = MT + ph - v / top * ph;
        strbuf_adds(out, "<line class=\"grid\" x1=\"");
        num(out, ML);
        strbuf_adds(out, "\" x2=\"");
        num(out, W - MR);
        strbuf_adds(out, "\" y1=\"");
        num(out, y);
        strbuf_adds(out, "\" y2=\"");
        num(out, y);
        strbuf_adds(out, "\"/><text class=\"yl\" x=\"");
        num(out, ML - 6);
        strbuf_adds(out, "\" y=\"");
        num(out, y + 4);
        strbuf_adds(out, "\">");
        if (dec == 0 && v < 1e18)
            html_fmt_count(out, (uint64_t)(v + 0.5));
        else
            html_fmt_fixed(out, v, dec);
        strbuf_adds(out, "</text>");
    }
    if (unit && *unit) {
        strbuf_adds(out, "<text class=\"unit\" x=\"");
        num(out, ML - 6);
        strbuf_adds(out, "\" y=\"");
        num(out, MT - 12);
        strbuf_adds(out, "\">");
        html_escape(out, unit, strlen(unit));
        strbuf_adds(out, "</text>");
    }
    return top;
}

static const int64_t tick_steps[] = {
    1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000,
    3600000, 7200000, 10800000, 21600000, 43200000, 86400000, 172800000, 604800000,
};

/* Vertical ticks at round clock times. */
static void x_axis(struct strbuf *out, int64_t x0, int64_t x1)
{
    int64_t span = x1 - x0;
    int64_t t = tick_steps[ARRAY_LEN(tick_steps) - 1];
    for (size_t i = 0; i < ARRAY_LEN(tick_steps); i++)
        if (span / tick_steps[i] <= 8) {
            t = tick_steps[i];
            break;
        }
    while (span / t > 8 && t < INT64_MAX / 2)
        t *= 2;
    const char *pattern = span > 86400000 ? "MM-dd HH:mm" : t < 60000 ? "HH:mm:ss" : "HH:mm";
    double pw = W - ML - MR;
    int64_t first = x0 % t == 0 ? x0 : x0 - (((x0 % t) + t) % t) + t;
    int guard = 0;
    for (int64_t v = first; v <= x1 && guard < 40; v += t, guard++) {
        double x = ML + (double)(v - x0) / (double)span * pw;
        strbuf_adds(out, "<line class=\"tick\" x1=\"");
        num(out, x);
        strbuf_adds(out, "\" x2=\"");
        num(out, x);
        strbuf_adds(out, "\" y1=\"");
        num(out, H - MB);
        strbuf_adds(out, "\" y2=\"");
        num(out, H - MB + 4);
        /* Labels at the ends are anchored inside the picture. */
        bool at_end = x > W - MR - 30;
        strbuf_addf(out, "\"/><text class=\"xl\"%s x=\"",
                    at_end ? " style=\"text-anchor:end\"" : "");
        num(out, at_end ? W - 2 : x);
        strbuf_adds(out, "\" y=\"");
        num(out, H - MB + 17);
        strbuf_adds(out, "\">");
        html_fmt_date(out, v, pattern);
        strbuf_adds(out, "</text>");
        if (v > INT64_MAX - t)
            break;
    }
}

static void svg_open(struct strbuf *out, const char *aria)
{
    strbuf_addf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
                (int)W, (int)H);
    html_escape(out, aria, strlen(aria));
    strbuf_adds(out, "\">");
}

static void frame(struct strbuf *out)
{
    strbuf_adds(out, "<line class=\"axis\" x1=\"");
    num(out, ML);
    strbuf_adds(out, "\" x2=\"");
    num(out, W - MR);
    strbuf_adds(out, "\" y1=\"");
    num(out, H - MB);
    strbuf_adds(out, "\" y2=\"");
    num(out, H - MB);
    strbuf_adds(out, "\"/>");
}

/* A point sits in the middle of its time slot. */
static double point_x(const struct svg_line_chart *c, size_t i, int64_t x0, int64_t x1)
{
    double pw = W - ML - MR;
    return ML + ((double)(c->x_ms[i] - x0) + (double)c->step_ms / 2) / (double)(x1 - x0) * pw;
}

static double point_y(double v, double top)
{
    double ph = H - MT - MB;
    return MT + ph - (v < 0 ? 0 : v) / top * ph;
}

void svg_line_chart(struct strbuf *out, const struct svg_line_chart *c)
{
    svg_open(out, c->aria);
    if (c->n == 0) {
        strbuf_addf(out, "<text class=\"empty\" x=\"%d\" y=\"%d\">no data</text></svg>",
                    (int)(W / 2), (int)(H / 2));
        return;
    }
    double max = 0;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->n; i++)
            if (isfinite(c->series[s].y[i]) && c->series[s].y[i] > max)
                max = c->series[s].y[i];
    double top = y_axis(out, max, c->y_unit);
    int64_t x0 = c->x_ms[0], x1 = c->x_ms[c->n - 1] + c->step_ms;
    if (x1 <= x0)
        x1 = x0 + 1;
    x_axis(out, x0, x1);
    frame(out);
    double pw = W - ML - MR, ph = H - MT - MB;
    double slot = (double)c->step_ms / (double)(x1 - x0) * pw;
    for (size_t s = 0; s < c->n_series; s++) {
        const double *y = c->series[s].y;
        const char *color = c->series[s].color ? c->series[s].color : html_color(s);
        /* Lines through runs of values, then dots: on every point of a short
         * series, and on points with no neighbour (a line needs two). */
        bool open = false;
        for (size_t i = 0; i <= c->n; i++) {
            if (i == c->n || !isfinite(y[i])) {
                if (open)
                    strbuf_adds(out, "\"/>");
                open = false;
                continue;
            }
            if (!open)
                strbuf_addf(out, "<polyline class=\"line\" stroke=\"%s\" points=\"", color);
            else
                strbuf_addc(out, ' ');
            open = true;
            num(out, point_x(c, i, x0, x1));
            strbuf_addc(out, ',');
            num(out, point_y(y[i], top));
        }
        for (size_t i = 0; i < c->n; i++) {
            if (!isfinite(y[i]))
                continue;
            bool alone = (i == 0 || !isfinite(y[i - 1])) && (i + 1 >= c->n || !isfinite(y[i + 1]));
            if (!alone && c->n > 60)
                continue;
            strbuf_addf(out, "<circle r=\"%s\" fill=\"%s\" cx=\"", c->n <= 60 ? "2.5" : "2", color);
            num(out, point_x(c, i, x0, x1));
            strbuf_adds(out, "\" cy=\"");
            num(out, point_y(y[i], top));
            strbuf_adds(out, "\"/>");
        }
    }
    /* One transparent slot per bucket: hovering it shows the values. */
    for (size_t i = 0; i < c->n; i++) {
        double px = ML + (double)(c->x_ms[i] - x0) / (double)(x1 - x0) * pw;
        strbuf_adds(out, "<rect class=\"hover\" x=\"");
        num(out, px);
        strbuf_adds(out, "\" y=\"");
        num(out, MT);
        strbuf_adds(out, "\" width=\"");
        num(out, slot);
        strbuf_adds(out, "\" height=\"");
        num(out, ph);
        strbuf_adds(out, "\"><title>");
        html_fmt_date(out, c->x_ms[i], "HH:mm:ss");
        for (size_t s = 0; s < c->n_series; s++) {
            strbuf_adds(out, "\n");
            html_escape(out, c->series[s].name, strlen(c->series[s].name));
            strbuf_adds(out, ": ");
            html_fmt_fixed(out, c->series[s].y[i], 2);
        }
        strbuf_adds(out, "</title></rect>");
    }
    strbuf_adds(out, "</svg>");
}

void svg_bar_chart(struct strbuf *out, const uint64_t *counts, const char *const *labels,
                   size_t n, size_t label_every, const char *x_title, const char *aria)
{
    svg_open(out, aria);
    if (n == 0) {
        strbuf_addf(out, "<text class=\"empty\" x=\"%d\" y=\"%d\">no data</text></svg>",
                    (int)(W / 2), (int)(H / 2));
        return;
    }
    uint64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (counts[i] > max)
            max = counts[i];
    double top = y_axis(out, (double)max, "samples");
    frame(out);
    double pw = W - ML - MR, ph = H - MT - MB;
    double bw = pw / (double)n;
    if (label_every == 0)
        label_every = 1;
    for (size_t i = 0; i < n; i++) {
        double x = ML + (double)i * bw;
        double h = (double)counts[i] / top * ph;
        strbuf_adds(out, "<rect class=\"bar\" x=\"");
        num(out, x + (bw > 4 ? 1 : 0));
        strbuf_adds(out, "\" y=\"");
        num(out, MT + ph - h);
        strbuf_adds(out, "\" width=\"");
        num(out, bw > 4 ? bw - 2 : bw);
        strbuf_adds(out, "\" height=\"");
        num(out, h);
        strbuf_adds(out, "\"><title>");
        html_escape(out, labels[i], strlen(labels[i]));
        strbuf_adds(out, ": ");
        html_fmt_count(out, counts[i]);
        strbuf_adds(out, "</title></rect>");
        if (i % label_every == 0) {
            strbuf_adds(out, "<text class=\"xl\" x=\"");
            num(out, x + bw / 2);
            strbuf_adds(out, "\" y=\"");
            num(out, H - MB + 17);
            strbuf_adds(out, "\">");
            html_escape(out, labels[i], strlen(labels[i]));
            strbuf_adds(out, "</text>");
        }
    }
    if (x_title && *x_title) {
        strbuf_adds(out, "<text class=\"unit\" x=\"");
        num(out, W - MR);
        strbuf_adds(out, "\" y=\"");
        num(out, MT - 12);
        strbuf_adds(out, "\">");
        html_escape(out, x_title, strlen(x_title));
        strbuf_adds(out, "</text>");
    }
    strbuf_adds(out, "</svg>");
}

void svg_donut(struct strbuf *out, uint64_t pass, uint64_t fail)
{
    const double r = 60.0, c = 2 * M_PI * r;
    uint64_t total = pass + fail;
    strbuf_adds(out, "<svg class=\"donut\" viewBox=\"0 0 160 160\" role=\"img\" "
                     "aria-label=\"passed and failed samples\">"
                     "<circle cx=\"80\" cy=\"80\" r=\"60\" fill=\"none\" stroke=\"#e3e6ea\" "
                     "stroke-width=\"22\"/>");
    if (total) {
        double fail_len = c * (double)fail / (double)total;
        double pass_len = c - fail_len;
        /* Arcs start at 12 o'clock and run clockwise. */
        strbuf_adds(out, "<g transform=\"rotate(-90 80 80)\">");
        if (pass) {
            strbuf_adds(out, "<circle cx=\"80\" cy=\"80\" r=\"60\" fill=\"none\" "
                             "stroke=\"#3a9a4b\" stroke-width=\"22\" stroke-dasharray=\"");
            html_fmt_fixed(out, pass_len, 2);
            strbuf_addc(out, ' ');
            html_fmt_fixed(out, c, 2);
            strbuf_adds(out, "\"><title>Pass: ");
            html_fmt_count(out, pass);
            strbuf_adds(out, "</title></circle>");
        }
        if (fail) {
            strbuf_adds(out, "<circle cx=\"80\" cy=\"80\" r=\"60\" fill=\"none\" "
                             "stroke=\"#c23b3b\" stroke-width=\"22\" stroke-dasharray=\"");
            html_fmt_fixed(out, fail_len, 2);
            strbuf_addc(out, ' ');
            html_fmt_fixed(out, c, 2);
            strbuf_adds(out, "\" stroke-dashoffset=\"");
            html_fmt_fixed(out, -pass_len, 2);
            strbuf_adds(out, "\"><title>Fail: ");
            html_fmt_count(out, fail);
            strbuf_adds(out, "</title></circle>");
        }
        strbuf_adds(out, "</g>");
    }
    strbuf_adds(out, "<text x=\"80\" y=\"78\" class=\"donut-big\">");
    html_fmt_percent(out, pass, total);
    strbuf_adds(out, "</text><text x=\"80\" y=\"98\" class=\"donut-small\">passed</text></svg>");
}

void html_legend(struct strbuf *out, const struct svg_series *series, size_t n)
{
    strbuf_adds(out, "<div class=\"legend\">");
    for (size_t i = 0; i < n; i++) {
        strbuf_addf(out, "<span><i style=\"background:%s\"></i>",
                    series[i].color ? series[i].color : html_color(i));
        html_escape(out, series[i].name, strlen(series[i].name));
        strbuf_adds(out, "</span>");
    }
    strbuf_adds(out, "</div>");
}
