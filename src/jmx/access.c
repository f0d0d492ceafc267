/* access.c - reading properties of a loaded element the way JMeter does.
 *
 * Plans are inconsistent about property kinds (a loop count may be a
 * stringProp in one file and an intProp in the next), so every scalar kind
 * is read as text and converted on use (digest §1.3): an absent property
 * gives the caller's default; a present one is parsed, and when it is empty
 * or not a number (or not a scalar at all) it counts as 0 / false.
 * When a name appears twice, the last one wins, as when JMeter loads it. */
#include <string.h>
#include "jmx2run/jmx.h"

const struct jmx_prop *jmx_prop(const struct jmx_element *el, const char *name)
{
    if (!el || !name)
        return NULL;
    for (size_t i = el->n_props; i-- > 0;)
        if (strcmp(el->props[i]->name, name) == 0)
            return el->props[i];
    return NULL;
}

const struct jmx_prop *jmx_prop_item(const struct jmx_prop *p, const char *name)
{
    if (!p || !name)
        return NULL;
    for (size_t i = p->n_items; i-- > 0;)
        if (strcmp(p->items[i]->name, name) == 0)
            return p->items[i];
    return NULL;
}

bool jmx_is_scalar(const struct jmx_prop *p)
{
    if (!p)
        return false;
    switch (p->kind) {
    case JMX_PROP_STRING:
    case JMX_PROP_BOOL:
    case JMX_PROP_INT:
    case JMX_PROP_LONG:
    case JMX_PROP_DOUBLE:
    case JMX_PROP_FLOAT:
        return true;
    case JMX_PROP_ELEMENT:
    case JMX_PROP_COLLECTION:
    case JMX_PROP_MAP:
    case JMX_PROP_OBJECT:
        break;
    }
    return false;
}

static bool to_bool(const struct jmx_prop *p, bool def)
{
    if (!p)
        return def;
    return jmx_is_scalar(p) && str_to_bool_jmeter(p->value);
}

static long long to_long(const struct jmx_prop *p, long long def)
{
    if (!p)
        return def;
    if (!jmx_is_scalar(p))
        return 0;
    if (p->kind == JMX_PROP_DOUBLE || p->kind == JMX_PROP_FLOAT) {
        /* a double property read as a number drops its fraction */
        double d = str_to_double_jmeter(p->value);
        return d > -9.2e18 && d < 9.2e18 ? (long long)d : 0;
    }
    return str_to_ll_jmeter(p->value);
}

static double to_double(const struct jmx_prop *p, double def)
{
    if (!p)
        return def;
    return jmx_is_scalar(p) ? str_to_double_jmeter(p->value) : 0.0;
}

const char *jmx_str(const struct jmx_element *el, const char *name, const char *def)
{
    const struct jmx_prop *p = jmx_prop(el, name);
    return jmx_is_scalar(p) ? p->value : def;
}

const char *jmx_prop_str(const struct jmx_prop *p, const char *name, const char *def)
{
    const struct jmx_prop *q = jmx_prop_item(p, name);
    return jmx_is_scalar(q) ? q->value : def;
}

bool jmx_bool(const struct jmx_element *el, const char *name, bool def)
{
    return to_bool(jmx_prop(el, name), def);
}

long long jmx_long(const struct jmx_element *el, const char *name, long long def)
{
    return to_long(jmx_prop(el, name), def);
}

double jmx_double(const struct jmx_element *el, const char *name, double def)
{
    return to_double(jmx_prop(el, name), def);
}

bool jmx_prop_bool(const struct jmx_prop *p, const char *name, bool def)
{
    return to_bool(jmx_prop_item(p, name), def);
}

long long jmx_prop_long(const struct jmx_prop *p, const char *name, long long def)
{
    return to_long(jmx_prop_item(p, name), def);
}

bool jmx_has(const struct jmx_element *el, const char *name)
{
    return jmx_prop(el, name) != NULL;
}

const char *jmx_prop_kind_name(enum jmx_prop_kind kind)
{
    switch (kind) {
    case JMX_PROP_STRING: return "stringProp";
    case JMX_PROP_BOOL: return "boolProp";
    case JMX_PROP_INT: return "intProp";
    case JMX_PROP_LONG: return "longProp";
    case JMX_PROP_DOUBLE: return "doubleProp";
    case JMX_PROP_FLOAT: return "FloatProperty";
    case JMX_PROP_ELEMENT: return "elementProp";
    case JMX_PROP_COLLECTION: return "collectionProp";
    case JMX_PROP_MAP: return "mapProp";
    case JMX_PROP_OBJECT: return "objProp";
    }
    return "?";
}
