/* testutil.c - CUnit runner and helpers shared by the unit test programs. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "jmx2run/util.h"
#include "testutil.h"

int cu_run(const char *suite_name, const struct cu_test *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite suite = CU_add_suite(suite_name, NULL, NULL);
    if (!suite)
        return 2;
    for (const struct cu_test *t = tests; t->name; t++)
        if (!CU_add_test(suite, t->name, t->fn))
            return 2;
    CU_basic_set_mode(getenv("CU_VERBOSE") ? CU_BRM_VERBOSE : CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

const char *test_root(void)
{
    const char *r = getenv("JMX2RUN_ROOT");
    return r && *r ? r : ".";
}

char *test_path(const char *rel)
{
    return xasprintf("%s/%s", test_root(), rel);
}

const char *test_binary(void)
{
    const char *b = getenv("JMX2RUN");
    return b && *b ? b : "./jmx2run";
}

static char *slurp_fd(int fd)
{
    struct strbuf sb;
    strbuf_init(&sb);
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        strbuf_addn(&sb, buf, (size_t)n);
    return strbuf_detach(&sb);
}

int test_run_command(const char *cmd, char **out, char **err)
{
    char out_path[] = "/tmp/jmx2run-test-out-XXXXXX";
    char err_path[] = "/tmp/jmx2run-test-err-XXXXXX";
    int ofd = mkstemp(out_path), efd = mkstemp(err_path);
    if (ofd < 0 || efd < 0)
        return -1;
    char *full = xasprintf("(%s) >%s 2>%s", cmd, out_path, err_path);
    int st = system(full);
    free(full);
    if (out)
        *out = slurp_fd(ofd);
    if (err)
        *err = slurp_fd(efd);
    close(ofd);
    close(efd);
    unlink(out_path);
    unlink(err_path);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

char *test_temp_file(const char *suffix, const char *data, size_t len)
{
    char *path = xasprintf("/tmp/jmx2run-test-XXXXXX%s", suffix ? suffix : "");
    int fd = mkstemps(path, suffix ? (int)strlen(suffix) : 0);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    close(fd);
    return path;
}
