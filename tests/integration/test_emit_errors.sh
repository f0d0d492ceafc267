#!/bin/sh
# test_emit_errors.sh - jmx2run --emit-locust on tests/data/emit/errors.jmx: the thread
# group's action after a failed sample (continue, start next loop, stop thread), a Result
# Status Action Handler (next iteration of the loop), Flow Control Actions (pause, stop the
# thread), a While Controller looping until a sample fails, a transaction with a failing
# child. Same requests per user as jmx2run's native run, same samples and verdicts.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_errors.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust

both "$data/errors.jmx" errors
compare errors --samples "$tmp/errors.samples.jsonl" "$tmp/errors.jtl"
echo "test_emit_errors: ok"
