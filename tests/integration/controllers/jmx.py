"""jmx.py - a tiny builder for JMeter test plans in JMeter's save format (the
form JMeter 2.13 and 5.6 both load), used by plans.py to write the controller
plans of this directory. Every element is (xml, children); render() pairs each
element with its <hashTree> as JMeter does.

Samplers are Java Requests running JMeter's built-in JavaTest class: no sleep,
a label, a response code and a status (OK / FAIL), all templated, so the JTL
shows exactly which sampler ran, in which order, with which variable values.
"""
from xml.sax.saxutils import escape, quoteattr


def _p(kind, name, value):
    if isinstance(value, bool):
        value = "true" if value else "false"
    return '<%s name=%s>%s</%s>' % (kind, quoteattr(name), escape(str(value)), kind)


def s(name, value):
    return _p("stringProp", name, value)


def b(name, value):
    return _p("boolProp", name, value)


def i(name, value):
    return _p("intProp", name, value)


def fl(name, value):
    return ("<FloatProperty><name>%s</name><value>%s</value><savedValue>0.0</savedValue>"
            "</FloatProperty>" % (escape(name), value))


def _open(tag, gui, test, name, props, enabled=True):
    head = '<%s guiclass="%s" testclass="%s" testname=%s enabled="%s">' % (
        tag, gui, test, quoteattr(name), "true" if enabled else "false")
    return head + "".join(props) + "</%s>" % tag


def el(tag, gui, name, props=(), children=(), test=None, enabled=True):
    return (_open(tag, gui, test or tag, name, props, enabled), list(children))


def _arg_collection(pairs):
    items = "".join(
        '<elementProp name=%s elementType="Argument">%s%s%s</elementProp>' % (
            quoteattr(k), s("Argument.name", k), s("Argument.value", v), s("Argument.metadata", "="))
        for k, v in pairs)
    return '<collectionProp name="Arguments.arguments">%s</collectionProp>' % items


def args(pairs, name="arguments"):
    return ('<elementProp name="%s" elementType="Arguments" guiclass="ArgumentsPanel" testclass="Arguments" '
            'enabled="true">%s</elementProp>' % (name, _arg_collection(pairs)))


# ------------------------------------------------------------------ samplers

def S(label, status="OK", code=None, children=(), name=None, enabled=True, data=""):
    """A JavaTest Java Request: label, code (200 / 500 by default), status, response data."""
    if code is None:
        code = "500" if status == "FAIL" else "200"
    pairs = [("Sleep_Time", "0"), ("Sleep_Mask", "0"), ("Label", label), ("ResponseCode", code),
             ("ResponseMessage", ""), ("Status", status), ("SamplerData", ""), ("ResultData", data)]
    props = [args(pairs), s("classname", "org.apache.jmeter.protocol.java.test.JavaTest")]
    return el("JavaSampler", "JavaTestSamplerGui", name or label, props, children, enabled=enabled)


def SLEEP(label, ms, children=()):
    pairs = [("Sleep_Time", str(ms)), ("Sleep_Mask", "0"), ("Label", label), ("ResponseCode", "200"),
             ("ResponseMessage", ""), ("Status", "OK"), ("SamplerData", ""), ("ResultData", "")]
    props = [args(pairs), s("classname", "org.apache.jmeter.protocol.java.test.JavaTest")]
    return el("JavaSampler", "JavaTestSamplerGui", label, props, children)


def DEBUG(name, children=()):
    return el("DebugSampler", "TestBeanGUI", name,
              [b("displayJMeterProperties", False), b("displayJMeterVariables", True),
               b("displaySystemProperties", False)], children)


# Flow Control Action (TestAction): 0 stop, 1 pause, 2 stop now, 3 start next thread loop,
# 4 start next iteration of current loop (5.x), 5 break current loop (5.x); target 0 thread, 2 test
def ACTION(name, action, target=0, duration="0", children=()):
    return el("TestAction", "TestActionGui", name,
              [i("ActionProcessor.action", action), i("ActionProcessor.target", target),
               s("ActionProcessor.duration", duration)], children)


# ----------------------------------------------------------------- controllers

def SIMPLE(name, children=(), enabled=True):
    return el("GenericController", "LogicControllerGui", name, [], children, enabled=enabled)


def LOOP(name, loops, children=(), forever=True):
    return el("LoopController", "LoopControlPanel", name,
              [b("LoopController.continue_forever", forever), s("LoopController.loops", loops)], children)


def WHILE(name, condition, children=()):
    return el("WhileController", "WhileControllerGui", name, [s("WhileController.condition", condition)],
              children)


def FOREACH(name, input_prefix, ret, children=(), sep=True, start=None, end=None):
    props = [s("ForeachController.inputVal", input_prefix), s("ForeachController.returnVal", ret),
             b("ForeachController.useSeparator", sep)]
    if start is not None:
        props.append(s("ForeachController.startIndex", start))
    if end is not None:
        props.append(s("ForeachController.endIndex", end))
    return el("ForeachController", "ForeachControlPanel", name, props, children)


def IF(name, condition, children=(), expression=None, evaluate_all=False):
    props = [s("IfController.condition", condition), b("IfController.evaluateAll", evaluate_all)]
    if expression is not None:
        props.append(b("IfController.useExpression", expression))
    return el("IfController", "IfControllerPanel", name, props, children)


def ONCE(name, children=()):
    return el("OnceOnlyController", "OnceOnlyControllerGui", name, [], children)


def INTERLEAVE(name, style, children=(), across=None):
    props = [i("InterleaveControl.style", style)]
    if across is not None:
        props.append(b("InterleaveControl.accrossThreads", across))
    return el("InterleaveControl", "InterleaveControlGui", name, props, children)


def RANDOM(name, style, children=()):
    return el("RandomController", "RandomControlGui", name, [i("InterleaveControl.style", style)], children)


def RANDOM_ORDER(name, children=()):
    return el("RandomOrderController", "RandomOrderControllerGui", name, [], children)


def THROUGHPUT(name, style, children=(), per_thread=True, max_tp=1, percent=100.0):
    """style 0: total executions (max_tp), 1: percent executions (percent)."""
    return el("ThroughputController", "ThroughputControllerGui", name,
              [i("ThroughputController.style", style), b("ThroughputController.perThread", per_thread),
               i("ThroughputController.maxThroughput", max_tp),
               fl("ThroughputController.percentThroughput", percent)], children)


def RUNTIME(name, seconds, children=()):
    return el("RunTime", "RunTimeGui", name, [s("RunTime.seconds", seconds)], children)


def SWITCH(name, value, children=()):
    return el("SwitchController", "SwitchControllerGui", name, [s("SwitchController.value", value)], children)


def TRANSACTION(name, children=(), parent=False, include_timers=False):
    return el("TransactionController", "TransactionControllerGui", name,
              [b("TransactionController.parent", parent),
               b("TransactionController.includeTimers", include_timers)], children)


def CRITICAL(name, lock, children=()):
    return el("CriticalSectionController", "CriticalSectionControllerGui", name,
              [s("CriticalSectionController.lockName", lock)], children)


def MODULE(name, path):
    items = "".join(s(str(n), p) for n, p in enumerate(path))
    return (_open("ModuleController", "ModuleControllerGui", "ModuleController", name,
                  ['<collectionProp name="ModuleController.node_path">%s</collectionProp>' % items]), [])


def INCLUDE(name, path):
    return el("IncludeController", "IncludeControllerGui", name, [s("IncludeController.includepath", path)])


def FRAGMENT(name, children=()):
    return el("TestFragmentController", "TestFragmentControllerGui", name, [], children, enabled=False)


# ----------------------------------------------------------- other elements

def COUNTER(var, start=1, incr=1, end="", per_user=True):
    return el("CounterConfig", "CounterConfigGui", "counter " + var,
              [s("CounterConfig.start", start), s("CounterConfig.end", end), s("CounterConfig.incr", incr),
               s("CounterConfig.name", var), s("CounterConfig.format", ""),
               b("CounterConfig.per_user", per_user)])


def UDV(pairs, name="vars"):
    return el("Arguments", "ArgumentsPanel", name, [_arg_collection(pairs)])


def RESULT_ACTION(name, action):
    """0 continue, 1 stop thread, 2 stop test, 3 stop test now, 4 start next thread loop,
    5 start next iteration of current loop (5.x), 6 break current loop (5.x)."""
    return el("ResultAction", "ResultActionGui", name, [i("OnError.action", action)])


def ASSERT_FAIL(name, pattern="never-in-the-response"):
    """A Response Assertion on the response code that fails unless the code contains pattern."""
    return el("ResponseAssertion", "AssertionGui", name,
              ['<collectionProp name="Asserion.test_strings">%s</collectionProp>' % s("0", pattern),
               s("Assertion.test_field", "Assertion.response_code"), b("Assertion.assume_success", False),
               i("Assertion.test_type", 2)])


def REGEX(var, regex, template="$1$", match="1", default=""):
    """Regular Expression Extractor on the response body."""
    return el("RegexExtractor", "RegexExtractorGui", "extract " + var,
              [s("RegexExtractor.useHeaders", "false"), s("RegexExtractor.refname", var),
               s("RegexExtractor.regex", regex), s("RegexExtractor.template", template),
               s("RegexExtractor.default", default), s("RegexExtractor.match_number", match)])


def TIMER(name, ms):
    return el("ConstantTimer", "ConstantTimerGui", name, [s("ConstantTimer.delay", ms)])


# ------------------------------------------------------------- thread groups

def TG(name, children=(), threads=1, loops=1, on_error="continue", ramp=0, kind="ThreadGroup",
       loops_forever=False, enabled=True):
    gui = {"ThreadGroup": "ThreadGroupGui", "SetupThreadGroup": "SetupThreadGroupGui",
           "PostThreadGroup": "PostThreadGroupGui"}[kind]
    main = ('<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
            'guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">'
            + b("LoopController.continue_forever", loops_forever) + s("LoopController.loops", loops)
            + "</elementProp>")
    props = [s("ThreadGroup.on_sample_error", on_error), main, s("ThreadGroup.num_threads", threads),
             s("ThreadGroup.ramp_time", ramp), b("ThreadGroup.scheduler", False),
             s("ThreadGroup.duration", ""), s("ThreadGroup.delay", "")]
    return el(kind, gui, name, props, children, enabled=enabled)


def PLAN(name, children=(), serialize=False, variables=(), teardown_on_shutdown=True):
    props = [b("TestPlan.functional_mode", False), b("TestPlan.serialize_threadgroups", serialize),
             b("TestPlan.tearDown_on_shutdown", teardown_on_shutdown),
             args(variables, name="TestPlan.user_defined_variables"), s("TestPlan.user_define_classpath", "")]
    return el("TestPlan", "TestPlanGui", name, props, children)


def render(plan, comment=""):
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if comment:
        out.append("<!-- %s -->" % comment.replace("--", "- -"))
    out.append('<jmeterTestPlan version="1.2" properties="2.8" jmeter="2.13">')
    out.append("<hashTree>")

    def walk(node, depth):
        xml, children = node
        pad = "  " * depth
        out.append(pad + xml)
        if children:
            out.append(pad + "<hashTree>")
            for c in children:
                walk(c, depth + 1)
            out.append(pad + "</hashTree>")
        else:
            out.append(pad + "<hashTree/>")

    walk(plan, 1)
    out.append("</hashTree>")
    out.append("</jmeterTestPlan>")
    return "\n".join(out) + "\n"
