# lib.sh - helpers shared by tests/integration/test_emit_*.sh (sourced, POSIX sh).
#
# Each test converts a plan with jmx2run --emit-locust, checks the file with
# pyflakes, runs it under Debian's Locust (/usr/bin/locust with the system
# python3) against a fresh tools/demo-server on loopback, runs the same plan
# natively against another fresh server, and compares what both servers
# received (compare_runs.py). Set $tmp and call emit_cleanup from a trap.

root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
data="$root/tests/data/emit"
LOCUST=${LOCUST:-/usr/bin/locust}
PYTHON_LOCUST=${PYTHON_LOCUST:-/usr/bin/python3}
server_pid=""

emit_fail() { echo "$(basename "$0" .sh): FAIL: $*" >&2; exit 1; }

emit_cleanup() {
    [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
    [ -n "${EMIT_KEEP:-}" ] || rm -rf "$tmp"
}

# Skips the test (exit 0) when Locust or pyflakes is not installed.
emit_require_locust() {
    if [ ! -x "$LOCUST" ] || ! "$PYTHON_LOCUST" -c 'import locust, pyflakes' 2>/dev/null; then
        echo "$(basename "$0" .sh): skipped: python3-locust and pyflakes3 are needed (tools/install-deps)"
        exit 0
    fi
}

# start_server NAME [server options]: a fresh demo server logging to $tmp/NAME.server.jsonl;
# sets $port (and $api_port with --api-port 0).
start_server() {
    srv_name=$1
    shift
    rm -f "$tmp/port"
    python3 "$root/tools/demo-server" --port 0 --port-file "$tmp/port" --log "$tmp/$srv_name.server.jsonl" "$@" &
    server_pid=$!
    n=0
    lines=1
    case " $* " in *" --api-port "*) lines=2 ;; esac
    until [ -s "$tmp/port" ] && [ "$(wc -l < "$tmp/port")" -ge "$lines" ]; do
        n=$((n + 1)); [ $n -le 200 ] || emit_fail "demo server did not start"; sleep 0.05
    done
    port=$(sed -n 1p "$tmp/port")
    api_port=$(sed -n 2p "$tmp/port")
}

stop_server() {
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

# emit PLAN NAME [jmx2run options]: $tmp/NAME.py, pyflakes-clean; stderr in $tmp/NAME.emit.err.
emit() {
    em_plan=$1
    em_name=$2
    shift 2
    rc=0
    "$bin" --emit-locust "$@" "$em_plan" > "$tmp/$em_name.py" 2> "$tmp/$em_name.emit.err" || rc=$?
    [ $rc -eq 0 ] || { cat "$tmp/$em_name.emit.err" >&2; emit_fail "$em_name: --emit-locust exited with $rc"; }
    "$PYTHON_LOCUST" -m py_compile "$tmp/$em_name.py" || emit_fail "$em_name: the locustfile does not compile"
    out=$("$PYTHON_LOCUST" -m pyflakes "$tmp/$em_name.py" 2>&1) || true
    [ -z "$out" ] || { echo "$out" >&2; emit_fail "$em_name: pyflakes is not clean"; }
}

# run_locust NAME [locust options]: runs $tmp/NAME.py headless against the running
# server; samples in $tmp/NAME.samples.jsonl, output in $tmp/NAME.locust.out.
run_locust() {
    lc_name=$1
    shift
    rm -f "$tmp/$lc_name.samples.jsonl"
    rc=0
    EMIT_SAMPLES="$tmp/$lc_name.samples.jsonl" timeout 120 "$LOCUST" -f "$tmp/$lc_name.py,$data/recorder.py" \
        --headless --only-summary --loglevel WARNING -J port="${port:-8080}" "$@" \
        > "$tmp/$lc_name.locust.out" 2>&1 || rc=$?
    [ $rc -ne 124 ] || { tail -30 "$tmp/$lc_name.locust.out" >&2; emit_fail "$lc_name: locust did not stop by itself"; }
    if grep -q "Traceback" "$tmp/$lc_name.locust.out"; then
        tail -40 "$tmp/$lc_name.locust.out" >&2
        emit_fail "$lc_name: the locustfile raised an exception"
    fi
}

# run_native PLAN NAME [jmx2run options]: the native run, JTL in $tmp/NAME.jtl.
run_native() {
    nt_plan=$1
    nt_name=$2
    shift 2
    "$bin" -n -t "$nt_plan" -Jport="$port" -l "$tmp/$nt_name.jtl" --quiet "$@" > "$tmp/$nt_name.native.out" 2>&1 || true
}

# compare NAME [compare_runs.py options]
compare() {
    cmp_name=$1
    shift
    python3 "$data/compare_runs.py" "$@" "$tmp/$cmp_name.locust.server.jsonl" "$tmp/$cmp_name.native.server.jsonl" \
        || emit_fail "$cmp_name: the server received different requests from Locust and from jmx2run"
}

# both PLAN NAME [name=value ...]: emit, run under Locust and natively, each against a
# fresh server, with these JMeter properties.
both() {
    b_plan=$1
    b_name=$2
    shift 2
    emit "$b_plan" "$b_name"
    start_server "$b_name.locust"
    locust_props=""
    native_props=""
    for a in "$@"; do
        locust_props="$locust_props -J $a"
        native_props="$native_props -J$a"
    done
    # shellcheck disable=SC2086
    run_locust "$b_name" $locust_props
    stop_server
    start_server "$b_name.native"
    # shellcheck disable=SC2086
    run_native "$b_plan" "$b_name" $native_props
    stop_server
}
