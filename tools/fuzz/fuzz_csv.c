/* fuzz_csv.c - libFuzzer target for the CSV Data Set reader (src/run/csv_reader.c).
 *
 * The first byte picks the mode (quoted records or plain lines split on a
 * literal delimiter) and the delimiter (',', TAB, ';', '|' or the two-character
 * "::"); the rest is the file's text. Every record must come back as fields
 * that are NUL-terminated strings inside the field buffer, each no longer than
 * the input (a NUL byte in the file ends the variable's value early, as C
 * strings do), and the reader must reach the end of the input in at most one
 * read per input byte plus one (a read never makes no progress). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/run/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_fields(const struct csv_fields *f, size_t limit)
{
    for (size_t i = 0; i < f->n; i++) {
        const char *s = csv_field(f, i);
        if (!s || strlen(s) > csv_field_len(f, i) || csv_field_len(f, i) > limit)
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const delims[] = { ",", "\t", ";", "|", "::" };
    uint8_t mode = data[0];
    const char *delim = delims[(mode >> 1) % 5];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    struct csv_reader *r = csv_reader_from_memory(text, len);
    struct csv_fields fields;
    csv_fields_init(&fields);
    struct strbuf line, why;
    strbuf_init(&line);
    strbuf_init(&why);
    size_t reads = 0;
    for (;;) {
        if (++reads > len + 2)
            __builtin_trap();   /* no progress */
        csv_fields_reset(&fields);
        strbuf_reset(&why);
        enum csv_read got;
        if (mode & 1) {
            got = csv_reader_record(r, csv_first_code_point(delim), &fields, &why);
        } else {
            strbuf_reset(&line);
            got = csv_reader_line(r, &line, &why);
            if (got == CSV_READ_OK) {
                csv_split_literal(line.s, line.len, delim, &fields);
                /* the header line of a quoted file goes through this parser */
                struct csv_fields header;
                csv_fields_init(&header);
                struct strbuf hwhy;
                strbuf_init(&hwhy);
                csv_split_quoted(line.s, line.len, csv_first_code_point(delim), &header, &hwhy);
                check_fields(&header, len);
                csv_fields_free(&header);
                strbuf_free(&hwhy);
            }
        }
        if (got == CSV_READ_EOF)
            break;
        if (got == CSV_READ_ERROR && why.len == 0)
            __builtin_trap();   /* an error always says why */
        check_fields(&fields, len);
    }
    if (!csv_reader_at_eof(r))
        __builtin_trap();
    csv_fields_free(&fields);
    strbuf_free(&line);
    strbuf_free(&why);
    csv_reader_close(r);
    return 0;
}
