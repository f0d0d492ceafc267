#!/usr/bin/env python3
"""make_oracle.py - writes oracle-xml.jmx, the plan whose JMeter 2.13 results
(oracle-xml.213.xml) settle what tests/unit/test_xml_postprocess.c expects from the
XPath Extractor, the XPath Assertion and the CSS/JQuery Extractor.

Every case is a Java Request (JavaTest) whose ResultData is a fixed body (page.html
comes through the variable ${page}), with one extractor or assertion below it. A Debug
Sampler at the end lists the variables.

    python3 tests/data/xml/make_oracle.py > tests/data/xml/oracle-xml.jmx
    ../shared/oracle/jmeter213 -n -t tests/data/xml/oracle-xml.jmx -l out.xml -j jm.log \\
        -Jjmeter.save.saveservice.output_format=xml \\
        -Jjmeter.save.saveservice.assertion_results=all \\
        -Jjmeter.save.saveservice.response_data=true
    python3 tests/data/xml/make_oracle.py --strip out.xml > tests/data/xml/oracle-xml.213.xml

(--strip keeps the assertion results of every sample and the Debug Sampler's body.)
"""
import sys
from xml.sax.saxutils import escape

DOC = '<r><a id="1">one</a><a id="2">two</a><b/><c><d>in</d></c></r>'
NS_DEFAULT = '<r xmlns="urn:d"><a>t</a></r>'
NS_PREFIX = '<r xmlns:p="urn:p"><p:a k="v">t</p:a><a>u</a></r>'
HTML = open(__file__.replace('make_oracle.py', 'page.html')).read()

# (kind, name, body, properties)
CASES = [
    # ---- XPath Extractor (2.13 has no match number: always all matches)
    ('xpath', 'x_elems', DOC, {'refname': 'x_elems', 'xpathQuery': '//a'}),
    ('xpath', 'x_attrs', DOC, {'refname': 'x_attrs', 'xpathQuery': '//a/@id'}),
    ('xpath', 'x_count', DOC, {'refname': 'x_count', 'xpathQuery': 'count(//a)'}),
    ('xpath', 'x_bool', DOC, {'refname': 'x_bool', 'xpathQuery': 'count(//a) > 1'}),
    ('xpath', 'x_third', DOC, {'refname': 'x_third', 'xpathQuery': '1 div 3'}),
    ('xpath', 'x_frac', DOC, {'refname': 'x_frac', 'xpathQuery': 'sum(//a/@id) div 4'}),
    ('xpath', 'x_inf', DOC, {'refname': 'x_inf', 'xpathQuery': '1 div 0'}),
    ('xpath', 'x_nan', DOC, {'refname': 'x_nan', 'xpathQuery': '0 div 0'}),
    ('xpath', 'x_big', DOC, {'refname': 'x_big', 'xpathQuery': '1000000 * 1000000 * 1000000 * 1000'}),
    ('xpath', 'x_small', DOC, {'refname': 'x_small', 'xpathQuery': '1 div 1000000'}),
    ('xpath', 'x_negzero', DOC, {'refname': 'x_negzero', 'xpathQuery': '-0'}),
    ('xpath', 'x_str', DOC, {'refname': 'x_str', 'xpathQuery': "concat('a-', //a[2])"}),
    ('xpath', 'x_empty_el', DOC, {'refname': 'x_empty_el', 'xpathQuery': '//b', 'default': 'DEF'}),
    ('xpath', 'x_elem_child', DOC, {'refname': 'x_elem_child', 'xpathQuery': '//c', 'default': 'DEF'}),
    ('xpath', 'x_none', DOC, {'refname': 'x_none', 'xpathQuery': '//zz', 'default': 'DEF'}),
    ('xpath', 'x_text', DOC, {'refname': 'x_text', 'xpathQuery': '//a/text()'}),
    ('xpath', 'x_frag', DOC, {'refname': 'x_frag', 'xpathQuery': '//a[1]', 'fragment': True}),
    ('xpath', 'x_frag_nested', DOC, {'refname': 'x_frag_nested', 'xpathQuery': '//c', 'fragment': True}),
    ('xpath', 'x_frag_attr', DOC, {'refname': 'x_frag_attr', 'xpathQuery': '//a/@id', 'fragment': True}),
    ('xpath', 'x_ws', '<r>\n  <a>v</a></r>', {'refname': 'x_ws', 'xpathQuery': '/r'}),
    ('xpath', 'x_comment', '<r><!--note--><a>v</a></r>', {'refname': 'x_comment', 'xpathQuery': '//comment()'}),
    ('xpath', 'x_cdata', '<r><a>x<![CDATA[y<]]>z</a></r>', {'refname': 'x_cdata', 'xpathQuery': '//a'}),
    ('xpath', 'x_cdata_str', '<r><a>x<![CDATA[y<]]>z</a></r>', {'refname': 'x_cdata_str', 'xpathQuery': 'string(//a)'}),
    ('xpath', 'x_ent', '<r><a>1 &lt; 2 &amp;&#65;</a></r>', {'refname': 'x_ent', 'xpathQuery': '//a'}),
    # namespaces
    ('xpath', 'x_nsdef_off', NS_DEFAULT, {'refname': 'x_nsdef_off', 'xpathQuery': '//a'}),
    ('xpath', 'x_nsdef_on', NS_DEFAULT, {'refname': 'x_nsdef_on', 'xpathQuery': '//a', 'namespace': True, 'default': 'DEF'}),
    ('xpath', 'x_nspre_off', NS_PREFIX, {'refname': 'x_nspre_off', 'xpathQuery': '//a'}),
    ('xpath', 'x_nspre_off_p', NS_PREFIX, {'refname': 'x_nspre_off_p', 'xpathQuery': '//p:a'}),
    ('xpath', 'x_nspre_off_ln', NS_PREFIX, {'refname': 'x_nspre_off_ln', 'xpathQuery': "//*[local-name()='a']"}),
    ('xpath', 'x_nspre_off_name', NS_PREFIX, {'refname': 'x_nspre_off_name', 'xpathQuery': "name(//*[2])"}),
    ('xpath', 'x_nspre_off_attrs', NS_PREFIX, {'refname': 'x_nspre_off_attrs', 'xpathQuery': "count(/r/@*)"}),
    ('xpath', 'x_nspre_on', NS_PREFIX, {'refname': 'x_nspre_on', 'xpathQuery': '//a', 'namespace': True}),
    ('xpath', 'x_nspre_on_p', NS_PREFIX, {'refname': 'x_nspre_on_p', 'xpathQuery': '//p:a', 'namespace': True}),
    ('xpath', 'x_nspre_on_frag', NS_PREFIX, {'refname': 'x_nspre_on_frag', 'xpathQuery': '//p:a', 'namespace': True, 'fragment': True}),
    ('xpath', 'x_nspre_off_frag', NS_PREFIX, {'refname': 'x_nspre_off_frag', 'xpathQuery': "//*[local-name()='a'][1]", 'fragment': True}),
    ('xpath', 'x_undef_prefix', DOC, {'refname': 'x_undef_prefix', 'xpathQuery': '//q:a', 'default': 'DEF'}),
    # parse errors and bad queries
    ('xpath', 'x_bad_xml', '<r><a></r>', {'refname': 'x_bad_xml', 'xpathQuery': '//a', 'default': 'DEF'}),
    ('xpath', 'x_prolog', 'hello', {'refname': 'x_prolog', 'xpathQuery': '//a'}),
    ('xpath', 'x_trailing', '<r/><s/>', {'refname': 'x_trailing', 'xpathQuery': '//a'}),
    ('xpath', 'x_eof', '<r><a>', {'refname': 'x_eof', 'xpathQuery': '//a'}),
    ('xpath', 'x_empty_body', '', {'refname': 'x_empty_body', 'xpathQuery': '//a'}),
    ('xpath', 'x_nbsp', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html><p>a&nbsp;b</p></html>',
        {'refname': 'x_nbsp', 'xpathQuery': '//p'}),
    ('xpath', 'x_undecl', '<r>&foo;</r>', {'refname': 'x_undecl', 'xpathQuery': '//r'}),
    ('xpath', 'x_attr_dup', '<r a="1" a="2"/>', {'refname': 'x_attr_dup', 'xpathQuery': '//r'}),
    ('xpath', 'x_bad_query', DOC, {'refname': 'x_bad_query', 'xpathQuery': '//a[', 'default': 'DEF'}),
    ('xpath', 'x_bad_fn', DOC, {'refname': 'x_bad_fn', 'xpathQuery': 'nofn(1)', 'default': 'DEF'}),
    # tolerant (Tidy in JMeter, libxml2's HTML parser here)
    ('xpath', 'x_tol', HTML, {'refname': 'x_tol', 'xpathQuery': '//li', 'tolerant': True}),
    ('xpath', 'x_tol_attr', HTML, {'refname': 'x_tol_attr', 'xpathQuery': '//a/@href', 'tolerant': True}),
    ('xpath', 'x_tol_title', HTML, {'refname': 'x_tol_title', 'xpathQuery': '/html/head/title', 'tolerant': True}),
    ('xpath', 'x_tol_report_ok', HTML, {'refname': 'x_tol_report_ok', 'xpathQuery': 'count(//p)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 'x_tol_unknown', '<html><body><foo>x</foo></body></html>',
        {'refname': 'x_tol_unknown', 'xpathQuery': '//foo', 'tolerant': True, 'report_errors': True}),
    ('xpath', 'x_tol_unknown_quiet', '<html><body><foo>x</foo></body></html>',
        {'refname': 'x_tol_unknown_quiet', 'xpathQuery': '//foo', 'tolerant': True}),
    ('xpath', 'x_tol_bad', '<p>a<b>b</p>c', {'refname': 'x_tol_bad', 'xpathQuery': '//p', 'tolerant': True, 'report_errors': True}),
    ('xpath', 'x_tol_xml', '<?xml version="1.0"?><r><a>1</a></r>', {'refname': 'x_tol_xml', 'xpathQuery': '//a', 'tolerant': True}),
    ('xpath', 't_meta', '<p>x</p>', {'refname': 't_meta', 'xpathQuery': '/html/head/*', 'tolerant': True, 'fragment': True}),
    ('xpath', 't_html5', '<section><p>x</p><nav>y</nav></section>', {'refname': 't_html5', 'xpathQuery': '/html/body', 'tolerant': True, 'fragment': True}),
    ('xpath', 't_text_top', 'just text', {'refname': 't_text_top', 'xpathQuery': '/html/body', 'tolerant': True, 'fragment': True}),
    ('xpath', 't_center', '<center>c</center><font color="red">f</font>', {'refname': 't_center', 'xpathQuery': '/html/body', 'tolerant': True, 'fragment': True}),
    ('xpath', 't_ws_mix', '<div>\n  a <b> b </b> c\n  <p> d </p>\n</div>', {'refname': 't_ws_mix', 'xpathQuery': '/html/body', 'tolerant': True, 'fragment': True}),
    # stale variables: 3 matches, then 1 with the same name
    ('xpath', 'x_stale_a', '<r><a>1</a><a>2</a><a>3</a></r>', {'refname': 'x_stale', 'xpathQuery': '//a'}),
    ('xpath', 'x_stale_b', '<r><a>9</a></r>', {'refname': 'x_stale', 'xpathQuery': '//a'}),

    # more parse errors (Xerces wording)
    ('xpath', 'x_e_unquoted', '<r a=1/>', {'refname': 'x_e_unquoted', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_noval', '<r a/>', {'refname': 'x_e_noval', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_amp', '<r>a & b</r>', {'refname': 'x_e_amp', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_lt', '<r>a < b</r>', {'refname': 'x_e_lt', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_trail_text', '<r/>text', {'refname': 'x_e_trail_text', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_ws_only', '   ', {'refname': 'x_e_ws_only', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_bad_name', '<1r/>', {'refname': 'x_e_bad_name', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_open_quote', '<r a="1/>', {'refname': 'x_e_open_quote', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_decl_only', '<?xml version="1.0"?>', {'refname': 'x_e_decl_only', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_decl_late', ' <?xml version="1.0"?><r/>', {'refname': 'x_e_decl_late', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_html', '<html><br></html>', {'refname': 'x_e_html', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_int_entity', '<!DOCTYPE r [<!ENTITY e "v">]><r>&e;</r>', {'refname': 'x_e_int_entity', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_charref', '<r>&#0;</r>', {'refname': 'x_e_charref', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_comment', '<r><!-- x</r>', {'refname': 'x_e_comment', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_cdata', '<r><![CDATA[x</r>', {'refname': 'x_e_cdata', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_two_roots_text', '<r>1</r>\n<r>2</r>', {'refname': 'x_e_two_roots_text', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_end_only', '</r>', {'refname': 'x_e_end_only', 'xpathQuery': '/r'}),
    ('xpath', 'x_e_bad_end', '<r></r >x', {'refname': 'x_e_bad_end', 'xpathQuery': '/r'}),
    # XPath syntax errors (Xalan wording)
    ('xpath', 'x_q_empty', DOC, {'refname': 'x_q_empty', 'xpathQuery': '', 'default': 'DEF'}),
    ('xpath', 'x_q_close', DOC, {'refname': 'x_q_close', 'xpathQuery': '//a]', 'default': 'DEF'}),
    ('xpath', 'x_q_open', DOC, {'refname': 'x_q_open', 'xpathQuery': '//a[1', 'default': 'DEF'}),
    ('xpath', 'x_q_lit', DOC, {'refname': 'x_q_lit', 'xpathQuery': "'abc", 'default': 'DEF'}),
    ('xpath', 'x_q_lit2', DOC, {'refname': 'x_q_lit2', 'xpathQuery': '"abc', 'default': 'DEF'}),
    ('xpath', 'x_q_at', DOC, {'refname': 'x_q_at', 'xpathQuery': '//@', 'default': 'DEF'}),
    ('xpath', 'x_q_two', DOC, {'refname': 'x_q_two', 'xpathQuery': 'a b', 'default': 'DEF'}),
    ('xpath', 'x_q_star', DOC, {'refname': 'x_q_star', 'xpathQuery': '//*[', 'default': 'DEF'}),
    ('xpath', 'x_q_fn_open', DOC, {'refname': 'x_q_fn_open', 'xpathQuery': 'count(', 'default': 'DEF'}),
    ('xpath', 'x_q_plus', DOC, {'refname': 'x_q_plus', 'xpathQuery': '1 +', 'default': 'DEF'}),
    ('xpath', 'x_q_slash3', DOC, {'refname': 'x_q_slash3', 'xpathQuery': '///a', 'default': 'DEF'}),
    ('xpath', 'x_q_axis', DOC, {'refname': 'x_q_axis', 'xpathQuery': 'foo::a', 'default': 'DEF'}),
    ('xpath', 'x_q_args', DOC, {'refname': 'x_q_args', 'xpathQuery': 'count(1, 2)', 'default': 'DEF'}),
    ('xpath', 'x_q_eq', DOC, {'refname': 'x_q_eq', 'xpathQuery': '= 1', 'default': 'DEF'}),
    ('xpath', 'x_q_dollar', DOC, {'refname': 'x_q_dollar', 'xpathQuery': '$v', 'default': 'DEF'}),
    ('xpath', 'x_q_paren', DOC, {'refname': 'x_q_paren', 'xpathQuery': '(//a', 'default': 'DEF'}),
    ('xpath', 'x_q_pipe', DOC, {'refname': 'x_q_pipe', 'xpathQuery': '//a |', 'default': 'DEF'}),
    ('xpath', 'x_q_dot3', DOC, {'refname': 'x_q_dot3', 'xpathQuery': '...', 'default': 'DEF'}),
    ('xpath', 'x_q_bang', DOC, {'refname': 'x_q_bang', 'xpathQuery': '//a!', 'default': 'DEF'}),
    ('xpath', 'x_q_num_args', DOC, {'refname': 'x_q_num_args', 'xpathQuery': 'substring()', 'default': 'DEF'}),
    ('xassert', 'a_q_empty', DOC, {'xpath': ''}),
    ('xassert', 'a_q_close', DOC, {'xpath': '//a]'}),
    ('xassert', 'a_q_open', DOC, {'xpath': '//a[1'}),
    ('xassert', 'a_q_lit', DOC, {'xpath': "'abc"}),
    ('xassert', 'a_q_lit2', DOC, {'xpath': '"abc'}),
    ('xassert', 'a_q_at', DOC, {'xpath': '//@'}),
    ('xpath', 'x_q_true1', DOC, {'refname': 'x_q_true1', 'xpathQuery': 'true(1)', 'default': 'DEF'}),
    ('xpath', 'x_q_not0', DOC, {'refname': 'x_q_not0', 'xpathQuery': 'not()', 'default': 'DEF'}),
    ('xpath', 'x_q_concat1', DOC, {'refname': 'x_q_concat1', 'xpathQuery': "concat('a')", 'default': 'DEF'}),
    ('xpath', 'x_q_translate1', DOC, {'refname': 'x_q_translate1', 'xpathQuery': "translate('a')", 'default': 'DEF'}),
    ('xpath', 'x_q_localname2', DOC, {'refname': 'x_q_localname2', 'xpathQuery': 'local-name(/r, /r)', 'default': 'DEF'}),
    ('xpath', 'x_q_contains1', DOC, {'refname': 'x_q_contains1', 'xpathQuery': "contains('a')", 'default': 'DEF'}),
    ('xpath', 'x_q_extra3', DOC, {'refname': 'x_q_extra3', 'xpathQuery': 'a b c', 'default': 'DEF'}),
    ('xpath', 'x_q_slash_end', DOC, {'refname': 'x_q_slash_end', 'xpathQuery': 'r/', 'default': 'DEF'}),
    ('xpath', 'x_q_space', DOC, {'refname': 'x_q_space', 'xpathQuery': ' ', 'default': 'DEF'}),
    ('xpath', 'x_q_current', DOC, {'refname': 'x_q_current', 'xpathQuery': 'current()', 'default': 'DEF'}),
    ('xpath', 'x_q_pfx_fn', DOC, {'refname': 'x_q_pfx_fn', 'xpathQuery': 'p:fn()', 'default': 'DEF'}),
    ('xpath', 'x_q_empty_pred', DOC, {'refname': 'x_q_empty_pred', 'xpathQuery': '//a[]', 'default': 'DEF'}),
    ('xpath', 'x_q_comma', DOC, {'refname': 'x_q_comma', 'xpathQuery': '//a, //b', 'default': 'DEF'}),
    ('xpath', 'x_q_lit_extra', DOC, {'refname': 'x_q_lit_extra', 'xpathQuery': "'a' 'b'", 'default': 'DEF'}),
    ('xpath', 'x_frag_attr_order', '<r z="1" a="2" m="3"/>', {'refname': 'x_frag_attr_order', 'xpathQuery': '/r', 'fragment': True}),
    ('xpath', 'x_frag_attr_ns_off', '<r b="1" xmlns:p="u" a="2"><p:x/></r>', {'refname': 'x_frag_attr_ns_off', 'xpathQuery': '/r', 'fragment': True}),
    ('xpath', 'x_frag_attr_ns_on', '<r b="1" xmlns:p="u" a="2" xmlns="d"><p:x/></r>', {'refname': 'x_frag_attr_ns_on', 'xpathQuery': '/*', 'fragment': True, 'namespace': True}),
    ('xpath', 'x_frag_child_ns_on', '<r xmlns:p="u" xmlns:q="v"><p:x q:k="1"><y/></p:x></r>', {'refname': 'x_frag_child_ns_on', 'xpathQuery': '//p:x', 'fragment': True, 'namespace': True}),
    ('xpath', 'x_frag_lf', '<r>a\r\nb</r>', {'refname': 'x_frag_lf', 'xpathQuery': 'string-length(/r)'}),
    # more XPath results
    ('xpath', 'x_pi', '<r><?tgt some data?></r>', {'refname': 'x_pi', 'xpathQuery': '//processing-instruction()'}),
    ('xpath', 'x_docnode', DOC, {'refname': 'x_docnode', 'xpathQuery': '/', 'default': 'DEF'}),
    ('xpath', 'x_union', DOC, {'refname': 'x_union', 'xpathQuery': '//d | //a'}),
    ('xpath', 'x_strempty', DOC, {'refname': 'x_strempty', 'xpathQuery': 'string(//zz)', 'default': 'DEF'}),
    ('xpath', 'x_boolfalse', DOC, {'refname': 'x_boolfalse', 'xpathQuery': 'count(//a) = 5'}),
    ('xpath', 'x_int_large', DOC, {'refname': 'x_int_large', 'xpathQuery': '2147483648 * 4'}),
    ('xpath', 'x_neg', DOC, {'refname': 'x_neg', 'xpathQuery': '-1.5'}),
    ('xpath', 'x_tiny', DOC, {'refname': 'x_tiny', 'xpathQuery': '0.0000001'}),
    ('xpath', 'x_huge', DOC, {'refname': 'x_huge', 'xpathQuery': '123456789012345678901234567890'}),
    ('xpath', 'x_tenth', DOC, {'refname': 'x_tenth', 'xpathQuery': '0.1 + 0.2'}),
    ('xpath', 'x_ns_attr', '<r xmlns:p="urn:p" p:k="v"/>', {'refname': 'x_ns_attr', 'xpathQuery': '//@p:k', 'namespace': True}),
    ('xpath', 'x_ns_deep', '<r><s xmlns:q="urn:q"><q:a>t</q:a></s></r>', {'refname': 'x_ns_deep', 'xpathQuery': '//q:a', 'namespace': True, 'default': 'DEF'}),
    ('xpath', 'x_ns_deep_off', '<r><s xmlns:q="urn:q"><q:a>t</q:a></s></r>', {'refname': 'x_ns_deep_off', 'xpathQuery': '//a', 'default': 'DEF'}),
    ('xpath', 'x_frag_text', DOC, {'refname': 'x_frag_text', 'xpathQuery': '//a/text()', 'fragment': True}),
    ('xpath', 'x_frag_nsdef', NS_DEFAULT, {'refname': 'x_frag_nsdef', 'xpathQuery': "//*[local-name()='a']", 'fragment': True, 'namespace': True}),
    ('xpath', 'x_frag_nsdef_off', NS_DEFAULT, {'refname': 'x_frag_nsdef_off', 'xpathQuery': "/r", 'fragment': True}),
    ('xpath', 'x_frag_escape', '<r><a k="&quot;&lt;&gt;&amp;\'">1 &lt; 2 &gt; &amp; "q"</a></r>', {'refname': 'x_frag_escape', 'xpathQuery': '//a', 'fragment': True}),
    ('xpath', 'x_frag_empty', DOC, {'refname': 'x_frag_empty', 'xpathQuery': '//b', 'fragment': True}),
    ('xpath', 'x_frag_cdata', '<r><a><![CDATA[x<y]]></a></r>', {'refname': 'x_frag_cdata', 'xpathQuery': '//a', 'fragment': True}),
    ('xpath', 'x_frag_comment', '<r><a><!--c--><?p d?></a></r>', {'refname': 'x_frag_comment', 'xpathQuery': '//a', 'fragment': True}),
    ('xpath', 'x_frag_ws', '<r>\n  <a>\n    <b>x</b>\n  </a>\n</r>', {'refname': 'x_frag_ws', 'xpathQuery': '//a', 'fragment': True}),
    # Tidy: whitespace, inserted elements, errors
    ('xpath', 't_ws', '<p>  a   b  </p>', {'refname': 't_ws', 'xpathQuery': '//p', 'tolerant': True}),
    ('xpath', 't_ws_span', '<div>\n  <span> x </span>\n</div>', {'refname': 't_ws_span', 'xpathQuery': '//span', 'tolerant': True}),
    ('xpath', 't_ws_div', '<div>\n  <span> x </span>\n</div>', {'refname': 't_ws_div', 'xpathQuery': '//div/text()', 'tolerant': True}),
    ('xpath', 't_pre', '<pre>  a  \n b</pre>', {'refname': 't_pre', 'xpathQuery': '//pre', 'tolerant': True}),
    ('xpath', 't_title', '<p>x</p>', {'refname': 't_title', 'xpathQuery': 'count(//title)', 'tolerant': True}),
    ('xpath', 't_head', '<p>x</p>', {'refname': 't_head', 'xpathQuery': 'count(/html/head/*)', 'tolerant': True}),
    ('xpath', 't_frag', '<p class=x>a<br>b</p>', {'refname': 't_frag', 'xpathQuery': '//p', 'tolerant': True, 'fragment': True}),
    ('xpath', 't_empty', '', {'refname': 't_empty', 'xpathQuery': 'count(//*)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_quote', '<a href="x>y</a>', {'refname': 't_err_quote', 'xpathQuery': 'count(//a)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_table', '<table><p>x</p></table>', {'refname': 't_err_table', 'xpathQuery': 'count(//p)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_end', '<p>x</q>', {'refname': 't_err_end', 'xpathQuery': 'count(//p)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_lt', '<<p>x', {'refname': 't_err_lt', 'xpathQuery': 'count(//p)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_ent', '<p>&foo; &</p>', {'refname': 't_err_ent', 'xpathQuery': '//p', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_html2', '<html><html><body>x</body></html>', {'refname': 't_err_html2', 'xpathQuery': 'count(//html)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_attr', '<p x=">y</p>', {'refname': 't_err_attr', 'xpathQuery': 'count(//p)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_err_frameset', '<frameset><p>x</p></frameset>', {'refname': 't_err_frameset', 'xpathQuery': 'count(//p)', 'tolerant': True, 'report_errors': True}),
    ('xpath', 't_script', '<script>if (a < b) x()</script><p>y</p>', {'refname': 't_script', 'xpathQuery': '//script', 'tolerant': True}),
    ('xpath', 't_nbsp', '<p>a&nbsp;b&amp;c&lt;</p>', {'refname': 't_nbsp', 'xpathQuery': 'string-length(//p)', 'tolerant': True}),
    ('xpath', 't_xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>', {'refname': 't_xhtml', 'xpathQuery': '//p', 'tolerant': True}),
    ('xpath', 't_upper', '<P ID=a>x</P>', {'refname': 't_upper', 'xpathQuery': '//p/@id', 'tolerant': True}),
    ('xpath', 't_comment', '<p>x<!-- c --></p>', {'refname': 't_comment', 'xpathQuery': '//comment()', 'tolerant': True}),
    # ---- XPath Assertion
    ('xassert', 'a_pass', DOC, {'xpath': '//a'}),
    ('xassert', 'a_fail', DOC, {'xpath': '//zz'}),
    ('xassert', 'a_neg_found', DOC, {'xpath': '//a', 'negate': True}),
    ('xassert', 'a_neg_none', DOC, {'xpath': '//zz', 'negate': True}),
    ('xassert', 'a_bool_true', DOC, {'xpath': 'count(//a)=2'}),
    ('xassert', 'a_bool_false', DOC, {'xpath': 'count(//a)=3'}),
    ('xassert', 'a_bool_neg', DOC, {'xpath': 'count(//a)=2', 'negate': True}),
    ('xassert', 'a_bool_neg_false', DOC, {'xpath': 'count(//a)=3', 'negate': True}),
    ('xassert', 'a_number', DOC, {'xpath': 'count(//a)'}),
    ('xassert', 'a_string', DOC, {'xpath': 'string(//a)'}),
    ('xassert', 'a_bad_xml', '<r><a></r>', {'xpath': '//a'}),
    ('xassert', 'a_prolog', 'hello', {'xpath': '//a'}),
    ('xassert', 'a_bad_query', DOC, {'xpath': '//a['}),
    ('xassert', 'a_empty', '', {'xpath': '//a'}),
    ('xassert', 'a_tol_unknown', '<html><body><foo>x</foo></body></html>', {'xpath': '//foo', 'tolerant': True, 'report_errors': True}),
    ('xassert', 'a_tol', HTML, {'xpath': '//ul/li', 'tolerant': True}),
    ('xassert', 'a_validate', DOC, {'xpath': '//a', 'validate': True}),
    ('xassert', 'a_root', DOC, {'xpath': '/'}),
    ('xassert', 'a_ns_on', NS_PREFIX, {'xpath': '//p:a', 'namespace': True}),
    ('xassert', 'a_ns_off', NS_DEFAULT, {'xpath': '//a'}),
    ('xassert', 'a_undef_prefix', DOC, {'xpath': '//q:a'}),

    ('xassert', 'a_validate_doctype_ok', '<!DOCTYPE r [<!ELEMENT r (a)*><!ELEMENT a (#PCDATA)>]><r><a>1</a></r>', {'xpath': '//a', 'validate': True}),
    ('xassert', 'a_validate_doctype_bad', '<!DOCTYPE r [<!ELEMENT r (a)*><!ELEMENT a (#PCDATA)>]><r><b/></r>', {'xpath': '//a', 'validate': True}),
    ('xassert', 'a_validate_root', '<!DOCTYPE x [<!ELEMENT x EMPTY>]>\n<r/>', {'xpath': '/r', 'validate': True}),
    ('xassert', 'a_validate_multiline', '<?xml version="1.0"?>\n\n  <r\n  a="1">x</r>', {'xpath': '/r', 'validate': True}),
    ('xassert', 'a_text_nodes', DOC, {'xpath': '//a/text()'}),
    ('xassert', 'a_tol_empty', '', {'xpath': '//p', 'tolerant': True}),
    ('xassert', 'a_ns_default_on', NS_DEFAULT, {'xpath': '//a', 'namespace': True}),
    ('xassert', 'a_whitespace', '<r>\n <a/>\n</r>', {'xpath': 'count(/r/node()) = 3', 'whitespace': True}),
    ('xassert', 'a_bad_fn', DOC, {'xpath': 'nofn()'}),
    ('xassert', 'a_ws_body', '  ', {'xpath': '//a'}),

    # ---- CSS/JQuery Extractor (Jsoup; 2.13 has no default_empty_value)
    ('css', 'c_tag', HTML, {'refname': 'c_tag', 'expr': 'li', 'match_number': '-1'}),
    ('css', 'c_attr', HTML, {'refname': 'c_attr', 'expr': 'a', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_missing', HTML, {'refname': 'c_attr_missing', 'expr': 'a', 'attribute': 'title', 'match_number': '-1'}),
    ('css', 'c_id', HTML, {'refname': 'c_id', 'expr': '#main', 'attribute': 'class', 'match_number': '1'}),
    ('css', 'c_id_desc', HTML, {'refname': 'c_id_desc', 'expr': '#main p', 'match_number': '-1'}),
    ('css', 'c_class', HTML, {'refname': 'c_class', 'expr': '.item', 'match_number': '-1'}),
    ('css', 'c_classes', HTML, {'refname': 'c_classes', 'expr': '.item.hot', 'match_number': '-1'}),
    ('css', 'c_class_case', HTML, {'refname': 'c_class_case', 'expr': '.HOT', 'match_number': '-1'}),
    ('css', 'c_has_attr', HTML, {'refname': 'c_has_attr', 'expr': '[data-x]', 'attribute': 'data-x', 'match_number': '-1'}),
    ('css', 'c_attr_eq', HTML, {'refname': 'c_attr_eq', 'expr': 'a[rel=next]', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_eq_q', HTML, {'refname': 'c_attr_eq_q', 'expr': 'input[name="q"]', 'attribute': 'value', 'match_number': '-1'}),
    ('css', 'c_attr_eq_case', HTML, {'refname': 'c_attr_eq_case', 'expr': 'a[rel=NEXT]', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_start', HTML, {'refname': 'c_attr_start', 'expr': 'a[href^=http]', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_end', HTML, {'refname': 'c_attr_end', 'expr': 'a[href$=.PDF]', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_contains', HTML, {'refname': 'c_attr_contains', 'expr': 'a[href*=example]', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_regex', HTML, {'refname': 'c_attr_regex', 'expr': 'a[href~=\\d+]', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_ne', HTML, {'refname': 'c_attr_ne', 'expr': 'a[rel!=next]', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_attr_prefix', HTML, {'refname': 'c_attr_prefix', 'expr': '[^data-]', 'match_number': '-1'}),
    ('css', 'c_child', HTML, {'refname': 'c_child', 'expr': 'ul > li', 'match_number': '-1'}),
    ('css', 'c_child_chain', HTML, {'refname': 'c_child_chain', 'expr': 'div > ul > li > b', 'match_number': '-1'}),
    ('css', 'c_adjacent', HTML, {'refname': 'c_adjacent', 'expr': 'h1 + p', 'match_number': '-1'}),
    ('css', 'c_sibling', HTML, {'refname': 'c_sibling', 'expr': 'h1 ~ p', 'match_number': '-1'}),
    ('css', 'c_group', HTML, {'refname': 'c_group', 'expr': 'h1, li.hot, title', 'match_number': '-1'}),
    ('css', 'c_eq', HTML, {'refname': 'c_eq', 'expr': 'li:eq(1)', 'match_number': '-1'}),
    ('css', 'c_lt', HTML, {'refname': 'c_lt', 'expr': 'li:lt(2)', 'match_number': '-1'}),
    ('css', 'c_gt', HTML, {'refname': 'c_gt', 'expr': 'li:gt(1)', 'match_number': '-1'}),
    ('css', 'c_first_child', HTML, {'refname': 'c_first_child', 'expr': 'li:first-child', 'match_number': '-1'}),
    ('css', 'c_last_child', HTML, {'refname': 'c_last_child', 'expr': 'li:last-child', 'match_number': '-1'}),
    ('css', 'c_nth', HTML, {'refname': 'c_nth', 'expr': 'li:nth-child(2n+1)', 'match_number': '-1'}),
    ('css', 'c_nth_odd', HTML, {'refname': 'c_nth_odd', 'expr': 'tr:nth-child(even)', 'match_number': '-1'}),
    ('css', 'c_nth_last', HTML, {'refname': 'c_nth_last', 'expr': 'li:nth-last-child(1)', 'match_number': '-1'}),
    ('css', 'c_contains', HTML, {'refname': 'c_contains', 'expr': 'p:contains(HELLO  world)', 'match_number': '-1'}),
    ('css', 'c_contains_own', HTML, {'refname': 'c_contains_own', 'expr': 'li:containsOwn(two)', 'match_number': '-1'}),
    ('css', 'c_has', HTML, {'refname': 'c_has', 'expr': 'li:has(b)', 'match_number': '-1'}),
    ('css', 'c_not', HTML, {'refname': 'c_not', 'expr': 'li:not(.hot)', 'match_number': '-1'}),
    ('css', 'c_empty', HTML, {'refname': 'c_empty', 'expr': 'span:empty', 'attribute': 'id', 'match_number': '-1'}),
    ('css', 'c_star', '<p>x</p>', {'refname': 'c_star', 'expr': '*', 'match_number': '-1'}),
    ('css', 'c_text', HTML, {'refname': 'c_text', 'expr': 'div.txt', 'match_number': '-1'}),
    ('css', 'c_pre', HTML, {'refname': 'c_pre', 'expr': 'pre', 'match_number': '-1'}),
    ('css', 'c_table', HTML, {'refname': 'c_table', 'expr': 'table > tr', 'match_number': '-1', 'default': 'DEF'}),
    ('css', 'c_tbody', HTML, {'refname': 'c_tbody', 'expr': 'table td', 'match_number': '-1'}),
    ('css', 'c_n2', HTML, {'refname': 'c_n2', 'expr': 'li', 'match_number': '2'}),
    ('css', 'c_n9', HTML, {'refname': 'c_n9', 'expr': 'li', 'match_number': '9', 'default': 'DEF'}),
    ('css', 'c_n9_nodef', HTML, {'refname': 'c_n9_nodef', 'expr': 'li', 'match_number': '9'}),
    ('css', 'c_first', HTML, {'refname': 'c_first', 'expr': 'li:first', 'match_number': '1', 'default': 'DEF'}),
    ('css', 'c_bad', HTML, {'refname': 'c_bad', 'expr': 'li[', 'match_number': '1', 'default': 'DEF'}),
    ('css', 'c_empty_expr', HTML, {'refname': 'c_empty_expr', 'expr': '', 'match_number': '1', 'default': 'DEF'}),
    ('css', 'c_lead_comb', HTML, {'refname': 'c_lead_comb', 'expr': '> html > body > h1', 'match_number': '-1'}),
    ('css', 'c_root', HTML, {'refname': 'c_root', 'expr': ':root', 'attribute': 'lang', 'match_number': '-1'}),
    ('css', 'c_abs', HTML, {'refname': 'c_abs', 'expr': 'a', 'attribute': 'abs:href', 'match_number': '-1'}),
    ('css', 'c_script', '<script>var a = 1;</script><p>x</p>', {'refname': 'c_script', 'expr': 'script', 'match_number': '-1'}),
    ('css', 'c_data', '<script>var a = 1;</script><p>x</p>', {'refname': 'c_data', 'expr': 'script:containsData(A = 1)', 'match_number': '-1', 'default': 'DEF'}),
    ('css', 'c_textarea', '<textarea>  a   b </textarea>', {'refname': 'c_textarea', 'expr': 'textarea', 'match_number': '-1'}),
    ('css', 'c_br', '<p>a<br>b</p><p>c<br> d</p>', {'refname': 'c_br', 'expr': 'p', 'match_number': '-1'}),
    ('css', 'c_blocks', '<div><p>a</p><p>b</p>c<span>d</span></div>', {'refname': 'c_blocks', 'expr': 'div', 'match_number': '-1'}),
    ('css', 'c_inline', '<p><b>a</b><i>b</i> <u>c</u></p>', {'refname': 'c_inline', 'expr': 'p', 'match_number': '-1'}),
    ('css', 'c_unknown', '<div>x<foo>y</foo>z<div>w</div><foo>v</foo></div>', {'refname': 'c_unknown', 'expr': 'body > div', 'match_number': '-1'}),
    ('css', 'c_id_escape', '<p id="a.b">x</p>', {'refname': 'c_id_escape', 'expr': '#a\\.b', 'match_number': '-1'}),
    ('css', 'c_attr_trim', '<p class=" Box ">x</p>', {'refname': 'c_attr_trim', 'expr': '[class="box"]', 'match_number': '-1'}),
    ('css', 'c_nth3', HTML, {'refname': 'c_nth3', 'expr': 'li:nth-child(3)', 'match_number': '-1'}),
    ('css', 'c_nth_neg', HTML, {'refname': 'c_nth_neg', 'expr': 'li:nth-child(-n+2)', 'match_number': '-1'}),
    ('css', 'c_nth_type', HTML, {'refname': 'c_nth_type', 'expr': 'p:nth-of-type(2)', 'match_number': '-1'}),
    ('css', 'c_only_child', '<div><p>a</p></div><div><p>b</p><p>c</p></div>', {'refname': 'c_only_child', 'expr': 'p:only-child', 'match_number': '-1'}),
    ('css', 'c_first_type', HTML, {'refname': 'c_first_type', 'expr': 'a:first-of-type', 'attribute': 'href', 'match_number': '-1'}),
    ('css', 'c_last_type', HTML, {'refname': 'c_last_type', 'expr': 'span:last-of-type', 'attribute': 'id', 'match_number': '-1'}),
    ('css', 'c_has_child', HTML, {'refname': 'c_has_child', 'expr': 'div:has(> ul)', 'attribute': 'id', 'match_number': '-1'}),
    ('css', 'c_not_pseudo', HTML, {'refname': 'c_not_pseudo', 'expr': 'li:not(:first-child)', 'match_number': '-1'}),
    ('css', 'c_matches', HTML, {'refname': 'c_matches', 'expr': 'li:matches(^t)', 'match_number': '-1'}),
    ('css', 'c_matches_own', HTML, {'refname': 'c_matches_own', 'expr': 'li:matchesOwn(o$)', 'match_number': '-1'}),
    ('css', 'c_desc_star', HTML, {'refname': 'c_desc_star', 'expr': 'ul *', 'match_number': '-1'}),
    ('css', 'c_plus_chain', HTML, {'refname': 'c_plus_chain', 'expr': 'li + li + li', 'match_number': '-1'}),
    ('css', 'c_group_dup', HTML, {'refname': 'c_group_dup', 'expr': 'li.hot, .item', 'match_number': '-1'}),
    ('css', 'c_eq_space', HTML, {'refname': 'c_eq_space', 'expr': 'li:eq( 2 )', 'match_number': '-1'}),
    ('css', 'c_contains_quoted', HTML, {'refname': 'c_contains_quoted', 'expr': "p:contains('second')", 'match_number': '-1', 'default': 'DEF'}),
    ('css', 'c_attr_space_val', HTML, {'refname': 'c_attr_space_val', 'expr': 'input[value=search me]', 'attribute': 'name', 'match_number': '-1'}),
    ('css', 'c_empty_body', '', {'refname': 'c_empty_body', 'expr': '*', 'match_number': '-1'}),
    ('css', 'c_text_only', 'just text', {'refname': 'c_text_only', 'expr': 'body', 'match_number': '-1'}),
    ('css', 'c_head_elems', '<title>T</title><p>x</p>', {'refname': 'c_head_elems', 'expr': 'head > title, body > p', 'match_number': '-1'}),
    ('css', 'c_nested_p', '<p>a<p>b</p>', {'refname': 'c_nested_p', 'expr': 'p', 'match_number': '-1'}),
    ('css', 'c_list_auto', '<ul><li>a<li>b</ul>', {'refname': 'c_list_auto', 'expr': 'li', 'match_number': '-1'}),
    ('css', 'c_child_sp', HTML, {'refname': 'c_child_sp', 'expr': 'ul>li:eq(0)', 'match_number': '-1'}),
    ('css', 'c_zero_width', '<p>a\u200bb\u00adc</p>', {'refname': 'c_zero_width', 'expr': 'p', 'match_number': '-1'}),
    ('css', 'c_attr_upper', '<p DATA-Z="Q">x</p>', {'refname': 'c_attr_upper', 'expr': '[data-z]', 'attribute': 'DATA-Z', 'match_number': '-1'}),
    ('css', 'c_is', HTML, {'refname': 'c_is', 'expr': ':is(h1, title)', 'match_number': '-1', 'default': 'DEF'}),
    ('css', 'c_stale_a', HTML, {'refname': 'c_stale', 'expr': 'li', 'match_number': '-1'}),
    ('css', 'c_stale_b', HTML, {'refname': 'c_stale', 'expr': 'h1', 'match_number': '-1'}),
]


def prop(name, value):
    if isinstance(value, bool):
        return '<boolProp name="%s">%s</boolProp>' % (name, 'true' if value else 'false')
    return '<stringProp name="%s">%s</stringProp>' % (name, escape(value))


def arg(name, value):
    return ('<elementProp name="%s" elementType="Argument">%s%s%s</elementProp>'
            % (name, prop('Argument.name', name), prop('Argument.value', value),
               prop('Argument.metadata', '=')))


def sampler(name, body):
    args = ''.join(arg(n, v) for n, v in [('Sleep_Time', '0'), ('ResultData', body)])
    return ('<JavaSampler guiclass="JavaTestSamplerGui" testclass="JavaSampler" testname="%s" enabled="true">'
            '<elementProp name="arguments" elementType="Arguments" guiclass="ArgumentsPanel" '
            'testclass="Arguments" enabled="true"><collectionProp name="Arguments.arguments">%s'
            '</collectionProp></elementProp>%s</JavaSampler>\n'
            % (escape(name), args, prop('classname', 'org.apache.jmeter.protocol.java.test.JavaTest')))


def child(kind, name, p):
    if kind == 'xpath':
        props = {'default': ''}       # absent booleans read as JMeter's defaults
        props.update(p)
        body = ''.join(prop('XPathExtractor.' + k, v) for k, v in props.items())
        return ('<XPathExtractor guiclass="XPathExtractorGui" testclass="XPathExtractor" '
                'testname="XP %s" enabled="true">%s</XPathExtractor>\n' % (name, body))
    if kind == 'xassert':
        props = dict(p)
        body = ''.join(prop('XPath.' + k, v) for k, v in props.items())
        return ('<XPathAssertion guiclass="XPathAssertionGui" testclass="XPathAssertion" '
                'testname="XA %s" enabled="true">%s</XPathAssertion>\n' % (name, body))
    props = {'attribute': '', 'default': '', 'extractor_impl': ''}
    props.update(p)
    body = ''.join(prop('HtmlExtractor.' + k, v) for k, v in props.items())
    return ('<HtmlExtractor guiclass="HtmlExtractorGui" testclass="HtmlExtractor" '
            'testname="CSS %s" enabled="true">%s</HtmlExtractor>\n' % (name, body))


def main():
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<jmeterTestPlan version="1.2" properties="2.8" jmeter="2.13 r1665067"><hashTree>\n'
           '<TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="xml oracle" enabled="true">'
           '<boolProp name="TestPlan.functional_mode">false</boolProp>'
           '<boolProp name="TestPlan.serialize_threadgroups">false</boolProp>'
           '<elementProp name="TestPlan.user_defined_variables" elementType="Arguments" '
           'guiclass="ArgumentsPanel" testclass="Arguments" testname="User Defined Variables" enabled="true">'
           '<collectionProp name="Arguments.arguments">' + arg('page', HTML) + '</collectionProp></elementProp>'
           '<stringProp name="TestPlan.user_define_classpath"></stringProp></TestPlan><hashTree>\n'
           '<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="TG" enabled="true">'
           '<stringProp name="ThreadGroup.on_sample_error">continue</stringProp>'
           '<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
           'guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">'
           '<boolProp name="LoopController.continue_forever">false</boolProp>'
           '<stringProp name="LoopController.loops">1</stringProp></elementProp>'
           '<stringProp name="ThreadGroup.num_threads">1</stringProp>'
           '<stringProp name="ThreadGroup.ramp_time">0</stringProp>'
           '<boolProp name="ThreadGroup.scheduler">false</boolProp>'
           '<stringProp name="ThreadGroup.duration"></stringProp>'
           '<stringProp name="ThreadGroup.delay"></stringProp></ThreadGroup><hashTree>\n']
    for kind, name, body, p in CASES:
        out.append(sampler(name, '${page}' if body == HTML else body))
        out.append('<hashTree>\n' + child(kind, name, p) + '<hashTree/></hashTree>\n')
    out.append('<DebugSampler guiclass="TestBeanGUI" testclass="DebugSampler" testname="Debug vars" enabled="true">'
               '<boolProp name="displayJMeterProperties">false</boolProp>'
               '<boolProp name="displayJMeterVariables">true</boolProp>'
               '<boolProp name="displaySystemProperties">false</boolProp></DebugSampler><hashTree/>\n')
    out.append('</hashTree></hashTree></hashTree></jmeterTestPlan>\n')
    print(''.join(out), end='')



def strip(path):
    import xml.etree.ElementTree as ET
    root = ET.parse(path).getroot()
    for s in root:
        if s.get('lb') != 'Debug vars':
            for child in list(s):
                if child.tag != 'assertionResult':
                    s.remove(child)
    print('<?xml version="1.0" encoding="UTF-8"?>')
    print(ET.tostring(root, encoding='unicode'))


if len(sys.argv) > 2 and sys.argv[1] == '--strip':
    strip(sys.argv[2])
else:
    main()
