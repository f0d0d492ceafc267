#!/usr/bin/env python3
"""wire.py - the HTTP wire test's two halves.

    wire.py expect ORACLE_LOG PORT ORACLE_JTL > http-wire.expected.jsonl
        From what the demo server received from the real JMeter 2.13 running
        http-wire.jmx, what JMeter 5.6 sends: the documented 2.13 -> 5.6 changes
        (jmeter-semantics.md 5.1-5.3, listed in CHANGES below with the labels they
        touch) are applied, the rest is kept byte for byte.
    wire.py compare OURS_LOG PORT EXPECTED OURS_JTL
        What jmx2run sent for the same plan against EXPECTED, request by request in
        order: method, target, the set of headers (order aside: libcurl sends Host
        first) and the body. Exit status 1 with a list of differences.

Both logs are demo-server --log files; one user, one iteration, so arrival order is
the plan's order. Multipart boundaries are random: they become <boundary>, and the
Content-Length of a multipart body is checked against the body actually received.
The User-Agent is HttpClient's (jmx2run sends the same string as JMeter)."""
import base64
import json
import re
import sys

# label -> what JMeter 5.6 does differently from 2.13 for that request
CHANGES = {
    "post form": "form Content-Type gets '; charset=UTF-8' (5.6: the entity's charset)",
    "post form latin1": "form Content-Type gets '; charset=ISO-8859-1' (contentEncoding)",
    "post empty": "an empty form entity: '; charset=UTF-8' on its Content-Type",
    "single file": "named Defaults argument: a form body, with '; charset=UTF-8'",
    "post raw json": "raw body encoded in UTF-8 (5.6: empty contentEncoding = UTF-8, was ISO-8859-1)",
    "post raw no type": "raw body in UTF-8 and Content-Type text/plain; charset=UTF-8 (2.13: form type)",
    "put raw": "raw body in UTF-8, Content-Type text/plain; charset=UTF-8 (2.13: ISO-8859-1)",
    "patch raw": "raw body in UTF-8 (ASCII here: no visible change)",
    "put form": "named arguments form a body (2.13 sent none)",
    "delete args": "named arguments in the query string and also in a form body (2.13: query only)",
    "delete empty": "the Defaults argument forms a body as for POST (2.13: none)",
    "options": "OPTIONS gets the query string as GET and DELETE do (2.13: none)",
    "multipart": "part and entity charset UTF-8 (2.13: US-ASCII for an empty contentEncoding)",
}

FORM = "application/x-www-form-urlencoded"


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def body_bytes(r):
    return base64.b64decode(r["body"]) if r.get("body_base64") else r["body"].encode("utf-8")


def normalize(r, port):
    """(method, target, sorted headers, body bytes) with the run's values replaced."""
    p = str(port)
    body = body_bytes(r)
    headers = [(k.lower(), v.replace(":" + p, ":<port>")) for k, v in r["headers"]]
    ctype = dict(headers).get("content-type", "")
    m = re.search(r"boundary=([^;]+)", ctype)
    if m:
        boundary = m.group(1)
        body = body.replace(boundary.encode(), b"<boundary>")
        headers = [(k, v.replace(boundary, "<boundary>")) for k, v in headers]
        headers = [(k, "<multipart>") if k == "content-length" else (k, v) for k, v in headers]
    return [r["method"], r["target"].replace(":" + p, ":<port>"), sorted(headers), body]


def set_header(h, name, value):
    h = [x for x in h if x[0] != name]
    if value is not None:
        h.append((name, value))
    return sorted(h)


def to_56(label, req):
    method, target, h, body = req
    hd = dict(h)
    if label in ("post form", "post empty", "single file"):
        h = set_header(h, "content-type", FORM + "; charset=UTF-8")
    elif label == "post form latin1":
        h = set_header(h, "content-type", FORM + "; charset=ISO-8859-1")
    elif label in ("post raw json", "post raw no type", "put raw", "patch raw"):
        body = body.decode("iso-8859-1").encode("utf-8")
        h = set_header(h, "content-length", str(len(body)))
        if label in ("post raw no type", "put raw"):
            h = set_header(h, "content-type", "text/plain; charset=UTF-8")
    elif label in ("put form", "delete args", "delete empty"):
        query = target.split("?", 1)[1] if "?" in target else "dflt=d+v"
        body = {"put form": b"k=v+1&dflt=d+v"}.get(label, query.encode())
        h = set_header(h, "content-length", str(len(body)))
        h = set_header(h, "content-type", FORM + "; charset=UTF-8")
    elif label == "options":
        target += "?o=1&dflt=d+v"
    elif label == "multipart":
        body = body.replace(b"charset=US-ASCII", b"charset=UTF-8")
        h = set_header(h, "content-type", hd["content-type"].replace("US-ASCII", "UTF-8"))
    return [method, target, h, body]


def dump(req):
    method, target, h, body = req
    return json.dumps({"method": method, "target": target, "headers": h,
                       "body": base64.b64encode(body).decode()}, ensure_ascii=False)


def undump(line):
    d = json.loads(line)
    return [d["method"], d["target"], sorted(tuple(x) for x in d["headers"]),
            base64.b64decode(d["body"])]


def labels_of(jtl):
    import csv
    with open(jtl, newline="", encoding="utf-8") as f:
        return [row["label"] for row in csv.DictReader(f)]


def main(argv):
    if len(argv) == 5 and argv[1] == "expect":
        log, port, jtl = load(argv[2]), argv[3], argv[4]
        for label, r in zip(labels_of(jtl), log):
            print(json.dumps({"label": label, "why": CHANGES.get(label, "unchanged")},
                             ensure_ascii=False))
            print(dump(to_56(label, normalize(r, port))))
        return 0
    if len(argv) == 6 and argv[1] == "compare":
        ours, port, expected_path, jtl = load(argv[2]), argv[3], argv[4], argv[5]
        lines = open(expected_path, encoding="utf-8").read().splitlines()
        expected = [(json.loads(lines[i])["label"], undump(lines[i + 1]))
                    for i in range(0, len(lines), 2)]
        labels = labels_of(jtl)
        problems = []
        if [l for l, _ in expected] != labels:
            problems.append(f"labels: ours {labels}, expected {[l for l, _ in expected]}")
        if len(ours) != len(expected):
            problems.append(f"{len(ours)} requests received, expected {len(expected)}")
        for (label, want), r in zip(expected, ours):
            got = normalize(r, port)
            got[2] = sorted(tuple(x) for x in got[2])
            for what, i in (("method", 0), ("target", 1), ("body", 3)):
                if got[i] != want[i]:
                    problems.append(f"{label}: {what}: ours {got[i]!r}, expected {want[i]!r}")
            if got[2] != want[2]:
                problems.append(f"{label}: headers: ours only {sorted(set(got[2]) - set(want[2]))}, "
                                f"expected only {sorted(set(want[2]) - set(got[2]))}")
            if "<multipart>" in dict(got[2]).get("content-length", ""):
                sent = next(v for k, v in r["headers"] if k.lower() == "content-length")
                if int(sent) != len(body_bytes(r)):
                    problems.append(f"{label}: Content-Length {sent} for a {len(body_bytes(r))}-byte body")
        for p in problems:
            print("wire: " + p, file=sys.stderr)
        print(f"wire: {len(ours)} requests compared with JMeter's, {len(problems)} differences")
        return 1 if problems else 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
