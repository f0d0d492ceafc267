#!/usr/bin/env python3
"""make_plans.py - writes the test plans of tests/data/emit/ (JMeter's save
format, as JMeter 5.6 writes it) used by tests/integration/test_emit_*.sh.

Every plan points its HTTP Request Defaults at ${__P(host,127.0.0.1)} and
${__P(port,8080)} (tools/demo-server) and sends "X-User: <group>-<thread>"
from a Test Plan level Header Manager, so that the server's log can be cut
into per-user sequences and the requests of jmx2run's native run compared
with those of the emitted locustfile.

    python3 make_plans.py          # rewrites the .jmx files next to it
"""
import os
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))


# ------------------------------------------------------------------ properties

def _p(kind, name, value):
    if isinstance(value, bool):
        value = "true" if value else "false"
    return "<%s name=%s>%s</%s>" % (kind, quoteattr(name), escape(str(value)), kind)


def s(name, value):
    return _p("stringProp", name, value)


def b(name, value):
    return _p("boolProp", name, value)


def i(name, value):
    return _p("intProp", name, value)


def lp(name, value):
    return _p("longProp", name, value)


def dbl(name, value):
    return ("<doubleProp><name>%s</name><value>%s</value><savedValue>0.0</savedValue>"
            "</doubleProp>" % (escape(name), value))


def fl(name, value):
    return ("<FloatProperty><name>%s</name><value>%s</value><savedValue>0.0</savedValue>"
            "</FloatProperty>" % (escape(name), value))


def coll(name, items):
    return "<collectionProp name=%s>%s</collectionProp>" % (quoteattr(name), "".join(items))


def el(tag, gui, name, props=(), children=(), test=None, enabled=True):
    head = "<%s guiclass=%s testclass=%s testname=%s enabled=%s>" % (
        tag, quoteattr(gui), quoteattr(test or tag), quoteattr(name),
        quoteattr("true" if enabled else "false"))
    return (head + "".join(props) + "</%s>" % tag, list(children))


def arguments(pairs, name="TestPlan.user_defined_variables"):
    items = "".join(
        '<elementProp name=%s elementType="Argument">%s%s%s</elementProp>' % (
            quoteattr(k), s("Argument.name", k), s("Argument.value", v), s("Argument.metadata", "="))
        for k, v in pairs)
    return ('<elementProp name=%s elementType="Arguments" guiclass="ArgumentsPanel" '
            'testclass="Arguments" testname="User Defined Variables" enabled="true">%s'
            '</elementProp>' % (quoteattr(name), coll("Arguments.arguments", [items])))


# ---------------------------------------------------------------- structure

def PLAN(name, children, serialize=False, teardown_on_shutdown=True, variables=(),
         comments=""):
    props = [s("TestPlan.comments", comments), b("TestPlan.functional_mode", False),
             b("TestPlan.tearDown_on_shutdown", teardown_on_shutdown),
             b("TestPlan.serialize_threadgroups", serialize), arguments(variables)]
    common = [DEFAULTS(), HEADERS("who", [("X-User", "${__threadGroupName}-${__threadNum}")])]
    return el("TestPlan", "TestPlanGui", name, props, common + list(children))


def TG(name, children, threads=1, loops=1, ramp=0, on_error="continue", kind="ThreadGroup",
       scheduler=False, duration="", delay="", same_user=True):
    gui = {"ThreadGroup": "ThreadGroupGui", "SetupThreadGroup": "SetupThreadGroupGui",
           "PostThreadGroup": "PostThreadGroupGui"}[kind]
    main = ('<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
            'guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller">'
            + s("LoopController.loops", loops) + b("LoopController.continue_forever", False)
            + "</elementProp>")
    props = [s("ThreadGroup.num_threads", threads), s("ThreadGroup.ramp_time", ramp),
             b("ThreadGroup.same_user_on_next_iteration", same_user),
             s("ThreadGroup.on_sample_error", on_error), main,
             b("ThreadGroup.scheduler", scheduler), s("ThreadGroup.duration", duration),
             s("ThreadGroup.delay", delay)]
    return el(kind, gui, name, props, children)


def DEFAULTS(domain="${__P(host,127.0.0.1)}", port="${__P(port,8080)}", extra_args=()):
    props = [s("HTTPSampler.domain", domain), s("HTTPSampler.port", port),
             s("HTTPSampler.protocol", "http"), _args(extra_args),
             s("HTTPSampler.implementation", "")]
    return el("ConfigTestElement", "HttpDefaultsGui", "HTTP Request Defaults", props,
              test="ConfigTestElement")


def HEADERS(name, pairs):
    items = "".join('<elementProp name="" elementType="Header">%s%s</elementProp>' % (
        s("Header.name", k), s("Header.value", v)) for k, v in pairs)
    return el("HeaderManager", "HeaderPanel", name, [coll("HeaderManager.headers", [items])])


def _args(args, raw=False):
    items = []
    for a in args:
        name, value = a[0], a[1]
        encode = a[2] if len(a) > 2 else True
        meta = a[3] if len(a) > 3 else "="
        items.append('<elementProp name=%s elementType="HTTPArgument">%s%s%s%s%s</elementProp>' % (
            quoteattr(name), b("HTTPArgument.always_encode", encode), s("Argument.value", value),
            s("Argument.metadata", meta), b("HTTPArgument.use_equals", meta == "="),
            s("Argument.name", name)))
    return ('<elementProp name="HTTPsampler.Arguments" elementType="Arguments" '
            'guiclass="HTTPArgumentsPanel" testclass="Arguments" testname="User Defined Variables">'
            + coll("Arguments.arguments", items) + "</elementProp>")


def HTTP(name, path, method="GET", args=(), children=(), raw=None, follow=True, auto=False,
         keepalive=True, encoding="", multipart=False, files=(), domain="", port="",
         embedded=False, concurrent=False, timeout=""):
    """An HTTP Request. raw: the Body Data text (one nameless argument)."""
    if raw is not None:
        args = [("", raw, False)]
    props = [s("HTTPSampler.domain", domain), s("HTTPSampler.port", port),
             s("HTTPSampler.protocol", ""), s("HTTPSampler.contentEncoding", encoding),
             s("HTTPSampler.path", path), s("HTTPSampler.method", method),
             b("HTTPSampler.follow_redirects", follow), b("HTTPSampler.auto_redirects", auto),
             b("HTTPSampler.use_keepalive", keepalive), b("HTTPSampler.DO_MULTIPART_POST", multipart),
             b("HTTPSampler.postBodyRaw", raw is not None), _args(args),
             s("HTTPSampler.response_timeout", timeout)]
    if embedded:
        props += [b("HTTPSampler.image_parser", True), b("HTTPSampler.concurrentDwn", concurrent),
                  s("HTTPSampler.concurrentPool", "3")]
    if files:
        items = "".join('<elementProp name=%s elementType="HTTPFileArg">%s%s%s</elementProp>' % (
            quoteattr(p), s("File.path", p), s("File.paramname", n), s("File.mimetype", m))
            for p, n, m in files)
        props.append('<elementProp name="HTTPsampler.Files" elementType="HTTPFileArgs">'
                     + coll("HTTPFileArgs.files", [items]) + "</elementProp>")
    return el("HTTPSamplerProxy", "HttpTestSampleGui", name, props, children)


def ECHO(label, children=(), **kw):
    """GET /echo?s=<label>: shows in the server log which sampler ran."""
    return HTTP(label, "/echo", args=[("s", label)], children=children, **kw)


# ---------------------------------------------------------------- controllers

def SIMPLE(name, children):
    return el("GenericController", "LogicControllerGui", name, [], children)


def LOOP(name, loops, children):
    return el("LoopController", "LoopControlPanel", name,
              [s("LoopController.loops", loops), b("LoopController.continue_forever", True)], children)


def WHILE(name, condition, children):
    return el("WhileController", "WhileControllerGui", name,
              [s("WhileController.condition", condition)], children)


def FOREACH(name, prefix, ret, children):
    return el("ForeachController", "ForeachControlPanel", name,
              [s("ForeachController.inputVal", prefix), s("ForeachController.returnVal", ret),
               b("ForeachController.useSeparator", True)], children)


def IF(name, condition, children, expression=True, evaluate_all=False):
    return el("IfController", "IfControllerPanel", name,
              [s("IfController.condition", condition), b("IfController.evaluateAll", evaluate_all),
               b("IfController.useExpression", expression)], children)


def SWITCH(name, value, children):
    return el("SwitchController", "SwitchControllerGui", name,
              [s("SwitchController.value", value)], children)


def ONCE(name, children):
    return el("OnceOnlyController", "OnceOnlyControllerGui", name, [], children)


def INTERLEAVE(name, children, across=False):
    return el("InterleaveControl", "InterleaveControlGui", name,
              [i("InterleaveControl.style", 1), b("InterleaveControl.accrossThreads", across)],
              children)


def RANDOM(name, children):
    return el("RandomController", "RandomControlGui", name, [i("InterleaveControl.style", 1)],
              children)


def RANDOM_ORDER(name, children):
    return el("RandomOrderController", "RandomOrderControllerGui", name, [], children)


def THROUGHPUT(name, children, style=1, percent=50.0, total=1, per_thread=True):
    return el("ThroughputController", "ThroughputControllerGui", name,
              [i("ThroughputController.style", style),
               b("ThroughputController.perThread", per_thread),
               i("ThroughputController.maxThroughput", total),
               fl("ThroughputController.percentThroughput", percent)], children)


def RUNTIME(name, seconds, children):
    return el("RunTime", "RunTimeGui", name, [s("RunTime.seconds", seconds)], children)


def TRANSACTION(name, children, parent=False, include_timers=False):
    return el("TransactionController", "TransactionControllerGui", name,
              [b("TransactionController.parent", parent),
               b("TransactionController.includeTimers", include_timers)], children)


def CRITICAL(name, lock, children):
    return el("CriticalSectionController", "CriticalSectionControllerGui", name,
              [s("CriticalSectionController.lockName", lock)], children)


def ACTION(name, action, target=0, duration="0"):
    """Flow Control Action: 0 stop, 1 pause, 2 stop now, 3 next thread loop,
    4 next iteration of current loop, 5 break current loop."""
    return el("TestAction", "TestActionGui", name,
              [i("ActionProcessor.action", action), i("ActionProcessor.target", target),
               s("ActionProcessor.duration", duration)])


# ------------------------------------------------------------------ elements

def COOKIES(name="cookies", cookies=(), clear=False):
    items = "".join(
        '<elementProp name=%s elementType="Cookie" testname=%s>%s%s%s%s%s%s%s</elementProp>' % (
            quoteattr(n), quoteattr(n), s("Cookie.value", v), s("Cookie.domain", d),
            s("Cookie.path", "/"), b("Cookie.secure", False), lp("Cookie.expires", 0),
            b("Cookie.path_specified", True), b("Cookie.domain_specified", True))
        for n, v, d in cookies)
    return el("CookieManager", "CookiePanel", name,
              [coll("CookieManager.cookies", [items]), b("CookieManager.clearEachIteration", clear),
               b("CookieManager.controlledByThreadGroup", False)])


def UDV(name, pairs):
    items = "".join(
        '<elementProp name=%s elementType="Argument">%s%s%s</elementProp>' % (
            quoteattr(k), s("Argument.name", k), s("Argument.value", v), s("Argument.metadata", "="))
        for k, v in pairs)
    return el("Arguments", "ArgumentsPanel", name, [coll("Arguments.arguments", [items])],
              test="Arguments")


def USER_PARAMETERS(name, names, columns, per_iteration=False):
    cols = "".join(coll(str(k), [s(str(j), v) for j, v in enumerate(col)])
                   for k, col in enumerate(columns))
    return el("UserParameters", "UserParametersGui", name,
              [coll("UserParameters.names", [s(str(j), n) for j, n in enumerate(names)]),
               coll("UserParameters.thread_values", [cols]),
               b("UserParameters.per_iteration", per_iteration)])


def COUNTER(var, start=1, incr=1, end="", per_user=True, fmt=""):
    return el("CounterConfig", "CounterConfigGui", "counter " + var,
              [s("CounterConfig.start", start), s("CounterConfig.end", end),
               s("CounterConfig.incr", incr), s("CounterConfig.name", var),
               s("CounterConfig.format", fmt), b("CounterConfig.per_user", per_user)])


def CSV(name, filename, names, share="shareMode.all", recycle=True, stop=False):
    return el("CSVDataSet", "TestBeanGUI", name,
              [s("filename", filename), s("fileEncoding", "UTF-8"), s("variableNames", names),
               b("ignoreFirstLine", False), s("delimiter", ","), b("quotedData", False),
               b("recycle", recycle), b("stopThread", stop), s("shareMode", share)])


def REGEX(name, var, regex, template="$1$", match="1", default="", field="false"):
    return el("RegexExtractor", "RegexExtractorGui", name,
              [s("RegexExtractor.useHeaders", field), s("RegexExtractor.refname", var),
               s("RegexExtractor.regex", regex), s("RegexExtractor.template", template),
               s("RegexExtractor.default", default), s("RegexExtractor.match_number", match)])


def BOUNDARY(name, var, left, right, match="1", default=""):
    return el("BoundaryExtractor", "BoundaryExtractorGui", name,
              [s("BoundaryExtractor.useHeaders", "false"), s("BoundaryExtractor.refname", var),
               s("BoundaryExtractor.lboundary", left), s("BoundaryExtractor.rboundary", right),
               s("BoundaryExtractor.default", default), s("BoundaryExtractor.match_number", match)])


def JSON(name, var, path, match="1", default="NONE"):
    return el("JSONPostProcessor", "JSONPostProcessorGui", name,
              [s("JSONPostProcessor.referenceNames", var), s("JSONPostProcessor.jsonPathExprs", path),
               s("JSONPostProcessor.match_numbers", match), s("JSONPostProcessor.defaultValues", default)])


def CSS(name, var, selector, attribute="", match="1", default="NONE"):
    return el("HtmlExtractor", "HtmlExtractorGui", name,
              [s("HtmlExtractor.refname", var), s("HtmlExtractor.expr", selector),
               s("HtmlExtractor.attribute", attribute), s("HtmlExtractor.default", default),
               s("HtmlExtractor.match_number", match), s("HtmlExtractor.extractor_impl", "")])


def ASSERT(name, patterns, test_type=2, field="Assertion.response_data", assume=False,
           custom=""):
    return el("ResponseAssertion", "AssertionGui", name,
              [coll("Asserion.test_strings", [s(str(k), p) for k, p in enumerate(patterns)]),
               s("Assertion.custom_message", custom), s("Assertion.test_field", field),
               b("Assertion.assume_success", assume), i("Assertion.test_type", test_type)])


def DURATION(name, ms):
    return el("DurationAssertion", "DurationAssertionGui", name, [s("DurationAssertion.duration", ms)])


def SIZE(name, size, op=1, field="SizeAssertion.response_data"):
    return el("SizeAssertion", "SizeAssertionGui", name,
              [s("Assertion.test_field", field), s("SizeAssertion.size", size),
               i("SizeAssertion.operator", op)])


def JSON_ASSERT(name, path, expected="", validate=False, regex=True, invert=False):
    return el("JSONPathAssertion", "JSONPathAssertionGui", name,
              [s("JSON_PATH", path), s("EXPECTED_VALUE", expected), b("JSONVALIDATION", validate),
               b("EXPECT_NULL", False), b("INVERT", invert), b("ISREGEX", regex)])


def RESULT_ACTION(name, action):
    return el("ResultAction", "ResultActionGui", name, [i("OnError.action", action)])


def CONSTANT_TIMER(name, ms):
    return el("ConstantTimer", "ConstantTimerGui", name, [s("ConstantTimer.delay", ms)])


def UNIFORM_TIMER(name, delay, spread):
    return el("UniformRandomTimer", "UniformRandomTimerGui", name,
              [s("ConstantTimer.delay", delay), s("RandomTimer.range", spread)])


def GAUSSIAN_TIMER(name, delay, deviation):
    return el("GaussianRandomTimer", "GaussianRandomTimerGui", name,
              [s("ConstantTimer.delay", delay), s("RandomTimer.range", deviation)])


def THROUGHPUT_TIMER(name, per_minute, mode=0):
    return el("ConstantThroughputTimer", "TestBeanGUI", name,
              [i("calcMode", mode), dbl("throughput", per_minute)])


def JSR223(tag, name, script):
    return el(tag, "TestBeanGUI", name,
              [s("scriptLanguage", "groovy"), s("parameters", ""), s("filename", ""),
               s("cacheKey", "true"), s("script", script)])


# -------------------------------------------------------------------- render

def render(plan, comment):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           "<!-- %s -->" % comment.replace("--", "- -"),
           '<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">', "<hashTree>"]

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
    out += ["</hashTree>", "</jmeterTestPlan>", ""]
    return "\n".join(out)


# --------------------------------------------------------------------- plans

def http_plan():
    """Methods, query strings, form / raw / multipart / file bodies, charsets,
    header merging, redirects, keep-alive, hosts, no Cookie Manager."""
    return PLAN("HTTP requests", [TG("Http", [
        HEADERS("group headers", [("X-Level", "group"), ("X-Group", "yes")]),
        HTTP("get query", "/echo", args=[("q", "a b&c/é~*"), ("raw", "a%20b", False),
                                          ("flag", "", True, ""), ("", "nameless-ignored")]),
        HTTP("get path query", "/echo?x=1", args=[("y", "2")]),
        HTTP("full url", "http://127.0.0.1:${__P(port,8080)}/echo?full=1", args=[("ignored", "1")]),
        HTTP("post form", "/echo", "POST", args=[("a", "1"), ("b", "x y&z"), ("c", "p%2Bq r", False),
                                                  ("${unset}", "skipped")],
             children=[HEADERS("inner", [("X-Level", "sampler"), ("X-Inner", "1")])]),
        HTTP("post json", "/echo", "POST", raw='{\r\n  "k": "${__threadNum}"\r\n}',
             children=[HEADERS("json", [("Content-Type", "application/json")])]),
        HTTP("put raw", "/echo", "PUT", raw="plain text body"),
        HTTP("patch form", "/echo", "PATCH", args=[("p", "1")]),
        HTTP("delete args", "/echo", "DELETE", args=[("d", "1 2")]),
        HTTP("delete empty", "/echo", "DELETE"),
        HTTP("post empty", "/echo", "POST"),
        HTTP("head", "/echo", "HEAD"),
        HTTP("get body", "/echo", args=[("", "body of a GET", False)]),
        HTTP("latin1 form", "/echo", "POST", args=[("name", "café")], encoding="ISO-8859-1"),
        HTTP("latin1 query", "/echo", args=[("name", "café")], encoding="iso-8859-1"),
        HTTP("redirect followed", "/redirect", args=[("to", "/echo?hop=1"), ("code", "302")]),
        HTTP("redirect not followed", "/redirect", args=[("to", "/echo?hop=3")], follow=False),
        HTTP("post redirected", "/redirect?to=/echo%3Fhop%3D4&code=303", "POST",
             args=[("f", "1")]),
        HTTP("close", "/echo", args=[("k", "close")], keepalive=False),
        HTTP("other host", "/echo", args=[("h", "1")], domain="localhost",
             port="${__P(port,8080)}"),
        HTTP("multipart", "/echo", "POST", args=[("field", "value 1"), ("other", "é")],
             multipart=True),
        HTTP("file body", "/echo", "POST", files=[("upload.txt", "", "text/plain")]),
        HTTP("file part", "/echo", "POST", args=[("note", "x")],
             files=[("upload.txt", "doc", "text/plain")]),
        HTTP("no cookie kept", "/set-cookie", args=[("jar", "1")]),
        HTTP("cookie not sent", "/echo", args=[("after", "set-cookie")]),
    ], loops=2)], comments="Point it at tools/demo-server with -Jport=...")


def controllers_plan():
    """Every logic controller, with HTTP samplers whose query names them."""
    return PLAN("Controllers", [TG("Ctl", [
        COUNTER("n", start=1, per_user=True),
        ECHO("first"),
        LOOP("loop 3", "3", [ECHO("in loop ${__jm__loop 3__idx}"), ONCE("once per loop", [ECHO("loop once")])]),
        LOOP("loop var", "${__P(loops_var,2)}", [ECHO("var loop")]),
        ONCE("once per user", [ECHO("user once")]),
        IF("if even", "${__jexl3(${n} % 2 == 0)}", [ECHO("even ${n}")]),
        IF("if js", '"${n}" == "1"', [ECHO("js first")], expression=False),
        IF("if var", "${__groovy(vars.get(\"n\").toInteger() > 1)}", [ECHO("later")]),
        WHILE("while", "${__jexl3(${__jm__while__idx} < 2)}", [ECHO("while ${__jm__while__idx}")]),
        SWITCH("switch", "${__jexl3(${n} % 3)}", [ECHO("sw zero"), ECHO("sw one"), ECHO("sw two")]),
        SWITCH("switch name", "beta", [ECHO("alpha"), ECHO("beta"), ECHO("default")]),
        INTERLEAVE("interleave", [ECHO("il a"), ECHO("il b"), SIMPLE("il block", [ECHO("il c1"), ECHO("il c2")])]),
        THROUGHPUT("half", [ECHO("half of the time")], style=1, percent=50.0),
        THROUGHPUT("twice", [ECHO("twice only")], style=0, total=2),
        TRANSACTION("tx", [ECHO("tx a"), ECHO("tx b")]),
        TRANSACTION("tx timers", [ECHO("tx c")], include_timers=True),
        CRITICAL("critical", "lock-${__threadNum}", [ECHO("locked")]),
        SIMPLE("simple", [ECHO("simple a")]),
        HTTP("values", "/echo", args=[("v1", "x"), ("v2", "y")],
             children=[REGEX("all args", "arg", r'\["(v\d)", "([a-z])"\]', "$2$", "-1")]),
        FOREACH("foreach", "arg", "item", [ECHO("each ${item}")]),
        LOOP("actions", "4", [
            IF("skip 1", "${__jexl3(${__jm__actions__idx} == 1)}", [ACTION("next iteration", 4)]),
            IF("break 3", "${__jexl3(${__jm__actions__idx} == 3)}", [ACTION("break", 5)]),
            ECHO("action ${__jm__actions__idx}")]),
        IF("restart", "${__jexl3(${n} == 2)}", [ACTION("next thread loop", 3)]),
        ECHO("last"),
    ], threads=2, loops=3)])


def vars_plan():
    """User Defined Variables, User Parameters, Counters, CSV Data Sets, a Random
    Variable and the functions, each sent as a query argument."""
    def fn(label, pairs, children=()):
        return HTTP(label, "/echo", args=pairs, children=children)
    return PLAN("Variables", [
        UDV("more", [("later", "${base}+later"), ("base", "not-this-one")]),
        TG("Vars", [
            CSV("users csv", "users.csv", "login,secret"),
            USER_PARAMETERS("params", ["user", "pw"], [["alice", "a1"], ["bob", "b-${__threadNum}"]]),
            COUNTER("c", start=10, incr=5, fmt="000"),
            CSV("own csv", "colors.csv", "color", share="shareMode.thread"),
            el("RandomVariableConfig", "TestBeanGUI", "rnd",
               [s("variableName", "rnd"), s("outputFormat", "R00"), s("minimumValue", "1"),
                s("maximumValue", "9"), s("randomSeed", ""), b("perThread", True)]),
            fn("variables", [("base", "${base}"), ("ref", "${ref}"), ("prop", "${prop}"),
                             ("later", "${later}"), ("user", "${user}"), ("pw", "${pw}"),
                             ("c", "${c}"), ("login", "${login}"), ("secret", "${secret}"),
                             ("color", "${color}"), ("undefined", "${nope}"),
                             ("r_rnd", "${rnd}")]),
            fn("thread functions", [("num", "${__threadNum}"), ("group", "${__threadGroupName}"),
                                    ("sampler", "${__samplerName}"), ("plan", "${__TestPlanName}"),
                                    ("count", "${__counter(TRUE)}"), ("count2", "${__counter(TRUE,cv)}"),
                                    ("cv", "${cv}")]),
            fn("number functions", [("int", "${__intSum(1,2,${c})}"), ("long", "${__longSum(5,6,sum)}"),
                                    ("sum", "${sum}"), ("p", "${__P(missing)}"),
                                    ("pd", "${__P(missing,dflt)}"),
                                    ("property", "${__property(missing)}"),
                                    ("set", "${__setProperty(sp,x${__threadNum})}"),
                                    ("isprop", "${__isPropDefined(sp)}"),
                                    ("isvar", "${__isVarDefined(user)}"),
                                    ("v", "${__V(us${__char(101)}r)}"), ("vd", "${__V(nope,none)}"),
                                    ("eval", "${__eval(${ref})}"),
                                    ("split", "${__split(a;;b;,sp,;)}"), ("sp_n", "${sp_n}"),
                                    ("sp_2", "${sp_2}"), ("sp_4", "${sp_4}")]),
            fn("text functions", [("enc", "${__urlencode(a b&c/é)}"), ("dec", "${__urldecode(a+b%26c)}"),
                                  ("html", '${__escapeHtml(<é>" &)}'),
                                  ("unhtml", "${__unescapeHtml(&lt;&eacute;&gt;)}"),
                                  ("xml", "${__escapeXml(<'&\">)}"), ("unesc", "${__unescape(a\\tb)}"),
                                  ("oro", "${__escapeOroRegexpChars(a.b*c)}"),
                                  ("char", "${__char(65,0x42,067)}"),
                                  ("upper", "${__changeCase(hello)}"),
                                  ("lower", "${__changeCase(HeLLo,LOWER)}"),
                                  ("cap", "${__changeCase(hello,CAPITALIZE)}"),
                                  ("b64", "${__base64Encode(hi there)}"),
                                  ("unb64", "${__base64Decode(aGk=)}"),
                                  ("sha", "${__digest(SHA-256,abc)}"),
                                  ("md5", "${__digest(MD5,abc,salt,true)}")]),
            fn("script functions", [("sum", "${__jexl3(1 + 2)}"), ("cat", '${__groovy("a" + "b")}'),
                                    ("cmp", "${__jexl3(${c} > 12)}"),
                                    ("js", "${__javaScript(${__threadNum} * 2)}"),
                                    ("str", '${__jexl3("${user}" == "alice")}')]),
            fn("random functions", [("r_uuid", "${__UUID}"), ("r_int", "${__Random(1,10)}"),
                                    ("r_str", "${__RandomString(5,abc)}"),
                                    ("r_time", "${__time(/1000)}"), ("r_year", "${__time(yyyy)}"),
                                    ("r_pick", "${__RandomFromMultipleVars(login|user)}"),
                                    ("r_store", "${__Random(1,9,rv)}"), ("r_rv", "${rv}")]),
        ], threads=2, loops=3, ramp=1),
        TG("Stop at EOF", [
            CSV("short csv", "colors.csv", "shade", share="shareMode.group", recycle=False,
                stop=True),
            HTTP("shade", "/echo", args=[("shade", "${shade}")]),
        ], loops=10),
    ], variables=[("base", "value1"), ("ref", "${base}-x"), ("prop", "${__P(myprop,dflt)}")])


def extract_plan():
    """Extractors writing variables that later requests send, and assertions
    whose verdicts and messages are compared."""
    return PLAN("Extract and assert", [TG("Ext", [
        HTTP("source", "/echo", args=[("a", "1"), ("b", "two"), ("b", "three")], children=[
            REGEX("query", "q", r'"query": "([^"]*)"'),
            REGEX("all", "arg", r'\["(\w)", "(\w+)"\]', "$1$=$2$", "-1"),
            REGEX("second group", "second", r'\["(\w)", "(\w+)"\]', "$2$", "2"),
            REGEX("content type", "ct", "Content-Type: ([^;\r\n]*)", field="true"),
            REGEX("code", "code", r"(\d+)", field="code"),
            REGEX("missing", "miss", "nothing-like-this", default="MISSING"),
            BOUNDARY("method", "m", '"method": "', '"'),
            BOUNDARY("all keys", "k", '["', '"', match="-1"),
        ]),
        HTTP("use", "/echo", args=[("q", "${q}"), ("n", "${arg_matchNr}"), ("a1", "${arg_1}"),
                                   ("a3", "${arg_3}"), ("a2g2", "${arg_2_g2}"),
                                   ("second", "${second}"), ("g", "${second_g}"),
                                   ("ct", "${ct}"), ("code", "${code}"), ("miss", "${miss}"),
                                   ("m", "${m}"), ("k", "${k_matchNr}"), ("k2", "${k_2}")]),
        HTTP("contains", "/echo", args=[("x", "1")], children=[ASSERT("has GET", ["GET"])]),
        HTTP("substring fails", "/echo", children=[ASSERT("not there", ["nowhere"], 16)]),
        HTTP("custom message", "/echo", children=[ASSERT("custom", ["nowhere"], 16, custom="my message")]),
        HTTP("not contains", "/echo", children=[ASSERT("not", ["GET"], 6)]),
        HTTP("or", "/echo", children=[ASSERT("either", ["nowhere", "GET"], 2 | 32)]),
        HTTP("or fails", "/echo", children=[ASSERT("neither", ["nowhere", "nothing"], 16 | 32)]),
        HTTP("equals fails", "/static/style.css", children=[ASSERT("equal", ["body {}"], 8)]),
        HTTP("code ok", "/echo", children=[ASSERT("200", ["200"], 8, "Assertion.response_code")]),
        HTTP("ignore status", "/status/404", children=[
            ASSERT("404 expected", ["404"], 8, "Assertion.response_code", assume=True)]),
        HTTP("status fails", "/status/500"),
        HTTP("two assertions", "/echo", children=[ASSERT("first", ["nowhere"], 16),
                                                  ASSERT("second", ["nothing"], 16)]),
        HTTP("size ok", "/static/style.css", children=[SIZE("size", "${__P(css_size,81)}", 1)]),
        HTTP("size fails", "/static/style.css", children=[SIZE("too big", "10", 4)]),
        HTTP("duration fails", "/delay", args=[("ms", "60")], children=[DURATION("fast", "5")]),
    ], threads=1, loops=2)])


def json_plan():
    """The JSON and CSS Selector extractors and the JSON Assertion."""
    return PLAN("JSON and HTML", [TG("Json", [
        HTTP("source", "/echo", args=[("a", "1"), ("b", "two"), ("b", "three")], children=[
            JSON("json one", "jb", "$.args[1][1]"),
            JSON("json all", "names", "$.args[*][0]", match="-1"),
            JSON("json missing", "jm", "$.nope.deeper", default="JDEFAULT"),
            JSON("json filter", "jf", "$.headers[?(@[0] == 'X-User')][1]"),
        ]),
        HTTP("page", "/html-with-resources", children=[
            CSS("image", "img", "img", "src"),
            CSS("sheet", "sheet", "link[rel=stylesheet]", "href"),
            CSS("title", "title", "title"),
        ]),
        HTTP("use", "/echo", args=[("jb", "${jb}"), ("names", "${names_matchNr}"),
                                   ("n2", "${names_2}"), ("jm", "${jm}"), ("img", "${img}"),
                                   ("sheet", "${sheet}"), ("title", "${title}")]),
        HTTP("json assert", "/echo", children=[JSON_ASSERT("method", "$.method", "GET", True)]),
        HTTP("json fails", "/echo", children=[JSON_ASSERT("absent", "$.nope")]),
    ])])


def AUTH(name, entries):
    items = "".join(
        '<elementProp name="" elementType="Authorization">%s%s%s%s%s%s</elementProp>' % (
            s("Authorization.url", u), s("Authorization.username", n), s("Authorization.password", p),
            s("Authorization.domain", ""), s("Authorization.realm", ""), s("Authorization.mechanism", m))
        for u, n, p, m in entries)
    return el("AuthManager", "AuthPanel", name, [coll("AuthManager.auth_list", [items])])


def managers_plan():
    """Cookie Manager (own cookies, server cookies, cleared each iteration) and
    Authorization Manager (Basic up front, Digest on challenge)."""
    return PLAN("Managers", [
        TG("Jar", [
            COOKIES("jar", [("preset", "from-plan", "127.0.0.1")], clear=True),
            HTTP("set", "/set-cookie", args=[("flavor", "choc"), ("n", "${__jm__Jar__idx}")]),
            HTTP("send", "/echo", args=[("c", "${COOKIE_flavor}")]),
        ], loops=2),
        TG("Auth", [
            AUTH("auth", [("http://127.0.0.1:${__P(port,8080)}/auth/basic", "shop", "secret", "BASIC"),
                          ("http://127.0.0.1:${__P(port,8080)}/auth/digest", "shop", "secret", "DIGEST")]),
            HTTP("basic", "/auth/basic"),
            HTTP("digest", "/auth/digest"),
            HTTP("none", "/echo"),
        ]),
    ], serialize=True)


def groups_plan(serialize):
    """setUp, two main groups (ramp-up; scheduler with delay and duration) and
    tearDown; serialized or not."""
    return PLAN("Groups", [
        TG("Setup", [ECHO("setup ${__threadNum}")], threads=2, loops=2, kind="SetupThreadGroup"),
        TG("Ramp", [ECHO("ramp ${__threadNum}")], threads=3, loops=2, ramp=1),
        TG("Timed", [HTTP("timed", "/delay", args=[("ms", "250")])], loops=-1, scheduler=True,
           delay=1, duration=2),
        TG("Teardown", [ECHO("teardown")], kind="PostThreadGroup"),
    ], serialize=serialize)


def errors_plan():
    """What happens after a failed sample: the thread group's action, the
    Result Status Action Handler, Flow Control Actions, a While Controller
    running until a sample fails, a failing child of a transaction."""
    return PLAN("Errors", [
        TG("Continue", [HTTP("fail", "/status/500"), ECHO("after fail")], loops=2),
        TG("NextLoop", [ECHO("before"), HTTP("fail", "/status/503"), ECHO("never")], loops=2,
           on_error="startnextloop"),
        TG("StopThread", [ECHO("one"), HTTP("fail", "/status/500"), ECHO("never")], loops=3,
           on_error="stopthread"),
        TG("Handler", [LOOP("loop", "3", [
            HTTP("fail in loop", "/status/500", args=[("i", "${__jm__loop__idx}")],
                 children=[RESULT_ACTION("next iteration", 5)]),
            ECHO("not after a failure")]), ECHO("after the loop")], loops=2),
        TG("Flow", [ECHO("start"), ACTION("pause", 1, duration="100"),
                    IF("second", "${__jexl3(${__jm__Flow__idx} == 1)}", [ACTION("stop", 0)]),
                    ECHO("end")], loops=3),
        TG("Until", [WHILE("until failure", "", [
            HTTP("status", "/status/${__jexl3(${__jm__until failure__idx} < 2 ? 200 : 500)}")]),
            ECHO("after while")]),
        TG("Tx", [TRANSACTION("tx", [ECHO("tx ok"), HTTP("tx fail", "/status/404")]),
                  ECHO("after tx")]),
    ])


def timers_plan():
    """Timers: one Uniform Random Timer before every request (Locust's
    wait_time), and mixed constant, random, throughput and synchronizing
    timers (explicit pauses)."""
    return PLAN("Timers", [
        TG("Think", [UNIFORM_TIMER("think", "20", "30"), ECHO("a"), ECHO("b"), ECHO("c")],
           threads=2, loops=2),
        TG("Mixed", [
            CONSTANT_TIMER("constant", "30"),
            ECHO("sync", children=[el("SyncTimer", "TestBeanGUI", "together",
                                      [i("groupSize", 2), lp("timeoutInMs", 2000)])]),
            ECHO("gauss", children=[GAUSSIAN_TIMER("gauss", "10", "5")]),
            ECHO("poisson", children=[el("PoissonRandomTimer", "PoissonRandomTimerGui", "poisson",
                                         [s("ConstantTimer.delay", "5"), s("RandomTimer.range", "10")])]),
            ECHO("paced", children=[THROUGHPUT_TIMER("pace", 1200)]),
        ], threads=2, loops=2),
    ])


MARK = "/tmp/jmx2run_emit_hostile_marker"
EVIL = "'''\"\"\"'); import os; os.system('touch %s') #" % MARK


def hostile_plan():
    """Names, values, scripts and comments made to break out of Python string
    literals, comments and docstrings: quotes, triple quotes, backslashes,
    braces, format characters, newlines, line and paragraph separators,
    bidirectional overrides. Nothing here may run as code in the locustfile."""
    nasty = EVIL + "\n{}{0}%s%d\\\u2028\u2029\u0085\u202e\ufeff"
    return PLAN("Plan " + nasty, [
        UDV("vars " + nasty, [("evil'name", nasty), ("x", "${__evil(" + EVIL + ")}")]),
        TG("Group " + nasty, [
            HEADERS("headers " + nasty, [("X-Evil", nasty), ("X-Quote", "a'b\"c")]),
            HTTP("request " + nasty, "/echo", "POST",
                 args=[("q" + EVIL, nasty), ("v", "${evil'name}")],
                 children=[REGEX("regex " + nasty, "found", "'(\")\\'" + EVIL, default=nasty),
                           ASSERT("assert " + nasty, [EVIL], 16 | 4, custom=nasty)]),
            HTTP("raw " + nasty, "/echo", "POST", raw=nasty),
            JSR223("JSR223Sampler", "script " + nasty,
                   '"""\nimport os\nos.system(\'touch %s\')\n"""' % MARK + nasty),
            JSR223("JSR223PreProcessor", "pre " + nasty, "os.system('touch %s')" % MARK),
            TRANSACTION("tx " + nasty, [ECHO("iteration"), ECHO("on_start"), ECHO("self")]),
            IF("if " + nasty, '"${x}" == "' + EVIL + '"', [ECHO("never")], expression=False),
            ECHO("class"),
        ], loops=2),
    ], comments=nasty + "\n# -*- coding: latin-1 -*-\n")


def _plugin_main(loops="-1", element="LoopController"):
    return ('<elementProp name="ThreadGroup.main_controller" elementType="%s" '
            'guiclass="LoopControlPanel" testclass="%s" testname="Loop Controller">'
            % (element, element) + s("LoopController.loops", loops)
            + b("LoopController.continue_forever", False) + "</elementProp>")


def plugins_plan():
    """The jmeter-plugins thread groups: Stepping and Ultimate (a start and an
    end per user) and bzm Concurrency (a ramp-up, then a hold)."""
    stepping = el("kg.apc.jmeter.threads.SteppingThreadGroup",
                  "kg.apc.jmeter.threads.SteppingThreadGroupGui", "Stepping", [
                      s("ThreadGroup.on_sample_error", "continue"), s("ThreadGroup.num_threads", "4"),
                      s("Threads initial delay", "0"), s("Start users count burst", "0"),
                      s("Start users count", "2"), s("Start users period", "1"),
                      s("Stop users count", "0"), s("Stop users period", "0"), s("flighttime", "1"),
                      s("rampUp", "0"), _plugin_main()],
                  [HTTP("step", "/delay", args=[("ms", "200")])])
    ultimate = el("kg.apc.jmeter.threads.UltimateThreadGroup",
                  "kg.apc.jmeter.threads.UltimateThreadGroupGui", "Ultimate", [
                      coll("ultimatethreadgroupdata", [coll("row", [
                          s("0", "2"), s("1", "0"), s("2", "1"), s("3", "1"), s("4", "0")])]),
                      s("ThreadGroup.on_sample_error", "continue"), _plugin_main()],
                  [HTTP("ultimate", "/delay", args=[("ms", "200")])])
    concurrency = el("com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroup",
                     "com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroupGui",
                     "Concurrency", [
                         '<elementProp name="ThreadGroup.main_controller" '
                         'elementType="com.blazemeter.jmeter.control.VirtualUserController"/>',
                         s("ThreadGroup.on_sample_error", "continue"), s("TargetLevel", "2"),
                         s("RampUp", "1"), s("Steps", ""), s("Hold", "1"), s("LogFilename", ""),
                         s("Iterations", ""), s("Unit", "S")],
                     [HTTP("concurrent", "/delay", args=[("ms", "200")])])
    return PLAN("Plugin groups", [stepping, ultimate, concurrency])


def DEBUG(name):
    return el("DebugSampler", "TestBeanGUI", name,
              [b("displayJMeterProperties", False), b("displayJMeterVariables", True),
               b("displaySystemProperties", False)])


def jtl_plan():
    """Results in JMeter's CSV format from a Locust run (test_emit_jtl.sh):
    a setUp group and two main groups (one named with a comma and quotes), a
    label with a comma and quotes, text and binary responses, an assertion
    that fails for one user of two, a redirect followed (sub-results), 404
    and 500 statuses, a connection refused (port closed_port), plain and
    parent-sample transactions, a Debug Sampler."""
    return PLAN("JTL", [
        TG("Warm up", [ECHO("warm up")], kind="SetupThreadGroup"),
        TG('Shop, "A"', [
            ECHO('Get, "home"'),
            HTTP("logo", "/static/logo.png"),
            TRANSACTION("buy", [
                HTTP("cart", "/echo", args=[("n", "${__threadNum}")],
                     children=[ASSERT("first user", ['["n", "1"]'], 16)]),
                HTTP("moved", "/redirect", args=[("to", "/static/style.css")]),
            ]),
            HTTP("missing", "/status/404"),
        ], threads=2, loops=2),
        TG("Api", [
            TRANSACTION("api, parent", [HTTP("products", "/api/products"),
                                        HTTP("broken", "/status/500")], parent=True),
            HTTP("refused", "/echo", domain="127.0.0.1", port="${__P(closed_port,9)}"),
            DEBUG("debug"),
        ], loops=2),
    ])


def write(name, plan, comment):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(render(plan, comment))


def main():
    write("http.jmx", http_plan(), "HTTP request building (make_plans.py)")
    write("controllers.jmx", controllers_plan(), "logic controllers (make_plans.py)")
    write("vars.jmx", vars_plan(), "variables, config elements and functions (make_plans.py)")
    write("extract.jmx", extract_plan(), "extractors and assertions (make_plans.py)")
    write("json.jmx", json_plan(), "JSON and CSS extractors, JSON assertion (make_plans.py)")
    write("managers.jmx", managers_plan(), "cookie and authorization managers (make_plans.py)")
    write("groups.jmx", groups_plan(False), "thread group life cycles (make_plans.py)")
    write("groups_serial.jmx", groups_plan(True), "serialized thread groups (make_plans.py)")
    write("errors.jmx", errors_plan(), "actions after failures (make_plans.py)")
    write("timers.jmx", timers_plan(), "timers (make_plans.py)")
    write("hostile.jmx", hostile_plan(), "text that tries to break out of Python literals")
    write("plugins.jmx", plugins_plan(), "jmeter-plugins thread groups (make_plans.py)")
    write("jtl.jmx", jtl_plan(), "results in JMeter's format from Locust (make_plans.py)")


if __name__ == "__main__":
    main()
