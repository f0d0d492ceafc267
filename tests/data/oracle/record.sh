#!/bin/sh
# record.sh - re-records the oracle reference data in this folder (see README.md).
#
#   JMETER213=/path/to/jmeter213 tests/data/oracle/record.sh
#
# For each of samples/demo-shop.jmx and samples/hello-world.jmx: starts tools/demo-server
# on ephemeral loopback ports (demo-shop: a separate --api-port too) with --log, runs the
# real Apache JMeter 2.13 on the plan with -Jport=<port> -Jusers=2 -Jloops=2, then writes
#   <plan>.jtl             the JTL exactly as JMeter wrote it (CSV, header line)
#   <plan>.requests.jsonl  the server log, normalized by ./normalize-log
#   <plan>.jmeter-console.txt  JMeter's console output (informative only)
# JMETER213 defaults to the shared oracle launcher next to the repository
# (../shared/oracle/jmeter213); the project itself never needs it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
jmeter=${JMETER213:-$root/../shared/oracle/jmeter213}
[ -x "$jmeter" ] || { echo "record.sh: JMeter 2.13 launcher not found: $jmeter" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/oracle-record.XXXXXX")
server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

record() {   # record <plan> [extra demo-server options...]
    plan=$1
    shift
    rm -f "$work/port" "$work/$plan.log.jsonl" "$work/$plan.jtl"
    "$root/tools/demo-server" --port 0 --port-file "$work/port" --log "$work/$plan.log.jsonl" "$@" &
    server_pid=$!
    i=0
    until [ -s "$work/port" ]; do
        i=$((i + 1))
        [ "$i" -le 100 ] || { echo "record.sh: demo-server did not start" >&2; exit 1; }
        sleep 0.05
    done
    port=$(sed -n 1p "$work/port")
    api_port=$(sed -n 2p "$work/port")
    cp "$root/samples/$plan.jmx" "$work/$plan.jmx"
    (cd "$work" && "$jmeter" -n -t "$plan.jmx" -l "$plan.jtl" -j "$plan.jmeter.log" \
        -Jjmeter.save.saveservice.print_field_names=true \
        -Jport="$port" -Jusers=2 -Jloops=2) > "$work/$plan.console" 2>&1
    stop_server
    cp "$work/$plan.jtl" "$here/$plan.jtl"
    "$here/normalize-log" "$work/$plan.log.jsonl" "$port" ${api_port:+"$api_port"} > "$here/$plan.requests.jsonl"
    # The console output, with the run's dates and durations left as they were.
    cp "$work/$plan.console" "$here/$plan.jmeter-console.txt"
    echo "record.sh: $plan: $(($(wc -l < "$here/$plan.jtl") - 1)) JTL rows," \
        "$(wc -l < "$here/$plan.requests.jsonl") requests"
}

# tests/integration/wire/http-wire.jmx: every way of building a request. What JMeter 2.13
# sent becomes what 5.6 sends through wire.py's documented changes.
record_wire() {
    rm -f "$work/port" "$work/wire.log.jsonl"
    "$root/tools/demo-server" --port 0 --port-file "$work/port" --log "$work/wire.log.jsonl" &
    server_pid=$!
    i=0
    until [ -s "$work/port" ]; do
        i=$((i + 1))
        [ "$i" -le 100 ] || { echo "record.sh: demo-server did not start" >&2; exit 1; }
        sleep 0.05
    done
    port=$(sed -n 1p "$work/port")
    cp "$root/tests/integration/wire/http-wire.jmx" "$root/tests/integration/wire/upload.txt" "$work/"
    (cd "$work" && "$jmeter" -n -t http-wire.jmx -l http-wire.jtl -j http-wire.jmeter.log \
        -Jjmeter.save.saveservice.print_field_names=true -Jport="$port") > "$work/wire.console" 2>&1
    stop_server
    cp "$work/http-wire.jtl" "$here/http-wire.jtl"
    python3 "$root/tests/integration/wire/wire.py" expect "$work/wire.log.jsonl" "$port" \
        "$work/http-wire.jtl" > "$here/http-wire.expected.jsonl"
    echo "record.sh: http-wire: $(($(wc -l < "$here/http-wire.expected.jsonl") / 2)) requests"
}

record demo-shop --api-port 0
record hello-world
record_wire
