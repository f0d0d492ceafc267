/* header_manager.c - HTTP Header Manager: a list of name/value headers.
 * Managers in scope merge per sampler, innermost name wins (scope.c). */
#include "../builder.h"

void *header_manager_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_header_manager *hm = PB_NEW(b, struct plan_header_manager);
    const struct jmx_prop *coll = pb_collection(el, "HeaderManager.headers");
    if (!coll)
        return hm;
    hm->headers = PB_ARRAY(b, struct plan_header, coll->n_items);
    for (size_t i = 0; i < coll->n_items; i++) {
        const struct jmx_prop *h = coll->items[i];
        if (h->kind != JMX_PROP_ELEMENT)
            continue;
        struct plan_header *hdr = &hm->headers[hm->n_headers++];
        hdr->name = pb_tmpl_item(b, el, h, "Header.name", "");
        hdr->value = pb_tmpl_item(b, el, h, "Header.value", "");
        hdr->from = node;
    }
    return hm;
}

void header_manager_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_header_manager *hm = node->data;
    for (size_t i = 0; i < hm->n_headers; i++)
        strbuf_addf(out, "%s%s: %s", i ? "; " : "", tmpl_src(hm->headers[i].name),
                    tmpl_src(hm->headers[i].value));
}
