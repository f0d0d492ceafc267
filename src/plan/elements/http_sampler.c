/* http_sampler.c - HTTP Request (HTTPSamplerProxy; HTTPSampler and HTTPSampler2
 * load as it). Built from the sampler merged with the HTTP Request Defaults in
 * its scope (see merge.c), so the payload holds the values JMeter would use. */
#include <string.h>
#include "http_common.h"

static const char *const known_methods[] = {
    "GET", "POST", "HEAD", "PUT", "OPTIONS", "TRACE", "DELETE", "PATCH", "PROPFIND",
    "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "MKCALENDAR", "SEARCH",
};

static const struct jmx_prop *args_collection(const struct jmx_element *el)
{
    const struct jmx_prop *args = jmx_prop(el, "HTTPsampler.Arguments");
    const struct jmx_prop *coll = jmx_prop_item(args, "Arguments.arguments");
    return coll && coll->kind == JMX_PROP_COLLECTION ? coll : NULL;
}

size_t http_count_args(const struct jmx_element *el)
{
    const struct jmx_prop *coll = args_collection(el);
    return coll ? coll->n_items : 0;
}

static void build_args(struct plan_builder *b, const struct jmx_element *el,
                       struct plan_http_sampler *h, size_t own_args)
{
    const struct jmx_prop *coll = args_collection(el);
    if (!coll)
        return;
    h->args = PB_ARRAY(b, struct plan_http_arg, coll->n_items);
    for (size_t i = 0; i < coll->n_items; i++) {
        const struct jmx_prop *a = coll->items[i];
        if (a->kind != JMX_PROP_ELEMENT)
            continue;
        struct plan_http_arg *arg = &h->args[h->n_args++];
        arg->name = pb_tmpl_item(b, el, a, "Argument.name", "");
        arg->value = pb_tmpl_item(b, el, a, "Argument.value", "");
        /* a missing metadata reads as "" in JMeter 5.6 (2.13 sends "?a1" for it) */
        const char *meta = jmx_prop_str(a, "Argument.metadata", "");
        arg->metadata = arena_strdup(b->arena, meta);
        arg->always_encode = jmx_prop_bool(a, "HTTPArgument.always_encode", false);
        const struct jmx_prop *ct = jmx_prop_item(a, "HTTPArgument.content_type");
        arg->content_type = ct ? pb_tmpl_item(b, el, a, "HTTPArgument.content_type", "") : NULL;
        arg->enabled = a->enabled;
        arg->from_defaults = i >= own_args;
    }
}

static void build_files(struct plan_builder *b, const struct jmx_element *el,
                        struct plan_http_sampler *h)
{
    const struct jmx_prop *files = jmx_prop(el, "HTTPsampler.Files");
    const struct jmx_prop *coll = jmx_prop_item(files, "HTTPFileArgs.files");
    if (!coll || coll->kind != JMX_PROP_COLLECTION)
        return;
    h->files = PB_ARRAY(b, struct plan_http_file, coll->n_items);
    for (size_t i = 0; i < coll->n_items; i++) {
        const struct jmx_prop *f = coll->items[i];
        if (f->kind != JMX_PROP_ELEMENT)
            continue;
        struct plan_http_file *file = &h->files[h->n_files++];
        file->path = pb_tmpl_item(b, el, f, "File.path", "");
        file->param_name = pb_tmpl_item(b, el, f, "File.paramname", "");
        file->mime_type = pb_tmpl_item(b, el, f, "File.mimetype", "");
    }
}

struct plan_http_sampler *http_props_build(struct plan_builder *b, const struct jmx_element *el,
                                           size_t own_args)
{
    struct plan_http_sampler *h = PB_NEW(b, struct plan_http_sampler);
    h->protocol = pb_tmpl(b, el, "HTTPSampler.protocol", "");
    h->domain = pb_tmpl(b, el, "HTTPSampler.domain", "");
    h->port = pb_tmpl(b, el, "HTTPSampler.port", "");
    h->path = pb_tmpl(b, el, "HTTPSampler.path", "");
    h->method = pb_tmpl(b, el, "HTTPSampler.method", "GET");
    h->content_encoding = pb_tmpl(b, el, "HTTPSampler.contentEncoding", "");
    h->follow_redirects = pb_bool(el, "HTTPSampler.follow_redirects", false);
    h->auto_redirects = pb_bool(el, "HTTPSampler.auto_redirects", false);
    h->use_keepalive = pb_bool(el, "HTTPSampler.use_keepalive", false);
    h->do_multipart = pb_bool(el, "HTTPSampler.DO_MULTIPART_POST", false);
    h->browser_compatible_multipart = pb_bool(el, "HTTPSampler.BROWSER_COMPATIBLE_MULTIPART", false);
    h->post_body_raw = pb_bool(el, "HTTPSampler.postBodyRaw", false);
    h->image_parser = pb_bool(el, "HTTPSampler.image_parser", false);
    h->concurrent_download = pb_bool(el, "HTTPSampler.concurrentDwn", false);
    h->concurrent_pool = pb_tmpl(b, el, "HTTPSampler.concurrentPool", "6");
    h->embedded_url_re = pb_tmpl(b, el, "HTTPSampler.embedded_url_re", "");
    h->embedded_url_exclude_re = pb_tmpl(b, el, "HTTPSampler.embedded_url_exclude_re", "");
    h->connect_timeout = pb_tmpl(b, el, "HTTPSampler.connect_timeout", "");
    h->response_timeout = pb_tmpl(b, el, "HTTPSampler.response_timeout", "");
    h->md5 = pb_bool(el, "HTTPSampler.md5", false);
    h->implementation = pb_tmpl(b, el, "HTTPSampler.implementation", "");
    h->ip_source = pb_tmpl(b, el, "HTTPSampler.ipSource", "");
    h->ip_source_type = (int)pb_long(el, "HTTPSampler.ipSourceType", 0);
    h->proxy_scheme = pb_tmpl(b, el, "HTTPSampler.proxyScheme", "");
    h->proxy_host = pb_tmpl(b, el, "HTTPSampler.proxyHost", "");
    h->proxy_port = pb_tmpl(b, el, "HTTPSampler.proxyPort", "");
    h->proxy_user = pb_tmpl(b, el, "HTTPSampler.proxyUser", "");
    h->proxy_pass = pb_tmpl(b, el, "HTTPSampler.proxyPass", "");
    build_args(b, el, h, own_args);
    build_files(b, el, h);
    return h;
}

void *http_sampler_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    const struct jmx_element *own = b->sources[node->id];
    struct plan_http_sampler *h = http_props_build(b, el, http_count_args(own));
    if (h->method->is_literal) {
        bool known = h->method->source[0] == '\0';
        for (size_t i = 0; i < ARRAY_LEN(known_methods) && !known; i++)
            known = strcmp(h->method->source, known_methods[i]) == 0;
        if (!known)
            pb_warn(b, el, "HTTP method \"%s\" is sent as written; JMeter only accepts it when "
                           "listed in httpsampler.user_defined_methods", h->method->source);
    }
    return h;
}

static void add_url(const struct plan_http_sampler *h, struct strbuf *out)
{
    const char *path = tmpl_src(h->path);
    if (str_starts_with(path, "http://") || str_starts_with(path, "https://")) {
        strbuf_adds(out, path);
        return;
    }
    const char *proto = tmpl_src(h->protocol);
    strbuf_addf(out, "%s://%s", *proto ? proto : "http", tmpl_src(h->domain));
    if (*tmpl_src(h->port))
        strbuf_addf(out, ":%s", tmpl_src(h->port));
    if (path[0] != '/')
        strbuf_addc(out, '/');
    strbuf_adds(out, path);
}

/* "proxy=[scheme://]host[:port] proxy-user=name"; the password is never shown. */
static void describe_proxy(const struct plan_http_sampler *h, struct strbuf *out)
{
    const char *host = tmpl_src(h->proxy_host), *port = tmpl_src(h->proxy_port);
    const char *scheme = tmpl_src(h->proxy_scheme);
    if (*host || *port)
        strbuf_addf(out, "%sproxy=%s%s%s%s%s", out->len ? " " : "", scheme, *scheme ? "://" : "",
                    host, *port ? ":" : "", port);
    describe_tmpl(out, "proxy-user", h->proxy_user);
}

void http_props_describe(const struct plan_http_sampler *h, struct strbuf *out)
{
    for (size_t i = 0; i < h->n_args; i++) {
        const struct plan_http_arg *a = &h->args[i];
        const char *name = tmpl_src(a->name), *value = tmpl_src(a->value);
        strbuf_adds(out, i == 0 ? (h->post_body_raw ? " body=" : " params=") : "&");
        if (*name)
            strbuf_addf(out, "%s%s", name, a->metadata);
        size_t n = strlen(value);
        strbuf_addn(out, value, n > 60 ? 60 : n);
        if (n > 60)
            strbuf_adds(out, "...");
    }
    for (size_t i = 0; i < h->n_files; i++)
        strbuf_addf(out, " file=%s", tmpl_src(h->files[i].path));
    describe_flag(out, "follow-redirects", h->follow_redirects);
    describe_flag(out, "auto-redirects", h->auto_redirects);
    describe_flag(out, "keep-alive", h->use_keepalive);
    describe_flag(out, "multipart", h->do_multipart);
    describe_flag(out, "embedded-resources", h->image_parser);
    describe_flag(out, "parallel-downloads", h->concurrent_download);
    describe_tmpl(out, "encoding", h->content_encoding);
    describe_tmpl(out, "connect-timeout", h->connect_timeout);
    describe_tmpl(out, "response-timeout", h->response_timeout);
    describe_proxy(h, out);
}

void http_sampler_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_http_sampler *h = node->data;
    const char *method = tmpl_src(h->method);
    strbuf_addf(out, "%s ", *method ? method : "GET");
    add_url(h, out);
    http_props_describe(h, out);
}
