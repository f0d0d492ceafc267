/* files.h - the run's shared file state for the file functions: CSV files
 * loaded for __CSVRead and the per-call-site readers of __StringFromFile,
 * kept in env->files behind one mutex. Private to src/expr/. */
#ifndef JMX2RUN_EXPR_FILES_H
#define JMX2RUN_EXPR_FILES_H

#include <pthread.h>
#include <stdio.h>
#include "expr_internal.h"

struct csv_file {
    struct csv_file *next;
    char *alias;          /* the file name, or "*alias" */
    bool failed;          /* could not be read: every column is "" */
    char ***rows;         /* rows[r][c], each row NULL-terminated */
    size_t *widths;
    size_t n_rows;
    size_t next_row;      /* round-robin position */
};

struct line_reader {
    struct line_reader *next;
    pthread_mutex_t lock;   /* one reader at a time; arguments may call other readers */
    uint32_t occurrence;
    FILE *f;
    bool opened_once;
    long current;         /* the file-name sequence number (JMeter's myCurrent) */
    bool current_set;
    long end;
    bool end_set;
};

struct expr_files {
    pthread_mutex_t lock;
    struct csv_file *csv;
    char *default_csv;    /* first CSV file opened, used when a call names none */
    size_t n_csv;
    struct line_reader *readers;
};

/* The registry of the context's environment (a process-wide one when the
 * environment was not set up with expr_env_init). */
struct expr_files *expr_files_of(struct expr_ctx *ctx);
/* Reads at most limit bytes of a file (not a directory); NULL when unreadable. */
char *expr_read_bounded(const char *path, size_t limit, size_t *len);
/* A relative path resolved next to the plan; caller frees. */
char *expr_resolve_path(struct expr_ctx *ctx, const char *path);

#endif
