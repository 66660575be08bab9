"""Grading kernels forked from a server that imported ipykernel: fresh, apart, gone with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

from peer2peer.cohort.kernel_forks import PRELOADED, ipykernel_arguments, supported
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


def _gone(pid: int, within: float = 10.0) -> bool:
    """Whether process `pid` has ended (or is only left to be reaped) within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.1)
    return False


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
    assert _gone(pid)


def test_a_kernel_stopped_at_once_is_seen_to_end(pool: KernelPool) -> None:
    kernel = pool.take()
    process = kernel.provisioner.process
    assert process.poll() is None
    pool.discard(kernel)
    assert process.poll() == 0 and not kernel.has_kernel
    assert _gone(process.pid)


def test_only_this_python_running_ipykernel_is_forked() -> None:
    here = [sys.executable, "-m", "ipykernel_launcher", "-f", "k.json", "--x=1"]
    assert ipykernel_arguments(here) == ["-f", "k.json", "--x=1"]
    assert ipykernel_arguments(["/usr/bin/other-python", *here[1:]]) is None
    assert ipykernel_arguments([sys.executable, "-m", "another_kernel", "-f", "k.json"]) is None
    assert ipykernel_arguments(["R", "--slave"]) is None


def test_a_killed_worker_leaves_no_server_and_no_kernel(tmp_path: Path) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from peer2peer.cohort.warm_kernels import KernelPool
            pool = KernelPool(ahead=1, folder={str(tmp_path / 'kernels')!r})
            kernel = pool.take()
            print(pool.fork_server.process.pid, kernel.provisioner.pid, flush=True)
            time.sleep(600)
        """)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        server, kernel = map(int, worker.stdout.readline().split())
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    assert _gone(server), "the fork server outlived its worker"
    assert _gone(kernel), "a forked kernel outlived its worker"
