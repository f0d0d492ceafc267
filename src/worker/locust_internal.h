/* locust_internal.h - what the files of src/worker share: msgpack packing
 * into a strbuf and the frame envelope [type, data, node_id]. */
#ifndef JMX2RUN_WORKER_INTERNAL_H
#define JMX2RUN_WORKER_INTERNAL_H

#include <msgpack.h>
#include "jmx2run/locust_worker.h"

/* A packer appending to out. */
void lp_packer_init(msgpack_packer *pk, struct strbuf *out);
/* A msgpack str (never bin), "" for NULL. */
void lp_pack_str(msgpack_packer *pk, const char *s);
/* The envelope: lp_frame_begin packs [type, then the caller packs the data,
 * then lp_frame_end packs node_id]. */
void lp_frame_begin(msgpack_packer *pk, const char *type);
void lp_frame_end(msgpack_packer *pk, const char *node_id);
/* The {class: n} map of user counts. */
void lp_pack_counts(msgpack_packer *pk, const struct lp_class_count *counts, size_t n);

#endif
