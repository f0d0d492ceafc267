/* jsonpath_java.c - the Java conventions JMeter's JSON elements show through: how
 * Double.toString and DecimalFormat print numbers, String.hashCode and the iteration order
 * of a java.util.HashMap built from a map (json-smart's JSONObject), String.compareTo on
 * UTF-16 units, String.trim and String.split, Jayway's Utils.unescape, and the class
 * names Jayway puts in its messages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

/* ---------------------------------------------------------------- doubles */

/* The shortest digits that read back as d (finite, > 0): d = 0.DIGITS x 10^exp10. */
static void shortest_digits(double d, char *digits, int *exp10)
{
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    char *e = strchr(buf, 'e');
    size_t n = 0;
    for (char *p = buf; p < e; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    if (n == 1) {
        /* One digit reads back: Java then prints the two-digit decimal closest to d
         * (Double.MIN_VALUE is 4.9E-324, not 5.0E-324). */
        snprintf(buf, sizeof buf, "%.1e", d);
        e = strchr(buf, 'e');
        digits[0] = buf[0];
        digits[1] = buf[2];
        n = 2;
    }
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *exp10 = atoi(e + 1) + 1;
}

static bool special_double(double d, struct strbuf *out)
{
    if (isnan(d))
        strbuf_adds(out, "NaN");
    else if (isinf(d))
        strbuf_adds(out, d < 0 ? "-Infinity" : "Infinity");
    else if (d == 0)
        strbuf_adds(out, signbit(d) ? "-0.0" : "0.0");
    else
        return false;
    return true;
}

/* Plain notation with at least one fraction digit: digits x 10^(n - k). */
static void plain_digits(const char *digits, int n, struct strbuf *out)
{
    int k = (int)strlen(digits);
    if (n <= 0) {
        strbuf_adds(out, "0.");
        for (int i = 0; i < -n; i++)
            strbuf_addc(out, '0');
        strbuf_adds(out, digits);
    } else if (k <= n) {
        strbuf_adds(out, digits);
        for (int i = k; i < n; i++)
            strbuf_addc(out, '0');
        strbuf_adds(out, ".0");
    } else {
        strbuf_addn(out, digits, (size_t)n);
        strbuf_addc(out, '.');
        strbuf_adds(out, digits + n);
    }
}

void jp_java_double(double d, struct strbuf *out)
{
    if (special_double(d, out))
        return;
    if (d < 0) {
        strbuf_addc(out, '-');
        d = -d;
    }
    char digits[24];
    int n;
    shortest_digits(d, digits, &n);
    if (d >= 1e-3 && d < 1e7) {
        plain_digits(digits, n, out);
        return;
    }
    int k = (int)strlen(digits);
    strbuf_addc(out, digits[0]);
    strbuf_addc(out, '.');
    strbuf_adds(out, k > 1 ? digits + 1 : "0");
    strbuf_addf(out, "E%d", n - 1);
}

void jp_java_decimal_format(double d, struct strbuf *out)
{
    if (isnan(d)) {
        strbuf_adds(out, "NaN");
        return;
    }
    if (isinf(d)) {
        strbuf_adds(out, d < 0 ? "-\xe2\x88\x9e" : "\xe2\x88\x9e");   /* U+221E, Locale.US */
        return;
    }
    if (signbit(d)) {
        strbuf_addc(out, '-');
        d = -d;
    }
    if (d == 0) {
        strbuf_adds(out, "0.0");
        return;
    }
    char digits[24];
    int n;
    shortest_digits(d, digits, &n);
    plain_digits(digits, n, out);
}

/* ---------------------------------------------------------------- UTF-16 */

/* Decodes one code point of valid UTF-8 at s[*i]. */
static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[*i];
    size_t n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (n)
        c &= 0x3Fu >> n;
    (*i)++;
    for (size_t k = 0; k < n && *i < len; k++)
        c = (c << 6) | (u[(*i)++] & 0x3Fu);
    return c;
}

int32_t jp_java_string_hash(const char *s, size_t len)
{
    uint32_t h = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = next_cp(s, len, &i);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            h = 31u * h + (0xD800u + (cp >> 10));
            h = 31u * h + (0xDC00u + (cp & 0x3FFu));
        } else {
            h = 31u * h + cp;
        }
    }
    return (int32_t)h;
}

/* The UTF-16 unit order of a code point's first unit: supplementary code points (lead
 * surrogates D800-DBFF) sort before U+E000-U+FFFF. */
static uint32_t unit_key(uint32_t cp, uint32_t *second)
{
    if (cp < 0x10000) {
        *second = 0;
        return cp;
    }
    cp -= 0x10000;
    *second = 0xDC00u + (cp & 0x3FFu);
    return 0xD800u + (cp >> 10);
}

int jp_java_string_compare(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    while (i < alen && j < blen) {
        uint32_t a2, b2;
        uint32_t a1 = unit_key(next_cp(a, alen, &i), &a2);
        uint32_t b1 = unit_key(next_cp(b, blen, &j), &b2);
        if (a1 != b1)
            return a1 < b1 ? -1 : 1;
        if (a2 != b2)
            return a2 < b2 ? -1 : 1;
    }
    if (i < alen)
        return 1;
    if (j < blen)
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- HashMap */

struct hm_entry {
    size_t index;
    uint32_t hash;
};

static size_t bucket(uint32_t hash, size_t cap)
{
    return hash & (uint32_t)(cap - 1);
}

static int by_bucket(const void *pa, const void *pb, void *cap_arg)
{
    const struct hm_entry *a = pa, *b = pb;
    size_t cap = *(const size_t *)cap_arg;
    size_t ba = bucket(a->hash, cap), bb = bucket(b->hash, cap);
    if (ba != bb)
        return ba < bb ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void jp_java_hashmap_order(const char *const *keys, const size_t *lens, size_t n, size_t *order)
{
    if (n == 0)
        return;
    /* new HashMap(map): capacity tableSizeFor((int)(n / 0.75f + 1)) */
    float ft = (float)n / 0.75f + 1.0f;
    size_t want = ft < 1073741824.0f ? (size_t)ft : 1073741824u;
    size_t cap = 1;
    while (cap < want)
        cap <<= 1;
    struct hm_entry *e = xcalloc(n, sizeof *e);
    for (size_t i = 0; i < n; i++) {
        uint32_t h = (uint32_t)jp_java_string_hash(keys[i], lens[i]);
        e[i].index = i;
        e[i].hash = h ^ (h >> 16);
    }
    /* A bin that gets its ninth entry while the table is under 64 slots doubles it. */
    size_t *count = xcalloc(64, sizeof *count);
    for (size_t i = 0; i < n && cap < 64; i++) {
        size_t b = bucket(e[i].hash, cap);
        if (count[b]++ >= 8) {
            cap <<= 1;
            memset(count, 0, 64 * sizeof *count);
            for (size_t k = 0; k <= i && cap < 64; k++)
                count[bucket(e[k].hash, cap)]++;
        }
    }
    free(count);
    qsort_r(e, n, sizeof *e, by_bucket, &cap);
    for (size_t i = 0; i < n; i++)
        order[i] = e[i].index;
    free(e);
}

/* ---------------------------------------------------------------- values */

const char *jp_java_class(const json_t *v, const struct jp_doc *const *docs, size_t n_docs)
{
    if (!v || json_is_null(v))
        return "null";
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "java.util.LinkedHashMap";
    case JSON_ARRAY: return "net.minidev.json.JSONArray";
    case JSON_STRING: return "java.lang.String";
    case JSON_TRUE: case JSON_FALSE: return "java.lang.Boolean";
    case JSON_REAL: {
        const char *text = jp_doc_number_text(docs, n_docs, v);
        if (!text)
            return "java.lang.Double";
        /* an integer beyond 64 bits was read with an "e0" added (jsonpath_doc.c) */
        size_t n = strlen(text);
        bool integer = n > 2 && !strcmp(text + n - 2, "e0") && !strchr(text, '.');
        return integer ? "java.math.BigInteger" : "java.math.BigDecimal";
    }
    case JSON_INTEGER: {
        json_int_t i = json_integer_value(v);
        return i >= INT32_MIN && i <= INT32_MAX ? "java.lang.Integer" : "java.lang.Long";
    }
    default: return "null";
    }
}

void jp_java_number(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                    struct strbuf *out)
{
    if (json_is_integer(v)) {
        strbuf_addf(out, "%lld", (long long)json_integer_value(v));
        return;
    }
    const char *text = jp_doc_number_text(docs, n_docs, v);
    struct jp_decimal d;
    if (text && jp_decimal_parse(text, strlen(text), &d)) {
        jp_decimal_to_string(&d, out);
        jp_decimal_free(&d);
        return;
    }
    jp_java_double(json_real_value(v), out);
}

/* ---------------------------------------------------------------- strings */

char *jp_java_trim(const char *s, size_t len, size_t *out_len)
{
    size_t a = 0, b = len;
    while (a < b && (unsigned char)s[a] <= ' ')
        a++;
    while (b > a && (unsigned char)s[b - 1] <= ' ')
        b--;
    if (out_len)
        *out_len = b - a;
    return xstrndup(s + a, b - a);
}

char **jp_java_split(const char *s, char c, size_t *n)
{
    size_t len = strlen(s);
    if (!memchr(s, c, len)) {
        char **one = xcalloc(1, sizeof *one);
        one[0] = xstrdup(s);
        *n = 1;
        return one;
    }
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += s[i] == c;
    char **items = xcalloc(cap, sizeof *items);
    size_t count = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == c) {
            items[count++] = xstrndup(s + start, i - start);
            start = i + 1;
        }
    }
    while (count > 0 && items[count - 1][0] == '\0')
        free(items[--count]);
    *n = count;
    return items;
}

void jp_split_free(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

/* Integer.parseInt(four chars, 16), which takes a sign too. */
static bool parse_hex4(const char *s, int32_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    int32_t v = 0;
    for (; i < 4; i++) {
        int d = hex_digit_value((unsigned char)s[i]);
        if (d < 0)
            return false;
        v = v * 16 + d;
    }
    *out = neg ? -v : v;
    return true;
}

/* Appends UTF-16 units, pairing surrogates; a lone surrogate becomes U+FFFD. */
static void put_unit(struct strbuf *out, uint32_t unit, uint32_t *pending)
{
    if (*pending) {
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            utf8_put(out, 0x10000 + ((*pending - 0xD800) << 10) + (unit - 0xDC00));
            *pending = 0;
            return;
        }
        utf8_put(out, 0xFFFD);
        *pending = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF)
        *pending = unit;
    else if (unit >= 0xDC00 && unit <= 0xDFFF)
        utf8_put(out, 0xFFFD);
    else
        utf8_put(out, unit);
}

bool jp_unescape(const char *s, size_t len, struct strbuf *out, char **error)
{
    uint32_t pending = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] != '\\' || i + 1 >= len) {
            if (pending) {
                utf8_put(out, 0xFFFD);
                pending = 0;
            }
            if (s[i] == '\\') {           /* a last lone backslash is kept */
                strbuf_addc(out, '\\');
                i++;
                continue;
            }
            size_t start = i;
            i++;
            while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
                i++;
            strbuf_addn(out, s + start, i - start);
            continue;
        }
        char c = s[i + 1];
        i += 2;
        if (c == 'u') {
            if (len - i < 4) {             /* an unfinished \u at the end is dropped */
                i = len;
                continue;
            }
            char hex[5];
            memcpy(hex, s + i, 4);
            hex[4] = '\0';
            int32_t v;
            if (!parse_hex4(hex, &v)) {
                if (error)
                    *error = xasprintf("Unable to parse unicode value: %s", hex);
                return false;
            }
            put_unit(out, (uint32_t)v & 0xFFFFu, &pending);
            i += 4;
            continue;
        }
        if (pending) {
            utf8_put(out, 0xFFFD);
            pending = 0;
        }
        switch (c) {
        case 'r': strbuf_addc(out, '\r'); break;
        case 'f': strbuf_addc(out, '\f'); break;
        case 't': strbuf_addc(out, '\t'); break;
        case 'n': strbuf_addc(out, '\n'); break;
        case 'b': strbuf_addc(out, '\b'); break;
        default:
            strbuf_addc(out, c);           /* \\ \' \" and anything else: the character */
            while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
                strbuf_addc(out, s[i++]);
            break;
        }
    }
    if (pending)
        utf8_put(out, 0xFFFD);
    return true;
}
