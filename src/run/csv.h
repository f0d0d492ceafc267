/* csv.h - the CSV Data Set Config at run time (JMeter's CSVDataSet and the
 * part of its FileServer that reads files).
 *
 *   csv_reader.c  a file streamed and decoded to UTF-8; lines as Java's
 *                 BufferedReader.readLine gives them; the two field splitters
 *                 (literal delimiter, and JMeter's quoted-data parser)
 *   csv_data.c    the files shared between users (one read position per
 *                 alias, as FileServer keeps them), each user's view of a CSV
 *                 element, and csv_iteration_start (http_cookies.h)
 *
 * Nothing here reads a whole file: lines are read one at a time, and a line
 * or quoted record longer than CSV_MAX_LINE bytes is an error for that read. */
#ifndef JMX2RUN_RUN_CSV_H
#define JMX2RUN_RUN_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "jmx2run/strmap.h"
#include "jmx2run/util.h"

#define CSV_MAX_LINE ((size_t)1 << 20)

/* ------------------------------------------------------------ csv_reader.c */

struct csv_reader;

enum csv_open_status {
    CSV_OPEN_OK,
    CSV_OPEN_MISSING,        /* absent, unreadable or not a regular file */
    CSV_OPEN_BAD_ENCODING,   /* no decoder for the encoding name */
};

/* Opens a file. encoding: a Java charset name; NULL or blank means UTF-8.
 * A UTF-8 byte order mark at the start is skipped whatever the encoding (as
 * JMeter 5.6 does). Bytes the encoding cannot decode become U+FFFD. On failure
 * *out is NULL and why (when not NULL) gets the reason. */
enum csv_open_status csv_reader_open(struct csv_reader **out, const char *path,
                                     const char *encoding, struct strbuf *why);
/* A reader over text already in memory (UTF-8, not copied: keep it alive). */
struct csv_reader *csv_reader_from_memory(const char *text, size_t len);
void csv_reader_close(struct csv_reader *r);

enum csv_read {
    CSV_READ_OK,
    CSV_READ_EOF,
    CSV_READ_ERROR,          /* why says what; the reader can still be used */
};

/* The next line without its terminator (\n, \r or \r\n). EOF only when no
 * character at all is left. line may be NULL to skip a line. */
enum csv_read csv_reader_line(struct csv_reader *r, struct strbuf *line, struct strbuf *why);
/* True when nothing is left to read (or the file cannot be read any more). */
bool csv_reader_at_eof(struct csv_reader *r);

/* Fields of one line or record. Each field is NUL-terminated inside text. */
struct csv_fields {
    struct strbuf text;
    size_t *start, *len;
    size_t n, cap;
};

void csv_fields_init(struct csv_fields *f);
void csv_fields_free(struct csv_fields *f);
void csv_fields_reset(struct csv_fields *f);
void csv_fields_add(struct csv_fields *f, const char *s, size_t len);
const char *csv_field(const struct csv_fields *f, size_t i);
size_t csv_field_len(const struct csv_fields *f, size_t i);

/* One record in quoted-data mode (JMeter's CSVSaveService.csvReadFile): a
 * field in double quotes may hold the delimiter, line breaks and doubled
 * quotes. delim is one code point. Reading stops after the record's line
 * break. EOF when the record has no field at all (nothing left to read); a
 * blank line is one empty field. Errors (a quote inside a plain field, a
 * lone quote inside a quoted one, no closing quote before the end of the
 * file, a record over CSV_MAX_LINE) leave the reader just past the offending
 * character, as JMeter's parser does. */
enum csv_read csv_reader_record(struct csv_reader *r, uint32_t delim, struct csv_fields *out,
                                struct strbuf *why);

/* Non-quoted mode (JOrphanUtils.split without truncation): the delimiter is
 * matched literally, may be several characters, empty fields are kept, a
 * trailing delimiter gives a last empty field; an empty line gives no field. */
void csv_split_literal(const char *line, size_t len, const char *delim, struct csv_fields *out);
/* A line parsed with the quoted-data rules (CSVSaveService.csvSplitString),
 * used for the header line. False on a quoting error (why says what). */
bool csv_split_quoted(const char *line, size_t len, uint32_t delim, struct csv_fields *out,
                      struct strbuf *why);
/* The variableNames property: split on commas, runs of commas and a leading
 * or trailing comma dropped, each name trimmed as Java's String.trim does. */
void csv_split_names(const char *names, struct csv_fields *out);
/* The delimiter property as used: "\t" (backslash, t) is a TAB, "" is ",". */
const char *csv_delimiter(const char *raw);
/* The first code point of a delimiter, the one quoted mode uses. */
uint32_t csv_first_code_point(const char *s);

/* -------------------------------------------------------------- csv_data.c */

/* One CSV element's settings, already evaluated for one user. */
struct csv_settings {
    const char *name;            /* element name, for messages */
    const char *plan_file;       /* where the element is written, for messages */
    int plan_line;               /* ("file:line: error: ..."); plan_file NULL = unknown */
    const char *filename;        /* as evaluated (trimmed here) */
    const char *base_dir;        /* the plan's directory; NULL = "." */
    const char *encoding;        /* NULL or blank = UTF-8 */
    const char *variable_names;  /* NULL or "" = the file's first line */
    const char *delimiter;       /* raw property value */
    bool quoted_data;
    bool recycle;
    bool stop_thread;
    bool ignore_first_line;
    const char *share_mode;      /* NULL or "" = shareMode.all */
    const char *eof_string;      /* NULL = "<EOF>" */
};

/* One CSV element as one user sees it (JMeter's per-thread CSVDataSet). */
struct csv_element;

/* Sets an element up for one user: resolves the file, finds or creates the
 * shared reader for its alias and, when the names come from the file, reads
 * the header. group_key identifies the thread group (shareMode.group) and
 * (group_key, thread_num) the user (shareMode.thread). Never NULL: a failure
 * (empty name, missing file, unreadable header) is reported and the element
 * then only says CSV_STEP_STOP_THREAD, as JMeter's thread dies on it. */
struct csv_element *csv_element_new(const struct csv_settings *s, const void *group_key,
                                    int thread_num);
void csv_element_free(struct csv_element *e);

enum csv_step {
    CSV_STEP_CONTINUE,
    CSV_STEP_STOP_THREAD,        /* end of file with stopThread, or a fatal error */
};

/* One iteration: reads the next line and sets the variables in vars (fewer
 * fields leave the remaining variables alone; at the end of the file, or on a
 * read error, every variable becomes the EOF string unless stopThread). */
enum csv_step csv_element_next(struct csv_element *e, struct strmap *vars);
/* The variable names in use (after the header was read). */
size_t csv_element_names(const struct csv_element *e, const char *const **names);

/* Where errors are printed (stderr by default; tests capture them). */
void csv_set_error_stream(FILE *f);
/* Closes every shared reader and forgets every user's elements. Call when no
 * user runs any more (end of a run). */
void csv_registry_reset(void);
struct vu;
struct plan_node;
/* A CSV Data Set's iteration starts for a user (also declared in
 * http_cookies.h): the element is set up at the user's first call, with its
 * templates evaluated in the user's context; then one line is read into
 * vu->vars. vu->running becomes false when the thread must stop. */
void csv_iteration_start(struct vu *vu, const struct plan_node *node);
/* Optional: a user finished; drop its elements and its own readers
 * (shareMode.thread) now instead of at csv_registry_reset. */
void csv_user_finished(const struct vu *vu);

#endif
