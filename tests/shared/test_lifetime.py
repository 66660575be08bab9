"""Helper processes end with the process that started them, and keep other processes out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from support import process_gone

#: A parent that starts a child which asks to end with it; prints the child's pid, then waits.
PARENT = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid())])
print(child.pid, flush=True)
time.sleep(600)
"""
#: Asks to end with its parent and to keep others out, says whether it is dumpable, waits.
CHILD = """
import ctypes, sys, time
from peer2peer.shared.lifetime import end_with_parent, keep_out_other_processes
end_with_parent(int(sys.argv[1]))
keep_out_other_processes()
print("dumpable", ctypes.CDLL(None).prctl(3), flush=True)  # PR_GET_DUMPABLE
time.sleep(600)
"""


def test_a_child_is_killed_with_its_parent_and_is_not_dumpable() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, CHILD], stdout=subprocess.PIPE, text=True
    )
    try:
        child = int(parent.stdout.readline())
        assert parent.stdout.readline().split() == ["dumpable", "0"]
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    assert process_gone(child), "the child outlived its parent"


def test_a_child_whose_parent_is_already_gone_ends_at_once() -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, "1"],  # its parent is this test, not process 1
        timeout=60,
    )
    assert child.returncode == 1
