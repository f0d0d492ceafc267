/* migration.h - the migration report: for every element of a plan, whether
 * jmx2run runs it natively and how --emit-locust converts it.
 *
 *   jmx2run --migration-report plan.jmx [--format text|json]
 *
 * The native verdict comes from the plan (an element outside the element
 * table is not supported, listeners are skipped: jmx2run writes its own
 * results). The Locust verdict comes from the emitter itself: it converts the
 * plan and records, per element, the approximations and TODOs it writes
 * (src/emit/migration.c). The locustfile's header is written from the same
 * report, so the file and the report cannot disagree. */
#ifndef JMX2RUN_MIGRATION_H
#define JMX2RUN_MIGRATION_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/emit.h"
#include "jmx2run/plan.h"
#include "jmx2run/util.h"

enum mig_native {
    MIG_NATIVE_SUPPORTED,     /* run as JMeter runs it */
    MIG_NATIVE_SKIPPED,       /* a listener: jmx2run writes its own results */
    MIG_NATIVE_UNSUPPORTED,   /* not run (src/plan/unsupported.c says what happens) */
    MIG_NATIVE_COUNT
};

enum mig_locust {
    MIG_LOCUST_EXACT,         /* converted as JMeter runs it */
    MIG_LOCUST_APPROXIMATE,   /* converted, with a difference the note names */
    MIG_LOCUST_TODO,          /* not converted (or only in part): a TODO comment */
    MIG_LOCUST_COUNT
};

struct mig_element {
    const struct plan_node *node;
    char *path;               /* Test Plan / Thread Group "Users" / HTTP Request "Login" */
    enum mig_native native;
    const char *native_note;  /* NULL when supported */
    enum mig_locust locust;
    char *locust_note;        /* how it is approximate, why it is a TODO and what happens
                                 instead; NULL when exact without remark */
};

struct mig_totals {
    size_t elements;
    size_t native[MIG_NATIVE_COUNT];
    size_t locust[MIG_LOCUST_COUNT];
};

struct migration {
    const struct plan *plan;      /* must outlive the report */
    struct mig_element *elements; /* every element of the plan, in document order */
    size_t n_elements;
    struct mig_totals totals;
};

/* Converts the plan to Locust into a scratch buffer (its warnings are
 * dropped: the report holds them) and returns the report. */
struct migration *migration_build(const struct plan *plan, const struct emit_options *opt);
void migration_free(struct migration *m);

/* "supported", "skipped", "unsupported" / "exact", "approximate", "todo". */
const char *mig_native_name(enum mig_native v);
const char *mig_locust_name(enum mig_locust v);

/* The element's path: the Test Plan, then each element as its kind and its
 * name, the name as an escaped double-quoted literal (safe in a terminal and
 * in a Python comment). Malloc'd. */
char *migration_path(const struct plan_node *node);

/* Appends text as is when it is plain printable ASCII without quotes or
 * backslashes, else as an escaped double-quoted literal. */
void migration_quote(struct strbuf *out, const char *text);

/* "plan.jmx:12": where the element is written (the file's base name when
 * base_name), the file name quoted as a path segment when it is not plain
 * printable ASCII. */
void migration_location(const struct plan_node *node, bool base_name, struct strbuf *out);

/* The totals in one sentence, as the report and the locustfile's header give
 * them: "12 elements; native runner: 10 supported, 2 not supported, 0
 * listeners skipped; Locust: 9 exact, 1 approximate, 2 TODO". */
void migration_totals_text(const struct mig_totals *t, struct strbuf *out);

#endif
