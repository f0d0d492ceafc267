#!/usr/bin/env python3
"""check.py - runs the CSV Data Set plans of this folder against tools/demo-server and
checks what the server received, user by user.

    check.py [-v] [PLAN ...]          run with $JMX2RUN (default ./jmx2run) and check
    check.py record [PLAN ...]        run with JMeter 2.13 ($JMETER213, default
                                      ../shared/oracle/jmeter213) and rewrite
                                      tests/data/oracle/csv/<plan>.requests.jsonl
    check.py dump [PLAN ...]          run with $JMX2RUN and print the requests

Each plan is checked twice:
  * against the digest (../shared/jmeter-semantics.md §6.7, §9.3): the values each user
    must have sent, computed here from the data files (EXPECT below);
  * where JMeter 2.13 behaves as 5.6 for the plan (ORACLE below), against what 2.13 sent
    for the same plan (tests/data/oracle/csv/<plan>.requests.jsonl), request by request:
    per user (g, t) the same sequence of method, path, query and body, or, where lines
    are handed out to concurrent users, the same requests over all users (the user left
    out); and the same headers (compare_requests.py's normalization and its 2.13 -> 5.6
    rules, plus the charset 5.6 adds to a form body's Content-Type).
Plans run from a scratch directory, so relative CSV paths must resolve next to the plan.
One demo server serves the whole run; its log is cut per plan.
"""
import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("JMX2RUN_ROOT") or os.path.abspath(os.path.join(HERE, "..", "..", ".."))
ORACLE_DIR = os.path.join(ROOT, "tests", "data", "oracle", "csv")
NORMALIZE = os.path.join(ROOT, "tests", "data", "oracle", "normalize-log")
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import compare_requests  # noqa: E402  (normalized_headers, jmeter56_headers)

VERBOSE = False


class Failure(Exception):
    pass


def need(cond, message):
    if not cond:
        raise Failure(message)


# --------------------------------------------------------------------- the server

class Server:
    def __init__(self, work):
        self.log = os.path.join(work, "server.log")
        port_file = os.path.join(work, "port")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "tools", "demo-server"), "--port", "0",
             "--port-file", port_file, "--log", self.log])
        for _ in range(200):
            if os.path.exists(port_file) and os.path.getsize(port_file) > 0:
                break
            time.sleep(0.05)
        else:
            self.stop()
            raise Failure("demo server did not start")
        with open(port_file) as f:
            self.port = int(f.readline())
        self.offset = 0

    def take(self):
        """The log lines written since the last call."""
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as f:
            lines = f.read().splitlines()
        new, self.offset = lines[self.offset:], len(lines)
        return new

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def normalize(lines, port, work, name):
    """The log lines through tests/data/oracle/normalize-log (ports and client ports
    replaced by placeholders), as dicts."""
    raw = os.path.join(work, name + ".log.jsonl")
    with open(raw, "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
    out = subprocess.run([sys.executable, NORMALIZE, raw, str(port)], check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    reqs = [json.loads(l) for l in out.splitlines() if l.strip()]
    for i, r in enumerate(reqs):   # one server serves every plan: number each plan's own
        r["seq"] = i + 1
    return reqs


# ----------------------------------------------------------------------- requests

def query_pairs(r):
    return urllib.parse.parse_qsl(r["query"], keep_blank_values=True)


def body_pairs(r):
    return urllib.parse.parse_qsl(r["body"], keep_blank_values=True)


def values(r):
    """The request's parameters (query, then form body) as a dict, decoded."""
    return dict(query_pairs(r) + (body_pairs(r) if r["method"] == "POST" else []))


def user_of(r):
    v = values(r)
    return (v.get("g"), v.get("t"))


def per_user(reqs):
    users = collections.OrderedDict()
    for r in reqs:
        users.setdefault(user_of(r), []).append(r)
    return users


def wire(r):
    """What identifies a request on the wire, byte for byte (query and body undecoded)."""
    return (r["method"], r["path"], r["query"], r["body"])


def show(r):
    return "%s %s%s%s" % (r["method"], r["target"], " body=" if r["body"] else "", r["body"][:200])


# --------------------------------------------------------------------------- runs

# -J properties given to both jmx2run and JMeter for a plan.
PROPS = {
    "share_all": {"users_csv": "users.csv"},
}


def plan_names():
    return sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".jmx"))


class Run:
    def __init__(self, name, rc, out, err, reqs):
        self.name, self.rc, self.out, self.err, self.reqs = name, rc, out, err, reqs


def run_ours(name, server, work):
    binary = os.environ.get("JMX2RUN") or os.path.join(ROOT, "jmx2run")
    cwd = os.path.join(work, "cwd")   # not the plan's folder: relative paths must resolve next to the plan
    os.makedirs(cwd, exist_ok=True)
    cmd = [binary, "-n", "-t", os.path.join(HERE, name + ".jmx"), "-l", os.path.join(work, name + ".jtl"),
           "-J", "port=%d" % server.port]
    for k, v in PROPS.get(name, {}).items():
        cmd += ["-J", "%s=%s" % (k, v)]
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        server.take()
        raise Failure("did not finish within 60 s")
    reqs = normalize(server.take(), server.port, work, name)
    return Run(name, p.returncode, p.stdout.decode("utf-8", "replace"),
               p.stderr.decode("utf-8", "replace"), reqs)


def run_jmeter(name, server, work):
    jmeter = os.environ.get("JMETER213") or os.path.join(ROOT, "..", "shared", "oracle", "jmeter213")
    need(os.access(jmeter, os.X_OK), "JMeter 2.13 launcher not found: " + jmeter)
    copy = os.path.join(work, "plans")   # the plan and its data, run by file name from its folder
    if not os.path.isdir(copy):
        shutil.copytree(HERE, copy)
    cmd = [jmeter, "-n", "-t", name + ".jmx", "-l", name + ".jtl", "-j", name + ".jmeter.log",
           "-Jjmeter.save.saveservice.print_field_names=true", "-Jport=%d" % server.port]
    for k, v in PROPS.get(name, {}).items():
        cmd.append("-J%s=%s" % (k, v))
    p = subprocess.run(cmd, cwd=copy, capture_output=True, timeout=300)
    reqs = normalize(server.take(), server.port, work, name)
    with open(os.path.join(copy, name + ".jmeter.log"), encoding="utf-8", errors="replace") as f:
        log = f.read()
    return Run(name, p.returncode, p.stdout.decode("utf-8", "replace"), log, reqs)


# ------------------------------------------------------------ the digest's values

EOF_ = "<EOF>"


def data_lines(name, encoding="utf-8"):
    with open(os.path.join(HERE, "data", name), encoding=encoding, newline="") as f:
        return f.read().splitlines()


def seq(reqs, *names):
    """Each request's values of names, as tuples, in order."""
    return [tuple(values(r).get(n) for n in names) for r in reqs]


def users_of(run, group_tag):
    return {u[1]: rs for u, rs in per_user(run.reqs).items() if u[0] == group_tag}


def expect_clean(run, rc=0):
    need(run.rc == rc, "exit status %d, expected %d\n%s" % (run.rc, rc, run.err))
    need("error" not in run.err, "unexpected diagnostics:\n" + run.err)
    need(all(r["path"] == "/echo" for r in run.reqs), "a request not to /echo")


def expect_one_pass(reqs, lines, what):
    """Every line used exactly once over reqs (a list of values), each user in file order."""
    need(sorted(reqs) == sorted(lines), "%s: %s, expected each of %s once" % (what, sorted(reqs), lines))


def in_file_order(users, lines, key, what):
    for t, rs in users.items():
        idx = [lines.index(key(r)) for r in rs]
        need(idx == sorted(idx), "%s user %s: lines out of file order: %s" % (what, t, [key(r) for r in rs]))


def exp_share_all(run):
    expect_clean(run)
    lines = [tuple(l.split(",")) for l in data_lines("users.csv")]
    need(len(run.reqs) == 2 * len(lines), "%d requests, expected %d (two per line)" % (len(run.reqs), 2 * len(lines)))
    users = per_user(run.reqs)
    need(set(u[0] for u in users) <= {"A", "B"} and all(u[1] in ("1", "2") for u in users), "users %s" % list(users))
    for step in ("1", "2"):
        expect_one_pass([v for r, v in zip(run.reqs, seq(run.reqs, "user", "pw")) if values(r)["step"] == step],
                        lines, "step %s" % step)
    for u, rs in users.items():
        # one line per iteration: both samplers of an iteration send it
        need([values(r)["step"] for r in rs] == ["1", "2"] * (len(rs) // 2), "user %s: steps %s" % (u, rs))
        pairs = seq(rs, "user", "pw")
        need(pairs[0::2] == pairs[1::2], "user %s: the line changed inside an iteration: %s" % (u, pairs))
        idx = [lines.index(p) for p in pairs[0::2]]
        need(idx == sorted(idx), "user %s: lines out of file order: %s" % (u, pairs[0::2]))


def exp_share_group(run):
    expect_clean(run)
    lines = data_lines("colors.csv")
    need(len(run.reqs) == 2 * len(lines), "%d requests, expected %d" % (len(run.reqs), 2 * len(lines)))
    for g, threads in (("A", {"1", "2"}), ("B", {"1", "2", "3"})):
        users = users_of(run, g)
        need(set(users) <= threads, "group %s: users %s" % (g, sorted(users)))
        expect_one_pass([values(r)["color"] for rs in users.values() for r in rs], lines, "group " + g)
        in_file_order(users, lines, lambda r: values(r)["color"], "group " + g)


def exp_share_thread(run):
    expect_clean(run)
    words = data_lines("three.csv") + [EOF_]
    users = users_of(run, "T")
    need(sorted(users) == ["1", "2", "3"], "users %s" % sorted(users))
    for t, rs in users.items():
        need(seq(rs, "word") == [(w,) for w in words], "user %s: %s" % (t, seq(rs, "word")))


def exp_share_id(run):
    expect_clean(run)
    lines = data_lines("lines10.csv")
    s, s2 = users_of(run, "S"), users_of(run, "S2")
    need(list(s) == ["1"] and list(s2) == ["1"], "users %s" % list(per_user(run.reqs)))
    got = seq(s["1"], "first", "second", "own")
    need(len(got) == 3, "group S: %d requests" % len(got))
    for k, (first, second, own) in enumerate(got):
        # 'first' and 'second' share one read position (which of them reads first is the
        # order of JMeter's iteration listeners, compared with the oracle); 'solo' has its own
        need(sorted([first, second]) == lines[2 * k:2 * k + 2], "iteration %d: first/second %s" % (k + 1, got[k]))
        need(own == lines[k], "iteration %d: own %s, expected %s" % (k + 1, own, lines[k]))
    # the next group's 'pairs' element continues where they stopped; shareMode.all starts over
    need(seq(s2["1"], "third", "everyone") == [(lines[6], lines[0])], "group S2: %s" % seq(s2["1"], "third", "everyone"))


def exp_eof(run):
    expect_clean(run)
    words = data_lines("three.csv")
    keep = users_of(run, "keep")["1"]
    need(seq(keep, "word") == [(w,) for w in words + [EOF_, EOF_]], "keep: %s" % seq(keep, "word"))
    stop = users_of(run, "stop")["1"]
    want = [x for w in words for x in ((None, w), ("1", w))]
    need(seq(stop, "second", "word") == want, "stopThread: %s, expected %s" % (seq(stop, "second", "word"), want))
    rec = users_of(run, "recycle")["1"]
    need(seq(rec, "word") == [(w,) for w in (words * 3)[:7]], "recycle: %s" % seq(rec, "word"))
    blank = users_of(run, "blank")["1"]
    need(seq(blank, "x") == [("x1",), (EOF_,), ("x3",), (EOF_,)], "empty line: %s" % seq(blank, "x"))


def exp_quoted(run):
    expect_clean(run)
    need(all(r["method"] == "POST" and r["query"] == "" for r in run.reqs), "not form POSTs")
    want = [("Smith, John", 'He said "hi"', "line one\nline two"),
            ("plain", "", 'ends with "q"'),
            ("tab\there", "café", "crlf\r\ninside"),
            (EOF_, EOF_, EOF_)]
    got = [tuple(v for k, v in body_pairs(r) if k in ("name", "quote", "note")) for r in run.reqs]
    need(got == want, "values %r, expected %r" % (got, want))


def exp_header_tab(run):
    expect_clean(run)
    rows = [tuple(l.split("\t")) for l in data_lines("people.tsv")]
    need(rows[0] == ("name", "city", "zip"), "people.tsv header")
    got = seq(run.reqs, "name", "city", "zip")
    need(got == rows[1:] + rows[1:2], "values %r, expected %r" % (got, rows[1:] + rows[1:2]))


def exp_ignore_first(run):
    # JMeter 3.1+ (digest §6.7); 2.13 has no ignoreFirstLine and would send id,label first
    expect_clean(run)
    got = seq(run.reqs, "id", "label")
    want = [("1", "first"), ("2", "second")] * 2 + [("1", "first")]
    need(got == want, "values %r, expected %r" % (got, want))


def exp_encoding(run):
    expect_clean(run)
    utf8 = [tuple(l.split(",")) for l in data_lines("utf8.csv")]
    latin1 = [tuple(l.split(",")) for l in data_lines("latin1.csv", "iso-8859-1")]
    got = seq(run.reqs, "first", "city", "word", "l1", "l2")
    want = [utf8[i] + latin1[i] for i in range(2)]
    need(got == want, "values %r, expected %r" % (got, want))
    need("l1=caf%C3%A9&l2=na%C3%AFve" in run.reqs[0]["query"], "ISO-8859-1 values not re-encoded in UTF-8: "
         + run.reqs[0]["query"])


def exp_loop(run):
    expect_clean(run)
    inner, outer = data_lines("lines10.csv"), data_lines("colors.csv")
    want = []
    for it in range(2):
        for p in range(3):
            want += [("a", outer[it], inner[3 * it + p]), ("b", outer[it], inner[3 * it + p])]
        want.append(("after", outer[it], inner[3 * it + 2]))
    got = seq(run.reqs, "s", "outer", "inner")
    need(got == want, "values %r, expected %r" % (got, want))


def exp_functions(run):
    expect_clean(run)
    rows = [l.split(",") for l in data_lines("fn.csv")]
    lines = data_lines("lines.txt")
    want = [(rows[i % 3][0], rows[i % 3][1], lines[i % 3]) for i in range(4)]
    got = seq(run.reqs, "c0", "c1", "line")
    need(got == want, "values %r, expected %r" % (got, want))


def plan_line(name, testname):
    with open(os.path.join(HERE, name + ".jmx"), encoding="utf-8") as f:
        for n, l in enumerate(f, 1):
            if "<CSVDataSet " in l and 'testname="%s"' % testname in l:
                return n
    raise Failure("no CSV Data Set %r in %s.jmx" % (testname, name))


def exp_missing(run):
    # JMeter 5.6: "File ... must exist and be readable" ends each thread of that group at
    # its first iteration ("Test failed!"); the other group runs; the exit status is 0
    need(run.rc == 0, "exit status %d\n%s" % (run.rc, run.err))
    need(seq(run.reqs, "g", "x") == [("OK", "1")] * 2, "requests %s" % [show(r) for r in run.reqs])
    errors = [l for l in run.err.splitlines() if "error" in l]
    where = "%s:%d: error: " % (os.path.join(HERE, "missing.jmx"), plan_line("missing", "missing"))
    path = os.path.join(HERE, "data", "does-not-exist.csv")
    need(len(errors) == 1 and errors[0].startswith(where) and ("'%s'" % path) in errors[0]
         and "No such file or directory" in errors[0],
         "expected one error '%s... '%s' ...', got:\n%s" % (where, path, run.err))


def exp_unclosed(run):
    # the never-closed quote is an IOException in JMeter's parser: that iteration, and
    # every one after it (the parser read to the end of the file), sees <EOF>; no crash
    need(run.rc == 0, "exit status %d\n%s" % (run.rc, run.err))
    got = seq(run.reqs, "a", "b")
    need(got == [("ok1", "ok2")] + [(EOF_, EOF_)] * 3, "values %r" % got)
    errors = [l for l in run.err.splitlines() if "error" in l]
    where = "%s:%d: error: " % (os.path.join(HERE, "unclosed.jmx"), plan_line("unclosed", "unclosed"))
    need(len(errors) == 1 and errors[0].startswith(where)
         and "data/unclosed.csv': Missing trailing quote-char in quoted field:"
             "[\"never closed,zz\\nmore,stuff\\n]" in errors[0],
         "expected one error at %s, got:\n%s" % (where, run.err))


EXPECT = {
    "share_all": exp_share_all, "share_group": exp_share_group, "share_thread": exp_share_thread,
    "share_id": exp_share_id, "eof": exp_eof, "quoted": exp_quoted, "header_tab": exp_header_tab,
    "ignore_first": exp_ignore_first, "encoding": exp_encoding, "loop": exp_loop,
    "functions": exp_functions, "missing": exp_missing, "unclosed": exp_unclosed,
}


# ------------------------------------------------------------------ the oracle

def without_group(tag, why):
    """2.13 -> 5.6: the requests of group tag are not sent by 5.6 (why)."""
    def rule(reqs):
        dropped = [r for r in reqs if values(r).get("g") == tag]
        need(dropped, "the oracle has no request of group %s: rule %r no longer applies" % (tag, why))
        return [r for r in reqs if values(r).get("g") != tag]
    rule.__doc__ = why
    return rule


# Plans compared with JMeter 2.13's requests: how (users: each user's exact sequence;
# shared: the same requests over all users, ignoring the query parameters named, because
# which user gets which line depends on timing), and the 2.13 -> 5.6 rule applied first.
# Not compared: ignore_first (2.13 has no ignoreFirstLine: it reads line 1 as data).
ORACLE = {
    "share_all": ("shared", ("g", "t"), None),
    "share_group": ("shared", ("t",), None),
    "share_thread": ("users", (), None),
    "share_id": ("users", (), None),
    "eof": ("users", (), None),
    "quoted": ("users", (), None),
    "header_tab": ("users", (), None),
    "encoding": ("users", (), None),
    "loop": ("users", (), None),
    "functions": ("users", (), None),
    "unclosed": ("users", (), None),
    "missing": ("users", (), without_group(
        "M", "2.13 gives <EOF> for a missing file; 5.6 ends the threads (the file must exist and be readable)")),
}


def load_oracle(name):
    with open(os.path.join(ORACLE_DIR, name + ".requests.jsonl"), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def oracle_headers(r):
    """2.13's headers as 5.6 sends them (digest §5.3): compare_requests.py's rule for an empty
    POST/DELETE body, and a form body's Content-Type gets the charset (UTF-8 here)."""
    headers = compare_requests.jmeter56_headers(r)
    if r["method"] == "POST" and r["body"]:
        headers = sorted((n, v + "; charset=UTF-8" if n == "content-type" and v == "application/x-www-form-urlencoded"
                          else v) for n, v in headers)
    return headers


def key_without(r, drop):
    q = "&".join(p for p in r["query"].split("&") if p.split("=", 1)[0] not in drop)
    b = "&".join(p for p in r["body"].split("&") if p.split("=", 1)[0] not in drop) if r["method"] == "POST" else r["body"]
    return (r["method"], r["path"], q, b)


def compare_oracle(name, run):
    mode, drop, rule = ORACLE[name]
    theirs = load_oracle(name)
    if rule:
        theirs = rule(theirs)
    ours = run.reqs
    problems = []
    if len(ours) != len(theirs):
        problems.append("%d requests, JMeter sent %d" % (len(ours), len(theirs)))
    pairs = []
    if mode == "users":
        a, b = per_user(ours), per_user(theirs)
        if sorted(a) != sorted(b):
            problems.append("users %s, JMeter's %s" % (sorted(a), sorted(b)))
        for u in sorted(set(a) & set(b)):
            wa, wb = [wire(r) for r in a[u]], [wire(r) for r in b[u]]
            if wa != wb:
                problems.append("user %s:\n    ours   %s\n    jmeter %s" % (
                    u, "\n           ".join(map(str, wa)), "\n           ".join(map(str, wb))))
            pairs += zip(a[u], b[u])
    else:
        ka = collections.Counter(key_without(r, drop) for r in ours)
        kb = collections.Counter(key_without(r, drop) for r in theirs)
        if ka != kb:
            problems.append("requests (without %s) differ:\n    only ours   %s\n    only jmeter %s" % (
                ", ".join(drop), sorted((ka - kb).elements()), sorted((kb - ka).elements())))
        by_key = {key_without(r, drop): r for r in theirs}
        pairs += [(r, by_key[key_without(r, drop)]) for r in ours if key_without(r, drop) in by_key]
    for mine, jm in pairs:
        if compare_requests.normalized_headers(mine) != oracle_headers(jm):
            problems.append("%s headers differ:\n    ours   %s\n    jmeter %s" % (
                show(mine), compare_requests.normalized_headers(mine), oracle_headers(jm)))
            break
    need(not problems, "differs from JMeter 2.13 (tests/data/oracle/csv/%s.requests.jsonl):\n  %s"
         % (name, "\n  ".join(problems)))
    return len(pairs)


def check(names, server, work):
    failed = 0
    for name in names:
        try:
            run = run_ours(name, server, work)
            if VERBOSE:
                for r in run.reqs:
                    print("  %s: %s" % (name, show(r)))
            EXPECT[name](run)
            note = "digest"
            if name in ORACLE:
                n = compare_oracle(name, run)
                note += ", %d requests as JMeter 2.13's" % n
            print("ok   %s (%d requests; %s)" % (name, len(run.reqs), note))
        except Failure as e:
            failed += 1
            print("FAIL %s: %s" % (name, e), file=sys.stderr)
    return 1 if failed else 0


# --------------------------------------------------------------------------- main

def record(names, server, work):
    os.makedirs(ORACLE_DIR, exist_ok=True)
    for name in names:
        run = run_jmeter(name, server, work)
        path = os.path.join(ORACLE_DIR, name + ".requests.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for r in run.reqs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        # JMeter's own words about the CSV files (errors with their continuation lines,
        # stopped threads), for the README
        notes, keep = [], False
        for l in run.err.replace(os.path.join(work, "plans"), "<plans>").splitlines():
            if l[:2] == "20" and l[4:5] == "/":   # a new log entry
                keep = " ERROR " in l or " WARN " in l or "Stop Thread" in l
            if keep:
                notes.append(l)
        notes_path = os.path.join(ORACLE_DIR, name + ".jmeter-log.txt")
        if notes:
            with open(notes_path, "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in notes))
        elif os.path.exists(notes_path):
            os.remove(notes_path)
        print("record: %s: %d requests, exit %d" % (name, len(run.reqs), run.rc))


def dump(names, server, work):
    for name in names:
        run = run_ours(name, server, work)
        print("== %s: exit %d" % (name, run.rc))
        for l in run.err.splitlines():
            print("   stderr: " + l)
        for user, reqs in per_user(run.reqs).items():
            for r in reqs:
                print("   %s %s" % (user, show(r)))


def main(argv):
    global VERBOSE
    mode = "check"
    if argv and argv[0] in ("record", "dump"):
        mode = argv.pop(0)
    if argv and argv[0] == "-v":
        VERBOSE = True
        argv.pop(0)
    names = argv or plan_names()
    work = tempfile.mkdtemp(prefix="test_csv_data.")
    server = None
    try:
        server = Server(work)
        if mode == "record":
            record([n for n in names if n in ORACLE], server, work)
            return 0
        if mode == "dump":
            dump(names, server, work)
            return 0
        return check(names, server, work)
    except Failure as e:
        print("test_csv_data: FAIL: %s" % e, file=sys.stderr)
        return 1
    finally:
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
