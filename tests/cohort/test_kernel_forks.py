"""Grading kernels forked from a server that imported ipykernel: fresh, apart, gone with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient
from support import process_gone

from peer2peer.cohort.kernel_forks import (
    PRELOADED,
    ForkedKernel,
    ipykernel_arguments,
    supported,
)
from peer2peer.cohort.warm_kernels import KernelPool

pytestmark = pytest.mark.skipif(not supported(), reason="this system cannot fork kernels")


def _said(kernel, code: str) -> str:
    """What `code` printed, run on `kernel`."""
    client = BlockingKernelClient(connection_file=kernel.connection_file)
    client.load_connection_file()
    client.start_channels()
    printed: list[str] = []
    try:
        client.wait_for_ready(timeout=30)
        reply = client.execute_interactive(
            code,
            timeout=30,
            output_hook=lambda message: printed.append(message["content"].get("text", "")),
        )
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
    return "".join(printed).strip()


@pytest.fixture
def pool(tmp_path: Path):
    """A pool of forked kernels, closed after the test."""
    pool = KernelPool(ahead=1, folder=tmp_path / "kernels")
    yield pool
    pool.close()


def test_kernels_are_forked_from_the_server_and_share_nothing(pool: KernelPool) -> None:
    assert pool.fork_server is not None
    server = pool.fork_server.process.pid
    first, second = pool.take(), pool.take()
    try:
        one = _said(first, "import os, sys; secret = 'first'; print(os.getppid(), os.getpid())")
        parent, pid = map(int, one.split())
        assert parent == server and pid == first.provisioner.pid != server
        # Already imported, so a notebook's first cell costs nothing to import them.
        loaded = _said(second, f"import sys; print(all(m in sys.modules for m in {PRELOADED!r}))")
        assert loaded == "True"
        # A fork of its own: nothing the first kernel did reached the second.
        assert _said(second, "print('secret' in globals())") == "False"
        told = _said(second, "import os; print(os.environ.get('NBGRADER_EXECUTION'))")
        assert told == "autograde"  # the environment jupyter_client gave it, not the server's
    finally:
        pool.discard(first)
        pool.discard(second)
    assert process_gone(pid)


def test_a_kernel_stopped_at_once_is_seen_to_end(pool: KernelPool) -> None:
    kernel = pool.take()
    process = kernel.provisioner.process
    assert process.poll() is None
    pool.discard(kernel)
    assert process.poll() == 0 and not kernel.has_kernel
    assert process_gone(process.pid)


def test_only_this_python_running_ipykernel_is_forked() -> None:
    here = [sys.executable, "-m", "ipykernel_launcher", "-f", "k.json", "--x=1"]
    assert ipykernel_arguments(here) == ["-f", "k.json", "--x=1"]
    assert ipykernel_arguments(["/usr/bin/other-python", *here[1:]]) is None
    assert ipykernel_arguments([sys.executable, "-m", "another_kernel", "-f", "k.json"]) is None
    assert ipykernel_arguments(["R", "--slave"]) is None


#: A grading worker with a kernel in hand and another waiting: prints their pids, then waits.
WORKER = """
import sys, time
from peer2peer.cohort.warm_kernels import KernelPool
pool = KernelPool(ahead=1, folder=sys.argv[1])
kernel = pool.take()
print(pool.fork_server.process.pid, kernel.provisioner.pid, pool._waiting[0].provisioner.pid)
sys.stdout.flush()
time.sleep(600)
"""
#: Runs WORKER as a "subreaper" (as systemd --user, tini or docker --init do): orphans come
#: to it, not to process 1, so ipykernel's watch for its parent becoming 1 never fires.
SUBREAPER = """
import ctypes, subprocess, sys
ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
worker = subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]])
print(worker.pid, flush=True)
sys.stdin.read()  # until the test is done; orphans are reaped as they end
"""


@pytest.mark.parametrize("orphans_go_to", ["process 1", "a subreaper"])
def test_a_killed_worker_leaves_no_server_and_no_kernel(tmp_path: Path, orphans_go_to: str) -> None:
    folder = str(tmp_path / "kernels")
    if orphans_go_to == "process 1":
        command = [sys.executable, "-c", WORKER, folder]
    else:
        command = [sys.executable, "-c", SUBREAPER, WORKER, folder]
    runner = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        worker = runner.pid if orphans_go_to == "process 1" else int(runner.stdout.readline())
        server, *kernels = map(int, runner.stdout.readline().split())
        os.kill(worker, signal.SIGKILL)
        assert process_gone(server), "the fork server outlived its worker"
        for kernel in kernels:
            assert process_gone(kernel), "a forked kernel outlived its worker"
    finally:
        with suppress(ProcessLookupError):
            runner.kill()
        runner.communicate()


def test_what_a_kernel_starts_is_stopped_with_it(pool: KernelPool) -> None:
    kernel = pool.take()
    started = _said(kernel, "import subprocess; print(subprocess.Popen(['sleep', '300']).pid)")
    pool.discard(kernel)
    assert process_gone(int(started)), "a process the kernel started outlived it"


def test_a_forked_kernel_reads_nothing_and_is_kept_from_other_processes(pool: KernelPool) -> None:
    kernel = pool.take()
    try:
        said = _said(
            kernel,
            "import os, ctypes; print(os.readlink('/proc/self/fd/0'), ctypes.CDLL(None).prctl(3))",
        )  # fmt: skip  (3: PR_GET_DUMPABLE)
    finally:
        pool.discard(kernel)
    assert said == "/dev/null 0"


def test_when_the_fork_server_fails_kernels_start_as_new_pythons(pool: KernelPool) -> None:
    pool.fork_server.process.kill()
    pool.fork_server.process.wait()
    kernel = pool.take()  # the kernel waiting went with the server: this one is new
    try:
        assert not pool.fork_server.working
        assert not isinstance(kernel.provisioner.process, ForkedKernel)
        assert _said(kernel, "print('still grading')") == "still grading"
    finally:
        pool.discard(kernel)
