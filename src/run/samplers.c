/* samplers.c - the samplers other than HTTP: Debug Sampler, jp@gc Dummy
 * Sampler, Java Request (JMeter's built-in JavaTest and SleepTest classes),
 * Flow Control Action; and the dispatch that starts any sampler. Timed ones
 * wait on the worker's loop; none blocks its thread. */
#include <stdlib.h>
#include <string.h>
#include "pipeline.h"
#include "transaction.h"

static struct sample *new_sample(struct vu *vu)
{
    struct sample *s = sample_new();
    s->label = xstrdup(vu->pipe.sampler_name ? vu->pipe.sampler_name : "");
    s->start_ms = run_now_ms(vu->engine);
    s->response_code = xstrdup("");
    s->response_message = xstrdup("");
    return s;
}

static void end_now(struct vu *vu, struct sample *s)
{
    s->end_ms = run_now_ms(vu->engine);
    s->elapsed_ms = s->end_ms - s->start_ms;
}

/* ---------------------------------------------------------- timed samples */

struct timed {
    struct vu *vu;
    struct sample *sample;    /* NULL: a pause without a sample */
};

static struct timed *timed_of(struct vu *vu)
{
    return (struct timed *)vu->timer.arg;
}

static void timed_done(struct loop *loop, void *arg)
{
    struct timed *t = arg;
    struct vu *vu = t->vu;
    struct sample *s = t->sample;
    free(t);
    vu->timer.arg = vu;
    if (s) {
        end_now(vu, s);
        s->latency_ms = s->latency_ms ? s->latency_ms : s->elapsed_ms;
    }
    pipeline_sample_finished(vu, s);
}

static void finish_after(struct vu *vu, struct sample *s, int64_t ms)
{
    if (ms <= 0) {
        if (s)
            end_now(vu, s);
        pipeline_sample_finished(vu, s);
        return;
    }
    struct timed *t = xcalloc(1, sizeof *t);
    t->vu = vu;
    t->sample = s;
    vu->timer.fn = timed_done;
    vu->timer.arg = t;
    loop_timer_after(vu->worker->loop, &vu->timer, ms);
    (void)timed_of;
}

static long long eval_ll(struct vu *vu, const struct tmpl *t, long long dflt)
{
    if (!t || !*t->source)
        return dflt;
    char *s = tmpl_eval_dup(t, &vu->ctx);
    long long v;
    char *end;
    if (!str_parse_ll(s, &v)) {
        v = strtoll(s, &end, 0);   /* Long.decode: 0x.. hex, 0.. octal */
        if (*end || end == s)
            v = dflt;
    }
    free(s);
    return v;
}

/* ------------------------------------------------------------ Debug Sampler */

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void debug_sampler(struct vu *vu)
{
    const struct plan_debug_sampler *d = vu->sampler->data;
    struct sample *s = new_sample(vu);
    free(s->response_code);
    free(s->response_message);
    s->response_code = xstrdup("200");
    s->response_message = xstrdup("OK");
    s->data_type = "text";
    if (d->jmeter_variables) {
        strbuf_adds(&s->body, "JMeterVariables:\n");
        size_t n = strmap_count(&vu->vars), k = 0;
        const char **keys = xcalloc(n + 1, sizeof(char *));
        const char *key, *value;
        for (size_t it = 0; strmap_next(&vu->vars, &it, &key, &value);)
            keys[k++] = key;
        qsort(keys, k, sizeof(char *), compare_keys);
        for (size_t i = 0; i < k; i++)
            strbuf_addf(&s->body, "%s=%s\n", keys[i], strmap_get(&vu->vars, keys[i]));
        free(keys);
    }
    s->body_size = (int64_t)s->body.len;
    s->bytes = s->body_size;
    end_now(vu, s);
    pipeline_sample_finished(vu, s);
}

/* ------------------------------------------------------- jp@gc Dummy Sampler */

static void dummy_sampler(struct vu *vu)
{
    const struct plan_dummy_sampler *d = vu->sampler->data;
    struct sample *s = new_sample(vu);
    free(s->response_code);
    free(s->response_message);
    s->response_code = tmpl_eval_dup(d->response_code, &vu->ctx);
    s->response_message = tmpl_eval_dup(d->response_message, &vu->ctx);
    s->success = d->successful;
    s->error_count = s->success ? 0 : 1;
    s->data_type = "text";
    char *data = tmpl_eval_dup(d->response_data, &vu->ctx);
    strbuf_adds(&s->body, data);
    s->body_size = (int64_t)s->body.len;
    s->bytes = s->body_size;
    free(data);
    char *req = tmpl_eval_dup(d->request_data, &vu->ctx);
    strbuf_adds(&s->request_data, req);
    free(req);
    char *url = tmpl_eval_dup(d->url, &vu->ctx);
    if (*url)
        s->url = url;
    else
        free(url);
    s->latency_ms = eval_ll(vu, d->latency, 0);
    s->connect_ms = eval_ll(vu, d->connect, 0);
    long long time = eval_ll(vu, d->response_time, 0);
    if (d->simulate_waiting) {
        finish_after(vu, s, time);
        return;
    }
    s->elapsed_ms = time;
    s->end_ms = s->start_ms + time;
    pipeline_sample_finished(vu, s);
}

/* --------------------------------------------------------------- Java Request */

static const char *java_arg(const struct plan_java_request *j, const char *name)
{
    for (size_t i = 0; i < j->n_args; i++)
        if (str_eq(j->args[i].name, name))
            return j->args[i].value->source;
    return NULL;
}

static char *java_arg_eval(struct vu *vu, const struct plan_java_request *j, const char *name,
                           const char *dflt)
{
    for (size_t i = 0; i < j->n_args; i++)
        if (str_eq(j->args[i].name, name))
            return tmpl_eval_dup(j->args[i].value, &vu->ctx);
    return xstrdup(dflt);
}

static void java_request(struct vu *vu)
{
    const struct plan_java_request *j = vu->sampler->data;
    struct sample *s = new_sample(vu);
    if (!j->builtin_java_test) {
        sample_set_non_http_error(s, "java.lang.ClassNotFoundException", j->classname);
        free(s->response_code);
        free(s->response_message);
        s->response_code = xstrdup("500");
        s->response_message = xasprintf("Could not run Java class %s without a JVM", j->classname);
        end_now(vu, s);
        pipeline_sample_finished(vu, s);
        return;
    }
    bool sleep_test = str_ends_with(j->classname, ".SleepTest");
    const char *time_name = sleep_test ? "SleepTime" : "Sleep_Time";
    const char *mask_name = sleep_test ? "SleepMask" : "Sleep_Mask";
    char *t = java_arg_eval(vu, j, time_name, sleep_test ? "1000" : "100");
    char *m = java_arg_eval(vu, j, mask_name, sleep_test ? "0x3ff" : "0xff");
    long long sleep_time = strtoll(t, NULL, 0), mask = strtoll(m, NULL, 0);
    free(t);
    free(m);
    long long sleep = sleep_time;
    if (sleep_time > 0 && mask > 0)
        sleep = sleep_time + (run_now_ms(vu->engine) % mask);
    if (!sleep_test) {
        char *label = java_arg_eval(vu, j, "Label", "");
        if (*label)
            sample_set_label(s, label);
        free(label);
        free(s->response_code);
        free(s->response_message);
        s->response_code = java_arg_eval(vu, j, "ResponseCode", "");
        s->response_message = java_arg_eval(vu, j, "ResponseMessage", "");
        char *status = java_arg_eval(vu, j, "Status", "OK");
        s->success = str_ieq(status, "OK");
        s->error_count = s->success ? 0 : 1;
        free(status);
        char *data = java_arg_eval(vu, j, "ResultData", "");
        strbuf_adds(&s->body, data);
        s->body_size = (int64_t)s->body.len;
        s->bytes = s->body_size;
        free(data);
        char *sampler_data = java_arg_eval(vu, j, "SamplerData", "");
        strbuf_adds(&s->request_data, sampler_data);
        free(sampler_data);
        if (s->body.len)
            s->data_type = "text";
    }
    (void)java_arg;
    finish_after(vu, s, sleep);
}

/* -------------------------------------------------------- Flow Control Action */

static void flow_control_action(struct vu *vu)
{
    const struct plan_flow_control_action *f = vu->sampler->data;
    bool all_threads = f->target == 2;
    switch (f->action) {
    case FLOW_PAUSE:
        finish_after(vu, NULL, eval_ll(vu, f->duration, 0));
        return;
    case FLOW_STOP:
        if (all_threads)
            run_stop_test(vu->engine, false);
        else
            vu->running = false;
        break;
    case FLOW_STOP_NOW:
        if (all_threads)
            run_stop_test(vu->engine, true);
        else
            vu->running = false;
        break;
    case FLOW_START_NEXT_THREAD_LOOP:
        vu->action = ACTION_START_NEXT_ITERATION_OF_THREAD;
        break;
    case FLOW_START_NEXT_ITERATION:
        vu->action = ACTION_START_NEXT_ITERATION_OF_CURRENT_LOOP;
        break;
    case FLOW_BREAK_LOOP:
        vu->action = ACTION_BREAK_CURRENT_LOOP;
        break;
    }
    pipeline_sample_finished(vu, NULL);   /* no sample, as in JMeter */
}

/* ----------------------------------------------------------------- dispatch */

void sampler_start(struct vu *vu)
{
    switch (vu->sampler->kind) {
    case PK_HTTP_SAMPLER: transport_start(vu); break;
    case PK_DEBUG_SAMPLER: debug_sampler(vu); break;
    case PK_DUMMY_SAMPLER: dummy_sampler(vu); break;
    case PK_JAVA_REQUEST: java_request(vu); break;
    case PK_FLOW_CONTROL_ACTION: flow_control_action(vu); break;
    default:
        /* an unsupported sampler (reported when the plan was built): no sample */
        pipeline_sample_finished(vu, NULL);
        break;
    }
}
