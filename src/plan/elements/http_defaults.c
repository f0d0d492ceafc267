/* http_defaults.c - HTTP Request Defaults (ConfigTestElement + HttpDefaultsGui).
 * Its properties are merged into the HTTP samplers in its scope (merge.c);
 * the payload here only serves --dump. */
#include "http_common.h"

void *http_defaults_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    return http_props_build(b, el, http_count_args(el));
}

void http_defaults_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_http_sampler *h = node->data;
    describe_tmpl(out, "protocol", h->protocol);
    describe_tmpl(out, "domain", h->domain);
    describe_tmpl(out, "port", h->port);
    describe_tmpl(out, "path", h->path);
    http_props_describe(h, out);
}
