#!/bin/sh
# record.sh - re-records jmx2run.jtl and jmeter213.jtl from report-mix.jmx (see README.md).
#
#   JMETER213=/path/to/jmeter213 tests/data/jtl/record.sh
#
# Starts tools/demo-server on an ephemeral loopback port, runs the plan with ./jmx2run
# (JTL with the 5.x default columns, header line and sub-result lines), then with the real
# Apache JMeter 2.13 (no header line, 2.13's default columns, no sub-result lines).
# JMETER213 defaults to the shared launcher next to the repository; the tests never need it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
jmeter=${JMETER213:-$root/../shared/oracle/jmeter213}
work=$(mktemp -d "${TMPDIR:-/tmp}/jtl-record.XXXXXX")
server_pid=""
trap 'if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

python3 "$root/tools/demo-server" --port 0 --port-file "$work/port" &
server_pid=$!
i=0
until [ -s "$work/port" ]; do
    i=$((i + 1))
    [ "$i" -le 100 ] || { echo "record.sh: demo-server did not start" >&2; exit 1; }
    sleep 0.05
done
port=$(sed -n 1p "$work/port")

python3 "$here/make-plan.py" > "$work/report-mix.jmx"
cmp -s "$work/report-mix.jmx" "$here/report-mix.jmx" || cp "$work/report-mix.jmx" "$here/report-mix.jmx"

# Exit status 1 is expected: the plan has failing samples on purpose.
rc=0
"$root/jmx2run" -n -t "$here/report-mix.jmx" -l "$work/jmx2run.jtl" -Jport="$port" >/dev/null || rc=$?
[ "$rc" -le 1 ] || { echo "record.sh: jmx2run failed ($rc)" >&2; exit 1; }
cp "$work/jmx2run.jtl" "$here/jmx2run.jtl"

if [ -x "$jmeter" ]; then
    cp "$here/report-mix.jmx" "$work/"
    (cd "$work" && "$jmeter" -n -t report-mix.jmx -l jmeter213.jtl -j jmeter.log -Jport="$port") \
        > "$work/console" 2>&1 || { cat "$work/console"; exit 1; }
    cp "$work/jmeter213.jtl" "$here/jmeter213.jtl"
else
    echo "record.sh: JMeter 2.13 launcher not found ($jmeter): jmeter213.jtl kept" >&2
fi
echo "record.sh: jmx2run.jtl $(wc -l < "$here/jmx2run.jtl") lines, jmeter213.jtl $(wc -l < "$here/jmeter213.jtl") lines"
