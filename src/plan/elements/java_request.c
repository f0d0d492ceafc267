/* java_request.c - Java Request. Only JMeter's built-in test classes can run
 * without a JVM: JavaTest (configurable sleep, code, message, status, data)
 * and SleepTest; any other class is reported when the plan is built. */
#include <string.h>
#include "../builder.h"

#define JAVA_TEST "org.apache.jmeter.protocol.java.test.JavaTest"
#define SLEEP_TEST "org.apache.jmeter.protocol.java.test.SleepTest"

void *java_request_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_java_request *j = PB_NEW(b, struct plan_java_request);
    j->classname = pb_str(b, el, "classname", "");
    j->builtin_java_test = str_eq(j->classname, JAVA_TEST) || str_eq(j->classname, SLEEP_TEST);
    const struct jmx_prop *args = jmx_prop(el, "arguments");
    const struct jmx_prop *coll = jmx_prop_item(args, "Arguments.arguments");
    j->args = pb_arguments(b, el, coll && coll->kind == JMX_PROP_COLLECTION ? coll : NULL,
                           &j->n_args);
    if (!j->builtin_java_test)
        pb_warn(b, el, "Java class %s cannot run without a JVM: the sample is recorded as failed",
                *j->classname ? j->classname : "(none)");
    return j;
}

void java_request_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_java_request *j = node->data;
    const char *dot = strrchr(j->classname, '.');
    strbuf_adds(out, dot ? dot + 1 : j->classname);
    for (size_t i = 0; i < j->n_args; i++)
        if (*tmpl_src(j->args[i].value))
            strbuf_addf(out, " %s=%s", j->args[i].name, tmpl_src(j->args[i].value));
}
