/* test_csv.c - the CSV Data Set Config at run time: the line reader and its
 * decoders, both field splitters, the elements (header, ignoreFirstLine,
 * recycle, EOF string, stopThread, share modes, errors), reads from several
 * threads at once and csv_iteration_start on hand-made users.
 *
 * Expected values of the element tests come from JMeter 2.13 runs of
 * tests/data/csv/oracle.jmx (oracle.213.txt), adjusted where JMeter 5.6
 * differs (see tests/data/csv/README.md). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../src/run/csv.h"
#include "../../src/run/run.h"
#include "support/testutil.h"

static char *data_dir;   /* tests/data/csv */

static char *fixture(const char *name)
{
    return path_join(data_dir, name);
}

/* ------------------------------------------------------------- helpers */

/* "a=1|b=|c=${c}": the variables as JMeter would print them in a label. */
static char *show_vars(const struct strmap *vars, const char *names)
{
    struct strbuf sb;
    strbuf_init(&sb);
    char *list = xstrdup(names);
    char *save = NULL;
    for (char *n = strtok_r(list, "|", &save); n; n = strtok_r(NULL, "|", &save)) {
        const char *v = strmap_get(vars, n);
        if (sb.len)
            strbuf_addc(&sb, '|');
        if (v)
            strbuf_addf(&sb, "%s=%s", n, v);
        else
            strbuf_addf(&sb, "%s=${%s}", n, n);
    }
    free(list);
    return strbuf_detach(&sb);
}

/* Runs one iteration per expected entry; "STOP" expects the thread to stop. */
static void expect_steps(struct csv_element *e, struct strmap *vars, const char *names,
                         const char *const *expected)
{
    for (size_t i = 0; expected[i]; i++) {
        enum csv_step step = csv_element_next(e, vars);
        if (strcmp(expected[i], "STOP") == 0) {
            if (step != CSV_STEP_STOP_THREAD)
                fprintf(stderr, "\n    step %zu: expected STOP\n", i);
            CU_ASSERT_EQUAL(step, CSV_STEP_STOP_THREAD);
            continue;
        }
        CU_ASSERT_EQUAL(step, CSV_STEP_CONTINUE);
        char *got = show_vars(vars, names);
        if (strcmp(got, expected[i]) != 0)
            fprintf(stderr, "\n    step %zu:", i);
        CU_ASSERT_STRING_EQUAL_MSG(got, expected[i]);
        free(got);
    }
}

static struct csv_settings settings(const char *file, const char *names)
{
    struct csv_settings s = {
        .name = "CSV", .filename = file, .base_dir = data_dir, .variable_names = names,
        .delimiter = ",", .recycle = true,
    };
    return s;
}

static char *fields_text(const struct csv_fields *f)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < f->n; i++)
        strbuf_addf(&sb, "[%s]", csv_field(f, i));
    return strbuf_detach(&sb);
}

static void check_literal(const char *line, const char *delim, const char *expected)
{
    struct csv_fields f;
    csv_fields_init(&f);
    csv_split_literal(line, strlen(line), delim, &f);
    char *got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, expected);
    free(got);
    csv_fields_free(&f);
}

/* Everything an error stream received (and a fresh one installed). */
static FILE *capture_errors(void)
{
    FILE *f = tmpfile();
    csv_set_error_stream(f);
    return f;
}

static char *captured(FILE *f)
{
    csv_set_error_stream(NULL);
    fflush(f);
    long size = ftell(f);
    rewind(f);
    char *s = xcalloc((size_t)size + 1, 1);
    size_t got = fread(s, 1, (size_t)size, f);
    s[got] = '\0';
    fclose(f);
    return s;
}

static int count_of(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* -------------------------------------------------------------- splitting */

static void test_split_literal(void)
{
    check_literal("a,b,c", ",", "[a][b][c]");
    check_literal("a,,b", ",", "[a][][b]");
    check_literal("a,", ",", "[a][]");
    check_literal(",", ",", "[][]");
    check_literal(",a", ",", "[][a]");
    check_literal("a,,", ",", "[a][][]");
    check_literal("", ",", "");                    /* an empty line has no field */
    check_literal("single", ",", "[single]");
    check_literal("a::b::c", "::", "[a][b][c]");
    check_literal("d:::e", "::", "[d][:e]");       /* left to right, no overlap */
    check_literal("::", "::", "[][]");
    check_literal("x\ty\tz", "::", "[x\ty\tz]");
    check_literal("x\t\tz", "\t", "[x][][z]");
    check_literal(" a , b ", ",", "[ a ][ b ]");   /* values are not trimmed */
    check_literal("a\xc3\xa9" "b\xc3\xa9" "c", "\xc3\xa9", "[a][b][c]");
}

static void test_delimiter_and_names(void)
{
    CU_ASSERT_STRING_EQUAL(csv_delimiter("\\t"), "\t");
    CU_ASSERT_STRING_EQUAL(csv_delimiter(""), ",");
    CU_ASSERT_STRING_EQUAL(csv_delimiter(NULL), ",");
    CU_ASSERT_STRING_EQUAL(csv_delimiter(";"), ";");
    CU_ASSERT_STRING_EQUAL(csv_delimiter("\\t\\t"), "\\t\\t");
    CU_ASSERT_EQUAL(csv_first_code_point("::"), ':');
    CU_ASSERT_EQUAL(csv_first_code_point("\xc2\xa7x"), 0xA7);
    CU_ASSERT_EQUAL(csv_first_code_point(""), ',');

    struct csv_fields f;
    csv_fields_init(&f);
    csv_split_names(",a,,b ,, c,", &f);
    char *got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, "[a][b][c]");
    free(got);
    csv_split_names("a, ,b", &f);                   /* a blank name stays (as "") */
    got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, "[a][][b]");
    free(got);
    csv_split_names(",", &f);
    CU_ASSERT_EQUAL(f.n, 0);
    csv_split_names(" x\t", &f);
    got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, "[x]");
    free(got);
    csv_fields_free(&f);
}

static void test_quoted_records(void)
{
    const char *text = "a,\"b,c\",d\n\"x\"\"y\",,\"z\"\n\n\"multi\nline\",2,3\r\n"
                       "ab\"c,d\n\"x\"y,z\nafter,err\n\"\",x\r\"tail\"";
    struct csv_reader *r = csv_reader_from_memory(text, strlen(text));
    struct csv_fields f;
    csv_fields_init(&f);
    struct strbuf why;
    strbuf_init(&why);
    static const char *const expected[] = {
        "[a][b,c][d]", "[x\"y][][z]", "[]", "[multi\nline][2][3]",
        "ERROR", "[c][d]",              /* the parser stopped at the quote and goes on from there */
        "ERROR", "[][z]",
        "[after][err]", "[][x]", "[tail]", "EOF", "EOF",
    };
    for (size_t i = 0; i < ARRAY_LEN(expected); i++) {
        strbuf_reset(&why);
        enum csv_read rc = csv_reader_record(r, ',', &f, &why);
        char *got = rc == CSV_READ_ERROR ? xstrdup("ERROR") : rc == CSV_READ_EOF ? xstrdup("EOF")
                                                                                 : fields_text(&f);
        if (strcmp(got, expected[i]) != 0)
            fprintf(stderr, "\n    record %zu:", i);
        CU_ASSERT_STRING_EQUAL_MSG(got, expected[i]);
        free(got);
        if (i == 4)
            CU_ASSERT_PTR_NOT_NULL(strstr(why.s, "Cannot have quote-char in plain field:[ab\"]"));
        if (i == 6)
            CU_ASSERT_PTR_NOT_NULL(strstr(why.s, "Cannot have single quote-char in quoted field"));
    }
    csv_reader_close(r);

    /* no closing quote before the end; a trailing delimiter; another delimiter */
    const char *bad = "\"open,x\n";
    r = csv_reader_from_memory(bad, strlen(bad));
    strbuf_reset(&why);
    CU_ASSERT_EQUAL(csv_reader_record(r, ',', &f, &why), CSV_READ_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(why.s, "Missing trailing quote-char"));
    CU_ASSERT_EQUAL(csv_reader_record(r, ',', &f, &why), CSV_READ_EOF);
    csv_reader_close(r);

    CU_ASSERT_TRUE(csv_split_quoted("a;\"b;c\";", 8, ';', &f, &why));
    char *got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, "[a][b;c][]");
    free(got);
    CU_ASSERT_TRUE(csv_split_quoted("x\t\"y\"\"\"\tz", 9, '\t', &f, &why));
    got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, "[x][y\"][z]");
    free(got);
    CU_ASSERT_TRUE(csv_split_quoted("a\xc2\xa7\"b\xc2\xa7\"\xc2\xa7" "c", 11, 0xA7, &f, &why));
    got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, "[a][b\xc2\xa7][c]");
    free(got);
    CU_ASSERT_FALSE(csv_split_quoted("a\"b", 3, ',', &f, &why));
    CU_ASSERT_TRUE(csv_split_quoted("", 0, ',', &f, &why));
    CU_ASSERT_EQUAL(f.n, 0);
    csv_fields_free(&f);
    strbuf_free(&why);
}

/* --------------------------------------------------------------- reading */

static void test_lines(void)
{
    const char *text = "one\ntwo\r\nthree\rfour\n\n\r\nlast";
    struct csv_reader *r = csv_reader_from_memory(text, strlen(text));
    struct strbuf line;
    strbuf_init(&line);
    static const char *const expected[] = {"one", "two", "three", "four", "", "", "last"};
    for (size_t i = 0; i < ARRAY_LEN(expected); i++) {
        CU_ASSERT_EQUAL(csv_reader_line(r, &line, NULL), CSV_READ_OK);
        CU_ASSERT_STRING_EQUAL_MSG(line.s, expected[i]);
    }
    CU_ASSERT_TRUE(csv_reader_at_eof(r));
    CU_ASSERT_EQUAL(csv_reader_line(r, &line, NULL), CSV_READ_EOF);
    csv_reader_close(r);

    /* a final line break does not make an extra empty line */
    r = csv_reader_from_memory("x\r\n", 3);
    CU_ASSERT_EQUAL(csv_reader_line(r, &line, NULL), CSV_READ_OK);
    CU_ASSERT_EQUAL(csv_reader_line(r, &line, NULL), CSV_READ_EOF);
    csv_reader_close(r);
    strbuf_free(&line);
}

static void test_long_lines(void)
{
    size_t big = CSV_MAX_LINE + 10;
    char *data = xmalloc(big * 2 + 64);
    size_t n = 0;
    memcpy(data + n, "short\n", 6);
    n += 6;
    memset(data + n, 'x', big);
    n += big;
    data[n++] = '\n';
    memcpy(data + n, "after\n\"", 7);
    n += 7;
    memset(data + n, 'y', big);
    n += big;
    memcpy(data + n, "\",z\nend\n", 8);
    n += 8;
    char *path = test_temp_file(".csv", data, n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);

    struct csv_reader *r;
    struct strbuf line, why;
    strbuf_init(&line);
    strbuf_init(&why);
    CU_ASSERT_EQUAL_FATAL(csv_reader_open(&r, path, NULL, NULL), CSV_OPEN_OK);
    CU_ASSERT_EQUAL(csv_reader_line(r, &line, &why), CSV_READ_OK);
    CU_ASSERT_STRING_EQUAL(line.s, "short");
    CU_ASSERT_EQUAL(csv_reader_line(r, &line, &why), CSV_READ_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(why.s, "longer than"));
    CU_ASSERT_EQUAL(line.len, 0);
    CU_ASSERT_EQUAL(csv_reader_line(r, &line, &why), CSV_READ_OK);   /* the next line is fine */
    CU_ASSERT_STRING_EQUAL(line.s, "after");
    struct csv_fields f;
    csv_fields_init(&f);
    CU_ASSERT_EQUAL(csv_reader_record(r, ',', &f, &why), CSV_READ_ERROR);   /* too long a record */
    CU_ASSERT_EQUAL(csv_reader_record(r, ',', &f, &why), CSV_READ_OK);
    char *got = fields_text(&f);
    CU_ASSERT_STRING_EQUAL_MSG(got, "[end]");
    free(got);
    csv_reader_close(r);
    csv_fields_free(&f);
    strbuf_free(&line);
    strbuf_free(&why);
    unlink(path);
    free(path);
    free(data);
}

/* Reads every line of a file into one string, lines joined by '\n'. */
static char *read_all_lines(const char *path, const char *encoding)
{
    struct csv_reader *r;
    if (csv_reader_open(&r, path, encoding, NULL) != CSV_OPEN_OK)
        return NULL;
    struct strbuf all, line;
    strbuf_init(&all);
    strbuf_init(&line);
    while (csv_reader_line(r, &line, NULL) == CSV_READ_OK) {
        strbuf_addn(&all, line.s, line.len);
        strbuf_addc(&all, '\n');
    }
    csv_reader_close(r);
    strbuf_free(&line);
    return strbuf_detach(&all);
}

static void test_encodings(void)
{
    char *p = fixture("latin1.csv");
    char *got = read_all_lines(p, "ISO-8859-1");
    CU_ASSERT_STRING_EQUAL_MSG(got, "caf\xc3\xa9,na\xc3\xafve\n");
    free(got);
    got = read_all_lines(p, " iso8859_1 ");
    CU_ASSERT_STRING_EQUAL_MSG(got, "caf\xc3\xa9,na\xc3\xafve\n");
    free(got);
    got = read_all_lines(p, "");                    /* read as UTF-8: not valid there */
    CU_ASSERT_STRING_EQUAL_MSG(got, "caf\xef\xbf\xbd,na\xef\xbf\xbdve\n");
    free(got);
    got = read_all_lines(p, "windows-1252");        /* through iconv */
    CU_ASSERT_STRING_EQUAL_MSG(got, "caf\xc3\xa9,na\xc3\xafve\n");
    free(got);
    free(p);

    p = fixture("bom.csv");                         /* the UTF-8 BOM is skipped */
    got = read_all_lines(p, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(got, "k1,k2\nv1,v2\n");
    free(got);
    got = read_all_lines(p, "UTF-8");
    CU_ASSERT_STRING_EQUAL_MSG(got, "k1,k2\nv1,v2\n");
    free(got);
    free(p);

    /* invalid UTF-8: each bad part becomes one U+FFFD */
    const char bad[] = "a\xff" "b\xe2\x82" "c\xed\xa0\x80" "d\xf0\x9f\x98\x80\n";
    char *path = test_temp_file(".csv", bad, sizeof bad - 1);
    got = read_all_lines(path, NULL);
    CU_ASSERT_STRING_EQUAL_MSG(got, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                                    "d\xf0\x9f\x98\x80\n");
    free(got);
    unlink(path);
    free(path);

    /* UTF-16LE through iconv */
    const char u16[] = "h\0\xe9\0,\0\xac\x20\n\0";
    path = test_temp_file(".csv", u16, sizeof u16 - 1);
    got = read_all_lines(path, "UTF-16LE");
    CU_ASSERT_STRING_EQUAL_MSG(got, "h\xc3\xa9,\xe2\x82\xac\n");
    free(got);

    struct csv_reader *r = NULL;
    struct strbuf why;
    strbuf_init(&why);
    CU_ASSERT_EQUAL(csv_reader_open(&r, path, "no-such-charset", &why), CSV_OPEN_BAD_ENCODING);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(why.s, "no-such-charset"));
    strbuf_reset(&why);
    CU_ASSERT_EQUAL(csv_reader_open(&r, "/nonexistent/x.csv", "no-such-charset", &why),
                    CSV_OPEN_MISSING);
    CU_ASSERT_PTR_NOT_NULL(strstr(why.s, "No such file"));
    CU_ASSERT_EQUAL(csv_reader_open(&r, data_dir, NULL, NULL), CSV_OPEN_MISSING);   /* a directory */
    strbuf_free(&why);
    unlink(path);
    free(path);
}

/* Multi-byte characters across the reader's 64 KiB blocks, in each decoder. */
static void test_block_boundaries(void)
{
    struct strbuf utf8, latin1, utf16, expected;
    strbuf_init(&utf8);
    strbuf_init(&latin1);
    strbuf_init(&utf16);
    strbuf_init(&expected);
    strbuf_adds(&utf8, "\xef\xbb\xbf");
    for (int i = 0; i < 9000; i++) {
        /* lines of 1..37 characters mixing 1-, 2-, 3- and 4-byte UTF-8 */
        int len = 1 + i % 37;
        for (int k = 0; k < len; k++) {
            int kind = (i + k) % 5;
            const char *ch = kind == 0 ? "a" : kind == 1 ? "\xc3\xa9" : kind == 2 ? "\xe2\x82\xac"
                           : kind == 3 ? "\xf0\x9f\x98\x80" : "z";
            strbuf_adds(&utf8, ch);
            strbuf_adds(&expected, ch);
        }
        strbuf_adds(&utf8, i % 3 ? "\n" : "\r\n");
        strbuf_addc(&expected, '\n');
    }
    struct strbuf latin1_expected;
    strbuf_init(&latin1_expected);
    for (int i = 0; i < 150000; i++) {
        unsigned char c = (unsigned char)(0x20 + (i * 7) % 0xE0);
        if (i % 50 == 49) {
            strbuf_addc(&latin1, '\n');
            strbuf_addc(&latin1_expected, '\n');
            continue;
        }
        strbuf_addc(&latin1, (char)c);
        if (c < 0x80) {
            strbuf_addc(&latin1_expected, (char)c);
        } else {
            strbuf_addc(&latin1_expected, (char)(0xC0 | (c >> 6)));
            strbuf_addc(&latin1_expected, (char)(0x80 | (c & 0x3F)));
        }
        /* the same text in UTF-16LE (all below U+0100) */
        strbuf_addc(&utf16, (char)c);
        strbuf_addc(&utf16, '\0');
    }
    strbuf_addc(&latin1, '\n');
    strbuf_addc(&latin1_expected, '\n');

    char *path = test_temp_file(".csv", utf8.s, utf8.len);
    char *got = read_all_lines(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_EQUAL(strlen(got), expected.len);
    CU_ASSERT_TRUE(strcmp(got, expected.s) == 0);
    free(got);
    got = read_all_lines(path, "UTF-8");            /* via iconv-free path, named */
    CU_ASSERT_TRUE(got && strcmp(got, expected.s) == 0);
    free(got);
    unlink(path);
    free(path);

    path = test_temp_file(".csv", latin1.s, latin1.len);
    got = read_all_lines(path, "ISO-8859-1");
    CU_ASSERT_TRUE(got && strcmp(got, latin1_expected.s) == 0);
    free(got);
    got = read_all_lines(path, "ISO-8859-15");      /* iconv: same for most bytes, so compare sizes */
    CU_ASSERT_PTR_NOT_NULL(got);
    CU_ASSERT_TRUE(got && strlen(got) >= latin1_expected.len);
    free(got);
    unlink(path);
    free(path);

    /* UTF-16LE: the text has no line break; the whole of it comes back as one line */
    path = test_temp_file(".csv", utf16.s, utf16.len);
    got = read_all_lines(path, "UTF-16LE");
    struct strbuf joined;
    strbuf_init(&joined);
    for (size_t i = 0; i < latin1_expected.len; i++)
        if (latin1_expected.s[i] != '\n')
            strbuf_addc(&joined, latin1_expected.s[i]);
    strbuf_addc(&joined, '\n');
    CU_ASSERT_TRUE(got && strcmp(got, joined.s) == 0);
    free(got);
    strbuf_free(&joined);
    unlink(path);
    free(path);

    strbuf_free(&utf8);
    strbuf_free(&latin1);
    strbuf_free(&utf16);
    strbuf_free(&expected);
    strbuf_free(&latin1_expected);
}

/* -------------------------------------------------------------- elements */

static void test_plain_no_recycle(void)
{
    struct csv_settings s = settings("plain.csv", "a,b,c");
    s.recycle = false;
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    struct strmap vars;
    strmap_init(&vars);
    /* oracle.213.txt, group G01 */
    static const char *const steps[] = {
        "a=1|b=2|c=3", "a=x|b=|c=z", "a=p|b=q|c=", "a=only|b=q|c=",
        "a=<EOF>|b=<EOF>|c=<EOF>",                      /* the empty line */
        "a=m1|b=m2|c=m3", "a=\"q1\"|b=\"q|c=2\"", "a=lone|b=\"q|c=2\"", "a=cr|b=2|c=2\"",
        "a=crlf|b=3|c=2\"", "a=last|b=line|c=2\"",
        "a=<EOF>|b=<EOF>|c=<EOF>", "a=<EOF>|b=<EOF>|c=<EOF>", NULL,
    };
    expect_steps(e, &vars, "a|b|c", steps);
    csv_element_free(e);
    strmap_free(&vars);
    csv_registry_reset();
}

static void test_quoted_no_recycle(void)
{
    struct csv_settings s = settings("quoted.csv", "a,b,c");
    s.recycle = false;
    s.quoted_data = true;
    FILE *err = capture_errors();
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    struct strmap vars;
    strmap_init(&vars);
    /* oracle.213.txt, group G02 */
    static const char *const steps[] = {
        "a=a|b=b,c|c=d", "a=x\"y|b=|c=z", "a=|b=|c=z", "a=multi\nline|b=2|c=3",
        "a=<EOF>|b=<EOF>|c=<EOF>", "a=c|b=d|c=<EOF>", "a=<EOF>|b=<EOF>|c=<EOF>",
        "a=|b=z|c=<EOF>", "a=after|b=err|c=<EOF>", "a=<EOF>|b=<EOF>|c=<EOF>",
        "a=<EOF>|b=<EOF>|c=<EOF>", NULL,
    };
    expect_steps(e, &vars, "a|b|c", steps);
    char *msg = captured(err);
    CU_ASSERT_EQUAL(count_of(msg, "jmx2run: error: CSV Data Set Config \"CSV\": error reading"), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "quoted.csv"));
    free(msg);
    csv_element_free(e);
    strmap_free(&vars);
    csv_registry_reset();
}

static void test_header_recycle(void)
{
    struct csv_settings s = settings("header.csv", "");
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    const char *const *names;
    CU_ASSERT_EQUAL(csv_element_names(e, &names), 3);
    CU_ASSERT_STRING_EQUAL(names[1], "h2");             /* JMeter 5.6 trims names */
    struct strmap vars;
    strmap_init(&vars);
    static const char *const steps[] = {
        "h1=A1|h2=A2|h3=A3", "h1=B1|h2=B2|h3=B3", "h1=C1|h2=C2|h3=C3",
        "h1=A1|h2=A2|h3=A3", "h1=B1|h2=B2|h3=B3", "h1=C1|h2=C2|h3=C3", "h1=A1|h2=A2|h3=A3", NULL,
    };
    expect_steps(e, &vars, "h1|h2|h3", steps);
    csv_element_free(e);

    /* the header is parsed with the quoting rules, even in non-quoted mode */
    s = settings("qheader.csv", NULL);
    e = csv_element_new(&s, NULL, 1);
    static const char *const qsteps[] = {"q,1=v1|q2=v2", NULL};
    expect_steps(e, &vars, "q,1|q2", qsteps);
    csv_element_free(e);

    /* a BOM before the header is not part of the first name */
    s = settings("bom.csv", "");
    e = csv_element_new(&s, NULL, 1);
    static const char *const bsteps[] = {"k1=v1|k2=v2", NULL};
    expect_steps(e, &vars, "k1|k2", bsteps);
    csv_element_free(e);
    strmap_free(&vars);
    csv_registry_reset();
}

static void test_ignore_first_line(void)
{
    struct csv_settings s = settings("ignore.csv", "i");
    s.ignore_first_line = true;
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    struct strmap vars;
    strmap_init(&vars);
    static const char *const steps[] = {"i=I1", "i=I2", "i=I1", "i=I2", NULL};
    expect_steps(e, &vars, "i", steps);
    csv_element_free(e);
    csv_registry_reset();

    s.ignore_first_line = false;                        /* without it line 1 is data */
    e = csv_element_new(&s, NULL, 1);
    static const char *const steps2[] = {"i=skipme", "i=I1", "i=I2", "i=skipme", NULL};
    expect_steps(e, &vars, "i", steps2);
    csv_element_free(e);
    strmap_free(&vars);
    csv_registry_reset();
}

static void test_delimiters(void)
{
    struct strmap vars;
    strmap_init(&vars);
    struct csv_settings s = settings("multi.csv", "a,b,c");
    s.delimiter = "::";
    s.recycle = false;
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    static const char *const msteps[] = {   /* G04 */
        "a=a|b=b|c=c", "a=d|b=:e|c=c", "a=|b=|c=c", "a=x\ty\tz|b=|c=c", "a=<EOF>|b=<EOF>|c=<EOF>", NULL,
    };
    expect_steps(e, &vars, "a|b|c", msteps);
    csv_element_free(e);

    strmap_clear(&vars);
    s = settings("tab.csv", "a,b,c");
    s.delimiter = "\\t";
    s.recycle = false;
    e = csv_element_new(&s, NULL, 1);
    static const char *const tsteps[] = {   /* G05 */
        "a=x|b=y|c=z", "a=u|b=|c=w", "a=<EOF>|b=<EOF>|c=<EOF>", NULL,
    };
    expect_steps(e, &vars, "a|b|c", tsteps);
    csv_element_free(e);
    csv_registry_reset();

    /* quoted mode takes the first character of a longer delimiter */
    strmap_clear(&vars);
    s = settings("multi.csv", "a,b,c");
    s.delimiter = "::";
    s.quoted_data = true;
    e = csv_element_new(&s, NULL, 1);
    static const char *const qsteps[] = {"a=a|b=|c=b", NULL};
    expect_steps(e, &vars, "a|b|c", qsteps);
    csv_element_free(e);
    strmap_free(&vars);
    csv_registry_reset();
}

static void test_eof_and_stop(void)
{
    struct strmap vars;
    strmap_init(&vars);
    struct csv_settings s = settings("stop.csv", "s");
    s.recycle = false;
    s.stop_thread = true;
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    static const char *const steps[] = {"s=s1", "s=s2", "STOP", NULL};   /* G06 */
    expect_steps(e, &vars, "s", steps);
    csv_element_free(e);
    csv_registry_reset();

    /* another EOF string */
    s.stop_thread = false;
    s.eof_string = "END";
    e = csv_element_new(&s, NULL, 1);
    static const char *const esteps[] = {"s=s1", "s=s2", "s=END", "s=END", NULL};
    expect_steps(e, &vars, "s", esteps);
    csv_element_free(e);
    csv_registry_reset();

    /* an empty line in non-quoted mode stops the thread like the end */
    s = settings("plain.csv", "a");
    s.stop_thread = true;
    e = csv_element_new(&s, NULL, 1);
    static const char *const psteps[] = {"a=1", "a=x", "a=p", "a=only", "STOP", NULL};
    expect_steps(e, &vars, "a", psteps);
    csv_element_free(e);
    csv_registry_reset();

    /* recycle in quoted mode (G19) and an empty file (G15) */
    s = settings("stop.csv", "a");
    s.quoted_data = true;
    e = csv_element_new(&s, NULL, 1);
    static const char *const rsteps[] = {"a=s1", "a=s2", "a=s1", "a=s2", NULL};
    expect_steps(e, &vars, "a", rsteps);
    csv_element_free(e);
    s = settings("empty.csv", "a");
    e = csv_element_new(&s, NULL, 1);
    static const char *const empty_steps[] = {"a=<EOF>", "a=<EOF>", NULL};
    expect_steps(e, &vars, "a", empty_steps);
    csv_element_free(e);
    s.quoted_data = true;
    s.stop_thread = true;
    e = csv_element_new(&s, NULL, 1);
    static const char *const stop_steps[] = {"STOP", NULL};
    expect_steps(e, &vars, "a", stop_steps);
    csv_element_free(e);
    strmap_free(&vars);
    csv_registry_reset();
}

static void test_errors(void)
{
    struct strmap vars;
    strmap_init(&vars);
    FILE *err = capture_errors();
    /* a missing file stops the thread (JMeter 5.6), reported once for all users */
    struct csv_settings s = settings("nosuch.csv", "a,b");
    struct csv_element *e1 = csv_element_new(&s, NULL, 1);
    struct csv_element *e2 = csv_element_new(&s, NULL, 2);
    static const char *const steps[] = {"STOP", "STOP", NULL};
    expect_steps(e1, &vars, "a|b", steps);
    expect_steps(e2, &vars, "a|b", steps);
    CU_ASSERT_PTR_NULL(strmap_get(&vars, "a"));
    csv_element_free(e1);
    csv_element_free(e2);
    /* the same with a header to read */
    s = settings("nosuch2.csv", "");
    e1 = csv_element_new(&s, NULL, 3);
    expect_steps(e1, &vars, "a|b", steps);
    csv_element_free(e1);
    /* an empty file cannot give a header */
    s = settings("empty.csv", NULL);
    e1 = csv_element_new(&s, NULL, 1);
    expect_steps(e1, &vars, "a", steps);
    csv_element_free(e1);
    /* an empty file name */
    s = settings("  ", "a");
    e1 = csv_element_new(&s, NULL, 1);
    expect_steps(e1, &vars, "a", steps);
    csv_element_free(e1);
    /* an unknown encoding: each iteration sees the end of the file */
    s = settings("stop.csv", "a");
    s.encoding = "x-unknown";
    s.share_mode = "enc";
    e1 = csv_element_new(&s, NULL, 1);
    static const char *const esteps[] = {"a=<EOF>", "a=<EOF>", NULL};
    expect_steps(e1, &vars, "a", esteps);
    csv_element_free(e1);

    char *msg = captured(err);
    char *missing = fixture("nosuch.csv");
    char *line = xasprintf("jmx2run: error: CSV Data Set Config \"CSV\": cannot open '%s': "
                           "No such file or directory; each user reading it stops, as JMeter's "
                           "threads do\n", missing);
    CU_ASSERT_EQUAL(count_of(msg, line), 1);
    CU_ASSERT_EQUAL(count_of(msg, "empty.csv': the file is empty"), 1);
    CU_ASSERT_EQUAL(count_of(msg, "the filename is empty"), 1);
    CU_ASSERT_EQUAL(count_of(msg, "unsupported encoding 'x-unknown'"), 1);
    CU_ASSERT_EQUAL(count_of(msg, "nosuch2.csv': No such file or directory"), 1);
    CU_ASSERT_EQUAL(count_of(msg, "jmx2run: error: "), 5);
    free(line);
    free(missing);
    free(msg);
    strmap_free(&vars);
    csv_registry_reset();
}

/* With the element's place in the plan, messages start "plan.jmx:LINE: error:"
 * and stay on one line: the line breaks of a never-closed quoted field are
 * shown as \n (tests/integration/test_csv_data.sh, unclosed.jmx and missing.jmx). */
static void test_error_location(void)
{
    struct strmap vars;
    strmap_init(&vars);
    FILE *err = capture_errors();
    struct csv_settings s = settings("nosuch.csv", "a");
    s.plan_file = "plans/p.jmx";
    s.plan_line = 42;
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    static const char *const stop[] = {"STOP", NULL};
    expect_steps(e, &vars, "a", stop);
    csv_element_free(e);
    s = settings("unclosed.csv", "a,b");
    s.plan_file = "plans/p.jmx";
    s.plan_line = 7;
    s.quoted_data = true;
    s.recycle = false;
    e = csv_element_new(&s, NULL, 1);
    static const char *const steps[] = {"a=ok1|b=ok2", "a=<EOF>|b=<EOF>", "a=<EOF>|b=<EOF>", NULL};
    expect_steps(e, &vars, "a|b", steps);
    csv_element_free(e);
    char *msg = captured(err);
    char *missing = fixture("nosuch.csv");
    char *line = xasprintf("plans/p.jmx:42: error: CSV Data Set Config \"CSV\": cannot open '%s': "
                           "No such file or directory; each user reading it stops, as JMeter's "
                           "threads do\n", missing);
    CU_ASSERT_EQUAL(count_of(msg, line), 1);
    CU_ASSERT_EQUAL(count_of(msg, "plans/p.jmx:7: error: CSV Data Set Config \"CSV\": error reading '"), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "unclosed.csv': Missing trailing quote-char in quoted field:"
                                       "[\"never closed,zz\\nmore,stuff\\n]\n"));
    CU_ASSERT_EQUAL(count_of(msg, "\n"), 2);              /* two messages, one line each */
    CU_ASSERT_EQUAL(count_of(msg, "jmx2run: error:"), 0);
    free(line);
    free(missing);
    free(msg);
    strmap_free(&vars);
    csv_registry_reset();
}

static void test_fewer_fields_and_names(void)
{
    struct strmap vars;
    strmap_init(&vars);
    strmap_set(&vars, "c", "before");
    struct csv_settings s = settings("plain.csv", ",a,,b ,, c,");   /* G20, names trimmed */
    struct csv_element *e = csv_element_new(&s, NULL, 1);
    static const char *const steps[] = {"a=1|b=2|c=3", "a=x|b=|c=z", "a=p|b=q|c=", "a=only|b=q|c=", NULL};
    expect_steps(e, &vars, "a|b|c", steps);
    csv_element_free(e);
    strmap_free(&vars);
    csv_registry_reset();
}

/* Two users reading share.csv (L1..L20), one line each per iteration. */
static void two_users(const char *mode, const void *g1, int t1, const void *g2, int t2,
                      const char *expected)
{
    struct csv_settings s = settings("share.csv", "v");
    s.share_mode = mode;
    s.recycle = false;
    struct csv_element *e1 = csv_element_new(&s, g1, t1);
    struct csv_element *e2 = csv_element_new(&s, g2, t2);
    struct strmap v1, v2;
    strmap_init(&v1);
    strmap_init(&v2);
    struct strbuf seen;
    strbuf_init(&seen);
    for (int i = 0; i < 3; i++) {
        csv_element_next(e1, &v1);
        csv_element_next(e2, &v2);
        strbuf_addf(&seen, "%s/%s ", strmap_get(&v1, "v"), strmap_get(&v2, "v"));
    }
    if (strcmp(seen.s, expected) != 0)
        fprintf(stderr, "\n    share mode %s:", mode ? mode : "(default)");
    CU_ASSERT_STRING_EQUAL_MSG(seen.s, expected);
    strbuf_free(&seen);
    strmap_free(&v1);
    strmap_free(&v2);
    csv_element_free(e1);
    csv_element_free(e2);
    csv_registry_reset();
}

static void test_share_modes(void)
{
    static char group_a, group_b;   /* any two distinct addresses */
    const char *shared = "L1/L2 L3/L4 L5/L6 ";
    const char *separate = "L1/L1 L2/L2 L3/L3 ";
    two_users(NULL, &group_a, 1, &group_b, 1, shared);
    two_users("shareMode.all", &group_a, 1, &group_b, 1, shared);
    two_users("All threads", &group_a, 1, &group_b, 1, shared);
    two_users("shareMode.group", &group_a, 1, &group_a, 2, shared);
    two_users("shareMode.group", &group_a, 1, &group_b, 1, separate);
    two_users("shareMode.thread", &group_a, 1, &group_a, 2, separate);
    two_users("shareMode.thread", &group_a, 1, &group_b, 1, separate);
    two_users("myid", &group_a, 1, &group_b, 7, shared);

    /* a user with two elements in thread mode on one file shares one position;
     * so do elements of different users with the same identifier */
    struct csv_settings s = settings("share.csv", "v");
    s.share_mode = "shareMode.thread";
    struct csv_element *e1 = csv_element_new(&s, &group_a, 1);
    s.variable_names = "w";
    struct csv_element *e2 = csv_element_new(&s, &group_a, 1);
    struct strmap vars;
    strmap_init(&vars);
    static const char *const steps1[] = {"v=L1|w=${w}", NULL};
    static const char *const steps2[] = {"v=L1|w=L2", NULL};
    expect_steps(e1, &vars, "v|w", steps1);
    expect_steps(e2, &vars, "v|w", steps2);
    csv_element_free(e1);
    csv_element_free(e2);
    csv_registry_reset();

    /* different identifiers: independent; same identifier, other file: independent */
    strmap_clear(&vars);
    s = settings("share.csv", "v");
    s.share_mode = "one";
    e1 = csv_element_new(&s, &group_a, 1);
    s.share_mode = "two";
    s.variable_names = "w";
    e2 = csv_element_new(&s, &group_a, 2);
    s = settings("stop.csv", "x");
    s.share_mode = "one";
    struct csv_element *e3 = csv_element_new(&s, &group_a, 3);
    static const char *const isteps1[] = {"v=L1|w=${w}|x=${x}", "v=L2|w=${w}|x=${x}", NULL};
    static const char *const isteps2[] = {"v=L2|w=L1|x=${x}", NULL};
    static const char *const isteps3[] = {"v=L2|w=L1|x=s1", NULL};
    expect_steps(e1, &vars, "v|w|x", isteps1);
    expect_steps(e2, &vars, "v|w|x", isteps2);
    expect_steps(e3, &vars, "v|w|x", isteps3);
    csv_element_free(e1);
    csv_element_free(e2);
    csv_element_free(e3);
    strmap_free(&vars);
    csv_registry_reset();
}

/* ---------------------------------------------------------- concurrency */

#define CONC_LINES 100000
#define CONC_THREADS 8

static pthread_barrier_t conc_start;

struct conc_arg {
    bool quoted;
    int index;
    atomic_int *seen;
    int got;
};

static void *conc_reader(void *p)
{
    struct conc_arg *a = p;
    char *file = xasprintf("%s", a->quoted ? "conc_quoted.csv" : "conc_plain.csv");
    struct csv_settings s = settings(file, "n,tail");
    s.base_dir = "/tmp";
    s.recycle = false;
    s.quoted_data = a->quoted;
    struct csv_element *e = csv_element_new(&s, NULL, a->index + 1);
    struct strmap vars;
    strmap_init(&vars);
    pthread_barrier_wait(&conc_start);   /* all read at once */
    for (;;) {
        if (csv_element_next(e, &vars) != CSV_STEP_CONTINUE)
            break;
        const char *n = strmap_get(&vars, "n");
        if (!n || strcmp(n, "<EOF>") == 0)
            break;
        long v = strtol(n, NULL, 10);
        if (v >= 0 && v < CONC_LINES)
            atomic_fetch_add(&a->seen[v], 1);
        const char *tail = strmap_get(&vars, "tail");
        char want[48];
        snprintf(want, sizeof want, a->quoted ? "t%ld\nmore,%ld" : "t%ld", v, v);
        if (tail && strcmp(tail, want) == 0)
            a->got++;
    }
    strmap_free(&vars);
    csv_element_free(e);
    free(file);
    return NULL;
}

static void run_concurrent(bool quoted)
{
    /* long lines keep a reader inside the shared file's lock for a while */
    char pad[161];
    memset(pad, 'p', sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    struct strbuf sb;
    strbuf_init(&sb);
    for (int i = 0; i < CONC_LINES; i++)
        if (quoted)
            strbuf_addf(&sb, "%d,\"t%d\nmore,%d\",%s\n", i, i, i, pad);
        else
            strbuf_addf(&sb, "%d,t%d,%s\n", i, i, pad);
    char *path = xasprintf("/tmp/%s", quoted ? "conc_quoted.csv" : "conc_plain.csv");
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fwrite(sb.s, 1, sb.len, f);
    fclose(f);
    strbuf_free(&sb);

    atomic_int *seen = xcalloc(CONC_LINES, sizeof *seen);
    pthread_t th[CONC_THREADS];
    struct conc_arg args[CONC_THREADS];
    pthread_barrier_init(&conc_start, NULL, CONC_THREADS);
    for (int i = 0; i < CONC_THREADS; i++) {
        args[i] = (struct conc_arg){.quoted = quoted, .index = i, .seen = seen};
        pthread_create(&th[i], NULL, conc_reader, &args[i]);
    }
    int total = 0;
    for (int i = 0; i < CONC_THREADS; i++) {
        pthread_join(th[i], NULL);
        total += args[i].got;
    }
    pthread_barrier_destroy(&conc_start);

    int twice = 0, lost = 0;
    for (int i = 0; i < CONC_LINES; i++) {
        int n = atomic_load(&seen[i]);
        if (n == 0)
            lost++;
        else if (n > 1)
            twice++;
    }
    if (twice || lost || total != CONC_LINES)
        fprintf(stderr, "\n    %s: %d lost, %d given twice, %d whole\n", quoted ? "quoted" : "plain",
                lost, twice, total);
    CU_ASSERT_EQUAL(lost, 0);
    CU_ASSERT_EQUAL(twice, 0);
    CU_ASSERT_EQUAL(total, CONC_LINES);     /* no line torn between two readers */
    free(seen);
    unlink(path);
    free(path);
    csv_registry_reset();
}

static void test_concurrent_shared_reader(void)
{
    run_concurrent(false);
    run_concurrent(true);
}

/* ------------------------------------------------- csv_iteration_start */

struct fake_run {
    struct props *props;
    struct expr_env env;
    struct plan plan;
    struct engine engine;
    struct plan_node tg_node;
    struct group_run group;
    struct plan_node node;
    struct plan_csv_data_set data;
};

static void fake_run_init(struct fake_run *r, const char *filename, const char *names)
{
    memset(r, 0, sizeof *r);
    r->props = props_new();
    expr_env_init(&r->env, r->props);
    r->plan.dir = data_dir;
    r->engine.plan = &r->plan;
    r->engine.props = r->props;
    r->tg_node.name = "TG";
    r->group.node = &r->tg_node;
    r->node.name = "users.csv";
    r->node.data = &r->data;
    r->data.filename = tmpl_compile(NULL, filename, NULL, NULL, 0);
    r->data.file_encoding = tmpl_compile(NULL, "", NULL, NULL, 0);
    r->data.variable_names = tmpl_compile(NULL, names, NULL, NULL, 0);
    r->data.delimiter = tmpl_compile(NULL, ",", NULL, NULL, 0);
    r->data.share_mode = tmpl_compile(NULL, "shareMode.all", NULL, NULL, 0);
    r->data.recycle = true;
}

static void fake_run_free(struct fake_run *r)
{
    tmpl_free(r->data.filename);
    tmpl_free(r->data.file_encoding);
    tmpl_free(r->data.variable_names);
    tmpl_free(r->data.delimiter);
    tmpl_free(r->data.share_mode);
    expr_env_cleanup(&r->env);
    props_free(r->props);
}

static void fake_vu_init(struct vu *vu, struct fake_run *r, int thread_num)
{
    memset(vu, 0, sizeof *vu);
    vu->engine = &r->engine;
    vu->group = &r->group;
    vu->thread_num = thread_num;
    vu->running = true;
    strmap_init(&vu->vars);
    expr_ctx_init(&vu->ctx, &r->env, &vu->vars);
}

static void test_iteration_start(void)
{
    struct fake_run r;
    fake_run_init(&r, "${file}", "${names}");
    props_set(r.props, "csvdataset.eofstring", "<<END>>");
    r.data.recycle = false;
    struct vu u1, u2;
    fake_vu_init(&u1, &r, 1);
    fake_vu_init(&u2, &r, 2);
    /* the templates are evaluated with the user's variables at first use */
    strmap_set(&u1.vars, "file", "stop.csv");
    strmap_set(&u1.vars, "names", "x");
    strmap_set(&u2.vars, "file", "stop.csv");
    strmap_set(&u2.vars, "names", "y");
    csv_iteration_start(&u1, &r.node);
    CU_ASSERT_STRING_EQUAL(strmap_get(&u1.vars, "x"), "s1");
    strmap_set(&u1.vars, "file", "share.csv");          /* too late: already set up */
    csv_iteration_start(&u2, &r.node);
    CU_ASSERT_STRING_EQUAL(strmap_get(&u2.vars, "y"), "s2");
    csv_iteration_start(&u1, &r.node);
    CU_ASSERT_STRING_EQUAL(strmap_get(&u1.vars, "x"), "<<END>>");
    csv_iteration_start(&u2, &r.node);
    CU_ASSERT_STRING_EQUAL(strmap_get(&u2.vars, "y"), "<<END>>");
    CU_ASSERT_TRUE(u1.running);
    CU_ASSERT_TRUE(u2.running);
    strmap_free(&u1.vars);
    strmap_free(&u2.vars);
    csv_registry_reset();
    fake_run_free(&r);

    /* stopThread, each user on its own (shareMode.thread) */
    fake_run_init(&r, "stop.csv", "z");
    tmpl_free(r.data.share_mode);
    r.data.share_mode = tmpl_compile(NULL, "shareMode.thread", NULL, NULL, 0);
    r.data.recycle = false;
    r.data.stop_thread = true;
    fake_vu_init(&u1, &r, 1);
    fake_vu_init(&u2, &r, 2);
    csv_iteration_start(&u1, &r.node);
    csv_iteration_start(&u2, &r.node);
    CU_ASSERT_STRING_EQUAL(strmap_get(&u1.vars, "z"), "s1");
    CU_ASSERT_STRING_EQUAL(strmap_get(&u2.vars, "z"), "s1");
    csv_iteration_start(&u1, &r.node);
    CU_ASSERT_STRING_EQUAL(strmap_get(&u1.vars, "z"), "s2");
    CU_ASSERT_TRUE(u1.running);
    csv_iteration_start(&u1, &r.node);
    CU_ASSERT_FALSE(u1.running);
    CU_ASSERT_TRUE(u2.running);

    /* a user that finished lets go of its state: a new user 1 starts afresh */
    csv_user_finished(&u1);
    struct vu u3;
    fake_vu_init(&u3, &r, 1);
    csv_iteration_start(&u3, &r.node);
    CU_ASSERT_STRING_EQUAL(strmap_get(&u3.vars, "z"), "s1");
    CU_ASSERT_TRUE(u3.running);

    /* an element without payload is ignored */
    struct plan_node bare = {.name = "bare"};
    csv_iteration_start(&u3, &bare);
    CU_ASSERT_TRUE(u3.running);

    strmap_free(&u1.vars);
    strmap_free(&u2.vars);
    strmap_free(&u3.vars);
    csv_registry_reset();
    fake_run_free(&r);
}

/* Many users on several threads through csv_iteration_start (the user table
 * grows while others read). */
#define ITER_THREADS 6
#define ITER_USERS 40

struct iter_arg {
    struct fake_run *run;
    int base;
    int reads;
};

static void *iter_worker(void *p)
{
    struct iter_arg *a = p;
    struct vu *users = xcalloc(ITER_USERS, sizeof *users);
    for (int i = 0; i < ITER_USERS; i++)
        fake_vu_init(&users[i], a->run, a->base + i + 1);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < ITER_USERS; i++) {
            csv_iteration_start(&users[i], &a->run->node);
            const char *v = strmap_get(&users[i].vars, "v");
            if (v && v[0] == 'L')
                a->reads++;
        }
    }
    for (int i = 0; i < ITER_USERS; i++)
        strmap_free(&users[i].vars);
    free(users);
    return NULL;
}

static void test_iteration_start_threads(void)
{
    struct fake_run r;
    fake_run_init(&r, "share.csv", "v");
    pthread_t th[ITER_THREADS];
    struct iter_arg args[ITER_THREADS];
    for (int i = 0; i < ITER_THREADS; i++) {
        args[i] = (struct iter_arg){.run = &r, .base = i * ITER_USERS};
        pthread_create(&th[i], NULL, iter_worker, &args[i]);
    }
    int reads = 0;
    for (int i = 0; i < ITER_THREADS; i++) {
        pthread_join(th[i], NULL);
        reads += args[i].reads;
    }
    CU_ASSERT_EQUAL(reads, ITER_THREADS * ITER_USERS * 3);   /* recycle: always a line */
    csv_registry_reset();
    fake_run_free(&r);
}

int main(void)
{
    data_dir = test_path("tests/data/csv");
    static const struct cu_test tests[] = {
        {"split_literal", test_split_literal},
        {"delimiter_and_names", test_delimiter_and_names},
        {"quoted_records", test_quoted_records},
        {"lines", test_lines},
        {"long_lines", test_long_lines},
        {"encodings", test_encodings},
        {"block_boundaries", test_block_boundaries},
        {"plain_no_recycle", test_plain_no_recycle},
        {"quoted_no_recycle", test_quoted_no_recycle},
        {"header_recycle", test_header_recycle},
        {"ignore_first_line", test_ignore_first_line},
        {"delimiters", test_delimiters},
        {"eof_and_stop", test_eof_and_stop},
        {"errors", test_errors},
        {"error_location", test_error_location},
        {"fewer_fields_and_names", test_fewer_fields_and_names},
        {"share_modes", test_share_modes},
        {"concurrent_shared_reader", test_concurrent_shared_reader},
        {"iteration_start", test_iteration_start},
        {"iteration_start_threads", test_iteration_start_threads},
        {NULL, NULL},
    };
    int rc = cu_run("csv", tests);
    free(data_dir);
    return rc;
}
