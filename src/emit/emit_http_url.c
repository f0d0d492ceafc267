/* emit_http_url.c - the URL of an HTTP Request as JMeter 5.6 builds it
 * (digest §5.2): the class's host chosen from the requests of a thread group
 * (HTTP Request Defaults, evaluated at test start when they use properties
 * or User Defined Variables), scheme://host[:port] for other hosts, the query
 * string of GET, DELETE and OPTIONS (java.net.URLEncoder where asked), and
 * Java's charset names. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "emit_http.h"

/* ----------------------------------------------------------------- charsets */

static const char *const charsets[][8] = {
    {"UTF-8", "utf-8", "utf8", NULL},
    {"ISO-8859-1", "iso-8859-1", "iso8859_1", "iso_8859_1", "latin1", "l1", "8859_1", NULL},
    {"US-ASCII", "us-ascii", "ascii", "ascii7", NULL},
    {"windows-1252", "windows-1252", "cp1252", NULL},
    {"UTF-16", "utf-16", "utf16", NULL},
    {"ISO-8859-15", "iso-8859-15", "latin9", NULL},
};

/* Java's canonical name of a literal charset ("" -> UTF-8). */
const char *eh_charset(const char *name)
{
    if (!name || !*name)
        return "UTF-8";
    for (size_t i = 0; i < ARRAY_LEN(charsets); i++)
        for (size_t k = 1; charsets[i][k]; k++)
            if (str_ieq(name, charsets[i][k]))
                return charsets[i][0];
    return name;
}

/* java.net.URLEncoder in UTF-8. */
void eh_urlencode(const char *s, struct strbuf *out)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (isalnum(c) && c < 0x80)
            strbuf_addc(out, (char)c);
        else if (c == '.' || c == '-' || c == '*' || c == '_')
            strbuf_addc(out, (char)c);
        else if (c == ' ')
            strbuf_addc(out, '+');
        else
            strbuf_addf(out, "%%%02X", c);
    }
}

/* ------------------------------------------------------------- the host */

bool eh_full_url(const struct tmpl *path)
{
    const char *first = NULL;
    if (!path)
        return false;
    if (path->is_literal)
        first = path->source;
    else if (path->n_parts > 0 && path->parts[0].kind == TMPL_TEXT)
        first = path->parts[0].text;
    return first && (str_starts_with(first, "http://") || str_starts_with(first, "https://"));
}

/* Whether a template can be evaluated once at test start: literal text, User
 * Defined Variables and properties only. */
static bool plan_level(const struct plan *plan, const struct tmpl *t)
{
    const char *lit;
    if (py_tmpl_literal(t, &lit))
        return true;
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct tmpl_part *p = &t->parts[i];
        if (p->kind == TMPL_VAR) {
            bool defined = false;
            for (size_t s = 0; s < plan->n_variable_sets && !defined; s++)
                for (size_t v = 0; v < plan->variable_sets[s].n_vars && !defined; v++)
                    defined = strlen(plan->variable_sets[s].vars[v].name) == p->text_len &&
                              memcmp(plan->variable_sets[s].vars[v].name, p->text,
                                     p->text_len) == 0;
            if (!defined)
                return false;
        } else if (p->kind == TMPL_CALL) {
            const char *fn = p->fn ? p->fn->name : "";
            if (strcmp(fn, "__P") != 0 && strcmp(fn, "__property") != 0)
                return false;
            for (size_t a = 0; a < p->n_args; a++)
                if (!plan_level(plan, p->args[a]))
                    return false;
        }
    }
    return true;
}

/* scheme://host[:port] of literal parts, JMeter's way. */
static bool literal_base(const struct plan_http_sampler *h, struct strbuf *out)
{
    const char *proto, *domain, *port;
    if (!py_tmpl_literal(h->protocol, &proto) || !py_tmpl_literal(h->domain, &domain) ||
        !py_tmpl_literal(h->port, &port) || !*domain)
        return false;
    char *lower = xstrdup(*proto ? proto : "http");
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    char *p = str_trim_dup(port);
    long long n = 0;
    bool has_port = str_parse_ll(p, &n) && n > 0 &&
                    !(strcmp(lower, "http") == 0 && n == 80) &&
                    !(strcmp(lower, "https") == 0 && n == 443);
    struct strbuf text;
    strbuf_init(&text);
    strbuf_addf(&text, "%s://%s%s%s", lower,
                strchr(domain, ':') && domain[0] != '[' ? "[" : "", domain,
                strchr(domain, ':') && domain[0] != '[' ? "]" : "");
    if (has_port)
        strbuf_addf(&text, ":%lld", n);
    py_str_literal(out, text.s, text.len);
    strbuf_free(&text);
    free(p);
    free(lower);
    return true;
}

void eh_base_url(struct emitter *em, const struct plan_http_sampler *h,
                          const char *self, struct strbuf *out)
{
    if (literal_base(h, out))
        return;
    em_need(em, RT_HTTP);
    char *p = em_tmpl(em, h->protocol, self, NULL);
    char *d = em_tmpl(em, h->domain, self, NULL);
    char *o = em_tmpl(em, h->port, self, NULL);
    strbuf_addf(out, "base_url(%s, %s, %s)", p, d, o);
    free(p);
    free(d);
    free(o);
}

static void collect_http(const struct plan_node *n, struct ptrvec *out)
{
    for (size_t i = 0; i < n->n_children; i++) {
        const struct plan_node *c = n->children[i];
        if (c->kind == PK_HTTP_SAMPLER && c->data)
            ptrvec_push(out, (void *)c);
        else if (c->role == ROLE_CONTROLLER)
            collect_http(c, out);
    }
}

void emit_group_host(struct emitter *em, struct group_ctx *g, struct strbuf *host_expr,
                     bool *host_literal)
{
    struct ptrvec https = {0};
    collect_http(g->tg, &https);
    /* the (protocol, domain, port) most requests use */
    size_t best = 0, best_count = 0;
    for (size_t i = 0; i < https.len; i++) {
        const struct plan_node *a = https.items[i];
        const struct plan_http_sampler *ha = a->data;
        if (eh_full_url(ha->path))
            continue;
        size_t count = 0;
        for (size_t k = 0; k < https.len; k++) {
            const struct plan_http_sampler *hb = ((const struct plan_node *)https.items[k])->data;
            if (!eh_full_url(hb->path) && str_eq(em_src(ha->protocol), em_src(hb->protocol)) &&
                str_eq(em_src(ha->domain), em_src(hb->domain)) &&
                str_eq(em_src(ha->port), em_src(hb->port)))
                count++;
        }
        if (count > best_count) {
            best = i;
            best_count = count;
        }
    }
    if (best_count > 0) {
        const struct plan_http_sampler *h = ((const struct plan_node *)https.items[best])->data;
        if (plan_level(em->plan, h->protocol) && plan_level(em->plan, h->domain) &&
            plan_level(em->plan, h->port) && *em_src(h->domain)) {
            g->host_known = true;
            g->host_protocol = em_src(h->protocol);
            g->host_domain = em_src(h->domain);
            g->host_port = em_src(h->port);
            *host_literal = literal_base(h, host_expr);
            if (!*host_literal)
                eh_base_url(em, h, "plan", host_expr);
        }
    }
    ptrvec_free(&https);
}

/* ----------------------------------------------------------- query string */

void eh_query(struct emitter *em, const struct plan_http_sampler *h, const char *cs,
                       const char *sampler, struct strbuf *out)
{
    struct strbuf lit;   /* literal text not yet written */
    strbuf_init(&lit);
    bool first_piece = true, any = false;
#define FLUSH()                                                          \
    do {                                                                 \
        if (lit.len) {                                                   \
            if (any)                                                     \
                strbuf_adds(out, " + ");                                 \
            py_str_literal(out, lit.s, lit.len);                         \
            strbuf_reset(&lit);                                          \
            any = true;                                                  \
        }                                                                \
    } while (0)
    bool utf8 = strcmp(cs, "UTF-8") == 0;
    for (size_t i = 0; i < h->n_args; i++) {
        const struct plan_http_arg *a = &h->args[i];
        if (eh_lit_empty(a->name))
            continue;
        const char *meta = a->metadata ? a->metadata : "=";
        const char *name, *value;
        bool ln = py_tmpl_literal(a->name, &name), lv = py_tmpl_literal(a->value, &value);
        if (!first_piece)
            strbuf_addc(&lit, '&');
        first_piece = false;
        /* the name (always encoded in UTF-8, as JMeter does) */
        if (ln) {
            if (a->always_encode)
                eh_urlencode(name, &lit);
            else
                strbuf_adds(&lit, name);
        } else {
            FLUSH();
            char *e = em_tmpl(em, a->name, "self", sampler);
            if (any)
                strbuf_adds(out, " + ");
            if (a->always_encode) {
                em_need(em, RT_URLENCODE);
                strbuf_addf(out, "java_urlencode(%s)", e);
            } else {
                strbuf_adds(out, e);
            }
            any = true;
            free(e);
        }
        strbuf_adds(&lit, meta);
        /* the value */
        if (lv && (!a->always_encode || utf8)) {
            if (a->always_encode)
                eh_urlencode(value, &lit);
            else
                strbuf_adds(&lit, value);
        } else {
            FLUSH();
            char *e = em_tmpl(em, a->value, "self", sampler);
            if (any)
                strbuf_adds(out, " + ");
            if (a->always_encode) {
                em_need(em, RT_URLENCODE);
                if (utf8)
                    strbuf_addf(out, "java_urlencode(%s)", e);
                else
                    strbuf_addf(out, "java_urlencode(%s, '%s')", e, cs);
            } else {
                strbuf_adds(out, e);
            }
            any = true;
            free(e);
        }
    }
    FLUSH();
#undef FLUSH
    strbuf_free(&lit);
}

bool eh_has_query(const struct plan_http_sampler *h)
{
    for (size_t i = 0; i < h->n_args; i++)
        if (!eh_lit_empty(h->args[i].name))
            return true;
    return false;
}

