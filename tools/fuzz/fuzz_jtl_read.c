/* fuzz_jtl_read.c - libFuzzer target for the JTL reader and the HTML report.
 *
 * The first byte picks reader options (delimiter guessed or forced, a column
 * list for headerless files or not, sub-results counted as samples or not);
 * the rest is the results file. Every input must either give a page that is
 * complete and free of raw control bytes, or be refused with a
 * "name:line: error:" message. The reader alone is also run to its end, and
 * every text it hands out must be a string within the input's size. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/html_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *open_input(const uint8_t *data, size_t size)
{
    /* fmemopen refuses a zero-sized buffer: an empty file is a temporary one. */
    if (size == 0)
        return tmpfile();
    return fmemopen((void *)data, size, "r");
}

static void check_text(const char *s, size_t limit)
{
    if (!s || strlen(s) > limit)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t mode = data[0];
    data++;
    size--;
    static const char delims[] = { 0, ',', '\t', ';' };
    struct html_report_options o;
    html_report_options_init(&o);
    o.delimiter = delims[mode & 3];
    o.include_subresults = (mode & 4) != 0;
    if (mode & 8)
        o.columns = (mode & 16) ? JTL_COLUMNS_213 : "timeStamp,elapsed,label,success,responseCode";
    if (mode & 32) {
        o.apdex_satisfied_ms = 0;
        o.apdex_tolerated_ms = 1;
    }

    /* The reader alone. */
    FILE *f = open_input(data, size);
    if (!f)
        return 0;
    struct jtl_read_options ro = { o.columns, o.delimiter };
    struct jtl_reader *r = jtl_reader_open_stream(f, "fuzz.jtl", &ro);
    struct strbuf err;
    strbuf_init(&err);
    struct jtl_row row;
    int got;
    while ((got = jtl_reader_next(r, &row, &err)) == 1) {
        check_text(row.label, size);
        check_text(row.response_code, size);
        check_text(row.response_message, size);
        check_text(row.thread_name, size);
        check_text(row.failure_message, size);
        if (row.line < 1 || row.sub_depth < 0)
            __builtin_trap();
    }
    if (got < 0 && strncmp(err.s, "fuzz.jtl:", 9) != 0)
        __builtin_trap();
    if (got == 0 && err.len)
        __builtin_trap();
    jtl_reader_close(r);
    fclose(f);

    /* The whole report, into memory. */
    f = open_input(data, size);
    if (!f)
        return 0;
    struct strbuf page;
    strbuf_init(&page);
    strbuf_reset(&err);
    int rc = html_report_render(f, "fuzz.jtl", &o, &page, &err);
    fclose(f);
    if (rc == 0) {
        static const char end[] = "</html>\n";
        if (page.len < sizeof end || strcmp(page.s + page.len - (sizeof end - 1), end) != 0)
            __builtin_trap();
        if (strlen(page.s) != page.len)
            __builtin_trap();       /* a NUL inside the page */
        for (size_t i = 0; i < page.len; i++) {
            unsigned char c = (unsigned char)page.s[i];
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
                __builtin_trap();
        }
    } else if (strncmp(err.s, "fuzz.jtl:", 9) != 0) {
        __builtin_trap();
    }
    strbuf_free(&page);
    strbuf_free(&err);
    return 0;
}
