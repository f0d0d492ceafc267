#!/bin/sh
# test_locust_worker.sh - jmx2run --locust-worker with a real Locust master (issue 8).
#
# Everything on loopback: tools/demo-server, Debian's Locust 2.12 (/usr/bin/locust) as
# the master, two jmx2run workers running tests/integration/locust/worker.jmx (two
# thread groups: Browsers, Api clients).
#
# The master runs the locustfile `jmx2run --emit-locust` wrote for the same plan: its
# classes are the thread groups (Browsers, ApiClients) with the plan's user counts as
# fixed_count (3 and 1), so the master only asks for classes the workers know by the
# same names.
#
# 1. Headless: --expect-workers 2 -t 6s --csv (the plan's 4 users). The master's final
#    statistics must equal, label by label, the sum of what the two workers recorded (-l
#    JTLs) and what the server logged; request types are the HTTP methods and DEBUG;
#    the workers exit 0 on the master's quit.
# 2. Web UI master: swarm, stop (every request the workers recorded is in the master's
#    statistics by then, and the workers are ready again), swarm again (a new test runs),
#    then the master is killed: the workers stop their users and exit 1 once the master
#    has been gone for --master-timeout (3 s here; 60 s by default), with complete JTLs.
#
# Skipped when
# /usr/bin/locust is not installed (Debian package python3-locust). LOCUST_TEST_KEEP=1 keeps
# the files (logs, JTLs, the master's CSV).
set -eu

root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
locust=/usr/bin/locust
py=/usr/bin/python3
if [ ! -x "$locust" ]; then
    echo "test_locust_worker: $locust not installed (python3-locust): skipped"
    exit 0
fi
plan="$root/tests/integration/locust/worker.jmx"
check="$root/tests/integration/locust/check.py"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_locust_worker.XXXXXX")
pids=""
cleanup() {
    for p in $pids; do kill -9 "$p" 2>/dev/null || true; done
    if [ -n "${LOCUST_TEST_KEEP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
    echo "test_locust_worker: FAIL: $*" >&2
    for f in "$tmp"/*.out "$tmp"/*.log; do
        [ -f "$f" ] || continue
        case "$f" in */server.log) continue ;; esac
        echo "--- $f" >&2; tail -n 25 "$f" >&2
    done
    exit 1
}

# waits (at most $2 s) for process $1 to end; its exit status in $status
wait_for() {
    n=0
    while kill -0 "$1" 2>/dev/null; do
        n=$((n + 1))
        [ "$n" -le $(($2 * 10)) ] || fail "process $1 still running after $2 s"
        sleep 0.1
    done
    status=0
    wait "$1" || status=$?
}

rows() { $py -c 'import csv,sys; print(sum(sum(1 for _ in csv.DictReader(open(f))) for f in sys.argv[1:]))' "$@"; }

set -- $($py "$check" ports 3)
mport1=$1 mport2=$2 wport=$3

"$root/tools/demo-server" --port 0 --port-file "$tmp/port" --log "$tmp/server.log" \
    >"$tmp/server.out" 2>&1 &
pids="$pids $!"
n=0
while [ ! -s "$tmp/port" ]; do
    n=$((n + 1)); [ "$n" -le 50 ] || fail "the demo server did not start"; sleep 0.1
done
sport=$(head -n 1 "$tmp/port")

"$bin" --emit-locust "$plan" >"$tmp/master.py" 2>"$tmp/emit.out" || fail "--emit-locust"
$py "$check" classes "$tmp/master.py" Browsers ApiClients ||
    fail "the emitted locustfile does not name the classes as expected"

# worker N MASTER_PORT [options]: a worker in the background, its pid in $wpid
worker() {
    n=$1 port=$2
    shift 2
    "$bin" --locust-worker --master-port "$port" -Jport="$sport" -Jthink=20 \
        -l "$tmp/w$n.jtl" "$@" "$plan" >"$tmp/w$n.out" 2>&1 &
    wpid=$!
    pids="$pids $wpid"
}

# ---- 1. headless master: the statistics add up
cd "$tmp"
$locust -f master.py --master --headless --master-bind-host 127.0.0.1 \
    --master-bind-port "$mport1" --expect-workers 2 -t 6s --csv "$tmp/m" \
    >"$tmp/master1.log" 2>&1 &
mpid=$!
pids="$pids $mpid"
worker 1 "$mport1"; w1=$wpid
worker 2 "$mport1"; w2=$wpid
wait_for "$mpid" 30
[ "$status" -le 1 ] || fail "the headless master exited with $status"
wait_for "$w1" 10; [ "$status" -eq 0 ] || fail "worker 1 exited with $status after the quit"
wait_for "$w2" 10; [ "$status" -eq 0 ] || fail "worker 2 exited with $status after the quit"
grep -q "Sending spawn jobs of 4 users" "$tmp/master1.log" || fail "the master spawned nothing"
$py "$check" compare "$tmp/m_stats.csv" "$tmp/server.log" "$tmp/w1.jtl" "$tmp/w2.jtl" >"$tmp/compare.out" ||
    fail "the master's statistics do not add up"

# ---- 2. web UI master: swarm, stop, swarm again, then the master dies
url="http://127.0.0.1:$wport"
$locust -f master.py --master --master-bind-host 127.0.0.1 --master-bind-port "$mport2" \
    --web-host 127.0.0.1 --web-port "$wport" >"$tmp/master2.log" 2>&1 &
mpid=$!
pids="$pids $mpid"
worker 3 "$mport2" --master-timeout 3; w3=$wpid
worker 4 "$mport2" --master-timeout 3; w4=$wpid
$py "$check" web "$url" workers 2 ready || fail "the workers did not register"
$py "$check" web "$url" swarm 4
$py "$check" web "$url" wait running 4 || fail "the first swarm did not run 4 users"
sleep 1.5
$py "$check" web "$url" stop
$py "$check" web "$url" wait stopped || fail "the test did not stop"
$py "$check" web "$url" workers 2 ready || fail "the workers are not ready after the stop"
total=$($py "$check" web "$url" total)
recorded=$(rows "$tmp/w3.jtl" "$tmp/w4.jtl")
[ "$total" -gt 0 ] || fail "no request in the first web test"
[ "$total" -eq "$recorded" ] ||
    fail "after the stop the master counts $total requests, the workers recorded $recorded"
$py "$check" web "$url" swarm 4
$py "$check" web "$url" wait running 4 || fail "the second swarm did not run 4 users"
sleep 1.5
again=$($py "$check" web "$url" total)
[ "$again" -gt 0 ] || fail "no request in the second web test"
grep -q "ready for the next one" "$tmp/w3.out" || fail "worker 3 did not report the stop"
[ "$(grep -c "Starting standalone test" "$tmp/w3.out")" -eq 2 ] ||
    fail "worker 3 did not run two tests"
kill -9 "$mpid"
wait_for "$w3" 15; [ "$status" -eq 1 ] || fail "worker 3 exited with $status when the master died"
wait_for "$w4" 15; [ "$status" -eq 1 ] || fail "worker 4 exited with $status when the master died"
grep -q "no Locust master" "$tmp/w3.out" || fail "worker 3 did not say why it quit"
after=$(rows "$tmp/w3.jtl" "$tmp/w4.jtl")
[ "$after" -gt "$recorded" ] || fail "the second test recorded nothing in the JTLs"
exit 0
