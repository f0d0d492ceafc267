/* properties.c - the JMeter property table for a run: defaults first, then
 * property files and -J / -G / -q in the order they were given. */
#include <string.h>
#include "jmx2run/cli.h"
#include "jmx2run/util.h"

/* The jmeter.properties values jmx2run reads, as JMeter 5.6 ships them. A -p
 * file replaces this list entirely, as it replaces bin/jmeter.properties. */
static const char *const builtin_defaults[][2] = {
    {"jmeter.save.saveservice.output_format", "csv"},
    {"jmeter.save.saveservice.print_field_names", "true"},
    {"jmeter.save.saveservice.timestamp_format", "ms"},
    {"jmeter.save.saveservice.default_delimiter", ","},
    {"jmeter.save.saveservice.subresults", "true"},
    {"jmeter.save.saveservice.assertions", "true"},
    {"sampleresult.timestamp.start", "true"},
    {"summariser.name", "summary"},
    {"summariser.interval", "30"},
    {"summariser.out", "true"},
    {"summariser.ignore_transaction_controller_sample_result", "true"},
    {"httpsampler.max_redirects", "20"},
    {"httpsampler.max_frame_depth", "5"},
    {"httpclient4.retrycount", "0"},
    {"httpclient4.time_to_live", "60000"},
    {"httpclient4.validate_after_inactivity", "4900"},
    {"httpclient.reset_state_on_thread_group_iteration", "true"},
    {"csvdataset.eofstring", "<EOF>"},
    {"CookieManager.delete_null_cookies", "true"},
    {"CookieManager.check.cookies", "true"},
    {"CookieManager.save.cookies", "false"},
    {"CookieManager.name.prefix", "COOKIE_"},
    {"cache_manager.cached_resource_mode", "RETURN_NO_SAMPLE"},
    {"jmeterengine.threadstop.wait", "5000"},
    {"timer.factor", "1.0"},
    {"function.cache.per.iteration", "false"},
};

struct props *cli_load_properties(const struct cli_options *opts, struct diag_list *diags)
{
    struct props *p = props_new();
    if (opts->prop_file) {
        if (!props_load_file(p, opts->prop_file, diags)) {
            props_free(p);
            return NULL;
        }
    } else {
        for (size_t i = 0; i < ARRAY_LEN(builtin_defaults); i++)
            props_set(p, builtin_defaults[i][0], builtin_defaults[i][1]);
    }
    for (size_t i = 0; i < opts->n_prop_ops; i++) {
        const struct cli_prop_op *op = &opts->prop_ops[i];
        if (op->kind == CLI_PROP_FILE) {
            if (!props_load_file(p, op->arg, diags)) {
                props_free(p);
                return NULL;
            }
        } else {
            props_apply_assignment(p, op->arg);
        }
    }
    return p;
}
