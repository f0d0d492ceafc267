/* http_cookies.c - cookie jars per user and Cookie Manager, in libcurl shares. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "http_cookies.h"

struct cookie_jar {
    const struct plan_node *manager;
    CURLSH *share;
};

/* The manager's user-defined cookies, as Netscape cookie-file lines. */
static void load_manager_cookies(struct vu *vu, struct cookie_jar *jar)
{
    const struct plan_cookie_manager *cm = jar->manager->data;
    if (!cm || !cm->n_cookies)
        return;
    CURL *easy = curl_easy_init();
    if (!easy)
        return;
    /* the cookie engine is on for a handle once it has a cookie file ("" = none) */
    curl_easy_setopt(easy, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(easy, CURLOPT_SHARE, jar->share);
    for (size_t i = 0; i < cm->n_cookies; i++) {
        const struct plan_cookie *c = &cm->cookies[i];
        char *value = tmpl_eval_dup(c->value, &vu->ctx);
        const char *domain = *c->domain ? c->domain : "";
        char *line = xasprintf("%s%s\t%s\t%s\t%s\t%lld\t%s\t%s",
                               c->domain_specified && *domain != '.' ? "." : "", domain,
                               c->domain_specified ? "TRUE" : "FALSE",
                               *c->path ? c->path : "/", c->secure ? "TRUE" : "FALSE",
                               (long long)c->expires, c->name, value);
        curl_easy_setopt(easy, CURLOPT_COOKIELIST, line);
        free(line);
        free(value);
    }
    curl_easy_cleanup(easy);
}

void *cookies_share_for(struct vu *vu, const struct plan_node *manager)
{
    struct ptrvec *jars = &vu->pipe.cookie_jars;
    for (size_t i = 0; i < jars->len; i++) {
        struct cookie_jar *j = jars->items[i];
        if (j->manager == manager)
            return j->share;
    }
    struct cookie_jar *j = xcalloc(1, sizeof *j);
    j->manager = manager;
    j->share = curl_share_init();
    curl_share_setopt(j->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    ptrvec_push(jars, j);
    load_manager_cookies(vu, j);
    return j->share;
}

void cookies_iteration_start(struct vu *vu, bool same_user)
{
    struct ptrvec *jars = &vu->pipe.cookie_jars;
    for (size_t i = 0; i < jars->len; i++) {
        struct cookie_jar *j = jars->items[i];
        const struct plan_cookie_manager *cm = j->manager->data;
        bool clear = cm->controlled_by_thread_group ? !same_user : cm->clear_each_iteration;
        if (!clear)
            continue;
        CURL *easy = curl_easy_init();
        if (easy) {
            curl_easy_setopt(easy, CURLOPT_SHARE, j->share);
            curl_easy_setopt(easy, CURLOPT_COOKIELIST, "ALL");
            curl_easy_cleanup(easy);
        }
        load_manager_cookies(vu, j);
    }
}

void cookies_free_user(struct vu *vu)
{
    struct ptrvec *jars = &vu->pipe.cookie_jars;
    for (size_t i = 0; i < jars->len; i++) {
        struct cookie_jar *j = jars->items[i];
        curl_share_cleanup(j->share);
        free(j);
    }
    ptrvec_free(jars);
}

/* CookieManager.save.cookies=true: every cookie a response sets also becomes
 * the variable <CookieManager.name.prefix><name> (COOKIE_ by default); an
 * empty value removes it, as JMeter drops null cookies. */
bool cookies_in_scope(const struct plan_scope *scope)
{
    if (!scope || !scope->cookie_manager)
        return false;
    const struct plan_cookie_manager *cm = scope->cookie_manager->data;
    return !str_ieq(cm->policy, "ignoreCookies");
}

void cookies_export_variables(struct vu *vu, const struct sample *s)
{
    if (!vu->engine->save_cookies)
        return;
    const char *prefix = vu->engine->cookie_prefix;
    const char *p = s->response_headers.s;
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > 11 && strncasecmp(p, "Set-Cookie:", 11) == 0) {
            const char *v = p + 11;
            while (*v == ' ' || *v == '\t')
                v++;
            const char *end = p + len;
            const char *semi = memchr(v, ';', (size_t)(end - v));
            const char *stop = semi ? semi : end;
            const char *eq = memchr(v, '=', (size_t)(stop - v));
            if (eq && eq > v) {
                char *name = xasprintf("%s%.*s", prefix ? prefix : "COOKIE_", (int)(eq - v), v);
                char *raw = xstrndup(eq + 1, (size_t)(stop - eq - 1));
                char *value = str_trim_dup(raw);
                free(raw);
                if (*value)
                    strmap_set(&vu->vars, name, value);
                else
                    strmap_remove(&vu->vars, name);
                free(name);
                free(value);
            }
        }
        p = eol ? eol + 1 : NULL;
    }
}
