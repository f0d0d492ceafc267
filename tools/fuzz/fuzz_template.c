/* fuzz_template.c - libFuzzer target for the template engine.
 *
 * The input is a template: it is compiled (with diagnostics), checked for
 * consistency, and evaluated twice with a small set of variables, under low
 * output and nesting limits, so that self-expanding input (__eval,
 * __evalVar, __RandomString) must stop within the limits instead of running
 * away. Every argument of every call is also validated as a condition. Files
 * named by __CSVRead / __StringFromFile are looked up next to a plan in a
 * directory that does not exist. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/cond.h"
#include "jmx2run/expr.h"
#include "jmx2run/props.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_OUTPUT (1u << 20)

static void check_tree(const struct tmpl *t, unsigned depth)
{
    if (!t->source || (t->n_parts && !t->parts) || depth > 1000)
        __builtin_trap();
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct tmpl_part *p = &t->parts[i];
        if (p->kind == TMPL_CALL) {
            if (!p->fn || !p->raw || (p->n_args && !p->args))
                __builtin_trap();
            for (size_t a = 0; a < p->n_args; a++) {
                check_tree(p->args[a], depth + 1);
                char *why = NULL;
                (void)cond_validate(p->args[a], COND_JEXL, &why);
                free(why);
            }
        } else if (!p->text || (p->kind == TMPL_VAR && !p->raw)) {
            __builtin_trap();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool limited;
    if (!limited) {
        struct expr_limits l = {.max_output = MAX_OUTPUT, .max_depth = 24, .max_work = 1u << 20,
                               .no_file_writes = true};
        expr_set_limits(&l);
        limited = true;
    }
    char *src = malloc(size + 1);
    memcpy(src, data, size);
    src[size] = '\0';

    struct props *props = props_new();
    props_set(props, "p", "v");
    struct expr_env env;
    expr_env_init(&env, props);
    env.plan_file_name = "fuzz.jmx";
    env.plan_dir = "/nonexistent-fuzz-dir";
    struct strmap vars, state;
    strmap_init(&vars);
    strmap_init(&state);
    strmap_set(&vars, "x", "X");
    strmap_set(&vars, "n", "3");
    strmap_set(&vars, "self", "${__evalVar(self)}${__evalVar(self)}");
    strmap_set(&vars, "esc", "a\\,b${x}");
    struct expr_ctx ctx;
    expr_ctx_init(&ctx, &env, &vars);
    expr_ctx_seed(&ctx, 1);
    ctx.user_state = &state;
    ctx.thread_num = 1;
    ctx.thread_name = "fuzz 1-1";

    struct diag_list dl;
    diag_list_init(&dl);
    struct tmpl *t = tmpl_compile(NULL, src, &dl, "fuzz.jmx", 1);
    if (strcmp(t->source, src) != 0)
        __builtin_trap();
    check_tree(t, 0);
    (void)tmpl_uses_function(t, "__eval");
    for (int round = 0; round < 2; round++) {
        char *out = tmpl_eval_dup(t, &ctx);
        /* literal text may be as long as the input; generated text is bounded */
        if (strlen(out) > MAX_OUTPUT + size + 4096)
            __builtin_trap();
        if (t->is_literal && strcmp(out, src) != 0)
            __builtin_trap();
        free(out);
    }
    tmpl_free(t);

    diag_list_free(&dl);
    strmap_free(&vars);
    strmap_free(&state);
    expr_env_cleanup(&env);
    props_free(props);
    free(src);
    return 0;
}
