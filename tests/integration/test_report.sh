#!/bin/sh
# test_report.sh - the HTML report end to end.
#
# Renders the fixtures of tests/data/jtl (a JTL written by jmx2run, a headerless one
# written by JMeter 2.13, hostile labels) with `jmx2run -g FILE -o DIR`. Then python3 checks each page: the statistics
# and APDEX tables against figures computed here from the CSV with Python's csv module
# (an independent reading), every label shown as it is in the file, no script, no
# event attribute, nothing loaded from elsewhere. Last, when chromium is there (it is
# installed with apt-get when missing and possible), a screenshot of one page must be
# written and must not be blank. REPORT_SCREENSHOT=path keeps the screenshot.
set -eu

root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${JMX2RUN:-$root/jmx2run}
data="$root/tests/data/jtl"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

fail() { echo "test_report: FAIL: $*" >&2; exit 1; }

# render <jtl> <dir>
render() {
    "$bin" -g "$1" -o "$2" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; fail "jmx2run -g $1"; }
    [ -s "$2/index.html" ] || fail "$2/index.html was not written"
}

for f in jmx2run jmeter213 hostile stats; do
    render "$data/$f.jtl" "$tmp/$f"
done
# Sub-result lines count as samples, as in JMeter's dashboard, unless excluded.
"$bin" -J jmx2run.report.exclude_subresults=true -g "$data/stats.jtl" -o "$tmp/stats-x" \
    >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; fail "jmx2run -g with sub-results excluded"; }

# After a run: -e -o. The folder is checked before the run starts, and the run's
# own results file becomes the report.
plan="$root/tests/integration/controllers/transaction.jmx"
mkdir -p "$tmp/busy" && echo x > "$tmp/busy/keep"
"$bin" -n -t "$plan" -l "$tmp/run.jtl" -e -o "$tmp/busy" >"$tmp/out" 2>&1 &&
    fail "-e -o accepted a folder that is not empty"
grep -q "busy" "$tmp/out" || { cat "$tmp/out" >&2; fail "-e -o refusal does not name the folder"; }
[ ! -e "$tmp/run.jtl" ] || fail "the run started although the report folder was refused"
"$bin" -n -t "$plan" -e -o "$tmp/nolog" >"$tmp/out" 2>&1 && fail "-e without -l was accepted"
# (exit status 1: the plan has failing samples on purpose)
rc=0; "$bin" -n -t "$plan" -l "$tmp/run.jtl" -e -o "$tmp/after" >"$tmp/out" 2>&1 || rc=$?
[ "$rc" -le 1 ] || { cat "$tmp/out" >&2; fail "run with -e -o: exit status $rc"; }
[ -s "$tmp/after/index.html" ] || fail "-e -o wrote no report"
# (an empty transaction's row is left out of the report, as JMeter's dashboard does)
python3 - "$tmp/run.jtl" "$tmp/after/index.html" <<'PY' || fail "the report of the run misses labels"
import csv, html, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
page = open(sys.argv[2], encoding="utf-8").read()
labels = {r["label"] for r in rows
          if not r["responseMessage"].startswith("Number of samples in transaction : 0")}
missing = [l for l in sorted(labels) if f'data-label="{html.escape(l)}"' not in page]
assert len(labels) >= 3 and not missing, f"{len(labels)} labels, missing {missing}"
PY

# An error in the results file: the renderer fails with file:line, and writes nothing.
printf 'timeStamp,elapsed,label,success\n1,2,a,true\n1,2,b,maybe\n' > "$tmp/bad.jtl"
"$bin" -g "$tmp/bad.jtl" -o "$tmp/bad" >"$tmp/out" 2>&1 && fail "a bad JTL was accepted"
grep -q "bad.jtl:3: error: success \"maybe\" is neither true nor false" "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "no file:line error for a bad JTL"; }
[ ! -e "$tmp/bad/index.html" ] || fail "a page was written for a bad JTL"

python3 - "$data" "$tmp" <<'PY' || fail "page checks"
import csv, html.parser, io, re, sys

data, tmp = sys.argv[1], sys.argv[2]
COLS_213 = ("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            "bytes,grpThreads,allThreads,Latency").split(",")
TC = "Number of samples in transaction"
problems = []

def load(path):
    raw = open(path, "rb").read().decode("utf-8", "replace")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    if rows and rows[0] and rows[0][0] == "timeStamp":
        return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]
    return COLS_213, [dict(zip(COLS_213, r)) for r in rows]

def depths(rows):
    """Sub-result depth of each row: '<parent>-<n>' right after its parent, same thread."""
    chain, thread, out = [], None, []
    for r in rows:
        label, depth = r["label"], 0
        if chain and r.get("threadName") == thread:
            for d in range(len(chain) - 1, -1, -1):
                m = re.fullmatch(re.escape(chain[d][0]) + r"-(0|[1-9][0-9]*)", label, re.S)
                if m and int(m.group(1)) == chain[d][1]:
                    chain[d][1] += 1
                    del chain[d + 1:]
                    chain.append([label, 0])
                    depth = d + 1
                    break
        if depth == 0:
            chain, thread = [[label, 0]], r.get("threadName")
        out.append(depth)
    return out

def shown(v, lo, hi):
    """What the page shows for a value: its histogram bucket's top from 256 ms on."""
    if v >= 256:
        shift = v.bit_length() - 8
        v = (((v >> shift) + 1) << shift) - 1
    return min(max(v, lo), hi)

def pct(values, p):
    rank = max(1, int(len(values) * p + 0.5))
    return shown(values[rank - 1], values[0], values[-1])

def count(n):
    return f"{n:,}"

def expected_stats(rows, has_sent):
    elapsed = sorted(int(r["elapsed"]) for r in rows)
    n = len(rows)
    errors = sum(r["success"].lower() != "true" for r in rows)
    start = min(int(r["timeStamp"]) for r in rows)
    end = max(int(r["timeStamp"]) + int(r["elapsed"]) for r in rows)
    window = end - start
    rx = sum(int(r.get("bytes") or 0) for r in rows)
    tx = sum(int(r.get("sentBytes") or 0) for r in rows)
    kb = lambda b: "%.2f" % (b / (window / 1000.0) / 1024.0 if window > 0 and b > 0 else 0.0)
    cells = [count(n), count(errors), "%.2f%%" % (100.0 * errors / n), "%.2f" % (sum(elapsed) / n),
             str(elapsed[0]), str(elapsed[-1])] + [str(pct(elapsed, p)) for p in (0.5, 0.9, 0.95, 0.99)]
    cells.append("%.2f" % (n / window * 1000.0) if window > 0 else "n/a")
    cells.append(kb(rx))
    if has_sent:
        cells.append(kb(tx))
    return cells

def expected_apdex(rows, t=500, f=1500):
    ok = [int(r["elapsed"]) for r in rows if r["success"].lower() == "true"]
    sat = sum(v <= t for v in ok)
    tol = sum(t < v <= f for v in ok)
    a = (sat + tol / 2.0) / len(rows)
    rating = ("excellent" if a >= 0.94 else "good" if a >= 0.85 else "fair" if a >= 0.70
              else "poor" if a >= 0.50 else "unacceptable")
    return ["%.3f" % a, rating, count(sat), count(tol), count(len(rows) - sat - tol)]

class Page(html.parser.HTMLParser):
    """Table rows per section (the "transaction" tag after a label left out), every tag
    and attribute."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.section, self.rows, self.tags, self.attrs = None, {}, set(), []
        self.cell = self.row = None
        self.in_tag = False
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs
        a = dict(attrs)
        if tag == "section" and "id" in a:
            self.section = a["id"]
        elif tag == "tr" and "data-label" in a and self.section:
            self.row = []
            self.rows.setdefault(self.section, []).append((a["data-label"], self.row))
        elif tag == "td" and self.row is not None:
            self.cell, self.had_tag = [], False
        elif tag == "span" and self.cell is not None and a.get("class") == "tag":
            self.in_tag = self.had_tag = True
    def handle_endtag(self, tag):
        if tag == "span":
            self.in_tag = False
        elif tag == "td" and self.cell is not None:
            text = "".join(self.cell)
            self.row.append(text[:-1] if self.had_tag and text.endswith(" ") else text)
            self.cell = None
        elif tag == "tr":
            self.row = None
    def handle_data(self, d):
        if self.cell is not None and not self.in_tag:
            self.cell.append(d)

def check_page(name):
    text = open(f"{tmp}/{name}/index.html", encoding="utf-8").read()
    p = Page()
    p.feed(text)
    for bad in ("script", "iframe", "img", "link", "object", "embed", "form", "input"):
        if bad in p.tags:
            problems.append(f"{name}: <{bad}> on the page")
    for k, v in p.attrs:
        if k.startswith("on") or k == "src" or (k == "href" and not (v or "").startswith("#")):
            problems.append(f"{name}: attribute {k}={v!r}")
    if re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:|//)", text) or "url(" in text:
        problems.append(f"{name}: something is loaded from elsewhere")
    return p

def control(s):
    return "".join("\ufffd" if (ord(c) < 32 and c not in "\t\r\n") or ord(c) == 127 else c for c in s)

def check_stats(name, out, include_subs):
    header, rows = load(f"{data}/{name}.jtl")
    has_sent = "sentBytes" in header
    page = check_page(out)
    d = depths(rows)
    top = [r for r, k in zip(rows, d) if include_subs or k == 0]
    top = [r for r in top if not r.get("responseMessage", "").startswith(TC + " : 0")]
    labels = list(dict.fromkeys(r["label"] for r in top))
    stats = {label: cells for label, cells in page.rows.get("statistics", [])}
    apdex = {label: cells for label, cells in page.rows.get("apdex", [])}
    if [l for l, _ in page.rows.get("statistics", [])] != ["Total"] + [control(l) for l in labels]:
        problems.append(f"{name}: statistics labels {[l for l, _ in page.rows.get('statistics', [])]}")
    requests = [r for r in top if not r.get("responseMessage", "").startswith(TC)]
    want = {"Total": (["Total"] + expected_stats(requests, has_sent), ["Total"] + expected_apdex(top))}
    for label in labels:
        mine = [r for r in top if r["label"] == label]
        want[control(label)] = ([control(label)] + expected_stats(mine, has_sent),
                                [control(label)] + expected_apdex(mine))
    for label, (s, a) in want.items():
        if stats.get(label) != s:
            problems.append(f"{name}: statistics of {label!r}: page {stats.get(label)} expected {s}")
        if apdex.get(label) != a:
            problems.append(f"{name}: APDEX of {label!r}: page {apdex.get(label)} expected {a}")
    subs = sum(k > 0 for k in d)
    page_text = open(f"{tmp}/{out}/index.html", encoding="utf-8").read()
    if subs and not include_subs and f"{count(subs)} lines" not in page_text:
        problems.append(f"{out}: {subs} sub-result lines not reported")
    return len(labels), subs

for name, out, include_subs in (("jmx2run", "jmx2run", True), ("jmeter213", "jmeter213", True),
                                ("stats", "stats", True), ("stats", "stats-x", False),
                                ("hostile", "hostile", True)):
    n, subs = check_stats(name, out, include_subs)
    print(f"test_report: {out}: {n} labels, {subs} sub-result lines, figures match")
if not any(k > 0 for k in depths(load(f"{data}/stats.jtl")[1])):
    problems.append("stats.jtl has no sub-result lines: the exclusion is not tested")
if problems:
    print("\n".join(problems[:40]), file=sys.stderr)
    sys.exit(1)
PY

# The screenshot.
browser=""
for b in chromium chromium-browser; do
    command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test_report: installing chromium (apt-get)"
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y chromium >"$tmp/apt.log" 2>&1 ||
        echo "test_report: apt-get could not install chromium"
    command -v chromium >/dev/null 2>&1 && browser=chromium
fi
if [ -z "$browser" ]; then
    echo "test_report: chromium not available: screenshot skipped"
    exit 0
fi
shot="$tmp/shot.png"
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$tmp/profile" --screenshot="$shot" --window-size=1280,2400 \
    "file://$tmp/jmx2run/index.html" >"$tmp/chromium.log" 2>&1 ||
    { tail -5 "$tmp/chromium.log" >&2; fail "chromium could not take the screenshot"; }
[ -s "$shot" ] || fail "no screenshot written"
[ -z "${REPORT_SCREENSHOT:-}" ] || cp "$shot" "$REPORT_SCREENSHOT"

python3 - "$shot" <<'PY' || fail "the screenshot looks blank"
import struct, sys, zlib
png = open(sys.argv[1], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height = 8, b"", 0, 0
while pos < len(png):
    n, kind = struct.unpack(">I4s", png[pos:pos + 8])
    body = png[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
assert depth == 8 and ctype in (2, 6), f"unexpected PNG format {depth}/{ctype}"
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), width * bpp
prev, colours, ink, pos = bytearray(stride), set(), 0, 0
for y in range(height):
    kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
    pos += 1 + stride
    for x in range(stride):     # undo PNG's per-row filter
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
        if kind == 1: line[x] = (line[x] + a) & 255
        elif kind == 2: line[x] = (line[x] + b) & 255
        elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4 == 0:
        for x in range(0, stride, bpp * 3):
            px = bytes(line[x:x + 3])
            colours.add(px)
            ink += px != b"\xf4\xf6\xf9" and px != b"\xff\xff\xff"
print(f"test_report: screenshot {width}x{height}, {len(colours)} colours")
assert (width, height) == (1280, 2400), "wrong size"
assert len(colours) > 60, "too few colours"
assert ink > 0.05 * (height / 4) * (width / 3), "almost nothing drawn"
PY
echo "test_report: ok"
