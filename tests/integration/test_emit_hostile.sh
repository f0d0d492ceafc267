#!/bin/sh
# test_emit_hostile.sh - a plan written to break out of Python literals and comments
# (tests/data/emit/hostile.jmx: quotes, triple quotes, backslashes, braces, format
# characters, newlines, U+2028 / U+2029 / U+0085 separators, a bidirectional override and
# a BOM in names, values, headers, bodies, regexes, scripts and comments, JSR223 elements
# that try to run "os.system"): the locustfile compiles, is pyflakes-clean, every plan
# string in it is an escaped literal, conversion exits 0 (1 with --strict) with warnings,
# and running it under Locust creates no file and sends the same requests as jmx2run.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_hostile.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
trap emit_cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust
marker=/tmp/jmx2run_emit_hostile_marker
rm -f "$marker"

emit "$data/hostile.jmx" hostile
grep -q "warning: JSR223Sampler 'script" "$tmp/hostile.emit.err" || emit_fail "hostile: no warning"
rc=0
"$bin" --emit-locust --strict "$data/hostile.jmx" > /dev/null 2>&1 || rc=$?
[ $rc -eq 1 ] || emit_fail "hostile: --strict exited with $rc, expected 1"
python3 - "$tmp/hostile.py" <<'PY' || emit_fail "hostile: plan text outside a literal"
import io, sys, tokenize
src = open(sys.argv[1], encoding="utf-8").read()
# no line separator other than \n, no raw control or format character anywhere
for ch in "\u2028\u2029\x85\u202e\ufeff\r\x0b\x0c":
    assert ch not in src, repr(ch)
# the plan's words appear only inside string tokens and comments
for tok in tokenize.generate_tokens(io.StringIO(src).readline):
    if tok.type in (tokenize.STRING, tokenize.COMMENT):
        continue
    assert "jmx2run_emit_hostile_marker" not in tok.string, tok
    assert not (tok.type == tokenize.NAME and tok.string == "system"), tok
PY
both "$data/hostile.jmx" hostile
[ ! -e "$marker" ] || emit_fail "hostile: the plan ran code"
compare hostile --samples "$tmp/hostile.samples.jsonl" "$tmp/hostile.jtl"
echo "test_emit_hostile: ok"
