#!/bin/sh
# test_demo_server.sh - checks tools/demo-server: starts it on an ephemeral loopback port
# (--port 0 --port-file --log in a temp dir), walks the demo-shop flow, checks status codes,
# the shop_session cookie requirement, the JSON shapes, keep-alive, the --api-port listener,
# that the log holds one line per request in order, and a clean exit on SIGTERM.
# Uses curl when present, otherwise python3's urllib (python3 is needed by the server anyway).
# Exits non-zero on the first failure.
set -eu

root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
server="$root/tools/demo-server"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_demo_server.XXXXXX")
pid=""
cleanup() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() { echo "test_demo_server: FAIL: $*" >&2; exit 1; }

# start_server <port-file> <log> [options...]: starts the server, sets $pid, waits for the port file.
start_server() {
    pf=$1; log=$2; shift 2
    "$server" --port 0 --port-file "$pf" --log "$log" "$@" &
    pid=$!
    n=0
    until [ -s "$pf" ]; do
        n=$((n + 1))
        [ "$n" -le 100 ] || fail "server did not write its port file"
        kill -0 "$pid" 2>/dev/null || fail "server exited at start-up"
        sleep 0.05
    done
}

# stop_server: SIGTERM, and the server must exit with status 0.
stop_server() {
    kill -TERM "$pid"
    rc=0
    wait "$pid" || rc=$?
    pid=""
    [ "$rc" -eq 0 ] || fail "server exited with status $rc on SIGTERM"
}

# req METHOD URL [BODY [CONTENT-TYPE]]: one request, optional Cookie from $COOKIE.
# Prints the status code; the body goes to $tmp/body, the response headers to $tmp/headers.
# Every request is also appended ("METHOD path") to $tmp/expected for the log check.
if command -v curl >/dev/null 2>&1; then
    req() {
        set -- "$@" "" ""
        m=$1; u=$2; b=$3; ct=$4
        set -- -s -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' -X "$m"
        [ -n "${COOKIE:-}" ] && set -- "$@" -H "Cookie: $COOKIE"
        [ -n "$ct" ] && set -- "$@" -H "Content-Type: $ct"
        [ -n "$b" ] && set -- "$@" --data-binary "$b"
        echo "$m $(echo "$u" | sed 's|^http://[^/]*||; s|?.*||')" >> "$tmp/expected"
        curl "$@" "$u" || echo 000
    }
else
    req() {
        set -- "$@" "" ""
        echo "$1 $(echo "$2" | sed 's|^http://[^/]*||; s|?.*||')" >> "$tmp/expected"
        python3 - "$1" "$2" "$3" "$4" "${COOKIE:-}" "$tmp" <<'EOF'
import sys, urllib.request, urllib.error
m, u, b, ct, cookie, tmp = sys.argv[1:7]
r = urllib.request.Request(u, data=b.encode() if b else None, method=m)
if cookie: r.add_header("Cookie", cookie)
if ct: r.add_header("Content-Type", ct)
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
try:
    resp = urllib.request.build_opener(NoRedirect).open(r, timeout=10)
except urllib.error.HTTPError as e:
    resp = e
open(tmp + "/body", "wb").write(resp.read())
open(tmp + "/headers", "w").write("HTTP/1.1 %d\r\n%s" % (resp.status, resp.headers))
print(resp.status, end="")
EOF
    }
fi

# expect_status WANT METHOD URL [BODY [CONTENT-TYPE]]
expect_status() {
    want=$1; shift
    got=$(req "$@")
    [ "$got" = "$want" ] || fail "$1 $2: status $got, want $want (body: $(head -c 200 "$tmp/body"))"
}

# json_check PYTHON-EXPRESSION: evaluates it with j = the parsed $tmp/body; must be true.
json_check() {
    python3 -c '
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
if not eval(sys.argv[2]):
    sys.exit("json check failed: %s\nbody: %s" % (sys.argv[2], json.dumps(j)[:300]))
' "$tmp/body" "$1" || fail "json check on the last response"
}

# ------------------------------------------------------------------ the demo-shop flow
start_server "$tmp/port" "$tmp/log.jsonl"
port=$(sed -n 1p "$tmp/port")
[ "$(wc -l < "$tmp/port")" -eq 1 ] || fail "port file should have one line without --api-port"
base="http://127.0.0.1:$port"
: > "$tmp/expected"
COOKIE=""

expect_status 200 GET "$base/"
grep -qi '^Content-Type: text/html' "$tmp/headers" || fail "home page is not text/html"
session=$(sed -n 's/^[Ss]et-[Cc]ookie: shop_session=\([^;]*\);.*/\1/p' "$tmp/headers" | tr -d '\r')
[ -n "$session" ] || fail "home page set no shop_session cookie"
grep -qi '^Set-Cookie: shop_session=.*; Path=/' "$tmp/headers" || fail "cookie lacks Path=/"
grep -q 'href="/products/' "$tmp/body" || fail "home page has no product links"
resources=$(sed -n 's/.*src="\(\/static\/[^"]*\)".*/\1/p; s/.*href="\(\/static\/[^"]*\)".*/\1/p' "$tmp/body")
[ "$(echo "$resources" | wc -w)" -ge 2 ] || fail "home page embeds no /static resources"
for res in $resources; do
    expect_status 200 GET "$base$res"
done
expect_status 200 GET "$base/static/logo.png"
grep -qi '^Content-Type: image/png' "$tmp/headers" || fail "logo.png is not image/png"

COOKIE="shop_session=$session"
expect_status 200 GET "$base/"
if grep -qi '^Set-Cookie:' "$tmp/headers"; then fail "home page set a cookie although one was sent"; fi

expect_status 200 GET "$base/config.json"
json_check "j['apiHost'] == '127.0.0.1:$port'"

expect_status 200 GET "$base/api/products"
json_check "isinstance(j, list) and len(j) >= 5 and all(isinstance(p['id'], int) and p['name'] and p['price'] > 0 for p in j)"
pid1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$tmp/body")

expect_status 200 GET "$base/products/$pid1"
grep -q "data-product-id=\"$pid1\"" "$tmp/body" || fail "product page does not show product $pid1"
expect_status 404 GET "$base/products/999"
expect_status 404 GET "$base/no/such/page"

expect_status 200 POST "$base/api/products/$pid1/view"
json_check "j['productId'] == $pid1 and j['views'] >= 1"

uuid=3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f
item="{\"itemId\": \"$uuid\", \"productId\": $pid1, \"qty\": 1}"
COOKIE=""
expect_status 401 POST "$base/api/cart/items" "$item" application/json
expect_status 401 GET "$base/api/cart"
expect_status 401 DELETE "$base/api/cart"
COOKIE="shop_session=$session"
expect_status 400 POST "$base/api/cart/items" "{\"itemId\": \"not-a-uuid\", \"productId\": $pid1, \"qty\": 1}" application/json
expect_status 400 POST "$base/api/cart/items" "not json" application/json
expect_status 201 POST "$base/api/cart/items" "$item" application/json
json_check "j['itemId'] == '$uuid' and j['productId'] == $pid1 and j['qty'] == 1"
expect_status 409 POST "$base/api/cart/items" "$item" application/json

expect_status 200 GET "$base/api/cart"
json_check "j['count'] == 1 and j['items'][0]['itemId'] == '$uuid'"
# Another session sees an empty cart.
COOKIE="shop_session=someone-else"
expect_status 200 GET "$base/api/cart"
json_check "j['count'] == 0 and j['items'] == []"
COOKIE="shop_session=$session"

expect_status 200 DELETE "$base/api/cart"
json_check "j == {'status': 'deleted', 'items': 1}"
expect_status 200 GET "$base/api/cart"
json_check "j['count'] == 0"
expect_status 405 PUT "$base/api/cart"

# Checkout: a form with a CSRF token bound to the session; only that token is accepted.
COOKIE=""
expect_status 401 GET "$base/checkout"
COOKIE="shop_session=$session"
expect_status 200 GET "$base/checkout"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$tmp/body")
[ -n "$csrf" ] || fail "checkout form has no csrf token"
expect_status 403 POST "$base/checkout" "csrf=wrong&name=Ann&email=a@b.c" application/x-www-form-urlencoded
expect_status 400 POST "$base/checkout" "csrf=$csrf&name=&email=a@b.c" application/x-www-form-urlencoded
expect_status 200 POST "$base/checkout" "csrf=$csrf&name=Ann&email=a@b.c" application/x-www-form-urlencoded
grep -q '<h1 id="order">ORD-' "$tmp/body" || fail "no order number after checkout"
expect_status 403 POST "$base/checkout" "csrf=$csrf&name=Ann&email=a@b.c" application/x-www-form-urlencoded
COOKIE="shop_session=someone-else"
expect_status 403 POST "$base/checkout" "csrf=$csrf&name=Ann&email=a@b.c" application/x-www-form-urlencoded
COOKIE="shop_session=$session"

# ------------------------------------------------------------------ generic routes
COOKIE=""
expect_status 200 PATCH "$base/echo?a=1&b=x+y" "hello" text/plain
json_check "j['method'] == 'PATCH' and j['query'] == 'a=1&b=x+y' and j['args'] == [['a', '1'], ['b', 'x y']] and j['body'] == 'hello'"
expect_status 418 GET "$base/status/418"
expect_status 302 GET "$base/status/302"
grep -qi '^Location: /echo' "$tmp/headers" || fail "/status/302 has no Location: /echo"
expect_status 307 GET "$base/redirect?to=/products/1&code=307"
grep -qi '^Location: /products/1' "$tmp/headers" || fail "/redirect has a wrong Location"
expect_status 200 GET "$base/delay?ms=20"
json_check "j['delayed_ms'] == 20"
expect_status 200 GET "$base/set-cookie?flavour=mocha&size=large"
[ "$(grep -ci '^Set-Cookie:' "$tmp/headers")" -eq 2 ] || fail "/set-cookie did not set 2 cookies"
expect_status 200 GET "$base/bytes?n=1000"
[ "$(wc -c < "$tmp/body")" -eq 1000 ] || fail "/bytes?n=1000 did not return 1000 bytes"
expect_status 200 GET "$base/html-with-resources"
grep -q '/static/app.js' "$tmp/body" || fail "/html-with-resources lacks its script"

# ------------------------------------------------------------------ keep-alive and Content-Length
python3 - "$port" <<'EOF' || fail "keep-alive check"
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
for path in ("/api/products", "/status/204", "/echo"):
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    if r.status != (204 if path == "/status/204" else 200):
        sys.exit("%s: status %d" % (path, r.status))
    if path != "/status/204" and int(r.getheader("Content-Length")) != len(body):
        sys.exit("%s: Content-Length mismatch" % path)
    if r.will_close:
        sys.exit("%s: server closed a keep-alive connection" % path)
c.close()
EOF
printf 'GET /api/products\nGET /status/204\nGET /echo\n' >> "$tmp/expected"

# ------------------------------------------------------------------ the request log
python3 - "$tmp/log.jsonl" "$tmp/expected" "$session" <<'EOF' || fail "request log check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
expected = [l.rstrip("\n") for l in open(sys.argv[2])]
got = ["%s %s" % (e["method"], e["path"]) for e in log]
if got != expected:
    sys.exit("log has %d lines, %d requests were made; first difference: %s"
             % (len(got), len(expected),
                next(((g, x) for g, x in zip(got, expected) if g != x), "(length)")))
if [e["seq"] for e in log] != list(range(1, len(log) + 1)):
    sys.exit("seq is not 1..n in file order")
keys = {"seq", "time", "method", "path", "query", "headers", "cookie", "body", "body_base64",
        "client", "client_port"}
for e in log:
    if not keys <= set(e):
        sys.exit("log line lacks %s" % sorted(keys - set(e)))
    if e["client"] != "127.0.0.1":
        sys.exit("client is not loopback")
carts = [e for e in log if e["path"].startswith("/api/cart")]
with_cookie = [e for e in carts if e["cookie"] == "shop_session=" + sys.argv[3]]
if len(with_cookie) < 6:
    sys.exit("cart requests with the session cookie not logged")
posts = [e for e in log if e["method"] == "POST" and e["path"] == "/api/cart/items"
         and e["cookie"] and '"3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"' in e["body"]]
if len(posts) != 2:    # the 201 and the 409
    sys.exit("cart item bodies not logged")
post = posts[0]
if ["Content-Type", "application/json"] not in post["headers"]:
    sys.exit("headers not logged as [name, value] pairs")
echo = next(e for e in log if e["path"] == "/echo" and e["method"] == "PATCH")
if echo["query"] != "a=1&b=x+y" or echo["body"] != "hello" or echo["body_base64"]:
    sys.exit("query/body not logged raw")
keepalive = [e["client_port"] for e in log[-3:]]
if len(set(keepalive)) != 1:
    sys.exit("keep-alive requests came on different connections: %s" % keepalive)
EOF
stop_server

# ------------------------------------------------------------------ --api-port
start_server "$tmp/port2" "$tmp/log2.jsonl" --api-port 0
main_port=$(sed -n 1p "$tmp/port2")
api_port=$(sed -n 2p "$tmp/port2")
if [ -z "$api_port" ] || [ "$api_port" = "$main_port" ]; then
    fail "port file lacks a distinct API port"
fi
expect_status 200 GET "http://127.0.0.1:$main_port/config.json"
json_check "j['apiHost'] == '127.0.0.1:$api_port'"
expect_status 200 GET "http://127.0.0.1:$api_port/api/products"
python3 -c '
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
assert [e["listener"] for e in log] == ["main", "api"], log
assert log[1]["server_port"] == int(sys.argv[2])
' "$tmp/log2.jsonl" "$api_port" || fail "API listener not logged as such"
stop_server

echo "test_demo_server: ok"
