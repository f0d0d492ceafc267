/* pylit.c - plan text as safe Python source: string literals that always fit
 * on one line and cannot end early, and identifiers made from element names.
 *
 * This is the one gate every plan string goes through on its way into the
 * locustfile, in code and in comments alike. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/emit.h"

/* Decodes one UTF-8 sequence at s (n bytes left). Returns its length, or 0
 * for an invalid sequence (one byte is then skipped by the caller). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1Fu; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0Fu; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07u; min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* Characters written as escapes: controls, separators, invisible formatting
 * (bidirectional overrides included), private use, non-characters. */
static bool must_escape(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD)
        return true;
    if (cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
        cp == 0x17B5 || cp == 0x180E || cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0)
        return true;
    if ((cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x206F))
        return true;   /* spaces of odd widths, zero-width marks, separators, bidi */
    if (cp >= 0xE000 && cp <= 0xF8FF)
        return true;   /* private use */
    if (cp >= 0xFDD0 && cp <= 0xFDEF)
        return true;
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFFF0 && cp <= 0xFFFB))
        return true;   /* non-characters, interlinear annotations */
    if (cp >= 0xE0000)
        return true;   /* tags, variation selectors supplement, planes 15-16 private use */
    if (cp >= 0xFE00 && cp <= 0xFE0F)
        return true;   /* variation selectors */
    return false;
}

static void add_escape(struct strbuf *out, uint32_t cp)
{
    switch (cp) {
    case '\n': strbuf_adds(out, "\\n"); return;
    case '\r': strbuf_adds(out, "\\r"); return;
    case '\t': strbuf_adds(out, "\\t"); return;
    default: break;
    }
    if (cp <= 0xFF)
        strbuf_addf(out, "\\x%02x", (unsigned)cp);
    else if (cp <= 0xFFFF)
        strbuf_addf(out, "\\u%04x", (unsigned)cp);
    else
        strbuf_addf(out, "\\U%08x", (unsigned)cp);
}

void py_str_literal(struct strbuf *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    strbuf_addc(out, '\'');
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(u + i, n - i, &cp);
        if (len == 0) {
            strbuf_adds(out, "\\ufffd");
            i++;
            continue;
        }
        if (cp == '\\')
            strbuf_adds(out, "\\\\");
        else if (cp == '\'')
            strbuf_adds(out, "\\'");
        else if (must_escape(cp))
            add_escape(out, cp);
        else
            strbuf_addn(out, (const char *)u + i, len);
        i += len;
    }
    strbuf_addc(out, '\'');
}

void py_str_literal_z(struct strbuf *out, const char *s)
{
    py_str_literal(out, s, s ? strlen(s) : 0);
}

void py_regex_literal(struct strbuf *out, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    bool raw_ok = n > 0 && strchr(s, '\\') != NULL;   /* raw only pays off with backslashes */
    size_t trailing = 0;
    for (size_t i = 0; i < n && raw_ok; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\'' || c < 0x20 || c >= 0x7F)
            raw_ok = false;
    }
    for (size_t i = n; i > 0 && s[i - 1] == '\\'; i--)
        trailing++;
    if (raw_ok && trailing % 2 == 0) {
        strbuf_adds(out, "r'");
        strbuf_addn(out, s, n);
        strbuf_addc(out, '\'');
    } else {
        py_str_literal(out, s, n);
    }
}

/* --------------------------------------------------------------- identifiers */

static const char *const reserved_words[] = {
    /* keywords and soft keywords */
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield", "match", "case", "_",
    /* builtins a generated name must not shadow */
    "abs", "all", "any", "bool", "bytes", "callable", "chr", "dict", "dir", "divmod",
    "enumerate", "eval", "exec", "filter", "float", "format", "frozenset", "getattr",
    "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
    "issubclass", "iter", "len", "list", "locals", "map", "max", "min", "next", "object",
    "oct", "open", "ord", "pow", "print", "property", "range", "repr", "reversed", "round",
    "set", "setattr", "slice", "sorted", "str", "sum", "super", "tuple", "type", "vars",
    "zip", "self", "cls",
};

void py_names_init(struct py_names *n)
{
    memset(n, 0, sizeof *n);
}

void py_names_free(struct py_names *n)
{
    for (size_t i = 0; i < n->taken.len; i++)
        free(n->taken.items[i]);
    ptrvec_free(&n->taken);
}

static bool is_taken(const struct py_names *n, const char *name)
{
    for (size_t i = 0; i < n->taken.len; i++)
        if (strcmp(n->taken.items[i], name) == 0)
            return true;
    for (size_t i = 0; i < ARRAY_LEN(reserved_words); i++)
        if (strcmp(reserved_words[i], name) == 0)
            return true;
    return false;
}

void py_names_reserve(struct py_names *n, const char *name)
{
    if (!is_taken(n, name))
        ptrvec_push(&n->taken, xstrdup(name));
}

/* Splits text into words of [A-Za-z0-9] (underscores and anything else
 * separate words; camelCase boundaries are kept as they are). */
static void join_words(const char *text, enum py_ident_style style, struct strbuf *out)
{
    bool new_word = true;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        if (!isalnum(*p) || *p >= 0x80) {
            new_word = true;
            continue;
        }
        if (new_word && out->len > 0 && style != PY_IDENT_CAMEL)
            strbuf_addc(out, '_');
        char c = (char)*p;
        if (style == PY_IDENT_SNAKE)
            c = (char)tolower(*p);
        else if (style == PY_IDENT_UPPER)
            c = (char)toupper(*p);
        else if (new_word)
            c = (char)toupper(*p);
        strbuf_addc(out, c);
        new_word = false;
    }
}

/* Puts the words of the fallback in front of base: for names that start with
 * a digit or are Python's own. */
static void put_fallback_first(struct strbuf *base, const char *fallback,
                               enum py_ident_style style)
{
    struct strbuf pre;
    strbuf_init(&pre);
    join_words(fallback, style, &pre);
    if (style != PY_IDENT_CAMEL)
        strbuf_addc(&pre, '_');
    strbuf_addn(&pre, base->s, base->len);
    strbuf_free(base);
    *base = pre;
}

const char *py_identifier(struct py_names *n, const char *text, enum py_ident_style style,
                          const char *fallback)
{
    struct strbuf base;
    strbuf_init(&base);
    join_words(text, style, &base);
    if (base.len > 40) {   /* long names make long lines; keep a readable start */
        base.len = 40;
        while (base.len > 0 && base.s[base.len - 1] == '_')
            base.len--;
        base.s[base.len] = '\0';
    }
    if (base.len == 0) {
        strbuf_reset(&base);
        join_words(fallback, style, &base);
    } else if (isdigit((unsigned char)base.s[0])) {
        put_fallback_first(&base, fallback, style);
    }
    if (is_taken(n, base.s)) {
        /* a keyword or builtin gets the fallback in front first */
        bool reserved = false;
        for (size_t i = 0; i < ARRAY_LEN(reserved_words); i++)
            reserved = reserved || strcmp(reserved_words[i], base.s) == 0;
        if (reserved)
            put_fallback_first(&base, fallback, style);
    }
    char *name = xstrdup(base.s);
    for (int k = 2; is_taken(n, name); k++) {
        free(name);
        name = xasprintf(style == PY_IDENT_CAMEL ? "%s%d" : "%s_%d", base.s, k);
    }
    strbuf_free(&base);
    ptrvec_push(&n->taken, name);
    return name;
}
