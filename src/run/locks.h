/* locks.h - the Critical Section Controller's named locks, run-wide. */
#ifndef JMX2RUN_RUN_LOCKS_H
#define JMX2RUN_RUN_LOCKS_H

#include "run.h"

/* A user that finishes while queued must not be woken later. */
void locks_forget_user(struct vu *vu);
/* Drops every lock at the end of a run. */
void locks_reset(void);
/* Resumes a user that was waiting for a lock (on its own worker). */
void vu_wake(struct vu *vu);

#endif
