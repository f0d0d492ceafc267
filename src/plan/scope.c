/* scope.c - which elements apply to each sampler (digest §2.2, §2.6).
 *
 * For a sampler, JMeter looks at the elements attached at every level of the
 * path thread group -> ... -> parent controller -> sampler. Config elements,
 * timers and listeners are gathered innermost level first; pre-processors,
 * post-processors and assertions outermost level first; document order within
 * a level. Header Managers then merge (innermost name wins), Cookie / Cache /
 * Authorization / DNS managers replace each other (outermost wins), and HTTP
 * Request Defaults are merged into the HTTP sampler's own properties. */
#include <string.h>
#include "builder.h"

#define MAX_LEVELS 512

/* path[0] = the node itself ... path[n-1] = its thread group */
static size_t path_levels(struct plan_node *node, struct plan_node **path)
{
    size_t n = 0;
    for (struct plan_node *cur = node; cur && n < MAX_LEVELS; cur = cur->parent) {
        if (cur->role == ROLE_TEST_PLAN)
            break;
        path[n++] = cur;
        if (cur->role == ROLE_THREAD_GROUP)
            break;
    }
    return n;
}

static struct plan_node **freeze(struct plan_builder *b, const struct ptrvec *v, size_t *n)
{
    *n = v->len;
    struct plan_node **arr = PB_ARRAY(b, struct plan_node *, v->len);
    if (v->len)
        memcpy(arr, v->items, v->len * sizeof(void *));
    return arr;
}

static bool header_name_taken(const struct ptrvec *hdrs, size_t upto, const char *name)
{
    for (size_t i = 0; i < upto; i++) {
        const struct plan_header *h = hdrs->items[i];
        if (str_ieq(h->name->source, name))
            return true;
    }
    return false;
}

static void merge_headers(struct plan_builder *b, struct plan_scope *s)
{
    struct ptrvec hdrs = {0};
    for (size_t i = 0; i < s->n_configs; i++) {
        const struct plan_node *c = s->configs[i];
        if (c->kind != PK_HEADER_MANAGER || !c->data)
            continue;
        const struct plan_header_manager *hm = c->data;
        size_t inner = hdrs.len;   /* duplicates within one manager are all kept */
        for (size_t j = 0; j < hm->n_headers; j++)
            if (!header_name_taken(&hdrs, inner, hm->headers[j].name->source))
                ptrvec_push(&hdrs, &hm->headers[j]);
    }
    s->n_headers = hdrs.len;
    s->headers = PB_ARRAY(b, struct plan_header, hdrs.len);
    for (size_t i = 0; i < hdrs.len; i++)
        s->headers[i] = *(const struct plan_header *)hdrs.items[i];
    ptrvec_free(&hdrs);
}

static void pick_managers(struct plan_scope *s)
{
    /* configs are innermost first: the last one seen is the outermost */
    for (size_t i = 0; i < s->n_configs; i++) {
        struct plan_node *c = s->configs[i];
        switch (c->kind) {
        case PK_COOKIE_MANAGER: s->cookie_manager = c; break;
        case PK_CACHE_MANAGER: s->cache_manager = c; break;
        case PK_AUTH_MANAGER: s->auth_manager = c; break;
        case PK_DNS_CACHE_MANAGER: s->dns_manager = c; break;
        default: break;
        }
    }
}

static struct plan_scope *sampler_scope(struct plan_builder *b, struct plan_node *node)
{
    struct plan_node *path[MAX_LEVELS];
    size_t n = path_levels(node, path);
    struct ptrvec configs = {0}, timers = {0}, listeners = {0}, defaults = {0};
    struct ptrvec pre = {0}, post = {0}, asserts = {0};

    for (size_t lv = 0; lv < n; lv++) {            /* innermost first */
        const struct plan_node *level = path[lv];
        for (size_t i = 0; i < level->n_attached; i++) {
            struct plan_node *e = level->attached[i];
            if (e->role == ROLE_CONFIG) {
                ptrvec_push(&configs, e);
                if (e->kind == PK_HTTP_DEFAULTS)
                    ptrvec_push(&defaults, e);
            } else if (e->role == ROLE_TIMER) {
                ptrvec_push(&timers, e);
            } else if (e->role == ROLE_LISTENER && e->kind == PK_RESULT_ACTION) {
                ptrvec_push(&listeners, e);
            }
        }
    }
    for (size_t lv = n; lv-- > 0;) {               /* outermost first */
        const struct plan_node *level = path[lv];
        for (size_t i = 0; i < level->n_attached; i++) {
            struct plan_node *e = level->attached[i];
            if (e->role == ROLE_PRE_PROCESSOR) {
                /* per-iteration User Parameters act at iteration start instead */
                if (e->kind == PK_USER_PARAMETERS && e->data &&
                    ((struct plan_user_parameters *)e->data)->per_iteration)
                    continue;
                ptrvec_push(&pre, e);
            } else if (e->role == ROLE_POST_PROCESSOR) {
                ptrvec_push(&post, e);
            } else if (e->role == ROLE_ASSERTION) {
                ptrvec_push(&asserts, e);
            }
        }
    }

    struct plan_scope *s = PB_NEW(b, struct plan_scope);
    s->configs = freeze(b, &configs, &s->n_configs);
    s->defaults = freeze(b, &defaults, &s->n_defaults);
    s->timers = freeze(b, &timers, &s->n_timers);
    s->listeners = freeze(b, &listeners, &s->n_listeners);
    s->pre = freeze(b, &pre, &s->n_pre);
    s->post = freeze(b, &post, &s->n_post);
    s->assertions = freeze(b, &asserts, &s->n_assertions);
    merge_headers(b, s);
    pick_managers(s);
    ptrvec_free(&configs);
    ptrvec_free(&defaults);
    ptrvec_free(&timers);
    ptrvec_free(&listeners);
    ptrvec_free(&pre);
    ptrvec_free(&post);
    ptrvec_free(&asserts);
    return s;
}

/* A parent-mode Transaction Controller's own sample gets only the listeners
 * and assertions in its scope (digest §2.2). */
static struct plan_scope *transaction_scope(struct plan_builder *b, struct plan_node *node)
{
    struct plan_scope *full = sampler_scope(b, node);
    struct plan_scope *s = PB_NEW(b, struct plan_scope);
    s->listeners = full->listeners;
    s->n_listeners = full->n_listeners;
    s->assertions = full->assertions;
    s->n_assertions = full->n_assertions;
    return s;
}

void plan_resolve_scopes(struct plan_builder *b)
{
    for (size_t i = 0; i < b->nodes.len; i++) {
        struct plan_node *node = b->nodes.items[i];
        if (node->role == ROLE_SAMPLER) {
            node->scope = sampler_scope(b, node);
            if (node->kind == PK_HTTP_SAMPLER) {
                const struct jmx_element *el = b->sources[node->id];
                const struct jmx_element *merged =
                    plan_merge_http_defaults(b, el, node->scope->defaults, node->scope->n_defaults);
                node->data = http_sampler_build(b, merged, node);
            }
        } else if (node->kind == PK_TRANSACTION_CONTROLLER && node->data &&
                   ((struct plan_transaction_controller *)node->data)->parent_sample) {
            node->scope = transaction_scope(b, node);
        }
    }
}
