/* pywriter.c - the Python source writer: indentation, PEP 8 blank lines and
 * the wrapping of long logical lines.
 *
 * The emitter hands over whole logical lines; a line wider than the limit is
 * split the way a person would: at the last bracket of the line with one
 * argument per line, before the " + " of a string concatenation, or inside a
 * long string literal (cut into adjacent literals, never inside an escape).
 * Only the writer's own output is parsed here, so the rules can be simple:
 * strings are quoted literals, brackets balance. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/emit.h"

void pyw_init(struct pyw *w)
{
    memset(w, 0, sizeof *w);
    strbuf_init(&w->out);
    w->width = 79;
    w->n_levels = 1;
    w->lines_at = xcalloc(64, sizeof *w->lines_at);
}

void pyw_free(struct pyw *w)
{
    strbuf_free(&w->out);
    free(w->lines_at);
    w->lines_at = NULL;
}

/* ------------------------------------------------------------ line output */

static void begin_line(struct pyw *w)
{
    if (w->any_line && !w->after_opener)
        for (int i = 0; i < w->pending_blank; i++)
            strbuf_addc(&w->out, '\n');
    w->pending_blank = 0;
    w->any_line = true;
    w->lines_at[w->indent]++;
}

static void raw_line(struct pyw *w, int cols, const char *prefix, const char *s, size_t n,
                     const char *suffix)
{
    for (int i = 0; i < cols; i++)
        strbuf_addc(&w->out, ' ');
    strbuf_adds(&w->out, prefix);
    strbuf_addn(&w->out, s, n);
    strbuf_adds(&w->out, suffix);
    strbuf_addc(&w->out, '\n');
}

/* ---------------------------------------------------------------- scanning */

/* Bracket depth before each character, and whether it lies in a literal. */
struct scan {
    int *depth;
    bool *in_str;
};

static void scan_text(const char *s, size_t n, struct scan *sc)
{
    sc->depth = xcalloc(n + 1, sizeof *sc->depth);
    sc->in_str = xcalloc(n + 1, sizeof *sc->in_str);
    int d = 0;
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\'' || c == '"') {
            size_t j = i + 1;
            while (j < n && s[j] != c)
                j += (s[j] == '\\' && j + 1 < n) ? 2 : 1;
            size_t end = j < n ? j + 1 : n;
            for (size_t k = i; k < end; k++) {
                sc->depth[k] = d;
                sc->in_str[k] = true;
            }
            i = end;
            continue;
        }
        sc->depth[i] = d;
        if (c == '(' || c == '[' || c == '{') {
            d++;
        } else if ((c == ')' || c == ']' || c == '}') && d > 0) {
            d--;
            sc->depth[i] = d;   /* a closing bracket belongs to the outer level */
        }
        i++;
    }
    sc->depth[n] = d;
}

static void scan_free(struct scan *sc)
{
    free(sc->depth);
    free(sc->in_str);
}

static bool at_plus(const char *s, size_t n, const struct scan *sc, size_t i, int depth)
{
    return i + 3 <= n && sc->depth[i] == depth && !sc->in_str[i] && !sc->in_str[i + 1] &&
           s[i] == ' ' && s[i + 1] == '+' && s[i + 2] == ' ';
}

static size_t trim_left(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* -------------------------------------------------------------- splitting */

static void put(struct pyw *w, int cols, const char *prefix, const char *s, size_t n,
                const char *suffix, bool bracketed);

/* A string literal cut into pieces that fit, never inside an escape or a
 * UTF-8 sequence; returns false when it is not one plain literal. */
static bool split_literal(struct pyw *w, int cols, const char *prefix, const char *s, size_t n,
                          const char *suffix)
{
    size_t start = 0;
    bool raw = false;
    if (n > 0 && s[0] == 'r') {
        raw = true;
        start = 1;
    }
    if (n < start + 2 || s[start] != '\'' || s[n - 1] != '\'')
        return false;
    /* check it is a single literal */
    for (size_t i = start + 1; i < n - 1; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '\'')
            return false;
    }
    int avail = w->width - cols - (int)strlen(prefix) - (int)strlen(suffix) - (raw ? 3 : 2);
    if (avail < 20)
        avail = 20;
    const char *body = s + start + 1;
    size_t len = n - start - 2;
    size_t pos = 0;
    bool first = true;
    while (pos < len) {
        size_t end = pos, last_space = 0;
        while (end < len) {
            size_t unit = 1;
            unsigned char c = (unsigned char)body[end];
            if (c == '\\' && end + 1 < len) {
                char e = body[end + 1];
                unit = raw ? 2 : e == 'x' ? 4 : e == 'u' ? 6 : e == 'U' ? 10 : 2;
            } else if (c >= 0xC0) {
                unit = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            }
            if (end + unit > len)
                unit = len - end;
            if ((int)(end + unit - pos) > avail && end > pos)
                break;
            end += unit;
            if (c == ' ')
                last_space = end;
        }
        if (end < len && last_space > pos + (size_t)avail / 2)
            end = last_space;
        bool last = end >= len;
        for (int i = 0; i < cols; i++)
            strbuf_addc(&w->out, ' ');
        if (first)
            strbuf_adds(&w->out, prefix);
        strbuf_adds(&w->out, raw ? "r'" : "'");
        strbuf_addn(&w->out, body + pos, end - pos);
        strbuf_addc(&w->out, '\'');
        if (last)
            strbuf_adds(&w->out, suffix);
        strbuf_addc(&w->out, '\n');
        first = false;
        pos = end;
    }
    return true;
}

/* "a + b + c" inside brackets: one operand per line, operators in front. */
static bool split_chain(struct pyw *w, int cols, const char *prefix, const char *s, size_t n,
                        const char *suffix, const struct scan *sc)
{
    size_t starts[512], ends[512], k = 0, from = 0;
    for (size_t i = 0; i < n && k < 511; i++) {
        if (at_plus(s, n, sc, i, sc->depth[0])) {
            starts[k] = from;
            ends[k++] = i;
            from = i + 3;
            i += 2;
        }
    }
    if (k == 0)
        return false;
    starts[k] = from;
    ends[k++] = n;
    for (size_t i = 0; i < k; i++) {
        char *item_prefix = i == 0 ? xstrdup(prefix) : xstrdup("+ ");
        put(w, cols, item_prefix, s + starts[i], ends[i] - starts[i], i + 1 == k ? suffix : "",
            true);
        free(item_prefix);
    }
    return true;
}

/* head( body )tail with the body on its own lines, split at its commas. */
static bool split_brackets(struct pyw *w, int cols, const char *prefix, const char *s, size_t n,
                           const char *suffix, const struct scan *sc)
{
    int base = sc->depth[0];
    for (size_t open = n; open-- > 0;) {
        char c = s[open];
        if (sc->in_str[open] || sc->depth[open] != base || (c != '(' && c != '[' && c != '{'))
            continue;
        size_t close = open + 1;
        while (close < n && !(sc->depth[close] == base && !sc->in_str[close] &&
                              (s[close] == ')' || s[close] == ']' || s[close] == '}')))
            close++;
        if (close >= n)
            continue;
        size_t b0 = trim_left(s, close, open + 1), b1 = close;
        while (b1 > b0 && s[b1 - 1] == ' ')
            b1--;
        if (b1 <= b0)
            continue;   /* nothing inside: try an earlier bracket */
        /* head line */
        raw_line(w, cols, prefix, s, open + 1, "");
        /* body: one line if it fits, else one item per line */
        int inner = cols + 4;
        if (inner + (int)(b1 - b0) <= w->width) {
            raw_line(w, inner, "", s + b0, b1 - b0, "");
        } else {
            /* items packed into lines as they fit; one too long for a line
               gets lines of its own */
            struct strbuf line;
            strbuf_init(&line);
            size_t from = b0;
            for (size_t i = b0; i <= b1; i++) {
                bool comma = i < b1 && s[i] == ',' && !sc->in_str[i] && sc->depth[i] == base + 1;
                if (!comma && i != b1)
                    continue;
                size_t e = i;
                while (e > from && s[e - 1] == ' ')
                    e--;
                size_t item = e - from + (comma ? 1 : 0);
                size_t need = line.len + (line.len ? 1 : 0) + item;
                if (line.len && inner + (int)need > w->width) {
                    raw_line(w, inner, "", line.s, line.len, "");
                    strbuf_reset(&line);
                }
                if (inner + (int)item > w->width) {
                    put(w, inner, "", s + from, e - from, comma ? "," : "", true);
                } else {
                    if (line.len)
                        strbuf_addc(&line, ' ');
                    strbuf_addn(&line, s + from, e - from);
                    if (comma)
                        strbuf_addc(&line, ',');
                }
                from = trim_left(s, b1, i + 1);
            }
            if (line.len)
                raw_line(w, inner, "", line.s, line.len, "");
            strbuf_free(&line);
        }
        /* closing line */
        raw_line(w, cols, "", s + close, n - close, suffix);
        return true;
    }
    return false;
}

/* "target = value" at statement level: value in parentheses, then split. */
static bool split_assignment(struct pyw *w, int cols, const char *prefix, const char *s,
                             size_t n, const char *suffix, const struct scan *sc)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (sc->in_str[i] || sc->depth[i] != 0)
            continue;
        if (s[i] == ' ' && s[i + 1] == '=' && s[i + 2] == ' ') {
            size_t v = i + 3;
            for (int k = 0; k < cols; k++)
                strbuf_addc(&w->out, ' ');
            strbuf_adds(&w->out, prefix);
            strbuf_addn(&w->out, s, v);
            strbuf_adds(&w->out, "(\n");
            put(w, cols + 4, "", s + v, n - v, "", true);
            raw_line(w, cols, "", ")", 1, suffix);
            return true;
        }
    }
    return false;
}

static bool has_chain(const char *s, size_t n, const struct scan *sc)
{
    for (size_t i = 0; i < n; i++)
        if (at_plus(s, n, sc, i, sc->depth[0]))
            return true;
    return false;
}

static void put(struct pyw *w, int cols, const char *prefix, const char *s, size_t n,
                const char *suffix, bool bracketed)
{
    size_t total = (size_t)cols + strlen(prefix) + n + strlen(suffix);
    if (total <= (size_t)w->width) {
        raw_line(w, cols, prefix, s, n, suffix);
        return;
    }
    struct scan sc;
    scan_text(s, n, &sc);
    bool done = false;
    bool chain = has_chain(s, n, &sc);
    if (chain && bracketed)
        done = split_chain(w, cols, prefix, s, n, suffix, &sc);
    if (!done && chain && !bracketed)
        done = split_assignment(w, cols, prefix, s, n, suffix, &sc);
    if (!done)
        done = split_brackets(w, cols, prefix, s, n, suffix, &sc);
    if (!done && bracketed)
        done = split_literal(w, cols, prefix, s, n, suffix);
    if (!done && !bracketed)
        done = split_assignment(w, cols, prefix, s, n, suffix, &sc);
    if (!done)
        raw_line(w, cols, prefix, s, n, suffix);
    scan_free(&sc);
}

/* ------------------------------------------------------------- public API */

void pyw_line(struct pyw *w, const char *fmt, ...)
{
    struct strbuf sb;
    strbuf_init(&sb);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    begin_line(w);
    put(w, w->indent * 4, "", sb.s, sb.len, "", false);
    w->after_opener = sb.len > 0 && sb.s[sb.len - 1] == ':';
    strbuf_free(&sb);
}

void pyw_comment(struct pyw *w, const char *fmt, ...)
{
    struct strbuf sb;
    strbuf_init(&sb);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    begin_line(w);
    int cols = w->indent * 4;
    size_t avail = (size_t)(w->width - cols - 2 < 30 ? 30 : w->width - cols - 2);
    /* break at spaces outside quoted literals; a literal is never split */
    size_t pos = 0, len = sb.len;
    const char *s = sb.s;
    if (len == 0)
        raw_line(w, cols, "#", "", 0, "");
    while (pos < len) {
        size_t end = len;
        if (len - pos > avail) {
            size_t best = 0, first_after = 0;
            bool in_q = false;
            for (size_t i = pos; i < len; i++) {
                char c = s[i];
                if (in_q && c == '\\') {
                    i++;
                    continue;
                }
                /* a literal starts at a quote after a space or bracket (an
                   apostrophe inside a word does not) and ends at the next quote */
                if (c == '\'' && (in_q || i == pos || strchr(" ([{=:,", s[i - 1]))) {
                    in_q = !in_q;
                    continue;
                }
                if (!in_q && c == ' ' && i > pos) {
                    if (i - pos <= avail) {
                        best = i;
                    } else {
                        first_after = i;
                        break;
                    }
                }
            }
            end = best ? best : first_after ? first_after : len;
            /* a few words before a literal too long for any line: keep them together */
            if (best && best - pos < 12 && first_after)
                end = first_after;
        }
        size_t e = end;
        while (e > pos && s[e - 1] == ' ')
            e--;
        raw_line(w, cols, "# ", s + pos, e - pos, "");
        pos = trim_left(s, len, end);
    }
    w->after_opener = false;
    w->lines_at[w->indent]--;   /* comments do not make a block non-empty */
    strbuf_free(&sb);
}

void pyw_text(struct pyw *w, const char *text)
{
    const char *p = text;
    begin_line(w);
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n > 0)
            raw_line(w, w->indent * 4, "", p, n, "");
        else
            strbuf_addc(&w->out, '\n');
        p += n + (nl ? 1 : 0);
    }
    w->after_opener = false;
}

void pyw_indent(struct pyw *w)
{
    if (w->indent < 62) {
        w->indent++;
        w->lines_at[w->indent] = 0;
    }
}

void pyw_dedent(struct pyw *w)
{
    if (w->indent == 0)
        return;
    if (w->lines_at[w->indent] <= 0) {
        w->pending_blank = 0;
        w->lines_at[w->indent]++;
        raw_line(w, w->indent * 4, "", "pass", 4, "");
    }
    w->indent--;
    w->after_opener = false;
}

void pyw_blank(struct pyw *w, int n)
{
    if (n > w->pending_blank)
        w->pending_blank = n;
}
