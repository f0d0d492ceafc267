/* cookie_manager.c - HTTP Cookie Manager (digest §6.3): one cookie jar per
 * user, with the plan's own cookies; the outermost manager in scope wins. */
#include "../builder.h"

void *cookie_manager_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_cookie_manager *cm = PB_NEW(b, struct plan_cookie_manager);
    cm->clear_each_iteration = pb_bool(el, "CookieManager.clearEachIteration", false);
    cm->controlled_by_thread_group = pb_bool(el, "CookieManager.controlledByThreadGroup", false);
    cm->policy = pb_str(b, el, "CookieManager.policy", "standard");
    cm->implementation = pb_str(b, el, "CookieManager.implementation",
                                "org.apache.jmeter.protocol.http.control.HC4CookieHandler");
    if (str_ieq(cm->policy, "ignoreCookies"))
        pb_warn(b, el, "policy ignoreCookies: cookies are neither stored nor sent");
    const struct jmx_prop *coll = pb_collection(el, "CookieManager.cookies");
    if (!coll)
        return cm;
    cm->cookies = PB_ARRAY(b, struct plan_cookie, coll->n_items);
    for (size_t i = 0; i < coll->n_items; i++) {
        const struct jmx_prop *c = coll->items[i];
        if (c->kind != JMX_PROP_ELEMENT)
            continue;
        struct plan_cookie *ck = &cm->cookies[cm->n_cookies++];
        ck->name = arena_strdup(b->arena, c->testname && *c->testname ? c->testname : c->name);
        ck->value = pb_tmpl_item(b, el, c, "Cookie.value", "");
        ck->domain = arena_strdup(b->arena, jmx_prop_str(c, "Cookie.domain", ""));
        ck->path = arena_strdup(b->arena, jmx_prop_str(c, "Cookie.path", ""));
        ck->secure = jmx_prop_bool(c, "Cookie.secure", false);
        ck->expires = jmx_prop_long(c, "Cookie.expires", 0);
        ck->path_specified = jmx_prop_bool(c, "Cookie.path_specified", true);
        ck->domain_specified = jmx_prop_bool(c, "Cookie.domain_specified", true);
    }
    return cm;
}

void cookie_manager_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_cookie_manager *cm = node->data;
    describe_flag(out, "clear-each-iteration", cm->clear_each_iteration);
    describe_flag(out, "controlled-by-thread-group", cm->controlled_by_thread_group);
    if (!str_eq(cm->policy, "standard"))
        strbuf_addf(out, "%spolicy=%s", out->len ? " " : "", cm->policy);
    for (size_t i = 0; i < cm->n_cookies; i++)
        strbuf_addf(out, "%scookie %s=%s", out->len ? " " : "", cm->cookies[i].name,
                    tmpl_src(cm->cookies[i].value));
}
