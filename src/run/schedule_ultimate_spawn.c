/* schedule_ultimate_spawn.c - the threads_schedule property of the Ultimate
 * Thread Group: "spawn(threads, delay, startup, hold, shutdown) spawn(...)".
 * Read as the plugin reads it: the text is cut at each ')', each chunk at '('
 * and ','; a chunk that is not a well-formed spawn is skipped with a warning. */
#include <ctype.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/schedule.h"
#include "jmx2run/util.h"

/* Java's String.trim: drops every char <= ' ' at both ends. */
static void trim(const char **s, size_t *len)
{
    while (*len && (unsigned char)**s <= ' ') {
        (*s)++;
        (*len)--;
    }
    while (*len && (unsigned char)(*s)[*len - 1] <= ' ')
        (*len)--;
}

/* Integer.parseInt: optional sign, ASCII digits, int range. */
static bool parse_int(const char *s, size_t len, int32_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (len && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == len)
        return false;
    int64_t v = 0;
    for (; i < len; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
        if (v > (int64_t)INT32_MAX + 1)
            return false;
    }
    if (neg)
        v = -v;
    if (v > INT32_MAX || v < INT32_MIN)
        return false;
    *out = (int32_t)v;
    return true;
}

/* The plugin's short durations: "1h30m", "90", "2d"; Java int arithmetic (wraps). */
static bool parse_short_duration(const char *s, size_t len, int32_t *out, char *bad)
{
    trim(&s, &len);
    uint32_t total = 0;
    size_t num_start = 0, num_len = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (isdigit((unsigned char)c)) {
            if (num_len == 0)
                num_start = i;
            num_len++;
            continue;
        }
        uint32_t mul;
        switch (c) {
        case 's': case 'S': mul = 1; break;
        case 'm': case 'M': mul = 60; break;
        case 'h': case 'H': mul = 3600; break;
        case 'd': case 'D': mul = 86400; break;
        default:
            *bad = c;
            return false;
        }
        int32_t n;
        if (!parse_int(s + num_start, num_len, &n))
            return false;
        total += (uint32_t)n * mul;
        num_len = 0;
    }
    if (num_len) {
        int32_t n;
        if (!parse_int(s + num_start, num_len, &n))
            return false;
        total += (uint32_t)n;
    }
    *out = (int32_t)total;
    return true;
}

/* One chunk "spawn(a,b,c,d,e" (its ')' already cut off). NULL on success,
 * otherwise why it was skipped (static text). */
static const char *parse_chunk(const char *s, size_t len, struct ultimate_row *row)
{
    /* split at '(' and ',' keeping the first six parts; like Java's split,
     * empty parts at the end do not count */
    const char *part[6];
    size_t plen[6], n = 0, count = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '(' && s[i] != ',')
            continue;
        if (count < 6) {
            part[count] = s + start;
            plen[count] = i - start;
        }
        count++;
        if (i > start)
            n = count;   /* parts up to the last non-empty one */
        start = i + 1;
    }
    if (n > 6)
        n = 6;
    const char *word = part[0];
    size_t wlen = n ? plen[0] : 0;
    trim(&word, &wlen);
    if (!(wlen == 5 && strncasecmp(word, "spawn", 5) == 0))
        return "unknown load type (expected spawn)";
    if (n < 6)
        return "fewer than 5 values";
    const char *t = part[1];
    size_t tlen = plen[1];
    trim(&t, &tlen);
    int32_t threads;
    if (!parse_int(t, tlen, &threads))
        return "the thread count is not an integer";
    int32_t v[4];
    for (int k = 0; k < 4; k++) {
        char bad = 0;
        if (!parse_short_duration(part[k + 2], plen[k + 2], &v[k], &bad))
            return bad ? "a duration has a letter other than s, m, h or d"
                       : "a duration is not a number";
    }
    row->threads = threads;
    row->initial_delay_s = v[0];
    row->startup_s = v[1];
    row->hold_s = v[2];
    row->shutdown_s = v[3];
    return NULL;
}

static bool blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] > ' ')
            return false;
    return true;
}

struct ultimate_row *ultimate_parse_spawns(const char *text, size_t *n_rows, char **warnings)
{
    struct ultimate_row *rows = NULL;
    size_t n = 0, cap = 0;
    struct strbuf warn;
    strbuf_init(&warn);
    size_t len = text ? strlen(text) : 0;
    /* Java's split drops the empty chunks at the end */
    while (len && text[len - 1] == ')')
        len--;
    size_t start = 0;
    for (size_t i = 0; text && i <= len; i++) {
        if (i < len && text[i] != ')')
            continue;
        const char *chunk = text + start;
        size_t clen = i - start;
        start = i + 1;
        if (len == 0)
            break;
        struct ultimate_row row;
        const char *why = parse_chunk(chunk, clen, &row);
        if (!why) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                rows = xrealloc(rows, cap * sizeof *rows);
            }
            rows[n++] = row;
        } else if (!blank(chunk, clen)) {
            size_t shown = clen > 60 ? 60 : clen;
            strbuf_addf(&warn, "%sthreads_schedule: ignored '%.*s%s)': %s", warn.len ? "; " : "",
                        (int)shown, chunk, shown < clen ? "..." : "", why);
        }
    }
    if (warnings)
        *warnings = warn.len ? strbuf_detach(&warn) : NULL;
    strbuf_free(&warn);
    *n_rows = n;
    return rows;
}
