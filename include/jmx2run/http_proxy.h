/* http_proxy.h - which proxy an HTTP request goes through, decided the way
 * JMeter 5.6 decides it (HTTPHCAbstractImpl, HTTPHC4Impl.createHttpClientKey):
 *
 *   1. the sampler's own proxy (HTTPSampler.proxyHost / proxyPort / proxyScheme /
 *      proxyUser / proxyPass, possibly merged from HTTP Request Defaults) when
 *      its host is not blank and its port is above 0; -N does not apply to it;
 *   2. otherwise the run's proxy (-H host -P port, -E scheme, -u user -a
 *      password; JMeter's http.proxyHost / http.proxyPort / http.proxyScheme
 *      system properties and http.proxyUser / http.proxyPass JMeter
 *      properties), unless the URL's host is one of the non-proxy hosts (-N);
 *   3. otherwise none: the request goes direct. Environment variables such as
 *      http_proxy and no_proxy are ignored, as Java ignores them.
 *
 * -N takes JMeter's own syntax (not Java's nor curl's): entries separated by
 * '|'; an entry starting with '*' matches every host that ends with the rest
 * ("*.example.com" matches "www.example.com" but not "example.com"; "*"
 * matches every host); any other entry matches that host exactly. Comparisons
 * are case-sensitive, as JMeter's are. A sampler proxy without a scheme takes
 * -E's (default http), as JMeter's does.
 *
 * Proxy credentials are sent as pre-emptive Basic authentication (see
 * http_transport.c). The password is kept here and handed to libcurl only: it
 * is never printed, logged or recorded. Nothing here touches the network. */
#ifndef JMX2RUN_HTTP_PROXY_H
#define JMX2RUN_HTTP_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/http_request.h"
#include "jmx2run/props.h"

/* The command-line flags as given (NULL = not given). */
struct http_proxy_flags {
    const char *host;             /* -H */
    const char *port;             /* -P */
    const char *scheme;           /* -E */
    const char *user;             /* -u */
    const char *pass;             /* -a (used only with -u, as in JMeter) */
    const char *non_proxy_hosts;  /* -N */
};

/* The run-wide proxy: what JMeter keeps in its http.proxy* properties. */
struct http_proxy_settings {
    char *host;                   /* NULL: no run-wide proxy */
    int port;
    char *scheme;                 /* lower case; "http" unless -E said otherwise */
    char *user, *pass;            /* "" = no credentials */
    char **exact;                 /* -N entries matched whole */
    size_t n_exact;
    char **suffixes;              /* -N entries that began with '*', without it */
    size_t n_suffixes;
};

/* Fills ps from the flags; when -u is not given, the user and password come
 * from the JMeter properties http.proxyUser and http.proxyPass (props may be
 * NULL). Returns false with *error set (malloc'd, never containing the
 * password) when -H comes without -P or the reverse, when -P is not a port
 * number or when -E is not http or https. */
bool http_proxy_settings_init(struct http_proxy_settings *ps, const struct http_proxy_flags *f,
                              struct props *props, char **error);
void http_proxy_settings_free(struct http_proxy_settings *ps);

/* True when host is one of -N's non-proxy hosts (ps may be NULL). */
bool http_proxy_bypass(const struct http_proxy_settings *ps, const char *host);

/* Decides the proxy of a built request: r->host and the sampler's evaluated
 * proxy_* fields are read; on return r->proxy_host is the proxy to use (""
 * = direct) and r->proxy_scheme, proxy_port, proxy_user and proxy_pass go
 * with it. A proxy scheme other than http or https fails the request as
 * HttpClient does (UnsupportedSchemeException). ps may be NULL (no -H). */
void http_proxy_route(struct http_request *r, const struct http_proxy_settings *ps);

/* "scheme://host:port" for libcurl's CURLOPT_PROXY (an IPv6 address in
 * brackets), or NULL when r goes direct. No credentials in it. Malloc'd. */
char *http_proxy_url(const struct http_request *r);

/* The standard reason phrase of a status a proxy refuses a CONNECT with
 * ("Proxy Authentication Required" for 407), "" for others. */
const char *http_proxy_reason(long status);

#endif
