#!/bin/sh
# test_correlation.sh - the correlation flow (tests/integration/correlation/correlation.jmx)
# against tools/demo-server with its API listener: JSON Extractor (apiHost, ids via -1,
# _ALL), JSON Assertions, ForEach over the ids, CSS Selector and XPath extractors on the
# checkout form's CSRF token, XPath Assertions, the form POST, a Response Assertion on
# the code. Then the same plan with broken paths: each extractor's default and each
# assertion's failure message, as JMeter words them.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_correlation.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "test_correlation: FAIL: $*" >&2; exit 1; }

python3 "$root/tools/demo-server" --port 0 --api-port 0 --port-file "$tmp/port" \
    --log "$tmp/server.jsonl" &
pid=$!
n=0
until [ -s "$tmp/port" ] && [ "$(wc -l < "$tmp/port")" -ge 2 ]; do
    n=$((n + 1)); [ $n -le 200 ] || fail "demo server did not start"; sleep 0.05
done
port=$(sed -n 1p "$tmp/port")
api_port=$(sed -n 2p "$tmp/port")
plan="$root/tests/integration/correlation/correlation.jmx"

rc=0; "$bin" -n -t "$plan" -l "$tmp/ok.jtl" -Jport="$port" -Jusers=2 >"$tmp/ok.out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || { cat "$tmp/ok.out" >&2; fail "the flow did not pass (exit status $rc)"; }
grep -q "warning" "$tmp/ok.out" && { cat "$tmp/ok.out" >&2; fail "warnings"; }

python3 - "$tmp/server.jsonl" "$tmp/ok.jtl" "$api_port" <<'PY' || fail "the flow"
import collections, csv, json, re, sys
log = [json.loads(l) for l in open(sys.argv[1])]
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
api_port = int(sys.argv[3])
assert all(r["success"] == "true" for r in rows), [(r["label"], r["failureMessage"]) for r in rows
                                                   if r["success"] != "true"]
# per user (session cookie): the API list came from the extracted host, every product was
# viewed once in the list's order, the order was placed with the form's token
by = collections.defaultdict(list)
for r in log:
    m = re.search(r"shop_session=([^;]+)", r.get("cookie") or "")
    if m:
        by[m.group(1)].append(r)
assert len(by) == 2, f"{len(by)} sessions"
for session, reqs in by.items():
    api = [r for r in reqs if r["path"] == "/api/products"]
    assert len(api) == 1 and api[0]["server_port"] == api_port, "the list did not use apiHost"
    views = [int(r["path"].split("/")[3]) for r in reqs if r["path"].endswith("/view")]
    assert views == list(range(1, 9)), f"views {views}"
    posts = [r for r in reqs if r["path"] == "/checkout" and r["method"] == "POST"]
    form = dict(x.split("=", 1) for x in posts[0]["body"].split("&"))
    assert len(posts) == 2 and re.fullmatch(r"[A-Za-z0-9_-]{16}", form["csrf"]), posts[0]["body"]
    # the CSS and XPath extractors read the same token
    assert dict(x.split("=", 1) for x in posts[1]["body"].split("&"))["csrf"] == form["csrf"]
labels = [r["label"] for r in rows]
assert labels.count("place order") == 2 and labels.count("view 8") == 2, labels
print("test_correlation: flow ok: 2 users, 8 views each, orders placed with the extracted token")
PY

# Broken paths: defaults and failure messages. Each edit breaks one element.
python3 - "$plan" "$tmp/broken.jmx" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
for old, new in (("$.cartEnabled", "$.cartEnabledX"),       # JSON assertion: no such path
                 ("$[0].currency", "$[0].price"),           # JSON assertion: wrong value
                 ("$[*].id", "$[*].nope"),                  # JSON extractor -1: nothing -> default
                 ("input[name=csrf]", "input[name=nope]"),  # CSS: default
                 ("//input[@name='csrf']/@value", "//input[@name='nope']/@value"),
                 ("//form[@id='checkout']", "//form[@id='nope']")):
    assert old in s, old
    s = s.replace(old, new, 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
rc=0; "$bin" -n -t "$tmp/broken.jmx" -l "$tmp/broken.jtl" -Jport="$port" -Jusers=1 \
    -Jjmeter.save.saveservice.output_format=xml -Jjmeter.save.saveservice.assertion_results_failure_message=true \
    >"$tmp/broken.out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { cat "$tmp/broken.out" >&2; fail "broken plan: exit status $rc, expected 1"; }
python3 - "$tmp/broken.jtl" "$tmp/server.jsonl" <<'PY' || fail "broken paths"
import json, re, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
msgs = {}
for smp in root:
    for a in smp.findall("assertionResult"):
        m = a.findtext("failureMessage") or ""
        if a.findtext("failure") == "true" or a.findtext("error") == "true":
            msgs.setdefault(smp.get("lb"), []).append((a.findtext("name"), m))
def has(label, name, text):
    got = msgs.get(label, [])
    assert any(n == name and text in m for n, m in got), f"{label}/{name}: {got}"
has("config", "cart enabled", "No results for path: $['cartEnabledX']")
has("products", "currency", "Value in json path '$[0].price' expected to be 'EUR', but found '")
has("checkout form", "form present", "No Nodes Matched //form[@id='nope']")
log = [json.loads(l) for l in open(sys.argv[2])]
# the ForEach had nothing to iterate (ids = NO_IDS default is not ids_1), and the CSS
# default went into the form
last = [r for r in log if r["path"] == "/checkout" and r["method"] == "POST"][-2]
assert "csrf=NO_TOKEN" in last["body"], last["body"]
print("test_correlation: broken paths: defaults and JMeter's failure messages ok")
PY
echo "test_correlation: ok"
