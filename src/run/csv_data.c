/* csv_data.c - the CSV Data Set Config at run time: which file a user reads,
 * who shares its read position, and what one iteration does to the variables.
 *
 * Files are kept the way JMeter's FileServer keeps them: one entry (here a
 * csv_source) per alias, where the alias is the file name as written for
 * shareMode.all, the name plus the thread group for shareMode.group, the name
 * plus the user for shareMode.thread, and the name plus the identifier for
 * any other share mode. Each source has its own mutex: users of several
 * worker threads read from it one line at a time.
 *
 * Each user has its own view of each CSV element (JMeter clones the element
 * per thread): the variable names, the settings evaluated at first use and a
 * pointer to the source. Those views live in a table keyed by (thread group,
 * thread number), under the registry lock, until csv_registry_reset. */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "csv.h"
#include "jmx2run/log.h"
#include "http_cookies.h"

/* A file under one alias (FileServer's FileEntry). */
struct csv_source {
    char *alias;
    char *path;                  /* resolved path */
    char *encoding;
    pthread_mutex_t lock;        /* guards reader */
    struct csv_reader *reader;   /* NULL before the first read or after a failed open */
    char *header;                /* first line, when reserved by a user wanting a header */
    bool header_tried;           /* the creator wanted a header (it may have failed) */
    struct csv_source *next;
};

struct csv_element {
    const struct plan_node *node;   /* the element (csv_iteration_start's elements) */
    struct csv_element *next;
    char *name;
    char *plan_file;                /* where the element is written, for messages (or NULL) */
    int plan_line;
    struct csv_source *source;      /* NULL when setting up failed */
    struct csv_fields names;
    const char **name_list;         /* pointers into names, for csv_element_names */
    char *delim;                    /* non-quoted mode: matched literally */
    uint32_t delim_char;            /* quoted mode and header: the first character */
    bool quoted, recycle, stop_thread;
    bool skip_first;                /* header or ignoreFirstLine: skip line 1 after a reopen */
    bool failed;                    /* JMeter's thread would have died: stop */
    char *eof;
    struct csv_fields values;       /* scratch, reused each iteration */
    struct strbuf line, why;
};

/* One user: its own readers (shareMode.thread) and its elements. */
struct csv_thread {
    const void *group_key;
    int thread_num;
    struct csv_source *own_sources;
    struct csv_element *elements;
    struct csv_thread *next;
};

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct csv_source *shared_sources;    /* every alias but shareMode.thread ones */
static struct csv_thread **thread_table;
static size_t thread_buckets, thread_count;

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;
static struct strmap reported;               /* "kind\npath" already printed */
static FILE *error_stream;

/* ------------------------------------------------------------- messages */

void csv_set_error_stream(FILE *f)
{
    pthread_mutex_lock(&report_lock);
    error_stream = f;
    pthread_mutex_unlock(&report_lock);
}

/* Prints an error once per (kind, file), as "plan.jmx:LINE: error: ..." when
 * the element's place in the plan is known (else "jmx2run: error: ..."), on one
 * line: line breaks in the message (a quoted field in a parse error) are shown
 * as \n and \r. Also written to the run log (-j). */
static void report_once(const struct csv_element *e, const char *kind, const char *file,
                        const char *fmt, ...) PRINTF_LIKE(4, 5);

static void report_once(const struct csv_element *e, const char *kind, const char *file,
                        const char *fmt, ...)
{
    char *key = xasprintf("%s\n%s", kind, file);
    pthread_mutex_lock(&report_lock);
    if (!strmap_get(&reported, key)) {
        strmap_set(&reported, key, "1");
        struct strbuf msg;
        strbuf_init(&msg);
        struct strbuf raw;
        strbuf_init(&raw);
        va_list ap;
        va_start(ap, fmt);
        strbuf_vaddf(&raw, fmt, ap);
        va_end(ap);
        for (const char *c = raw.s; *c; c++) {
            if (*c == '\n')
                strbuf_adds(&msg, "\\n");
            else if (*c == '\r')
                strbuf_adds(&msg, "\\r");
            else
                strbuf_addc(&msg, *c);
        }
        strbuf_free(&raw);
        FILE *out = error_stream ? error_stream : stderr;
        if (e && e->plan_file) {
            fprintf(out, "%s:%d: error: %s\n", e->plan_file, e->plan_line, msg.s);
            log_msg(LOG_ERROR, "%s:%d: %s", e->plan_file, e->plan_line, msg.s);
        } else {
            fprintf(out, "jmx2run: error: %s\n", msg.s);
            log_msg(LOG_ERROR, "%s", msg.s);
        }
        fflush(out);
        strbuf_free(&msg);
    }
    pthread_mutex_unlock(&report_lock);
    free(key);
}

/* -------------------------------------------------------------- sources */

static struct csv_source *source_new(const char *alias, const char *path, const char *encoding)
{
    struct csv_source *s = xcalloc(1, sizeof *s);
    s->alias = xstrdup(alias);
    s->path = xstrdup(path);
    s->encoding = xstrdup(encoding ? encoding : "");
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

static void source_free_list(struct csv_source *s)
{
    while (s) {
        struct csv_source *next = s->next;
        csv_reader_close(s->reader);
        pthread_mutex_destroy(&s->lock);
        free(s->alias);
        free(s->path);
        free(s->encoding);
        free(s->header);
        free(s);
        s = next;
    }
}

enum got {
    GOT_DATA,      /* a line or record (maybe with no field: the end of the file) */
    GOT_ERROR,     /* JMeter's IOException: the iteration sees the end of the file */
    GOT_FATAL,     /* JMeter's IllegalArgumentException: the thread dies */
};

/* Opens the source's file (lock held). A missing file is fatal, as in JMeter
 * 5.6 ("must exist and be readable"); an unknown encoding is a read error. */
static enum got source_open(struct csv_source *s, const struct csv_element *e)
{
    struct strbuf why;
    strbuf_init(&why);
    enum csv_open_status st = csv_reader_open(&s->reader, s->path, s->encoding, &why);
    if (st != CSV_OPEN_OK)
        report_once(e, "open", s->path, "CSV Data Set Config \"%s\": cannot open '%s': %s%s", e->name,
                    s->path, why.s,
                    st == CSV_OPEN_MISSING ? "; each user reading it stops, as JMeter's threads do" : "");
    strbuf_free(&why);
    return st == CSV_OPEN_OK ? GOT_DATA : st == CSV_OPEN_MISSING ? GOT_FATAL : GOT_ERROR;
}

static enum got reopen(struct csv_source *s, const struct csv_element *e, bool skip_first)
{
    csv_reader_close(s->reader);
    s->reader = NULL;
    enum got g = source_open(s, e);
    if (g == GOT_DATA && skip_first)
        csv_reader_line(s->reader, NULL, NULL);
    return g;
}

static enum got read_error(struct csv_source *s, const struct csv_element *e, const char *why)
{
    report_once(e, "read", s->path, "CSV Data Set Config \"%s\": error reading '%s': %s", e->name,
                s->path, why);
    return GOT_ERROR;
}

/* FileServer.readLine: the next line; at the end, with recycle, the file is
 * read again from the start (line 1 skipped when skip_first). line->len == 0
 * and *eof tell an empty line from the end of the file. */
static enum got source_line(struct csv_element *e, struct strbuf *line, bool *eof)
{
    struct csv_source *s = e->source;
    enum got g = GOT_DATA;
    *eof = false;
    strbuf_reset(line);
    pthread_mutex_lock(&s->lock);
    if (!s->reader)
        g = source_open(s, e);
    if (g == GOT_DATA) {
        strbuf_reset(&e->why);
        enum csv_read rc = csv_reader_line(s->reader, line, &e->why);
        if (rc == CSV_READ_EOF && e->recycle) {
            g = reopen(s, e, e->skip_first);
            if (g == GOT_DATA)
                rc = csv_reader_line(s->reader, line, &e->why);
        }
        if (g == GOT_DATA && rc == CSV_READ_ERROR)
            g = read_error(s, e, e->why.s);
        *eof = rc == CSV_READ_EOF;
    }
    pthread_mutex_unlock(&s->lock);
    return g;
}

/* FileServer.getParsedLine: one quoted record; with recycle the file starts
 * again when nothing is left before the read. */
static enum got source_record(struct csv_element *e, struct csv_fields *out)
{
    struct csv_source *s = e->source;
    enum got g = GOT_DATA;
    csv_fields_reset(out);
    pthread_mutex_lock(&s->lock);
    if (!s->reader) {
        g = source_open(s, e);
        if (g == GOT_DATA && e->skip_first)
            csv_reader_line(s->reader, NULL, NULL);
    } else if (e->recycle && csv_reader_at_eof(s->reader)) {
        g = reopen(s, e, e->skip_first);
    }
    if (g == GOT_DATA) {
        strbuf_reset(&e->why);
        if (csv_reader_record(s->reader, e->delim_char, out, &e->why) == CSV_READ_ERROR)
            g = read_error(s, e, e->why.s);
    }
    pthread_mutex_unlock(&s->lock);
    return g;
}

/* ----------------------------------------------------------- the users */

static size_t thread_hash(const void *group_key, int thread_num)
{
    uint64_t h = (uint64_t)(uintptr_t)group_key * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)(unsigned)thread_num * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ (h >> 29));
}

/* The user's entry (registry lock held); created when asked. */
static struct csv_thread *thread_find(const void *group_key, int thread_num, bool create)
{
    if (thread_buckets) {
        struct csv_thread *t = thread_table[thread_hash(group_key, thread_num) & (thread_buckets - 1)];
        for (; t; t = t->next)
            if (t->group_key == group_key && t->thread_num == thread_num)
                return t;
    }
    if (!create)
        return NULL;
    if (thread_count >= thread_buckets) {
        size_t nb = thread_buckets ? thread_buckets * 2 : 64;
        struct csv_thread **table = xcalloc(nb, sizeof *table);
        for (size_t i = 0; i < thread_buckets; i++) {
            while (thread_table[i]) {
                struct csv_thread *t = thread_table[i];
                thread_table[i] = t->next;
                size_t b = thread_hash(t->group_key, t->thread_num) & (nb - 1);
                t->next = table[b];
                table[b] = t;
            }
        }
        free(thread_table);
        thread_table = table;
        thread_buckets = nb;
    }
    struct csv_thread *t = xcalloc(1, sizeof *t);
    t->group_key = group_key;
    t->thread_num = thread_num;
    size_t b = thread_hash(group_key, thread_num) & (thread_buckets - 1);
    t->next = thread_table[b];
    thread_table[b] = t;
    thread_count++;
    return t;
}

static void thread_free(struct csv_thread *t)
{
    while (t->elements) {
        struct csv_element *e = t->elements;
        t->elements = e->next;
        csv_element_free(e);
    }
    source_free_list(t->own_sources);
    free(t);
}

/* ------------------------------------------------------------- elements */

enum share { SHARE_ALL, SHARE_GROUP, SHARE_THREAD, SHARE_CUSTOM };

/* CSVDataSetBeanInfo.getShareModeAsInt, plus the English display names that
 * JMeter 5.6 turns back into keys when a plan holds them. */
static enum share share_mode_of(const char *mode)
{
    if (!mode || !*mode || strcmp(mode, "shareMode.all") == 0 || strcmp(mode, "All threads") == 0)
        return SHARE_ALL;
    if (strcmp(mode, "shareMode.group") == 0 || strcmp(mode, "Current thread group") == 0)
        return SHARE_GROUP;
    if (strcmp(mode, "shareMode.thread") == 0 || strcmp(mode, "Current thread") == 0)
        return SHARE_THREAD;
    return SHARE_CUSTOM;
}

/* FileServer.resolveFileFromPath: absolute, or present relative to the
 * working directory, or else relative to the plan's directory. */
static char *resolve_path(const char *filename, const char *base_dir)
{
    if (filename[0] == '/' || access(filename, F_OK) == 0)
        return xstrdup(filename);
    return path_join(base_dir ? base_dir : ".", filename);
}

static struct csv_source *find_source(struct csv_source *list, const char *alias)
{
    for (; list; list = list->next)
        if (strcmp(list->alias, alias) == 0)
            return list;
    return NULL;
}

/* FileServer.reserveFile (registry lock held): the source of the alias,
 * created on first use; a creator wanting a header reads line 1 now. False
 * when a header was wanted and there is none (the thread then dies). */
static bool reserve(struct csv_element *e, struct csv_source **list, const char *alias,
                    const char *path, const char *encoding, bool has_header)
{
    struct csv_source *s = find_source(*list, alias);
    if (!s) {
        s = source_new(alias, path, encoding);
        s->next = *list;
        *list = s;
        if (has_header) {
            s->header_tried = true;
            pthread_mutex_lock(&s->lock);
            if (source_open(s, e) == GOT_DATA) {
                struct strbuf line;
                strbuf_init(&line);
                strbuf_reset(&e->why);
                enum csv_read rc = csv_reader_line(s->reader, &line, &e->why);
                if (rc == CSV_READ_OK)
                    s->header = strbuf_detach(&line);
                else
                    report_once(e, "header", s->path,
                                "CSV Data Set Config \"%s\": cannot read the first line of '%s': %s",
                                e->name, s->path, rc == CSV_READ_EOF ? "the file is empty" : e->why.s);
                strbuf_free(&line);
            }
            pthread_mutex_unlock(&s->lock);
        }
    }
    e->source = s;
    if (has_header && !s->header_tried)
        report_once(e, "header", s->path,
                    "CSV Data Set Config \"%s\": cannot read the first line of '%s': another CSV "
                    "Data Set Config reads the file under the same sharing without skipping it",
                    e->name, s->path);
    return !has_header || s->header;
}

struct csv_element *csv_element_new(const struct csv_settings *st, const void *group_key,
                                    int thread_num)
{
    struct csv_element *e = xcalloc(1, sizeof *e);
    e->name = xstrdup(st->name ? st->name : "");
    e->plan_file = st->plan_file ? xstrdup(st->plan_file) : NULL;
    e->plan_line = st->plan_line;
    csv_fields_init(&e->names);
    csv_fields_init(&e->values);
    strbuf_init(&e->line);
    strbuf_init(&e->why);
    const char *delim = csv_delimiter(st->delimiter);
    e->delim = xstrdup(delim);
    e->delim_char = csv_first_code_point(delim);
    e->quoted = st->quoted_data;
    e->recycle = st->recycle;
    e->stop_thread = st->stop_thread;
    e->eof = xstrdup(st->eof_string ? st->eof_string : "<EOF>");

    char *filename = str_trim_dup(st->filename ? st->filename : "");
    if (!*filename) {
        report_once(e, "name", e->name, "CSV Data Set Config \"%s\": the filename is empty", e->name);
        e->failed = true;
        e->name_list = xcalloc(1, sizeof *e->name_list);
        free(filename);
        return e;
    }
    bool header = !st->variable_names || !*st->variable_names;
    e->skip_first = header || st->ignore_first_line;
    const char *mode = st->share_mode;
    enum share share = share_mode_of(mode);
    char *alias = share == SHARE_ALL      ? xstrdup(filename)
                : share == SHARE_GROUP    ? xasprintf("%s@\001group %p", filename, group_key)
                : share == SHARE_THREAD   ? xstrdup(filename)   /* within the user's own list */
                                          : xasprintf("%s@%s", filename, mode);
    char *path = resolve_path(filename, st->base_dir);

    pthread_mutex_lock(&registry_lock);
    struct csv_source **list = &shared_sources;
    if (share == SHARE_THREAD)
        list = &thread_find(group_key, thread_num, true)->own_sources;
    bool ok = reserve(e, list, alias, path, st->encoding, e->skip_first);
    const char *header_line = ok && header ? e->source->header : NULL;
    char *header_copy = header_line ? xstrdup(header_line) : NULL;
    pthread_mutex_unlock(&registry_lock);

    if (!ok) {
        e->failed = true;
    } else if (header) {
        strbuf_reset(&e->why);
        struct csv_fields raw;
        csv_fields_init(&raw);
        if (!csv_split_quoted(header_copy, strlen(header_copy), e->delim_char, &raw, &e->why)) {
            report_once(e, "names", e->source->path,
                        "CSV Data Set Config \"%s\": cannot split the header line of '%s': %s",
                        e->name, e->source->path, e->why.s);
            e->failed = true;
        }
        for (size_t i = 0; i < raw.n; i++) {   /* names are trimmed */
            char *n = str_trim_dup(csv_field(&raw, i));
            csv_fields_add(&e->names, n, strlen(n));
            free(n);
        }
        csv_fields_free(&raw);
    } else {
        csv_split_names(st->variable_names, &e->names);
    }
    e->name_list = xcalloc(e->names.n + 1, sizeof *e->name_list);
    for (size_t i = 0; i < e->names.n; i++)
        e->name_list[i] = csv_field(&e->names, i);
    free(header_copy);
    free(path);
    free(alias);
    free(filename);
    return e;
}

void csv_element_free(struct csv_element *e)
{
    if (!e)
        return;
    free(e->name);
    free(e->plan_file);
    free(e->delim);
    free(e->eof);
    free(e->name_list);
    csv_fields_free(&e->names);
    csv_fields_free(&e->values);
    strbuf_free(&e->line);
    strbuf_free(&e->why);
    free(e);
}

size_t csv_element_names(const struct csv_element *e, const char *const **names)
{
    *names = e->name_list;
    return e->names.n;
}

enum csv_step csv_element_next(struct csv_element *e, struct strmap *vars)
{
    if (e->failed)
        return CSV_STEP_STOP_THREAD;
    struct csv_fields *values = &e->values;
    enum got g;
    if (e->quoted) {
        g = source_record(e, values);
    } else {
        bool eof;
        g = source_line(e, &e->line, &eof);
        csv_fields_reset(values);
        if (g == GOT_DATA && !eof)
            csv_split_literal(e->line.s, e->line.len, e->delim, values);
    }
    if (g == GOT_FATAL) {
        e->failed = true;
        return CSV_STEP_STOP_THREAD;
    }
    if (g == GOT_ERROR)
        csv_fields_reset(values);
    for (size_t i = 0; i < e->names.n && i < values->n; i++)
        strmap_setn(vars, csv_field(&e->names, i), csv_field_len(&e->names, i),
                    csv_field(values, i), csv_field_len(values, i));
    if (values->n == 0) {       /* the end of the file, an empty line or an error */
        if (e->stop_thread)
            return CSV_STEP_STOP_THREAD;
        for (size_t i = 0; i < e->names.n; i++)
            strmap_set(vars, csv_field(&e->names, i), e->eof);
    }
    return CSV_STEP_CONTINUE;
}

/* -------------------------------------------------------------- the run */

static char *eval(const struct tmpl *t, struct vu *vu)
{
    return t ? tmpl_eval_dup(t, &vu->ctx) : xstrdup("");
}

static struct csv_element *element_for_user(struct vu *vu, const struct plan_node *node)
{
    const void *group_key = vu->group ? (const void *)vu->group->node : NULL;
    pthread_mutex_lock(&registry_lock);
    struct csv_thread *t = thread_find(group_key, vu->thread_num, true);
    struct csv_element *e = t->elements;
    while (e && e->node != node)
        e = e->next;
    pthread_mutex_unlock(&registry_lock);
    if (e)
        return e;

    /* first use by this user: evaluate the settings */
    const struct plan_csv_data_set *d = node->data;
    char *filename = eval(d->filename, vu);
    char *encoding = eval(d->file_encoding, vu);
    char *names = eval(d->variable_names, vu);
    char *delimiter = eval(d->delimiter, vu);
    char *share = eval(d->share_mode, vu);
    struct strbuf eof;
    strbuf_init(&eof);
    if (!vu->engine || !vu->engine->props ||
        !props_get(vu->engine->props, "csvdataset.eofstring", &eof))
        strbuf_adds(&eof, "<EOF>");
    struct csv_settings st = {
        .name = node->name,
        .plan_file = node->file,
        .plan_line = node->line,
        .filename = filename,
        .base_dir = vu->engine && vu->engine->plan ? vu->engine->plan->dir : NULL,
        .encoding = encoding,
        .variable_names = names,
        .delimiter = delimiter,
        .quoted_data = d->quoted_data,
        .recycle = d->recycle,
        .stop_thread = d->stop_thread,
        .ignore_first_line = d->ignore_first_line,
        .share_mode = share,
        .eof_string = eof.s,
    };
    e = csv_element_new(&st, group_key, vu->thread_num);
    e->node = node;
    free(filename);
    free(encoding);
    free(names);
    free(delimiter);
    free(share);
    strbuf_free(&eof);

    pthread_mutex_lock(&registry_lock);
    t = thread_find(group_key, vu->thread_num, true);
    e->next = t->elements;
    t->elements = e;
    pthread_mutex_unlock(&registry_lock);
    return e;
}

void csv_iteration_start(struct vu *vu, const struct plan_node *node)
{
    if (!node->data)
        return;
    struct csv_element *e = element_for_user(vu, node);
    if (csv_element_next(e, &vu->vars) == CSV_STEP_STOP_THREAD)
        vu->running = false;
}

void csv_user_finished(const struct vu *vu)
{
    const void *group_key = vu->group ? (const void *)vu->group->node : NULL;
    pthread_mutex_lock(&registry_lock);
    struct csv_thread *found = NULL;
    if (thread_buckets) {
        struct csv_thread **pp = &thread_table[thread_hash(group_key, vu->thread_num) & (thread_buckets - 1)];
        for (; *pp; pp = &(*pp)->next) {
            if ((*pp)->group_key == group_key && (*pp)->thread_num == vu->thread_num) {
                found = *pp;
                *pp = found->next;
                thread_count--;
                break;
            }
        }
    }
    pthread_mutex_unlock(&registry_lock);
    if (found)
        thread_free(found);
}

void csv_registry_reset(void)
{
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < thread_buckets; i++) {
        while (thread_table[i]) {
            struct csv_thread *t = thread_table[i];
            thread_table[i] = t->next;
            thread_free(t);
        }
    }
    free(thread_table);
    thread_table = NULL;
    thread_buckets = thread_count = 0;
    source_free_list(shared_sources);
    shared_sources = NULL;
    pthread_mutex_unlock(&registry_lock);
    pthread_mutex_lock(&report_lock);
    strmap_free(&reported);
    strmap_init(&reported);
    pthread_mutex_unlock(&report_lock);
}
