/* schedule_open_model_parse.c - the schedule language of the Open Model Thread
 * Group (digest §3.5): rate(N/unit), rate(N per unit), random_arrivals(d),
 * even_arrivals(d), pause(d), durations like "1 min 30 sec", comments, any
 * case; a lone integer is JMeter's shorthand. Tokens and grammar follow
 * JMeter's tokenizer and parser, so the same strings are accepted and refused;
 * the messages are our own and name the offending text and its position. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/schedule.h"
#include "jmx2run/util.h"

enum tok_kind { TOK_OPEN, TOK_CLOSE, TOK_DIVIDE, TOK_NUMBER, TOK_WORD };

struct token {
    enum tok_kind kind;
    size_t pos, len;
};

struct parser {
    const char *text;
    size_t len;
    struct token *toks;
    size_t n_toks, cap_toks, at;
    struct om_step *steps;
    size_t n_steps, cap_steps;
    double last_rate;             /* the last rate(...) written, for pause() */
    char *error;
};

/* ------------------------------------------------------------- messages */

/* Appends text[from, from + max) for a message: control characters become
 * spaces, a cut never splits a UTF-8 sequence, "..." marks a cut. */
static void add_excerpt(struct strbuf *sb, const char *text, size_t len, size_t from, size_t max)
{
    size_t end = from + max < len ? from + max : len;
    while (end > from && end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
        end--;
    for (size_t i = from; i < end; i++) {
        unsigned char c = (unsigned char)text[i];
        strbuf_addc(sb, (c < 0x20 || c == 0x7f) ? ' ' : (char)c);
    }
    if (end < len)
        strbuf_adds(sb, "...");
}

/* Sets the error (the first one wins): the message, then where. */
static bool fail_at(struct parser *p, size_t pos, bool at_end, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
static bool fail_at(struct parser *p, size_t pos, bool at_end, const char *fmt, ...)
{
    if (p->error)
        return false;
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, "open model schedule: ");
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    if (at_end) {
        strbuf_adds(&sb, " at the end of '");
    } else {
        strbuf_addf(&sb, " at position %zu: '", pos);
        add_excerpt(&sb, p->text, p->len, pos, 20);
        strbuf_adds(&sb, "' in '");
    }
    add_excerpt(&sb, p->text, p->len, 0, 100);
    strbuf_adds(&sb, "'");
    p->error = strbuf_detach(&sb);
    return false;
}

/* Fails at the current token, describing what was found instead. */
static bool fail_here(struct parser *p, const char *expected)
{
    if (p->at >= p->n_toks)
        return fail_at(p, p->len, true, "expected %s, found the end of the schedule", expected);
    const struct token *t = &p->toks[p->at];
    size_t shown = t->len > 30 ? 30 : t->len;
    return fail_at(p, t->pos, false, "expected %s, got \"%.*s%s\"", expected, (int)shown,
                   p->text + t->pos, shown < t->len ? "..." : "");
}

/* ------------------------------------------------------------- tokens */

static bool java_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
}

/* Length of a line terminator at s (for "." in Java's regular expressions):
 * \n, \r, U+0085, U+2028, U+2029; 0 if none. */
static size_t line_end_len(const char *s, size_t left)
{
    if (s[0] == '\n' || s[0] == '\r')
        return 1;
    if (left >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0x85)
        return 2;
    if (left >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9))
        return 3;
    return 0;
}

/* White space and comments at pos: how far they reach (pos if none). A block
 * comment must close on its own line, as in JMeter. */
static size_t skip_blank(const char *s, size_t len, size_t pos)
{
    for (;;) {
        size_t start = pos;
        while (pos < len && java_space((unsigned char)s[pos]))
            pos++;
        if (pos + 1 < len && s[pos] == '/' && s[pos + 1] == '*') {
            size_t q = pos + 2;
            while (q < len && !(s[q] == '*' && q + 1 < len && s[q + 1] == '/') &&
                   !line_end_len(s + q, len - q))
                q++;
            if (q + 1 < len && s[q] == '*' && s[q + 1] == '/')
                pos = q + 2;
        } else if (pos + 1 < len && s[pos] == '/' && s[pos + 1] == '/') {
            pos += 2;
            while (pos < len && s[pos] != '\n' && s[pos] != '\r')
                pos++;
            while (pos < len && (s[pos] == '\n' || s[pos] == '\r'))
                pos++;
        }
        if (pos == start)
            return pos;
    }
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* digits [. digits] or . digits; 0 if none */
static size_t number_len(const char *s, size_t len, size_t pos)
{
    size_t q = pos;
    while (q < len && is_digit(s[q]))
        q++;
    if (q + 1 < len && s[q] == '.' && is_digit(s[q + 1])) {
        q++;
        while (q < len && is_digit(s[q]))
            q++;
    }
    return q - pos;
}

static bool tokenize(struct parser *p)
{
    size_t pos = 0;
    while ((pos = skip_blank(p->text, p->len, pos)) < p->len) {
        char c = p->text[pos];
        struct token t = {TOK_OPEN, pos, 1};
        if (c == '(') {
            t.kind = TOK_OPEN;
        } else if (c == ')') {
            t.kind = TOK_CLOSE;
        } else if (c == '/') {
            t.kind = TOK_DIVIDE;
        } else if ((t.len = number_len(p->text, p->len, pos)) > 0) {
            t.kind = TOK_NUMBER;
        } else if (is_alpha(c)) {
            t.kind = TOK_WORD;
            t.len = 1;
            while (pos + t.len < p->len &&
                   (is_alpha(p->text[pos + t.len]) || is_digit(p->text[pos + t.len]) ||
                    p->text[pos + t.len] == '_'))
                t.len++;
        } else {
            return fail_at(p, pos, false, "unexpected input");
        }
        if (p->n_toks == p->cap_toks) {
            p->cap_toks = p->cap_toks ? p->cap_toks * 2 : 32;
            p->toks = xrealloc(p->toks, p->cap_toks * sizeof *p->toks);
        }
        p->toks[p->n_toks++] = t;
        pos += t.len;
    }
    return true;
}

/* ------------------------------------------------------------- grammar */

static const struct token *peek(const struct parser *p)
{
    return p->at < p->n_toks ? &p->toks[p->at] : NULL;
}

static bool peek_is(const struct parser *p, enum tok_kind kind)
{
    const struct token *t = peek(p);
    return t && t->kind == kind;
}

static bool word_is(const struct parser *p, const struct token *t, const char *word)
{
    return t && t->kind == TOK_WORD && t->len == strlen(word) &&
           strncasecmp(p->text + t->pos, word, t->len) == 0;
}

static bool word_starts(const struct parser *p, const struct token *t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t->len >= n && strncasecmp(p->text + t->pos, prefix, n) == 0;
}

static bool expect(struct parser *p, enum tok_kind kind, const char *what)
{
    if (!peek_is(p, kind))
        return fail_here(p, what);
    p->at++;
    return true;
}

static bool number(struct parser *p, const char *what, double *out)
{
    const struct token *t = peek(p);
    if (!t || t->kind != TOK_NUMBER)
        return fail_here(p, what);
    char *copy = xstrndup(p->text + t->pos, t->len);
    *out = strtod(copy, NULL);
    free(copy);
    if (!isfinite(*out)) {
        size_t shown = t->len > 30 ? 30 : t->len;
        return fail_at(p, t->pos, false, "number too large: \"%.*s%s\"", (int)shown,
                       p->text + t->pos, shown < t->len ? "..." : "");
    }
    p->at++;
    return true;
}

/* A time unit word: its length in seconds. */
static bool time_unit(struct parser *p, double *seconds)
{
    const struct token *t = peek(p);
    const char *what = "a time unit (ms, sec, min, hour or day)";
    if (!t || t->kind != TOK_WORD)
        return fail_here(p, what);
    if (word_is(p, t, "ms"))
        *seconds = 0.001;
    else if (word_is(p, t, "s") || word_starts(p, t, "sec"))
        *seconds = 1;
    else if (word_is(p, t, "m") || word_starts(p, t, "min"))
        *seconds = 60;
    else if (word_is(p, t, "h") || word_starts(p, t, "hour"))
        *seconds = 3600;
    else if (word_is(p, t, "d") || word_starts(p, t, "day"))
        *seconds = 86400;
    else {
        size_t shown = t->len > 30 ? 30 : t->len;
        return fail_at(p, t->pos, false,
                       "unknown time unit \"%.*s%s\" (use ms, sec, min, hour or day)",
                       (int)shown, p->text + t->pos, shown < t->len ? "..." : "");
    }
    p->at++;
    return true;
}

/* "1 min 30 sec", "2d 1m", "0" (0 needs no unit). */
static bool duration(struct parser *p, const char *fn, double *out)
{
    double total = 0;
    size_t first = p->at;
    do {
        double v, unit;
        if (!number(p, "a number for the duration", &v))
            return false;
        if (v == 0 && peek_is(p, TOK_CLOSE))
            break;
        if (!time_unit(p, &unit))
            return false;
        total += v * unit;
    } while (peek_is(p, TOK_NUMBER));
    if (!isfinite(total) || total > OM_MAX_TOTAL_S)
        return fail_at(p, p->toks[first].pos, false, "the duration of %s() is too long", fn);
    *out = total;
    return true;
}

static void add_step(struct parser *p, enum om_step_kind kind, double value)
{
    if (p->n_steps == p->cap_steps) {
        p->cap_steps = p->cap_steps ? p->cap_steps * 2 : 16;
        p->steps = xrealloc(p->steps, p->cap_steps * sizeof *p->steps);
    }
    p->steps[p->n_steps].kind = kind;
    p->steps[p->n_steps].value = value;
    p->n_steps++;
}

static bool parse_rate(struct parser *p)
{
    size_t at = p->toks[p->at].pos;
    p->at++;
    if (!expect(p, TOK_OPEN, "\"(\" after rate"))
        return false;
    double v, unit = 1;
    if (!number(p, "a number in rate()", &v))
        return false;
    if (!(v == 0 && peek_is(p, TOK_CLOSE))) {   /* only rate(0) may go without a unit */
        const struct token *t = peek(p);
        if (t && (t->kind == TOK_DIVIDE || word_is(p, t, "per")))
            p->at++;
        else
            return fail_here(p, "\"/\" or \"per\" and a time unit after the rate");
        if (!time_unit(p, &unit))
            return false;
    }
    if (!expect(p, TOK_CLOSE, "\")\" to close rate("))
        return false;
    double rate = v / unit;
    if (!isfinite(rate))
        return fail_at(p, at, false, "the rate is too large");
    add_step(p, OM_RATE, rate);
    p->last_rate = rate;
    return true;
}

/* random_arrivals(d), even_arrivals(d) and pause(d) */
static bool parse_timed(struct parser *p, const char *fn, enum om_step_kind kind, bool pause)
{
    p->at++;
    char what[48];
    snprintf(what, sizeof what, "\"(\" after %s", fn);
    if (!expect(p, TOK_OPEN, what))
        return false;
    double d = 0;
    if (!duration(p, fn, &d))
        return false;
    snprintf(what, sizeof what, "\")\" to close %s(", fn);
    if (!expect(p, TOK_CLOSE, what))
        return false;
    if (!pause) {
        add_step(p, kind, d);
    } else if (p->last_rate == 0) {
        add_step(p, OM_EVEN_ARRIVALS, d);
        add_step(p, OM_RATE, 0);
    } else {
        /* no arrivals during the pause, then the rate before it again */
        add_step(p, OM_RATE, p->last_rate);
        add_step(p, OM_RATE, 0);
        add_step(p, OM_EVEN_ARRIVALS, d);
        add_step(p, OM_RATE, 0);
        add_step(p, OM_RATE, p->last_rate);
    }
    return true;
}

static bool parse_steps(struct parser *p)
{
    while (p->at < p->n_toks) {
        const struct token *t = &p->toks[p->at];
        bool ok;
        if (word_is(p, t, "pause"))
            ok = parse_timed(p, "pause", OM_EVEN_ARRIVALS, true);
        else if (word_is(p, t, "rate"))
            ok = parse_rate(p);
        else if (word_is(p, t, "random_arrivals"))
            ok = parse_timed(p, "random_arrivals", OM_RANDOM_ARRIVALS, false);
        else if (word_is(p, t, "even_arrivals"))
            ok = parse_timed(p, "even_arrivals", OM_EVEN_ARRIVALS, false);
        else
            ok = fail_here(p, "rate, random_arrivals, even_arrivals or pause");
        if (!ok)
            return false;
    }
    return true;
}

/* Kotlin's String.toIntOrNull: optional sign, digits, int range. */
static bool whole_int(const char *s, int32_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    if (!s[i])
        return false;
    int64_t v = 0;
    for (; s[i]; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
        if (v > (int64_t)INT32_MAX + 1)
            return false;
    }
    v = neg ? -v : v;
    if (v > INT32_MAX || v < INT32_MIN)
        return false;
    *out = (int32_t)v;
    return true;
}

bool om_schedule_parse(const char *text, struct om_schedule *out, char **error)
{
    memset(out, 0, sizeof *out);
    if (error)
        *error = NULL;
    struct parser p = {0};
    p.text = text ? text : "";
    p.len = strlen(p.text);
    int32_t n;
    bool ok;
    if (whole_int(p.text, &n)) {
        /* N arrivals within a second, then time for them to finish */
        add_step(&p, OM_RATE, n);
        add_step(&p, OM_EVEN_ARRIVALS, 1);
        add_step(&p, OM_RATE, n);
        add_step(&p, OM_RATE, 0);
        add_step(&p, OM_EVEN_ARRIVALS, 3600);
        ok = true;
    } else {
        ok = tokenize(&p) && parse_steps(&p);
    }
    double total = 0;
    for (size_t i = 0; ok && i < p.n_steps; i++)
        if (p.steps[i].kind != OM_RATE)
            total += p.steps[i].value;
    if (ok && !(total <= OM_MAX_TOTAL_S))
        ok = fail_at(&p, 0, true, "the schedule lasts %.0f s, longer than the %.0f s allowed",
                     total, OM_MAX_TOTAL_S);
    free(p.toks);
    if (!ok) {
        free(p.steps);
        if (error)
            *error = p.error;
        else
            free(p.error);
        return false;
    }
    out->steps = p.steps;
    out->n_steps = p.n_steps;
    out->total_s = total;
    return true;
}

void om_schedule_free(struct om_schedule *s)
{
    free(s->steps);
    memset(s, 0, sizeof *s);
}

/* DecimalFormat("#.#"): at most one decimal, none when it is 0. */
static void add_number(struct strbuf *sb, double v)
{
    char buf[400];
    snprintf(buf, sizeof buf, "%.1f", v);
    size_t n = strlen(buf);
    if (n >= 2 && buf[n - 2] == '.' && buf[n - 1] == '0')
        buf[n - 2] = '\0';
    strbuf_adds(sb, buf);
}

char *om_schedule_describe(const struct om_schedule *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addc(&sb, '[');
    for (size_t i = 0; i < s->n_steps; i++) {
        if (i)
            strbuf_adds(&sb, ", ");
        const struct om_step *st = &s->steps[i];
        if (st->kind == OM_RATE) {
            strbuf_adds(&sb, "Rate(");
        } else {
            strbuf_addf(&sb, "Arrivals(type=%s, duration=",
                        st->kind == OM_RANDOM_ARRIVALS ? "RANDOM" : "EVEN");
        }
        add_number(&sb, st->value);
        strbuf_addc(&sb, ')');
    }
    strbuf_addc(&sb, ']');
    return strbuf_detach(&sb);
}

int64_t om_schedule_end_ms(const struct om_schedule *s)
{
    return sched_s_to_ms(s->total_s);
}
