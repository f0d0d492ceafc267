/* migration.c - the migration report's data (include/jmx2run/migration.h),
 * on the emitter's side.
 *
 * While the locustfile is written, every note the emitter makes (em_note,
 * emit_todo) is also recorded on the element it concerns: one outcome per
 * plan node. Once the plan part is written, em_migration turns the outcomes
 * and the plan into the report; the file's header is written from it
 * (em_migration_header), and --migration-report prints it. What the
 * emitter converts is therefore decided in one place: where it writes the
 * code. The few elements the walk never reaches are decided by the tables
 * below. */
#include <stdlib.h>
#include <string.h>
#include "emit_internal.h"
#include "jmx2run/migration.h"

/* What the locustfile does instead of an element that is a TODO, by role. */
static const char *const todo_instead[] = {
    [ROLE_TEST_PLAN] = "ignored",
    [ROLE_THREAD_GROUP] = "its users do not run",
    [ROLE_CONTROLLER] = "its children are not run",
    [ROLE_SAMPLER] = "nothing is sent or recorded",
    [ROLE_CONFIG] = "ignored",
    [ROLE_PRE_PROCESSOR] = "not run before its samplers",
    [ROLE_TIMER] = "no delay",
    [ROLE_POST_PROCESSOR] = "not run after its samplers",
    [ROLE_ASSERTION] = "not checked",
    [ROLE_LISTENER] = "skipped",
};

static const char *const native_names[MIG_NATIVE_COUNT] = {"supported", "skipped",
                                                           "unsupported"};
static const char *const locust_names[MIG_LOCUST_COUNT] = {"exact", "approximate", "todo"};

const char *mig_native_name(enum mig_native v)
{
    return v < MIG_NATIVE_COUNT ? native_names[v] : "?";
}

const char *mig_locust_name(enum mig_locust v)
{
    return v < MIG_LOCUST_COUNT ? locust_names[v] : "?";
}

/* ------------------------------------------------------------ recording */

/* Notes land on the element of the file: a Test-Plan-level sampler copied
 * into each thread group is one element; a note about the plan as a whole
 * goes to the Test Plan. */
static const struct plan_node *element_of(const struct emitter *em, const struct plan_node *n)
{
    if (!n)
        return em->plan->test_plan;
    return n->copy_of ? n->copy_of : n;
}

void em_outcome_note(struct emitter *em, enum note_kind kind, const struct plan_node *node,
                     bool whole, const char *msg)
{
    if (!em || !em->outcomes)
        return;
    node = element_of(em, node);
    if (!node || node->id >= em->plan->n_nodes)
        return;
    struct em_outcome *o = &em->outcomes[node->id];
    enum mig_locust level = kind == NOTE_TODO ? MIG_LOCUST_TODO : MIG_LOCUST_APPROXIMATE;
    if ((int)level > o->level)
        o->level = (int)level;
    char *text = whole ? xasprintf("%s; %s", msg, todo_instead[node->role]) : xstrdup(msg);
    if (whole)
        o->whole = true;
    if (!o->note.s || !strstr(o->note.s, text)) {   /* a copy may note it again */
        if (o->note.len)
            strbuf_adds(&o->note, "; ");
        strbuf_adds(&o->note, text);
    }
    free(text);
}

void em_outcomes_free(struct emitter *em)
{
    for (size_t i = 0; em->outcomes && i < em->plan->n_nodes; i++)
        strbuf_free(&em->outcomes[i].note);
    free(em->outcomes);
    em->outcomes = NULL;
}

/* ------------------------------------------------------------ the report */

/* Appends name as a double-quoted literal: the escaped single-quoted Python
 * literal with its quotes swapped, so it stays on one line and is inert in
 * a terminal and in a comment. */
static void quoted(struct strbuf *out, const char *name)
{
    struct strbuf lit;
    strbuf_init(&lit);
    py_str_literal_z(&lit, name ? name : "");
    strbuf_addc(out, '"');
    for (size_t i = 1; i + 1 < lit.len; i++) {
        char c = lit.s[i];
        if (c == '\\' && lit.s[i + 1] == '\'') {
            strbuf_addc(out, '\'');
            i++;
        } else if (c == '\\') {
            strbuf_addn(out, lit.s + i, 2);
            i++;
        } else if (c == '"') {
            strbuf_adds(out, "\\\"");
        } else {
            strbuf_addc(out, c);
        }
    }
    strbuf_addc(out, '"');
    strbuf_free(&lit);
}

static void add_path(struct strbuf *out, const struct plan_node *node)
{
    if (node->parent) {
        add_path(out, node->parent);
        strbuf_adds(out, " / ");
        strbuf_adds(out, plan_kind_display(node));
        strbuf_addc(out, ' ');
        quoted(out, node->name);
    } else {
        strbuf_adds(out, plan_kind_display(node));
    }
}

char *migration_path(const struct plan_node *node)
{
    struct strbuf sb;
    strbuf_init(&sb);
    add_path(&sb, node);
    return strbuf_detach(&sb);
}

static bool plain_text(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e || *s == '"' || *s == '\'' ||
            *s == '\\')
            return false;
    return true;
}

void migration_quote(struct strbuf *out, const char *text)
{
    if (plain_text(text ? text : ""))
        strbuf_adds(out, text ? text : "");
    else
        quoted(out, text);
}

void migration_location(const struct plan_node *node, bool base_name, struct strbuf *out)
{
    const char *file = node->file ? node->file : "";
    migration_quote(out, base_name ? path_basename(file) : file);
    strbuf_addf(out, ":%d", node->line);
}

static enum mig_native native_verdict(const struct plan_node *n, const char **note)
{
    if (n->kind == PK_UNSUPPORTED) {
        *note = n->unsupported_reason ? n->unsupported_reason : "not run";
        return MIG_NATIVE_UNSUPPORTED;
    }
    if (n->role == ROLE_LISTENER && n->kind != PK_RESULT_ACTION) {
        *note = "jmx2run writes its own results";
        return MIG_NATIVE_SKIPPED;
    }
    *note = NULL;
    return MIG_NATIVE_SUPPORTED;
}

/* An element the emitter wrote no note for. */
static void unnoted(const struct plan_node *n, struct mig_element *e, bool *whole)
{
    if (n->role == ROLE_LISTENER && n->kind != PK_RESULT_ACTION) {
        e->locust = MIG_LOCUST_EXACT;
        e->locust_note = xstrdup("nothing to convert: Locust keeps its own statistics");
    } else if (n->kind == PK_UNSUPPORTED) {
        /* never reached by the walk (a config element, a thread group JMeter
           does not know...): nothing of it is in the file */
        e->locust = MIG_LOCUST_TODO;
        e->locust_note = xasprintf("this %s kind has no Locust translation; %s",
                                   plan_role_name(n->role), todo_instead[n->role]);
        *whole = true;
    }
}

struct migration *em_migration(struct emitter *em)
{
    const struct plan *plan = em->plan;
    struct migration *m = xcalloc(1, sizeof *m);
    m->plan = plan;
    m->elements = xcalloc(plan->n_nodes ? plan->n_nodes : 1, sizeof *m->elements);
    /* per node: the nearest element around it that is a TODO as a whole
       (what sits in it is not in the file, or never runs) */
    const struct plan_node **lost_in = xcalloc(plan->n_nodes + 1, sizeof *lost_in);
    bool *whole = xcalloc(plan->n_nodes + 1, sizeof *whole);
    for (size_t i = 0; i < plan->n_nodes; i++) {
        const struct plan_node *n = plan->nodes[i];
        if (n->copy_of)
            continue;   /* the element it copies stands for it */
        struct mig_element *e = &m->elements[m->n_elements++];
        e->node = n;
        e->path = migration_path(n);
        e->native = native_verdict(n, &e->native_note);
        const struct em_outcome *o = em->outcomes ? &em->outcomes[n->id] : NULL;
        if (o && o->level > MIG_LOCUST_EXACT) {
            e->locust = (enum mig_locust)o->level;
            e->locust_note = xstrdup(o->note.s);
            whole[n->id] = o->whole;
        } else {
            unnoted(n, e, &whole[n->id]);
        }
        const struct plan_node *p = n->parent;
        if (p && p->id < plan->n_nodes)
            lost_in[n->id] = whole[p->id] ? p : lost_in[p->id];
        if (lost_in[n->id] && !whole[n->id] && n->role != ROLE_LISTENER) {
            struct strbuf sb;
            strbuf_init(&sb);
            strbuf_addf(&sb, "it sits in %s ", plan_kind_display(lost_in[n->id]));
            quoted(&sb, lost_in[n->id]->name);
            strbuf_adds(&sb, ", which is not converted; not run");
            free(e->locust_note);
            e->locust = MIG_LOCUST_TODO;
            e->locust_note = strbuf_detach(&sb);
        }
        m->totals.elements++;
        m->totals.native[e->native]++;
        m->totals.locust[e->locust]++;
    }
    free(lost_in);
    free(whole);
    return m;
}

void migration_free(struct migration *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_elements; i++) {
        free(m->elements[i].path);
        free(m->elements[i].locust_note);
    }
    free(m->elements);
    free(m);
}

struct migration *migration_build(const struct plan *plan, const struct emit_options *opt)
{
    struct diag_list scratch;
    diag_list_init(&scratch);
    struct strbuf out;
    strbuf_init(&out);
    struct migration *m = NULL;
    em_emit(plan, opt, &out, &scratch, &m);
    strbuf_free(&out);
    diag_list_free(&scratch);
    return m;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void migration_totals_text(const struct mig_totals *t, struct strbuf *out)
{
    size_t skipped = t->native[MIG_NATIVE_SKIPPED];
    strbuf_addf(out, "%zu %s; native runner: %zu supported, %zu not supported, %zu %s skipped; "
                     "Locust: %zu exact, %zu approximate, %zu TODO",
                t->elements, plural(t->elements, "element", "elements"),
                t->native[MIG_NATIVE_SUPPORTED], t->native[MIG_NATIVE_UNSUPPORTED], skipped,
                plural(skipped, "listener", "listeners"), t->locust[MIG_LOCUST_EXACT],
                t->locust[MIG_LOCUST_APPROXIMATE], t->locust[MIG_LOCUST_TODO]);
}

/* ------------------------------------------------------- the file's header */

/* "9 HTTP Request, 1 Transaction Controller, ..." of the elements converted
 * exactly (the Test Plan and listeners left out: nothing of them runs). */
static void exact_kinds(const struct migration *m, struct strbuf *out)
{
    const char *kinds[PK_COUNT] = {0};
    size_t counts[PK_COUNT] = {0};
    for (size_t i = 0; i < m->n_elements; i++) {
        const struct mig_element *e = &m->elements[i];
        if (e->locust != MIG_LOCUST_EXACT || e->native == MIG_NATIVE_SKIPPED ||
            e->node->kind == PK_TEST_PLAN || e->node->kind == PK_UNSUPPORTED)
            continue;
        kinds[e->node->kind] = plan_kind_display(e->node);
        counts[e->node->kind]++;
    }
    bool first = true;
    for (int k = 0; k < PK_COUNT; k++) {
        if (!counts[k])
            continue;
        strbuf_addf(out, "%s%zu %s", first ? "" : ", ", counts[k], kinds[k]);
        first = false;
    }
    if (first)
        strbuf_adds(out, "nothing");
}

static void list_elements(const struct migration *m, enum mig_locust which, const char *title,
                          struct pyw *w)
{
    if (!m->totals.locust[which])
        return;
    pyw_comment(w, "%s", title);
    for (size_t i = 0; i < m->n_elements; i++) {
        const struct mig_element *e = &m->elements[i];
        if (e->locust != which)
            continue;
        struct strbuf at;
        strbuf_init(&at);
        migration_location(e->node, true, &at);
        pyw_comment(w, "- %s (%s): %s", e->path, at.s, e->locust_note ? e->locust_note : "");
        strbuf_free(&at);
    }
}

void em_migration_header(const struct migration *m, struct pyw *w)
{
    struct strbuf sb;
    strbuf_init(&sb);
    migration_totals_text(&m->totals, &sb);
    pyw_comment(w, "Migration summary (jmx2run --migration-report lists every element): %s.",
                sb.s);
    strbuf_reset(&sb);
    exact_kinds(m, &sb);
    pyw_comment(w, "Converted as JMeter 5.6 runs them: %s.", sb.s);
    strbuf_free(&sb);
    list_elements(m, MIG_LOCUST_APPROXIMATE, "Converted approximately:", w);
    list_elements(m, MIG_LOCUST_TODO, "Not converted (see the TODO comments):", w);
}
