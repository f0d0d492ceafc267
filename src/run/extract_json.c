/* extract_json.c - the JSON Extractor (JSONPostProcessor, digest §8.2), in JMeter 5.6.3's
 * order of work:
 *   1. the texts: the variable of the variable scope (even when unset or empty), else the
 *      bodies of the scope's samples that are not blank;
 *   2. names, paths and defaults are split at ';' (String.split: trailing empty items
 *      dropped), match numbers too (blank: 0 for all); a match number that is no integer,
 *      more match numbers than defaults, or different counts of names, paths and defaults
 *      make the post-processor throw: nothing is extracted;
 *   3. per name (trimmed) and path (trimmed): <name>_matchNr and <name>_1, _2, ... (as long
 *      as they follow each other) are removed; no text at all sets <name> to the default;
 *      otherwise the matches of every text are put together (a text that can not be read
 *      or a path that can not be compiled sets <name> to the default and stops there):
 *        none: <name> = default, <name>_matchNr = 0, and <name>_ALL = "" for -1 with concat;
 *        one: for -1 <name>_1 (and <name>_ALL with concat), else <name>, whatever N is;
 *        several: -1 <name>_1.._n (+ <name>_ALL joined by ','), 0 a random one, N the N-th
 *        or the default past the end;
 *      and <name>_matchNr = the count unless the match number is 0.
 * A JSON null prints as the default. */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jsonpath.h"
#include "jmx2run/postprocess.h"
#include "jmx2run/postprocess_json.h"

struct texts {
    char **items;        /* NULL for an unset variable */
    size_t *lens;
    size_t n;
};

static void texts_add(struct texts *t, const char *s, size_t len)
{
    t->items = xrealloc(t->items, (t->n + 1) * sizeof *t->items);
    t->lens = xrealloc(t->lens, (t->n + 1) * sizeof *t->lens);
    t->items[t->n] = s ? xstrndup(s, len) : NULL;
    t->lens[t->n] = len;
    t->n++;
}

static void texts_free(struct texts *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->items[i]);
    free(t->items);
    free(t->lens);
}

static void collect_texts(const struct plan_json_extractor *x, const struct sample *s,
                          struct expr_ctx *ctx, struct texts *out)
{
    if (x->scope.scope == SCOPE_VARIABLE) {
        char *var = pp_eval(x->scope.variable, ctx);
        const char *value = strmap_get(ctx->vars, var);
        free(var);
        texts_add(out, value, value ? strlen(value) : 0);
        return;
    }
    struct ptrvec list = {0};
    scope_collect(x->scope.scope, s, &list);
    for (size_t i = 0; i < list.len; i++) {
        struct field_text body;
        field_read(list.items[i], FIELD_BODY, &body);
        if (!java_is_blank(body.s, body.len))
            texts_add(out, body.s, body.len);
        field_text_free(&body);
    }
    ptrvec_free(&list);
}

static void put(struct strmap *vars, const char *ref, const char *suffix, const char *value)
{
    char *name = xasprintf("%s%s", ref, suffix);
    strmap_set(vars, name, value);
    free(name);
}

static void clear_old(struct strmap *vars, const char *ref)
{
    char *name = xasprintf("%s_matchNr", ref);
    strmap_remove(vars, name);
    free(name);
    for (long i = 1;; i++) {
        name = xasprintf("%s_%ld", ref, i);
        bool had = strmap_remove(vars, name);
        free(name);
        if (!had)
            break;
    }
}

/* The matches of one path over all texts; false when reading one of them threw. */
struct matches {
    struct jp_text_result *reads;
    size_t n_reads;
    struct {
        const json_t *value;
        const struct jp_result *from;
    } *items;
    size_t n;
};

static void matches_free(struct matches *m)
{
    for (size_t i = 0; i < m->n_reads; i++)
        jp_text_result_free(&m->reads[i]);
    free(m->reads);
    free(m->items);
}

static bool extract(const struct texts *texts, const char *path, struct matches *m)
{
    m->reads = xcalloc(texts->n, sizeof *m->reads);
    for (size_t i = 0; i < texts->n; i++) {
        struct jp_text_result *r = &m->reads[m->n_reads++];
        jsonpath_read_text(texts->items[i], texts->lens[i], path, true, r);
        if (r->result.outcome != JP_OK)
            return false;
        m->items = xrealloc(m->items, (m->n + r->result.n + 1) * sizeof *m->items);
        for (size_t k = 0; k < r->result.n; k++) {
            m->items[m->n].value = r->result.values[k];
            m->items[m->n].from = &r->result;
            m->n++;
        }
    }
    return true;
}

/* Objects.toString(stringified match, default) */
static char *text_of(const struct matches *m, size_t i, const char *dflt)
{
    struct strbuf sb;
    strbuf_init(&sb);
    const struct jp_result *r = m->items[i].from;
    if (!jp_render_extracted(m->items[i].value, r->docs, r->n_docs, &sb))
        strbuf_adds(&sb, dflt);
    return strbuf_detach(&sb);
}

static void store(const struct plan_json_extractor *x, struct expr_ctx *ctx, const char *ref,
                  int32_t number, const char *dflt, const struct matches *m)
{
    struct strmap *vars = ctx->vars;
    if (m->n == 0) {
        put(vars, ref, "", dflt);
        put(vars, ref, "_matchNr", "0");
        if (number < 0 && x->compute_concat)
            put(vars, ref, "_ALL", "");
        return;
    }
    if (m->n == 1) {
        char *v = text_of(m, 0, dflt);
        put(vars, ref, number < 0 ? "_1" : "", v);
        if (number < 0 && x->compute_concat)
            put(vars, ref, "_ALL", v);
        free(v);
    } else if (number < 0) {
        struct strbuf all;
        strbuf_init(&all);
        for (size_t i = 0; i < m->n; i++) {
            char *v = text_of(m, i, dflt);
            char suffix[32];
            snprintf(suffix, sizeof suffix, "_%zu", i + 1);
            put(vars, ref, suffix, v);
            if (i)
                strbuf_addc(&all, ',');
            strbuf_adds(&all, v);
            free(v);
        }
        if (x->compute_concat)
            put(vars, ref, "_ALL", all.s);
        strbuf_free(&all);
    } else if (number == 0 || (size_t)number <= m->n) {
        size_t pick = number == 0 ? (size_t)expr_rand_below(ctx, m->n) : (size_t)number - 1;
        char *v = text_of(m, pick, dflt);
        put(vars, ref, "", v);
        free(v);
    } else {
        put(vars, ref, "", dflt);
    }
    if (number != 0) {
        char count[24];
        snprintf(count, sizeof count, "%zu", m->n);
        put(vars, ref, "_matchNr", count);
    }
}

/* getMatchNumbersAsInt: false with *error when JMeter would throw. */
static bool match_numbers(const struct plan_json_extractor *x, struct expr_ctx *ctx, size_t n,
                          int32_t *out, char **error)
{
    char *text = pp_eval(x->match_numbers, ctx);
    bool ok = true;
    if (!java_is_blank(text, strlen(text))) {
        size_t count;
        char **items = jp_java_split(text, ';', &count);
        for (size_t i = 0; i < count && ok; i++) {
            char *t = jp_java_trim(items[i], strlen(items[i]), NULL);
            int32_t v;
            if (!java_parse_int(t, &v)) {
                if (error)
                    *error = xasprintf("java.lang.NumberFormatException: For input string: \"%s\"", t);
                ok = false;
            } else if (i >= n) {
                if (error)
                    *error = xasprintf("java.lang.ArrayIndexOutOfBoundsException: Index %zu out of "
                                       "bounds for length %zu", i, n);
                ok = false;
            } else {
                out[i] = v;
            }
            free(t);
        }
        jp_split_free(items, count);
    }
    free(text);
    return ok;
}

bool json_extractor_run(const struct plan_json_extractor *x, const char *name,
                        const struct sample *s, struct expr_ctx *ctx, char **error)
{
    (void)name;
    struct texts texts = {0};
    collect_texts(x, s, ctx, &texts);
    char *names_text = pp_eval(x->reference_names, ctx);
    char *paths_text = pp_eval(x->json_path_exprs, ctx);
    char *defaults_text = pp_eval(x->default_values, ctx);
    size_t n_names, n_paths, n_defaults;
    char **names = jp_java_split(names_text, ';', &n_names);
    char **paths = jp_java_split(paths_text, ';', &n_paths);
    char **defaults = jp_java_split(defaults_text, ';', &n_defaults);
    int32_t *numbers = xcalloc(n_defaults + 1, sizeof *numbers);
    bool ok = match_numbers(x, ctx, n_defaults, numbers, error);
    if (ok && (n_names != n_paths || n_names != n_defaults)) {
        if (error)
            *error = xstrdup("java.lang.IllegalArgumentException: Mismatch between number of "
                             "variables, json expressions and default values");
        ok = false;
    }
    for (size_t i = 0; ok && i < n_paths; i++) {
        char *ref = jp_java_trim(names[i], strlen(names[i]), NULL);
        char *path = jp_java_trim(paths[i], strlen(paths[i]), NULL);
        clear_old(ctx->vars, ref);
        if (texts.n == 0) {
            put(ctx->vars, ref, "", defaults[i]);
        } else {
            struct matches m = {0};
            if (extract(&texts, path, &m))
                store(x, ctx, ref, numbers[i], defaults[i], &m);
            else
                put(ctx->vars, ref, "", defaults[i]);    /* JMeter logs the error */
            matches_free(&m);
        }
        free(ref);
        free(path);
    }
    free(numbers);
    jp_split_free(names, n_names);
    jp_split_free(paths, n_paths);
    jp_split_free(defaults, n_defaults);
    free(names_text);
    free(paths_text);
    free(defaults_text);
    texts_free(&texts);
    return ok;
}
