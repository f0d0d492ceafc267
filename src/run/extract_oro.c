/* extract_oro.c - Jakarta ORO's Perl5 regular-expression dialect, translated to PCRE2.
 *
 * JMeter compiles extractor and assertion patterns with ORO 2.0.8 (Perl 5.003 era). The
 * dialect differs from PCRE2 in ways that change verdicts, so patterns are parsed here
 * with ORO's rules and re-emitted in explicit PCRE2 syntax (every literal written as
 * \x{..}, so nothing is left to PCRE2's own reading):
 *   - (?imsx) modifiers are global: the state after the whole pattern applies to all of
 *     it; (?i:...) groups, lookbehind, atomic and named groups, possessive quantifiers,
 *     \Q..\E, \z, \h, \p{..}, \x{..} do not exist (unknown escapes are the letter itself);
 *   - \d \w \s are Java's Character.isDigit / isLetterOrDigit+_ / isWhitespace;
 *   - \1..\9 must name a group opened before; \10 and up are octal unless that many
 *     groups were opened;
 *   - "{" that does not start {n}, {n,} or {n,m} is a literal brace;
 *   - (?#...) comments may appear anywhere between tokens;
 *   - \A \Z \b \B \G repeated at least once never match;
 *   - "." is any character but "\n"; "$" also matches before a final "\n".
 * Patterns ORO rejects produce ORO's own message. All of this was checked against ORO
 * 2.0.8 itself (tests/data/postprocess/oro_cases.tsv, and random patterns compared in
 * bulk). Known differences, all in patterns ORO handles oddly: what a capturing group
 * holds after a repeat whose last pass skipped it or a lazily repeated group, repeated
 * lookaheads, \G, (?-i) after (?i) in the same pattern, a comment or (?x) blanks between
 * an atom and its quantifier, groups left open before a trailing (?i) (ORO compiles them
 * into something that crashes its matcher), characters above U+FFFF (ORO sees two
 * halves), and repeat counts over 65535. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

#define END 0xFFFFFFFFu

/* Java's Character.isWhitespace as the inside of a PCRE2 class. */
#define JAVA_WS "\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200a}" \
                "\\x{2028}\\x{2029}\\x{205f}\\x{3000}"
#define JAVA_WORD "\\p{L}\\p{Nd}_"

struct oro_parser {
    uint32_t *cp;          /* the pattern's code points */
    size_t n, pos;
    struct strbuf *out;
    bool x;                /* extended mode, from where (?x) appeared */
    bool i, m, s;          /* final state of the global modifiers */
    unsigned npar;         /* capturing groups opened so far, plus one */
    char *error;
};

/* ATOM_ESC_ANCHOR: \A \Z \b \B \G, which ORO can not repeat: with a minimum of one
 * or more they never match (with 0 they match the empty string, as in PCRE2). */
enum atom_kind { ATOM_ITEM, ATOM_ANCHOR, ATOM_ESC_ANCHOR, ATOM_RETRY };

static uint32_t peek_at(const struct oro_parser *p, size_t k)
{
    return p->pos + k < p->n ? p->cp[p->pos + k] : END;
}

static uint32_t peek(const struct oro_parser *p)
{
    return peek_at(p, 0);
}

static bool fail(struct oro_parser *p, const char *msg)
{
    if (!p->error)
        p->error = xstrdup(msg);
    return false;
}

static uint32_t *decode(const char *s, size_t *n_out)
{
    size_t len = strlen(s), n = 0;
    uint32_t *cp = xmalloc((len + 1) * sizeof *cp);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned c = u[i];
        uint32_t v;
        size_t k;
        if (c < 0x80) {
            v = c;
            k = 1;
        } else if (c >= 0xC0 && c < 0xE0 && i + 1 < len) {
            v = ((uint32_t)(c & 0x1F) << 6) | (u[i + 1] & 0x3F);
            k = 2;
        } else if (c >= 0xE0 && c < 0xF0 && i + 2 < len) {
            v = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
            k = 3;
        } else if (c >= 0xF0 && i + 3 < len) {
            v = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(u[i + 1] & 0x3F) << 12) |
                ((uint32_t)(u[i + 2] & 0x3F) << 6) | (u[i + 3] & 0x3F);
            k = 4;
        } else {
            v = 0xFFFD;
            k = 1;
        }
        cp[n++] = v;
        i += k;
    }
    *n_out = n;
    return cp;
}

static bool is_ascii_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void emit_utf8(struct strbuf *out, uint32_t v)
{
    char b[4];
    size_t n = 1;
    if (v < 0x80) {
        b[0] = (char)v;
    } else if (v < 0x800) {
        b[0] = (char)(0xC0 | (v >> 6));
        b[1] = (char)(0x80 | (v & 0x3F));
        n = 2;
    } else if (v < 0x10000) {
        b[0] = (char)(0xE0 | (v >> 12));
        b[1] = (char)(0x80 | ((v >> 6) & 0x3F));
        b[2] = (char)(0x80 | (v & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (v >> 18));
        b[1] = (char)(0x80 | ((v >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((v >> 6) & 0x3F));
        b[3] = (char)(0x80 | (v & 0x3F));
        n = 4;
    }
    strbuf_addn(out, b, n);
}

static void emit_char(struct strbuf *out, uint32_t c)
{
    if (is_ascii_alnum(c))
        strbuf_addc(out, (char)c);
    else
        strbuf_addf(out, "\\x{%x}", (unsigned)c);
}

/* Skips what ORO skips between tokens: (?#...) comments always, whitespace and
 * #-comments in extended mode (unless only_comments). */
static void skip_some(struct oro_parser *p, bool only_comments)
{
    for (;;) {
        uint32_t c = peek(p);
        if (only_comments && c != '(')
            return;
        if (c == '(' && peek_at(p, 1) == '?' && peek_at(p, 2) == '#') {
            while (peek(p) != END && peek(p) != ')')
                p->pos++;
            if (peek(p) == ')')
                p->pos++;
        } else if (p->x && c != END && java_is_whitespace(c)) {
            p->pos++;
        } else if (p->x && c == '#') {
            while (peek(p) != END && peek(p) != '\n')
                p->pos++;
        } else {
            return;
        }
    }
}

static void skip(struct oro_parser *p)
{
    skip_some(p, false);
}

/* "{n}", "{n,}" or "{n,m}" at the current position (ORO's regcurly). */
static bool at_interval(const struct oro_parser *p)
{
    size_t k = 1;
    if (peek(p) != '{' || !(peek_at(p, k) >= '0' && peek_at(p, k) <= '9'))
        return false;
    while (peek_at(p, k) >= '0' && peek_at(p, k) <= '9')
        k++;
    if (peek_at(p, k) == ',') {
        k++;
        while (peek_at(p, k) >= '0' && peek_at(p, k) <= '9')
            k++;
    }
    return peek_at(p, k) == '}';
}

static bool at_quantifier(const struct oro_parser *p)
{
    uint32_t c = peek(p);
    return c == '*' || c == '+' || c == '?' || at_interval(p);
}

static unsigned long read_number(struct oro_parser *p)
{
    unsigned long v = 0;
    while (peek(p) >= '0' && peek(p) <= '9') {
        if (v < 1000000)
            v = v * 10 + (peek(p) - '0');
        p->pos++;
    }
    return v;
}

/* Up to `max` octal digits; the caller knows the first one is there. */
static uint32_t read_octal(struct oro_parser *p, int max)
{
    uint32_t v = 0;
    for (int k = 0; k < max && peek(p) >= '0' && peek(p) <= '7'; k++) {
        v = v * 8 + (peek(p) - '0');
        p->pos++;
    }
    return v;
}

static uint32_t read_hex2(struct oro_parser *p)
{
    uint32_t v = 0;
    for (int k = 0; k < 2; k++) {
        uint32_t c = peek(p);
        int d = (c >= '0' && c <= '9') ? (int)(c - '0') : (c >= 'a' && c <= 'f') ? (int)(c - 'a' + 10)
              : (c >= 'A' && c <= 'F') ? (int)(c - 'A' + 10) : -1;
        if (d < 0)
            break;
        v = v * 16 + (uint32_t)d;
        p->pos++;
    }
    return v;
}

static uint32_t read_control(struct oro_parser *p)
{
    uint32_t c = peek(p);
    if (c == END)
        return 0xFFFF ^ 64;
    p->pos++;
    if (c >= 'a' && c <= 'z')
        c -= 32;
    return c ^ 64;
}

/* The single character of a simple escape (\n, \x41, \cA, \101...), after the letter
 * was consumed; false when the letter is not one of these. */
static bool simple_escape(struct oro_parser *p, uint32_t letter, uint32_t *c)
{
    switch (letter) {
    case 'n': *c = '\n'; return true;
    case 'r': *c = '\r'; return true;
    case 't': *c = '\t'; return true;
    case 'f': *c = '\f'; return true;
    case 'e': *c = 27; return true;
    case 'a': *c = 7; return true;
    case 'x': *c = read_hex2(p); return true;
    case 'c': *c = read_control(p); return true;
    default: return false;
    }
}

/* ---- character classes ---- */

static const char *const posix_names[] = {
    "alpha", "alnum", "ascii", "blank", "cntrl", "digit", "graph",
    "lower", "print", "punct", "space", "upper", "word", "xdigit",
};

/* "[:name:]" at the current position: true when it is one (then consumed and emitted
 * into cls; an unknown name matches nothing). */
static bool class_posix(struct oro_parser *p, struct strbuf *cls)
{
    if (peek(p) != '[' || peek_at(p, 1) != ':')
        return false;
    size_t k = 2;
    bool neg = peek_at(p, k) == '^';
    if (neg)
        k++;
    char name[16];
    size_t n = 0;
    while (peek_at(p, k) >= 'a' && peek_at(p, k) <= 'z' && n < sizeof name - 1)
        name[n++] = (char)peek_at(p, k++);
    name[n] = '\0';
    if (peek_at(p, k) != ':' || peek_at(p, k + 1) != ']')
        return false;
    p->pos += k + 2;
    for (size_t i = 0; i < ARRAY_LEN(posix_names); i++)
        if (strcmp(name, posix_names[i]) == 0) {
            if (strcmp(name, "space") == 0 && !neg)
                strbuf_adds(cls, JAVA_WS);
            else
                strbuf_addf(cls, "[:%s%s:]", neg ? "^" : "", name);
            return true;
        }
    return true;
}

/* One class member: a set (emitted into cls, *is_set) or a character (*c). */
static bool class_item(struct oro_parser *p, struct strbuf *cls, bool *is_set, uint32_t *c)
{
    *is_set = false;
    if (class_posix(p, cls)) {
        *is_set = true;
        return true;
    }
    uint32_t ch = peek(p);
    p->pos++;
    if (ch != '\\') {
        *c = ch;
        return true;
    }
    uint32_t e = peek(p);
    if (e == END)
        return fail(p, "Unmatched [] in expression.");
    p->pos++;
    const char *set = NULL;
    switch (e) {
    case 'd': set = "\\p{Nd}"; break;
    case 'D': set = "\\P{Nd}"; break;
    case 'w': set = JAVA_WORD; break;
    case 'W': set = "\\W"; break;
    case 's': set = JAVA_WS; break;
    case 'S': set = "\\S"; break;
    default: break;
    }
    if (set) {
        strbuf_adds(cls, set);
        *is_set = true;
        return true;
    }
    if (e == 'b') {
        *c = 8;
        return true;
    }
    if (e >= '0' && e <= '7') {
        p->pos--;
        *c = read_octal(p, 3);
        return true;
    }
    if (!simple_escape(p, e, c))
        *c = e;
    return true;
}

static bool parse_class(struct oro_parser *p)
{
    p->pos++;                       /* '[' */
    bool neg = peek(p) == '^';
    if (neg)
        p->pos++;
    struct strbuf cls;
    strbuf_init(&cls);
    bool first = true, ok = true;
    for (;;) {
        uint32_t c = peek(p);
        if (c == END) {
            ok = fail(p, "Unmatched [] in expression.");
            break;
        }
        if (c == ']' && !first) {
            p->pos++;
            break;
        }
        first = false;
        bool is_set;
        uint32_t lo = 0;
        if (!(ok = class_item(p, &cls, &is_set, &lo)))
            break;
        if (is_set)
            continue;                /* a '-' after a set is a plain '-' */
        if (peek(p) == '-' && peek_at(p, 1) != ']' && peek_at(p, 1) != END) {
            p->pos++;
            bool hi_set;
            uint32_t hi = 0;
            struct strbuf scratch;
            strbuf_init(&scratch);
            ok = class_item(p, &scratch, &hi_set, &hi);
            strbuf_free(&scratch);
            if (!ok)
                break;
            if (hi_set || hi < lo) {
                ok = fail(p, "Invalid [] range in expression.");
                break;
            }
            emit_char(&cls, lo);
            strbuf_addc(&cls, '-');
            emit_char(&cls, hi);
        } else {
            emit_char(&cls, lo);
        }
    }
    if (ok) {
        if (cls.len)
            strbuf_addf(p->out, "[%s%s]", neg ? "^" : "", cls.s);
        else
            strbuf_adds(p->out, neg ? "[\\x{0}-\\x{10ffff}]" : "(?!)");
        skip(p);
    }
    strbuf_free(&cls);
    return ok;
}

/* ---- atoms, pieces, branches ---- */

static bool parse_reg(struct oro_parser *p, bool paren);

static bool parse_escape(struct oro_parser *p, enum atom_kind *kind)
{
    p->pos++;                       /* '\' */
    uint32_t e = peek(p);
    if (e == END)
        return fail(p, "Trailing \\ in expression.");
    p->pos++;
    *kind = ATOM_ITEM;
    const char *text = NULL;
    switch (e) {
    case 'A': text = "\\A"; *kind = ATOM_ESC_ANCHOR; break;
    case 'Z': text = "\\Z"; *kind = ATOM_ESC_ANCHOR; break;
    case 'G': text = "\\G"; *kind = ATOM_ESC_ANCHOR; break;
    case 'b': text = "\\b"; *kind = ATOM_ESC_ANCHOR; break;
    case 'B': text = "\\B"; *kind = ATOM_ESC_ANCHOR; break;
    case 'd': text = "\\p{Nd}"; break;
    case 'D': text = "\\P{Nd}"; break;
    case 'w': text = "[" JAVA_WORD "]"; break;
    case 'W': text = "[^" JAVA_WORD "]"; break;
    case 's': text = "[" JAVA_WS "]"; break;
    case 'S': text = "[^" JAVA_WS "]"; break;
    default: break;
    }
    if (text) {
        strbuf_adds(p->out, text);
    } else if (e == '0') {
        p->pos--;
        emit_char(p->out, read_octal(p, 3));
    } else if (e >= '1' && e <= '9') {
        p->pos--;
        size_t at = p->pos;
        unsigned long num = read_number(p);
        if (num > 9 && num >= p->npar) {
            /* octal; a leading 8 or 9 gives no digits: NUL, and the digit stays text */
            p->pos = at;
            emit_char(p->out, read_octal(p, 3));
        } else if (num >= p->npar) {
            char msg[48];
            snprintf(msg, sizeof msg, "Invalid backreference: \\%lu", num);
            return fail(p, msg);
        } else {
            strbuf_addf(p->out, "\\g{%lu}", num);
        }
    } else {
        uint32_t c;
        if (!simple_escape(p, e, &c))
            c = e;
        emit_char(p->out, c);
    }
    skip(p);
    return true;
}

/* "(?" modifiers ")": applies them; the caller then parses the next atom. */
static bool parse_modifiers(struct oro_parser *p)
{
    bool off = false, any = false;
    for (;;) {
        uint32_t c = peek(p);
        if (c == '-')
            off = true;
        else if (c == 'i')
            p->i = !off;
        else if (c == 'm')
            p->m = !off;
        else if (c == 's')
            p->s = !off;
        else if (c == 'x')
            p->x = !off;
        else if (c != 'g' && c != 'o')
            break;
        any = true;
        p->pos++;
    }
    uint32_t c = peek(p);
    if (c != ')') {
        struct strbuf msg;
        strbuf_init(&msg);
        strbuf_adds(&msg, "Sequence (?");
        if (c == END)
            strbuf_adds(&msg, any ? "\xEF\xBF\xBF" : "?");   /* ORO prints its end marker */
        else
            emit_utf8(&msg, c);
        strbuf_adds(&msg, "...) not recognized");
        fail(p, msg.s);
        strbuf_free(&msg);
        return false;
    }
    p->pos++;
    skip_some(p, true);       /* the blanks of (?x) are skipped later, see parse_piece */
    return true;
}

static bool parse_group(struct oro_parser *p, enum atom_kind *kind)
{
    p->pos++;                       /* '(' */
    skip(p);                        /* ORO skips a comment here, even before a '?' */
    *kind = ATOM_ITEM;
    if (peek(p) == '?') {
        p->pos++;
        uint32_t c = peek(p);
        const char *open = c == ':' ? "(?:" : c == '=' ? "(?=" : c == '!' ? "(?!" : NULL;
        if (!open) {
            *kind = ATOM_RETRY;
            return parse_modifiers(p);
        }
        p->pos++;
        strbuf_adds(p->out, open);
    } else {
        p->npar++;
        strbuf_addc(p->out, '(');
    }
    skip(p);
    if (!parse_reg(p, true))
        return false;
    strbuf_addc(p->out, ')');
    return true;
}

static bool parse_atom(struct oro_parser *p, enum atom_kind *kind)
{
    uint32_t c = peek(p);
    *kind = ATOM_ITEM;
    switch (c) {
    case '^':
    case '$':
        strbuf_addc(p->out, (char)c);
        *kind = ATOM_ANCHOR;
        p->pos++;
        skip(p);
        return true;
    case '.':
        strbuf_addc(p->out, '.');
        p->pos++;
        skip(p);
        return true;
    case '[':
        return parse_class(p);
    case '(':
        return parse_group(p, kind);
    case '\\':
        return parse_escape(p, kind);
    case '*':
    case '+':
    case '?':
        return fail(p, "?+* follows nothing in expression");
    default:
        emit_char(p->out, c);
        p->pos++;
        skip(p);
        return true;
    }
}

static bool parse_quantifier(struct oro_parser *p)
{
    uint32_t c = peek(p);
    if (c == '{') {
        p->pos++;
        unsigned long lo = read_number(p), hi = lo;
        bool open_ended = false;
        if (peek(p) == ',') {
            p->pos++;
            if (peek(p) == '}')
                open_ended = true;
            else
                hi = read_number(p);
        }
        p->pos++;                   /* '}' */
        if (!open_ended && hi < lo) {
            char msg[64];
            snprintf(msg, sizeof msg, "Invalid interval {%lu,%lu}", lo, hi);
            return fail(p, msg);
        }
        if (open_ended)
            strbuf_addf(p->out, "{%lu,}", lo);
        else if (hi == lo)
            strbuf_addf(p->out, "{%lu}", lo);
        else
            strbuf_addf(p->out, "{%lu,%lu}", lo, hi);
    } else {
        strbuf_addc(p->out, (char)c);
        p->pos++;
    }
    skip(p);
    if (peek(p) == '?') {           /* minimal matching */
        strbuf_addc(p->out, '?');
        p->pos++;
        skip(p);
    }
    if (at_quantifier(p))
        return fail(p, "Nested repetitions *?+ in expression");
    return true;
}

/* The minimum of the quantifier at the current position. */
static unsigned long quantifier_min(const struct oro_parser *p)
{
    if (peek(p) != '{')
        return peek(p) == '+' ? 1 : 0;
    unsigned long v = 0;
    for (size_t k = 1; peek_at(p, k) >= '0' && peek_at(p, k) <= '9'; k++)
        if (v < 1000000)
            v = v * 10 + (peek_at(p, k) - '0');
    return v;
}

static bool parse_piece(struct oro_parser *p)
{
    size_t start = p->out->len;
    enum atom_kind kind;
    for (;;) {
        if (!parse_atom(p, &kind))
            return false;
        if (kind != ATOM_RETRY)
            break;
        /* after a modifier group ORO reads the next atom; what can not be one fails,
         * but blanks of (?x) mode before the end are accepted */
        uint32_t c = peek(p);
        if (c == END)
            return fail(p, "Unmatched parentheses.");
        if (c == '|' || c == ')')
            return fail(p, "Unknown compilation error.");
        skip(p);
        c = peek(p);
        if (c == END || c == '|' || c == ')')
            return true;
        start = p->out->len;
    }
    if (!at_quantifier(p))
        return true;
    if (kind == ATOM_ANCHOR || kind == ATOM_ESC_ANCHOR) {
        /* PCRE2 repeats assertions only inside a group */
        bool never = kind == ATOM_ESC_ANCHOR && quantifier_min(p) > 0;
        struct strbuf atom;
        strbuf_init(&atom);
        strbuf_adds(&atom, never ? "(?!)" : p->out->s + start);
        p->out->len = start;
        p->out->s[start] = '\0';
        strbuf_addf(p->out, "(?:%s)", atom.s);
        strbuf_free(&atom);
    }
    return parse_quantifier(p);
}

static bool parse_branch(struct oro_parser *p)
{
    for (;;) {
        uint32_t c = peek(p);
        if (c == END || c == '|' || c == ')')
            return true;
        if (!parse_piece(p))
            return false;
    }
}

static bool parse_reg(struct oro_parser *p, bool paren)
{
    if (!parse_branch(p))
        return false;
    while (peek(p) == '|') {
        p->pos++;
        strbuf_addc(p->out, '|');
        skip(p);
        if (!parse_branch(p))
            return false;
    }
    if (paren) {
        if (peek(p) != ')')
            return fail(p, "Unmatched parentheses.");
        p->pos++;
        skip(p);
        return true;
    }
    if (peek(p) != END)
        return fail(p, "Unmatched parentheses.");
    return true;
}

/* ORO compiles in two passes and the second starts with the modifiers the first ended
 * with: that is why they act on the whole pattern. For (?x), which changes the parsing
 * itself, the pattern is parsed again when the first pass ended in extended mode. */
bool oro_translate(const char *pattern, struct strbuf *out, uint32_t *pcre2_options, char **error)
{
    struct oro_parser p = {0};
    p.cp = decode(pattern ? pattern : "", &p.n);
    size_t start = out->len;
    bool ok = true;
    for (int pass = 0; pass < 2 && ok; pass++) {
        bool x = p.x;
        out->len = start;
        out->s[start] = '\0';
        p = (struct oro_parser){.cp = p.cp, .n = p.n, .out = out, .x = x, .npar = 1};
        skip(&p);
        ok = parse_reg(&p, false);
        if (!p.x && pass == 0)
            break;                /* no (?x) in effect at the end: one pass is enough */
    }
    free(p.cp);
    if (!ok) {
        *error = p.error;
        return false;
    }
    *pcre2_options = PCRE2_UTF | PCRE2_UCP | (p.i ? PCRE2_CASELESS : 0) |
                     (p.m ? PCRE2_MULTILINE : 0) | (p.s ? PCRE2_DOTALL : 0);
    return true;
}
