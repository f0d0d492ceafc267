/* assert_xpath.c - the XPath Assertion (XPathAssertion, digest §8.6), as JMeter 5.6
 * checks one sample:
 *   - the tested bytes are the raw body (or the variable's text for the variable
 *     scope); none at all fails with "Response was null";
 *   - a body that does not parse is an error "SAXException: <Xerces' message>" (with
 *     validation on, the message is the whole exception text, position included);
 *   - a node set passes when not empty ("No Nodes Matched <xpath>" otherwise); negated,
 *     a non-empty one fails with "Specified XPath was found... Turn off negate if this
 *     is not desired" and an empty one passes, keeping "No Nodes Matched <xpath>";
 *   - a boolean passes when true (false when negated) and always carries "No Nodes
 *     Matched for <xpath>" ("Nodes Matched for <xpath>" when negated), pass or fail;
 *   - a number or a string fails with "Cannot understand: <xpath>";
 *   - a query Xalan refuses is an error "TransformerException: <why> for: <xpath>".
 * A result without a message still records "" as JMeter does, which is what the JTL's
 * failureMessage column then shows. (JMeter 2.13 worded the boolean case "No Nodes
 * Matched <xpath>", only on failure, and wrote "for:" without a space.) */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess_xml.h"

struct xpath_check {
    const struct plan_xpath_assertion *a;
    const char *name;
    struct expr_ctx *ctx;
};

static void judge(const struct xpath_check *c, struct sample *target, xmlXPathObject *r,
                  const char *xpath)
{
    bool negate = c->a->negate;
    char *m = NULL;
    switch (r->type) {
    case XPATH_NODESET:
        if (!r->nodesetval || r->nodesetval->nodeNr == 0) {
            m = xasprintf("No Nodes Matched %s", xpath);
            sample_add_assertion(target, c->name, !negate, false, m);
        } else {
            sample_add_assertion(target, c->name, negate, false,
                   negate ? "Specified XPath was found... Turn off negate if this is not desired" : "");
        }
        break;
    case XPATH_BOOLEAN: {
        bool v = r->boolval != 0;
        m = xasprintf("%s %s", negate ? "Nodes Matched for" : "No Nodes Matched for", xpath);
        sample_add_assertion(target, c->name, negate ? v : !v, false, m);
        break;
    }
    default:
        m = xasprintf("Cannot understand: %s", xpath);
        sample_add_assertion(target, c->name, true, false, m);
        break;
    }
    free(m);
}

static void check(struct sample *target, void *arg)
{
    const struct xpath_check *c = arg;
    const struct plan_xpath_assertion *a = c->a;
    const char *data = NULL;
    size_t len = 0;
    char *owned = NULL;
    if (a->scope.scope == SCOPE_VARIABLE) {
        char *var = pp_eval(a->scope.variable, c->ctx);
        const char *value = strmap_get(c->ctx->vars, var);
        free(var);
        if (value && *value) {
            owned = xstrdup(value);
            data = owned;
            len = strlen(owned);
        }
    } else {
        data = target->body.s;
        len = target->body.len;
    }
    if (!data || len == 0) {
        sample_add_assertion(target, c->name, true, false, "Response was null");
        free(owned);
        return;
    }
    const struct xml_doc_options o = {.tolerant = a->tolerant, .namespaces = a->namespaces,
                                      .validate = a->validate};
    char *why = NULL;
    xmlDoc *doc = xml_doc_parse(data, len, &o, &why);
    free(owned);
    if (!doc) {
        char *m = xasprintf("SAXException: %s", why ? why : "");
        sample_add_assertion(target, c->name, false, true, m);
        free(m);
        free(why);
        return;
    }
    if (!xmlDocGetRootElement(doc)) {
        sample_add_assertion(target, c->name, false, true, "Document is null, probably not parsable");
        xmlFreeDoc(doc);
        return;
    }
    char *xpath = pp_eval(a->xpath, c->ctx);
    xmlXPathObject *r = xml_xpath_eval(doc, xpath, a->namespaces && !a->tolerant, &why);
    if (!r) {
        char *m = xasprintf("TransformerException: %s for: %s", why ? why : "", xpath);
        sample_add_assertion(target, c->name, false, true, m);
        free(m);
        free(why);
    } else {
        judge(c, target, r, xpath);
        xmlXPathFreeObject(r);
    }
    free(xpath);
    xmlFreeDoc(doc);
}

void xpath_assertion_run(const struct plan_xpath_assertion *a, const char *name,
                         struct sample *s, struct expr_ctx *ctx)
{
    struct xpath_check c = {a, name ? name : "", ctx};
    assertion_apply_scoped(a->scope.scope, c.name, s, check, &c);
}
