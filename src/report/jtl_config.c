/* jtl_config.c - the JTL save configuration and how JMeter properties set it.
 *
 * Mirrors SampleSaveConfiguration: each jmeter.save.saveservice.<switch> is
 * true only when its value equals "true" ignoring case (no trimming, as Java's
 * Properties lookup), absent switches keep the 5.x defaults. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "jmx2run/report.h"

#define SAVE_PREFIX "jmeter.save.saveservice."

void jtl_config_init(struct jtl_config *c)
{
    memset(c, 0, sizeof *c);
    c->print_field_names = true;
    c->timestamp = true;
    c->delimiter = ',';
    c->time = c->label = c->response_code = c->response_message = true;
    c->thread_name = c->data_type = c->success = c->failure_message = true;
    c->bytes = c->sent_bytes = c->thread_counts = c->url = c->latency = true;
    c->idle_time = c->connect_time = true;
    c->subresults = c->assertions = true;
    c->xml_pi = xstrdup("");
    c->default_encoding = xstrdup("UTF-8");
    char host[256];
    if (gethostname(host, sizeof host) != 0)
        strcpy(host, "localhost");
    host[sizeof host - 1] = '\0';
    c->hostname_value = xstrdup(host);
}

void jtl_config_free(struct jtl_config *c)
{
    report_datefmt_free(c->timestamp_format);
    for (size_t i = 0; i < c->n_vars; i++)
        free(c->var_names[i]);
    free(c->var_names);
    free(c->xml_pi);
    free(c->hostname_value);
    free(c->default_encoding);
    memset(c, 0, sizeof *c);
}

bool jtl_config_set_timestamp_format(struct jtl_config *c, const char *value, struct strbuf *err)
{
    report_datefmt_free(c->timestamp_format);
    c->timestamp_format = NULL;
    c->timestamp = true;
    if (!value || strcasecmp(value, "ms") == 0)
        return true;
    if (strcasecmp(value, "none") == 0) {
        c->timestamp = false;
        return true;
    }
    struct strbuf why;
    strbuf_init(&why);
    c->timestamp_format = report_datefmt_compile(value, &why);
    if (!c->timestamp_format && err)
        strbuf_addf(err, "Invalid pattern value %s for property %stimestamp_format (%s); "
                    "writing milliseconds", value, SAVE_PREFIX, why.s);
    strbuf_free(&why);
    return c->timestamp_format != NULL;
}

void jtl_config_set_variables(struct jtl_config *c, const char *list)
{
    for (size_t i = 0; i < c->n_vars; i++)
        free(c->var_names[i]);
    free(c->var_names);
    c->var_names = NULL;
    c->n_vars = 0;
    if (!list)
        return;
    /* Java's split(","): every piece, then trailing empty pieces dropped,
     * except that a string without any comma is kept whole (even ""). */
    struct ptrvec parts = { 0 };
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        ptrvec_push(&parts, xstrndup(p, len));
        if (!comma)
            break;
        p = comma + 1;
    }
    if (parts.len > 1)
        while (parts.len > 0 && ((char *)parts.items[parts.len - 1])[0] == '\0')
            free(parts.items[--parts.len]);
    c->var_names = (char **)parts.items;
    c->n_vars = parts.len;
    if (c->n_vars == 0) {
        free(c->var_names);
        c->var_names = NULL;
    }
}

bool jtl_config_needs_payload(const struct jtl_config *c)
{
    return c->xml && (c->response_data || c->response_data_on_error || c->sampler_data ||
                      c->request_headers || c->response_headers || c->functional_mode);
}

/* One boolean switch: present -> "true" ignoring case; absent -> unchanged. */
static void read_switch(struct props *p, const char *name, bool *field)
{
    struct strbuf v;
    strbuf_init(&v);
    char key[96];
    snprintf(key, sizeof key, SAVE_PREFIX "%s", name);
    if (props_get(p, key, &v))
        *field = strcasecmp(v.s, "true") == 0;
    strbuf_free(&v);
}

/* JMeter's delimiter rules: "\t" (the two characters) means a tab; otherwise
 * exactly one character, not alphanumeric, not '"', printable unless a tab. */
static bool read_delimiter(struct jtl_config *c, struct props *p, struct strbuf *err)
{
    char *v = props_get_dup(p, SAVE_PREFIX "default_delimiter");
    if (!v)
        return true;
    const char *d = strcmp(v, "\\t") == 0 ? "\t" : v;
    bool ok = false;
    if (strlen(d) != 1) {
        strbuf_addf(err, "Delimiter '%s' must be of length 1.", d);
    } else if (isalnum((unsigned char)d[0]) || d[0] == '"') {
        strbuf_addf(err, "Delimiter '%c' must not be alphanumeric or \".", d[0]);
    } else if (d[0] != '\t' && ((unsigned char)d[0] < 32 || (unsigned char)d[0] > 126)) {
        strbuf_addf(err, "Delimiter (code %d) must be printable.", (unsigned char)d[0]);
    } else {
        c->delimiter = d[0];
        ok = true;
    }
    free(v);
    return ok;
}

bool jtl_config_from_props(struct jtl_config *c, struct props *p, struct strbuf *err)
{
    struct strbuf sink;
    strbuf_init(&sink);
    if (!err)
        err = &sink;
    jtl_config_init(c);

    char *fmt = props_get_dup(p, SAVE_PREFIX "output_format");
    c->xml = fmt && strcmp(fmt, "xml") == 0;      /* case matters, as in JMeter */
    if (fmt && !c->xml && strcmp(fmt, "csv") != 0)
        strbuf_addf(err, "%soutput_format has unexpected value: '%s' - assuming 'csv' format",
                    SAVE_PREFIX, fmt);
    free(fmt);

    static const struct {
        const char *name;
        size_t offset;
    } switches[] = {
#define SW(n, f) { n, offsetof(struct jtl_config, f) }
        SW("print_field_names", print_field_names),
        SW("time", time),
        SW("label", label),
        SW("response_code", response_code),
        SW("response_message", response_message),
        SW("thread_name", thread_name),
        SW("data_type", data_type),
        SW("successful", success),
        SW("assertion_results_failure_message", failure_message),
        SW("bytes", bytes),
        SW("sent_bytes", sent_bytes),
        SW("thread_counts", thread_counts),
        SW("url", url),
        SW("filename", filename),
        SW("latency", latency),
        SW("encoding", encoding),
        SW("sample_count", sample_count),
        SW("hostname", hostname),
        SW("idle_time", idle_time),
        SW("connect_time", connect_time),
        SW("subresults", subresults),
        SW("assertions", assertions),
        SW("response_data", response_data),
        SW("response_data.on_error", response_data_on_error),
        SW("samplerData", sampler_data),
        SW("requestHeaders", request_headers),
        SW("responseHeaders", response_headers),
        SW("autoflush", autoflush),
#undef SW
    };
    for (size_t i = 0; i < ARRAY_LEN(switches); i++)
        read_switch(p, switches[i].name, (bool *)((char *)c + switches[i].offset));

    bool ok = read_delimiter(c, p, err);

    char *ts = props_get_dup(p, SAVE_PREFIX "timestamp_format");
    if (ts)
        jtl_config_set_timestamp_format(c, ts, err);
    free(ts);

    char *pi = props_get_dup(p, SAVE_PREFIX "xml_pi");
    if (pi) {
        free(c->xml_pi);
        c->xml_pi = pi;
    }
    char *enc = props_get_dup(p, "sampleresult.default.encoding");
    if (enc) {
        free(c->default_encoding);
        c->default_encoding = enc;
    }
    c->timestamp_at_end = !report_prop_bool(p, "sampleresult.timestamp.start", true);
    char *vars = props_get_dup(p, "sample_variables");
    jtl_config_set_variables(c, vars);
    free(vars);
    strbuf_free(&sink);
    return ok;
}
