#!/usr/bin/env python3
"""make_plan.py - writes correlation.jmx next to this script: the correlation flow of
issue 4 against tools/demo-server, two users:

  GET /                    session cookie (Cookie Manager)
  GET /config.json         JSON Extractor apiHost = $.apiHost; JSON Assertion cartEnabled
  GET http://${apiHost}/api/products
                           JSON Extractor ids = $[*].id, match -1 (ids_1..ids_N, ids_ALL);
                           JSON Assertion on the first product's currency
  ForEach ids -> id        POST /api/products/${id}/view, JSON Assertion productId == id
  GET /checkout            the form's CSRF token: CSS Selector Extractor (input[name=csrf],
                           attribute value) and XPath Extractor (tolerant HTML parsing)
                           into two variables; XPath Assertion that the form is there
  POST /checkout           form csrf=${csrf_css}, name, email; Response Assertion "ORD-"
                           and an XPath Assertion on the order page; then the same POST
                           with ${csrf_xpath}: the token was used up, so a Response Assertion
                           on the code (Ignore Status) expects the 403.

The file is committed; this script documents and re-makes it."""
import os
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))


def s(name, value):
    return f'<stringProp name={quoteattr(name)}>{escape(str(value))}</stringProp>'


def b(name, value):
    return f'<boolProp name={quoteattr(name)}>{"true" if value else "false"}</boolProp>'


def el(tag, name, props, children="", guiclass=None, testclass=None):
    return (f'<{tag} guiclass={quoteattr(guiclass or tag)} testclass={quoteattr(testclass or tag)} '
            f'testname={quoteattr(name)} enabled="true">{"".join(props)}</{tag}>\n'
            f'<hashTree>\n{children}</hashTree>\n')


def arg(name, value):
    return (f'<elementProp name={quoteattr(name)} elementType="HTTPArgument">'
            f'{b("HTTPArgument.always_encode", True)}{s("Argument.value", value)}'
            f'{s("Argument.metadata", "=")}{b("HTTPArgument.use_equals", True)}'
            f'{s("Argument.name", name)}</elementProp>')


def http(label, method, path, args=(), children="", domain="127.0.0.1", port="${port}"):
    props = [f'<elementProp name="HTTPsampler.Arguments" elementType="Arguments" '
             f'guiclass="HTTPArgumentsPanel" testclass="Arguments" enabled="true">'
             f'<collectionProp name="Arguments.arguments">{"".join(args)}</collectionProp>'
             f'</elementProp>', s("HTTPSampler.domain", domain), s("HTTPSampler.port", port),
             s("HTTPSampler.protocol", "http"), s("HTTPSampler.path", path),
             s("HTTPSampler.method", method), b("HTTPSampler.follow_redirects", True),
             b("HTTPSampler.use_keepalive", True)]
    return el("HTTPSamplerProxy", label, props, children, guiclass="HttpTestSampleGui")


def json_extractor(name, refs, paths, matches, defaults, concat=False):
    return el("JSONPostProcessor", name,
              [s("JSONPostProcessor.referenceNames", refs), s("JSONPostProcessor.jsonPathExprs", paths),
               s("JSONPostProcessor.match_numbers", matches),
               s("JSONPostProcessor.defaultValues", defaults),
               b("JSONPostProcessor.compute_concat", concat)], guiclass="JSONPostProcessorGui")


def json_assertion(name, path, expected, validate=True, regex=False):
    return el("JSONPathAssertion", name,
              [s("JSON_PATH", path), s("EXPECTED_VALUE", expected), b("JSONVALIDATION", validate),
               b("EXPECT_NULL", False), b("INVERT", False), b("ISREGEX", regex)],
              guiclass="JSONPathAssertionGui")


def css_extractor(name, ref, expr, attribute, match, default):
    return el("HtmlExtractor", name,
              [s("HtmlExtractor.refname", ref), s("HtmlExtractor.expr", expr),
               s("HtmlExtractor.attribute", attribute), s("HtmlExtractor.default", default),
               b("HtmlExtractor.default_empty_value", False), s("HtmlExtractor.match_number", match),
               s("HtmlExtractor.extractor_impl", "")], guiclass="HtmlExtractorGui")


def xpath_extractor(name, ref, query, default):
    return el("XPathExtractor", name,
              [s("XPathExtractor.default", default), s("XPathExtractor.refname", ref),
               s("XPathExtractor.matchNumber", "1"), s("XPathExtractor.xpathQuery", query),
               b("XPathExtractor.validate", False), b("XPathExtractor.tolerant", True),
               b("XPathExtractor.namespace", False)], guiclass="XPathExtractorGui")


def xpath_assertion(name, query):
    return el("XPathAssertion", name,
              [b("XPath.negate", False), s("XPath.xpath", query), b("XPath.validate", False),
               b("XPath.whitespace", False), b("XPath.tolerant", True), b("XPath.namespace", False)],
              guiclass="XPathAssertionGui")


def response_assertion(name, pattern, field="Assertion.response_data", ignore_status=False):
    return el("ResponseAssertion", name,
              ['<collectionProp name="Asserion.test_strings">'
               f'<stringProp name="0">{escape(pattern)}</stringProp></collectionProp>',
               s("Assertion.custom_message", ""), s("Assertion.test_field", field),
               b("Assertion.assume_success", ignore_status),
               '<intProp name="Assertion.test_type">16</intProp>'],
              guiclass="AssertionGui")


def foreach(name, prefix, var, children):
    return el("ForeachController", name,
              [s("ForeachController.inputVal", prefix), s("ForeachController.returnVal", var),
               b("ForeachController.useSeparator", True)], children,
              guiclass="ForeachControlPanel")   # blank indexes are not saved (a "" reads as 0)


def plan():
    steps = (
        http("home", "GET", "/") +
        http("config", "GET", "/config.json", children=(
            json_extractor("api host", "apiHost;currency", "$.apiHost;$.currency", "1;1", "NO_HOST;NO_CURRENCY") +
            json_assertion("cart enabled", "$.cartEnabled", "true"))) +
        http("products", "GET", "http://${apiHost}/api/products", domain="", port="", children=(
            json_extractor("product ids", "ids", "$[*].id", "-1", "NO_IDS", concat=True) +
            json_assertion("currency", "$[0].currency", "${currency}"))) +
        foreach("each product", "ids", "id", http("view ${id}", "POST", "/api/products/${id}/view",
                children=json_assertion("viewed", "$.productId", "${id}"))) +
        http("checkout form", "GET", "/checkout", children=(
            css_extractor("csrf by css", "csrf_css", "input[name=csrf]", "value", "1", "NO_TOKEN") +
            xpath_extractor("csrf by xpath", "csrf_xpath", "//input[@name='csrf']/@value", "NO_TOKEN") +
            xpath_assertion("form present", "//form[@id='checkout']"))) +
        http("place order", "POST", "/checkout",
             [arg("csrf", "${csrf_css}"), arg("name", "User ${__threadNum}"),
              arg("email", "u${__threadNum}@example.com")], children=(
                 response_assertion("order number", "ORD-") +
                 xpath_assertion("order page", "//h1[@id='order']"))) +
        http("replay token", "POST", "/checkout",
             [arg("csrf", "${csrf_xpath}"), arg("name", "Again"), arg("email", "a@example.com")],
             children=response_assertion("refused", "403", field="Assertion.response_code",
                                         ignore_status=True))
    )
    udv = ('<elementProp name="TestPlan.user_defined_variables" elementType="Arguments">'
           '<collectionProp name="Arguments.arguments"><elementProp name="port" elementType="Argument">'
           f'{s("Argument.name", "port")}{s("Argument.value", "${__P(port,8080)}")}'
           f'{s("Argument.metadata", "=")}</elementProp></collectionProp></elementProp>')
    tg = el("ThreadGroup", "shoppers",
            [s("ThreadGroup.on_sample_error", "continue"),
             '<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
             'guiclass="LoopControlPanel" testclass="LoopController" enabled="true">'
             f'{b("LoopController.continue_forever", False)}{s("LoopController.loops", 1)}</elementProp>',
             s("ThreadGroup.num_threads", "${__P(users,2)}"), s("ThreadGroup.ramp_time", 0),
             b("ThreadGroup.scheduler", False), s("ThreadGroup.duration", ""),
             s("ThreadGroup.delay", "")], steps, guiclass="ThreadGroupGui")
    cookies = el("CookieManager", "cookies", ['<collectionProp name="CookieManager.cookies"/>',
                                               b("CookieManager.clearEachIteration", False)],
                 guiclass="CookiePanel")
    tp = el("TestPlan", "correlation", [b("TestPlan.functional_mode", False), udv], cookies + tg,
            guiclass="TestPlanGui")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!-- The correlation flow of issue 4; see make_plan.py. -->\n'
            '<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">\n<hashTree>\n'
            f'{tp}</hashTree>\n</jmeterTestPlan>\n')


if __name__ == "__main__":
    with open(os.path.join(HERE, "correlation.jmx"), "w", encoding="utf-8") as f:
        f.write(plan())
