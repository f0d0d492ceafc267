/* fn_csv.c - __CSVRead: a CSV file loaded in memory once, its rows handed
 * out round-robin to users; each user keeps its current row (in
 * ctx->user_state) until it asks for the next one. "*alias" opens a file
 * under another name, with its own position. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "files.h"

/* FileRowColContainer.splitLine: fields between single-character delimiters;
 * two delimiters in a row, a leading and a trailing one give empty fields. */
static void split_row(const char *line, size_t len, char delim, struct csv_file *c)
{
    struct ptrvec fields = {0};
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == delim) {
            ptrvec_push(&fields, xstrndup(line + start, i - start));
            start = i + 1;
        }
    }
    c->rows = xrealloc(c->rows, (c->n_rows + 1) * sizeof *c->rows);
    c->widths = xrealloc(c->widths, (c->n_rows + 1) * sizeof *c->widths);
    c->rows[c->n_rows] = (char **)fields.items;
    c->widths[c->n_rows] = fields.len;
    c->n_rows++;
}

static void load_csv(struct expr_ctx *ctx, struct csv_file *c, const char *file)
{
    char *path = expr_resolve_path(ctx, file);
    size_t len;
    struct expr_limits lim;
    expr_get_limits(&lim);
    char *text = expr_read_bounded(path, lim.max_output, &len);
    free(path);
    if (!text) {
        c->failed = true;
        return;
    }
    char delim = ',';
    if (ctx->env && ctx->env->props) {
        char *d = props_get_dup(ctx->env->props, "csvread.delimiter");
        if (d && d[0])
            delim = d[0];
        free(d);
    }
    /* lines end at \n, \r or \r\n; the first empty line ends the data */
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\n' && text[i] != '\r')
            i++;
        if (i == start)
            break;
        split_row(text + start, i - start, delim, c);
        if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
        i++;
    }
    free(text);
}

/* The shared container for an alias, loaded from file on first use (lock held). */
static struct csv_file *csv_container(struct expr_ctx *ctx, struct expr_files *fs, const char *file,
                                      const char *alias)
{
    for (struct csv_file *c = fs->csv; c; c = c->next)
        if (strcmp(c->alias, alias) == 0)
            return c;
    struct csv_file *c = xcalloc(1, sizeof *c);
    c->alias = xstrdup(alias);
    load_csv(ctx, c, file);
    c->next = fs->csv;
    fs->csv = c;
    fs->n_csv++;
    if (!fs->default_csv)
        fs->default_csv = xstrdup(file);
    return c;
}

static const char *default_file(struct expr_files *fs, const char *file)
{
    if (!file[0] && fs->n_csv == 1 && fs->default_csv)
        return fs->default_csv;
    return file;
}

static char *row_key(const char *alias)
{
    return xasprintf("csv#%s", alias);
}

/* Marks the user's file open (row -1 = take the next row at first read). */
static void user_open(struct expr_ctx *ctx, const char *alias)
{
    if (!ctx->user_state)
        return;
    char *key = row_key(alias);
    if (!strmap_get(ctx->user_state, key))
        strmap_set(ctx->user_state, key, "-1");
    free(key);
}

static void fn_csv_read(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *file = expr_fn_arg(call, 0, ctx);
    char *what = expr_fn_arg(call, 1, ctx);
    struct expr_files *fs = expr_files_of(ctx);
    pthread_mutex_lock(&fs->lock);
    const char *name = default_file(fs, file);
    if (what[0] == '*') {
        /* __CSVRead(file, *alias): the alias now names this file for the user */
        csv_container(ctx, fs, name, what);
        user_open(ctx, what);
    } else if (strcmp(what, "next") == 0 || strcmp(what, "next()") == 0) {
        char *key = row_key(name);
        if (ctx->user_state && strmap_get(ctx->user_state, key))
            strmap_set(ctx->user_state, key, "-1");
        free(key);
    } else {
        int32_t col;
        if (!expr_java_parse_int(what, &col)) {
            expr_fn_fail(ctx, "__CSVRead: column is not a number");
        } else {
            char *key = row_key(name);
            const char *row_s = ctx->user_state ? strmap_get(ctx->user_state, key) : NULL;
            struct csv_file *c = NULL;
            if (row_s || name[0] != '*') {
                /* a plain file name opens itself on first use; an alias must be opened first */
                c = csv_container(ctx, fs, name, name);
            }
            if (c && !c->failed) {
                long row = row_s ? strtol(row_s, NULL, 10) : -1;
                if (row < 0) {
                    row = (long)c->next_row;
                    c->next_row = c->n_rows ? (c->next_row + 1) % c->n_rows : 0;
                    if (ctx->user_state) {
                        char text[24];
                        snprintf(text, sizeof text, "%ld", row);
                        strmap_set(ctx->user_state, key, text);
                    }
                }
                if ((size_t)row < c->n_rows && col >= 0 && (size_t)col < c->widths[row])
                    strbuf_adds(out, c->rows[row][col]);
            }
            free(key);
        }
    }
    pthread_mutex_unlock(&fs->lock);
    free(file);
    free(what);
}

const struct expr_function expr_fns_csv[] = {
    {"__CSVRead", 2, 2, NULL, fn_csv_read, "a column of a CSV file (file, column|next|*alias)"},
    {0},
};
