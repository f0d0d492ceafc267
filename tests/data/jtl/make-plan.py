#!/usr/bin/env python3
"""make-plan.py - writes report-mix.jmx, the plan behind jmx2run.jtl and jmeter213.jtl.

Three users, four loops, against tools/demo-server: a page with embedded resources and a
followed redirect (sub-results), a slow request (values above 256 ms), 404 and 500 answers,
an assertion failure, a refused connection, a non-parent Transaction Controller, and
samplers whose names need escaping in HTML (markup, quotes, ampersands, a comma, a newline,
U+2028, non-ASCII text). Run: python3 make-plan.py > report-mix.jmx
"""
from xml.sax.saxutils import quoteattr, escape


def prop(kind, name, value):
    return '<%s name=%s>%s</%s>' % (kind, quoteattr(name), escape(value), kind)


def http(name, path, method="GET", follow=True, embedded=False, port="${__P(port,8080)}", children=""):
    props = [
        prop("stringProp", "HTTPSampler.domain", "127.0.0.1"),
        prop("stringProp", "HTTPSampler.port", port),
        prop("stringProp", "HTTPSampler.protocol", "http"),
        prop("stringProp", "HTTPSampler.path", path),
        prop("stringProp", "HTTPSampler.method", method),
        prop("boolProp", "HTTPSampler.follow_redirects", "true" if follow else "false"),
        prop("boolProp", "HTTPSampler.use_keepalive", "true"),
        '<elementProp name="HTTPsampler.Arguments" elementType="Arguments" guiclass="HTTPArgumentsPanel" '
        'testclass="Arguments" testname="User Defined Variables"><collectionProp name="Arguments.arguments"/>'
        '</elementProp>',
    ]
    if embedded:
        props.append(prop("boolProp", "HTTPSampler.image_parser", "true"))
    return ('<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname=%s '
            'enabled="true">%s</HTTPSamplerProxy>\n<hashTree>%s</hashTree>\n'
            % (quoteattr(name), "".join(props), children))


def assertion(name, pattern):
    return ('<ResponseAssertion guiclass="AssertionGui" testclass="ResponseAssertion" testname=%s enabled="true">'
            '<collectionProp name="Asserion.test_strings">%s</collectionProp>'
            '%s%s%s</ResponseAssertion><hashTree/>'
            % (quoteattr(name), prop("stringProp", "49586", pattern),
               prop("stringProp", "Assertion.test_field", "Assertion.response_data"),
               prop("boolProp", "Assertion.assume_success", "false"),
               prop("intProp", "Assertion.test_type", "2")))


samplers = "".join([
    http("Home page", "/html-with-resources", embedded=True),
    http("Redirect", "/redirect?to=/echo&code=302"),
    http("Slow", "/delay?ms=${__Random(250,420)}"),
    '<TransactionController guiclass="TransactionControllerGui" testclass="TransactionController" '
    'testname="Checkout flow" enabled="true">'
    + prop("boolProp", "TransactionController.includeTimers", "false")
    + prop("boolProp", "TransactionController.parent", "false")
    + '</TransactionController>\n<hashTree>'
    + http("Not found", "/status/404")
    + http("Echo checked", "/echo?step=${__counter(FALSE,)}",
           children=assertion("Needs nope", "nope"))
    + '</hashTree>\n',
    http("Server error", "/status/${__Random(500,503)}"),
    http("Refused", "/", port="1"),
    http('<script>alert("x")</script> & \'q\'', "/echo?h=1"),
    http('Get, "home"', "/echo?h=2"),
    http("Line one\nline two", "/echo?h=3"),
    http("Sep\u2028arated caf\u00e9 \u6771\u4eac", "/echo?h=4"),
    http("</td></tr><tr><td>", "/echo?h=5"),
])

plan = '''<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="2.8" jmeter="2.13 r1665067">
<hashTree>
<TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="Report mix" enabled="true">
<elementProp name="TestPlan.user_defined_variables" elementType="Arguments" guiclass="ArgumentsPanel" testclass="Arguments" testname="User Defined Variables"><collectionProp name="Arguments.arguments"/></elementProp>
</TestPlan>
<hashTree>
<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Mixers" enabled="true">
<stringProp name="ThreadGroup.on_sample_error">continue</stringProp>
<elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller">
<boolProp name="LoopController.continue_forever">false</boolProp>
<stringProp name="LoopController.loops">4</stringProp>
</elementProp>
<stringProp name="ThreadGroup.num_threads">3</stringProp>
<stringProp name="ThreadGroup.ramp_time">2</stringProp>
<boolProp name="ThreadGroup.scheduler">false</boolProp>
</ThreadGroup>
<hashTree>
<UniformRandomTimer guiclass="UniformRandomTimerGui" testclass="UniformRandomTimer" testname="Think" enabled="true">
<stringProp name="ConstantTimer.delay">30</stringProp>
<stringProp name="RandomTimer.range">60</stringProp>
</UniformRandomTimer>
<hashTree/>
%s</hashTree>
</hashTree>
</hashTree>
</jmeterTestPlan>
''' % samplers

print(plan, end="")
