/* postprocess_xml.h - the post-processors and the assertion that read a sample as a
 * document (digest §8.4, §8.6), with JMeter 5.6's variables and messages:
 *
 *   - the XPath Extractor and the XPath Assertion: XPath 1.0 evaluated by libxml2 the
 *     way JMeter's Xalan sees the document (namespace-blind unless asked, prefixes from
 *     the document element, Xalan's wording for bad queries, Xerces' for bad XML);
 *   - the CSS Selector (JQuery) Extractor: Jsoup's selector language, matched against
 *     libxml2's HTML parse shaped like Jsoup's tree.
 *
 * Same conventions as postprocess.h: the plan element is shared and immutable, the
 * functions work on the sample and one virtual user's expression context only, and
 * "${...}" properties are evaluated when JMeter reads them. Parsing is libxml2's
 * (no network, no DTD loading, no entity other than the predefined ones). */
#ifndef JMX2RUN_POSTPROCESS_XML_H
#define JMX2RUN_POSTPROCESS_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include "jmx2run/postprocess.h"

/* ------------------------------------------------------------------ the elements */

/* The XPath Extractor. Sets <ref> (the default first, then the first value),
 * <ref>_matchNr and <ref>_1..<ref>_n, and removes stale <ref>_i. A body that is not
 * well-formed, or a query Xalan would refuse, adds a failed assertion result named
 * `name` to s, as JMeter does (s keeps its success flag): that is why s is not const.
 * Returns true: JMeter's extractor never throws out of the post-processor. */
bool xpath_extractor_run(const struct plan_xpath_extractor *x, const char *name,
                         struct sample *s, struct expr_ctx *ctx, char **error);

/* The CSS Selector Extractor (JSoup implementation; JODD is matched the same way).
 * A selector Jsoup refuses leaves <ref> at its default and the other variables alone,
 * as JMeter does; it is reported once per element in the run log. Returns true. */
bool css_extractor_run(const struct plan_css_extractor *x, const char *name,
                       const struct sample *s, struct expr_ctx *ctx, char **error);

/* The XPath Assertion, on the samples its scope covers (see assertion_apply_scoped). */
void xpath_assertion_run(const struct plan_xpath_assertion *a, const char *name,
                         struct sample *s, struct expr_ctx *ctx);

/* ===================================================================
 * Building blocks, public for the tests and the fuzzer.
 * =================================================================== */

/* ---- parsing a body (xml_doc.c) ---- */

struct xml_doc_options {
    bool tolerant;        /* HTML (JMeter: Tidy); otherwise XML (JMeter: Xerces) */
    bool namespaces;      /* a namespace-aware document; otherwise names keep their prefix */
    bool validate;        /* check the document against its internal DTD subset */
};

/* Parses a body as XPathUtil.makeDocument does. Without `namespaces`, an element or
 * attribute written p:x is named "p:x" and has no namespace, as in a DOM built by a
 * parser that is not namespace aware. Tolerant parsing reads UTF-8 HTML with
 * libxml2's parser and tidies it a little the way Tidy does (whitespace, comments, a
 * head with a title); it never fails. Returns NULL and sets *error (malloc'd) to the
 * SAXParseException message Xerces gives for the same input when the body is not
 * well-formed (or, when validating, not valid: then the message is the exception's
 * full text, with its line and column). Free with xmlFreeDoc. */
xmlDoc *xml_doc_parse(const char *data, size_t len, const struct xml_doc_options *o,
                      char **error);

/* libxml2's HTML parser on UTF-8 text, quietly. With `unwrap_implied_p`, the <p>
 * elements libxml2 invents around text that is not inside an element are removed
 * (their content stays). Never NULL: an empty input gives an empty document. */
xmlDoc *html_doc_parse(const char *text, size_t len, bool unwrap_implied_p);

/* Evaluates an XPath 1.0 query with the document as context, as XPathAPI.eval with
 * JMeter's prefix resolver: only the prefixes declared on the document element are
 * known (plus xml). Queries Xalan refuses give NULL and *error (malloc'd) = Xalan's
 * message ("Prefix must resolve to a namespace: q", "Could not find function: f",
 * "Extra illegal tokens: ']'", ...; libxml2's own words where there is no match).
 * Node sets come back in document order. Free with xmlXPathFreeObject. */
xmlXPathObject *xml_xpath_eval(xmlDoc *doc, const char *query, bool namespaces, char **error);

/* ---- XPath results as JMeter writes them (extract_xpath.c) ---- */

/* Xalan's XNumber.str(): "NaN", "Infinity", integers without ".0", other values in
 * plain decimal notation with the shortest digits that read back the same. */
void xpath_number_text(double v, struct strbuf *out);
/* XPathUtil's value for a node: an element's first child's value (or, with fragment,
 * the element serialized as Xalan's identity transform writes it), any other node's
 * own value. Returns false where JMeter has null (an empty element, an element whose
 * first child is an element, the document node). */
bool xpath_node_value(xmlNode *n, bool fragment, struct strbuf *out);

/* ---- Jsoup's selectors (css_select_*.c) ---- */

enum css_kind {
    /* simple tests on the element */
    CSS_ALL, CSS_TAG, CSS_TAG_ENDS, CSS_ID, CSS_CLASS,
    CSS_ATTR, CSS_ATTR_PREFIX, CSS_ATTR_EQ, CSS_ATTR_NE, CSS_ATTR_START, CSS_ATTR_END,
    CSS_ATTR_CONTAINS, CSS_ATTR_REGEX,
    CSS_INDEX_LT, CSS_INDEX_GT, CSS_INDEX_EQ,
    CSS_NTH_CHILD, CSS_NTH_LAST_CHILD, CSS_NTH_OF_TYPE, CSS_NTH_LAST_OF_TYPE,
    CSS_FIRST_CHILD, CSS_LAST_CHILD, CSS_ONLY_CHILD, CSS_ONLY_OF_TYPE, CSS_EMPTY, CSS_ROOT,
    CSS_CONTAINS, CSS_CONTAINS_OWN, CSS_CONTAINS_WHOLE, CSS_CONTAINS_WHOLE_OWN,
    CSS_CONTAINS_DATA, CSS_MATCHES, CSS_MATCHES_OWN, CSS_MATCHES_WHOLE, CSS_MATCHES_WHOLE_OWN,
    /* combinations */
    CSS_AND, CSS_OR,
    CSS_IS_SCOPE,        /* the element is the root of the search */
    CSS_ANCESTOR,        /* descendant combinator: an ancestor (up to the root) matches */
    CSS_PARENT_RUN,      /* a > b > c: kids[last] on the element, then each parent up */
    CSS_PREV_SIBLING,    /* a ~ b */
    CSS_IMM_PREV_SIBLING,/* a + b */
    CSS_HAS, CSS_IS, CSS_NOT,
};

/* One node of a compiled selector: Jsoup's Evaluator tree. */
struct css_eval {
    enum css_kind kind;
    char *text;           /* tag, id, class, attribute key, searched text */
    char *value;          /* attribute value (already lower-cased where Jsoup does) */
    int a, b;             /* index, or the an+b of :nth-* */
    void *re;             /* pcre2_code for ~= and :matches */
    struct css_eval **kids;
    size_t n_kids;
};

struct css_selector {
    char *query;
    struct css_eval *root;
};

/* Compiles a selector as Jsoup's QueryParser does. NULL and *error (malloc'd) = the
 * text of Jsoup's exception for what it refuses, or "unsupported" for :matchText. */
struct css_selector *css_compile(const char *query, char **error);
void css_selector_free(struct css_selector *sel);

/* Elements.select over a Jsoup-shaped document: matching elements in document order,
 * the document itself (Jsoup's "#root") included when it matches. */
void css_select(const struct css_selector *sel, xmlDoc *doc, struct ptrvec *out);
bool css_matches(const struct css_eval *e, xmlNode *root, xmlNode *el);

/* Jsoup.parse(text) approximated with libxml2: html with a head and a body, rows of a
 * table inside a tbody, no invented <p>. Free with xmlFreeDoc. */
xmlDoc *css_parse_html(const char *text, size_t len);

/* Element and node helpers with Jsoup's semantics (el may be the document). */
bool css_is_element(const xmlNode *n);          /* an element, or the document (#root) */
const char *css_tag_name(const xmlNode *el);    /* "#root" for the document */
xmlNode *css_parent(const xmlNode *el);         /* NULL above the document */
/* Element.attr(key): "" when absent, keys compared without case; "abs:" keys resolve
 * against an empty base URI. hasAttr when css_has_attr. */
void css_attr(const xmlNode *el, const char *key, struct strbuf *out);
bool css_has_attr(const xmlNode *el, const char *key);
void css_text(const xmlNode *el, struct strbuf *out);        /* Element.text() */
void css_own_text(const xmlNode *el, struct strbuf *out);    /* Element.ownText() */
void css_whole_text(const xmlNode *el, bool own, struct strbuf *out);  /* wholeText() */
void css_data(const xmlNode *el, struct strbuf *out);        /* Element.data() */
/* Java's toLowerCase / normalize helpers on UTF-8. */
void css_lower(const char *s, size_t len, struct strbuf *out);
/* StringUtil.appendNormalisedWhitespace */
void css_append_normalised(struct strbuf *out, const char *s, size_t len, bool strip_leading);

#endif
