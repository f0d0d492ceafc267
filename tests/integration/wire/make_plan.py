#!/usr/bin/env python3
"""make_plan.py - writes http-wire.jmx next to this script: one user, one iteration,
one HTTP Request per way JMeter builds a request (methods, query strings, form and raw
bodies, multipart with a file, encodings, defaults, header managers, keep-alive), all
against tools/demo-server's /echo on ${__P(port)}. The file is committed; this script
documents how it was made and re-makes it. The JMeter 2.13 oracle run of the same file
is tests/data/oracle/http-wire.requests.jsonl."""
import os
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))


def s(name, value):
    return f'<stringProp name={quoteattr(name)}>{escape(str(value))}</stringProp>'


def b(name, value):
    return f'<boolProp name={quoteattr(name)}>{"true" if value else "false"}</boolProp>'


def arg(name, value, encode=True, equals=True):
    return (f'<elementProp name={quoteattr(name)} elementType="HTTPArgument">'
            f'{b("HTTPArgument.always_encode", encode)}{s("Argument.value", value)}'
            f'{s("Argument.metadata", "=" if equals else "")}{b("HTTPArgument.use_equals", equals)}'
            f'{s("Argument.name", name)}</elementProp>')


def args(items, prop="HTTPsampler.Arguments"):
    return (f'<elementProp name="{prop}" elementType="Arguments" guiclass="HTTPArgumentsPanel" '
            f'testclass="Arguments" testname="User Defined Variables" enabled="true">'
            f'<collectionProp name="Arguments.arguments">{"".join(items)}</collectionProp></elementProp>')


def files(items):
    parts = "".join(
        f'<elementProp name={quoteattr(path)} elementType="HTTPFileArg">{s("File.path", path)}'
        f'{s("File.paramname", param)}{s("File.mimetype", mime)}</elementProp>'
        for path, param, mime in items)
    return (f'<elementProp name="HTTPsampler.Files" elementType="HTTPFileArgs">'
            f'<collectionProp name="HTTPFileArgs.files">{parts}</collectionProp></elementProp>')


def headers(name, pairs):
    items = "".join(f'<elementProp name="" elementType="Header">{s("Header.name", k)}'
                    f'{s("Header.value", v)}</elementProp>' for k, v in pairs)
    return (f'<HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname={quoteattr(name)} '
            f'enabled="true"><collectionProp name="HeaderManager.headers">{items}</collectionProp>'
            f'</HeaderManager>\n<hashTree/>\n')


def sampler(label, method, path, arg_items=(), raw=False, domain="127.0.0.1", port="${port}",
            keepalive=True, encoding="", multipart=False, file_items=(), children="",
            protocol="http"):
    props = [args(arg_items), s("HTTPSampler.domain", domain), s("HTTPSampler.port", port),
             s("HTTPSampler.protocol", protocol), s("HTTPSampler.contentEncoding", encoding),
             s("HTTPSampler.path", path), s("HTTPSampler.method", method),
             b("HTTPSampler.follow_redirects", True), b("HTTPSampler.auto_redirects", False),
             b("HTTPSampler.use_keepalive", keepalive), b("HTTPSampler.DO_MULTIPART_POST", multipart),
             s("HTTPSampler.embedded_url_re", ""), s("HTTPSampler.connect_timeout", ""),
             s("HTTPSampler.response_timeout", "")]
    if raw:
        props.insert(0, b("HTTPSampler.postBodyRaw", True))
    if file_items:
        props.insert(0, files(file_items))
    body = "".join(props)
    return (f'<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" '
            f'testname={quoteattr(label)} enabled="true">{body}</HTTPSamplerProxy>\n'
            f'<hashTree>\n{children}</hashTree>\n')


def defaults():
    props = [args([arg("dflt", "d v")]), s("HTTPSampler.domain", "127.0.0.1"),
             s("HTTPSampler.port", "${port}"), s("HTTPSampler.protocol", ""),
             s("HTTPSampler.contentEncoding", ""), s("HTTPSampler.path", "")]
    return (f'<ConfigTestElement guiclass="HttpDefaultsGui" testclass="ConfigTestElement" '
            f'testname="defaults" enabled="true">{"".join(props)}</ConfigTestElement>\n<hashTree/>\n')


def raw_arg(value):
    return arg("", value, encode=False)


SAMPLERS = [
    sampler("get plain", "GET", "/echo"),
    sampler("get args encoded", "GET", "/echo", [arg("q", "a b&c"), arg("empty", ""),
                                                   arg("ünï", "çödé"), arg("star", "*-._~!")]),
    sampler("get args raw", "GET", "/echo?x=1", [arg("r", "already%20encoded", encode=False),
                                                 arg("flag", "", encode=False, equals=False)]),
    sampler("get full url", "GET", "http://127.0.0.1:${port}/echo?full=1", [arg("ignored", "yes")]),
    sampler("get path space", "GET", "/echo?sp=a b".replace(" b", "%20b")),
    sampler("post form", "POST", "/echo", [arg("user", "ann lee"), arg("pw", "p&ss=word"),
                                           arg("pre", "a%2Bb", encode=False)]),
    sampler("post form latin1", "POST", "/echo", [arg("name", "Zoë")], encoding="ISO-8859-1"),
    sampler("post raw json", "POST", "/echo", [raw_arg('{"a": 1,\n "b": "ü"}')], raw=True,
            children=headers("json type", [("Content-Type", "application/json")])),
    sampler("post raw no type", "POST", "/echo", [raw_arg("plain body ü")], raw=True),
    sampler("post empty", "POST", "/echo"),
    sampler("put form", "PUT", "/echo", [arg("k", "v 1")]),
    sampler("put raw", "PUT", "/echo", [raw_arg("put body")], raw=True),
    sampler("patch raw", "PATCH", "/echo", [raw_arg('{"op":"x"}')], raw=True,
            children=headers("patch type", [("Content-Type", "application/merge-patch+json")])),
    sampler("delete args", "DELETE", "/echo", [arg("id", "7")]),
    sampler("delete empty", "DELETE", "/echo"),
    sampler("head", "HEAD", "/echo", [arg("h", "1")]),
    sampler("options", "OPTIONS", "/echo", [arg("o", "1")]),
    sampler("trace", "TRACE", "/echo"),
    sampler("multipart", "POST", "/echo", [arg("title", "a file"), arg("note", "x y")],
            multipart=True, file_items=[("upload.txt", "doc", "text/plain")]),
    sampler("single file", "POST", "/echo", file_items=[("upload.txt", "", "application/octet-stream")]),
    sampler("connection close", "GET", "/echo", keepalive=False),
    sampler("header override", "GET", "/echo", children=headers(
        "sampler headers", [("X-Scope", "sampler"), ("User-Agent", "wire-test/1.0")])),
    sampler("defaults merged", "GET", "/echo", domain="", port=""),
    sampler("virtual host", "GET", "/echo", children=headers("vhost", [("Host", "shop.example")])),
]


def plan():
    udv = args([f'<elementProp name="port" elementType="Argument">{s("Argument.name", "port")}'
                f'{s("Argument.value", "${__P(port,8080)}")}{s("Argument.metadata", "=")}</elementProp>'],
               prop="TestPlan.user_defined_variables")
    tp_props = b("TestPlan.functional_mode", False) + b("TestPlan.serialize_threadgroups", False) + udv
    tg_props = (s("ThreadGroup.on_sample_error", "continue") +
                '<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
                'guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" '
                f'enabled="true">{b("LoopController.continue_forever", False)}'
                f'{s("LoopController.loops", 1)}</elementProp>' + s("ThreadGroup.num_threads", 1) +
                s("ThreadGroup.ramp_time", 0) + b("ThreadGroup.scheduler", False) +
                s("ThreadGroup.duration", "") + s("ThreadGroup.delay", ""))
    body = (headers("plan headers", [("X-Scope", "plan"), ("X-Plan", "wire")]) + defaults() +
            "".join(SAMPLERS))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!-- HTTP requests built every way JMeter builds them; see make_plan.py. -->\n'
            '<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">\n<hashTree>\n'
            f'<TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="http wire" enabled="true">'
            f'{tp_props}</TestPlan>\n<hashTree>\n'
            f'<CookieManager guiclass="CookiePanel" testclass="CookieManager" testname="cookies" '
            f'enabled="true"><collectionProp name="CookieManager.cookies"/>'
            f'{b("CookieManager.clearEachIteration", False)}</CookieManager>\n<hashTree/>\n'
            f'<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="wire" '
            f'enabled="true">{tg_props}</ThreadGroup>\n<hashTree>\n{body}</hashTree>\n'
            '</hashTree>\n</hashTree>\n</jmeterTestPlan>\n')


if __name__ == "__main__":
    with open(os.path.join(HERE, "http-wire.jmx"), "w", encoding="utf-8") as f:
        f.write(plan())
    with open(os.path.join(HERE, "upload.txt"), "w", encoding="utf-8") as f:
        f.write("line one\nline two ü\n")
