#!/bin/sh
# test_emit_demo.sh - jmx2run --emit-locust on samples/demo-shop.jmx: the locustfile is
# pyflakes-clean, runs under Locust with no other argument than the plan's properties,
# stops by itself, and sends the demo shop what the real JMeter sent for the same plan
# (tests/data/oracle, 2 users x 2 iterations: same requests, headers and bodies, same
# per-user sequences) and what jmx2run's native run sends; its samples (transactions
# included) match the native run's. The --locust-fast version (FastHttpUser) sends the
# same requests in the same order (geventhttpclient adds headers of its own).
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_demo.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust
oracle="$root/tests/data/oracle"

emit "$root/samples/demo-shop.jmx" shop
start_server shop.locust --api-port 0
run_locust shop -J users=2 -J loops=2
stop_server
python3 "$oracle/normalize-log" "$tmp/shop.locust.server.jsonl" "$port" "$api_port" > "$tmp/locust.jsonl"
python3 "$root/tests/integration/compare_requests.py" "$tmp/locust.jsonl" "$oracle/demo-shop.requests.jsonl" \
    || emit_fail "demo-shop: Locust's requests differ from JMeter's"

start_server shop.native --api-port 0
run_native "$root/samples/demo-shop.jmx" shop -Jusers=2 -Jloops=2
stop_server
python3 "$oracle/normalize-log" "$tmp/shop.native.server.jsonl" "$port" "$api_port" > "$tmp/native.jsonl"
python3 "$root/tests/integration/compare_requests.py" "$tmp/locust.jsonl" "$tmp/native.jsonl" \
    || emit_fail "demo-shop: Locust's requests differ from jmx2run's"
python3 "$data/compare_runs.py" --samples-only --samples "$tmp/shop.samples.jsonl" "$tmp/shop.jtl" \
    "$tmp/locust.jsonl" "$tmp/native.jsonl" || emit_fail "demo-shop: samples differ"
grep -q '^class Shoppers(JMeterUser):$' "$tmp/shop.py" || emit_fail "demo-shop: no class Shoppers"
[ ! -s "$tmp/shop.emit.err" ] || { cat "$tmp/shop.emit.err"; emit_fail "demo-shop: warnings"; }

# FastHttpUser
emit "$root/samples/demo-shop.jmx" fast --locust-fast
grep -q '^class JMeterUser(FastHttpUser):$' "$tmp/fast.py" || emit_fail "fast: not a FastHttpUser"
start_server fast.locust --api-port 0
run_locust fast -J users=2 -J loops=2
stop_server
python3 "$oracle/normalize-log" "$tmp/fast.locust.server.jsonl" "$port" "$api_port" > "$tmp/fast.jsonl"
python3 - "$tmp/fast.jsonl" "$tmp/native.jsonl" "$tmp/fast.samples.jsonl" <<'PY' || emit_fail "fast: requests differ"
import json, re, sys
def seq(path):
    return sorted((r["method"], re.sub(r"<[a-z]+-\d+>", "<id>", r["path"]), re.sub(r"<[a-z]+-\d+>", "<id>", r["body"]))
                  for r in map(json.loads, open(path)))
assert seq(sys.argv[1]) == seq(sys.argv[2]), (seq(sys.argv[1]), seq(sys.argv[2]))
samples = [json.loads(l) for l in open(sys.argv[3])]
assert samples and all(s["success"] for s in samples), [s for s in samples if not s["success"]]
PY
echo "test_emit_demo: ok"
