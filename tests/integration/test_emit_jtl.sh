#!/bin/sh
# test_emit_jtl.sh - results in JMeter's CSV format from Locust: jmx2run --emit-locust on
# tests/data/emit/jtl.jmx (a setUp and two main groups, a label and a group name with a comma
# and quotes, an assertion failing for one user of two, a redirect, 404 / 500 statuses, a
# connection refused, plain and parent-sample transactions, a Debug Sampler), run under
# Debian's Locust with --jtl and natively with -l. The Locust JTL has JMeter 5.6's header and
# quoting, loads in jmx2run -g, and matches the native JTL label by label and thread by
# thread (compare_jtl.py); a second run appends without a second header; a master with one
# worker gets the worker's samples in FILE-0.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_jtl.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
worker_pid=""
cleanup() {
    [ -n "$worker_pid" ] && { kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; }
    emit_cleanup
}
trap cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust

header='timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect'
# a loopback port nothing listens on, for the "connection refused" sample
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

emit "$data/jtl.jmx" jtl
"$LOCUST" -f "$tmp/jtl.py" --help 2>&1 | grep -q -- '--jtl FILE' || emit_fail "the locustfile has no --jtl option"

# without --jtl: no listener, no file
start_server jtl.off
(cd "$tmp" && run_locust jtl -J closed_port="$closed_port")
stop_server
[ -z "$(find "$tmp" -name '*.jtl')" ] || emit_fail "a JTL was written without --jtl"

start_server jtl.locust
run_locust jtl -J closed_port="$closed_port" --jtl "$tmp/out/locust.jtl"
stop_server
[ -s "$tmp/out/locust.jtl" ] || emit_fail "locust --jtl wrote nothing"
start_server jtl.native
run_native "$data/jtl.jmx" jtl -Jclosed_port="$closed_port"
stop_server

# the columns, label by label and thread by thread; bytes of the responses that do not echo
# the request (status line, headers and body as received)
python3 "$data/compare_jtl.py" --bytes logo --bytes moved --bytes moved-0 --bytes moved-1 \
    --bytes missing --bytes products --bytes broken "$tmp/out/locust.jtl" "$tmp/jtl.jtl" \
    || emit_fail "the Locust JTL does not match the native one"

# JMeter's quoting, as the native writer quotes
for text in '"Get, ""home"""' '"Shop, ""A"" 1-2"' '"api, parent"' \
    '"Test failed: text expected to contain /[""n"", ""1""]/"' \
    'Non HTTP response code: org.apache.http.conn.HttpHostConnectException,Non HTTP response message: Connect to 127.0.0.1:'; do
    grep -qF -- "$text" "$tmp/out/locust.jtl" || emit_fail "not in the Locust JTL: $text"
    grep -qF -- "$text" "$tmp/jtl.jtl" || emit_fail "not in the native JTL: $text"
done

# the comparison sees a changed verdict
sed '0,/,logo,200,OK,\(.*\),bin,true,/s//,logo,200,OK,\1,bin,false,/' "$tmp/out/locust.jtl" > "$tmp/changed.jtl"
! cmp -s "$tmp/changed.jtl" "$tmp/out/locust.jtl" || emit_fail "could not change a verdict"
if python3 "$data/compare_jtl.py" "$tmp/changed.jtl" "$tmp/jtl.jtl" > /dev/null 2>&1; then
    emit_fail "compare_jtl.py did not notice a changed verdict"
fi

# the HTML report from the Locust JTL
"$bin" -g "$tmp/out/locust.jtl" -o "$tmp/report" > "$tmp/report.out" 2>&1 \
    || { cat "$tmp/report.out" >&2; emit_fail "jmx2run -g could not read the Locust JTL"; }
[ -s "$tmp/report/index.html" ] || emit_fail "no report/index.html"
grep -q 'Get, &quot;home&quot;\|Get, &#34;home&#34;' "$tmp/report/index.html" \
    || emit_fail "the report has no 'Get, \"home\"' label"

# a second run appends to the file, as JMeter's -l does, without a second header
first=$(wc -l < "$tmp/out/locust.jtl")   # (lib.sh uses $lines)
start_server jtl.again
run_locust jtl -J closed_port="$closed_port" --jtl "$tmp/out/locust.jtl"
stop_server
[ "$(grep -c "^$header\$" "$tmp/out/locust.jtl")" -eq 1 ] || emit_fail "a second header line"
total=$(wc -l < "$tmp/out/locust.jtl")
[ "$total" -eq $((first * 2 - 1)) ] || emit_fail "the second run did not append its samples ($first, then $total lines)"

# master and one worker: the worker writes FILE-<its index> (FILE from the master's command
# line, in the worker's directory), the master writes nothing. Debian's python3-locust has an
# empty locust.__version__, which its master takes for a pre-2.0 worker: the shim fills it in.
cat > "$tmp/locust_main.py" <<'EOF_SHIM'
import sys
import locust.runners
locust.runners.__version__ = locust.runners.__version__ or "2.12.1"
from locust.main import main
sys.argv[0] = "locust"
main()
EOF_SHIM
master_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_server jtl.dist
mkdir "$tmp/worker"
(cd "$tmp/worker" && exec timeout 60 "$PYTHON_LOCUST" "$tmp/locust_main.py" -f "$tmp/jtl.py" --worker \
    --master-host 127.0.0.1 --master-port "$master_port" --loglevel WARNING \
    -J port="$port" -J closed_port="$closed_port" > "$tmp/worker.out" 2>&1) &
worker_pid=$!
rc=0
(cd "$tmp" && timeout 60 "$PYTHON_LOCUST" "$tmp/locust_main.py" -f jtl.py --master --headless \
    --master-bind-host 127.0.0.1 --master-bind-port "$master_port" --expect-workers 1 -t 4s \
    --only-summary --loglevel WARNING -J port="$port" -J closed_port="$closed_port" \
    --jtl dist.jtl > "$tmp/master.out" 2>&1) || rc=$?
[ $rc -ne 124 ] || { tail -20 "$tmp/master.out" >&2; emit_fail "the master did not stop"; }
wait "$worker_pid" || true
worker_pid=""
stop_server
if grep -q Traceback "$tmp/master.out" "$tmp/worker.out"; then
    tail -20 "$tmp/master.out" "$tmp/worker.out" >&2
    emit_fail "the master or the worker raised an exception"
fi
[ ! -e "$tmp/dist.jtl" ] || emit_fail "the master wrote a JTL"
[ -s "$tmp/worker/dist-0.jtl" ] || { tail -20 "$tmp/worker.out" >&2; emit_fail "the worker wrote no dist-0.jtl"; }
python3 "$data/compare_jtl.py" "$tmp/worker/dist-0.jtl" "$tmp/jtl.jtl" \
    || emit_fail "the worker's JTL does not match the native one"
echo "test_emit_jtl: ok"
