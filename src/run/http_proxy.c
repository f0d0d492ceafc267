/* http_proxy.c - the run-wide proxy from the command line, JMeter's
 * nonProxyHosts matcher, and the choice of proxy for each request (see
 * http_proxy.h). Pure logic: http_transport.c hands the result to libcurl. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/http_proxy.h"

/* -P: a port number, as Integer.parseInt reads it, from 1 to 65535. */
static bool parse_port(const char *s, int *port)
{
    const char *p = s;
    if (*p == '+')
        p++;
    if (!*p)
        return false;
    long v = 0;
    for (; *p; p++) {
        if (!isdigit((unsigned char)*p))
            return false;
        v = v * 10 + (*p - '0');
        if (v > 65535)
            return false;
    }
    *port = (int)v;
    return v > 0;
}

static char *lower_dup(const char *s)
{
    char *d = xstrdup(s);
    for (char *c = d; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return d;
}

static bool supported_scheme(const char *lower)
{
    return strcmp(lower, "http") == 0 || strcmp(lower, "https") == 0;
}

/* JMeter splits with a StringTokenizer on '|': empty entries vanish, nothing
 * is trimmed. */
static void parse_non_proxy_hosts(struct http_proxy_settings *ps, const char *list)
{
    size_t cap = 1;
    for (const char *c = list; *c; c++)
        cap += *c == '|';
    ps->exact = xcalloc(cap, sizeof *ps->exact);
    ps->suffixes = xcalloc(cap, sizeof *ps->suffixes);
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, "|");
        if (n > 0) {
            if (p[0] == '*')
                ps->suffixes[ps->n_suffixes++] = xstrndup(p + 1, n - 1);
            else
                ps->exact[ps->n_exact++] = xstrndup(p, n);
        }
        p += n;
        if (*p == '|')
            p++;
    }
}

static char *prop_or_empty(struct props *props, const char *name)
{
    char *v = props ? props_get_dup(props, name) : NULL;
    return v ? v : xstrdup("");
}

bool http_proxy_settings_init(struct http_proxy_settings *ps, const struct http_proxy_flags *f,
                              struct props *props, char **error)
{
    memset(ps, 0, sizeof *ps);
    *error = NULL;
    ps->scheme = xstrdup("http");
    /* JMeter's -u sets http.proxyUser, and -a (only with -u) http.proxyPass */
    if (f->user) {
        ps->user = xstrdup(f->user);
        ps->pass = f->pass ? xstrdup(f->pass) : prop_or_empty(props, "http.proxyPass");
    } else {
        ps->user = prop_or_empty(props, "http.proxyUser");
        ps->pass = prop_or_empty(props, "http.proxyPass");
    }
    if (f->non_proxy_hosts)
        parse_non_proxy_hosts(ps, f->non_proxy_hosts);
    if (!f->host && !f->port)
        return true;
    if (!f->host || !f->port) {
        /* JMeter's own words for it (proxy_cl_error) */
        *error = xstrdup("If specifying a proxy server, host and port must be given (-H host -P port)");
        goto fail;
    }
    if (str_is_blank(f->host)) {
        *error = xstrdup("-H needs a proxy host name");
        goto fail;
    }
    if (!parse_port(f->port, &ps->port)) {
        *error = xasprintf("-P %s: not a port number (1 to 65535)", f->port);
        goto fail;
    }
    if (f->scheme && !str_is_blank(f->scheme)) {
        char *scheme = lower_dup(f->scheme);
        if (!supported_scheme(scheme)) {
            /* JMeter would fail every sample with "<scheme> protocol is not supported" */
            *error = xasprintf("-E %s: the proxy scheme must be http or https", f->scheme);
            free(scheme);
            goto fail;
        }
        free(ps->scheme);
        ps->scheme = scheme;
    }
    ps->host = xstrdup(f->host);
    return true;
fail:
    http_proxy_settings_free(ps);
    return false;
}

void http_proxy_settings_free(struct http_proxy_settings *ps)
{
    if (!ps)
        return;
    free(ps->host);
    free(ps->scheme);
    free(ps->user);
    if (ps->pass) {
        memset(ps->pass, 0, strlen(ps->pass));
        free(ps->pass);
    }
    for (size_t i = 0; i < ps->n_exact; i++)
        free(ps->exact[i]);
    for (size_t i = 0; i < ps->n_suffixes; i++)
        free(ps->suffixes[i]);
    free(ps->exact);
    free(ps->suffixes);
    memset(ps, 0, sizeof *ps);
}

/* HTTPHCAbstractImpl.isNonProxy: nonProxyHostFull.contains(host) or
 * host.endsWith(one of the suffixes). */
bool http_proxy_bypass(const struct http_proxy_settings *ps, const char *host)
{
    if (!ps || !host)
        return false;
    for (size_t i = 0; i < ps->n_exact; i++)
        if (strcmp(ps->exact[i], host) == 0)
            return true;
    for (size_t i = 0; i < ps->n_suffixes; i++)
        if (str_ends_with(host, ps->suffixes[i]))
            return true;
    return false;
}

static void replace(char **field, const char *value)
{
    free(*field);
    *field = xstrdup(value ? value : "");
}

void http_proxy_route(struct http_request *r, const struct http_proxy_settings *ps)
{
    const char *default_scheme = ps && ps->host ? ps->scheme : "http";
    if (!str_is_blank(r->proxy_host) && r->proxy_port > 0) {
        /* the sampler's own proxy: its credentials only, -N does not apply */
        if (!r->proxy_scheme || !*r->proxy_scheme)
            replace(&r->proxy_scheme, default_scheme);
        char *scheme = lower_dup(r->proxy_scheme);
        free(r->proxy_scheme);
        r->proxy_scheme = scheme;
        if (!r->proxy_user)
            replace(&r->proxy_user, "");
        if (!r->proxy_pass)
            replace(&r->proxy_pass, "");
    } else if (ps && ps->host && !http_proxy_bypass(ps, r->host)) {
        replace(&r->proxy_scheme, ps->scheme);
        replace(&r->proxy_host, ps->host);
        r->proxy_port = ps->port;
        replace(&r->proxy_user, ps->user);
        replace(&r->proxy_pass, ps->pass);
    } else {
        replace(&r->proxy_scheme, "");
        replace(&r->proxy_host, "");
        r->proxy_port = 0;
        replace(&r->proxy_user, "");
        replace(&r->proxy_pass, "");
        return;
    }
    if (!supported_scheme(r->proxy_scheme)) {
        /* HttpClient finds no socket factory for the proxy's scheme */
        char *msg = xasprintf("%s protocol is not supported", r->proxy_scheme);
        http_request_fail(r, "org.apache.http.conn.UnsupportedSchemeException", msg);
        free(msg);
    }
}

char *http_proxy_url(const struct http_request *r)
{
    if (!r->proxy_host || !*r->proxy_host)
        return NULL;
    const char *h = r->proxy_host;
    bool ipv6 = strchr(h, ':') && h[0] != '[';
    return xasprintf("%s://%s%s%s:%d", r->proxy_scheme && *r->proxy_scheme ? r->proxy_scheme : "http",
                     ipv6 ? "[" : "", h, ipv6 ? "]" : "", r->proxy_port);
}

const char *http_proxy_reason(long status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 407: return "Proxy Authentication Required";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}
