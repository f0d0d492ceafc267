/* fn_thread.c - facts about the running user, the plan and the machine:
 * __threadNum, __threadGroupName, __samplerName, __TestPlanName,
 * __machineName, __machineIP, and the logging functions __log / __logn. */
#include <arpa/inet.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include "expr_internal.h"

/* JMeter prints what follows the last '-' of the thread name ("Group 1-3" -> 3). */
static void fn_thread_num(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    if (ctx->thread_name) {
        const char *dash = strrchr(ctx->thread_name, '-');
        strbuf_adds(out, dash ? dash + 1 : ctx->thread_name);
    } else {
        strbuf_addf(out, "%d", ctx->thread_num);
    }
}

static void fn_thread_group_name(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    if (ctx->thread_group_name)
        strbuf_adds(out, ctx->thread_group_name);
}

static void fn_sampler_name(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    const char *name = ctx->sampler_name ? ctx->sampler_name : "";
    strbuf_adds(out, name);
    expr_fn_store_var(call, 0, ctx, name);
}

static void fn_test_plan_name(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    if (ctx->env && ctx->env->plan_file_name)
        strbuf_adds(out, ctx->env->plan_file_name);
}

/* The host name and its address are looked up once per process. */
static char host_name[256] = "localhost";
static char host_ip[INET6_ADDRSTRLEN] = "127.0.0.1";
static pthread_once_t host_once = PTHREAD_ONCE_INIT;

static void look_up_host(void)
{
    char name[256];
    if (gethostname(name, sizeof name) != 0)
        return;
    name[sizeof name - 1] = '\0';
    snprintf(host_name, sizeof host_name, "%s", name);
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(name, NULL, &hints, &res) != 0 || !res)
        return;
    /* like Java, prefer the first IPv4 address */
    const struct addrinfo *pick = res;
    for (const struct addrinfo *a = res; a; a = a->ai_next)
        if (a->ai_family == AF_INET) {
            pick = a;
            break;
        }
    const void *addr = pick->ai_family == AF_INET
                           ? (const void *)&((const struct sockaddr_in *)pick->ai_addr)->sin_addr
                           : (const void *)&((const struct sockaddr_in6 *)pick->ai_addr)->sin6_addr;
    inet_ntop(pick->ai_family, addr, host_ip, sizeof host_ip);
    freeaddrinfo(res);
}

static void fn_machine_name(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    pthread_once(&host_once, look_up_host);
    strbuf_adds(out, host_name);
    expr_fn_store_var(call, 0, ctx, host_name);
}

static void fn_machine_ip(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    pthread_once(&host_once, look_up_host);
    strbuf_adds(out, host_ip);
    expr_fn_store_var(call, 0, ctx, host_ip);
}

/* __log / __logn: OUT and ERR levels print to stdout / stderr as JMeter does;
 * the other levels go to JMeter's log file, which we do not have: they are
 * printed to stderr only when JMX2RUN_LOG_FUNCTIONS is set. */
static void log_text(const struct tmpl_part *call, struct expr_ctx *ctx, const char *text)
{
    char *level = call->n_args > 1 ? expr_fn_arg_trim(call, 1, ctx) : xstrdup("");
    FILE *f = NULL;
    if (strcasecmp(level, "OUT") == 0)
        f = stdout;
    else if (strcasecmp(level, "ERR") == 0 || getenv("JMX2RUN_LOG_FUNCTIONS"))
        f = stderr;
    if (f) {
        char *comment = call->n_args > 3 && call->fn->max_args > 3 ? expr_fn_arg(call, 3, ctx) : xstrdup("");
        static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
        pthread_mutex_lock(&lock);
        fprintf(f, "Log: %s%s%s%s\n", ctx->thread_name ? ctx->thread_name : "main",
                comment[0] ? " " : "", comment[0] ? comment : " : ", text);
        pthread_mutex_unlock(&lock);
        free(comment);
    }
    free(level);
}

static void fn_log(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *text = expr_fn_arg(call, 0, ctx);
    log_text(call, ctx, text);
    strbuf_adds(out, text);
    free(text);
}

static void fn_logn(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *text = expr_fn_arg(call, 0, ctx);
    log_text(call, ctx, text);
    free(text);
}

const struct expr_function expr_fns_thread[] = {
    {"__threadNum", 0, 0, NULL, fn_thread_num, "number of the user within its thread group"},
    {"__threadGroupName", 0, 0, NULL, fn_thread_group_name, "name of the current thread group"},
    {"__samplerName", 0, 1, NULL, fn_sampler_name, "name of the current sampler ([var])"},
    {"__TestPlanName", 0, 0, NULL, fn_test_plan_name, "file name of the .jmx"},
    {"__machineName", 0, 1, NULL, fn_machine_name, "local host name ([var])"},
    {"__machineIP", 0, 1, NULL, fn_machine_ip, "local host address ([var])"},
    {"__log", 1, 4, NULL, fn_log, "logs text and returns it (text[, level[, throwable[, comment]]])"},
    {"__logn", 1, 3, NULL, fn_logn, "logs text, returns nothing (text[, level[, throwable]])"},
    {0},
};
