/* test_emit_tmpl.c - templates translated to Python by the Locust emitter.
 *
 * First the shape of the Python written for each kind of part and for the
 * common functions. Then the meaning: every template of a list is evaluated
 * by jmx2run's own expression engine (the reference) and, translated, by
 * Python with the emitter's runtime (Debian's /usr/bin/python3, which has
 * Locust); both must give the same text, in order, side effects included.
 * That part is skipped when that Python or Locust is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/emit.h"
#include "jmx2run/expr.h"
#include "jmx2run/props.h"
#include "testutil.h"

static char *translate(const char *src)
{
    struct tmpl *t = tmpl_compile(NULL, src, NULL, "plan.jmx", 1);
    struct py_tmpl_ctx ctx = {"self", "my sampler", "plan.jmx", NULL};
    struct strbuf sb;
    strbuf_init(&sb);
    py_tmpl_expr(&sb, t, &ctx);
    tmpl_free(t);
    return strbuf_detach(&sb);
}

#define CHECK_PY(src, expected)                                                 \
    do {                                                                        \
        char *got_ = translate(src);                                            \
        CU_ASSERT_STRING_EQUAL_MSG(got_, expected);                             \
        free(got_);                                                             \
    } while (0)

static void test_parts(void)
{
    CHECK_PY("plain text", "'plain text'");
    CHECK_PY("", "''");
    CHECK_PY("${productId}", "self.v('productId')");
    CHECK_PY("/products/${productId}/view", "'/products/' + self.v('productId') + '/view'");
    CHECK_PY("${ name }", "self.v(' name ')");   /* names are not trimmed */
    CHECK_PY("a\\,b ${x}", "'a,b ' + self.v('x')");   /* escapes only with a reference */
    CHECK_PY("a\\,b", "'a\\\\,b'");
    CHECK_PY("it's ${x}", "'it\\'s ' + self.v('x')");
    CHECK_PY("${__nosuch(1)}", "self.v('__nosuch(1)')");   /* stays literal, as in JMeter */
    CHECK_PY("${unterminated", "'${unterminated'");
}

static void test_functions(void)
{
    CHECK_PY("${__UUID()}", "str(uuid.uuid4())");
    CHECK_PY("${__Random(1,10)}", "str(random.randint(1, 10))");
    CHECK_PY("${__Random(1,${max},r)}", "self.store('r', str(random.randint(1, java_long(self.v('max')))))");
    CHECK_PY("${__P(users,5)}", "prop('users', '5')");
    CHECK_PY("${__P(users)}", "prop('users')");
    CHECK_PY("${__time()}", "str(int(time.time() * 1000))");
    CHECK_PY("${__time(/1000)}", "str(int(time.time() * 1000) // 1000)");
    CHECK_PY("${__time(yyyy-MM-dd)}", "java_date('yyyy-MM-dd')");
    CHECK_PY("${__threadNum}", "str(self.thread_num)");
    CHECK_PY("${__samplerName}", "'my sampler'");
    CHECK_PY("x-${__TestPlanName}", "'x-plan.jmx'");
    CHECK_PY("${__urlencode(a b)}", "java_urlencode('a b')");
    CHECK_PY("${__digest(SHA-256,abc)}", "digest('SHA-256', 'abc')");
    CHECK_PY("${__jexl3(${n} > 1)}", "script_value(lambda: (script_number(self.v('n')) > 1))");
    CHECK_PY("${__groovy(vars.get(\"n\") != null)}",
             "script_value(lambda: (self.vars.get('n') is not None))");
    CHECK_PY("${__jexl3(\"${s}\" == \"abc\")}",
             "script_value(lambda: script_eq(self.v('s'), 'abc'))");
    CHECK_PY("${__jexl3(${n} < \"10\")}",
             "script_value(lambda: script_cmp(script_number(self.v('n')), '<', '10'))");
    /* a script that is not understood stays as JMeter's text */
    CHECK_PY("${__groovy(new File('x').delete())}", "'${__groovy(new File(\\'x\\').delete())}'");
}

/* The functions that are one row of the table: a plain call of a Python
 * function with a fixed number of arguments, then the optional ones that are
 * present, the user object first for some. */
static void test_plain_calls(void)
{
    CHECK_PY("${__urlencode(a b)}", "java_urlencode('a b')");
    CHECK_PY("${__urldecode(a+b)}", "urllib.parse.unquote_plus('a+b')");
    CHECK_PY("${__escapeHtml(<a>)}", "escape_html('<a>')");
    CHECK_PY("${__unescapeHtml(&lt;)}", "html.unescape('&lt;')");
    CHECK_PY("${__escapeXml(<a>)}", "escape_xml('<a>')");
    CHECK_PY("${__unescape(${s})}", "unescape_java(self.v('s'))");
    CHECK_PY("${__escapeOroRegexpChars(a.b,r)}", "self.store('r', escape_oro('a.b'))");
    CHECK_PY("${__base64Encode(hi)}", "base64_encode('hi')");
    CHECK_PY("${__base64Decode(aGk=,d)}", "self.store('d', base64_decode('aGk='))");
    CHECK_PY("${__StringFromFile(f.txt)}", "string_from_file('f.txt')");
    CHECK_PY("${__log(x)}", "log_value('x')");
    CHECK_PY("${__machineName}", "socket.gethostname()");
    CHECK_PY("${__machineName(m)}", "self.store('m', socket.gethostname())");
    CHECK_PY("${__machineIP}", "machine_ip()");
    CHECK_PY("${__timeShift(yyyy,,P1D,)}", "time_shift('yyyy', '', 'P1D')");
    CHECK_PY("${__timeShift(yyyy,,P1D,t)}", "self.store('t', time_shift('yyyy', '', 'P1D'))");
    CHECK_PY("${__dateTimeConvert(1,a,b)}", "date_time_convert('1', 'a', 'b')");
    CHECK_PY("${__RandomDate(a,b,c)}", "random_date('a', 'b', 'c')");
    CHECK_PY("${__RandomDate(a,,c)}", "random_date('a', '', 'c')");
    /* optional trailing arguments: passed when present */
    CHECK_PY("${__RandomString(5)}", "random_string('5')");
    CHECK_PY("${__RandomString(5,ab,r)}", "self.store('r', random_string('5', 'ab'))");
    CHECK_PY("${__P(a)}", "prop('a')");
    CHECK_PY("${__P(a,${d})}", "prop('a', self.v('d'))");
    CHECK_PY("${__setProperty(a,b)}", "set_property('a', 'b')");
    CHECK_PY("${__setProperty(a,b,true)}", "set_property('a', 'b', 'true')");
    CHECK_PY("${__changeCase(x)}", "change_case('x')");
    CHECK_PY("${__changeCase(x,UPPER,c)}", "self.store('c', change_case('x', 'UPPER'))");
    CHECK_PY("${__changeCase(x,,c)}", "self.store('c', change_case('x', ''))");
    CHECK_PY("${__FileToString(f.txt)}", "file_to_string('f.txt')");
    CHECK_PY("${__FileToString(f.txt,UTF-8,s)}",
             "self.store('s', file_to_string('f.txt', 'UTF-8'))");
    CHECK_PY("${__digest(MD5,x)}", "digest('MD5', 'x')");
    CHECK_PY("${__digest(MD5,x,salt)}", "digest('MD5', 'x', 'salt')");
    CHECK_PY("${__digest(MD5,x,salt,true,h)}",
             "self.store('h', digest('MD5', 'x', 'salt', 'true'))");
    CHECK_PY("${__digest(MD5,x,,,h)}", "self.store('h', digest('MD5', 'x', '', ''))");
    CHECK_PY("${__StringToFile(f.txt,x)}", "string_to_file('f.txt', 'x')");
    CHECK_PY("${__StringToFile(f.txt,x,true,UTF-8)}",
             "string_to_file('f.txt', 'x', 'true', 'UTF-8')");
    /* the user object first */
    CHECK_PY("${__V(a)}", "var_or(self, 'a')");
    CHECK_PY("${__V(a${n},d)}", "var_or(self, 'a' + self.v('n'), 'd')");
    CHECK_PY("${__split(a|b,v)}", "split_into(self, 'a|b', 'v')");
    CHECK_PY("${__split(a;b,v,;)}", "split_into(self, 'a;b', 'v', ';')");
    CHECK_PY("${__RandomFromMultipleVars(a|b)}", "random_from_vars(self, 'a|b')");
    CHECK_PY("${__RandomFromMultipleVars(a|b,r)}",
             "self.store('r', random_from_vars(self, 'a|b'))");
    CHECK_PY("${__eval(${x})}", "eval_template(self, self.v('x'))");
    CHECK_PY("${__CSVRead(f.csv,0)}", "csv_read(self, 'f.csv', '0')");
}

/* ------------------------------------------------------------ equivalence */

static const char *const cases[] = {
    "${x}", "${nope}", "a\\,b ${x}", "${__threadNum}", "${__P(missing,d)}", "${__P(missing)}",
    "${__P(given)}", "${__property(missing)}", "${__property(given,,z)}", "${__V(x)}",
    "${__V(no,dflt)}", "${__V(no)}", "${__intSum(1,2,3)}", "${__intSum(2147483647,1)}",
    "${__longSum(1,2,s)}", "${s}", "${__urlencode(a b&c/\xc3\xa9~*)}",
    "${__urldecode(a+b%26c%C3%A9)}", "${__escapeHtml(<\xc3\xa9>\" &)}",
    "${__unescapeHtml(&lt;&eacute;&gt;)}", "${__escapeXml(<'&\">)}", "${__unescape(a\\\\tb)}",
    "${__char(65,0x42,067)}", "${__changeCase(hello)}", "${__changeCase(HeLLo,LOWER)}",
    "${__changeCase(hello,CAPITALIZE)}", "${__base64Encode(hi there)}",
    "${__base64Decode(aGk=)}", "${__digest(SHA-256,abc)}", "${__digest(MD5,abc,salt,true)}",
    "${__split(a;;b;,sp,;)}/${sp_n}/${sp_1}/${sp_2}/${sp_4}/${sp_5}", "${__jexl3(1 + 2)}",
    "${__jexl3(${n} > 2)}", "${__jexl3(${n} % 2 == 1 && ${n} < 10)}", "${__groovy(\"a\" + \"b\")}",
    "${__groovy(vars.get(\"n\").toInteger() * 2)}", "${__javaScript(${n} * 2)}",
    "${__jexl3(\"${x}\".equals(\"X\"))}", "${__jexl3(${n} > 1 ? 'big' : 'small')}",
    "${__counter(TRUE)}${__counter(TRUE)}", "${__eval(${ref})}", "${__evalVar(ref)}",
    "${__isVarDefined(x)}", "${__isVarDefined(nope)}", "${__isPropDefined(given)}",
    "${__escapeOroRegexpChars(a.b*c)}", "${__TestPlanName}", "${__samplerName}",
    "${__time(YMD)}", "${__setProperty(newprop,v1)}${__P(newprop)}",
    "${__setProperty(newprop,v2,true)}", "${__RandomString(4,a)}", "${__Random(7,7)}",
    "${__Random(5,5,rv)}${rv}", "${__time(/86400000)}",
};

static bool have_locust_python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 &&
           test_run_command("/usr/bin/python3 -c 'import locust'", NULL, NULL) == 0;
}

static void test_same_values_in_python(void)
{
    if (!have_locust_python()) {
        fprintf(stderr, "\n    (skipped: /usr/bin/python3 with Locust is needed)\n");
        return;
    }
    /* the reference: jmx2run's engine */
    struct props *props = props_new();
    props_set(props, "given", "G");
    struct expr_env env;
    expr_env_init(&env, props);
    env.plan_file_name = "plan.jmx";
    struct strmap vars, user_state;
    strmap_init(&vars);
    strmap_init(&user_state);
    strmap_set(&vars, "x", "X");
    strmap_set(&vars, "n", "3");
    strmap_set(&vars, "ref", "${x}-ref");
    struct expr_ctx ctx;
    expr_ctx_init(&ctx, &env, &vars);
    ctx.user_state = &user_state;
    ctx.thread_num = 2;
    ctx.thread_name = "G 1-2";
    ctx.thread_group_name = "G";
    ctx.sampler_name = "my sampler";

    /* the Python program: runtime, a user like JMeterUser, the translations */
    struct strbuf py;
    strbuf_init(&py);
    emit_runtime_all(&py, false);
    strbuf_adds(&py, "\n\nimport json as _json\n\n\nclass FakeUser:\n"
                     "    thread_num = 2\n    thread_name = 'G 1-2'\n"
                     "    thread_group_name = 'G'\n    v = JMeterUser.v\n"
                     "    store = JMeterUser.store\n\n    def __init__(self):\n"
                     "        self.vars = {'x': 'X', 'n': '3', 'ref': '${x}-ref'}\n\n\n"
                     "PROPERTIES['given'] = 'G'\nself = FakeUser()\n");
    /* each translation next to jmx2run's value for it; Python reports the differences */
    strbuf_adds(&py, "checks = []\n");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tmpl *t = tmpl_compile(NULL, cases[i], NULL, "plan.jmx", 1);
        char *want = tmpl_eval_dup(t, &ctx);
        struct py_tmpl_ctx pctx = {"self", "my sampler", "plan.jmx", NULL};
        strbuf_adds(&py, "checks.append((");
        py_str_literal_z(&py, cases[i]);
        strbuf_adds(&py, ", ");
        py_str_literal_z(&py, want);
        strbuf_adds(&py, ", ");
        py_tmpl_expr(&py, t, &pctx);
        strbuf_adds(&py, "))\n");
        free(want);
        tmpl_free(t);
    }
    strbuf_adds(&py, "bad = [c for c in checks if c[1] != c[2]]\n"
                     "for case, want, got in bad:\n"
                     "    print('%s: jmx2run %r, python %r' % (case, want, got))\n"
                     "raise SystemExit(1 if bad else 0)\n");
    char *path = test_temp_file(".py", py.s, py.len);
    char *cmd = xasprintf("/usr/bin/python3 %s", path);
    char *out = NULL, *err = NULL;
    int rc = test_run_command(cmd, &out, &err);
    if (rc != 0)
        fprintf(stderr, "\n    python and jmx2run differ:\n%s%s\n", out ? out : "", err ? err : "");
    CU_ASSERT_EQUAL(rc, 0);
    unlink(path);
    free(path);
    free(cmd);
    free(out);
    free(err);
    strbuf_free(&py);
    strmap_free(&vars);
    strmap_free(&user_state);
    expr_env_cleanup(&env);
    props_free(props);
}

static const struct cu_test tests[] = {
    {"parts", test_parts},
    {"functions", test_functions},
    {"plain calls", test_plain_calls},
    {"same values in python", test_same_values_in_python},
    {NULL, NULL},
};

int main(void)
{
    return cu_run("emit_tmpl", tests);
}
