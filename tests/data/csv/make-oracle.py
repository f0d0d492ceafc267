# make-oracle.py - writes the CSV fixtures of this folder and oracle.jmx, the plan run by
# JMeter 2.13 to produce oracle.213.txt (see README.md). Run it from this folder.
from xml.sax.saxutils import escape, quoteattr

def csv_el(name, filename, names='', delim=',', quoted=False, recycle=True, stop=False,
           share='shareMode.all', enc='', ignore=None):
    s = f'''<CSVDataSet guiclass="TestBeanGUI" testclass="CSVDataSet" testname={quoteattr(name)} enabled="true">
  <stringProp name="filename">{escape(filename)}</stringProp>
  <stringProp name="fileEncoding">{escape(enc)}</stringProp>
  <stringProp name="variableNames">{escape(names)}</stringProp>
  <stringProp name="delimiter">{escape(delim)}</stringProp>
  <boolProp name="quotedData">{str(quoted).lower()}</boolProp>
  <boolProp name="recycle">{str(recycle).lower()}</boolProp>
  <boolProp name="stopThread">{str(stop).lower()}</boolProp>
  <stringProp name="shareMode">{escape(share)}</stringProp>
'''
    if ignore is not None:
        s += f'  <boolProp name="ignoreFirstLine">{str(ignore).lower()}</boolProp>\n'
    return s + '</CSVDataSet>\n<hashTree/>\n'

def debug(label):
    return f'''<DebugSampler guiclass="TestBeanGUI" testclass="DebugSampler" testname={quoteattr(label)} enabled="true">
  <boolProp name="displayJMeterProperties">false</boolProp>
  <boolProp name="displayJMeterVariables">false</boolProp>
  <boolProp name="displaySystemProperties">false</boolProp>
</DebugSampler>
<hashTree/>
'''

def group(name, threads, loops, body):
    return f'''<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname={quoteattr(name)} enabled="true">
  <stringProp name="ThreadGroup.on_sample_error">continue</stringProp>
  <elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">
    <boolProp name="LoopController.continue_forever">false</boolProp>
    <stringProp name="LoopController.loops">{loops}</stringProp>
  </elementProp>
  <stringProp name="ThreadGroup.num_threads">{threads}</stringProp>
  <stringProp name="ThreadGroup.ramp_time">0</stringProp>
  <boolProp name="ThreadGroup.scheduler">false</boolProp>
  <stringProp name="ThreadGroup.duration"></stringProp>
  <stringProp name="ThreadGroup.delay"></stringProp>
</ThreadGroup>
<hashTree>
{body}</hashTree>
'''

def plan(groups):
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="2.8" jmeter="2.13 r1665067">
<hashTree>
<TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="CSV oracle" enabled="true">
  <stringProp name="TestPlan.comments"></stringProp>
  <boolProp name="TestPlan.functional_mode">false</boolProp>
  <boolProp name="TestPlan.serialize_threadgroups">true</boolProp>
  <elementProp name="TestPlan.user_defined_variables" elementType="Arguments" guiclass="ArgumentsPanel" testclass="Arguments" testname="User Defined Variables" enabled="true">
    <collectionProp name="Arguments.arguments"/>
  </elementProp>
  <stringProp name="TestPlan.user_define_classpath"></stringProp>
</TestPlan>
<hashTree>
{''.join(groups)}</hashTree>
</hashTree>
</jmeterTestPlan>
'''

def lab(tag, names):
    return tag + '|' + '|'.join(f'{n}=${{{n}}}' for n in names)

W = lambda p, b: open(p, 'wb').write(b)
W('plain.csv', b'1,2,3\nx,,z\np,q,\nonly\n\nm1,m2,m3,m4\n"q1","q,2",q3\nlone\rcr,2\r\ncrlf,3\nlast,line')
W('quoted.csv', b'a,"b,c",d\n"x""y",,"z"\n\n"multi\nline",2,3\nab"c,d\n"x"y,z\nafter,err\n"unterminated,zz\n')
W('header.csv', b'h1, h2 ,h3\nA1,A2,A3\nB1,B2,B3\nC1,C2,C3\n')
W('multi.csv', b'a::b::c\nd:::e\n::\nx\ty\tz\n')
W('tab.csv', b'x\ty\tz\nu\t\tw\n')
W('stop.csv', b's1\ns2\n')
W('share.csv', b''.join(b'L%d\n' % i for i in range(1, 21)))
W('latin1.csv', b'caf\xe9,na\xefve\n')
W('bom.csv', b'\xef\xbb\xbfk1,k2\nv1,v2\n')
W('empty.csv', b'')
W('qheader.csv', b'"q,1",q2\nv1,v2\n')
W('ignore.csv', b'skipme\nI1\nI2\n')
# not in oracle.jmx: the error message test of test_csv.c (one line for a field with line breaks)
W('unclosed.csv', b'ok1,ok2\n"never closed,zz\nmore,stuff\n')
g = []
g.append(group('G01 plain', 1, 11, csv_el('c', 'plain.csv', 'a,b,c', recycle=False) + debug(lab('P', 'abc'))))
g.append(group('G02 quoted', 1, 11, csv_el('c', 'quoted.csv', 'a,b,c', quoted=True, recycle=False) + debug(lab('Q', 'abc'))))
g.append(group('G03 header recycle', 1, 7, csv_el('c', 'header.csv', '') + debug(lab('H', ['h1', 'h2', ' h2 ', 'h3']))))
g.append(group('G04 multi', 1, 5, csv_el('c', 'multi.csv', 'a,b,c', delim='::', recycle=False) + debug(lab('M', 'abc'))))
g.append(group('G05 tab', 1, 3, csv_el('c', 'tab.csv', 'a,b,c', delim='\\t', recycle=False) + debug(lab('T', 'abc'))))
g.append(group('G06 stop', 1, 5, csv_el('c', 'stop.csv', 's', recycle=False, stop=True) + debug(lab('S', 's'))))
g.append(group('G07 missing', 1, 2, csv_el('c', 'nosuch.csv', 'a,b', recycle=False) + debug(lab('X', 'ab'))))
g.append(group('G08 share all', 2, 3, csv_el('c', 'share.csv', 'v', recycle=False) + debug(lab('A', 'v'))))
g.append(group('G09 share all cont', 1, 2, csv_el('c', 'share.csv', 'v', recycle=False) + debug(lab('A2', 'v'))))
g.append(group('G10 share thread', 2, 3, csv_el('c', 'share.csv', 'v', recycle=False, share='shareMode.thread') + debug(lab('T', 'v'))))
g.append(group('G11 share group', 2, 2, csv_el('c', 'share.csv', 'v', recycle=False, share='shareMode.group') + debug(lab('G', 'v'))))
g.append(group('G12 share custom', 1, 2, csv_el('c', 'share.csv', 'v', recycle=False, share='myid') + csv_el('c2', 'share.csv', 'w', recycle=False, share='myid') + debug(lab('C', 'vw'))))
g.append(group('G13 latin1', 1, 1, csv_el('c', 'latin1.csv', 'a,b', enc='ISO-8859-1') + debug(lab('L', 'ab'))))
g.append(group('G14 bom', 1, 1, csv_el('c', 'bom.csv', '') + debug(lab('B', ['k1', '\ufeffk1', 'k2']))))
g.append(group('G15 empty recycle', 1, 2, csv_el('c', 'empty.csv', 'a') + debug(lab('E', 'a'))))
g.append(group('G16 quoted header', 1, 1, csv_el('c', 'qheader.csv', '', quoted=True) + debug(lab('QH', ['q,1', 'q2']))))
g.append(group('G17 missing header', 1, 2, csv_el('c', 'nosuch2.csv', '') + debug(lab('XH', 'a'))))
g.append(group('G18 ignore', 1, 3, csv_el('c', 'ignore.csv', 'i', ignore=True) + debug(lab('I', 'i'))))
g.append(group('G19 quoted recycle', 1, 4, csv_el('c', 'stop.csv', 'a', quoted=True) + debug(lab('QR', 'a'))))
g.append(group('G20 names', 1, 1, csv_el('c', 'plain.csv', ',a,,b ,, c,') + debug(lab('N', ['a', 'b', 'b ', 'c', ' c']))))
open('oracle.jmx', 'w').write(plan(g))
