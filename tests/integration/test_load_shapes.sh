#!/bin/sh
# test_load_shapes.sh - thread groups and throughput timers keep their schedules.
#
# tests/integration/shapes/plans.py writes one plan per case (Debug Samplers and Java
# Request sleeps: no network). Each plan has an "anchor" user sampling at t = 0; the
# checks read the JTL: when each user's first and last samples fall, how many distinct
# users (threadName) there were, the allThreads / grpThreads columns while the load is
# held, and sample counts for the rate cases. Tolerances are wide (the machine may be
# busy): they catch a shape started or stopped at the wrong second, not jitter.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_load_shapes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
fail() { echo "test_load_shapes: FAIL: $*" >&2; exit 1; }

python3 "$root/tests/integration/shapes/plans.py" "$tmp" || fail "cannot write the plans"

run() {
    name=$1; shift
    "$bin" -n -t "$tmp/$name.jmx" -l "$tmp/$name.jtl" "$@" >"$tmp/$name.out" 2>&1 ||
        { cat "$tmp/$name.out" >&2; fail "$name: exit status $?"; }
    if grep -q "warning" "$tmp/$name.out"; then
        cat "$tmp/$name.out" >&2
        fail "$name: warnings"
    fi
}

# The plans run one after another; each takes 2-4 s.
for p in stepping ultimate concurrency arrivals open_model throughput omission; do
    run "$p"
done

python3 - "$tmp" <<'PY' || fail "schedules"
import collections, csv, sys

tmp = sys.argv[1]
problems = []
SLACK = 250   # ms either way

def load(name):
    rows = list(csv.DictReader(open(f"{tmp}/{name}.jtl", newline="")))
    t0 = min(int(r["timeStamp"]) for r in rows if r["label"] == "anchor")
    out = []
    for r in rows:
        if r["label"] == "anchor":
            continue
        r["t"] = int(r["timeStamp"]) - t0
        out.append(r)
    return out

def users(rows, label=None):
    by = collections.OrderedDict()
    for r in rows:
        if label is None or r["label"] == label:
            by.setdefault(r["threadName"], []).append(r["t"])
    return by

def near(what, value, want, slack=SLACK):
    if abs(value - want) > slack:
        problems.append(f"{what}: {value} ms, expected {want} +- {slack}")

def between(what, value, lo, hi):
    if not lo <= value <= hi:
        problems.append(f"{what}: {value}, expected {lo}..{hi}")

def windows(name, label, expected):
    """expected: thread-name suffix -> (first sample at, last sample before) in ms."""
    got = users(load(name), label)
    if len(got) != len(expected):
        problems.append(f"{name}: {len(got)} users {list(got)}, expected {len(expected)}")
    for thread, (start, end) in expected.items():
        times = next((v for k, v in got.items() if k.endswith(thread)), None)
        if not times:
            problems.append(f"{name}: no samples from user {thread}")
            continue
        near(f"{name} user {thread} first sample", min(times), start)
        near(f"{name} user {thread} last sample", max(times), end)

def held(name, label, lo_t, hi_t, column, want):
    """Every sample of label between lo_t and hi_t saw want active threads."""
    seen = [int(r[column]) for r in load(name) if r["label"] == label and lo_t <= r["t"] <= hi_t]
    if not seen or any(v != want for v in seen):
        problems.append(f"{name}: {column} between {lo_t} and {hi_t} ms: {sorted(set(seen))}, "
                        f"expected {want}")

# Stepping: 2 users at 1 s, 2 more at 2 s, every sample 100 ms after the last;
# users 1-2 stop at 3 s, users 3-4 at 4 s.
windows("stepping", "step", {"-1": (1100, 2900), "-2": (1100, 2900), "-3": (2100, 3900),
                             "-4": (2100, 3900)})
held("stepping", "step", 2300, 2800, "allThreads", 4)
held("stepping", "step", 1200, 1800, "allThreads", 2)

# Ultimate: (2 users, delay 1, startup 2, hold 1) and (1 user, hold 2).
windows("ultimate", "ult", {"-1": (3100, 3900), "-2": (2100, 3900), "-3": (100, 1900)})
held("ultimate", "ult", 3300, 3800, "allThreads", 2)

# Concurrency: 2 users, then 4 from 1 s, all stopped at 3 s.
conc = load("concurrency")
c = users(conc, "conc")
between("concurrency: users", len(c), 4, 4)
held("concurrency", "conc", 300, 800, "grpThreads", 2)
held("concurrency", "conc", 1300, 2800, "grpThreads", 4)
near("concurrency: last sample", max(r["t"] for r in conc if r["label"] == "conc"), 2900)
# Iterations = 2 of 300 ms: each user leaves after 2 samples and is replaced.
it = users(conc, "iter")
if any(len(v) != 2 for v in it.values()):
    problems.append(f"concurrency: iteration limit: samples per user {[len(v) for v in it.values()]}")
between("concurrency: replaced users", len(it), 5, 8)

# Arrivals: 10 a second for 2 s, each busy 250 ms: 20 samples, about 3 pooled users.
arr = load("arrivals")
a = users(arr, "arr")
between("arrivals: samples", sum(len(v) for v in a.values()), 19, 21)
between("arrivals: users (pooled)", len(a), 2, 5)
# ConcurrencyLimit 1: one user; arrivals while it is busy are dropped.
lim = users(arr, "limited")
between("arrivals limited: users", len(lim), 1, 1)
between("arrivals limited: samples", sum(len(v) for v in lim.values()), 5, 9)
# Free-Form 5/s for 1 s then 20/s for 1 s: the plugin's arithmetic gives 23 arrivals
# (the rate is read at whole seconds; the arrival at 1 s still uses the first row).
ff = [r["t"] for r in arr if r["label"] == "freeform"]
between("free-form arrivals", len(ff), 23, 23)

# Open model: rate(10/s) even_arrivals(2 s): 20 new users, 100 ms apart.
om = load("open_model")
o = users(om, "om1")
between("open model: users", len(o), 20, 20)
firsts = sorted(v[0] for v in o.values())
for k, t in enumerate(firsts):
    near(f"open model: arrival {k + 1}", t, 100 * k)
if any(len(v) != 1 for v in users(om, "om2").values()):
    problems.append("open model: a user ran its children more than once")

# Throughput timers, 3 s each: 600/min for one user and shared by three: 30 samples
# within 5 %; the Precise Throughput Timer's 20/s over a 3 s window: 60 exactly.
tp = load("throughput")
for label in ("ctt one", "ctt shared"):
    between(f"{label}: samples", sum(r["label"] == label for r in tp), 29, 31)
between("ptt: samples", sum(r["label"] == "ptt" for r in tp), 59, 60)
PY

# Coordinated omission: a 300 ms server paced at 10/s. The table must show the
# intended-start figures well above the measured ones.
grep -q "^Paced samples" "$tmp/omission.out" || { cat "$tmp/omission.out" >&2; fail "no paced table"; }
python3 - "$tmp/omission.out" <<'PY' || fail "coordinated omission figures"
import sys
lines = open(sys.argv[1]).read().split("Paced samples", 1)[1].splitlines()[2:]
rows = {l[:10].strip(): l[10:].split() for l in lines if l.strip()}
for label in ("slow ctt", "slow ptt"):
    paced, median, p90, p99, mx, i_median, i_p90, i_p99, i_mx = map(int, rows[label])
    assert paced == 6, (label, paced)
    assert 290 <= median <= 400, (label, "measured median", median)
    assert i_mx >= mx + 150, (label, "from intended", i_mx, "measured", mx)
print("test_load_shapes: coordinated omission: " + ", ".join(
    f"{k} max {v[4]} ms measured, {v[8]} ms from intended" for k, v in rows.items() if k != "TOTAL"))
PY

# A schedule the Open Model cannot read stops the run with the element's file:line.
sed 's|rate(${__P(om.rate,10)}/s)|rate(10/lightyear)|' "$tmp/open_model.jmx" > "$tmp/bad.jmx"
if "$bin" -n -t "$tmp/bad.jmx" >"$tmp/bad.out" 2>&1; then
    fail "a bad open model schedule was accepted"
fi
grep -q "bad.jmx:[0-9]*: error: thread group \"open\": schedule" "$tmp/bad.out" ||
    { cat "$tmp/bad.out" >&2; fail "bad schedule message"; }

# ${__P()} in the fields: 2 users in the Stepping group instead of 4.
"$bin" -n -t "$tmp/stepping.jmx" -l "$tmp/p.jtl" -J stepping.users=2 >/dev/null 2>&1 ||
    fail "stepping with -J"
n=$(grep -c ',step,' "$tmp/p.jtl" || true)
users=$(grep ',step,' "$tmp/p.jtl" | cut -d, -f6 | sort -u | wc -l)
[ "$users" -eq 2 ] || fail "stepping.users=2 gave $users users ($n samples)"
echo "test_load_shapes: ok"
