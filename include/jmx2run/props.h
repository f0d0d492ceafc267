/* props.h - JMeter properties: the global, thread-safe name -> value table.
 *
 * Filled from built-in defaults, -p / -q files (Java .properties syntax) and
 * -J options; read by ${__P()} / ${__property()} and written by
 * ${__setProperty()} from any worker thread, hence the lock. */
#ifndef JMX2RUN_PROPS_H
#define JMX2RUN_PROPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jmx2run/diag.h"
#include "jmx2run/util.h"

struct props;

struct props *props_new(void);
void props_free(struct props *p);
void props_set(struct props *p, const char *name, const char *value);
bool props_remove(struct props *p, const char *name);
/* Appends the value to out and returns true when defined. */
bool props_get(struct props *p, const char *name, struct strbuf *out);
bool props_has(struct props *p, const char *name);
/* Convenience for single-threaded setup code: returns a malloc'd copy or NULL. */
char *props_get_dup(struct props *p, const char *name);
/* Sets a property and, in one locked step, appends the previous value to old
 * (when old is not NULL). Returns true when there was a previous value. */
bool props_exchange(struct props *p, const char *name, const char *value, struct strbuf *old);
size_t props_count(struct props *p);
/* A number that grows with every set, removal or exchange: a value worked out
 * from properties while it read G stays right as long as it still reads G. */
uint64_t props_generation(struct props *p);
/* Calls fn for every property, in no particular order, under the read lock:
 * fn must not call back into p. */
void props_foreach(struct props *p, void (*fn)(const char *name, const char *value, void *data),
                   void *data);

/* Loads a Java .properties file (key=value, key:value or "key value"; # and !
 * comments; backslash line continuation; \t \n \uXXXX escapes). Errors name the
 * file; returns false when the file cannot be read. Java reads these files as
 * ISO-8859-1; we take UTF-8 and fall back to ISO-8859-1 for bytes that are not
 * valid UTF-8. */
bool props_load_file(struct props *p, const char *path, struct diag_list *diags);
/* Same, from memory (name only used in diagnostics). */
void props_load_text(struct props *p, const char *text, size_t len, const char *name);
/* Same as props_load_text, reporting malformed escapes to diags (may be NULL). */
void props_load_text_diag(struct props *p, const char *text, size_t len, const char *name,
                          struct diag_list *diags);
/* Applies one -J argument: "name=value"; an empty value removes the property
 * (as JMeter does). Returns false when there is no '='. */
bool props_apply_assignment(struct props *p, const char *assignment);

#endif
