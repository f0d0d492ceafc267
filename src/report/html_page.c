/* html_page.c - the frame of the report page: head and style sheet, the top
 * banner with links to the sections, the test and report information, the
 * requests summary (pass/fail ring and key figures) and the closing tags.
 * Everything is inline: the page needs no other file and no network. */
#include <string.h>
#include <time.h>
#include "html_internal.h"

#ifndef JMX2RUN_VERSION
#define JMX2RUN_VERSION "dev"
#endif

static const char style[] =
    ":root{--fg:#1f2933;--muted:#5f6b7a;--line:#dde2e8;--bg:#f4f6f9;--card:#fff;"
    "--accent:#2f6db5;--ok:#3a9a4b;--bad:#c23b3b}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',"
    "Arial,'Noto Sans',sans-serif;color:var(--fg);background:var(--bg)}\n"
    "header{background:#1f3a5f;color:#fff;padding:18px 28px 0}\n"
    "header h1{margin:0;font-size:22px;font-weight:600;white-space:pre-wrap;"
    "word-break:break-word}\n"
    "header p{margin:4px 0 12px;color:#c9d6e6;font-size:13px;word-break:break-all}\n"
    "nav{display:flex;flex-wrap:wrap;gap:2px}\n"
    "nav a{color:#dbe6f3;text-decoration:none;padding:7px 12px;font-size:13px;"
    "border-radius:6px 6px 0 0}\n"
    "nav a:hover{background:#2c4c75;color:#fff}\n"
    "main{max-width:1240px;margin:0 auto;padding:20px 28px 40px}\n"
    ".card{background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "padding:16px 20px;margin:0 0 20px}\n"
    "h2{font-size:17px;margin:0 0 8px}\n"
    "h2 small,figcaption small{font-weight:400;color:var(--muted);font-size:12.5px}\n"
    "#charts>h2{margin:8px 0 4px}\n"
    ".note{color:var(--muted);font-size:12.5px;margin:0 0 10px}\n"
    ".ok{color:var(--ok);font-weight:600;margin:0}\n"
    ".cols{display:grid;grid-template-columns:1.2fr 1fr;gap:20px}\n"
    "@media (max-width:900px){.cols{grid-template-columns:1fr}}\n"
    "dl.info{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0;"
    "font-size:13.5px}\n"
    "dl.info dt{color:var(--muted)}dl.info dd{margin:0;word-break:break-word}\n"
    ".summary{display:flex;gap:20px;align-items:center;flex-wrap:wrap}\n"
    ".donut{width:150px;height:150px;flex:none}\n"
    ".donut-big{font-size:22px;font-weight:600;text-anchor:middle;fill:var(--fg)}\n"
    ".donut-small{font-size:12px;text-anchor:middle;fill:var(--muted)}\n"
    ".tiles{flex:1;display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));"
    "gap:10px}\n"
    ".tile{border:1px solid var(--line);border-radius:8px;padding:8px 12px}\n"
    ".tile span{display:block;color:var(--muted);font-size:12px}\n"
    ".tile b{display:block;font-size:19px;font-weight:600;font-variant-numeric:tabular-nums}\n"
    ".tile.bad b{color:var(--bad)}\n"
    ".scroll{overflow-x:auto}\n"
    "table.grid{border-collapse:collapse;width:100%;font-size:13px}\n"
    "table.grid th{background:#eef2f6;font-weight:600;text-align:right;padding:6px 8px;"
    "border-bottom:1px solid var(--line);white-space:nowrap}\n"
    "table.grid th[colspan]{text-align:center}\n"
    "table.grid th.label{text-align:left}\n"
    "table.grid td{padding:5px 8px;border-bottom:1px solid #edf0f3;vertical-align:top}\n"
    "table.grid tbody tr:nth-child(even){background:#fafbfc}\n"
    "table.grid tbody tr:hover{background:#f1f5fb}\n"
    "table.grid tr.total td{font-weight:600;background:#eef3f9}\n"
    "table.top5 tbody.group{border-top:2px solid #cfd6de}\n"
    "table.top5 tbody tr:nth-child(even){background:none}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.label{text-align:left;white-space:pre-wrap;word-break:break-word;min-width:140px;"
    "max-width:340px}\n"
    "td.msg{white-space:pre-wrap;word-break:break-word;max-width:380px;font-size:12.5px}\n"
    "td.bad{color:var(--bad);font-weight:600}\n"
    ".tag{font-size:10.5px;font-weight:500;background:#e6edf7;color:#2f5d97;border-radius:4px;"
    "padding:1px 5px;white-space:nowrap}\n"
    "table.grid td.apdex{font-size:12px;font-weight:600;width:110px}\n"
    "table.grid td.apdex.excellent{background:#d7efdc;color:#1f6b30}\n"
    "table.grid td.apdex.good{background:#e5f3d6;color:#3d6b1f}\n"
    "table.grid td.apdex.fair{background:#fbf0cc;color:#7a5b00}\n"
    "table.grid td.apdex.poor{background:#fcdcc4;color:#8a4000}\n"
    "table.grid td.apdex.unacceptable{background:#f7cfcf;color:#9b1c1c}\n"
    "figure.card{margin:0 0 20px}\n"
    "figcaption{font-weight:600;font-size:15px;margin-bottom:6px}\n"
    "svg.chart{width:100%;height:auto;display:block}\n"
    "svg.chart text{font-size:11px;fill:#5f6b7a}\n"
    "svg.chart .yl{text-anchor:end}svg.chart .xl{text-anchor:middle}\n"
    "svg.chart .unit{text-anchor:end;font-weight:600}\n"
    "svg.chart .empty{text-anchor:middle;font-size:14px}\n"
    "svg.chart .grid{stroke:#e8ebef;stroke-width:1}\n"
    "svg.chart .axis,svg.chart .tick{stroke:#9aa5b1;stroke-width:1}\n"
    "svg.chart .line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}\n"
    "svg.chart .hover{fill:transparent}svg.chart .hover:hover{fill:rgba(47,109,181,.08)}\n"
    "svg.chart .bar{fill:#2f6db5}svg.chart .bar:hover{fill:#1d4e89}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12.5px;margin-top:6px;"
    "white-space:pre-wrap}\n"
    ".legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;"
    "vertical-align:-1px}\n"
    "footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 24px}\n";

static void esc(struct strbuf *out, const char *s)
{
    html_escape(out, s, strlen(s));
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void html_page_begin(struct strbuf *out, const struct html_data *d, const char *jtl_path)
{
    const char *title = d->opts.title && *d->opts.title ? d->opts.title : "jmx2run report";
    strbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"jmx2run " JMX2RUN_VERSION "\">\n"
                     "<title>");
    esc(out, title);
    strbuf_adds(out, "</title>\n<style>\n");
    strbuf_adds(out, style);
    strbuf_adds(out, "</style>\n</head>\n<body>\n<header><h1>");
    esc(out, title);
    strbuf_adds(out, "</h1><p>Results from ");
    esc(out, jtl_path);
    strbuf_adds(out, ", report made by jmx2run " JMX2RUN_VERSION " on ");
    html_fmt_date(out, now_ms(), "yyyy-MM-dd HH:mm:ss z");
    strbuf_adds(out, "</p><nav><a href=\"#summary\">Summary</a><a href=\"#apdex\">APDEX</a>"
                     "<a href=\"#statistics\">Statistics</a><a href=\"#errors\">Errors</a>");
    if (d->n_kinds)
        strbuf_adds(out, "<a href=\"#top5\">Top 5 errors</a>");
    strbuf_adds(out, "<a href=\"#charts\">Charts</a></nav></header>\n<main>\n");
}

static void dt(struct strbuf *out, const char *term)
{
    strbuf_adds(out, "<dt>");
    strbuf_adds(out, term);
    strbuf_adds(out, "</dt><dd>");
}

static void delimiter_name(struct strbuf *out, char c)
{
    if (c == ',')
        strbuf_adds(out, "comma");
    else if (c == '\t')
        strbuf_adds(out, "tab");
    else if (c == ';')
        strbuf_adds(out, "semicolon");
    else {
        strbuf_adds(out, "&ldquo;");
        html_escape(out, &c, 1);
        strbuf_adds(out, "&rdquo;");
    }
}

void html_page_info(struct strbuf *out, const struct html_data *d, const char *jtl_path)
{
    const struct stats_row *total = stats_table_total(d->requests);
    strbuf_adds(out, "<section id=\"summary\" class=\"cols\">\n<div class=\"card\">"
                     "<h2>Test and report information</h2><dl class=\"info\">");
    dt(out, "Results file");
    esc(out, jtl_path);
    strbuf_adds(out, " <small>(");
    if (d->rows || d->has_header) {
        strbuf_adds(out, d->has_header ? "header line" : "no header line");
        strbuf_addf(out, ", %zu columns, ", d->fields);
        delimiter_name(out, d->delimiter);
    } else {
        strbuf_adds(out, "empty");
    }
    strbuf_adds(out, ")</small></dd>");
    if (d->rows) {
        dt(out, "Start");
        html_fmt_date(out, d->first_ms, "yyyy-MM-dd HH:mm:ss z");
        strbuf_adds(out, "</dd>");
        dt(out, "End");
        html_fmt_date(out, d->last_ms, "yyyy-MM-dd HH:mm:ss z");
        strbuf_adds(out, "</dd>");
        dt(out, "Duration");
        html_fmt_duration(out, d->last_ms - d->first_ms);
        strbuf_adds(out, "</dd>");
    }
    dt(out, "Samples");
    html_fmt_count(out, (uint64_t)total->count);
    strbuf_adds(out, " requests");
    if (d->tc_rows) {
        strbuf_adds(out, ", ");
        html_fmt_count(out, d->tc_rows);
        strbuf_adds(out, " transaction samples");
    }
    strbuf_adds(out, "</dd>");
    if (d->sub_rows || d->opts.include_subresults) {
        dt(out, "Sub-results");
        if (d->opts.include_subresults) {
            strbuf_adds(out, "counted as samples under their own labels (&ldquo;label-n&rdquo;)");
        } else {
            html_fmt_count(out, d->sub_rows);
            strbuf_adds(out, " lines (&ldquo;label-n&rdquo; after their parent): counted in hits "
                             "and codes per second only, their parent already holds their time "
                             "and bytes");
        }
        strbuf_adds(out, "</dd>");
    }
    if (d->empty_tc_rows) {
        dt(out, "Ignored");
        html_fmt_count(out, d->empty_tc_rows);
        strbuf_adds(out, " empty transaction samples (no sampler ran)</dd>");
    }
    dt(out, "APDEX thresholds");
    strbuf_addf(out, "satisfied (T) &le; %lld ms, tolerated (F) &le; %lld ms</dd>",
                (long long)d->opts.apdex_satisfied_ms, (long long)d->opts.apdex_tolerated_ms);
    dt(out, "Percentiles");
    strbuf_adds(out, "JMeter&rsquo;s method, from a histogram exact below 256 ms and within "
                     "0.78% above</dd>");
    strbuf_adds(out, "</dl></div>\n");
}

static void tile(struct strbuf *out, const char *name, const char *value, bool bad)
{
    strbuf_addf(out, "<div class=\"tile%s\"><span>%s</span><b>%s</b></div>", bad ? " bad" : "",
                name, value);
}

void html_page_summary(struct strbuf *out, const struct html_data *d)
{
    const struct stats_row *t = stats_table_total(d->requests);
    uint64_t fail = (uint64_t)t->errors, pass = (uint64_t)t->count - fail;
    strbuf_adds(out, "<div class=\"card\"><h2>Requests summary <small>Transaction Controller "
                     "samples left out</small></h2><div class=\"summary\">");
    svg_donut(out, pass, fail);
    strbuf_adds(out, "<div class=\"tiles\">");
    struct strbuf v;
    strbuf_init(&v);
    html_fmt_count(&v, pass);
    tile(out, "Passed", v.s, false);
    strbuf_reset(&v);
    html_fmt_count(&v, fail);
    strbuf_adds(&v, " <small>(");
    html_fmt_percent(&v, fail, (uint64_t)t->count);
    strbuf_adds(&v, ")</small>");
    tile(out, "Failed", v.s, fail > 0);
    strbuf_reset(&v);
    double tps = stats_row_throughput(t);
    if (tps < 0)
        strbuf_adds(&v, "n/a");
    else
        html_fmt_fixed(&v, tps, 2);
    tile(out, "Throughput /s", v.s, false);
    strbuf_reset(&v);
    html_fmt_fixed(&v, t->count ? (double)t->sum_ms / (double)t->count : 0.0, 1);
    strbuf_adds(&v, " ms");
    tile(out, "Average", v.s, false);
    static const struct {
        const char *name;
        double p;
    } pct[] = { { "Median", 0.5 }, { "90th percentile", 0.9 }, { "99th percentile", 0.99 } };
    for (size_t i = 0; i < ARRAY_LEN(pct); i++) {
        strbuf_reset(&v);
        strbuf_addf(&v, "%lld ms", (long long)histogram_percentile(&t->elapsed, pct[i].p));
        tile(out, pct[i].name, v.s, false);
    }
    strbuf_reset(&v);
    strbuf_addf(&v, "%lld ms", (long long)(t->count ? t->elapsed.max : 0));
    tile(out, "Max", v.s, false);
    strbuf_free(&v);
    strbuf_adds(out, "</div></div></div>\n</section>\n");
}

void html_page_end(struct strbuf *out)
{
    strbuf_adds(out, "</main>\n<footer>jmx2run " JMX2RUN_VERSION
                     " &middot; one self-contained page, no scripts</footer>\n</body>\n</html>\n");
}
