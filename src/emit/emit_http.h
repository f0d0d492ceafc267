/* emit_http.h - what the files of the HTTP Request emitter share:
 * emit_http.c (the call, headers), emit_http_url.c (host, URL, query
 * string, charsets), emit_http_body.c (the request body) and
 * emit_http_proxy.c (proxies). */
#ifndef JMX2RUN_EMIT_HTTP_H
#define JMX2RUN_EMIT_HTTP_H

#include "emit_internal.h"

/* The keyword arguments and headers of one client call being built. */
struct eh_request {
    struct ptrvec args;      /* keyword arguments of the call (malloc'd) */
    struct strbuf headers;   /* the dict's items */
    bool headers_any;
};

void eh_add_kw(struct eh_request *r, char *kw);
void eh_add_header(struct eh_request *r, const char *name_expr, const char *value_expr);

/* emit_http_url.c */
const char *eh_charset(const char *name);   /* Java's name of a literal charset */
void eh_urlencode(const char *s, struct strbuf *out);   /* java.net.URLEncoder, UTF-8 */
bool eh_full_url(const struct tmpl *path);       /* the path is a whole URL */
void eh_base_url(struct emitter *em, const struct plan_http_sampler *h, const char *self,
                   struct strbuf *out);            /* scheme://host[:port] as Python */
void eh_query(struct emitter *em, const struct plan_http_sampler *h, const char *cs,
                const char *sampler, struct strbuf *out);
bool eh_has_query(const struct plan_http_sampler *h);

/* emit_http_proxy.c: the request's proxies= keyword argument (malloc'd), or
 * NULL when the run's proxy applies; the run-wide proxy of the conversion
 * (-H -P ...) is set up with the first request. A TODO comment into w
 * instead with FastHttpUser. */
char *eh_proxies(struct emitter *em, struct pyw *w, const struct plan_node *node,
                 const char *sampler);

/* emit_http_body.c */
bool eh_lit_empty(const struct tmpl *t);              /* NULL or literally "" */
bool eh_values_as_body(const struct plan_http_sampler *h);
bool eh_file_as_body(const struct plan_http_sampler *h);
bool eh_plan_sets_ct(const struct plan_scope *s);
/* The body of an entity-enclosing request: statements into w, data= and the
 * Content-Type into r; *ct_from_var when the Content-Type is the variable
 * content_type (multipart). */
void eh_body(struct emitter *em, struct pyw *w, const struct plan_node *node,
               const struct plan_http_sampler *h, const char *cs, struct eh_request *r,
               bool *ct_from_var);

#endif
