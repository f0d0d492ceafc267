#!/bin/sh
# test_http_wire.sh - HTTP requests as JMeter sends them, byte for byte.
#
# tests/integration/wire/http-wire.jmx has one HTTP Request per way JMeter builds a
# request (methods, query strings, form, raw and multipart bodies, a file, encodings,
# Defaults, Header Managers, virtual host, keep-alive). The real JMeter 2.13 ran it
# against tools/demo-server (tests/data/oracle/record.sh); wire.py turned what the server
# received into what JMeter 5.6 sends (tests/data/oracle/http-wire.expected.jsonl, each
# change documented). Here jmx2run runs the same plan and every request must match:
# method, target, headers (as a set) and body.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_http_wire.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "test_http_wire: FAIL: $*" >&2; exit 1; }

python3 "$root/tools/demo-server" --port 0 --port-file "$tmp/port" --log "$tmp/server.jsonl" &
pid=$!
n=0
until [ -s "$tmp/port" ]; do
    n=$((n + 1)); [ $n -le 200 ] || fail "demo server did not start"; sleep 0.05
done
port=$(sed -n 1p "$tmp/port")
# The plan names its upload file relative to the working directory, as JMeter does.
cp "$root/tests/integration/wire/http-wire.jmx" "$root/tests/integration/wire/upload.txt" "$tmp/"
(cd "$tmp" && "$bin" -n -t http-wire.jmx -l ours.jtl -Jport="$port" >ours.out 2>&1) ||
    { cat "$tmp/ours.out" >&2; fail "the run failed"; }
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
python3 "$root/tests/integration/wire/wire.py" compare "$tmp/server.jsonl" "$port" \
    "$root/tests/data/oracle/http-wire.expected.jsonl" "$tmp/ours.jtl" ||
    fail "requests differ from JMeter's"
echo "test_http_wire: ok"
