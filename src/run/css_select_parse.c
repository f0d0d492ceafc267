/* css_select_parse.c - compiles a CSS selector the way Jsoup's QueryParser (1.17, the
 * version JMeter 5.6 ships) reads it, into the evaluator tree css_select_match.c runs.
 *
 * Jsoup reads a selector left to right: simple selectors of one compound are ANDed;
 * at a combinator it takes the text up to the next combinator as a sub-query, parses
 * that on its own and joins it to what it has so far (',' binds loosest: a combinator
 * after an OR applies to the OR's last member). The same rules are followed here, so
 * quirks come out alike, for instance:
 *   - [attr=value] and friends compare without case, the value trimmed and unquoted;
 *     [attr~=regex] is a regular expression (Java's, here PCRE2), not a word match;
 *   - :eq(n) :lt(n) :gt(n) test the element's index among its element siblings;
 *   - :nth-child(-n+2) reads as n+2 (Jsoup loses the sign of a bare "-n");
 *   - :contains(text) keeps quotes as part of the text.
 * Supported: * tag ns|tag *|tag #id .class [attr] [^prefix] [attr=v] [attr!=v] [attr^=v]
 * [attr$=v] [attr*=v] [attr~=regex], descendant, > + ~ and ',' combinators, :lt :gt :eq
 * :has :is :not :contains :containsOwn :containsWholeText :containsWholeOwnText
 * :containsData :matches :matchesOwn :matchesWholeText :matchesWholeOwnText
 * :nth-child :nth-last-child :nth-of-type :nth-last-of-type :first-child :last-child
 * :first-of-type :last-of-type :only-child :only-of-type :empty :root. Refused like
 * Jsoup refuses them: anything else (jQuery's :first, :last, ...). Refused although
 * Jsoup takes it: :matchText (it rewrites the document) and selectors nested more
 * than 64 levels deep. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/postprocess_xml.h"

#define MAX_NESTING 64

struct parser {
    char *error;          /* the first refusal */
    int depth;
};

/* Jsoup's TokenQueue over a piece of the query. */
struct tq {
    const char *s;
    size_t len, pos;
};

static void fail(struct parser *p, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void fail(struct parser *p, const char *fmt, ...)
{
    if (p->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    p->error = xvasprintf(fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------- evaluators */

static struct css_eval *node_new(enum css_kind kind)
{
    struct css_eval *e = xcalloc(1, sizeof *e);
    e->kind = kind;
    return e;
}

static struct css_eval *node_text(enum css_kind kind, char *text)
{
    struct css_eval *e = node_new(kind);
    e->text = text;
    return e;
}

static void node_add(struct css_eval *e, struct css_eval *kid)
{
    e->kids = xrealloc(e->kids, (e->n_kids + 1) * sizeof *e->kids);
    e->kids[e->n_kids++] = kid;
}

static struct css_eval *node_wrap(enum css_kind kind, struct css_eval *kid)
{
    struct css_eval *e = node_new(kind);
    node_add(e, kid);
    return e;
}

static void node_free(struct css_eval *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_kids; i++)
        node_free(e->kids[i]);
    free(e->kids);
    free(e->text);
    free(e->value);
    if (e->re)
        pcre2_code_free(e->re);
    free(e);
}

/* --------------------------------------------------------- the token queue */

static bool tq_empty(const struct tq *q)
{
    return q->pos >= q->len;
}

static bool tq_matches(const struct tq *q, const char *seq)
{
    size_t n = strlen(seq);
    return q->len - q->pos >= n && strncasecmp(q->s + q->pos, seq, n) == 0;
}

static bool tq_chomp(struct tq *q, const char *seq)
{
    if (!tq_matches(q, seq))
        return false;
    q->pos += strlen(seq);
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool tq_skip_space(struct tq *q)
{
    bool seen = false;
    while (!tq_empty(q) && is_space(q->s[q->pos])) {
        q->pos++;
        seen = true;
    }
    return seen;
}

static bool is_combinator(char c)
{
    return c == ',' || c == '>' || c == '+' || c == '~' || c == ' ';
}

static bool tq_at_combinator(const struct tq *q)
{
    return !tq_empty(q) && is_combinator(q->s[q->pos]);
}

/* Character.isLetterOrDigit, with every non-ASCII byte taken for a letter. */
static bool is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static bool tq_word(const struct tq *q)
{
    return !tq_empty(q) && is_word((unsigned char)q->s[q->pos]);
}

static char *tq_remainder(struct tq *q)
{
    char *r = xstrndup(q->s + q->pos, q->len - q->pos);
    q->pos = q->len;
    return r;
}

static size_t utf8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* TokenQueue.unescape: a backslash escapes the next character. */
static char *unescape(const char *s, size_t len)
{
    struct strbuf b;
    strbuf_init(&b);
    char last = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\') {
            if (last == '\\') {
                strbuf_addc(&b, c);
                c = 0;
            }
        } else {
            strbuf_addc(&b, c);
        }
        last = c;
    }
    return strbuf_detach(&b);
}

/* consumeEscapedCssIdentifier: letters, digits, the extra characters, escapes. */
static char *tq_identifier(struct tq *q, bool element)
{
    size_t start = q->pos;
    bool escaped = false;
    while (!tq_empty(q)) {
        char c = q->s[q->pos];
        if (c == '\\' && q->len - q->pos > 1) {
            escaped = true;
            q->pos += 1 + utf8_len((unsigned char)q->s[q->pos + 1]);
            if (q->pos > q->len)
                q->pos = q->len;
        } else if (tq_word(q) || c == '-' || c == '_' ||
                   (element && (c == '|' || tq_matches(q, "*|")))) {
            q->pos++;
        } else {
            break;
        }
    }
    return escaped ? unescape(q->s + start, q->pos - start) : xstrndup(q->s + start, q->pos - start);
}

/* chompBalanced: the text between an opening character and its partner, quotes and
 * backslash escapes (and regex \Q..\E) respected; consumes up to the partner. */
static char *tq_balanced(struct parser *p, struct tq *q, char open, char close)
{
    long start = -1, end = -1;
    int depth = 0;
    char last = 0;
    bool in_single = false, in_double = false, in_qe = false;
    do {
        if (tq_empty(q))
            break;
        char c = q->s[q->pos++];
        if (last != '\\') {
            if (c == '\'' && c != open && !in_double)
                in_single = !in_single;
            else if (c == '"' && c != open && !in_single)
                in_double = !in_double;
            if (in_single || in_double || in_qe) {
                last = c;
                continue;
            }
            if (c == open) {
                depth++;
                if (start == -1)
                    start = (long)q->pos;
            } else if (c == close) {
                depth--;
            }
        } else if (c == 'Q') {
            in_qe = true;
        } else if (c == 'E') {
            in_qe = false;
        }
        if (depth > 0 && last != 0)
            end = (long)q->pos;
        last = c;
    } while (depth > 0);
    char *out = end >= 0 && start >= 0 && end >= start ? xstrndup(q->s + start, (size_t)(end - start))
                                                         : xstrdup("");
    if (depth > 0)
        fail(p, "Did not find balanced marker at '%s'", out);
    return out;
}

/* ------------------------------------------------------------- Java helpers */

static char *java_trim(const char *s)
{
    size_t len = strlen(s), a = 0;
    while (a < len && (unsigned char)s[a] <= ' ')
        a++;
    while (len > a && (unsigned char)s[len - 1] <= ' ')
        len--;
    return xstrndup(s + a, len - a);
}

static char *lower(const char *s)
{
    struct strbuf b;
    strbuf_init(&b);
    css_lower(s, strlen(s), &b);
    return strbuf_detach(&b);
}

/* Normalizer.normalize: lower case, trimmed. */
static char *normalize(const char *s)
{
    char *l = lower(s);
    char *t = java_trim(l);
    free(l);
    return t;
}

static bool not_empty(struct parser *p, const char *s, const char *message)
{
    if (*s)
        return true;
    fail(p, "%s", message);
    return false;
}

static void *compile_regex(struct parser *p, const char *pattern)
{
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &offset, NULL);
    if (!re) {
        PCRE2_UCHAR why[160];
        pcre2_get_error_message(code, why, sizeof why);
        fail(p, "java.util.regex.PatternSyntaxException: %s near index %zu", (const char *)why,
             (size_t)offset);
    }
    return re;
}

/* ------------------------------------------------------------- the parser */

static struct css_eval *parse_query(struct parser *p, const char *query, size_t len);

static char *sub_query(struct parser *p, struct tq *q)
{
    struct strbuf b;
    strbuf_init(&b);
    bool seen_other = false;
    while (!tq_empty(q) && !p->error) {
        if (tq_matches(q, "(")) {
            char *in = tq_balanced(p, q, '(', ')');
            strbuf_addf(&b, "(%s)", in);
            free(in);
        } else if (tq_matches(q, "[")) {
            char *in = tq_balanced(p, q, '[', ']');
            strbuf_addf(&b, "[%s]", in);
            free(in);
        } else if (tq_at_combinator(q)) {
            if (seen_other)
                break;
            strbuf_addc(&b, q->s[q->pos++]);
        } else {
            seen_other = true;
            strbuf_addc(&b, q->s[q->pos++]);
        }
    }
    return strbuf_detach(&b);
}

static struct css_eval *by_attribute(struct parser *p, struct tq *q, const char *query)
{
    char *content = tq_balanced(p, q, '[', ']');
    struct tq cq = {content, strlen(content), 0};
    static const char *const ops[] = {"=", "!=", "^=", "$=", "*=", "~="};
    size_t start = cq.pos;
    while (!tq_empty(&cq)) {
        bool at_op = false;
        for (size_t i = 0; i < ARRAY_LEN(ops) && !at_op; i++)
            at_op = tq_matches(&cq, ops[i]);
        if (at_op)
            break;
        cq.pos++;
    }
    char *key = xstrndup(cq.s + start, cq.pos - start);
    struct css_eval *e = NULL;
    if (!not_empty(p, key, "String must not be empty"))
        goto out;
    tq_skip_space(&cq);
    if (tq_empty(&cq)) {
        if (key[0] == '^') {
            if (not_empty(p, key + 1, "String must not be empty"))
                e = node_text(CSS_ATTR_PREFIX, lower(key + 1));
        } else {
            e = node_text(CSS_ATTR, xstrdup(key));
        }
        goto out;
    }
    enum css_kind kind;
    bool trim_value = true;
    if (tq_chomp(&cq, "="))
        kind = CSS_ATTR_EQ;
    else if (tq_chomp(&cq, "!="))
        kind = CSS_ATTR_NE;
    else if (tq_chomp(&cq, "^=")) {
        kind = CSS_ATTR_START;
        trim_value = false;
    } else if (tq_chomp(&cq, "$=")) {
        kind = CSS_ATTR_END;
        trim_value = false;
    } else if (tq_chomp(&cq, "*="))
        kind = CSS_ATTR_CONTAINS;
    else if (tq_chomp(&cq, "~="))
        kind = CSS_ATTR_REGEX;
    else {
        fail(p, "Could not parse attribute query '%s': unexpected token at '%s'", query, cq.s + cq.pos);
        goto out;
    }
    char *value = tq_remainder(&cq);
    if (kind == CSS_ATTR_REGEX) {
        void *re = compile_regex(p, value);
        if (re) {
            e = node_text(kind, normalize(key));
            e->re = re;
        }
        free(value);
        goto out;
    }
    if (!not_empty(p, key, "String must not be empty") || !not_empty(p, value, "String must not be empty")) {
        free(value);
        goto out;
    }
    size_t vlen = strlen(value);
    bool literal = vlen > 0 && (value[0] == '\'' || value[0] == '"') && value[vlen - 1] == value[0];
    if (literal && vlen < 2) {        /* Java's substring(1, 0) throws */
        fail(p, "java.lang.StringIndexOutOfBoundsException: begin 1, end 0, length 1");
        free(value);
        goto out;
    }
    char *unquoted = literal ? xstrndup(value + 1, vlen - 2) : xstrdup(value);
    e = node_text(kind, normalize(key));
    e->value = trim_value || !literal ? normalize(unquoted) : lower(unquoted);
    free(unquoted);
    free(value);
out:
    free(key);
    free(content);
    return e;
}

static struct css_eval *by_tag(struct parser *p, struct tq *q)
{
    char *raw = tq_identifier(q, true);
    char *name = normalize(raw);
    free(raw);
    if (!not_empty(p, name, "String must not be empty")) {
        free(name);
        return NULL;
    }
    struct strbuf b;
    strbuf_init(&b);
    if (strncmp(name, "*|", 2) == 0) {
        struct css_eval *e = node_new(CSS_OR);
        node_add(e, node_text(CSS_TAG, xstrdup(name + 2)));
        for (const char *s = name; *s; s++) {
            if (s[0] == '*' && s[1] == '|') {
                strbuf_addc(&b, ':');
                s++;
            } else {
                strbuf_addc(&b, *s);
            }
        }
        node_add(e, node_text(CSS_TAG_ENDS, strbuf_detach(&b)));
        free(name);
        return e;
    }
    for (const char *s = name; *s; s++)
        strbuf_addc(&b, *s == '|' ? ':' : *s);
    free(name);
    return node_text(CSS_TAG, strbuf_detach(&b));
}

/* :lt(n) :gt(n) :eq(n): digits only, within an int. */
static bool read_index(struct parser *p, struct tq *q, int *out)
{
    char *raw = tq_balanced(p, q, '(', ')');
    char *t = java_trim(raw);
    free(raw);
    bool digits = *t != '\0';
    for (const char *s = t; *s; s++)
        if (*s < '0' || *s > '9')
            digits = false;
    int32_t v = 0;
    bool ok = false;
    if (!digits)
        fail(p, "Index must be numeric");
    else if (!java_parse_int(t, &v))
        fail(p, "java.lang.NumberFormatException: For input string: \"%s\"", t);
    else
        ok = true;
    free(t);
    *out = v;
    return ok;
}

/* Integer.parseInt(s.replaceFirst("^\\+", "")) */
static bool parse_signed(const char *s, size_t len, int *out)
{
    if (len > 0 && s[0] == '+') {
        s++;
        len--;
    }
    char *t = xstrndup(s, len);
    int32_t v = 0;
    bool ok = java_parse_int(t, &v);
    free(t);
    *out = v;
    return ok;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_java_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\x0B' || c == '\f' || c == '\r';
}

/* The an+b of :nth-*(...), by Jsoup's two patterns. */
static struct css_eval *nth(struct parser *p, struct tq *q, enum css_kind kind)
{
    char *raw = tq_balanced(p, q, '(', ')');
    char *arg = normalize(raw);
    free(raw);
    int a = 0, b = 0;
    bool ok = false;
    size_t len = strlen(arg), i = 0;
    if (strcmp(arg, "odd") == 0) {
        a = 2, b = 1, ok = true;
    } else if (strcmp(arg, "even") == 0) {
        a = 2, b = 0, ok = true;
    } else {
        /* (([+-])?(\d+)?)n(\s*([+-])?\s*\d+)? */
        if (i < len && (arg[i] == '+' || arg[i] == '-'))
            i++;
        size_t digits_at = i;
        while (i < len && is_digit(arg[i]))
            i++;
        size_t group1_end = i;
        bool have_digits = i > digits_at;
        if (i < len && arg[i] == 'n') {
            size_t g4 = ++i;
            bool g4_ok = true;
            if (i < len) {
                while (i < len && is_java_space(arg[i]))
                    i++;
                if (i < len && (arg[i] == '+' || arg[i] == '-'))
                    i++;
                while (i < len && is_java_space(arg[i]))
                    i++;
                size_t d = i;
                while (i < len && is_digit(arg[i]))
                    i++;
                g4_ok = i > d && i == len;
            }
            if (g4_ok) {
                ok = true;
                if (have_digits && !parse_signed(arg, group1_end, &a))
                    ok = false;
                if (!have_digits)
                    a = 1;
                if (ok && g4 < len && !parse_signed(arg + g4, len - g4, &b))
                    ok = false;
                if (!ok)
                    fail(p, "java.lang.NumberFormatException: For input string: \"%s\"", arg);
            }
        } else if (have_digits && group1_end == len) {       /* ([+-])?(\d+) */
            a = 0;
            ok = parse_signed(arg, len, &b);
            if (!ok)
                fail(p, "java.lang.NumberFormatException: For input string: \"%s\"", arg);
        }
        if (!ok)
            fail(p, "Could not parse nth-index '%s': unexpected format", arg);
    }
    free(arg);
    if (!ok)
        return NULL;
    struct css_eval *e = node_new(kind);
    e->a = a;
    e->b = b;
    return e;
}

static struct css_eval *nth_fixed(enum css_kind kind, int a, int b)
{
    struct css_eval *e = node_new(kind);
    e->a = a;
    e->b = b;
    return e;
}

static struct css_eval *sub_selector(struct parser *p, struct tq *q, enum css_kind kind, const char *empty)
{
    char *sub = tq_balanced(p, q, '(', ')');
    struct css_eval *e = NULL;
    if (!p->error && not_empty(p, sub, empty)) {
        struct css_eval *inner = parse_query(p, sub, strlen(sub));
        if (inner)
            e = node_wrap(kind, inner);
    }
    free(sub);
    return e;
}

static struct css_eval *text_test(struct parser *p, struct tq *q, enum css_kind kind, const char *name)
{
    char *raw = tq_balanced(p, q, '(', ')');
    char *text = unescape(raw, strlen(raw));
    free(raw);
    char *empty = xasprintf("%s(text) query must not be empty", name);
    struct css_eval *e = NULL;
    if (!p->error && not_empty(p, text, empty)) {
        if (kind == CSS_CONTAINS || kind == CSS_CONTAINS_OWN) {
            struct strbuf n;
            strbuf_init(&n);
            css_append_normalised(&n, text, strlen(text), false);
            e = node_text(kind, lower(n.s));
            strbuf_free(&n);
        } else if (kind == CSS_CONTAINS_DATA) {
            e = node_text(kind, lower(text));
        } else {
            e = node_text(kind, xstrdup(text));
        }
    }
    free(empty);
    free(text);
    return e;
}

static struct css_eval *regex_test(struct parser *p, struct tq *q, enum css_kind kind, const char *name)
{
    char *regex = tq_balanced(p, q, '(', ')');
    char *empty = xasprintf("%s(regex) query must not be empty", name);
    struct css_eval *e = NULL;
    if (!p->error && not_empty(p, regex, empty)) {
        void *re = compile_regex(p, regex);
        if (re) {
            e = node_new(kind);
            e->re = re;
        }
    }
    free(empty);
    free(regex);
    return e;
}

static struct css_eval *pseudo(struct parser *p, struct tq *q, const char *query)
{
    char *name = tq_identifier(q, false);
    struct css_eval *e = NULL;
    int index;
    if (!strcmp(name, "lt") || !strcmp(name, "gt") || !strcmp(name, "eq")) {
        if (read_index(p, q, &index)) {
            e = node_new(!strcmp(name, "lt")   ? CSS_INDEX_LT
                         : !strcmp(name, "gt") ? CSS_INDEX_GT
                                               : CSS_INDEX_EQ);
            e->a = index;
        }
    } else if (!strcmp(name, "has")) {
        e = sub_selector(p, q, CSS_HAS, ":has(selector) sub-select must not be empty");
    } else if (!strcmp(name, "is")) {
        e = sub_selector(p, q, CSS_IS, ":is(selector) sub-select must not be empty");
    } else if (!strcmp(name, "not")) {
        e = sub_selector(p, q, CSS_NOT, ":not(selector) subselect must not be empty");
    } else if (!strcmp(name, "contains")) {
        e = text_test(p, q, CSS_CONTAINS, ":contains");
    } else if (!strcmp(name, "containsOwn")) {
        e = text_test(p, q, CSS_CONTAINS_OWN, ":containsOwn");
    } else if (!strcmp(name, "containsWholeText")) {
        e = text_test(p, q, CSS_CONTAINS_WHOLE, ":containsWholeText");
    } else if (!strcmp(name, "containsWholeOwnText")) {
        e = text_test(p, q, CSS_CONTAINS_WHOLE_OWN, ":containsWholeOwnText");
    } else if (!strcmp(name, "containsData")) {
        e = text_test(p, q, CSS_CONTAINS_DATA, ":containsData");
    } else if (!strcmp(name, "matches")) {
        e = regex_test(p, q, CSS_MATCHES, ":matches");
    } else if (!strcmp(name, "matchesOwn")) {
        e = regex_test(p, q, CSS_MATCHES_OWN, ":matchesOwn");
    } else if (!strcmp(name, "matchesWholeText")) {
        e = regex_test(p, q, CSS_MATCHES_WHOLE, ":matchesWholeText");
    } else if (!strcmp(name, "matchesWholeOwnText")) {
        e = regex_test(p, q, CSS_MATCHES_WHOLE_OWN, ":matchesWholeOwnText");
    } else if (!strcmp(name, "nth-child")) {
        e = nth(p, q, CSS_NTH_CHILD);
    } else if (!strcmp(name, "nth-last-child")) {
        e = nth(p, q, CSS_NTH_LAST_CHILD);
    } else if (!strcmp(name, "nth-of-type")) {
        e = nth(p, q, CSS_NTH_OF_TYPE);
    } else if (!strcmp(name, "nth-last-of-type")) {
        e = nth(p, q, CSS_NTH_LAST_OF_TYPE);
    } else if (!strcmp(name, "first-child")) {
        e = node_new(CSS_FIRST_CHILD);
    } else if (!strcmp(name, "last-child")) {
        e = node_new(CSS_LAST_CHILD);
    } else if (!strcmp(name, "first-of-type")) {
        e = nth_fixed(CSS_NTH_OF_TYPE, 0, 1);
    } else if (!strcmp(name, "last-of-type")) {
        e = nth_fixed(CSS_NTH_LAST_OF_TYPE, 0, 1);
    } else if (!strcmp(name, "only-child")) {
        e = node_new(CSS_ONLY_CHILD);
    } else if (!strcmp(name, "only-of-type")) {
        e = node_new(CSS_ONLY_OF_TYPE);
    } else if (!strcmp(name, "empty")) {
        e = node_new(CSS_EMPTY);
    } else if (!strcmp(name, "root")) {
        e = node_new(CSS_ROOT);
    } else if (!strcmp(name, "matchText")) {
        fail(p, ":matchText is not supported");
    } else {
        fail(p, "Could not parse query '%s': unexpected token at '%s'", query, q->s + q->pos);
    }
    free(name);
    return e;
}

static struct css_eval *consume_evaluator(struct parser *p, struct tq *q, const char *query)
{
    if (tq_chomp(q, "#")) {
        char *id = tq_identifier(q, false);
        if (!not_empty(p, id, "String must not be empty")) {
            free(id);
            return NULL;
        }
        return node_text(CSS_ID, id);
    }
    if (tq_chomp(q, ".")) {
        char *cls = tq_identifier(q, false);
        if (!not_empty(p, cls, "String must not be empty")) {
            free(cls);
            return NULL;
        }
        char *t = java_trim(cls);
        free(cls);
        return node_text(CSS_CLASS, t);
    }
    if (tq_word(q) || tq_matches(q, "*|"))
        return by_tag(p, q);
    if (tq_matches(q, "["))
        return by_attribute(p, q, query);
    if (tq_chomp(q, "*"))
        return node_new(CSS_ALL);
    if (tq_chomp(q, ":"))
        return pseudo(p, q, query);
    fail(p, "Could not parse query '%s': unexpected token at '%s'", query, q->s + q->pos);
    return NULL;
}

struct evals {
    struct css_eval **items;
    size_t n;
};

static void evals_add(struct evals *v, struct css_eval *e)
{
    v->items = xrealloc(v->items, (v->n + 1) * sizeof *v->items);
    v->items[v->n++] = e;
}

static void evals_clear(struct evals *v)
{
    for (size_t i = 0; i < v->n; i++)
        node_free(v->items[i]);
    free(v->items);
    v->items = NULL;
    v->n = 0;
}

/* Joins the sub-query after a combinator to what was read so far. */
static void combine(struct parser *p, struct tq *q, struct evals *ev, char combinator)
{
    tq_skip_space(q);
    char *sub = sub_query(p, q);
    struct css_eval *next = p->error ? NULL : parse_query(p, sub, strlen(sub));
    free(sub);
    if (!next)
        return;
    struct css_eval *root, *cur;
    bool replace_rightmost = false;
    if (ev->n == 1) {
        root = cur = ev->items[0];
        if (root->kind == CSS_OR && combinator != ',' && root->n_kids > 0) {
            cur = root->kids[root->n_kids - 1];
            replace_rightmost = true;
        }
    } else {
        root = cur = node_new(CSS_AND);
        for (size_t i = 0; i < ev->n; i++)
            node_add(root, ev->items[i]);
    }
    free(ev->items);
    ev->items = NULL;
    ev->n = 0;
    switch (combinator) {
    case '>':
        if (cur->kind != CSS_PARENT_RUN)
            cur = node_wrap(CSS_PARENT_RUN, cur);
        node_add(cur, next);
        break;
    case ' ': {
        struct css_eval *and = node_new(CSS_AND);
        node_add(and, node_wrap(CSS_ANCESTOR, cur));
        node_add(and, next);
        cur = and;
        break;
    }
    case '+':
    case '~': {
        struct css_eval *and = node_new(CSS_AND);
        node_add(and, node_wrap(combinator == '+' ? CSS_IMM_PREV_SIBLING : CSS_PREV_SIBLING, cur));
        node_add(and, next);
        cur = and;
        break;
    }
    default:        /* ',' */
        if (cur->kind != CSS_OR)
            cur = node_wrap(CSS_OR, cur);
        node_add(cur, next);
        break;
    }
    if (replace_rightmost)
        root->kids[root->n_kids - 1] = cur;
    else
        root = cur;
    evals_add(ev, root);
}

/* QueryParser.parse on one (sub-)query. */
static struct css_eval *parse_query(struct parser *p, const char *query, size_t len)
{
    if (len == 0) {
        fail(p, "String must not be empty");
        return NULL;
    }
    if (++p->depth > MAX_NESTING) {
        fail(p, "selector nested too deeply");
        p->depth--;
        return NULL;
    }
    char *raw = xstrndup(query, len);
    char *trimmed = java_trim(raw);
    free(raw);
    struct tq q = {trimmed, strlen(trimmed), 0};
    struct evals ev = {0};
    tq_skip_space(&q);
    if (tq_at_combinator(&q)) {
        evals_add(&ev, node_new(CSS_IS_SCOPE));
        combine(p, &q, &ev, q.s[q.pos++]);
    } else {
        struct css_eval *e = consume_evaluator(p, &q, trimmed);
        if (e)
            evals_add(&ev, e);
    }
    while (!tq_empty(&q) && !p->error) {
        bool white = tq_skip_space(&q);
        if (tq_at_combinator(&q)) {
            combine(p, &q, &ev, q.s[q.pos++]);
        } else if (white) {
            combine(p, &q, &ev, ' ');
        } else {
            struct css_eval *e = consume_evaluator(p, &q, trimmed);
            if (e)
                evals_add(&ev, e);
        }
    }
    free(trimmed);
    p->depth--;
    if (p->error || ev.n == 0) {
        evals_clear(&ev);
        if (!p->error)
            fail(p, "String must not be empty");
        return NULL;
    }
    if (ev.n == 1) {
        struct css_eval *e = ev.items[0];
        free(ev.items);
        return e;
    }
    struct css_eval *and = node_new(CSS_AND);
    for (size_t i = 0; i < ev.n; i++)
        node_add(and, ev.items[i]);
    free(ev.items);
    return and;
}

struct css_selector *css_compile(const char *query, char **error)
{
    struct parser p = {0};
    struct css_eval *root = parse_query(&p, query ? query : "", query ? strlen(query) : 0);
    if (!root) {
        if (error)
            *error = p.error ? p.error : xstrdup("String must not be empty");
        else
            free(p.error);
        return NULL;
    }
    free(p.error);
    struct css_selector *sel = xcalloc(1, sizeof *sel);
    sel->query = xstrdup(query);
    sel->root = root;
    return sel;
}

void css_selector_free(struct css_selector *sel)
{
    if (!sel)
        return;
    node_free(sel->root);
    free(sel->query);
    free(sel);
}
