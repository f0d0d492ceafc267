#!/bin/sh
# test_migration_report.sh - jmx2run --migration-report on existing plans (the demo
# shop, the emitter's test plans, script elements, tests/data/migration/mixed.jmx): the
# text and the JSON report list the same elements with the same verdicts and totals,
# the totals are --check's counts, every path starts at the Test Plan and ends with the
# element's kind and quoted name, and the header of the locustfile --emit-locust writes
# gives the same totals and names every element that is not converted exactly. Then
# verdicts of a few known elements, exit status 2 for an unreadable plan or a bad
# --format.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_migration_report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_migration_report: FAIL: $*" >&2; exit 1; }
cd "$root"

plans="samples/demo-shop.jmx tests/integration/plans/scripts.jmx tests/data/migration/mixed.jmx"
for p in tests/data/emit/*.jmx; do plans="$plans $p"; done

for plan in $plans; do
    name=$(basename "$plan" .jmx)
    "$bin" --migration-report "$plan" >"$tmp/$name.txt" 2>"$tmp/$name.err" ||
        fail "$plan: text report exited with $?"
    "$bin" --migration-report --format json "$plan" >"$tmp/$name.json" 2>>"$tmp/$name.err" ||
        fail "$plan: JSON report exited with $?"
    "$bin" --migration-report --format text "$plan" 2>/dev/null | cmp -s - "$tmp/$name.txt" ||
        fail "$plan: --format text differs from the default"
    rc=0
    "$bin" --check "$plan" >"$tmp/$name.check" 2>/dev/null || rc=$?
    [ $rc -le 1 ] || fail "$plan: --check exited with $rc"
    "$bin" --emit-locust "$plan" >"$tmp/$name.py" 2>/dev/null || fail "$plan: --emit-locust failed"
    python3 - "$plan" "$tmp/$name.txt" "$tmp/$name.json" "$tmp/$name.check" "$tmp/$name.py" <<'PY' ||
import json, re, sys
plan, txt_path, json_path, check_path, py_path = sys.argv[1:]
def fail(msg):
    sys.exit("%s: %s" % (plan, msg))
rep = json.load(open(json_path, encoding="utf-8"))
txt = open(txt_path, encoding="utf-8").read()
els = rep["elements"]
tot = rep["totals"]
if rep["plan"] != plan:
    fail("plan is %r" % rep["plan"])
if not els or els[0]["path"] != "Test Plan" or els[0]["class"] != "TestPlan":
    fail("the Test Plan does not come first")
native_keys = {"supported", "skipped", "unsupported"}
locust_keys = {"exact", "approximate", "todo"}
count_native = dict.fromkeys(native_keys, 0)
count_locust = dict.fromkeys(locust_keys, 0)
for e in els:
    for k in ("path", "class", "kind", "name", "file", "line", "native", "locust"):
        if k not in e:
            fail("element without %s: %r" % (k, e))
    n, l = e["native"], e["locust"]
    if n["status"] not in native_keys or l["conversion"] not in locust_keys:
        fail("bad verdict %r" % e)
    if n["supported"] != (n["status"] == "supported"):
        fail("supported and status disagree: %r" % e)
    if (n["note"] is None) != (n["status"] == "supported"):
        fail("a native note goes with, and only with, a verdict other than supported: %r" % e)
    if l["conversion"] != "exact" and not l["note"]:
        fail("no note for a conversion that is not exact: %r" % e)
    if e["path"] != "Test Plan":
        if not e["path"].startswith("Test Plan / "):
            fail("path %r" % e["path"])
        plain = re.fullmatch(r"[ -~]*", e["name"]) and "\\" not in e["name"]
        end = " / %s \"%s\"" % (e["kind"], e["name"].replace('"', '\\"')) if plain else \
              " / %s \"" % e["kind"]
        if not e["path"].endswith(end if plain else '"') or end not in e["path"]:
            fail("path %r does not end with kind and name" % e["path"])
    if not isinstance(e["line"], int) or e["line"] <= 0:
        fail("line %r" % e["line"])
    count_native[n["status"]] += 1
    count_locust[l["conversion"]] += 1
    # the text report: the path, then the class and file:line, then both verdicts
    block = "%s\n    %s at %s:%d\n" % (e["path"], e["class"], e["file"], e["line"])
    if block not in txt:
        fail("text report lacks %r" % block)
if tot["elements"] != len(els) or tot["native"] != count_native or tot["locust"] != count_locust:
    fail("totals %r do not count the elements" % tot)
sentence = ("%d element%s; native runner: %d supported, %d not supported, %d listener%s skipped; "
            "Locust: %d exact, %d approximate, %d TODO" % (
                len(els), "" if len(els) == 1 else "s", count_native["supported"],
                count_native["unsupported"], count_native["skipped"],
                "" if count_native["skipped"] == 1 else "s", count_locust["exact"],
                count_locust["approximate"], count_locust["todo"]))
if "\nTotals: %s\n" % sentence not in txt:
    fail("text totals are not %r" % sentence)
# --check counts the same elements
m = re.search(r": (\d+) elements?: (\d+) supported, (\d+) unsupported, (\d+) listeners? skipped",
              open(check_path, encoding="utf-8").read())
if not m or [int(x) for x in m.groups()] != [len(els), count_native["supported"],
                                             count_native["unsupported"], count_native["skipped"]]:
    fail("--check says %r" % (m and m.group(0)))
# the locustfile's header: the same totals, every element not exact with its note
head = []
for line in open(py_path, encoding="utf-8"):
    if not line.startswith("#"):
        break
    head.append(line[1:].strip())
head = re.sub(r"\s+", " ", " ".join(head))
if "Migration summary (jmx2run --migration-report lists every element): %s." % sentence not in head:
    fail("the locustfile's header does not give the report's totals %r" % sentence)
def lit(s):   # the header holds plan text as escaped literals, wrapped at spaces
    return re.sub(r"\s+", " ", s)
listed = head.split("Converted approximately:", 1)[-1] if "Converted approximately:" in head else ""
todo = head.split("Not converted (see the TODO comments):", 1)[-1] if "Not converted" in head else ""
for e in els:
    c = e["locust"]["conversion"]
    item = lit("- %s (" % e["path"])
    if c == "approximate" and item not in listed.split("Not converted")[0]:
        fail("the header does not list %r as approximate" % e["path"])
    if c == "todo" and item not in todo:
        fail("the header does not list %r as not converted" % e["path"])
    if c != "exact" and lit(e["locust"]["note"]) not in head:
        fail("the header lacks the note of %r" % e["path"])
    if c == "exact" and item in head:
        fail("the header lists %r, which is exact" % e["path"])
if count_locust["approximate"] == 0 and "Converted approximately:" in head:
    fail("an empty approximations list")
if count_locust["todo"] == 0 and "Not converted" in head:
    fail("an empty TODO list")
PY
    fail "$plan: see above"
done

# known verdicts
python3 - "$tmp" <<'PY' || fail "verdicts, see above"
import json, sys
tmp = sys.argv[1]
def report(name):
    return {e["path"]: e for e in json.load(open("%s/%s.json" % (tmp, name)))["elements"]}
def check(cond, msg):
    if not cond:
        sys.exit(msg)
s = report("scripts")
e = s['Test Plan / Thread Group "tg" / JSR223Sampler "groovy sampler"']
check(e["class"] == "JSR223Sampler" and e["line"] == 12, e)
check(e["native"] == {"supported": False, "status": "unsupported",
                      "note": "its script is not run and no sample is recorded; port it by hand"}, e)
check(e["locust"]["conversion"] == "todo" and "nothing is sent" in e["locust"]["note"], e)
e = s['Test Plan / Thread Group "tg" / Debug Sampler "debug" / BeanShellAssertion "bsh assert"']
check(e["native"]["status"] == "unsupported" and e["locust"]["conversion"] == "todo", e)
check(s['Test Plan / Thread Group "tg" / Debug Sampler "debug"']["locust"]["conversion"] == "exact", s)
d = report("demo-shop")
check(all(e["native"]["supported"] and e["locust"]["conversion"] == "exact" for e in d.values()), d)
check(any(p.startswith('Test Plan / Thread Group "Shoppers" / ') and ' / HTTP Request "' in p
          for p in d), list(d))
p = report("plugins")
e = p['Test Plan / bzm - Concurrency Thread Group "Concurrency"']
check(e["locust"] == {"conversion": "approximate",
                      "note": "its target concurrency ramps up linearly (steps are not "
                              "reproduced), then holds until the end"}, e)
m = report("mixed")
e = m['Test Plan / Thread Group "Users" / Loop Controller "x" / HTTP Request "Login"']
check(e["native"]["supported"] and e["locust"]["conversion"] == "exact" and e["line"] == 24, e)
e = m['Test Plan / Listener "View Results Tree"']
check(e["native"] == {"supported": False, "status": "skipped",
                      "note": "jmx2run writes its own results"}, e)
e = m['Test Plan / Thread Group "Users" / kg.apc.jmeter.control.ParameterizedController "params"'
      ' / HTTP Request "inside params"']
check(e["native"]["supported"] and e["locust"]["conversion"] == "todo", e)
check(sum(1 for e in m.values() if e["name"] == "last step") == 1, "a copy is listed")
h = report("hostile")
check(any("\\n" in p and "os.system" in p for p in h), "hostile names are not escaped in paths")
check(all("\n" not in p for p in h), "a raw line break in a path")
PY
grep -q '^Test Plan / Thread Group "tg" / JSR223Sampler "groovy sampler"$' "$tmp/scripts.txt" ||
    fail "text: no path line for the JSR223 sampler"
grep -q '^    native runner: not supported: its script is not run' "$tmp/scripts.txt" ||
    fail "text: no native verdict"
grep -q '^    Locust: TODO: this sampler kind has no Locust translation' "$tmp/scripts.txt" ||
    fail "text: no Locust verdict"
grep -q '^    Locust: approximate: its target concurrency ramps up linearly' "$tmp/plugins.txt" ||
    fail "text: no approximation"
# stderr holds the plan's own warnings, not the emitter's (the report holds those)
if grep -v ': warning: unsupported element ' "$tmp/scripts.err" | grep -q .; then
    cat "$tmp/scripts.err" >&2
    fail "unexpected lines on stderr"
fi

# unreadable plans, bad options: exit 2
printf '<jmeterTestPlan>\n<hashTree>\n<oops' >"$tmp/bad.jmx"
rc=0
"$bin" --migration-report --format json "$tmp/bad.jmx" >"$tmp/bad.out" 2>"$tmp/bad.err" || rc=$?
[ $rc -eq 2 ] || fail "malformed plan: exit $rc, expected 2"
grep -q "bad.jmx:3: error:" "$tmp/bad.err" || fail "malformed plan: no file:line: error:"
[ ! -s "$tmp/bad.out" ] || fail "malformed plan: a report was printed"
rc=0
"$bin" --migration-report "$tmp/missing.jmx" >/dev/null 2>"$tmp/missing.err" || rc=$?
[ $rc -eq 2 ] && grep -q "missing.jmx: error:" "$tmp/missing.err" || fail "missing plan: exit $rc"
rc=0
"$bin" --migration-report --format yaml samples/demo-shop.jmx >/dev/null 2>"$tmp/usage.err" || rc=$?
[ $rc -eq 2 ] && grep -q -- "--format needs text or json" "$tmp/usage.err" || fail "--format yaml: exit $rc"
rc=0
"$bin" --format json samples/demo-shop.jmx >/dev/null 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "--format without --migration-report: exit $rc"
"$bin" --help | grep -q -- "--migration-report" || fail "--help does not mention --migration-report"
"$bin" --help | grep -q -- "--format" || fail "--help does not mention --format"
echo "test_migration_report: ok"
