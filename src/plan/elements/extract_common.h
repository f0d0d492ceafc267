/* extract_common.h - settings shared by the extractors: which part of the
 * response they read (RegexExtractor.useHeaders and its twins). */
#ifndef JMX2RUN_PLAN_EXTRACT_COMMON_H
#define JMX2RUN_PLAN_EXTRACT_COMMON_H

#include "../builder.h"

enum extract_field extract_field_parse(struct plan_builder *b, const struct jmx_element *el,
                                       const char *prop);
const char *extract_field_name(enum extract_field f);
void describe_scope(struct strbuf *out, const struct plan_sample_scope *s);

#endif
