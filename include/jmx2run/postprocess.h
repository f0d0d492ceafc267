/* postprocess.h - what happens to a finished sample: extractors, assertions and the
 * Result Status Action Handler, with JMeter 5.6's verdicts, messages and variables
 * (digest §8).
 *
 * Every *_run function works only on what it is given: the plan element (immutable,
 * shared by all threads), the sample (with its sub-samples) and one virtual user's
 * expression context (its variables in ctx->vars, its PRNG). Element properties that
 * hold "${...}" are evaluated here, at the moment JMeter reads them.
 *
 * The engine calls, for each sample: the post-processors in plan order, then the
 * assertions in plan order, then (as a listener) the Result Status Action Handlers.
 * Regular expressions follow Jakarta ORO's Perl5 dialect, JMeter's default engine; they
 * are translated to PCRE2 and compiled once per distinct pattern text, in a cache that
 * all threads share.
 *
 * Text the functions read from a sample is what JMeter would read: the body is
 * s->body decoded from s->encoding (UTF-8 when empty); the other fields are taken as
 * UTF-8. Bytes that are not valid in the charset become U+FFFD, as in Java. */
#ifndef JMX2RUN_POSTPROCESS_H
#define JMX2RUN_POSTPROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jmx2run/expr.h"
#include "jmx2run/plan_elements.h"
#include "jmx2run/sample.h"
#include "jmx2run/util.h"

/* ------------------------------------------------------------------ extractors */

/* Each extractor returns false when JMeter's post-processor would throw. JMeter then
 * skips the rest of that sample's post-processors, its assertions and its listeners
 * (the sample is not recorded) and logs the error; *error (malloc'd, may be NULL when
 * the caller passes NULL) gets the text to log. Otherwise returns true and leaves
 * *error alone. `name` is the element's name. */
bool regex_extractor_run(const struct plan_regex_extractor *x, const char *name,
                         const struct sample *s, struct expr_ctx *ctx, char **error);
bool boundary_extractor_run(const struct plan_boundary_extractor *x, const char *name,
                            const struct sample *s, struct expr_ctx *ctx, char **error);

/* ------------------------------------------------------------------ assertions */

/* Each assertion checks the samples its scope covers and records its results there
 * with sample_add_assertion (a failed sub-sample also fails its parent with "One or
 * more sub-samples failed"). */
void response_assertion_run(const struct plan_response_assertion *a, const char *name,
                            struct sample *s, struct expr_ctx *ctx);
void duration_assertion_run(const struct plan_duration_assertion *a, const char *name,
                            struct sample *s, struct expr_ctx *ctx);
void size_assertion_run(const struct plan_size_assertion *a, const char *name,
                        struct sample *s, struct expr_ctx *ctx);

/* ------------------------------------------------- Result Status Action Handler */

/* The action the handler asks of the engine for sample s: its configured action when
 * s failed, RESULT_ACTION_CONTINUE when s succeeded (digest §8.7, §2.8). */
enum result_action result_action_for(const struct plan_result_action *a, const struct sample *s);

/* ---------------------------------------------------------------------- scopes */

/* The samples an extractor reads, in JMeter's order (AbstractScopedTestElement
 * getSampleList): parent -> s; children -> s's sub-samples, then theirs, down to five
 * levels; all -> s then the children list; variable -> none (the variable is read
 * instead). Appends `const struct sample *` items to out. */
void scope_collect(enum sample_scope scope, const struct sample *s, struct ptrvec *out);

/* Runs check(target, arg) on the samples an assertion covers, as JMeterThread does:
 * parent and variable -> s; children -> the sub-samples (four levels deep, each level
 * checked before the next); all -> both. When a checked sub-sample ends up failed and
 * its parent is still successful, the parent gets a failed result named `name` with
 * "One or more sub-samples failed". */
typedef void (*assertion_check_fn)(struct sample *target, void *arg);
void assertion_apply_scoped(enum sample_scope scope, const char *name, struct sample *s,
                            assertion_check_fn check, void *arg);

/* ===================================================================
 * Building blocks shared by the files above, public for the tests.
 * =================================================================== */

/* ---- reading a sample's fields (field.c) ---- */

/* A field's text: s/len always valid UTF-8 (never NULL); free with field_text_free. */
struct field_text {
    const char *s;
    size_t len;
    char *owned;          /* set when the text had to be converted */
};

/* The text an extractor reads (RegexExtractor/BoundaryExtractor.useHeaders). The
 * "document" choice needs Apache Tika; the body text is read instead. */
void field_read(const struct sample *s, enum extract_field f, struct field_text *out);
/* The text a Response Assertion tests (Assertion.test_field); NULL strings read as "". */
void field_read_assert(const struct sample *s, enum assert_field f, struct field_text *out);
/* Wraps any string (e.g. a variable's value); NULL reads as "". */
void field_text_of(const char *str, size_t len, struct field_text *out);
void field_text_free(struct field_text *t);

/* Commons Text StringEscapeUtils.unescapeHtml4: HTML 4 named entities (not &apos;)
 * and &#N; / &#xH; numeric ones, semicolon required, one pass. Appends to out. */
void html_unescape(const char *s, size_t len, struct strbuf *out);
/* Appends s to out with every invalid UTF-8 sequence replaced by U+FFFD. Returns false
 * when s was already valid (then nothing is appended). */
bool utf8_sanitize(const char *s, size_t len, struct strbuf *out);

/* ---- Java conversions JMeter relies on (extract_java.c) ---- */

/* Integer.parseInt / Long.parseLong: optional sign, ASCII digits, no spaces, in range. */
bool java_parse_int(const char *s, int32_t *out);
bool java_parse_long(const char *s, int64_t *out);
/* java.text.NumberFormat for en: "1,234", "-12,345,678". Appends to out. */
void java_format_grouped(int64_t v, struct strbuf *out);
/* String.length(): UTF-16 code units of a UTF-8 string. */
size_t java_length(const char *s, size_t len);
/* Character.isWhitespace for one code point. */
bool java_is_whitespace(uint32_t cp);
/* StringUtils.isBlank: empty or only Java whitespace. */
bool java_is_blank(const char *s, size_t len);
/* Evaluates a template (NULL reads as "") into a new string. */
char *pp_eval(const struct tmpl *t, struct expr_ctx *ctx);

/* ---- ORO Perl5 regular expressions (extract_oro.c, extract_regex_cache.c) ---- */

/* Translates an ORO Perl5 pattern into an equivalent PCRE2 pattern (appended to out)
 * plus PCRE2 compile options. On a pattern ORO refuses, returns false and sets *error
 * (malloc'd) to ORO's message, e.g. "Unmatched parentheses.". */
bool oro_translate(const char *pattern, struct strbuf *out, uint32_t *pcre2_options,
                   char **error);

/* A compiled pattern from the process-wide cache. Acquire never fails; release each
 * acquired pattern once. Thread-safe. */
struct oro_regex;
const struct oro_regex *oro_regex_acquire(const char *pattern);
void oro_regex_release(const struct oro_regex *re);
/* NULL when the pattern is valid; otherwise the text of the exception JMeter sees:
 * "org.apache.oro.text.MalformedCachePatternException: Invalid expression: <p>\n<why>". */
const char *oro_regex_error(const struct oro_regex *re);
/* MatchResult.groups(): capturing groups + 1 (group 0). */
unsigned oro_regex_groups(const struct oro_regex *re);
/* Frees every cached pattern not in use (tests, end of run). */
void oro_regex_cache_clear(void);

/* Perl5Matcher.contains(String): the pattern occurs in the text. */
bool oro_contains(const struct oro_regex *re, const char *s, size_t len);
/* Perl5Matcher.matches(String): the first match attempt at offset 0 spans the whole text
 * (ORO does not backtrack into other alternatives to reach the end). */
bool oro_matches(const struct oro_regex *re, const char *s, size_t len);

/* Successive non-overlapping matches, as Perl5Matcher.contains(PatternMatcherInput):
 * after a match, the next one may not be empty at the position where it ended. The
 * text must stay alive while the iterator is used; it must be valid UTF-8. */
struct oro_iter {
    const struct oro_regex *re;
    void *md;             /* PCRE2 match data */
    const char *s;
    size_t len, pos;
    bool after_match;     /* a match ended at pos */
};
void oro_iter_init(struct oro_iter *it, const struct oro_regex *re, const char *s, size_t len);
bool oro_iter_next(struct oro_iter *it);
/* Group g of the current match; false when the group took no part (ORO gives null) or
 * g >= oro_regex_groups. */
bool oro_iter_group(const struct oro_iter *it, unsigned g, const char **s, size_t *len);
void oro_iter_free(struct oro_iter *it);

/* ---- Response Assertion's EQUALS message (assert_equals_diff.c) ---- */

/* The block JMeter puts between the slashes of "expected to equal /.../": the
 * "****** received  : " and "****** comparison: " lines around the first difference,
 * computed on UTF-16 units. section_len, delta_start and delta_end are the properties
 * assertion.equals_section_diff_len (100), assertion.equals_diff_delta_start ("[[[")
 * and assertion.equals_diff_delta_end ("]]]"). Appends to out. */
void equals_diff_text(const char *received, size_t rlen, const char *comparison, size_t clen,
                      long section_len, const char *delta_start, const char *delta_end,
                      struct strbuf *out);

#endif
