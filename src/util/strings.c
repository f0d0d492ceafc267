/* strings.c - string helpers and JMeter's lenient number/boolean conversions. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/util.h"

bool str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

bool str_ieq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcasecmp(a, b) == 0;
}

bool str_starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
    if (!s)
        return false;
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool str_is_blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

char *str_trim_dup(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

/* Java's String.trim() removes every char <= ' '. */
static void trim_bounds(const char *s, const char **start, size_t *len)
{
    while (*s && (unsigned char)*s <= ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (unsigned char)s[n - 1] <= ' ')
        n--;
    *start = s;
    *len = n;
}

bool str_parse_ll(const char *s, long long *out)
{
    if (!s)
        return false;
    const char *p;
    size_t n;
    trim_bounds(s, &p, &n);
    if (n == 0 || n > 40)
        return false;
    char buf[48];
    memcpy(buf, p, n);
    buf[n] = '\0';
    /* Java's Long.parseLong accepts an optional sign and decimal digits only */
    size_t i = (buf[0] == '-' || buf[0] == '+') ? 1 : 0;
    if (!buf[i])
        return false;
    for (size_t j = i; buf[j]; j++)
        if (!isdigit((unsigned char)buf[j]))
            return false;
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno == ERANGE)
        return false;
    *out = v;
    return true;
}

bool str_parse_double(const char *s, double *out)
{
    if (!s)
        return false;
    const char *p;
    size_t n;
    trim_bounds(s, &p, &n);
    if (n == 0 || n > 64)
        return false;
    char buf[72];
    memcpy(buf, p, n);
    buf[n] = '\0';
    /* refuse hex floats, "inf", "nan": Java's Double.parseDouble takes
     * "Infinity"/"NaN" but plans never rely on it */
    for (size_t i = 0; buf[i]; i++) {
        char c = buf[i];
        if (!(isdigit((unsigned char)c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
            return false;
    }
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end || end == buf)
        return false;
    *out = v;
    return true;
}

long long str_to_ll_jmeter(const char *s)
{
    long long v;
    return str_parse_ll(s, &v) ? v : 0;
}

double str_to_double_jmeter(const char *s)
{
    double v;
    return str_parse_double(s, &v) ? v : 0.0;
}

bool str_to_bool_jmeter(const char *s)
{
    if (!s)
        return false;
    const char *p;
    size_t n;
    trim_bounds(s, &p, &n);
    return n == 4 && strncasecmp(p, "true", 4) == 0;
}
