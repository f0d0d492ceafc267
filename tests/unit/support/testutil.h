/* testutil.h - shared scaffolding for the CUnit test programs.
 *
 * Each tests/unit/test_<module>.c is its own program:
 *
 *     static const struct cu_test tests[] = { {"name", fn}, ..., {NULL, NULL} };
 *     int main(void) { return cu_run("module", tests); }
 *
 * cu_run returns non-zero when any assertion failed, so make test stops. */
#ifndef JMX2RUN_TESTUTIL_H
#define JMX2RUN_TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stddef.h>

struct cu_test {
    const char *name;
    CU_TestFunc fn;
};

int cu_run(const char *suite_name, const struct cu_test *tests);

/* The repository root (JMX2RUN_ROOT, set by make; "." otherwise). */
const char *test_root(void);
/* root + "/" + rel, malloc'd. */
char *test_path(const char *rel);
/* The jmx2run binary under test (JMX2RUN, set by make; "./jmx2run" otherwise). */
const char *test_binary(void);

/* Runs a command through /bin/sh, capturing stdout and stderr (malloc'd, may be
 * NULL when not wanted). Returns the exit status, or -1 if it did not exit. */
int test_run_command(const char *cmd, char **out, char **err);

/* Writes data to a fresh temporary file and returns its path (malloc'd). */
char *test_temp_file(const char *suffix, const char *data, size_t len);

#define CU_ASSERT_STRING_EQUAL_MSG(actual, expected)                                   \
    do {                                                                               \
        const char *a_ = (actual), *e_ = (expected);                                   \
        if (!a_ || !e_ || strcmp(a_, e_) != 0)                                         \
            fprintf(stderr, "\n    %s:%d: got [%s], expected [%s]\n", __FILE__,        \
                    __LINE__, a_ ? a_ : "(null)", e_ ? e_ : "(null)");                 \
        CU_ASSERT_PTR_NOT_NULL(a_);                                                    \
        if (a_ && e_)                                                                  \
            CU_ASSERT_STRING_EQUAL(a_, e_);                                            \
    } while (0)

#endif
