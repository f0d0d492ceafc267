/* emit_functions.c - JMeter's functions as Python: one row per function of
 * the expression table (src/expr). A function that is a plain call of one
 * Python function is data: its row names that function, whether the user
 * object comes first, how many of the arguments it is given (a fixed number,
 * then more up to a limit when they are present) and the import line or
 * runtime piece it needs (__base64Encode(x) -> base64_encode(x),
 * __V(a) -> var_or(self, a)); the other rows have their own code that writes
 * the call. Simple functions become plain Python
 * (__UUID -> str(uuid.uuid4())); the others call a runtime helper named after
 * what it does. Arguments are templates again and are translated the same
 * way; the optional trailing variable name becomes <self>.store(name, value).
 * A function without a row stays as its literal text, with a TODO note. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "emit_internal.h"

typedef void (*fn_emit)(const struct tmpl_part *call, const struct py_tmpl_ctx *ctx,
                        struct strbuf *out);

/* The runtime piece of a row that needs none. */
#define RT_NONE RT_COUNT

struct fn_row {
    const char *name;
    fn_emit emit;         /* its own code, or NULL for a plain call: */
    int var_arg;          /* index of the optional "store in variable" argument, -1 none */
    const char *callee;   /* the Python function, */
    bool user_first;      /* given the user object (<self>) first when true, */
    int n_args;           /* then the first n_args arguments, */
    int up_to;            /* and the next ones present, up_to arguments in all; */
    enum rt_id rt;        /* the runtime piece it needs or RT_NONE, */
    const char *import;   /* the import line it needs or NULL */
};

/* A row with its own code; a plain call of a fixed number of arguments; one
 * whose arguments after the first n_args are passed when present, up_to in
 * all; and the same with the user object first. */
#define FN(name, emit, var_arg) {name, emit, var_arg, NULL, false, 0, 0, RT_NONE, NULL}
#define CALL(name, callee, n_args, rt, import, var_arg) \
    {name, NULL, var_arg, callee, false, n_args, n_args, rt, import}
#define OPT_CALL(name, callee, n_args, up_to, rt, import, var_arg) \
    {name, NULL, var_arg, callee, false, n_args, up_to, rt, import}
#define USER_CALL(name, callee, n_args, up_to, rt, import, var_arg) \
    {name, NULL, var_arg, callee, true, n_args, up_to, rt, import}

/* ---------------------------------------------------------------- helpers */

static void need(const struct py_tmpl_ctx *ctx, enum rt_id id)
{
    em_need(ctx->em, id);
}

static void imp(const struct py_tmpl_ctx *ctx, const char *line)
{
    em_import(ctx->em, line);
}

static const struct tmpl *arg_t(const struct tmpl_part *call, size_t i)
{
    return i < call->n_args ? call->args[i] : NULL;
}

static void arg(const struct tmpl_part *call, size_t i, const struct py_tmpl_ctx *ctx,
                struct strbuf *out)
{
    py_tmpl_expr(out, arg_t(call, i), ctx);
}

/* The literal text of argument i ("" when absent); false when it has references. */
static bool arg_lit(const struct tmpl_part *call, size_t i, const char **text)
{
    return py_tmpl_literal(arg_t(call, i), text);
}

static bool is_int_text(const char *s)
{
    const char *p = s;
    while (*p == ' ')
        p++;
    if (*p == '-' || *p == '+')
        p++;
    if (!*p)
        return false;
    for (; *p && *p != ' '; p++)
        if (*p < '0' || *p > '9')
            return false;
    while (*p == ' ')
        p++;
    return *p == '\0' && strlen(s) < 18;
}

/* An argument used as a number: the number itself when literal, else
 * java_long(<expr>). */
static void arg_long(const struct tmpl_part *call, size_t i, const struct py_tmpl_ctx *ctx,
                     struct strbuf *out)
{
    const char *text;
    if (arg_lit(call, i, &text) && is_int_text(text)) {
        strbuf_addf(out, "%lld", str_to_ll_jmeter(text));
        return;
    }
    need(ctx, RT_CORE);
    strbuf_adds(out, "java_long(");
    arg(call, i, ctx, out);
    strbuf_addc(out, ')');
}

/* The arguments from index `from` as a Python list. */
static void arg_list(const struct tmpl_part *call, size_t from, size_t to,
                     const struct py_tmpl_ctx *ctx, struct strbuf *out)
{
    strbuf_addc(out, '[');
    for (size_t i = from; i < to; i++) {
        if (i > from)
            strbuf_adds(out, ", ");
        arg(call, i, ctx, out);
    }
    strbuf_addc(out, ']');
}

static void call1(const char *fn, const struct tmpl_part *call, const struct py_tmpl_ctx *ctx,
                  struct strbuf *out)
{
    strbuf_addf(out, "%s(", fn);
    arg(call, 0, ctx, out);
    strbuf_addc(out, ')');
}

/* A plain call: the row's import line or runtime piece, then
 * callee([<self>, ]arg 0, ..., arg n_args - 1[, the next ones present, up to
 * arg up_to - 1]). */
static void plain_call(const struct fn_row *row, const struct tmpl_part *c,
                       const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    if (row->rt != RT_NONE)
        need(ctx, row->rt);
    if (row->import)
        imp(ctx, row->import);
    strbuf_addf(o, "%s(", row->callee);
    if (row->user_first)
        strbuf_adds(o, ctx->self);
    for (size_t i = 0; i < (size_t)row->up_to; i++) {
        if (i >= (size_t)row->n_args && i >= c->n_args)
            break;   /* an optional argument that is absent */
        if (i || row->user_first)
            strbuf_adds(o, ", ");
        arg(c, i, ctx, o);
    }
    strbuf_addc(o, ')');
}

/* ------------------------------------------------------------- functions */

static void f_uuid(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    (void)c;
    imp(ctx, "import uuid");
    strbuf_adds(o, "str(uuid.uuid4())");
}

static void f_random(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    imp(ctx, "import random");
    strbuf_adds(o, "str(random.randint(");
    arg_long(c, 0, ctx, o);
    strbuf_adds(o, ", ");
    arg_long(c, 1, ctx, o);
    strbuf_adds(o, "))");
}

static void f_time(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    const char *fmt;
    bool lit = arg_lit(c, 0, &fmt);
    if (lit && !*fmt) {
        imp(ctx, "import time");
        strbuf_adds(o, "str(int(time.time() * 1000))");
        return;
    }
    if (lit && fmt[0] == '/' && is_int_text(fmt + 1) && fmt[1] != '-' && fmt[1] != '+' &&
        str_to_ll_jmeter(fmt + 1) > 0) {
        imp(ctx, "import time");
        strbuf_addf(o, "str(int(time.time() * 1000) // %lld)", str_to_ll_jmeter(fmt + 1));
        return;
    }
    need(ctx, RT_FN_TIME);
    if (lit && strcmp(fmt, "YMD") && strcmp(fmt, "HMS") && strcmp(fmt, "YMDHMS") &&
        strcmp(fmt, "USER1") && strcmp(fmt, "USER2") && fmt[0] != '/') {
        call1("java_date", c, ctx, o);
        return;
    }
    call1("jmeter_time", c, ctx, o);
}

static void f_thread_num(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                         struct strbuf *o)
{
    (void)c;
    strbuf_addf(o, "str(%s.thread_num)", ctx->self);
}

static void f_group_name(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                         struct strbuf *o)
{
    (void)c;
    /* inside a thread group's class the name is known */
    if (ctx->em && ctx->em->g && strcmp(ctx->self, "self") == 0)
        py_str_literal_z(o, ctx->em->g->tg->name);
    else
        strbuf_addf(o, "%s.thread_group_name", ctx->self);
}

static void f_sampler_name(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                           struct strbuf *o)
{
    (void)c;
    py_str_literal_z(o, ctx->sampler_name ? ctx->sampler_name : "");
}

static void f_plan_name(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                        struct strbuf *o)
{
    (void)c;
    py_str_literal_z(o, ctx->plan_file_name ? ctx->plan_file_name : "");
}

static void f_counter(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    need(ctx, RT_FN_VARS);
    const char *mode;
    char *key = em_key(ctx->em, "counter");
    char *trimmed = arg_lit(c, 0, &mode) ? str_trim_dup(mode) : NULL;
    bool per_user = trimmed && str_ieq(trimmed, "true");
    free(trimmed);
    if (per_user) {
        strbuf_addf(o, "counter(%s, '%s')", ctx->self, key);
    } else if (arg_lit(c, 0, &mode)) {
        strbuf_addf(o, "global_counter('%s')", key);
    } else {
        strbuf_adds(o, "(counter(");
        strbuf_addf(o, "%s, '%s') if ", ctx->self, key);
        arg(c, 0, ctx, o);
        strbuf_addf(o, ".strip().lower() == 'true' else global_counter('%s'))", key);
    }
    free(key);
}

static void f_sum(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o,
                  int bits)
{
    need(ctx, RT_FN_VARS);
    strbuf_addf(o, "int_sum(%s, ", ctx->self);
    arg_list(c, 0, c->n_args, ctx, o);
    strbuf_addf(o, ", %d)", bits);
}

static void f_int_sum(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    f_sum(c, ctx, o, 32);
}

static void f_long_sum(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                       struct strbuf *o)
{
    f_sum(c, ctx, o, 64);
}

static void f_property(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                       struct strbuf *o)
{
    need(ctx, RT_FN_PROPS);
    strbuf_adds(o, "property_value(");
    arg(c, 0, ctx, o);
    if (c->n_args > 2) {
        strbuf_adds(o, ", ");
        arg(c, 2, ctx, o);
    }
    strbuf_addc(o, ')');
}

static void f_is_prop(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    need(ctx, RT_CORE);
    strbuf_adds(o, "str(");
    arg(c, 0, ctx, o);
    strbuf_adds(o, " in PROPERTIES).lower()");
}

static void f_is_var(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    strbuf_adds(o, "str(");
    arg(c, 0, ctx, o);
    strbuf_addf(o, " in %s.vars).lower()", ctx->self);
}

static void f_eval_var(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                       struct strbuf *o)
{
    need(ctx, RT_FN_VARS);
    strbuf_addf(o, "eval_template(%s, %s.vars.get(", ctx->self, ctx->self);
    arg(c, 0, ctx, o);
    strbuf_adds(o, ", ''))");
}

static void f_char(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    need(ctx, RT_FN_STRINGS);
    strbuf_adds(o, "java_chars(");
    arg_list(c, 0, c->n_args, ctx, o);
    strbuf_addc(o, ')');
}

static void f_logn(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    need(ctx, RT_FN_LOG);
    strbuf_adds(o, "log_value(");
    arg(c, 0, ctx, o);
    strbuf_adds(o, ", '')");
}

/* A script expression translated, or its text left as it is with a TODO. */
static void f_script(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o,
                     enum script_dialect d)
{
    struct strbuf expr;
    strbuf_init(&expr);
    char *why = NULL;
    if (emit_script(arg_t(c, 0), d, ctx, &expr, &why)) {
        need(ctx, RT_SCRIPTS);
        strbuf_addf(o, "script_value(lambda: %s)", expr.s);
    } else {
        py_str_literal_z(o, c->raw);
        if (ctx->em) {
            char *raw = em_lit(c->raw);
            em_note(ctx->em, NOTE_TODO, ctx->em->current, "%s is left as text: %s", raw,
                    why ? why : "unsupported script");
            free(raw);
        }
    }
    free(why);
    strbuf_free(&expr);
}

static void f_jexl(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    f_script(c, ctx, o, SCRIPT_JEXL);
}

static void f_groovy(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx, struct strbuf *o)
{
    f_script(c, ctx, o, SCRIPT_GROOVY);
}

static void f_javascript(const struct tmpl_part *c, const struct py_tmpl_ctx *ctx,
                         struct strbuf *o)
{
    f_script(c, ctx, o, SCRIPT_JS);
}

/* ------------------------------------------------------------------ table */

static const struct fn_row rows[] = {
    FN("__UUID", f_uuid, -1),
    FN("__Random", f_random, 2),
    OPT_CALL("__RandomString", "random_string", 1, 2, RT_FN_RANDOM, NULL, 2),
    USER_CALL("__RandomFromMultipleVars", "random_from_vars", 1, 1, RT_FN_RANDOM, NULL, 1),
    FN("__time", f_time, 1),
    CALL("__timeShift", "time_shift", 3, RT_FN_TIME, NULL, -2),
    CALL("__dateTimeConvert", "date_time_convert", 3, RT_FN_TIME, NULL, 3),
    CALL("__RandomDate", "random_date", 3, RT_FN_TIME, NULL, 4),
    FN("__threadNum", f_thread_num, -1),
    FN("__threadGroupName", f_group_name, -1),
    FN("__samplerName", f_sampler_name, 0),
    FN("__TestPlanName", f_plan_name, -1),
    FN("__counter", f_counter, 1),
    FN("__intSum", f_int_sum, -1),
    FN("__longSum", f_long_sum, -1),
    OPT_CALL("__P", "prop", 1, 2, RT_CORE, NULL, -1),
    FN("__property", f_property, 1),
    OPT_CALL("__setProperty", "set_property", 2, 3, RT_FN_PROPS, NULL, -1),
    FN("__isPropDefined", f_is_prop, -1),
    FN("__isVarDefined", f_is_var, -1),
    USER_CALL("__V", "var_or", 1, 2, RT_FN_VARS, NULL, -1),
    USER_CALL("__eval", "eval_template", 1, 1, RT_FN_VARS, NULL, -1),
    FN("__evalVar", f_eval_var, -1),
    USER_CALL("__split", "split_into", 2, 3, RT_FN_VARS, NULL, -1),
    CALL("__urlencode", "java_urlencode", 1, RT_URLENCODE, NULL, -1),
    CALL("__urldecode", "urllib.parse.unquote_plus", 1, RT_NONE, "import urllib.parse", -1),
    CALL("__escapeHtml", "escape_html", 1, RT_FN_STRINGS, NULL, -1),
    CALL("__unescapeHtml", "html.unescape", 1, RT_NONE, "import html", -1),
    CALL("__escapeXml", "escape_xml", 1, RT_FN_STRINGS, NULL, -1),
    CALL("__unescape", "unescape_java", 1, RT_FN_STRINGS, NULL, -1),
    CALL("__escapeOroRegexpChars", "escape_oro", 1, RT_FN_STRINGS, NULL, 1),
    FN("__char", f_char, -1),
    OPT_CALL("__changeCase", "change_case", 1, 2, RT_FN_STRINGS, NULL, 2),
    CALL("__base64Encode", "base64_encode", 1, RT_FN_STRINGS, NULL, 1),
    CALL("__base64Decode", "base64_decode", 1, RT_FN_STRINGS, NULL, 1),
    OPT_CALL("__digest", "digest", 2, 4, RT_FN_DIGEST, NULL, 4),
    CALL("__machineName", "socket.gethostname", 0, RT_NONE, "import socket", 0),
    CALL("__machineIP", "machine_ip", 0, RT_FN_FILES, NULL, 0),
    USER_CALL("__CSVRead", "csv_read", 2, 2, RT_FN_FILES, NULL, -1),
    CALL("__StringFromFile", "string_from_file", 1, RT_FN_FILES, NULL, 1),
    OPT_CALL("__FileToString", "file_to_string", 1, 2, RT_FN_FILES, NULL, 2),
    OPT_CALL("__StringToFile", "string_to_file", 0, 4, RT_FN_FILES, NULL, -1),
    FN("__jexl3", f_jexl, 1),
    FN("__jexl2", f_jexl, 1),
    FN("__groovy", f_groovy, 1),
    FN("__javaScript", f_javascript, 1),
    CALL("__log", "log_value", 1, RT_FN_LOG, NULL, -1),
    FN("__logn", f_logn, -1),
};

void emit_function_call(const struct tmpl_part *call, const struct py_tmpl_ctx *ctx,
                        struct strbuf *out)
{
    const char *name = call->fn ? call->fn->name : call->text;
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        if (strcmp(rows[i].name, name) != 0)
            continue;
        int v = rows[i].var_arg;
        if (v == -2)   /* __timeShift: with 4 arguments the 4th is the variable */
            v = call->n_args >= 4 ? (int)call->n_args - 1 : -1;
        const char *var_text = "";
        bool store = v >= 0 && (size_t)v < call->n_args &&
                     !(arg_lit(call, (size_t)v, &var_text) && str_is_blank(var_text));
        if (store) {
            strbuf_addf(out, "%s.store(", ctx->self);
            arg(call, (size_t)v, ctx, out);
            strbuf_adds(out, ", ");
        }
        if (rows[i].emit)
            rows[i].emit(call, ctx, out);
        else
            plain_call(&rows[i], call, ctx, out);
        if (store)
            strbuf_addc(out, ')');
        return;
    }
    py_str_literal_z(out, call->raw);
    if (ctx->em) {
        char *raw = em_lit(call->raw);
        em_note(ctx->em, NOTE_TODO, ctx->em->current, "function %s has no Python translation; "
                "its text is used as it is", raw);
        free(raw);
    }
}
