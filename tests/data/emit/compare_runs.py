#!/usr/bin/env python3
"""compare_runs.py - compares what tools/demo-server received from an emitted
locustfile with what it received from jmx2run's native run of the same plan,
and (optionally) the samples both recorded.

usage: compare_runs.py [options] LOCUST_SERVER_LOG RUNNER_SERVER_LOG
  --samples LOCUST_SAMPLES RUNNER_JTL   also compare each user's samples: label,
                                        verdict and failure message, in order
  --mask REGEX::TEXT                    replace REGEX by TEXT everywhere first
                                        (random values, ports); repeatable
  --loose                               per user, compare the requests as a
                                        multiset, not a sequence (random order)
  --count-only                          per user, compare only how many requests
                                        of each kind were sent (time-driven plans)
  --samples-only                        compare the samples only (the requests are
                                        compared by another tool)
  --skip-user REGEX                     leave out the users (X-User) and threads
                                        that match (time-driven groups)

Requests are cut into users by their X-User header (every plan of
tests/data/emit sends "X-User: <group>-<thread>"). For each request the method,
the target, the body, the cookie and every header are compared, with the
documented differences allowed:
  * User-Agent: the HTTP library's default (python-requests/..., Apache-HttpClient/...)
    is not compared; a User-Agent the plan sets is;
  * Host: the port of each run's server is replaced by <port>;
  * header order is not compared;
  * "Content-Length: 0" that python-requests adds to OPTIONS and TRACE requests;
  * %7E in a target, which python-requests turns into "~" (the same character);
  * the order of the cookies in the Cookie header;
  * a Digest Authorization header: only its user name (each library writes the
    same answer with its own parameter order and client nonce);
  * the Content-Length of a multipart body (its boundary is random: mask it).
"""
import json
import re
import sys
from collections import Counter

LIBRARY_AGENT = re.compile(r"^(python-requests/|Apache-HttpClient/|python/gevent-http-client)")


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def masked(text, masks):
    for pattern, repl in masks:
        text = pattern.sub(repl, text)
    return text


def normalize(request, masks):
    headers = []
    user = ""
    multipart = any(n.lower() == "content-type" and v.startswith("multipart/")
                    for n, v in request["headers"])
    for name, value in request["headers"]:
        lname = name.lower()
        if lname == "content-length" and multipart:
            continue
        if lname == "x-user":
            user = value
        if lname == "user-agent" and LIBRARY_AGENT.match(value):
            continue
        if lname == "host":
            value = re.sub(r":\d+$", ":<port>", value)
        if lname == "cookie":
            value = "; ".join(sorted(value.split("; ")))
        if lname == "authorization" and value.startswith("Digest "):
            value = "Digest " + (re.findall(r'username="[^"]*"', value) or [""])[0]
        if lname == "content-length" and value == "0" and request["method"] in ("OPTIONS", "TRACE"):
            continue
        headers.append((lname, masked(value, masks)))
    body = request["body"]
    target = request["target"].replace("%7E", "~").replace("%7e", "~")
    cookie = "; ".join(sorted((request.get("cookie") or "").split("; ")))
    return user, (request["method"], masked(target, masks), masked(body, masks),
                  tuple(sorted(headers)), masked(cookie, masks))


SKIP = []
SAMPLES_ONLY = []


def skipped(user):
    return any(p.search(user) for p in SKIP)


def per_user(log, masks):
    users = {}
    for r in log:
        user, item = normalize(r, masks)
        if not skipped(user):
            users.setdefault(user, []).append(item)
    return users


def describe(item):
    method, target, body, headers, cookie = item
    return "%s %s body=%r cookie=%r headers=%s" % (method, target, body[:120], cookie, list(headers))


def compare_requests(ours, theirs, masks, loose, count_only, problems):
    a, b = per_user(ours, masks), per_user(theirs, masks)
    if sorted(a) != sorted(b):
        problems.append("users differ: locust %s, jmx2run %s" % (sorted(a), sorted(b)))
    for user in sorted(set(a) & set(b)):
        x, y = a[user], b[user]
        if count_only:
            cx = Counter((i[0], i[1]) for i in x)
            cy = Counter((i[0], i[1]) for i in y)
            if cx != cy:
                problems.append("%s: request counts differ:\n  locust  %s\n  jmx2run %s" % (user, dict(cx), dict(cy)))
            continue
        if loose:
            if Counter(x) != Counter(y):
                extra = list((Counter(x) - Counter(y)).elements())[:3]
                missing = list((Counter(y) - Counter(x)).elements())[:3]
                problems.append("%s: requests differ (as a set):\n  only locust  %s\n  only jmx2run %s" % (
                    user, [describe(i) for i in extra], [describe(i) for i in missing]))
            continue
        for k in range(max(len(x), len(y))):
            if k >= len(x) or k >= len(y) or x[k] != y[k]:
                problems.append("%s: request %d differs (%d vs %d requests):\n  locust  %s\n  jmx2run %s" % (
                    user, k + 1, len(x), len(y), describe(x[k]) if k < len(x) else "(none)",
                    describe(y[k]) if k < len(y) else "(none)"))
                break


def jtl_samples(path):
    import csv
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    users = {}
    last_main = None
    for row in rows:
        label = row["label"]
        if last_main and re.fullmatch(re.escape(last_main) + r"-\d+", label):
            continue   # a sub-result row (redirect hop, embedded resource)
        last_main = label
        if skipped(row["threadName"]):
            continue
        users.setdefault(row["threadName"], []).append(
            (label, row["success"] == "true", row.get("failureMessage") or ""))
    return users


def locust_samples(path):
    users = {}
    for r in load_jsonl(path):
        if re.search(r"-\d+$", r["label"]) and r["type"] == "GET" and r.get("embedded"):
            continue
        if skipped(r["thread"]):
            continue
        users.setdefault(r["thread"], []).append((r["label"], r["success"], r["message"]))
    return users


def compare_samples(ours_path, jtl_path, masks, loose, count_only, problems):
    a, b = locust_samples(ours_path), jtl_samples(jtl_path)
    if sorted(a) != sorted(b):
        problems.append("sample threads differ: locust %s, jmx2run %s" % (sorted(a), sorted(b)))
    for user in sorted(set(a) & set(b)):
        x = [(masked(l, masks), ok, masked(m, masks)) for l, ok, m in a[user]]
        y = [(masked(l, masks), ok, masked(m, masks)) for l, ok, m in b[user]]
        if count_only:
            x, y = sorted(Counter(l for l, _, _ in x).items()), sorted(Counter(l for l, _, _ in y).items())
        elif loose:
            x, y = sorted(x), sorted(y)
        if x != y:
            for k in range(max(len(x), len(y))):
                if k >= len(x) or k >= len(y) or x[k] != y[k]:
                    problems.append("%s: sample %d differs:\n  locust  %s\n  jmx2run %s" % (
                        user, k + 1, x[k] if k < len(x) else "(none)", y[k] if k < len(y) else "(none)"))
                    break


def main(argv):
    masks, samples, loose, count_only, files = [], None, False, False, []
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg == "--mask":
            pattern, _, repl = argv[i + 1].partition("::")
            masks.append((re.compile(pattern), repl))
            i += 2
        elif arg == "--samples":
            samples = (argv[i + 1], argv[i + 2])
            i += 3
        elif arg == "--samples-only":
            SAMPLES_ONLY.append(True)
            i += 1
        elif arg == "--skip-user":
            SKIP.append(re.compile(argv[i + 1]))
            i += 2
        elif arg == "--loose":
            loose = True
            i += 1
        elif arg == "--count-only":
            count_only = True
            i += 1
        else:
            files.append(arg)
            i += 1
    if len(files) != 2:
        sys.stderr.write(__doc__)
        return 2
    problems = []
    if not SAMPLES_ONLY:
        compare_requests(load_jsonl(files[0]), load_jsonl(files[1]), masks, loose, count_only,
                         problems)
    if samples:
        compare_samples(samples[0], samples[1], masks, loose, count_only, problems)
    for p in problems:
        print("compare_runs: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
