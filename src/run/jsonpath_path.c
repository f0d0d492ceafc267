/* jsonpath_path.c - a compiled path as a whole: the text Jayway gives each token (for
 * toString and its messages), which paths are definite, the "$..x.fn()" rewrite Jayway
 * applies, the copy with [*] appended that length(path) evaluates, and the public
 * compile/free entry points. */
#include <stdlib.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "jmx2run/jsonpath.h"

struct jsonpath {
    struct arena *arena;
    struct jp_path *path;
    struct ptrvec regexes;
    struct ptrvec docs;
};

static struct jp_token *new_token(struct jp_compiler *c, enum jp_token_kind kind)
{
    struct jp_token *t = jp_compiler_alloc(c, sizeof *t);
    t->kind = kind;
    return t;
}


void jp_token_fragment(const struct jp_token *t, struct strbuf *out)
{
    switch (t->kind) {
    case JP_T_ROOT:
        strbuf_addc(out, t->root);
        break;
    case JP_T_PROPERTY:
        strbuf_addc(out, '[');
        for (size_t i = 0; i < t->n_names; i++) {
            if (i)
                strbuf_addc(out, ',');
            strbuf_addc(out, t->delim);
            strbuf_addn(out, t->names[i].s, t->names[i].len);
            strbuf_addc(out, t->delim);
        }
        strbuf_addc(out, ']');
        break;
    case JP_T_INDEX:
        strbuf_addc(out, '[');
        for (size_t i = 0; i < t->n_indexes; i++)
            strbuf_addf(out, "%s%d", i ? "," : "", (int)t->indexes[i]);
        strbuf_addc(out, ']');
        break;
    case JP_T_SLICE:
        strbuf_addc(out, '[');
        if (t->has_from)
            strbuf_addf(out, "%d", (int)t->from);
        strbuf_addc(out, ':');
        if (t->has_to)
            strbuf_addf(out, "%d", (int)t->to);
        strbuf_addc(out, ']');
        break;
    case JP_T_WILDCARD:
        strbuf_adds(out, "[*]");
        break;
    case JP_T_SCAN:
        strbuf_adds(out, "..");
        break;
    case JP_T_PREDICATE:
        strbuf_addc(out, '[');
        for (size_t i = 0; i < t->n_filters; i++)
            strbuf_adds(out, i ? ",?" : "?");
        strbuf_addc(out, ']');
        break;
    case JP_T_FUNCTION:
        strbuf_addf(out, ".%s%s", t->fn_name, t->fn_args_shown ? "(...)" : "()");
        break;
    }
}

bool jp_token_definite(const struct jp_token *t)
{
    switch (t->kind) {
    case JP_T_ROOT: case JP_T_FUNCTION: return true;
    case JP_T_PROPERTY: return t->n_names == 1 || !t->next;
    case JP_T_INDEX: return t->n_indexes == 1;
    default: return false;
    }
}

/* Definiteness, the text before the tail, and the "$..x.fn()" rewrite. */
static void finish_path(struct jp_compiler *c, struct jp_path *p)
{
    bool definite = true;
    for (struct jp_token *t = p->root; t; t = t->next) {
        t->upstream_definite = !t->prev || (jp_token_definite(t->prev) && t->prev->upstream_definite);
        definite = definite && jp_token_definite(t);
    }
    p->definite = definite;
    p->function_path = p->tail->kind == JP_T_FUNCTION;
    if (p->tail->prev) {
        struct strbuf sb;
        strbuf_init(&sb);
        jp_token_fragment(p->tail->prev, &sb);
        p->tail_prev_fragment = arena_strndup(c->arena, sb.s, sb.len);
        strbuf_free(&sb);
    } else {
        p->tail_prev_fragment = "";
    }
}

/* A copy of a parameter path with [*] appended, as Length.invoke makes it. */
static struct jp_path *with_wildcard(struct jp_compiler *c, const struct jp_path *p)
{
    struct jp_path *q = jp_compiler_alloc(c, sizeof *q);
    *q = *p;
    struct jp_token *prev = NULL;
    for (const struct jp_token *t = p->root; t; t = t->next) {
        struct jp_token *n = jp_compiler_alloc(c, sizeof *n);
        *n = *t;
        n->prev = prev;
        n->next = NULL;
        if (prev)
            prev->next = n;
        else
            q->root = n;
        if (t == p->tail)
            q->tail = n;
        prev = n;
    }
    struct jp_token *w = new_token(c, JP_T_WILDCARD);
    w->upstream_definite = true;        /* Jayway links it without a previous token */
    prev->next = w;
    return q;
}

/* When a path is "$.." ending in a function, Jayway makes the function the whole path
 * and passes it the rest as its argument (CompiledPath.invertScannerFunctionRelationship). */
static struct jp_path *invert_scanner_function(struct jp_compiler *c, struct jp_path *p)
{
    if (!p->function_path || !p->root->next || p->root->next->kind != JP_T_SCAN)
        return p;
    struct jp_token *fn = p->root->next, *prior = NULL;
    while (fn && fn->kind != JP_T_FUNCTION) {
        prior = fn;
        fn = fn->next;
    }
    if (!fn || !prior)
        return p;
    prior->next = NULL;
    struct jp_path *arg = jp_compiler_alloc(c, sizeof *arg);
    arg->root = p->root;
    arg->tail = prior;
    arg->root_path = true;           /* Jayway builds it as a root path */
    finish_path(c, arg);
    struct jp_param *param = jp_compiler_alloc(c, sizeof *param);
    param->is_path = true;
    param->path = arg;
    param->path_wild = with_wildcard(c, arg);
    param->path_wild->definite = arg->definite;
    fn->params = param;
    fn->n_params = 1;
    struct jp_token *root = new_token(c, JP_T_ROOT);
    root->root = '$';
    root->next = fn;             /* fn keeps its old previous token, as in Jayway */
    struct jp_path *q = jp_compiler_alloc(c, sizeof *q);
    q->root = root;
    q->tail = fn;
    q->root_path = p->root_path;
    q->definite = true;
    q->function_path = true;
    q->tail_prev_fragment = p->tail_prev_fragment;
    return q;
}

static void add_wild_params(struct jp_compiler *c, struct jp_path *p)
{
    for (struct jp_token *t = p->root; t; t = t->next)
        if (t->kind == JP_T_FUNCTION)
            for (size_t i = 0; i < t->n_params; i++)
                if (t->params[i].is_path && !t->params[i].path_wild &&
                    !t->params[i].path->function_path)
                    t->params[i].path_wild = with_wildcard(c, t->params[i].path);
}

/* Everything a freshly read path needs before use. */
struct jp_path *jp_path_finish(struct jp_compiler *c, struct jp_path *p)
{
    finish_path(c, p);
    add_wild_params(c, p);
    return invert_scanner_function(c, p);
}

/* ---- the public entry points ---- */

struct top_arg {
    const char *text;
    struct jp_path *path;
};

static void top_body(struct jp_compiler *c, void *argp)
{
    struct top_arg *a = argp;
    a->path = jp_compile_path(c, a->text, strlen(a->text));
}

static void release(struct ptrvec *regexes, struct ptrvec *docs)
{
    for (size_t i = 0; i < regexes->len; i++)
        pcre2_code_free(regexes->items[i]);
    ptrvec_free(regexes);
    for (size_t i = 0; i < docs->len; i++)
        jp_doc_free(docs->items[i]);
    ptrvec_free(docs);
}

struct jsonpath *jsonpath_compile(const char *text, char **error)
{
    if (!text || !*text) {
        if (error)
            *error = xstrdup("json can not be null or empty");
        return NULL;
    }
    struct jp_compiler c = {0};
    c.arena = arena_new();
    struct top_arg a = {text, NULL};
    enum jp_exc kind;
    const char *cls, *message;
    if (!jp_compiler_try(&c, top_body, &a, &kind, &cls, &message)) {
        if (error)
            *error = xstrdup(message ? message : "");
        release(&c.regexes, &c.docs);
        arena_free(c.arena);
        return NULL;
    }
    struct jsonpath *p = xcalloc(1, sizeof *p);
    p->arena = c.arena;
    p->path = a.path;
    p->regexes = c.regexes;
    p->docs = c.docs;
    return p;
}

void jsonpath_free(struct jsonpath *p)
{
    if (!p)
        return;
    release(&p->regexes, &p->docs);
    arena_free(p->arena);
    free(p);
}

bool jsonpath_is_definite(const struct jsonpath *p)
{
    return p->path->definite;
}

bool jsonpath_is_function(const struct jsonpath *p)
{
    return p->path->function_path;
}

void jsonpath_to_string(const struct jsonpath *p, struct strbuf *out)
{
    for (const struct jp_token *t = p->path->root; t; t = t->next)
        jp_token_fragment(t, out);
}

const struct jp_path *jp_path_of(const struct jsonpath *p, const struct jp_doc *const **docs,
                                 size_t *n_docs)
{
    *docs = (const struct jp_doc *const *)p->docs.items;
    *n_docs = p->docs.len;
    return p->path;
}
