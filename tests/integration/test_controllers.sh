#!/bin/sh
# test_controllers.sh - runs the controller plans of tests/integration/controllers with
# jmx2run and compares every user's walk (labels, codes, messages, verdicts in order) with
# what the real JMeter 2.13 recorded for the same plans, after the documented 2.13 -> 5.6
# differences (see controllers/README.md and controllers/plans.py). No server needed: the
# samplers are JMeter's built-in JavaTest Java Requests.
set -eu
root=${JMX2RUN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
JMX2RUN=${JMX2RUN:-$root/jmx2run}
export JMX2RUN
exec python3 "$root/tests/integration/controllers/check.py"
