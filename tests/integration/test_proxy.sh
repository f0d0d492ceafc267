#!/bin/sh
# test_proxy.sh - HTTP proxies in native runs (issue 9), through real proxies: two
# tinyproxy instances on loopback (A open, B asking for Basic credentials), started here
# with generated configurations and their own logs, tools/demo-server and a loopback
# HTTPS server (tests/integration/proxy/https_server.py, self-signed certificate made
# here with openssl). Checks, from the proxies' logs and the servers' request logs:
#   - -H/-P: http requests go through the proxy with the absolute URI, https ones
#     through a CONNECT tunnel;
#   - -N "127.0.0.1|*.localhost": an exact host and a wildcard host go direct, while
#     "localhost" (not matched by "*.localhost") still goes through the proxy;
#   - a sampler's own proxy, and one merged from HTTP Request Defaults, win over -H/-P
#     and ignore -N; their credentials get through proxy B, for http and https;
#   - -u/-a: the credentials are sent to the proxy (B answers 401 without them);
#   - direct and proxied requests to one host, keep-alive on, never share a connection,
#     and http_proxy / no_proxy in the environment change nothing (JMeter ignores them);
#   - -H without -P, a bad -P, an unsupported -E: exit status 2 with a message;
#   - the password appears nowhere: console, run log, CSV and XML results (with sampler
#     data, headers and bodies saved), --dump, error messages; nor its Basic encoding.
# tinyproxy comes from Debian (tools/install-deps installs it; so does this test when it
# can use apt-get). When apt-get cannot be used at all, the test says so and skips.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
plans=$root/tests/integration/proxy
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_proxy.XXXXXX")
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    for p in $pids; do wait "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "test_proxy: FAIL: $*" >&2; exit 1; }

# ---- tinyproxy and openssl from Debian's packages
missing=""
command -v tinyproxy >/dev/null 2>&1 || missing="tinyproxy"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    if ! command -v apt-get >/dev/null 2>&1 || { [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; }; then
        echo "test_proxy: SKIPPED: needs$missing, which is not installed, and apt-get cannot be" \
             "used here (no apt-get, or neither root nor password-less sudo)" >&2
        exit 0
    fi
    echo "test_proxy: installing$missing with apt-get" >&2
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        $sudo apt-get install -y -qq --no-install-recommends $missing; } > "$tmp/apt.log" 2>&1 ||
        { cat "$tmp/apt.log" >&2; fail "apt-get could not install$missing (see above)"; }
    command -v tinyproxy >/dev/null 2>&1 || fail "tinyproxy still missing after apt-get"
fi

pw='s3cr3t-PW'   # proxy B's password; tests/integration/proxy/routes.jmx has it too
pw_basic=$(printf 'tester:%s' "$pw" | base64)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_proxy NAME [configuration line]: a tinyproxy on a free loopback port, logging to
# $tmp/NAME.log; sets proxy_port. A port taken meanwhile means another try.
start_proxy() {
    name=$1; extra=${2:-}
    for attempt in 1 2 3 4 5; do
        proxy_port=$(free_port)
        cat > "$tmp/$name.conf" <<EOF
Port $proxy_port
Listen 127.0.0.1
Timeout 30
LogFile "$tmp/$name.log"
LogLevel Info
MaxClients 20
Allow 127.0.0.1
$extra
EOF
        rm -f "$tmp/$name.log"
        tinyproxy -d -c "$tmp/$name.conf" > "$tmp/$name.out" 2>&1 &
        p=$!
        n=0
        while kill -0 "$p" 2>/dev/null; do
            if grep -aq 'Accepting connections' "$tmp/$name.log" 2>/dev/null; then
                pids="$pids $p"
                return 0
            fi
            n=$((n + 1)); [ $n -le 100 ] || { kill "$p"; break; }
            sleep 0.05
        done
        wait "$p" 2>/dev/null || true
    done
    cat "$tmp/$name.out" "$tmp/$name.log" >&2 2>/dev/null || true
    fail "tinyproxy $name did not start"
}

wait_file() {   # wait_file PATH WHAT
    n=0
    until [ -s "$1" ]; do n=$((n + 1)); [ $n -le 200 ] || fail "$2 did not start"; sleep 0.05; done
}

# "METHOD TARGET" of every request a proxy received, in order
proxy_requests() {
    grep -a 'Request (file descriptor' "$tmp/$1.log" | sed 's/.*Request (file descriptor [0-9]*): //; s/ HTTP\/1\.[01]$//'
}

# ---- servers and proxies
python3 "$root/tools/demo-server" --port 0 --port-file "$tmp/port" --log "$tmp/server.log" &
pids="$pids $!"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=localhost -keyout "$tmp/key.pem" -out "$tmp/cert.pem" > "$tmp/openssl.log" 2>&1 ||
    { cat "$tmp/openssl.log" >&2; fail "openssl could not make a certificate"; }
python3 "$plans/https_server.py" "$tmp/cert.pem" "$tmp/key.pem" "$tmp/sport" "$tmp/tls.log" &
pids="$pids $!"
start_proxy a
aport=$proxy_port
start_proxy b "BasicAuth tester $pw"
bport=$proxy_port
wait_file "$tmp/port" "demo server"
wait_file "$tmp/sport" "HTTPS server"
port=$(sed -n 1p "$tmp/port")
sport=$(sed -n 1p "$tmp/sport")
props="-Jport=$port -Jsport=$sport -Jpport=$bport -Japort=$aport"

# ---- 1. routes: -H/-P to A, -N, sampler and Defaults proxies to B
rc=0
"$bin" -n -t "$plans/routes.jmx" $props -Jppass="$pw" -H 127.0.0.1 -P "$aport" \
    -N '127.0.0.1|*.localhost' -l "$tmp/routes.jtl" -j "$tmp/routes.log" \
    > "$tmp/routes.out" 2> "$tmp/routes.err" || rc=$?
[ $rc -eq 0 ] || { cat "$tmp/routes.out" "$tmp/routes.err"; fail "routes.jmx exited with $rc"; }
python3 "$root/tests/integration/check_jtl.py" "$tmp/routes.jtl" '{"rows": 7, "all_success": true, "rows_like": [
  {"label": "cli http", "URL": "/http://localhost:[0-9]+/echo[?]case=cli-http/"},
  {"label": "cli https", "URL": "/https://localhost:[0-9]+/tls[?]case=cli-https/"},
  {"label": "bypass exact"}, {"label": "bypass wildcard", "URL": "/http://shop.localhost:.*/"},
  {"label": "sampler proxy"}, {"label": "sampler proxy https"}, {"label": "defaults proxy"}]}' ||
    fail "routes.jmx JTL"
proxy_requests a > "$tmp/a.requests"
proxy_requests b > "$tmp/b.requests"
printf '%s\n' "GET http://localhost:$port/echo?case=cli-http" "CONNECT localhost:$sport" |
    diff - "$tmp/a.requests" || fail "proxy A (-H/-P) did not get exactly the cli requests"
printf '%s\n' "GET http://127.0.0.1:$port/echo?case=sampler-proxy" "CONNECT 127.0.0.1:$sport" \
    "GET http://localhost:$port/echo?case=defaults-proxy" |
    diff - "$tmp/b.requests" || fail "proxy B (sampler and Defaults proxies) did not get their requests"
python3 - "$tmp/server.log" "$tmp/tls.log" <<'PY' || fail "routes: what the servers received"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
by_case = {r["query"].split("case=")[1]: r for r in reqs if "case=" in r["query"]}
hdr = lambda r, n: [v for k, v in r["headers"] if k.lower() == n]
for case, proxied in [("cli-http", True), ("bypass-exact", False), ("bypass-wildcard", False),
                      ("sampler-proxy", True), ("defaults-proxy", True)]:
    r = by_case[case]
    assert bool(hdr(r, "via")) == proxied, (case, r["headers"])     # tinyproxy adds Via
    assert not hdr(r, "proxy-authorization"), (case, r["headers"])
    assert r["target"] == "/echo?case=" + case, r["target"]         # origin form at the server
assert hdr(by_case["bypass-wildcard"], "host")[0].startswith("shop.localhost:")
tls = [json.loads(l)["target"] for l in open(sys.argv[2])]
assert tls == ["/tls?case=cli-https", "/tls?case=sampler-https"], tls
PY
grep -q "proxy http://127.0.0.1:$aport for HTTP samplers without their own, except the -N hosts" \
    "$tmp/routes.log" || fail "-j: the proxy is not in the run log"

# the same with every field of an XML results file saved, for the password check
"$bin" -n -t "$plans/routes.jmx" $props -Jppass="$pw" -H 127.0.0.1 -P "$aport" \
    -N '127.0.0.1|*.localhost' -u tester -a "$pw" -l "$tmp/routes.xml" \
    -Jjmeter.save.saveservice.output_format=xml -Jjmeter.save.saveservice.samplerData=true \
    -Jjmeter.save.saveservice.requestHeaders=true -Jjmeter.save.saveservice.responseHeaders=true \
    -Jjmeter.save.saveservice.response_data=true -j "$tmp/routes-xml.log" \
    > "$tmp/routes-xml.out" 2>&1 || fail "routes.jmx with XML results failed"
grep -q '<httpSample' "$tmp/routes.xml" || fail "no XML results"
"$bin" --dump "$plans/routes.jmx" > "$tmp/dump.out" 2>&1 || fail "--dump failed"
grep -q 'proxy=127.0.0.1:${__P(pport)} proxy-user=tester' "$tmp/dump.out" || fail "--dump: no proxy"

# ---- 2. -u/-a: credentials for B, http and https
rc=0
"$bin" -n -t "$plans/auth.jmx" $props -Jcase=cli-auth -H 127.0.0.1 -P "$bport" -u tester -a "$pw" \
    -l "$tmp/auth.jtl" -j "$tmp/auth.log" > "$tmp/auth.out" 2>&1 || rc=$?
[ $rc -eq 0 ] || { cat "$tmp/auth.out"; fail "auth.jmx with -u -a exited with $rc"; }
python3 "$root/tests/integration/check_jtl.py" "$tmp/auth.jtl" '{"rows": 2, "all_success": true, "rows_like": [
  {"label": "auth http", "responseCode": "200"}, {"label": "auth https", "responseCode": "200"}]}' ||
    fail "auth.jmx JTL with -u -a"
grep -aq "Request (file descriptor [0-9]*): GET http://127.0.0.1:$port/status/200?case=cli-auth " \
    "$tmp/b.log" || fail "proxy B did not forward the -u -a request"
[ "$(grep -c 'case=cli-auth' "$tmp/server.log")" -eq 1 ] || fail "the -u -a request did not reach the server"

# without the password the proxy refuses: its status is the sample's, http and https alike
rc=0
"$bin" -n -t "$plans/auth.jmx" $props -Jcase=no-pass -H 127.0.0.1 -P "$bport" -u tester \
    -l "$tmp/nopass.jtl" > "$tmp/nopass.out" 2>&1 || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/nopass.out"; fail "auth.jmx without -a exited with $rc, expected 1"; }
python3 "$root/tests/integration/check_jtl.py" "$tmp/nopass.jtl" '{"rows": 2, "rows_like": [
  {"label": "auth http", "responseCode": "/40[17]/", "success": "false"},
  {"label": "auth https", "responseCode": "/40[17]/", "success": "false",
   "responseMessage": "/Unauthorized|Proxy Authentication Required/"}]}' || fail "auth.jmx JTL without -a"
! grep -q 'case=no-pass' "$tmp/server.log" || fail "a request refused by the proxy reached the server"

# ---- 3. direct and proxied requests to one host, keep-alive on, alternating; the
# environment's proxy variables are ignored, as Java ignores them (libcurl would not)
rc=0
http_proxy=http://127.0.0.1:1 HTTPS_PROXY=http://127.0.0.1:1 ALL_PROXY=http://127.0.0.1:1 no_proxy='*' \
    "$bin" -n -t "$plans/mixed.jmx" $props -l "$tmp/mixed.jtl" > "$tmp/mixed.out" 2>&1 || rc=$?
[ $rc -eq 0 ] || { cat "$tmp/mixed.out"; fail "mixed.jmx exited with $rc"; }
python3 "$root/tests/integration/check_jtl.py" "$tmp/mixed.jtl" '{"rows": 6, "all_success": true}' ||
    fail "mixed.jmx JTL"
[ "$(proxy_requests a | grep -c "^GET http://127.0.0.1:$port/echo?case=proxied$")" -eq 3 ] ||
    fail "mixed: proxy A did not get the 3 proxied requests"
python3 - "$tmp/server.log" <<'PY' || fail "mixed: a connection was shared by direct and proxied requests"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
via = lambda r: any(k.lower() == "via" for k, _ in r["headers"])
direct = [r for r in reqs if r["query"] == "case=direct"]
proxied = [r for r in reqs if r["query"] == "case=proxied"]
assert len(direct) == 3 and len(proxied) == 3, (len(direct), len(proxied))
assert not any(via(r) for r in direct), "a direct request came through the proxy"
assert all(via(r) for r in proxied), "a proxied request came direct"
# the direct connection is kept alive across the proxied requests, and used by direct ones only
assert len({r["client_port"] for r in direct}) == 1, [r["client_port"] for r in direct]
assert not {r["client_port"] for r in direct} & {r["client_port"] for r in proxied}
PY

# ---- 4. unusable flags
check_refused() {   # check_refused MESSAGE FLAGS...
    want=$1; shift
    rc=0
    "$bin" -n -t "$plans/auth.jmx" $props "$@" > "$tmp/refused.out" 2>&1 || rc=$?
    cat "$tmp/refused.out" >> "$tmp/refused.all"
    [ $rc -eq 2 ] || { cat "$tmp/refused.out"; fail "$* exited with $rc, expected 2"; }
    grep -qF -e "$want" "$tmp/refused.out" || { cat "$tmp/refused.out"; fail "$*: no \"$want\""; }
}
check_refused "host and port must be given" -H 127.0.0.1 -u tester -a "$pw"
check_refused "host and port must be given" -P "$bport" -u tester -a "$pw"
check_refused "-P 80x: not a port number" -H 127.0.0.1 -P 80x -u tester -a "$pw"
check_refused "-E socks5: the proxy scheme must be http or https" -H 127.0.0.1 -P "$bport" -E socks5 \
    -u tester -a "$pw"

# ---- 5. the password, in clear or Basic-encoded, was printed nowhere
for f in routes.out routes.err routes.log routes.jtl routes.xml routes-xml.out routes-xml.log dump.out \
         auth.out auth.log auth.jtl nopass.out nopass.jtl mixed.out refused.all; do
    [ -e "$tmp/$f" ] || fail "$f was not written"
    if grep -qF -e "$pw" -e "$pw_basic" "$tmp/$f"; then
        grep -nF -e "$pw" -e "$pw_basic" "$tmp/$f" | head -3 >&2
        fail "the proxy password appears in $f"
    fi
done
echo "test_proxy: ok"
