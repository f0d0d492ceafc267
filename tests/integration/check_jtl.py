#!/usr/bin/env python3
"""check_jtl.py - assertions on a JTL (CSV with header) written by jmx2run.

usage: check_jtl.py FILE RULES.json
RULES: {"rows": N, "all_success": bool, "labels": {label: count},
        "rows_like": [{column: value-or-/regex/, ...}, ...]  (each must match a row, in order)}
"""
import csv
import json
import re
import sys


def matches(expected, actual):
    if isinstance(expected, str) and len(expected) > 1 and expected.startswith("/") and expected.endswith("/"):
        return re.fullmatch(expected[1:-1], actual) is not None
    return str(expected) == actual


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rules = json.loads(sys.argv[2])
    problems = []
    if "rows" in rules and len(rows) != rules["rows"]:
        problems.append("%d rows, expected %d" % (len(rows), rules["rows"]))
    if rules.get("all_success"):
        bad = [r["label"] for r in rows if r["success"] != "true"]
        if bad:
            problems.append("failed rows: %s" % bad[:10])
    for label, count in rules.get("labels", {}).items():
        n = sum(1 for r in rows if r["label"] == label)
        if n != count:
            problems.append("label %r: %d rows, expected %d" % (label, n, count))
    start = 0
    for want in rules.get("rows_like", []):
        for i in range(start, len(rows)):
            if all(matches(v, rows[i].get(k, "")) for k, v in want.items()):
                start = i + 1
                break
        else:
            problems.append("no row (after row %d) like %s" % (start, want))
    for p in problems:
        print("check_jtl: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
