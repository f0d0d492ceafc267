/* locust_proto.c - the messages between a Locust master and its workers:
 * each ZeroMQ frame is a msgpack array [type, data, node_id]. Strings are
 * always msgpack str (the master decodes with raw=False); the worker's
 * version in client_ready is the integer -1, which every 2.x master accepts
 * without a warning. Decoding keeps only what the worker acts on and skips
 * the rest (parsed_options carries ~50 keys of any type). */
#include <stdlib.h>
#include <string.h>
#include "locust_internal.h"

/* --------------------------------------------------------------- packing */

static int write_strbuf(void *data, const char *buf, size_t len)
{
    strbuf_addn(data, buf, len);
    return 0;
}

void lp_packer_init(msgpack_packer *pk, struct strbuf *out)
{
    msgpack_packer_init(pk, out, write_strbuf);
}

void lp_pack_str(msgpack_packer *pk, const char *s)
{
    if (!s)
        s = "";
    msgpack_pack_str_with_body(pk, s, strlen(s));
}

void lp_frame_begin(msgpack_packer *pk, const char *type)
{
    msgpack_pack_array(pk, 3);
    lp_pack_str(pk, type);
}

void lp_frame_end(msgpack_packer *pk, const char *node_id)
{
    lp_pack_str(pk, node_id);
}

void lp_pack_counts(msgpack_packer *pk, const struct lp_class_count *counts, size_t n)
{
    msgpack_pack_map(pk, n);
    for (size_t i = 0; i < n; i++) {
        lp_pack_str(pk, counts[i].name);
        msgpack_pack_int64(pk, counts[i].count);
    }
}

void lp_encode_nil(struct strbuf *out, const char *type, const char *node_id)
{
    msgpack_packer pk;
    lp_packer_init(&pk, out);
    lp_frame_begin(&pk, type);
    msgpack_pack_nil(&pk);
    lp_frame_end(&pk, node_id);
}

void lp_encode_client_ready(struct strbuf *out, const char *node_id)
{
    msgpack_packer pk;
    lp_packer_init(&pk, out);
    lp_frame_begin(&pk, "client_ready");
    msgpack_pack_int64(&pk, -1);
    lp_frame_end(&pk, node_id);
}

void lp_encode_heartbeat(struct strbuf *out, const char *node_id, const char *state,
                         double cpu_percent, int64_t memory_bytes)
{
    msgpack_packer pk;
    lp_packer_init(&pk, out);
    lp_frame_begin(&pk, "heartbeat");
    msgpack_pack_map(&pk, 3);
    lp_pack_str(&pk, "state");
    lp_pack_str(&pk, state);
    lp_pack_str(&pk, "current_cpu_usage");
    msgpack_pack_double(&pk, cpu_percent);
    lp_pack_str(&pk, "current_memory_usage");
    msgpack_pack_int64(&pk, memory_bytes);
    lp_frame_end(&pk, node_id);
}

void lp_encode_spawning_complete(struct strbuf *out, const char *node_id,
                                 const struct lp_class_count *counts, size_t n)
{
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += counts[i].count;
    msgpack_packer pk;
    lp_packer_init(&pk, out);
    lp_frame_begin(&pk, "spawning_complete");
    msgpack_pack_map(&pk, 2);
    lp_pack_str(&pk, "user_classes_count");
    lp_pack_counts(&pk, counts, n);
    lp_pack_str(&pk, "user_count");
    msgpack_pack_int64(&pk, total);
    lp_frame_end(&pk, node_id);
}

void lp_encode_exception(struct strbuf *out, const char *node_id, const char *msg,
                         const char *traceback)
{
    msgpack_packer pk;
    lp_packer_init(&pk, out);
    lp_frame_begin(&pk, "exception");
    msgpack_pack_map(&pk, 2);
    lp_pack_str(&pk, "msg");
    lp_pack_str(&pk, msg);
    lp_pack_str(&pk, "traceback");
    lp_pack_str(&pk, traceback);
    lp_frame_end(&pk, node_id);
}

/* -------------------------------------------------------------- decoding */

static uint64_t be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* Walks one msgpack value without building it: false when it is malformed,
 * truncated or followed by more bytes, or when a container announces more
 * elements than bytes remain. msgpack-c allocates a container's elements
 * from its announced size, so a frame of a few bytes could otherwise ask for
 * gigabytes; after this check, decoding costs memory in proportion to the
 * frame. */
static bool well_formed(const unsigned char *p, size_t len)
{
    size_t i = 0, pending = 1;
    while (pending) {
        if (i >= len)
            return false;
        unsigned char b = p[i++];
        pending--;
        uint64_t items = 0, skip = 0;
        int len_bytes = 0;
        if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
            /* fixint, nil, bool */
        } else if (b <= 0x8f) {
            items = 2u * (b & 0x0f);
        } else if (b <= 0x9f) {
            items = b & 0x0f;
        } else if (b <= 0xbf) {
            skip = b & 0x1f;
        } else {
            switch (b) {
            case 0xc4: case 0xd9: len_bytes = 1; break;             /* bin8, str8 */
            case 0xc5: case 0xda: len_bytes = 2; break;             /* bin16, str16 */
            case 0xc6: case 0xdb: len_bytes = 4; break;             /* bin32, str32 */
            case 0xc7: len_bytes = 1; skip = 1; break;              /* ext8: + type */
            case 0xc8: len_bytes = 2; skip = 1; break;
            case 0xc9: len_bytes = 4; skip = 1; break;
            case 0xca: skip = 4; break;                             /* float32 */
            case 0xcb: skip = 8; break;                             /* float64 */
            case 0xcc: case 0xd0: skip = 1; break;
            case 0xcd: case 0xd1: skip = 2; break;
            case 0xce: case 0xd2: skip = 4; break;
            case 0xcf: case 0xd3: skip = 8; break;
            case 0xd4: skip = 2; break;                             /* fixext 1..16: + type */
            case 0xd5: skip = 3; break;
            case 0xd6: skip = 5; break;
            case 0xd7: skip = 9; break;
            case 0xd8: skip = 17; break;
            case 0xdc: case 0xde:                                   /* array16, map16 */
            case 0xdd: case 0xdf: {                                 /* array32, map32 */
                int n = b == 0xdc || b == 0xde ? 2 : 4;
                if (len - i < (size_t)n)
                    return false;
                items = be(p + i, n) * (b >= 0xde ? 2 : 1);
                i += (size_t)n;
                break;
            }
            default:
                return false;                                       /* 0xc1: never used */
            }
        }
        if (len_bytes) {
            if (len - i < (size_t)len_bytes)
                return false;
            skip += be(p + i, len_bytes);
            i += (size_t)len_bytes;
        }
        if (skip > len - i || items > len - i)
            return false;
        i += (size_t)skip;
        pending += (size_t)items;
    }
    return i == len;
}

static bool is_str(const msgpack_object *o)
{
    return o->type == MSGPACK_OBJECT_STR;
}

/* (msgpack-c gives an empty string a NULL pointer) */
static char *dup_str(const msgpack_object *o)
{
    return o->via.str.size ? xstrndup(o->via.str.ptr, o->via.str.size) : xstrdup("");
}

static bool str_is(const msgpack_object *o, const char *s)
{
    size_t n = strlen(s);
    return is_str(o) && o->via.str.size == n && (n == 0 || memcmp(o->via.str.ptr, s, n) == 0);
}

/* A number of any msgpack kind as a double; false for anything else. */
static bool as_double(const msgpack_object *o, double *out)
{
    switch (o->type) {
    case MSGPACK_OBJECT_POSITIVE_INTEGER: *out = (double)o->via.u64; return true;
    case MSGPACK_OBJECT_NEGATIVE_INTEGER: *out = (double)o->via.i64; return true;
    case MSGPACK_OBJECT_FLOAT32:
    case MSGPACK_OBJECT_FLOAT64: *out = o->via.f64; return true;
    default: return false;
    }
}

static bool as_int(const msgpack_object *o, int64_t *out)
{
    if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
        *out = o->via.u64 > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)o->via.u64;
        return true;
    }
    if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
        *out = o->via.i64;
        return true;
    }
    double d;
    if (as_double(o, &d)) {
        /* clamped: converting a double out of range is undefined */
        *out = d != d ? 0 : d >= 9.2e18 ? INT64_MAX : d <= -9.2e18 ? INT64_MIN : (int64_t)d;
        return true;
    }
    return false;
}

static const msgpack_object *map_get(const msgpack_object *map, const char *key)
{
    if (map->type != MSGPACK_OBJECT_MAP)
        return NULL;
    for (uint32_t i = 0; i < map->via.map.size; i++)
        if (str_is(&map->via.map.ptr[i].key, key))
            return &map->via.map.ptr[i].val;
    return NULL;
}

static bool decode_spawn(const msgpack_object *data, struct lp_message *m, char **error)
{
    if (data->type != MSGPACK_OBJECT_MAP) {
        *error = xasprintf("spawn: the data is not a map");
        return false;
    }
    const msgpack_object *v = map_get(data, "timestamp");
    if (!v || !as_double(v, &m->timestamp)) {
        *error = xasprintf("spawn: no timestamp");
        return false;
    }
    v = map_get(data, "user_classes_count");
    if (!v || v->type != MSGPACK_OBJECT_MAP) {
        *error = xasprintf("spawn: no user_classes_count map");
        return false;
    }
    m->classes = xcalloc(v->via.map.size + 1, sizeof *m->classes);
    for (uint32_t i = 0; i < v->via.map.size; i++) {
        const msgpack_object_kv *kv = &v->via.map.ptr[i];
        int64_t n;
        if (!is_str(&kv->key) || !as_int(&kv->val, &n)) {
            *error = xasprintf("spawn: user_classes_count holds a key or a count of the wrong type");
            return false;
        }
        m->classes[m->n_classes].name = dup_str(&kv->key);
        m->classes[m->n_classes++].count = n < 0 ? 0 : n;
    }
    v = map_get(data, "host");
    if (v && is_str(v) && v->via.str.size)
        m->host = dup_str(v);
    v = map_get(data, "stop_timeout");
    if (!v || !as_double(v, &m->stop_timeout))
        m->stop_timeout = -1;
    const msgpack_object *po = map_get(data, "parsed_options");
    v = po ? map_get(po, "jmeter_property") : NULL;
    if (v && v->type == MSGPACK_OBJECT_ARRAY) {
        m->properties = xcalloc(v->via.array.size + 1, sizeof(char *));
        for (uint32_t i = 0; i < v->via.array.size; i++)
            if (is_str(&v->via.array.ptr[i]))
                m->properties[m->n_properties++] = dup_str(&v->via.array.ptr[i]);
    }
    return true;
}

bool lp_decode(const void *data, size_t len, struct lp_message *m, char **error)
{
    memset(m, 0, sizeof *m);
    m->index = -1;
    m->stop_timeout = -1;
    *error = NULL;
    if (!well_formed(data, len)) {
        *error = xasprintf("not one well-formed msgpack value (%zu bytes)", len);
        return false;
    }
    msgpack_unpacked u;
    msgpack_unpacked_init(&u);
    size_t off = 0;
    bool ok = false;
    if (msgpack_unpack_next(&u, data, len, &off) != MSGPACK_UNPACK_SUCCESS) {
        *error = xasprintf("not a msgpack value");
        goto out;
    }
    if (off != len) {
        *error = xasprintf("%zu bytes after the message", len - off);
        goto out;
    }
    const msgpack_object *root = &u.data;
    if (root->type != MSGPACK_OBJECT_ARRAY || root->via.array.size != 3 ||
        !is_str(&root->via.array.ptr[0])) {
        *error = xasprintf("not a [type, data, node_id] array");
        goto out;
    }
    const msgpack_object *d = &root->via.array.ptr[1];
    m->type = dup_str(&root->via.array.ptr[0]);
    if (is_str(&root->via.array.ptr[2]))
        m->node_id = dup_str(&root->via.array.ptr[2]);
    m->data_nil = d->type == MSGPACK_OBJECT_NIL;
    ok = true;
    if (strcmp(m->type, "spawn") == 0) {
        ok = decode_spawn(d, m, error);
    } else if (strcmp(m->type, "ack") == 0) {
        const msgpack_object *v = map_get(d, "index");
        if (v)
            as_int(v, &m->index);
    }
out:
    msgpack_unpacked_destroy(&u);
    if (!ok)
        lp_message_free(m);
    return ok;
}

void lp_message_free(struct lp_message *m)
{
    free(m->type);
    free(m->node_id);
    for (size_t i = 0; i < m->n_classes; i++)
        free(m->classes[i].name);
    free(m->classes);
    free(m->host);
    for (size_t i = 0; i < m->n_properties; i++)
        free(m->properties[i]);
    free(m->properties);
    memset(m, 0, sizeof *m);
    m->index = -1;
    m->stop_timeout = -1;
}
