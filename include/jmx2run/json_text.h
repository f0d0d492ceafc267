/* json_text.h - JSON strings (jansson) from text that may not be valid UTF-8:
 * labels read from binary responses, names in a plan file. */
#ifndef JMX2RUN_JSON_TEXT_H
#define JMX2RUN_JSON_TEXT_H

#include <jansson.h>

/* A JSON string of s; bytes that are not part of well-formed UTF-8 become
 * U+FFFD (jansson takes only valid UTF-8). NULL gives JSON null. */
json_t *text_to_json(const char *s);

#endif
