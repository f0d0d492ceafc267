/* assert_scope.c - which samples an assertion checks, as JMeterThread.checkAssertions
 * does it: the parent for the parent, all and variable scopes; the sub-samples for the
 * children and all scopes, each sub-sample checked and then its own sub-samples, four
 * levels deep. A level where a checked sub-sample failed while its parent is still
 * successful fails the parent with "One or more sub-samples failed". */
#include "jmx2run/postprocess.h"

static void check_children(struct sample *parent, const char *name, assertion_check_fn check,
                           void *arg, int level)
{
    if (level < 0)
        return;
    bool child_failed = false;
    for (size_t i = 0; i < parent->n_subs; i++) {
        struct sample *child = parent->subs[i];
        check(child, arg);
        check_children(child, name, check, arg, level - 1);
        if (!child->success)
            child_failed = true;
    }
    if (child_failed && parent->success)
        sample_add_assertion(parent, name, true, false, "One or more sub-samples failed");
}

void assertion_apply_scoped(enum sample_scope scope, const char *name, struct sample *s,
                            assertion_check_fn check, void *arg)
{
    if (scope == SCOPE_PARENT || scope == SCOPE_ALL || scope == SCOPE_VARIABLE)
        check(s, arg);
    if (scope == SCOPE_CHILDREN || scope == SCOPE_ALL)
        check_children(s, name, check, arg, 3);
}
