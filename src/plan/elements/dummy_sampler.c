/* dummy_sampler.c - jp@gc Dummy Sampler: a sample with the code, message, data
 * and timings written in the plan, optionally taking that time for real. */
#include "../builder.h"

void *dummy_sampler_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_dummy_sampler *d = PB_NEW(b, struct plan_dummy_sampler);
    d->successful = pb_bool(el, "SUCCESFULL", false);
    d->simulate_waiting = pb_bool(el, "WAITING", false);
    d->response_code = pb_tmpl(b, el, "RESPONSE_CODE", "");
    d->response_message = pb_tmpl(b, el, "RESPONSE_MESSAGE", "");
    d->response_data = pb_tmpl(b, el, "RESPONSE_DATA", "");
    d->request_data = pb_tmpl(b, el, "REQUEST_DATA", "");
    d->response_time = pb_tmpl(b, el, "RESPONSE_TIME", "0");
    d->latency = pb_tmpl(b, el, "LATENCY", "0");
    d->connect = pb_tmpl(b, el, "CONNECT", "0");
    d->url = pb_tmpl(b, el, "URL", "");
    return d;
}

void dummy_sampler_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_dummy_sampler *d = node->data;
    strbuf_adds(out, d->successful ? "success" : "failure");
    describe_tmpl(out, "code", d->response_code);
    describe_tmpl(out, "time", d->response_time);
    describe_flag(out, "waits", d->simulate_waiting);
}
