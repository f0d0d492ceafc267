/* cond_builtins.c - what conditions may call: functions (vars.get,
 * props.get, Integer.parseInt, parseInt, ...) and methods on values
 * (.equals, .length(), .toInteger(), ...). One row per entry; the parser
 * refuses names that have no row. String positions and lengths count UTF-16
 * units, as Java and JavaScript do. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cond_internal.h"
#include "utf8.h"

#define JS (1u << COND_JAVASCRIPT)
#define JEXL ((1u << COND_JEXL) | (1u << COND_JEXL2))
#define GROOVY (1u << COND_GROOVY)
#define ALL (JS | JEXL | GROOVY)

/* Numbers from Java methods: ints, except in JavaScript where all are doubles. */
static struct cvalue number_result(const struct cond_env *env, int64_t v)
{
    return env->dialect == COND_JAVASCRIPT ? condv_double((double)v) : condv_int(v);
}

/* The argument as text (null stays NULL: Java passes a null reference). */
static char *arg_text(const struct cond_env *env, const struct cvalue *v)
{
    if (v->type == CV_NULL || v->type == CV_UNDEFINED)
        return NULL;
    struct strbuf sb;
    strbuf_init(&sb);
    condv_print(v, env->dialect, &sb);
    return strbuf_detach(&sb);
}

static size_t utf16_length(const char *s, size_t n)
{
    size_t units = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = expr_utf8_get(s + i, n - i, &cp);
        units += len && cp >= 0x10000 ? 2 : 1;
        i += len ? len : 1;
    }
    return units;
}

/* Byte offset of UTF-16 position pos in s, or -1 when past the end. */
static long byte_offset(const char *s, size_t pos)
{
    size_t n = strlen(s), units = 0, i = 0;
    while (units < pos && i < n) {
        uint32_t cp;
        size_t len = expr_utf8_get(s + i, n - i, &cp);
        units += len && cp >= 0x10000 ? 2 : 1;
        i += len ? len : 1;
    }
    return units == pos ? (long)i : -1;
}

/* ---- functions ---- */

static bool f_vars_get(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    char *name = arg_text(env, &args[0]);
    const char *v = name && env->ctx && env->ctx->vars ? strmap_get(env->ctx->vars, name) : NULL;
    *out = v ? condv_string(v) : condv_null();
    free(name);
    return true;
}

static bool f_props_get(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    char *name = arg_text(env, &args[0]);
    struct props *p = env->ctx && env->ctx->env ? env->ctx->env->props : NULL;
    char *v = name && p ? props_get_dup(p, name) : NULL;
    if (v)
        *out = condv_string_take(v);
    else if (n > 1)
        *out = condv_copy(&args[1]);
    else
        *out = condv_null();
    free(name);
    return true;
}

static bool f_thread_num(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    int num = env->ctx ? env->ctx->thread_num : 0;
    *out = number_result(env, num > 0 ? num - 1 : 0);
    return true;
}

/* Integer.parseInt / Long.parseLong with an optional radix. */
static bool parse_java(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out, bool is_long)
{
    char *s = arg_text(env, &args[0]);
    if (!s)
        return false;
    int64_t radix = 10, v = 0;
    if (n > 1) {
        if (args[1].type == CV_INT)
            radix = args[1].i;
        else if (condv_is_number(&args[1]) && fabs(condv_number_value(&args[1])) < 1000)
            radix = (int64_t)condv_number_value(&args[1]);
        else
            radix = 0;
    }
    bool ok = false;
    if (radix == 10) {
        ok = condv_parse_java_int(s, &v, is_long);
    } else if (radix >= 2 && radix <= 36 && s[0]) {
        char *end;
        errno = 0;
        long long x = strtoll(s, &end, (int)radix);
        ok = errno != ERANGE && !*end && !isspace((unsigned char)s[0]) && (is_long || (x >= INT32_MIN && x <= INT32_MAX));
        v = x;
    }
    free(s);
    if (ok)
        *out = number_result(env, v);
    return ok;
}

static bool f_parse_int(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    return parse_java(env, args, n, out, false);
}

static bool f_parse_long(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    return parse_java(env, args, n, out, true);
}

static bool f_parse_double(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    char *s = arg_text(env, &args[0]);
    if (!s)
        return false;
    struct cvalue tmp = condv_string_take(s);
    double d = cond_js_to_number(&tmp);
    condv_free(&tmp);
    if (isnan(d))
        return false;
    *out = condv_double(d);
    return true;
}

static bool f_string_value_of(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    struct strbuf sb;
    strbuf_init(&sb);
    if (args[0].type == CV_NULL)
        strbuf_adds(&sb, "null");
    else
        condv_print(&args[0], env->dialect, &sb);
    *out = condv_string_take(strbuf_detach(&sb));
    return true;
}

static bool f_parse_boolean(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    *out = condv_bool(args[0].type == CV_STRING && strcasecmp(args[0].s, "true") == 0);
    return true;
}

static bool f_math_abs(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    if (args[0].type == CV_INT && args[0].i != INT64_MIN)
        *out = condv_int(args[0].i < 0 ? -args[0].i : args[0].i);
    else if (condv_is_number(&args[0]))
        *out = condv_double(fabs(condv_number_value(&args[0])));
    else if (env->dialect == COND_JAVASCRIPT)
        *out = condv_double(fabs(cond_js_to_number(&args[0])));
    else
        return false;
    return true;
}

static bool f_math_minmax(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out, bool max)
{
    bool less;
    if (!condv_compare(&args[0], &args[1], env->dialect, '<', &less))
        return false;
    *out = condv_copy(&args[(less == max) ? 1 : 0]);
    return true;
}

static bool f_math_max(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    return f_math_minmax(env, args, n, out, true);
}

static bool f_math_min(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    return f_math_minmax(env, args, n, out, false);
}

/* JavaScript parseInt: leading blanks, sign, digits of the radix (0x = 16);
 * NaN when there are none. */
static bool f_js_parse_int(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    struct strbuf sb;
    strbuf_init(&sb);
    condv_print(&args[0], env->dialect, &sb);
    const char *s = sb.s;
    while (isspace((unsigned char)*s))
        s++;
    int sign = 1;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    double r = n > 1 ? cond_js_to_number(&args[1]) : 0;
    int radix = isfinite(r) && fabs(r) < 1000 ? (int)r : 0;   /* ToInt32 of a wild radix */
    if (radix == 0 || radix == 16) {
        if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
            s += 2;
            radix = 16;
        }
    }
    if (radix == 0)
        radix = 10;
    double v = 0;
    bool any = false;
    if (radix >= 2 && radix <= 36) {
        for (;; s++) {
            int d = isdigit((unsigned char)*s) ? *s - '0'
                    : isalpha((unsigned char)*s) ? tolower((unsigned char)*s) - 'a' + 10 : 99;
            if (d >= radix)
                break;
            v = v * radix + d;
            any = true;
        }
    }
    strbuf_free(&sb);
    *out = condv_double(any ? sign * v : NAN);
    return true;
}

static bool f_js_parse_float(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    struct strbuf sb;
    strbuf_init(&sb);
    condv_print(&args[0], env->dialect, &sb);
    const char *s = sb.s;
    while (isspace((unsigned char)*s))
        s++;
    char *end;
    double v = strtod(s, &end);
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    if (end == s || isalpha((unsigned char)s[0]) || hex)
        v = strncmp(s, "Infinity", 8) == 0 ? INFINITY : (hex ? 0 : NAN);
    strbuf_free(&sb);
    *out = condv_double(v);
    return true;
}

static bool f_js_number(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    *out = condv_double(cond_js_to_number(&args[0]));
    return true;
}

static bool f_js_string(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    struct strbuf sb;
    strbuf_init(&sb);
    condv_print(&args[0], env->dialect, &sb);
    *out = condv_string_take(strbuf_detach(&sb));
    return true;
}

static bool f_js_is_nan(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    *out = condv_bool(isnan(cond_js_to_number(&args[0])));
    return true;
}

/* JEXL empty(x): null, "" (and 0) are empty; size(x): length of a string. */
static bool f_jexl_empty(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    const struct cvalue *v = &args[0];
    *out = condv_bool(v->type == CV_NULL || (v->type == CV_STRING && !v->s[0]) ||
                   (condv_is_number(v) && condv_number_value(v) == 0));
    return true;
}

static bool f_jexl_size(struct cond_env *env, struct cvalue *args, size_t n, struct cvalue *out)
{
    if (args[0].type == CV_NULL) {
        *out = condv_int(0);
        return true;
    }
    if (args[0].type != CV_STRING)
        return false;
    *out = condv_int((int64_t)utf16_length(args[0].s, strlen(args[0].s)));
    return true;
}

static const struct cond_function functions[] = {
    {"vars.get", ALL, 1, 1, f_vars_get},
    {"vars.getObject", ALL, 1, 1, f_vars_get},
    {"props.get", ALL, 1, 1, f_props_get},
    {"props.getProperty", ALL, 1, 2, f_props_get},
    {"ctx.getThreadNum", ALL, 0, 0, f_thread_num},
    {"Integer.parseInt", ALL, 1, 2, f_parse_int},
    {"Integer.valueOf", ALL, 1, 2, f_parse_int},
    {"Long.parseLong", ALL, 1, 2, f_parse_long},
    {"Long.valueOf", ALL, 1, 2, f_parse_long},
    {"Double.parseDouble", ALL, 1, 1, f_parse_double},
    {"Double.valueOf", ALL, 1, 1, f_parse_double},
    {"String.valueOf", ALL, 1, 1, f_string_value_of},
    {"Boolean.parseBoolean", ALL, 1, 1, f_parse_boolean},
    {"Math.abs", ALL, 1, 1, f_math_abs},
    {"Math.max", ALL, 2, 2, f_math_max},
    {"Math.min", ALL, 2, 2, f_math_min},
    {"parseInt", JS, 1, 2, f_js_parse_int},
    {"parseFloat", JS, 1, 1, f_js_parse_float},
    {"Number", JS, 1, 1, f_js_number},
    {"String", JS, 1, 1, f_js_string},
    {"isNaN", JS, 1, 1, f_js_is_nan},
    {"empty", JEXL, 1, 1, f_jexl_empty},
    {"size", JEXL, 1, 1, f_jexl_size},
};

const struct cond_function *cond_function_find(const char *name, enum cond_dialect d)
{
    for (size_t i = 0; i < ARRAY_LEN(functions); i++)
        if (strcmp(functions[i].name, name) == 0 && (functions[i].dialects & (1u << d)))
            return &functions[i];
    return NULL;
}

/* ---- methods ---- */

static bool need_string(const struct cvalue *self)
{
    return self->type == CV_STRING;
}

static bool m_equals(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                     struct cvalue *out)
{
    const struct cvalue *o = &args[0];
    bool eq;
    if (self->type == CV_STRING)
        eq = o->type == CV_STRING && strcmp(self->s, o->s) == 0;
    else if (self->type == CV_INT)
        eq = o->type == CV_INT && o->i == self->i;
    else if (self->type == CV_DOUBLE || self->type == CV_DECIMAL)
        eq = o->type == self->type && o->d == self->d;
    else if (self->type == CV_BOOL)
        eq = o->type == CV_BOOL && o->b == self->b;
    else
        eq = false;
    *out = condv_bool(eq);
    return true;
}

static bool m_equals_ignore_case(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                                 struct cvalue *out)
{
    if (!need_string(self))
        return false;
    *out = condv_bool(args[0].type == CV_STRING && strcasecmp(self->s, args[0].s) == 0);
    return true;
}

static bool m_length(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                     struct cvalue *out)
{
    if (!need_string(self))
        return false;
    *out = number_result(env, (int64_t)utf16_length(self->s, strlen(self->s)));
    return true;
}

static bool m_is_empty(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                       struct cvalue *out)
{
    if (!need_string(self))
        return false;
    *out = condv_bool(self->s[0] == '\0');
    return true;
}

/* contains / startsWith / endsWith / indexOf share the argument check. */
static bool string_arg(struct cond_env *env, struct cvalue *self, struct cvalue *arg, char **text)
{
    if (!need_string(self) || arg->type == CV_NULL || arg->type == CV_UNDEFINED)
        return false;
    *text = arg_text(env, arg);
    return *text != NULL;
}

/* contains / startsWith / endsWith: a yes-or-no test of the string against
 * its one string argument. */
static bool string_test(struct cond_env *env, struct cvalue *self, struct cvalue *arg,
                        bool (*test)(const char *s, const char *part), struct cvalue *out)
{
    char *t;
    if (!string_arg(env, self, arg, &t))
        return false;
    *out = condv_bool(test(self->s, t));
    free(t);
    return true;
}

static bool contains_text(const char *s, const char *part)
{
    return strstr(s, part) != NULL;
}

static bool m_contains(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                       struct cvalue *out)
{
    return string_test(env, self, &args[0], contains_text, out);
}

static bool m_starts_with(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                          struct cvalue *out)
{
    return string_test(env, self, &args[0], str_starts_with, out);
}

static bool m_ends_with(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                        struct cvalue *out)
{
    return string_test(env, self, &args[0], str_ends_with, out);
}

static bool m_index_of(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                       struct cvalue *out)
{
    char *t;
    if (!string_arg(env, self, &args[0], &t))
        return false;
    const char *hit = strstr(self->s, t);
    *out = number_result(env, hit ? (int64_t)utf16_length(self->s, (size_t)(hit - self->s)) : -1);
    free(t);
    return true;
}

static bool m_trim(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                   struct cvalue *out)
{
    if (!need_string(self))
        return false;
    const char *s = self->s;
    size_t len = strlen(s);
    while (len && (unsigned char)*s <= ' ')
        s++, len--;
    while (len && (unsigned char)s[len - 1] <= ' ')
        len--;
    *out = condv_string_take(xstrndup(s, len));
    return true;
}

static bool change_case(struct cvalue *self, struct cvalue *out, bool upper)
{
    if (!need_string(self))
        return false;
    char *s = xstrdup(self->s);
    for (char *p = s; *p; p++)
        *p = (char)(upper ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
    *out = condv_string_take(s);
    return true;
}

static bool m_to_lower(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                       struct cvalue *out)
{
    return change_case(self, out, false);
}

static bool m_to_upper(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                       struct cvalue *out)
{
    return change_case(self, out, true);
}

static bool m_to_string(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                        struct cvalue *out)
{
    struct strbuf sb;
    strbuf_init(&sb);
    condv_print(self, env->dialect, &sb);
    *out = condv_string_take(strbuf_detach(&sb));
    return true;
}

static bool m_substring(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                        struct cvalue *out)
{
    if (!need_string(self) || !condv_is_number(&args[0]) || (n > 1 && !condv_is_number(&args[1])))
        return false;
    size_t len = utf16_length(self->s, strlen(self->s));
    double b = condv_number_value(&args[0]), e = n > 1 ? condv_number_value(&args[1]) : (double)len;
    if (b < 0 || e > (double)len || b > e)
        return false;   /* StringIndexOutOfBoundsException */
    long from = byte_offset(self->s, (size_t)b), to = byte_offset(self->s, (size_t)e);
    if (from < 0 || to < 0)
        return false;
    *out = condv_string_take(xstrndup(self->s + from, (size_t)(to - from)));
    return true;
}

/* Groovy's toInteger()/toLong(): strings are trimmed and parsed, numbers truncated. */
static bool to_integral(struct cond_env *env, struct cvalue *self, struct cvalue *out, bool is_long)
{
    int64_t v;
    if (self->type == CV_STRING) {
        char *t = xstrdup(self->s);
        char *s = t;
        size_t len = strlen(s);
        while (len && (unsigned char)*s <= ' ')
            s++, len--;
        s[len] = '\0';
        while (len && (unsigned char)s[len - 1] <= ' ')
            s[--len] = '\0';
        bool ok = condv_parse_java_int(s, &v, is_long);
        free(t);
        if (!ok)
            return false;
    } else if (self->type == CV_INT) {
        v = self->i;
    } else if (condv_is_number(self) && isfinite(self->d) && fabs(self->d) < 9.2e18) {
        v = (int64_t)self->d;
    } else {
        return false;
    }
    *out = number_result(env, v);
    return true;
}

static bool m_to_integer(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                         struct cvalue *out)
{
    return to_integral(env, self, out, false);
}

static bool m_to_long(struct cond_env *env, struct cvalue *self, struct cvalue *args, size_t n,
                      struct cvalue *out)
{
    return to_integral(env, self, out, true);
}

static const struct cond_method methods[] = {
    {"equals", 1, 1, false, m_equals},
    {"equalsIgnoreCase", 1, 1, false, m_equals_ignore_case},
    {"length", 0, 0, true, m_length},
    {"size", 0, 0, false, m_length},
    {"isEmpty", 0, 0, false, m_is_empty},
    {"contains", 1, 1, false, m_contains},
    {"startsWith", 1, 1, false, m_starts_with},
    {"endsWith", 1, 1, false, m_ends_with},
    {"indexOf", 1, 1, false, m_index_of},
    {"trim", 0, 0, false, m_trim},
    {"toLowerCase", 0, 0, false, m_to_lower},
    {"toUpperCase", 0, 0, false, m_to_upper},
    {"toString", 0, 0, false, m_to_string},
    {"substring", 1, 2, false, m_substring},
    {"toInteger", 0, 0, false, m_to_integer},
    {"intValue", 0, 0, false, m_to_integer},
    {"toLong", 0, 0, false, m_to_long},
    {"longValue", 0, 0, false, m_to_long},
};

const struct cond_method *cond_method_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(methods); i++)
        if (strcmp(methods[i].name, name) == 0)
            return &methods[i];
    return NULL;
}
