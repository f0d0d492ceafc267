/* util.h - small shared building blocks: checked allocation, growable strings,
 * an arena for immutable trees, a pointer vector and a few string helpers.
 *
 * Allocation failure is not recoverable in a load generator, so the x* helpers
 * print a message and abort instead of returning NULL. */
#ifndef JMX2RUN_UTIL_H
#define JMX2RUN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PRINTF_LIKE(fmt, args)
#endif

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* ---- strbuf: a growable, always NUL-terminated byte string ---- */
struct strbuf {
    char *s;     /* never NULL after strbuf_init */
    size_t len;  /* bytes used, excluding the terminating NUL */
    size_t cap;  /* bytes allocated */
};

void strbuf_init(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);           /* len = 0, keeps memory */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_addn(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
char *strbuf_detach(struct strbuf *sb);         /* caller owns the string; sb is reset */

/* ---- arena: bump allocator for data freed all at once (element trees, plans) ---- */
struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);         /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);      /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
size_t arena_bytes(const struct arena *a);               /* total bytes reserved */

/* ---- ptrvec: a growable array of pointers ---- */
struct ptrvec {
    void **items;
    size_t len, cap;
};

void ptrvec_push(struct ptrvec *v, void *item);
void ptrvec_free(struct ptrvec *v);                      /* frees the array, not the items */

/* ---- strings ---- */
bool str_eq(const char *a, const char *b);               /* NULL-safe equality */
bool str_ieq(const char *a, const char *b);              /* NULL-safe, ASCII case-insensitive */
bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
bool str_is_blank(const char *s);                        /* NULL, empty or only whitespace */
char *str_trim_dup(const char *s);                       /* new string without surrounding whitespace */

/* JMeter's number conversions for string-typed properties: trim, parse;
 * empty or unparseable gives 0 (the caller decides what "absent" means). */
long long str_to_ll_jmeter(const char *s);
double str_to_double_jmeter(const char *s);
/* Strict parse: true only when the whole trimmed string is an integer. */
bool str_parse_ll(const char *s, long long *out);
bool str_parse_double(const char *s, double *out);
bool str_to_bool_jmeter(const char *s);                  /* "true", any case */

/* ---- text ---- */
/* Appends the UTF-8 bytes of a code point below 0x110000 (callers replace
 * surrogates and other invalid values as their format wants first). */
void utf8_put(struct strbuf *out, uint32_t cp);
/* The value of a hexadecimal digit, or -1. */
int hex_digit_value(int c);
/* A quote in a Java date pattern (SimpleDateFormat, DateTimeFormatter), *p at
 * it: "''" is one quote, otherwise the text up to the closing quote is literal
 * ('' inside it is one quote too). Appends the literal text to lit and moves
 * *p past it; false, with *p at the end, when the quote is never closed. */
bool java_pattern_quote(const char **p, struct strbuf *lit);

/* ---- files ---- */
/* Reads a whole file. Returns NULL and sets errno on failure. *len gets the size. */
char *file_read_all(const char *path, size_t *len);
/* Directory part of a path ("." when it has none); caller frees. */
char *path_dirname(const char *path);
/* Base name (pointer into path). */
const char *path_basename(const char *path);
/* dir + "/" + rel unless rel is absolute; caller frees. */
char *path_join(const char *dir, const char *rel);

#endif
