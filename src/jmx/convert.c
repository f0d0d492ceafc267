/* convert.c - a parsed .jmx document becomes a raw tree of test elements.
 *
 * Under <jmeterTestPlan>, a <hashTree> holds pairs: a test element, then the
 * <hashTree> of its children (digest §1.1). An element with no <hashTree>
 * after it simply has no children; a <hashTree> with no element before it is
 * ignored with a warning. Nothing is dropped or expanded here: disabled
 * elements stay, Include and Module Controllers stay as written. That is the
 * job of resolve.c, which needs the whole tree as written. */
#include <stdint.h>
#include <string.h>
#include "jmx_internal.h"

static bool tag_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Joins the text nodes under node (an attribute or an element). */
static const char *join_text(struct arena *a, const xmlNode *first)
{
    const xmlNode *only = NULL;
    size_t count = 0;
    for (const xmlNode *t = first; t; t = t->next) {
        if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content) {
            only = t;
            count++;
        }
    }
    if (count == 0)
        return "";
    if (count == 1)
        return arena_strdup(a, (const char *)only->content);
    struct strbuf sb;
    strbuf_init(&sb);
    for (const xmlNode *t = first; t; t = t->next)
        if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
            strbuf_adds(&sb, (const char *)t->content);
    const char *s = arena_strndup(a, sb.s, sb.len);
    strbuf_free(&sb);
    return s;
}

const char *jmx_node_text(struct arena *a, const xmlNode *node)
{
    return join_text(a, node->children);
}

const char *jmx_attr_value(struct arena *a, const xmlAttr *attr)
{
    return join_text(a, attr->children);
}

const char *jmx_node_attr(struct arena *a, const xmlNode *node, const char *name)
{
    for (const xmlAttr *at = node->properties; at; at = at->next)
        if (strcmp((const char *)at->name, name) == 0)
            return join_text(a, at->children);
    return NULL;
}

int jmx_node_line(const xmlNode *node)
{
    long line;
    if (node->type == XML_ELEMENT_NODE && node->line == 65535 && node->psvi)
        line = (long)(intptr_t)node->psvi;   /* set by xml_parse.c */
    else
        line = xmlGetLineNo(node);
    if (line < 1)
        return 1;
    return line > 0x7fffffffL ? 0x7fffffff : (int)line;
}

/* Tags that are properties, met where a test element was expected. */
static bool is_property_tag(const xmlNode *n)
{
    static const char *const tags[] = {"stringProp", "boolProp", "intProp", "longProp",
                                       "doubleProp", "FloatProperty", "elementProp",
                                       "collectionProp", "mapProp", "objProp"};
    for (size_t i = 0; i < ARRAY_LEN(tags); i++)
        if (strcmp((const char *)n->name, tags[i]) == 0)
            return true;
    return false;
}

static struct jmx_element *convert_element(struct jmx_conv *c, xmlNode *node,
                                           struct jmx_element *parent)
{
    struct arena *a = c->arena;
    struct jmx_element *el = arena_alloc(a, sizeof *el);
    el->tag = arena_strdup(a, (const char *)node->name);
    el->guiclass = "";
    el->testname = "";
    el->enabled = true;
    el->file = c->file;
    el->line = jmx_node_line(node);
    el->parent = parent;

    const char *testclass = NULL;
    for (const xmlAttr *at = node->properties; at; at = at->next) {
        const char *name = (const char *)at->name;
        if (strcmp(name, "testclass") == 0)
            testclass = join_text(a, at->children);
        else if (strcmp(name, "guiclass") == 0)
            el->guiclass = jmx_canonical_class(join_text(a, at->children));
        else if (strcmp(name, "testname") == 0)
            el->testname = join_text(a, at->children);
        else if (strcmp(name, "enabled") == 0)
            /* JMeter reads it as a boolean property: only "true" enables */
            el->enabled = str_to_bool_jmeter(join_text(a, at->children));
    }
    el->testclass = jmx_canonical_class(testclass && *testclass ? testclass : el->tag);

    size_t count = 0;
    for (xmlNode *ch = node->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE)
            count++;
    if (count == 0)
        return el;
    el->props = arena_alloc(a, count * sizeof *el->props);
    for (xmlNode *ch = node->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        struct jmx_prop *p = jmx_convert_prop(c, ch);
        if (p)
            el->props[el->n_props++] = p;
        else
            diag_add(c->diags, DIAG_WARNING, c->file, jmx_node_line(ch),
                     "unknown property tag <%s> in <%s> ignored", (const char *)ch->name,
                     el->tag);
    }
    return el;
}

/* Converts the pairs of one <hashTree>; the elements found are stored in
 * *out / *n_out. owner is their parent (NULL at the root), depth their level. */
static void convert_tree(struct jmx_conv *c, xmlNode *tree, struct jmx_element *owner,
                         int depth, struct jmx_element ***out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    size_t count = 0;
    for (xmlNode *ch = tree->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE && !tag_is(ch, "hashTree"))
            count++;
    if (count == 0) {
        for (xmlNode *ch = tree->children; ch; ch = ch->next)
            if (tag_is(ch, "hashTree"))
                diag_add(c->diags, DIAG_WARNING, c->file, jmx_node_line(ch),
                         "<hashTree> with no test element before it ignored");
        return;
    }
    if (depth > JMX_MAX_TREE_DEPTH) {
        diag_add(c->diags, DIAG_ERROR, c->file, jmx_node_line(tree),
                 "test elements nested more than %d levels deep", JMX_MAX_TREE_DEPTH);
        c->failed = true;
        return;
    }
    struct jmx_element **items = arena_alloc(c->arena, count * sizeof *items);
    size_t n = 0;
    struct jmx_element *pending = NULL;   /* last element, still waiting for its <hashTree> */
    for (xmlNode *ch = tree->children; ch && !c->failed; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (tag_is(ch, "hashTree")) {
            if (pending)
                convert_tree(c, ch, pending, depth + 1, &pending->children, &pending->n_children);
            else
                diag_add(c->diags, DIAG_WARNING, c->file, jmx_node_line(ch),
                         "<hashTree> with no test element before it ignored");
            pending = NULL;
        } else if (is_property_tag(ch)) {
            diag_add(c->diags, DIAG_WARNING, c->file, jmx_node_line(ch),
                     "<%s> directly inside <hashTree> ignored", (const char *)ch->name);
            pending = NULL;
        } else {
            pending = convert_element(c, ch, owner);
            items[n++] = pending;
        }
    }
    *out = items;
    *n_out = n;
}

bool jmx_convert_doc(struct jmx_conv *c, xmlDoc *doc, struct jmx_raw *out)
{
    memset(out, 0, sizeof *out);
    out->file = c->file;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) {
        diag_add(c->diags, DIAG_ERROR, c->file, 1, "not a JMeter test plan: no root element");
        return false;
    }
    out->root_line = jmx_node_line(root);
    if (!tag_is(root, "jmeterTestPlan")) {
        diag_add(c->diags, DIAG_ERROR, c->file, out->root_line,
                 "not a JMeter test plan: root element is <%.200s>", (const char *)root->name);
        return false;
    }
    for (xmlNode *ch = root->children; ch; ch = ch->next) {
        if (tag_is(ch, "hashTree")) {
            out->root_line = jmx_node_line(ch);
            convert_tree(c, ch, NULL, 1, &out->roots, &out->n_roots);
            break;
        }
    }
    return !c->failed;
}
