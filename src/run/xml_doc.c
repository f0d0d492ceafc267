/* xml_doc.c - a sample body parsed the way JMeter's XPathUtil.makeDocument parses it,
 * with libxml2 doing the parsing:
 *
 *   - XML (JMeter: Xerces): no network, no DTD loading, entity declarations ignored
 *     (only the five predefined entities and character references are expanded). A
 *     body that is not well-formed is refused with the message Xerces gives for the
 *     same mistake (the common ones; libxml2's own words otherwise). Without
 *     namespaces, names keep their prefix ("p:a") and carry no namespace, as in the
 *     DOM of a parser that is not namespace aware. Validation, when asked, checks the
 *     internal DTD subset only (JMeter never downloads the external one).
 *   - HTML (tolerant; JMeter: Tidy): libxml2's HTML parser on UTF-8 text, then a light
 *     tidy-up with Tidy's visible effects: comments dropped, elements Tidy does not
 *     know (HTML 5 ones too) replaced by their content, runs of white space collapsed
 *     and trimmed at the edges of elements, text outside elements left in the body,
 *     a head that starts with Tidy's generator <meta> and has a <title>. Tidy's
 *     rewriting of presentational markup (<center>, <font>) is not imitated. Tidy
 *     hardly ever counts an error (none of the malformed pages tried on JMeter 2.13
 *     did), so tolerant parsing never fails. A body that starts with "<?xml" is read
 *     as XML in libxml2's recovery mode (Tidy's XML mode).
 *
 * libxml2 keeps error handlers per thread; they are swapped in for each call and put
 * back afterwards, and nothing is ever printed. */
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>
#include "jmx2run/postprocess_xml.h"

#if LIBXML_VERSION >= 21200
typedef const xmlError *error_ptr;
#else
typedef xmlErrorPtr error_ptr;
#endif

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
    xmlInitParser();
}

/* ------------------------------------------------------------ error capture */

/* The first error that counts, with what the message needs. */
struct first_error {
    bool set;
    bool namespaces;      /* namespace errors count (namespace-aware parsing) */
    int code, domain, line, col;
    int depth;            /* elements open when it happened */
    bool root_seen;       /* the document element had started */
    long offset;          /* byte offset in the input, -1 when unknown */
    char *str1, *str2, *str3, *message;
    int node_line;        /* validity errors: the element's line */
    xmlNode *node;        /* validity errors: the element */
};

static void first_error_free(struct first_error *fe)
{
    free(fe->str1);
    free(fe->str2);
    free(fe->str3);
    free(fe->message);
    memset(fe, 0, sizeof *fe);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* What every kept error records: code, line, element, the first two strings, and
 * the message without the new line and spaces libxml2 ends it with. */
static void keep_error(struct first_error *fe, error_ptr err)
{
    fe->set = true;
    fe->code = err->code;
    fe->line = err->line;
    fe->node = err->node;
    fe->str1 = dup_or_null(err->str1);
    fe->str2 = dup_or_null(err->str2);
    fe->message = dup_or_null(err->message);
    if (fe->message) {
        size_t n = strlen(fe->message);
        while (n > 0 && (fe->message[n - 1] == '\n' || fe->message[n - 1] == ' '))
            fe->message[--n] = '\0';
    }
}

static void on_error(void *user, error_ptr err)
{
    struct first_error *fe = user;
    if (!fe || !err || fe->set)
        return;
    if (err->domain == XML_FROM_NAMESPACE) {
        if (!fe->namespaces || err->level < XML_ERR_ERROR)
            return;
    } else if (err->domain == XML_FROM_VALID || err->domain == XML_FROM_DTD) {
        if (err->level < XML_ERR_ERROR)
            return;
    } else if (err->level < XML_ERR_FATAL) {
        return;       /* warnings and recoverable errors: Xerces goes on too */
    }
    keep_error(fe, err);
    fe->domain = err->domain;
    fe->col = err->int2;
    fe->offset = -1;
    fe->str3 = dup_or_null(err->str3);
    if ((err->domain == XML_FROM_PARSER || err->domain == XML_FROM_NAMESPACE) && err->ctxt) {
        xmlParserCtxtPtr c = err->ctxt;
        fe->depth = c->nameNr;
        fe->root_seen = c->myDoc && xmlDocGetRootElement(c->myDoc);
        if (c->input && c->input->base && c->input->cur)
            fe->offset = (long)c->input->consumed + (long)(c->input->cur - c->input->base);
    }
}

static void on_generic_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Installs the quiet handlers for this thread; quiet_end puts the old ones back. */
struct quiet {
    xmlStructuredErrorFunc serror;
    void *serror_ctx;
    xmlGenericErrorFunc error;
    void *error_ctx;
};

static void quiet_begin(struct quiet *q, struct first_error *fe)
{
    pthread_once(&init_once, init_libxml);
    q->serror = xmlStructuredError;
    q->serror_ctx = xmlStructuredErrorContext;
    q->error = xmlGenericError;
    q->error_ctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(fe, on_error);
    xmlSetGenericErrorFunc(NULL, on_generic_error);
}

static void quiet_end(const struct quiet *q)
{
    xmlSetStructuredErrorFunc(q->serror_ctx, q->serror);
    xmlSetGenericErrorFunc(q->error_ctx, q->error);
}

/* ------------------------------------------------- positions in the input text */

static bool is_name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80;
}

/* The name that ends just before `end` (skipping blanks and, when asked, an '='). */
static char *name_before(const char *data, long end, bool skip_equals)
{
    long i = end;
    while (i > 0 && (data[i - 1] == ' ' || data[i - 1] == '\t' || data[i - 1] == '\n' ||
                     data[i - 1] == '\r' || (skip_equals && data[i - 1] == '=')))
        i--;
    long stop = i;
    while (i > 0 && is_name_char((unsigned char)data[i - 1]))
        i--;
    return xstrndup(data + i, (size_t)(stop - i));
}

/* The name of the start tag the offset is in (the last '<' before it). */
static char *tag_name_at(const char *data, size_t len, long offset)
{
    long i = offset < 0 ? 0 : (offset > (long)len ? (long)len : offset);
    while (i > 0 && data[i - 1] != '<')
        i--;
    long start = i;
    while ((size_t)i < len && is_name_char((unsigned char)data[i]))
        i++;
    return xstrndup(data + start, (size_t)(i - start));
}

/* Line and column (1-based, columns in characters) of the byte at `off`. */
static void line_col(const char *data, size_t off, long *line, long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= off || data[i + 1] != '\n'))) {
            (*line)++;
            *col = 1;
        } else if (c != '\r' && (c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static const char *find_str(const char *p, const char *end, const char *what)
{
    size_t n = strlen(what);
    for (; p + n <= end; p++)
        if (memcmp(p, what, n) == 0)
            return p;
    return NULL;
}

/* Scans the markup of a well-formed document for the start tag of the element with
 * the given ordinal (0 = the document element, in document order). Sets *after_start
 * to the offset just past that start tag's '>' and *after_end past its end tag (the
 * same for an empty-element tag). */
static bool find_element_tags(const char *data, size_t len, size_t ordinal, size_t *after_start,
                              size_t *after_end)
{
    const char *p = data, *end = data + len;
    size_t seen = 0;
    long depth = -1;          /* depth of the open target element, -1 before it */
    long level = 0;
    while (p < end) {
        if (*p != '<') {
            p++;
            continue;
        }
        const char *q = NULL;
        if (p + 4 <= end && memcmp(p, "<!--", 4) == 0)
            q = find_str(p + 4, end, "-->");
        else if (p + 9 <= end && memcmp(p, "<![CDATA[", 9) == 0)
            q = find_str(p + 9, end, "]]>");
        else if (p + 2 <= end && p[1] == '?')
            q = find_str(p + 2, end, "?>");
        if (q) {
            p = strchr(q, '>') ? q + 1 : end;
            while (p < end && p[-1] != '>')
                p++;
            continue;
        }
        if (p + 2 <= end && p[1] == '!') {          /* <!DOCTYPE ... [ ... ]> */
            int brackets = 0;
            for (p += 2; p < end; p++) {
                if (*p == '[')
                    brackets++;
                else if (*p == ']')
                    brackets--;
                else if (*p == '>' && brackets <= 0)
                    break;
            }
            p++;
            continue;
        }
        bool closing = p + 1 < end && p[1] == '/';
        char quote = 0;
        const char *t = p + 1;
        for (; t < end; t++) {
            if (quote) {
                if (*t == quote)
                    quote = 0;
            } else if (*t == '"' || *t == '\'') {
                quote = *t;
            } else if (*t == '>') {
                break;
            }
        }
        if (t >= end)
            return false;
        bool empty = !closing && t[-1] == '/';
        size_t after = (size_t)(t + 1 - data);
        if (closing) {
            level--;
            if (depth >= 0 && level == depth) {
                *after_end = after;
                return true;
            }
        } else {
            if (depth < 0 && seen == ordinal) {
                *after_start = after;
                if (empty) {
                    *after_end = after;
                    return true;
                }
                depth = level;
            }
            seen++;
            if (!empty)
                level++;
        }
        p = t + 1;
    }
    return false;
}

/* The position of an element of doc in document order. */
static bool element_ordinal(xmlNode *root, xmlNode *target, size_t *n)
{
    for (xmlNode *c = root; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (c == target)
            return true;
        (*n)++;
        if (element_ordinal(c->children, target, n))
            return true;
    }
    return false;
}

/* ------------------------------------------------------- Xerces' messages */

/* Xerces' UTF8Reader on the bad sequence at `off`: which byte of how long a sequence
 * broke the rule. */
static char *utf8_message(const char *data, size_t len, long off)
{
    int bad = 1, size = 1;
    if (off >= 0 && (size_t)off < len) {
        const unsigned char *u = (const unsigned char *)data + off;
        size_t left = len - (size_t)off;
        size = u[0] >= 0xF0 && u[0] < 0xF8 ? 4
             : u[0] >= 0xE0 && u[0] < 0xF0 ? 3
             : u[0] >= 0xC0 && u[0] < 0xE0 ? 2 : 1;
        bad = 1;
        for (int k = 1; k < size; k++)
            if ((size_t)k >= left || (u[k] & 0xC0) != 0x80) {
                bad = k + 1;
                break;
            }
        if (bad == 1)
            size = 1;
    }
    return xasprintf("Invalid byte %d of %d-byte UTF-8 sequence.", bad, size);
}

/* The SAXParseException message Xerces gives for the first error libxml2 found. */
static char *xerces_message(const struct first_error *fe, const char *data, size_t len,
                            bool namespaces)
{
    long off = fe->offset;
    bool at_end = off >= (long)len;
    switch (fe->code) {
    case XML_ERR_DOCUMENT_EMPTY:
        return xstrdup(at_end ? "Premature end of file." : "Content is not allowed in prolog.");
    case XML_ERR_DOCUMENT_END:
        if (off >= 0 && off < (long)len && data[off] != '<')
            return xstrdup("Content is not allowed in trailing section.");
        return xstrdup("The markup in the document following the root element must be well-formed.");
    case XML_ERR_TAG_NAME_MISMATCH:
        return xasprintf("The element type \"%s\" must be terminated by the matching end-tag \"</%s>\".",
                         fe->str1 ? fe->str1 : "", fe->str1 ? fe->str1 : "");
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        return xasprintf("The entity \"%s\" was referenced, but not declared.", fe->str1 ? fe->str1 : "");
    case XML_ERR_ATTRIBUTE_REDEFINED: {
        char *el = tag_name_at(data, len, off);
        char *m = xasprintf("Attribute \"%s\" was already specified for element \"%s\".",
                            fe->str1 ? fe->str1 : "", el);
        free(el);
        return m;
    }
    case XML_ERR_ATTRIBUTE_NOT_STARTED: {
        if (at_end)
            break;
        char *attr = name_before(data, off, true);
        char *el = tag_name_at(data, len, off);
        char *m = xasprintf("Open quote is expected for attribute \"%s\" associated with an  "
                            "element type  \"%s\".", attr, el);
        free(attr);
        free(el);
        return m;
    }
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE: {
        char *el = tag_name_at(data, len, off);
        char *m = xasprintf("Attribute name \"%s\" associated with an element type \"%s\" must be "
                            "followed by the ' = ' character.", fe->str1 ? fe->str1 : "", el);
        free(el);
        return m;
    }
    case XML_ERR_RESERVED_XML_NAME:
        return xstrdup("The processing instruction target matching \"[xX][mM][lL]\" is not allowed.");
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
        if (fe->message && strstr(fe->message, "CharRef") && off > 0) {
            long i = off;
            while (i > 0 && !(data[i - 1] == '&' && data[i] == '#'))
                i--;
            if (i > 0) {
                long e = i;
                while ((size_t)e < len && data[e] != ';')
                    e++;
                return xasprintf("Character reference \"&%.*s\" is an invalid XML character.",
                                 (int)(e - i), data + i);
            }
        }
        if (fe->message && strstr(fe->message, "UTF-8"))
            return utf8_message(data, len, off);
        break;
    case XML_ERR_NAME_REQUIRED:
        if (fe->message && strstr(fe->message, "EntityRef"))
            return xstrdup("The entity name must immediately follow the '&' in the entity reference.");
        if (fe->depth > 0)
            return xstrdup("The content of elements must consist of well-formed character data or markup.");
        if (!fe->root_seen)
            return xstrdup("The markup in the document preceding the root element must be well-formed.");
        return xstrdup("The markup in the document following the root element must be well-formed.");
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
        if (!namespaces)
            break;
        if (fe->str3)
            return xasprintf("The prefix \"%s\" for attribute \"%s:%s\" associated with an element type "
                             "\"%s\" is not bound.", fe->str1 ? fe->str1 : "", fe->str1 ? fe->str1 : "",
                             fe->str2 ? fe->str2 : "", fe->str3);
        return xasprintf("The prefix \"%s\" for element \"%s:%s\" is not bound.", fe->str1 ? fe->str1 : "",
                         fe->str1 ? fe->str1 : "", fe->str2 ? fe->str2 : "");
    default:
        break;
    }
    if (at_end)
        return xstrdup("XML document structures must start and end within the same entity.");
    return xstrdup(fe->message && *fe->message ? fe->message : "The document is not well-formed.");
}

/* The text of a SAXParseException as Throwable.toString() writes it. */
static char *exception_text(long line, long col, const char *message)
{
    return xasprintf("org.xml.sax.SAXParseException; lineNumber: %ld; columnNumber: %ld; %s", line,
                     col, message);
}

/* ------------------------------------------------------------- validation */

/* Validity errors libxml2 reports, all of them: Xerces stops at the first one in
 * document order, which is not libxml2's order (it checks an element's content before
 * its children). */
struct validity {
    struct first_error *items;
    size_t n;
};

static void on_validity_error(void *user, error_ptr err)
{
    struct validity *v = user;
    if (!err || err->level < XML_ERR_ERROR || v->n >= 256)
        return;
    v->items = xrealloc(v->items, (v->n + 1) * sizeof *v->items);
    struct first_error *fe = &v->items[v->n++];
    memset(fe, 0, sizeof *fe);
    keep_error(fe, err);
}

/* Xerces' words for a validity error, and where Xerces reports it: after the
 * element's start tag, or after its end tag for a content model. */
static char *validity_text(const struct first_error *fe, bool *at_end_tag)
{
    *at_end_tag = false;
    switch (fe->code) {
    case XML_DTD_UNKNOWN_ELEM:
        return xasprintf("Element type \"%s\" must be declared.", fe->str1 ? fe->str1 : "");
    case XML_DTD_CONTENT_MODEL:
        *at_end_tag = true;
        return xasprintf("The content of element type \"%s\" must match \"%s\".", fe->str1 ? fe->str1 : "",
                         fe->str2 ? fe->str2 : "");
    case XML_DTD_UNKNOWN_ATTRIBUTE:
        return xasprintf("Attribute \"%s\" must be declared for element type \"%s\".",
                         fe->str1 ? fe->str1 : "", fe->str2 ? fe->str2 : "");
    case XML_DTD_MISSING_ATTRIBUTE:
        return xasprintf("Attribute \"%s\" is required and must be specified for element type \"%s\".",
                         fe->str2 ? fe->str2 : "", fe->str1 ? fe->str1 : "");
    default:
        return xstrdup(fe->message ? fe->message : "The document is not valid.");
    }
}

static char *first_validity_message(const struct validity *v, xmlDoc *doc, const char *data, size_t len)
{
    size_t best = 0, best_off = (size_t)-1;
    for (size_t i = 0; i < v->n; i++) {
        bool at_end;
        free(validity_text(&v->items[i], &at_end));
        size_t ordinal = 0, after_start = 0, after_end = 0, off = (size_t)-1;
        xmlNode *node = v->items[i].node;
        if (node && node->type == XML_ELEMENT_NODE &&
            element_ordinal(xmlDocGetRootElement(doc), node, &ordinal) &&
            find_element_tags(data, len, ordinal, &after_start, &after_end))
            off = at_end ? after_end : after_start;
        if (i == 0 || off < best_off) {
            best = i;
            best_off = off;
        }
    }
    const struct first_error *fe = &v->items[best];
    bool at_end;
    char *what = validity_text(fe, &at_end);
    long line = fe->line > 0 ? fe->line : 1, col = 1;
    if (best_off != (size_t)-1)
        line_col(data, best_off, &line, &col);
    char *m = exception_text(line, col, what);
    free(what);
    return m;
}

/* Validation as Xerces does it with JMeter's empty external DTD: the document element
 * must match the DOCTYPE, and the internal subset must declare what is used. Returns
 * NULL when valid. */
static char *validate(xmlDoc *doc, const char *data, size_t len)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return NULL;
    struct strbuf qname;
    strbuf_init(&qname);
    if (root->ns && root->ns->prefix)
        strbuf_addf(&qname, "%s:", (const char *)root->ns->prefix);
    strbuf_adds(&qname, (const char *)root->name);
    xmlDtd *dtd = doc->intSubset;
    if (!dtd || !dtd->name || strcmp((const char *)dtd->name, qname.s) != 0) {
        size_t after_start = 0, after_end = 0;
        long line = 1, col = 1;
        if (find_element_tags(data, len, 0, &after_start, &after_end))
            line_col(data, after_start, &line, &col);
        char *what = xasprintf("Document root element \"%s\", must match DOCTYPE root \"%s\".", qname.s,
                               dtd && dtd->name ? (const char *)dtd->name : "null");
        strbuf_free(&qname);
        char *m = exception_text(line, col, what);
        free(what);
        return m;
    }
    strbuf_free(&qname);
    pthread_once(&init_once, init_libxml);
    struct validity found = {0};
    xmlStructuredErrorFunc old_serror = xmlStructuredError;
    void *old_serror_ctx = xmlStructuredErrorContext;
    xmlGenericErrorFunc old_error = xmlGenericError;
    void *old_error_ctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(&found, on_validity_error);
    xmlSetGenericErrorFunc(NULL, on_generic_error);
    xmlValidCtxtPtr v = xmlNewValidCtxt();
    char *m = NULL;
    if (v) {
        v->error = NULL;
        v->warning = NULL;
        int ok = xmlValidateDtd(v, doc, dtd);
        xmlFreeValidCtxt(v);
        if (!ok && found.n)
            m = first_validity_message(&found, doc, data, len);
        else if (!ok)
            m = exception_text(1, 1, "The document is not valid.");
    }
    xmlSetStructuredErrorFunc(old_serror_ctx, old_serror);
    xmlSetGenericErrorFunc(old_error_ctx, old_error);
    for (size_t i = 0; i < found.n; i++)
        first_error_free(&found.items[i]);
    free(found.items);
    return m;
}

/* ------------------------------------------------------------------ XML */

static void ignore_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                               const xmlChar *system_id, xmlChar *content)
{
    (void)ctx;
    (void)name;
    (void)type;
    (void)public_id;
    (void)system_id;
    (void)content;
}

static void ignore_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
                                        const xmlChar *system_id, const xmlChar *notation)
{
    (void)ctx;
    (void)name;
    (void)public_id;
    (void)system_id;
    (void)notation;
}

/* Gives every prefixed name its prefix back and drops namespaces (a DOM built by a
 * parser that is not namespace aware). Namespace declarations stay where they were. */
static void forget_namespaces(xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->ns) {
            if (n->ns->prefix) {
                char *q = xasprintf("%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
                xmlNodeSetName(n, BAD_CAST q);
                free(q);
            }
            n->ns = NULL;
        }
        for (xmlAttr *a = n->properties; a; a = a->next) {
            if (!a->ns)
                continue;
            if (a->ns->prefix) {
                char *q = xasprintf("%s:%s", (const char *)a->ns->prefix, (const char *)a->name);
                xmlNodeSetName((xmlNode *)a, BAD_CAST q);
                free(q);
            }
            a->ns = NULL;
        }
        forget_namespaces(n->children);
    }
}

static bool is_blank(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
            return false;
    return true;
}

static xmlDoc *parse_xml(const char *data, size_t len, const struct xml_doc_options *o, bool recover,
                         char **error)
{
    if (len > INT_MAX) {
        if (error)
            *error = xstrdup("The document is too large.");
        return NULL;
    }
    struct first_error fe = {0};
    fe.namespaces = o->namespaces;
    struct quiet q;
    quiet_begin(&q, &fe);
    xmlDoc *doc = NULL;
    bool well_formed = false;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt) {
        xmlSAXHandler *sax = ctxt->sax;
        sax->entityDecl = ignore_entity_decl;
        sax->unparsedEntityDecl = ignore_unparsed_entity_decl;
        sax->reference = NULL;            /* an undeclared entity leaves no node behind */
        sax->externalSubset = NULL;       /* never read the DTD a DOCTYPE names */
        sax->resolveEntity = NULL;
        int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
        if (recover)
            options |= XML_PARSE_RECOVER;
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, options);
        well_formed = ctxt->wellFormed && !fe.set;
        xmlFreeParserCtxt(ctxt);
    }
    quiet_end(&q);
    char *message = NULL;
    if (!recover && (!doc || !well_formed)) {
        if (fe.set)
            message = xerces_message(&fe, data, len, o->namespaces);
        else if (is_blank(data, len))
            message = xstrdup("Premature end of file.");
        else
            message = xstrdup("The document is not well-formed.");
        if (o->validate) {        /* JMeter's handler rethrows the exception itself */
            long line = fe.set && fe.line > 0 ? fe.line : 1, col = fe.set && fe.col > 0 ? fe.col : 1;
            if (fe.offset >= 0 && (size_t)fe.offset <= len)
                line_col(data, (size_t)fe.offset, &line, &col);
            char *full = exception_text(line, col, message);
            free(message);
            message = full;
        }
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (!doc) {
        doc = xmlNewDoc(BAD_CAST "1.0");
    }
    first_error_free(&fe);
    if (doc && o->validate && !recover) {
        message = validate(doc, data, len);
        if (message) {
            xmlFreeDoc(doc);
            doc = NULL;
        }
    }
    if (doc && !o->namespaces)
        forget_namespaces(doc->children);
    if (!doc) {
        if (error)
            *error = message;
        else
            free(message);
    }
    return doc;
}

/* ------------------------------------------------------------------ HTML */

static char implied_marker;

/* libxml2 opens a <p> of its own around text found outside any element; at that
 * moment the parser is not at the end of a start tag, which tells it from a real one.
 * An attribute written without a value gets "" (libxml2 repeats the name for the
 * boolean ones, Jsoup and Tidy do not). */
static void start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlSAX2StartElement(ctx, name, atts);
    for (size_t i = 0; atts && atts[i] && ctxt->node; i += 2)
        if (!atts[i + 1])
            xmlSetProp(ctxt->node, atts[i], BAD_CAST "");
    if (!atts && name && strcmp((const char *)name, "p") == 0 && ctxt->node && ctxt->input &&
        ctxt->input->cur && *ctxt->input->cur != '>' && *ctxt->input->cur != '/')
        ctxt->node->_private = &implied_marker;
}

static void unwrap_implied(xmlNode *n)
{
    while (n) {
        xmlNode *next = n->next;
        if (n->type == XML_ELEMENT_NODE) {
            unwrap_implied(n->children);
            if (n->_private == &implied_marker) {
                n->_private = NULL;
                xmlNode *c = n->children;
                while (c) {
                    xmlNode *cn = c->next;
                    xmlUnlinkNode(c);
                    xmlAddPrevSibling(n, c);
                    c = cn;
                }
                xmlUnlinkNode(n);
                xmlFreeNode(n);
            }
        }
        n = next;
    }
}

static void clear_marks(xmlNode *n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE) {
            n->_private = NULL;
            clear_marks(n->children);
        }
}

xmlDoc *html_doc_parse(const char *text, size_t len, bool unwrap_implied_p)
{
    struct first_error fe = {0};
    struct quiet q;
    quiet_begin(&q, &fe);
    xmlDoc *doc = NULL;
    if (len > 0 && len <= INT_MAX) {
        htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
        if (ctxt) {
            ctxt->sax->startElement = start_element;
            doc = htmlCtxtReadMemory(ctxt, text, (int)len, NULL, "UTF-8",
                                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                         HTML_PARSE_RECOVER);
            htmlFreeParserCtxt(ctxt);
        }
    }
    quiet_end(&q);
    first_error_free(&fe);
    if (!doc)
        doc = htmlNewDocNoDtD(NULL, NULL);
    if (unwrap_implied_p)
        unwrap_implied(doc->children);
    else
        clear_marks(doc->children);
    return doc;
}

/* ---- Tidy's visible effects ---- */

static const char *const block_tags[] = {
    "html", "head", "body", "frameset", "script", "noscript", "style", "meta", "link", "title",
    "frame", "noframes", "section", "nav", "aside", "hgroup", "header", "footer", "p", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "pre", "div", "blockquote", "hr", "address", "figure",
    "figcaption", "form", "fieldset", "ins", "del", "dl", "dt", "dd", "li", "table", "caption",
    "thead", "tfoot", "tbody", "colgroup", "col", "tr", "th", "td", "br", "center", "menu", "dir",
    "article", "main", "option", "select", "textarea", "map", "area",
};

static bool is_block(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    for (size_t i = 0; i < ARRAY_LEN(block_tags); i++)
        if (strcmp((const char *)n->name, block_tags[i]) == 0)
            return true;
    return false;
}

static bool keeps_space(const xmlNode *n)
{
    static const char *const keep[] = {"pre", "textarea", "script", "style", "xmp", "plaintext", "listing"};
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        for (size_t i = 0; i < ARRAY_LEN(keep); i++)
            if (strcmp((const char *)n->name, keep[i]) == 0)
                return true;
    return false;
}

static bool html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_inline(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && !is_block(n);
}

/* Collapses the white space of one text node and trims it where Tidy does: at the
 * start and the end of an element's content and after a block. Returns false when
 * the node should go (Tidy keeps an empty one in front of an inline element). */
static bool tidy_text(xmlNode *t)
{
    const char *s = (const char *)t->content;
    struct strbuf b;
    strbuf_init(&b);
    bool space = false;
    for (; s && *s; s++) {
        if (html_space(*s)) {
            space = true;
            continue;
        }
        if (space)
            strbuf_addc(&b, ' ');
        space = false;
        strbuf_addc(&b, *s);
    }
    if (space)
        strbuf_addc(&b, ' ');
    const char *start = b.s;
    size_t n = b.len;
    if (n && *start == ' ' && (!t->prev || is_block(t->prev))) {
        start++;
        n--;
    }
    if (n && start[n - 1] == ' ' && !t->next)
        n--;
    bool keep = n > 0 || is_inline(t->next);
    if (keep) {
        char *v = xstrndup(start, n);
        xmlNodeSetContent(t, BAD_CAST v);
        free(v);
    }
    strbuf_free(&b);
    return keep;
}

/* Drops comments and unwraps the elements Tidy does not know (it keeps their
 * content), HTML 5 ones included, as the Tidy of JMeter predates them. */
static void tidy_nodes(xmlNode *n)
{
    while (n) {
        xmlNode *next = n->next;
        if (n->type == XML_COMMENT_NODE) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (n->type == XML_ELEMENT_NODE) {
            tidy_nodes(n->children);
            if (!htmlTagLookup(n->name)) {
                xmlNode *c = n->children;
                while (c) {
                    xmlNode *cn = c->next;
                    xmlUnlinkNode(c);
                    xmlAddPrevSibling(n, c);
                    c = cn;
                }
                next = n->next;
                xmlUnlinkNode(n);
                xmlFreeNode(n);
            }
        }
        n = next;
    }
}

static void tidy_space(xmlNode *n)
{
    while (n) {
        xmlNode *next = n->next;
        if (n->type == XML_TEXT_NODE && !keeps_space(n->parent)) {
            /* merge what comment removal left side by side */
            while (next && next->type == XML_TEXT_NODE) {
                xmlNodeAddContent(n, next->content);
                xmlNode *after = next->next;
                xmlUnlinkNode(next);
                xmlFreeNode(next);
                next = after;
            }
            if (!tidy_text(n)) {
                xmlUnlinkNode(n);
                xmlFreeNode(n);
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            tidy_space(n->children);
        }
        n = next;
    }
}

/* What JMeter's Tidy (r938) writes into every head. */
#define TIDY_GENERATOR "HTML Tidy for Java (vers. 2009-12-01), see jtidy.sourceforge.net"

static xmlNode *child_named(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

static void tidy_up(xmlDoc *doc)
{
    tidy_nodes(doc->children);
    tidy_space(doc->children);
    xmlNode *html = xmlDocGetRootElement(doc);
    if (!html) {
        html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
        xmlDocSetRootElement(doc, html);
    }
    xmlNode *head = child_named(html, "head");
    if (!head) {
        head = xmlNewDocNode(doc, NULL, BAD_CAST "head", NULL);
        if (html->children)
            xmlAddPrevSibling(html->children, head);
        else
            xmlAddChild(html, head);
    }
    if (!child_named(head, "title"))
        xmlAddChild(head, xmlNewDocNode(doc, NULL, BAD_CAST "title", NULL));
    xmlNode *meta = xmlNewDocNode(doc, NULL, BAD_CAST "meta", NULL);
    xmlNewProp(meta, BAD_CAST "name", BAD_CAST "generator");
    xmlNewProp(meta, BAD_CAST "content", BAD_CAST TIDY_GENERATOR);
    if (head->children)
        xmlAddPrevSibling(head->children, meta);
    else
        xmlAddChild(head, meta);
    if (!child_named(html, "body"))
        xmlAddChild(html, xmlNewDocNode(doc, NULL, BAD_CAST "body", NULL));
}

/* ------------------------------------------------------------------ entry */

xmlDoc *xml_doc_parse(const char *data, size_t len, const struct xml_doc_options *o, char **error)
{
    if (!o->tolerant)
        return parse_xml(data, len, o, false, error);
    if (len >= 5 && memcmp(data, "<?xml", 5) == 0) {      /* Tidy's XML mode */
        const struct xml_doc_options xml = {.tolerant = true};
        return parse_xml(data, len, &xml, true, error);
    }
    xmlDoc *doc = html_doc_parse(data, len, true);
    tidy_up(doc);
    return doc;
}
