"""A page server's kernels stop at once when it stops, even one busy loading its page."""

from __future__ import annotations

import asyncio
import os

import pytest

from peer2peer.dashboard.page_kernels import PageKernelManager
from peer2peer.hub.waiting import WaitingKernelManager


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# A page server's kernels, and a trainee's hub server's (pages run ahead there too).
@pytest.mark.parametrize("kind", [PageKernelManager, WaitingKernelManager])
def test_a_busy_kernel_is_stopped_without_being_asked_and_without_a_traceback(
    kind, tmp_path, capfd
) -> None:
    async def run() -> int:
        manager = kind(connection_dir=str(tmp_path))
        kernel_id = await manager.start_kernel(kernel_name="python3")
        kernel = manager.get_kernel(kernel_id)
        client = kernel.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        pid = kernel.provisioner.pid
        client.execute("import time; time.sleep(60)")  # busy, as a page loading ahead is
        await asyncio.sleep(1)
        asked = []

        async def ask(*args, **kwargs) -> None:
            asked.append(True)  # a shutdown request: what a stopping server must not send

        kernel._async_request_shutdown = ask
        await manager.shutdown_all()
        client.stop_channels()
        assert manager.list_kernel_ids() == [] and not asked
        return pid

    pid = asyncio.run(run())
    assert not alive(pid)
    assert "Traceback" not in capfd.readouterr().err
