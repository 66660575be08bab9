"""The kernels of a page server: when the server stops, they stop at once.

A stopping Jupyter server asks each kernel to shut down: it interrupts the kernel, then
sends a shutdown request. A page's kernel may be busy then (a page run ahead is still
loading what it needs for its next visitor), and ipykernel answers the interrupted work on
sockets the shutdown request has just closed: a traceback in the trainer's terminal. Every
answer a page takes is saved when it is typed, so nothing waits in a page's kernel at that
point: they are stopped at once instead, without asking. A trainee's hub server, whose
pages are run ahead (`peer2peer.hub.waiting`), stops its kernels the same way.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class StopAtOnce:
    """For a kernel manager whose kernels all serve pages: stop them at once at the end."""

    async def shutdown_all(self, now: bool = False) -> None:
        """Stop every kernel at once (the server is stopping; nothing waits in them)."""
        await super().shutdown_all(now=True)  # type: ignore[misc]


class PageKernelManager(StopAtOnce, AsyncMappingKernelManager):
    """Jupyter's kernels for a page server, stopped at once when the server stops."""
