/* emit_http_proxy.c - HTTP proxies in a locustfile (issue 9), chosen as
 * JMeter chooses them (src/run/http_proxy.c, the runtime piece "proxy"):
 *
 *   run-wide   jmx2run --emit-locust -H host -P port [-E -u -a -N]: the
 *              values become proxy_defaults among the module constants; at
 *              each user's start use_proxies() makes that proxy the
 *              session's and sends the requests to -N's hosts direct;
 *              locust's --proxy-host ... --non-proxy-hosts override them
 *   sampler    HTTPSampler.proxyScheme / proxyHost / proxyPort / proxyUser /
 *              proxyPass (also from HTTP Request Defaults): the request's
 *              own proxies=sampler_proxies(self, ...), its fields evaluated
 *              per request like any template; -N does not apply to it
 *
 * FastHttpUser (--locust-fast) has no proxy support: the proxy is left out
 * with a TODO comment, a header note and a warning. No password is ever put
 * in a comment, a note or a warning; one given with -a is written where the
 * code uses it (proxy_defaults), and a sampler's where its request is sent. */
#include <stdlib.h>
#include <string.h>
#include "emit_http.h"
#include "jmx2run/http_proxy.h"

static bool todo_noted(const struct emitter *em, const char *needle)
{
    for (size_t i = 0; i < em->todo.len; i++)
        if (strstr(em->todo.items[i], needle))
            return true;
    return false;
}

static void default_line(struct pyw *w, const char *key, const char *value)
{
    char *v = em_lit(value);
    pyw_line(w, "'%s': %s,", key, v);
    free(v);
}

/* The run-wide proxy of the conversion, once per file: the runtime piece and
 * proxy_defaults (or, with FastHttpUser, a TODO). */
static void run_proxy(struct emitter *em)
{
    const struct http_proxy_flags *f = em->opt ? em->opt->proxy : NULL;
    if (!f || !f->host || !f->port)
        return;
    static const char fast_todo[] = "the proxy given with -H/-P is not applied: FastHttpUser "
                                    "cannot send requests through a proxy (convert without "
                                    "--locust-fast to keep it)";
    if (em->opt->fast) {
        if (!todo_noted(em, fast_todo)) {
            pyw_blank(&em->consts, 2);
            pyw_comment(&em->consts, "TODO: %s; every request goes direct.", fast_todo);
            em_note(em, NOTE_TODO, em->plan->test_plan, "%s", fast_todo);
        }
        return;
    }
    if (em->need[RT_PROXY])
        return;
    struct http_proxy_settings ps;
    char *error = NULL;
    if (!http_proxy_settings_init(&ps, f, NULL, &error)) {
        /* the command line checks the flags first; the message has no password */
        em_note(em, NOTE_TODO, em->plan->test_plan, "the proxy is not applied: %s", error);
        free(error);
        return;
    }
    em_need(em, RT_PROXY);
    struct pyw *w = &em->consts;
    pyw_blank(w, 2);
    pyw_comment(w, "The proxy jmx2run was given (-H -P%s%s%s%s): every request goes through "
                   "it, except those to the non-proxy hosts and those with a proxy of "
                   "their own. locust's --proxy-host, --proxy-port, --proxy-scheme, "
                   "--proxy-user, --proxy-password and --non-proxy-hosts (or "
                   "LOCUST_PROXY_HOST, ...) override these.",
                f->scheme ? " -E" : "", f->user ? " -u" : "", f->user && f->pass ? " -a" : "",
                f->non_proxy_hosts ? " -N" : "");
    if (f->user && f->pass)
        pyw_comment(w, "The password may be left out here and given at run time with "
                       "--proxy-password or LOCUST_PROXY_PASSWORD.");
    pyw_line(w, "proxy_defaults.update({");
    pyw_indent(w);
    default_line(w, "proxy_host", ps.host);
    char port[16];
    snprintf(port, sizeof port, "%d", ps.port);
    default_line(w, "proxy_port", port);
    if (f->scheme)
        default_line(w, "proxy_scheme", ps.scheme);
    if (f->non_proxy_hosts)
        default_line(w, "non_proxy_hosts", f->non_proxy_hosts);
    if (f->user) {
        /* JMeter: -a goes with -u only; without it http.proxyPass */
        default_line(w, "proxy_user", f->user);
        if (f->pass)
            default_line(w, "proxy_password", f->pass);
    }
    pyw_dedent(w);
    pyw_line(w, "})");
    http_proxy_settings_free(&ps);
}

char *eh_proxies(struct emitter *em, struct pyw *w, const struct plan_node *node,
                 const char *sampler)
{
    const struct plan_http_sampler *h = node->data;
    run_proxy(em);
    const char *host, *port;
    if ((py_tmpl_literal(h->proxy_host, &host) && str_is_blank(host)) ||
        (py_tmpl_literal(h->proxy_port, &port) && str_to_ll_jmeter(port) <= 0))
        return NULL;   /* JMeter ignores such a proxy: the run's applies */
    if (em->opt->fast) {
        char *ho = em_lit(em_src(h->proxy_host)), *po = em_lit(em_src(h->proxy_port));
        pyw_comment(w, "TODO: the request's proxy (host %s, port %s) is not applied: "
                       "FastHttpUser cannot send requests through a proxy; it goes direct.",
                    ho, po);
        free(ho);
        free(po);
        em_note(em, NOTE_TODO, node, "its proxy is not applied: FastHttpUser cannot send "
                                     "requests through a proxy (convert without "
                                     "--locust-fast to keep it)");
        return NULL;
    }
    em_need(em, RT_PROXY);
    if (h->image_parser)
        em_note(em, NOTE_APPROX, node, "embedded resources are fetched through the run's "
                                       "proxy, not the request's own");
    struct strbuf call;
    strbuf_init(&call);
    char *scheme = em_tmpl(em, h->proxy_scheme, "self", sampler);
    char *ho = em_tmpl(em, h->proxy_host, "self", sampler);
    char *po = em_tmpl(em, h->proxy_port, "self", sampler);
    strbuf_addf(&call, "proxies=sampler_proxies(self, %s, %s, %s", scheme, ho, po);
    const char *user, *pass;
    bool no_user = py_tmpl_literal(h->proxy_user, &user) && !*user;
    bool no_pass = py_tmpl_literal(h->proxy_pass, &pass) && !*pass;
    if (!no_user || !no_pass) {
        char *u = em_tmpl(em, h->proxy_user, "self", sampler);
        char *p = em_tmpl(em, h->proxy_pass, "self", sampler);
        strbuf_addf(&call, ", %s, %s", u, p);
        free(u);
        free(p);
    }
    strbuf_addc(&call, ')');
    free(scheme);
    free(ho);
    free(po);
    return strbuf_detach(&call);
}
