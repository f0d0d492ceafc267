/* url_java.c - java.net.URL as JMeter relies on it: parsing an absolute URL,
 * resolving a spec against a context URL, the text form, and JMeter's own
 * helpers around it (ConversionUtils.removeSlashDotDot, makeRelativeURL),
 * plus the redirect rules of digest §5.5. Java's quirks are kept on purpose:
 * a relative path keeps leading "/../" segments, "//" alone empties the
 * host, a matching scheme in a relative spec is ignored. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/http_request.h"

static char *dup_range(const char *s, size_t a, size_t b)
{
    return xstrndup(s + a, b > a ? b - a : 0);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void url_parts_free(struct url_parts *p)
{
    if (!p)
        return;
    free(p->scheme);
    free(p->authority);
    free(p->userinfo);
    free(p->host);
    free(p->path);
    free(p->query);
    free(p->fragment);
    memset(p, 0, sizeof *p);
}

int url_default_port(const char *scheme)
{
    if (scheme && strcasecmp(scheme, "http") == 0)
        return 80;
    if (scheme && strcasecmp(scheme, "https") == 0)
        return 443;
    return -1;
}

int url_effective_port(const struct url_parts *p)
{
    return p->port >= 0 ? p->port : url_default_port(p->scheme);
}

char *url_to_string(const struct url_parts *p)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addf(&sb, "%s:", p->scheme ? p->scheme : "");
    if (p->authority && *p->authority)
        strbuf_addf(&sb, "//%s", p->authority);
    strbuf_adds(&sb, p->path ? p->path : "");
    if (p->query)
        strbuf_addf(&sb, "?%s", p->query);
    if (p->fragment)
        strbuf_addf(&sb, "#%s", p->fragment);
    return strbuf_detach(&sb);
}

bool url_known_protocol(const char *p)
{
    static const char *const known[] = {"http", "https", "file", "ftp",
                                        "jar",  "mailto", "jrt", "jmod"};
    for (size_t i = 0; i < ARRAY_LEN(known); i++)
        if (strcmp(p, known[i]) == 0)
            return true;
    return false;
}

static bool valid_protocol(const char *s, size_t n)
{
    if (n < 1 || !isalpha((unsigned char)s[0]))
        return false;
    for (size_t i = 1; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c != '.' && c != '+' && c != '-')
            return false;
    }
    return true;
}

/* Integer.parseInt(s, 10) for a port; on failure *error gets Java's
 * NumberFormatException text for a sub-sequence. */
static bool parse_port(const char *s, size_t n, int *port, char **error)
{
    size_t i = 0;
    bool neg = false;
    long long v = 0;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    size_t bad = i == n ? i : (size_t)-1;
    for (; bad == (size_t)-1 && i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || v > 214748364LL)
            bad = i;
        else
            v = v * 10 + (s[i] - '0');
    }
    if (bad == (size_t)-1 && v > 2147483647LL + (neg ? 1 : 0))
        bad = n - 1;
    if (bad != (size_t)-1) {
        char *text = xstrndup(s, n);
        *error = xasprintf("Error at index %zu in: \"%s\"", bad, text);
        free(text);
        return false;
    }
    *port = (int)(neg ? -v : v);
    return true;
}

static bool ipv6_literal(const char *s, size_t n)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *pct = strchr(buf, '%');
    if (pct)
        *pct = '\0';
    unsigned char addr[16];
    return inet_pton(AF_INET6, buf, addr) == 1;
}

/* Removes "/./" and "/../" segments the way Java does for a merged relative
 * path (leading "/../" segments stay). */
static char *java_dot_segments(char *path)
{
    char *p;
    while ((p = strstr(path, "/./")) != NULL)
        memmove(p, p + 2, strlen(p + 2) + 1);
    size_t i = 0;
    while ((p = strstr(path + i, "/../")) != NULL) {
        size_t at = (size_t)(p - path);
        size_t lim = 0;
        bool found = false;
        for (size_t k = at; k-- > 0;)
            if (path[k] == '/') {
                lim = k;
                found = true;
                break;
            }
        if (at > 0 && found && strncmp(path + lim, "/../", 4) != 0) {
            memmove(path + lim, path + at + 3, strlen(path + at + 3) + 1);
            i = 0;
        } else {
            i = at + 3;
        }
    }
    while (str_ends_with(path, "/..")) {
        char *dd = strstr(path, "/..");
        size_t at = (size_t)(dd - path);
        bool found = false;
        size_t lim = 0;
        for (size_t k = at; k-- > 0;)
            if (path[k] == '/') {
                lim = k;
                found = true;
                break;
            }
        if (!found)
            break;
        path[lim + 1] = '\0';
    }
    if (str_starts_with(path, "./") && strlen(path) > 2)
        memmove(path, path + 2, strlen(path + 2) + 1);
    if (str_ends_with(path, "/."))
        path[strlen(path) - 1] = '\0';
    return path;
}

/* The authority part of URLStreamHandler.parseURL. */
static bool parse_authority(const char *auth, struct url_parts *u, char **error)
{
    free(u->authority);
    free(u->userinfo);
    free(u->host);
    u->authority = xstrdup(auth);
    u->userinfo = NULL;
    u->host = NULL;
    const char *at = strchr(auth, '@');
    const char *host = auth;
    if (at) {
        if (strrchr(auth, '@') != at) {
            host = NULL;   /* more than one '@': not a server-based authority */
        } else {
            u->userinfo = dup_range(auth, 0, (size_t)(at - auth));
            host = at + 1;
        }
    }
    u->port = -1;
    if (!host) {
        u->host = xstrdup("");
        return true;
    }
    size_t hn = strlen(host);
    if (hn > 0 && host[0] == '[') {
        const char *close = strchr(host, ']');
        if (!close || close - host <= 2) {
            *error = xasprintf("Invalid authority field: %s", auth);
            return false;
        }
        size_t ci = (size_t)(close - host);
        if (!ipv6_literal(host + 1, ci - 1)) {
            char *h = dup_range(host, 0, ci + 1);
            *error = xasprintf("Invalid host: %s", h);
            free(h);
            return false;
        }
        u->host = dup_range(host, 0, ci + 1);
        if (hn > ci + 1) {
            if (host[ci + 1] != ':') {
                *error = xasprintf("Invalid authority field: %s", auth);
                return false;
            }
            if (hn > ci + 2 && !parse_port(host + ci + 2, hn - ci - 2, &u->port, error))
                return false;
        }
    } else {
        const char *colon = strchr(host, ':');
        if (colon) {
            size_t pl = hn - (size_t)(colon - host) - 1;
            if (pl > 0 && !parse_port(colon + 1, pl, &u->port, error))
                return false;
            u->host = dup_range(host, 0, (size_t)(colon - host));
        } else {
            u->host = xstrdup(host);
        }
    }
    if (u->port < -1) {
        *error = xasprintf("Invalid port number :%d", u->port);
        return false;
    }
    return true;
}

/* URLStreamHandler.parseURL for spec[start, limit): u holds what was
 * inherited from the context. */
static bool parse_spec(struct url_parts *u, const char *spec_in, size_t start, size_t limit,
                       char **error)
{
    char *spec = xstrdup(spec_in);
    bool ok = false, rel_path = false, query_only = false;
    if (start < limit) {
        char *q = strchr(spec, '?');
        size_t qs = q ? (size_t)(q - spec) : (size_t)-1;
        query_only = qs == start;
        if (q && qs < limit) {
            free(u->query);
            u->query = dup_range(spec, qs + 1, limit);
            if (limit > qs)
                limit = qs;
            spec[qs] = '\0';
        }
    }
    bool unc = start + 4 <= limit && strncmp(spec + start, "////", 4) == 0;
    if (!unc && start + 2 <= limit && spec[start] == '/' && spec[start + 1] == '/') {
        start += 2;
        size_t i = start;
        char *slash = strchr(spec + start, '/');
        i = slash ? (size_t)(slash - spec) : (size_t)-1;
        if (i == (size_t)-1 || i > limit) {
            char *q = strchr(spec + start, '?');
            i = q ? (size_t)(q - spec) : (size_t)-1;
            if (i == (size_t)-1 || i > limit)
                i = limit;
        }
        char *auth = dup_range(spec, start, i);
        bool good = parse_authority(auth, u, error);
        free(auth);
        if (!good)
            goto out;
        start = i;
        if (u->authority && *u->authority) {
            free(u->path);
            u->path = xstrdup("");
        }
    }
    if (!u->host)
        u->host = xstrdup("");
    if (start < limit) {
        char *piece = dup_range(spec, start, limit);
        if (spec[start] == '/') {
            free(u->path);
            u->path = piece;
            piece = NULL;
        } else if (u->path && *u->path) {
            rel_path = true;
            char *last = strrchr(u->path, '/');
            size_t keep = last ? (size_t)(last - u->path) + 1 : 0;
            const char *sep = !last && u->authority ? "/" : "";
            char *np = xasprintf("%.*s%s%s", (int)keep, u->path, sep, piece);
            free(u->path);
            u->path = np;
        } else {
            char *np = xasprintf("%s%s", u->authority ? "/" : "", piece);
            free(u->path);
            u->path = np;
        }
        free(piece);
    } else if (query_only && u->path) {
        char *last = strrchr(u->path, '/');
        size_t keep = last ? (size_t)(last - u->path) : 0;
        char *np = xasprintf("%.*s/", (int)keep, u->path);
        free(u->path);
        u->path = np;
    }
    if (!u->path)
        u->path = xstrdup("");
    if (rel_path)
        java_dot_segments(u->path);
    ok = true;
out:
    free(spec);
    return ok;
}

/* new URL(context, spec). context may be NULL. */
static bool java_url(const struct url_parts *context, const char *spec_in, struct url_parts *out,
                     char **error)
{
    memset(out, 0, sizeof *out);
    out->port = -1;
    if (error)
        *error = NULL;
    char *err = NULL;
    const char *spec = spec_in ? spec_in : "";
    size_t limit = strlen(spec), start = 0;
    while (limit > 0 && (unsigned char)spec[limit - 1] <= ' ')
        limit--;
    while (start < limit && (unsigned char)spec[start] <= ' ')
        start++;
    if (limit - start >= 4 && strncasecmp(spec + start, "url:", 4) == 0)
        start += 4;
    bool a_ref = start < strlen(spec) && spec[start] == '#';
    char *new_protocol = NULL;
    for (size_t i = start; !a_ref && i < limit && spec[i] != '/'; i++) {
        if (spec[i] == ':') {
            if (valid_protocol(spec + start, i - start)) {
                new_protocol = dup_range(spec, start, i);
                for (char *c = new_protocol; *c; c++)
                    *c = (char)tolower((unsigned char)*c);
                start = i + 1;
            }
            break;
        }
    }
    bool relative = false;
    char *protocol = new_protocol;
    if (context && (!new_protocol || strcasecmp(new_protocol, context->scheme) == 0)) {
        if (context->path && context->path[0] == '/') {
            free(new_protocol);
            new_protocol = NULL;
        }
        if (!new_protocol) {
            protocol = xstrdup(context->scheme);
            out->authority = dup_or_null(context->authority);
            out->userinfo = dup_or_null(context->userinfo);
            out->host = dup_or_null(context->host);
            out->port = context->port;
            out->path = dup_or_null(context->path);
            relative = true;
        } else {
            protocol = new_protocol;
        }
    }
    if (!protocol) {
        err = xasprintf("no protocol: %s", spec);
        goto fail;
    }
    out->scheme = protocol;
    if (!url_known_protocol(protocol)) {
        err = xasprintf("unknown protocol: %s", protocol);
        goto fail;
    }
    const char *hash = strchr(spec + start, '#');
    if (hash) {
        size_t hi = (size_t)(hash - spec);
        out->fragment = dup_range(spec, hi + 1, limit);
        limit = hi;
    }
    if (relative && start == limit) {
        /* an empty spec (or a bare "#ref") keeps the context's query and fragment */
        out->query = dup_or_null(context->query);
        if (!out->fragment)
            out->fragment = dup_or_null(context->fragment);
    }
    if (strcmp(protocol, "mailto") == 0) {
        free(out->path);
        out->path = dup_range(spec, start, limit);
        return true;
    }
    if (!parse_spec(out, spec, start, limit, &err))
        goto fail;
    return true;
fail:
    if (error)
        *error = err;
    else
        free(err);
    if (out->scheme != protocol)
        free(protocol);
    url_parts_free(out);
    return false;
}

bool url_parse(const char *url, struct url_parts *out, char **error)
{
    return java_url(NULL, url, out, error);
}

bool url_resolve(const struct url_parts *base, const char *spec, struct url_parts *out,
                 char **error)
{
    return java_url(base, spec, out, error);
}

/* ------------------------------------------------- JMeter's ConversionUtils */

char *url_remove_slash_dot_dot(const char *url_in)
{
    if (!url_in)
        return NULL;
    char *url = str_trim_dup(url_in);
    if (strlen(url) < 4 || !strstr(url, "/.."))
        return url;
    const char *css = strstr(url, "://");
    size_t path_start = 0;
    if (css) {
        const char *slash = strchr(css + 3, '/');
        if (!slash)
            return url;   /* Java would fail here; nothing to collapse anyway */
        path_start = (size_t)(slash - url);
    }
    size_t path_end = strlen(url);
    const char *qm = strchr(url, '?');
    if (qm && qm > url) {
        path_end = (size_t)(qm - url);
    } else {
        const char *hash = strchr(url, '#');
        if (hash && hash > url)
            path_end = (size_t)(hash - url);
    }
    if (path_end < path_start)
        return url;
    char *path = dup_range(url, path_start, path_end);
    bool lead = path[0] == '/', trail = path[0] && path[strlen(path) - 1] == '/';
    struct ptrvec tokens = {0};
    for (char *save = NULL, *t = strtok_r(path, "/", &save); t; t = strtok_r(NULL, "/", &save))
        ptrvec_push(&tokens, t);
    for (long i = 0; i < (long)tokens.len; i++) {
        if (i < (long)tokens.len - 1) {
            const char *tok = tokens.items[i];
            if (*tok && strcmp(tok, "..") != 0 && strcmp(tokens.items[i + 1], "..") == 0) {
                memmove(&tokens.items[i], &tokens.items[i + 2],
                        (tokens.len - (size_t)i - 2) * sizeof(void *));
                tokens.len -= 2;
                i -= 2;
                if (i < -1)
                    i = -1;
            }
        }
    }
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addn(&sb, url, path_start);
    if (lead)
        strbuf_addc(&sb, '/');
    for (size_t i = 0; i < tokens.len; i++) {
        strbuf_adds(&sb, tokens.items[i]);
        if (i < tokens.len - 1 || trail)
            strbuf_addc(&sb, '/');
    }
    strbuf_adds(&sb, url + path_end);
    ptrvec_free(&tokens);
    free(path);
    free(url);
    return strbuf_detach(&sb);
}

char *url_make_relative(const char *base, const char *location, char **error)
{
    struct url_parts b, r;
    if (error)
        *error = NULL;
    if (!url_parse(base, &b, error))
        return NULL;
    if (!url_resolve(&b, location, &r, error)) {
        url_parts_free(&b);
        return NULL;
    }
    char *result = url_to_string(&r);
    if (str_starts_with(location, "../")) {
        /* Java keeps leading "/../" segments: drop as many "../" from the location */
        const char *p = r.path;
        size_t n = 0;
        if (p[0] == '/')
            while (strncmp(p + 1 + n, "../", 3) == 0)
                n += 3;
        if (n > 0 && strncmp(location, p + 1, n) == 0) {
            struct url_parts r2;
            if (url_resolve(&b, location + n, &r2, NULL)) {
                free(result);
                result = url_to_string(&r2);
                url_parts_free(&r2);
            }
        }
    }
    url_parts_free(&r);
    url_parts_free(&b);
    return result;
}

/* ----------------------------------------------------------------- redirects */

bool http_is_redirect(int status, const char *method)
{
    if (status == 301 || status == 302 || status == 303 || status == 308)
        return true;
    return status == 307 && (str_eq(method, "GET") || str_eq(method, "HEAD"));
}

const char *http_redirect_method(const char *method)
{
    return method && strcasecmp(method, "HEAD") == 0 ? "HEAD" : "GET";
}

char *http_redirect_url(const char *base, const char *location, char **err_class,
                        char **err_message)
{
    *err_class = NULL;
    *err_message = NULL;
    char *loc = url_remove_slash_dot_dot(location ? location : "");
    struct strbuf spaced;
    strbuf_init(&spaced);
    for (const char *p = loc; *p; p++) {
        if (*p == ' ')
            strbuf_adds(&spaced, "%20");
        else
            strbuf_addc(&spaced, *p);
    }
    free(loc);
    char *error = NULL;
    char *resolved = url_make_relative(base, spaced.s, &error);
    strbuf_free(&spaced);
    if (!resolved) {
        *err_class = xstrdup("java.net.MalformedURLException");
        *err_message = error ? error : xstrdup("");
        return NULL;
    }
    char *clean = url_sanitize(resolved);
    if (!clean) {
        *err_class = xstrdup("java.net.URISyntaxException");
        *err_message = url_uri_error(resolved);
        if (!*err_message)
            *err_message = xstrdup(resolved);
    }
    free(resolved);
    return clean;
}
