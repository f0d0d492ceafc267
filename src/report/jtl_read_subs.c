/* jtl_read_subs.c - recognises sub-result lines in a JTL.
 *
 * JMeter 5 (and jmx2run) write a sample's sub-results (redirect hops,
 * embedded resources) as extra lines right after it, depth first, each named
 * "<parent label>-<n>" with n = 0, 1, 2... in order. So a line is a sub-result
 * when its label is the label of a line in the open chain plus "-<n>", n is
 * the next number that line expects, and (when the file has thread names) it
 * comes from the same thread. Anything else starts a new chain. */
#include <string.h>
#include "jtl_read_internal.h"

void jtl_subs_init(struct jtl_sub_tracker *t)
{
    for (int i = 0; i < JTL_SUB_MAX_DEPTH; i++) {
        strbuf_init(&t->label[i]);
        t->next_index[i] = 0;
    }
    strbuf_init(&t->thread);
    t->open = 0;
}

void jtl_subs_free(struct jtl_sub_tracker *t)
{
    for (int i = 0; i < JTL_SUB_MAX_DEPTH; i++)
        strbuf_free(&t->label[i]);
    strbuf_free(&t->thread);
    t->open = 0;
}

/* The n of "<parent>-<n>" when label has that form; -1 otherwise. */
static long child_index(const struct strbuf *parent, const char *label)
{
    if (strncmp(label, parent->s, parent->len) != 0 || label[parent->len] != '-')
        return -1;
    const char *d = label + parent->len + 1;
    if (!*d || (*d == '0' && d[1]))
        return -1;
    long n = 0;
    for (; *d; d++) {
        if (*d < '0' || *d > '9' || n > 99999999)
            return -1;
        n = n * 10 + (*d - '0');
    }
    return n;
}

static void push(struct jtl_sub_tracker *t, const char *label)
{
    if (t->open == JTL_SUB_MAX_DEPTH)
        return;             /* deeper than JMeter writes: no children expected */
    strbuf_reset(&t->label[t->open]);
    strbuf_adds(&t->label[t->open], label);
    t->next_index[t->open] = 0;
    t->open++;
}

int jtl_subs_classify(struct jtl_sub_tracker *t, const char *label, const char *thread)
{
    bool same_thread = !thread || (t->open > 0 && strcmp(thread, t->thread.s) == 0);
    if (same_thread) {
        for (int d = t->open - 1; d >= 0; d--) {
            long n = child_index(&t->label[d], label);
            if (n < 0 || n != t->next_index[d])
                continue;
            t->next_index[d]++;
            t->open = d + 1;
            push(t, label);
            return d + 1;
        }
    }
    t->open = 0;
    push(t, label);
    strbuf_reset(&t->thread);
    strbuf_adds(&t->thread, thread ? thread : "");
    return 0;
}
