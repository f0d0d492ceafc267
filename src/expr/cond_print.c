/* cond_print.c - how results of conditions are printed: JavaScript's
 * Number.toString (shortest digits, exponent from 1e21), Java's
 * Double.toString ("1.0E7", "3.5"), Groovy's BigDecimal (plain digits), and
 * null as each engine shows it. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cond_internal.h"

/* The shortest decimal digits that read back as d (d finite, > 0): digits
 * without a point, and the exponent e such that d = 0.DIGITS x 10^e. */
static void shortest_digits(double d, char *digits, int *exp10)
{
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    /* buf is "D.DDDDe+XX" */
    char *e = strchr(buf, 'e');
    int exponent = atoi(e + 1);
    size_t n = 0;
    for (char *p = buf; p < e; p++)
        if (isdigit((unsigned char)*p))
            digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *exp10 = exponent + 1;
}

/* NaN and the infinities, which JavaScript and Java print alike; false for
 * any other number. */
static bool put_nan_or_infinity(double d, struct strbuf *out)
{
    if (isnan(d))
        strbuf_adds(out, "NaN");
    else if (isinf(d))
        strbuf_adds(out, d < 0 ? "-Infinity" : "Infinity");
    else
        return false;
    return true;
}

/* Writes '-' for a negative d (finite, not zero) and gives the shortest digits
 * of its magnitude, as shortest_digits does. */
static void sign_and_shortest_digits(double d, struct strbuf *out, char *digits, int *exp10)
{
    if (d < 0)
        strbuf_addc(out, '-');
    shortest_digits(fabs(d), digits, exp10);
}

void cond_format_js_number(double d, struct strbuf *out)
{
    if (put_nan_or_infinity(d, out))
        return;
    if (d == 0) {
        strbuf_addc(out, '0');
        return;
    }
    char digits[24];
    int n;
    sign_and_shortest_digits(d, out, digits, &n);
    int k = (int)strlen(digits);
    if (k <= n && n <= 21) {
        strbuf_adds(out, digits);
        for (int i = k; i < n; i++)
            strbuf_addc(out, '0');
    } else if (0 < n && n <= 21) {
        strbuf_addn(out, digits, (size_t)n);
        strbuf_addc(out, '.');
        strbuf_adds(out, digits + n);
    } else if (-6 < n && n <= 0) {
        strbuf_adds(out, "0.");
        for (int i = 0; i < -n; i++)
            strbuf_addc(out, '0');
        strbuf_adds(out, digits);
    } else {
        strbuf_addc(out, digits[0]);
        if (k > 1) {
            strbuf_addc(out, '.');
            strbuf_adds(out, digits + 1);
        }
        strbuf_addf(out, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
    }
}

void cond_format_java_double(double d, struct strbuf *out)
{
    if (put_nan_or_infinity(d, out))
        return;
    if (d == 0) {
        strbuf_adds(out, signbit(d) ? "-0.0" : "0.0");
        return;
    }
    char digits[24];
    int n;
    sign_and_shortest_digits(d, out, digits, &n);
    int k = (int)strlen(digits);
    if (fabs(d) >= 1e-3 && fabs(d) < 1e7) {
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
    } else {
        strbuf_addc(out, digits[0]);
        strbuf_addc(out, '.');
        strbuf_adds(out, k > 1 ? digits + 1 : "0");
        strbuf_addf(out, "E%d", n - 1);
    }
}

/* Groovy BigDecimal results: plain notation, no trailing zeros. */
static void format_decimal(double d, struct strbuf *out)
{
    if (!isfinite(d)) {
        cond_format_java_double(d, out);
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.10f", d);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    strbuf_adds(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

void condv_print(const struct cvalue *v, enum cond_dialect d, struct strbuf *out)
{
    switch (v->type) {
    case CV_NULL:
        if (d == COND_JAVASCRIPT)
            strbuf_adds(out, "null");   /* Rhino prints it; JEXL and Groovy give "" */
        break;
    case CV_UNDEFINED: strbuf_adds(out, "undefined"); break;
    case CV_BOOL: strbuf_adds(out, v->b ? "true" : "false"); break;
    case CV_INT: strbuf_addf(out, "%lld", (long long)v->i); break;
    case CV_DOUBLE:
        if (d == COND_JAVASCRIPT)
            cond_format_js_number(v->d, out);
        else
            cond_format_java_double(v->d, out);
        break;
    case CV_DECIMAL: format_decimal(v->d, out); break;
    case CV_STRING: strbuf_adds(out, v->s); break;
    }
}
