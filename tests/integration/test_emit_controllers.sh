#!/bin/sh
# test_emit_controllers.sh - jmx2run --emit-locust on tests/data/emit/controllers.jmx: Loop,
# While, ForEach, If (expression, JavaScript, JEXL, Groovy), Switch, Once Only, Interleave,
# Throughput, Transaction, Critical Section and Simple controllers, Flow Control Actions in
# a loop and at thread-group level, a Counter and a Regular Expression Extractor feeding a
# ForEach. The locustfile sends the same requests per user, in the same order, as jmx2run's
# native run, and records the same samples (transactions included).
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_controllers.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust

both "$data/controllers.jmx" controllers
compare controllers --samples "$tmp/controllers.samples.jsonl" "$tmp/controllers.jtl"
echo "test_emit_controllers: ok"
