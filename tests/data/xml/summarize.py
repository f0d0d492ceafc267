#!/usr/bin/env python3
"""summarize.py - prints oracle-xml.213.xml readably: one line per sample with its
assertion results, then the Debug Sampler's variables (repr'd, so whitespace shows)."""
import sys
import xml.etree.ElementTree as ET

for s in ET.parse(sys.argv[1] if len(sys.argv) > 1 else 'oracle-xml.213.xml').getroot():
    if s.get('lb') == 'Debug vars':
        for line in (s.findtext('responseData') or '').split('\n'):
            if '=' in line:
                k, v = line.split('=', 1)
                print('VAR %s = %r' % (k, v))
            elif line:
                print('   (continued) %r' % line)
        continue
    out = '%s s=%s' % (s.get('lb'), s.get('s'))
    for a in s.findall('assertionResult'):
        out += ' | %s f=%s e=%s m=%r' % (a.findtext('name'), a.findtext('failure'),
                                        a.findtext('error'), a.findtext('failureMessage'))
    print(out)
