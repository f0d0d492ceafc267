/* test_functions.c - every function of the table: exact values where the
 * result is determined (many observed on JMeter 2.13, Appendix A), shapes
 * for random and current-time results, runtime failures. Runs with TZ=UTC
 * so that date formatting is exact. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "jmx2run/expr.h"
#include "jmx2run/props.h"
#include "testutil.h"

static struct props *props;
static struct expr_env env;
static struct strmap vars, user_state;
static struct expr_ctx ctx;
static struct diag_list diags;
static char *data_dir;

static void setup(void)
{
    props = props_new();
    expr_env_init(&env, props);
    env.plan_file_name = "plan.jmx";
    data_dir = test_path("tests/data/expr");
    env.plan_dir = data_dir;
    strmap_init(&vars);
    strmap_init(&user_state);
    expr_ctx_init(&ctx, &env, &vars);
    ctx.user_state = &user_state;
    ctx.thread_num = 2;
    ctx.thread_name = "Users 1-2";
    ctx.thread_group_name = "Users";
    ctx.sampler_name = "Login";
    strmap_set(&vars, "x", "X");
    strmap_set(&vars, "n", "3");
    strmap_set(&vars, "A_3", "a3");
    diag_list_init(&diags);
}

static void teardown(void)
{
    diag_list_free(&diags);
    strmap_free(&vars);
    strmap_free(&user_state);
    expr_env_cleanup(&env);
    props_free(props);
    free(data_dir);
}

static char *eval_in(const char *src, struct expr_ctx *c)
{
    struct tmpl *t = tmpl_compile(NULL, src, &diags, "plan.jmx", 1);
    char *s = tmpl_eval_dup(t, c);
    tmpl_free(t);
    return s;
}

static void check_at(const char *src, const char *expected, const char *file, int line)
{
    char *got = eval_in(src, &ctx);
    if (strcmp(got, expected) != 0)
        fprintf(stderr, "\n    %s:%d: [%s] gave [%s], expected [%s]\n", file, line, src, got, expected);
    CU_ASSERT_STRING_EQUAL(got, expected);
    free(got);
}
#define check(src, expected) check_at(src, expected, __FILE__, __LINE__)

/* Evaluation must fail at run time: "" and ctx.error set. */
static void check_fails_at(const char *src, const char *file, int line)
{
    ctx.error = NULL;
    char *got = eval_in(src, &ctx);
    if (got[0] || !ctx.error)
        fprintf(stderr, "\n    %s:%d: [%s] gave [%s] error [%s], expected a failure\n", file, line, src, got,
                ctx.error ? ctx.error : "(none)");
    CU_ASSERT_STRING_EQUAL(got, "");
    CU_ASSERT_PTR_NOT_NULL(ctx.error);
    free(got);
    ctx.error = NULL;
}
#define check_fails(src) check_fails_at(src, __FILE__, __LINE__)

static bool matches_at(const char *src, const char *pattern, const char *file, int line)
{
    char *got = eval_in(src, &ctx);
    regex_t re;
    regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);
    bool ok = regexec(&re, got, 0, NULL, 0) == 0;
    regfree(&re);
    if (!ok)
        fprintf(stderr, "\n    %s:%d: [%s] gave [%s], not matching /%s/\n", file, line, src, got, pattern);
    free(got);
    return ok;
}
#define matches(src, pattern) CU_ASSERT_TRUE(matches_at(src, pattern, __FILE__, __LINE__))

static void test_properties(void)
{
    setup();
    props_set(props, "existing", "ex");
    props_set(props, "sp", "  v  ");
    check("${__property(nope)}|${__P(nope)}|${__P(nope,)}|${__property(nope,pv,dflt)}|${pv}|${__property(nope,,)}",
          "nope|1||dflt|dflt|");
    check("${__P(existing)}|${__property(existing)}|${__P(sp)}|[${__P(nope, x )}]|[${__property(nope,, y )}]",
          "ex|ex|v|[x]|[y]");
    check("[${__setProperty(newp,v,true)}][${__setProperty(newp,w,TRUE)}][${__P(newp)}]", "[null][v][w]");
    check("${__setProperty(pp,v1)}|${__setProperty(pp,v2,true)}|${__P(pp)}", "|v1|v2");
    check("${__isPropDefined(existing)}|${__isPropDefined(nope)}", "true|false");
    /* without properties at all */
    struct expr_ctx bare;
    expr_ctx_init(&bare, NULL, &vars);
    char *s = eval_in("${__P(existing,d)}|${__isPropDefined(existing)}|${__setProperty(a,b,true)}", &bare);
    CU_ASSERT_STRING_EQUAL(s, "d|false|");
    free(s);
    teardown();
}

static void test_variables(void)
{
    setup();
    check("${__V(undefinedvar)}|${__V(A_${n})}|${__V(nope,dd)}", "undefinedvar|a3|dd");
    check("${__isVarDefined(x)}|${__isVarDefined(nope)}", "true|false");
    teardown();
}

static void test_split(void)
{
    setup();
    /* [2.13-observed] */
    check("${__split(a;;b;,S,;)}|${S_n}|${S_1}|${S_2}|${S_3}|${S_4}|${S_5}", "a;;b;|4|a|?|b|?|${S_5}");
    check("${__split(;a,T,;)}|${T_n}|${T_1}|${T_2}", ";a|1|a|${T_2}");
    check("${__split(a-b+c,M,+-)}|${M_n}|${M_1}|${M_2}|${M_3}", "a-b+c|3|a|b|c");
    check("${__split(a\\,b;c,U,;)}|${U_1}|${U_2}|${U_n}", "a,b;c|a,b|c|2");
    check("[${__split(,X)}][${X_n}]", "[][0]");
    check("[${__split(a,Y,)}][${Y_n}][${Y_1}]", "[a][1][a]");
    check("${__split(p\\,q,D)}|${D}|${D_1}|${D_2}", "p,q|p,q|p|q");
    check("${__split(aébéc,E,é)}|${E_n}|${E_2}", "aébéc|3|b");
    /* the value after the last one is removed */
    strmap_set(&vars, "Z_3", "stale");
    check("${__split(a|b,Z,|)}|${Z_3}", "a|b|${Z_3}");
    /* the prefix is trimmed */
    check("${__split(1.2, P ,.)}${P_2}", "1.22");
    teardown();
}

static void test_counter(void)
{
    setup();
    /* [2.13-observed]: two users, each occurrence counted separately */
    struct tmpl *t = tmpl_compile(NULL, "${__counter(TRUE)}-${__counter(TRUE)}-${__counter(FALSE)}-${__counter(FALSE,cv)}-${cv}",
                                  NULL, NULL, 0);
    struct strmap vars2, state2;
    strmap_init(&vars2);
    strmap_init(&state2);
    struct expr_ctx ctx2;
    expr_ctx_init(&ctx2, &env, &vars2);
    ctx2.user_state = &state2;
    char *a = tmpl_eval_dup(t, &ctx), *b = tmpl_eval_dup(t, &ctx2), *c = tmpl_eval_dup(t, &ctx);
    CU_ASSERT_STRING_EQUAL(a, "1-1-1-1-1");
    CU_ASSERT_STRING_EQUAL(b, "1-1-2-2-2");
    CU_ASSERT_STRING_EQUAL(c, "2-2-3-3-3");
    free(a), free(b), free(c);
    strmap_free(&vars2);
    strmap_free(&state2);
    tmpl_free(t);
    check("${__counter(true)}", "1");
    check("${__counter(yes)}", "1");   /* not "true": the shared counter, fresh call site */
    teardown();
}

static void test_sums(void)
{
    setup();
    /* [2.13-observed] */
    check("${__intSum(1,2,sumvar)}|${sumvar}|${__intSum(1,2,3)}|${__longSum(1,2,3)}|${__intSum(1, 2)}", "3|3|6|6|3");
    check("${__intSum(2147483647,1)}", "-2147483648");
    check("${__longSum(9223372036854775807,1)}", "-9223372036854775808");
    check("${__longSum(3000000000,1,lv)}|${lv}", "3000000001|3000000001");
    check("${__intSum(-5,+2)}", "-3");
    check_fails("${__intSum( 1,2)}");
    check_fails("${__intSum(3000000000,1)}");
    check_fails("${__longSum(x,1)}");
    teardown();
}

static void test_char_and_case(void)
{
    setup();
    check("${__char(65,0x42,0103, 68 ,zz,0X45)}", "ABCDE");   /* [2.13-observed] */
    check("[${__char(0x263A)}][${__char(0xD83D,0xDE00)}][${__char(#46)}][${__char(-0x41)}]",
          "[\xE2\x98\xBA][\xF0\x9F\x98\x80][F][\xEF\xBE\xBF]");
    check("${__changeCase(hello World)}|${__changeCase(hello World,lower)}|${__changeCase(hello world,Capitalize)}",
          "HELLO WORLD|hello world|Hello world");
    check("${__changeCase(h\xC3\xA9llo,UPPER)}|${__changeCase(abc,nope)}|${__changeCase(abc,,cc)}${cc}",
          "H\xC3\x89LLO|abc|ABCABC");
    teardown();
}

static void test_escaping(void)
{
    setup();
    /* [2.13-observed] */
    check("${__escapeHtml(<\xC3\xA9>&\"' \xC3\xBC\xE2\x82\xAC)}", "&lt;&eacute;&gt;&amp;&quot;' &uuml;&euro;");
    check("${__unescapeHtml(&lt;&eacute;&#65;&#x42;&nbsp;&bogus;&amp)}", "<\xC3\xA9" "AB\xC2\xA0&bogus;&amp");
    check("${__unescapeHtml(&#x1F600;&#128512;&quot&lt&apos;)}", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80&quot&lt&apos;");
    check("${__escapeXml(<'\">&\xC3\xA9)}", "&lt;&apos;&quot;&gt;&amp;\xC3\xA9");
    check("${__urlencode(a b&c=d/\xC3\xA9)}", "a+b%26c%3Dd%2F%C3%A9");
    check("${__urlencode(*~._-!'())}", "*%7E._-%21%27%28%29");
    check("${__urldecode(a+b%26c%3D%C3%A9)}", "a b&c=\xC3\xA9");
    check("${__urldecode(%C3)}", "\xEF\xBF\xBD");
    check_fails("${__urldecode(%zz)}");
    check_fails("${__urldecode(abc%2)}");
    check("${__unescape(a\\\\nb\\\\tc\\\\u0041\\\\q)}", "a\nb\tcA\\q");
    check("${__escapeOroRegexpChars(a.b*c[d]$ ^(x)|y?+{1} \\\\ /)}",
          "a\\.b\\*c\\[d\\]\\$\\ \\^\\(x\\)\\|y\\?\\+\\{1\\}\\ \\\\\\ \\/");
    check("${__escapeOroRegexpChars(a.b,ev)}|${ev}", "a\\.b|a\\.b");
    check("${__base64Encode(hello world)}|${__base64Encode(\xC3\xA9)}|${__base64Encode(ab,bv)}|${bv}",
          "aGVsbG8gd29ybGQ=|w6k=|YWI=|YWI=");
    check("${__base64Decode(aGVsbG8gd29ybGQ=)}|${__base64Decode(w6k)}|${__base64Decode(YW\nI=,dv)}|${dv}",
          "hello world|\xC3\xA9|ab|ab");
    teardown();
}

static void test_digest(void)
{
    setup();
    check("${__digest(MD5,hello)}", "5d41402abc4b2a76b9719d911017c592");
    check("${__digest(SHA-1,hello)}", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
    check("${__digest(SHA-224,abc)}", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
    check("${__digest(SHA-256,hello,salt)}", "87daba3fe263b34c335a0ee3b28ffec4d159aad6542502eaf551dc7b9128c267");
    check("${__digest(sha-256,hello,salt,true,dg)}|${dg}",
          "87DABA3FE263B34C335A0EE3B28FFEC4D159AAD6542502EAF551DC7B9128C267|"
          "87DABA3FE263B34C335A0EE3B28FFEC4D159AAD6542502EAF551DC7B9128C267");
    check("${__digest(SHA-384,\xC3\xA9)}",
          "41a2ddb34dca0b400fa9b73a368307acbed758e85ce50527d1655a263a10e20eefa18f8116767a128877a97c11160a26");
    matches("${__digest(SHA-512,)}", "^cf83e1357eefb8bdf1542850d66d8007[0-9a-f]{96}$");
    size_t before = diags.warnings;
    check("${__digest(NOPE,x)}", "null");
    CU_ASSERT_EQUAL(diags.warnings, before + 1);
    teardown();
}

static void test_random(void)
{
    setup();
    matches("${__UUID}", "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    struct tmpl *t = tmpl_compile(NULL, "${__Random(1,3)}|${__Random(-3,-1)}", NULL, NULL, 0);
    bool seen[3] = {false, false, false}, in_range = true;
    for (int i = 0; i < 300; i++) {
        char *s = tmpl_eval_dup(t, &ctx);
        int a = atoi(s), b = atoi(strchr(s, '|') + 1);
        if (a < 1 || a > 3 || b < -3 || b > -1)
            in_range = false;
        else
            seen[a - 1] = true;
        free(s);
    }
    tmpl_free(t);
    CU_ASSERT_TRUE(in_range);
    CU_ASSERT_TRUE(seen[0] && seen[1] && seen[2]);
    check("${__Random(5,5)}|${__Random( 7 , 7 ,rv)}|${rv}", "5|7|7");
    matches("${__Random(-9223372036854775808,9223372036854775806)}", "^-?[0-9]+$");
    check_fails("${__Random(5,4)}");
    check_fails("${__Random(a,5)}");
    check_fails("${__Random(9223372036854775807,9223372036854775807)}");
    matches("${__RandomString(5,abc)}", "^[abc]{5}$");
    check("${__RandomString(0,abc)}|${__RandomString(4,z,rs)}|${rs}", "|zzzz|zzzz");
    matches("${__RandomString(3,\xC3\xA9)}", "^(\xC3\xA9){3}$");
    /* no character set: three characters, valid UTF-8 */
    char *s = eval_in("${__RandomString(3)}", &ctx);
    size_t count = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        count += (*p & 0xC0) != 0x80;
    CU_ASSERT_EQUAL(count, 3);
    free(s);
    check_fails("${__RandomString(x)}");
    check_fails("${__RandomString( 3)}");
    check_fails("${__RandomString(-1)}");
    strmap_set(&vars, "a", "1");
    strmap_set(&vars, "b", "2");
    strmap_set(&vars, "c_matchNr", "2");
    strmap_set(&vars, "c_1", "x");
    strmap_set(&vars, "c_2", "y");
    matches("${__RandomFromMultipleVars(a|b|c)}", "^(1|2|x|y)$");
    matches("${__RandomFromMultipleVars(c|,rm)}|${rm}", "^(x\\|x|y\\|y)$");
    check("[${__RandomFromMultipleVars(nope)}]", "[]");
    teardown();
}

static void test_thread_and_plan(void)
{
    setup();
    check("${__threadNum}|${__threadGroupName}|${__samplerName}|${__samplerName(sn)}|${sn}|${__TestPlanName}",
          "2|Users|Login|Login|Login|plan.jmx");
    char host[256];
    gethostname(host, sizeof host);
    host[sizeof host - 1] = '\0';
    check("${__machineName}", host);
    matches("${__machineIP}", "^[0-9a-f.:]+$");
    check("${__log(hello)}|${__logn(hi)}|${__log(a,DEBUG,,c)}", "hello||a");
    ctx.thread_name = NULL;
    ctx.thread_num = 5;
    check("${__threadNum}", "5");
    teardown();
}

static void test_time_now(void)
{
    setup();
    char *s = eval_in("${__time()}|${__time}|${__time(/1000)}", &ctx);
    long long ms = atoll(s), sec = atoll(strrchr(s, '|') + 1);
    long long now = (long long)time(NULL);
    CU_ASSERT_TRUE(ms / 1000 >= now - 5 && ms / 1000 <= now + 5);
    CU_ASSERT_TRUE(sec >= now - 5 && sec <= now + 5);
    free(s);
    char ymd[16], hms_prefix[8];
    time_t tt = time(NULL);
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(ymd, sizeof ymd, "%Y%m%d", &tm);
    strftime(hms_prefix, sizeof hms_prefix, "%H", &tm);
    check("${__time(YMD)}", ymd);
    matches("${__time(HMS)}", "^[0-2][0-9][0-5][0-9][0-5][0-9]$");
    matches("${__time(YMDHMS)}", "^20[0-9]{6}-[0-9]{6}$");
    matches("${__time(yyyy-MM-dd'T'HH:mm:ss.SSSZ)}", "^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}\\+0000$");
    matches("${__time(''yy'' 'o''clock')}", "^'[0-9]{2}' o'clock$");
    check("[${__time(USER1)}]", "[]");
    props_set(props, "time.USER1", "yyyy");
    char year[8];
    strftime(year, sizeof year, "%Y", &tm);
    check("${__time(USER1)}", year);
    props_set(props, "time.YMD", "dd");
    strftime(ymd, sizeof ymd, "%d", &tm);
    check("${__time(YMD)}", ymd);
    /* the format may come from a variable */
    strmap_set(&vars, "fmt", "yyyy");
    char expect[32];
    snprintf(expect, sizeof expect, "%s|%s", year, year);
    check("${__time(${fmt},tv)}|${tv}", expect);
    size_t before = diags.warnings;
    check_fails("${__time(bb)}");
    CU_ASSERT_EQUAL(diags.warnings, before + 1);
    check_fails("${__time(/0)}");
    teardown();
}

static void test_date_patterns(void)
{
    setup();
    /* 1700000000123 ms = Tuesday 2023-11-14 22:13:20.123 UTC */
    check("${__dateTimeConvert(1700000000123,,yyyy-MM-dd'T'HH:mm:ss.SSSXXX)}", "2023-11-14T22:13:20.123Z");
    check("${__dateTimeConvert(1700000000123,,yy M d H h k K m s S a)}", "23 11 14 22 10 22 10 13 20 1 PM");
    check("${__dateTimeConvert(1700000000123,,EEE EEEE MMM MMMM MMMMM)}", "Tue Tuesday Nov November N");
    check("${__dateTimeConvert(1700000000123,,D G z Z X x xxx O)}", "318 AD UTC +0000 Z +00 +00:00 GMT");
    check("${__dateTimeConvert(1700000000123,,SSSSSS n A)}", "123000 123000000 80000123");
    check("${__dateTimeConvert(1700000000123,,QQQ QQQQ Q)}", "Q4 4th quarter 4");
    check("${__dateTimeConvert(1700000000123,,'at' hh 'o''clock' '')}", "at 10 o'clock '");
    /* a fixed-rule time zone (no tz database needed) */
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    tzset();
    check("${__dateTimeConvert(1700000000123,,HH:mm Z X XXX z O OOOO)}", "23:13 +0100 +01 +01:00 CET GMT+1 GMT+01:00");
    check("${__dateTimeConvert(1690000000000,,HH:mm XX z)}", "06:26 +0200 CEST");
    check("${__dateTimeConvert(2024-01-01 10:00,yyyy-MM-dd HH:mm,HH:mm X)}", "10:00 +01");
    setenv("TZ", "UTC", 1);
    tzset();
    teardown();
}

static void test_date_time_convert(void)
{
    setup();
    check("${__dateTimeConvert(01/02/2024,dd/MM/yyyy,yyyy-MM-dd)}", "2024-02-01");
    check("${__dateTimeConvert(14 Nov 2023,dd MMM yyyy,yyyyMMdd,dv)}|${dv}", "20231114|20231114");
    check("${__dateTimeConvert(20240229,yyyyMMdd,EEEE)}", "Thursday");
    check("${__dateTimeConvert(2024-01-01T10:00:00+0200,yyyy-MM-dd'T'HH:mm:ssZ,HH:mm)}", "08:00");
    check("${__dateTimeConvert(2024-01-01 10:00:00.5,yyyy-MM-dd HH:mm:ss.S,SSS)}", "500");
    check("${__dateTimeConvert(07:05 PM,hh:mm a,HH:mm)}", "19:05");
    /* what cannot be produced gives "" */
    check("[${__dateTimeConvert(01/02/2024,dd/MM/yyyy,HH)}]", "[]");
    check("[${__dateTimeConvert(2024-13-01,yyyy-MM-dd,yyyy)}]", "[]");
    check("[${__dateTimeConvert(garbage,yyyy,yyyy)}]", "[]");
    check("[${__dateTimeConvert(x,,yyyy)}]", "[]");
    check("[${__dateTimeConvert(1,,bb)}]", "[]");
    teardown();
}

static void test_time_shift(void)
{
    setup();
    check("${__timeShift(yyyy-MM-dd,2024-01-31,P1D,)}", "2024-02-01");
    check("${__timeShift(yyyy-MM-dd HH:mm,2024-01-31 10:00,PT2H30M,,ts)}|${ts}", "2024-01-31 12:30|2024-01-31 12:30");
    check("${__timeShift(yyyy-MM-dd HH:mm,2024-03-01 00:02,-PT5M,sv)}|${sv}", "2024-02-29 23:57|2024-02-29 23:57");
    check("${__timeShift(,1700000000000,PT1S,)}", "1700000001000");
    check("${__timeShift(,0,PT1.5S,)}|${__timeShift(,0,-PT1H,)}|${__timeShift(,0,P1DT-1H,)}|${__timeShift(,0,pt2m,)}",
          "1500|-3600000|82800000|120000");
    /* a duration java.time refuses is ignored, so is an unparseable date (now is used) */
    check("${__timeShift(yyyy-MM-dd,2024-01-31,P1M,)}", "2024-01-31");
    check("${__timeShift(yyyy-MM-dd,2024-01-31,,)}", "2024-01-31");
    matches("${__timeShift(yyyy,garbage,,)}", "^20[0-9]{2}$");
    matches("${__timeShift(,,,)}", "^1[0-9]{12}$");
    /* the offset of a parsed date is kept */
    check("${__timeShift(yyyy-MM-dd'T'HH:mmXXX,2024-01-01T10:00+05:00,PT1H,)}", "2024-01-01T11:00+05:00");
    check_fails("${__timeShift(bb,,,)}");
    /* beyond java.time's range: an unparseable date, or a failing shift */
    matches("${__timeShift(yyyy,2029999999999994,,)}", "^20[0-9]{2}$");
    check_fails("${__timeShift(,0,P999999999999D,)}");
    check_fails("${__timeShift(yyyy,2024,P999999999999D,)}");
    teardown();
}

static void test_random_date(void)
{
    setup();
    struct tmpl *t = tmpl_compile(NULL, "${__RandomDate(yyyy-MM-dd,2024-01-01,2024-01-04,,rd)}|${rd}", NULL, NULL, 0);
    bool seen[3] = {false, false, false}, ok = true;
    for (int i = 0; i < 200; i++) {
        char *s = tmpl_eval_dup(t, &ctx);
        int day = 0;
        if (strncmp(s, "2024-01-0", 9) != 0 || strlen(s) != 21 || strncmp(s, s + 11, 10) != 0)
            ok = false;
        else
            day = s[9] - '0';
        if (day >= 1 && day <= 3)
            seen[day - 1] = true;
        else
            ok = false;
        free(s);
    }
    tmpl_free(t);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_TRUE(seen[0] && seen[1] && seen[2]);
    check("${__RandomDate(,2024-01-01,2024-01-02)}", "2024-01-01");
    check("${__RandomDate(dd/MM/yyyy,28/02/2023,01/03/2023)}", "28/02/2023");
    check("[${__RandomDate(yyyy-MM-dd,2024-01-05,2024-01-01)}]", "[]");
    check_fails("${__RandomDate(yyyy-MM-dd,2024-01-01,2024-01-01)}");
    check_fails("${__RandomDate(yyyy-MM-dd HH,2024-01-01 00,2024-01-03 00)}");
    teardown();
}

static void test_csv_read(void)
{
    setup();
    struct strmap vars2, state2;
    strmap_init(&vars2);
    strmap_init(&state2);
    struct expr_ctx ctx2;
    expr_ctx_init(&ctx2, &env, &vars2);
    ctx2.user_state = &state2;
    char *s;
    /* rows are handed out in turn; a user keeps its row until "next" */
    check("${__CSVRead(names.csv,0)}|${__CSVRead(names.csv,1)}|${__CSVRead(names.csv,0)}", "alice|1|alice");
    s = eval_in("${__CSVRead(names.csv,0)}", &ctx2);
    CU_ASSERT_STRING_EQUAL(s, "bob");
    free(s);
    check("${__CSVRead(names.csv,next)}${__CSVRead(names.csv,0)}", "carol");
    /* the blank line ends the data: user 2 wraps to the first row */
    s = eval_in("${__CSVRead(names.csv,next())}${__CSVRead(names.csv,0)}|${__CSVRead(names.csv,5)}", &ctx2);
    CU_ASSERT_STRING_EQUAL(s, "alice|");
    free(s);
    /* an alias is a file of its own with its own position */
    check("${__CSVRead(names.csv,*A)}${__CSVRead(*A,0)}|${__CSVRead(*A,1)}", "alice|1");
    check("[${__CSVRead(*B,0)}]", "[]");   /* an alias must be opened first */
    check("[${__CSVRead(missing.csv,0)}]", "[]");
    check_fails("${__CSVRead(names.csv,x)}");
    /* empty fields between delimiters, and the delimiter property */
    props_set(props, "csvread.delimiter", ";");
    check("${__CSVRead(semi.csv,0)}|${__CSVRead(semi.csv,2)}|${__CSVRead(semi.csv,3)}", "x||z");
    strmap_free(&vars2);
    strmap_free(&state2);
    teardown();
}

static void test_string_from_file(void)
{
    setup();
    struct tmpl *t = tmpl_compile(NULL, "${__StringFromFile(lines.txt)}", NULL, NULL, 0);
    const char *expected[] = {"one", "two", "three", "one"};
    for (int i = 0; i < 4; i++) {
        char *s = tmpl_eval_dup(t, &ctx);
        CU_ASSERT_STRING_EQUAL(s, expected[i]);
        free(s);
    }
    tmpl_free(t);
    CU_ASSERT_STRING_EQUAL(strmap_get(&vars, "StringFromFile_"), "one");
    check("${__StringFromFile(lines.txt,line)}|${line}", "one|one");
    check("${__StringFromFile(missing.txt)}", "**ERR**");
    /* a numbered sequence of files, ending the thread after the last one */
    t = tmpl_compile(NULL, "${__StringFromFile(seq#'.'txt,,1,2)}", NULL, NULL, 0);
    const char *seq[] = {"s1a", "s1b", "s2a"};
    for (int i = 0; i < 3; i++) {
        char *s = tmpl_eval_dup(t, &ctx);
        CU_ASSERT_STRING_EQUAL(s, seq[i]);
        free(s);
    }
    ctx.error = NULL;
    char *s = tmpl_eval_dup(t, &ctx);
    CU_ASSERT_STRING_EQUAL(s, "");
    CU_ASSERT_PTR_NOT_NULL(ctx.error);
    free(s);
    tmpl_free(t);
    /* __StringToFile: "\n" becomes a line break, append is the default */
    char *out_path = test_temp_file(".txt", "", 0);
    char *tmpl_text = xasprintf("${__StringToFile(%s,a\\\\nb)}|${__StringToFile(%s,c)}", out_path, out_path);
    check(tmpl_text, "true|true");
    free(tmpl_text);
    size_t len;
    char *written = file_read_all(out_path, &len);
    CU_ASSERT_STRING_EQUAL(written, "a\nbc");
    free(written);
    tmpl_text = xasprintf("${__StringToFile(%s,new,false)}", out_path);
    check(tmpl_text, "true");
    written = file_read_all(out_path, &len);
    CU_ASSERT_STRING_EQUAL(written, "new");
    free(written);
    struct expr_limits saved, no_writes;
    expr_get_limits(&saved);
    no_writes = saved;
    no_writes.no_file_writes = true;
    expr_set_limits(&no_writes);
    check(tmpl_text, "false");
    expr_set_limits(&saved);
    free(tmpl_text);
    unlink(out_path);
    free(out_path);
    check("${__StringToFile(/nonexistent-dir/x.txt,a)}|${__StringToFile( ,a)}", "false|false");
    check("${__FileToString(whole.txt)}", "whole\nfile\n");
    check("${__FileToString(missing.txt)}", "**ERR**");
    teardown();
}

static void test_scripts(void)
{
    setup();
    /* [2.13-observed] (Rhino and JEXL 2) */
    check("${__javaScript(1+2)}|${__javaScript(7/2)}|${__javaScript(\"a\"+1)}|${__javaScript(1==1)}|"
          "${__javaScript(null)}|${__javaScript(1/0)}|${__javaScript(0.1+0.2)}|${__javaScript(1e21)}|"
          "${__javaScript(1e-7)}|${__javaScript(-0)}",
          "3|3.5|a1|true|null|Infinity|0.30000000000000004|1e+21|1e-7|0");
    check("${__javaScript(\"${x}\"==\"X\")}|${__javaScript(\"${nov}\"==\"\\${nov}\")}", "true|true");
    check("${__jexl2(1+2)}|${__jexl2(7/2)}|${__jexl2(\"a\"+1)}|${__jexl2(1==1)}|${__jexl2(null)}|"
          "${__jexl2(7.0/2)}|${__jexl2(\"10\"==10)}|${__jexl2(2 lt 3 and not false)}|${__jexl2(vars.get(\"x\"))}|"
          "${__jexl2(vars.get(\"nov\"))}|${__jexl2(\"1\"+2)}|${__jexl2(1.5+1)}|${__jexl2(10/4.0)}",
          "3|3|a1|true||3.5|true|true|X||3|2.5|2.5");
    check("${__jexl3(${n} < 10)}|${__jexl3(\"1\"+2)}|${__groovy(vars.get(\"n\").toInteger() <= 4,gv)}|${gv}",
          "true|12|true|true");
    check("[${__jexl2(1/0)}][${__javaScript(nosuchvar)}][${__jexl3(vars.put(\"a\",\"b\"))}]", "[][][]");
    CU_ASSERT_TRUE(diags.warnings >= 2);
    bool named = false;
    for (size_t i = 0; i < diags.len; i++)
        named |= strstr(diags.items[i].message, "unsupported in JEXL condition: 'vars.put'") != NULL;
    CU_ASSERT_TRUE(named);
    teardown();
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    static const struct cu_test tests[] = {
        {"properties", test_properties},
        {"variables", test_variables},
        {"split", test_split},
        {"counter", test_counter},
        {"sums", test_sums},
        {"char and case", test_char_and_case},
        {"escaping", test_escaping},
        {"digest", test_digest},
        {"random", test_random},
        {"thread and plan", test_thread_and_plan},
        {"time now", test_time_now},
        {"date patterns", test_date_patterns},
        {"dateTimeConvert", test_date_time_convert},
        {"timeShift", test_time_shift},
        {"RandomDate", test_random_date},
        {"CSVRead", test_csv_read},
        {"StringFromFile", test_string_from_file},
        {"scripts", test_scripts},
        {NULL, NULL},
    };
    return cu_run("functions", tests);
}
