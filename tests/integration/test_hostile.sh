#!/bin/sh
# test_hostile.sh - HTTP samplers against tools/hostile-server, a loopback server that
# misbehaves on purpose (tests/integration/plans/hostile.jmx), and checks:
#   - each fault is exactly one failed sample with the "Non HTTP response code/message"
#     JMeter 5.6's HttpClient4 sampler reports: connection refused, reset after the
#     request, closed without an answer, never answering (response timeout), bytes that
#     are not HTTP, a short Content-Length body, invalid chunked encoding, a chunked body
#     cut before its last chunk, a reset in the middle of a body;
#   - a 20 MB body is one successful sample whose bytes column counts all of it;
#   - a body dripping one byte every 200 ms passes with a 1 s response timeout and fails
#     with "Read timed out" with a 50 ms one (JMeter's timeout is per read);
#   - the run goes on (the last sampler succeeds) and each fault was requested once;
#   - memory stays bounded (tests/integration/plans/hostile-big.jmx): 4 users fetching
#     20 MB twice with nothing reading the body add less than 24 MB to the peak RSS of
#     a run fetching empty bodies (keeping the bodies would add over 64 MB); with an
#     extractor on the body and httpsampler.max_bytes_to_store_per_request=1 MB, less
#     than 24 MB too.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_hostile.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "test_hostile: FAIL: $*" >&2; exit 1; }

python3 "$root/tools/hostile-server" --port 0 --port-file "$tmp/port" --log "$tmp/server.log" &
pid=$!
n=0
until [ -s "$tmp/port" ]; do
    n=$((n + 1)); [ $n -le 200 ] || fail "hostile server did not start"; sleep 0.05
done
port=$(sed -n 1p "$tmp/port")
refused=$(sed -n 2p "$tmp/port")

# one sampler per fault
rc=0
"$bin" -n -t "$root/tests/integration/plans/hostile.jmx" -Jport="$port" -Jrefused="$refused" \
    -l "$tmp/hostile.jtl" > "$tmp/hostile.out" 2>&1 || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/hostile.out"; fail "hostile.jmx exited with $rc, expected 1 (failed samples)"; }
grep -q '^summary = *14 in ' "$tmp/hostile.out" || { cat "$tmp/hostile.out"; fail "no 'summary =' line for 14 samples"; }
code="Non HTTP response code: "
msg="Non HTTP response message: "
python3 "$root/tests/integration/check_jtl.py" "$tmp/hostile.jtl" '{"rows": 14,
 "labels": {"ok first": 1, "refused": 1, "reset": 1, "close": 1, "hang": 1, "garbage": 1, "short": 1,
            "bad chunked": 1, "cut chunked": 1, "reset in body": 1, "big": 1, "drip passes": 1, "drip times out": 1, "ok last": 1},
 "rows_like": [
  {"label": "ok first", "success": "true", "responseCode": "200"},
  {"label": "refused", "success": "false", "bytes": "0", "dataType": "text",
   "responseCode": "'"$code"'org.apache.http.conn.HttpHostConnectException",
   "responseMessage": "'"$msg"'Connect to 127.0.0.1:'"$refused"' [/127.0.0.1] failed: Connection refused"},
  {"label": "reset", "success": "false", "bytes": "0", "Latency": "0",
   "responseCode": "'"$code"'java.net.SocketException",
   "responseMessage": "'"$msg"'Connection reset"},
  {"label": "close", "success": "false", "bytes": "0",
   "responseCode": "'"$code"'org.apache.http.NoHttpResponseException",
   "responseMessage": "'"$msg"'127.0.0.1:'"$port"' failed to respond"},
  {"label": "hang", "success": "false", "bytes": "0", "elapsed": "/[0-9]{3,4}/",
   "responseCode": "'"$code"'java.net.SocketTimeoutException",
   "responseMessage": "'"$msg"'Read timed out"},
  {"label": "garbage", "success": "false", "bytes": "0",
   "responseCode": "'"$code"'org.apache.http.client.ClientProtocolException",
   "responseMessage": "'"$msg"'org.apache.http.ProtocolException: The server failed to respond with a valid HTTP response"},
  {"label": "short", "success": "false", "bytes": "0",
   "responseCode": "'"$code"'org.apache.http.ConnectionClosedException",
   "responseMessage": "'"$msg"'Premature end of Content-Length delimited message body (expected: 1,000; received: 100)"},
  {"label": "bad chunked", "success": "false", "bytes": "0",
   "responseCode": "'"$code"'org.apache.http.MalformedChunkCodingException",
   "responseMessage": "/'"$msg"'Bad chunk header.*/"},
  {"label": "cut chunked", "success": "false", "bytes": "0",
   "responseCode": "'"$code"'org.apache.http.ConnectionClosedException",
   "responseMessage": "'"$msg"'Premature end of chunk coded message body: closing chunk expected"},
  {"label": "reset in body", "success": "false", "bytes": "0",
   "responseCode": "'"$code"'java.net.SocketException",
   "responseMessage": "'"$msg"'Connection reset"},
  {"label": "big", "success": "true", "responseCode": "200", "bytes": "/209716[0-9]{2}/"},
  {"label": "drip passes", "success": "true", "responseCode": "200"},
  {"label": "drip times out", "success": "false", "bytes": "0",
   "responseCode": "'"$code"'java.net.SocketTimeoutException",
   "responseMessage": "'"$msg"'Read timed out"},
  {"label": "ok last", "success": "true", "responseCode": "200"}]}' || fail "hostile JTL"
# the drip's latency ends at its first body byte, 200 ms after the headers (digest 5.7)
python3 - "$tmp/hostile.jtl" <<'EOF' || fail "drip latency"
import csv, sys
rows = {r["label"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
drip = rows["drip passes"]
lat, el = int(drip["Latency"]), int(drip["elapsed"])
sys.exit(0 if 150 <= lat <= el else "latency %d, elapsed %d" % (lat, el))
EOF
# one request per fault: no hidden retry
for p in /reset /close /garbage /short /bad-chunked /cut-chunked /reset-body; do
    c=$(grep -c "\"path\": \"$p\"" "$tmp/server.log" || true)
    [ "$c" -eq 1 ] || fail "$p requested $c times, expected once"
done

# memory: peak RSS of 4 users x 2 fetches of 20 MB against the same run with empty bodies
peak() {   # peak NAME ARGS...: runs hostile-big.jmx, prints its peak RSS in kB
    name=$1; shift
    rc=0
    # under AddressSanitizer, freed memory waits in a quarantine (up to 256 MB) instead
    # of being reused: that is the sanitizer's memory, not the runner's
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
    python3 "$root/tests/integration/peak_rss.py" "$tmp/$name.rss" "$bin" -n \
        -t "$root/tests/integration/plans/hostile-big.jmx" -Jport="$port" -Jloops=2 "$@" \
        -l "$tmp/$name.jtl" --quiet > "$tmp/$name.out" 2>&1 || rc=$?
    [ $rc -eq 0 ] || { cat "$tmp/$name.out" >&2; fail "$name: exited with $rc"; }
    cat "$tmp/$name.rss"
}
base=$(peak base -Jmb=0 -Jusers=4)
big=$(peak big -Jmb=20 -Jusers=4)
python3 "$root/tests/integration/check_jtl.py" "$tmp/big.jtl" \
    '{"rows": 16, "all_success": true, "labels": {"big": 8, "settle": 8}}' || fail "big JTL"
[ "$(grep -c ',big,200,OK,.*,true,,2097[0-9]*,' "$tmp/big.jtl")" -eq 8 ] || fail "big: bytes not counted"
echo "test_hostile: peak RSS $base kB with empty bodies, $big kB with 8 x 20 MB (not kept)"
[ $((big - base)) -lt 24576 ] || fail "peak RSS grew by $((big - base)) kB for bodies nothing reads"
kbase=$(peak kbase -Jmb=0 -Jusers=0 -Jkept_users=4 -Jhttpsampler.max_bytes_to_store_per_request=1048576)
kept=$(peak kept -Jmb=20 -Jusers=0 -Jkept_users=4 -Jhttpsampler.max_bytes_to_store_per_request=1048576)
echo "test_hostile: peak RSS $kbase kB / $kept kB with an extractor and a 1 MB limit"
[ $((kept - kbase)) -lt 24576 ] || fail "peak RSS grew by $((kept - kbase)) kB with a 1 MB limit"
python3 "$root/tests/integration/check_jtl.py" "$tmp/kept.jtl" \
    '{"rows": 16, "all_success": true, "labels": {"big kept": 8, "settle": 8}}' || fail "kept JTL"
exit 0
