/* convert_props.c - the property tags of a test element become jmx_prop
 * values, each kind in the shape JMeter writes it (digest §1.3):
 *
 *   <stringProp name="N">text</stringProp>       also boolProp, intProp, longProp
 *   <doubleProp><name>N</name><value>1.0</value><savedValue>0.0</savedValue></doubleProp>
 *                                                 also FloatProperty
 *   <elementProp name="N" elementType="T" ...> props </elementProp>
 *   <collectionProp name="N"> props </collectionProp>   also mapProp
 *   <objProp><name>N</name><value class="C"> fields </value></objProp>
 *
 * An objProp holds a serialized Java object (in practice the save settings of
 * a listener). Its fields are kept as string items named after their tags, or
 * as nested object items when they have fields of their own. */
#include <string.h>
#include "jmx_internal.h"

struct kind_tag {
    const char *tag;
    enum jmx_prop_kind kind;
};

static const struct kind_tag kinds[] = {
    {"stringProp", JMX_PROP_STRING},     {"boolProp", JMX_PROP_BOOL},
    {"intProp", JMX_PROP_INT},           {"longProp", JMX_PROP_LONG},
    {"doubleProp", JMX_PROP_DOUBLE},     {"FloatProperty", JMX_PROP_FLOAT},
    {"elementProp", JMX_PROP_ELEMENT},   {"collectionProp", JMX_PROP_COLLECTION},
    {"mapProp", JMX_PROP_MAP},           {"objProp", JMX_PROP_OBJECT},
};

static bool kind_of(const xmlNode *n, enum jmx_prop_kind *kind)
{
    for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
        if (strcmp((const char *)n->name, kinds[i].tag) == 0) {
            *kind = kinds[i].kind;
            return true;
        }
    }
    return false;
}

static xmlNode *child_named(const xmlNode *n, const char *name)
{
    for (xmlNode *ch = n->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE && strcmp((const char *)ch->name, name) == 0)
            return ch;
    return NULL;
}

static size_t count_elements(const xmlNode *n)
{
    size_t count = 0;
    for (const xmlNode *ch = n->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE)
            count++;
    return count;
}

static struct jmx_prop *new_prop(struct arena *a, enum jmx_prop_kind kind, const xmlNode *n)
{
    struct jmx_prop *p = arena_alloc(a, sizeof *p);
    p->kind = kind;
    p->name = "";
    p->value = "";
    p->line = jmx_node_line(n);
    p->enabled = true;
    return p;
}

/* Nested properties of an elementProp, collectionProp or mapProp. */
static void convert_items(struct jmx_conv *c, const xmlNode *n, struct jmx_prop *p)
{
    size_t count = count_elements(n);
    if (count == 0)
        return;
    p->items = arena_alloc(c->arena, count * sizeof *p->items);
    for (xmlNode *ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        struct jmx_prop *item = jmx_convert_prop(c, ch);
        if (item)
            p->items[p->n_items++] = item;
        else
            diag_add(c->diags, DIAG_WARNING, c->file, jmx_node_line(ch),
                     "unknown property tag <%s> in <%s> ignored", (const char *)ch->name,
                     (const char *)n->name);
    }
}

/* One field of a serialized object: a property tag if it is one, else a
 * string item (or an object item when it has fields itself). */
static struct jmx_prop *convert_field(struct jmx_conv *c, xmlNode *n)
{
    struct jmx_prop *p = jmx_convert_prop(c, n);
    if (p)
        return p;
    size_t count = count_elements(n);
    p = new_prop(c->arena, count ? JMX_PROP_OBJECT : JMX_PROP_STRING, n);
    p->name = arena_strdup(c->arena, (const char *)n->name);
    if (count == 0) {
        p->value = jmx_node_text(c->arena, n);
        return p;
    }
    p->items = arena_alloc(c->arena, count * sizeof *p->items);
    for (xmlNode *ch = n->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE)
            p->items[p->n_items++] = convert_field(c, ch);
    return p;
}

static void convert_object(struct jmx_conv *c, const xmlNode *n, struct jmx_prop *p)
{
    const xmlNode *value = child_named(n, "value");
    if (!value)
        return;
    size_t count = count_elements(value);
    if (count == 0) {
        p->value = jmx_node_text(c->arena, value);
        return;
    }
    p->items = arena_alloc(c->arena, count * sizeof *p->items);
    for (xmlNode *ch = value->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE)
            p->items[p->n_items++] = convert_field(c, ch);
}

struct jmx_prop *jmx_convert_prop(struct jmx_conv *c, xmlNode *n)
{
    enum jmx_prop_kind kind;
    if (n->type != XML_ELEMENT_NODE || !kind_of(n, &kind))
        return NULL;
    struct arena *a = c->arena;
    struct jmx_prop *p = new_prop(a, kind, n);
    const char *name = jmx_node_attr(a, n, "name");
    if (name)
        p->name = name;

    switch (kind) {
    case JMX_PROP_STRING:
    case JMX_PROP_BOOL:
    case JMX_PROP_INT:
    case JMX_PROP_LONG:
        p->value = jmx_node_text(a, n);
        break;
    case JMX_PROP_DOUBLE:
    case JMX_PROP_FLOAT: {
        /* name and value are child elements; tolerate the attribute form too */
        const xmlNode *nm = child_named(n, "name"), *val = child_named(n, "value");
        if (nm)
            p->name = jmx_node_text(a, nm);
        p->value = jmx_node_text(a, val ? val : n);
        break;
    }
    case JMX_PROP_ELEMENT:
        for (const xmlAttr *at = n->properties; at; at = at->next) {
            const char *an = (const char *)at->name;
            if (strcmp(an, "elementType") == 0)
                p->element_type = jmx_canonical_class(jmx_attr_value(a, at));
            else if (strcmp(an, "testclass") == 0)
                p->testclass = jmx_canonical_class(jmx_attr_value(a, at));
            else if (strcmp(an, "guiclass") == 0)
                p->guiclass = jmx_canonical_class(jmx_attr_value(a, at));
            else if (strcmp(an, "testname") == 0)
                p->testname = jmx_attr_value(a, at);
            else if (strcmp(an, "enabled") == 0)
                p->enabled = str_to_bool_jmeter(jmx_attr_value(a, at));
        }
        convert_items(c, n, p);
        break;
    case JMX_PROP_COLLECTION:
    case JMX_PROP_MAP:
        convert_items(c, n, p);
        break;
    case JMX_PROP_OBJECT: {
        const xmlNode *nm = child_named(n, "name");
        if (nm)
            p->name = jmx_node_text(a, nm);
        convert_object(c, n, p);
        break;
    }
    }
    return p;
}
