/* fuzz_response.c - libFuzzer target for what the runner does with a server's
 * answer: every extractor and assertion kind fed arbitrary headers and bodies.
 *
 * The elements come from real plans loaded once (run from the repository root,
 * as tools/fuzz/smoke does): tests/data/postprocess/oracle-postprocess.jmx
 * (Regular Expression and Boundary extractors, Response, Size and Duration
 * assertions in their many settings) and tests/integration/correlation/
 * correlation.jmx (JSON, CSS Selector and XPath extractors, JSON and XPath
 * assertions). The input is "status line \n headers \n\n body": the headers
 * become the sample's response headers (Content-Type picked out), the body
 * its body. Each element runs on the sample with fresh variables; nothing may
 * crash, leak or loop, and every variable set must be a string. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/jmx.h"
#include "jmx2run/plan.h"
#include "jmx2run/postprocess.h"
#include "jmx2run/postprocess_json.h"
#include "jmx2run/postprocess_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct plan *plans[2];
static struct props *props;
static struct expr_env env;

static struct plan *load(const char *path)
{
    struct diag_list diags;
    diag_list_init(&diags);
    struct jmx_doc *doc = jmx_load_file(path, &diags);
    struct plan *plan = doc ? plan_build(doc, &diags) : NULL;
    if (!plan) {
        diag_print_all(&diags, stderr);
        fprintf(stderr, "fuzz_response: cannot load %s (run from the repository root)\n", path);
        abort();
    }
    /* the plan keeps what it needs from the document */
    jmx_doc_free(doc);
    diag_list_free(&diags);
    return plan;
}

static void init(void)
{
    plans[0] = load("tests/data/postprocess/oracle-postprocess.jmx");
    plans[1] = load("tests/integration/correlation/correlation.jmx");
    props = props_new();
    expr_env_init(&env, props);
}

static struct sample *make_sample(const char *data, size_t size)
{
    struct sample *s = sample_new();
    const char *split = NULL;
    for (size_t i = 0; i + 1 < size; i++)
        if (data[i] == '\n' && data[i + 1] == '\n') {
            split = data + i;
            break;
        }
    size_t head = split ? (size_t)(split - data) : 0;
    const char *body = split ? split + 2 : data;
    size_t body_len = size - (size_t)(body - data);
    strbuf_addn(&s->response_headers, data, head);
    strbuf_addc(&s->response_headers, '\n');
    /* Content-Type as the transport would pick it out */
    const char *ct = NULL;
    for (const char *p = s->response_headers.s; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncasecmp(p, "content-type:", 13) == 0) {
            ct = p + 13;
            break;
        }
    if (ct) {
        while (*ct == ' ')
            ct++;
        s->content_type = strndup(ct, strcspn(ct, "\r\n"));
    }
    strbuf_addn(&s->body, body, body_len);
    s->body_size = (int64_t)body_len;
    s->bytes = (int64_t)size;
    s->response_code = xstrdup(head >= 12 ? "200" : "500");
    /* the input is not NUL-terminated: the message is the first line, at most 64 bytes */
    const char *eol = memchr(data, '\n', size < 64 ? size : 64);
    s->response_message = strndup(data, eol ? (size_t)(eol - data) : (size < 64 ? size : 64));
    s->success = head >= 12;
    s->elapsed_ms = (int64_t)(size % 3000);
    s->url = xstrdup("http://127.0.0.1/fuzz");
    s->data_type = sample_data_type_for(s->content_type);
    s->encoding = xstrdup("");
    return s;
}

static void run_node(const struct plan_node *n, struct sample *s, struct expr_ctx *ctx)
{
    char *error = NULL;
    switch (n->kind) {
    case PK_REGEX_EXTRACTOR: regex_extractor_run(n->data, n->name, s, ctx, &error); break;
    case PK_BOUNDARY_EXTRACTOR: boundary_extractor_run(n->data, n->name, s, ctx, &error); break;
    case PK_JSON_EXTRACTOR: json_extractor_run(n->data, n->name, s, ctx, &error); break;
    case PK_XPATH_EXTRACTOR: xpath_extractor_run(n->data, n->name, s, ctx, &error); break;
    case PK_CSS_EXTRACTOR: css_extractor_run(n->data, n->name, s, ctx, &error); break;
    case PK_RESPONSE_ASSERTION: response_assertion_run(n->data, n->name, s, ctx); break;
    case PK_DURATION_ASSERTION: duration_assertion_run(n->data, n->name, s, ctx); break;
    case PK_SIZE_ASSERTION: size_assertion_run(n->data, n->name, s, ctx); break;
    case PK_JSON_ASSERTION: json_assertion_run(n->data, n->name, s, ctx); break;
    case PK_XPATH_ASSERTION: xpath_assertion_run(n->data, n->name, s, ctx); break;
    default: break;
    }
    free(error);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        init();
        ready = true;
    }
    if (size > 1 << 16)
        return 0;
    for (int p = 0; p < 2; p++) {
        struct strmap vars, user_state;
        strmap_init(&vars);
        strmap_init(&user_state);
        strmap_set(&vars, "id", "3");
        strmap_set(&vars, "currency", "EUR");
        struct expr_ctx ctx;
        expr_ctx_init(&ctx, &env, &vars);
        ctx.user_state = &user_state;
        expr_ctx_seed(&ctx, 7);
        struct sample *s = make_sample((const char *)data, size);
        for (size_t i = 0; i < plans[p]->n_nodes; i++)
            run_node(plans[p]->nodes[i], s, &ctx);
        sample_free(s);
        strmap_free(&vars);
        strmap_free(&user_state);
    }
    return 0;
}
