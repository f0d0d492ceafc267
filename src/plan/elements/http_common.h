/* http_common.h - HTTP property parsing shared by HTTP Request and HTTP
 * Request Defaults (they carry the same property names, digest §5.1). */
#ifndef JMX2RUN_PLAN_HTTP_COMMON_H
#define JMX2RUN_PLAN_HTTP_COMMON_H

#include "../builder.h"

/* Reads every HTTPSampler.* property of el. own_args = how many leading
 * arguments are the element's own (the rest came from Defaults). */
struct plan_http_sampler *http_props_build(struct plan_builder *b, const struct jmx_element *el,
                                           size_t own_args);
void http_props_describe(const struct plan_http_sampler *h, struct strbuf *out);
/* Number of arguments in an element's own HTTPsampler.Arguments. */
size_t http_count_args(const struct jmx_element *el);

#endif
