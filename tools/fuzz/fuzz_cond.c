/* fuzz_cond.c - libFuzzer target for the condition language.
 *
 * The first byte picks the dialect, the rest is an expression. It must parse
 * or be refused with a message; what parses is evaluated (the result or a
 * clean runtime failure). The same text is also compiled as a template and
 * validated, as the If Controller and __jexl3 do at build time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/cond.h"
#include "jmx2run/expr.h"
#include "jmx2run/props.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    enum cond_dialect d = (enum cond_dialect)(data[0] % 4);
    char *src = malloc(size);
    memcpy(src, data + 1, size - 1);
    src[size - 1] = '\0';

    struct props *props = props_new();
    props_set(props, "p", "v");
    struct expr_env env;
    expr_env_init(&env, props);
    struct strmap vars;
    strmap_init(&vars);
    strmap_set(&vars, "x", "X");
    strmap_set(&vars, "n", "3");
    strmap_set(&vars, "e", "");
    struct expr_ctx ctx;
    expr_ctx_init(&ctx, &env, &vars);
    ctx.thread_name = "fuzz 1-1";

    char *error = NULL;
    struct cond_expr *e = cond_parse(src, d, &error);
    if (!e && !error)
        __builtin_trap();   /* a refusal must say why */
    if (e) {
        struct strbuf out;
        strbuf_init(&out);
        bool ok = cond_eval(e, &ctx, &out);
        if (!ok && out.len)
            __builtin_trap();   /* a failure leaves the output alone */
        (void)cond_eval_bool(e, &ctx);
        strbuf_free(&out);
        cond_free(e);
    }
    free(error);

    struct tmpl *t = tmpl_compile(NULL, src, NULL, NULL, 0);
    char *why = NULL;
    (void)cond_validate(t, d, &why);
    free(why);
    tmpl_free(t);

    strmap_free(&vars);
    expr_env_cleanup(&env);
    props_free(props);
    free(src);
    return 0;
}
