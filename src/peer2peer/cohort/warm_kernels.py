"""Kernels started ahead of need for grading: each runs one notebook, then is stopped.

nbgrader's Execute starts a kernel afresh for every notebook it grades and waits for it,
and starting a kernel takes longer than running one of our notebooks in it. A grading
worker here keeps its next kernel starting while the current notebook runs, so that no
notebook waits for a start. A kernel is never used twice: it runs exactly one notebook of
one trainee and is stopped straight after, so nothing of one hand-in can reach another's.

Kernels are forked from a server that has already imported ipykernel and the exercises
(kernel_forks.py), so each start costs a fraction of a new Python's; where the system
cannot fork them, they start as jupyter_client starts any kernel.

Each kernel starts in an empty folder of its own (its sockets and connection file are
there, not on TCP ports) and is moved to its notebook's folder only when it is given
the notebook, before any cell runs. A kernel stops by itself when its worker dies
(ipykernel watches its parent), so a killed run leaves none behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections import deque
from contextlib import suppress
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbgrader.preprocessors import Execute

from peer2peer.cohort.kernel_forks import ForkedProvisioner, ForkServer, supported

#: What the kernel is told it is doing, as nbgrader tells the kernels it starts itself.
GRADING_ENVIRONMENT = {"NBGRADER_EXECUTION": "autograde"}
#: As nbclient starts IPython kernels: no history file written for a graded notebook.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]


class KernelPool:
    """Fresh kernels, started `ahead` at a time before they are needed, each handed out once."""

    def __init__(self, ahead: int = 1, folder: Path | None = None, forked: bool = True) -> None:
        self.ahead = max(1, ahead)
        #: Where this pool's kernels are forked from; None: each starts a new Python.
        self.fork_server = ForkServer() if forked and supported() else None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="p2p-kernels-", dir=_short_tmp()))
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._waiting: deque[AsyncKernelManager] = deque()
        self._started = 0
        #: The id of every kernel handed out, in order (each appears once: none is reused).
        self.handed_out: list[str] = []
        #: Seconds notebooks waited for their kernel (to be ready and in their folder), and
        #: seconds their cells ran, one entry per notebook: where the time goes.
        self.waited: list[float] = []
        self.ran: list[float] = []
        #: The most memory any kernel of this pool held, in MB.
        self.peak_kernel_mb = 0.0

    @property
    def fork_server_mb(self) -> float:
        """The most memory the fork server has held, in MB (its kernels share most of it)."""
        return peak_memory_mb(self.fork_server.process.pid) if self.fork_server else 0.0

    def fill(self) -> None:
        """Start kernels until `ahead` of them are waiting."""
        while len(self._waiting) < self.ahead:
            self._waiting.append(self.start_one())

    def take(self) -> AsyncKernelManager:
        """A started kernel that no notebook has used; another starts in its place."""
        while True:
            kernel = self._waiting.popleft() if self._waiting else self.start_one()
            self.fill()
            if run_sync(kernel.is_alive)():
                self.handed_out.append(kernel.kernel_id)
                return kernel
            self.discard(kernel)  # it died while waiting: never hand out a broken one

    def discard(self, kernel: AsyncKernelManager) -> None:
        """Stop a kernel for good and remove its folder."""
        home = Path(kernel.connection_file).parent
        self.peak_kernel_mb = max(self.peak_kernel_mb, peak_memory_mb(kernel.provisioner.pid))
        process = getattr(kernel.provisioner, "process", None)
        if process is not None:
            # jupyter_client looks every 0.1 s whether a killed kernel has gone; it takes
            # a few milliseconds, so wait for it here and its shutdown finds it gone.
            with suppress(OSError, subprocess.TimeoutExpired):
                run_sync(kernel.provisioner.kill)()  # its process group: all it started
                process.wait(timeout=5)
        try:
            run_sync(kernel.shutdown_kernel)(now=True)
        except RuntimeError:
            pass  # it had already stopped
        finally:
            run_sync(kernel.cleanup_resources)()
            shutil.rmtree(home, ignore_errors=True)

    def close(self) -> None:
        """Stop every waiting kernel and remove the pool's folder."""
        while self._waiting:
            self.discard(self._waiting.popleft())
        if self.fork_server is not None:
            self.fork_server.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def start_one(self) -> AsyncKernelManager:
        """Launch one kernel in a new empty folder; it gets ready while other work goes on."""
        self._started += 1
        home = self.folder / f"k{self._started}"
        home.mkdir(mode=0o700)
        kernel = AsyncKernelManager(
            transport="ipc",
            ip=str(home / "socket"),  # one path per kernel: two started at once never collide
            connection_file=str(home / "kernel.json"),
            client_class=f"{__name__}.WelcomedClient",
        )
        if self.fork_server is not None:
            kernel.kernel_id = str(uuid.uuid4())
            kernel.provisioner = ForkedProvisioner(
                kernel_id=kernel.kernel_id,
                kernel_spec=kernel.kernel_spec,
                parent=kernel,
                fork_server=self.fork_server,
            )
        run_sync(kernel.start_kernel)(
            cwd=str(home),
            env={**os.environ, **GRADING_ENVIRONMENT},
            extra_arguments=list(KERNEL_ARGUMENTS),
        )
        return kernel


#: How long a client waits for the kernel to greet its subscription before asking anyway.
WELCOME_SECONDS = 2.0


class WelcomedClient(AsyncKernelClient):
    """A kernel client that is ready as soon as the kernel has answered, not 0.2 s later.

    jupyter_client's wait_for_ready asks for the kernel's info, then waits for 0.2 s of
    silence on IOPub, in case the kernel said something before the client subscribed: a
    fifth of a second on every graded notebook. ipykernel greets each new subscriber
    (`iopub_welcome`), so once greeted, the client asks for the kernel's info and reads
    IOPub up to the kernel's "idle" after that question: nothing earlier is left unread.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Wait until the kernel has answered, and IOPub is read up to that answer."""
        deadline = time.monotonic() + (60.0 if timeout is None else timeout)
        if not await self._heard(self.iopub_channel, _greeting, deadline, WELCOME_SECONDS):
            # A kernel that does not greet: jupyter_client's own way.
            return await super().wait_for_ready(max(1.0, deadline - time.monotonic()))
        asked = self.kernel_info()
        reply = await self._heard(self.shell_channel, _answer_to(asked), deadline)
        if reply is None:
            raise RuntimeError("the kernel did not answer in time")
        self._handle_kernel_info_reply(reply)
        if await self._heard(self.iopub_channel, _idle_after(asked), deadline) is None:
            raise RuntimeError("the kernel did not finish answering in time")

    async def _heard(self, channel, wanted, deadline: float, longest: float = 1e9) -> dict | None:
        """The first message on `channel` that is `wanted`; None if none comes in time."""
        deadline = min(deadline, time.monotonic() + longest)
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await channel.get_msg(timeout=min(left, 1.0))
            except Empty:
                if not await self.is_alive():
                    raise RuntimeError("the kernel stopped before it was ready") from None
                continue
            if wanted(message):
                return message
        return None


def _greeting(message: dict) -> bool:
    return message["msg_type"] == "iopub_welcome"


def _answer_to(request: str):
    return lambda message: message["parent_header"].get("msg_id") == request


def _idle_after(request: str):
    return lambda message: (
        message["msg_type"] == "status"
        and message["content"].get("execution_state") == "idle"
        and message["parent_header"].get("msg_id") == request
    )


#: The pool of this worker process; None runs nbgrader's own way (a kernel started per notebook).
_pool: KernelPool | None = None


def use_pool(pool: KernelPool | None) -> None:
    """Make `pool` the one WarmExecute takes kernels from in this process (None: none)."""
    global _pool
    _pool = pool


def current_pool() -> KernelPool | None:
    """The pool WarmExecute takes kernels from in this process, if any."""
    return _pool


class WarmExecute(Execute):
    """nbgrader's Execute, run on a fresh kernel from the worker's pool instead of a new start."""

    def preprocess(self, nb, resources=None, km=None):
        """Run every cell of `nb` on a kernel no other notebook has used, then stop that kernel."""
        if _pool is None or km is not None:
            self._folder = ""
            return super().preprocess(nb, resources, km=km)
        self._asked = time.perf_counter()
        kernel = _pool.take()
        folder = (resources or {}).get("metadata", {}).get("path") or ""
        self._folder = os.path.abspath(folder) if folder else ""
        try:
            ran = super().preprocess(nb, resources, km=kernel)
            _pool.ran.append(time.perf_counter() - self._ready)
            return ran
        finally:
            if self.kc is not None:
                self.kc.stop_channels()
                self.kc = None
            _pool.discard(kernel)
            self.km = None

    async def async_start_new_kernel_client(self):
        """Connect to the kernel, then move it to the notebook's folder before any cell runs."""
        client = await super().async_start_new_kernel_client()
        folder = getattr(self, "_folder", "")
        if _pool is not None and folder:
            # Binds no name in the notebook's namespace and leaves no history or output.
            code = f"__import__('os').chdir({folder!r})"
            reply = await self.async_wait_for_reply(
                client.execute(code, silent=True, store_history=False)
            )
            if not reply or reply["content"]["status"] != "ok":
                raise RuntimeError(f"the kernel could not open {folder}")
        self._ready = time.perf_counter()
        if _pool is not None and hasattr(self, "_asked"):
            _pool.waited.append(self._ready - self._asked)
        return client

    # nbclient's synchronous name wraps its own coroutine: wrap this one instead.
    start_new_kernel_client = run_sync(async_start_new_kernel_client)


def peak_memory_mb(pid: int | None) -> float:
    """The most memory running process `pid` has held, in MB (0 when it cannot be read)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _short_tmp() -> str | None:
    """/tmp when there is one: a socket's path must stay under about 100 characters."""
    return "/tmp" if os.path.isdir("/tmp") and os.access("/tmp", os.W_OK) else None
