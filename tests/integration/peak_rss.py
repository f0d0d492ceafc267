#!/usr/bin/env python3
"""peak_rss.py - runs a command and prints its peak resident set size in kB.

usage: peak_rss.py OUTFILE COMMAND [ARGS...]
Polls VmHWM in /proc/<pid>/status while the command runs and takes the larger of
that and the kernel's figure at exit (ru_maxrss of the child, the same high-water
mark). Writes the figure to OUTFILE and exits with the command's status.
"""
import os
import resource
import subprocess
import sys
import time


def vm_hwm(pid):
    try:
        with open("/proc/%d/status" % pid, encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    child = subprocess.Popen(cmd)
    peak = 0
    while child.poll() is None:
        peak = max(peak, vm_hwm(child.pid))
        time.sleep(0.02)
    peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    with open(out, "w", encoding="ascii") as f:
        f.write("%d\n" % peak)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
