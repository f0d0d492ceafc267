/* extract_boundary.c - the Boundary Extractor (BoundaryExtractor, digest §8.3): the text
 * between a left and a right boundary, as JMeter 5.6 finds it.
 *
 * Per input text (a blank one gives nothing): both boundaries empty -> the whole text;
 * left empty -> up to the first right boundary; right empty -> after the first left
 * boundary; otherwise every left boundary (searching on right after the previous left
 * one, so results may overlap) with the next right boundary after it, stopping at the
 * first left boundary that has none. The matches of all the scope's samples are then
 * numbered together. Variables: the default first (when not blank, or when
 * default_empty_value), <ref>_matchNr of an earlier run removed, then <ref> (N >= 0) or
 * <ref>_matchNr and <ref>_1.. (N < 0), and stale <ref>_i removed. An empty reference
 * name makes JMeter's post-processor throw. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess.h"

struct texts {
    char **items;
    size_t *lens;
    size_t len, cap;
};

static void texts_add(struct texts *t, const char *s, size_t len)
{
    if (t->len == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 8;
        t->items = xrealloc(t->items, t->cap * sizeof *t->items);
        t->lens = xrealloc(t->lens, t->cap * sizeof *t->lens);
    }
    t->items[t->len] = xstrndup(s, len);
    t->lens[t->len++] = len;
}

static void texts_free(struct texts *t)
{
    for (size_t i = 0; i < t->len; i++)
        free(t->items[i]);
    free(t->items);
    free(t->lens);
}

static const char *find(const char *hay, size_t hay_len, size_t from, const char *needle, size_t n)
{
    if (from > hay_len)
        return NULL;
    return memmem(hay + from, hay_len - from, needle, n);
}

static void extract_one(const char *left, const char *right, const struct field_text *in,
                        struct texts *out)
{
    const char *s = in->s;
    size_t len = in->len, llen = strlen(left), rlen = strlen(right);
    if (java_is_blank(s, len))
        return;
    if (!llen && !rlen) {
        texts_add(out, s, len);
        return;
    }
    if (!llen) {
        const char *r = find(s, len, 0, right, rlen);
        if (r) {
            texts_add(out, s, (size_t)(r - s));
            return;
        }
    }
    if (!rlen) {
        const char *l = find(s, len, 0, left, llen);
        if (l) {
            texts_add(out, l + llen, len - (size_t)(l - s) - llen);
            return;
        }
    }
    size_t from = 0;
    for (;;) {
        const char *l = find(s, len, from, left, llen);
        if (!l)
            break;
        size_t start = (size_t)(l - s);
        const char *r = find(s, len, start + llen, right, rlen);
        if (!r)
            break;
        texts_add(out, l + llen, (size_t)(r - l) - llen);
        if (!llen)
            break;        /* guard: an empty left boundary would not move on (returned above) */
        from = start + llen;
    }
}

bool boundary_extractor_run(const struct plan_boundary_extractor *x, const char *name,
                            const struct sample *s, struct expr_ctx *ctx, char **error)
{
    char *ref = pp_eval(x->refname, ctx);
    bool empty_ref = !*ref;
    free(ref);
    if (empty_ref) {
        if (error)
            *error = xasprintf("java.lang.IllegalArgumentException: One of the mandatory "
                               "properties is missing in Boundary Extractor:%s", name ? name : "");
        return false;
    }
    struct strmap *vars = ctx->vars;
    ref = pp_eval(x->refname, ctx);      /* JMeter reads the name a second time */
    char *def = pp_eval(x->default_value, ctx);
    if (!java_is_blank(def, strlen(def)) || x->default_empty_value)
        strmap_set(vars, ref, def);
    free(def);
    char *number_text = pp_eval(x->match_number, ctx);
    int32_t number;
    if (!java_parse_int(number_text, &number))
        number = 0;
    free(number_text);

    char *nr_name = xasprintf("%s_matchNr", ref);
    int32_t previous = 0;
    const char *prev = strmap_get(vars, nr_name);
    if (prev) {
        int32_t v;
        previous = java_parse_int(prev, &v) ? v : 0;
        strmap_remove(vars, nr_name);
    }

    struct texts found = {0};
    if (x->scope.scope == SCOPE_VARIABLE) {
        char *var = pp_eval(x->scope.variable, ctx);
        const char *value = strmap_get(vars, var);
        free(var);
        char *left = pp_eval(x->left, ctx), *right = pp_eval(x->right, ctx);
        if (value) {
            struct field_text in;
            field_text_of(value, strlen(value), &in);
            extract_one(left, right, &in, &found);
            field_text_free(&in);
        }
        free(left);
        free(right);
    } else {
        struct ptrvec list = {0};
        scope_collect(x->scope.scope, s, &list);
        char *left = pp_eval(x->left, ctx), *right = pp_eval(x->right, ctx);
        for (size_t i = 0; i < list.len; i++) {
            struct field_text in;
            field_read(list.items[i], x->field, &in);
            extract_one(left, right, &in, &found);
            field_text_free(&in);
        }
        free(left);
        free(right);
        ptrvec_free(&list);
    }

    int64_t kept = 0;
    if (number == 0 && found.len > 0) {
        size_t k = (size_t)expr_rand_below(ctx, found.len);
        strmap_setn(vars, ref, strlen(ref), found.items[k], found.lens[k]);
    } else if (number > 0 && found.len >= (size_t)number) {
        strmap_setn(vars, ref, strlen(ref), found.items[number - 1], found.lens[number - 1]);
    } else if (number < 0) {
        kept = (int64_t)found.len;
        char num[24];
        snprintf(num, sizeof num, "%zu", found.len);
        strmap_set(vars, nr_name, num);
        for (size_t i = 0; i < found.len; i++) {
            char *var = xasprintf("%s_%zu", ref, i + 1);
            strmap_setn(vars, var, strlen(var), found.items[i], found.lens[i]);
            free(var);
        }
    }
    for (int64_t i = kept + 1; i <= previous; i++) {
        char *var = xasprintf("%s_%lld", ref, (long long)i);
        strmap_remove(vars, var);
        free(var);
    }
    texts_free(&found);
    free(nr_name);
    free(ref);
    return true;
}
