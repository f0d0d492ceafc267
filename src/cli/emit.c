/* emit.c - jmx2run --emit-locust plan.jmx > locustfile.py: the plan as a
 * Locust file on stdout. The -J properties given here become the file's
 * default properties, and -H -P -E -u -a -N the file's default proxy; with
 * --tls-verify its users check HTTPS certificates (else they trust all, as
 * JMeter does).
 * Exit status: 0 (the conversion always completes), 1 with --strict when
 * an element was left as a TODO, 2 when stdout cannot be written or the
 * proxy flags are unusable. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jmx2run/commands.h"
#include "jmx2run/emit.h"
#include "jmx2run/http_proxy.h"

/* -H without -P (or the reverse), a bad port or scheme: exit 2, as a run
 * does. Flags that need -H warn without it. No message has the password. */
static bool emit_proxy_flags_ok(const struct cli_options *opts,
                                const struct http_proxy_flags *flags)
{
    struct http_proxy_settings ps;
    char *error = NULL;
    if (!http_proxy_settings_init(&ps, flags, NULL, &error)) {
        fprintf(stderr, "jmx2run: error: %s\n", error);
        free(error);
        return false;
    }
    if (!ps.host && (opts->proxy_user || opts->proxy_pass || opts->non_proxy_hosts ||
                     opts->proxy_scheme))
        fprintf(stderr, "jmx2run: warning: -u, -a, -N and -E apply to the proxy given with -H "
                        "and -P; without it they have no effect\n");
    else if (opts->proxy_pass && !opts->proxy_user)
        fprintf(stderr, "jmx2run: warning: -a without -u has no effect (as with JMeter)\n");
    http_proxy_settings_free(&ps);
    return true;
}

int cmd_emit_locust(const struct cli_options *opts, const struct plan *plan,
                    struct diag_list *diags)
{
    struct emit_property *props = NULL;
    size_t n = 0;
    for (size_t i = 0; i < opts->n_prop_ops; i++) {
        const struct cli_prop_op *op = &opts->prop_ops[i];
        if (op->kind != CLI_PROP_ASSIGN)
            continue;
        const char *eq = strchr(op->arg, '=');
        if (!eq)
            continue;
        char *name = xstrndup(op->arg, (size_t)(eq - op->arg));
        char *trimmed = str_trim_dup(name);
        free(name);
        size_t k = 0;
        while (k < n && strcmp(props[k].name, trimmed) != 0)
            k++;
        if (k == n) {
            props = xrealloc(props, (n + 1) * sizeof *props);
            n++;
            props[k].name = trimmed;
        } else {
            free(trimmed);
        }
        props[k].value = eq + 1;
        if (!*props[k].value) {   /* an empty value removes the property, as in JMeter */
            free((char *)props[k].name);
            props[k] = props[--n];
        }
    }
    /* the proxy flags (issue 9), checked as for a run */
    const struct http_proxy_flags proxy = {
        .host = opts->proxy_host, .port = opts->proxy_port, .scheme = opts->proxy_scheme,
        .user = opts->proxy_user, .pass = opts->proxy_pass,
        .non_proxy_hosts = opts->non_proxy_hosts,
    };
    if (!emit_proxy_flags_ok(opts, &proxy)) {
        for (size_t i = 0; i < n; i++)
            free((char *)props[i].name);
        free(props);
        return 2;
    }
    struct emit_options eo = {.fast = opts->locust_fast, .tls_verify = opts->tls_verify,
                              .plan_path = opts->plan_path, .properties = props,
                              .n_properties = n, .proxy = &proxy};
    struct strbuf out;
    strbuf_init(&out);
    size_t todo = emit_locust(plan, &eo, &out, diags);
    int rc = 0;
    if (fwrite(out.s, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "jmx2run: error: cannot write the locustfile: %s\n", strerror(errno));
        rc = 2;
    } else if (todo > 0 && opts->strict) {
        rc = 1;
    }
    strbuf_free(&out);
    for (size_t i = 0; i < n; i++)
        free((char *)props[i].name);
    free(props);
    return rc;
}
