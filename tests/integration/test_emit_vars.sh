#!/bin/sh
# test_emit_vars.sh - jmx2run --emit-locust on tests/data/emit/vars.jmx: User Defined
# Variables (Test Plan and element), User Parameters, Counters, CSV Data Sets (shared, per
# user, stop at the end of the file), a Random Variable and JMeter's functions, each sent as
# a query argument. The locustfile sends the same requests per user as jmx2run's native
# run; values that are random on purpose (arguments named r_...) are masked.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_vars.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust
cd "$data"

both "$data/vars.jmx" vars myprop=from-cli
compare vars --samples "$tmp/vars.samples.jsonl" "$tmp/vars.jtl" --mask '(r_[a-z]+=)[^&]*::\1R'
echo "test_emit_vars: ok"
