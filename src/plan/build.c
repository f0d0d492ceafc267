/* build.c - element tree -> plan: the walk that creates nodes.
 *
 * Pass 1 walks the Test Plan's children in document order: each thread group
 * becomes a tree of controllers and samplers with the other elements attached
 * where they sit; Test-Plan-level elements are built once. Pass 2 appends the
 * Test-Plan-level elements to every thread group, after its own children and
 * without their subtrees (digest §1.5). Pass 3 (scope.c) resolves what applies
 * to each sampler. User Defined Variables are gathered from the whole tree. */
#include <stdlib.h>
#include <string.h>
#include "builder.h"

/* Children lists are gathered in ptrvecs during the walk and frozen into
 * exactly-sized arena arrays at the end (freeze_lists). */
struct node_lists {
    struct ptrvec children, attached, on_iteration;
};

static struct node_lists *lists_of(struct plan_builder *b, const struct plan_node *node)
{
    return b->lists[node->id];
}

static const char *node_path(struct plan_builder *b, const struct plan_node *parent,
                             const char *name)
{
    if (!parent)
        return arena_strdup(b->arena, name);
    return arena_printf(b->arena, "%s/%s", parent->path, name);
}

static struct plan_node *new_node(struct plan_builder *b, const struct jmx_element *el,
                                  struct plan_node *parent, const struct plan_kind_info *info,
                                  enum plan_role role)
{
    struct plan_node *node = PB_NEW(b, struct plan_node);
    node->kind = info ? info->kind : PK_UNSUPPORTED;
    node->info = info;
    node->role = role;
    node->id = (unsigned)b->nodes.len;
    node->name = arena_strdup(b->arena, el->testname ? el->testname : "");
    node->testclass = arena_strdup(b->arena, el->testclass);
    node->guiclass = arena_strdup(b->arena, el->guiclass ? el->guiclass : "");
    node->file = arena_strdup(b->arena, el->file ? el->file : b->plan->file);
    node->line = el->line;
    node->parent = parent;
    node->depth = parent ? parent->depth + 1 : 0;
    node->path = node_path(b, parent, node->name);
    node->slot = -1;
    ptrvec_push(&b->nodes, node);
    if (b->n_sources == b->cap_sources) {
        b->cap_sources = b->cap_sources ? b->cap_sources * 2 : 64;
        b->sources = xrealloc(b->sources, b->cap_sources * sizeof(*b->sources));
        b->lists = xrealloc(b->lists, b->cap_sources * sizeof(*b->lists));
    }
    b->lists[b->n_sources] = xcalloc(1, sizeof(struct node_lists));
    b->sources[b->n_sources++] = el;
    if (role == ROLE_SAMPLER || role == ROLE_CONTROLLER || role == ROLE_THREAD_GROUP)
        node->label = pb_tmpl_text(b, el, el->line, node->name);
    return node;
}

/* JMeter's LoopIterationListeners. They register on their nearest enclosing
 * controller when the tree compiler leaves them (post-order), and a
 * controller calls them last-registered first. */
static bool is_iteration_listener(const struct plan_node *node)
{
    switch (node->kind) {
    case PK_CSV_DATA_SET:
    case PK_COUNTER:
    case PK_RANDOM_VARIABLE:
    case PK_LOOP_CONTROLLER:
    case PK_WHILE_CONTROLLER:
    case PK_FOREACH_CONTROLLER:
    case PK_ONCE_ONLY_CONTROLLER:
    case PK_THROUGHPUT_CONTROLLER:
        return true;
    case PK_USER_PARAMETERS:
        return ((const struct plan_user_parameters *)node->data)->per_iteration;
    default:
        return false;
    }
}

/* The controller an iteration listener registers on: its parent, or the
 * sampler's parent when it sits under a sampler (digest §4). */
static struct plan_node *iteration_owner(struct plan_node *parent)
{
    while (parent && parent->role != ROLE_CONTROLLER && parent->role != ROLE_THREAD_GROUP)
        parent = parent->parent;
    return parent;
}

static void classify(const struct jmx_element *el, const struct plan_kind_info **info,
                     enum plan_role *role)
{
    *info = plan_kind_lookup(el->testclass, el->guiclass);
    *role = *info ? (*info)->role : plan_guess_role(el);
    if (!*info && *role == ROLE_LISTENER)
        *info = plan_kind_info(PK_OTHER_LISTENER);   /* listeners are skipped quietly */
}

static void build_children(struct plan_builder *b, const struct jmx_element *el,
                           struct plan_node *node);

static void mark_unsupported(struct plan_builder *b, const struct jmx_element *el,
                             struct plan_node *node)
{
    node->unsupported_reason = arena_strdup(b->arena, plan_unsupported_reason(el, node->role));
    diag_add(b->diags, DIAG_WARNING, node->file, node->line,
             "unsupported element %s \"%s\": %s", el->testclass, el->testname,
             node->unsupported_reason);
    plan_flatten_props(b, el, node);
    b->plan->counts.unsupported++;
}

/* Builds one element (and, for containers, its subtree) under parent.
 * Returns the node, or NULL when the element is ignored. */
static struct plan_node *build_element(struct plan_builder *b, const struct jmx_element *el,
                                       struct plan_node *parent)
{
    const struct plan_kind_info *info;
    enum plan_role role;
    classify(el, &info, &role);
    b->plan->counts.elements++;

    if (role == ROLE_TEST_PLAN || role == ROLE_THREAD_GROUP) {
        diag_add(b->diags, DIAG_WARNING, el->file, el->line,
                 "%s \"%s\" inside \"%s\" is ignored: it belongs directly under the Test Plan",
                 el->testclass, el->testname, parent->name);
        return NULL;
    }
    /* the Test Plan holds samplers and controllers too: every thread group runs
     * them last, without their children (digest §1.5) */
    bool container_parent = parent->role == ROLE_CONTROLLER ||
                            parent->role == ROLE_THREAD_GROUP || parent->role == ROLE_TEST_PLAN;
    if ((role == ROLE_CONTROLLER || role == ROLE_SAMPLER) && !container_parent) {
        diag_add(b->diags, DIAG_WARNING, el->file, el->line,
                 "%s \"%s\" under %s \"%s\" is ignored: only thread groups and controllers "
                 "hold samplers and controllers", el->testclass, el->testname,
                 plan_role_name(parent->role), parent->name);
        return NULL;
    }
    if (role != ROLE_CONTROLLER && role != ROLE_SAMPLER && role != ROLE_THREAD_GROUP &&
        parent->role != ROLE_CONTROLLER && parent->role != ROLE_THREAD_GROUP &&
        parent->role != ROLE_SAMPLER && parent->role != ROLE_TEST_PLAN) {
        diag_add(b->diags, DIAG_WARNING, el->file, el->line,
                 "%s \"%s\" under %s \"%s\" is ignored: it applies to no sampler",
                 el->testclass, el->testname, plan_role_name(parent->role), parent->name);
        return NULL;
    }

    struct plan_node *node = new_node(b, el, parent, info, role);
    if (!info)
        mark_unsupported(b, el, node);
    else if (role == ROLE_LISTENER && node->kind != PK_RESULT_ACTION)
        b->plan->counts.listeners++;
    else
        b->plan->counts.supported++;

    /* HTTP samplers are built in the scope pass, once Defaults are known */
    if (info && info->build && node->kind != PK_HTTP_SAMPLER)
        node->data = info->build(b, el, node);

    struct node_lists *pl = lists_of(b, parent);
    if (role == ROLE_CONTROLLER || role == ROLE_SAMPLER) {
        ptrvec_push(&pl->children, node);
        if (role == ROLE_CONTROLLER)
            node->slot = b->slots++;
        if (parent->role != ROLE_TEST_PLAN)
            build_children(b, el, node);
        if (info && is_iteration_listener(node)) {
            struct plan_node *owner = iteration_owner(parent);
            if (owner)
                ptrvec_push(&lists_of(b, owner)->on_iteration, node);
        }
    } else {
        ptrvec_push(&pl->attached, node);
        if (info && is_iteration_listener(node)) {
            struct plan_node *owner = iteration_owner(parent);
            if (owner)
                ptrvec_push(&lists_of(b, owner)->on_iteration, node);
        }
        if (el->n_children)
            build_children(b, el, node);
    }
    return node;
}

static void build_children(struct plan_builder *b, const struct jmx_element *el,
                           struct plan_node *node)
{
    for (size_t i = 0; i < el->n_children; i++)
        build_element(b, el->children[i], node);
}

static enum tg_phase phase_of(enum plan_kind kind)
{
    if (kind == PK_SETUP_THREAD_GROUP)
        return TG_PHASE_SETUP;
    if (kind == PK_POST_THREAD_GROUP)
        return TG_PHASE_TEARDOWN;
    return TG_PHASE_MAIN;
}

static struct plan_node *build_thread_group(struct plan_builder *b, const struct jmx_element *el,
                                            struct plan_node *tp, const struct plan_kind_info *info,
                                            struct ptrvec *groups_by_phase)
{
    b->plan->counts.elements++;
    struct plan_node *node = new_node(b, el, tp, info, ROLE_THREAD_GROUP);
    node->slot = b->slots++;
    enum tg_phase phase = info ? phase_of(info->kind) : TG_PHASE_MAIN;
    int number = ++b->group_numbers[phase];   /* unsupported groups count too, as in JMeter */
    if (!info) {
        mark_unsupported(b, el, node);
        return node;
    }
    b->plan->counts.supported++;
    node->data = info->build(b, el, node);
    struct plan_thread_group *tg = node->data;
    if (tg) {
        tg->phase = phase;
        tg->group_number = number;
    }
    ptrvec_push(&groups_by_phase[phase], node);
    build_children(b, el, node);
    return node;
}

/* Test-Plan-level elements become the last children of every thread group.
 * Scoped elements are shared; a sampler or controller is copied as a leaf. */
static void append_test_plan_level(struct plan_builder *b, struct plan_node *tg,
                                   const struct ptrvec *tp_level)
{
    struct node_lists *tl = lists_of(b, tg);
    for (size_t i = 0; i < tp_level->len; i++) {
        struct plan_node *shared = tp_level->items[i];
        if (shared->role == ROLE_CONTROLLER || shared->role == ROLE_SAMPLER) {
            const struct jmx_element *el = b->sources[shared->id];
            struct plan_node *copy = new_node(b, el, tg, shared->info, shared->role);
            copy->data = shared->data;
            copy->copy_of = shared;
            copy->unsupported_reason = shared->unsupported_reason;
            if (copy->role == ROLE_CONTROLLER)
                copy->slot = b->slots++;
            ptrvec_push(&tl->children, copy);
            if (copy->info && is_iteration_listener(copy))
                ptrvec_push(&tl->on_iteration, copy);
        } else {
            ptrvec_push(&tl->attached, shared);
            if (shared->info && is_iteration_listener(shared))
                ptrvec_push(&tl->on_iteration, shared);
        }
    }
}

static void collect_variables(struct plan_builder *b, const struct jmx_element *el,
                              struct ptrvec *sets)
{
    const struct plan_kind_info *info = plan_kind_lookup(el->testclass, el->guiclass);
    const struct jmx_prop *coll = NULL;
    if (info && info->kind == PK_TEST_PLAN) {
        const struct jmx_prop *udv = jmx_prop(el, "TestPlan.user_defined_variables");
        coll = jmx_prop_item(udv, "Arguments.arguments");
    } else if (info && info->kind == PK_USER_DEFINED_VARIABLES) {
        coll = pb_collection(el, "Arguments.arguments");
    }
    if (info && (info->kind == PK_TEST_PLAN || info->kind == PK_USER_DEFINED_VARIABLES)) {
        size_t n;
        struct plan_name_value *args = pb_arguments(b, el, coll, &n);
        struct plan_variable_set *set = PB_NEW(b, struct plan_variable_set);
        set->vars = PB_ARRAY(b, struct plan_variable, n);
        for (size_t i = 0; i < n; i++) {
            bool seen = false;
            for (size_t j = 0; j < set->n_vars && !seen; j++)
                seen = str_eq(set->vars[j].name, args[i].name);
            if (seen || !args[i].name[0])
                continue;
            set->vars[set->n_vars].name = args[i].name;
            set->vars[set->n_vars].value = args[i].value;
            set->n_vars++;
        }
        ptrvec_push(sets, set);
    }
    for (size_t i = 0; i < el->n_children; i++)
        collect_variables(b, el->children[i], sets);
}

static void freeze_node(struct plan_builder *b, struct plan_node *node)
{
    struct node_lists *l = lists_of(b, node);
    b->lists[node->id] = NULL;
    node->n_children = l->children.len;
    node->children = PB_ARRAY(b, struct plan_node *, l->children.len);
    if (l->children.len)
        memcpy(node->children, l->children.items, l->children.len * sizeof(void *));
    node->n_attached = l->attached.len;
    node->attached = PB_ARRAY(b, struct plan_node *, l->attached.len);
    if (l->attached.len)
        memcpy(node->attached, l->attached.items, l->attached.len * sizeof(void *));
    /* registered in post-order, fired newest first (JMeter's addFirst) */
    node->n_on_iteration = l->on_iteration.len;
    node->on_iteration = PB_ARRAY(b, struct plan_node *, l->on_iteration.len);
    for (size_t i = 0; i < l->on_iteration.len; i++)
        node->on_iteration[i] = l->on_iteration.items[l->on_iteration.len - 1 - i];
    ptrvec_free(&l->children);
    ptrvec_free(&l->attached);
    ptrvec_free(&l->on_iteration);
    free(l);
}

static void freeze_groups(struct plan_builder *b, const struct ptrvec *v,
                          struct plan_node ***arr, size_t *n)
{
    *n = v->len;
    *arr = PB_ARRAY(b, struct plan_node *, v->len);
    if (v->len)
        memcpy(*arr, v->items, v->len * sizeof(void *));
}

struct plan *plan_build(const struct jmx_doc *doc, struct diag_list *diags)
{
    const struct jmx_element *tp_el = doc ? doc->test_plan : NULL;
    const struct plan_kind_info *tp_info = tp_el ? plan_kind_lookup(tp_el->testclass, NULL) : NULL;
    if (!tp_info || tp_info->kind != PK_TEST_PLAN) {
        diag_add(diags, DIAG_ERROR, doc ? doc->path : NULL, tp_el ? tp_el->line : 0,
                 "the plan has no Test Plan element");
        return NULL;
    }

    struct arena *arena = arena_new();
    struct plan *plan = arena_alloc(arena, sizeof *plan);
    plan->arena = arena;
    plan->file = arena_strdup(arena, doc->path);
    plan->file_name = arena_strdup(arena, path_basename(doc->path));
    plan->dir = arena_strdup(arena, doc->dir ? doc->dir : ".");

    struct plan_builder b = {.plan = plan, .arena = arena, .diags = diags, .doc = doc};

    plan->counts.elements++;
    plan->counts.supported++;
    struct plan_node *tp = new_node(&b, tp_el, NULL, tp_info, ROLE_TEST_PLAN);
    tp->data = tp_info->build(&b, tp_el, tp);
    plan->test_plan = tp;
    plan->settings = tp->data;

    /* pass 1 */
    struct ptrvec groups[3] = {{0}, {0}, {0}};
    struct ptrvec all_groups = {0}, tp_level = {0};
    for (size_t i = 0; i < tp_el->n_children; i++) {
        const struct jmx_element *el = tp_el->children[i];
        const struct plan_kind_info *info;
        enum plan_role role;
        classify(el, &info, &role);
        if (role == ROLE_THREAD_GROUP) {
            ptrvec_push(&all_groups, build_thread_group(&b, el, tp, info, groups));
            continue;
        }
        struct plan_node *node = build_element(&b, el, tp);
        if (!node)
            continue;
        if (role == ROLE_CONTROLLER || role == ROLE_SAMPLER)
            diag_add(diags, DIAG_WARNING, node->file, node->line,
                     "%s \"%s\" sits directly under the Test Plan: as in JMeter, every thread "
                     "group runs it as its last step, without its children",
                     plan_kind_display(node), node->name);
        ptrvec_push(&tp_level, node);
    }

    /* pass 2 */
    for (size_t i = 0; i < all_groups.len; i++) {
        struct plan_node *tg = all_groups.items[i];
        if (tg->info)
            append_test_plan_level(&b, tg, &tp_level);
    }

    struct ptrvec sets = {0};
    collect_variables(&b, tp_el, &sets);
    plan->n_variable_sets = sets.len;
    plan->variable_sets = arena_alloc(arena, sizeof(struct plan_variable_set) * (sets.len + 1));
    for (size_t i = 0; i < sets.len; i++)
        plan->variable_sets[i] = *(struct plan_variable_set *)sets.items[i];
    ptrvec_free(&sets);

    for (size_t i = 0; i < b.nodes.len; i++)
        freeze_node(&b, b.nodes.items[i]);
    /* the Test Plan lists its thread groups as children, for tree walks */
    tp->n_children = all_groups.len;
    tp->children = PB_ARRAY(&b, struct plan_node *, all_groups.len);
    if (all_groups.len)
        memcpy(tp->children, all_groups.items, all_groups.len * sizeof(void *));

    freeze_groups(&b, &groups[TG_PHASE_SETUP], &plan->setup_groups, &plan->n_setup_groups);
    freeze_groups(&b, &groups[TG_PHASE_MAIN], &plan->main_groups, &plan->n_main_groups);
    freeze_groups(&b, &groups[TG_PHASE_TEARDOWN], &plan->teardown_groups,
                  &plan->n_teardown_groups);

    /* pass 3 */
    plan_resolve_scopes(&b);

    plan->n_nodes = b.nodes.len;
    plan->nodes = PB_ARRAY(&b, struct plan_node *, b.nodes.len);
    memcpy(plan->nodes, b.nodes.items, b.nodes.len * sizeof(void *));
    plan->n_slots = (size_t)b.slots;

    for (int i = 0; i < 3; i++)
        ptrvec_free(&groups[i]);
    ptrvec_free(&all_groups);
    ptrvec_free(&tp_level);
    ptrvec_free(&b.nodes);
    free(b.sources);
    free(b.lists);
    return plan;
}

void plan_free(struct plan *plan)
{
    if (plan)
        arena_free(plan->arena);
}
