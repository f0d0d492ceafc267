/* http_request.h - what an HTTP Request sampler sends, worked out before
 * anything goes on the wire, and the pure helpers around HTTP samples.
 *
 * http_request_build() turns an HTTP Request (already merged with its HTTP
 * Request Defaults), the Header and Authorization Managers of its scope and
 * the user's variables into the request Apache JMeter 5.6 sends with its
 * HttpClient 4 implementation (digest §5.2-5.4, §6.2, §6.5): method, URL,
 * headers in sending order, body, and the texts JMeter records (sampler data,
 * request headers). Failures JMeter raises before or while sending (bad URL,
 * unreadable file, unknown charset...) come back as error_class and
 * error_message with JMeter's texts (digest §5.8); nothing is to be sent then
 * (a file: URL is not sent either: scheme "file", JMeter reads the file).
 *
 * Further down: Java-compatible URL encoding and charsets (url.c), URL parsing
 * and redirect resolution (url_java.c, digest §5.5), and the embedded resources
 * of a page (embedded.c, digest §5.6). Nothing here touches the network.
 *
 * How the transport sends exactly this with libcurl:
 *   CURLOPT_URL            req.wire_url (scheme://host[:port] + target)
 *   CURLOPT_REQUEST_TARGET req.target (HttpClient's request target, verbatim)
 *   CURLOPT_PATH_AS_IS     1 (curl must not squash "/../" or "/./")
 *   CURLOPT_HTTPHEADER     http_request_header_lines(): every header in order,
 *                          Host, Connection, User-Agent, Content-Length and
 *                          Content-Type included, the Cookie header at
 *                          cookie_pos, plus "Accept:", "Expect:",
 *                          "Accept-Encoding:" (and "Content-Type:" for an
 *                          entity without one) entries that stop curl adding
 *                          its own; an empty value is written "Name;", curl's
 *                          way to send an empty header
 *   CURLOPT_USERAGENT, CURLOPT_COOKIE, CURLOPT_USERPWD: left unset (all headers
 *                          come from the list above)
 *   response decoding      JMeter decodes gzip/deflate/br bodies it never asked
 *                          for: decode in the transport, or set
 *                          CURLOPT_ACCEPT_ENCODING "" (the "Accept-Encoding:"
 *                          line keeps curl from announcing it)
 *   cookies                JMeter writes Cookie right after the Header Manager
 *                          headers (cookie_pos); curl's cookie engine would put
 *                          it before every listed header instead
 *   method                 GET: CURLOPT_HTTPGET; HEAD: CURLOPT_NOBODY; any
 *                          other method, and GET with a body:
 *                          CURLOPT_CUSTOMREQUEST = req.method
 *   body (req.entity)      CURLOPT_POSTFIELDS = req.body with
 *                          CURLOPT_POSTFIELDSIZE_LARGE = req.body_len, even
 *                          when 0 (Content-Length is in the header list)
 *   redirects              CURLOPT_FOLLOWLOCATION only for auto_redirects
 *                          (max 20); follow_redirects is done by the engine
 *                          with http_redirect_*() and http_request_build_url()
 *   Digest credentials     req.auth with mechanism AUTH_DIGEST:
 *                          CURLOPT_HTTPAUTH = CURLAUTH_DIGEST,
 *                          CURLOPT_USERNAME / CURLOPT_PASSWORD
 *   CURLOPT_HTTP_VERSION   CURL_HTTP_VERSION_1_1
 *   proxy                  CURLOPT_PROXY = http_proxy_url(), "" when direct (so
 *                          that libcurl does not read http_proxy from the
 *                          environment), CURLOPT_NOPROXY "" (nor no_proxy);
 *                          proxy_user: CURLOPT_PROXYUSERNAME / PROXYPASSWORD,
 *                          CURLOPT_PROXYAUTH = CURLAUTH_BASIC; through a plain
 *                          HTTP proxy the request target is wire_url (HttpClient
 *                          sends the absolute URI); https URLs go through a
 *                          CONNECT tunnel, libcurl's default
 */
#ifndef JMX2RUN_HTTP_REQUEST_H
#define JMX2RUN_HTTP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/expr.h"
#include "jmx2run/plan.h"
#include "jmx2run/plan_elements.h"
#include "jmx2run/util.h"

/* HttpClient 4.5.14's default User-Agent under the Java JMeter 5.6 runs on. */
#define HTTP_DEFAULT_USER_AGENT "Apache-HttpClient/4.5.14 (Java/17.0.15)"

/* ------------------------------------------------------------------ request */

struct http_proxy_settings;   /* http_proxy.h */

struct http_header {
    char *name;     /* as configured (UTF-8) */
    char *value;    /* as configured (UTF-8): what JMeter shows */
    char *wire;     /* the value as HttpClient writes it: ISO-8859-1 bytes, '?' for
                       other characters, CR LF FF VT turned into spaces */
};

enum http_body_kind {
    HTTP_BODY_NONE,        /* no entity, no Content-Length (GET, HEAD, OPTIONS, TRACE) */
    HTTP_BODY_FORM,        /* application/x-www-form-urlencoded pairs */
    HTTP_BODY_RAW,         /* argument values one after the other */
    HTTP_BODY_FILE,        /* the bytes of one file */
    HTTP_BODY_MULTIPART,   /* multipart/form-data */
};

/* The Authorization Manager entry that applies to the request. */
struct http_auth {
    enum auth_mechanism mechanism;
    char *url, *username, *password, *domain, *realm;   /* evaluated */
};

/* Settings that come from JMeter properties or from the run, not from the plan. */
struct http_request_options {
    const char *base_dir;     /* relative file paths are resolved against it (the plan's
                                 directory); NULL = the current directory */
    const char *user_agent;   /* default User-Agent; NULL = HTTP_DEFAULT_USER_AGENT, "" = none
                                 (httpclient4.default_user_agent_disabled=true) */
    bool no_preemptive_auth;  /* httpclient4.auth.preemptive=false: no Basic header up front */
    const char *boundary;     /* multipart boundary; NULL = random, like HttpClient's */
    const struct http_proxy_settings *proxy;   /* -H -P -N ... (http_proxy.h); NULL = none */
};

struct http_request {
    char *method;             /* as evaluated: "GET", "POST", "PROPFIND", ... */
    char *url;                /* the sample URL as JMeter records it (java.net.URL text);
                                 NULL when JMeter could not build one */
    char *wire_url;           /* what to connect to: scheme://host[:port] + target */
    char *target;             /* request target as HttpClient writes it: fragment dropped,
                                 non-ASCII as UTF-8 %XX, empty path segments removed */
    char *scheme;             /* "http" or "https" ("file" for file: URLs, not sent) */
    char *host;               /* as in the URL ([...] for IPv6) */
    int port;                 /* explicit port, or the scheme's default */

    struct http_header *headers;   /* sending order; the Cookie header is not in it */
    size_t n_headers;
    size_t cookie_pos;        /* index in headers where a Cookie header goes */

    bool entity;              /* the request has an entity: Content-Length is sent */
    enum http_body_kind body_kind;
    char *body;               /* bytes to send (may contain NULs) */
    size_t body_len;
    char *post_data;          /* the body as JMeter shows it (file content left out) */
    char *entity_type;        /* the entity's own Content-Type, sent when no header sets one */

    struct http_auth *auth;   /* matching Authorization Manager entry, or NULL */

    /* Other sampler settings, evaluated once with the rest. */
    char *content_encoding;   /* charset of query values and bodies, Java's name ("UTF-8") */
    long connect_timeout_ms;  /* 0 = none */
    long response_timeout_ms; /* per read; 0 = none */
    char *embedded_url_re;    /* "" = no filter */
    char *embedded_url_exclude_re;
    int concurrent_pool;      /* parallel downloads (JMeter's default 6 when unparsable) */
    char *ip_source;
    /* The proxy the request goes through, chosen by http_proxy_route() from the
     * sampler's fields and the run's -H -P -N (http_proxy.h): proxy_host "" =
     * direct. proxy_pass is never to be printed. */
    char *proxy_scheme, *proxy_host, *proxy_user, *proxy_pass;
    int proxy_port;

    /* Set when JMeter fails this request; nothing is to be sent then. The
     * headers stay filled only for an unreadable file, which JMeter meets
     * while writing the body (it records the request headers then). */
    char *error_class;        /* "java.net.URISyntaxException", ... */
    char *error_message;
};

/* Builds the request of sampler h. scope may be NULL (no managers); opt may be
 * NULL (defaults). Each template is evaluated once, in this order: path,
 * domain, protocol, method, contentEncoding, port, the arguments (name, value,
 * part type), the files (path, parameter, MIME type), the headers, the
 * matching Authorization Manager entries, then the remaining settings;
 * evaluation stops where JMeter would stop on an error. Always fills out;
 * release it with http_request_free. */
void http_request_build(const struct plan_http_sampler *h, const struct plan_scope *scope,
                        struct expr_ctx *ctx, const struct http_request_options *opt,
                        struct http_request *out);

/* The same sampler sent to a given URL and method: a redirect hop
 * (following_redirect: never a body) or an embedded resource (GET, with a body
 * exactly when the sampler's own GET would have one). */
void http_request_build_url(const struct plan_http_sampler *h, const struct plan_scope *scope,
                            struct expr_ctx *ctx, const struct http_request_options *opt,
                            const char *url, const char *method, bool following_redirect,
                            struct http_request *out);

void http_request_free(struct http_request *r);

/* The headers as curl_slist lines (see the top of this file), the Cookie
 * header ("Cookie: <cookie>") inserted at cookie_pos when cookie is not
 * empty; a header without a name (curl cannot send one) is left out.
 * Returns a NULL-terminated array; free with http_header_lines_free. */
char **http_request_header_lines(const struct http_request *r, const char *cookie);
void http_header_lines_free(char **lines);

/* JMeter's request headers text: "Name: value\n" for every header except the
 * Cookie (JMeter leaves it out). Appends to out. */
void http_request_headers_text(const struct http_request *r, struct strbuf *out);

/* JMeter's sampler data: "<METHOD> <url>\n", then "\n<METHOD> data:\n<post
 * data>\n" unless the method is HEAD, OPTIONS or TRACE, then "\nCookie
 * Data:\n<cookie>" or "\n[no cookies]", then "\n". cookie may be NULL.
 * Appends to out. */
void http_request_sampler_data(const struct http_request *r, const char *cookie,
                               struct strbuf *out);

/* ---------------------------------------------------------------- redirects */

/* JMeter 5.6's redirect codes: 301 302 303 308, and 307 for GET and HEAD only. */
bool http_is_redirect(int status, const char *method);
/* Method of the next hop: HEAD stays HEAD, everything else becomes GET (5.x). */
const char *http_redirect_method(const char *method);
/* The next hop's URL for a Location header, as JMeter resolves it: "/.."
 * segments collapsed, spaces as %20, relative to base, characters a URI
 * cannot hold escaped. Returns a malloc'd URL, or NULL with *err_class and
 * *err_message set (malloc'd). */
char *http_redirect_url(const char *base, const char *location, char **err_class,
                        char **err_message);

/* ---------------------------------------------------- URL encoding, charsets */

enum charset_status { CHARSET_OK, CHARSET_ILLEGAL_NAME, CHARSET_UNSUPPORTED };

/* Looks up a charset by any of its Java names; *canonical gets Java's name
 * ("utf8" -> "UTF-8"; a static string or name itself). */
enum charset_status charset_lookup(const char *name, const char **canonical);
/* UTF-8 text -> bytes in the charset; characters it cannot hold become '?'. */
void charset_encode(const char *charset, const char *text, size_t len, struct strbuf *out);
/* Bytes in the charset -> UTF-8 text; malformed input becomes U+FFFD. */
void charset_decode(const char *charset, const char *bytes, size_t len, struct strbuf *out);

/* java.net.URLEncoder.encode(text, charset): A-Z a-z 0-9 . - * _ kept, space
 * -> '+', every other byte of the charset's encoding -> %XX. Returns false
 * (appending nothing) when the charset is not supported. */
bool url_encode_form(const char *text, const char *charset, struct strbuf *out);
/* java.net.URLDecoder.decode(text, charset). On bad input returns false and
 * sets *error (malloc'd) to the IllegalArgumentException message. */
bool url_decode_form(const char *text, const char *charset, struct strbuf *out, char **error);

/* ---------------------------------------------------- java.net.URL and URI */

/* A URL split the way java.net.URL holds it. */
struct url_parts {
    char *scheme;      /* lower case */
    char *authority;   /* NULL when absent */
    char *userinfo;    /* NULL when absent */
    char *host;        /* "" when absent; IPv6 in brackets */
    int port;          /* -1 when not given */
    char *path;        /* "" when absent */
    char *query;       /* NULL when absent */
    char *fragment;    /* NULL when absent */
};

/* new URL(url) for http, https and file URLs. Returns false when Java would
 * throw, with *error (malloc'd, may be NULL) set to the
 * MalformedURLException message. */
bool url_parse(const char *url, struct url_parts *out, char **error);
/* new URL(base, spec): spec resolved against base. Same failure contract. */
bool url_resolve(const struct url_parts *base, const char *spec, struct url_parts *out,
                 char **error);
/* URL.toString(). Returns a malloc'd string. */
char *url_to_string(const struct url_parts *p);
void url_parts_free(struct url_parts *p);
/* 80 for http, 443 for https, -1 otherwise (case-insensitive). */
int url_default_port(const char *scheme);
/* The port a URL connects to: explicit or the default. */
int url_effective_port(const struct url_parts *p);
/* A protocol the JDK has a URL handler for (lower case): http, https, file,
 * ftp, jar, mailto, jrt, jmod. Anything else is "unknown protocol". */
bool url_known_protocol(const char *protocol);

/* What URL.toURI() says of a URL text: NULL when it is a valid java.net.URI,
 * else the URISyntaxException message (malloc'd). */
char *url_uri_error(const char *url);
/* The target host HttpClient takes from a valid URI text (its own fallback
 * included): false when there is none, the "URI does not specify a valid host
 * name" case. *host is malloc'd; *port is -1 when not given. */
bool url_http_host(const char *url, char **host, int *port);
/* The request target HttpClient writes for a valid URI text (see
 * http_request.target). Returns a malloc'd string. */
char *url_request_target(const char *url);
/* The three above from one parse of the text. */
struct url_uri_info {
    char *error;       /* url_uri_error(); the rest is set only when NULL */
    bool has_host;     /* url_http_host() */
    char *host;        /* NULL when there is none */
    int port;          /* -1 when not given */
    char *target;      /* url_request_target() */
};
void url_uri_inspect(const char *url, struct url_uri_info *out);
void url_uri_info_free(struct url_uri_info *info);

/* JMeter's ConversionUtils: removeSlashDotDot, makeRelativeURL (new URL(base,
 * location) with extra leading "../" dropped) and sanitizeUrl (a URL whose
 * text is not a valid URI is rebuilt with illegal characters escaped).
 * url_make_relative returns NULL with *error set like url_resolve;
 * url_sanitize returns NULL when the URL cannot be made a URI. */
char *url_remove_slash_dot_dot(const char *url);
char *url_make_relative(const char *base, const char *location, char **error);
char *url_sanitize(const char *url);
/* url.toURI().normalize().toURL(): NULL when the text is not a URI. */
char *url_normalize(const char *url);

/* -------------------------------------------------------- embedded resources */

enum embedded_parser { EMBEDDED_NONE, EMBEDDED_HTML, EMBEDDED_CSS };

/* The parser JMeter uses for a response Content-Type (its media type, lower
 * case): text/html, application/xhtml+xml, application/xml, text/xml and
 * text/vnd.wap.wml -> HTML; text/css -> CSS. */
enum embedded_parser embedded_parser_for(const char *content_type);

struct embedded_resource {
    char *url;            /* the URL to GET */
    char *error_class;    /* or, when not NULL, an error sub-result JMeter records instead */
    char *error_message;
};

struct embedded_list {
    struct embedded_resource *items;
    size_t n;
};

/* The resources JMeter 5.6 fetches for a page, in order (digest §5.6): body
 * decoded from encoding (NULL or "": JMeter's default, the <meta
 * http-equiv="content-type"> charset of an HTML page or else ISO-8859-1),
 * URLs resolved against base_url and <base href>, duplicates dropped (HTML;
 * a style sheet's @import list keeps them), then kept only when allow_re (if
 * not empty) matches the whole URL and exclude_re (if not empty) does not.
 * Invalid regexes are ignored, as JMeter does. Fills out (free with
 * embedded_list_free). */
void embedded_extract(const char *body, size_t len, const char *content_type,
                      const char *encoding, const char *base_url, const char *allow_re,
                      const char *exclude_re, struct embedded_list *out);
void embedded_list_free(struct embedded_list *l);

/* ------------------------------------------------- internal to http_request*.c */

/* The pieces of http_request_build live in three files (http_request.c: URL
 * and flow, http_request_body.c: the entity, http_request_headers.c: the
 * header list); these are their common ground, not an API for other code. */
struct http_eval_arg {
    char *name, *value;
    char *content_type;       /* NULL = text/plain (property absent) */
    const char *metadata;     /* "=" when the plan has none */
    bool always_encode;
};

struct http_eval_file {
    char *path, *param, *mime;
};

struct http_eval {
    struct http_eval_arg *args;
    size_t n_args;
    struct http_eval_file *files;
    size_t n_files;
    bool multipart, browser_compatible, post_body_raw;
};

/* Java URL port of the request (-1 when the URL has none). */
int http_request_url_port(const struct http_request *r);
/* Sets r->error_class / error_message (copies). */
void http_request_fail(struct http_request *r, const char *cls, const char *msg);
/* The entity of an entity-enclosing request (JMeter's
 * setupHttpEntityEnclosingRequestData); false when it failed (error set). */
bool http_request_body(struct http_request *r, const struct http_eval *e,
                       const struct http_request_options *opt);
/* JMeter's send-as-body tests on the evaluated arguments and files. */
bool http_eval_file_as_body(const struct http_eval *e);
bool http_eval_values_as_body(const struct http_eval *e);
/* Header list edits, in HttpClient's terms. */
void http_headers_add(struct http_request *r, const char *name, const char *value);
void http_headers_set(struct http_request *r, const char *name, const char *value);
void http_headers_remove(struct http_request *r, const char *name);
const struct http_header *http_headers_first(const struct http_request *r, const char *name);
/* Connection and the Header Managers' headers (JMeter's setupRequest); false
 * when it failed (error set). */
bool http_request_setup_headers(struct http_request *r, const struct plan_scope *scope,
                                struct expr_ctx *ctx, bool keepalive);
/* What HttpClient adds while executing: Content-Length, the entity's
 * Content-Type, Host, User-Agent, the pre-emptive Authorization; false when
 * it failed (error set). uri is the URL's url_uri_inspect() (valid, with a
 * host). */
bool http_request_finish_headers(struct http_request *r, const struct plan_scope *scope,
                                 struct expr_ctx *ctx, const struct http_request_options *opt,
                                 const struct url_uri_info *uri);
/* The @import locations of a style sheet, in order, as written (for
 * embedded.c, from embedded_css.c). Pushes malloc'd strings onto out. */
void embedded_css_imports(const char *css, struct ptrvec *out);

#endif
