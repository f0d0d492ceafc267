/* fn_file.c - text files: __StringFromFile (one shared reader per call site,
 * the next line per call, starting over at the end, or moving through a
 * numbered sequence of files), __FileToString and __StringToFile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "files.h"

/* java.text.DecimalFormat for the simple patterns used in file names:
 * prefix, a run of '#'/'0' (zeros give the minimum width), suffix; quoted
 * text is literal ("pin#'.'dat" -> "pin1.dat"). */
static char *decimal_format(const char *pattern, long value)
{
    struct strbuf prefix, suffix;
    strbuf_init(&prefix);
    strbuf_init(&suffix);
    struct strbuf *cur = &prefix;
    int zeros = 0;
    bool number_seen = false, in_number = false, in_quote = false, point = false;
    for (const char *p = pattern; *p; p++) {
        if (*p == '\'') {
            if (in_number) {   /* quoted text ends the number */
                in_number = false;
                number_seen = true;
                cur = &suffix;
            }
            if (p[1] == '\'') {
                strbuf_addc(cur, '\'');
                p++;
            } else {
                in_quote = !in_quote;
            }
            continue;
        }
        if (!in_quote && !number_seen && (*p == '#' || *p == '0')) {
            in_number = true;
        }
        if (in_number) {
            if (*p == '#' || *p == '0' || *p == ',') {
                zeros += *p == '0';
                continue;
            }
            if (*p == '.' && !point) {
                point = true;   /* a decimal point with no fraction digits is still shown */
                continue;
            }
            in_number = false;
            number_seen = true;
            cur = &suffix;
        }
        strbuf_addc(cur, *p);
    }
    char *s = xasprintf("%s%0*ld%s%s", prefix.s, zeros, value, point ? "." : "", suffix.s);
    strbuf_free(&prefix);
    strbuf_free(&suffix);
    return s;
}

static FILE *open_text(struct expr_ctx *ctx, const char *name)
{
    /* JMeter opens the name relative to its working directory; when that
     * fails we also try next to the plan */
    FILE *f = fopen(name, "r");
    struct stat st;
    if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        f = NULL;
    }
    if (!f && name[0] != '/' && ctx->env && ctx->env->plan_dir) {
        char *path = expr_resolve_path(ctx, name);
        f = fopen(path, "r");
        free(path);
        if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
            fclose(f);
            f = NULL;
        }
    }
    return f;
}

/* StringFromFile.openFile (reader lock held). */
static void reader_open(const struct tmpl_part *call, struct expr_ctx *ctx, struct line_reader *r)
{
    char *name = expr_fn_arg(call, 0, ctx);
    long start = 0;
    bool start_set = false;
    if (call->n_args >= 3) {
        char *s = expr_fn_arg(call, 2, ctx);
        int32_t v = 0;
        start_set = expr_java_parse_int(s, &v);
        start = v;
        free(s);
    }
    if (!r->current_set) {
        r->current = start_set ? start : 1;
        r->current_set = true;
    }
    if (call->n_args >= 4) {
        char *s = expr_fn_arg(call, 3, ctx);
        int32_t v = 0;
        r->end_set = expr_java_parse_int(s, &v);
        r->end = v;
        free(s);
    }
    if (call->n_args >= 3) {
        if (r->end_set && r->current > r->end) {
            free(name);
            return;
        }
        if (start_set) {
            char *formatted = decimal_format(name, r->current);
            free(name);
            name = formatted;
        }
        r->current++;
    }
    r->f = open_text(ctx, name);
    free(name);
}

/* Reads one line without its terminator (at most max bytes); false at end of file. */
static bool read_line(FILE *f, struct strbuf *line, size_t max)
{
    strbuf_reset(line);
    int c;
    bool any = false;
    while (line->len < max && (c = getc(f)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (c == '\r') {
            int d = getc(f);
            if (d != '\n' && d != EOF)
                ungetc(d, f);
            break;
        }
        strbuf_addc(line, (char)c);
    }
    return any;
}

static void fn_string_from_file(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    /* the registry lock only finds the reader: the reader's own lock is held
     * while its arguments are evaluated, and they may read other files */
    struct expr_files *fs = expr_files_of(ctx);
    pthread_mutex_lock(&fs->lock);
    struct line_reader *r = fs->readers;
    while (r && r->occurrence != call->occurrence)
        r = r->next;
    if (!r) {
        r = xcalloc(1, sizeof *r);
        pthread_mutexattr_t attr;
        pthread_mutexattr_init(&attr);
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
        pthread_mutex_init(&r->lock, &attr);
        pthread_mutexattr_destroy(&attr);
        r->occurrence = call->occurrence;
        r->next = fs->readers;
        fs->readers = r;
    }
    pthread_mutex_unlock(&fs->lock);
    pthread_mutex_lock(&r->lock);
    if (!r->opened_once) {
        r->opened_once = true;
        reader_open(call, ctx, r);
    }
    struct strbuf value;
    strbuf_init(&value);
    bool stop = false;
    size_t max = expr_output_room(out);
    if (r->f) {
        if (!read_line(r->f, &value, max)) {
            /* end of file: start over (or go to the next file of the sequence) */
            fclose(r->f);
            r->f = NULL;
            reader_open(call, ctx, r);
            if (r->f) {
                if (!read_line(r->f, &value, max))
                    strbuf_adds(&value, "null");   /* an empty file: Java's null line */
            } else {
                strbuf_adds(&value, "**ERR**");
                stop = r->end_set;
            }
        }
    } else {
        strbuf_adds(&value, "**ERR**");
        stop = r->end_set;
    }
    pthread_mutex_unlock(&r->lock);
    if (stop) {
        /* JMeter stops the thread at the end of a file sequence */
        expr_fn_fail(ctx, "__StringFromFile: end of file sequence");
    } else {
        strbuf_addn(out, value.s, value.len);
        char *var = call->n_args >= 2 ? expr_fn_arg_trim(call, 1, ctx) : xstrdup("StringFromFile_");
        if (var[0] && ctx->vars)
            strmap_set(ctx->vars, var, value.s);
        free(var);
    }
    strbuf_free(&value);
}

/* __FileToString(path[, encoding[, var]]): the whole file ("**ERR**" when unreadable). */
static void fn_file_to_string(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg(call, 0, ctx);
    char *path = expr_resolve_path(ctx, name);
    size_t len;
    char *text = expr_read_bounded(path, expr_output_room(out), &len);
    const char *value = text ? text : "**ERR**";
    strbuf_addn(out, value, text ? len : strlen(value));
    expr_fn_store_var(call, 2, ctx, value);
    free(text);
    free(path);
    free(name);
}

/* __StringToFile(file, content[, append[, charset]]): "true" when written.
 * The two characters \n in content become a line break; the text is written
 * as UTF-8 whatever the charset; relative names are relative to the working
 * directory, as in JMeter. */
static void fn_string_to_file(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *name = expr_fn_arg_trim(call, 0, ctx);
    char *content = expr_fn_arg(call, 1, ctx);
    bool append = true;
    if (call->n_args > 2) {
        char *a = expr_fn_arg_trim(call, 2, ctx);
        if (a[0])
            append = expr_java_parse_boolean(a);
        free(a);
    }
    struct expr_limits lim;
    expr_get_limits(&lim);
    bool ok = false;
    if (name[0] && !lim.no_file_writes) {
        struct strbuf text;
        strbuf_init(&text);
        for (const char *p = content; *p; p++) {
            if (p[0] == '\\' && p[1] == 'n') {
                strbuf_addc(&text, '\n');
                p++;
            } else {
                strbuf_addc(&text, *p);
            }
        }
        static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
        pthread_mutex_lock(&write_lock);
        FILE *f = fopen(name, append ? "ab" : "wb");
        if (f) {
            ok = fwrite(text.s, 1, text.len, f) == text.len;
            ok = fclose(f) == 0 && ok;
        }
        pthread_mutex_unlock(&write_lock);
        strbuf_free(&text);
    }
    strbuf_adds(out, ok ? "true" : "false");
    free(name);
    free(content);
}

const struct expr_function expr_fns_file[] = {
    {"__StringToFile", 2, 4, NULL, fn_string_to_file,
     "writes text to a file (file, text[, append[, charset]])"},
    {"__StringFromFile", 1, 4, NULL, fn_string_from_file,
     "next line of a file (file[, var[, start[, end]]])"},
    {"__FileToString", 1, 3, NULL, fn_file_to_string, "whole file (file[, encoding[, var]])"},
    {0},
};
