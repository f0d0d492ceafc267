/* assert_response.c - the Response Assertion (ResponseAssertion, digest §8.5), as
 * JMeter 5.6 evaluates it on one sample:
 *   - "Ignore Status" (assume_success) makes the sample successful before anything else;
 *   - the tested text is the field, or the variable for the variable scope; an empty
 *     text passes with NOT and otherwise fails with "Response was null";
 *   - the kind of test is the first of CONTAINS, EQUALS, SUBSTRING set in test_type,
 *     else MATCHES; NOT inverts each pattern's result;
 *   - AND (default): the first pattern that does not pass fails the assertion; OR: it
 *     passes when one pattern passes, else fails with every pattern's message, each
 *     followed by a TAB; a custom message replaces the generated text;
 *   - a pattern ORO can not compile makes an error result ("Bad test configuration ...").
 * The message names the field and is chosen on the whole test_type value, so mixes
 * such as CONTAINS|OR read "expected something using". */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

struct response_check {
    const struct plan_response_assertion *a;
    const char *name;
    struct expr_ctx *ctx;
};

static const struct {
    int test_type;
    const char *words;
} expectations[] = {
    {ASSERT_CONTAINS, " expected to contain "},
    {ASSERT_SUBSTRING, " expected to contain "},
    {ASSERT_NOT | ASSERT_CONTAINS, " expected not to contain "},
    {ASSERT_NOT | ASSERT_SUBSTRING, " expected not to contain "},
    {ASSERT_MATCHES, " expected to match "},
    {ASSERT_NOT | ASSERT_MATCHES, " expected not to match "},
    {ASSERT_EQUALS, " expected to equal "},
    {ASSERT_NOT | ASSERT_EQUALS, " expected not to equal "},
};

static long prop_long(struct expr_ctx *ctx, const char *name, long dflt)
{
    if (!ctx->env || !ctx->env->props)
        return dflt;
    struct strbuf v;
    strbuf_init(&v);
    long r = dflt;
    int32_t n;
    if (props_get(ctx->env->props, name, &v) && java_parse_int(v.s, &n))
        r = n;
    strbuf_free(&v);
    return r;
}

static char *prop_str(struct expr_ctx *ctx, const char *name, const char *dflt)
{
    struct strbuf v;
    strbuf_init(&v);
    if (ctx->env && ctx->env->props && props_get(ctx->env->props, name, &v))
        return strbuf_detach(&v);
    strbuf_free(&v);
    return xstrdup(dflt);
}

static void fail_text(const struct response_check *c, const char *variable, const char *pattern,
                      const struct field_text *text, struct strbuf *out)
{
    const struct plan_response_assertion *a = c->a;
    strbuf_adds(out, "Test failed: ");
    if (variable)
        strbuf_addf(out, "variable(%s)", variable);
    else
        strbuf_adds(out, assert_field_word(a->field));
    const char *words = " expected something using ";
    for (size_t i = 0; i < ARRAY_LEN(expectations); i++)
        if (expectations[i].test_type == a->test_type)
            words = expectations[i].words;
    strbuf_adds(out, words);
    strbuf_addc(out, '/');
    if (a->test_type & ASSERT_EQUALS) {
        char *start = prop_str(c->ctx, "assertion.equals_diff_delta_start", "[[[");
        char *end = prop_str(c->ctx, "assertion.equals_diff_delta_end", "]]]");
        long section = prop_long(c->ctx, "assertion.equals_section_diff_len", 100);
        equals_diff_text(text->s, text->len, pattern, strlen(pattern), section, start, end, out);
        free(start);
        free(end);
    } else {
        strbuf_adds(out, pattern);
    }
    strbuf_addc(out, '/');
}

/* Tests one pattern: 1 found, 0 not found, -1 the pattern is invalid (*error set). */
static int test_pattern(int type, const char *pattern, const struct field_text *text,
                        const char **error, const struct oro_regex **held)
{
    if ((type & ASSERT_CONTAINS) || !(type & (ASSERT_EQUALS | ASSERT_SUBSTRING))) {
        const struct oro_regex *re = oro_regex_acquire(pattern);
        *held = re;
        if (oro_regex_error(re)) {
            *error = oro_regex_error(re);
            return -1;
        }
        return (type & ASSERT_CONTAINS) ? oro_contains(re, text->s, text->len)
                                        : oro_matches(re, text->s, text->len);
    }
    size_t plen = strlen(pattern);
    if (type & ASSERT_EQUALS)
        return text->len == plen && memcmp(text->s, pattern, plen) == 0;
    return memmem(text->s, text->len, pattern, plen) != NULL;
}

static void use_custom_or(const struct response_check *c, struct strbuf *msg, const char *generated)
{
    char *custom = pp_eval(c->a->custom_message, c->ctx);
    strbuf_adds(msg, *custom ? custom : generated);
    free(custom);
}

static void check_one(struct sample *s, void *arg)
{
    const struct response_check *c = arg;
    const struct plan_response_assertion *a = c->a;
    if (a->assume_success) {
        s->success = true;
        s->error_count = 0;
    }
    char *variable = NULL;
    struct field_text text;
    if (a->scope.scope == SCOPE_VARIABLE) {
        variable = pp_eval(a->scope.variable, c->ctx);
        const char *value = strmap_get(c->ctx->vars, variable);
        field_text_of(value, value ? strlen(value) : 0, &text);
    } else {
        field_read_assert(s, a->field, &text);
    }
    int type = a->test_type;
    bool not = type & ASSERT_NOT, or = type & ASSERT_OR;

    if (text.len == 0) {
        if (not)
            sample_add_assertion(s, c->name, false, false, NULL);
        else
            sample_add_assertion(s, c->name, true, false, "Response was null");
        field_text_free(&text);
        free(variable);
        return;
    }

    bool failed = false, has_true = false;
    struct strbuf msg, all;
    strbuf_init(&msg);
    strbuf_init(&all);
    const char *bad = NULL;
    for (size_t i = 0; i < a->n_patterns && !bad; i++) {
        char *pattern = pp_eval(a->patterns[i], c->ctx);
        const struct oro_regex *held = NULL;
        int found = test_pattern(type, pattern, &text, &bad, &held);
        if (found >= 0) {
            bool pass = not ? !found : found;
            if (or && pass) {
                has_true = true;
                i = a->n_patterns;        /* stop */
            } else if (!pass) {
                struct strbuf one;
                strbuf_init(&one);
                fail_text(c, variable, pattern, &text, &one);
                if (or) {
                    strbuf_addn(&all, one.s, one.len);
                    strbuf_addc(&all, '\t');
                } else {
                    failed = true;
                    use_custom_or(c, &msg, one.s);
                    i = a->n_patterns;
                }
                strbuf_free(&one);
            }
        } else {
            strbuf_reset(&msg);
            strbuf_addf(&msg, "Bad test configuration %s", bad);
        }
        oro_regex_release(held);
        free(pattern);
    }
    if (bad) {
        sample_add_assertion(s, c->name, false, true, msg.s);
    } else {
        if (or && !has_true) {
            failed = true;
            use_custom_or(c, &msg, all.len ? all.s : "\t");
        }
        sample_add_assertion(s, c->name, failed, false, failed ? msg.s : NULL);
    }
    strbuf_free(&msg);
    strbuf_free(&all);
    field_text_free(&text);
    free(variable);
}

void response_assertion_run(const struct plan_response_assertion *a, const char *name,
                            struct sample *s, struct expr_ctx *ctx)
{
    struct response_check c = {a, name, ctx};
    assertion_apply_scoped(a->scope.scope, name, s, check_one, &c);
}
