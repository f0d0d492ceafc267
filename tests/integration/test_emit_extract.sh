#!/bin/sh
# test_emit_extract.sh - jmx2run --emit-locust on tests/data/emit/extract.jmx: Regular
# Expression (body, headers, code; one match, all matches, defaults), Boundary, JSON and CSS
# Selector extractors whose variables the next request sends; Response (contains, substring,
# not, or, equals, code, custom message, "ignore status"), Size, JSON and Duration
# assertions. Same requests as jmx2run's native run, and the same verdicts and failure
# messages per sample (the durations in the Duration Assertion's message are masked).
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_extract.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust

both "$data/extract.jmx" extract
compare extract --samples "$tmp/extract.samples.jsonl" "$tmp/extract.jtl" \
    --mask 'took [0-9,]+ milliseconds::took N milliseconds'

# The JSON and CSS Selector extractors and the JSON Assertion: the same requests and
# verdicts as jmx2run's run, and the values JMeter gives
both "$data/json.jmx" json
compare json --samples "$tmp/json.samples.jsonl" "$tmp/json.jtl"
python3 - "$tmp/json.locust.server.jsonl" "$tmp/json.samples.jsonl" <<'PY' || emit_fail "json: wrong values"
import json, sys, urllib.parse
reqs = [json.loads(l) for l in open(sys.argv[1])]
use = dict(urllib.parse.parse_qsl(reqs[2]["query"]))
expected = {"jb": "two", "names": "3", "n2": "b", "jm": "JDEFAULT", "img": "/static/logo.png",
            "sheet": "/static/style.css", "title": "Page with resources"}
assert use == expected, use
samples = {(s["label"], s["success"], s["message"]) for s in map(json.loads, open(sys.argv[2]))}
assert ("json assert", True, "") in samples, samples
assert ("json fails", False, "No results for path: $['nope']") in samples, samples
PY
echo "test_emit_extract: ok"
