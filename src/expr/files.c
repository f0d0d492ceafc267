/* files.c - the registry of shared file state (see files.h): creation,
 * release, the process-wide fallback, bounded reads and path resolution. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "files.h"

struct expr_files *expr_files_new(void)
{
    struct expr_files *f = xcalloc(1, sizeof *f);
    pthread_mutex_init(&f->lock, NULL);
    return f;
}

void expr_files_free(struct expr_files *f)
{
    if (!f)
        return;
    for (struct csv_file *c = f->csv, *next; c; c = next) {
        next = c->next;
        for (size_t r = 0; r < c->n_rows; r++) {
            for (size_t k = 0; k < c->widths[r]; k++)
                free(c->rows[r][k]);
            free(c->rows[r]);
        }
        free(c->rows);
        free(c->widths);
        free(c->alias);
        free(c);
    }
    for (struct line_reader *r = f->readers, *next; r; r = next) {
        next = r->next;
        if (r->f)
            fclose(r->f);
        pthread_mutex_destroy(&r->lock);
        free(r);
    }
    free(f->default_csv);
    pthread_mutex_destroy(&f->lock);
    free(f);
}

/* Contexts built without expr_env_init share one process-wide registry. */
static struct expr_files *fallback;
static pthread_once_t fallback_once = PTHREAD_ONCE_INIT;

static void make_fallback(void)
{
    fallback = expr_files_new();
}

struct expr_files *expr_files_of(struct expr_ctx *ctx)
{
    if (ctx->env && ctx->env->files)
        return ctx->env->files;
    pthread_once(&fallback_once, make_fallback);
    return fallback;
}

/* Reads at most limit bytes of a regular file or device (a directory fails).
 * The bound keeps endless sources such as /dev/zero from exhausting memory. */
char *expr_read_bounded(const char *path, size_t limit, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        fclose(f);
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    char buf[65536];
    while (sb.len < limit) {
        size_t want = limit - sb.len < sizeof buf ? limit - sb.len : sizeof buf;
        size_t n = fread(buf, 1, want, f);
        if (n == 0)
            break;
        strbuf_addn(&sb, buf, n);
    }
    fclose(f);
    *len = sb.len;
    return strbuf_detach(&sb);
}

/* A relative path names a file next to the plan (JMeter's FileServer base). */
char *expr_resolve_path(struct expr_ctx *ctx, const char *path)
{
    const char *dir = ctx->env ? ctx->env->plan_dir : NULL;
    return path_join(dir ? dir : ".", path);
}
