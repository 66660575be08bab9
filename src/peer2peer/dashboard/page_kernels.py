"""The kernels of a page server: when the server stops, they stop at once.

A stopping Jupyter server asks each kernel to shut down: it interrupts the kernel, then
sends a shutdown request. A page's kernel may be busy then (a page run ahead is still
loading what it needs for its next visitor), and ipykernel answers the interrupted work on
sockets the shutdown request has just closed: a traceback in the trainer's terminal. Every
answer a page takes is saved when it is typed, so nothing waits in a page's kernel at that
point: they are stopped at once instead, without asking.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class PageKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernels for a page server, stopped at once when the server stops."""

    async def shutdown_all(self, now: bool = False) -> None:
        """Stop every kernel at once (the server is stopping; nothing waits in them)."""
        await super().shutdown_all(now=True)
