/* sample.h - one sample result, as JMeter's SampleResult.
 *
 * A sampler produces a sample; post-processors and assertions read it and may
 * fail it; then it goes to the results writer (JTL), the statistics and the
 * summariser. Field meanings follow the digest §5.7 and §10.3 exactly: the JTL
 * columns are computed from these fields and nothing else. Sub-samples
 * (redirect hops, embedded resources, transaction children) hang below their
 * parent. All strings are owned by the sample unless noted. */
#ifndef JMX2RUN_SAMPLE_H
#define JMX2RUN_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/util.h"

struct assertion_result {
    char *name;             /* the assertion's name */
    bool failure;           /* the check failed */
    bool error;             /* the check could not be made (e.g. invalid regex) */
    char *message;          /* failure or error message; NULL when it passed */
};

enum sample_origin {
    SAMPLE_FROM_SAMPLER,          /* an ordinary sampler */
    SAMPLE_FROM_TRANSACTION,      /* a Transaction Controller's generated sample */
};

struct sample {
    char *label;                  /* evaluated sampler name; sub-samples "<label>-<n>" */
    int64_t start_ms;             /* epoch ms at start: the JTL timeStamp */
    int64_t end_ms;               /* epoch ms at end */
    int64_t intended_start_ms;    /* epoch ms the pacing meant it to start (throughput
                                     timers, arrivals); 0 = not paced. Not a JTL column:
                                     the statistics use it for coordinated omission */
    int64_t elapsed_ms;           /* end - start - idle */
    int64_t latency_ms;           /* to the first byte of the body (or the end when none) */
    int64_t connect_ms;           /* connection set-up; 0 on a reused connection */
    int64_t idle_ms;              /* time excluded from elapsed (transactions) */
    int64_t bytes;                /* received on the wire: status line, headers, body as sent */
    int64_t sent_bytes;           /* written on the wire: request line, headers, body */
    char *response_code;          /* "200", or "Non HTTP response code: <class>" */
    char *response_message;       /* "OK", or "Non HTTP response message: <text>" */
    bool success;
    const char *data_type;        /* "text", "bin" or "" (static strings) */
    char *url;                    /* NULL: no URL (the JTL prints "null") */
    char *method;                 /* HTTP method, NULL for non-HTTP samples */
    const char *thread_name;      /* "<group> <g>-<t>", owned by the virtual user */
    int grp_threads;              /* active threads of the group when the sample ended */
    int all_threads;              /* active threads of the test when the sample ended */
    int sample_count;             /* 1 (SampleCount column) */
    int error_count;              /* 0 or 1 (ErrorCount column) */
    enum sample_origin origin;
    bool parent_transaction;      /* a parent-mode Transaction Controller sample */

    char *content_type;           /* response Content-Type value, NULL when absent */
    char *encoding;               /* response charset ("" when unknown) */
    struct strbuf response_headers;   /* status line and headers, each line ending in "\n" */
    struct strbuf request_headers;    /* request headers as sent, "Name: value\n" each */
    struct strbuf request_data;       /* JMeter's sampler data: "GET url\n\n<body>" */
    struct strbuf body;               /* response body, decoded; may be cut at the body limit */
    int64_t body_size;                /* full decoded body size, even when body was cut */

    struct assertion_result *assertions;
    size_t n_assertions;
    struct sample **subs;         /* sub-samples in order */
    size_t n_subs;
    bool packed;                  /* one block with its texts (sample_pack): read-only */
};

struct sample *sample_new(void);
void sample_free(struct sample *s);
void sample_set_label(struct sample *s, const char *label);
void sample_add_sub(struct sample *parent, struct sample *sub);
/* Adds an assertion result; a failure or error makes the sample unsuccessful. */
void sample_add_assertion(struct sample *s, const char *name, bool failure, bool error,
                          const char *message);
/* The JTL failureMessage: first assertion result with a message, or "". */
const char *sample_failure_message(const struct sample *s);
/* A failed sample for a transport error (digest §5.8). */
void sample_set_non_http_error(struct sample *s, const char *exception_class,
                               const char *message);
/* "text", "bin" or "" from a Content-Type value (digest §5.7). */
const char *sample_data_type_for(const char *content_type);
/* Frees bodies and headers once post-processing is over (results keep the columns only). */
void sample_drop_payload(struct sample *s);
/* A read-only copy of s in one allocation, its texts and assertion results
 * inside it, for the trip to the results writer: the writer then reads a few
 * neighbouring cache lines instead of a dozen scattered ones, and freeing it
 * is one call. NULL when s keeps a payload or has sub-samples (sent as is).
 * sample_free() frees a packed sample too. */
struct sample *sample_pack(const struct sample *s);

#endif
