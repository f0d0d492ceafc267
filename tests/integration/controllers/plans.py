#!/usr/bin/env python3
"""plans.py - the controller plans of this directory and how their results are compared.

Run it to (re)write the .jmx files:   python3 plans.py
check.py imports it for each plan's comparison rules:

  PLANS[name] = Spec(plan, what, props, norm, checks, diffs56, include_subresults)

  plan      the plan tree (jmx.py)
  what      one line: what the plan covers
  props     extra -J properties for both JMeter and jmx2run
  norm      per-thread normalisation applied to both runs before comparing
            (random choices collapsed, timing-dependent rows counted instead)
  checks    extra checks on jmx2run's rows: functions(rows) -> list of problems
  diffs56   the documented differences between JMeter 2.13 (recorded) and 5.6 (the
            version jmx2run follows): functions(rows of the 2.13 record) -> the rows
            5.6 produces, each with a docstring saying what differs and where 5.6's
            source says so. check.py prints them when it uses them.
"""
import os
import re
import sys
from collections import namedtuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jmx import (ACTION, COUNTER, CRITICAL, FOREACH, FRAGMENT, IF, INCLUDE,  # noqa: E402
                 INTERLEAVE, LOOP, MODULE, ONCE, PLAN, RANDOM, RANDOM_ORDER, RESULT_ACTION, RUNTIME,
                 SIMPLE, SLEEP, SWITCH, TG, THROUGHPUT, TIMER, TRANSACTION, WHILE, S, render)

Spec = namedtuple("Spec", "plan what props norm checks diffs56 subresults")


def spec(plan, what, props=None, norm=None, checks=(), diffs56=(), subresults=False):
    return Spec(plan, what, props or {}, norm, list(checks), list(diffs56), subresults)


PLANS = {}


def js(expr):
    return "${__javaScript(%s)}" % expr


def status_when(expr):
    """Status OK unless the JavaScript expression is true."""
    return js('%s ? "FAIL" : "OK"' % expr)


def code_when(expr):
    return js("%s ? 500 : 200" % expr)


def SF(label, fail_expr, children=()):
    """A sampler that fails when fail_expr (JavaScript) is true."""
    return S(label, status=status_when(fail_expr), code=code_when(fail_expr), children=children)


# ------------------------------------------------------------ normalisation helpers

def collapse(patterns):
    """Replaces, in a thread's label sequence, every match of a regex over
    '|'-joined labels by one token (the dict's value)."""
    def norm(rows):
        labels = "|".join(r["label"] for r in rows) + "|"
        for rx, token in patterns:
            labels = re.sub(rx, token + "|", labels)
        out = [t for t in labels.split("|") if t]
        return [{"label": t, "responseCode": "", "responseMessage": "", "success": ""} for t in out]
    return norm


def labels_seen(required):
    def check(rows):
        seen = {r["label"] for r in rows}
        missing = [x for x in required if x not in seen]
        return ["never ran: %s" % ", ".join(missing)] if missing else []
    return check


def count_between(label_rx, lo, hi, per_thread=True):
    def check(rows):
        groups = {}
        for r in rows:
            key = r["threadName"] if per_thread else "all"
            groups.setdefault(key, 0)
            if re.fullmatch(label_rx, r["label"]):
                groups[key] += 1
        return ["%s: %d rows matching %r, expected %d..%d" % (k, n, label_rx, lo, hi)
                for k, n in groups.items() if not lo <= n <= hi]
    return check


def total_count(label, n):
    def check(rows):
        got = sum(1 for r in rows if r["label"] == label)
        return [] if got == n else ["%d rows labelled %r in all threads, expected %d" % (got, label, n)]
    return check


def drop_labels(rx):
    def norm(rows):
        return [r for r in rows if not re.fullmatch(rx, r["label"])]
    return norm


def row(label, code="200", ok=True, message=""):
    return {"label": label, "responseCode": code, "responseMessage": message,
            "success": "true" if ok else "false"}


# =================================================================== the plans

# ---- Loop Controller ----------------------------------------------------------
PLANS["loops"] = spec(
    PLAN("loops", [TG("Loops", [
        COUNTER("it"),
        S("start ${it}"),
        LOOP("Outer", "2", [
            COUNTER("o"),
            S("outer ${o}"),
            LOOP("InnerOnce", "2", [COUNTER("i"), S("inner-once ${i}")], forever=False),
            LOOP("InnerRepeat", "2", [S("inner-repeat")]),
        ]),
        LOOP("Zero", "0", [S("zero")]),
        LOOP("Blank", "", [S("blank")]),
        LOOP("FromVar", "${n}", [S("from-var")]),
        LOOP("Undefined", "${nope}", [S("undefined")]),
        LOOP("Garbage", "two", [S("garbage")]),
        LOOP("Once", "1", [S("once")], forever=False),
        LOOP("NoChildren", "3", []),
        LOOP("Nested3", "2", [LOOP("N2", "2", [LOOP("N1", "2", [S("n")])])]),
        S("end ${it}"),
    ], loops=3)], variables=[("n", "2")]),
    "nested Loop Controllers, continue_forever true/false, loops 0 / blank / from a variable / "
    "undefined / not a number, a loop without children, a counter per loop level")

PLANS["loop_forever"] = spec(
    PLAN("loop forever", [TG("Forever", [
        S("pre"),
        LOOP("Infinite", "-1", [
            COUNTER("k"),
            S("k ${k}"),
            IF("every third", "${k} % 3 == 0", [S("stop ${k}", status="FAIL")]),
        ]),
        S("never"),
    ], loops=2, on_error="startnextloop")]),
    "Loop Controller with loops -1 left only through the thread group's 'start next thread loop' "
    "on error; the counter inside keeps counting across thread-group iterations")

# ---- While Controller -------------------------------------------------------------
PLANS["while"] = spec(
    PLAN("while", [TG("While", [
        WHILE("Until w is 3", js('"${w}" != "3"'), [COUNTER("w", end="3"), S("w ${w}")]),
        WHILE("Until a sample fails", "", [COUNTER("u"), SF("u ${u}", "${u} % 3 == 0")]),
        S("fails", status="FAIL"),
        WHILE("LAST after a failure", "LAST", [S("last-skipped")]),
        S("ok"),
        WHILE("LAST", "LAST", [COUNTER("l"), SF("l ${l}", "${l} % 2 == 0")]),
        WHILE("false", "false", [S("false")]),
        WHILE("FALSE with blanks", "  FALSE ", [S("FALSE")]),
        WHILE("Nested", js('"${nw}" != "2"'), [
            COUNTER("nw", end="2"),
            LOOP("inner loop", "2", [S("nw ${nw}")]),
        ]),
        S("end"),
    ], loops=2)]),
    "While Controller: condition from a variable (checked before entering and after each pass), "
    "blank (until a sample fails), LAST, literal false (case and blanks), a loop inside")

# ---- ForEach Controller -------------------------------------------------------------
PLANS["foreach"] = spec(
    PLAN("foreach", [TG("ForEach", [
        FOREACH("Separator", "in", "v", [S("sep ${v}")]),
        FOREACH("No separator", "nx", "v2", [S("nosep ${v2}")], sep=False),
        FOREACH("Start 1 end 2", "in", "v3", [S("range ${v3}")], start="1", end="2"),
        FOREACH("Start 2", "in", "v4", [S("start2 ${v4}")], start="2"),
        FOREACH("End 10", "in", "v5", [S("end10 ${v5}")], end="10"),
        FOREACH("No input", "none", "v6", [S("none ${v6}")]),
        FOREACH("Nested loop", "in", "v7", [LOOP("twice", "2", [S("nested ${v7}")])]),
        FOREACH("Blank indexes", "in", "v8", [S("blank-idx ${v8}")], start="", end=""),
        FOREACH("Prefix from variable", "${prefix}", "v9", [S("pvar ${v9}")]),
        S("end"),
    ], loops=2)], variables=[("in_1", "a"), ("in_2", "b"), ("in_3", "c"), ("nx1", "x"), ("nx2", "y"),
                              ("prefix", "in")]),
    "ForEach Controller: with and without separator, start/end index, no input, a loop inside, "
    "blank index properties, input prefix from a variable")

# ---- If Controller --------------------------------------------------------------------


def if_trim_213(rows):
    """IfController.getCondition() trims the condition since 5.0 (2.13 did not): in expression
    mode ' true ' is true in 5.6, so 'expr-blanks' runs."""
    out = []
    for r in rows:
        out.append(r)
        if r["label"] == "expr-false":
            out.append(row("expr-blanks"))
    return out


def if_cache_213(rows):
    """2.13 cached a function property's value per thread-group iteration (FunctionProperty,
    until the If Controller re-initialises); 5.6 evaluates the condition on every read
    (function.cache.per.iteration=false, digest 9.2). With evaluateAll the third child is
    skipped in 5.6 because the condition became false after the second child."""
    return [r for r in rows if not r["label"].startswith("all 3")]


PLANS["if"] = spec(
    PLAN("if", [TG("If", [
        IF("expr true", "${t}", [S("expr-true")], expression=True),
        IF("expr TRUE", "TRUE", [S("expr-TRUE")], expression=True),
        IF("expr false", "${f}", [S("expr-never")], expression=True),
        IF("expr other", "yes", [S("expr-yes-never")], expression=True),
        S("expr-false"),
        IF("expr blanks", " true ", [S("expr-blanks")], expression=True),
        IF("js", '"${t}" == "true"', [S("js-true")], expression=False),
        IF("js absent", "1 < 2", [S("js-absent-mode")]),
        IF("js false", "${x} > 5", [S("js-false")], expression=False),
        IF("js not boolean", "1 + 1", [S("js-number")], expression=False),
        IF("js error", "this is not javascript", [S("js-error")], expression=False),
        IF("js and", '"${t}" == "true" && ${x} < 5', [S("js-and")], expression=False),
        IF("js last", '"${JMeterThread.last_sample_ok}" == "true"', [S("js-last-ok")], expression=False),
        IF("evaluate all", js("${ea} < 2"), [
            S("all 1 ${__counter(TRUE,ea)}"),
            S("all 2 ${__counter(TRUE,ea)}"),
            S("all 3 ${__counter(TRUE,ea)}"),
        ], expression=True, evaluate_all=True),
        LOOP("loop", "3", [COUNTER("c"), IF("c odd", "${c} % 2 == 1", [S("odd ${c}")])]),
        IF("false with inner loop", "false", [LOOP("inner", "2", [S("never-inner")])], expression=True),
        S("end"),
    ], loops=2)], variables=[("t", "true"), ("f", "false"), ("x", "3"), ("ea", "0")]),
    "If Controller: expression mode (case, other values, blanks), JavaScript mode (explicit and "
    "absent useExpression; &&, comparisons, non-boolean results, syntax errors, last_sample_ok), "
    "evaluateAll, inside a loop",
    diffs56=[if_trim_213, if_cache_213])

# ---- Once Only --------------------------------------------------------------------------
PLANS["once_only"] = spec(
    PLAN("once only", [TG("Once", [
        ONCE("at thread group", [S("once-tg")]),
        LOOP("loop", "3", [ONCE("in loop", [S("once-loop")]), S("loop")]),
        SIMPLE("simple", [ONCE("in simple", [S("once-simple")])]),
        IF("if", "true", [ONCE("in if", [S("once-if")])], expression=True),
        FOREACH("foreach", "in", "v", [ONCE("in foreach", [S("once-foreach")]), S("fe ${v}")]),
        WHILE("while", js('"${wc}" != "2"'), [COUNTER("wc", end="2"), ONCE("in while", [S("once-while")]),
                                              S("w ${wc}")]),
        S("end"),
    ], loops=3)], variables=[("in_1", "a"), ("in_2", "b")]),
    "Once Only Controller at thread-group level and inside Loop, Simple, If, ForEach and While")

# ---- Interleave / Random / Random Order -------------------------------------------------
PLANS["interleave"] = spec(
    PLAN("interleave", [TG("Interleave", [
        INTERLEAVE("blocks", 1, [S("a"), SIMPLE("b", [S("b1"), S("b2")]), S("c")]),
        INTERLEAVE("one sampler", 0, [S("x"), SIMPLE("y", [S("y1"), S("y2")]), S("z")]),
        INTERLEAVE("nested", 0, [S("p"), INTERLEAVE("inner", 0, [S("q1"), S("q2")]), S("r")]),
        INTERLEAVE("nested blocks", 1, [S("m"), INTERLEAVE("inner1", 1, [S("n1"), SIMPLE("ns", [S("n2a"), S("n2b")])])]),
        INTERLEAVE("with empty", 1, [S("e1"), SIMPLE("empty", []), S("e2")]),
        INTERLEAVE("with if", 1, [S("i1"), IF("odd", "${__javaScript(${it} % 2 == 1)}", [S("i2")],
                                               expression=True), S("i3")]),
        COUNTER("it"),
        LOOP("loop", "2", [INTERLEAVE("in loop", 1, [S("l1"), S("l2"), S("l3")])]),
        S("end"),
    ], loops=7)]),
    "Interleave Controller, both styles, nested interleaves, empty and conditional children, "
    "inside a loop")


def rotate_across_213(rows):
    """InterleaveControl.accrossThreads is 5.x only (2.13 ignores it: every thread starts at
    child 0). 5.6 InterleaveControl.initialize(): current = threadNum % children, threadNum
    0-based, so thread k (1-based) starts at child (k-1) % 3 and goes round from there."""
    out = []
    for r in rows:
        m = re.fullmatch(r"(.* )(\d+)-(\d+)", r["threadName"])
        k = int(m.group(3))
        r = dict(r)
        if r["label"] in ("t0", "t1", "t2"):
            n = int(r["label"][1])
            r["label"] = "t%d" % ((n + k - 1) % 3)
        out.append(r)
    return out


PLANS["interleave_threads"] = spec(
    PLAN("interleave across threads", [TG("Across", [
        INTERLEAVE("across", 1, [S("t0"), S("t1"), S("t2")], across=True),
    ], threads=3, loops=4)]),
    "Interleave Controller with 'interleave across threads' (5.x): thread n starts at child n mod 3",
    diffs56=[rotate_across_213])

PLANS["random"] = spec(
    PLAN("random", [TG("Random", [
        S("pre"),
        RANDOM("blocks", 1, [S("a"), SIMPLE("b", [S("b1"), S("b2")]), S("c")]),
        RANDOM("one sampler", 0, [S("x"), SIMPLE("y", [S("y1"), S("y2")])]),
        RANDOM_ORDER("order", [S("o1"), S("o2"), SIMPLE("o3", [S("o3a"), S("o3b")])]),
        S("post"),
    ], threads=2, loops=40)]),
    "Random Controller (both styles) and Random Order Controller: per thread, the walk with each "
    "random choice collapsed, and every child chosen at least once (orders themselves are random)",
    norm=collapse([
        (r"(?:a|b1\|b2|c)\|", "RANDOM-BLOCK"),
        (r"(?:x|y1|y2)\|", "RANDOM-ONE"),
        (r"(?:o1\|o2\|o3a\|o3b|o2\|o1\|o3a\|o3b|o1\|o3a\|o3b\|o2|o2\|o3a\|o3b\|o1|o3a\|o3b\|o1\|o2|"
         r"o3a\|o3b\|o2\|o1)\|", "RANDOM-ORDER"),
    ]),
    checks=[labels_seen(["a", "b1", "b2", "c", "x", "y1", "y2", "o1", "o2", "o3a", "o3b"]),
            count_between("y1", 1, 40), count_between("y2", 1, 40)])

# ---- Throughput Controller -------------------------------------------------------------
PLANS["throughput"] = spec(
    PLAN("throughput", [TG("Throughput", [
        THROUGHPUT("percent 50", 1, [S("p50")], percent=50.0),
        THROUGHPUT("percent 33.3", 1, [S("p33")], percent=33.3),
        THROUGHPUT("percent 0", 1, [S("p0")], percent=0.0),
        THROUGHPUT("total 3", 0, [S("t3")], max_tp=3),
        THROUGHPUT("total 0", 0, [S("t0")], max_tp=0),
        THROUGHPUT("total 2 of 2", 0, [S("tt1"), S("tt2")], max_tp=2),
        LOOP("loop", "3", [THROUGHPUT("in loop 50", 1, [S("loop50")], percent=50.0)]),
        THROUGHPUT("shared total 5", 0, [S("shared5")], per_thread=False, max_tp=5),
        THROUGHPUT("shared 50", 1, [S("shared50")], per_thread=False, percent=50.0),
        S("end"),
    ], threads=2, loops=10)]),
    "Throughput Controller: percent and total executions per user (exact walk), shared by the "
    "group's users (total counts only: which user gets a turn depends on timing)",
    norm=drop_labels(r"shared5|shared50"),
    checks=[total_count("shared5", 5), total_count("shared50", 10)])

# ---- Runtime Controller --------------------------------------------------------------------
PLANS["runtime"] = spec(
    PLAN("runtime", [TG("Runtime", [
        RUNTIME("one second", "1", [SLEEP("rt", 150)]),
        RUNTIME("zero", "0", [S("rt0")]),
        RUNTIME("no children", "1", []),
        RUNTIME("not a number", "x", [S("rtx")]),
        S("end"),
    ])]),
    "Runtime Controller (coarsely: how many 150 ms samples fit in one second), 0 seconds, no "
    "children, an unparseable duration",
    norm=collapse([(r"(?:rt\|)+", "RT*")]),
    checks=[count_between("rt", 5, 8)])

# ---- Switch Controller ----------------------------------------------------------------------


def switch_neg_213(rows):
    """SwitchController 5.x checks StringUtils.isNumeric before Integer.parseInt: '-1' is not
    numeric, so it is looked up as a child name (none, no 'default' child: nothing runs).
    2.13 parsed -1 and, being out of range, ran child 0 ('neg-a')."""
    return [r for r in rows if r["label"] != "neg-a"]


def switch_trim_213(rows):
    """SwitchController.getSelection() trims since 3.x: ' 1 ' selects child 1 ('blank-b') in 5.6;
    2.13 did not trim, found no child named ' 1 ' and ran nothing."""
    out = []
    for r in rows:
        if r["label"] == "after-blanks":
            out.append(row("blank-b"))
        out.append(r)
    return out


PLANS["switch"] = spec(
    PLAN("switch", [TG("Switch", [
        SWITCH("index 1", "1", [S("idx-a"), S("idx-b"), S("idx-c")]),
        SWITCH("blank", "", [S("blank-sel-a"), S("blank-sel-b")]),
        SWITCH("out of range", "7", [S("oor-a"), S("oor-b")]),
        SWITCH("negative", "-1", [S("neg-a"), S("neg-b")]),
        SWITCH("by name", "second", [SIMPLE("first", [S("name-first")]), SIMPLE("second", [S("name-second")]),
                                     S("third")]),
        SWITCH("sampler name", "third", [SIMPLE("first", [S("sn-first")]), S("sn-third", name="third")]),
        SWITCH("default", "nomatch", [S("dflt-one"), SIMPLE("Default", [S("dflt-default")])]),
        SWITCH("no default", "nomatch", [S("nod-one"), S("nod-two")]),
        SWITCH("case", "SECOND", [SIMPLE("second", [S("case-second")])]),
        SWITCH("blanks", " 1 ", [S("blank-a"), S("blank-b")]),
        S("after-blanks"),
        SWITCH("variable", "${sel}", [S("var-a"), S("var-b"), S("var-c")]),
        LOOP("loop", "4", [COUNTER("sc", start=0), SWITCH("counter", "${sc}", [S("s0"), S("s1"), S("s2")])]),
        SWITCH("controller child", "0", [LOOP("twice", "2", [S("sw-loop")]), S("sw-other")]),
        S("end"),
    ], loops=2)], variables=[("sel", "2")]),
    "Switch Controller: index, blank, out of range, negative, by controller and sampler name, "
    "'default' child, no match, case, blanks, from a variable and a counter, a loop as the choice",
    diffs56=[switch_neg_213, switch_trim_213])

# ---- Transaction Controller ------------------------------------------------------------------


PLANS["transaction"] = spec(
    PLAN("transaction", [TG("Transactions", [
        TRANSACTION("TC", [S("a"), S("b", status="FAIL"), S("c")]),
        TRANSACTION("TC ok", [S("d")]),
        TRANSACTION("TC nested", [S("e"), TRANSACTION("TC inner", [S("f")]), S("g")]),
        TRANSACTION("TC empty", []),
        TRANSACTION("TC if false", [IF("no", "false", [S("never")], expression=True)]),
        TRANSACTION("TC timers", [TIMER("t", "20"), S("h")], include_timers=True),
        TRANSACTION("TC last if false", [S("i"), IF("no2", "false", [S("never2")], expression=True)]),
        TRANSACTION("TC loop", [LOOP("loop", "2", [S("j")])]),
        TRANSACTION("TP", [S("k"), S("l", status="FAIL", code="404"), S("m", status="FAIL")], parent=True),
        TRANSACTION("TP ok", [S("n")], parent=True),
        TRANSACTION("TP nested", [S("o"), TRANSACTION("TP inner", [S("p")], parent=True), S("q")], parent=True),
        TRANSACTION("TP with TC", [S("r"), TRANSACTION("TC in TP", [S("s")])], parent=True),
        TRANSACTION("TC with TP", [S("u"), TRANSACTION("TP in TC", [S("v")], parent=True)]),
        TRANSACTION("TP empty", [], parent=True),
        TRANSACTION("TP simple", [SIMPLE("simple", [S("w1"), S("w2")]), S("w3")], parent=True),
        S("end"),
    ], loops=2)]),
    "Transaction Controller in both modes: failing children, nested transactions of either mode, "
    "empty, with a false If (first and last child), timers included, a loop inside; run with "
    "sub-result rows off (2.13 writes none)",
    props={"jmeter.save.saveservice.subresults": "false"})


def tp_restart_path_213(rows):
    """On 'start next thread loop' JMeter 5.x walks up from the real sampler inside a
    parent-mode transaction (JMeterThread.findRealSampler, bug 61062?); 2.13 walked up from the
    Transaction Controller, so the Simple Controller between them was not reset and resumed at
    its next child ('g2') in the next iteration. In 5.6 it starts over at 'g1'."""
    out = []
    for r in rows:
        if r["label"] == "g2" and out and out[-1]["label"] == "pre":
            out.append(row("g1", "500", False))
            continue
        out.append(r)
    return out


PLANS["transaction_restart"] = spec(
    PLAN("transaction restart", [TG("Restart", [
        S("pre"),
        COUNTER("it"),
        TRANSACTION("TC", [S("a"), SF("b ${it}", "${it} % 2 == 1"), S("c")]),
        TRANSACTION("TP", [S("d"), SF("e ${it}", "${it} % 2 == 0"), S("f")], parent=True),
        TRANSACTION("TP simple", [SIMPLE("simple", [SF("g1", "${it} == 3"), S("g2")]), S("g3")], parent=True),
        TRANSACTION("TC nested", [TRANSACTION("TC inner", [SF("h ${it}", "${it} == 4")]), S("i")]),
        S("end"),
    ], loops=4, on_error="startnextloop")]),
    "Transaction Controllers (both modes, nested, a Simple Controller inside a parent-mode one) "
    "cut short by on_sample_error=startnextloop",
    props={"jmeter.save.saveservice.subresults": "false"})

# ---- Critical Section ---------------------------------------------------------------------------


def serialised(rows):
    """Between a user's cs-in and cs-out no other user's sample starts."""
    rs = sorted(rows, key=lambda r: (int(r["timeStamp"]), r["label"] != "cs-in"))
    problems = []
    holder = None
    for r in rs:
        if r["label"] == "cs-in":
            if holder is not None:
                problems.append("%s entered while %s held the lock" % (r["threadName"], holder))
            holder = r["threadName"]
        elif r["label"] == "cs-out":
            if holder != r["threadName"]:
                problems.append("%s left without holding the lock" % r["threadName"])
            holder = None
    return problems


PLANS["critical"] = spec(
    PLAN("critical section", [TG("Critical", [
        S("outside"),
        CRITICAL("cs", "L", [SLEEP("cs-in", 30), SLEEP("cs-out", 30)]),
    ], threads=3, loops=3)]),
    "Critical Section Controller: three users take turns; inside the section one user's two "
    "samples never interleave with another user's",
    checks=[serialised])

# ---- thread group on_sample_error ------------------------------------------------------------------
PLANS["on_error"] = spec(
    PLAN("on error", [
        TG("Continue", [S("a"), S("b", status="FAIL"), S("c")], loops=2, on_error="continue"),
        TG("Next loop", [S("a"), LOOP("loop", "2", [S("l1"), SF("l2", "true"), S("l3")]), S("e")],
           loops=2, on_error="startnextloop"),
        TG("Next loop nested", [S("a"), LOOP("outer", "2", [COUNTER("o"), LOOP("inner", "2", [
            COUNTER("i"), SF("x ${o} ${i}", "${i} == 3")])]), S("e")],
           loops=3, on_error="startnextloop"),
        TG("Stop thread", [S("a"), SF("b", "${__threadNum} == 1"), S("c")], threads=2, loops=2,
           on_error="stopthread"),
    ], serialize=True),
    "thread group on_sample_error: continue, startnextloop (flat and in nested loops whose counts "
    "must restart), stopthread (one of two users)")

PLANS["stop_test"] = spec(
    PLAN("stop test", [
        TG("Stop test", [S("a"), S("b", status="FAIL"), S("c")], loops=3, on_error="stoptest"),
        TG("After", [S("never")]),
        TG("Teardown", [S("teardown")], kind="PostThreadGroup"),
    ], serialize=True, teardown_on_shutdown=True),
    "on_sample_error=stoptest: the thread stops after the failing sample, the next (serialised) "
    "group never starts, the tearDown group runs (tearDown_on_shutdown=true)")

PLANS["stop_test_no_teardown"] = spec(
    PLAN("stop test no teardown", [
        TG("Stop test", [S("a"), S("b", status="FAIL"), S("c")], loops=3, on_error="stoptest"),
        TG("Teardown", [S("teardown")], kind="PostThreadGroup"),
    ], serialize=True, teardown_on_shutdown=False),
    "on_sample_error=stoptest with tearDown_on_shutdown=false: the tearDown group does not run")

# ---- Flow Control Action / Result Status Action Handler -------------------------------------------
PLANS["flow_action"] = spec(
    PLAN("flow action", [
        TG("Next thread loop", [
            S("a"),
            LOOP("loop", "3", [COUNTER("c"), S("l ${c}"),
                               IF("c is 2", "${c} == 2", [ACTION("restart", 3)]), S("m ${c}")]),
            S("after"),
        ], loops=2),
        TG("Pause", [S("p1"), ACTION("pause", 1, duration="20"), S("p2")]),
        TG("Stop thread", [S("s1"), ACTION("stop", 0), S("s2")], loops=2),
    ], serialize=True),
    "Flow Control Action: start next thread loop inside a nested loop, pause, stop thread "
    "(the actions JMeter 2.13 knows)")

PLANS["result_action"] = spec(
    PLAN("result action", [
        TG("RA next loop", [S("a"), LOOP("loop", "2", [S("l1"), S("l2", status="FAIL",
                                                                children=[RESULT_ACTION("ra", 4)]),
                                                         S("l3")]), S("e")], loops=2),
        TG("RA stop thread", [S("a"), S("b", status="FAIL"), S("c"), RESULT_ACTION("ra", 1)], loops=2),
        TG("RA continue", [S("a"), S("b", status="FAIL"), RESULT_ACTION("ra", 0), S("c")]),
        TG("RA ok sample", [S("a", children=[RESULT_ACTION("ra", 1)]), S("b")]),
    ], serialize=True),
    "Result Status Action Handler: start next thread loop (under a sampler), stop thread "
    "(at group level, applies to every sampler), continue, no action on success")


def actions56_expected(rows):
    """JMeter 2.13 has no 'start next iteration of current loop' / 'break current loop' (Flow
    Control Action 4/5, Result Status Action Handler 5/6, TestLogicalAction in 5.x): there they
    do nothing. The rows below are what 5.6 does, derived from JMeterThread.continueOnCurrentLoop
    / breakOnCurrentLoop (the innermost Loop/While/ForEach on the path gets startNextLoop() /
    breakLoop(), the controllers below it triggerEndOfLoop(); at thread-group level the thread
    loop itself) and LoopController.startNextLoop/breakLoop."""
    exp = {}
    # Continue: loop of 3, action when c == 2 skips 'm 2'
    exp["Continue 1-1"] = ["a", "l 1", "m 1", "l 2", "l 3", "m 3", "after"] * 1 + \
        ["a", "l 4", "m 4", "l 5", "m 5", "l 6", "m 6", "after"]
    # Break: loop of 3, break when c == 2 leaves the loop
    exp["Break 2-1"] = ["a", "l 1", "m 1", "l 2", "after", "a", "l 3", "m 3", "l 4", "m 4", "l 5", "m 5", "after"]
    # at thread-group level: next iteration of the thread loop; break ends the thread
    exp["TG continue 3-1"] = ["a", "b", "a", "b"]
    exp["TG break 4-1"] = ["a"]
    # Result Status Action Handler 5 (next iteration of current loop) in a While
    exp["RA continue 5-1"] = ["w 1", "x 1", "w 2", "w 3", "x 3", "end"]
    # Result Status Action Handler 6 (break current loop) in a ForEach nested in a loop
    exp["RA break 6-1"] = ["fe a", "fe b", "fe a", "fe b", "end"]
    out = []
    for thread, labels in exp.items():
        for lab in labels:
            failing = lab in ("l 2",) and False
            r = row(lab, "200", True)
            if lab.startswith("x ") or lab == "fe b":
                r = row(lab, "500", False)
            if thread.startswith("TG") and lab == "b":
                r = row(lab, "500", False)
            r["threadName"] = thread
            del failing
            out.append(r)
    return out


PLANS["actions56"] = spec(
    PLAN("actions of 5.x", [
        TG("Continue", [
            S("a"),
            LOOP("loop", "3", [COUNTER("c"), S("l ${c}"),
                               IF("c is 2 or 5", "${c} % 3 == 2", [ACTION("continue", 4)]), S("m ${c}")]),
            S("after"),
        ], loops=2),
        TG("Break", [
            S("a"),
            LOOP("loop", "3", [COUNTER("c"), S("l ${c}"),
                               IF("c is 2", "${c} == 2", [ACTION("break", 5)]), S("m ${c}")]),
            S("after"),
        ], loops=2),
        TG("TG continue", [S("a"), S("b", status="FAIL", children=[RESULT_ACTION("ra", 5)]), S("c")], loops=2),
        TG("TG break", [S("a"), ACTION("break", 5), S("c")], loops=2),
        TG("RA continue", [
            WHILE("while", js('"${w}" != "3"'), [COUNTER("w", end="3"), S("w ${w}"),
                                                    SF("x ${w}", "${w} != 2",
                                                       children=[RESULT_ACTION("ra", 5)]),
                                                    S("y ${w}")]),
            S("end"),
        ]),
        TG("RA break", [
            LOOP("loop", "2", [FOREACH("fe", "in", "v", [S("fe ${v}"),
                                                          SF("fe2 ${v}", '"${v}" == "b"',
                                                             children=[RESULT_ACTION("ra", 6)])])]),
            S("end"),
        ]),
    ], serialize=True, variables=[("in_1", "a"), ("in_2", "b"), ("in_3", "c")]),
    "5.x loop actions: Flow Control Action 'start next iteration of current loop' and 'break "
    "current loop' in a loop and at thread-group level; Result Status Action Handler with the "
    "same actions in a While and in a ForEach (no JMeter 2.13 equivalent: expected rows derived "
    "from 5.6's sources)")

# ---- Module / Include Controllers ---------------------------------------------------------------------
PLANS["modules"] = spec(
    PLAN("modules", [
        FRAGMENT("Fragment", [S("frag-1"), LOOP("frag loop", "2", [S("frag-loop")])]),
        TG("Main", [
            S("main"),
            MODULE("module fragment", ["Test Plan", "modules", "Fragment"]),
            MODULE("module simple", ["Test Plan", "modules", "Library", "Shared"]),
            MODULE("module nested", ["Test Plan", "modules", "Library", "Outer", "Inner"]),
            INCLUDE("include", "include_fragment.jmx"),
            S("end"),
        ], loops=2),
        TG("Library", [
            SIMPLE("Shared", [S("shared")]),
            SIMPLE("Outer", [S("outer-only"), SIMPLE("Inner", [S("inner")])]),
        ], enabled=False),
    ]),
    "Module Controller targets (a disabled Test Fragment, a Simple Controller in a disabled "
    "group, a nested controller without its parent) and an Include Controller reading "
    "include_fragment.jmx")

INCLUDED = PLAN("included", [FRAGMENT("Included fragment", [S("inc-1"), LOOP("inc loop", "2", [S("inc-loop")])])])

# ---- empty controllers ------------------------------------------------------------------------------
PLANS["empty"] = spec(
    PLAN("empty", [TG("Empty", [
        S("start"),
        SIMPLE("simple", []),
        SIMPLE("only disabled", [S("disabled", enabled=False)]),
        LOOP("loop", "2", []),
        IF("if", "true", [], expression=True),
        WHILE("while", "", []),
        FOREACH("foreach", "in", "v", []),
        INTERLEAVE("interleave", 1, []),
        RANDOM("random", 1, []),
        RANDOM_ORDER("random order", []),
        THROUGHPUT("throughput", 1, [], percent=50.0),
        RUNTIME("runtime", "1", []),
        SWITCH("switch", "0", []),
        ONCE("once", []),
        CRITICAL("critical", "L", []),
        SIMPLE("nest of empties", [SIMPLE("e1", []), LOOP("e2", "2", [SIMPLE("e3", [])])]),
        S("end"),
    ], loops=2)], variables=[("in_1", "a")]),
    "every controller with no children (or only disabled ones): removed, nothing sampled, no hang")

# ---- thread groups ------------------------------------------------------------------------------------


def group_order(rows):
    """setUp rows before main rows before tearDown rows; serialised main groups in order."""
    order = {"Setup": 0, "Main A": 1, "Main B": 2, "Teardown": 3}
    seq = [order.get(re.sub(r" \d+-\d+$", "", r["threadName"]), -1) for r in rows]
    return [] if seq == sorted(seq) else ["groups interleaved: %s" % seq]


PLANS["groups"] = spec(
    PLAN("groups", [
        TG("Setup", [S("setup ${__threadNum}")], kind="SetupThreadGroup"),
        TG("Main A", [S("A ${__threadNum}"), S("tg ${__threadGroupName}")], threads=2, loops=2),
        TG("Disabled", [S("never")], enabled=False),
        TG("Main B", [S("B ${__threadNum}")]),
        TG("Teardown", [S("teardown")], kind="PostThreadGroup"),
        S("test plan sampler"),
        LOOP("test plan loop", "2", [S("not copied")]),
    ], serialize=True),
    "setUp, two main groups (one disabled in between) and tearDown, serialised: thread names, "
    "group numbers per phase, order of the phases and groups; a sampler and a controller at "
    "Test Plan level (appended to every group without their subtrees)",
    checks=[group_order])

PLANS["groups_parallel"] = spec(
    PLAN("groups parallel", [
        TG("Setup", [S("setup")], kind="SetupThreadGroup", threads=2),
        TG("One", [S("one"), LOOP("loop", "2", [S("one-loop")])], threads=2, loops=2),
        TG("Two", [S("two")], threads=3),
        TG("Teardown", [S("teardown")], kind="PostThreadGroup"),
    ], serialize=False),
    "thread groups started together (serialize off): per-thread walks and names")


def write_all(directory):
    for name, sp in PLANS.items():
        with open(os.path.join(directory, name + ".jmx"), "w", encoding="utf-8") as f:
            f.write(render(sp.plan, "%s: %s. Generated by plans.py." % (name, sp.what)))
    with open(os.path.join(directory, "include_fragment.jmx"), "w", encoding="utf-8") as f:
        f.write(render(INCLUDED, "The Test Fragment read by modules.jmx's Include Controller. "
                                 "Generated by plans.py."))


if __name__ == "__main__":
    write_all(os.path.dirname(os.path.abspath(__file__)))
