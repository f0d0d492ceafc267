/* thread_group_common.h - parts shared by every thread group kind's builder. */
#ifndef JMX2RUN_PLAN_TG_COMMON_H
#define JMX2RUN_PLAN_TG_COMMON_H

#include "../builder.h"

/* num_threads, ramp-up, main loop, scheduler, on_sample_error, ... */
struct plan_thread_group *tg_common_build(struct plan_builder *b, const struct jmx_element *el);
/* "[main group 2]" */
void tg_common_describe(const struct plan_thread_group *tg, struct strbuf *out);

#endif
