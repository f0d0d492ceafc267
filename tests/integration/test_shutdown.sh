#!/bin/sh
# test_shutdown.sh - stopping a run with signals (tests/integration/plans/shutdown.jmx:
# 200 users looping on tools/demo-server's /delay, each request tagged id=<thread>-<n>).
# The demo server's --log lists every request it received, with its id; the JTL's URL
# column carries the same id; the run log (-j) says why samples in flight were aborted.
# Three runs, each interrupted after about 3 s:
#   1. one SIGINT, requests of 0.5 s after a think time of 0-400 ms: the samples in
#      flight finish within the 5 s grace period, so every request the server received
#      has exactly one JTL row, every row passed, no row is for a request the server
#      never saw, no sample started after the signal (users stop after their current
#      sample), nothing was aborted, the process exits 0 and the summary was printed;
#   2. SIGINT, then a second one 1 s later, requests of 30 s: the second signal aborts
#      the requests in flight (the run log says so); every request the server received
#      still has one JTL row, failed with a "Non HTTP response code", and the summary
#      was printed;
#   3. one SIGTERM, requests of 30 s: the grace period ends the samples in flight (the
#      run log says so); the same checks as 2.
# Each run must exit within 15 s of its last signal (5 s of grace and generous slack for
# a loaded machine; the requests of runs 2 and 3 would last another 25 s).
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_shutdown.XXXXXX")
pid=""
run=""
cleanup() {
    [ -n "$run" ] && { kill -KILL "$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; }
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "test_shutdown: FAIL: $*" >&2; exit 1; }
# monotonic ms (how long the run takes to exit), immune to clock steps
mono_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }
# signal SIG: sends SIG to the run; sets sent (epoch ms, to compare with the JTL's
# timeStamp) and sent_mono (monotonic ms), both taken once the signal was sent
signal() {
    out=$(python3 -c 'import os, signal, sys, time
os.kill(int(sys.argv[1]), getattr(signal, "SIG" + sys.argv[2]))
print(int(time.time() * 1000), int(time.monotonic() * 1000))' "$run" "$1")
    sent=${out% *}
    sent_mono=${out#* }
}

start_server() {
    rm -f "$tmp/port" "$tmp/server.log"
    python3 "$root/tools/demo-server" --port 0 --port-file "$tmp/port" --log "$tmp/server.log" &
    pid=$!
    n=0
    until [ -s "$tmp/port" ]; do
        n=$((n + 1)); [ $n -le 200 ] || fail "demo server did not start"; sleep 0.05
    done
    port=$(sed -n 1p "$tmp/port")
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

# waits for the run to end; fails $1 ms after the last signal; sets rc
wait_run() {
    limit=$1
    while kill -0 "$run" 2>/dev/null; do
        if [ $(($(mono_ms) - sent_mono)) -gt "$limit" ]; then
            echo "test_shutdown: $name: process state $(ps -o stat= -p "$run"), $(wc -l < "$tmp/$name.jtl") JTL lines" >&2
            tail -5 "$tmp/$name.out" >&2
            fail "$name: still running $limit ms after the signal"
        fi
        sleep 0.1
    done
    rc=0
    wait "$run" || rc=$?
    run=""
}

# check NAME MODE SIGNAL_MS: the JTL against the server's log (MODE: finished | aborted)
check() {
    python3 - "$tmp/$1.jtl" "$tmp/server.log" "$2" "$3" <<'EOF' || fail "$1: JTL and server log disagree"
import collections, csv, json, re, sys
jtl, log, mode, signal_ms = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ident = re.compile(r"[?&]id=([0-9]+-[0-9]+)")
rows = list(csv.DictReader(open(jtl, newline="", encoding="utf-8")))
row_ids = collections.Counter(ident.search(r["URL"]).group(1) for r in rows)
received = collections.Counter(ident.search(json.loads(l)["target"]).group(1)
                               for l in open(log, encoding="utf-8") if l.strip())
problems = []
if not received:
    problems.append("the server received nothing")
dup = [i for i, n in row_ids.items() if n > 1] + [i for i, n in received.items() if n > 1]
if dup:
    problems.append("ids seen twice: %s" % dup[:5])
missing = sorted(set(received) - set(row_ids))
if missing:
    problems.append("%d requests received without a JTL row: %s" % (len(missing), missing[:5]))
if mode == "finished":
    extra = sorted(set(row_ids) - set(received))
    if extra:
        problems.append("%d rows for requests the server never received: %s" % (len(extra), extra[:5]))
    bad = [r["URL"] for r in rows if r["success"] != "true"]
    if bad:
        problems.append("%d failed rows after a graceful stop: %s" % (len(bad), bad[:3]))
    # users stop after their current sample: none starts after the signal (50 ms of
    # slack for a user that had just decided to sample when the signal came, and for
    # the thread that takes the signal to be scheduled)
    late = [int(r["timeStamp"]) - signal_ms for r in rows if int(r["timeStamp"]) > signal_ms + 50]
    if late:
        problems.append("%d samples started after the signal, up to %d ms" % (len(late), max(late)))
else:
    failed = [r for r in rows if r["success"] != "true"]
    if not failed or any(not r["responseCode"].startswith("Non HTTP response code: ") for r in failed):
        problems.append("the interrupted samples are not failed Non HTTP samples")
print("test_shutdown: %s: %d requests received, %d JTL rows (%d failed)"
      % (mode, sum(received.values()), len(rows), sum(r["success"] != "true" for r in rows)))
for p in problems:
    print("check: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
}

logged() {   # logged NAME TEXT: the run log has TEXT
    grep -qF "$2" "$tmp/$1.log" || { cat "$tmp/$1.log" >&2; fail "$1: the run log does not say '$2'"; }
}

summary_printed() {
    grep -q '^summary = ' "$tmp/$1.out" && grep -q '^\.\.\. end of run' "$tmp/$1.out" ||
        { cat "$tmp/$1.out" >&2; fail "$1: no final summary"; }
}

# 1. one SIGINT: in-flight samples finish
name=graceful
start_server
"$bin" -n -t "$root/tests/integration/plans/shutdown.jmx" -Jport="$port" -Jms=500 -Jthink_range=400 \
    -l "$tmp/$name.jtl" -j "$tmp/$name.log" > "$tmp/$name.out" 2>&1 &
run=$!
sleep 3
signal INT
wait_run 15000
stop_server
[ "$rc" -eq 0 ] || { cat "$tmp/$name.out" >&2; fail "$name: exit status $rc"; }
summary_printed "$name"
logged "$name" 'stopping the test (signal): no new samples, 5000 ms for those in flight'
! grep -q 'stopping now' "$tmp/$name.log" || fail "$name: samples were aborted"
check "$name" finished "$sent"

# 2. a second SIGINT aborts the requests in flight
name=abort
start_server
"$bin" -n -t "$root/tests/integration/plans/shutdown.jmx" -Jport="$port" -Jms=30000 \
    -l "$tmp/$name.jtl" -j "$tmp/$name.log" > "$tmp/$name.out" 2>&1 &
run=$!
sleep 3
signal INT
sleep 1
signal INT
wait_run 15000
stop_server
[ "$rc" -eq 1 ] || { cat "$tmp/$name.out" >&2; fail "$name: exit status $rc, expected 1 (failed samples)"; }
summary_printed "$name"
logged "$name" 'stopping now (second signal): samples in flight are aborted'
check "$name" aborted "$sent"

# 3. one SIGTERM, nothing finishes within the grace period
name=grace
start_server
"$bin" -n -t "$root/tests/integration/plans/shutdown.jmx" -Jport="$port" -Jms=30000 \
    -l "$tmp/$name.jtl" -j "$tmp/$name.log" > "$tmp/$name.out" 2>&1 &
run=$!
sleep 3
signal TERM
wait_run 15000
stop_server
logged "$name" 'stopping now (grace period over): samples in flight are aborted'
[ "$rc" -eq 1 ] || { cat "$tmp/$name.out" >&2; fail "$name: exit status $rc, expected 1 (failed samples)"; }
summary_printed "$name"
check "$name" aborted "$sent"
exit 0
