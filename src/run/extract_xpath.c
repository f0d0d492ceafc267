/* extract_xpath.c - the XPath Extractor (XPathExtractor, digest §8.4) and the XPath
 * evaluation it shares with the XPath Assertion.
 *
 * Evaluation is libxml2's XPath 1.0; around it sits what makes the answers JMeter's:
 *   - the prefix resolver: only prefixes declared on the document element (and xml);
 *   - Xalan's refusals, in Xalan's words, found by a small tokenizer over the query
 *     before libxml2 sees it: a bad literal or an unknown prefix (Xalan's lexer), sure
 *     syntax mistakes (its parser; libxml2 lets some pass, such as "///a" or "a |"),
 *     unknown functions, wrong numbers of arguments and variables (its compiler);
 *     what only libxml2 refuses keeps libxml2's words;
 *   - local-name() of a prefixed name in a document read without namespaces gives the
 *     part after the colon, as Xalan's DOM2DTM does;
 *   - results in document order; numbers written as Xalan's XNumber.str().
 *
 * The extractor, as JMeter 5.6 runs it: <ref> = default first, <ref>_matchNr = "0" and
 * <ref>_1 removed; each sample of the scope (or the variable) is parsed and queried,
 * the match number picking within each document (0 = a random one, N = the N-th,
 * negative = all); then <ref>_matchNr = count, <ref> = the first value and <ref>_i =
 * each value (a null value - an empty element - is counted but sets nothing), and
 * <ref>_(count+1).. left from an earlier run removed. A body that does not parse or a
 * query Xalan refuses stops the whole run of the extractor: a failed assertion result
 * is added to the sample (its success flag is left alone) and the variables stay as
 * set at the start. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xpathInternals.h>
#include "jmx2run/log.h"
#include "jmx2run/postprocess_xml.h"

/* ------------------------------------------------------------- the tokenizer */

enum tok_kind { TK_END, TK_NAME, TK_NUMBER, TK_LITERAL, TK_BAD_LITERAL, TK_OP };

struct token {
    enum tok_kind kind;
    size_t pos, len;
};

struct tokens {
    const char *q;
    struct token *t;
    size_t n;
    bool *ends;           /* token i ends an operand */
    bool *oppos;          /* token i is in operator position */
};

static bool name_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool name_char(unsigned char c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static void classify(struct tokens *ts);

static void tokenize(const char *q, struct tokens *ts)
{
    size_t len = strlen(q), cap = 16;
    ts->q = q;
    ts->n = 0;
    ts->t = xmalloc(cap * sizeof *ts->t);
    size_t i = 0;
    for (;;) {
        while (i < len && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r'))
            i++;
        if (ts->n + 1 >= cap) {
            cap *= 2;
            ts->t = xrealloc(ts->t, cap * sizeof *ts->t);
        }
        struct token *t = &ts->t[ts->n++];
        t->pos = i;
        if (i >= len) {
            t->kind = TK_END;
            t->len = 0;
            classify(ts);
            return;
        }
        unsigned char c = (unsigned char)q[i];
        size_t j = i + 1;
        if (c == '"' || c == '\'') {
            while (j < len && q[j] != (char)c)
                j++;
            if (j >= len) {
                t->kind = TK_BAD_LITERAL;
                t->len = len - i;
                ts->t[ts->n++] = (struct token){TK_END, len, 0};
                classify(ts);
                return;
            }
            t->kind = TK_LITERAL;
            j++;
        } else if ((c >= '0' && c <= '9') || (c == '.' && j < len && q[j] >= '0' && q[j] <= '9')) {
            while (j < len && ((q[j] >= '0' && q[j] <= '9') || q[j] == '.'))
                j++;
            t->kind = TK_NUMBER;
        } else if (c == '.') {
            while (j < len && q[j] == '.')
                j++;
            t->kind = TK_OP;
        } else if (name_start(c)) {
            while (j < len && name_char((unsigned char)q[j]))
                j++;
            if (j + 1 < len && q[j] == ':' && q[j + 1] != ':' &&
                (name_start((unsigned char)q[j + 1]) || q[j + 1] == '*')) {
                j++;
                if (q[j] == '*')
                    j++;
                else
                    while (j < len && name_char((unsigned char)q[j]))
                        j++;
            }
            t->kind = TK_NAME;
        } else {
            static const char *const two[] = {"//", "::", "!=", "<=", ">="};
            t->kind = TK_OP;
            for (size_t k = 0; k < ARRAY_LEN(two); k++)
                if (j < len && c == (unsigned char)two[k][0] && q[j] == two[k][1])
                    j = i + 2;
        }
        t->len = j - i;
        i = j;
    }
}

static void tokens_free(struct tokens *ts)
{
    free(ts->t);
    free(ts->ends);
    free(ts->oppos);
}

static bool tok_is(const struct tokens *ts, size_t i, const char *s)
{
    const struct token *t = &ts->t[i];
    return t->kind != TK_END && t->len == strlen(s) && memcmp(ts->q + t->pos, s, t->len) == 0;
}

static char *tok_text(const struct tokens *ts, size_t i)
{
    return xstrndup(ts->q + ts->t[i].pos, ts->t[i].len);
}

/* XPath's rule: after a token that ends an operand, a name is an operator name and
 * '*' is multiplication. One pass over the tokens marks both. */
static bool is_operator_word(const struct tokens *ts, size_t i)
{
    return tok_is(ts, i, "and") || tok_is(ts, i, "or") || tok_is(ts, i, "div") || tok_is(ts, i, "mod");
}

static void classify(struct tokens *ts)
{
    ts->ends = xcalloc(ts->n, sizeof *ts->ends);
    ts->oppos = xcalloc(ts->n, sizeof *ts->oppos);
    bool prev_ends = false;
    for (size_t i = 0; i < ts->n; i++) {
        const struct token *t = &ts->t[i];
        bool next_call = i + 1 < ts->n && (tok_is(ts, i + 1, "(") || tok_is(ts, i + 1, "::"));
        bool ends;
        ts->oppos[i] = prev_ends;
        if (t->kind == TK_NAME)
            ends = !(prev_ends && is_operator_word(ts, i)) && !next_call;
        else if (tok_is(ts, i, "/"))        /* "/" alone is the root */
            ends = !prev_ends && !(i + 1 < ts->n && (ts->t[i + 1].kind == TK_NAME || tok_is(ts, i + 1, "*") ||
                                                     tok_is(ts, i + 1, "@") || tok_is(ts, i + 1, ".") ||
                                                     tok_is(ts, i + 1, "..")));
        else if (tok_is(ts, i, "*"))
            ends = !prev_ends;
        else
            ends = t->kind == TK_NUMBER || t->kind == TK_LITERAL || tok_is(ts, i, ")") ||
                   tok_is(ts, i, "]") || tok_is(ts, i, ".") || tok_is(ts, i, "..");
        ts->ends[i] = ends;
        prev_ends = ends;
    }
}

static bool ends_operand(const struct tokens *ts, size_t i)
{
    return ts->ends[i];
}

static bool is_operator_name(const struct tokens *ts, size_t i)
{
    return ts->t[i].kind == TK_NAME && ts->oppos[i] && is_operator_word(ts, i);
}

/* ------------------------------------------------------ Xalan's function table */

struct xalan_function {
    const char *name, *class_name, *allows;
    int min, max;        /* max -1: any */
};

static const struct xalan_function functions[] = {
    {"last", "FuncLast", "0", 0, 0},
    {"position", "FuncPosition", "0", 0, 0},
    {"count", "FuncCount", "1", 1, 1},
    {"id", "FuncId", "1", 1, 1},
    {"local-name", "FuncLocalPart", "0 or 1", 0, 1},
    {"namespace-uri", "FuncNamespace", "0 or 1", 0, 1},
    {"name", "FuncQname", "0 or 1", 0, 1},
    {"string", "FuncString", "0 or 1", 0, 1},
    {"concat", "FuncConcat", ">1", 2, -1},
    {"starts-with", "FuncStartsWith", "2", 2, 2},
    {"contains", "FuncContains", "2", 2, 2},
    {"substring-before", "FuncSubstringBefore", "2", 2, 2},
    {"substring-after", "FuncSubstringAfter", "2", 2, 2},
    {"substring", "FuncSubstring", "2 or 3", 2, 3},
    {"string-length", "FuncStringLength", "0 or 1", 0, 1},
    {"normalize-space", "FuncNormalizeSpace", "0 or 1", 0, 1},
    {"translate", "FuncTranslate", "3", 3, 3},
    {"boolean", "FuncBoolean", "1", 1, 1},
    {"not", "FuncNot", "1", 1, 1},
    {"true", "FuncTrue", "0", 0, 0},
    {"false", "FuncFalse", "0", 0, 0},
    {"lang", "FuncLang", "1", 1, 1},
    {"number", "FuncNumber", "0 or 1", 0, 1},
    {"sum", "FuncSum", "1", 1, 1},
    {"floor", "FuncFloor", "1", 1, 1},
    {"ceiling", "FuncCeiling", "1", 1, 1},
    {"round", "FuncRound", "1", 1, 1},
    {"current", "FuncCurrent", "0", 0, 0},
};

static const char *const node_types[] = {"node", "text", "comment", "processing-instruction"};
static const char *const axes[] = {
    "ancestor", "ancestor-or-self", "attribute", "child", "descendant", "descendant-or-self",
    "following", "following-sibling", "namespace", "parent", "preceding", "preceding-sibling", "self",
};

static bool tok_in(const struct tokens *ts, size_t i, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (tok_is(ts, i, list[k]))
            return true;
    return false;
}

/* Arguments of the call whose '(' is at i; -1 when the parenthesis is not closed. */
static int count_args(const struct tokens *ts, size_t open)
{
    int depth = 0, args = 0;
    for (size_t i = open; i < ts->n && ts->t[i].kind != TK_END; i++) {
        if (tok_is(ts, i, "(") || tok_is(ts, i, "["))
            depth++;
        else if (tok_is(ts, i, ")") || tok_is(ts, i, "]")) {
            if (--depth == 0)
                return i == open + 1 ? 0 : args + 1;
        } else if (depth == 1 && tok_is(ts, i, ",")) {
            args++;
        }
    }
    return -1;
}

/* ------------------------------------------------------------- the checks */

/* What Xalan's lexer refuses: a literal without its closing quote, a prefix the
 * resolver does not know. */
static char *lexer_refusal(const struct tokens *ts, xmlXPathContextPtr xc)
{
    for (size_t i = 0; i < ts->n; i++) {
        const struct token *t = &ts->t[i];
        if (t->kind == TK_BAD_LITERAL)
            return xasprintf("misquoted literal... expected %s quote!",
                             ts->q[t->pos] == '\'' ? "single" : "double");
        if (t->kind != TK_NAME || (i > 0 && tok_is(ts, i - 1, "$")) || is_operator_name(ts, i))
            continue;
        const char *colon = memchr(ts->q + t->pos, ':', t->len);
        if (!colon)
            continue;
        char *prefix = xstrndup(ts->q + t->pos, (size_t)(colon - (ts->q + t->pos)));
        if (!xmlXPathNsLookup(xc, BAD_CAST prefix)) {
            char *m = xasprintf("Prefix must resolve to a namespace: %s", prefix);
            free(prefix);
            return m;
        }
        free(prefix);
    }
    return NULL;
}

/* What Xalan's compiler refuses in a query that parses: unknown functions, wrong
 * argument counts, variables (JMeter has none to offer). */
static char *compiler_refusal(const struct tokens *ts)
{
    for (size_t i = 0; i + 1 < ts->n; i++) {
        if (tok_is(ts, i, "$") && ts->t[i + 1].kind == TK_NAME) {
            char *v = tok_text(ts, i + 1);
            char *m = xasprintf("Variable not resolvable: %s", v);
            free(v);
            return m;
        }
        if (ts->t[i].kind != TK_NAME || !tok_is(ts, i + 1, "(") || (i > 0 && tok_is(ts, i - 1, "$")) ||
            is_operator_name(ts, i) || tok_in(ts, i, node_types, ARRAY_LEN(node_types)))
            continue;
        if (memchr(ts->q + ts->t[i].pos, ':', ts->t[i].len))
            continue;        /* an extension function: libxml2 decides */
        const struct xalan_function *f = NULL;
        for (size_t k = 0; k < ARRAY_LEN(functions) && !f; k++)
            if (tok_is(ts, i, functions[k].name))
                f = &functions[k];
        if (!f) {
            char *name = tok_text(ts, i);
            char *m = xasprintf("Could not find function: %s", name);
            free(name);
            return m;
        }
        int args = count_args(ts, i + 1);
        if (args >= 0 && (args < f->min || (f->max >= 0 && args > f->max)))
            return xasprintf("org.apache.xpath.functions.%s only allows %s arguments", f->class_name,
                             f->allows);
    }
    return NULL;
}

static void add_quoted_tokens(const struct tokens *ts, size_t from, struct strbuf *out)
{
    bool first = true;
    for (size_t i = from; i < ts->n && ts->t[i].kind != TK_END; i++) {
        size_t parts = tok_is(ts, i, "//") ? 2 : 1;      /* Xalan keeps '/' tokens single */
        for (size_t p = 0; p < parts; p++) {
            strbuf_adds(out, first ? "'" : ", '");
            if (parts == 2)
                strbuf_addc(out, '/');
            else
                strbuf_addn(out, ts->q + ts->t[i].pos, ts->t[i].len);
            strbuf_addc(out, '\'');
            first = false;
        }
    }
}

/* A token that may start an operand: a step, a literal, a number, a parenthesis, a
 * variable, a unary minus, or the ')' of an empty argument list. */
static bool starts_operand(const struct tokens *ts, size_t i)
{
    static const char *const starts[] = {"*", "@", ".", "..", "(", "/", "//", "$", "-"};
    if (ts->t[i].kind != TK_OP || tok_in(ts, i, starts, ARRAY_LEN(starts)))
        return true;
    return tok_is(ts, i, ")") && i >= 2 && tok_is(ts, i - 1, "(") && ts->t[i - 2].kind == TK_NAME;
}

/* A token that may follow a complete operand: a binary operator or a predicate. */
static bool continues_operand(const struct tokens *ts, size_t i)
{
    static const char *const ops[] = {"/", "//", "|", "+", "-", "=", "!=", "<", "<=", ">", ">=", "*", "["};
    return is_operator_name(ts, i) || tok_in(ts, i, ops, ARRAY_LEN(ops));
}

/* '/' or '//' with no step after it: "///a", "a/", "//". */
static bool slash_without_step(const struct tokens *ts, size_t i, bool after_operand)
{
    if (!tok_is(ts, i, "/") && !tok_is(ts, i, "//"))
        return false;
    if (ts->t[i + 1].kind == TK_END)
        return tok_is(ts, i, "//") || after_operand;
    return tok_is(ts, i + 1, "/") || tok_is(ts, i + 1, "//");
}

static char *message_with_token(const char *fmt, const struct tokens *ts, size_t i)
{
    char *tok = tok_text(ts, i);
    char *m = xasprintf(fmt, tok);
    free(tok);
    return m;
}

static char *extra_tokens(const struct tokens *ts, size_t from)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "Extra illegal tokens: ");
    add_quoted_tokens(ts, from, &b);
    return strbuf_detach(&b);
}

/* What Xalan's parser refuses, in its words, found by walking the tokens the way the
 * parser meets them. Only sure mistakes are reported (libxml2 accepts some of them,
 * such as "///a" or "a |"); NULL when none is found. */
static char *syntax_refusal(const struct tokens *ts)
{
    size_t end = ts->n - 1;     /* the TK_END token */
    for (size_t i = 0; i < end; i++)
        if (ts->t[i].kind == TK_NAME && tok_is(ts, i + 1, "::") && !tok_in(ts, i, axes, ARRAY_LEN(axes)))
            return message_with_token("illegal axis name: %s", ts, i);
    char *closers = xmalloc(ts->n + 1);     /* what each open '(' or '[' waits for */
    size_t depth = 0;
    char *m = NULL;
    for (size_t i = 0; i < end && !m; i++) {
        bool after_operand = i > 0 && ends_operand(ts, i - 1);
        char waiting = depth ? closers[depth - 1] : 0;
        bool closes = (waiting == ')' && (tok_is(ts, i, ")") || tok_is(ts, i, ","))) ||
                      (waiting == ']' && tok_is(ts, i, "]"));
        if (slash_without_step(ts, i, after_operand))
            m = xstrdup("A location step was expected following the '/' or '//' token.");
        else if ((tok_is(ts, i, "@") || tok_is(ts, i, "::")) &&
                 !(ts->t[i + 1].kind == TK_NAME || tok_is(ts, i + 1, "*")))
            m = xstrdup("A node test that matches either NCName:* or QName was expected.");
        else if (after_operand && !continues_operand(ts, i) && !closes && depth == 0)
            m = extra_tokens(ts, i);
        else if (after_operand && !continues_operand(ts, i) && !closes)
            m = xasprintf("Expected %c, but found: %.*s", waiting, (int)ts->t[i].len, ts->q + ts->t[i].pos);
        else if (!after_operand && !starts_operand(ts, i))
            m = message_with_token("A location path was expected, but the following token was encountered:  %s",
                                   ts, i);
        if (tok_is(ts, i, "(") || tok_is(ts, i, "["))
            closers[depth++] = tok_is(ts, i, "(") ? ')' : ']';
        else if ((tok_is(ts, i, ")") || tok_is(ts, i, "]")) && depth > 0)
            depth--;
    }
    if (!m && end > 0) {
        size_t last = end - 1;
        if (tok_is(ts, last, "(") && last > 0 && ts->t[last - 1].kind == TK_NAME)
            m = xstrdup("Expected ), but found: ");
        else if (depth > 0 && ends_operand(ts, last))
            m = xasprintf("Expected %c, but found: ", closers[depth - 1]);
        else if (!ends_operand(ts, last))
            m = xstrdup("A location path was expected, but the end of the XPath expression was found "
                        "instead.");
    }
    free(closers);
    return m;
}

/* ------------------------------------------------------------- evaluation */

struct xpath_error {
    bool set;
    char *message;
};

#if LIBXML_VERSION >= 21200
typedef const xmlError *error_ptr;
#else
typedef xmlErrorPtr error_ptr;
#endif

static void on_xpath_error(void *user, error_ptr err)
{
    struct xpath_error *e = user;
    if (e->set || !err)
        return;
    e->set = true;
    e->message = xstrdup(err->message ? err->message : "");
    size_t n = strlen(e->message);
    while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
        e->message[--n] = '\0';
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* local-name() for names that kept their prefix: the part after the colon. */
static void local_name_fn(xmlXPathParserContextPtr ctxt, int nargs)
{
    xmlXPathLocalNameFunction(ctxt, nargs);
    if (ctxt->error != XPATH_EXPRESSION_OK)
        return;
    xmlXPathObjectPtr v = valuePop(ctxt);
    if (v && v->type == XPATH_STRING && v->stringval) {
        const xmlChar *colon = (const xmlChar *)strrchr((const char *)v->stringval, ':');
        if (colon) {
            xmlChar *rest = xmlStrdup(colon + 1);
            xmlFree(v->stringval);
            v->stringval = rest;
        }
    }
    valuePush(ctxt, v);
}

/* current(): outside XSLT, Xalan gives the context node, here the document. */
static void current_fn(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 0) {
        xmlXPathErr(ctxt, XPATH_INVALID_ARITY);
        return;
    }
    valuePush(ctxt, xmlXPathNewNodeSet((xmlNodePtr)ctxt->context->doc));
}

/* Prefixes declared on the document element, as JMeter's prefix resolver sees them:
 * namespace declarations, or xmlns:p attributes of an HTML document. */
static void register_prefixes(xmlXPathContextPtr xc, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return;
    for (xmlNs *ns = root->nsDef; ns; ns = ns->next)
        if (ns->prefix && ns->href)
            xmlXPathRegisterNs(xc, ns->prefix, ns->href);
    for (xmlAttr *a = root->properties; a; a = a->next)
        if (!a->ns && strncmp((const char *)a->name, "xmlns:", 6) == 0 && a->name[6]) {
            xmlChar *v = xmlNodeGetContent((xmlNode *)a);
            if (v)
                xmlXPathRegisterNs(xc, a->name + 6, v);
            xmlFree(v);
        }
}

xmlXPathObject *xml_xpath_eval(xmlDoc *doc, const char *query, bool namespaces, char **error)
{
    struct tokens ts;
    tokenize(query, &ts);
    char *refusal = NULL;
    xmlXPathObject *result = NULL;
    if (ts.t[0].kind == TK_END) {
        tokens_free(&ts);
        if (error)
            *error = xstrdup("Empty expression!");
        return NULL;
    }
    xmlStructuredErrorFunc old_serror = xmlStructuredError;
    void *old_serror_ctx = xmlStructuredErrorContext;
    xmlGenericErrorFunc old_error = xmlGenericError;
    void *old_error_ctx = xmlGenericErrorContext;
    struct xpath_error xe = {0};
    xmlSetStructuredErrorFunc(&xe, on_xpath_error);
    xmlSetGenericErrorFunc(NULL, quiet_generic);

    xmlXPathContextPtr xc = xmlXPathNewContext(doc);
    if (!xc) {
        refusal = xstrdup("out of memory");
        goto out;
    }
    xc->error = on_xpath_error;
    xc->userData = &xe;
    register_prefixes(xc, doc);
    xmlXPathRegisterFunc(xc, BAD_CAST "current", current_fn);
    if (!namespaces) {
        xmlXPathRegisterFunc(xc, BAD_CAST "local-name", NULL);
        xmlXPathRegisterFunc(xc, BAD_CAST "local-name", local_name_fn);
    }
    refusal = lexer_refusal(&ts, xc);
    if (!refusal)
        refusal = syntax_refusal(&ts);
    if (refusal)
        goto out;
    xmlXPathCompExprPtr comp = xmlXPathCtxtCompile(xc, BAD_CAST query);
    if (!comp) {
        refusal = xstrdup(xe.message && *xe.message ? xe.message : "Invalid expression");
        goto out;
    }
    refusal = compiler_refusal(&ts);
    if (!refusal) {
        xc->node = (xmlNodePtr)doc;
        result = xmlXPathCompiledEval(comp, xc);
        if (!result)
            refusal = xstrdup(xe.message && *xe.message ? xe.message : "Invalid expression");
        else if (result->type == XPATH_NODESET && result->nodesetval)
            xmlXPathNodeSetSort(result->nodesetval);
    }
    xmlXPathFreeCompExpr(comp);
out:
    xmlXPathFreeContext(xc);
    xmlSetStructuredErrorFunc(old_serror_ctx, old_serror);
    xmlSetGenericErrorFunc(old_error_ctx, old_error);
    free(xe.message);
    tokens_free(&ts);
    if (refusal) {
        if (error)
            *error = refusal;
        else
            free(refusal);
    }
    return result;
}

/* ----------------------------------------------------------------- values */

void xpath_number_text(double v, struct strbuf *out)
{
    if (isnan(v)) {
        strbuf_adds(out, "NaN");
        return;
    }
    if (isinf(v)) {
        strbuf_adds(out, v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (v == 0) {
        strbuf_addc(out, '0');
        return;
    }
    /* the shortest digits that read back as v, as Double.toString picks them */
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    const char *p = buf;
    if (*p == '-') {
        strbuf_addc(out, '-');
        p++;
    }
    char digits[24];
    size_t nd = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && nd < sizeof digits - 1)
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    long exp = *p == 'e' ? strtol(p + 1, NULL, 10) : 0;
    if (exp >= (long)nd - 1) {
        strbuf_addn(out, digits, nd);
        for (long i = 0; i < exp - ((long)nd - 1); i++)
            strbuf_addc(out, '0');
    } else if (exp >= 0) {
        strbuf_addn(out, digits, (size_t)exp + 1);
        strbuf_addc(out, '.');
        strbuf_addn(out, digits + exp + 1, nd - (size_t)exp - 1);
    } else {
        strbuf_adds(out, "0.");
        for (long i = 0; i < -exp - 1; i++)
            strbuf_addc(out, '0');
        strbuf_addn(out, digits, nd);
    }
}

/* ---- Xalan's identity transform: the XML text of an element ---- */

struct ns_scope {
    const xmlChar **prefixes, **hrefs;
    size_t n, cap;
};

static bool ns_in_scope(const struct ns_scope *sc, const xmlChar *prefix, const xmlChar *href)
{
    for (size_t i = sc->n; i-- > 0;)
        if (xmlStrEqual(sc->prefixes[i], prefix))
            return xmlStrEqual(sc->hrefs[i], href);
    return !prefix && (!href || !*href);
}

static void ns_push(struct ns_scope *sc, const xmlChar *prefix, const xmlChar *href)
{
    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? sc->cap * 2 : 8;
        sc->prefixes = xrealloc(sc->prefixes, sc->cap * sizeof *sc->prefixes);
        sc->hrefs = xrealloc(sc->hrefs, sc->cap * sizeof *sc->hrefs);
    }
    sc->prefixes[sc->n] = prefix;
    sc->hrefs[sc->n++] = href;
}

static void escape_text(const char *s, bool attribute, struct strbuf *out)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': strbuf_adds(out, "&amp;"); break;
        case '<': strbuf_adds(out, "&lt;"); break;
        case '>': strbuf_adds(out, "&gt;"); break;
        case '\r': strbuf_adds(out, "&#13;"); break;
        case '"':
            strbuf_adds(out, attribute ? "&quot;" : "\"");
            break;
        case '\n':
            strbuf_adds(out, attribute ? "&#10;" : "\n");
            break;
        case '\t':
            strbuf_adds(out, attribute ? "&#9;" : "\t");
            break;
        default: strbuf_addc(out, *s); break;
        }
    }
}

static void add_qname(const xmlChar *prefix, const xmlChar *name, struct strbuf *out)
{
    if (prefix) {
        strbuf_adds(out, (const char *)prefix);
        strbuf_addc(out, ':');
    }
    strbuf_adds(out, (const char *)name);
}

struct decl {
    const xmlChar *prefix, *href;
};

static int decl_cmp(const void *a, const void *b)
{
    const struct decl *x = a, *y = b;
    if (!x->prefix || !y->prefix)
        return (x->prefix != NULL) - (y->prefix != NULL);
    return strcmp((const char *)x->prefix, (const char *)y->prefix);
}

struct attr_out {
    char *qname;
    xmlAttr *attr;
};

static int attr_cmp(const void *a, const void *b)
{
    return strcmp(((const struct attr_out *)a)->qname, ((const struct attr_out *)b)->qname);
}

static void add_decl(struct decl **decls, size_t *n, size_t *cap, const xmlChar *prefix, const xmlChar *href)
{
    for (size_t i = 0; i < *n; i++)
        if (xmlStrEqual((*decls)[i].prefix, prefix))
            return;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        *decls = xrealloc(*decls, *cap * sizeof **decls);
    }
    (*decls)[(*n)++] = (struct decl){prefix, href};
}

static void serialize(xmlNode *n, struct ns_scope *sc, struct strbuf *out, unsigned depth)
{
    switch (n->type) {
    case XML_TEXT_NODE:
        escape_text((const char *)n->content, false, out);
        return;
    case XML_CDATA_SECTION_NODE:
        strbuf_adds(out, "<![CDATA[");
        strbuf_adds(out, n->content ? (const char *)n->content : "");
        strbuf_adds(out, "]]>");
        return;
    case XML_COMMENT_NODE:
        strbuf_adds(out, "<!--");
        strbuf_adds(out, n->content ? (const char *)n->content : "");
        strbuf_adds(out, "-->");
        return;
    case XML_PI_NODE:
        strbuf_addf(out, "<?%s", (const char *)n->name);
        if (n->content && *n->content)
            strbuf_addf(out, " %s", (const char *)n->content);
        strbuf_adds(out, "?>");
        return;
    case XML_ENTITY_REF_NODE:
        strbuf_addf(out, "&%s;", (const char *)n->name);
        return;
    case XML_ELEMENT_NODE:
        break;
    default:
        return;
    }
    if (depth > 4096)
        return;
    size_t scope_mark = sc->n;
    struct decl *decls = NULL;
    size_t nd = 0, dcap = 0;
    for (xmlNs *ns = n->nsDef; ns; ns = ns->next)
        add_decl(&decls, &nd, &dcap, ns->prefix, ns->href);
    if (n->ns && !ns_in_scope(sc, n->ns->prefix, n->ns->href))
        add_decl(&decls, &nd, &dcap, n->ns->prefix, n->ns->href);
    size_t na = 0;
    for (xmlAttr *a = n->properties; a; a = a->next) {
        na++;
        if (a->ns && a->ns->prefix && !ns_in_scope(sc, a->ns->prefix, a->ns->href))
            add_decl(&decls, &nd, &dcap, a->ns->prefix, a->ns->href);
    }
    strbuf_addc(out, '<');
    add_qname(n->ns ? n->ns->prefix : NULL, n->name, out);
    if (nd)
        qsort(decls, nd, sizeof *decls, decl_cmp);
    for (size_t i = 0; i < nd; i++) {
        strbuf_adds(out, " xmlns");
        if (decls[i].prefix)
            strbuf_addf(out, ":%s", (const char *)decls[i].prefix);
        strbuf_adds(out, "=\"");
        escape_text((const char *)decls[i].href, true, out);
        strbuf_addc(out, '"');
        ns_push(sc, decls[i].prefix, decls[i].href);
    }
    free(decls);
    struct attr_out *attrs = na ? xmalloc(na * sizeof *attrs) : NULL;
    size_t k = 0;
    for (xmlAttr *a = n->properties; a; a = a->next) {
        struct strbuf q;
        strbuf_init(&q);
        add_qname(a->ns ? a->ns->prefix : NULL, a->name, &q);
        attrs[k].qname = strbuf_detach(&q);
        attrs[k++].attr = a;
    }
    if (na)
        qsort(attrs, na, sizeof *attrs, attr_cmp);
    for (size_t i = 0; i < na; i++) {
        xmlChar *v = xmlNodeGetContent((xmlNode *)attrs[i].attr);
        strbuf_addf(out, " %s=\"", attrs[i].qname);
        escape_text((const char *)v, true, out);
        strbuf_addc(out, '"');
        xmlFree(v);
        free(attrs[i].qname);
    }
    free(attrs);
    if (!n->children) {
        strbuf_adds(out, "/>");
    } else {
        strbuf_addc(out, '>');
        for (xmlNode *c = n->children; c; c = c->next)
            serialize(c, sc, out, depth + 1);
        strbuf_adds(out, "</");
        add_qname(n->ns ? n->ns->prefix : NULL, n->name, out);
        strbuf_addc(out, '>');
    }
    sc->n = scope_mark;
}

static bool simple_value(xmlNode *n, struct strbuf *out)
{
    switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
        strbuf_adds(out, n->content ? (const char *)n->content : "");
        return true;
    case XML_ATTRIBUTE_NODE: {
        xmlChar *v = xmlNodeGetContent(n);
        strbuf_adds(out, v ? (const char *)v : "");
        xmlFree(v);
        return true;
    }
    case XML_NAMESPACE_DECL: {
        const xmlNs *ns = (const xmlNs *)n;
        strbuf_adds(out, ns->href ? (const char *)ns->href : "");
        return true;
    }
    default:
        return false;
    }
}

bool xpath_node_value(xmlNode *n, bool fragment, struct strbuf *out)
{
    if (n->type != XML_ELEMENT_NODE)
        return simple_value(n, out);
    if (fragment) {
        struct ns_scope sc = {0};
        serialize(n, &sc, out, 0);
        free(sc.prefixes);
        free(sc.hrefs);
        return true;
    }
    return n->children ? simple_value(n->children, out) : false;
}

/* --------------------------------------------------------------- extractor */

struct values {
    char **items;         /* NULL for JMeter's null */
    size_t len, cap;
};

static void values_add(struct values *v, char *s)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = xrealloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->len++] = s;
}

static void values_free(struct values *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    free(v->items);
}

/* XPathUtil.putValuesForXPathInList on one document. */
static void add_values(xmlXPathObject *r, bool fragment, int32_t number, struct expr_ctx *ctx,
                       struct values *out)
{
    struct strbuf b;
    strbuf_init(&b);
    switch (r->type) {
    case XPATH_NODESET: {
        size_t len = r->nodesetval ? (size_t)r->nodesetval->nodeNr : 0;
        int64_t pick = number;
        if (number == 0 && len > 0)
            pick = (int64_t)expr_rand_below(ctx, len) + 1;
        for (size_t i = 0; i < len; i++) {
            if (pick >= 0 && pick != (int64_t)i + 1)
                continue;
            strbuf_reset(&b);
            values_add(out, xpath_node_value(r->nodesetval->nodeTab[i], fragment, &b)
                                ? xstrndup(b.s, b.len) : NULL);
        }
        break;
    }
    case XPATH_BOOLEAN:
        values_add(out, xstrdup(r->boolval ? "true" : "false"));
        break;
    case XPATH_NUMBER:
        xpath_number_text(r->floatval, &b);
        values_add(out, xstrndup(b.s, b.len));
        break;
    case XPATH_STRING:
        values_add(out, xstrdup(r->stringval ? (const char *)r->stringval : ""));
        break;
    default:
        break;
    }
    strbuf_free(&b);
}

/* Parses and queries one text; false with *failure set when JMeter would throw. */
static bool query_text(const struct plan_xpath_extractor *x, const char *query, const char *text,
                       size_t len, int32_t number, struct expr_ctx *ctx, struct values *out,
                       char **failure)
{
    const struct xml_doc_options o = {.tolerant = x->tolerant, .namespaces = x->namespaces};
    xmlDoc *doc = xml_doc_parse(text, len, &o, failure);
    if (!doc) {
        log_msg(LOG_WARN, "SAXException while processing (%s). %s", query, *failure);
        return false;
    }
    xmlXPathObject *r = xml_xpath_eval(doc, query, x->namespaces && !x->tolerant, failure);
    bool ok = r != NULL;
    if (r)
        add_values(r, x->fragment, number, ctx, out);
    else
        log_msg(LOG_WARN, "TransformerException while processing (%s). %s", query, *failure);
    xmlXPathFreeObject(r);
    xmlFreeDoc(doc);
    return ok;
}

static char *ref_n(const char *ref, int64_t i)
{
    return xasprintf("%s_%lld", ref, (long long)i);
}

bool xpath_extractor_run(const struct plan_xpath_extractor *x, const char *name,
                         struct sample *s, struct expr_ctx *ctx, char **error)
{
    (void)error;
    struct strmap *vars = ctx->vars;
    char *ref = pp_eval(x->refname, ctx);
    char *def = pp_eval(x->default_value, ctx);
    strmap_set(vars, ref, def);
    free(def);
    char *nr_name = xasprintf("%s_matchNr", ref);
    int32_t previous = 0;
    if (!java_parse_int(strmap_get(vars, nr_name), &previous))
        previous = 0;
    strmap_set(vars, nr_name, "0");
    char *first = ref_n(ref, 1);
    strmap_remove(vars, first);
    free(first);

    char *number_text = pp_eval(x->match_number, ctx);
    int32_t number;
    if (!java_parse_int(number_text, &number))
        number = 0;
    free(number_text);
    char *query = pp_eval(x->query, ctx);

    struct values found = {0};
    char *failure = NULL;
    bool ok = true;
    if (x->scope.scope == SCOPE_VARIABLE) {
        char *var = pp_eval(x->scope.variable, ctx);
        const char *value = strmap_get(vars, var);
        if (!value)
            log_msg(LOG_WARN, "No variable '%s' found to process by XPathExtractor '%s', skipping processing",
                    var, name ? name : "");
        else if (*value)
            ok = query_text(x, query, value, strlen(value), number, ctx, &found, &failure);
        free(var);
    } else {
        struct ptrvec list = {0};
        scope_collect(x->scope.scope, s, &list);
        for (size_t i = 0; i < list.len && ok; i++) {
            struct field_text in;
            field_read(list.items[i], FIELD_BODY, &in);
            ok = query_text(x, query, in.s, in.len, number, ctx, &found, &failure);
            field_text_free(&in);
        }
        ptrvec_free(&list);
    }

    if (ok) {
        char num[24];
        snprintf(num, sizeof num, "%zu", found.len);
        strmap_set(vars, nr_name, num);
        if (found.len > 0 && found.items[0])
            strmap_set(vars, ref, found.items[0]);
        for (size_t i = 0; i < found.len; i++) {
            if (!found.items[i])
                continue;
            char *var = ref_n(ref, (int64_t)i + 1);
            strmap_set(vars, var, found.items[i]);
            free(var);
        }
        char *next = ref_n(ref, (int64_t)found.len + 1);
        strmap_remove(vars, next);
        free(next);
        for (int64_t i = (int64_t)found.len + 2; i <= previous; i++) {
            char *var = ref_n(ref, i);
            strmap_remove(vars, var);
            free(var);
        }
    } else {
        /* JMeter: an assertion result that fails, on a sample it leaves successful */
        char *message = xasprintf("%s\nSee log file for further details.", failure ? failure : "");
        bool success = s->success;
        int error_count = s->error_count;
        sample_add_assertion(s, name ? name : "", true, false, message);
        s->success = success;
        s->error_count = error_count;
        free(message);
    }
    free(failure);
    values_free(&found);
    free(query);
    free(nr_name);
    free(ref);
    return true;
}
