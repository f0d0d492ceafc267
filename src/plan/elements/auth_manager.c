/* auth_manager.c - HTTP Authorization Manager (digest §6.5): credentials by
 * URL prefix, Basic (sent pre-emptively) or Digest. Passwords are never
 * printed: --dump shows the user and the URL only. */
#include "../builder.h"

void *auth_manager_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_auth_manager *am = PB_NEW(b, struct plan_auth_manager);
    am->clear_each_iteration = pb_bool(el, "AuthManager.clearEachIteration", false);
    am->controlled_by_thread_group = pb_bool(el, "AuthManager.controlledByThreadGroup", false);
    const struct jmx_prop *coll = pb_collection(el, "AuthManager.auth_list");
    if (!coll)
        return am;
    am->entries = PB_ARRAY(b, struct plan_auth_entry, coll->n_items);
    for (size_t i = 0; i < coll->n_items; i++) {
        const struct jmx_prop *a = coll->items[i];
        if (a->kind != JMX_PROP_ELEMENT)
            continue;
        struct plan_auth_entry *e = &am->entries[am->n_entries++];
        e->url = pb_tmpl_item(b, el, a, "Authorization.url", "");
        e->username = pb_tmpl_item(b, el, a, "Authorization.username", "");
        e->password = pb_tmpl_item(b, el, a, "Authorization.password", "");
        e->domain = pb_tmpl_item(b, el, a, "Authorization.domain", "");
        e->realm = pb_tmpl_item(b, el, a, "Authorization.realm", "");
        const char *mech = jmx_prop_str(a, "Authorization.mechanism", "BASIC");
        if (str_eq(mech, "DIGEST"))
            e->mechanism = AUTH_DIGEST;
        else if (str_eq(mech, "KERBEROS")) {
            e->mechanism = AUTH_KERBEROS;
            pb_warn(b, el, "Kerberos credentials for \"%s\" are not supported: requests go "
                           "without them", tmpl_src(e->url));
        } else
            e->mechanism = AUTH_BASIC;   /* BASIC, and the legacy BASIC_DIGEST */
    }
    return am;
}

void auth_manager_describe(const struct plan_node *node, struct strbuf *out)
{
    static const char *mech[] = {"basic", "digest", "kerberos"};
    const struct plan_auth_manager *am = node->data;
    for (size_t i = 0; i < am->n_entries; i++) {
        const struct plan_auth_entry *e = &am->entries[i];
        strbuf_addf(out, "%s%s %s@%s", i ? "; " : "", mech[e->mechanism], tmpl_src(e->username),
                    *tmpl_src(e->url) ? tmpl_src(e->url) : "*");
    }
}
