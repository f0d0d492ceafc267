#!/bin/sh
# test_emit_managers.sh - jmx2run --emit-locust on Cookie and Authorization Manager plans:
# tests/data/emit/managers.jmx (the plan's own cookie, server cookies, COOKIE_<name>
# variables, a jar cleared at each iteration; Basic credentials sent up front, Digest ones
# on the challenge; serialized thread groups) and tests/integration/plans/cookies.jmx and
# embedded.jmx (Retrieve All Embedded Resources, one at a time and in parallel). The
# locustfiles send the same requests as jmx2run's native runs.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_managers.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust

both "$data/managers.jmx" managers CookieManager.save.cookies=true
compare managers --samples "$tmp/managers.samples.jsonl" "$tmp/managers.jtl"

both "$root/tests/integration/plans/cookies.jmx" cookies CookieManager.save.cookies=true
compare cookies --samples "$tmp/cookies.samples.jsonl" "$tmp/cookies.jtl"

both "$root/tests/integration/plans/embedded.jmx" embedded
compare embedded --loose
echo "test_emit_managers: ok"
