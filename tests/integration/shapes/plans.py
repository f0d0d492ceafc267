#!/usr/bin/env python3
"""plans.py OUTDIR - writes the load-shape test plans (thread groups and
throughput timers) into OUTDIR, one .jmx per case.

Every plan has an "anchor" Thread Group of one user whose single Debug
Sampler runs at the test's start: its timestamp is t = 0 for the checks in
test_load_shapes.sh. Samplers are Debug Samplers (no network); a Constant
Timer or a Java Request sleep gives them duration where a case needs busy
users. ${__P(...)} appears in the fields, as real plans use it."""
import os
import sys
from xml.sax.saxutils import escape, quoteattr


def prop(name, value):
    if isinstance(value, bool):
        return f'<boolProp name={quoteattr(name)}>{"true" if value else "false"}</boolProp>'
    return f'<stringProp name={quoteattr(name)}>{escape(str(value))}</stringProp>'


def element(tag, name, props, children=(), guiclass=None, testclass=None):
    attrs = f'guiclass={quoteattr(guiclass or tag)} testclass={quoteattr(testclass or tag)} ' \
            f'testname={quoteattr(name)} enabled="true"'
    body = "".join(props)
    return f'<{tag} {attrs}>{body}</{tag}>\n<hashTree>\n{"".join(children)}</hashTree>\n'


def loop_controller(loops):
    return ('<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
            'guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" '
            f'enabled="true">{prop("LoopController.continue_forever", False)}'
            f'{prop("LoopController.loops", loops)}</elementProp>')


def debug(name, children=()):
    return element("DebugSampler", name, [prop("displayJMeterProperties", False),
                                          prop("displayJMeterVariables", False),
                                          prop("displaySystemProperties", False)],
                   children, guiclass="TestBeanGUI")


def constant_timer(ms):
    return element("ConstantTimer", f"wait {ms}", [prop("ConstantTimer.delay", ms)],
                   guiclass="ConstantTimerGui")


def sleeper(name, ms):
    """A Java Request (JavaTest) that takes ms to answer: a slow server."""
    args = "".join(
        f'<elementProp name="{k}" elementType="Argument"><stringProp name="Argument.name">{k}'
        f'</stringProp><stringProp name="Argument.value">{v}</stringProp></elementProp>'
        for k, v in (("Sleep_Time", ms), ("Sleep_Mask", 0), ("Label", name),
                     ("ResponseCode", 200), ("Status", "OK")))
    return element("JavaSampler", name,
                   ['<elementProp name="arguments" elementType="Arguments"><collectionProp '
                    f'name="Arguments.arguments">{args}</collectionProp></elementProp>',
                    prop("classname", "org.apache.jmeter.protocol.java.test.JavaTest")],
                   guiclass="JavaTestSamplerGui")


def thread_group(name, threads, loops, children, duration=None):
    props = [prop("ThreadGroup.on_sample_error", "continue"), loop_controller(loops),
             prop("ThreadGroup.num_threads", threads), prop("ThreadGroup.ramp_time", 0),
             prop("ThreadGroup.scheduler", duration is not None),
             prop("ThreadGroup.duration", duration or ""), prop("ThreadGroup.delay", "")]
    return element("ThreadGroup", name, props, children, guiclass="ThreadGroupGui")


def anchor():
    return thread_group("anchor", 1, 1, [debug("anchor")])


def plan(name, groups):
    tp = element("TestPlan", name, [prop("TestPlan.functional_mode", False),
                                    prop("TestPlan.serialize_threadgroups", False)],
                 [anchor()] + groups, guiclass="TestPlanGui")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<jmeterTestPlan version="1.2" '
            f'properties="5.0" jmeter="5.6.3">\n<hashTree>\n{tp}</hashTree>\n</jmeterTestPlan>\n')


def stepping():
    # N=4, delay 1 s, 2 users a step every 1 s, hold 1 s, stop 2 every 1 s:
    # users 1-2 live 1 s .. 3 s, users 3-4 2 s .. 4 s.
    props = [prop("ThreadGroup.on_sample_error", "continue"), loop_controller(-1),
             prop("ThreadGroup.num_threads", "${__P(stepping.users,4)}"),
             prop("Threads initial delay", 1), prop("Start users count", 2),
             prop("Start users count burst", 0), prop("Start users period", 1),
             prop("Stop users count", 2), prop("Stop users period", 1),
             prop("flighttime", 1), prop("rampUp", 0)]
    tg = element("kg.apc.jmeter.threads.SteppingThreadGroup", "stepping", props,
                 [debug("step", [constant_timer(100)])],
                 guiclass="kg.apc.jmeter.threads.SteppingThreadGroupGui")
    return plan("stepping", [tg])


def ultimate():
    # rows (threads, delay, startup, hold, shutdown): (2,1,2,1,0) -> users 1: 3 s..4 s,
    # 2: 2 s..4 s; (1,0,0,2,0) -> user 3: 0 s..2 s
    rows = [(2, "${__P(ultimate.delay,1)}", 2, 1, 0), (1, 0, 0, 2, 0)]
    data = "".join('<collectionProp name="row">' + "".join(
        f'<stringProp name="{i}">{escape(str(v))}</stringProp>' for i, v in enumerate(r))
        + "</collectionProp>" for r in rows)
    props = [prop("ThreadGroup.on_sample_error", "continue"), loop_controller(-1),
             f'<collectionProp name="ultimatethreadgroupdata">{data}</collectionProp>']
    tg = element("kg.apc.jmeter.threads.UltimateThreadGroup", "ultimate", props,
                 [debug("ult", [constant_timer(100)])],
                 guiclass="kg.apc.jmeter.threads.UltimateThreadGroupGui")
    return plan("ultimate", [tg])


def concurrency_group(name, target, ramp, steps, hold, iterations, children):
    props = [prop("ThreadGroup.on_sample_error", "continue"),
             '<elementProp name="ThreadGroup.main_controller" elementType='
             '"com.blazemeter.jmeter.control.VirtualUserController"/>',
             prop("TargetLevel", target), prop("RampUp", ramp), prop("Steps", steps),
             prop("Hold", hold), prop("LogFilename", ""), prop("Iterations", iterations),
             prop("Unit", "S")]
    return element("com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroup", name, props,
                   children, guiclass="com.blazemeter.jmeter.threads.concurrency."
                                      "ConcurrencyThreadGroupGui")


def concurrency():
    # 4 users reached in 2 steps over 2 s (2, then 4 at 1 s), held 1 s: all stop at 3 s.
    a = concurrency_group("conc", "${__P(conc.target,4)}", 2, 2, 1, "",
                          [debug("conc", [constant_timer(100)])])
    # 2 users, each leaving after 2 iterations of 300 ms and replaced, for 2 s.
    b = concurrency_group("iter", 2, 0, "", 2, 2, [debug("iter", [constant_timer(300)])])
    return plan("concurrency", [a, b])


def arrivals_group(kind, name, props, children):
    return element(f"com.blazemeter.jmeter.threads.arrivals.{kind}", name,
                   [prop("ThreadGroup.on_sample_error", "continue"),
                    '<elementProp name="ThreadGroup.main_controller" elementType='
                    '"com.blazemeter.jmeter.control.VirtualUserController"/>'] + props,
                   children, guiclass=f"com.blazemeter.jmeter.threads.arrivals.{kind}Gui")


def arrivals():
    # 10 arrivals a second for 2 s, each busy 250 ms: 20 samples by about 3 pooled users.
    a = arrivals_group("ArrivalsThreadGroup", "arr",
                       [prop("TargetLevel", "${__P(arr.rate,10)}"), prop("RampUp", 0),
                        prop("Steps", 0), prop("Hold", 2), prop("Unit", "S"),
                        prop("ConcurrencyLimit", ""), prop("Iterations", "")],
                       [debug("arr", [constant_timer(250)])])
    # the same rate with at most one busy user: arrivals while it is busy are dropped.
    b = arrivals_group("ArrivalsThreadGroup", "limited",
                       [prop("TargetLevel", 10), prop("RampUp", 0), prop("Steps", 0),
                        prop("Hold", 2), prop("Unit", "S"), prop("ConcurrencyLimit", 1),
                        prop("Iterations", "")],
                       [debug("limited", [constant_timer(250)])])
    # free-form: 5/s for 1 s, then 20/s for 1 s: 25 arrivals.
    sched = ('<collectionProp name="Schedule"><collectionProp name="r1">'
             '<stringProp name="a">5</stringProp><stringProp name="b">5</stringProp>'
             '<stringProp name="c">1</stringProp></collectionProp><collectionProp name="r2">'
             '<stringProp name="a">20</stringProp><stringProp name="b">20</stringProp>'
             '<stringProp name="c">1</stringProp></collectionProp></collectionProp>')
    c = arrivals_group("FreeFormArrivalsThreadGroup", "freeform",
                       [sched, prop("Unit", "S"), prop("ConcurrencyLimit", ""),
                        prop("Iterations", "")],
                       [debug("freeform")])
    return plan("arrivals", [a, b, c])


def open_model():
    # 20 arrivals evenly over 2 s, then a pause so that the last ones finish.
    props = [prop("OpenModelThreadGroup.schedule",
                  "rate(${__P(om.rate,10)}/s) even_arrivals(2 s) pause(1s) /* then stop */"),
             prop("OpenModelThreadGroup.random_seed", 42),
             '<elementProp name="ThreadGroup.main_controller" elementType='
             '"org.apache.jmeter.threads.openmodel.OpenModelThreadGroupController"/>']
    tg = element("OpenModelThreadGroup", "open", props,
                 [debug("om1"), debug("om2", [constant_timer(50)])],
                 guiclass="OpenModelThreadGroupGui")
    return plan("open_model", [tg])


def ctt_timer(per_minute, mode):
    return element("ConstantThroughputTimer", f"ctt {mode}",
                   [f'<doubleProp><name>throughput</name><value>{per_minute}</value>'
                    '<savedValue>0.0</savedValue></doubleProp>', f'<intProp name="calcMode">{mode}</intProp>'],
                   guiclass="TestBeanGUI")


def ptt_timer(throughput, period, duration):
    props = [f'<doubleProp><name>throughput</name><value>{throughput}</value>'
             '<savedValue>0.0</savedValue></doubleProp>',
             f'<intProp name="throughputPeriod">{period}</intProp>',
             f'<longProp name="duration">{duration}</longProp>',
             '<intProp name="batchSize">1</intProp>', '<intProp name="batchThreadDelay">0</intProp>',
             '<longProp name="randomSeed">7</longProp>']
    return element("PreciseThroughputTimer", "ptt", props, guiclass="TestBeanGUI")


def throughput():
    # one user at 600/min (10/s) for 3 s: 30 samples
    a = thread_group("ctt one", 1, -1, [ctt_timer(600, 0), debug("ctt one")], duration=3)
    # three users sharing 600/min: 30 samples between them
    b = thread_group("ctt shared", 3, -1, [ctt_timer(600, 3), debug("ctt shared")], duration=3)
    # Precise Throughput Timer: 20 a second over 3 s, 4 users: 60 samples exactly
    c = thread_group("ptt", 4, -1, [ptt_timer(20, 1, 3), debug("ptt")], duration=3)
    return plan("throughput", [a, b, c])


def omission():
    # one user paced at 10/s by each timer, against a server answering in 300 ms:
    # the schedule falls behind, which the coordinated-omission table must show.
    a = thread_group("slow ctt", 1, 6, [ctt_timer(600, 0), sleeper("slow ctt", 300)])
    b = thread_group("slow ptt", 1, 6, [ptt_timer(10, 1, 10), sleeper("slow ptt", 300)])
    return plan("omission", [a, b])


PLANS = {"stepping": stepping, "ultimate": ultimate, "concurrency": concurrency,
         "arrivals": arrivals, "open_model": open_model, "throughput": throughput,
         "omission": omission}

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, make in PLANS.items():
        with open(os.path.join(out, name + ".jmx"), "w", encoding="utf-8") as f:
            f.write(make())
