#!/bin/sh
# test_run_samples.sh - runs the bundled samples and an edge-case plan natively against
# tools/demo-server on loopback, and checks:
#   - hello-world and demo-shop: exit status 0, every JTL row successful, JMeter's labels
#     and counts, thread names;
#   - demo-shop: what the server received matches what the real JMeter sent for the same
#     plan (tests/data/oracle), request by request and user by user;
#   - embedded.jmx: "Retrieve All Embedded Resources" containers and sub-result rows;
#   - cache.jmx: the HTTP Cache Manager answers fresh resources without a request;
#   - cookies.jmx: user-defined cookies, server cookies, COOKIE_<name> variables;
#   - managers.jmx: Basic and Digest credentials, DNS Cache Manager static hosts;
#   - edges.jmx: JMeter's verdicts, codes and messages for a refused connection, a 404,
#     redirects followed (with sub-result rows), automatic (one row) or not, a failed assertion, a read timeout
#     and a form POST; exit status 1 because samples failed.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_run_samples.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "test_run_samples: FAIL: $*" >&2; exit 1; }

start_server() {
    rm -f "$tmp/port" "$tmp/server.log"
    python3 "$root/tools/demo-server" --port 0 --port-file "$tmp/port" --log "$tmp/server.log" "$@" &
    pid=$!
    n=0
    until [ -s "$tmp/port" ] && [ "$(wc -l < "$tmp/port")" -ge "${want_lines:-1}" ]; do
        n=$((n + 1)); [ $n -le 200 ] || fail "demo server did not start"; sleep 0.05
    done
    port=$(sed -n 1p "$tmp/port")
    api_port=$(sed -n 2p "$tmp/port")
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

# hello-world
want_lines=1 start_server
rc=0
"$bin" -n -t "$root/samples/hello-world.jmx" -Jport="$port" -l "$tmp/hello.jtl" -j "$tmp/run.log" --quiet || rc=$?
stop_server
[ $rc -eq 0 ] || fail "hello-world exited with $rc"
grep -q 'INFO jmx2run: test finished: 1 samples, 0 failed' "$tmp/run.log" || fail "-j: no run log"
python3 "$root/tests/integration/check_jtl.py" "$tmp/hello.jtl" \
    '{"rows": 1, "all_success": true, "rows_like": [{"label": "Hello", "responseCode": "200", "threadName": "Thread Group 1-1", "URL": "/http://127.0.0.1:[0-9]+//"}]}' \
    || fail "hello-world JTL"

# demo-shop, 2 users x 2 iterations, the same run as the oracle's
want_lines=2 start_server --api-port 0
rc=0
"$bin" -n -t "$root/samples/demo-shop.jmx" -Jport="$port" -Jusers=2 -Jloops=2 -l "$tmp/shop.jtl" \
    > "$tmp/shop.out" 2>&1 || rc=$?
stop_server
[ $rc -eq 0 ] || { cat "$tmp/shop.out"; fail "demo-shop exited with $rc"; }
grep -q '^summary = *32 in ' "$tmp/shop.out" || { cat "$tmp/shop.out"; fail "no 'summary =' line for 32 samples"; }
grep -q '^\.\.\. end of run' "$tmp/shop.out" || fail "no '... end of run'"
python3 "$root/tests/integration/check_jtl.py" "$tmp/shop.jtl" \
    '{"rows": 36, "all_success": true, "labels": {"Home page": 4, "Add to cart": 4, "Cart": 4, "Delete cart": 4},
      "rows_like": [{"label": "Cart", "URL": "null", "dataType": "", "responseMessage": "Number of samples in transaction : 3, number of failing samples : 0"},
                    {"threadName": "Shoppers 1-2"}]}' || fail "demo-shop JTL"
python3 "$root/tests/data/oracle/normalize-log" "$tmp/server.log" "$port" "$api_port" > "$tmp/shop.requests.jsonl"
python3 "$root/tests/integration/compare_requests.py" "$tmp/shop.requests.jsonl" \
    "$root/tests/data/oracle/demo-shop.requests.jsonl" || fail "demo-shop requests differ from JMeter's"

# edge cases
want_lines=1 start_server
rc=0
"$bin" -n -t "$root/tests/integration/plans/edges.jmx" -Jport="$port" -l "$tmp/edges.jtl" --quiet || rc=$?
stop_server
[ $rc -eq 1 ] || fail "edges.jmx exited with $rc, expected 1 (failed samples)"
python3 "$root/tests/integration/check_jtl.py" "$tmp/edges.jtl" '{"rows": 10, "rows_like": [
  {"label": "refused", "success": "false", "bytes": "0",
   "responseCode": "Non HTTP response code: org.apache.http.conn.HttpHostConnectException",
   "responseMessage": "Non HTTP response message: Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused"},
  {"label": "not found", "responseCode": "404", "responseMessage": "Not Found", "success": "false"},
  {"label": "redirect not followed", "responseCode": "302", "success": "true"},
  {"label": "redirect followed", "responseCode": "200", "success": "true", "URL": "/.*/echo/"},
  {"label": "redirect followed-0", "responseCode": "302"},
  {"label": "redirect followed-1", "responseCode": "200"},
  {"label": "redirect automatic", "responseCode": "200", "success": "true", "URL": "/.*/echo.auto=1/"},
  {"label": "assert fails", "responseCode": "200", "success": "false", "failureMessage": "Test failed: text expected to contain /nope/"},
  {"label": "timeout", "success": "false", "responseCode": "Non HTTP response code: java.net.SocketTimeoutException",
   "responseMessage": "Non HTTP response message: Read timed out", "elapsed": "/3[0-9][0-9]/"},
  {"label": "post form", "responseCode": "200", "success": "true"}]}' || fail "edges JTL"
python3 - "$tmp/server.log" <<'PY' || fail "edges: form POST not sent as JMeter 5.6 does"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
post = [r for r in reqs if r["method"] == "POST"][0]
headers = {n.lower(): v for n, v in post["headers"]}
assert post["body"] == "a=1&b=x+y%26z", post["body"]
assert headers["content-type"] == "application/x-www-form-urlencoded; charset=UTF-8", headers
assert headers["content-length"] == "13", headers
redirect_hops = [r["target"] for r in reqs if r["target"].startswith("/redirect") or r["target"] == "/echo"]
assert "/redirect?to=/echo&code=302" in redirect_hops, redirect_hops
# automatic redirects: libcurl follows the 301 itself, one request per hop, no sub-results
targets = [r["target"] for r in reqs]
i = targets.index("/redirect?to=/echo%3Fauto%3D1&code=301")
assert targets[i + 1] == "/echo?auto=1", targets[i:i + 3]
PY
# embedded resources, one at a time and three at a time
want_lines=1 start_server
rc=0
"$bin" -n -t "$root/tests/integration/plans/embedded.jmx" -Jport="$port" -l "$tmp/emb.jtl" --quiet || rc=$?
stop_server
[ $rc -eq 0 ] || fail "embedded.jmx exited with $rc"
python3 "$root/tests/integration/check_jtl.py" "$tmp/emb.jtl" '{"rows": 10, "all_success": true, "rows_like": [
  {"label": "Page", "URL": "/.*/html-with-resources/"},
  {"label": "Page-0", "URL": "/.*/html-with-resources/"},
  {"label": "Page-1", "URL": "/.*/static/style.css/"},
  {"label": "Page-2", "URL": "/.*/static/app.js/"},
  {"label": "Page-3", "URL": "/.*/static/logo.png/", "dataType": "bin"},
  {"label": "Page parallel"}, {"label": "Page parallel-0"}, {"label": "Page parallel-1"},
  {"label": "Page parallel-2"}, {"label": "Page parallel-3", "dataType": "bin"}]}' || fail "embedded JTL"
python3 - "$tmp/emb.jtl" <<'PY' || fail "embedded: container bytes are not page + resources"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for i in (0, 5):
    total = int(rows[i]["bytes"])
    parts = sum(int(r["bytes"]) for r in rows[i + 1:i + 5])
    assert total == parts, (rows[i]["label"], total, parts)
PY
# HTTP Cache Manager with useExpires: the second iteration sends nothing for fresh resources
want_lines=1 start_server
rc=0
"$bin" -n -t "$root/tests/integration/plans/cache.jmx" -Jport="$port" -l "$tmp/cache.jtl" --quiet || rc=$?
stop_server
[ $rc -eq 0 ] || fail "cache.jmx exited with $rc"
python3 "$root/tests/integration/check_jtl.py" "$tmp/cache.jtl" '{"rows": 7, "all_success": true, "rows_like": [
  {"label": "Page-3", "URL": "/.*/static/logo.png/"}, {"label": "Page"}, {"label": "Page-0"}]}' || fail "cache JTL"
[ "$(grep -c '"/static/' "$tmp/server.log")" -eq 3 ] || fail "cache: resources were requested again"
# Cookie Manager: the plan's own cookie, a server cookie, COOKIE_<name> variables
want_lines=1 start_server
rc=0
"$bin" -n -t "$root/tests/integration/plans/cookies.jmx" -Jport="$port" -JCookieManager.save.cookies=true \
    -l "$tmp/cookies.jtl" --quiet || rc=$?
stop_server
[ $rc -eq 0 ] || fail "cookies.jmx exited with $rc"
python3 - "$tmp/server.log" <<'PY' || fail "cookies not sent as JMeter does"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
assert reqs[0]["cookie"] == "preset=from-plan", reqs[0]["cookie"]
assert reqs[1]["target"] == "/echo?c=choc", reqs[1]["target"]
assert sorted(reqs[1]["cookie"].split("; ")) == ["flavor=choc", "preset=from-plan"], reqs[1]["cookie"]
PY
# Authorization Manager (Basic pre-emptive, Digest on challenge) and DNS Cache Manager static hosts
want_lines=1 start_server
rc=0
"$bin" -n -t "$root/tests/integration/plans/managers.jmx" -Jport="$port" -l "$tmp/managers.jtl" --quiet || rc=$?
stop_server
[ $rc -eq 1 ] || fail "managers.jmx exited with $rc, expected 1 (one sample is refused on purpose)"
python3 "$root/tests/integration/check_jtl.py" "$tmp/managers.jtl" '{"rows": 4, "rows_like": [
  {"label": "Basic", "responseCode": "200"}, {"label": "Digest", "responseCode": "200"},
  {"label": "No credentials", "responseCode": "401", "success": "false", "URL": "/http://shop.example:[0-9]+/auth/basic/"},
  {"label": "Static host", "responseCode": "200", "URL": "/http://shop.example:[0-9]+/echo/"}]}' || fail "managers JTL"
python3 - "$tmp/server.log" <<'PY' || fail "credentials or static hosts not sent as JMeter does"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
hdr = lambda r, n: dict((k.lower(), v) for k, v in r["headers"]).get(n)
basic = [r for r in reqs if r["path"] == "/auth/basic"]
assert hdr(basic[0], "authorization") == "Basic c2hvcDpzZWNyZXQ=", basic[0]["headers"]   # pre-emptive
assert hdr(basic[1], "authorization") is None and hdr(basic[1], "host").startswith("shop.example:"), basic[1]
digest = [r for r in reqs if r["path"] == "/auth/digest"]
assert len(digest) == 2 and hdr(digest[0], "authorization") is None, digest   # challenge, then answer
assert hdr(digest[1], "authorization").startswith("Digest username=\"shop\""), digest[1]["headers"]
PY
echo "test_run_samples: ok"
