#!/bin/sh
# test_emit_walks.sh - the controller plans of tests/integration/controllers (Java Requests
# running JMeter's JavaTest: no server), converted with jmx2run --emit-locust and run under
# Locust: every user's walk - the labels, verdicts and failure messages of its samples, in
# order, transactions included - must be the one jmx2run's native run records (which
# matches what JMeter recorded for these plans). Covers loops with and without "continue
# forever", counts read once or again, While, If (expression and JavaScript), the
# __jm__<name>__idx variables, Once Only, Switch, Interleave across threads, Module and
# Include Controllers, Critical Sections, setUp / tearDown and serialized groups, Test
# Plan level elements, the actions after failures (thread group, Result Status Action
# Handler, Flow Control Action: next loop, next iteration, break, stop thread, stop test)
# and transactions cut short. Plans left out and why: see the README of tests/data/emit.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_walks.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust
cd "$root/tests/integration/controllers"

for p in loops loop_forever loop_counts while if if_js idx56 once_only switch interleave_threads \
         on_error result_action actions56 flow_action transaction_restart stop_in_transaction \
         stop_test stop_test_no_teardown critical groups groups_parallel modules test_plan_level \
         empty; do
    emit "$p.jmx" "$p"
    "$bin" -n -t "$p.jmx" -l "$tmp/$p.jtl" --quiet -Jjmeter.save.saveservice.subresults=false \
        > /dev/null 2>&1 || true
    run_locust "$p"
    python3 "$data/compare_runs.py" --samples-only --samples "$tmp/$p.samples.jsonl" "$tmp/$p.jtl" x x \
        || emit_fail "$p: the users' walks differ from jmx2run's"
done
echo "test_emit_walks: ok"
