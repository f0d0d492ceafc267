"""trust_ca.py - loaded beside an emitted locustfile by
tests/integration/test_emit_proxy.sh (locust -f plan.py,trust_ca.py): every
HTTP session of the run trusts the test's self-signed certificate, named by
$EMIT_CA_FILE, so that https requests through the proxies can be checked with
certificate verification on (the files are converted with --tls-verify; without it
they trust every certificate, as JMeter does). No user classes here.
"""
import os

from locust.clients import HttpSession

_init = HttpSession.__init__


def _init_trusting(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.verify = os.environ["EMIT_CA_FILE"]


HttpSession.__init__ = _init_trusting
