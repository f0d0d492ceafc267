/* http_cookies.h - per-user cookie jars, one per HTTP Cookie Manager a user
 * meets, kept in libcurl share objects (libcurl's cookie engine does the
 * parsing, matching and expiry). No Cookie Manager in scope -> no jar: cookies
 * are neither stored nor sent, as in JMeter. */
#ifndef JMX2RUN_RUN_HTTP_COOKIES_H
#define JMX2RUN_RUN_HTTP_COOKIES_H

#include "run.h"

/* The CURLSH holding the user's jar for this manager (created on first use,
 * with the manager's own cookies loaded). */
void *cookies_share_for(struct vu *vu, const struct plan_node *manager);
/* A thread group iteration starts: jars go back to the manager's own cookies
 * when the manager says so (clearEachIteration, or controlledByThreadGroup
 * with a new user per iteration). */
void cookies_iteration_start(struct vu *vu, bool same_user);
void cookies_free_user(struct vu *vu);
/* Whether a Cookie Manager in scope keeps cookies (its policy is not ignoreCookies). */
bool cookies_in_scope(const struct plan_scope *scope);
/* CookieManager.save.cookies: COOKIE_<name> variables from a response's Set-Cookie headers. */
void cookies_export_variables(struct vu *vu, const struct sample *s);
/* A new user per iteration: connections and TLS sessions are not reused. */
void http_reset_user_connections(struct vu *vu);

#endif
