#!/usr/bin/env python3
"""check.py - runs jmx2run on the controller plans of this directory and compares each
user's walk (the sequence of label / responseCode / responseMessage / success) with what
the real JMeter 2.13 recorded in <plan>.213.jtl, after the documented 2.13 -> 5.6
differences of plans.py.

usage: check.py [-v] [plan ...]                      compare (default: every plan; -v: show
                                                     every plan and the known differences)
       check.py record [plan ...]                    re-record with JMeter 2.13 (see README)
environment: JMX2RUN (the binary, default ../../../jmx2run), JMETER213 (for record)
"""
import csv
import difflib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import plans  # noqa: E402

COLUMNS = ["timeStamp", "elapsed", "threadName", "label", "responseCode", "responseMessage", "success"]
KEY = ("label", "responseCode", "responseMessage", "success")


def read_jtl(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [{c: r.get(c, "") or "" for c in COLUMNS} for r in csv.DictReader(f)]


def write_reduced(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in COLUMNS})


def props_args(props):
    return ["-J%s=%s" % kv for kv in sorted(props.items())]


def by_thread(rows):
    threads = {}
    for r in rows:
        threads.setdefault(r["threadName"], []).append(r)
    return threads


def fmt(r):
    return "%-28s %-4s %-5s %s" % (r["label"], r["responseCode"], r["success"], r["responseMessage"])


def compare(name, sp, expected, actual, verbose):
    problems = []
    exp_t, act_t = by_thread(expected), by_thread(actual)
    if sorted(exp_t) != sorted(act_t):
        problems.append("threads differ: expected %s, got %s" % (sorted(exp_t), sorted(act_t)))
    for thread in sorted(set(exp_t) & set(act_t)):
        e, a = exp_t[thread], act_t[thread]
        if sp.norm:
            e, a = sp.norm(e), sp.norm(a)
        ek = [tuple(r[k] for k in KEY) for r in e]
        ak = [tuple(r[k] for k in KEY) for r in a]
        if ek != ak:
            diff = difflib.unified_diff([fmt(r) for r in e], [fmt(r) for r in a],
                                        "JMeter (%s)" % thread, "jmx2run (%s)" % thread, lineterm="", n=2)
            problems.append("walk of %s differs:\n    %s" % (thread, "\n    ".join(diff)))
    for check in sp.checks:
        for p in check(actual):
            problems.append("%s: %s" % (check.__name__, p))
        for p in check(expected):
            problems.append("%s (on the JMeter record!): %s" % (check.__name__, p))
    return problems


def run_jmx2run(name, sp, tmp):
    binary = os.environ.get("JMX2RUN") or os.path.join(HERE, "..", "..", "..", "jmx2run")
    out = os.path.join(tmp, name + ".jtl")
    cmd = [binary, "-n", "-t", os.path.join(HERE, name + ".jmx"), "-l", out, "--quiet"] + props_args(sp.props)
    proc = subprocess.run(cmd, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    if proc.returncode not in (0, 1) or not os.path.exists(out):
        return None, "jmx2run exited with %d:\n%s" % (proc.returncode, proc.stdout.decode(errors="replace"))
    return read_jtl(out), None


def check(names, verbose):
    failed = known = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            sp = plans.PLANS[name]
            expected = read_jtl(os.path.join(HERE, name + ".213.jtl"))
            for adjust in sp.diffs56:
                expected = adjust(expected)
            actual, err = run_jmx2run(name, sp, tmp)
            problems = [err] if err else compare(name, sp, expected, actual, verbose)
            if problems and sp.known:
                known += 1
                print("KNOWN %s: differs for a reason outside the controllers:" % name)
                for k in sp.known:
                    print("  - " + k)
                for p in problems if verbose else ():
                    print("  " + p)
            elif problems:
                failed += 1
                print("FAIL %s" % name)
                for p in problems:
                    print("  " + p)
            elif sp.known:
                failed += 1
                print("XPASS %s: matches now; remove its 'known' entry in plans.py" % name)
            elif verbose:
                notes = " (5.6 differences applied: %s)" % ", ".join(a.__name__ for a in sp.diffs56) \
                    if sp.diffs56 else ""
                print("ok   %s%s" % (name, notes))
    return failed, known


def record(names):
    jmeter = os.environ.get("JMETER213", "/work/shared/oracle/jmeter213")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            sp = plans.PLANS[name]
            out = os.path.join(tmp, name + ".jtl")
            cmd = [jmeter, "-n", "-t", os.path.join(HERE, name + ".jmx"), "-l", out,
                   "-j", os.path.join(tmp, name + ".log"),
                   "-Jjmeter.save.saveservice.print_field_names=true",
                   "-Jjmeter.save.saveservice.thread_name=true"] + props_args(sp.props)
            subprocess.run(cmd, cwd=HERE, stdout=subprocess.DEVNULL, check=True, timeout=300)
            rows = read_jtl(out)
            write_reduced(rows, os.path.join(HERE, name + ".213.jtl"))
            print("recorded %s: %d rows" % (name, len(rows)))


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    if argv and argv[0] == "record":
        record(argv[1:] or list(plans.PLANS))
        return 0
    names = argv or list(plans.PLANS)
    unknown = [n for n in names if n not in plans.PLANS]
    if unknown:
        print("unknown plan(s): %s" % ", ".join(unknown))
        return 2
    failed, known = check(names, verbose)
    print("%d controller plans: %d walk as JMeter does, %d differ, %d differ for known reasons "
          "outside the controllers" % (len(names), len(names) - failed - known, failed, known))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
