/* runtime.c - which runtime pieces and imports a locustfile gets, and how they
 * are written: pieces in table order, the ones that are methods inside class
 * JMeterUser, imports grouped the PEP 8 way (standard library, then third
 * party, "from" imports of one module merged). */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"

void em_import(struct emitter *em, const char *line)
{
    if (!em || !line || !*line)
        return;
    for (size_t i = 0; i < em->imports.len; i++)
        if (strcmp(em->imports.items[i], line) == 0)
            return;
    ptrvec_push(&em->imports, xstrdup(line));
}

void em_need(struct emitter *em, enum rt_id id)
{
    if (!em || em->need[id])
        return;
    em->need[id] = true;
    for (int d = 0; d < RT_COUNT; d++)
        if (rt_pieces[id].deps & RT_BIT(d))
            em_need(em, (enum rt_id)d);
    const char *p = rt_pieces[id].imports;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xstrndup(p, n);
        if (strstr(line, "@BASE@")) {
            free(line);
            line = xstrdup(em->opt && em->opt->fast ? "from locust.contrib.fasthttp import FastHttpUser"
                                                    : "from locust import HttpUser");
        }
        em_import(em, line);
        free(line);
        p += n + (nl ? 1 : 0);
    }
}

/* ------------------------------------------------------------------ writing */

/* The piece's text with @BASE@, the @SESSION@ line (HttpUser) and the @TLS@
 * line (FastHttpUser) filled in; a line they leave empty is dropped. */
static char *piece_text(struct emitter *em, enum rt_id id)
{
    bool fast = em->opt && em->opt->fast;
    struct strbuf sb;
    strbuf_init(&sb);
    const char *p = rt_pieces[id].text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        const char *at = memmem(p, n, "@SESSION@", 9);
        if (at) {
            if (!fast) {
                const char *s = rt_pieces[RT_SESSION_REQUESTS].text;
                while (*s) {
                    const char *e = strchr(s, '\n');
                    size_t m = e ? (size_t)(e - s) + 1 : strlen(s);
                    strbuf_addn(&sb, p, (size_t)(at - p));   /* the indentation */
                    strbuf_addn(&sb, s, m);
                    s += m;
                }
                if (em->need[RT_TLS_TRUST]) {   /* as JMeter: no certificate checks */
                    strbuf_addn(&sb, p, (size_t)(at - p));
                    strbuf_adds(&sb, "self.client.verify = False   # JMeter trusts all "
                                     "certificates\n");
                }
                if (em->need[RT_PROXY]) {   /* issue 9: the run's proxy, -N */
                    strbuf_addn(&sb, p, (size_t)(at - p));
                    strbuf_adds(&sb, "use_proxies(self)\n");
                }
            }
        } else if (memmem(p, n, "@TLS@", 5)) {
            /* FastHttpUser's own default is insecure = True: said either way */
            if (fast) {
                const char *tls = memmem(p, n, "@TLS@", 5);
                strbuf_addn(&sb, p, (size_t)(tls - p));
                strbuf_adds(&sb, em->opt->tls_verify ? "insecure = False   # --tls-verify: "
                                                       "certificates are checked\n"
                                                     : "insecure = True   # JMeter trusts all "
                                                       "certificates\n");
            }
        } else {
            const char *base = memmem(p, n, "@BASE@", 6);
            if (base) {
                strbuf_addn(&sb, p, (size_t)(base - p));
                strbuf_adds(&sb, fast ? "FastHttpUser" : "HttpUser");
                strbuf_addn(&sb, base + 6, n - (size_t)(base - p) - 6);
            } else {
                strbuf_addn(&sb, p, n);
            }
        }
        p += n;
    }
    return strbuf_detach(&sb);
}

void rt_write(struct emitter *em, struct pyw *w)
{
    for (int id = 0; id < RT_COUNT; id++) {
        if (!em->need[id] || rt_pieces[id].method || id == RT_SESSION_REQUESTS)
            continue;
        pyw_blank(w, 2);
        char *text = piece_text(em, (enum rt_id)id);
        pyw_text(w, text);
        free(text);
        if (id != RT_USER)
            continue;
        pyw_indent(w);
        for (int m = 0; m < RT_COUNT; m++) {
            if (!em->need[m] || !rt_pieces[m].method)
                continue;
            pyw_blank(w, 1);
            char *mt = piece_text(em, (enum rt_id)m);
            pyw_text(w, mt);
            free(mt);
        }
        pyw_dedent(w);
    }
}

/* --------------------------------------------------------------- imports */

static bool third_party(const char *module)
{
    static const char *const names[] = {"gevent", "locust", "urllib3", "requests"};
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        size_t n = strlen(names[i]);
        if (strncmp(module, names[i], n) == 0 &&
            (module[n] == '\0' || module[n] == '.' || module[n] == ' '))
            return true;
    }
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Writes the "import x" lines, then the merged "from x import a, b" lines,
 * of one section. */
static void write_section(struct pyw *w, struct ptrvec *lines, bool want_third)
{
    struct ptrvec plain = {0}, froms = {0};
    for (size_t i = 0; i < lines->len; i++) {
        const char *l = lines->items[i];
        bool from = strncmp(l, "from ", 5) == 0;
        const char *module = l + (from ? 5 : 7);
        if (third_party(module) != want_third)
            continue;
        ptrvec_push(from ? &froms : &plain, (void *)l);
    }
    if (plain.len)
        qsort(plain.items, plain.len, sizeof(void *), cmp_str);
    if (froms.len)
        qsort(froms.items, froms.len, sizeof(void *), cmp_str);
    for (size_t i = 0; i < plain.len; i++)
        pyw_line(w, "%s", (const char *)plain.items[i]);
    /* merge "from m import a" lines of the same module */
    for (size_t i = 0; i < froms.len;) {
        const char *l = froms.items[i];
        const char *imp = strstr(l, " import ");
        size_t mlen = imp ? (size_t)(imp - l) : strlen(l);
        struct ptrvec names = {0};
        size_t j = i;
        for (; j < froms.len; j++) {
            const char *o = froms.items[j];
            if (strncmp(o, l, mlen) != 0 || strncmp(o + mlen, " import ", 8) != 0)
                break;
            ptrvec_push(&names, (void *)(o + mlen + 8));
        }
        if (names.len)
            qsort(names.items, names.len, sizeof(void *), cmp_str);
        struct strbuf sb;
        strbuf_init(&sb);
        strbuf_addn(&sb, l, mlen);
        strbuf_adds(&sb, " import ");
        for (size_t k = 0; k < names.len; k++) {
            if (k > 0 && strcmp(names.items[k], names.items[k - 1]) == 0)
                continue;
            if (k > 0)
                strbuf_adds(&sb, ", ");
            strbuf_adds(&sb, names.items[k]);
        }
        pyw_line(w, "%s", sb.s);
        strbuf_free(&sb);
        ptrvec_free(&names);
        i = j;
    }
    ptrvec_free(&plain);
    ptrvec_free(&froms);
}

void rt_write_imports(struct emitter *em, struct pyw *w)
{
    write_section(w, &em->imports, false);
    pyw_blank(w, 1);
    write_section(w, &em->imports, true);
}

void emit_runtime_all(struct strbuf *out, bool fast)
{
    struct emit_options opt = {.fast = fast};
    struct emitter em;
    memset(&em, 0, sizeof em);
    em.opt = &opt;
    for (int id = 0; id < RT_COUNT; id++)
        if (!(fast && (id == RT_SESSION_REQUESTS || id == RT_TLS_TRUST)))
            em_need(&em, (enum rt_id)id);
    struct pyw w;
    pyw_init(&w);
    rt_write_imports(&em, &w);
    pyw_blank(&w, 2);
    pyw_line(&w, "PROPERTIES = {}");
    pyw_line(&w, "PLAN_DIR = '.'");
    rt_write(&em, &w);
    pyw_blank(&w, 2);
    pyw_line(&w, "def define_variables(plan):");
    pyw_indent(&w);
    pyw_dedent(&w);
    strbuf_addn(out, w.out.s, w.out.len);
    pyw_free(&w);
    for (size_t i = 0; i < em.imports.len; i++)
        free(em.imports.items[i]);
    ptrvec_free(&em.imports);
}
