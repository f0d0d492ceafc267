/* results.h - samples from the workers to the JTL file, the statistics and
 * the console (results.c). */
#ifndef JMX2RUN_RUN_RESULTS_H
#define JMX2RUN_RUN_RESULTS_H

#include "run.h"

struct results;

/* Opens the results file and starts the writer thread; NULL after printing an error. */
struct results *results_start(struct engine *e, const struct run_options *opts);
/* "Creating summariser", "Created the tree", "Starting standalone test" */
void results_banner_start(struct results *r);
/* Drains everything, closes the file, prints the last summary lines, the
 * closing banners and the per-label table; fills the outcome; frees r. */
void results_finish(struct results *r, struct run_outcome *outcome);

#endif
