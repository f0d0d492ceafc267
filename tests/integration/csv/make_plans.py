#!/usr/bin/env python3
"""make_plans.py - writes the CSV Data Set plans of this folder (*.jmx) and their data
files (data/*), in the form JMeter saves them (loadable by JMeter 2.13 and 5.6).

    python3 make_plans.py        # from anywhere; rewrites the files next to this script

Every plan sends its values to tools/demo-server's /echo route as URL-encoded query
parameters (or a form body), with g=<group tag> and t=${__threadNum} naming the user,
so that the server log shows what each user sent. The expectations live in check.py;
see README.md for what each plan covers. Do not edit the generated files by hand.
"""
import os
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- XML building

class E:
    """An element (tag, attributes, property lines) with its hashTree children."""

    def __init__(self, tag, gui, test, name, props, children=()):
        self.tag, self.gui, self.test, self.name = tag, gui, test, name
        self.props, self.children = props, list(children)

    def render(self, depth):
        pad = "  " * depth
        out = ['%s<%s guiclass="%s" testclass="%s" testname=%s enabled="true">' % (
            pad, self.tag, self.gui, self.test, quoteattr(self.name))]
        for p in self.props:
            out.extend(pad + "  " + line for line in p)
        out.append("%s</%s>" % (pad, self.tag))
        if self.children:
            out.append(pad + "<hashTree>")
            for c in self.children:
                out.extend(c.render(depth + 1))
            out.append(pad + "</hashTree>")
        else:
            out.append(pad + "<hashTree/>")
        return out


def prop(kind, name, value):
    if isinstance(value, bool):
        value = "true" if value else "false"
    value = escape(str(value))
    if value == "":
        return ['<%s name=%s></%s>' % (kind, quoteattr(name), kind)]
    return ['<%s name=%s>%s</%s>' % (kind, quoteattr(name), value, kind)]


def s(name, value):
    return prop("stringProp", name, value)


def b(name, value):
    return prop("boolProp", name, value)


def indent(lines):
    return ["  " + l for l in lines]


def plan(name, comment, children, serialize=False):
    tp = E("TestPlan", "TestPlanGui", "TestPlan", name, [
        s("TestPlan.comments", comment),
        b("TestPlan.functional_mode", False),
        b("TestPlan.serialize_threadgroups", serialize),
        ['<elementProp name="TestPlan.user_defined_variables" elementType="Arguments" '
         'guiclass="ArgumentsPanel" testclass="Arguments" testname="User Defined Variables" enabled="true">',
         '  <collectionProp name="Arguments.arguments"/>',
         '</elementProp>'],
        s("TestPlan.user_define_classpath", ""),
    ], children)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">',
             '  <hashTree>']
    lines += tp.render(2)
    lines += ['  </hashTree>', '</jmeterTestPlan>']
    return "\n".join(lines) + "\n"


def group(name, threads, loops, children):
    """A standard Thread Group, ramp-up 0; loops -1 = until something stops the users."""
    return E("ThreadGroup", "ThreadGroupGui", "ThreadGroup", name, [
        s("ThreadGroup.on_sample_error", "continue"),
        ['<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
         'guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">']
        + indent(b("LoopController.continue_forever", False))
        + indent(s("LoopController.loops", loops))
        + ['</elementProp>'],
        s("ThreadGroup.num_threads", threads),
        s("ThreadGroup.ramp_time", 0),
        b("ThreadGroup.scheduler", False),
        s("ThreadGroup.duration", ""),
        s("ThreadGroup.delay", ""),
        b("ThreadGroup.same_user_on_next_iteration", True),
    ], children)


def loop(name, loops, children):
    return E("LoopController", "LoopControlPanel", "LoopController", name, [
        b("LoopController.continue_forever", True),
        s("LoopController.loops", loops),
    ], children)


def csv(name, filename, names, delimiter=",", quoted=False, recycle=True, stop=False,
        share="shareMode.all", encoding="", ignore_first=None):
    props = [
        s("delimiter", delimiter),
        s("fileEncoding", encoding),
        s("filename", filename),
    ]
    if ignore_first is not None:
        props.append(b("ignoreFirstLine", ignore_first))
    props += [
        b("quotedData", quoted),
        b("recycle", recycle),
        s("shareMode", share),
        b("stopThread", stop),
        s("variableNames", names),
    ]
    return E("CSVDataSet", "TestBeanGUI", "CSVDataSet", name, props)


def http(name, args=(), path="/echo", method="GET"):
    """An HTTP Request to ${__P(host)}:${__P(port)}; args are (name, value) pairs, URL-encoded,
    sent as the query string (GET) or as a form body (POST), in UTF-8."""
    coll = ['<elementProp name="HTTPsampler.Arguments" elementType="Arguments" guiclass="HTTPArgumentsPanel" '
            'testclass="Arguments" testname="User Defined Variables" enabled="true">']
    if args:
        coll.append('  <collectionProp name="Arguments.arguments">')
        for n, v in args:
            coll.append('    <elementProp name=%s elementType="HTTPArgument">' % quoteattr(n))
            for line in (b("HTTPArgument.always_encode", True) + s("Argument.value", v)
                         + s("Argument.metadata", "=") + b("HTTPArgument.use_equals", True)
                         + s("Argument.name", n)):
                coll.append("      " + line)
            coll.append('    </elementProp>')
        coll.append('  </collectionProp>')
    else:
        coll.append('  <collectionProp name="Arguments.arguments"/>')
    coll.append('</elementProp>')
    return E("HTTPSamplerProxy", "HttpTestSampleGui", "HTTPSamplerProxy", name, [
        coll,
        s("HTTPSampler.domain", "${__P(host,127.0.0.1)}"),
        s("HTTPSampler.port", "${__P(port,8080)}"),
        s("HTTPSampler.protocol", "http"),
        s("HTTPSampler.contentEncoding", "UTF-8"),
        s("HTTPSampler.path", path),
        s("HTTPSampler.method", method),
        b("HTTPSampler.follow_redirects", True),
        b("HTTPSampler.auto_redirects", False),
        b("HTTPSampler.use_keepalive", True),
        b("HTTPSampler.DO_MULTIPART_POST", False),
    ])


def echo(name, tag, pairs, method="GET"):
    """/echo with g=<tag>, t=<thread number>, then the pairs."""
    return http(name, [("g", tag), ("t", "${__threadNum}")] + list(pairs), method=method)


def vals(*names):
    return [(n, "${%s}" % n) for n in names]


# ------------------------------------------------------------------ data files

DATA = {
    "users.csv": "".join("user%02d,pw%02d\n" % (i, i) for i in range(1, 13)).encode(),
    "colors.csv": b"red\ngreen\nblue\ncyan\nplum\n",
    "lines10.csv": "".join("L%02d\n" % i for i in range(1, 11)).encode(),
    "three.csv": b"one\ntwo\nthree\n",
    "blank.csv": b"x1\n\nx3\n",
    # quoted data: the delimiter, doubled quotes and a line break inside quotes; an empty
    # quoted field; a tab and a CRLF inside quotes, and a record ending in CRLF
    "quoted.csv": (b'"Smith, John","He said ""hi""","line one\nline two"\n'
                   b'plain,"","ends with ""q"""\n'
                   b'"tab\there",caf\xc3\xa9,"crlf\r\ninside"\r\n'),
    # names from the header line, TAB-delimited, an empty field
    "people.tsv": b"name\tcity\tzip\nAda\tLondon\tNW1\nLinus\t\t00100\nGrace\tNew York\t10001\n",
    "ignore.csv": b"id,label\n1,first\n2,second\n",
    "utf8.csv": "Zoë,Ürümqi,日本語\nØlaf,Ångström,€uro\n".encode("utf-8"),
    "latin1.csv": "café,naïve\nMüller,Straße\n".encode("iso-8859-1"),
    "fn.csv": b"r0c0,r0c1\nr1c0,r1c1\nr2c0,r2c1\n",
    "lines.txt": b"first\nsecond\nthird\n",
    "unclosed.csv": b'ok1,ok2\n"never closed,zz\nmore,stuff\n',
}


# ----------------------------------------------------------------------- plans

PLANS = {}

PLANS["share_all"] = plan(
    "CSV shareMode.all across two thread groups",
    "Two groups of two users, looping until the CSV stops them: each group has its own CSV "
    "Data Set on the same file (its name from ${__P(users_csv)}), shareMode.all, recycle off, "
    "stopThread on. Every line must be used once over all four users, two requests per line.",
    [group("A", 2, -1, [
        csv("users A", "data/${__P(users_csv,nosuch.csv)}", "user,pw", recycle=False, stop=True),
        echo("A login", "A", [("step", "1")] + vals("user", "pw")),
        echo("A again", "A", [("step", "2")] + vals("user", "pw")),
    ]),
     group("B", 2, -1, [
        csv("users B", "data/${__P(users_csv,nosuch.csv)}", "user,pw", recycle=False, stop=True),
        echo("B login", "B", [("step", "1")] + vals("user", "pw")),
        echo("B again", "B", [("step", "2")] + vals("user", "pw")),
    ])])

PLANS["share_group"] = plan(
    "CSV shareMode.group",
    "One CSV Data Set at Test Plan level, shareMode.group, recycle off, stopThread on: "
    "each thread group reads the whole file once, shared by its users.",
    [csv("colors", "data/colors.csv", "color", recycle=False, stop=True, share="shareMode.group"),
     group("A", 2, -1, [echo("A color", "A", vals("color"))]),
     group("B", 3, -1, [echo("B color", "B", vals("color"))])])

PLANS["share_thread"] = plan(
    "CSV shareMode.thread and <EOF>",
    "shareMode.thread, recycle off, stopThread off: each of three users reads the whole "
    "file, then gets <EOF>.",
    [group("T", 3, 4, [
        csv("three", "data/three.csv", "word", recycle=False, stop=False, share="shareMode.thread"),
        echo("T word", "T", vals("word")),
    ])])

PLANS["share_id"] = plan(
    "CSV share identifier",
    "Two CSV Data Sets share the identifier 'pairs' (one read position between them, also "
    "for a third one in the next group); 'solo' and shareMode.all on the same file have "
    "their own. Groups run one after another.",
    [group("S", 1, 3, [
        csv("first", "data/lines10.csv", "first", recycle=False, share="pairs"),
        csv("second", "data/lines10.csv", "second", recycle=False, share="pairs"),
        csv("own", "data/lines10.csv", "own", recycle=False, share="solo"),
        echo("S ids", "S", vals("first", "second", "own")),
    ]),
     group("S2", 1, 1, [
        csv("third", "data/lines10.csv", "third", recycle=False, share="pairs"),
        csv("all", "data/lines10.csv", "everyone", recycle=False),
        echo("S2 ids", "S2", vals("third", "everyone")),
    ])],
    serialize=True)

PLANS["eof"] = plan(
    "CSV end of file",
    "Three groups on one file (shareMode.group): recycle off and stopThread off (<EOF>), "
    "stopThread on (the user stops before the 4th iteration), recycle on; and a file with "
    "an empty line (read as the end of the file for that iteration).",
    [group("keep", 1, 5, [
        csv("keep", "data/three.csv", "word", recycle=False, stop=False, share="shareMode.group"),
        echo("keep word", "keep", vals("word")),
    ]),
     group("stop", 1, 5, [
        csv("stop", "data/three.csv", "word", recycle=False, stop=True, share="shareMode.group"),
        echo("stop word", "stop", vals("word")),
        echo("stop word 2", "stop", [("second", "1")] + vals("word")),
    ]),
     group("recycle", 1, 7, [
        csv("recycle", "data/three.csv", "word", recycle=True, stop=False, share="shareMode.group"),
        echo("recycle word", "recycle", vals("word")),
    ]),
     group("blank", 1, 4, [
        csv("blank", "data/blank.csv", "x", recycle=False, stop=False),
        echo("blank x", "blank", vals("x")),
    ])])

PLANS["quoted"] = plan(
    "CSV quoted data",
    "quotedData=true: a delimiter, doubled quotes and line breaks inside quotes; values sent "
    "as a form body. Recycle off: the 4th iteration gets <EOF>.",
    [group("Q", 1, 4, [
        csv("quoted", "data/quoted.csv", "name,quote,note", quoted=True, recycle=False),
        echo("Q post", "Q", vals("name", "quote", "note"), method="POST"),
    ])])

PLANS["header_tab"] = plan(
    "CSV header line and TAB",
    "variableNames empty: the names come from the file's first line; the delimiter is "
    "written \\t; recycle on skips the header again.",
    [group("H", 1, 4, [
        csv("people", "data/people.tsv", "", delimiter="\\t"),
        echo("H person", "H", vals("name", "city", "zip")),
    ])])

PLANS["ignore_first"] = plan(
    "CSV ignoreFirstLine",
    "ignoreFirstLine=true with variableNames given: line 1 is skipped, also after a recycle "
    "(JMeter 3.1+; 2.13 has no such property).",
    [group("I", 1, 5, [
        csv("ignore", "data/ignore.csv", "id,label", ignore_first=True),
        echo("I row", "I", vals("id", "label")),
    ])])

PLANS["encoding"] = plan(
    "CSV fileEncoding",
    "A UTF-8 file and an ISO-8859-1 file with non-ASCII values; both sent URL-encoded in UTF-8.",
    [group("E", 1, 2, [
        csv("utf8", "data/utf8.csv", "first,city,word", encoding="UTF-8"),
        csv("latin1", "data/latin1.csv", "l1,l2", encoding="ISO-8859-1"),
        echo("E values", "E", vals("first", "city", "word", "l1", "l2")),
    ])])

PLANS["loop"] = plan(
    "CSV inside a Loop Controller",
    "A CSV Data Set under a Loop Controller advances once per loop pass (both samplers of a "
    "pass see the same line); the one at thread-group level once per thread-group iteration.",
    [group("L", 1, 2, [
        csv("outer", "data/colors.csv", "outer"),
        loop("three passes", 3, [
            csv("inner", "data/lines10.csv", "inner"),
            echo("L pass a", "L", [("s", "a")] + vals("outer", "inner")),
            echo("L pass b", "L", [("s", "b")] + vals("outer", "inner")),
        ]),
        echo("L after", "L", [("s", "after")] + vals("outer", "inner")),
    ])])

PLANS["functions"] = plan(
    "__CSVRead and __StringFromFile",
    "Both functions in a sampler path: __CSVRead columns of the user's row, then next; "
    "__StringFromFile the next line, starting over at the end.",
    [group("F", 1, 4, [
        http("F path", path="/echo?g=F&t=${__threadNum}&c0=${__CSVRead(data/fn.csv,0)}"
                            "&c1=${__CSVRead(data/fn.csv,1)}${__CSVRead(data/fn.csv,next)}"
                            "&line=${__StringFromFile(data/lines.txt)}"),
    ])])

PLANS["missing"] = plan(
    "CSV file missing",
    "The CSV file does not exist: JMeter 5.6 ends each thread of that group at its first "
    "iteration (the file 'must exist and be readable'); the other group runs.",
    [group("M", 2, 2, [
        csv("missing", "data/does-not-exist.csv", "v"),
        echo("M value", "M", vals("v")),
    ]),
     group("OK", 1, 2, [echo("OK ping", "OK", [("x", "1")])])])

PLANS["unclosed"] = plan(
    "CSV quoted field never closed",
    "quotedData=true and a quote that is never closed: the record is an I/O error, which "
    "JMeter treats as the end of the file (<EOF>); the rest of the file is gone.",
    [group("U", 1, 4, [
        csv("unclosed", "data/unclosed.csv", "a,b", quoted=True, recycle=False),
        echo("U values", "U", vals("a", "b")),
    ])])


def main():
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    for name, content in DATA.items():
        with open(os.path.join(HERE, "data", name), "wb") as f:
            f.write(content)
    for name, text in PLANS.items():
        with open(os.path.join(HERE, name + ".jmx"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
