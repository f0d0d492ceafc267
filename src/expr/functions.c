/* functions.c - the function table. Each fn_*.c file owns a group of rows
 * (name, argument counts, compile hook, evaluator, summary); this file joins
 * the groups into one list sorted by name for lookup. Adding a function means
 * adding one row to its group and writing its code. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "expr_internal.h"

static const struct expr_function *const groups[] = {
    expr_fns_random, expr_fns_time,   expr_fns_props, expr_fns_vars,   expr_fns_string,
    expr_fns_digest, expr_fns_thread, expr_fns_file,  expr_fns_csv,    expr_fns_script,
};

static const struct expr_function **sorted;
static size_t n_sorted;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b)
{
    const struct expr_function *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

static void build_index(void)
{
    size_t n = 0;
    for (size_t g = 0; g < ARRAY_LEN(groups); g++)
        for (const struct expr_function *f = groups[g]; f->name; f++)
            n++;
    sorted = xmalloc(n * sizeof *sorted);
    for (size_t g = 0; g < ARRAY_LEN(groups); g++)
        for (const struct expr_function *f = groups[g]; f->name; f++)
            sorted[n_sorted++] = f;
    qsort(sorted, n_sorted, sizeof *sorted, by_name);
}

const struct expr_function *expr_function_find(const char *name)
{
    pthread_once(&once, build_index);
    size_t lo = 0, hi = n_sorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, sorted[mid]->name);
        if (c == 0)
            return sorted[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct expr_function *const *expr_function_all(size_t *count)
{
    pthread_once(&once, build_index);
    *count = n_sorted;
    return sorted;
}
