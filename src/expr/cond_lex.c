/* cond_lex.c - the tokenizer of the condition language: numbers, quoted
 * strings with escapes, identifiers, operators. In JEXL the words and, or,
 * not, eq, ne, lt, gt, le, ge are operators and come out as their symbols. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cond_internal.h"
#include "utf8.h"

void cond_lex_init(struct lexer *lx, const char *src, enum cond_dialect d)
{
    lx->src = src;
    lx->pos = 0;
    lx->dialect = d;
    lx->failed = false;
    lx->error = NULL;
}

void cond_token_free(struct token *t)
{
    condv_free(&t->value);
}

static struct token bad(struct lexer *lx, size_t start, const char *what)
{
    struct token t = {0};
    t.kind = T_BAD;
    t.start = lx->src + start;
    t.len = 1;
    if (!lx->failed) {
        lx->failed = true;
        lx->error = xasprintf("%s in %s condition", what, cond_dialect_name(lx->dialect));
    }
    return t;
}


static struct token lex_string(struct lexer *lx, size_t start)
{
    char quote = lx->src[lx->pos++];
    struct strbuf sb;
    strbuf_init(&sb);
    struct utf16_sink sink = {&sb, 0};
    for (;;) {
        char c = lx->src[lx->pos];
        if (c == '\0') {
            strbuf_free(&sb);
            return bad(lx, start, "unterminated string");
        }
        lx->pos++;
        if (c == quote)
            break;
        if (c != '\\') {
            expr_utf16_flush(&sink);
            strbuf_addc(&sb, c);
            continue;
        }
        char e = lx->src[lx->pos];
        if (e == '\0')
            continue;
        lx->pos++;
        int h[4];
        switch (e) {
        case 'n': expr_utf16_flush(&sink); strbuf_addc(&sb, '\n'); break;
        case 't': expr_utf16_flush(&sink); strbuf_addc(&sb, '\t'); break;
        case 'r': expr_utf16_flush(&sink); strbuf_addc(&sb, '\r'); break;
        case 'b': expr_utf16_flush(&sink); strbuf_addc(&sb, '\b'); break;
        case 'f': expr_utf16_flush(&sink); strbuf_addc(&sb, '\f'); break;
        case 'v': expr_utf16_flush(&sink); strbuf_addc(&sb, '\v'); break;
        case '0': expr_utf16_flush(&sink); expr_utf8_put(&sb, 0); break;
        case 'u':
            for (int i = 0; i < 4; i++)   /* stops at the first non-digit, never past the end */
                h[i] = i == 0 || h[i - 1] >= 0 ? hex_digit_value(lx->src[lx->pos + (size_t)i]) : -1;
            if (h[0] < 0 || h[1] < 0 || h[2] < 0 || h[3] < 0) {
                strbuf_free(&sb);
                return bad(lx, start, "malformed \\u escape");
            }
            lx->pos += 4;
            expr_utf16_put(&sink, (uint32_t)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]));
            break;
        case 'x':
            h[0] = hex_digit_value(lx->src[lx->pos]);
            h[1] = h[0] >= 0 ? hex_digit_value(lx->src[lx->pos + 1]) : -1;
            if (h[0] < 0 || h[1] < 0) {
                strbuf_free(&sb);
                return bad(lx, start, "malformed \\x escape");
            }
            lx->pos += 2;
            expr_utf16_flush(&sink);
            expr_utf8_put(&sb, (uint32_t)(h[0] << 4 | h[1]));
            break;
        default:   /* \\ \' \" and any other character stand for themselves */
            expr_utf16_flush(&sink);
            strbuf_addc(&sb, e);
        }
    }
    expr_utf16_flush(&sink);
    struct token t = {0};
    t.kind = T_STRING;
    t.start = lx->src + start;
    t.len = lx->pos - start;
    t.value = condv_string_take(strbuf_detach(&sb));
    return t;
}

static struct token lex_number(struct lexer *lx, size_t start)
{
    const char *s = lx->src + start;
    size_t n = 0;
    bool is_float = false;
    struct token t = {0};
    t.kind = T_NUMBER;
    t.start = s;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2])) {
        n = 2;
        uint64_t v = 0;
        bool overflow = false;
        while (isxdigit((unsigned char)s[n])) {
            if (v >> 60)
                overflow = true;
            v = v * 16 + (uint64_t)hex_digit_value(s[n++]);
        }
        if (s[n] == 'L' || s[n] == 'l')
            n++;
        if (lx->dialect == COND_JAVASCRIPT || overflow || v > INT64_MAX)
            t.value = condv_double((double)v);
        else
            t.value = condv_int((int64_t)v);
    } else {
        while (isdigit((unsigned char)s[n]))
            n++;
        if (s[n] == '.' && isdigit((unsigned char)s[n + 1])) {
            is_float = true;
            n++;
            while (isdigit((unsigned char)s[n]))
                n++;
        } else if (s[n] == '.' && lx->dialect == COND_JAVASCRIPT && !isalpha((unsigned char)s[n + 1])) {
            n++;   /* "1." is a JavaScript number */
            is_float = true;
        }
        if ((s[n] == 'e' || s[n] == 'E') &&
            (isdigit((unsigned char)s[n + 1]) ||
             ((s[n + 1] == '+' || s[n + 1] == '-') && isdigit((unsigned char)s[n + 2])))) {
            is_float = true;
            n += 2;
            while (isdigit((unsigned char)s[n]))
                n++;
        }
        char *text = xstrndup(s, n);
        bool suffix_double = false;
        if (lx->dialect != COND_JAVASCRIPT && strchr("lLdDfFgG", s[n]) && s[n]) {
            suffix_double = strchr("dDfF", s[n]) != NULL;
            n++;
        }
        int64_t iv;
        if (lx->dialect == COND_JAVASCRIPT)
            t.value = condv_double(strtod(text, NULL));
        else if (is_float || suffix_double)
            t.value = lx->dialect == COND_GROOVY && !suffix_double ? condv_decimal(strtod(text, NULL))
                                                                    : condv_double(strtod(text, NULL));
        else if (condv_parse_java_int(text, &iv, true))
            t.value = condv_int(iv);
        else
            t.value = condv_double(strtod(text, NULL));
        free(text);
    }
    if (isalnum((unsigned char)s[n]) || s[n] == '_') {
        condv_free(&t.value);
        lx->pos = start + n;
        return bad(lx, start, "malformed number");
    }
    lx->pos = start + n;
    t.len = n;
    return t;
}

/* JEXL's operator words. */
static const struct {
    const char *word, *op;
} jexl_words[] = {
    {"and", "&&"}, {"or", "||"}, {"not", "!"}, {"eq", "=="}, {"ne", "!="},
    {"lt", "<"},   {"gt", ">"},  {"le", "<="}, {"ge", ">="},
};

/* Operators, longest first. */
static const char *const operators[] = {
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*",
    "/",   "%",   "(",  ")",  ".",  ",",  "?",  ":",  ";", "=", "[", "]", "{", "}", "&", "|", "^", "~",
};

struct token cond_lex_next(struct lexer *lx)
{
    const char *src = lx->src;
    while (isspace((unsigned char)src[lx->pos]))
        lx->pos++;
    size_t start = lx->pos;
    struct token t = {0};
    t.start = src + start;
    char c = src[start];
    if (c == '\0') {
        t.kind = T_EOF;
        return t;
    }
    if (c == '"' || c == '\'')
        return lex_string(lx, start);
    if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)src[start + 1])))
        return lex_number(lx, start);
    if (isalpha((unsigned char)c) || c == '_' || c == '$') {
        size_t n = 0;
        while (isalnum((unsigned char)src[start + n]) || src[start + n] == '_' || src[start + n] == '$')
            n++;
        lx->pos = start + n;
        if (lx->dialect == COND_JEXL || lx->dialect == COND_JEXL2) {
            for (size_t i = 0; i < ARRAY_LEN(jexl_words); i++)
                if (strlen(jexl_words[i].word) == n && memcmp(jexl_words[i].word, src + start, n) == 0) {
                    t.kind = T_OP;
                    t.len = n;
                    strcpy(t.op, jexl_words[i].op);
                    return t;
                }
        }
        t.kind = T_IDENT;
        t.len = n;
        return t;
    }
    for (size_t i = 0; i < ARRAY_LEN(operators); i++) {
        size_t n = strlen(operators[i]);
        if (strncmp(src + start, operators[i], n) == 0) {
            lx->pos = start + n;
            t.kind = T_OP;
            t.len = n;
            strcpy(t.op, operators[i]);
            return t;
        }
    }
    uint32_t cp;
    size_t len = expr_utf8_get(src + start, strlen(src + start), &cp);
    lx->pos = start + (len ? len : 1);
    t.kind = T_OP;   /* an unknown character: the parser names it */
    t.len = len ? len : 1;
    t.op[0] = c;
    return t;
}
