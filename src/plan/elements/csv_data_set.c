/* csv_data_set.c - CSV Data Set Config (digest §6.7): one line per iteration of
 * the enclosing controller into variables, with sharing, recycling and EOF rules. */
#include "../builder.h"

void *csv_data_set_build(struct plan_builder *b, const struct jmx_element *el, struct plan_node *node)
{
    struct plan_csv_data_set *c = PB_NEW(b, struct plan_csv_data_set);
    c->filename = pb_tmpl(b, el, "filename", "");
    c->file_encoding = pb_tmpl(b, el, "fileEncoding", "");
    c->variable_names = pb_tmpl(b, el, "variableNames", "");
    c->ignore_first_line = pb_bool(el, "ignoreFirstLine", false);
    c->delimiter = pb_tmpl(b, el, "delimiter", ",");
    c->quoted_data = pb_bool(el, "quotedData", false);
    c->recycle = pb_bool(el, "recycle", true);
    c->stop_thread = pb_bool(el, "stopThread", false);
    c->share_mode = pb_tmpl(b, el, "shareMode", "shareMode.all");
    if (str_is_blank(tmpl_src(c->filename)))
        pb_warn(b, el, "no file name: each user stops at its first read, as in JMeter 5.6");
    return c;
}

void csv_data_set_describe(const struct plan_node *node, struct strbuf *out)
{
    const struct plan_csv_data_set *c = node->data;
    strbuf_adds(out, tmpl_src(c->filename));
    describe_tmpl(out, "variables", c->variable_names);
    if (!str_eq(tmpl_src(c->delimiter), ","))
        describe_tmpl(out, "delimiter", c->delimiter);
    describe_flag(out, "quoted", c->quoted_data);
    describe_flag(out, "no-recycle", !c->recycle);
    describe_flag(out, "stop-thread-at-eof", c->stop_thread);
    if (!str_eq(tmpl_src(c->share_mode), "shareMode.all"))
        describe_tmpl(out, "share", c->share_mode);
}
