#!/bin/sh
# test_unsupported.sh - script elements (JSR223, BeanShell, BSF) in a run: each one is
# named in a file:line warning saying what happens instead, the run goes on without
# them (the Debug Sampler runs on both iterations, no row for the script samplers), the
# exit status is 0; with --strict the warnings are errors and nothing runs.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_unsupported.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_unsupported: FAIL: $*" >&2; exit 1; }
plan="$root/tests/integration/plans/scripts.jmx"

"$bin" -n -t "$plan" -l "$tmp/r.jtl" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; fail "exit status $?"; }
for element in 'JSR223PreProcessor "set token"' 'JSR223Sampler "groovy sampler"' \
               'BeanShellSampler "bsh sampler"' 'BSFPostProcessor "bsf post"' \
               'BeanShellAssertion "bsh assert"'; do
    grep -q "scripts.jmx:[0-9]*: warning: unsupported element $element: .*port it by hand" "$tmp/out" ||
        { cat "$tmp/out" >&2; fail "no warning naming $element"; }
done
[ "$(grep -c ',debug,' "$tmp/r.jtl")" -eq 2 ] || fail "the Debug Sampler did not run twice"
! grep -q 'sampler,' "$tmp/r.jtl" || fail "a script sampler left a row"

if "$bin" -n -t "$plan" --strict -l "$tmp/s.jtl" >"$tmp/strict" 2>&1; then
    fail "--strict accepted script elements"
fi
grep -q "error: unsupported element JSR223Sampler" "$tmp/strict" || fail "--strict message"
[ ! -s "$tmp/s.jtl" ] || fail "--strict ran the plan"
echo "test_unsupported: ok"
