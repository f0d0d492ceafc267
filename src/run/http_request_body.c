/* http_request_body.c - the entity of an HTTP request as JMeter 5.6 builds it
 * (HTTPHC4Impl.setupHttpEntityEnclosingRequestData, digest §5.3), first rule
 * that applies wins: multipart/form-data, one file as the body, the argument
 * values as a raw body, or a url-encoded form. Multipart bodies follow
 * HttpClient's httpmime layout (RFC 6532 part headers, or the browser
 * compatible "lax" mode). Files are read here; an unreadable one is reported
 * the way Java's FileInputStream reports it. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "jmx2run/http_request.h"

#define FILE_PLACEHOLDER "<actual file content, not shown here>"

/* ------------------------------------------------------------------- files */

/* java.io.File's path: duplicate and trailing slashes dropped. */
static char *java_file_path(const char *p)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (; *p; p++)
        if (!(*p == '/' && sb.len > 0 && sb.s[sb.len - 1] == '/'))
            strbuf_addc(&sb, *p);
    if (sb.len > 1 && sb.s[sb.len - 1] == '/')
        sb.s[--sb.len] = '\0';
    return strbuf_detach(&sb);
}

/* FileServer.getResolvedFile: absolute, or existing from the current
 * directory, or relative to the plan's directory. */
static char *resolve_file(const char *path, const struct http_request_options *opt)
{
    struct stat st;
    if (path[0] == '/' || stat(path, &st) == 0 || !opt || !opt->base_dir)
        return java_file_path(path);
    char *joined = xasprintf("%s/%s", opt->base_dir, path);
    char *r = java_file_path(joined);
    free(joined);
    return r;
}

/* Reads a whole file; on failure returns false with FileInputStream's
 * message for it. */
static bool read_file(const char *path, struct strbuf *out, char **error)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    const char *why = NULL;
    if (fd < 0)
        why = errno == ENOENT || errno == ENOTDIR ? "No such file or directory"
            : errno == EACCES ? "Permission denied" : strerror(errno);
    else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
        why = "Is a directory";
    if (!why) {
        char buf[65536];
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0)
            strbuf_addn(out, buf, (size_t)n);
        if (n < 0)
            why = strerror(errno);
    }
    if (fd >= 0)
        close(fd);
    if (why) {
        *error = xasprintf("%s (%s)", path, why);
        return false;
    }
    return true;
}

/* Reads a file for the body. A failure only counts when HttpClient writes
 * the body, after everything else: the first one is kept in *deferred and
 * the content counts as empty. */
static void file_content(const char *path, const struct http_request_options *opt,
                         struct strbuf *out, char **resolved_out, char **deferred)
{
    char *resolved = resolve_file(path, opt);
    char *error = NULL;
    if (!read_file(resolved, out, &error)) {
        if (!*deferred)
            *deferred = error;
        else
            free(error);
    }
    if (resolved_out)
        *resolved_out = resolved;
    else
        free(resolved);
}

/* ------------------------------------------------------------ small pieces */

static void set_body(struct http_request *r, struct strbuf *bytes, enum http_body_kind kind)
{
    r->body_kind = kind;
    r->body_len = bytes->len;
    r->body = strbuf_detach(bytes);
}

/* Argument.isSkippable: a blank name, or one that looks like "${...}". */
static bool skippable(const char *name)
{
    const char *p = name;
    while (*p && (unsigned char)*p <= ' ')
        p++;
    if (!*p)
        return true;
    return str_starts_with(p, "${") && str_ends_with(name, "}");
}

/* HttpClient's URLEncodedUtils form encoding, on the charset's bytes. */
static void form_field(const char *text, const char *charset, struct strbuf *out)
{
    struct strbuf bytes;
    strbuf_init(&bytes);
    charset_encode(charset, text, strlen(text), &bytes);
    for (size_t i = 0; i < bytes.len; i++) {
        unsigned char c = (unsigned char)bytes.s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_' || c == '-' || c == '.' || c == '*')
            strbuf_addc(out, (char)c);
        else if (c == ' ')
            strbuf_addc(out, '+');
        else
            strbuf_addf(out, "%%%02X", c);
    }
    strbuf_free(&bytes);
}

static bool charset_checked(struct http_request *r, const char *name, const char **canonical)
{
    switch (charset_lookup(name, canonical)) {
    case CHARSET_OK:
        return true;
    case CHARSET_ILLEGAL_NAME:
        http_request_fail(r, "java.nio.charset.IllegalCharsetNameException", name);
        return false;
    default:
        http_request_fail(r, "java.nio.charset.UnsupportedCharsetException", name);
        return false;
    }
}

/* -------------------------------------------------------- Content-Type text */

struct media_type {
    char *text;       /* as HttpClient's ContentType.toString() writes it */
    char *charset;    /* canonical charset, or NULL */
};

/* BasicHeaderValueFormatter: quote a parameter value holding a separator. */
static void add_param_value(struct strbuf *out, const char *v)
{
    bool quote = strpbrk(v, " ;,:@()<>\\\"/[]?={}\t") != NULL;
    if (quote)
        strbuf_addc(out, '"');
    for (; *v; v++) {
        if (*v == '"' || *v == '\\')
            strbuf_addc(out, '\\');
        strbuf_addc(out, *v);
    }
    if (quote)
        strbuf_addc(out, '"');
}

static char *trim_dup(const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return xstrndup(s, n);
}

/* ContentType.parse(text); false with the error set on r. A charset
 * parameter must name a charset Java knows. */
static bool media_parse(struct http_request *r, const char *text, struct media_type *out)
{
    memset(out, 0, sizeof *out);
    struct strbuf sb;
    strbuf_init(&sb);
    const char *p = text;
    bool first = true;
    while (*p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        char *piece = trim_dup(p, n);
        if (first) {
            if (!*piece) {
                free(piece);
                break;
            }
            strbuf_adds(&sb, piece);
            first = false;
        } else if (*piece) {
            char *eq = strchr(piece, '=');
            strbuf_adds(&sb, "; ");
            if (!eq) {
                strbuf_adds(&sb, piece);
            } else {
                char *name = trim_dup(piece, (size_t)(eq - piece));
                char *value = trim_dup(eq + 1, strlen(eq + 1));
                size_t vl = strlen(value);
                if (vl >= 2 && value[0] == '"' && value[vl - 1] == '"') {
                    memmove(value, value + 1, vl - 2);
                    value[vl - 2] = '\0';
                }
                strbuf_addf(&sb, "%s=", name);
                add_param_value(&sb, value);
                if (!out->charset && strcasecmp(name, "charset") == 0 && *value) {
                    const char *cs;
                    if (!charset_checked(r, value, &cs)) {
                        free(name);
                        free(value);
                        free(piece);
                        strbuf_free(&sb);
                        return false;
                    }
                    out->charset = xstrdup(cs);
                }
                free(name);
                free(value);
            }
        }
        free(piece);
        p += n + (semi ? 1 : 0);
        if (!semi)
            break;
    }
    if (first) {
        char *msg = xasprintf("Invalid content type: %s", text);
        http_request_fail(r, "org.apache.http.ParseException", msg);
        free(msg);
        strbuf_free(&sb);
        free(out->charset);
        out->charset = NULL;
        return false;
    }
    out->text = strbuf_detach(&sb);
    return true;
}

/* ContentType.create(mime, charset). */
static bool media_create(struct http_request *r, const char *mime, const char *charset,
                         struct media_type *out)
{
    memset(out, 0, sizeof *out);
    if (str_is_blank(mime)) {
        http_request_fail(r, "java.lang.IllegalArgumentException", "MIME type may not be blank");
        return false;
    }
    if (strpbrk(mime, "\",;")) {
        http_request_fail(r, "java.lang.IllegalArgumentException",
                          "MIME type may not contain reserved characters");
        return false;
    }
    char *lower = xstrdup(mime);
    for (char *c = lower; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    out->text = xasprintf("%s; charset=%s", lower, charset);
    out->charset = xstrdup(charset);
    free(lower);
    return true;
}

static void media_free(struct media_type *m)
{
    free(m->text);
    free(m->charset);
}

/* ----------------------------------------------------------------- multipart */

static void random_boundary(struct strbuf *out)
{
    static const char chars[] =
        "-_1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static _Thread_local uint64_t state;
    if (!state) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        state = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ (uint64_t)(uintptr_t)&state;
        state |= 1;
    }
    uint64_t x = state;
#define NEXT() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
    size_t count = 30 + (size_t)(NEXT() % 11);
    for (size_t i = 0; i < count; i++)
        strbuf_addc(out, chars[NEXT() % (sizeof chars - 1)]);
#undef NEXT
    state = x;
}

/* A Content-Disposition value: '\', '"' and CR escaped with a backslash. */
static void add_quoted_name(struct strbuf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"' || *s == '\r')
            strbuf_addc(out, '\\');
        strbuf_addc(out, *s);
    }
}

/* ConversionUtils.encodeWithEntities then percentEncode, for a file name. */
static void add_file_name(struct strbuf *out, const char *name, const char *charset)
{
    struct strbuf tmp, one;
    strbuf_init(&tmp);
    strbuf_init(&one);
    bool utf8 = strcmp(charset, "UTF-8") == 0;
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        size_t avail = strnlen((const char *)p, n);
        strbuf_reset(&one);
        if (!utf8 && *p >= 0x80) {
            charset_encode(charset, (const char *)p, avail, &one);
            if (one.len == 1 && one.s[0] == '?') {
                /* Java writes the code point, without the closing ';' */
                uint32_t cp = p[0] & (0x7Fu >> n);
                for (size_t k = 1; k < avail; k++)
                    cp = (cp << 6) | (p[k] & 0x3Fu);
                strbuf_addf(&tmp, "&#%u", cp);
                p += avail;
                continue;
            }
        }
        strbuf_addn(&tmp, (const char *)p, avail);
        p += avail;
    }
    for (size_t i = 0; i < tmp.len; i++) {
        char c = tmp.s[i];
        if (c == '"')
            strbuf_adds(out, "%22");
        else if (c == '\r')
            strbuf_adds(out, "%0D");
        else if (c == '\n')
            strbuf_adds(out, "%0A");
        else
            strbuf_addc(out, c);
    }
    strbuf_free(&tmp);
    strbuf_free(&one);
}

/* One part header line, its text in the header charset. */
static void add_part_header(struct strbuf *wire, struct strbuf *shown, const char *line,
                            const char *header_charset)
{
    charset_encode(header_charset, line, strlen(line), wire);
    strbuf_adds(wire, "\r\n");
    charset_encode(header_charset, line, strlen(line), shown);
    strbuf_adds(shown, "\r\n");
}

static bool multipart_body(struct http_request *r, const struct http_eval *e, const char *cs,
                           const struct http_request_options *opt, char **deferred)
{
    http_headers_remove(r, "Content-Type");
    bool lax = e->browser_compatible;
    const char *header_cs = lax ? cs : "UTF-8";
    struct strbuf boundary, wire, shown, line;
    strbuf_init(&boundary);
    strbuf_init(&wire);
    strbuf_init(&shown);
    strbuf_init(&line);
    if (opt && opt->boundary)
        strbuf_adds(&boundary, opt->boundary);
    else
        random_boundary(&boundary);
    bool ok = true;
    for (size_t i = 0; i < e->n_args && ok; i++) {
        const struct http_eval_arg *a = &e->args[i];
        if (skippable(a->name))
            continue;
        const char *ct = a->content_type ? a->content_type : "text/plain";
        struct media_type m;
        ok = strchr(ct, ';') ? media_parse(r, ct, &m) : media_create(r, ct, cs, &m);
        if (!ok)
            break;
        strbuf_addf(&wire, "--%s\r\n", boundary.s);
        strbuf_addf(&shown, "--%s\r\n", boundary.s);
        strbuf_reset(&line);
        strbuf_adds(&line, "Content-Disposition: form-data; name=\"");
        add_quoted_name(&line, a->name);
        strbuf_addc(&line, '"');
        add_part_header(&wire, &shown, line.s, header_cs);
        if (!lax) {
            strbuf_reset(&line);
            strbuf_addf(&line, "Content-Type: %s", m.text);
            add_part_header(&wire, &shown, line.s, header_cs);
            add_part_header(&wire, &shown, "Content-Transfer-Encoding: 8bit", header_cs);
        }
        strbuf_adds(&wire, "\r\n");
        strbuf_adds(&shown, "\r\n");
        charset_encode(m.charset ? m.charset : "US-ASCII", a->value, strlen(a->value), &wire);
        charset_encode(m.charset ? m.charset : "US-ASCII", a->value, strlen(a->value), &shown);
        strbuf_adds(&wire, "\r\n");
        strbuf_adds(&shown, "\r\n");
        media_free(&m);
    }
    for (size_t i = 0; i < e->n_files && ok; i++) {
        const struct http_eval_file *f = &e->files[i];
        struct media_type m;
        if (!media_parse(r, f->mime, &m)) {
            ok = false;
            break;
        }
        struct strbuf content;
        strbuf_init(&content);
        char *resolved = NULL;
        file_content(f->path, opt, &content, &resolved, deferred);
        strbuf_addf(&wire, "--%s\r\n", boundary.s);
        strbuf_addf(&shown, "--%s\r\n", boundary.s);
        strbuf_reset(&line);
        strbuf_adds(&line, "Content-Disposition: form-data; name=\"");
        add_quoted_name(&line, f->param);
        strbuf_adds(&line, "\"; filename=\"");
        struct strbuf fname;
        strbuf_init(&fname);
        add_file_name(&fname, path_basename(resolved), header_cs);
        add_quoted_name(&line, fname.s);
        strbuf_free(&fname);
        strbuf_addc(&line, '"');
        add_part_header(&wire, &shown, line.s, header_cs);
        strbuf_reset(&line);
        strbuf_addf(&line, "Content-Type: %s", m.text);
        add_part_header(&wire, &shown, line.s, header_cs);
        if (!lax)
            add_part_header(&wire, &shown, "Content-Transfer-Encoding: binary", header_cs);
        strbuf_adds(&wire, "\r\n");
        strbuf_adds(&shown, "\r\n");
        strbuf_addn(&wire, content.s, content.len);
        strbuf_adds(&shown, FILE_PLACEHOLDER);
        strbuf_adds(&wire, "\r\n");
        strbuf_adds(&shown, "\r\n");
        strbuf_free(&content);
        free(resolved);
        media_free(&m);
    }
    if (ok) {
        strbuf_addf(&wire, "--%s--\r\n", boundary.s);
        strbuf_addf(&shown, "--%s--\r\n", boundary.s);
        r->entity_type = xasprintf("multipart/form-data; boundary=%s; charset=%s", boundary.s, cs);
        struct strbuf text;
        strbuf_init(&text);
        charset_decode(cs, shown.s, shown.len, &text);
        r->post_data = strbuf_detach(&text);
        set_body(r, &wire, HTTP_BODY_MULTIPART);
    }
    strbuf_free(&boundary);
    strbuf_free(&wire);
    strbuf_free(&shown);
    strbuf_free(&line);
    return ok;
}

/* ---------------------------------------------------------------- the entity */

bool http_request_body(struct http_request *r, const struct http_eval *e,
                       const struct http_request_options *opt)
{
    const char *cs;
    if (!charset_checked(r, r->content_encoding, &cs))
        return false;
    bool files_complete = true;
    for (size_t i = 0; i < e->n_files; i++)
        files_complete = files_complete && e->files[i].path[0];
    bool file_as_body = http_eval_file_as_body(e);
    char *deferred = NULL;
    bool ok = true;
    if (e->multipart || (e->n_files > 0 && files_complete && !file_as_body)) {
        ok = multipart_body(r, e, cs, opt, &deferred);
        goto done;
    }

    const struct http_header *ct = http_headers_first(r, "Content-Type");
    bool has_ct = ct && ct->value[0];
    struct strbuf bytes;
    strbuf_init(&bytes);
    if (e->n_args == 0 && file_as_body) {
        if (!has_ct && e->files[0].mime[0])
            http_headers_set(r, "Content-Type", e->files[0].mime);
        file_content(e->files[0].path, opt, &bytes, NULL, &deferred);
        r->post_data = xstrdup(FILE_PLACEHOLDER);
        set_body(r, &bytes, HTTP_BODY_FILE);
        goto done;
    }
    if (http_eval_values_as_body(e)) {
        if (!has_ct && e->n_files > 0 && e->files[0].mime[0])
            http_headers_set(r, "Content-Type", e->files[0].mime);
        struct strbuf text;
        strbuf_init(&text);
        for (size_t i = 0; i < e->n_args; i++) {
            if (e->args[i].always_encode)
                url_encode_form(e->args[i].value, cs, &text);
            else
                strbuf_adds(&text, e->args[i].value);
        }
        charset_encode(cs, text.s, text.len, &bytes);
        r->post_data = strbuf_detach(&text);
        r->entity_type = xasprintf("text/plain; charset=%s", cs);
        set_body(r, &bytes, HTTP_BODY_RAW);
        goto done;
    }
    bool first = true;
    for (size_t i = 0; i < e->n_args; i++) {
        const struct http_eval_arg *a = &e->args[i];
        if (skippable(a->name))
            continue;
        struct strbuf name, value;
        strbuf_init(&name);
        strbuf_init(&value);
        char *error = NULL;
        if (a->always_encode) {
            strbuf_adds(&name, a->name);
            strbuf_adds(&value, a->value);
        } else if (!url_decode_form(a->name, cs, &name, &error) ||
                   !url_decode_form(a->value, cs, &value, &error)) {
            /* the value was meant to be encoded already: it is decoded first */
            http_request_fail(r, "java.lang.IllegalArgumentException", error);
            free(error);
            strbuf_free(&name);
            strbuf_free(&value);
            strbuf_free(&bytes);
            return false;
        }
        if (!first)
            strbuf_addc(&bytes, '&');
        first = false;
        form_field(name.s, cs, &bytes);
        strbuf_addc(&bytes, '=');
        form_field(value.s, cs, &bytes);
        strbuf_free(&name);
        strbuf_free(&value);
    }
    r->post_data = xstrdup(bytes.s);
    r->entity_type = xasprintf("application/x-www-form-urlencoded; charset=%s", cs);
    set_body(r, &bytes, HTTP_BODY_FORM);
done:
    if (ok && deferred)
        http_request_fail(r, "java.io.FileNotFoundException", deferred);
    free(deferred);
    return ok;
}
