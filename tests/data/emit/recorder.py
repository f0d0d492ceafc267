"""recorder.py - loaded beside an emitted locustfile (locust -f plan.py,recorder.py)
by tests/integration/test_emit_*.sh: writes one JSON line per sample Locust
records to the file named by $EMIT_SAMPLES, with the JMeter thread name of the
user, the sample's name, whether it failed and its failure message, so that
they can be compared with the JTL of jmx2run's native run.

A failure because of the HTTP status alone has no message in JMeter's JTL;
neither has a failed transaction: both are written with an empty message.
"""
import json
import os

from locust import events

_OUT = open(os.environ.get("EMIT_SAMPLES", os.devnull), "a", encoding="utf-8")


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None,
            context=None, **_kwargs):
    user = (context or {}).get("jmeter_user")
    message = ""
    if exception is not None and type(exception).__name__ == "CatchResponseError":
        message = str(exception)
    _OUT.write(json.dumps({
        "thread": getattr(user, "thread_name", ""),
        "label": name,
        "type": request_type,
        "success": exception is None,
        "message": message,
        "elapsed": response_time,
    }) + "\n")
    _OUT.flush()
