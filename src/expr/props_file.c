/* props_file.c - reader of Java .properties files (the format of
 * jmeter.properties, user.properties and -q files), following the rules of
 * java.util.Properties.load: logical lines with backslash continuation, # and !
 * comments, key/value separated by '=', ':' or white space, and escapes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/props.h"
#include "utf8.h"

struct line_reader {
    const char *s;
    size_t n, pos;
    int line;          /* natural line number where the current logical line starts */
    int next_line;     /* natural line number of pos */
};

static bool is_white(char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

/* Reads the next logical line (continuations joined, escapes kept) into out.
 * Returns false at the end of the text. */
static bool next_logical_line(struct line_reader *r, struct strbuf *out)
{
    strbuf_reset(out);
    for (;;) {
        /* skip white space and blank lines before the line starts */
        while (r->pos < r->n && (is_white(r->s[r->pos]) || r->s[r->pos] == '\n' || r->s[r->pos] == '\r')) {
            if (r->s[r->pos] == '\n' || (r->s[r->pos] == '\r' && !(r->pos + 1 < r->n && r->s[r->pos + 1] == '\n')))
                r->next_line++;
            r->pos++;
        }
        if (r->pos >= r->n)
            return false;
        r->line = r->next_line;
        if (r->s[r->pos] != '#' && r->s[r->pos] != '!')
            break;
        /* a comment runs to the end of its natural line, never continued */
        while (r->pos < r->n && r->s[r->pos] != '\n' && r->s[r->pos] != '\r')
            r->pos++;
    }
    bool continued;
    do {
        continued = false;
        size_t start = r->pos;
        while (r->pos < r->n && r->s[r->pos] != '\n' && r->s[r->pos] != '\r')
            r->pos++;
        size_t end = r->pos;
        size_t backslashes = 0;
        while (end - backslashes > start && r->s[end - backslashes - 1] == '\\')
            backslashes++;
        if (backslashes % 2 == 1) {
            end--;           /* the continuation backslash itself is dropped */
            continued = true;
        }
        strbuf_addn(out, r->s + start, end - start);
        if (r->pos < r->n) {   /* consume the terminator: \n, \r or \r\n */
            if (r->s[r->pos] == '\r' && r->pos + 1 < r->n && r->s[r->pos + 1] == '\n')
                r->pos++;
            r->pos++;
            r->next_line++;
        } else {
            continued = false;
        }
        if (continued)
            while (r->pos < r->n && is_white(r->s[r->pos]))
                r->pos++;
    } while (continued);
    return true;
}


/* Resolves the escapes of a key or value. Returns false on a malformed \uXXXX
 * (Java refuses the whole file then; we skip the line). */
static bool unescape(const char *s, size_t n, struct strbuf *out)
{
    struct utf16_sink sink = {out, 0};
    size_t i = 0;
    while (i < n) {
        char c = s[i++];
        if (c != '\\') {
            expr_utf16_flush(&sink);
            strbuf_addc(out, c);
            continue;
        }
        if (i >= n)
            break;
        c = s[i++];
        if (c == 'u') {
            uint32_t unit = 0;
            for (int k = 0; k < 4; k++) {
                int h = i < n ? hex_digit_value(s[i]) : -1;
                if (h < 0)
                    return false;
                unit = unit * 16 + (uint32_t)h;
                i++;
            }
            expr_utf16_put(&sink, unit);
            continue;
        }
        expr_utf16_flush(&sink);
        switch (c) {
        case 't': strbuf_addc(out, '\t'); break;
        case 'n': strbuf_addc(out, '\n'); break;
        case 'r': strbuf_addc(out, '\r'); break;
        case 'f': strbuf_addc(out, '\f'); break;
        default: strbuf_addc(out, c); break;
        }
    }
    expr_utf16_flush(&sink);
    return true;
}

/* Splits one logical line into key and value and stores them. */
static void store_line(struct props *p, const char *line, size_t len, const char *name, int lineno,
                       struct diag_list *diags)
{
    size_t key_len = 0, value_start = len;
    bool has_sep = false, preceding_backslash = false;
    while (key_len < len) {
        char c = line[key_len];
        if ((c == '=' || c == ':') && !preceding_backslash) {
            value_start = key_len + 1;
            has_sep = true;
            break;
        }
        if (is_white(c) && !preceding_backslash) {
            value_start = key_len + 1;
            break;
        }
        preceding_backslash = c == '\\' ? !preceding_backslash : false;
        key_len++;
    }
    while (value_start < len) {
        char c = line[value_start];
        if (!is_white(c)) {
            if (!has_sep && (c == '=' || c == ':'))
                has_sep = true;
            else
                break;
        }
        value_start++;
    }
    struct strbuf key, value;
    strbuf_init(&key);
    strbuf_init(&value);
    if (unescape(line, key_len, &key) && unescape(line + value_start, len - value_start, &value))
        props_set(p, key.s, value.s);
    else
        diag_add(diags, DIAG_WARNING, name, lineno, "malformed \\uXXXX escape: line ignored");
    strbuf_free(&key);
    strbuf_free(&value);
}

void props_load_text_diag(struct props *p, const char *text, size_t len, const char *name,
                          struct diag_list *diags)
{
    struct strbuf utf8, line;
    strbuf_init(&utf8);
    strbuf_init(&line);
    expr_utf8_from_mixed(&utf8, text, len);
    struct line_reader r = {utf8.s, utf8.len, 0, 1, 1};
    while (next_logical_line(&r, &line))
        store_line(p, line.s, line.len, name, r.line, diags);
    strbuf_free(&line);
    strbuf_free(&utf8);
}

void props_load_text(struct props *p, const char *text, size_t len, const char *name)
{
    props_load_text_diag(p, text, len, name, NULL);
}

bool props_load_file(struct props *p, const char *path, struct diag_list *diags)
{
    size_t len;
    char *text = file_read_all(path, &len);
    if (!text) {
        diag_add(diags, DIAG_ERROR, path, 0, "cannot read properties file: %s", strerror(errno));
        return false;
    }
    props_load_text_diag(p, text, len, path, diags);
    free(text);
    return true;
}
