#!/usr/bin/env python3
"""compare_jtl.py - checks the JTL an emitted locustfile wrote (locust ... --jtl)
against the JTL of jmx2run's native run of the same plan.

usage: compare_jtl.py [options] LOCUST_JTL NATIVE_JTL
  --bytes LABEL     the bytes column of LABEL's lines must be equal too (a
                    response that does not depend on the client); repeatable
  --mask REGEX::TEXT  replace REGEX by TEXT in the text columns first; repeatable

Checked:
  * both files start with JMeter 5.6's default CSV header line;
  * every line of LOCUST_JTL has the 17 columns, whole numbers where JMeter
    writes numbers, true/false in success, Latency and Connect within elapsed,
    1 <= grpThreads <= allThreads, URL "null" for transactions;
  * label by label: the number of lines, of failed ones, and the multisets of
    responseCode, responseMessage, failureMessage, dataType, URL (masked);
  * thread by thread: the sequence of (label, responseCode, success,
    failureMessage), which also puts sub-results after their sample.
Times, sentBytes (each HTTP library sends its own headers) and the bytes of
responses that echo the request are not compared.
"""
import csv
import io
import re
import sys
from collections import Counter, defaultdict

HEADER = ("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
          "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect")
COLUMNS = HEADER.split(",")
NUMBERS = ("timeStamp", "elapsed", "bytes", "sentBytes", "grpThreads", "allThreads", "Latency",
           "IdleTime", "Connect")
TX_PREFIX = "Number of samples in transaction : "


def load(path, problems):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    if first != HEADER:
        problems.append("%s: header line is %r, not JMeter's %r" % (path, first, HEADER))
    rows = []
    reader = csv.reader(io.StringIO(text.partition("\n")[2], newline=""))
    for fields in reader:
        n = reader.line_num + 1
        if len(fields) != len(COLUMNS):
            problems.append("%s: line %d has %d columns: %r" % (path, n, len(fields), fields))
            continue
        rows.append(dict(zip(COLUMNS, fields), line=n))
    return rows


def check_lines(path, rows, problems):
    for r in rows:
        where = "%s:%d (%s)" % (path, r["line"], r["label"])
        bad = [c for c in NUMBERS if not re.fullmatch(r"-?\d+", r[c])]
        if bad:
            problems.append("%s: not whole numbers: %s" % (where, ", ".join(bad)))
            continue
        if r["success"] not in ("true", "false"):
            problems.append("%s: success is %r" % (where, r["success"]))
        elapsed = int(r["elapsed"])
        if not 0 <= int(r["Latency"]) <= elapsed or not 0 <= int(r["Connect"]) <= elapsed:
            problems.append("%s: Latency %s / Connect %s not within elapsed %d"
                            % (where, r["Latency"], r["Connect"], elapsed))
        if int(r["IdleTime"]) < 0 or int(r["bytes"]) < 0 or int(r["sentBytes"]) < 0:
            problems.append("%s: negative IdleTime, bytes or sentBytes" % where)
        if r["threadName"] and not 1 <= int(r["grpThreads"]) <= int(r["allThreads"]):
            problems.append("%s: grpThreads %s, allThreads %s" % (where, r["grpThreads"],
                                                                  r["allThreads"]))
        if r["responseMessage"].startswith(TX_PREFIX) and r["URL"] != "null":
            problems.append("%s: a transaction's URL is %r, not null" % (where, r["URL"]))
        if re.fullmatch(r"\d{3}", r["responseCode"]) and r["URL"] != "null":
            if int(r["bytes"]) == 0 or int(r["sentBytes"]) == 0:
                problems.append("%s: an HTTP response with bytes %s, sentBytes %s"
                                % (where, r["bytes"], r["sentBytes"]))


def masked(text, masks):
    for pattern, repl in masks:
        text = pattern.sub(repl, text)
    return text


def by_label(rows, masks):
    out = defaultdict(lambda: defaultdict(Counter))
    for r in rows:
        d = out[r["label"]]
        d["count"][""] += 1
        d["failed"][""] += r["success"] == "false"
        for c in ("responseCode", "responseMessage", "failureMessage", "dataType", "URL"):
            d[c][masked(r[c], masks)] += 1
    return out


def by_thread(rows):
    out = defaultdict(list)
    for r in rows:
        out[r["threadName"]].append((r["label"], r["responseCode"], r["success"],
                                     r["failureMessage"]))
    return out


def main(argv):
    bytes_labels, masks, files = [], [(re.compile(r":\d{2,5}\b"), ":<port>")], []
    it = iter(argv)
    for a in it:
        if a == "--bytes":
            bytes_labels.append(next(it))
        elif a == "--mask":
            pattern, _, repl = next(it).partition("::")
            masks.append((re.compile(pattern), repl))
        else:
            files.append(a)
    if len(files) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    locust, native = load(files[0], problems), load(files[1], problems)
    check_lines(files[0], locust, problems)
    if not locust:
        problems.append("%s: no samples" % files[0])
    lab_l, lab_n = by_label(locust, masks), by_label(native, masks)
    for label in sorted(set(lab_l) | set(lab_n)):
        for what in ("count", "failed", "responseCode", "responseMessage", "failureMessage",
                     "dataType", "URL"):
            a, b = lab_l[label][what], lab_n[label][what]
            if a != b:
                problems.append("label %r, %s: Locust %s, native %s"
                                % (label, what, dict(a), dict(b)))
    for label in bytes_labels:
        a = Counter(r["bytes"] for r in locust if r["label"] == label)
        b = Counter(r["bytes"] for r in native if r["label"] == label)
        if a != b or not a:
            problems.append("label %r, bytes: Locust %s, native %s" % (label, dict(a), dict(b)))
    th_l, th_n = by_thread(locust), by_thread(native)
    for thread in sorted(set(th_l) | set(th_n)):
        if th_l[thread] != th_n[thread]:
            problems.append("thread %r: Locust's samples\n    %s\n  native\n    %s" % (
                thread, "\n    ".join(map(repr, th_l[thread])),
                "\n    ".join(map(repr, th_n[thread]))))
    for p in problems:
        print("compare_jtl: " + p, file=sys.stderr)
    if not problems:
        print("compare_jtl: %d lines, %d labels, %d threads agree"
              % (len(locust), len(lab_l), len(th_l)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
