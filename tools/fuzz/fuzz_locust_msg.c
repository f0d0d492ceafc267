/* fuzz_locust_msg.c - libFuzzer target for the Locust worker's decoder of the
 * master's messages (src/worker/locust_proto.c): a frame from the network is
 * untrusted. lp_decode must either fail with a message or give a message
 * whose strings are NUL-terminated and whose counts are not negative; the
 * result is always freed cleanly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/locust_worker.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lp_message m;
    char *error = NULL;
    if (!lp_decode(data, size, &m, &error)) {
        if (!error)
            __builtin_trap();
        free(error);
        return 0;
    }
    if (!m.type || error)
        __builtin_trap();
    size_t n = strlen(m.type) + (m.node_id ? strlen(m.node_id) : 0) + (m.host ? strlen(m.host) : 0);
    for (size_t i = 0; i < m.n_classes; i++) {
        n += strlen(m.classes[i].name);
        if (m.classes[i].count < 0)
            __builtin_trap();
    }
    for (size_t i = 0; i < m.n_properties; i++)
        n += strlen(m.properties[i]);
    if (n > size * 2 + 16)   /* every string comes from the input */
        __builtin_trap();
    lp_message_free(&m);
    return 0;
}
