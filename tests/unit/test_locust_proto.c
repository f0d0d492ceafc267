/* test_locust_proto.c - the Locust worker's messages (src/worker): msgpack
 * encoding of what a worker sends (frames read back with msgpack-c, strings
 * must be str and never bin), decoding of what a master sends (spawn with
 * parsed_options of every type, ack, stop, unknown types, malformed frames),
 * Locust's response-time rounding, the statistics deltas, and the class
 * names against the emitted locustfile. When Debian's python3-msgpack and
 * python3-locust are there, the encoded statistics are also read by Locust's
 * own code (StatsEntry.unserialize / extend) and the rounding is compared
 * with Python's round(). */
#include <msgpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jmx2run/cli.h"
#include "jmx2run/jmx.h"
#include "jmx2run/locust_worker.h"
#include "jmx2run/plan.h"
#include "jmx2run/util.h"
#include "support/testutil.h"

/* ------------------------------------------------------------ helpers */

struct frame {
    msgpack_unpacked u;
    const msgpack_object *type, *data, *node;
};

static bool frame_read(struct frame *f, const struct strbuf *bytes)
{
    msgpack_unpacked_init(&f->u);
    size_t off = 0;
    if (msgpack_unpack_next(&f->u, bytes->s, bytes->len, &off) != MSGPACK_UNPACK_SUCCESS ||
        off != bytes->len)
        return false;
    const msgpack_object *root = &f->u.data;
    if (root->type != MSGPACK_OBJECT_ARRAY || root->via.array.size != 3)
        return false;
    f->type = &root->via.array.ptr[0];
    f->data = &root->via.array.ptr[1];
    f->node = &root->via.array.ptr[2];
    return true;
}

static void frame_free(struct frame *f)
{
    msgpack_unpacked_destroy(&f->u);
}

static bool obj_is_str(const msgpack_object *o, const char *s)
{
    return o && o->type == MSGPACK_OBJECT_STR && o->via.str.size == strlen(s) &&
           memcmp(o->via.str.ptr, s, o->via.str.size) == 0;
}

static const msgpack_object *get(const msgpack_object *map, const char *key)
{
    if (!map || map->type != MSGPACK_OBJECT_MAP)
        return NULL;
    for (uint32_t i = 0; i < map->via.map.size; i++)
        if (obj_is_str(&map->via.map.ptr[i].key, key))
            return &map->via.map.ptr[i].val;
    return NULL;
}

static int64_t int_of(const msgpack_object *o)
{
    if (!o)
        return -999999;
    if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
        return (int64_t)o->via.u64;
    if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
        return o->via.i64;
    return -999999;
}

/* Every string anywhere in the object is a msgpack str, none a bin. */
static bool no_bin(const msgpack_object *o)
{
    switch (o->type) {
    case MSGPACK_OBJECT_BIN:
        return false;
    case MSGPACK_OBJECT_ARRAY:
        for (uint32_t i = 0; i < o->via.array.size; i++)
            if (!no_bin(&o->via.array.ptr[i]))
                return false;
        return true;
    case MSGPACK_OBJECT_MAP:
        for (uint32_t i = 0; i < o->via.map.size; i++)
            if (!no_bin(&o->via.map.ptr[i].key) || !no_bin(&o->via.map.ptr[i].val))
                return false;
        return true;
    default:
        return true;
    }
}

static int write_sb(void *data, const char *buf, size_t len)
{
    strbuf_addn(data, buf, len);
    return 0;
}

static void pk_str(msgpack_packer *pk, const char *s)
{
    msgpack_pack_str_with_body(pk, s, strlen(s));
}

/* Python with msgpack and locust (Debian's), or NULL. */
static const char *locust_python(void)
{
    static int state;   /* 0 unknown, 1 yes, 2 no */
    if (!state)
        state = test_run_command("/usr/bin/python3 -c 'import msgpack, locust.stats' "
                                 ">/dev/null 2>&1", NULL, NULL) == 0 ? 1 : 2;
    return state == 1 ? "/usr/bin/python3" : NULL;
}

/* ------------------------------------------------------- worker -> master */

static void test_client_ready(void)
{
    struct strbuf b;
    strbuf_init(&b);
    lp_encode_client_ready(&b, "host_0123456789abcdef0123456789abcdef");
    struct frame f;
    CU_ASSERT_FATAL(frame_read(&f, &b));
    CU_ASSERT(obj_is_str(f.type, "client_ready"));
    CU_ASSERT_EQUAL(int_of(f.data), -1);   /* accepted silently by every 2.x master */
    CU_ASSERT(obj_is_str(f.node, "host_0123456789abcdef0123456789abcdef"));
    frame_free(&f);
    strbuf_free(&b);
}

static void test_nil_messages(void)
{
    const char *types[] = {"spawning", "client_stopped", "quit"};
    for (size_t i = 0; i < 3; i++) {
        struct strbuf b;
        strbuf_init(&b);
        lp_encode_nil(&b, types[i], "n_1");
        struct frame f;
        CU_ASSERT_FATAL(frame_read(&f, &b));
        CU_ASSERT(obj_is_str(f.type, types[i]));
        CU_ASSERT_EQUAL(f.data->type, MSGPACK_OBJECT_NIL);
        CU_ASSERT(obj_is_str(f.node, "n_1"));
        frame_free(&f);
        strbuf_free(&b);
    }
}

static void test_heartbeat(void)
{
    struct strbuf b;
    strbuf_init(&b);
    lp_encode_heartbeat(&b, "n_1", "running", 12.5, 123456789);
    struct frame f;
    CU_ASSERT_FATAL(frame_read(&f, &b));
    CU_ASSERT(obj_is_str(f.type, "heartbeat"));
    CU_ASSERT(obj_is_str(get(f.data, "state"), "running"));
    const msgpack_object *cpu = get(f.data, "current_cpu_usage");
    CU_ASSERT_FATAL(cpu != NULL);
    CU_ASSERT(cpu->type == MSGPACK_OBJECT_FLOAT64 && cpu->via.f64 == 12.5);
    CU_ASSERT_EQUAL(int_of(get(f.data, "current_memory_usage")), 123456789);
    frame_free(&f);
    strbuf_free(&b);
}

static void test_spawning_complete_and_exception(void)
{
    struct lp_class_count counts[] = {{"Browsers", 3}, {"ApiClients", 1}, {"Idle", 0}};
    struct strbuf b;
    strbuf_init(&b);
    lp_encode_spawning_complete(&b, "n_1", counts, 3);
    struct frame f;
    CU_ASSERT_FATAL(frame_read(&f, &b));
    CU_ASSERT(obj_is_str(f.type, "spawning_complete"));
    const msgpack_object *ucc = get(f.data, "user_classes_count");
    CU_ASSERT_EQUAL(int_of(get(ucc, "Browsers")), 3);
    CU_ASSERT_EQUAL(int_of(get(ucc, "ApiClients")), 1);
    CU_ASSERT_EQUAL(int_of(get(ucc, "Idle")), 0);
    CU_ASSERT_EQUAL(int_of(get(f.data, "user_count")), 4);
    frame_free(&f);

    strbuf_reset(&b);
    lp_encode_exception(&b, "n_1", "it broke", "at line 1\n");
    CU_ASSERT_FATAL(frame_read(&f, &b));
    CU_ASSERT(obj_is_str(get(f.data, "msg"), "it broke"));
    CU_ASSERT(obj_is_str(get(f.data, "traceback"), "at line 1\n"));
    CU_ASSERT(no_bin(&f.u.data));
    frame_free(&f);
    strbuf_free(&b);
}

/* ------------------------------------------------------- master -> worker */

/* A spawn as Locust 2.12's master sends it, parsed_options of mixed types. */
static void pack_spawn(struct strbuf *b, bool with_props)
{
    msgpack_packer pk;
    msgpack_packer_init(&pk, b, write_sb);
    msgpack_pack_array(&pk, 3);
    pk_str(&pk, "spawn");
    msgpack_pack_map(&pk, 5);
    pk_str(&pk, "timestamp");
    msgpack_pack_double(&pk, 1795723809.25);
    pk_str(&pk, "user_classes_count");
    msgpack_pack_map(&pk, 2);
    pk_str(&pk, "Browsers");
    msgpack_pack_int(&pk, 6);
    pk_str(&pk, "ApiClients");
    msgpack_pack_int(&pk, 2);
    pk_str(&pk, "host");
    msgpack_pack_nil(&pk);
    pk_str(&pk, "stop_timeout");
    msgpack_pack_nil(&pk);
    pk_str(&pk, "parsed_options");
    msgpack_pack_map(&pk, with_props ? 7 : 6);
    pk_str(&pk, "headless");
    msgpack_pack_true(&pk);
    pk_str(&pk, "num_users");
    msgpack_pack_int(&pk, 8);
    pk_str(&pk, "spawn_rate");
    msgpack_pack_double(&pk, 8.0);
    pk_str(&pk, "tags");
    msgpack_pack_nil(&pk);
    pk_str(&pk, "locustfile");
    msgpack_pack_array(&pk, 1);
    pk_str(&pk, "master.py");
    pk_str(&pk, "blob");
    msgpack_pack_bin_with_body(&pk, "\x00\x01", 2);
    if (with_props) {
        pk_str(&pk, "jmeter_property");
        msgpack_pack_array(&pk, 2);
        pk_str(&pk, "users=9");
        pk_str(&pk, "think=");
    }
    pk_str(&pk, "host_42");
}

static void test_decode_spawn(void)
{
    struct strbuf b;
    strbuf_init(&b);
    pack_spawn(&b, true);
    struct lp_message m;
    char *error = NULL;
    CU_ASSERT_FATAL(lp_decode(b.s, b.len, &m, &error));
    CU_ASSERT_STRING_EQUAL(m.type, "spawn");
    CU_ASSERT_STRING_EQUAL(m.node_id, "host_42");
    CU_ASSERT_DOUBLE_EQUAL(m.timestamp, 1795723809.25, 1e-9);
    CU_ASSERT_EQUAL_FATAL(m.n_classes, 2);
    CU_ASSERT_STRING_EQUAL(m.classes[0].name, "Browsers");
    CU_ASSERT_EQUAL(m.classes[0].count, 6);
    CU_ASSERT_STRING_EQUAL(m.classes[1].name, "ApiClients");
    CU_ASSERT_EQUAL(m.classes[1].count, 2);
    CU_ASSERT_PTR_NULL(m.host);
    CU_ASSERT(m.stop_timeout < 0);
    CU_ASSERT_EQUAL_FATAL(m.n_properties, 2);
    CU_ASSERT_STRING_EQUAL(m.properties[0], "users=9");
    CU_ASSERT_STRING_EQUAL(m.properties[1], "think=");
    lp_message_free(&m);

    strbuf_reset(&b);
    pack_spawn(&b, false);
    CU_ASSERT_FATAL(lp_decode(b.s, b.len, &m, &error));
    CU_ASSERT_EQUAL(m.n_properties, 0);
    lp_message_free(&m);
    strbuf_free(&b);
}

static void test_decode_spawn_host_and_timeout(void)
{
    struct strbuf b;
    strbuf_init(&b);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &b, write_sb);
    msgpack_pack_array(&pk, 3);
    pk_str(&pk, "spawn");
    msgpack_pack_map(&pk, 4);
    pk_str(&pk, "timestamp");
    msgpack_pack_int(&pk, 17);            /* an integer timestamp is a number too */
    pk_str(&pk, "user_classes_count");
    msgpack_pack_map(&pk, 0);
    pk_str(&pk, "host");
    pk_str(&pk, "http://example.test");
    pk_str(&pk, "stop_timeout");
    msgpack_pack_int(&pk, 5);
    msgpack_pack_nil(&pk);                /* node id not a string */
    struct lp_message m;
    char *error = NULL;
    CU_ASSERT_FATAL(lp_decode(b.s, b.len, &m, &error));
    CU_ASSERT_DOUBLE_EQUAL(m.timestamp, 17.0, 1e-9);
    CU_ASSERT_EQUAL(m.n_classes, 0);
    CU_ASSERT_STRING_EQUAL(m.host, "http://example.test");
    CU_ASSERT_DOUBLE_EQUAL(m.stop_timeout, 5.0, 1e-9);
    CU_ASSERT_PTR_NULL(m.node_id);
    lp_message_free(&m);
    strbuf_free(&b);
}

static void test_decode_others(void)
{
    struct strbuf b;
    strbuf_init(&b);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &b, write_sb);
    /* ack with its index */
    msgpack_pack_array(&pk, 3);
    pk_str(&pk, "ack");
    msgpack_pack_map(&pk, 1);
    pk_str(&pk, "index");
    msgpack_pack_int(&pk, 3);
    pk_str(&pk, "n");
    struct lp_message m;
    char *error = NULL;
    CU_ASSERT_FATAL(lp_decode(b.s, b.len, &m, &error));
    CU_ASSERT_STRING_EQUAL(m.type, "ack");
    CU_ASSERT_EQUAL(m.index, 3);
    lp_message_free(&m);
    /* stop, quit, reconnect, and a type from a newer master: nil data */
    const char *types[] = {"stop", "quit", "reconnect", "update_user_class"};
    for (size_t i = 0; i < 4; i++) {
        strbuf_reset(&b);
        msgpack_pack_array(&pk, 3);
        pk_str(&pk, types[i]);
        msgpack_pack_nil(&pk);
        pk_str(&pk, "n");
        CU_ASSERT_FATAL(lp_decode(b.s, b.len, &m, &error));
        CU_ASSERT_STRING_EQUAL(m.type, types[i]);
        CU_ASSERT(m.data_nil);
        lp_message_free(&m);
    }
    strbuf_free(&b);
}

static void expect_error(const struct strbuf *b, const char *what)
{
    struct lp_message m;
    char *error = NULL;
    bool ok = lp_decode(b->s, b->len, &m, &error);
    if (ok) {
        fprintf(stderr, "\n    decoded although %s\n", what);
        lp_message_free(&m);
    }
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_PTR_NOT_NULL(error);
    free(error);
}

static void test_decode_malformed(void)
{
    struct strbuf b;
    strbuf_init(&b);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &b, write_sb);

    expect_error(&b, "empty");
    strbuf_adds(&b, "\x93\xa5spawn");      /* truncated array */
    expect_error(&b, "truncated");
    strbuf_reset(&b);
    msgpack_pack_map(&pk, 0);
    expect_error(&b, "not an array");
    strbuf_reset(&b);
    msgpack_pack_array(&pk, 2);
    pk_str(&pk, "ack");
    msgpack_pack_nil(&pk);
    expect_error(&b, "two elements");
    strbuf_reset(&b);
    msgpack_pack_array(&pk, 3);
    msgpack_pack_int(&pk, 1);
    msgpack_pack_nil(&pk);
    pk_str(&pk, "n");
    expect_error(&b, "the type is a number");
    strbuf_reset(&b);
    msgpack_pack_array(&pk, 3);
    pk_str(&pk, "quit");
    msgpack_pack_nil(&pk);
    pk_str(&pk, "n");
    msgpack_pack_nil(&pk);                 /* a second value after the frame */
    expect_error(&b, "bytes follow");
    strbuf_reset(&b);
    msgpack_pack_array(&pk, 3);
    pk_str(&pk, "spawn");
    msgpack_pack_nil(&pk);
    pk_str(&pk, "n");
    expect_error(&b, "spawn without data");
    strbuf_reset(&b);
    msgpack_pack_array(&pk, 3);
    pk_str(&pk, "spawn");
    msgpack_pack_map(&pk, 2);
    pk_str(&pk, "timestamp");
    msgpack_pack_double(&pk, 1.0);
    pk_str(&pk, "user_classes_count");
    msgpack_pack_map(&pk, 1);
    pk_str(&pk, "Browsers");
    pk_str(&pk, "six");
    pk_str(&pk, "n");
    expect_error(&b, "a count is a string");
    strbuf_reset(&b);
    msgpack_pack_array(&pk, 3);
    pk_str(&pk, "spawn");
    msgpack_pack_map(&pk, 1);
    pk_str(&pk, "user_classes_count");
    msgpack_pack_map(&pk, 0);
    pk_str(&pk, "n");
    expect_error(&b, "no timestamp");
    /* a container announcing far more elements than the frame holds: refused
       before msgpack-c would allocate them */
    strbuf_reset(&b);
    strbuf_addn(&b, "\x93\xa5spawn\xdf\xff\xff\xff\xff\xa1n", 13);
    expect_error(&b, "a map of 4 billion entries in 13 bytes");
    strbuf_reset(&b);
    strbuf_addn(&b, "\x93\xa3" "ack" "\xdb\x7f\xff\xff\xff", 9);
    expect_error(&b, "a 2 GB string in 9 bytes");
    strbuf_free(&b);
}

/* ------------------------------------------------------------ statistics */

static void test_rounding(void)
{
    static const int64_t cases[][2] = {
        {0, 0}, {1, 1}, {99, 99}, {100, 100}, {104, 100}, {105, 100}, {115, 120},
        {145, 140}, {155, 160}, {994, 990}, {995, 1000}, {999, 1000}, {1050, 1000},
        {1150, 1200}, {1249, 1200}, {9949, 9900}, {9950, 10000}, {10500, 10000},
        {11500, 12000}, {58760, 59000}, {-5, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        int64_t got = ls_round_response_time(cases[i][0]);
        if (got != cases[i][1])
            fprintf(stderr, "\n    round(%lld) = %lld, expected %lld\n", (long long)cases[i][0],
                    (long long)got, (long long)cases[i][1]);
        CU_ASSERT_EQUAL(got, cases[i][1]);
    }
}

/* The whole range against Locust's own formula, run by Python. */
static void test_rounding_python(void)
{
    if (test_run_command("/usr/bin/python3 -c 1 >/dev/null 2>&1", NULL, NULL) != 0)
        return;
    struct strbuf mine;
    strbuf_init(&mine);
    for (int64_t v = 0; v < 30000; v++)
        strbuf_addf(&mine, "%lld\n", (long long)ls_round_response_time(v));
    char *out = NULL;
    int rc = test_run_command(
        "/usr/bin/python3 -c 'for t in range(30000): print(t if t < 100 else round(t, -1) "
        "if t < 1000 else round(t, -2) if t < 10000 else round(t, -3))'",
        &out, NULL);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT(out && strcmp(out, mine.s) == 0);
    free(out);
    strbuf_free(&mine);
}

static const msgpack_object *entry_named(const msgpack_object *list, const char *name,
                                         const char *method)
{
    for (uint32_t i = 0; list && i < list->via.array.size; i++) {
        const msgpack_object *e = &list->via.array.ptr[i];
        if (obj_is_str(get(e, "name"), name) && obj_is_str(get(e, "method"), method))
            return e;
    }
    return NULL;
}

static struct ls_stats *sample_stats(void)
{
    struct ls_stats *st = ls_new();
    ls_record(st, "GET", "Home", 12, 250, 1000.5, NULL);
    ls_record(st, "GET", "Home", 145, 250, 1000.9, NULL);
    ls_record(st, "GET", "Home", 12, 250, 1001.2, NULL);
    ls_record(st, "POST", "Home", 3, 10, 1001.3, NULL);
    ls_record(st, "GET", "Missing", 1, 11, 1001.4, "404 Not Found");
    ls_record(st, "GET", "Missing", 2, 11, 1002.0, "404 Not Found");
    ls_record(st, "GET", "Missing", 30000, 0, 1002.1, "java.net.SocketTimeoutException: Read timed out");
    ls_record(st, "DEBUG", "Debug vars", 0, 160, 1002.2, NULL);
    return st;
}

static void test_stats_report(void)
{
    struct ls_stats *st = sample_stats();
    struct lp_class_count counts[] = {{"Browsers", 3}, {"ApiClients", 1}};
    struct strbuf b;
    strbuf_init(&b);
    ls_encode_report(st, &b, "n_1", counts, 2, 1003.0);
    struct frame f;
    CU_ASSERT_FATAL(frame_read(&f, &b));
    CU_ASSERT(no_bin(&f.u.data));
    CU_ASSERT(obj_is_str(f.type, "stats"));
    CU_ASSERT_EQUAL(f.data->via.map.size, 5);
    const msgpack_object *list = get(f.data, "stats");
    CU_ASSERT_FATAL(list && list->type == MSGPACK_OBJECT_ARRAY);
    CU_ASSERT_EQUAL(list->via.array.size, 4);   /* (name, method) pairs */
    const msgpack_object *home = entry_named(list, "Home", "GET");
    CU_ASSERT_FATAL(home != NULL);
    CU_ASSERT_EQUAL(home->via.map.size, 14);
    CU_ASSERT_EQUAL(int_of(get(home, "num_requests")), 3);
    CU_ASSERT_EQUAL(int_of(get(home, "num_failures")), 0);
    CU_ASSERT_EQUAL(int_of(get(home, "num_none_requests")), 0);
    CU_ASSERT_EQUAL(int_of(get(home, "total_response_time")), 169);
    CU_ASSERT_EQUAL(int_of(get(home, "min_response_time")), 12);
    CU_ASSERT_EQUAL(int_of(get(home, "max_response_time")), 145);
    CU_ASSERT_EQUAL(int_of(get(home, "total_content_length")), 750);
    const msgpack_object *rt = get(home, "response_times");
    CU_ASSERT_FATAL(rt && rt->type == MSGPACK_OBJECT_MAP);
    CU_ASSERT_EQUAL(rt->via.map.size, 2);
    CU_ASSERT_EQUAL(rt->via.map.ptr[0].key.type, MSGPACK_OBJECT_POSITIVE_INTEGER);   /* int keys */
    const msgpack_object *rps = get(home, "num_reqs_per_sec");
    CU_ASSERT_EQUAL(rps->via.map.size, 2);   /* seconds 1000 and 1001 */
    CU_ASSERT_EQUAL(get(home, "last_request_timestamp")->type, MSGPACK_OBJECT_FLOAT64);
    CU_ASSERT_DOUBLE_EQUAL(get(home, "last_request_timestamp")->via.f64, 1001.2, 1e-9);
    const msgpack_object *missing = entry_named(list, "Missing", "GET");
    CU_ASSERT_FATAL(missing != NULL);
    CU_ASSERT_EQUAL(int_of(get(missing, "num_requests")), 3);
    CU_ASSERT_EQUAL(int_of(get(missing, "num_failures")), 3);
    CU_ASSERT_EQUAL(get(missing, "num_fail_per_sec")->via.map.size, 2);
    const msgpack_object *mrt = get(missing, "response_times");
    bool has_30000 = false;
    for (uint32_t i = 0; i < mrt->via.map.size; i++)
        has_30000 |= int_of(&mrt->via.map.ptr[i].key) == 30000;
    CU_ASSERT(has_30000);
    CU_ASSERT_PTR_NOT_NULL(entry_named(list, "Debug vars", "DEBUG"));
    CU_ASSERT_PTR_NOT_NULL(entry_named(list, "Home", "POST"));

    const msgpack_object *total = get(f.data, "stats_total");
    CU_ASSERT_EQUAL(int_of(get(total, "num_requests")), 8);
    CU_ASSERT_EQUAL(int_of(get(total, "num_failures")), 3);
    CU_ASSERT(obj_is_str(get(total, "name"), "Aggregated"));
    CU_ASSERT_EQUAL(get(total, "method")->type, MSGPACK_OBJECT_NIL);

    const msgpack_object *errors = get(f.data, "errors");
    CU_ASSERT_FATAL(errors && errors->type == MSGPACK_OBJECT_MAP);
    CU_ASSERT_EQUAL(errors->via.map.size, 2);   /* grouped by (method, name, error) */
    for (uint32_t i = 0; i < errors->via.map.size; i++) {
        const msgpack_object *key = &errors->via.map.ptr[i].key;
        const msgpack_object *e = &errors->via.map.ptr[i].val;
        CU_ASSERT(key->type == MSGPACK_OBJECT_STR && key->via.str.size == 64);   /* sha256 hex */
        CU_ASSERT(obj_is_str(get(e, "name"), "Missing"));
        CU_ASSERT(obj_is_str(get(e, "method"), "GET"));
        int64_t expected = obj_is_str(get(e, "error"), "404 Not Found") ? 2 : 1;
        CU_ASSERT_EQUAL(int_of(get(e, "occurrences")), expected);
    }
    const msgpack_object *ucc = get(f.data, "user_classes_count");
    CU_ASSERT_EQUAL(int_of(get(ucc, "Browsers")), 3);
    CU_ASSERT_EQUAL(int_of(get(f.data, "user_count")), 4);
    frame_free(&f);

    /* the next report is a delta: nothing new, every key still there */
    strbuf_reset(&b);
    ls_encode_report(st, &b, "n_1", counts, 2, 1006.0);
    CU_ASSERT_FATAL(frame_read(&f, &b));
    CU_ASSERT_EQUAL(f.data->via.map.size, 5);
    CU_ASSERT_EQUAL(get(f.data, "stats")->via.array.size, 0);
    CU_ASSERT_EQUAL(get(f.data, "errors")->via.map.size, 0);
    total = get(f.data, "stats_total");
    CU_ASSERT_EQUAL(int_of(get(total, "num_requests")), 0);
    CU_ASSERT_EQUAL(get(total, "min_response_time")->type, MSGPACK_OBJECT_NIL);
    CU_ASSERT_EQUAL(get(total, "last_request_timestamp")->type, MSGPACK_OBJECT_NIL);
    CU_ASSERT_DOUBLE_EQUAL(get(total, "start_time")->via.f64, 1003.0, 1e-9);
    frame_free(&f);
    strbuf_free(&b);
    ls_free(st);
}

/* Locust's master code reads the report as it reads a Python worker's. */
static void test_stats_read_by_locust(void)
{
    const char *py = locust_python();
    if (!py)
        return;
    struct ls_stats *st = sample_stats();
    struct lp_class_count counts[] = {{"Browsers", 3}};
    struct strbuf b;
    strbuf_init(&b);
    ls_encode_report(st, &b, "n_1", counts, 1, 1003.0);
    ls_record(st, "GET", "Home", 20, 250, 1004.0, NULL);   /* a second delta */
    ls_encode_report(st, &b, "n_1", counts, 1, 1006.0);
    char *path = test_temp_file(".msgpack", b.s, b.len);
    static const char script[] =
        "import sys, msgpack\n"
        "from locust.stats import RequestStats, setup_distributed_stats_event_listeners\n"
        "from locust.event import Events\n"
        "from locust.rpc.protocol import Message\n"
        "ev = Events(); stats = RequestStats(); setup_distributed_stats_event_listeners(ev, stats)\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "u = msgpack.Unpacker(raw=False, strict_map_key=False); u.feed(data)\n"
        "for t, d, n in u:\n"
        "    assert t == 'stats' and n == 'n_1'\n"
        "    ev.worker_report.fire(client_id=n, data=d)\n"
        "home = stats.get('Home', 'GET')\n"
        "print(home.num_requests, home.num_failures, home.median_response_time,\n"
        "      home.max_response_time, stats.total.num_requests, stats.total.num_failures,\n"
        "      sorted(e.occurrences for e in stats.errors.values()),\n"
        "      stats.get('Missing', 'GET').get_response_time_percentile(1.0))\n";
    char *script_path = test_temp_file(".py", script, strlen(script));
    char *cmd = xasprintf("%s %s %s", py, script_path, path);
    char *out = NULL, *err = NULL;
    int rc = test_run_command(cmd, &out, &err);
    if (rc != 0)
        fprintf(stderr, "\n    python: %s\n", err ? err : "");
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL_MSG(out, "4 0 12 145 9 3 [1, 2] 30000\n");
    free(out);
    free(err);
    free(cmd);
    unlink(script_path);
    unlink(path);
    free(script_path);
    free(path);
    strbuf_free(&b);
    ls_free(st);
}

/* Many (name, method) entries: the index grows, every entry is reported. */
static void test_stats_many_labels(void)
{
    static const char *const methods[] = {"GET", "POST", "PUT"};
    struct ls_stats *st = ls_new();
    for (int i = 0; i < 5000; i++) {
        char name[32];
        snprintf(name, sizeof name, "label %d", i % 700);
        ls_record(st, methods[i % 3], name, i % 20000, 1, 1000.0 + i / 1000, NULL);
    }
    struct strbuf b;
    strbuf_init(&b);
    ls_encode_report(st, &b, "n", NULL, 0, 1010.0);
    struct frame f;
    CU_ASSERT_FATAL(frame_read(&f, &b));
    CU_ASSERT_EQUAL(get(f.data, "stats")->via.array.size, 2100);
    CU_ASSERT_EQUAL(int_of(get(get(f.data, "stats_total"), "num_requests")), 5000);
    CU_ASSERT_EQUAL(int_of(get(f.data, "user_count")), 0);
    frame_free(&f);
    strbuf_free(&b);
    ls_free(st);
}

/* ------------------------------------------------------------ class names */

static const char names_plan[] =
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<jmeterTestPlan version='1.2'><hashTree>"
    "<TestPlan testclass='TestPlan' testname='p' enabled='true'/><hashTree>"
    "<SetupThreadGroup testclass='SetupThreadGroup' testname='Thread Group' enabled='true'>"
    "<stringProp name='ThreadGroup.num_threads'>1</stringProp></SetupThreadGroup><hashTree/>"
    "<ThreadGroup testclass='ThreadGroup' testname='Thread Group' enabled='true'>"
    "<stringProp name='ThreadGroup.num_threads'>1</stringProp></ThreadGroup><hashTree/>"
    "<ThreadGroup testclass='ThreadGroup' testname='class' enabled='true'>"
    "<stringProp name='ThreadGroup.num_threads'>1</stringProp></ThreadGroup><hashTree/>"
    "<ThreadGroup testclass='ThreadGroup' testname='2 shop users!' enabled='true'>"
    "<stringProp name='ThreadGroup.num_threads'>1</stringProp></ThreadGroup><hashTree/>"
    "</hashTree></hashTree></jmeterTestPlan>";

static void test_class_names(void)
{
    struct diag_list dl;
    diag_list_init(&dl);
    struct jmx_doc *doc = jmx_load_memory(names_plan, strlen(names_plan), "names.jmx", &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct plan *plan = plan_build(doc, &dl);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL_FATAL(plan->n_main_groups, 3);
    char **names = locust_class_names(plan, "names.jmx");
    /* as the emitter names them: "Thread Group" meets the runtime's own
       ThreadGroup class and the setUp group's class (ThreadGroup2) first;
       a name starting with a digit gets the "Users" prefix */
    CU_ASSERT_STRING_EQUAL_MSG(names[0], "ThreadGroup3");
    CU_ASSERT_STRING_EQUAL_MSG(names[1], "Class");
    CU_ASSERT_STRING_EQUAL_MSG(names[2], "Users2ShopUsers");
    for (size_t i = 0; i < 3; i++)
        free(names[i]);
    free(names);
    plan_free(plan);
    jmx_doc_free(doc);
    diag_list_free(&dl);
}

/* ------------------------------------------------------------ options */

static bool parse(const char *line, struct cli_options *o, char **error)
{
    char *copy = xstrdup(line);
    char *argv[16] = {"jmx2run"};
    int argc = 1;
    for (char *t = strtok(copy, " "); t && argc < 15; t = strtok(NULL, " "))
        argv[argc++] = t;
    bool ok = cli_parse(argc, argv, o, error);
    /* the options point into argv: keep the copy until the caller is done */
    static char *keep;
    free(keep);
    keep = copy;
    return ok;
}

static void test_options(void)
{
    struct cli_options o;
    char *error = NULL;
    CU_ASSERT_FATAL(parse("--locust-worker --master-host 10.0.0.5 --master-port 6000 "
                          "--master-timeout 3 -l r.jtl plan.jmx", &o, &error));
    CU_ASSERT_EQUAL(o.action, CLI_ACTION_LOCUST_WORKER);
    CU_ASSERT_STRING_EQUAL(o.master_host, "10.0.0.5");
    CU_ASSERT_EQUAL(o.master_port, 6000);
    CU_ASSERT_EQUAL(o.master_timeout_s, 3);
    CU_ASSERT_STRING_EQUAL(o.results_path, "r.jtl");
    cli_options_free(&o);
    CU_ASSERT_FATAL(parse("--master-port=5558 --locust-worker plan.jmx", &o, &error));
    CU_ASSERT_EQUAL(o.master_port, 5558);
    CU_ASSERT_PTR_NULL(o.master_host);   /* the default is the command's: 127.0.0.1 */
    cli_options_free(&o);
    static const char *const bad[] = {
        "--locust-worker --master-port 0 plan.jmx",
        "--locust-worker --master-port 70000 plan.jmx",
        "--locust-worker --master-port x plan.jmx",
        "--locust-worker --master-timeout 0 plan.jmx",
        "--locust-worker --master-host= plan.jmx",
        "--master-host h plan.jmx",               /* without --locust-worker */
        "--locust-worker --check plan.jmx",
        "--locust-worker",                        /* no plan */
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        error = NULL;
        bool ok = parse(bad[i], &o, &error);
        if (ok)
            fprintf(stderr, "\n    accepted: %s\n", bad[i]);
        CU_ASSERT_FALSE(ok);
        CU_ASSERT_PTR_NOT_NULL(error);
        free(error);
        cli_options_free(&o);
    }
}

int main(void)
{
    static const struct cu_test tests[] = {
        {"client_ready", test_client_ready},
        {"nil messages", test_nil_messages},
        {"heartbeat", test_heartbeat},
        {"spawning_complete, exception", test_spawning_complete_and_exception},
        {"decode spawn", test_decode_spawn},
        {"decode spawn host, stop_timeout", test_decode_spawn_host_and_timeout},
        {"decode ack, stop, quit, unknown", test_decode_others},
        {"decode malformed frames", test_decode_malformed},
        {"response time rounding", test_rounding},
        {"rounding as Python's round()", test_rounding_python},
        {"stats report", test_stats_report},
        {"stats read by Locust's code", test_stats_read_by_locust},
        {"stats with many labels", test_stats_many_labels},
        {"class names", test_class_names},
        {"command-line options", test_options},
        {NULL, NULL},
    };
    return cu_run("locust_proto", tests);
}
