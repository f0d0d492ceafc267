/* diag.h - diagnostics: warnings and errors tied to a file and line.
 *
 * Every stage reports problems here instead of printing, so that --check can
 * count them, --strict can turn warnings into errors, and tests can inspect
 * them. Printed form, as compilers do:  plan.jmx:42: warning: message */
#ifndef JMX2RUN_DIAG_H
#define JMX2RUN_DIAG_H

#include <stdio.h>
#include "jmx2run/util.h"

enum diag_severity { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag {
    enum diag_severity severity;
    char *file;      /* may be NULL (no file), owned */
    int line;        /* 0 = unknown */
    char *message;   /* owned */
};

struct diag_list {
    struct diag *items;
    size_t len, cap;
    size_t warnings, errors;
};

void diag_list_init(struct diag_list *dl);
void diag_list_free(struct diag_list *dl);
void diag_add(struct diag_list *dl, enum diag_severity sev, const char *file, int line,
              const char *fmt, ...) PRINTF_LIKE(5, 6);
void diag_vadd(struct diag_list *dl, enum diag_severity sev, const char *file, int line,
               const char *fmt, va_list ap);
/* Prints every diagnostic, one per line: "file:line: severity: message". */
void diag_print_all(const struct diag_list *dl, FILE *out);
void diag_print(const struct diag *d, FILE *out);
const char *diag_severity_name(enum diag_severity sev);
/* --strict: every warning becomes an error. */
void diag_promote_warnings(struct diag_list *dl);

#endif
