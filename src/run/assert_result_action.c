/* assert_result_action.c - the Result Status Action Handler (ResultAction, digest
 * §8.7): a listener that, for a failed sample, asks the engine to stop the thread or
 * the test, or to move on to another loop iteration. A successful sample, or an
 * action number JMeter does not know, asks for nothing. */
#include "jmx2run/postprocess.h"

enum result_action result_action_for(const struct plan_result_action *a, const struct sample *s)
{
    if (s->success)
        return RESULT_ACTION_CONTINUE;
    switch (a->action) {
    case RESULT_ACTION_STOP_THREAD:
    case RESULT_ACTION_STOP_TEST:
    case RESULT_ACTION_STOP_TEST_NOW:
    case RESULT_ACTION_START_NEXT_THREAD_LOOP:
    case RESULT_ACTION_START_NEXT_ITERATION:
    case RESULT_ACTION_BREAK_LOOP:
        return a->action;
    case RESULT_ACTION_CONTINUE:
        break;
    }
    return RESULT_ACTION_CONTINUE;
}
