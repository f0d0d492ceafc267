#!/bin/sh
# test_csv_data.sh - CSV Data Set Config and the file functions, run for real: the plans of
# tests/integration/csv (written by csv/make_plans.py, with their data files in csv/data) are
# run by jmx2run against tools/demo-server on loopback, from another directory (file names
# resolve next to the plan), and csv/check.py checks what each user sent (g=<group>,
# t=${__threadNum} and the CSV values in the query string or a form body):
#   - shareMode.all across two thread groups (each line once over all users, recycle off,
#     stopThread on ends the users), shareMode.group (each group reads the whole file),
#     shareMode.thread (each user does), a share identifier common to two CSV elements;
#   - end of file: <EOF> with recycle and stopThread off, stopThread on, recycle on, an
#     empty line; quoted data (delimiter, doubled quotes, line breaks inside quotes);
#     names from the header line with a \t delimiter; ignoreFirstLine; UTF-8 and
#     ISO-8859-1 files; a CSV Data Set inside a Loop Controller (one line per pass);
#     __CSVRead and __StringFromFile in a path; ${__P(...)} in a file name;
#   - a missing file (plan:line error naming the file, that group's users stop, the other
#     group runs) and a quoted field never closed (<EOF>, one-line error, no crash).
# Each plan is checked against the digest's rules and, where JMeter 2.13 behaves as 5.6,
# request by request against what 2.13 sent for the same plan (tests/data/oracle/csv,
# re-recorded with `python3 tests/integration/csv/check.py record`).
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
JMX2RUN=${JMX2RUN:-$root/jmx2run}
JMX2RUN_ROOT=$root
export JMX2RUN JMX2RUN_ROOT
if python3 "$root/tests/integration/csv/check.py" "$@"; then
    echo "test_csv_data: ok"
else
    echo "test_csv_data: FAIL" >&2
    exit 1
fi
