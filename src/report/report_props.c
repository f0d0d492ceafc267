/* report_props.c - reading typed JMeter properties the way JMeterUtils'
 * getPropDefault does, for the results settings (summariser.*, the sample
 * timestamp choice). */
#include <stdlib.h>
#include <strings.h>
#include "jmx2run/report.h"

bool report_prop_bool(struct props *p, const char *name, bool def)
{
    char *v = props_get_dup(p, name);
    if (!v)
        return def;
    char *t = str_trim_dup(v);
    bool result = def;
    long long n;
    if (strcasecmp(t, "true") == 0 || strcasecmp(t, "t") == 0)
        result = true;
    else if (strcasecmp(t, "false") == 0 || strcasecmp(t, "f") == 0)
        result = false;
    else if (str_parse_ll(t, &n))
        result = n == 1;
    free(t);
    free(v);
    return result;
}

long long report_prop_ll(struct props *p, const char *name, long long def)
{
    char *v = props_get_dup(p, name);
    long long n;
    bool ok = v && str_parse_ll(v, &n);
    free(v);
    return ok ? n : def;
}
