/* constant_throughput_timer.c - Constant Throughput Timer (digest §7): paces
 * the samplers in scope to a target rate in samples per minute. */
#include <string.h>
#include "../builder.h"

/* calcMode is an int (0-4), "calcMode.1".."calcMode.5", or the GUI label. */
static bool parse_calc_mode(const char *v, enum throughput_calc_mode *out)
{
    static const char *labels[] = {
        "this thread only", "all active threads", "all active threads in current thread group",
        "all active threads (shared)", "all active threads in current thread group (shared)",
    };
    long long n;
    if (str_parse_ll(v, &n) && n >= 0 && n <= 4) {
        *out = (enum throughput_calc_mode)n;
        return true;
    }
    if (str_starts_with(v, "calcMode.") && str_parse_ll(v + 9, &n) && n >= 1 && n <= 5) {
        *out = (enum throughput_calc_mode)(n - 1);
        return true;
    }
    for (size_t i = 0; i < ARRAY_LEN(labels); i++)
        if (str_ieq(v, labels[i])) {
            *out = (enum throughput_calc_mode)i;
            return true;
        }
    return false;
}

void *constant_throughput_timer_build(struct plan_builder *b, const struct jmx_element *el,
                                      struct plan_node *node)
{
    struct plan_constant_throughput_timer *t = PB_NEW(b, struct plan_constant_throughput_timer);
    t->throughput = pb_tmpl(b, el, "throughput", "0");
    const char *mode = jmx_str(el, "calcMode", "0");
    if (!parse_calc_mode(mode, &t->calc_mode)) {
        pb_warn(b, el, "unknown calcMode \"%s\": \"this thread only\" is used", mode);
        t->calc_mode = CTT_THIS_THREAD;
    }
    return t;
}

void constant_throughput_timer_describe(const struct plan_node *node, struct strbuf *out)
{
    static const char *modes[] = {"this thread only", "all active threads",
                                  "all active threads in the group", "all active threads, shared",
                                  "all active threads in the group, shared"};
    const struct plan_constant_throughput_timer *t = node->data;
    strbuf_addf(out, "%s samples/min, %s", tmpl_src(t->throughput), modes[t->calc_mode]);
}
