/* registry.c - the element table: which builder handles which JMeter class.
 * The rows themselves live in include/jmx2run/plan_kinds.def. */
#include <string.h>
#include "builder.h"

static const struct plan_kind_info kind_table[] = {
#define PLAN_KIND(id, testclass, guiclass, display, role, builder) \
    {PK_##id, testclass, guiclass, display, role, builder##_build, builder##_describe},
#include "jmx2run/plan_kinds.def"
#undef PLAN_KIND
};

const struct plan_kind_info *plan_kind_lookup(const char *testclass, const char *guiclass)
{
    if (!testclass)
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(kind_table); i++) {
        const struct plan_kind_info *k = &kind_table[i];
        if (strcmp(k->testclass, testclass) != 0)
            continue;
        if (k->guiclass && !str_eq(k->guiclass, guiclass))
            continue;
        return k;
    }
    return NULL;
}

const struct plan_kind_info *plan_kind_info(enum plan_kind kind)
{
    for (size_t i = 0; i < ARRAY_LEN(kind_table); i++)
        if (kind_table[i].kind == kind)
            return &kind_table[i];
    return NULL;
}

const char *plan_role_name(enum plan_role role)
{
    switch (role) {
    case ROLE_TEST_PLAN: return "test plan";
    case ROLE_THREAD_GROUP: return "thread group";
    case ROLE_CONTROLLER: return "controller";
    case ROLE_SAMPLER: return "sampler";
    case ROLE_CONFIG: return "config element";
    case ROLE_PRE_PROCESSOR: return "pre-processor";
    case ROLE_TIMER: return "timer";
    case ROLE_POST_PROCESSOR: return "post-processor";
    case ROLE_ASSERTION: return "assertion";
    case ROLE_LISTENER: return "listener";
    }
    return "element";
}

const char *plan_kind_display(const struct plan_node *node)
{
    return node->info ? node->info->display : node->testclass;
}

void plan_describe(const struct plan_node *node, struct strbuf *out)
{
    if (node->info && node->info->describe)
        node->info->describe(node, out);
}
