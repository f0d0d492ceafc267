#!/usr/bin/env python3
"""compare_requests.py - compares what tools/demo-server received from jmx2run with
what it received from the real JMeter (tests/data/oracle/*.requests.jsonl).

Both logs are normalized the same way (tests/data/oracle/normalize-log). For every
kind of request (method and path, ids replaced) the set of headers and the body must
be the same; header order is not compared (libcurl sends Host and Cookie first).
The only allowed differences are the documented JMeter 2.13 -> 5.6 changes:
an empty POST body is sent with "; charset=UTF-8" on its Content-Type, and an empty
DELETE body gets the same headers as the POST. Also checks the per-user sequence.

usage: compare_requests.py OURS.jsonl ORACLE.jsonl
"""
import json
import re
import sys

PLACEHOLDER = re.compile(r"<[a-z-]+-\d+>")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def kind(request):
    return (request["method"], PLACEHOLDER.sub("<id>", request["path"]))


def normalized_headers(request):
    return sorted((name.lower(), PLACEHOLDER.sub("<id>", value)) for name, value in request["headers"])


def jmeter56_headers(request):
    """The oracle (2.13) request as JMeter 5.6 would send it (digest §5.3)."""
    headers = normalized_headers(request)
    if request["method"] in ("POST", "DELETE") and request["body"] == "":
        headers = [h for h in headers if h[0] != "content-type"]
        headers.append(("content-type", "application/x-www-form-urlencoded; charset=UTF-8"))
    return sorted(headers)


def user_sequences(log):
    """Requests grouped per user: the session cookie they carry (the first request of a
    user carries none and starts a new sequence on its connection)."""
    by_session, pending = {}, {}
    for r in log:
        m = re.search(r"shop_session=(<session-\d+>)", r.get("cookie") or "")
        if m:
            seq = by_session.setdefault(m.group(1), [])
            port = r.get("client_port")
            if port in pending:
                seq.extend(pending.pop(port))
            seq.append(kind(r))
        else:
            pending.setdefault(r.get("client_port"), []).append(kind(r))
    return by_session


def main():
    ours, oracle = load(sys.argv[1]), load(sys.argv[2])
    problems = []
    if len(ours) != len(oracle):
        problems.append("%d requests, JMeter sent %d" % (len(ours), len(oracle)))
    expected = {}
    for r in oracle:
        k = kind(r) + (bool(r.get("cookie")),)
        expected.setdefault(k, (jmeter56_headers(r), PLACEHOLDER.sub("<id>", r["body"])))
    for r in ours:
        k = kind(r) + (bool(r.get("cookie")),)
        if k not in expected:
            problems.append("unexpected request %s %s (cookie: %s)" % k)
            continue
        headers, body = expected[k]
        if normalized_headers(r) != headers:
            problems.append("%s %s headers differ:\n  ours   %s\n  jmeter %s" % (k[0], k[1], normalized_headers(r), headers))
        if PLACEHOLDER.sub("<id>", r["body"]) != body:
            problems.append("%s %s body differs: %r vs %r" % (k[0], k[1], r["body"][:80], body[:80]))
    ours_seq = sorted(user_sequences(ours).values())
    oracle_seq = sorted(user_sequences(oracle).values())
    if ours_seq != oracle_seq:
        problems.append("per-user sequences differ:\n  ours   %s\n  jmeter %s" % (ours_seq, oracle_seq))
    for p in problems:
        print("compare_requests: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
