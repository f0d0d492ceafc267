/* jtl_xml.c - JTL results as XML (<testResults version="1.2">).
 *
 * JMeter writes each sample with XStream's pretty printer: the element opens
 * at column 0, children are indented two spaces per level, an element
 * without children closes as "/>", and a "\n" follows every top-level sample.
 * The small writer below keeps the same state machine so that whitespace
 * comes out identical in every case. Attribute names of sample variables go
 * through XStream's name coder ("_" doubles, "$" becomes "_-"). */
#include <stdlib.h>
#include <string.h>
#include "jmx2run/report.h"

/* ---- a pretty-printing XML writer with XStream's layout rules ---- */

struct xw {
    struct strbuf *out;
    int depth;
    bool tag_in_progress, tag_is_empty, ready_for_newline;
};

static void xw_finish_tag(struct xw *w)
{
    if (w->tag_in_progress)
        strbuf_addc(w->out, '>');
    w->tag_in_progress = false;
    if (w->ready_for_newline) {
        strbuf_addc(w->out, '\n');
        for (int i = 0; i < w->depth; i++)
            strbuf_adds(w->out, "  ");
    }
    w->ready_for_newline = false;
    w->tag_is_empty = false;
}

static void xw_start(struct xw *w, const char *name)
{
    w->tag_is_empty = false;
    xw_finish_tag(w);
    strbuf_addc(w->out, '<');
    strbuf_adds(w->out, name);
    w->tag_in_progress = true;
    w->depth++;
    w->ready_for_newline = true;
    w->tag_is_empty = true;
}

static void xw_end(struct xw *w, const char *name)
{
    w->depth--;
    if (w->tag_is_empty) {
        strbuf_addc(w->out, '/');
        w->ready_for_newline = false;
        xw_finish_tag(w);
    } else {
        xw_finish_tag(w);
        strbuf_adds(w->out, "</");
        strbuf_adds(w->out, name);
        strbuf_addc(w->out, '>');
    }
    w->ready_for_newline = true;
}

/* Decodes one UTF-8 character; invalid bytes give U+FFFD and advance by one. */
static unsigned next_char(const unsigned char **pp, size_t *len_out)
{
    const unsigned char *p = *pp;
    unsigned c = p[0];
    size_t n = 1;
    unsigned cp = 0xFFFD;
    if (c < 0x80) {
        cp = c;
    } else if (c >= 0xC2 && c <= 0xDF && (p[1] & 0xC0) == 0x80) {
        cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF))
            n = 3;
        else
            cp = 0xFFFD;
    } else if (c >= 0xF0 && c <= 0xF4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
               (p[3] & 0xC0) == 0x80) {
        cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        if (cp >= 0x10000 && cp <= 0x10FFFF)
            n = 4;
        else
            cp = 0xFFFD;
    }
    *len_out = cp == 0xFFFD && n == 1 && c >= 0x80 ? 0 : n;
    *pp = p + n;
    return cp;
}

/* XStream's text escaping. In attributes tab and newline become references
 * too; control characters (Java's ISO controls) always do. */
static void xml_escape(struct strbuf *out, const char *text, bool attribute)
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    while (*p) {
        /* Plain printable ASCII goes out in one piece. */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x7F && *p != '&' && *p != '<' && *p != '>' && *p != '"' &&
               *p != '\'')
            p++;
        if (p > run)
            strbuf_addn(out, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        const unsigned char *start = p;
        size_t n;
        unsigned c = next_char(&p, &n);
        switch (c) {
        case '&': strbuf_adds(out, "&amp;"); continue;
        case '<': strbuf_adds(out, "&lt;"); continue;
        case '>': strbuf_adds(out, "&gt;"); continue;
        case '"': strbuf_adds(out, "&quot;"); continue;
        case '\'': strbuf_adds(out, "&apos;"); continue;
        case '\r': strbuf_adds(out, "&#xd;"); continue;
        case '\t':
        case '\n':
            if (!attribute) {
                strbuf_addc(out, (char)c);
                continue;
            }
            break;
        default:
            break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            strbuf_addf(out, "&#x%x;", c);
        else if (n == 0)
            strbuf_adds(out, "\xEF\xBF\xBD");       /* invalid byte: U+FFFD */
        else
            strbuf_addn(out, (const char *)start, n);
    }
}

static void xw_attr(struct xw *w, const char *name, const char *value)
{
    strbuf_addc(w->out, ' ');
    strbuf_adds(w->out, name);
    strbuf_adds(w->out, "=\"");
    xml_escape(w->out, value, true);
    strbuf_addc(w->out, '"');
}

static void xw_attr_ll(struct xw *w, const char *name, long long v)
{
    char digits[24];
    char *d = digits + sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--d = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--d = '-';
    strbuf_addc(w->out, ' ');
    strbuf_adds(w->out, name);
    strbuf_adds(w->out, "=\"");
    strbuf_addn(w->out, d, (size_t)(digits + sizeof digits - d));
    strbuf_addc(w->out, '"');
}

static void xw_value(struct xw *w, const char *text)
{
    w->ready_for_newline = false;
    w->tag_is_empty = false;
    xw_finish_tag(w);
    xml_escape(w->out, text, false);
}

/* <tag class="java.lang.String">text</tag> */
static void xw_string_element(struct xw *w, const char *tag, const char *text)
{
    xw_start(w, tag);
    xw_attr(w, "class", "java.lang.String");
    xw_value(w, text);
    xw_end(w, tag);
}

static void xw_text_element(struct xw *w, const char *tag, const char *text)
{
    xw_start(w, tag);
    xw_value(w, text);
    xw_end(w, tag);
}

/* XStream's XML-friendly name coding, for variable names used as attributes. */
static void coded_name(struct strbuf *out, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned char c = *p;
        bool first = p == (const unsigned char *)name;
        bool start_ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ':' || c >= 0x80;
        bool ok = start_ok || (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
        if (c == '$')
            strbuf_adds(out, "_-");
        else if (c == '_')
            strbuf_adds(out, "__");
        else if (!ok)
            strbuf_addf(out, "_.%04x", c);
        else
            strbuf_addc(out, (char)c);
    }
}

/* ---- samples ---- */

static void xml_sample(const struct jtl_config *c, const struct sample *s,
                       const char *const *vars, struct xw *w)
{
    bool http = s->method != NULL;
    const char *tag = http ? "httpSample" : "sample";
    xw_start(w, tag);
    if (c->time)
        xw_attr_ll(w, "t", s->elapsed_ms);
    if (c->idle_time)
        xw_attr_ll(w, "it", s->idle_ms);
    if (c->latency)
        xw_attr_ll(w, "lt", s->latency_ms);
    if (c->connect_time)
        xw_attr_ll(w, "ct", s->connect_ms);
    if (c->timestamp)
        xw_attr_ll(w, "ts", c->timestamp_at_end ? s->end_ms : s->start_ms);
    if (c->success)
        xw_attr(w, "s", s->success ? "true" : "false");
    if (c->label)
        xw_attr(w, "lb", s->label);
    if (c->response_code)
        xw_attr(w, "rc", s->response_code);
    if (c->response_message)
        xw_attr(w, "rm", s->response_message);
    if (c->thread_name)
        xw_attr(w, "tn", s->thread_name);
    if (c->data_type)
        xw_attr(w, "dt", s->data_type);
    if (c->encoding)
        xw_attr(w, "de", s->encoding);
    if (c->bytes)
        xw_attr_ll(w, "by", s->bytes);
    if (c->sent_bytes)
        xw_attr_ll(w, "sby", s->sent_bytes);
    if (c->sample_count) {
        xw_attr_ll(w, "sc", s->sample_count);
        xw_attr_ll(w, "ec", s->success ? 0 : 1);
    }
    if (c->thread_counts) {
        xw_attr_ll(w, "ng", s->grp_threads);
        xw_attr_ll(w, "na", s->all_threads);
    }
    if (c->hostname)
        xw_attr(w, "hn", c->hostname_value);
    for (size_t i = 0; i < c->n_vars; i++) {
        strbuf_addc(w->out, ' ');
        coded_name(w->out, c->var_names[i]);
        strbuf_adds(w->out, "=\"");
        xml_escape(w->out, vars ? vars[i] : NULL, true);
        strbuf_addc(w->out, '"');
    }

    if (c->assertions) {
        for (size_t i = 0; i < s->n_assertions; i++) {
            const struct assertion_result *a = &s->assertions[i];
            xw_start(w, "assertionResult");
            xw_text_element(w, "name", a->name);
            xw_text_element(w, "failure", a->failure ? "true" : "false");
            xw_text_element(w, "error", a->error ? "true" : "false");
            if (a->message)
                xw_text_element(w, "failureMessage", a->message);
            xw_end(w, "assertionResult");
        }
    }
    if (c->subresults)
        for (size_t i = 0; i < s->n_subs; i++)
            xml_sample(c, s->subs[i], vars, w);
    if (c->response_headers)
        xw_string_element(w, "responseHeader", s->response_headers.s);
    if (c->request_headers)
        xw_string_element(w, "requestHeader", s->request_headers.s);
    bool on_error = c->response_data_on_error && !s->success;
    if (c->response_data || c->functional_mode || on_error) {
        if (str_eq(s->data_type, "text")) {
            xw_string_element(w, "responseData", s->body.s);
        } else {
            char *msg = xasprintf("Non-TEXT response data, cannot record: (%s)",
                                  s->data_type ? s->data_type : "");
            xw_string_element(w, "responseData", msg);
            free(msg);
        }
    }
    if (c->filename)
        xw_string_element(w, "responseFile", "");
    bool sampler_data = c->sampler_data || c->functional_mode || on_error;
    if (http) {
        /* JMeter also saves cookies, queryString and redirectLocation here;
         * the sample does not keep them. */
        if (sampler_data)
            xw_string_element(w, "method", s->method);
        if (c->url) {
            if (s->url) {
                xw_text_element(w, "java.net.URL", s->url);
            } else {
                xw_start(w, "null");
                xw_end(w, "null");
            }
        }
    } else {
        if (sampler_data)
            xw_string_element(w, "samplerData", s->request_data.s);
        if (c->url && s->url)
            xw_text_element(w, "java.net.URL", s->url);
    }
    xw_end(w, tag);
}

void jtl_xml_sample(const struct jtl_config *c, const struct sample *s, const char *const *vars,
                    struct strbuf *out)
{
    struct xw w = { out, 0, false, false, false };
    xml_sample(c, s, vars, &w);
    strbuf_addc(out, '\n');
}

void jtl_xml_header(const struct jtl_config *c, struct strbuf *out)
{
    strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (c->xml_pi && *c->xml_pi) {
        strbuf_adds(out, c->xml_pi);
        strbuf_addc(out, '\n');
    }
    strbuf_adds(out, "<testResults version=\"1.2\">\n");
}

void jtl_xml_footer(struct strbuf *out)
{
    strbuf_adds(out, "\n</testResults>\n");
}
