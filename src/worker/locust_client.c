/* locust_client.c - the worker's ZeroMQ connection to a Locust master.
 *
 * A DEALER socket with the node id as its identity connects to the master's
 * ROUTER; each message is one frame (no delimiter frame). TCP keepalive is
 * on, as with Locust's own workers, and ZMTP heartbeats (libzmq answers them
 * on the master's side by itself) notice a master that vanished without
 * closing its connection. A monitor socket reports the connection going up
 * (handshake done) and down, which is how the worker tells the master is
 * gone: a 2.x master never writes to a worker unprompted. While the
 * connection is down, messages queue in the socket (up to its high-water
 * mark) and go out when it comes back, so no statistics are lost in a short
 * break. lc_reconnect() makes a new socket, with the same identity (the
 * master's "reconnect" message) or a new one (registering again after a
 * long break: a ROUTER turns away a second connection with an identity it
 * still holds). Used from one thread only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>
#include "jmx2run/loop.h"
#include "locust_client.h"

struct lc_client {
    void *ctx;
    void *sock;
    void *monitor;                /* PAIR receiving the socket's events */
    char *endpoint;
    char *identity;
    int generation;               /* for a fresh inproc monitor name */
    bool up;                      /* handshake done, not disconnected since */
    int64_t down_since_ms;        /* mono ms when it went down (or was created) */
    unsigned events;              /* LC_EVENT_* not taken yet */
};

static int set_int(void *sock, int option, int value)
{
    return zmq_setsockopt(sock, option, &value, sizeof value);
}

/* flush: messages still queued may go out for the socket's linger time */
static void close_socket(struct lc_client *c, bool flush)
{
    if (c->sock) {
        zmq_socket_monitor(c->sock, NULL, 0);
        if (!flush)
            set_int(c->sock, ZMQ_LINGER, 0);
        zmq_close(c->sock);
        c->sock = NULL;
    }
    if (c->monitor) {
        set_int(c->monitor, ZMQ_LINGER, 0);
        zmq_close(c->monitor);
        c->monitor = NULL;
    }
}

static bool open_socket(struct lc_client *c, char **error)
{
    c->sock = zmq_socket(c->ctx, ZMQ_DEALER);
    if (!c->sock) {
        *error = xasprintf("cannot create a ZeroMQ socket: %s", zmq_strerror(zmq_errno()));
        return false;
    }
    zmq_setsockopt(c->sock, ZMQ_ROUTING_ID, c->identity, strlen(c->identity));
    set_int(c->sock, ZMQ_TCP_KEEPALIVE, 1);
    set_int(c->sock, ZMQ_TCP_KEEPALIVE_IDLE, 30);
    set_int(c->sock, ZMQ_HEARTBEAT_IVL, 2000);
    set_int(c->sock, ZMQ_HEARTBEAT_TIMEOUT, 10000);
    set_int(c->sock, ZMQ_RECONNECT_IVL, 500);
    set_int(c->sock, ZMQ_RECONNECT_IVL_MAX, 2000);
    set_int(c->sock, ZMQ_LINGER, 1000);
    char monitor_name[64];
    snprintf(monitor_name, sizeof monitor_name, "inproc://jmx2run-monitor-%p-%d", (void *)c,
             ++c->generation);
    if (zmq_socket_monitor(c->sock, monitor_name,
                           ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_DISCONNECTED) != 0) {
        *error = xasprintf("cannot monitor the ZeroMQ socket: %s", zmq_strerror(zmq_errno()));
        return false;
    }
    c->monitor = zmq_socket(c->ctx, ZMQ_PAIR);
    if (!c->monitor || zmq_connect(c->monitor, monitor_name) != 0) {
        *error = xasprintf("cannot monitor the ZeroMQ socket: %s", zmq_strerror(zmq_errno()));
        return false;
    }
    if (strchr(c->endpoint, '['))
        set_int(c->sock, ZMQ_IPV6, 1);
    if (zmq_connect(c->sock, c->endpoint) != 0) {
        *error = xasprintf("cannot connect to %s: %s", c->endpoint, zmq_strerror(zmq_errno()));
        return false;
    }
    c->up = false;
    return true;
}

struct lc_client *lc_open(const char *host, int port, const char *identity, char **error)
{
    struct lc_client *c = xcalloc(1, sizeof *c);
    *error = NULL;
    c->ctx = zmq_ctx_new();
    c->identity = xstrdup(identity);
    /* an IPv6 literal needs brackets in the endpoint; ipv6 on lets it resolve */
    bool v6 = strchr(host, ':') != NULL;
    c->endpoint = xasprintf(v6 ? "tcp://[%s]:%d" : "tcp://%s:%d", host, port);
    c->down_since_ms = clock_mono_ms();
    if (!c->ctx || !open_socket(c, error)) {
        if (!*error)
            *error = xasprintf("cannot start ZeroMQ");
        lc_close(c);
        return NULL;
    }
    return c;
}

void lc_close(struct lc_client *c)
{
    if (!c)
        return;
    close_socket(c, true);
    if (c->ctx)
        zmq_ctx_term(c->ctx);
    free(c->endpoint);
    free(c->identity);
    free(c);
}

bool lc_reconnect(struct lc_client *c, const char *identity, char **error)
{
    if (identity) {
        free(c->identity);
        c->identity = xstrdup(identity);
    }
    close_socket(c, false);
    if (c->up)
        c->down_since_ms = clock_mono_ms();
    c->up = false;
    return open_socket(c, error);
}

void lc_set_linger(struct lc_client *c, int ms)
{
    if (c->sock)
        set_int(c->sock, ZMQ_LINGER, ms);
}

bool lc_send(struct lc_client *c, const struct strbuf *frame)
{
    if (!c->sock)
        return false;
    return zmq_send(c->sock, frame->s, frame->len, ZMQ_DONTWAIT) >= 0;
}

/* One monitor event: two frames, (uint16 event, uint32 value) then the address. */
static void read_monitor(struct lc_client *c)
{
    for (;;) {
        zmq_msg_t msg;
        zmq_msg_init(&msg);
        if (zmq_msg_recv(&msg, c->monitor, ZMQ_DONTWAIT) < 0) {
            zmq_msg_close(&msg);
            return;
        }
        uint16_t event = 0;
        if (zmq_msg_size(&msg) >= 6)
            memcpy(&event, zmq_msg_data(&msg), sizeof event);
        bool more = zmq_msg_more(&msg);
        zmq_msg_close(&msg);
        while (more) {   /* the address frame */
            zmq_msg_init(&msg);
            if (zmq_msg_recv(&msg, c->monitor, 0) < 0) {
                zmq_msg_close(&msg);
                break;
            }
            more = zmq_msg_more(&msg);
            zmq_msg_close(&msg);
        }
        if (event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED && !c->up) {
            c->up = true;
            c->events |= LC_EVENT_UP;
        } else if (event == ZMQ_EVENT_DISCONNECTED && c->up) {
            c->up = false;
            c->down_since_ms = clock_mono_ms();
            c->events |= LC_EVENT_DOWN;
        }
    }
}

int lc_poll(struct lc_client *c, int timeout_ms, struct strbuf *frame)
{
    zmq_pollitem_t items[2] = {
        {c->sock, 0, ZMQ_POLLIN, 0},
        {c->monitor, 0, ZMQ_POLLIN, 0},
    };
    int n = zmq_poll(items, 2, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : -1;
    if (items[1].revents & ZMQ_POLLIN)
        read_monitor(c);
    if (!(items[0].revents & ZMQ_POLLIN))
        return 0;
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    int got = 0;
    if (zmq_msg_recv(&msg, c->sock, ZMQ_DONTWAIT) >= 0) {
        strbuf_reset(frame);
        strbuf_addn(frame, zmq_msg_data(&msg), zmq_msg_size(&msg));
        got = 1;
        /* a master never sends more than one frame; drop any extra */
        while (zmq_msg_more(&msg)) {
            zmq_msg_close(&msg);
            zmq_msg_init(&msg);
            if (zmq_msg_recv(&msg, c->sock, 0) < 0)
                break;
        }
    }
    zmq_msg_close(&msg);
    return got;
}

bool lc_is_up(const struct lc_client *c)
{
    return c->up;
}

int64_t lc_down_since(const struct lc_client *c)
{
    return c->up ? 0 : c->down_since_ms;
}

unsigned lc_take_events(struct lc_client *c)
{
    unsigned ev = c->events;
    c->events = 0;
    return ev;
}

const char *lc_endpoint(const struct lc_client *c)
{
    return c->endpoint;
}
