/* dns_cache_manager.c - DNS Cache Manager (digest §6.6): static host entries
 * (mapped onto CURLOPT_RESOLVE by the runner) and optional DNS servers. */
#include "../builder.h"

void *dns_cache_manager_build(struct plan_builder *b, const struct jmx_element *el,
                              struct plan_node *node)
{
    struct plan_dns_cache_manager *dm = PB_NEW(b, struct plan_dns_cache_manager);
    dm->custom_resolver = pb_bool(el, "DNSCacheManager.isCustomResolver", false);
    dm->clear_each_iteration = pb_bool(el, "DNSCacheManager.clearEachIteration", false);
    const struct jmx_prop *servers = pb_collection(el, "DNSCacheManager.servers");
    if (servers) {
        dm->servers = arena_alloc(b->arena, sizeof(char *) * (servers->n_items + 1));
        for (size_t i = 0; i < servers->n_items; i++)
            if (jmx_is_scalar(servers->items[i]) && *servers->items[i]->value)
                dm->servers[dm->n_servers++] = arena_strdup(b->arena, servers->items[i]->value);
    }
    const struct jmx_prop *hosts = pb_collection(el, "DNSCacheManager.hosts");
    if (hosts) {
        dm->hosts = PB_ARRAY(b, struct plan_name_value, hosts->n_items);
        for (size_t i = 0; i < hosts->n_items; i++) {
            const struct jmx_prop *h = hosts->items[i];
            if (h->kind != JMX_PROP_ELEMENT)
                continue;
            struct plan_name_value *nv = &dm->hosts[dm->n_hosts++];
            nv->name = arena_strdup(b->arena, jmx_prop_str(h, "StaticHost.Name", ""));
            nv->value = pb_tmpl_item(b, el, h, "StaticHost.Address", "");
        }
    }
    if (dm->custom_resolver && dm->n_servers)
        pb_warn(b, el, "custom DNS servers are not queried; the system resolver and the static "
                       "hosts are used");
    return dm;
}

void dns_cache_manager_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_dns_cache_manager *dm = node->data;
    strbuf_adds(out, dm->custom_resolver ? "custom resolver" : "system resolver");
    for (size_t i = 0; i < dm->n_hosts; i++)
        strbuf_addf(out, " %s=%s", dm->hosts[i].name, tmpl_src(dm->hosts[i].value));
}
