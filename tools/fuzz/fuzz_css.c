/* fuzz_css.c - libFuzzer target for the CSS selector compiler and matcher, and for the
 * document plumbing around them.
 *
 * The input is a selector, a newline, then a page (a small built-in page when there is
 * no newline). The selector must compile or be refused with a message; what compiles
 * is run over the page parsed the Jsoup way, and every match is asked for its texts
 * and attributes. The same line is then used as an XPath query over the page read as
 * tolerant HTML and as XML (with validation), which exercises the Xalan wording and
 * the Xerces messages. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/postprocess_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char default_page[] =
    "<html lang=en><head><title> T </title></head><body><h1 id=h>Head</h1>"
    "<p class='a b'>one <b>two</b><br>three</p><ul><li>1<li class=x>2<li>3</ul>"
    "<table><tr><td>c</td></tr></table><a href=\"http://x/y\" rel=next>link</a>"
    "<!-- c --><script>var s = 1;</script><pre>  p  </pre><input disabled></body></html>";

static void use_element(xmlNode *el)
{
    struct strbuf b;
    strbuf_init(&b);
    css_text(el, &b);
    css_own_text(el, &b);
    css_whole_text(el, false, &b);
    css_whole_text(el, true, &b);
    css_data(el, &b);
    css_attr(el, "href", &b);
    css_attr(el, "abs:href", &b);
    (void)css_has_attr(el, "abs:href");
    (void)css_tag_name(el);
    strbuf_free(&b);
}

static void run_xpath(const char *query, const char *page, size_t len, bool tolerant, bool namespaces)
{
    const struct xml_doc_options o = {.tolerant = tolerant, .namespaces = namespaces, .validate = !tolerant};
    char *why = NULL;
    xmlDoc *doc = xml_doc_parse(page, len, &o, &why);
    if (!doc) {
        if (!why)
            __builtin_trap();     /* a refusal must say why */
        free(why);
        return;
    }
    xmlXPathObject *r = xml_xpath_eval(doc, query, namespaces, &why);
    if (!r && !why)
        __builtin_trap();
    if (r && r->type == XPATH_NODESET && r->nodesetval) {
        struct strbuf b;
        strbuf_init(&b);
        for (int i = 0; i < r->nodesetval->nodeNr && i < 20; i++) {
            (void)xpath_node_value(r->nodesetval->nodeTab[i], false, &b);
            (void)xpath_node_value(r->nodesetval->nodeTab[i], true, &b);
        }
        strbuf_free(&b);
    } else if (r && r->type == XPATH_NUMBER) {
        struct strbuf b;
        strbuf_init(&b);
        xpath_number_text(r->floatval, &b);
        strbuf_free(&b);
    }
    xmlXPathFreeObject(r);
    free(why);
    xmlFreeDoc(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    const char *nl = memchr(data, '\n', size);
    size_t qlen = nl ? (size_t)(nl - (const char *)data) : size;
    char *query = xstrndup((const char *)data, qlen);
    const char *page = nl ? nl + 1 : default_page;
    size_t plen = nl ? size - qlen - 1 : strlen(default_page);
    if (strlen(query) != qlen) {       /* a NUL in the selector: not a C string */
        free(query);
        return 0;
    }

    char *why = NULL;
    struct css_selector *sel = css_compile(query, &why);
    if (!sel && !why)
        __builtin_trap();
    if (sel) {
        xmlDoc *doc = css_parse_html(page, plen);
        struct ptrvec found = {0};
        css_select(sel, doc, &found);
        for (size_t i = 0; i < found.len && i < 50; i++) {
            use_element(found.items[i]);
            if (!css_matches(sel->root, (xmlNode *)doc, found.items[i]))
                __builtin_trap();   /* what select returned must match on its own */
        }
        ptrvec_free(&found);
        xmlFreeDoc(doc);
    }
    css_selector_free(sel);
    free(why);

    run_xpath(query, page, plen, true, false);
    run_xpath(query, page, plen, false, (size & 1) != 0);
    free(query);
    return 0;
}
