"""A trainee's home and next lesson, run ahead in their hub server: each opens at once.

Voila keeps a kernel one run ahead of a page's next visitor ("preheating") only when it
runs alone; in a Jupyter server its pages start their kernel when asked. This server
extension gives the server Voila's own pooling kernel manager, so the pages named by
`pages_ahead` each have a kernel started and the page run (up to any `wait_for_visit`,
peer2peer.shared.visit) before the trainee asks. A page taken is not run ahead again
unless `WaitingKernelManager.refill` is set: a waiting kernel costs memory.

Enabled in the trainee's jupyter_server_config.py (peer2peer/hub/templates).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Bool
from voila.configuration import VoilaConfiguration
from voila.paths import collect_template_paths
from voila.request_info_handler import RequestInfoSocketHandler
from voila.voila_kernel_manager import voila_kernel_manager_factory

from peer2peer.dashboard.page_kernels import StopAtOnce
from peer2peer.hub.deployment import LANDING, TRAINEE
from peer2peer.shared.visit import QUERY_KEY_VARIABLE

_Pooling = voila_kernel_manager_factory(
    AsyncMappingKernelManager, preheat_kernel=True, default_pool_size=1
)


class WaitingKernelManager(StopAtOnce, _Pooling):
    """The server's kernels, with Voila's pool of pages run ahead (filled by the extension);
    stopped at once, those run ahead too, when the server stops."""

    refill = Bool(False, config=True, help="run a page ahead again once a visitor takes it")

    def __init__(self, **kwargs):
        # Voila's own __init__ reads Voila's app; our extension fills the pools instead.
        AsyncMappingKernelManager.__init__(self, **kwargs)
        self._wait_at_startup = True
        self.notebook_data = {}
        self._pools = {}
        self.notebook_path = None
        self._run_ahead: set[str] = set()

    def fill_if_needed(self, delay=None, notebook_name=None, **kwargs) -> None:
        """Run a page ahead: the first time it is asked, and again only if `refill` is set."""
        if notebook_name in self._run_ahead and not self.refill:
            return
        self._run_ahead.add(notebook_name)
        super().fill_if_needed(delay=delay, notebook_name=notebook_name, **kwargs)


class OneVisitorQuery(RequestInfoSocketHandler):
    """Voila's socket that hands a page run ahead its visit, for the page's own kernel only.

    The route carries a key only this server's kernels know (in their environment, which
    other accounts cannot read), and a kernel id already waiting is not taken over: a kernel
    id alone, which `ps` shows to every account, is not enough to steal a visit.
    """

    def open(self, kernel_id: str) -> None:
        """Wait for this kernel's visit, unless another socket already waits for it."""
        if kernel_id in RequestInfoSocketHandler._waiters:
            self.close()
            return
        super().open(kernel_id)

    def on_close(self) -> None:
        """Forget this socket (and no other: Voila's own would drop another's if not found)."""
        waiters = RequestInfoSocketHandler._waiters
        for kernel_id in [k for k, waiter in waiters.items() if waiter is self]:
            del waiters[kernel_id]


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "peer2peer.hub.waiting"}]


def _load_jupyter_server_extension(server_app) -> None:
    """Run the trainee's pages ahead, if the server's kernels are a WaitingKernelManager."""
    manager = server_app.kernel_manager
    if not isinstance(manager, WaitingKernelManager):
        server_app.log.warning("peer2peer.hub.waiting: kernels are not run ahead (not set up)")
        return
    # The pool reads what Voila's own app has from its parent: give the server those names.
    configuration = VoilaConfiguration(parent=server_app)
    server_app.voila_configuration = configuration
    server_app.template_paths = collect_template_paths(
        ["voila", "nbconvert"], configuration.template
    )
    server_app.server_url = server_app.base_url
    server_app.app = server_app.web_app
    # A page run ahead asks here for its visit (voila.utils.wait_for_request), straight on
    # loopback, by a key this server's kernels inherit and its kernel id; the answer is the
    # visit's address, nothing more.
    key = os.environ.setdefault(QUERY_KEY_VARIABLE, secrets.token_urlsafe(32))
    server_app.web_app.add_handlers(
        ".*$",
        [(f"{server_app.base_url}voila/query/{key}/(?P<kernel_id>[^/]+)", OneVisitorQuery)],
    )
    pages = pages_ahead(Path(server_app.root_dir).expanduser())
    for page in pages:
        manager.fill_if_needed(delay=0, notebook_name=page)
    server_app.log.info("peer2peer: pages run ahead: %s", ", ".join(pages) or "none")


def pages_ahead(root: Path) -> list[str]:
    """The pages to run ahead in a trainee's server: the home, and the next lesson.

    New modules are fetched first, in a Python of its own (nbgrader stays out of the
    server), so the next lesson is there to be run ahead.
    """
    home = LANDING[TRAINEE].removeprefix("/voila/render/")
    found = subprocess.run(
        [sys.executable, "-m", "peer2peer.hub.next_lesson", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lesson = json.loads(found.stdout or "null") if found.returncode == 0 else None
    return [home, *([lesson] if lesson else [])]
