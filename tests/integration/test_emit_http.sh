#!/bin/sh
# test_emit_http.sh - jmx2run --emit-locust on tests/data/emit/http.jmx (methods, query
# strings, form / raw / multipart / file bodies, charsets, header merging, redirects,
# keep-alive, a second host, no Cookie Manager): the emitted locustfile is pyflakes-clean
# and, run under Locust, sends the demo server the same requests per user as jmx2run's
# native run of the plan, with the same samples and verdicts.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_http.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust
cd "$data"

both "$data/http.jmx" http
compare http --samples "$tmp/http.samples.jsonl" "$tmp/http.jtl" \
    --mask 'boundary=[-_0-9A-Za-z]+::boundary=B' --mask '--[-_0-9A-Za-z]{30,40}?(?=(--)?\r\n)::--B'
echo "test_emit_http: ok"
