"""Grading kernels forked from a process that has already imported ipykernel and the exercises.

A new Python kernel spends most of its start importing ipykernel and IPython, and a graded
notebook's first cell then imports our exercises: together about 0.4 s of processor time
per notebook, on the same two cores the notebooks run on. A grading worker starts one
fork server that imports these once, and each kernel is forked from it instead: a new
process with memory of its own, that no notebook has run in, up in a fraction of the time.

The fork server never runs a cell and holds nothing of any trainee: it imports code, then
waits for requests from the one worker that started it, over a socket only that worker
holds. Other processes of the account cannot read its memory or take its socket (it is
not "dumpable", nor are its forks). It ends when that worker ends (its socket closes), and
Linux kills its kernels when it ends. If it fails, kernels start as new Pythons instead.
We fork ourselves rather than through multiprocessing's forkserver, which would import
the command's own main module into every kernel.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import traceback
from contextlib import suppress
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from traitlets import Instance

from peer2peer.shared.lifetime import end_with_parent, keep_out_other_processes

#: What the fork server imports once, so that no kernel has to.
PRELOADED = ("ipykernel.kernelapp", "peer2peer.exercises")
#: The largest request we read: a kernel's arguments, folder and environment.
LARGEST_REQUEST = 1 << 20
#: How long the worker waits for the server to fork a kernel before giving up on it.
FORK_SECONDS = 30


def supported() -> bool:
    """Whether this system can fork kernels and watch them (Linux 5.3 or later)."""
    if not (hasattr(os, "fork") and hasattr(os, "pidfd_open")):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False  # a kernel too old for process file descriptors
    return hasattr(signal, "pidfd_send_signal")


class ForkServer:
    """A process of this worker's own that forks kernels on request; it ends with the worker."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            # The request socket is its standard input: nothing else can reach it.
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from peer2peer.cohort.kernel_forks import serve; serve()"],
                stdin=theirs,
                stdout=subprocess.DEVNULL,
            )
        ours.settimeout(FORK_SECONDS)
        self._socket = ours
        #: False once a fork has failed: the pool's kernels then start as new Pythons.
        self.working = True

    def fork(self, arguments: list[str], environment: dict[str, str], folder: str) -> ForkedKernel:
        """A new kernel, forked and started with ipykernel's `arguments` in `folder`."""
        request = {"arguments": arguments, "environment": environment, "folder": folder}
        try:
            self._socket.sendall(json.dumps(request).encode() + b"\n")
            reply, fds, _flags, _address = socket.recv_fds(self._socket, 64, 1)
        except OSError as error:  # it has stopped, or hangs
            self.working = False
            raise RuntimeError("the kernel fork server does not answer") from error
        for fd in fds:
            os.set_inheritable(fd, False)  # no program this worker starts may inherit it
        if not reply.isdigit() or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            self.working = False
            raise RuntimeError("the kernel fork server could not fork a kernel")
        return ForkedKernel(int(reply), fds[0])

    def close(self) -> None:
        """Stop the fork server (kernels already forked see it go and stop too)."""
        self._socket.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class ForkedKernel:
    """A forked kernel seen as jupyter_client sees a started process: poll, wait, signal."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, pidfd: int) -> None:
        self.pid = pid
        self._pidfd = pidfd  # names this process only, even once its number is reused
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """None while the kernel runs; 0 once it has ended (its exit code is its parent's)."""
        if self.returncode is None and select.select([self._pidfd], [], [], 0)[0]:
            self._ended()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait until the kernel has ended (at most `timeout` seconds)."""
        if self.returncode is None and select.select([self._pidfd], [], [], timeout)[0]:
            self._ended()
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """Send `signum` to the kernel, if it still runs."""
        if self.returncode is None:
            with suppress(ProcessLookupError):
                signal.pidfd_send_signal(self._pidfd, signum)

    def kill(self) -> None:
        """Stop the kernel at once."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """Ask the kernel to stop."""
        self.send_signal(signal.SIGTERM)

    def _ended(self) -> None:
        self.returncode = 0
        os.close(self._pidfd)


class ForkedProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, whose ipykernel is forked from the fork server."""

    fork_server = Instance(ForkServer, allow_none=True, help="Where kernels are forked from.")

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        """Fork the kernel `cmd` would start; start it as usual if it is another kind, or if
        the fork server fails."""
        arguments = ipykernel_arguments(cmd)
        if self.fork_server is None or not self.fork_server.working or arguments is None:
            return await super().launch_kernel(cmd, **kwargs)
        environment = dict(kwargs.get("env") or os.environ)
        folder = str(kwargs.get("cwd") or Path.cwd())
        try:
            self.process = self.fork_server.fork(arguments, environment, folder)
        except RuntimeError:
            return await super().launch_kernel(cmd, **kwargs)
        self.pid = self.process.pid
        self.pgid = self.process.pid  # a group of its own (setsid): stopped with what it starts
        self.cwd = folder
        return self.connection_info


def ipykernel_arguments(cmd: list[str]) -> list[str] | None:
    """The arguments after `python -m ipykernel_launcher` in `cmd`, if it runs this Python."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"] or cmd[0] != sys.executable:
        return None  # jupyter_client names this Python sys.executable; any other is not ours
    return list(cmd[3:])


def serve() -> None:
    """Run the fork server: import PRELOADED, then fork a kernel for each request on stdin."""
    if sys.path and sys.path[0] == "":
        del sys.path[0]  # as ipykernel_launcher does: the start folder is not for imports
    keep_out_other_processes()
    for name in PRELOADED:
        __import__(name)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker decides when grading stops
    requests = socket.socket(fileno=os.dup(0))
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)  # kernels read nothing from standard input
    os.close(nothing)
    server = os.getpid()
    with requests, requests.makefile("rb") as lines:
        for line in iter(lambda: lines.readline(LARGEST_REQUEST), b""):
            if not line.endswith(b"\n"):
                return  # too long to be ours: stop, and the worker starts kernels itself
            try:
                pid = os.fork()
            except OSError:
                requests.sendall(b"-")  # too many processes, say: no kernel
                continue
            if pid == 0:
                _become_kernel([lines, requests], line, server)
            pidfd = os.pidfd_open(pid)  # before any reaping: the number is still the kernel's
            try:
                socket.send_fds(requests, [str(pid).encode()], [pidfd])
            finally:
                os.close(pidfd)
            _reap_ended_kernels()


def _reap_ended_kernels() -> None:
    """Clear the process table of kernels that have ended (their pidfds already say so)."""
    with suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _become_kernel(server_ends: list, line: bytes, server: int) -> None:
    """In a fresh fork: leave the server behind, then run ipykernel until it is stopped."""
    code = 1
    try:
        end_with_parent(server)  # killed by Linux when the server ends, however it ends
        for end in server_ends:
            end.close()
        request = json.loads(line)
        os.setsid()  # a group of its own, stopped as one; a terminal's Ctrl-C reaches the worker
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.environ.clear()
        os.environ.update(request["environment"])
        os.chdir(request["folder"])
        # ipykernel read JPY_PARENT_PID when the server imported it: it is told again here.
        os.environ["JPY_PARENT_PID"] = str(server)
        arguments = [*request["arguments"], f"--IPKernelApp.parent_handle={server}"]
        sys.argv = ["ipykernel_launcher", *arguments]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=arguments)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - said on the worker's error output, then ended
        traceback.print_exc()
    finally:
        os._exit(code)
