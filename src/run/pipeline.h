/* pipeline.h - what happens around one sampler (pipeline.c) and the hooks it
 * calls in the other files of the runner. */
#ifndef JMX2RUN_RUN_PIPELINE_H
#define JMX2RUN_RUN_PIPELINE_H

#include "run.h"

enum pipeline_status { PIPELINE_DONE, PIPELINE_WAITING };

/* Processes vu->item: transaction wrappers, pre-processors, timers, the
 * sample, post-processors, assertions, listeners. WAITING means it resumes
 * later and ends with vu_item_done(). */
enum pipeline_status pipeline_process_item(struct vu *vu);
/* A sampler finished (s may be NULL: no sample, as for a Flow Control Action). */
void pipeline_sample_finished(struct vu *vu, struct sample *s);
/* Ends a parent-mode transaction (JMeter's doEndTransactionSampler). With no
 * parent wrapper the sample goes to the results and NULL is returned;
 * otherwise the sample is returned for the parent to take. */
struct sample *pipeline_end_transaction(struct vu *vu, struct tsampler *ts, struct tsampler *parent);
void pipeline_detach_tsampler(struct vu *vu, struct tsampler *ts);
void pipeline_free_detached(struct vu *vu);
/* After the timers: waits total ms (if any), then starts the sample. */
void pipeline_wait_then_sample(struct vu *vu, int64_t total);
/* A Synchronizing Timer released this user. */
void pipeline_barrier_released(struct vu *vu);
/* Gives the worker back for a moment, then continues the walk. */
void pipeline_yield(struct vu *vu);

/* thread and iteration hooks (user_state.c) */
void pipeline_thread_started(struct vu *vu);
void pipeline_thread_iteration_start(struct vu *vu);
void pipeline_config_iteration_start(struct vu *vu, const struct plan_node *node);
void pipeline_pre_processor(struct vu *vu, const struct plan_node *node);
void pipeline_user_free(struct vu *vu);

/* vu.c */
void vu_item_done(struct vu *vu);
void vu_fire_iteration_listeners(struct vu *vu, const struct plan_node *node, int iteration);

/* timers.c: the delay of one timer for this user, in ms (random timers
 * already scaled by timer.factor). A Synchronizing Timer returns 0 and
 * reports itself through *rendezvous. */
int64_t timer_delay_ms(struct vu *vu, const struct plan_node *timer,
                       const struct plan_node **rendezvous);
/* Joins a Synchronizing Timer's barrier; true = released now, false = the
 * user waits and is woken with vu_wake(). */
bool sync_timer_arrive(struct vu *vu, const struct plan_node *timer);

/* postprocess_run.c: post-processors, assertions, Result Status Action Handler */
/* false: JMeter's post-processor threw; the sample is then dropped */
bool postprocessor_run(struct vu *vu, const struct plan_node *node, struct sample *s);
void assertion_run(struct vu *vu, const struct plan_node *node, struct sample *s);
/* The action a Result Status Action Handler asks for this sample. */
enum result_action result_action_of(const struct plan_node *node, const struct sample *s);
/* Elements the plan knows but the runner does not execute yet (*effect says
 * what happens instead); reported once when a run starts. */
bool runtime_unimplemented(const struct plan_node *node, const char **effect);

/* samplers.c: starts the current sampler; ends with pipeline_sample_finished */
void sampler_start(struct vu *vu);

/* worker.c */
void worker_resume(struct worker *w, struct vu *vu);

#endif
