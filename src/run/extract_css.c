/* extract_css.c - the CSS Selector Extractor (HtmlExtractor, digest §8.4) with its
 * default JSoup implementation, as JMeter 5.6 runs it:
 *   1. <ref> = default, when the default is not empty or default_empty_value;
 *   2. each sample of the scope (or the variable, when not empty) is parsed as HTML
 *      and selected from; each element gives its attribute (attr(): "" when absent)
 *      or, with no attribute named, its text() trimmed. With match number N > 0 the
 *      search stops once N values are found;
 *   3. <ref>_matchNr from an earlier run is removed and remembered;
 *   4. N >= 0: the N-th value (0: a random one) goes into <ref>, when there is one;
 *      N < 0: <ref>_matchNr = count and <ref>_1..<ref>_n;
 *   5. <ref>_i left from an earlier run with more values are removed.
 * A selector Jsoup refuses throws inside step 2: JMeter logs it and stops there, so
 * only the default of step 1 is set. Here it is reported once per element and
 * selector (run log and stderr); so is an unknown extractor_impl. The JODD
 * implementation is run as JSoup (Jodd's own pseudo-classes, such as :first, are
 * refused as Jsoup refuses them). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/log.h"
#include "jmx2run/postprocess_xml.h"

/* ---- reporting a refused selector once ---- */

static pthread_mutex_t reported_lock = PTHREAD_MUTEX_INITIALIZER;
static struct strmap reported;
static bool reported_ready;

static bool first_report(const char *name, const char *query)
{
    char *key = xasprintf("%s\x1f%s", name, query);
    bool first = false;
    pthread_mutex_lock(&reported_lock);
    if (!reported_ready) {
        strmap_init(&reported);
        reported_ready = true;
    }
    if (!strmap_get(&reported, key) && strmap_count(&reported) < 10000) {
        strmap_set(&reported, key, "");
        first = true;
    }
    pthread_mutex_unlock(&reported_lock);
    free(key);
    return first;
}

/* ---- collecting values ---- */

/* HtmlExtractor.getExtractorImpl: "" and JSOUP are Jsoup, JODD is run as Jsoup too. */
static bool known_implementation(const char *impl)
{
    return !impl || !*impl || strcmp(impl, "JSOUP") == 0 || strcmp(impl, "JODD") == 0;
}

struct css_run {
    const char *query, *attribute, *implementation;
    int32_t number;
    struct css_selector *sel;     /* compiled when first needed, as Jsoup parses it */
    char *refused;                /* Jsoup's exception text */
    struct ptrvec values;         /* char * */
    int64_t found;
};

/* JSoupExtractor.extract on one text; false when the selector is refused. */
static bool extract(struct css_run *r, const char *text, size_t len)
{
    if (!r->sel && !r->refused && !known_implementation(r->implementation))
        r->refused = xasprintf("Extractor implementation:%s is unknown", r->implementation);
    if (!r->sel && !r->refused)
        r->sel = css_compile(r->query, &r->refused);
    if (!r->sel)
        return false;
    xmlDoc *doc = css_parse_html(text, len);
    struct ptrvec els = {0};
    css_select(r->sel, doc, &els);
    bool by_attribute = !java_is_blank(r->attribute, strlen(r->attribute));
    for (size_t i = 0; i < els.len; i++) {
        if (r->number > 0 && r->found == r->number)
            break;
        struct strbuf v;
        strbuf_init(&v);
        if (by_attribute)
            css_attr(els.items[i], r->attribute, &v);
        else
            css_text(els.items[i], &v);
        ptrvec_push(&r->values, strbuf_detach(&v));
        r->found++;
    }
    ptrvec_free(&els);
    xmlFreeDoc(doc);
    return true;
}

static bool collect(struct css_run *r, const struct plan_css_extractor *x, const char *name,
                    const struct sample *s, struct expr_ctx *ctx)
{
    if (x->scope.scope == SCOPE_VARIABLE) {
        char *var = pp_eval(x->scope.variable, ctx);
        const char *value = strmap_get(ctx->vars, var);
        bool ok = true;
        if (value && *value)
            ok = extract(r, value, strlen(value));
        else if (!value)
            log_msg(LOG_WARN, "No variable '%s' found to process by CSS Selector Extractor '%s', "
                              "skipping processing", var, name);
        free(var);
        return ok;
    }
    struct ptrvec list = {0};
    scope_collect(x->scope.scope, s, &list);
    bool ok = true;
    for (size_t i = 0; i < list.len && ok; i++) {
        struct field_text in;
        field_read(list.items[i], FIELD_BODY, &in);
        ok = extract(r, in.s, in.len);
        field_text_free(&in);
        if (r->number > 0 && r->found == r->number)
            break;
    }
    ptrvec_free(&list);
    return ok;
}

/* ---- variables ---- */

static char *ref_n(const char *ref, int64_t i)
{
    return xasprintf("%s_%lld", ref, (long long)i);
}

static void save(struct css_run *r, const char *ref, const char *name, struct expr_ctx *ctx)
{
    struct strmap *vars = ctx->vars;
    char *nr_name = xasprintf("%s_matchNr", ref);
    int32_t previous = 0;
    const char *prev = strmap_get(vars, nr_name);
    if (prev) {
        if (!java_parse_int(prev, &previous)) {
            log_msg(LOG_WARN, "%s: Could not parse number: '%s'.", name, prev);
            previous = 0;
        }
        strmap_remove(vars, nr_name);
    }
    size_t n = r->values.len;
    int64_t kept = 0;
    if (r->number >= 0) {
        const char *v = NULL;
        if (n > 0 && (size_t)r->number <= n)
            v = r->number == 0 ? r->values.items[expr_rand_below(ctx, n)] : r->values.items[r->number - 1];
        if (v)
            strmap_set(vars, ref, v);
    } else {
        kept = (int64_t)n;
        char num[24];
        snprintf(num, sizeof num, "%zu", n);
        strmap_set(vars, nr_name, num);
        for (size_t i = 0; i < n; i++) {
            char *var = ref_n(ref, (int64_t)i + 1);
            strmap_set(vars, var, r->values.items[i]);
            free(var);
        }
    }
    for (int64_t i = kept + 1; i <= previous; i++) {
        char *var = ref_n(ref, i);
        strmap_remove(vars, var);
        free(var);
    }
    free(nr_name);
}

bool css_extractor_run(const struct plan_css_extractor *x, const char *name,
                       const struct sample *s, struct expr_ctx *ctx, char **error)
{
    (void)error;
    name = name ? name : "";
    char *ref = pp_eval(x->refname, ctx);
    char *query = pp_eval(x->expr, ctx);
    char *attribute = pp_eval(x->attribute, ctx);
    char *number_text = pp_eval(x->match_number, ctx);
    struct css_run r = {.query = query, .attribute = attribute, .implementation = x->implementation};
    if (!java_parse_int(number_text, &r.number))
        r.number = 0;
    free(number_text);
    char *def = pp_eval(x->default_value, ctx);
    if (*def || x->default_empty_value)
        strmap_set(ctx->vars, ref, def);
    free(def);

    if (collect(&r, x, name, s, ctx))
        save(&r, ref, name, ctx);
    else if (first_report(name, query))
        log_and_stderr(LOG_WARN, "CSS Selector Extractor \"%s\": the selector \"%s\" is refused (%s); "
                                 "%s keeps its default value", name, query,
                       r.refused ? r.refused : "invalid", ref);
    for (size_t i = 0; i < r.values.len; i++)
        free(r.values.items[i]);
    ptrvec_free(&r.values);
    css_selector_free(r.sel);
    free(r.refused);
    free(attribute);
    free(query);
    free(ref);
    return true;
}
