#!/bin/sh
# test_results_cli.sh - what a run reports and how it ends (issue 6), on small plans of
# Java Request samplers (JMeter's JavaTest: a chosen sleep, code, message and status), so no
# network is needed. Checks:
#   - exit status 0 when every sample passed, 1 when some failed, --exit-code-on-error 0 / 7;
#   - every --fail-on form (error_rate, pN, p99[label], avg, rps, max, errors, samples, min,
#     median; > >= < <=; ms s %; labels holding "]") passing (exit 0) and breaching (exit 3,
#     one "criterion breached" line each, 3 winning over failed samples); a label that never
#     ran; malformed expressions refused as usage errors (exit 2) naming the expression;
#   - --summary-json against the JTL of the same run: samples and errors per label and in
#     total, the top errors, the settings (plan, times, threads, -J properties with secret
#     values left out), the percentile method;
#   - the "Top errors" table after the aggregate table;
#   - not a terminal: JMeter's summariser lines and no control characters; --quiet: nothing;
#   - under a pseudo-terminal: the live status line (elapsed/planned, users, samples, rate,
#     errors, p95) redrawn in place and cleared before the final output, no summariser lines;
#     --quiet silences it; JMX2RUN_PROGRESS=0 / 1 force it off / on.
# Times only ever appear as lower bounds (a 300 ms sleep lasts at least 300 ms) or with
# minutes of margin, so a slow machine cannot make this test fail.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_results_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
fail() { echo "test_results_cli: FAIL: $*" >&2; exit 1; }
show() { echo "--- stdout"; cat "$tmp/out" 2>/dev/null; echo "--- stderr"; cat "$tmp/err" 2>/dev/null; }

# ---------------------------------------------------------------- the plans
python3 - "$root/tests/integration/controllers" "$tmp" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from jmx import el, args, s, b, TG, PLAN, TRANSACTION, ASSERT_FAIL, render

def J(label, sleep=0, code="200", message="OK", status="OK", children=()):
    """A JavaTest Java Request: sleeps `sleep` ms, then answers code / message / status."""
    pairs = [("Sleep_Time", str(sleep)), ("Sleep_Mask", "0"), ("Label", label),
             ("ResponseCode", code), ("ResponseMessage", message), ("Status", status),
             ("SamplerData", ""), ("ResultData", "")]
    return el("JavaSampler", "JavaTestSamplerGui", label,
              [args(pairs), s("classname", "org.apache.jmeter.protocol.java.test.JavaTest")], children)

def scheduled_group(name, children, threads, duration_s):
    """A Thread Group looping until its scheduler ends it."""
    main = ('<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
            'guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">'
            + b("LoopController.continue_forever", False) + s("LoopController.loops", "-1") + "</elementProp>")
    props = [s("ThreadGroup.on_sample_error", "continue"), main, s("ThreadGroup.num_threads", threads),
             s("ThreadGroup.ramp_time", 0), b("ThreadGroup.scheduler", True),
             s("ThreadGroup.duration", duration_s), s("ThreadGroup.delay", "")]
    return el("ThreadGroup", "ThreadGroupGui", name, props, children)

plans = {
    # 2 users x 3 iterations: 6 x (login 300 ms, browse, cart [v2], checkout 500,
    # search failing its assertion, buy = transaction around pay 503)
    "mixed": PLAN("mixed", [TG("shoppers", [
        J("login", sleep=300),
        J("browse"),
        J("cart [v2]"),
        J("checkout", code="500", message="Internal Server Error", status="FAIL"),
        J("search", children=[ASSERT_FAIL("code check")]),
        TRANSACTION("buy", [J("pay", code="503", message="Service Unavailable", status="FAIL")]),
    ], threads=2, loops=3)]),
    "ok": PLAN("ok", [TG("visitors", [J("home")], threads=1, loops=2)]),
    # 2 users, scheduler 2 s, 250 ms samples: long enough for the status line to be drawn
    "timed": PLAN("timed", [scheduled_group("tickers", [J("tick", sleep=250)], 2, 2)]),
}
for name, plan in plans.items():
    with open("%s/%s.jmx" % (sys.argv[2], name), "w") as f:
        f.write(render(plan, "test_results_cli: " + name))
EOF

# Runs the binary with stdout / stderr in $tmp/out / $tmp/err; the status in $rc.
run() {
    rc=0
    "$bin" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
}
# Runs the binary under a pseudo-terminal (stdout and stderr both); output in $tmp/pty.
run_pty() {
    rc=0
    python3 - "$bin" "$@" > "$tmp/pty" <<'EOF' || rc=$?
import fcntl, os, pty, struct, subprocess, sys, termios
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
p = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave, stderr=slave, close_fds=True)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:            # EIO: the program ended and closed the terminal
        break
    if not chunk:
        break
    out += chunk
sys.stdout.buffer.write(out)
sys.exit(p.wait())
EOF
}
esc=$(printf '\033')
cr=$(printf '\r')

# ---------------------------------------------------------------- exit status
run "$tmp/ok.jmx" --threads 2
[ $rc -eq 0 ] || { show; fail "ok.jmx exited with $rc, expected 0"; }
# not a terminal: JMeter's summariser line, no status line
grep -q '^summary = *2 in ' "$tmp/out" || { show; fail "no 'summary =' line when stdout is not a terminal"; }
! grep -q "$esc" "$tmp/out" || fail "control sequences written to a file"
! grep -q "$cr" "$tmp/out" || fail "carriage returns written to a file"
! grep -q '^Top errors' "$tmp/out" || fail "a top-errors table without errors"

run "$tmp/mixed.jmx" --threads 2 -l "$tmp/mixed.jtl" --summary-json "$tmp/mixed.json" \
    -J users=2 -Jdb_password=hunter2 -J API_TOKEN=tok-42 -J empty=
[ $rc -eq 1 ] || { show; fail "mixed.jmx exited with $rc, expected 1 (failed samples)"; }
run "$tmp/mixed.jmx" --threads 2 --quiet --exit-code-on-error 0
[ $rc -eq 0 ] || { show; fail "--exit-code-on-error 0: exited with $rc"; }
[ ! -s "$tmp/out" ] || { show; fail "--quiet printed on stdout"; }
run "$tmp/mixed.jmx" --threads 2 --quiet --exit-code-on-error=7
[ $rc -eq 7 ] || { show; fail "--exit-code-on-error 7: exited with $rc"; }
run "$tmp/ok.jmx" --quiet --exit-code-on-error 7
[ $rc -eq 0 ] || { show; fail "--exit-code-on-error 7 without failures: exited with $rc"; }

# ---------------------------------------------------------------- the top errors table
run "$tmp/mixed.jmx" --threads 2 --exit-code-on-error 0
sed -n '/^Top errors/,$p' "$tmp/out" > "$tmp/top"
[ "$(head -1 "$tmp/top" | tr -s ' ')" = "Top errors Count % of errors First label" ] \
    || { show; fail "no 'Top errors' header after the aggregate table"; }
grep -q '^TOTAL ' "$tmp/out" || fail "no aggregate table"
[ "$(grep -n '^TOTAL ' "$tmp/out" | cut -d: -f1)" -lt "$(grep -n '^Top errors' "$tmp/out" | cut -d: -f1)" ] \
    || fail "the top errors come before the aggregate table"
grep -q '^500/Internal Server Error  *6  *33\.33%  checkout$' "$tmp/top" || { cat "$tmp/top"; fail "top errors: checkout"; }
grep -q '^Test failed: code expected to contain /never-in-the-response/  *6  *33\.33%  search$' "$tmp/top" \
    || { cat "$tmp/top"; fail "top errors: the assertion failure"; }
grep -q '^503/Service Unavailable  *6  *33\.33%  pay$' "$tmp/top" || { cat "$tmp/top"; fail "top errors: pay"; }
[ "$(wc -l < "$tmp/top")" -eq 4 ] || { cat "$tmp/top"; fail "top errors: transaction samples counted twice"; }

# ---------------------------------------------------------------- --summary-json vs the JTL
python3 - "$tmp/mixed.json" "$tmp/mixed.jtl" "$tmp/mixed.jmx" <<'EOF' || fail "--summary-json"
import csv, json, sys
summary = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
problems = []
def expect(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))
counts, errors, order = {}, {}, []
for r in rows:
    if r["label"] not in counts:
        order.append(r["label"])
    counts[r["label"]] = counts.get(r["label"], 0) + 1
    errors[r["label"]] = errors.get(r["label"], 0) + (r["success"] != "true")
labels = summary["labels"]
expect("labels", [l["label"] for l in labels], order)
for l in labels:
    expect(l["label"] + " samples", l["samples"], counts.get(l["label"]))
    expect(l["label"] + " errors", l["errors"], errors.get(l["label"]))
    expect(l["label"] + " error_rate", round(l["error_rate"], 9), round(errors[l["label"]] / counts[l["label"]], 9))
    if not (l["min_ms"] <= l["median_ms"] <= l["p90_ms"] <= l["p95_ms"] <= l["p99_ms"] <= l["max_ms"]):
        problems.append(l["label"] + ": percentiles out of order")
    for key in ("avg_ms", "throughput_per_s", "received_kb_per_s", "sent_kb_per_s"):
        if key not in l:
            problems.append("%s: no %s" % (l["label"], key))
expect("6 x 7 samples", sum(counts.values()), 42)
total = summary["total"]
expect("total samples", total["samples"], len(rows))
expect("total errors", total["errors"], sum(errors.values()))
login = [l for l in labels if l["label"] == "login"][0]
if login["min_ms"] < 300:
    problems.append("login: min %d ms below its 300 ms sleep" % login["min_ms"])
# top errors: failed JTL rows, transactions left out (their child is counted)
failed = [r for r in rows if r["success"] != "true"
          and not r["responseMessage"].startswith("Number of samples in transaction")]
expect("errors_counted", summary["errors_counted"], len(failed))
top = [(e["error"], e["count"], e["first_label"], round(e["percent_of_errors"], 2)) for e in summary["top_errors"]]
expect("top_errors", top, [("500/Internal Server Error", 6, "checkout", 33.33),
                           ("Test failed: code expected to contain /never-in-the-response/", 6, "search", 33.33),
                           ("503/Service Unavailable", 6, "pay", 33.33)])
run = summary["run"]
expect("plan", run["plan"], "mixed.jmx")
expect("worker threads", run["worker_threads"], 2)
expect("duration", run["duration_ms"], run["end_ms"] - run["start_ms"])
first = min(int(r["timeStamp"]) for r in rows)
last = max(int(r["timeStamp"]) + int(r["elapsed"]) for r in rows)
if not (run["start_ms"] <= first and last <= run["end_ms"]):
    problems.append("samples outside the run's start and end")
expect("properties", run["properties"], {"users": "2", "db_password": None, "API_TOKEN": None, "empty": ""})
text = open(sys.argv[1]).read()
for secret in ("hunter2", "tok-42"):
    if secret in text:
        problems.append("the secret value %s is in the summary" % secret)
if "nearest rank" not in summary["percentile_method"] or "0.78%" not in summary["percentile_method"]:
    problems.append("percentile method not stated")
expect("criteria", summary["criteria"], [])
for p in problems:
    print("summary-json: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

# ---------------------------------------------------------------- --fail-on
# mixed.jmx: 42 samples (buy included), 24 failed (57.14%); login >= 300 ms (6 of 42), the others
# about 0 ms; 3 iterations of >= 300 ms per user, so fewer than 40 samples a second.
passing="error_rate>90%
p95>60s
p99[login]>1s
avg>60s
rps<0.001
max>120s
errors>100
samples<10
min>=60000ms
median[login]>=1000s
errors[checkout]<6
samples[cart [v2]]<=5
error_rate[browse]>0%
avg[login]<300"
breaching="error_rate>50%
p95>250ms
p99[login]>0.25s
avg>40ms
rps<1000
max>250ms
errors>0
samples<100
samples>=42
errors<=24
min<1s
median[browse]<=1000
errors[checkout]>=6
samples[cart [v2]]>5
error_rate[checkout]>=100%
avg[login]>=300
p95[no such label]>1s"

set --
while IFS= read -r expr; do set -- "$@" --fail-on "$expr"; done <<EOF
$passing
EOF
run "$tmp/mixed.jmx" --threads 2 --quiet --exit-code-on-error 0 --summary-json "$tmp/pass.json" "$@"
[ $rc -eq 0 ] || { show; fail "criteria that hold exited with $rc, expected 0"; }
! grep -q 'criterion breached' "$tmp/err" || { show; fail "a criterion that holds was reported"; }
python3 - "$tmp/pass.json" 14 <<'EOF' || fail "criteria in the summary"
import json, sys
c = json.load(open(sys.argv[1]))["criteria"]
assert len(c) == int(sys.argv[2]) and not any(x["breached"] for x in c), c
EOF

set --
while IFS= read -r expr; do set -- "$@" --fail-on "$expr"; done <<EOF
$breaching
EOF
run "$tmp/mixed.jmx" --threads 2 --exit-code-on-error 7 --summary-json "$tmp/breach.json" "$@"
[ $rc -eq 3 ] || { show; fail "breached criteria exited with $rc, expected 3 (over --exit-code-on-error 7)"; }
while IFS= read -r expr; do
    grep -qF "jmx2run: criterion breached: $expr (" "$tmp/err" || { show; fail "no breach line for $expr"; }
done <<EOF
$breaching
EOF
[ "$(grep -c 'criterion breached' "$tmp/err")" -eq 17 ] || { show; fail "breach lines: expected 17"; }
grep -qF 'criterion breached: samples[cart [v2]]>5 (samples[cart [v2]] = 6)' "$tmp/err" || { show; fail "label with ]"; }
grep -qF 'criterion breached: errors>0 (errors = 24)' "$tmp/err" || { show; fail "errors value"; }
grep -qF 'criterion breached: error_rate>50% (error_rate = 57.14% (24 of 42 samples))' "$tmp/err" || { show; fail "error_rate value"; }
grep -qF 'criterion breached: p95[no such label]>1s (no samples labelled "no such label")' "$tmp/err" \
    || { show; fail "label without samples"; }
grep -qE 'criterion breached: p99\[login\]>0\.25s \(p99\[login\] = [0-9]+ ms\)' "$tmp/err" || { show; fail "p99 value"; }
grep -qE 'criterion breached: rps<1000 \(rps = [0-9]+\.[0-9]/s\)' "$tmp/err" || { show; fail "rps value"; }
python3 - "$tmp/breach.json" 17 <<'EOF' || fail "breached criteria in the summary"
import json, sys
c = json.load(open(sys.argv[1]))["criteria"]
assert len(c) == int(sys.argv[2]) and all(x["breached"] for x in c), c
assert c[-1]["value"] is None and c[-1]["found"] == 'no samples labelled "no such label"', c[-1]
EOF

# a breach alone, no failed sample
run "$tmp/ok.jmx" --quiet --fail-on 'samples < 100'
[ $rc -eq 3 ] || { show; fail "ok.jmx with samples<100 exited with $rc, expected 3"; }
grep -q '^jmx2run: criterion breached: samples < 100 (samples = 2)$' "$tmp/err" || { show; fail "breach line"; }
run "$tmp/ok.jmx" --quiet --fail-on 'samples<2'
[ $rc -eq 0 ] || { show; fail "ok.jmx with samples<2 exited with $rc, expected 0"; }

# malformed expressions: usage errors before anything runs
for expr in 'p95>>1' 'error_rate>1' 'latency>1s' 'p95>1%' 'errors>0.5' 'p95=1s' 'p95[x>1s' 'rps<fast'; do
    run "$tmp/ok.jmx" -l "$tmp/never.jtl" --fail-on "$expr"
    [ $rc -eq 2 ] || { show; fail "--fail-on '$expr' exited with $rc, expected 2"; }
    grep -qF "jmx2run: error: --fail-on \"$expr\": " "$tmp/err" || { show; fail "--fail-on '$expr': no message naming it"; }
    [ ! -e "$tmp/never.jtl" ] || fail "--fail-on '$expr': the plan ran"
done
run "$tmp/ok.jmx" --summary-json "$tmp/no/such/dir/s.json"
[ $rc -eq 2 ] || { show; fail "unwritable --summary-json exited with $rc, expected 2"; }
grep -q 'cannot write the summary' "$tmp/err" || { show; fail "unwritable --summary-json: no message"; }

# ---------------------------------------------------------------- the live status line
run_pty "$tmp/timed.jmx" --threads 2
[ $rc -eq 0 ] || { cat "$tmp/pty"; fail "timed.jmx under a terminal exited with $rc"; }
python3 - "$tmp/pty" <<'EOF' || { cat -v "$tmp/pty"; fail "status line"; }
import re, sys
out = open(sys.argv[1], "rb").read().decode()
line = re.compile(r"\r(\d\d:\d\d:\d\d)/00:00:02 \| users (\d+)/2 \| (\d+) samples \| (\d+\.\d)/s"
                  r" \| errors 0\.00% \| p95 (\d+ ms|-)\x1b\[K")
shown = line.findall(out)
assert shown, "no status line"
elapsed = [m[0] for m in shown]
assert elapsed == sorted(elapsed), elapsed
for m in shown:
    assert m[4] == "-" or int(m[4].split()[0]) >= 250, m          # 250 ms sleeps
last_line_end = [m.end() for m in line.finditer(out)][-1]
clear = out.find("\r\x1b[K", last_line_end)
assert clear >= 0, "the status line is not cleared"
assert clear < out.index("Tidying up"), "cleared after the final output"
assert "summary +" not in out and "summary =" not in out, "summariser lines on a terminal"
assert "\nTOTAL " in out, "no aggregate table"
EOF

run_pty "$tmp/timed.jmx" --threads 2 --quiet
[ $rc -eq 0 ] || { cat "$tmp/pty"; fail "--quiet under a terminal exited with $rc"; }
[ ! -s "$tmp/pty" ] || { cat -v "$tmp/pty"; fail "--quiet printed on a terminal"; }

JMX2RUN_PROGRESS=0 run_pty "$tmp/ok.jmx"
grep -q '^summary = *2 in ' "$tmp/pty" || { cat -v "$tmp/pty"; fail "JMX2RUN_PROGRESS=0: no summariser line"; }
! grep -q "$esc" "$tmp/pty" || { cat -v "$tmp/pty"; fail "JMX2RUN_PROGRESS=0: status line"; }

JMX2RUN_PROGRESS=1 run "$tmp/timed.jmx" --threads 2
[ $rc -eq 0 ] || { show; fail "JMX2RUN_PROGRESS=1 exited with $rc"; }
grep -q "users [0-9]*/2 | [0-9]* samples" "$tmp/out" || { show; fail "JMX2RUN_PROGRESS=1: no status line"; }
! grep -q '^summary' "$tmp/out" || { show; fail "JMX2RUN_PROGRESS=1: summariser lines too"; }
exit 0
