#!/usr/bin/env python3
"""plans.py - the controller plans of this directory and how their results are compared.

Run it to (re)write the .jmx files:   python3 plans.py
check.py imports it for each plan's comparison rules:

  PLANS[name] = Spec(plan, what, props, norm, checks, diffs56, known)

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
  known     differences whose cause lies outside the controllers (src/plan, src/run/pipeline.c
            ...), each described; the plan is reported KNOWN instead of failing, and fails
            again once it matches (remove the entry then).
"""
import os
import re
import sys
from collections import namedtuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jmx import (ACTION, COUNTER, CRITICAL, FOREACH, FRAGMENT, IF, INCLUDE,  # noqa: E402
                 INTERLEAVE, LOOP, MODULE, ONCE, PLAN, RANDOM, RANDOM_ORDER, RESULT_ACTION, RUNTIME,
                 REGEX, SIMPLE, SLEEP, SWITCH, TG, THROUGHPUT, TIMER, TRANSACTION, WHILE, S, render)

Spec = namedtuple("Spec", "plan what props norm checks diffs56 known")


def spec(plan, what, props=None, norm=None, checks=(), diffs56=(), known=()):
    return Spec(plan, what, props or {}, norm, list(checks), list(diffs56), list(known))


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
    """Replaces, in a thread's label sequence, every run of whole labels matching a regex
    (over the labels joined with '|') by one token."""
    def norm(rows):
        labels = "|" + "|".join(r["label"] for r in rows) + "|"
        for rx, token in patterns:
            labels = re.sub(r"\|(?:%s)(?=\|)" % rx, "|" + token, labels)
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


def row(label, code="200", ok=True, message="", like=None):
    """A row for an expected 5.6 walk; like = a row of the same thread."""
    return {"label": label, "responseCode": code, "responseMessage": message,
            "success": "true" if ok else "false", "threadName": like["threadName"] if like else "",
            "timeStamp": "", "elapsed": ""}


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
            out.append(row("expr-blanks", like=r))
    return out


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
            S("all 1", data="ea=1", children=[REGEX("ea", "ea=(\\d+)")]),
            S("all 2", data="ea=2", children=[REGEX("ea", "ea=(\\d+)")]),
            S("all 3", data="ea=3", children=[REGEX("ea", "ea=(\\d+)")]),
        ], expression=True, evaluate_all=True),
        IF("evaluate first only", js("${eb} < 2"), [
            S("first 1", data="eb=1", children=[REGEX("eb", "eb=(\\d+)")]),
            S("first 2", data="eb=2", children=[REGEX("eb", "eb=(\\d+)")]),
            S("first 3", data="eb=3", children=[REGEX("eb", "eb=(\\d+)")]),
        ], expression=True),
        LOOP("loop", "3", [COUNTER("c"), IF("c odd", "${c} % 2 == 1", [S("odd ${c}")])]),
        IF("false with inner loop", "false", [LOOP("inner", "2", [S("never-inner")])], expression=True),
        S("end"),
    ], loops=2)], variables=[("t", "true"), ("f", "false"), ("x", "3"), ("ea", "0"), ("eb", "0")]),
    "If Controller: expression mode (case, other values, blanks), JavaScript mode (explicit and "
    "absent useExpression; &&, comparisons, non-boolean results, syntax errors, last_sample_ok), "
    "evaluateAll, inside a loop",
    diffs56=[if_trim_213])

# ---- If Controller: JavaScript condition shapes ---------------------------------------------------
JS_SHAPES = [
    ("last ok bare", "${JMeterThread.last_sample_ok}"),
    ("not", "!${f}"),
    ("length", '"${t}".length == 4'),
    ("indexOf", '"${t}".indexOf("ru") >= 0'),
    ("or", "${x} >= 3 || false"),
    ("arithmetic", "(${x} + 1) * 2 == 8"),
    ("undefined literal", '"${nope}" == "${nope}"'),
    ("undefined bare", "${nope} == 1"),
    ("parseInt", 'parseInt("${x}") === 3'),
    ("string order", '"abc" < "abd"'),
    ("Math.max", "Math.max(1, ${x}) == 3"),
    ("ternary", "${x} == 3 ? true : false"),
    ("null undefined", "null == undefined"),
    ("concat", '"a" + "b" == "ab"'),
    ("single quotes", "'${t}' == 'true'"),
    ("loose equal", '1 == "1"'),
    ("strict equal", '1 === "1"'),
    ("float", "0.1 + 0.2 == 0.3"),
    ("non-boolean and", 'true && "yes"'),
    ("toLowerCase", '"${T}".toLowerCase() == "true"'),
    ("number compare strings", '"10" > "9"'),
    ("number vs string", '"10" > 9'),
    ("in range", "${x} > 1 && ${x} < 5"),
    ("not equal", '"${t}" != "false"'),
    ("empty string", '"" == false'),
    ("NaN", "NaN == NaN"),
    ("boolean literal", "true"),
    ("false literal", "false"),
    ("blank", "   "),
]

PLANS["if_js"] = spec(
    PLAN("if js", [TG("JS", [S("start")] + [
        IF(name, cond, [S(name)], expression=False) for name, cond in JS_SHAPES] + [S("end")])],
        variables=[("t", "true"), ("T", "TRUE"), ("f", "false"), ("x", "3")]),
    "If Controller in JavaScript mode (useExpression=false): common condition shapes - "
    "comparisons, logic, string methods, parseInt, Math, typeof, ternary, coercions, undefined "
    "variables, non-boolean results, literals, blank")

PLANS["if_js_gaps"] = spec(
    PLAN("if js gaps", [TG("JS", [
        S("start"),
        IF("typeof", 'typeof "${t}" == "string"', [S("typeof")], expression=False),
        IF("vars", 'vars.get("t") == "true"', [S("vars")], expression=False),
        IF("props", 'props.get("nope") == null', [S("props")], expression=False),
        IF("ctx", "ctx.getThreadNum() == 0", [S("ctx")], expression=False),
        IF("Integer", 'Integer.parseInt("3") == 3', [S("Integer")], expression=False),
        IF("Math ok", "Math.abs(-3) == 3", [S("Math ok")], expression=False),
        S("js fn vars ${__javaScript(vars.get(\"t\"))}"),
        S("js fn Integer ${__javaScript(Integer.parseInt(\"3\"))}"),
        S("end"),
    ])], variables=[("t", "true")]),
    "If Controller JavaScript conditions at the edges: 'typeof'; no bindings in the If "
    "Controller (vars, props, ctx are ReferenceErrors, so false); no Java classes in "
    "JavaScript (Integer.parseInt), while __javaScript still sees vars")


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
        (r"a|b1\|b2|c", "RANDOM-BLOCK"),
        (r"x|y1|y2", "RANDOM-ONE"),
        (r"o1\|o2\|o3a\|o3b|o2\|o1\|o3a\|o3b|o1\|o3a\|o3b\|o2|o2\|o3a\|o3b\|o1|o3a\|o3b\|o1\|o2|"
         r"o3a\|o3b\|o2\|o1", "RANDOM-ORDER"),
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
    norm=collapse([(r"rt(?:\|rt)*", "RT*")]),
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
            out.append(row("blank-b", like=r))
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


def transaction_times(rows):
    """includeTimers: a 20 ms timer counts in 'TC timers' and 'TP timers', not in 'TC no
    timers' / 'TP no timers' (their child samples take no time)."""
    problems = []
    for r in rows:
        el = int(r["elapsed"] or 0)
        if r["label"] in ("TC timers", "TP timers") and el < 19:
            problems.append("%s took %d ms, expected >= 20 (timer included)" % (r["label"], el))
        if r["label"] in ("TC no timers", "TP no timers") and el >= 15:
            problems.append("%s took %d ms, expected < 15 (timer excluded)" % (r["label"], el))
    return problems


PLANS["transaction"] = spec(
    PLAN("transaction", [TG("Transactions", [
        TRANSACTION("TC", [S("a"), S("b", status="FAIL"), S("c")]),
        TRANSACTION("TC ok", [S("d")]),
        TRANSACTION("TC nested", [S("e"), TRANSACTION("TC inner", [S("f")]), S("g")]),
        TRANSACTION("TC empty", []),
        TRANSACTION("TC if false", [IF("no", "false", [S("never")], expression=True)]),
        TRANSACTION("TC timers", [TIMER("t", "20"), S("h")], include_timers=True),
        TRANSACTION("TC no timers", [TIMER("t", "20"), S("h2")], include_timers=False),
        TRANSACTION("TP timers", [TIMER("t", "20"), S("h3")], include_timers=True, parent=True),
        TRANSACTION("TP no timers", [TIMER("t", "20"), S("h4")], include_timers=False, parent=True),
        TRANSACTION("TC last if false", [S("i"), IF("no2", "false", [S("never2")], expression=True)]),
        TRANSACTION("TC loop", [LOOP("loop", "2", [S("j")])]),
        TRANSACTION("TP", [S("k"), S("l", status="FAIL", code="404"), S("m", status="FAIL")], parent=True),
        TRANSACTION("TP ok", [S("n")], parent=True),
        TRANSACTION("TP nested", [S("o"), TRANSACTION("TP inner", [S("p")], parent=True), S("q")], parent=True),
        TRANSACTION("TP with TC", [S("r"), TRANSACTION("TC in TP", [S("s")])], parent=True),
        TRANSACTION("TC with TP", [S("u"), TRANSACTION("TP in TC", [S("v")], parent=True)]),
        TRANSACTION("TP empty", [], parent=True),
        TRANSACTION("TP simple", [SIMPLE("simple", [S("w1"), S("w2")]), S("w3")], parent=True),
        TRANSACTION("TP with failing TC", [TRANSACTION("failing TC in TP", [S("x", status="FAIL")])], parent=True),
        TRANSACTION("TC with failing TP", [S("y"), TRANSACTION("TP two failures in TC", [
            S("z1", status="FAIL"), S("z2", status="FAIL", code="501")], parent=True)]),
        S("end"),
    ], loops=2), TG("First", [TRANSACTION("TC first", []), S("after")], loops=2)], serialize=True),
    "Transaction Controller in both modes: failing children, nested transactions of either mode, "
    "empty, with a false If (first and last child), timers included, a loop inside; run with "
    "sub-result rows off (2.13 writes none); an empty transaction before any sampler ran; "
    "elapsed times with and without timers",
    props={"jmeter.save.saveservice.subresults": "false"},
    checks=[transaction_times])


def tp_restart_path_213(rows):
    """On 'start next thread loop' JMeter 5.x walks up from the real sampler inside a
    parent-mode transaction (JMeterThread.findRealSampler); 2.13 walked up from the Transaction
    Controller, so the Simple Controller between them was not reset and resumed at 'g2' in the
    next iteration (2 samples in the transaction). 5.6 starts it over: g1, g2, g3."""
    out = []
    for r in rows:
        if r["label"] == "TP simple" and r["responseCode"] == "200":
            r = dict(r, responseMessage="Number of samples in transaction : 3, number of failing samples : 0")
        out.append(r)
    return out


def restart_group(name, children):
    return TG(name, [S("pre"), COUNTER("it")] + children + [S("end")], loops=2, on_error="startnextloop")


PLANS["transaction_restart"] = spec(
    PLAN("transaction restart", [
        restart_group("TC", [TRANSACTION("TC", [S("a"), SF("b ${it}", "${it} == 1"), S("c")])]),
        restart_group("TP", [TRANSACTION("TP", [S("d"), SF("e ${it}", "${it} == 1"), S("f")], parent=True)]),
        restart_group("TP simple", [TRANSACTION("TP simple", [
            SIMPLE("simple", [SF("g1 ${it}", "${it} == 1"), S("g2")]), S("g3")], parent=True)]),
        restart_group("TC nested", [TRANSACTION("TC outer", [
            TRANSACTION("TC inner", [SF("h ${it}", "${it} == 1")]), S("i")])]),
        restart_group("TP nested", [TRANSACTION("TP outer", [
            TRANSACTION("TP inner", [SF("k1 ${it}", "${it} == 1"), S("k2")], parent=True)], parent=True)]),
        restart_group("TC in loop", [TRANSACTION("TC loop", [LOOP("loop", "2", [
            COUNTER("n"), SF("m ${n}", "${n} == 1")]), S("o")])]),
        restart_group("TC timers", [TRANSACTION("TC timers", [
            TIMER("t", "10"), S("p"), SF("q ${it}", "${it} == 1")], include_timers=True)]),
    ], serialize=True),
    "Transaction Controllers (both modes, nested, with a Simple Controller or a loop inside, "
    "timers included) cut short by on_sample_error=startnextloop, one thread group each",
    props={"jmeter.save.saveservice.subresults": "false"},
    diffs56=[tp_restart_path_213])

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
        TG("In transactions", [COUNTER("it"),
                               TRANSACTION("TC", [S("a"), IF("first", "${it} == 1", [ACTION("restart", 3)]), S("b")]),
                               TRANSACTION("TP", [S("c"), IF("second", "${it} == 2", [ACTION("restart", 3)]),
                                                  S("d")], parent=True),
                               S("end")], loops=3),
        TG("Stop thread", [S("s1"), ACTION("stop", 0), S("s2")], loops=2),
    ], serialize=True),
    "Flow Control Action: start next thread loop inside a nested loop and inside transactions "
    "of both modes (a cut non-parent transaction is reported with last_sample_ok and no code), "
    "pause, stop thread (the actions JMeter 2.13 knows)",
    props={"jmeter.save.saveservice.subresults": "false"})

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
    do nothing, and the record shows the plain walk. The rows below are what 5.6 does, derived
    from JMeterThread.continueOnCurrentLoop / breakOnCurrentLoop (the innermost Loop, While or
    ForEach on the sampler's path gets startNextLoop() / breakLoop(), the controllers below it
    triggerEndOfLoop(); at thread-group level the thread's own loop) and LoopController,
    WhileController, ForeachController.startNextLoop / breakLoop (a broken ForEach starts over
    when reached again; a broken thread loop ends the thread). '!' marks a failing sample."""
    exp = {
        # loop of 3; 'continue' when c % 3 == 2 skips 'm 2' and 'm 5'
        "Continue 1-1": "a, l 1, m 1, l 2, l 3, m 3, after, a, l 4, m 4, l 5, l 6, m 6, after",
        # loop of 3; 'break' when c == 2 leaves the loop; next time the loop starts over
        "Break 2-1": "a, l 1, m 1, l 2, after, a, l 3, m 3, l 4, m 4, l 5, m 5, after",
        # at thread-group level: 'continue' starts the next thread iteration, 'break' ends the thread
        "TG continue 3-1": "a, b!, a, b!",
        "TG break 4-1": "a",
        # Result Status Action Handler 'continue' in a While: y is skipped after a failing x
        "RA continue 5-1": "w 1, x 1!, w 2, x 2, y 2, w 3, x 3!, end",
        # Result Status Action Handler 'break' in a ForEach inside a loop of 2
        "RA break 6-1": "fe a, fe2 a, fe b, fe2 b!, fe a, fe2 a, fe b, fe2 b!, end",
        # 'break' in an inner loop leaves only that loop; it starts over on the outer's next pass
        "Break nested 7-1": "d 1, e 1, d 2, o 1, d 3, e 3, d 4, e 4, d 5, e 5, o 2",
        # 'continue' in a ForEach goes on with the next value
        "FE continue 8-1": "v a, v b, w b, v c, w c, end",
        # 'continue' inside a parent-mode transaction in a loop: the transaction ends with what
        # it has (TransactionController.triggerEndOfLoop, then doEndTransactionSampler)
        "TP continue 9-1": "TP1, TP2",
    }
    tp = "Number of samples in transaction : %d, number of failing samples : 0"
    out = []
    for thread, labels in exp.items():
        for lab in labels.split(", "):
            ok = not lab.endswith("!")
            r = row(lab.rstrip("!"), "200" if ok else "500", ok)
            if lab.startswith("TP"):
                r = row("TP", message=tp % int(lab[2]))
            r["threadName"] = thread
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
        TG("Break nested", [LOOP("outer", "2", [COUNTER("c"), LOOP("inner", "3", [
            COUNTER("d"), S("d ${d}"), IF("d is 2", "${d} == 2", [ACTION("break", 5)]), S("e ${d}")]),
            S("o ${c}")])]),
        TG("FE continue", [FOREACH("fe", "in", "v", [S("v ${v}"), IF("a", '"${v}" == "a"', [ACTION("continue", 4)]),
                                                      S("w ${v}")]), S("end")]),
        TG("TP continue", [LOOP("loop", "2", [COUNTER("c"), TRANSACTION("TP", [
            S("a"), IF("first", "${c} == 1", [ACTION("continue", 4)]), S("b")], parent=True)])]),
    ], serialize=True, variables=[("in_1", "a"), ("in_2", "b"), ("in_3", "c")]),
    "5.x loop actions: Flow Control Action 'start next iteration of current loop' and 'break "
    "current loop' in a loop and at thread-group level; Result Status Action Handler with the "
    "same actions in a While and in a ForEach (no JMeter 2.13 equivalent: expected rows derived "
    "from 5.6's sources); 'break' in an inner loop, 'continue' in a ForEach and inside a "
    "parent-mode transaction",
    props={"jmeter.save.saveservice.subresults": "false"},
    diffs56=[actions56_expected])

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
    """setUp before main before tearDown; serialised main groups one after the other (from the
    samples' start and end times: every sample sleeps 20 ms)."""
    spans = {}
    for r in rows:
        g = re.sub(r" \d+-\d+$", "", r["threadName"])
        start, end = int(r["timeStamp"]), int(r["timeStamp"]) + int(r["elapsed"] or 0)
        lo, hi = spans.get(g, (start, end))
        spans[g] = (min(lo, start), max(hi, end))
    order = [g for g in ("Setup", "Main A", "Main B", "Teardown") if g in spans]
    return ["%s (%d..%d) overlaps %s (%d..%d)" % (a, *spans[a], b, *spans[b])
            for a, b in zip(order, order[1:]) if spans[a][1] > spans[b][0]]


PLANS["groups"] = spec(
    PLAN("groups", [
        TG("Setup", [SLEEP("setup ${__threadNum}", 20)], kind="SetupThreadGroup"),
        TG("Main A", [SLEEP("A ${__threadNum}", 20), S("A2")], threads=2, loops=2),
        TG("Disabled", [S("never")], enabled=False),
        TG("Main B", [SLEEP("B ${__threadNum}", 20)]),
        TG("Teardown", [SLEEP("teardown", 20)], kind="PostThreadGroup"),
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


# ---- 'start next thread loop' through every kind of controller ------------------------------


def restarting(name, children, loops=3, threads=1):
    return TG(name, [COUNTER("it")] + children + [S("end ${it}")], loops=loops, threads=threads,
              on_error="startnextloop")


PLANS["restart_paths"] = spec(
    PLAN("restart paths", [
        restarting("Interleave", [INTERLEAVE("il", 1, [S("a"), SF("b ${it}", "true"), S("c")])], loops=4),
        restarting("Switch", [SWITCH("sw", "1", [S("s0"), SIMPLE("s1", [SF("s1a ${it}", "${it} == 1"),
                                                                         S("s1b")])])]),
        restarting("Once only", [ONCE("once", [S("o1"), SF("o2 ${it}", "${it} == 1")]), S("x")], loops=4),
        restarting("ForEach", [FOREACH("fe", "in", "v", [LOOP("two", "2", [COUNTER("n"),
                                                                           SF("fe ${v} ${n}", "${n} == 3")])])]),
        restarting("While", [WHILE("w", js("${wn} < 4"), [COUNTER("wn", start=1), LOOP("two", "2", [
            SF("w ${wn}", "${wn} == 2")])])], loops=2),
        restarting("If evaluate all", [IF("ea", "true", [S("i1"), SF("i2 ${it}", "${it} == 1"), S("i3")],
                                          expression=True, evaluate_all=True)]),
        restarting("Random order", [RANDOM_ORDER("ro", [S("r1"), SF("r2", "true"), S("r3")])], loops=6),
        restarting("Throughput", [THROUGHPUT("tp", 1, [SF("t ${it}", "${it} == 2"), S("t2")], percent=50.0)],
                   loops=6),
        restarting("Runtime", [RUNTIME("rt", "5", [SF("rt ${it}", "true")])]),
        restarting("Module", [MODULE("mod", ["Test Plan", "restart paths", "Frag"]), S("after")]),
        restarting("Include", [INCLUDE("inc", "include_fragment.jmx"), S("after")]),
        restarting("Critical", [CRITICAL("cs", "restart-lock", [S("c1"), SF("c2 ${it}", "${it} == 2"),
                                                                 S("c3")])], threads=2),
        FRAGMENT("Frag", [S("f1"), SF("f2 ${it}", "${it} == 1"), LOOP("fl", "2", [S("f3")])]),
    ], serialize=True, variables=[("in_1", "a"), ("in_2", "b")]),
    "on_sample_error=startnextloop inside Interleave (position kept), Switch, Once Only (re-armed "
    "by the restart), ForEach and While with loops inside, If with evaluateAll, Random Order, "
    "Throughput, Runtime, a Module and an Include Controller, and a Critical Section (the lock "
    "must be released: two users)",
    norm=collapse([(r"(?:r1\|r3\||r3\|r1\||r1\||r3\|)?r2", "RANDOM-ORDER-TO-R2")]))

def loop_listener_213(rows):
    """In 5.x a Loop Controller is an iteration listener of its parent (LoopController
    implements LoopIterationListener: iterationStart -> reInitialize + resetLoopCount). Its
    first run ended in next() itself (endOfLoop once the count read again became 2 at the
    third pass), which leaves the count at its end; 2.13 never ran it again, 5.6 starts it
    over at the next thread-group iteration: 'm 4' and 'm 5' (the count 2 read on entry,
    kept although m became -1)."""
    out = []
    for r in rows:
        out.append(r)
        if r["label"] == "n=1" and len([x for x in out if x["label"] == "n=1"]) == 3:
            out += [row("m 4", like=r), row("m 5", like=r)]
    return out


# ---- loop counts read again or kept -----------------------------------------------------------------
PLANS["loop_counts"] = spec(
    PLAN("loop counts", [
        TG("Counts", [
            LOOP("from n", "${n}", [S("n=${n}", data="n=1", children=[REGEX("n", "n=(\\d+)")])]),
            LOOP("from m", "${m}", [COUNTER("mc"), S("m ${mc}", data=js('${mc} == 3 ? "m=2" : "m=-1"'),
                                                   children=[REGEX("m", "m=(-?\\d+)")])]),
            LOOP("spaces", " 2", [S("spaces")]),
            LOOP("plus", "+2", [S("plus")]),
            LOOP("decimal", "2.0", [S("decimal")]),
            LOOP("huge", "99999999999", [S("huge")]),
            RUNTIME("rt spaces", " 1", [S("rt-spaces")]),
            S("end"),
        ], loops=2),
        TG("TG zero", [S("never")], loops="0"),
        TG("TG blank", [S("never")], loops=""),
        TG("TG spaces", [S("tg-spaces")], loops=" 2"),
        TG("TG forever", [COUNTER("f"), S("f ${f}"), IF("third", "${f} == 3", [ACTION("stop", 0)])], loops="-1"),
    ], serialize=True, variables=[("n", "3"), ("m", "-1")]),
    "loop counts: kept for the whole loop once read (n changed inside), read again while "
    "infinite (-1 changed to 2 inside), blanks, sign, decimal, out of int range; Runtime "
    "seconds with a blank; thread-group loops 0, blank, with a blank, forever until a "
    "Flow Control stop",
    diffs56=[loop_listener_213])

# ---- a thread stopping inside open transactions ---------------------------------------------------------


def stop_open_tp_213(rows):
    """When a thread stops while a parent-mode transaction is open, 5.x ends it and reports
    its sample (JMeterThread.processSampler: '!running && transactionResult == null &&
    transactionSampler != null' -> doEndTransactionSampler) as it stands: never marked done, so
    without the 'Number of samples' message; 2.13 dropped it."""
    out = []
    for r in rows:
        out.append(r)
        if r["threadName"].startswith("TP stop") and r["label"] == "pre":
            out.append(row("TP", "500", False, "", like=r))
    return out


PLANS["stop_in_transaction"] = spec(
    PLAN("stop in transaction", [
        TG("TC stop", [S("pre"), TRANSACTION("TC", [S("a"), S("b", status="FAIL"), S("c")])],
           on_error="stopthread", loops=2),
        TG("TP stop", [S("pre"), TRANSACTION("TP", [S("d"), S("e", status="FAIL"), S("f")], parent=True)],
           on_error="stopthread", loops=2),
        TG("TC action stop", [TRANSACTION("TC2", [S("g"), ACTION("stop", 0), S("h")]), S("i")], loops=2),
    ], serialize=True),
    "a thread that stops (on_sample_error=stopthread, Flow Control Action stop) while a "
    "non-parent or parent-mode Transaction Controller is open",
    props={"jmeter.save.saveservice.subresults": "false"},
    diffs56=[stop_open_tp_213])

# ---- more Interleave / Random edge cases -------------------------------------------------------------
PLANS["interleave_edges"] = spec(
    PLAN("interleave edges", [TG("Edges", [
        COUNTER("it"),
        INTERLEAVE("if style 0", 0, [S("a"), IF("odd", js("${it} % 2 == 1"), [S("b1"), S("b2")],
                                                   expression=True), S("c")]),
        INTERLEAVE("all false", 1, [IF("never1", "false", [S("n1")], expression=True),
                                    IF("never2", "false", [S("n2")], expression=True)]),
        INTERLEAVE("done child", 1, [S("d1"), LOOP("once", "2", [S("d2")], forever=False), S("d3")]),
        INTERLEAVE("done child 0", 0, [S("e1"), LOOP("once0", "2", [S("e2")], forever=False)]),
        INTERLEAVE("loop child 0", 0, [S("f1"), LOOP("loop0", "2", [S("f2"), S("f3")])]),
        INTERLEAVE("tc child", 1, [TRANSACTION("TCi", [S("g1"), S("g2")]), S("g3")]),
        RANDOM("random if", 1, [IF("no", "false", [S("never")], expression=True)]),
        SWITCH("switch interleave", "0", [INTERLEAVE("in switch", 1, [S("h1"), S("h2")])]),
        S("end"),
    ], loops=6)]),
    "Interleave: style 0 over an If that is false (JMeter recurses until StackOverflowError "
    "and the thread dies in its second iteration), children that all return nothing, a child "
    "that becomes done (both styles), a loop child taken one sampler at a time, a Transaction "
    "Controller child; a Random Controller whose only child never runs; an Interleave under a "
    "Switch",
    props={"jmeter.save.saveservice.subresults": "false"})

# ---- Result Status Action Handler and transactions --------------------------------------------------
PLANS["result_action_tx"] = spec(
    PLAN("result action tx", [
        TG("In TC", [S("pre"), TRANSACTION("TC", [S("a"), S("b", status="FAIL"), S("c"),
                                                   RESULT_ACTION("ra", 4)]), S("end")], loops=2),
        TG("In TP", [S("pre"), TRANSACTION("TP", [S("d"), S("e", status="FAIL"), S("f"),
                                                   RESULT_ACTION("ra", 4)], parent=True), S("end")], loops=2),
        TG("Above TP", [S("pre"), TRANSACTION("TP2", [S("g"), S("h", status="FAIL"), S("i")], parent=True),
                        S("end"), RESULT_ACTION("ra", 1)], loops=2),
    ], serialize=True),
    "Result Status Action Handler inside a non-parent transaction (acts on the children), "
    "inside a parent-mode one and above one (receives only the transaction's sample, whose "
    "actions JMeter does not apply)",
    props={"jmeter.save.saveservice.subresults": "false"})


# ---- 5.x: loops restart when their parent starts an iteration; __jm__<name>__idx ------------------------


def loop_reset_213(rows):
    """5.x registers Loop, While and ForEach Controllers as iteration listeners of their parent
    (IteratingController extends LoopIterationListener; iterationStart -> reInitialize +
    resetLoopCount). Here an If with evaluateAll cuts the inner loop after two passes
    (initializeSubControllers does not reset a LoopController's count); at the next
    thread-group iteration 2.13 finished the old count (k 3, k 4), 5.6 starts the loop over
    when the If starts its iteration: k 3, k 4, k 5."""
    out = []
    for r in rows:
        out.append(r)
        if r["label"] == "k 4":
            out.append(row("k 5", like=r))
    return out


PLANS["loop_listeners"] = spec(
    PLAN("loop listeners", [TG("Listeners", [
        S("reset", data="go=true", children=[REGEX("go", "go=(\\w+)")]),
        IF("gate", "${go}", [LOOP("inner", "3", [
            COUNTER("k"),
            S("k ${k}", data=js('${k} == 2 ? "go=false" : "go=true"'), children=[REGEX("go", "go=(\\w+)")]),
        ])], expression=True, evaluate_all=True),
        S("end"),
    ], loops=2)]),
    "a Loop Controller cut short by its parent (an If with evaluateAll) starts over when the "
    "parent starts its next iteration (5.x iteration listener)",
    diffs56=[loop_reset_213])


def idx56_expected(rows):
    """__jm__<name>__idx is 5.x only (2.13 leaves ${__jm__L__idx} as is). Values derived from
    5.6's LoopController / WhileController / ForeachController.next(), which publish the loop
    counter (While: the iteration count) before and after each call: inside a Loop 0, 1...;
    after a Loop ended 0 (the count was reset); a While's condition sees the index of the
    previous pass at the end of a pass; the thread group's own index counts its iterations."""
    out = []
    for it in ("0", "1"):
        for lab in ["L0 T" + it, "L1 T" + it, "after L0", "W0", "W1", "after W0", "F0 a", "F1 b", "after F0"]:
            r = row(lab)
            r["threadName"] = "T 1-1"
            out.append(r)
    return out


PLANS["idx56"] = spec(
    PLAN("idx", [TG("T", [
        LOOP("L", "2", [S("L${__jm__L__idx} T${__jm__T__idx}")]),
        S("after L${__jm__L__idx}"),
        WHILE("W", js("\"${__jm__W__idx}\" < 2"), [S("W${__jm__W__idx}")]),
        S("after W${__jm__W__idx}"),
        FOREACH("F", "in", "v", [S("F${__jm__F__idx} ${v}")]),
        S("after F${__jm__F__idx}"),
    ], loops=2)], variables=[("in_1", "a"), ("in_2", "b")]),
    "the 5.x __jm__<name>__idx variables of Loop, While, ForEach and the thread group, inside "
    "and after each loop (no 2.13 equivalent: expected values derived from 5.6's sources)",
    diffs56=[idx56_expected])


# ---- Test Plan level elements ------------------------------------------------------------------------
PLANS["test_plan_level"] = spec(
    PLAN("test plan level", [
        COUNTER("tp"),
        RESULT_ACTION("stop thread on error", 1),
        TG("A", [S("a ${tp}"), SF("b ${tp}", "${tp} == 2")], loops=3),
        TG("B", [S("c ${tp}")], loops=2),
    ], serialize=True),
    "config and listener elements at Test Plan level apply to every thread group: a Counter "
    "(iteration listener of each group) and a Result Status Action Handler (stop thread)")


def write_all(directory):
    for name, sp in PLANS.items():
        with open(os.path.join(directory, name + ".jmx"), "w", encoding="utf-8") as f:
            f.write(render(sp.plan, "%s: %s. Generated by plans.py." % (name, sp.what)))
    with open(os.path.join(directory, "include_fragment.jmx"), "w", encoding="utf-8") as f:
        f.write(render(INCLUDED, "The Test Fragment read by modules.jmx's Include Controller. "
                                 "Generated by plans.py."))


if __name__ == "__main__":
    write_all(os.path.dirname(os.path.abspath(__file__)))
