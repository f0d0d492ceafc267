/* cache_manager.c - HTTP Cache Manager (digest §6.4): a per-user cache of GET
 * responses; fresh hits send nothing, stale ones revalidate. */
#include "../builder.h"

void *cache_manager_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_cache_manager *cm = PB_NEW(b, struct plan_cache_manager);
    cm->clear_each_iteration = pb_bool(el, "clearEachIteration", false);
    cm->use_expires = pb_bool(el, "useExpires", false);
    cm->max_size = pb_long(el, "maxSize", 5000);
    cm->controlled_by_thread = pb_bool(el, "CacheManager.controlledByThread", false);
    return cm;
}

void cache_manager_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_cache_manager *cm = node->data;
    strbuf_addf(out, "max %lld entries", cm->max_size);
    describe_flag(out, "use-expires", cm->use_expires);
    describe_flag(out, "clear-each-iteration", cm->clear_each_iteration);
}
