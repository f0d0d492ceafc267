#!/bin/sh
# test_emit_groups.sh - the load profile of an emitted locustfile, run with no -u / -r / -t:
# tests/data/emit/groups.jmx has a setUp group (2 users x 2 loops), a group of 3 users
# ramping up over 1 s, a group with a scheduler (1 s delay, 2 s duration, loops for ever)
# and a tearDown group; groups_serial.jmx is the same plan with serialized groups. Locust
# must stop by itself, run setUp before and tearDown after the main groups, start the users
# on JMeter's ramp-up schedule, keep the scheduled group inside its window, run serialized
# groups one after the other, and send the same requests as jmx2run (the scheduled group,
# whose count depends on timing, by count with a tolerance). Also: -u / -r override.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_groups.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust

check_times() {
    python3 - "$1" "$2" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
serial = sys.argv[2] == "serial"
def user(r):
    return dict((k.lower(), v) for k, v in r["headers"]).get("x-user", "")
import datetime
def t(r):
    v = r["time"]
    if isinstance(v, (int, float)):
        return float(v)
    return datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()
groups = {}
for r in reqs:
    groups.setdefault(user(r).rsplit("-", 1)[0], []).append(r)
setup, ramp, timed, tear = (groups.get(g, []) for g in ("Setup", "Ramp", "Timed", "Teardown"))
assert len(setup) == 4 and len(ramp) == 6 and len(tear) == 1, {g: len(v) for g, v in groups.items()}
main = ramp + timed
assert max(map(t, setup)) <= min(map(t, main)), "setUp overlaps the main groups"
assert max(map(t, main)) <= min(map(t, tear)), "tearDown overlaps the main groups"
first = {}
for r in ramp:
    first.setdefault(user(r), t(r))
starts = sorted(first.values())
t0 = starts[0]
for k, s in enumerate(starts):
    assert abs((s - t0) - k / 3) < 0.3, ("ramp-up", [round(x - t0, 3) for x in starts])
timed_start = min(map(t, timed))
base = max(map(t, ramp)) if serial else t0
assert 0.85 <= timed_start - base <= 2.0, ("delay", timed_start - base)
assert max(map(t, timed)) - timed_start <= 2.3, ("duration", max(map(t, timed)) - timed_start)
assert 4 <= len(timed) <= 9, ("scheduled requests", len(timed))
PY
}

for plan in groups groups_serial; do
    both "$data/$plan.jmx" "$plan"
    check_times "$tmp/$plan.locust.server.jsonl" "$([ $plan = groups ] && echo parallel || echo serial)" \
        || emit_fail "$plan: load profile"
    compare "$plan" --skip-user '^Timed' --samples "$tmp/$plan.samples.jsonl" "$tmp/$plan.jtl"
    n_locust=$(grep -c '"/delay' "$tmp/$plan.locust.server.jsonl")
    n_native=$(grep -c '"/delay' "$tmp/$plan.native.server.jsonl")
    [ $((n_locust - n_native)) -le 2 ] && [ $((n_native - n_locust)) -le 2 ] \
        || emit_fail "$plan: the scheduled group sent $n_locust requests, jmx2run $n_native"
done

# jmeter-plugins groups: Stepping and Ultimate users start and stop on their schedules,
# bzm Concurrency ramps up and holds; per user about as many requests as jmx2run sends
both "$data/plugins.jmx" plugins
python3 - "$tmp/plugins.locust.server.jsonl" "$tmp/plugins.native.server.jsonl" <<'PY' || emit_fail "plugins: load profile"
import collections, json, sys
def users(path):
    c = collections.Counter()
    for r in map(json.loads, open(path)):
        c[dict((k.lower(), v) for k, v in r["headers"])["x-user"]] += 1
    return c
a, b = users(sys.argv[1]), users(sys.argv[2])
assert sorted(a) == sorted(b), (a, b)
assert sorted(a) == ["Concurrency-1", "Concurrency-2", "Stepping-1", "Stepping-2", "Stepping-3",
                     "Stepping-4", "Ultimate-1", "Ultimate-2"], a
for u in a:
    assert abs(a[u] - b[u]) <= 2, (u, a[u], b[u])
PY

# -u / -r override the plan's numbers: Locust ramps the users up, the groups share them
# by size; the test still ends by itself when they are done
start_server override
run_locust groups -u 4 -r 100
stop_server
[ "$(grep -c '"/echo?s=teardown' "$tmp/override.server.jsonl")" -eq 1 ] || emit_fail "override: no tearDown"
[ "$(grep -c '"/echo?s=setup' "$tmp/override.server.jsonl")" -eq 4 ] || emit_fail "override: no setUp"
echo "test_emit_groups: ok"
