/* plan_elements.h - typed payloads of plan nodes (plan_node.data), per kind.
 *
 * Builders in src/plan/elements/ fill these from element properties with
 * JMeter's defaults and conversion rules (digest §1.3 and the element
 * sections). Strings that may hold "${...}" are compiled templates, evaluated
 * by the runner when JMeter would evaluate them (digest §9.2); flags and
 * enumerations are plain values. Field comments give the JMeter property;
 * assert_field_word gives the word JMeter's messages use for a tested field. */
#ifndef JMX2RUN_PLAN_ELEMENTS_H
#define JMX2RUN_PLAN_ELEMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include "jmx2run/expr.h"

/* ------------------------------------------------------------------ test plan */

struct plan_test_plan {
    bool functional_mode;          /* TestPlan.functional_mode */
    bool serialize_threadgroups;   /* TestPlan.serialize_threadgroups */
    bool teardown_on_shutdown;     /* TestPlan.tearDown_on_shutdown (absent: false) */
    const char *comments;          /* TestPlan.comments */
};

/* -------------------------------------------------------------- thread groups */

enum tg_phase { TG_PHASE_SETUP, TG_PHASE_MAIN, TG_PHASE_TEARDOWN };

enum on_sample_error {            /* ThreadGroup.on_sample_error */
    ON_ERROR_CONTINUE,
    ON_ERROR_START_NEXT_LOOP,
    ON_ERROR_STOP_THREAD,
    ON_ERROR_STOP_TEST,
    ON_ERROR_STOP_TEST_NOW,
};

struct tg_stepping {              /* kg.apc SteppingThreadGroup, digest §3.6 */
    struct tmpl *initial_delay;   /* "Threads initial delay" (s) */
    struct tmpl *start_burst;     /* "Start users count burst" */
    struct tmpl *start_count;     /* "Start users count" */
    struct tmpl *start_period;    /* "Start users period" (s) */
    struct tmpl *ramp_up;         /* "rampUp" (s) */
    struct tmpl *flight_time;     /* "flighttime" (s) */
    struct tmpl *stop_count;      /* "Stop users count" */
    struct tmpl *stop_period;     /* "Stop users period" (s) */
};

struct tg_ultimate_row {          /* one row of ultimatethreadgroupdata */
    struct tmpl *threads, *initial_delay, *startup_time, *hold, *shutdown_time;
};

struct tg_ultimate {
    struct tg_ultimate_row *rows;
    size_t n_rows;
};

struct tg_concurrency {           /* bzm Concurrency / Arrivals / Free-Form Arrivals */
    struct tmpl *target_level;    /* TargetLevel: threads (concurrency) or arrivals per unit */
    struct tmpl *ramp_up;         /* RampUp */
    struct tmpl *steps;           /* Steps */
    struct tmpl *hold;            /* Hold */
    char unit;                    /* Unit: 'S' seconds or 'M' minutes */
    struct tmpl *iterations;      /* Iterations (per-thread limit; empty = unlimited) */
    struct tmpl *concurrency_limit;   /* ConcurrencyLimit (arrivals) */
    struct tmpl *schedule;        /* Schedule (free-form arrivals: rows "from,to,duration") */
    const char *log_filename;     /* LogFilename */
};

struct tg_open_model {            /* OpenModelThreadGroup, digest §3.5 */
    struct tmpl *schedule;        /* OpenModelThreadGroup.schedule */
    struct tmpl *random_seed;     /* OpenModelThreadGroup.random_seed */
};

struct plan_thread_group {
    enum tg_phase phase;
    int group_number;             /* 1-based among enabled groups of the same phase */
    const char *idx_var;          /* "__jm__<name>__idx" */
    struct tmpl *num_threads;     /* ThreadGroup.num_threads */
    struct tmpl *ramp_time;       /* ThreadGroup.ramp_time (s) */
    struct tmpl *loops;           /* main_controller LoopController.loops (-1 = forever) */
    bool continue_forever;        /* main_controller LoopController.continue_forever */
    bool scheduler;               /* ThreadGroup.scheduler */
    struct tmpl *duration;        /* ThreadGroup.duration (s) */
    struct tmpl *delay;           /* ThreadGroup.delay (s) */
    bool delayed_start;           /* ThreadGroup.delayedStart */
    bool same_user_on_next_iteration;   /* ThreadGroup.same_user_on_next_iteration (absent: true) */
    enum on_sample_error on_error;
    struct tg_stepping *stepping;       /* set for the plugin kinds only */
    struct tg_ultimate *ultimate;
    struct tg_concurrency *concurrency;
    struct tg_open_model *open_model;
};

/* ---------------------------------------------------------------- controllers */

struct plan_loop_controller {
    struct tmpl *loops;           /* LoopController.loops: -1 forever, 0/empty/bad = never */
    bool continue_forever;        /* LoopController.continue_forever (absent: true) */
    const char *idx_var;          /* "__jm__<name>__idx" */
};

struct plan_while_controller {
    struct tmpl *condition;       /* WhileController.condition ("" = until a sample fails, "LAST") */
    const char *idx_var;
};

struct plan_foreach_controller {
    struct tmpl *input_prefix;    /* ForeachController.inputVal */
    struct tmpl *return_var;      /* ForeachController.returnVal */
    bool use_separator;           /* ForeachController.useSeparator (absent: true) */
    struct tmpl *start_index;     /* ForeachController.startIndex (exclusive) */
    struct tmpl *end_index;       /* ForeachController.endIndex (inclusive; empty = no end) */
    const char *idx_var;
};

struct plan_if_controller {
    struct tmpl *condition;       /* IfController.condition */
    bool use_expression;          /* IfController.useExpression (absent: false = JavaScript) */
    bool evaluate_all;            /* IfController.evaluateAll */
};

struct plan_transaction_controller {
    bool parent_sample;           /* TransactionController.parent */
    bool include_timers;          /* TransactionController.includeTimers (absent: true) */
};

struct plan_interleave_controller {   /* also the Random Controller */
    int style;                    /* InterleaveControl.style: 1 = child controller is one block,
                                     0 (absent) = one sampler at a time */
    bool across_threads;          /* InterleaveControl.accrossThreads (sic) */
};

enum throughput_style { THROUGHPUT_TOTAL = 0, THROUGHPUT_PERCENT = 1 };

struct plan_throughput_controller {
    enum throughput_style style;  /* ThroughputController.style */
    bool per_thread;              /* ThroughputController.perThread (absent: true) */
    struct tmpl *max_throughput;  /* ThroughputController.maxThroughput (absent: 1) */
    struct tmpl *percent;         /* ThroughputController.percentThroughput (absent: 100) */
};

struct plan_runtime_controller {
    struct tmpl *seconds;         /* RunTime.seconds */
};

struct plan_switch_controller {
    struct tmpl *value;           /* SwitchController.value */
};

struct plan_critical_section {
    struct tmpl *lock_name;       /* CriticalSectionController.lockName (absent: global_lock) */
};

/* ------------------------------------------------------------------- samplers */

struct plan_http_arg {            /* HTTPArgument */
    struct tmpl *name;            /* Argument.name */
    struct tmpl *value;           /* Argument.value */
    const char *metadata;         /* Argument.metadata: inserted between name and value ("" when absent) */
    bool always_encode;           /* HTTPArgument.always_encode (absent: false) */
    struct tmpl *content_type;    /* HTTPArgument.content_type (multipart part type; NULL = text/plain) */
    bool enabled;                 /* the element's enabled attribute (JMeter 6 skips disabled rows) */
    bool from_defaults;           /* appended by HTTP Request Defaults */
};

struct plan_http_file {           /* HTTPFileArg */
    struct tmpl *path;            /* File.path */
    struct tmpl *param_name;      /* File.paramname */
    struct tmpl *mime_type;       /* File.mimetype */
};

/* An HTTP Request after HTTP Request Defaults were merged in (digest §2.6a). */
struct plan_http_sampler {
    struct tmpl *protocol;        /* HTTPSampler.protocol ("" -> http) */
    struct tmpl *domain;          /* HTTPSampler.domain */
    struct tmpl *port;            /* HTTPSampler.port ("" -> protocol default) */
    struct tmpl *path;            /* HTTPSampler.path (may be a full URL) */
    struct tmpl *method;          /* HTTPSampler.method (absent -> GET; present but empty fails) */
    struct tmpl *content_encoding;    /* HTTPSampler.contentEncoding */
    bool follow_redirects;        /* HTTPSampler.follow_redirects (absent: false) */
    bool auto_redirects;          /* HTTPSampler.auto_redirects (absent: false) */
    bool use_keepalive;           /* HTTPSampler.use_keepalive (absent: false -> Connection: close) */
    bool do_multipart;            /* HTTPSampler.DO_MULTIPART_POST */
    bool browser_compatible_multipart;   /* HTTPSampler.BROWSER_COMPATIBLE_MULTIPART */
    bool post_body_raw;           /* HTTPSampler.postBodyRaw */
    bool image_parser;            /* HTTPSampler.image_parser: fetch embedded resources */
    bool concurrent_download;     /* HTTPSampler.concurrentDwn */
    struct tmpl *concurrent_pool; /* HTTPSampler.concurrentPool (absent: 6) */
    struct tmpl *embedded_url_re;         /* HTTPSampler.embedded_url_re */
    struct tmpl *embedded_url_exclude_re; /* HTTPSampler.embedded_url_exclude_re */
    struct tmpl *connect_timeout; /* HTTPSampler.connect_timeout (ms) */
    struct tmpl *response_timeout;/* HTTPSampler.response_timeout (ms, per read) */
    bool md5;                     /* HTTPSampler.md5 */
    struct tmpl *implementation;  /* HTTPSampler.implementation */
    struct tmpl *ip_source;       /* HTTPSampler.ipSource */
    int ip_source_type;           /* HTTPSampler.ipSourceType */
    struct tmpl *proxy_scheme, *proxy_host, *proxy_port, *proxy_user, *proxy_pass;
    struct plan_http_arg *args;   /* HTTPsampler.Arguments: own, then each Defaults' (innermost first) */
    size_t n_args;
    struct plan_http_file *files; /* HTTPsampler.Files */
    size_t n_files;
};

struct plan_debug_sampler {
    bool jmeter_properties;       /* displayJMeterProperties (absent: false) */
    bool jmeter_variables;        /* displayJMeterVariables (absent: true) */
    bool system_properties;       /* displaySystemProperties (absent: false) */
};

enum flow_action {                /* ActionProcessor.action */
    FLOW_STOP = 0, FLOW_PAUSE = 1, FLOW_STOP_NOW = 2, FLOW_START_NEXT_THREAD_LOOP = 3,
    FLOW_START_NEXT_ITERATION = 4, FLOW_BREAK_LOOP = 5,
};

struct plan_flow_control_action {
    enum flow_action action;
    int target;                   /* ActionProcessor.target: 0 current thread, 2 all threads */
    struct tmpl *duration;        /* ActionProcessor.duration (ms, for pause) */
};

struct plan_name_value {
    const char *name;
    struct tmpl *value;
};

struct plan_java_request {
    const char *classname;        /* classname */
    bool builtin_java_test;       /* org.apache.jmeter.protocol.java.test.JavaTest */
    struct plan_name_value *args; /* arguments: Sleep_Time, Sleep_Mask, Label, ResponseCode, ... */
    size_t n_args;
};

struct plan_dummy_sampler {       /* kg.apc DummySampler */
    bool successful;              /* SUCCESFULL (sic) */
    bool simulate_waiting;        /* WAITING */
    struct tmpl *response_code, *response_message, *response_data, *request_data;
    struct tmpl *response_time, *latency, *connect, *url;
};

/* --------------------------------------------------------------------- config */

struct plan_node;

struct plan_header {              /* Header: Header.name / Header.value */
    struct tmpl *name;
    struct tmpl *value;
    const struct plan_node *from; /* the Header Manager it came from */
};

struct plan_header_manager {
    struct plan_header *headers;  /* HeaderManager.headers, document order */
    size_t n_headers;
};

struct plan_cookie {
    const char *name;
    struct tmpl *value;
    const char *domain, *path;
    bool secure;
    long long expires;            /* seconds since epoch, 0 = session */
    bool path_specified, domain_specified;
};

struct plan_cookie_manager {
    struct plan_cookie *cookies;  /* CookieManager.cookies */
    size_t n_cookies;
    bool clear_each_iteration;    /* CookieManager.clearEachIteration */
    bool controlled_by_thread_group;  /* CookieManager.controlledByThreadGroup */
    const char *policy;           /* CookieManager.policy (absent: standard) */
    const char *implementation;   /* CookieManager.implementation */
};

struct plan_cache_manager {
    bool clear_each_iteration;    /* clearEachIteration */
    bool use_expires;             /* useExpires */
    long long max_size;           /* maxSize (absent: 5000) */
    bool controlled_by_thread;    /* CacheManager.controlledByThread */
};

enum auth_mechanism { AUTH_BASIC, AUTH_DIGEST, AUTH_KERBEROS };

struct plan_auth_entry {
    struct tmpl *url, *username, *password, *domain, *realm;
    enum auth_mechanism mechanism;
};

struct plan_auth_manager {
    struct plan_auth_entry *entries;  /* AuthManager.auth_list */
    size_t n_entries;
    bool clear_each_iteration;
    bool controlled_by_thread_group;
};

struct plan_dns_cache_manager {
    const char **servers;         /* DNSCacheManager.servers */
    size_t n_servers;
    struct plan_name_value *hosts;    /* DNSCacheManager.hosts: StaticHost.Name -> StaticHost.Address */
    size_t n_hosts;
    bool custom_resolver;         /* DNSCacheManager.isCustomResolver */
    bool clear_each_iteration;
};

struct plan_csv_data_set {
    struct tmpl *filename;        /* filename (relative to the plan) */
    struct tmpl *file_encoding;   /* fileEncoding */
    struct tmpl *variable_names;  /* variableNames ("" -> header line) */
    bool ignore_first_line;       /* ignoreFirstLine */
    struct tmpl *delimiter;       /* delimiter ("\t" = tab, "" -> ",") */
    bool quoted_data;             /* quotedData */
    bool recycle;                 /* recycle (absent: true) */
    bool stop_thread;             /* stopThread */
    struct tmpl *share_mode;      /* shareMode (absent: shareMode.all) */
};

struct plan_counter {
    struct tmpl *start, *end, *increment;  /* CounterConfig.start / .end / .incr */
    const char *var_name;         /* CounterConfig.name */
    struct tmpl *format;          /* CounterConfig.format (DecimalFormat) */
    bool per_user;                /* CounterConfig.per_user */
    bool reset_on_tg_iteration;   /* CounterConfig.reset_on_tg_iteration */
};

struct plan_random_variable {
    const char *var_name;         /* variableName */
    struct tmpl *output_format;   /* outputFormat */
    struct tmpl *minimum, *maximum;   /* minimumValue (absent: 1) / maximumValue */
    struct tmpl *seed;            /* randomSeed ("" = random) */
    bool per_thread;              /* perThread */
};

/* ------------------------------------------------------------- pre-processors */

struct plan_user_parameters {
    const char **names;           /* UserParameters.names */
    size_t n_names;
    struct tmpl ***columns;       /* UserParameters.thread_values: columns[user][name] */
    size_t n_columns;             /* number of users (columns) */
    bool per_iteration;           /* UserParameters.per_iteration */
};

/* --------------------------------------------------------------------- timers */

struct plan_constant_timer {
    struct tmpl *delay;           /* ConstantTimer.delay (ms) */
};

struct plan_random_timer {        /* Uniform, Gaussian and Poisson random timers */
    struct tmpl *delay;           /* ConstantTimer.delay: offset (ms) */
    struct tmpl *range;           /* RandomTimer.range: range / deviation / lambda (ms) */
};

enum throughput_calc_mode {       /* ConstantThroughputTimer.calcMode, digest §7 */
    CTT_THIS_THREAD = 0,
    CTT_ALL_ACTIVE_THREADS = 1,
    CTT_ALL_ACTIVE_IN_GROUP = 2,
    CTT_ALL_ACTIVE_SHARED = 3,
    CTT_ALL_ACTIVE_IN_GROUP_SHARED = 4,
};

struct plan_constant_throughput_timer {
    struct tmpl *throughput;      /* throughput (samples per minute) */
    enum throughput_calc_mode calc_mode;
};

struct plan_precise_throughput_timer {
    struct tmpl *throughput, *throughput_period, *duration, *batch_size, *batch_thread_delay;
    struct tmpl *exact_limit, *allowed_surplus, *random_seed;
};

struct plan_sync_timer {
    struct tmpl *group_size;      /* groupSize (0 -> all threads of the group) */
    struct tmpl *timeout_ms;      /* timeoutInMs (0 = forever) */
};

/* ------------------------------------------------------------ post-processors */

enum extract_field {              /* RegexExtractor.useHeaders and friends */
    FIELD_BODY,                   /* false */
    FIELD_RESPONSE_HEADERS,       /* true */
    FIELD_REQUEST_HEADERS,        /* request_headers */
    FIELD_BODY_UNESCAPED,         /* unescaped */
    FIELD_BODY_AS_DOCUMENT,       /* as_document */
    FIELD_URL,                    /* URL */
    FIELD_RESPONSE_CODE,          /* code */
    FIELD_RESPONSE_MESSAGE,       /* message */
};

enum sample_scope {               /* Sample.scope / Assertion.scope */
    SCOPE_PARENT,                 /* main sample only (default) */
    SCOPE_CHILDREN,               /* sub-samples only */
    SCOPE_ALL,                    /* main and sub-samples */
    SCOPE_VARIABLE,               /* the variable named by Scope.variable */
};

struct plan_sample_scope {
    enum sample_scope scope;
    struct tmpl *variable;        /* Scope.variable */
};

struct plan_regex_extractor {
    enum extract_field field;
    struct tmpl *refname, *regex, *template_, *match_number, *default_value;
    bool default_empty_value;     /* RegexExtractor.default_empty_value */
    struct plan_sample_scope scope;
};

struct plan_json_extractor {
    struct tmpl *reference_names; /* ';'-separated, split after evaluation */
    struct tmpl *json_path_exprs;
    struct tmpl *match_numbers;
    struct tmpl *default_values;
    bool compute_concat;          /* JSONPostProcessor.compute_concat */
    struct plan_sample_scope scope;
};

struct plan_boundary_extractor {
    enum extract_field field;
    struct tmpl *refname, *left, *right, *match_number, *default_value;
    bool default_empty_value;
    struct plan_sample_scope scope;
};

struct plan_xpath_extractor {
    struct tmpl *refname, *query, *default_value, *match_number;   /* match absent -> "-1" */
    bool fragment, tolerant, namespaces, validate, whitespace, quiet, report_errors,
         show_warnings, download_dtds;
    struct plan_sample_scope scope;
};

struct plan_css_extractor {
    struct tmpl *refname, *expr, *attribute, *default_value, *match_number;
    bool default_empty_value;
    const char *implementation;   /* HtmlExtractor.extractor_impl: "", JSOUP or JODD */
    struct plan_sample_scope scope;
};

enum result_action {              /* OnError.action, digest §8.7 */
    RESULT_ACTION_CONTINUE = 0,
    RESULT_ACTION_STOP_THREAD = 1,
    RESULT_ACTION_STOP_TEST = 2,
    RESULT_ACTION_STOP_TEST_NOW = 3,
    RESULT_ACTION_START_NEXT_THREAD_LOOP = 4,
    RESULT_ACTION_START_NEXT_ITERATION = 5,
    RESULT_ACTION_BREAK_LOOP = 6,
};

struct plan_result_action {
    enum result_action action;
};

/* ----------------------------------------------------------------- assertions */

enum assert_field {               /* Assertion.test_field */
    ASSERT_FIELD_RESPONSE_DATA,
    ASSERT_FIELD_DOCUMENT,
    ASSERT_FIELD_RESPONSE_CODE,
    ASSERT_FIELD_RESPONSE_MESSAGE,
    ASSERT_FIELD_RESPONSE_HEADERS,
    ASSERT_FIELD_REQUEST_HEADERS,
    ASSERT_FIELD_REQUEST_DATA,
    ASSERT_FIELD_URL,             /* Assertion.sample_label and anything unknown */
};

/* The word JMeter's failure messages use for the field: "text", "code",
 * "request headers", "URL"... */
const char *assert_field_word(enum assert_field field);

enum assert_test_type {           /* Assertion.test_type bits */
    ASSERT_MATCHES = 1,
    ASSERT_CONTAINS = 2,
    ASSERT_NOT = 4,
    ASSERT_EQUALS = 8,
    ASSERT_SUBSTRING = 16,
    ASSERT_OR = 32,
};

struct plan_response_assertion {
    enum assert_field field;
    int test_type;                /* bit set (absent: 2 = contains) */
    struct tmpl **patterns;       /* Asserion.test_strings (sic) */
    size_t n_patterns;
    bool assume_success;          /* Assertion.assume_success */
    struct tmpl *custom_message;  /* Assertion.custom_message */
    struct plan_sample_scope scope;
};

struct plan_duration_assertion {
    struct tmpl *duration;        /* DurationAssertion.duration (ms) */
    struct plan_sample_scope scope;
};

enum size_operator { SIZE_EQ = 1, SIZE_NE = 2, SIZE_GT = 3, SIZE_LT = 4, SIZE_GE = 5, SIZE_LE = 6 };
enum size_field { SIZE_FIELD_NETWORK, SIZE_FIELD_HEADERS, SIZE_FIELD_BODY, SIZE_FIELD_CODE, SIZE_FIELD_MESSAGE };

struct plan_size_assertion {
    struct tmpl *size;            /* SizeAssertion.size */
    enum size_operator op;        /* SizeAssertion.operator */
    enum size_field field;        /* Assertion.test_field */
    struct plan_sample_scope scope;
};

struct plan_json_assertion {
    struct tmpl *json_path;       /* JSON_PATH */
    struct tmpl *expected_value;  /* EXPECTED_VALUE */
    bool json_validation;         /* JSONVALIDATION: compare the value too */
    bool expect_null;             /* EXPECT_NULL */
    bool invert;                  /* INVERT */
    bool is_regex;                /* ISREGEX (absent: true) */
};

struct plan_xpath_assertion {
    struct tmpl *xpath;           /* XPath.xpath */
    bool negate, tolerant, namespaces, validate, whitespace, quiet, report_errors,
         show_warnings, download_dtds;
    struct plan_sample_scope scope;
};

#endif
