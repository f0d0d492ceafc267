/* diag.c - collecting and printing file:line diagnostics. */
#include <stdlib.h>
#include "jmx2run/diag.h"

void diag_list_init(struct diag_list *dl)
{
    dl->items = NULL;
    dl->len = dl->cap = 0;
    dl->warnings = dl->errors = 0;
}

void diag_list_free(struct diag_list *dl)
{
    for (size_t i = 0; i < dl->len; i++) {
        free(dl->items[i].file);
        free(dl->items[i].message);
    }
    free(dl->items);
    diag_list_init(dl);
}

void diag_vadd(struct diag_list *dl, enum diag_severity sev, const char *file, int line,
               const char *fmt, va_list ap)
{
    if (!dl)
        return;
    if (dl->len == dl->cap) {
        dl->cap = dl->cap ? dl->cap * 2 : 16;
        dl->items = xrealloc(dl->items, dl->cap * sizeof(struct diag));
    }
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_vaddf(&sb, fmt, ap);
    struct diag *d = &dl->items[dl->len++];
    d->severity = sev;
    d->file = file ? xstrdup(file) : NULL;
    d->line = line;
    d->message = strbuf_detach(&sb);
    if (sev == DIAG_WARNING)
        dl->warnings++;
    else if (sev == DIAG_ERROR)
        dl->errors++;
}

void diag_add(struct diag_list *dl, enum diag_severity sev, const char *file, int line,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(dl, sev, file, line, fmt, ap);
    va_end(ap);
}

const char *diag_severity_name(enum diag_severity sev)
{
    switch (sev) {
    case DIAG_NOTE: return "note";
    case DIAG_WARNING: return "warning";
    case DIAG_ERROR: return "error";
    }
    return "?";
}

void diag_print(const struct diag *d, FILE *out)
{
    if (d->file && d->line > 0)
        fprintf(out, "%s:%d: ", d->file, d->line);
    else if (d->file)
        fprintf(out, "%s: ", d->file);
    else
        fputs("jmx2run: ", out);
    fprintf(out, "%s: %s\n", diag_severity_name(d->severity), d->message);
}

void diag_print_all(const struct diag_list *dl, FILE *out)
{
    for (size_t i = 0; i < dl->len; i++)
        diag_print(&dl->items[i], out);
}

void diag_promote_warnings(struct diag_list *dl)
{
    for (size_t i = 0; i < dl->len; i++)
        if (dl->items[i].severity == DIAG_WARNING) {
            dl->items[i].severity = DIAG_ERROR;
            dl->warnings--;
            dl->errors++;
        }
}
