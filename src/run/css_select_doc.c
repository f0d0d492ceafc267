/* css_select_doc.c - a page parsed for the CSS Selector Extractor: libxml2's HTML
 * parser, then the few changes that give the tree the shape Jsoup's HTML5 parser
 * gives it, so that selectors find the same elements:
 *   - text outside any element stays text (libxml2 wraps it in a <p> of its own);
 *   - <html> always has a <head> (first) and a <body>, even for an empty page;
 *   - rows written directly inside a <table> sit in a <tbody>.
 * Other differences between the two parsers on broken markup remain. */
#include <string.h>
#include "jmx2run/postprocess_xml.h"

static bool named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child_named(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent->children; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

static bool blank_text(const xmlNode *n)
{
    if (n->type != XML_TEXT_NODE)
        return false;
    for (const char *s = (const char *)n->content; s && *s; s++)
        if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f'))
            return false;
    return true;
}

/* Rows directly in a table move into a tbody, with the blank text between them. */
static void wrap_rows(xmlDoc *doc, xmlNode *table)
{
    xmlNode *c = table->children;
    while (c) {
        if (!named(c, "tr")) {
            c = c->next;
            continue;
        }
        xmlNode *tbody = xmlNewDocNode(doc, NULL, BAD_CAST "tbody", NULL);
        xmlAddPrevSibling(c, tbody);
        while (c && (named(c, "tr") || blank_text(c))) {
            xmlNode *next = c->next;
            xmlUnlinkNode(c);
            xmlAddChild(tbody, c);      /* text nodes are not merged: no adjacent text */
            c = next;
        }
    }
}

static void shape_tables(xmlDoc *doc, xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (named(n, "table"))
            wrap_rows(doc, n);
        shape_tables(doc, n->children);
    }
}

xmlDoc *css_parse_html(const char *text, size_t len)
{
    xmlDoc *doc = html_doc_parse(text, len, true);
    xmlNode *html = xmlDocGetRootElement(doc);
    if (!html) {
        html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
        xmlDocSetRootElement(doc, html);
    }
    if (!child_named(html, "head")) {
        xmlNode *head = xmlNewDocNode(doc, NULL, BAD_CAST "head", NULL);
        if (html->children)
            xmlAddPrevSibling(html->children, head);
        else
            xmlAddChild(html, head);
    }
    if (!child_named(html, "body"))
        xmlAddChild(html, xmlNewDocNode(doc, NULL, BAD_CAST "body", NULL));
    shape_tables(doc, html);
    return doc;
}
