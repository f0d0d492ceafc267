/* xml_parse.c - libxml2 set up so that a hostile plan can do no harm.
 *
 * What is switched off: network access, DTD loading, entity substitution,
 * and libxml2's own printing of errors. A plan never needs entities, so any
 * entity declaration, and any reference to an entity other than the five
 * predefined ones (&lt; &gt; &amp; &quot; &apos;), stops the parser at once:
 * that defeats external entities (file:///etc/passwd) and entity bombs before
 * they expand. libxml2's own nesting limit (256 levels without
 * XML_PARSE_HUGE) stops absurdly deep documents early.
 *
 * Errors are collected by a handler installed for the duration of one parse;
 * the first one (message and line) becomes the diagnostic. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include "jmx_internal.h"

struct parse_state {
    bool have_error;
    int line;
    char message[512];
};

#if LIBXML_VERSION >= 21200
typedef const xmlError *error_ptr;
#else
typedef xmlErrorPtr error_ptr;
#endif

static void keep_first(struct parse_state *st, int line, const char *msg)
{
    if (st->have_error)
        return;
    st->have_error = true;
    st->line = line > 0 ? line : 1;
    snprintf(st->message, sizeof st->message, "%s", msg && *msg ? msg : "malformed XML");
    /* libxml2 messages end with a newline */
    size_t n = strlen(st->message);
    while (n > 0 && (st->message[n - 1] == '\n' || st->message[n - 1] == '\r' ||
                     st->message[n - 1] == ' '))
        st->message[--n] = '\0';
}

static void on_error(void *user, error_ptr err)
{
    if (!user || !err || err->level < XML_ERR_ERROR)
        return;
    keep_first(user, err->line, err->message);
}

static void on_generic_error(void *ctx, const char *msg, ...)
{
    /* everything worth knowing also reaches on_error; never print */
    (void)ctx;
    (void)msg;
}

/* Stops the parse with our own message. ctx is the parser context. */
static void refuse(void *ctx, const char *fmt, const xmlChar *name)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct parse_state *st = ctxt->_private;
    char msg[300];
    snprintf(msg, sizeof msg, fmt, name ? (const char *)name : "");
    keep_first(st, xmlSAX2GetLineNumber(ctx), msg);
    xmlStopParser(ctxt);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    (void)type;
    (void)public_id;
    (void)system_id;
    (void)content;
    refuse(ctx, "entity declarations are not allowed in a test plan (<!ENTITY %.200s>)", name);
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
                                    const xmlChar *system_id, const xmlChar *notation)
{
    (void)public_id;
    (void)system_id;
    (void)notation;
    refuse(ctx, "entity declarations are not allowed in a test plan (<!ENTITY %.200s>)", name);
}

/* Called for every entity reference that is not one of the five predefined. */
static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
    refuse(ctx, "reference to undeclared entity &%.200s;", name);
    return NULL;
}

static xmlEntityPtr on_get_parameter_entity(void *ctx, const xmlChar *name)
{
    refuse(ctx, "reference to undeclared parameter entity %%%.200s;", name);
    return NULL;
}

static void on_reference(void *ctx, const xmlChar *name)
{
    refuse(ctx, "reference to undeclared entity &%.200s;", name);
}

/* libxml2 keeps element lines in 16 bits; past 65535 we keep the real line
 * in the node's psvi field, which nothing else uses here (see jmx_node_line). */
static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                             const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                          nb_defaulted, attributes);
    xmlParserCtxtPtr ctxt = ctx;
    if (ctxt->node && ctxt->input && ctxt->input->line >= 65535)
        ctxt->node->psvi = (void *)(intptr_t)ctxt->input->line;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
    xmlInitParser();
}

xmlDoc *jmx_parse_xml(const char *data, size_t len, const char *file, struct diag_list *diags)
{
    pthread_once(&init_once, init_libxml);
    if (len > JMX_MAX_FILE_SIZE) {
        diag_add(diags, DIAG_ERROR, file, 1, "file too large (more than %u MiB)",
                 JMX_MAX_FILE_SIZE / (1024u * 1024u));
        return NULL;
    }
    struct parse_state st;
    memset(&st, 0, sizeof st);

    /* libxml2 keeps these handlers per thread; put back whatever was there */
    xmlStructuredErrorFunc old_serror = xmlStructuredError;
    void *old_serror_ctx = xmlStructuredErrorContext;
    xmlGenericErrorFunc old_error = xmlGenericError;
    void *old_error_ctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(&st, on_error);
    xmlSetGenericErrorFunc(NULL, on_generic_error);

    xmlDoc *doc = NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        keep_first(&st, 1, "cannot create an XML parser");
    } else {
        ctxt->_private = &st;
        xmlSAXHandler *sax = ctxt->sax;
        sax->entityDecl = on_entity_decl;
        sax->unparsedEntityDecl = on_unparsed_entity_decl;
        sax->getEntity = on_get_entity;
        sax->getParameterEntity = on_get_parameter_entity;
        sax->reference = on_reference;
        sax->startElementNs = on_start_element;
        sax->externalSubset = NULL;     /* never fetch the DTD named by <!DOCTYPE> */
        sax->resolveEntity = NULL;
        int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, file, NULL, options);
        if (doc && (st.have_error || !ctxt->wellFormed)) {
            xmlFreeDoc(doc);
            doc = NULL;
        }
        if (!doc)
            keep_first(&st, ctxt->input ? ctxt->input->line : 1, "malformed XML");
        xmlFreeParserCtxt(ctxt);
    }

    xmlSetStructuredErrorFunc(old_serror_ctx, old_serror);
    xmlSetGenericErrorFunc(old_error_ctx, old_error);
    if (!doc)
        diag_add(diags, DIAG_ERROR, file, st.line, "%s", st.message);
    return doc;
}
