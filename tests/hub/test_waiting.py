"""Pages run ahead inside a Jupyter server (as in a trainee's hub server): the home's kernel is
started and its page run before the visit, and a page that waits for its visit reads it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import requests
from nbformat.v4 import new_code_cell, new_notebook

from peer2peer.hub.deployment import LANDING, TRAINEE
from peer2peer.hub.running import free_port

pytestmark = pytest.mark.slow

PAGE = LANDING[TRAINEE].removeprefix("/voila/render/")
WAITING_PAGE = """
import os
from peer2peer.shared.visit import wait_for_visit

ran_ahead = os.environ.get("VOILA_PREHEAT")
wait_for_visit()
print(f"ran ahead: {ran_ahead}; visit asked for: {os.environ.get('QUERY_STRING')}")
"""
SERVER_CONFIG = """
c = get_config()  # noqa: F821
c.IdentityProvider.token = {token!r}
c.ServerApp.allow_root = True
c.ServerApp.open_browser = False
c.ServerApp.jpserver_extensions = {{"voila.server_extension": True, "peer2peer.hub.waiting": True}}
c.ServerApp.kernel_manager_class = "peer2peer.hub.waiting.WaitingKernelManager"
"""


@pytest.fixture
def server(tmp_path: Path):
    """A Jupyter server with a home that waits for its visit; its address, token and log."""
    root, settings = tmp_path / "root", tmp_path / "settings"
    (root / PAGE).parent.mkdir(parents=True)
    notebook = new_notebook(cells=[new_code_cell(WAITING_PAGE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, root / PAGE)
    settings.mkdir()
    token = secrets.token_hex(16)
    (settings / "jupyter_server_config.py").write_text(SERVER_CONFIG.format(token=token))
    port = free_port()
    log = tmp_path / "server.log"
    environment = {**os.environ, "JUPYTER_CONFIG_DIR": str(settings), "JUPYTER_CONFIG_PATH": ""}
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyter_server", f"--port={port}", "--ip=127.0.0.1"],
            cwd=root,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}", token, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_line(log: Path, words: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while words not in log.read_text():
        assert time.monotonic() < deadline, f"not logged: {words}\n{log.read_text()[-3000:]}"
        time.sleep(0.5)


def test_the_home_runs_ahead_and_then_reads_its_visit(server):
    base, token, log = server
    wait_for_line(log, f"Kernel pool of {PAGE} is filled")
    assert f"pages run ahead: {PAGE}" in log.read_text()
    # A kernel id alone (which `ps` shows every account) does not reach the socket that hands
    # a page its visit: the route also holds a key only the server's kernels know.
    assert requests.get(f"{base}/voila/query/some-kernel-id", timeout=10).status_code == 404
    page = requests.get(
        f"{base}/voila/render/{PAGE}?module=01-alpha",
        headers={"Authorization": f"token {token}"},
        timeout=120,
    )
    page.raise_for_status()
    assert "ran ahead: True; visit asked for: module=01-alpha" in page.text
    assert "Using pre-heated kernel" in log.read_text()
