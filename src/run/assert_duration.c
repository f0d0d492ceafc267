/* assert_duration.c - the Duration Assertion: a sample that took longer than the
 * allowed milliseconds fails with JMeter's message, numbers grouped as in English
 * ("It took 1,234 milliseconds"). A duration that is empty, zero, negative or not a
 * whole number (read with Long.parseLong, no spaces) turns the check off. */
#include <stdlib.h>
#include "jmx2run/postprocess.h"

struct duration_check {
    const struct plan_duration_assertion *a;
    const char *name;
    struct expr_ctx *ctx;
};

static void check_one(struct sample *s, void *arg)
{
    const struct duration_check *c = arg;
    char *text = pp_eval(c->a->duration, c->ctx);
    int64_t allowed;
    if (!java_parse_long(text, &allowed))
        allowed = 0;
    free(text);
    if (allowed > 0 && s->elapsed_ms > allowed) {
        struct strbuf msg;
        strbuf_init(&msg);
        strbuf_adds(&msg, "The operation lasted too long: It took ");
        java_format_grouped(s->elapsed_ms, &msg);
        strbuf_adds(&msg, " milliseconds, but should not have lasted longer than ");
        java_format_grouped(allowed, &msg);
        strbuf_adds(&msg, " milliseconds.");
        sample_add_assertion(s, c->name, true, false, msg.s);
        strbuf_free(&msg);
    } else {
        sample_add_assertion(s, c->name, false, false, NULL);
    }
}

void duration_assertion_run(const struct plan_duration_assertion *a, const char *name,
                            struct sample *s, struct expr_ctx *ctx)
{
    struct duration_check c = {a, name, ctx};
    assertion_apply_scoped(a->scope.scope, name, s, check_one, &c);
}
