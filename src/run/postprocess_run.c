/* postprocess_run.c - calls the post-processors and assertions of a sample
 * (their behaviour lives in extract_*.c and assert_*.c, see postprocess.h),
 * and knows which of them this version cannot run yet. */
#include <stdlib.h>
#include "jmx2run/log.h"
#include "jmx2run/postprocess.h"
#include "jmx2run/postprocess_json.h"
#include "jmx2run/postprocess_xml.h"
#include "pipeline.h"

bool postprocessor_run(struct vu *vu, const struct plan_node *node, struct sample *s)
{
    char *error = NULL;
    bool ok = true;
    switch (node->kind) {
    case PK_REGEX_EXTRACTOR:
        ok = regex_extractor_run(node->data, node->name, s, &vu->ctx, &error);
        break;
    case PK_BOUNDARY_EXTRACTOR:
        ok = boundary_extractor_run(node->data, node->name, s, &vu->ctx, &error);
        break;
    case PK_JSON_EXTRACTOR:
        ok = json_extractor_run(node->data, node->name, s, &vu->ctx, &error);
        break;
    case PK_XPATH_EXTRACTOR:
        ok = xpath_extractor_run(node->data, node->name, s, &vu->ctx, &error);
        break;
    case PK_CSS_EXTRACTOR:
        ok = css_extractor_run(node->data, node->name, s, &vu->ctx, &error);
        break;
    default:
        break;
    }
    if (!ok)
        log_and_stderr(LOG_ERROR, "%s \"%s\" in %s: %s; the sample is not recorded",
                       plan_kind_display(node), node->name, vu->thread_name, error ? error : "failed");
    free(error);
    return ok;
}

void assertion_run(struct vu *vu, const struct plan_node *node, struct sample *s)
{
    switch (node->kind) {
    case PK_RESPONSE_ASSERTION:
        response_assertion_run(node->data, node->name, s, &vu->ctx);
        break;
    case PK_DURATION_ASSERTION:
        duration_assertion_run(node->data, node->name, s, &vu->ctx);
        break;
    case PK_SIZE_ASSERTION:
        size_assertion_run(node->data, node->name, s, &vu->ctx);
        break;
    case PK_JSON_ASSERTION:
        json_assertion_run(node->data, node->name, s, &vu->ctx);
        break;
    case PK_XPATH_ASSERTION:
        xpath_assertion_run(node->data, node->name, s, &vu->ctx);
        break;
    default:
        break;
    }
}

enum result_action result_action_of(const struct plan_node *node, const struct sample *s)
{
    return result_action_for(node->data, s);
}

/* Elements the plan knows but this runner does not execute yet: none now;
 * kept as the one place to name such an element when a new kind is added. */
bool runtime_unimplemented(const struct plan_node *node, const char **effect)
{
    (void)node;
    (void)effect;
    return false;   /* every element the plan builds is run */
}
