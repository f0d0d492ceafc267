/* locust_client.h - the ZeroMQ connection to the master (locust_client.c). */
#ifndef JMX2RUN_WORKER_CLIENT_H
#define JMX2RUN_WORKER_CLIENT_H

#include <stdbool.h>
#include <stdint.h>
#include "jmx2run/util.h"

enum {
    LC_EVENT_UP = 1,              /* the connection is up (ZMTP handshake done) */
    LC_EVENT_DOWN = 2,            /* it went down */
};

struct lc_client;

/* Creates the socket and starts connecting (in the background). NULL with
 * *error (malloc'd) when ZeroMQ cannot. */
struct lc_client *lc_open(const char *host, int port, const char *identity, char **error);
/* Closes, letting queued messages go for the linger time (lc_set_linger). */
void lc_close(struct lc_client *c);
/* A new socket, with a new identity unless NULL; queued messages are dropped. */
bool lc_reconnect(struct lc_client *c, const char *identity, char **error);
void lc_set_linger(struct lc_client *c, int ms);
/* Queues one frame; false when it could not be queued. */
bool lc_send(struct lc_client *c, const struct strbuf *frame);
/* Waits up to timeout_ms: 1 with a frame in *frame, 0 for nothing (or only
 * connection events), -1 on an error. */
int lc_poll(struct lc_client *c, int timeout_ms, struct strbuf *frame);
bool lc_is_up(const struct lc_client *c);
/* When the connection went down (mono ms), 0 while it is up. */
int64_t lc_down_since(const struct lc_client *c);
/* The LC_EVENT_* bits seen since the last call. */
unsigned lc_take_events(struct lc_client *c);
const char *lc_endpoint(const struct lc_client *c);

#endif
