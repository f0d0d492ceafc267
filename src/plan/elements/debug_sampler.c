/* debug_sampler.c - Debug Sampler: a sample whose body lists the user's
 * variables (and, if asked, JMeter and system properties). */
#include "../builder.h"

void *debug_sampler_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_debug_sampler *d = PB_NEW(b, struct plan_debug_sampler);
    d->jmeter_properties = pb_bool(el, "displayJMeterProperties", false);
    d->jmeter_variables = pb_bool(el, "displayJMeterVariables", true);
    d->system_properties = pb_bool(el, "displaySystemProperties", false);
    return d;
}

void debug_sampler_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_debug_sampler *d = node->data;
    describe_flag(out, "variables", d->jmeter_variables);
    describe_flag(out, "jmeter-properties", d->jmeter_properties);
    describe_flag(out, "system-properties", d->system_properties);
}
