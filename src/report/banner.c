/* banner.c - the console lines of a CLI run around the summariser output
 * (JMeter 5.5+ wording). JMeter's "Waiting for possible Shutdown/StopTestNow/
 * HeapDump/ThreadDump message on port 4445" line has no counterpart: we
 * listen on no such port. */
#include <inttypes.h>
#include "jmx2run/report.h"

void report_banner_creating_summariser(struct strbuf *out, const char *name)
{
    strbuf_addf(out, "Creating summariser <%s>\n", name);
}

void report_banner_created_tree(struct strbuf *out, const char *test_file)
{
    strbuf_addf(out, "Created the tree successfully using %s\n", test_file);
}

/* "<text> @ 2026 Nov 26 17:30:52 UTC (1795714252000)" */
static void dated_line(struct strbuf *out, const char *text, int64_t now_ms)
{
    strbuf_adds(out, text);
    strbuf_adds(out, " @ ");
    report_banner_date(now_ms, out);
    strbuf_addf(out, " (%" PRId64 ")\n", now_ms);
}

void report_banner_starting(struct strbuf *out, int64_t now_ms)
{
    dated_line(out, "Starting standalone test", now_ms);
}

void report_banner_tidying_up(struct strbuf *out, int64_t now_ms)
{
    dated_line(out, "Tidying up ...   ", now_ms);
}

void report_banner_end_of_run(struct strbuf *out)
{
    strbuf_adds(out, "... end of run\n");
}
