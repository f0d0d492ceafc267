/* postprocess_json.h - the JSON Extractor (JSONPostProcessor, digest §8.2) and the JSON
 * Assertion (JSONPathAssertion, digest §8.6), with JMeter 5.6.3's variables, verdicts and
 * messages. Same conventions as postprocess.h: the element is immutable and shared, the
 * sample and one virtual user's expression context are what the functions work on, and
 * "${...}" properties are evaluated when JMeter reads them. The JSONPath dialect and the
 * way values print are jsonpath.h's. */
#ifndef JMX2RUN_POSTPROCESS_JSON_H
#define JMX2RUN_POSTPROCESS_JSON_H

#include <stdbool.h>
#include "jmx2run/expr.h"
#include "jmx2run/plan_elements.h"
#include "jmx2run/sample.h"

/* Runs the extractor on s (or on the variable of the variable scope): for each of the
 * ';'-separated names, paths, match numbers and defaults, <name>, <name>_matchNr,
 * <name>_1.. <name>_n and <name>_ALL as JMeter sets them, stale <name>_n removed first.
 * Returns false when JMeter's post-processor throws (the counts of names, paths and
 * defaults differ, a match number is not an integer); *error (malloc'd, when error is not
 * NULL) then gets the text to log, and nothing is extracted. */
bool json_extractor_run(const struct plan_json_extractor *x, const char *name,
                        const struct sample *s, struct expr_ctx *ctx, char **error);

/* Checks the body of s and records the result on s with sample_add_assertion: "Response
 * was null" for an empty body, otherwise the path must exist (and with JSONVALIDATION its
 * value match EXPECTED_VALUE, as a regular expression or as JSON, or be null with
 * EXPECT_NULL), INVERT turning the verdict over; failures carry JMeter's messages. */
void json_assertion_run(const struct plan_json_assertion *a, const char *name, struct sample *s,
                        struct expr_ctx *ctx);

#endif
