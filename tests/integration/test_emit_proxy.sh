#!/bin/sh
# test_emit_proxy.sh - HTTP proxies in emitted locustfiles (issue 9): tests/integration/
# proxy/emit.jmx converted with jmx2run --emit-locust, with and without -H/-P/-N/-u/-a,
# run under Debian's Locust through two tinyproxy instances on loopback (A open, B asking
# for Basic credentials), against tools/demo-server and a loopback HTTPS server (its
# certificate made here and trusted by the users' sessions: proxy/trust_ca.py, the files
# converted with --tls-verify so that the certificate is checked). Checks,
# from the proxies' logs, the servers' request logs and the samples Locust recorded:
#   1. -H/-P/-N at conversion: http requests go through A with the absolute URI, https
#      ones through a CONNECT tunnel; -N "127.0.0.1|*.localhost": the exact host goes
#      direct and "localhost" (not matched by "*.localhost") through A; a sampler's own
#      proxy and one from HTTP Request Defaults win, with their credentials, and ignore
#      -N; a sampler proxy without a port is ignored (A, as in JMeter); credentials with
#      reserved characters reach the proxy intact (the demo server plays the proxy); the
#      native run of the same plan with the same flags takes exactly the same routes;
#   2. -u/-a and a wildcard -N ("*.0.0.1") at conversion: the run-wide proxy B gets its
#      credentials, 127.0.0.1 goes direct;
#   3. converted without -H: locust's --proxy-host/--proxy-port/--proxy-user/
#      --non-proxy-hosts and LOCUST_PROXY_PASSWORD set the proxy at run time; with a wrong
#      password (--proxy-password) B refuses, the samples fail, nothing reaches the server;
#   4. unusable flags: --emit-locust -H without -P exits 2; locust --proxy-port 80x
#      stops before the test with the message;
#   5. --locust-fast: no proxy, a TODO comment and a warning for each, exit 1 with --strict;
#   6. no password in jmx2run's messages, the files' header comments or Locust's output.
# Skipped when Locust, tinyproxy or openssl is missing (tools/install-deps installs them).
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_proxy.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
plans=$root/tests/integration/proxy
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    for p in $pids; do wait "$p" 2>/dev/null || true; done
    emit_cleanup
}
trap cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust
for tool in tinyproxy openssl; do
    command -v $tool >/dev/null 2>&1 ||
        { echo "test_emit_proxy: skipped: $tool is needed (tools/install-deps)"; exit 0; }
done

pw='s3cr3t-PW'   # proxy B's password; emit.jmx's HTTP Request Defaults have it too
pw_basic=$(printf 'tester:%s' "$pw" | base64)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_proxy NAME [configuration line]: a tinyproxy on a free loopback port, logging to
# $tmp/NAME.log; sets proxy_port.
start_proxy() {
    name=$1; extra=${2:-}
    for attempt in 1 2 3 4 5; do
        proxy_port=$(free_port)
        printf 'Port %s\nListen 127.0.0.1\nTimeout 30\nLogFile "%s"\nLogLevel Info\nMaxClients 20\nAllow 127.0.0.1\n%s\n' \
            "$proxy_port" "$tmp/$name.log" "$extra" > "$tmp/$name.conf"
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
    emit_fail "tinyproxy $name did not start"
}

# "METHOD TARGET" of the requests proxy NAME received since mark_logs
proxy_requests() {
    tail -n +"$(($(cat "$tmp/$1.mark") + 1))" "$tmp/$1.log" | grep -a 'Request (file descriptor' |
        sed 's/.*Request (file descriptor [0-9]*): //; s/ HTTP\/1\.[01]$//'
}
mark_logs() {
    for l in a b; do wc -l < "$tmp/$l.log" > "$tmp/$l.mark"; done
}

# locust_run NAME [locust options]: $tmp/NAME.py under Locust, samples in
# $tmp/NAME.samples.jsonl, output in $tmp/NAME.locust.out; sets $locust_rc.
locust_run() {
    lr_name=$1
    shift
    rm -f "$tmp/$lr_name.samples.jsonl"
    locust_rc=0
    EMIT_SAMPLES="$tmp/$lr_name.samples.jsonl" EMIT_CA_FILE="$tmp/cert.pem" timeout 120 \
        "$LOCUST" -f "$tmp/$lr_name.py,$data/recorder.py,$plans/trust_ca.py" --headless \
        --only-summary --loglevel WARNING $props -J run="$lr_name" "$@" \
        > "$tmp/$lr_name.locust.out" 2>&1 || locust_rc=$?
    [ $locust_rc -ne 124 ] || { tail -30 "$tmp/$lr_name.locust.out" >&2; emit_fail "$lr_name: locust did not stop"; }
    if grep -q "Traceback" "$tmp/$lr_name.locust.out"; then
        tail -40 "$tmp/$lr_name.locust.out" >&2
        emit_fail "$lr_name: the locustfile raised an exception"
    fi
}

# samples NAME EXPECTED: the labels of the samples recorded, with "!" before failed ones
samples() {
    got=$(python3 -c 'import json, sys
print(" ".join(("" if s["success"] else "!") + s["label"].replace(" ", "_")
               for s in map(json.loads, open(sys.argv[1]))))' "$tmp/$1.samples.jsonl")
    [ "$got" = "$2" ] || emit_fail "$1: samples [$got], expected [$2]"
}

# ---- servers and proxies
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" > "$tmp/openssl.log" 2>&1 ||
    { cat "$tmp/openssl.log" >&2; emit_fail "openssl could not make a certificate"; }
python3 "$plans/https_server.py" "$tmp/cert.pem" "$tmp/key.pem" "$tmp/sport" "$tmp/tls.log" &
pids="$pids $!"
start_proxy a
aport=$proxy_port
start_proxy b "BasicAuth tester $pw"
bport=$proxy_port
start_server proxy
n=0
until [ -s "$tmp/sport" ]; do n=$((n + 1)); [ $n -le 200 ] || emit_fail "HTTPS server did not start"; sleep 0.05; done
sport=$(sed -n 1p "$tmp/sport")
props="-J port=$port -J sport=$sport -J pport=$bport -J ppass=$pw"
all_ok='cli_http cli_https bypass sampler_proxy sampler_proxy_https no_proxy_port encoded_credentials defaults_proxy'

# what the servers received in run RUN: CASE:via|direct for the demo server, the
# /tls targets, and the credentials the demo server got as a proxy
server_view() {
    python3 - "$tmp/proxy.server.jsonl" "$tmp/tls.log" "$1" <<'PY'
import base64, json, sys
run = sys.argv[3]
for r in map(json.loads, open(sys.argv[1])):
    if not r["query"].endswith("&run=" + run):
        continue
    case = r["query"].split("case=")[1].split("&")[0]
    hdr = {k.lower(): v for k, v in r["headers"]}
    assert "proxy-authorization" not in hdr or case == "encoded", (case, hdr)
    if case == "encoded":
        creds = base64.b64decode(hdr["proxy-authorization"].split()[1]).decode("latin-1")
        print("encoded:" + r["target"].split("?")[0] + ":" + creds)
    else:
        print(case + ":" + ("via" if "via" in hdr else "direct"))
for t in map(json.loads, open(sys.argv[2])):
    if t["target"].endswith("&run=" + run):
        print("tls:" + t["target"].split("case=")[1].split("&")[0])
PY
}

# ---- 1. -H/-P/-N at conversion, sampler and Defaults proxies; the native run alike
emit "$plans/emit.jmx" cli --tls-verify -H 127.0.0.1 -P "$aport" -N '127.0.0.1|*.localhost'
grep -q "^ *use_proxies(self)$" "$tmp/cli.py" || emit_fail "cli: the users do not set up the proxy"
mark_logs
locust_run cli
samples cli "$all_ok"
proxy_requests a > "$tmp/cli.a"
proxy_requests b > "$tmp/cli.b"
printf '%s\n' "GET http://localhost:$port/echo?case=cli-http&run=cli" "CONNECT localhost:$sport" \
    "GET http://localhost:$port/echo?case=no-proxy-port&run=cli" |
    diff - "$tmp/cli.a" || emit_fail "cli: proxy A (-H/-P) did not get exactly the run-wide requests"
printf '%s\n' "GET http://127.0.0.1:$port/echo?case=sampler-proxy&run=cli" "CONNECT 127.0.0.1:$sport" \
    "GET http://localhost:$port/echo?case=defaults-proxy&run=cli" |
    diff - "$tmp/cli.b" || emit_fail "cli: proxy B (sampler and Defaults proxies) did not get their requests"
server_view cli > "$tmp/cli.view"
printf '%s\n' cli-http:via bypass:direct sampler-proxy:via no-proxy-port:via \
    "encoded:http://example.test/echo:us er@x%:p@ss:w/rd%+&#" defaults-proxy:via \
    tls:cli-https tls:sampler-https | diff - "$tmp/cli.view" || emit_fail "cli: what the servers received"

mark_logs
rc=0
"$bin" -n -t "$plans/emit.jmx" -Jport="$port" -Jsport="$sport" -Jpport="$bport" -Jppass="$pw" \
    -Jrun=native -H 127.0.0.1 -P "$aport" -N '127.0.0.1|*.localhost' -l "$tmp/native.jtl" \
    > "$tmp/native.out" 2>&1 || rc=$?
[ $rc -eq 0 ] || { cat "$tmp/native.out" >&2; emit_fail "the native run exited with $rc"; }
for l in a b; do
    proxy_requests $l | sed 's/run=native$/run=cli/' | diff "$tmp/cli.$l" - ||
        emit_fail "proxy $l: the native run and the emitted file took different routes"
done
server_view native | diff "$tmp/cli.view" - || emit_fail "the servers received different requests natively"

# ---- 2. -u/-a and a wildcard -N at conversion: the run-wide proxy with credentials
emit "$plans/emit.jmx" auth --tls-verify -H 127.0.0.1 -P "$bport" -u tester -a "$pw" -N '*.0.0.1'
mark_logs
locust_run auth
samples auth "$all_ok"
[ -z "$(proxy_requests a)" ] || emit_fail "auth: proxy A was used"
proxy_requests b > "$tmp/auth.b"
printf '%s\n' "GET http://localhost:$port/echo?case=cli-http&run=auth" "CONNECT localhost:$sport" \
    "GET http://127.0.0.1:$port/echo?case=sampler-proxy&run=auth" "CONNECT 127.0.0.1:$sport" \
    "GET http://localhost:$port/echo?case=no-proxy-port&run=auth" \
    "GET http://localhost:$port/echo?case=defaults-proxy&run=auth" |
    diff - "$tmp/auth.b" || emit_fail "auth: proxy B did not get exactly the proxied requests"
server_view auth > "$tmp/auth.view"
grep -q '^bypass:direct$' "$tmp/auth.view" || emit_fail "auth: 127.0.0.1 did not bypass the proxy (*.0.0.1)"

# ---- 3. the proxy given at run time, the password from the environment; then a wrong one
emit "$plans/emit.jmx" runtime --tls-verify
! grep -q "proxy_defaults.update" "$tmp/runtime.py" || emit_fail "runtime: defaults without -H"
mark_logs
export LOCUST_PROXY_PASSWORD="$pw"
locust_run runtime --proxy-host 127.0.0.1 --proxy-port "$bport" --proxy-user tester \
    --non-proxy-hosts 127.0.0.1
unset LOCUST_PROXY_PASSWORD
samples runtime "$all_ok"
proxy_requests b | grep -qx "GET http://localhost:$port/echo?case=cli-http&run=runtime" ||
    emit_fail "runtime: --proxy-host/--proxy-port were not used"
server_view runtime > "$tmp/runtime.view"
grep -q '^bypass:direct$' "$tmp/runtime.view" || emit_fail "runtime: --non-proxy-hosts was not applied"
cp "$tmp/runtime.py" "$tmp/nopass.py"
locust_run nopass --proxy-host 127.0.0.1 --proxy-port "$bport" --proxy-user tester \
    --non-proxy-hosts 127.0.0.1 --proxy-password "wrong-$pw"
samples nopass "!cli_http !cli_https bypass sampler_proxy sampler_proxy_https !no_proxy_port encoded_credentials defaults_proxy"
! grep -q 'case=cli-http&run=nopass' "$tmp/proxy.server.jsonl" ||
    emit_fail "nopass: a request the proxy refused reached the server"

# ---- 4. unusable flags
rc=0
"$bin" --emit-locust -H 127.0.0.1 -u tester -a "$pw" "$plans/emit.jmx" > /dev/null 2> "$tmp/refused.err" || rc=$?
[ $rc -eq 2 ] && grep -q "host and port must be given" "$tmp/refused.err" ||
    { cat "$tmp/refused.err" >&2; emit_fail "-H without -P: exit $rc"; }
cp "$tmp/runtime.py" "$tmp/badport.py"
locust_run badport --proxy-host 127.0.0.1 --proxy-port 80x
[ $locust_rc -eq 2 ] && grep -q -- "--proxy-port 80x: not a port number" "$tmp/badport.locust.out" ||
    { cat "$tmp/badport.locust.out" >&2; emit_fail "--proxy-port 80x: exit $locust_rc"; }
[ ! -s "$tmp/badport.samples.jsonl" ] || emit_fail "badport: the test ran"

# ---- 5. FastHttpUser: no proxy, said so
rc=0
"$bin" --emit-locust --locust-fast --strict -H 127.0.0.1 -P "$aport" -u tester -a "$pw" \
    "$plans/emit.jmx" > "$tmp/fast.py" 2> "$tmp/fast.emit.err" || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/fast.emit.err" >&2; emit_fail "--locust-fast --strict exited with $rc, expected 1"; }
grep -q "error: Test Plan 'Emitted proxies': not converted to Locust: the proxy given with -H/-P is not applied: FastHttpUser" \
    "$tmp/fast.emit.err" || { cat "$tmp/fast.emit.err" >&2; emit_fail "fast: no message for -H"; }
[ "$(grep -c "its proxy is not applied: FastHttpUser" "$tmp/fast.emit.err")" -eq 4 ] ||
    { cat "$tmp/fast.emit.err" >&2; emit_fail "fast: not one message per sampler proxy"; }
[ "$(grep -c "^ *# TODO: the request's proxy" "$tmp/fast.py")" -eq 4 ] || emit_fail "fast: TODO comments"
! grep -q "proxies=\|use_proxies(\|proxy_defaults\.update" "$tmp/fast.py" || emit_fail "fast: proxy code for FastHttpUser"
"$PYTHON_LOCUST" -m pyflakes "$tmp/fast.py" || emit_fail "fast: pyflakes"

# ---- 6. the password: in code where it is used, nowhere else (nopass's wrong one has it)
for f in cli.emit.err auth.emit.err runtime.emit.err fast.emit.err refused.err cli.locust.out \
         auth.locust.out runtime.locust.out nopass.locust.out badport.locust.out; do
    if grep -qF -e "$pw" -e "$pw_basic" "$tmp/$f"; then
        grep -nF -e "$pw" -e "$pw_basic" "$tmp/$f" | head -3 >&2
        emit_fail "the proxy password appears in $f"
    fi
done
for f in cli auth runtime fast; do
    sed -n '/^[^#]/q; p' "$tmp/$f.py" > "$tmp/$f.header"
    [ -s "$tmp/$f.header" ] || emit_fail "$f: no header comment"
    ! grep -qF "$pw" "$tmp/$f.header" || emit_fail "$f: the password is in the header comment"
    grep -F "$pw" "$tmp/$f.py" | grep -v "^ *'proxy_password': '$pw',$" | grep -qv "'tester', '$pw'" &&
        emit_fail "$f: the password is written where the code does not use it"
done
grep -q "^    'proxy_password': '$pw',$" "$tmp/auth.py" || emit_fail "auth: -a is not in proxy_defaults"
echo "test_emit_proxy: ok"
