/* http_embedded.h - "Retrieve All Embedded Resources": fetching what a page
 * embeds and recording it as JMeter does (http_embedded.c, digest §5.6). */
#ifndef JMX2RUN_RUN_HTTP_EMBEDDED_H
#define JMX2RUN_RUN_HTTP_EMBEDDED_H

#include "run.h"

typedef void (*transfer_done_fn)(struct vu *vu, void *owner, struct sample *s);

/* JMeter's httpsampler.max_frame_depth */
#define EMBEDDED_MAX_FRAME_DEPTH 5

/* Takes a finished page sample. When it is a successful text page with a
 * parser (HTML, CSS), fetches its resources (one after another, or
 * concurrentPool at a time) and hands done() the container sample: the page
 * first, then each resource, as sub-samples "<label>-<n>". Otherwise hands
 * done() the page itself. frame_depth is the page's own nesting depth. */
void embedded_fetch(struct vu *vu, struct sample *page, int frame_depth, transfer_done_fn done,
                    void *owner);

/* http_transport.c: one GET of a resource with the sampler's settings. */
void transport_fetch_resource(struct vu *vu, const char *url, int frame_depth,
                              transfer_done_fn done, void *owner);

#endif
