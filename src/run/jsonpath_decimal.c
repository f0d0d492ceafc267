/* jsonpath_decimal.c - the part of java.math.BigDecimal that JSONPath filters rely on:
 * Jayway turns every number it compares into a BigDecimal (parsed from the literal, or
 * from the Java text of a document's number), compares them with compareTo, and prints
 * them with toString when a number meets a string or a regular expression. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool jp_decimal_parse(const char *s, size_t len, struct jp_decimal *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    bool negative = false;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        negative = s[i++] == '-';
    struct strbuf digits;
    strbuf_init(&digits);
    int64_t fraction = 0;
    bool seen_digit = false, seen_point = false;
    for (; i < len; i++) {
        if (is_digit(s[i])) {
            seen_digit = true;
            if (digits.len == 0 && s[i] == '0') {
                if (seen_point)
                    fraction++;
                continue;          /* leading zeros do not count */
            }
            strbuf_addc(&digits, s[i]);
            if (seen_point)
                fraction++;
        } else if (s[i] == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    int64_t exponent = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        if (i >= len || !is_digit(s[i]))
            goto bad;
        for (; i < len && is_digit(s[i]); i++) {
            exponent = exponent * 10 + (s[i] - '0');
            if (exponent > 0x7fffffffLL + 1)
                goto bad;
        }
        if (eneg)
            exponent = -exponent;
        if (exponent > 0x7fffffffLL)
            goto bad;
    }
    if (i != len || !seen_digit)
        goto bad;
    int64_t scale = fraction - exponent;
    if (scale > 0x7fffffffLL || scale < -0x80000000LL)
        goto bad;
    if (digits.len == 0) {
        strbuf_addc(&digits, '0');
        negative = false;
    }
    out->negative = negative;
    out->n_digits = digits.len;
    out->digits = strbuf_detach(&digits);
    out->scale = scale;
    return true;
bad:
    strbuf_free(&digits);
    return false;
}

void jp_decimal_free(struct jp_decimal *d)
{
    free(d->digits);
    d->digits = NULL;
    d->n_digits = 0;
}

static bool is_zero(const struct jp_decimal *d)
{
    return d->n_digits == 1 && d->digits[0] == '0';
}

static int compare_magnitude(const struct jp_decimal *a, const struct jp_decimal *b)
{
    /* adjusted exponent: the power of ten of the first digit */
    int64_t ea = (int64_t)a->n_digits - 1 - a->scale;
    int64_t eb = (int64_t)b->n_digits - 1 - b->scale;
    if (ea != eb)
        return ea < eb ? -1 : 1;
    size_t n = a->n_digits > b->n_digits ? a->n_digits : b->n_digits;
    for (size_t i = 0; i < n; i++) {
        char da = i < a->n_digits ? a->digits[i] : '0';
        char db = i < b->n_digits ? b->digits[i] : '0';
        if (da != db)
            return da < db ? -1 : 1;
    }
    return 0;
}

int jp_decimal_compare(const struct jp_decimal *a, const struct jp_decimal *b)
{
    int sa = is_zero(a) ? 0 : a->negative ? -1 : 1;
    int sb = is_zero(b) ? 0 : b->negative ? -1 : 1;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int m = compare_magnitude(a, b);
    return sa < 0 ? -m : m;
}

bool jp_decimal_equals(const struct jp_decimal *a, const struct jp_decimal *b)
{
    return a->negative == b->negative && a->scale == b->scale && a->n_digits == b->n_digits &&
           memcmp(a->digits, b->digits, a->n_digits) == 0;
}

void jp_decimal_to_string(const struct jp_decimal *d, struct strbuf *out)
{
    if (d->negative)
        strbuf_addc(out, '-');
    int64_t len = (int64_t)d->n_digits;
    if (d->scale == 0) {
        strbuf_addn(out, d->digits, d->n_digits);
        return;
    }
    int64_t adjusted = -d->scale + (len - 1);
    if (d->scale > 0 && adjusted >= -6) {
        int64_t pad = d->scale - len;
        if (pad >= 0) {
            strbuf_adds(out, "0.");
            for (int64_t i = 0; i < pad; i++)
                strbuf_addc(out, '0');
            strbuf_addn(out, d->digits, d->n_digits);
        } else {
            strbuf_addn(out, d->digits, (size_t)(len - d->scale));
            strbuf_addc(out, '.');
            strbuf_addn(out, d->digits + (len - d->scale), (size_t)d->scale);
        }
        return;
    }
    strbuf_addc(out, d->digits[0]);
    if (len > 1) {
        strbuf_addc(out, '.');
        strbuf_addn(out, d->digits + 1, d->n_digits - 1);
    }
    if (adjusted != 0)
        strbuf_addf(out, "E%s%lld", adjusted > 0 ? "+" : "", (long long)adjusted);
}

int32_t jp_decimal_int_value(const struct jp_decimal *d)
{
    /* the integer part modulo 2^32; after 32 more powers of ten it is 0 modulo 2^32 */
    uint32_t r = 0;
    int64_t int_digits = (int64_t)d->n_digits - d->scale;
    for (int64_t i = 0; i < int_digits && i < (int64_t)d->n_digits; i++)
        r = r * 10u + (uint32_t)(d->digits[i] - '0');
    for (int64_t i = (int64_t)d->n_digits; i < int_digits && i < (int64_t)d->n_digits + 40; i++)
        r *= 10u;
    if (d->negative)
        r = 0u - r;
    return (int32_t)r;
}
