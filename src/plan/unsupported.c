/* unsupported.c - elements outside the element table.
 *
 * They are never dropped silently: the builder keeps them in place as
 * PK_UNSUPPORTED nodes (so reports and the emitter can name them) with a
 * warning saying what happens instead. Their role is guessed from the class
 * name, the way JMeter's own class names are built, so that a plugin's
 * controller still runs its children and a script post-processor is listed
 * among the post-processors it would have run with. */
#include <string.h>
#include "builder.h"

static bool has(const char *s, const char *part)
{
    return s && strstr(s, part) != NULL;
}

enum plan_role plan_guess_role(const struct jmx_element *el)
{
    const char *c = el->testclass, *g = el->guiclass;
    if (has(c, "ThreadGroup") || has(g, "ThreadGroup"))
        return ROLE_THREAD_GROUP;
    if (has(c, "ResultCollector") || has(c, "Visualizer") || has(c, "Listener") ||
        has(c, "Summariser") || has(c, "Reporter") || has(g, "Visualizer") ||
        has(g, "Graph") || has(g, "Listener") || has(g, "StatVisualizer") || has(g, "Collector"))
        return ROLE_LISTENER;
    if (has(c, "PreProcessor") || has(c, "Modifier") || has(c, "UserParameters") ||
        has(c, "AnchorModifier") || has(c, "URLRewriting") || has(c, "RegExUserParameters") ||
        has(c, "SampleTimeout"))
        return ROLE_PRE_PROCESSOR;
    if (has(c, "PostProcessor") || has(c, "Extractor"))
        return ROLE_POST_PROCESSOR;
    if (has(c, "Assertion"))
        return ROLE_ASSERTION;
    if (has(c, "Timer"))
        return ROLE_TIMER;
    if (has(c, "Controller") || has(c, "Control") || has(g, "Controller"))
        return ROLE_CONTROLLER;
    if (has(c, "Sampler") || has(c, "Request") || has(g, "Sampler") || has(g, "SampleGui") ||
        has(c, "Sample"))
        return ROLE_SAMPLER;
    return ROLE_CONFIG;
}

static const struct {
    const char *class_part;
    const char *reason;
} script_reasons[] = {
    {"JSR223", "its script is not run (scripts need a JVM); port it by hand"},
    {"BeanShell", "its BeanShell script is not run; port it by hand"},
    {"BSF", "its BSF script is not run; port it by hand"},
};

const char *plan_unsupported_reason(const struct jmx_element *el, enum plan_role role)
{
    for (size_t i = 0; i < ARRAY_LEN(script_reasons); i++)
        if (has(el->testclass, script_reasons[i].class_part)) {
            if (role == ROLE_SAMPLER)
                return "its script is not run and no sample is recorded; port it by hand";
            return script_reasons[i].reason;
        }
    switch (role) {
    case ROLE_THREAD_GROUP: return "this thread group does not run";
    case ROLE_CONTROLLER: return "its children run as in a Simple Controller";
    case ROLE_SAMPLER: return "skipped: no request is made and no sample is recorded";
    case ROLE_PRE_PROCESSOR: return "not run before the samplers in its scope";
    case ROLE_POST_PROCESSOR: return "not run after the samplers in its scope";
    case ROLE_TIMER: return "adds no delay";
    case ROLE_ASSERTION: return "not checked";
    case ROLE_CONFIG: return "ignored";
    case ROLE_LISTENER: return "skipped";
    case ROLE_TEST_PLAN: return "ignored";
    }
    return "ignored";
}

static void flatten(struct plan_builder *b, struct ptrvec *out, const char *prefix,
                    struct jmx_prop *const *props, size_t n, int depth)
{
    for (size_t i = 0; i < n; i++) {
        const struct jmx_prop *p = props[i];
        const char *name = p->name[0] ? p->name : (p->testname ? p->testname : "");
        const char *full = prefix ? arena_printf(b->arena, "%s.%s", prefix, name)
                                  : arena_strdup(b->arena, name);
        if (jmx_is_scalar(p)) {
            struct plan_raw_prop *rp = PB_NEW(b, struct plan_raw_prop);
            rp->name = full;
            rp->value = arena_strdup(b->arena, p->value);
            ptrvec_push(out, rp);
        } else if (depth < 8) {
            flatten(b, out, full, p->items, p->n_items, depth + 1);
        }
    }
}

void plan_flatten_props(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct ptrvec v = {0};
    flatten(b, &v, NULL, el->props, el->n_props, 0);
    node->n_raw = v.len;
    node->raw = PB_ARRAY(b, struct plan_raw_prop, v.len);
    for (size_t i = 0; i < v.len; i++)
        node->raw[i] = *(struct plan_raw_prop *)v.items[i];
    ptrvec_free(&v);
}
