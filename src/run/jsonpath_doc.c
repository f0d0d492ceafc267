/* jsonpath_doc.c - reading a document the way json-smart 2.5.0's permissive parser reads
 * what JMeter hands to JsonPath, with jansson doing the parsing:
 *   - a text starting with '{', '[' or '"' is one JSON value; what follows it is ignored;
 *   - any other text is a JSON scalar when it is exactly one, otherwise the whole text
 *     (trimmed) is a string: "OK" and "404 Not Found" are strings, not errors;
 *   - json-smart also takes single-quoted strings, bare words ({a: x}), commas with
 *     nothing between them ([1,,2], {"a":1,}) and integers beyond 64 bits; such text is
 *     rewritten to strict JSON (a big integer as a real written "<digits>e0") and parsed
 *     again;
 *   - more than 400 nested objects or arrays are refused, as json-smart does;
 *   - a decimal number written with more than 18 characters is a BigDecimal in Java and
 *     prints as written: its text is kept beside the tree (big integers too).
 * Not taken: reals beyond the range of a double (Java reads 1E400 as Infinity), NUL in
 * object keys, unpaired surrogates in \u escapes, leading zeros.
 * The messages imitate json-smart's ParseException ("Unexpected character (x) at
 * position n."); positions are byte offsets. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"
#include "jmx2run/postprocess.h"

#define SMART_MAX_DEPTH 400

struct numtext {
    const json_t *value;
    char *text;
};

struct jp_doc {
    json_t *root;
    struct numtext *nums;    /* sorted by value pointer */
    size_t n_nums;
};

json_t *jp_doc_root(const struct jp_doc *doc)
{
    return doc->root;
}

void jp_doc_free(struct jp_doc *doc)
{
    if (!doc)
        return;
    json_decref(doc->root);
    for (size_t i = 0; i < doc->n_nums; i++)
        free(doc->nums[i].text);
    free(doc->nums);
    free(doc);
}

static int by_value(const void *a, const void *b)
{
    const json_t *x = ((const struct numtext *)a)->value, *y = ((const struct numtext *)b)->value;
    return x < y ? -1 : x > y;
}

const char *jp_doc_number_text(const struct jp_doc *const *docs, size_t n_docs, const json_t *v)
{
    if (!v || !json_is_real(v))
        return NULL;
    struct numtext key = {v, NULL};
    for (size_t i = 0; i < n_docs; i++) {
        if (!docs[i] || !docs[i]->n_nums)
            continue;
        const struct numtext *hit = bsearch(&key, docs[i]->nums, docs[i]->n_nums,
                                            sizeof key, by_value);
        if (hit)
            return hit->text;
    }
    return NULL;
}

/* ---- a lexical walk over JSON text: where numbers are, how deep brackets go ---- */

struct token_pos {
    size_t start, len;
};

struct scan {
    struct token_pos *nums;
    size_t n, cap;
    size_t too_deep_at;      /* position of the bracket past the limit, or SIZE_MAX */
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Walks the first value of the text (to its closing bracket) noting number tokens. */
static void scan_text(const char *s, size_t len, struct scan *sc)
{
    size_t depth = 0;
    sc->too_deep_at = SIZE_MAX;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"') {
            for (i++; i < len && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
            if (depth == 0)
                return;
        } else if (c == '{' || c == '[') {
            if (++depth > SMART_MAX_DEPTH && sc->too_deep_at == SIZE_MAX)
                sc->too_deep_at = i;
        } else if (c == '}' || c == ']') {
            if (depth == 0 || --depth == 0)
                return;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t start = i;
            while (i + 1 < len && (strchr("0123456789+-.eE", s[i + 1]) && s[i + 1]))
                i++;
            if (sc->n == sc->cap) {
                sc->cap = sc->cap ? sc->cap * 2 : 16;
                sc->nums = xrealloc(sc->nums, sc->cap * sizeof *sc->nums);
            }
            sc->nums[sc->n++] = (struct token_pos){start, i + 1 - start};
        }
    }
}

/* The numbers of the tree in document order. */
static void tree_numbers(json_t *v, struct ptrvec *out)
{
    if (json_is_object(v)) {
        const char *key;
        json_t *child;
        json_object_foreach(v, key, child)
            tree_numbers(child, out);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *child;
        json_array_foreach(v, i, child)
            tree_numbers(child, out);
    } else if (json_is_number(v)) {
        ptrvec_push(out, v);
    }
}

/* Keeps the text of long decimals when the tokens line up with the tree's numbers (they
 * do not when an object repeats a key; then nothing is kept). */
static void keep_number_texts(struct jp_doc *doc, const char *s, const struct scan *sc)
{
    struct ptrvec tree = {0};
    tree_numbers(doc->root, &tree);
    bool aligned = tree.len == sc->n;
    for (size_t i = 0; aligned && i < sc->n; i++) {
        const json_t *v = tree.items[i];
        char *text = xstrndup(s + sc->nums[i].start, sc->nums[i].len);
        bool real = strpbrk(text, ".eE") != NULL;
        if (real != json_is_real(v) ||
            (real && strtod(text, NULL) != json_real_value(v)))
            aligned = false;
        free(text);
    }
    for (size_t i = 0; aligned && i < sc->n; i++) {
        if (!json_is_real((json_t *)tree.items[i]) || sc->nums[i].len <= 18)
            continue;
        doc->nums = xrealloc(doc->nums, (doc->n_nums + 1) * sizeof *doc->nums);
        doc->nums[doc->n_nums++] = (struct numtext){
            tree.items[i], xstrndup(s + sc->nums[i].start, sc->nums[i].len)};
    }
    if (doc->n_nums)
        qsort(doc->nums, doc->n_nums, sizeof *doc->nums, by_value);
    ptrvec_free(&tree);
}

/* ---- json-smart's leniency inside objects and arrays ---- */

static void put_json_string(struct strbuf *out, const char *s, size_t len)
{
    strbuf_addc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            strbuf_addc(out, '\\'), strbuf_addc(out, (char)c);
        else if (c < 0x20)
            strbuf_addf(out, "\\u%04x", c);
        else
            strbuf_addc(out, (char)c);
    }
    strbuf_addc(out, '"');
}

static bool is_number_word(const char *s, size_t len)
{
    struct jp_decimal d;
    if (len == 0 || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
        return false;
    if (!jp_decimal_parse(s, len, &d))
        return false;
    jp_decimal_free(&d);
    return s[len - 1] != '.';
}

/* An integer beyond 64 bits, which jansson refuses and json-smart reads as BigInteger. */
static bool is_big_integer(const char *s, size_t len)
{
    size_t i = s[0] == '-';
    if (i == len)
        return false;
    for (size_t k = i; k < len; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    while (i < len - 1 && s[i] == '0')
        i++;
    size_t digits = len - i;
    const char *limit = s[0] == '-' ? "9223372036854775808" : "9223372036854775807";
    return digits > 19 || (digits == 19 && memcmp(s + i, limit, 19) > 0);
}

/* Rewrites single-quoted strings and bare words (which json-smart reads up to the next
 * ':' for a key, ',' '}' ']' for a value) into strict JSON. */
static void relax(const char *s, size_t len, struct strbuf *out)
{
    char stack[SMART_MAX_DEPTH + 2];
    size_t depth = 0;
    bool want_key = false;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (c == '"') {
            size_t start = i++;
            while (i < len && s[i] != '"')
                i += s[i] == '\\' ? 2 : 1;
            i = i < len ? i + 1 : len;
            strbuf_addn(out, s + start, i - start);
            want_key = false;
        } else if (c == '\'') {
            struct strbuf raw;
            strbuf_init(&raw);
            for (i++; i < len && s[i] != '\''; i++) {
                if (s[i] == '\\' && i + 1 < len) {
                    if (s[i + 1] != '\'')
                        strbuf_addc(&raw, '\\');
                    i++;
                }
                strbuf_addc(&raw, s[i]);
            }
            i = i < len ? i + 1 : len;
            /* the text keeps its escapes; only the quotes change */
            strbuf_addc(out, '"');
            for (size_t k = 0; k < raw.len; k++) {
                if (raw.s[k] == '"')
                    strbuf_addc(out, '\\');
                else if (raw.s[k] == '\\' && k + 1 < raw.len)
                    strbuf_addc(out, raw.s[k++]);
                strbuf_addc(out, raw.s[k]);
            }
            strbuf_addc(out, '"');
            strbuf_free(&raw);
            want_key = false;
        } else if (c == '{' || c == '[') {
            if (depth <= SMART_MAX_DEPTH)
                stack[depth] = c;
            depth++;
            want_key = c == '{';
            strbuf_addc(out, c);
            i++;
        } else if (c == '}' || c == ']') {
            if (depth)
                depth--;
            want_key = false;
            strbuf_addc(out, c);
            i++;
        } else if (c == ',') {
            want_key = depth && depth <= SMART_MAX_DEPTH + 1 && stack[depth - 1] == '{';
            /* json-smart ignores commas with nothing between them and a bracket or another
             * comma: [1,,2] and {"a":1,} */
            size_t k = i + 1;
            while (k < len && is_space(s[k]))
                k++;
            size_t b = out->len;
            while (b > 0 && is_space(out->s[b - 1]))
                b--;
            bool useless = (k < len && (s[k] == ',' || s[k] == '}' || s[k] == ']')) ||
                           (b > 0 && (out->s[b - 1] == '[' || out->s[b - 1] == '{' ||
                                      out->s[b - 1] == ','));
            if (!useless)
                strbuf_addc(out, c);
            i++;
        } else if (c == ':') {
            want_key = false;
            strbuf_addc(out, c);
            i++;
        } else if (is_space(c)) {
            strbuf_addc(out, c);
            i++;
        } else {
            size_t start = i;
            const char *stops = want_key ? ":" : ",}]";
            /* memchr, not strchr: a NUL byte in the body is a character of the word
             * (strchr would find the terminator and the loop would never advance) */
            while (i < len && !memchr(stops, s[i], strlen(stops)))
                i++;
            size_t end = i;
            while (end > start && is_space(s[end - 1]))
                end--;
            size_t n = end - start;
            const char *w = s + start;
            if ((n == 4 && !memcmp(w, "true", 4)) || (n == 5 && !memcmp(w, "false", 5)) ||
                (n == 4 && !memcmp(w, "null", 4)) || (!want_key && is_number_word(w, n))) {
                strbuf_addn(out, w, n);
                if (!want_key && is_big_integer(w, n))
                    strbuf_adds(out, "e0");   /* a BigInteger in Java: a real keeping its text */
            } else {
                put_json_string(out, w, n);
            }
            strbuf_addn(out, s + end, i - end);
            want_key = false;
        }
    }
}

/* ---- loading ---- */

/* json-smart's ParseException text for what jansson refused, as near as can be told: text
 * ending inside an array or right after a ':' says "EOF", inside a string "null" at the
 * length, elsewhere "null". */
static char *smart_error(const char *s, size_t len, const json_error_t *e)
{
    if (strstr(e->text, "end of file") || strstr(e->text, "premature end")) {
        int depth = 0;
        char stack[SMART_MAX_DEPTH + 2] = {0};
        char last = 0;
        bool in_string = false;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '"') {
                for (i++; i < len && s[i] != '"'; i++)
                    if (s[i] == '\\')
                        i++;
                in_string = i >= len;
                last = '"';
            } else if ((s[i] == '[' || s[i] == '{') && depth <= SMART_MAX_DEPTH) {
                stack[depth++] = s[i];
                last = s[i];
            } else if ((s[i] == ']' || s[i] == '}') && depth > 0) {
                depth--;
                last = s[i];
            } else if (!is_space(s[i])) {
                last = s[i];
            }
        }
        if (in_string)
            return xasprintf("net.minidev.json.parser.ParseException: Unexpected End Of File "
                             "position %zu: null", len);
        bool eof = (depth > 0 && stack[depth - 1] == '[') || last == ':';
        return xasprintf("net.minidev.json.parser.ParseException: Unexpected End Of File "
                         "position %zu: %s", len ? len - 1 : 0, eof ? "EOF" : "null");
    }
    size_t pos = e->position > 0 ? (size_t)e->position - 1 : 0;
    if (pos >= len)
        pos = len ? len - 1 : 0;
    return xasprintf("net.minidev.json.parser.ParseException: Unexpected character (%c) at "
                     "position %zu.", len ? s[pos] : ' ', pos);
}

static json_t *load(const char *s, size_t len, size_t flags, json_error_t *e)
{
    return json_loadb(s, len, flags | JSON_DECODE_ANY | JSON_ALLOW_NUL, e);
}

/* json-smart's extractStringTrim (Character.isWhitespace; ASCII whitespace here). */
static json_t *trimmed_string(const char *s, size_t len)
{
    size_t a = 0, b = len;
    while (a < b && (unsigned char)s[a] < 0x80 && java_is_whitespace((unsigned char)s[a]))
        a++;
    while (b > a && (unsigned char)s[b - 1] < 0x80 && java_is_whitespace((unsigned char)s[b - 1]))
        b--;
    return json_stringn(s + a, b - a);
}

struct jp_doc *jp_doc_parse(const char *text, size_t len, char **error)
{
    size_t i = 0;
    while (i < len && is_space(text[i]))
        i++;
    const char *s = text + i;
    size_t n = len - i;
    json_error_t e;
    json_t *root = NULL;
    char first = n ? s[0] : '\0';
    if (first == ':' || first == '}' || first == ']') {
        if (error)
            *error = xasprintf("net.minidev.json.parser.ParseException: Unexpected character "
                               "(%c) at position %zu.", first, i);
        return NULL;
    }
    struct scan sc = {0};
    if (first == '{' || first == '[') {
        scan_text(s, n, &sc);       /* json-smart refuses the depth before anything else */
        free(sc.nums);
        if (sc.too_deep_at != SIZE_MAX) {
            if (error)
                *error = xasprintf("net.minidev.json.parser.ParseException: Malicious payload, "
                                   "having non natural depths, parsing stoped on %c at position %zu.",
                                   s[sc.too_deep_at], sc.too_deep_at + i);
            return NULL;
        }
        memset(&sc, 0, sizeof sc);
    }
    const char *parsed_text = s;
    size_t parsed_len = n;
    struct strbuf relaxed;
    strbuf_init(&relaxed);
    if (first == '{' || first == '[' || first == '"' || first == '\'') {
        if (first != '\'')
            root = load(s, n, JSON_DISABLE_EOF_CHECK, &e);
        if (!root) {
            json_error_t e2;
            relax(s, n, &relaxed);
            root = load(relaxed.s, relaxed.len, JSON_DISABLE_EOF_CHECK, &e2);
            if (root) {
                parsed_text = relaxed.s;
                parsed_len = relaxed.len;
            } else if (first == '\'') {
                e = e2;
            }
        }
        if (!root) {
            if (error)
                *error = smart_error(s, n, &e);
            strbuf_free(&relaxed);
            return NULL;
        }
    } else {
        root = n ? load(s, n, 0, &e) : NULL;
        if (!root)
            root = trimmed_string(text, len);
    }
    struct jp_doc *doc = xcalloc(1, sizeof *doc);
    doc->root = root;
    if (json_is_real(root) || json_is_array(root) || json_is_object(root)) {
        scan_text(parsed_text, parsed_len, &sc);
        keep_number_texts(doc, parsed_text, &sc);
        free(sc.nums);
    }
    strbuf_free(&relaxed);
    return doc;
}
