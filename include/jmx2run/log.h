/* log.h - the run log (-j FILE, JMeter's jmeter.log): timestamped lines of what
 * happened, warnings and errors included. Without -j nothing is written. The
 * console keeps its own output; messages meant for both call log_and_stderr. */
#ifndef JMX2RUN_LOG_H
#define JMX2RUN_LOG_H

#include "jmx2run/diag.h"
#include "jmx2run/util.h"

enum log_level { LOG_INFO, LOG_WARN, LOG_ERROR };

/* Opens (appends to) the log file; false with errno set when it cannot. */
bool log_open(const char *path);
void log_close(void);
/* "2026-11-26 18:57:00,123 INFO jmx2run: <message>" (thread-safe). */
void log_msg(enum log_level level, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* The same message on stderr ("jmx2run: <level>: ...") and in the log. */
void log_and_stderr(enum log_level level, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Every diagnostic, as diag_print formats it, into the log. */
void log_diagnostics(const struct diag_list *dl);

#endif
