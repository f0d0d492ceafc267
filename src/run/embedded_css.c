/* embedded_css.c - the @import rules of a style sheet, which is all JMeter's
 * CssParser fetches from a text/css response (url() in declarations is left
 * alone: browsers only fetch those when a rule matches). As in CSS, @import
 * counts only before any other rule; @charset, comments and <!-- --> may
 * come first. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/http_request.h"

/* Skips white space, comments and the HTML comment markers CSS tolerates. */
static const char *skip_blank(const char *p)
{
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else if (strncmp(p, "<!--", 4) == 0) {
            p += 4;
        } else if (strncmp(p, "-->", 3) == 0) {
            p += 3;
        } else {
            return p;
        }
    }
}

/* A quoted string at p ("..." or '...'), backslash escapes resolved. */
static const char *read_string(const char *p, struct strbuf *out)
{
    char quote = *p++;
    while (*p && *p != quote) {
        if (*p == '\\' && p[1]) {
            p++;
            if (*p != '\n')
                strbuf_addc(out, *p);
            p++;
        } else {
            strbuf_addc(out, *p++);
        }
    }
    return *p ? p + 1 : p;
}

/* The location of an @import: a string or url(...). NULL when neither. */
static const char *read_location(const char *p, struct strbuf *out)
{
    if (*p == '"' || *p == '\'')
        return read_string(p, out);
    if (strncasecmp(p, "url(", 4) != 0)
        return NULL;
    p = skip_blank(p + 4);
    if (*p == '"' || *p == '\'') {
        p = skip_blank(read_string(p, out));
    } else {
        while (*p && *p != ')' && !isspace((unsigned char)*p)) {
            if (*p == '\\' && p[1])
                p++;
            strbuf_addc(out, *p++);
        }
        p = skip_blank(p);
    }
    if (*p != ')')
        return NULL;
    return p + 1;
}

/* Past the ';' ending a rule (or the end of the text). */
static const char *skip_rule(const char *p)
{
    while (*p && *p != ';') {
        if (*p == '"' || *p == '\'') {
            struct strbuf ignored;
            strbuf_init(&ignored);
            p = read_string(p, &ignored);
            strbuf_free(&ignored);
        } else {
            p++;
        }
    }
    return *p ? p + 1 : p;
}

void embedded_css_imports(const char *css, struct ptrvec *out)
{
    const char *p = skip_blank(css);
    if (strncasecmp(p, "@charset", 8) == 0)
        p = skip_blank(skip_rule(p));
    while (strncasecmp(p, "@import", 7) == 0) {
        const char *q = skip_blank(p + 7);
        struct strbuf loc;
        strbuf_init(&loc);
        const char *after = read_location(q, &loc);
        if (after && loc.len > 0)
            ptrvec_push(out, strbuf_detach(&loc));
        strbuf_free(&loc);
        p = skip_blank(skip_rule(after ? after : q));
    }
}
