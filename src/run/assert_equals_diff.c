/* assert_equals_diff.c - the difference block of a failed "equals" Response Assertion.
 *
 * JMeter shows where the received text and the expected one part ways: the common
 * start, then the differing middle between the delta markers, then the common end,
 * each part cut to the section length with "..." (the start keeps its last characters,
 * the others their first ones), the shorter middle padded with spaces:
 *
 *   "\n\n****** received  : <start>[[[<middle>]]]<end>\n\n"
 *   "****** comparison: <start>[[[<middle>]]]<end>\n\n"
 *
 * Java works on UTF-16 units, so the text is converted to them and back; a surrogate
 * pair cut in half comes out as '?', as Java's UTF-8 encoder writes it. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

struct u16 {
    uint16_t *u;
    size_t n;
};

static struct u16 to_utf16(const char *s, size_t len)
{
    struct u16 r = {xmalloc((len + 1) * sizeof(uint16_t)), 0};
    const unsigned char *b = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        unsigned c = b[i];
        if (c < 0x80) {
            cp = c;
            i += 1;
        } else if (c < 0xE0 && i + 1 < len) {
            cp = ((uint32_t)(c & 0x1F) << 6) | (b[i + 1] & 0x3F);
            i += 2;
        } else if (c < 0xF0 && i + 2 < len) {
            cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
            i += 3;
        } else if (i + 3 < len) {
            cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(b[i + 1] & 0x3F) << 12) |
                 ((uint32_t)(b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
            i += 4;
        } else {
            cp = 0xFFFD;
            i += 1;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            r.u[r.n++] = (uint16_t)(0xD800 | (cp >> 10));
            r.u[r.n++] = (uint16_t)(0xDC00 | (cp & 0x3FF));
        } else {
            r.u[r.n++] = (uint16_t)cp;
        }
    }
    return r;
}

static void add_units(struct strbuf *out, const uint16_t *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = u[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00u);
            i++;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = '?';
        }
        utf8_put(out, cp);
    }
}

/* A section of UTF-16 text, possibly cut: "..." before (keep_end) or after it. */
struct section {
    const uint16_t *u;
    size_t n;                /* units shown */
    bool cut;
    bool keep_end;
};

static struct section cut(const uint16_t *u, size_t n, bool keep_end, size_t max)
{
    struct section s = {u, n, false, keep_end};
    if (n > max) {
        s.cut = true;
        if (keep_end)
            s.u = u + n - max;
        s.n = max;
    }
    return s;
}

static size_t section_len(const struct section *s)
{
    return s->n + (s->cut ? 3 : 0);
}

static void add_section(struct strbuf *out, const struct section *s)
{
    if (s->cut && s->keep_end)
        strbuf_adds(out, "...");
    add_units(out, s->u, s->n);
    if (s->cut && !s->keep_end)
        strbuf_adds(out, "...");
}

static void add_line(struct strbuf *out, const char *label, const struct section *start,
                     const char *delta_start, const struct section *middle, size_t pad,
                     const char *delta_end, const struct section *end)
{
    strbuf_adds(out, label);
    add_section(out, start);
    strbuf_adds(out, delta_start);
    add_section(out, middle);
    for (size_t i = 0; i < pad; i++)
        strbuf_addc(out, ' ');
    strbuf_adds(out, delta_end);
    add_section(out, end);
    strbuf_adds(out, "\n\n");
}

void equals_diff_text(const char *received, size_t rlen, const char *comparison, size_t clen,
                      long section_max, const char *delta_start, const char *delta_end,
                      struct strbuf *out)
{
    struct u16 rec = to_utf16(received, rlen), cmp = to_utf16(comparison, clen);
    size_t max = section_max > 0 ? (size_t)section_max : 0;
    size_t min = rec.n < cmp.n ? rec.n : cmp.n, first = 0;
    while (first < min && rec.u[first] == cmp.u[first])
        first++;
    struct section start = cut(rec.u, first, true, max);

    /* walk back from both ends while they agree, not past the first difference */
    size_t last_rec = rec.n, last_cmp = cmp.n;   /* one past the last differing unit */
    while (last_rec > first + 1 && last_cmp > first + 1 && rec.u[last_rec - 1] == cmp.u[last_cmp - 1]) {
        last_rec--;
        last_cmp--;
    }
    struct section end = cut(rec.u + last_rec, rec.n - last_rec, false, max);
    struct section rmid, cmid;
    if (end.n == 0) {
        rmid = cut(rec.u + first, rec.n - first, false, max);
        cmid = cut(cmp.u + first, cmp.n - first, false, max);
    } else {
        rmid = cut(rec.u + first, last_rec - first, false, max);
        cmid = cut(cmp.u + first, last_cmp - first, false, max);
    }
    size_t rl = section_len(&rmid), cl = section_len(&cmid);
    size_t rpad = rl > cl ? 0 : cl - rl, cpad = rl > cl ? rl - cl : 0;

    strbuf_adds(out, "\n\n");
    add_line(out, "****** received  : ", &start, delta_start, &rmid, rpad, delta_end, &end);
    add_line(out, "****** comparison: ", &start, delta_start, &cmid, cpad, delta_end, &end);
    free(rec.u);
    free(cmp.u);
}
