/* extract_scope.c - the samples an extractor reads for its Sample.scope, in the order
 * JMeter's AbstractScopedTestElement.getSampleList builds them: the parent first (parent
 * and all scopes), then its direct sub-samples, then, for each of those in turn, their
 * own sub-samples followed by deeper levels (five levels below the parent in all). */
#include "jmx2run/postprocess.h"

static void add_children_of_each(struct sample *const *list, size_t n, int level, struct ptrvec *out)
{
    if (level < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        const struct sample *child = list[i];
        for (size_t k = 0; k < child->n_subs; k++)
            ptrvec_push(out, child->subs[k]);
        add_children_of_each(child->subs, child->n_subs, level - 1, out);
    }
}

void scope_collect(enum sample_scope scope, const struct sample *s, struct ptrvec *out)
{
    if (scope == SCOPE_PARENT || scope == SCOPE_ALL)
        ptrvec_push(out, (void *)s);
    if (scope == SCOPE_CHILDREN || scope == SCOPE_ALL) {
        for (size_t k = 0; k < s->n_subs; k++)
            ptrvec_push(out, s->subs[k]);
        add_children_of_each(s->subs, s->n_subs, 3, out);
    }
}
