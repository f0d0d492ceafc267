/* transaction.h - the Transaction Controller's samples, between the
 * controller (ctl_transaction.c) and the thread (vu.c). */
#ifndef JMX2RUN_RUN_TRANSACTION_H
#define JMX2RUN_RUN_TRANSACTION_H

#include "run.h"

/* Epoch milliseconds on the run's monotonic time line. */
int64_t run_now_ms(const struct engine *e);

/* Parent mode: the TransactionSampler. */
struct tsampler *tsampler_new(struct vu *vu, const struct plan_node *tc);
void tsampler_add_result(struct tsampler *ts, struct sample *res);   /* takes ownership */
void tsampler_set_done(struct vu *vu, struct tsampler *ts);
void tsampler_free(struct tsampler *ts);

/* Non-parent mode: a child sample finished (after its assertions). */
void transaction_sample_occurred(struct vu *vu, const struct plan_node *tc, const struct sample *s);
/* A wrapper its controller let go of during a loop action; freed by the thread. */
void vu_detach_tsampler(struct vu *vu, struct tsampler *ts);
/* A finished transaction sample goes to the results (vu.c); takes ownership. */
void transaction_emit(struct vu *vu, const struct plan_node *tc, struct sample *s);

#endif
