/* eval.c - evaluating compiled templates, with the safety limits that keep
 * hostile or runaway expressions (e.g. __eval feeding itself) bounded. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "expr_internal.h"

static struct expr_limits limits = {
    .max_output = (size_t)256 << 20,
    .max_depth = 64,
    .max_work = (uint64_t)1 << 28,
};

void expr_set_limits(const struct expr_limits *l)
{
    limits = *l;
    if (limits.max_depth < 2)
        limits.max_depth = 2;
}

void expr_get_limits(struct expr_limits *l)
{
    *l = limits;
}

size_t expr_output_room(const struct strbuf *out)
{
    return out->len >= limits.max_output ? 0 : limits.max_output - out->len;
}

bool expr_charge(struct expr_ctx *ctx, uint64_t units)
{
    ctx->work += units;
    if (ctx->work <= limits.max_work)
        return true;
    ctx->error = "expression produced too much output (evaluation stopped)";
    return false;
}

static void eval_part(const struct tmpl_part *p, struct expr_ctx *ctx, struct strbuf *out)
{
    switch (p->kind) {
    case TMPL_TEXT:
        strbuf_addn(out, p->text, p->text_len);
        break;
    case TMPL_VAR: {
        const char *v = ctx->vars ? strmap_getn(ctx->vars, p->text, p->text_len) : NULL;
        strbuf_adds(out, v ? v : p->raw);
        break;
    }
    case TMPL_CALL:
        p->fn->eval(p, ctx, out);
        break;
    }
}

void tmpl_eval_parts(const struct tmpl *t, struct expr_ctx *ctx, struct strbuf *out)
{
    if (ctx->depth == 0)
        ctx->work = 0;
    if (ctx->depth >= limits.max_depth) {
        ctx->error = "expression nested too deeply (evaluation stopped)";
        return;
    }
    ctx->depth++;
    for (size_t i = 0; i < t->n_parts; i++) {
        if (ctx->work > limits.max_work || out->len > limits.max_output) {
            ctx->error = "expression produced too much output (evaluation stopped)";
            break;
        }
        size_t before = out->len;
        eval_part(&t->parts[i], ctx, out);
        ctx->work += 1 + (out->len - before);
    }
    ctx->depth--;
}

void tmpl_eval(const struct tmpl *t, struct expr_ctx *ctx, struct strbuf *out)
{
    if (t->is_literal)
        strbuf_adds(out, t->source);
    else
        tmpl_eval_parts(t, ctx, out);
}

char *tmpl_eval_dup(const struct tmpl *t, struct expr_ctx *ctx)
{
    struct strbuf sb;
    strbuf_init(&sb);
    tmpl_eval(t, ctx, &sb);
    return strbuf_detach(&sb);
}

char *expr_eval_string(const char *src, struct expr_ctx *ctx)
{
    struct tmpl *t = tmpl_compile(NULL, src, NULL, NULL, 0);
    char *s = tmpl_eval_dup(t, ctx);
    tmpl_free(t);
    return s;
}

void expr_arg(const struct tmpl_part *call, size_t i, struct expr_ctx *ctx, struct strbuf *out)
{
    if (i < call->n_args)
        tmpl_eval_parts(call->args[i], ctx, out);
}

/* ---- the per-user context and its random numbers ---- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void expr_ctx_seed(struct expr_ctx *ctx, uint64_t seed)
{
    ctx->rng[0] = splitmix64(&seed);
    ctx->rng[1] = splitmix64(&seed);
    if (!ctx->rng[0] && !ctx->rng[1])
        ctx->rng[1] = 1;
}

void expr_ctx_init(struct expr_ctx *ctx, const struct expr_env *env, struct strmap *vars)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->env = env;
    ctx->vars = vars;
    /* a different stream for every context; callers wanting repeatable runs
     * call expr_ctx_seed themselves */
    static atomic_uint_fast64_t contexts;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t n = (uint64_t)atomic_fetch_add(&contexts, 1);
    expr_ctx_seed(ctx, ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^ (n << 32) ^ n);
}

uint64_t expr_rand64(struct expr_ctx *ctx)
{
    uint64_t s1 = ctx->rng[0];
    const uint64_t s0 = ctx->rng[1];
    ctx->rng[0] = s0;
    s1 ^= s1 << 23;
    ctx->rng[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
    return ctx->rng[1] + s0;
}

double expr_rand_unit(struct expr_ctx *ctx)
{
    return (double)(expr_rand64(ctx) >> 11) * 0x1.0p-53;
}

uint64_t expr_rand_below(struct expr_ctx *ctx, uint64_t bound)
{
    if (bound == 0)
        return 0;
    uint64_t threshold = (0 - bound) % bound;   /* 2^64 mod bound */
    for (;;) {
        uint64_t r = expr_rand64(ctx);
        if (r >= threshold)
            return r % bound;
    }
}

/* ---- the run-wide environment ---- */

void expr_env_init(struct expr_env *env, struct props *props)
{
    memset(env, 0, sizeof *env);
    env->props = props;
    env->files = expr_files_new();
}

void expr_env_cleanup(struct expr_env *env)
{
    expr_files_free(env->files);
    env->files = NULL;
}
