/* cond_validate.c - checking at build time that a condition template has a
 * shape we can evaluate. References are substituted textually at run time,
 * so we substitute placeholders: inside a quoted string a plain letter,
 * elsewhere the number 0. */
#include <stdlib.h>
#include <string.h>
#include "cond_internal.h"

bool cond_validate(const struct tmpl *t, enum cond_dialect dialect, char **why)
{
    struct strbuf text;
    strbuf_init(&text);
    char quote = 0;        /* the quote character of the string we are in */
    bool escaped = false;
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct tmpl_part *p = &t->parts[i];
        if (p->kind != TMPL_TEXT) {
            strbuf_adds(&text, quote ? "x" : "0");
            escaped = false;
            continue;
        }
        for (size_t k = 0; k < p->text_len; k++) {
            char c = p->text[k];
            strbuf_addc(&text, c);
            if (escaped)
                escaped = false;
            else if (quote && c == '\\')
                escaped = true;
            else if (quote && c == quote)
                quote = 0;
            else if (!quote && (c == '"' || c == '\''))
                quote = c;
        }
    }
    char *error = NULL;
    struct cond_expr *e = cond_parse(text.s, dialect, &error);
    strbuf_free(&text);
    if (e) {
        cond_free(e);
        return true;
    }
    if (why)
        *why = error;
    else
        free(error);
    return false;
}
