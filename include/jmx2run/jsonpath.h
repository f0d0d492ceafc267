/* jsonpath.h - JSONPath as JMeter 5.6.3 runs it: Jayway JsonPath 2.8.0 over documents read
 * the way json-smart 2.5.0 reads them (digest §8.2, §8.6).
 *
 * The dialect is Jayway's, quirks included: $ and @ roots, .name and ['name'] children
 * (['a','b'] merges the properties into one object when it ends the path), .* and [*],
 * deep scan .., indexes [n] [-n] [0,2], slices [from:to] (a third part is ignored, negative
 * ends only where Jayway honours them), filters [?(...)] with == != < <= > >= =~ in nin
 * subsetof anyof noneof size empty contains, && || ! and parentheses, @ and $ paths,
 * string/number/boolean/null/JSON/regex literals, and the functions length() size() sum()
 * avg() min() max() stddev() concat() first() last() index() keys() append().
 *
 * Documents are parsed with jansson, with json-smart's leniency where it matters: text
 * after the first value is ignored, a body that is not JSON at all reads as one string,
 * single quotes and bare words are accepted inside objects and arrays, and decimal numbers
 * longer than 18 characters keep their text (json-smart makes them BigDecimal).
 *
 * Values are jansson values; Java's view of them is: integers are Integer or Long, reals
 * Double (or BigDecimal, see above), objects LinkedHashMap, arrays JSONArray.
 *
 * A compiled path is immutable; evaluations of one path may run in several threads at
 * once. Errors carry the text of the Java exception's getMessage(). */
#ifndef JMX2RUN_JSONPATH_H
#define JMX2RUN_JSONPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "jmx2run/util.h"

/* ------------------------------------------------------------------ documents */

struct jp_doc;

/* Reads a document as json-smart's permissive parser does. NULL with *error (malloc'd,
 * the InvalidJsonException message "net.minidev.json.parser.ParseException: ...") when it
 * can not. A document whose value is JSON null is returned (its root is json_null()). */
struct jp_doc *jp_doc_parse(const char *text, size_t len, char **error);
json_t *jp_doc_root(const struct jp_doc *doc);
void jp_doc_free(struct jp_doc *doc);

/* ------------------------------------------------------------------ paths */

struct jsonpath;

/* JsonPath.compile. NULL with *error (malloc'd, the exception's message) on failure. */
struct jsonpath *jsonpath_compile(const char *text, char **error);
void jsonpath_free(struct jsonpath *p);
/* Every step selects at most one value (Jayway's isDefinite). */
bool jsonpath_is_definite(const struct jsonpath *p);
/* The path ends with a function call. */
bool jsonpath_is_function(const struct jsonpath *p);
/* Jayway's canonical form, e.g. "$['store']['book'][0]". Appends to out. */
void jsonpath_to_string(const struct jsonpath *p, struct strbuf *out);

enum jp_outcome {
    JP_OK,
    JP_NOT_FOUND,      /* PathNotFoundException */
    JP_FAILED,         /* any other exception */
};

/* What JsonPath.read gives back. */
struct jp_result {
    enum jp_outcome outcome;
    char *message;            /* the exception's message, NULL when outcome is JP_OK */
    bool is_list;             /* values is the list of matches (indefinite path, or
                                 always_list); otherwise values[0] is the one value */
    json_t **values;          /* owned references; JSON null for a null value */
    size_t n;
    /* what the values borrow from (for the renderings below) */
    const struct jp_doc **docs;
    size_t n_docs;
};

/* JsonPath.read(document, configuration): always_list is Option.ALWAYS_RETURN_LIST (the
 * JSON Extractor's configuration), which refuses function paths. The result borrows from
 * p and doc: free it before them. */
void jsonpath_read(const struct jsonpath *p, const struct jp_doc *doc, bool always_list,
                   struct jp_result *out);
void jp_result_free(struct jp_result *r);

/* A read from text, owning what its result borrows. */
struct jp_text_result {
    struct jp_result result;
    struct jp_doc *doc;
    struct jsonpath *path;
};

/* extractor false: JsonPath.read(json, path), the JSON Assertion's read (an empty text
 * is "json string can not be null or empty", JSON null "json can not be null", ...).
 * extractor true: JMeter's JSONManager.extractWithJsonPath, the JSON Extractor's: the
 * path compiled first, ALWAYS_RETURN_LIST, and PathNotFoundException giving an empty list.
 * json may be NULL (a missing variable). */
void jsonpath_read_text(const char *json, size_t len, const char *path, bool extractor,
                        struct jp_text_result *out);
void jp_text_result_free(struct jp_text_result *t);

/* Evaluation limits, process-wide (set once at start-up; the fuzzer lowers them). An
 * evaluation that does more than max_work steps fails with "JSONPath evaluation too
 * large"; Jayway has no such limit. */
void jsonpath_set_max_work(uint64_t steps);

/* ------------------------------------------------------------------ renderings */

/* Each appends to out; docs/n_docs tell which reals keep their text (may be NULL/0). */

/* JSONManager.stringifyJSONObject, what the JSON Extractor stores: strings bare, numbers
 * and booleans as Java prints them, objects and arrays as json-smart's compact JSON (the
 * outer object's members in java.util.HashMap order). Returns false for JSON null (the
 * extractor then stores the default value), appending nothing. */
bool jp_render_extracted(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                         struct strbuf *out);
/* JSONPathAssertion.objectToString: like the above, but null is "null" and a Double is
 * printed by DecimalFormat("#.#") with up to 340 fraction digits. */
void jp_render_assertion(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                         struct strbuf *out);
/* String.valueOf: a Map prints as {key=value, ...}, a List as JSON, null as "null". */
void jp_render_java(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                    struct strbuf *out);
/* json-smart JSONValue.toJSONString (JSONStyle.NO_COMPRESS: every string quoted, '/'
 * escaped). hashmap_order: the outer object's members in java.util.HashMap order. */
void jp_render_json(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                    bool hashmap_order, struct strbuf *out);

/* Objects.equals on the Java values: integers never equal reals, reals compare as
 * Double.equals (or BigDecimal.equals), objects as maps whatever their member order. */
bool jp_java_equals(const json_t *a, const json_t *b, const struct jp_doc *const *docs,
                    size_t n_docs);

/* ===================================================================
 * Building blocks shared by the jsonpath*.c files, public for the tests.
 * =================================================================== */

/* ---- java.math.BigDecimal (jsonpath_decimal.c) ---- */

struct jp_decimal {
    bool negative;
    char *digits;             /* unscaled value without leading zeros ("0" for zero) */
    size_t n_digits;
    int64_t scale;            /* value = digits x 10^-scale */
};

/* new BigDecimal(String): false when Java throws NumberFormatException. */
bool jp_decimal_parse(const char *s, size_t len, struct jp_decimal *out);
void jp_decimal_free(struct jp_decimal *d);
int jp_decimal_compare(const struct jp_decimal *a, const struct jp_decimal *b);
/* Same value and same scale (BigDecimal.equals). */
bool jp_decimal_equals(const struct jp_decimal *a, const struct jp_decimal *b);
/* BigDecimal.toString: "1.50", "1E+3", "1.2E-7". Appends. */
void jp_decimal_to_string(const struct jp_decimal *d, struct strbuf *out);
/* BigDecimal.intValue: the integer part, its low 32 bits. */
int32_t jp_decimal_int_value(const struct jp_decimal *d);

/* ---- Java's text conventions (jsonpath_java.c) ---- */

/* Double.toString: "1.0", "8.95", "1.0E10", "1.0E-5", "-0.0", "NaN", "Infinity". */
void jp_java_double(double d, struct strbuf *out);
/* new DecimalFormat("#.#") with 1 to 340 fraction digits, Locale.US: "1.5", "1.0E10" ->
 * "10000000000.0". */
void jp_java_decimal_format(double d, struct strbuf *out);
/* String.hashCode over the UTF-16 units of a UTF-8 string. */
int32_t jp_java_string_hash(const char *s, size_t len);
/* String.compareTo: UTF-16 unit order (negative, 0, positive). */
int jp_java_string_compare(const char *a, size_t alen, const char *b, size_t blen);
/* The order java.util.HashMap's copy constructor iterates n distinct keys in (JDK 8 to
 * 17 sizing); order[] gets the indexes. */
void jp_java_hashmap_order(const char *const *keys, const size_t *lens, size_t n, size_t *order);
/* The text Java's toString gives a JSON number (Integer, Long, Double or BigDecimal). */
void jp_java_number(const json_t *v, const struct jp_doc *const *docs, size_t n_docs,
                    struct strbuf *out);
/* The class name of a value, as in Jayway's messages ("java.lang.String", "null"...). */
const char *jp_java_class(const json_t *v, const struct jp_doc *const *docs, size_t n_docs);
/* The text a real keeps (json-smart's BigDecimal), or NULL for a Double. */
const char *jp_doc_number_text(const struct jp_doc *const *docs, size_t n_docs, const json_t *v);
/* Java's String.trim (chars <= ' ') as a new string. */
char *jp_java_trim(const char *s, size_t len, size_t *out_len);
/* Java String.split(regex-free separator c), trailing empty strings removed (a string
 * without separators gives itself, "" gives [""]). Items are malloc'd. */
char **jp_java_split(const char *s, char c, size_t *n);
void jp_split_free(char **items, size_t n);
/* Jayway Utils.unescape: \\ \' \" \r \f \t \n \b \uXXXX; false (with the message in *error,
 * malloc'd) when \u is followed by something Integer.parseInt(x, 16) refuses. */
bool jp_unescape(const char *s, size_t len, struct strbuf *out, char **error);

/* ---- the compiled form (jsonpath_scan.c, _compile.c, _filter.c, _path.c) ---- */

enum jp_token_kind {
    JP_T_ROOT, JP_T_PROPERTY, JP_T_INDEX, JP_T_SLICE, JP_T_WILDCARD, JP_T_SCAN,
    JP_T_PREDICATE, JP_T_FUNCTION,
};

struct jp_name {
    const char *s;
    size_t len;
};

struct jp_path;
struct jp_expr;

struct jp_param {                 /* a function argument */
    bool is_path;
    struct jp_path *path;         /* a path, evaluated on the root document */
    struct jp_path *path_wild;    /* the same with [*] appended (what length() runs) */
    const char *json;             /* JSON text (Jayway parses it at each use; it is read
                                     once here, which gives the same value) */
    struct jp_doc *doc;           /* its value, or NULL when it does not parse */
    const char *doc_error;
};

struct jp_token {
    enum jp_token_kind kind;
    struct jp_token *next, *prev;
    bool upstream_definite;       /* every token before this one is definite */
    char root;                    /* ROOT: '$' or '@' */
    struct jp_name *names;        /* PROPERTY */
    size_t n_names;
    char delim;                   /* PROPERTY: the quote shown in the path's text */
    int32_t *indexes;             /* INDEX */
    size_t n_indexes;
    bool has_from, has_to;        /* SLICE */
    int32_t from, to;
    struct jp_expr **filters;     /* PREDICATE */
    size_t n_filters;
    const char *fn_name;          /* FUNCTION */
    struct jp_param *params;
    size_t n_params;
    bool fn_args_shown;           /* the path's text shows "(...)" */
};

struct jp_path {
    struct jp_token *root, *tail;
    bool root_path;               /* starts with $ (a filter evaluates it on the document) */
    bool definite;                /* Jayway's isDefinite, as it was computed at first use */
    bool function_path;
    const char *tail_prev_fragment;   /* text of the token before the last one */
};

enum jp_node_kind {               /* Jayway's ValueNode classes */
    JP_N_PATH, JP_N_NUMBER, JP_N_STRING, JP_N_BOOL, JP_N_NULL, JP_N_JSON, JP_N_PATTERN,
    JP_N_UNDEFINED,
    JP_N_PATH_TEXT,               /* a string that reads as a path: equal to nothing */
};

struct jp_node {
    enum jp_node_kind kind;
    struct jp_decimal num;        /* NUMBER */
    bool nan;                     /* NUMBER: NumberNode.NAN (a string that is no number) */
    const char *str;              /* STRING */
    size_t len;
    bool b;                       /* BOOL */
    json_t *json;                 /* JSON: the value (parsed), or NULL */
    const char *json_text;        /* JSON: literal text (parsed at each use in Jayway) */
    size_t json_text_len;
    const char *json_error;       /* JSON literal: why it does not parse */
    bool parsed;                  /* JSON: came from a path (compares as a parsed value) */
    void *regex;                  /* PATTERN: pcre2_code */
    struct jp_path *path;         /* PATH */
    bool exists_check, should_exist;
    /* an evaluated node owns these */
    char *owned_str;
    json_t *owned_json;
};

enum jp_op {
    JP_OP_GTE, JP_OP_LTE, JP_OP_EQ, JP_OP_TSEQ, JP_OP_NE, JP_OP_TSNE, JP_OP_LT, JP_OP_GT,
    JP_OP_REGEX, JP_OP_NIN, JP_OP_IN, JP_OP_CONTAINS, JP_OP_ALL, JP_OP_SIZE, JP_OP_EXISTS,
    JP_OP_TYPE, JP_OP_MATCHES, JP_OP_EMPTY, JP_OP_SUBSETOF, JP_OP_ANYOF, JP_OP_NONEOF,
};

enum jp_expr_kind { JP_E_RELATION, JP_E_AND, JP_E_OR, JP_E_NOT };

struct jp_expr {
    enum jp_expr_kind kind;
    struct jp_expr **ops;         /* AND, OR: the operands; NOT: one */
    size_t n_ops;
    struct jp_node *left, *right; /* RELATION */
    enum jp_op op;
};

/* Java exceptions, by what catches them. */
enum jp_exc {
    JP_EXC_NONE,
    JP_EXC_PATH_NOT_FOUND,        /* PathNotFoundException (an InvalidPathException) */
    JP_EXC_INVALID_PATH,          /* InvalidPathException */
    JP_EXC_JSONPATH,              /* JsonPathException, InvalidJsonException */
    JP_EXC_INDEX,                 /* IndexOutOfBoundsException */
    JP_EXC_OTHER,                 /* anything else (cls names it) */
};

/* The compiler's state (jsonpath_scan.c): an arena for everything compiled, the handler
 * an exception unwinds to, and what the compiled path keeps besides the arena. */
struct jp_compiler {
    struct arena *arena;
    void *handler;                /* jmp_buf * of the nearest jp_compiler_try */
    enum jp_exc kind;             /* the exception in flight */
    const char *cls;              /* its Java class when not one of Jayway's */
    const char *message;
    struct ptrvec regexes;        /* pcre2_code * of the filters */
    struct ptrvec docs;           /* struct jp_doc * of the JSON literals */
    unsigned depth;               /* paths being compiled inside each other */
    unsigned tokens;              /* tokens being read inside each other */
};

void *jp_compiler_alloc(struct jp_compiler *c, size_t size);
char *jp_compiler_strndup(struct jp_compiler *c, const char *s, size_t len);
_Noreturn void jp_compiler_throw(struct jp_compiler *c, enum jp_exc kind, const char *cls,
                                 const char *fmt, ...) PRINTF_LIKE(4, 5);
/* Runs fn(c, arg) catching exceptions: returns false when one was thrown; then *kind,
 * *cls and *message describe it (message in the compiler's memory). */
bool jp_compiler_try(struct jp_compiler *c, void (*fn)(struct jp_compiler *, void *), void *arg,
                     enum jp_exc *kind, const char **cls, const char **message);
void jp_compiler_keep_regex(struct jp_compiler *c, void *code);
void jp_compiler_keep_doc(struct jp_compiler *c, struct jp_doc *doc);
/* Growable text and pointer lists in the compiler's arena (an exception can not leak them). */
struct jp_abuf {
    char *s;                      /* NUL-terminated once something was added */
    size_t len, cap;
};
void jp_abuf_addc(struct jp_compiler *c, struct jp_abuf *b, char ch);
struct jp_alist {
    void **items;
    size_t len, cap;
};
void jp_alist_push(struct jp_compiler *c, struct jp_alist *l, void *item);

/* Jayway's CharacterIndex over s[0..len): inside are positions pos..end. */
struct jp_ci {
    struct jp_compiler *c;
    const char *s;
    int len;
    int pos, end;
};
_Noreturn void jp_ci_fail(struct jp_ci *x, const char *fmt, ...) PRINTF_LIKE(2, 3);
char jp_ci_at(struct jp_ci *x, int i);                 /* charAt: throws past the text */
bool jp_ci_in_bounds(const struct jp_ci *x, int i);
char jp_ci_cur(struct jp_ci *x);
bool jp_ci_cur_is(struct jp_ci *x, char c);
bool jp_ci_next_is(struct jp_ci *x, char c);
bool jp_ci_is_tail(const struct jp_ci *x);
bool jp_ci_has_more(const struct jp_ci *x);
int jp_ci_next_significant_index(struct jp_ci *x, int start, char c);
bool jp_ci_next_significant_is(struct jp_ci *x, int start, char c);
char jp_ci_next_significant(struct jp_ci *x, int start);
int jp_ci_next_index_of(struct jp_ci *x, int start, char c);
int jp_ci_next_unescaped(struct jp_ci *x, int start, char c);
int jp_ci_matching_close(struct jp_ci *x, int start, char open, char close, bool strings,
                         bool regex);
void jp_ci_trim(struct jp_ci *x);
char *jp_ci_sub(struct jp_ci *x, int from, int to);   /* subSequence, in the arena */
void jp_ci_skip_blanks(struct jp_ci *x);
void jp_ci_read_significant(struct jp_ci *x, char c);
bool jp_ci_has_significant(struct jp_ci *x, const char *s);
int jp_ci_previous_significant_index(struct jp_ci *x, int start);
char jp_ci_previous_significant(struct jp_ci *x, int start);

/* PathCompiler.compile(String): trims, adds "$." when the text does not start with $ or @.
 * Errors unwind to the compiler's handler. */
struct jp_path *jp_compile_path(struct jp_compiler *c, const char *text, size_t len);
/* FilterCompiler.compile("[?(...)]"). */
struct jp_expr *jp_compile_filter(struct jp_compiler *c, const char *text, size_t len);
/* Definiteness, the length() copies and the "$..x.fn()" rewrite of a freshly read path. */
struct jp_path *jp_path_finish(struct jp_compiler *c, struct jp_path *p);
/* The compiled form of a path, and the JSON literals it holds (for number texts). */
const struct jp_path *jp_path_of(const struct jsonpath *p, const struct jp_doc *const **docs,
                                 size_t *n_docs);
/* Position in UTF-16 units of byte offset i of s (for messages). */
int jp_u16_pos(const char *s, int i);
/* Jayway's isTokenDefinite: the token selects at most one value. */
bool jp_token_definite(const struct jp_token *t);
/* The fragment of one token ("['a']", "[0]", "[*]", "..", "[?]", ".length()"). */
void jp_token_fragment(const struct jp_token *t, struct strbuf *out);

/* ---- evaluation (jsonpath_eval.c, jsonpath_predicate.c, jsonpath_functions.c) ---- */

struct jp_session;

/* A list of values (owned references). */
struct jp_values {
    json_t **items;
    size_t n, cap;
};
void jp_values_push(struct jp_values *v, json_t *value);     /* takes a new reference */
void jp_values_free(struct jp_values *v);

/* CompiledPath.evaluate(document, root) then getValue(): the value (a new reference; for
 * an indefinite path a new array of the matches), or NULL with the session's exception
 * set. require_properties is Option.REQUIRE_PROPERTIES. */
json_t *jp_evaluate_value(const struct jp_path *p, json_t *document, json_t *root,
                          bool require_properties, struct jp_session *s);
/* The matches alone. */
bool jp_evaluate(const struct jp_path *p, json_t *document, json_t *root,
                 bool require_properties, struct jp_session *s, struct jp_values *out);
/* Sets the session's exception; returns false for "return false" chains. */
bool jp_throw(struct jp_session *s, enum jp_exc kind, const char *cls, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
enum jp_exc jp_exception(const struct jp_session *s);
void jp_clear_exception(struct jp_session *s);
/* One more unit of work; false (with an exception) past the limit. */
bool jp_work(struct jp_session *s);
/* The documents numbers are looked up in. */
const struct jp_doc *const *jp_session_docs(const struct jp_session *s, size_t *n);
/* The element index a deep scan last handed to token t (Jayway's upstreamArrayIndex), -1
 * when it never did. */
int jp_session_upstream(const struct jp_session *s, const struct jp_token *t);
void jp_session_set_upstream(struct jp_session *s, const struct jp_token *t, int index);
/* Root-path results cached for the read (Jayway caches them per evaluation); cached
 * returns a new reference or NULL. */
json_t *jp_session_cached(struct jp_session *s, const struct jp_path *p);
void jp_session_cache(struct jp_session *s, const struct jp_path *p, json_t *value);

/* A filter on one item: 1 accepted, 0 not, -1 an exception escaped. */
int jp_filter_apply(const struct jp_expr *e, json_t *item, json_t *root, struct jp_session *s);
/* A function token on a model: the result (new reference) or NULL with the exception. */
json_t *jp_function_invoke(const struct jp_token *t, json_t *model, json_t *root,
                           struct jp_session *s);

#endif
