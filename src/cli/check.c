/* check.c - jmx2run --check and --dump: what jmx2run understood of a plan.
 *
 * --check prints the diagnostics (already printed by main), then one note per
 * listener skipped and a summary line with the element counts. The exit
 * status tells CI whether the plan runs as written: 0 everything supported,
 * 1 some elements are not, 2 the plan cannot be used. */
#include <stdio.h>
#include "jmx2run/commands.h"

int cmd_check(const struct cli_options *opts, const struct plan *plan,
              const struct diag_list *diags)
{
    for (size_t i = 0; i < plan->n_nodes; i++) {
        const struct plan_node *n = plan->nodes[i];
        if (n->role == ROLE_LISTENER && n->kind != PK_RESULT_ACTION)
            printf("%s:%d: note: listener %s \"%s\" skipped (jmx2run writes its own results)\n",
                   n->file, n->line, n->testclass, n->name);
    }
    const struct plan_counts *c = &plan->counts;
    printf("%s: %zu element%s: %zu supported, %zu unsupported, %zu listener%s skipped\n",
           plan->file, c->elements, c->elements == 1 ? "" : "s", c->supported, c->unsupported,
           c->listeners, c->listeners == 1 ? "" : "s");
    if (diags->errors)
        return 2;
    return c->unsupported ? 1 : 0;
}

int cmd_dump(const struct cli_options *opts, const struct plan *plan)
{
    struct strbuf out;
    strbuf_init(&out);
    plan_dump(plan, &out);
    fwrite(out.s, 1, out.len, stdout);
    strbuf_free(&out);
    return 0;
}
