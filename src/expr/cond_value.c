/* cond_value.c - values of the condition language and the operators on them,
 * with the rules of each dialect: JavaScript (loose ==, numbers are doubles,
 * "+" concatenates when a side is a string), JEXL 3 as JMeter configures it
 * (strict: a string operand makes "+" concatenate, null operands are errors,
 * integer division), JEXL 2 (lenient) and Groovy. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cond_internal.h"

struct cvalue condv_null(void)
{
    return (struct cvalue){.type = CV_NULL};
}

struct cvalue condv_undefined(void)
{
    return (struct cvalue){.type = CV_UNDEFINED};
}

struct cvalue condv_bool(bool b)
{
    return (struct cvalue){.type = CV_BOOL, .b = b};
}

struct cvalue condv_int(int64_t i)
{
    return (struct cvalue){.type = CV_INT, .i = i};
}

struct cvalue condv_double(double d)
{
    return (struct cvalue){.type = CV_DOUBLE, .d = d};
}

struct cvalue condv_decimal(double d)
{
    return (struct cvalue){.type = CV_DECIMAL, .d = d};
}

struct cvalue condv_string(const char *s)
{
    return (struct cvalue){.type = CV_STRING, .s = xstrdup(s)};
}

struct cvalue condv_string_take(char *s)
{
    return (struct cvalue){.type = CV_STRING, .s = s};
}

struct cvalue condv_copy(const struct cvalue *v)
{
    struct cvalue c = *v;
    if (v->type == CV_STRING)
        c.s = xstrdup(v->s);
    return c;
}

void condv_free(struct cvalue *v)
{
    if (v->type == CV_STRING)
        free(v->s);
    v->type = CV_NULL;
    v->s = NULL;
}

bool condv_is_number(const struct cvalue *v)
{
    return v->type == CV_INT || v->type == CV_DOUBLE || v->type == CV_DECIMAL;
}

double condv_number_value(const struct cvalue *v)
{
    return v->type == CV_INT ? (double)v->i : v->d;
}

static bool is_jexl(enum cond_dialect d)
{
    return d == COND_JEXL || d == COND_JEXL2;
}

/* ---- conversions ---- */

double cond_js_to_number(const struct cvalue *v)
{
    switch (v->type) {
    case CV_NULL: return 0;
    case CV_UNDEFINED: return NAN;
    case CV_BOOL: return v->b ? 1 : 0;
    case CV_INT: return (double)v->i;
    case CV_DOUBLE: case CV_DECIMAL: return v->d;
    case CV_STRING: break;
    }
    const char *s = v->s;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0)
        return 0;
    char *copy = xstrndup(s, n);
    double result = NAN;
    const char *p = copy;
    int sign = 1;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    if (strcmp(p, "Infinity") == 0) {
        result = sign * INFINITY;
    } else if (p == copy && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && p[2]) {
        char *end;
        errno = 0;
        unsigned long long h = strtoull(p + 2, &end, 16);
        if (!*end && isxdigit((unsigned char)p[2]))
            result = (double)h;
    } else {
        bool ok = *p != '\0';
        for (const char *q = p; *q; q++)
            if (!(isdigit((unsigned char)*q) || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-'))
                ok = false;
        char *end;
        double x = ok ? strtod(p, &end) : 0;
        if (ok && !*end && end != p)
            result = sign * x;
    }
    free(copy);
    return result;
}

bool condv_to_string(const struct cvalue *v, enum cond_dialect d, struct strbuf *out)
{
    if (v->type == CV_NULL) {
        if (d == COND_JEXL)
            return false;   /* strict JEXL refuses null operands */
        if (d != COND_JEXL2)
            strbuf_adds(out, "null");
        return true;
    }
    if (v->type == CV_DOUBLE && is_jexl(d) && isnan(v->d))
        return true;   /* JEXL prints NaN as "" */
    condv_print(v, d, out);
    return true;
}

bool condv_truthy(const struct cvalue *v, enum cond_dialect d, bool *out)
{
    switch (v->type) {
    case CV_NULL:
        if (d == COND_JEXL)
            return false;
        *out = false;
        return true;
    case CV_UNDEFINED: *out = false; return true;
    case CV_BOOL: *out = v->b; return true;
    case CV_INT: *out = v->i != 0; return true;
    case CV_DOUBLE: case CV_DECIMAL: *out = v->d != 0 && !isnan(v->d); return true;
    case CV_STRING:
        *out = v->s[0] != '\0' && !(is_jexl(d) && strcmp(v->s, "false") == 0);
        return true;
    }
    return false;
}

bool condv_parse_java_int(const char *s, int64_t *out, bool long_range)
{
    const char *p = s;
    bool neg = false;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (!*p)
        return false;
    uint64_t v = 0, limit = long_range ? (uint64_t)INT64_MAX + neg : (uint64_t)INT32_MAX + neg;
    for (; *p; p++) {
        if (!isdigit((unsigned char)*p))
            return false;
        uint64_t d = (uint64_t)(*p - '0');
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

/* JEXL's coercion of an operand to a long (strings parsed, "" is 0). */
static bool jexl_to_long(const struct cvalue *v, int64_t *out)
{
    switch (v->type) {
    case CV_INT: *out = v->i; return true;
    case CV_DOUBLE: case CV_DECIMAL:
        if (!(fabs(v->d) < 9.2e18))
            return isnan(v->d) ? (*out = 0, true) : false;
        *out = (int64_t)v->d;
        return true;
    case CV_BOOL: *out = v->b; return true;
    case CV_STRING:
        if (!v->s[0]) {
            *out = 0;
            return true;
        }
        return condv_parse_java_int(v->s, out, true);
    default: return false;
    }
}

static bool jexl_to_double(const struct cvalue *v, double *out)
{
    switch (v->type) {
    case CV_INT: *out = (double)v->i; return true;
    case CV_DOUBLE: case CV_DECIMAL: *out = v->d; return true;
    case CV_BOOL: *out = v->b; return true;
    case CV_STRING: {
        if (!v->s[0]) {
            *out = NAN;
            return true;
        }
        char *end;
        errno = 0;
        double d = strtod(v->s, &end);
        if (*end || end == v->s || isspace((unsigned char)v->s[0]))
            return false;
        *out = d;
        return true;
    }
    default: return false;
    }
}

/* Does a string look like a JEXL floating point number ("1.5", "2e3")? */
static bool jexl_float_string(const struct cvalue *v)
{
    if (v->type != CV_STRING)
        return false;
    const char *s = v->s;
    bool point_or_exp = false;
    if (*s == '+' || *s == '-')
        s++;
    while (isdigit((unsigned char)*s))
        s++;
    if (*s == '.') {
        point_or_exp = true;
        s++;
        while (isdigit((unsigned char)*s))
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        point_or_exp = true;
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return point_or_exp && *s == '\0';
}

static bool is_float_value(const struct cvalue *v)
{
    return v->type == CV_DOUBLE || v->type == CV_DECIMAL;
}

/* JEXL's compare: <0, 0, >0 in *cmp; false when the operands cannot be compared. */
static bool jexl_compare(const struct cvalue *a, const struct cvalue *b, int *cmp)
{
    if (is_float_value(a) || is_float_value(b)) {
        double x, y;
        if (!jexl_to_double(a, &x) || !jexl_to_double(b, &y))
            return false;
        *cmp = isnan(x) ? (isnan(y) ? 0 : -1) : isnan(y) ? 1 : (x > y) - (x < y);
        return true;
    }
    if (a->type == CV_INT || b->type == CV_INT) {
        int64_t x, y;
        if (!jexl_to_long(a, &x) || !jexl_to_long(b, &y))
            return false;
        *cmp = (x > y) - (x < y);
        return true;
    }
    if (a->type == CV_STRING || b->type == CV_STRING) {
        struct strbuf x, y;
        strbuf_init(&x);
        strbuf_init(&y);
        condv_print(a, COND_JEXL, &x);
        condv_print(b, COND_JEXL, &y);
        *cmp = strcmp(x.s, y.s);
        strbuf_free(&x);
        strbuf_free(&y);
        return true;
    }
    if (a->type == CV_BOOL && b->type == CV_BOOL) {
        *cmp = (int)a->b - (int)b->b;
        return true;
    }
    return false;
}

bool condv_equals(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, bool strict,
               bool *out)
{
    bool a_nullish = a->type == CV_NULL || a->type == CV_UNDEFINED;
    bool b_nullish = b->type == CV_NULL || b->type == CV_UNDEFINED;
    if (d == COND_JAVASCRIPT) {
        if (strict) {
            if (a->type != b->type && !(condv_is_number(a) && condv_is_number(b))) {
                *out = false;
            } else if (a->type == CV_STRING) {
                *out = strcmp(a->s, b->s) == 0;
            } else if (a->type == CV_BOOL) {
                *out = a->b == b->b;
            } else if (condv_is_number(a)) {
                *out = condv_number_value(a) == condv_number_value(b);
            } else {
                *out = true;   /* null === null, undefined === undefined */
            }
            return true;
        }
        if (a_nullish || b_nullish) {
            *out = a_nullish && b_nullish;
            return true;
        }
        if (a->type == CV_STRING && b->type == CV_STRING) {
            *out = strcmp(a->s, b->s) == 0;
            return true;
        }
        *out = cond_js_to_number(a) == cond_js_to_number(b);
        return true;
    }
    if (a_nullish || b_nullish) {
        *out = a_nullish && b_nullish;
        return true;
    }
    if (is_jexl(d)) {
        if (a->type == CV_BOOL || b->type == CV_BOOL) {
            bool x, y;
            if (!condv_truthy(a, d, &x) || !condv_truthy(b, d, &y))
                return false;
            *out = x == y;
            return true;
        }
        int cmp;
        if (!jexl_compare(a, b, &cmp))
            return false;
        *out = cmp == 0;
        return true;
    }
    /* Groovy: numbers by value, strings by content, other mixes differ */
    if (condv_is_number(a) && condv_is_number(b)) {
        if (a->type == CV_INT && b->type == CV_INT)
            *out = a->i == b->i;
        else
            *out = condv_number_value(a) == condv_number_value(b);
    } else if (a->type != b->type) {
        *out = false;
    } else if (a->type == CV_STRING) {
        *out = strcmp(a->s, b->s) == 0;
    } else {
        *out = a->b == b->b;
    }
    return true;
}

static bool cmp_result(int cmp, int op)
{
    switch (op) {
    case '<': return cmp < 0;
    case '>': return cmp > 0;
    case 'l': return cmp <= 0;
    default: return cmp >= 0;
    }
}

bool condv_compare(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, int op, bool *out)
{
    if (d == COND_JAVASCRIPT) {
        if (a->type == CV_STRING && b->type == CV_STRING) {
            *out = cmp_result(strcmp(a->s, b->s), op);
            return true;
        }
        double x = cond_js_to_number(a), y = cond_js_to_number(b);
        if (isnan(x) || isnan(y))
            *out = false;
        else
            *out = cmp_result((x > y) - (x < y), op);
        return true;
    }
    bool a_null = a->type == CV_NULL, b_null = b->type == CV_NULL;
    if (is_jexl(d)) {
        if (a_null || b_null) {   /* null < x is false; null <= null is true */
            *out = a_null && b_null && (op == 'l' || op == 'g');
            return true;
        }
        int cmp;
        if (!jexl_compare(a, b, &cmp))
            return false;
        *out = cmp_result(cmp, op);
        return true;
    }
    /* Groovy: null sorts first; numbers by value; strings lexicographically */
    int cmp;
    if (a_null || b_null)
        cmp = (int)b_null - (int)a_null;
    else if (condv_is_number(a) && condv_is_number(b))
        cmp = a->type == CV_INT && b->type == CV_INT
                  ? (a->i > b->i) - (a->i < b->i)
                  : (condv_number_value(a) > condv_number_value(b)) - (condv_number_value(a) < condv_number_value(b));
    else if (a->type == CV_STRING && b->type == CV_STRING)
        cmp = strcmp(a->s, b->s);
    else
        return false;
    *out = cmp_result(cmp, op);
    return true;
}

/* Concatenation of the printed forms. */
static bool concat(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, struct cvalue *out)
{
    struct strbuf sb;
    strbuf_init(&sb);
    if (!condv_to_string(a, d, &sb) || !condv_to_string(b, d, &sb)) {
        strbuf_free(&sb);
        return false;
    }
    *out = condv_string_take(strbuf_detach(&sb));
    return true;
}

static bool int_op(int64_t x, int64_t y, int op, struct cvalue *out, bool *overflow)
{
    int64_t r = 0;
    *overflow = false;
    switch (op) {
    case '+': *overflow = __builtin_add_overflow(x, y, &r); break;
    case '-': *overflow = __builtin_sub_overflow(x, y, &r); break;
    case '*': *overflow = __builtin_mul_overflow(x, y, &r); break;
    case '/':
        if (y == 0)
            return false;
        if (x == INT64_MIN && y == -1)
            *overflow = true;
        else
            r = x / y;
        break;
    case '%':
        if (y == 0)
            return false;
        r = y == -1 ? 0 : x % y;
        break;
    }
    *out = condv_int(r);
    return true;
}

static double double_op(double x, double y, int op)
{
    switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return x / y;
    default: return fmod(x, y);
    }
}

static bool js_arith(const struct cvalue *a, const struct cvalue *b, int op, struct cvalue *out)
{
    if (op == '+' && (a->type == CV_STRING || b->type == CV_STRING))
        return concat(a, b, COND_JAVASCRIPT, out);
    *out = condv_double(double_op(cond_js_to_number(a), cond_js_to_number(b), op));
    return true;
}

/* Numeric operands for JEXL: a string is a double when it looks like one,
 * else an integer; lenient mode counts null as 0. */
static bool jexl_number(const struct cvalue *v, enum cond_dialect d, struct cvalue *out)
{
    switch (v->type) {
    case CV_NULL:
        if (d == COND_JEXL)
            return false;
        *out = condv_int(0);
        return true;
    case CV_BOOL: *out = condv_int(v->b); return true;
    case CV_INT: case CV_DOUBLE: case CV_DECIMAL: *out = *v; return true;
    case CV_STRING: {
        if (jexl_float_string(v)) {
            *out = condv_double(strtod(v->s, NULL));
            return true;
        }
        int64_t i;
        if (!v->s[0]) {
            *out = condv_int(0);
            return true;
        }
        if (!condv_parse_java_int(v->s, &i, true))
            return false;
        *out = condv_int(i);
        return true;
    }
    default: return false;
    }
}

static bool jexl_arith(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, int op,
                       struct cvalue *out)
{
    if (a->type == CV_NULL && b->type == CV_NULL && d == COND_JEXL)
        return false;
    if (op == '+' && d == COND_JEXL && (a->type == CV_STRING || b->type == CV_STRING))
        return concat(a, b, d, out);
    struct cvalue x, y;
    if (!jexl_number(a, d, &x) || !jexl_number(b, d, &y)) {
        if (op == '+' && d == COND_JEXL2 && a->type != CV_NULL && b->type != CV_NULL)
            return concat(a, b, d, out);
        return false;
    }
    if (x.type == CV_INT && y.type == CV_INT) {
        bool overflow;
        if (!int_op(x.i, y.i, op, out, &overflow))
            return false;   /* division by zero */
        if (!overflow)
            return true;
    }
    double dx = condv_number_value(&x), dy = condv_number_value(&y);
    if ((op == '/' || op == '%') && dy == 0)
        return false;   /* JEXL throws for a zero divisor, doubles included */
    *out = condv_double(double_op(dx, dy, op));
    return true;
}

static bool groovy_arith(const struct cvalue *a, const struct cvalue *b, int op, struct cvalue *out)
{
    if (op == '+' && (a->type == CV_STRING || (b->type == CV_STRING && condv_is_number(a))))
        return concat(a, b, COND_GROOVY, out);
    if (!condv_is_number(a) || !condv_is_number(b))
        return false;
    if (a->type == CV_INT && b->type == CV_INT) {
        if (op == '/') {   /* Groovy divides integers into a BigDecimal */
            if (b->i == 0)
                return false;
            *out = condv_decimal((double)a->i / (double)b->i);
            return true;
        }
        bool overflow;
        if (!int_op(a->i, b->i, op, out, &overflow))
            return false;
        if (!overflow)
            return true;
    }
    double x = condv_number_value(a), y = condv_number_value(b);
    bool decimal = (a->type != CV_DOUBLE && b->type != CV_DOUBLE);
    if (decimal && (op == '/' || op == '%') && y == 0)
        return false;
    double r = double_op(x, y, op);
    *out = decimal ? condv_decimal(r) : condv_double(r);
    return true;
}

bool condv_arith(const struct cvalue *a, const struct cvalue *b, enum cond_dialect d, int op,
              struct cvalue *out)
{
    switch (d) {
    case COND_JAVASCRIPT: return js_arith(a, b, op, out);
    case COND_GROOVY: return groovy_arith(a, b, op, out);
    default: return jexl_arith(a, b, d, op, out);
    }
}

bool condv_negate(const struct cvalue *a, enum cond_dialect d, struct cvalue *out)
{
    if (d == COND_JAVASCRIPT) {
        *out = condv_double(-cond_js_to_number(a));
        return true;
    }
    switch (a->type) {
    case CV_INT:
        if (a->i == INT64_MIN)
            *out = condv_double(-(double)a->i);
        else
            *out = condv_int(-a->i);
        return true;
    case CV_DOUBLE: *out = condv_double(-a->d); return true;
    case CV_DECIMAL: *out = condv_decimal(-a->d); return true;
    case CV_BOOL:
        if (!is_jexl(d))
            return false;
        *out = condv_bool(!a->b);   /* JEXL negates booleans */
        return true;
    default: return false;
    }
}
