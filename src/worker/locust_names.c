/* locust_names.c - the Locust user class name of each main thread group.
 *
 * The master runs the locustfile that --emit-locust wrote for the same plan,
 * and sends user counts by class name; the worker must name its groups the
 * same way. The emitter names a class with py_identifier(PY_IDENT_CAMEL) in a
 * namespace it shares with the runtime's globals and the plan's constants,
 * in the order it writes them, so the only exact way to get the same names
 * is to let it write the file and read the class lines back:
 *
 *     class Shoppers(JMeterUser):
 *
 * one per thread group it converts (setUp, main, tearDown, in that order;
 * a group of unknown kind becomes a TODO without a class). Should that not
 * line up (an emitter that changed its layout), the names come from
 * py_identifier directly, with a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/emit.h"
#include "jmx2run/log.h"
#include "locust_internal.h"

static bool emitted_as_class(const struct plan_node *tg)
{
    return tg->kind != PK_UNSUPPORTED && tg->data;   /* emit_group()'s test */
}

/* The class names in the file, in order. */
static void read_classes(const char *text, struct ptrvec *out)
{
    static const char suffix[] = "(JMeterUser):";
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 6 + sizeof suffix - 1 && strncmp(line, "class ", 6) == 0 &&
            memcmp(line + len - (sizeof suffix - 1), suffix, sizeof suffix - 1) == 0)
            ptrvec_push(out, xstrndup(line + 6, len - 6 - (sizeof suffix - 1)));
        line = end ? end + 1 : NULL;
    }
}

char **locust_class_names(const struct plan *plan, const char *plan_path)
{
    char **names = xcalloc(plan->n_main_groups + 1, sizeof(char *));
    struct emit_options eo = {.fast = false, .plan_path = plan_path};
    struct strbuf text;
    strbuf_init(&text);
    struct diag_list scratch;   /* the conversion's own warnings are not ours to print */
    diag_list_init(&scratch);
    emit_locust(plan, &eo, &text, &scratch);
    diag_list_free(&scratch);
    struct ptrvec classes = {0};
    read_classes(text.s, &classes);
    strbuf_free(&text);

    size_t expected = 0, k = 0;
    struct plan_node *const *lists[3] = {plan->setup_groups, plan->main_groups,
                                         plan->teardown_groups};
    const size_t counts[3] = {plan->n_setup_groups, plan->n_main_groups, plan->n_teardown_groups};
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < counts[l]; i++)
            expected += emitted_as_class(lists[l][i]);
    if (expected == classes.len) {
        for (int l = 0; l < 3; l++)
            for (size_t i = 0; i < counts[l]; i++) {
                if (!emitted_as_class(lists[l][i]))
                    continue;
                if (l == 1)
                    names[i] = xstrdup(classes.items[k]);
                k++;
            }
    } else {
        log_and_stderr(LOG_WARN, "the locustfile's classes (%zu) do not line up with the plan's "
                                 "thread groups (%zu): class names made from the group names",
                       classes.len, expected);
    }
    for (size_t i = 0; i < classes.len; i++)
        free(classes.items[i]);
    ptrvec_free(&classes);

    struct py_names taken;
    py_names_init(&taken);
    for (size_t i = 0; i < plan->n_main_groups; i++)
        if (!names[i])
            names[i] = xstrdup(py_identifier(&taken, plan->main_groups[i]->name, PY_IDENT_CAMEL,
                                             "Users"));
    py_names_free(&taken);
    return names;
}
