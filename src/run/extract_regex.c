/* extract_regex.c - the Regular Expression Extractor (RegexExtractor, digest §8.1), with
 * JMeter 5.6's order of work and variable rules:
 *   1. the default goes into <ref> first, when it is not empty or default_empty_value;
 *   2. matches are taken successively (non-overlapping) through the scope's samples,
 *      stopping once the N-th is found; an invalid pattern stops here (JMeter logs it);
 *   3. <ref>_matchNr from an earlier run is removed and remembered as the old count;
 *   4. N >= 0: the N-th match (0 = a random one) sets <ref> from the template and
 *      <ref>_g0.. <ref>_gK, <ref>_g = K; no such match removes <ref>_g*;
 *      N < 0: <ref>_matchNr, <ref>_1.. <ref>_n with their groups, <ref>_g* removed;
 *   5. <ref>_i and <ref>_i_g* left over from a run with more matches are removed.
 * A group that took no part is "null" in the template, as ORO's group() is, and its
 * _gK variable is left undefined. The template is read once per thread (JMeter keeps
 * the parsed template in the thread's copy of the element). */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

struct tpl_piece {
    long group;              /* -1 for literal text */
    const char *text;
    size_t len;
};

struct template_ {
    char *source;
    struct tpl_piece *pieces;
    size_t n;
};

struct match {
    char **groups;           /* NULL for a group that took no part */
    size_t *lens;
    unsigned n;
};

struct matches {
    struct match *items;
    size_t len, cap;
};

/* ---- the template: "$1$" group references between literal text ---- */

static bool template_parse(struct template_ *t, char **error)
{
    const char *s = t->source;
    size_t len = strlen(s), run = 0;
    t->pieces = xcalloc(len + 1, sizeof *t->pieces);
    t->n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '$')
            continue;
        size_t k = i + 1;
        while (k < len && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k == i + 1 || k >= len || s[k] != '$')
            continue;
        int32_t group;
        char *digits = xstrndup(s + i + 1, k - i - 1);
        bool ok = java_parse_int(digits, &group);
        if (!ok) {           /* Integer.valueOf throws out of the post-processor */
            if (error)
                *error = xasprintf("java.lang.NumberFormatException: For input string: \"%s\"", digits);
            free(digits);
            return false;
        }
        free(digits);
        if (i > run)
            t->pieces[t->n++] = (struct tpl_piece){-1, s + run, i - run};
        t->pieces[t->n++] = (struct tpl_piece){group, NULL, 0};
        run = k + 1;
        i = k;
    }
    if (run < len)
        t->pieces[t->n++] = (struct tpl_piece){-1, s + run, len - run};
    return true;
}

static char *template_source(const struct plan_regex_extractor *x, struct expr_ctx *ctx)
{
    if (!x->template_ || x->template_->is_literal || !ctx->user_state)
        return pp_eval(x->template_, ctx);
    char key[64];
    snprintf(key, sizeof key, "\x1fregex-template@%p", (const void *)x);
    const char *kept = strmap_get(ctx->user_state, key);
    if (kept)
        return xstrdup(kept);
    char *v = pp_eval(x->template_, ctx);
    strmap_set(ctx->user_state, key, v);
    return v;
}

static void generate(const struct template_ *t, const struct match *m, struct strbuf *out)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct tpl_piece *p = &t->pieces[i];
        if (p->group < 0)
            strbuf_addn(out, p->text, p->len);
        else if ((unsigned long)p->group < m->n && m->groups[p->group])
            strbuf_addn(out, m->groups[p->group], m->lens[p->group]);
        else
            strbuf_adds(out, "null");
    }
}

/* ---- collecting matches ---- */

static void matches_free(struct matches *ms)
{
    for (size_t i = 0; i < ms->len; i++) {
        for (unsigned g = 0; g < ms->items[i].n; g++)
            free(ms->items[i].groups[g]);
        free(ms->items[i].groups);
        free(ms->items[i].lens);
    }
    free(ms->items);
}

static void collect(const struct oro_regex *re, const struct field_text *in, int32_t n,
                    struct matches *ms)
{
    struct oro_iter it;
    oro_iter_init(&it, re, in->s, in->len);
    unsigned groups = oro_regex_groups(re);
    while (n <= 0 || ms->len != (size_t)n) {
        if (!oro_iter_next(&it))
            break;
        if (ms->len == ms->cap) {
            ms->cap = ms->cap ? ms->cap * 2 : 8;
            ms->items = xrealloc(ms->items, ms->cap * sizeof *ms->items);
        }
        struct match *m = &ms->items[ms->len++];
        m->n = groups;
        m->groups = xcalloc(groups, sizeof *m->groups);
        m->lens = xcalloc(groups, sizeof *m->lens);
        for (unsigned g = 0; g < groups; g++) {
            const char *s;
            size_t len;
            if (oro_iter_group(&it, g, &s, &len)) {
                m->groups[g] = xstrndup(s, len);
                m->lens[g] = len;
            }
        }
    }
    oro_iter_free(&it);
}

/* ---- variables ---- */

static int32_t var_int(struct strmap *vars, const char *name)
{
    int32_t v;
    return java_parse_int(strmap_get(vars, name), &v) ? v : 0;
}

static void put_groups(struct strmap *vars, const char *base, const struct match *m)
{
    char *count = xasprintf("%s_g", base);
    int32_t previous = var_int(vars, count);
    for (unsigned g = 0; g < m->n; g++) {
        char *name = xasprintf("%s_g%u", base, g);
        if (m->groups[g])
            strmap_setn(vars, name, strlen(name), m->groups[g], m->lens[g]);
        else
            strmap_remove(vars, name);    /* JMeter stores null: undefined */
        free(name);
    }
    char num[16];
    snprintf(num, sizeof num, "%u", m->n - 1);
    strmap_set(vars, count, num);
    for (int64_t g = m->n; g <= previous; g++) {
        char *name = xasprintf("%s_g%lld", base, (long long)g);
        strmap_remove(vars, name);
        free(name);
    }
    free(count);
}

static void remove_groups(struct strmap *vars, const char *base)
{
    char *count = xasprintf("%s_g", base);
    int32_t groups = var_int(vars, count);
    strmap_remove(vars, count);
    for (int64_t g = 0; g <= groups; g++) {
        char *name = xasprintf("%s_g%lld", base, (long long)g);
        strmap_remove(vars, name);
        free(name);
    }
    free(count);
}

static void put_result(struct strmap *vars, const char *name, const struct template_ *t,
                       const struct match *m)
{
    struct strbuf v;
    strbuf_init(&v);
    generate(t, m, &v);
    strmap_setn(vars, name, strlen(name), v.s, v.len);
    strbuf_free(&v);
    put_groups(vars, name, m);
}

static void save(struct strmap *vars, struct expr_ctx *ctx, const char *ref, int32_t number,
                 const struct template_ *t, const struct matches *ms)
{
    char *nr_name = xasprintf("%s_matchNr", ref);
    int32_t previous = 0;
    const char *prev = strmap_get(vars, nr_name);
    if (prev) {
        int32_t v;
        previous = java_parse_int(prev, &v) ? v : 0;
        strmap_remove(vars, nr_name);
    }
    int64_t kept = 0;
    if (number >= 0) {
        const struct match *m = NULL;
        if (ms->len > 0 && (size_t)number <= ms->len)
            m = number == 0 ? &ms->items[expr_rand_below(ctx, ms->len)] : &ms->items[number - 1];
        if (m)
            put_result(vars, ref, t, m);
        else
            remove_groups(vars, ref);     /* <ref> keeps the default, if one was set */
    } else {
        remove_groups(vars, ref);
        kept = (int64_t)ms->len;
        char num[24];
        snprintf(num, sizeof num, "%lld", (long long)kept);
        strmap_set(vars, nr_name, num);
        for (size_t i = 0; i < ms->len; i++) {
            char *name = xasprintf("%s_%zu", ref, i + 1);
            put_result(vars, name, t, &ms->items[i]);
            free(name);
        }
    }
    for (int64_t i = kept + 1; i <= previous; i++) {
        char *name = xasprintf("%s_%lld", ref, (long long)i);
        strmap_remove(vars, name);
        remove_groups(vars, name);
        free(name);
    }
    free(nr_name);
}

bool regex_extractor_run(const struct plan_regex_extractor *x, const char *name,
                         const struct sample *s, struct expr_ctx *ctx, char **error)
{
    (void)name;
    struct template_ t = {template_source(x, ctx), NULL, 0};
    if (!template_parse(&t, error)) {
        free(t.pieces);
        free(t.source);
        return false;
    }
    struct strmap *vars = ctx->vars;
    char *ref = pp_eval(x->refname, ctx);
    char *number_text = pp_eval(x->match_number, ctx);
    int32_t number;
    if (!java_parse_int(number_text, &number))
        number = 0;
    free(number_text);
    char *def = pp_eval(x->default_value, ctx);
    if (*def || x->default_empty_value)
        strmap_set(vars, ref, def);
    free(def);

    char *pattern = pp_eval(x->regex, ctx);
    const struct oro_regex *re = oro_regex_acquire(pattern);
    free(pattern);
    if (!oro_regex_error(re)) {          /* an invalid pattern is only logged by JMeter */
        struct matches ms = {0};
        if (x->scope.scope == SCOPE_VARIABLE) {
            char *var = pp_eval(x->scope.variable, ctx);
            const char *value = strmap_get(vars, var);
            free(var);
            if (value) {
                struct field_text in;
                field_text_of(value, strlen(value), &in);
                collect(re, &in, number, &ms);
                field_text_free(&in);
            }
        } else {
            struct ptrvec list = {0};
            scope_collect(x->scope.scope, s, &list);
            for (size_t i = 0; i < list.len; i++) {
                struct field_text in;
                field_read(list.items[i], x->field, &in);
                collect(re, &in, number, &ms);
                field_text_free(&in);
                if (number > 0 && ms.len == (size_t)number)
                    break;
            }
            ptrvec_free(&list);
        }
        save(vars, ctx, ref, number, &t, &ms);
        matches_free(&ms);
    }
    oro_regex_release(re);
    free(ref);
    free(t.pieces);
    free(t.source);
    return true;
}
