/* emit_http.c - an HTTP Request as a call of the Locust client that sends
 * what JMeter 5.6 sends (the rules of src/run/http_request*.c, digest §5):
 *
 *   URL      relative to the class's host when the request uses it, else
 *            absolute; a path that is a full URL is used as it is; for GET,
 *            DELETE and OPTIONS the arguments form the query string
 *            (URL-encoded as java.net.URLEncoder where asked)
 *   body     POST, PUT, PATCH, DELETE...: multipart, one file, the argument
 *            values as a raw body, or a url-encoded form, first rule wins;
 *            a GET whose arguments have no names sends them as its body
 *   headers  the Header Managers' (those every request sends are the
 *            class's default_headers), the body's Content-Type when the plan
 *            sets none, Connection: close without keep-alive
 *   redirects  allow_redirects follows JMeter's follow / auto redirects
 *   proxies  the sampler's own proxy, the run's (emit_http_proxy.c)
 *
 * Post-processors and assertions run inside "with ... as response:". */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "emit_http.h"

/* ----------------------------------------------------------------- headers */

/* A literal header value as HttpClient writes it: CR, LF, FF and VT become
 * spaces, characters beyond Latin-1 '?'. */
static char *header_text(const char *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        if (*p == '\r' || *p == '\n' || *p == '\f' || *p == '\v') {
            strbuf_addc(&sb, ' ');
        } else if (*p < 0x80) {
            strbuf_addc(&sb, (char)*p);
        } else if (n == 2 && p[1] && (p[0] == 0xC2 || p[0] == 0xC3)) {
            strbuf_addn(&sb, (const char *)p, 2);   /* U+0080..U+00FF */
        } else {
            strbuf_addc(&sb, '?');
        }
        for (size_t k = 0; k < n && *p; k++)
            p++;
    }
    return strbuf_detach(&sb);
}

static bool header_text_ok(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' || c == '\n' || c == '\f' || c == '\v' || (c >= 0xC4))
            return false;
    }
    return true;
}

/* Functions whose values are safe in a header (digits, hex, letters), with
 * text around them that is too. */
static bool header_safe(struct emitter *em, const struct tmpl *t)
{
    if (em->g && !header_text_ok(em->g->tg->name, strlen(em->g->tg->name)))
        return false;   /* it may be in the value through __threadGroupName */
    static const char *const safe[] = {"__threadNum", "__counter", "__Random", "__UUID",
                                       "__time", "__intSum", "__longSum", "__threadGroupName",
                                       "__TestPlanName", "__samplerName"};
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct tmpl_part *p = &t->parts[i];
        if (p->kind == TMPL_VAR)
            return false;
        if (p->kind == TMPL_TEXT && !header_text_ok(p->text, p->text_len))
            return false;
        if (p->kind == TMPL_CALL) {
            bool ok = false;
            for (size_t k = 0; k < ARRAY_LEN(safe) && !ok; k++)
                ok = p->fn && strcmp(p->fn->name, safe[k]) == 0;
            if (!ok)
                return false;
        }
    }
    return true;
}

/* A header value as a Python expression that requests can send. */
char *emit_header_value(struct emitter *em, const struct tmpl *t, const char *sampler)
{
    const char *text;
    if (py_tmpl_literal(t, &text)) {
        char *clean = header_text(text);
        char *r = em_lit(clean);
        free(clean);
        return r;
    }
    char *e = em_tmpl(em, t, "self", sampler);
    if (header_safe(em, t))
        return e;
    em_need(em, RT_HTTP);
    char *r = xasprintf("header_value(%s)", e);
    free(e);
    return r;
}

static bool is_common(const struct group_ctx *g, const struct plan_header *h)
{
    for (size_t i = 0; i < g->n_common_headers; i++)
        if (g->common_headers[i].name == h->name && g->common_headers[i].value == h->value)
            return true;
    return false;
}


/* --------------------------------------------------------------- the call */



void eh_add_kw(struct eh_request *r, char *kw)
{
    ptrvec_push(&r->args, kw);
}

void eh_add_header(struct eh_request *r, const char *name_expr, const char *value_expr)
{
    if (r->headers_any)
        strbuf_adds(&r->headers, ", ");
    strbuf_addf(&r->headers, "%s: %s", name_expr, value_expr);
    r->headers_any = true;
}

static const char *const client_methods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
                                             "OPTIONS"};

void emit_http(struct emitter *em, struct pyw *w, const struct plan_node *node)
{
    const struct plan_http_sampler *h = node->data;
    struct group_ctx *g = em->g;
    const char *sampler = node->name;
    struct eh_request r;
    memset(&r, 0, sizeof r);
    strbuf_init(&r.headers);

    /* method */
    const char *method = NULL;
    char *method_expr = NULL;
    if (!py_tmpl_literal(h->method, &method)) {
        method = NULL;
        method_expr = em_tmpl(em, h->method, "self", sampler);
        em_note(em, NOTE_APPROX, node, "the method comes from a variable: the request is "
                                       "built as for a POST");
    } else if (!*method) {
        method = "GET";
    }
    const char *m = method ? method : "POST";
    bool query_method = strcmp(m, "GET") == 0 || strcmp(m, "DELETE") == 0 ||
                        strcmp(m, "OPTIONS") == 0;
    bool entity = !(strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "TRACE") == 0 ||
                    strcmp(m, "OPTIONS") == 0) ||
                  (strcmp(m, "GET") == 0 && (eh_values_as_body(h) ||
                                             (h->n_args == 0 && eh_file_as_body(h))));

    /* charset */
    const char *enc;
    const char *cs = "UTF-8";
    if (py_tmpl_literal(h->content_encoding, &enc))
        cs = eh_charset(enc);
    else
        em_note(em, NOTE_APPROX, node, "the content encoding comes from a variable: UTF-8 "
                                       "is used");
    if (strchr(cs, '\'') || strchr(cs, '\\')) {
        em_note(em, NOTE_APPROX, node, "unusual content encoding: UTF-8 is used");
        cs = "UTF-8";
    }

    /* URL */
    bool full = eh_full_url(h->path);
    bool relative = !full && g->host_known && str_eq(em_src(h->protocol), g->host_protocol) &&
                    str_eq(em_src(h->domain), g->host_domain) &&
                    str_eq(em_src(h->port), g->host_port);
    struct strbuf url;
    strbuf_init(&url);
    const char *path_text;
    bool path_literal = py_tmpl_literal(h->path, &path_text);
    if (path_literal) {
        struct strbuf p;
        strbuf_init(&p);
        if (!full && path_text[0] != '/')
            strbuf_addc(&p, '/');
        for (const char *c = path_text; *c; c++) {
            if (*c == ' ')
                strbuf_adds(&p, "%20");
            else
                strbuf_addc(&p, *c);
        }
        py_str_literal(&url, p.s, p.len);
        strbuf_free(&p);
    } else {
        char *e = em_tmpl(em, h->path, "self", sampler);
        bool slash = h->path->n_parts > 0 && h->path->parts[0].kind == TMPL_TEXT &&
                     h->path->parts[0].text[0] == '/';
        if (full || slash) {
            strbuf_adds(&url, e);
        } else {
            em_need(em, RT_HTTP);
            strbuf_addf(&url, "url_path(%s)", e);
        }
        free(e);
    }
    if (!full && !relative) {
        struct strbuf base;
        strbuf_init(&base);
        eh_base_url(em, h, "self", &base);
        if (!*em_src(h->domain))
            em_note(em, NOTE_APPROX, node, "no server name anywhere: the request goes to the "
                                           "class's host");
        struct strbuf joined;
        strbuf_init(&joined);
        if (*em_src(h->domain))
            strbuf_addf(&joined, "%s + ", base.s);
        strbuf_addn(&joined, url.s, url.len);
        strbuf_reset(&url);
        strbuf_addn(&url, joined.s, joined.len);
        strbuf_free(&joined);
        strbuf_free(&base);
    }
    if (query_method && !full && eh_has_query(h)) {
        struct strbuf q;
        strbuf_init(&q);
        eh_query(em, h, cs, sampler, &q);
        if (path_literal) {
            char sep = strchr(path_text, '?') ? '&' : '?';
            /* join literal ends: '/search' + '?' + 'q=1' -> '/search?q=1' */
            if (url.len >= 2 && url.s[url.len - 1] == '\'' && q.len >= 2 && q.s[0] == '\'') {
                url.len--;
                strbuf_addc(&url, sep);
                strbuf_addn(&url, q.s + 1, q.len - 1);
            } else if (url.len >= 1 && url.s[url.len - 1] == '\'') {
                url.len--;
                strbuf_addf(&url, "%c' + %s", sep, q.s);
            } else {
                strbuf_addf(&url, " + '%c' + %s", sep, q.s);
            }
        } else {
            pyw_line(w, "url = %s", url.s);
            pyw_line(w, "url += ('&' if '?' in url else '?') + %s", q.s);
            strbuf_reset(&url);
            strbuf_adds(&url, "url");
        }
        strbuf_free(&q);
    }

    /* headers of the plan */
    for (size_t i = 0; node->scope && i < node->scope->n_headers; i++) {
        const struct plan_header *hd = &node->scope->headers[i];
        const char *n;
        if (py_tmpl_literal(hd->name, &n) && str_ieq(n, "Content-Length"))
            continue;
        if (is_common(g, hd))
            continue;
        char *ne = em_tmpl(em, hd->name, "self", sampler);
        char *ve = emit_header_value(em, hd->value, sampler);
        eh_add_header(&r, ne, ve);
        free(ne);
        free(ve);
    }
    bool ct_from_var = false;
    if (entity)
        eh_body(em, w, node, h, cs, &r, &ct_from_var);
    if (ct_from_var)
        eh_add_header(&r, "'Content-Type'", "content_type");
    if (!h->use_keepalive)
        eh_add_header(&r, "'Connection'", "'close'");

    /* the call */
    bool fast = em->opt->fast;
    if (fast && g->n_common_headers) {
        if (r.headers_any)
            eh_add_kw(&r, xasprintf("headers={**self.default_headers, %s}", r.headers.s));
        else
            eh_add_kw(&r, xstrdup("headers=self.default_headers"));
    } else if (r.headers_any) {
        eh_add_kw(&r, xasprintf("headers={%s}", r.headers.s));
    }
    if (!h->follow_redirects && !h->auto_redirects)
        eh_add_kw(&r, xstrdup("allow_redirects=False"));
    const char *ct_text, *rt_text;
    long long ct_ms = 0, rt_ms = 0;
    bool ct_lit = py_tmpl_literal(h->connect_timeout, &ct_text);
    bool rt_lit = py_tmpl_literal(h->response_timeout, &rt_text);
    if (ct_lit)
        ct_ms = str_to_ll_jmeter(ct_text);
    if (rt_lit)
        rt_ms = str_to_ll_jmeter(rt_text);
    if (!ct_lit || !rt_lit)
        em_note(em, NOTE_APPROX, node, "timeouts from variables are not applied");
    if (ct_ms > 0 || rt_ms > 0) {
        char c[32] = "None", t[32] = "None";
        if (ct_ms > 0)
            snprintf(c, sizeof c, "%g", (double)ct_ms / 1000);
        if (rt_ms > 0)
            snprintf(t, sizeof t, "%g", (double)rt_ms / 1000);
        eh_add_kw(&r, fast ? xasprintf("timeout=%s", t) : xasprintf("timeout=(%s, %s)", c, t));
    }
    const struct plan_node *am = node->scope ? node->scope->auth_manager : NULL;
    if (am && am->data) {
        const struct plan_auth_manager *a = am->data;
        em_need(em, RT_AUTH);
        struct strbuf list;
        strbuf_init(&list);
        for (size_t i = 0; i < a->n_entries; i++) {
            const struct plan_auth_entry *e = &a->entries[i];
            char *u = em_tmpl(em, e->url, "self", sampler);
            char *n = em_tmpl(em, e->username, "self", sampler);
            char *p = em_tmpl(em, e->password, "self", sampler);
            strbuf_addf(&list, "%s(%s, %s, %s, '%s')", i ? ", " : "", u, n, p,
                        e->mechanism == AUTH_DIGEST ? "DIGEST" : "BASIC");
            free(u);
            free(n);
            free(p);
            if (e->mechanism == AUTH_KERBEROS)
                em_note(em, NOTE_APPROX, am, "Kerberos credentials are sent as Basic ones");
            if (e->mechanism == AUTH_DIGEST && fast)
                em_note(em, NOTE_APPROX, am, "FastHttpUser has no Digest authentication");
        }
        char *full_url = relative ? xasprintf("self.host + %s", url.s) : xstrdup(url.s);
        eh_add_kw(&r, xasprintf("auth=credentials(%s, [%s])", full_url, list.s));
        free(full_url);
        strbuf_free(&list);
    }
    if (node->scope && node->scope->cache_manager)
        em_note(em, NOTE_APPROX, node->scope->cache_manager,
                "Locust has no HTTP cache: every request is sent");
    if (node->scope && node->scope->dns_manager)
        em_note(em, NOTE_APPROX, node->scope->dns_manager,
                "names are resolved by the system (static hosts are not applied)");
    if (h->md5 || *em_src(h->ip_source))
        em_note(em, NOTE_APPROX, node, "the MD5 or source address settings are not applied");
    char *proxies = eh_proxies(em, w, node, sampler);
    if (proxies)
        eh_add_kw(&r, proxies);

    bool with_response = emit_needs_response(node) || h->image_parser;
    bool result = g->needs_sample_result;
    char *label = em_tmpl(em, node->label, "self", sampler);
    struct strbuf call;
    strbuf_init(&call);
    const char *lower = NULL;
    for (size_t i = 0; method && i < ARRAY_LEN(client_methods); i++)
        if (strcmp(method, client_methods[i]) == 0)
            lower = client_methods[i];
    if (lower) {
        char lm[16];
        size_t k = 0;
        for (; lower[k] && k < 15; k++)
            lm[k] = (char)tolower((unsigned char)lower[k]);
        lm[k] = '\0';
        strbuf_addf(&call, "self.client.%s(%s, name=%s", lm, url.s, label);
    } else {
        char *ml = method ? em_lit(method) : xstrdup(method_expr);
        strbuf_addf(&call, "self.client.request(%s, %s, name=%s", ml, url.s, label);
        free(ml);
    }
    for (size_t i = 0; i < r.args.len; i++)
        strbuf_addf(&call, ", %s", (const char *)r.args.items[i]);
    if (with_response) {
        strbuf_adds(&call, ", catch_response=True) as response:");
        pyw_line(w, "with %s", call.s);
        pyw_indent(w);
        if (h->image_parser) {
            em_need(em, RT_EMBEDDED);
            char *allow = em_tmpl(em, h->embedded_url_re, "self", sampler);
            char *exclude = em_tmpl(em, h->embedded_url_exclude_re, "self", sampler);
            const char *pool_text;
            long long pool = 6;
            if (py_tmpl_literal(h->concurrent_pool, &pool_text) && *pool_text)
                str_parse_ll(pool_text, &pool);
            pyw_comment(w, "Retrieve All Embedded Resources");
            pyw_line(w, "fetch_embedded(self, response, %s, %s, %s, %lld)", label, allow, exclude,
                     h->concurrent_download ? (pool > 0 ? pool : 6) : 1);
            free(allow);
            free(exclude);
        }
        emit_post_processors(em, w, node);
        emit_assertions(em, w, node);
        pyw_dedent(w);
    } else if (result) {
        strbuf_addc(&call, ')');
        pyw_line(w, "response = %s", call.s);
    } else {
        strbuf_addc(&call, ')');
        pyw_line(w, "%s", call.s);
    }
    const struct plan_node *cm = node->scope ? node->scope->cookie_manager : NULL;
    const struct plan_cookie_manager *c = cm ? cm->data : NULL;
    if (!cm || (c && str_ieq(c->policy, "ignoreCookies"))) {
        pyw_comment(w, "no Cookie Manager: JMeter keeps no cookies");
        pyw_line(w, "self.client.%s.clear()", fast ? "cookiejar" : "cookies");
    }
    if (result)
        emit_after_sample(em, w, node, "response");
    free(label);
    free(method_expr);
    strbuf_free(&call);
    strbuf_free(&url);
    strbuf_free(&r.headers);
    for (size_t i = 0; i < r.args.len; i++)
        free(r.args.items[i]);
    ptrvec_free(&r.args);
}
