#!/bin/sh
# test_emit_timers.sh - jmx2run --emit-locust on tests/data/emit/timers.jmx: a single
# Uniform Random Timer before every request becomes Locust's wait_time = between(d, d + r)
# (self.wait() before each request); constant, Gaussian, Poisson, Constant Throughput and
# Synchronizing timers become explicit pauses. Same requests as jmx2run's native run, and
# the pauses are there: at least the timers' minimum between a user's requests.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_timers.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust

both "$data/timers.jmx" timers
grep -q '^    wait_time = between(0.02, 0.05)$' "$tmp/timers.py" || emit_fail "timers: no wait_time"
grep -q 'self.sleep_ms(gaussian_random_ms(10, 5) + 30)' "$tmp/timers.py" || emit_fail "timers: no pause"
compare timers --samples "$tmp/timers.samples.jsonl" "$tmp/timers.jtl"
python3 - "$tmp/timers.locust.server.jsonl" <<'PY' || emit_fail "timers: the pauses are missing"
import datetime, json, sys
def t(r):
    return datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp()
users = {}
for r in map(json.loads, open(sys.argv[1])):
    user = dict((k.lower(), v) for k, v in r["headers"])["x-user"]
    users.setdefault(user, []).append(t(r))
for user, times in users.items():
    gaps = [b - a for a, b in zip(times, times[1:])]
    least = 0.019 if user.startswith("Think") else 0.029
    assert min(gaps) >= least, (user, gaps)
sync = sorted(t(r) for r in map(json.loads, open(sys.argv[1])) if "s=sync" in r["target"])
assert sync[1] - sync[0] < 0.1 and sync[3] - sync[2] < 0.1, sync
PY
echo "test_emit_timers: ok"
