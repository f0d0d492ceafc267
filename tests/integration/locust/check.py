#!/usr/bin/python3
"""check.py - helpers of tests/integration/test_locust_worker.sh (Python 3 standard
library only; the test runs Debian's Locust separately with /usr/bin/locust).

    check.py ports N                       N free loopback TCP ports, one a line
    check.py classes EMITTED NAME...
        the user classes of the file jmx2run --emit-locust wrote are these, in order
    check.py compare MASTER_STATS_CSV SERVER_LOG JTL...
        per label: the master's request and failure counts equal the sum of the
        workers' JTL lines, and the requests the server logged; the request type
        is the method for HTTP samplers, DEBUG for the Debug Sampler
    check.py web URL swarm USERS | stop | wait STATE [USERS] [SECONDS] | total | workers N STATE
        the master's web API: start, stop, wait for a state (and user count),
        print the total number of requests, wait for N workers in a state
"""
import csv
import json
import re
import socket
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter

# what each label of tests/integration/locust/worker.jmx sends: (type, method, target)
LABELS = {
    "Home": ("GET", "GET", "/echo?page=home"),
    "Post form": ("POST", "POST", "/echo"),
    "Missing page": ("GET", "GET", "/status/404"),
    "Bytes": ("GET", "GET", "/bytes?n=512"),
    "Debug vars": ("DEBUG", None, None),
}
FAILING = {"Missing page"}


def fail(msg):
    print("check.py: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def ports(n):
    socks = []
    for _ in range(int(n)):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    for s in socks:
        print(s.getsockname()[1])
    for s in socks:
        s.close()


def classes(emitted, *wanted):
    text = open(emitted, encoding="utf-8").read()
    found = re.findall(r"^class (\w+)\(JMeterUser\):", text, re.M)
    if found != list(wanted):
        fail(f"the emitted classes are {found}, expected {list(wanted)}")


def compare(master_csv, server_log, *jtls):
    master = {}
    for r in csv.DictReader(open(master_csv, newline="")):
        if r["Name"] != "Aggregated":
            master[r["Name"]] = (r["Type"], int(r["Request Count"]), int(r["Failure Count"]))
    recorded, failed = Counter(), Counter()
    for path in jtls:
        for r in csv.DictReader(open(path, newline="")):
            recorded[r["label"]] += 1
            failed[r["label"]] += r["success"] != "true"
    server = Counter()
    for line in open(server_log, encoding="utf-8"):
        o = json.loads(line)
        server[(o["method"], o["target"])] += 1
    if set(master) != set(LABELS):
        fail(f"the master has labels {sorted(master)}, expected {sorted(LABELS)}")
    for label, (rtype, method, target) in LABELS.items():
        mtype, mcount, mfail = master[label]
        if mtype != rtype:
            fail(f"{label}: request type {mtype!r}, expected {rtype!r}")
        if mcount != recorded[label] or mfail != failed[label]:
            fail(f"{label}: the master counts {mcount} requests, {mfail} failed; the workers "
                 f"recorded {recorded[label]}, {failed[label]} failed")
        if method and server[(method, target)] != mcount:
            fail(f"{label}: the server received {server[(method, target)]} {method} {target}, "
                 f"the master counts {mcount}")
        if mcount == 0:
            fail(f"{label}: no request at all")
        if (mfail == mcount) != (label in FAILING) or (label not in FAILING and mfail):
            fail(f"{label}: {mfail} failures of {mcount}")
    print("compare: " + ", ".join(f"{k} {master[k][1]}" for k in LABELS))


def api(url, path, data=None):
    req = urllib.request.Request(url + path, data=urllib.parse.urlencode(data).encode()
                                 if data is not None else None)
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body.startswith(b"{") else body


def web(url, cmd, *args):
    if cmd == "swarm":
        res = api(url, "/swarm", {"user_count": args[0], "spawn_rate": args[0]})
        if not res.get("success"):
            fail(f"swarm: {res}")
    elif cmd == "stop":
        api(url, "/stop")
    elif cmd in ("wait", "workers"):
        if cmd == "wait":
            state, users = args[0], int(args[1]) if len(args) > 1 else None
            seconds = float(args[2]) if len(args) > 2 else 15
        else:
            n, state, seconds = int(args[0]), args[1], 15
        deadline = time.time() + seconds
        rep = {}
        while time.time() < deadline:
            try:
                rep = api(url, "/stats/requests")
            except OSError:
                rep = {}
            if cmd == "wait" and rep.get("state") == state and \
                    (users is None or rep.get("user_count") == users):
                return
            if cmd == "workers" and len([w for w in rep.get("workers", [])
                                         if w["state"] == state]) == n:
                return
            time.sleep(0.3)
        fail(f"{cmd} {' '.join(args)}: the master reports {json.dumps(rep)[:600]}")
    elif cmd == "total":   # the CSV export is not cached as /stats/requests is
        text = api(url, "/stats/requests/csv").decode()
        total = [r for r in csv.DictReader(text.splitlines()) if r["Name"] == "Aggregated"]
        print(total[0]["Request Count"] if total else 0)
    else:
        fail("unknown web command " + cmd)


def main(argv):
    cmd = argv[1]
    if cmd == "ports":
        ports(argv[2])
    elif cmd == "classes":
        classes(*argv[2:])
    elif cmd == "compare":
        compare(*argv[2:])
    elif cmd == "web":
        web(*argv[2:])
    else:
        fail("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
