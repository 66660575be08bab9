"""Pages served by Voila: a notebook shown without code, on this computer only, by secret link.

Lessons, the marking app and the dashboards are all served this way. The trainer pages are
shipped in the package as MyST text (`pages/*.md`) and written out as notebooks, into a
folder of their own, each time they are served: a plain install serves them as they are.

Each server gets a private folder (readable by its owner alone) holding what must not be
seen by others: its secret token (in a config file, never on the command line, where any
account on the computer could read it with `ps`), its kernels' connection files and
sockets (kernels talk to Voila over local sockets, not TCP), the signatures that mark the
served notebooks as trusted, and the page template (Voila's, asking nothing of other hosts).
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

import jupytext
import nbformat
from nbformat.sign import NotebookNotary

from peer2peer.dashboard.page_template import TEMPLATE, write_template
from peer2peer.shared.visit import READY_VARIABLE

#: The pages' sources, one thin notebook each (the logic is in this package), as MyST text.
PAGE_SOURCES = Path(__file__).resolve().parent / "pages"

#: JupyterLab extensions installed for JupyterLab that pages never use. Left out, pages
#: load sooner and without nbgrader's console errors.
UNUSED_EXTENSIONS = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
    "jupyterlab-jupytext",
    "jupyterlab-plotly",  # if plotly is installed for other work: 4.8 MB of script
    "jupyterlab_pygments",  # colours for code, and pages show none
]

#: A kernel that no page has been connected to for this long is stopped. A closed page
#: stops its own kernel at once; this catches pages that never said goodbye (a crashed
#: browser, a laptop closed). An open page is never stopped, however long it sits idle.
IDLE_SECONDS = 120
#: How often kernels are checked for that.
CULL_EVERY_SECONDS = 30
#: How long a server may take to answer before it is given up.
START_SECONDS = 120


class ServeError(Exception):
    """A page server could not start; the message says why and what to do, in plain words."""


def voila_command(
    notebook: Path,
    port: int,
    private: Path,
    preheat: Sequence[str] = (),
    idle_seconds: int = IDLE_SECONDS,
) -> list[str]:
    """The Voila command that shows `notebook` as a clean page (no code) on loopback.

    `private` is the folder `prepare_private` filled; the secret token is read from there.
    `preheat` names pages (paths inside a served folder, or the one notebook served) that
    Voila keeps one run ahead of the next visitor, each with a kernel waiting, so they open
    at once. A page that reads its address or changing data waits for its visitor first
    (`peer2peer.shared.visit`).
    """
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",  # a taken port is an error, never a quiet move to another
        f"--Voila.config_file_paths={private}",  # voila.py there holds the token
        f"--Voila.connection_dir_root={private}",
        # Each kernel's sockets are named after its connection file, in `private`: one
        # path for all (KernelManager.ip) would let two kernels started at once collide.
        "--KernelManager.transport=ipc",
        f"--NotebookNotary.data_dir={private}",
        f"--MappingKernelManager.cull_idle_timeout={idle_seconds}",
        f"--MappingKernelManager.cull_interval={min(CULL_EVERY_SECONDS, idle_seconds)}",
        "--MappingKernelManager.cull_connected=False",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "peer2peer.dashboard.page_kernels.PageKernelManager",
        f"--template={TEMPLATE}",
        "--VoilaConfiguration.allow_template_override=NO",
        "--strip_sources=True",
        "--show_tracebacks=False",
        *(f"--VoilaConfiguration.extension_denylist={name}" for name in UNUSED_EXTENSIONS),
    ]
    if preheat:
        command += ["--preheat_kernel=True", "--pool_size=1"]
        # Voila runs ahead every notebook under a served folder unless it is denied: each
        # other one by its whole path inside the folder. Voila matches a pattern against the
        # notebook's path from its start (which may name the folder), or finds it inside.
        command += [
            f"--VoilaKernelManager.preheat_denylist=^(.*/)?{re.escape(other)}$"
            for other in served_notebooks(notebook)
            if other not in preheat
        ]
    return command


def served_notebooks(folder: Path) -> list[str]:
    """The notebooks under a served folder, as paths inside it ("01-recovery/lesson.ipynb")."""
    if not folder.is_dir():
        return []
    found = (path.relative_to(folder).as_posix() for path in folder.rglob("*.ipynb"))
    return sorted(path for path in found if ".ipynb_checkpoints" not in path)


def prepare_private(private: Path, token: str, notebook: Path) -> None:
    """Fill `private` with what one server of `notebook` (or a folder of them) needs.

    The folder is made readable by its owner alone, and the config file holding the token
    is created so before anything is written to it.
    """
    private.mkdir(parents=True, exist_ok=True)
    private.chmod(0o700)
    config = (
        "# Written by peer2peer for one page server; readable by its owner alone.\n"
        "from peer2peer.dashboard.voila_settings import apply\n"
        f"apply(c, token={token!r})\n"
    )
    descriptor = os.open(private / "voila.py", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(config)
    template = write_template(_template_folder(private))
    (template / "static" / "ready.txt").write_text(secrets.token_hex(16))
    notary = NotebookNotary(data_dir=str(private))
    for path in sorted(notebook.glob("*.ipynb")) if notebook.is_dir() else [notebook]:
        notary.sign(nbformat.read(path, as_version=4))


def server_environment(private: Path, settings: Mapping[str, str] | None = None) -> dict:
    """The environment of a page server: ours, the page `settings`, where our template is,
    and where pages run ahead say they are ready."""
    found = [str(private / "jupyter"), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    ready = {READY_VARIABLE: str(_ready_folder(private))}
    return {**os.environ, **(settings or {}), "JUPYTER_PATH": os.pathsep.join(found), **ready}


def answers(port: int, private: Path) -> bool:
    """Whether the server we prepared in `private` answers on `port` (and not someone else).

    It must serve the random word in our template's folder: a stranger holding the port
    cannot. The request goes straight to loopback, never through a proxy.
    """
    expected = (_template_folder(private) / "static" / "ready.txt").read_text()
    url = f"http://127.0.0.1:{port}/voila/templates/{TEMPLATE}/static/ready.txt"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return response.read().decode() == expected
    except OSError:
        return False


def port_in_use(port: int) -> bool:
    """Whether another program already listens on `port` of this computer's loopback."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Voila binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def write_pages(folder: Path) -> Path:
    """Write every page as a notebook into `folder` (readable by its owner alone); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    for source in sorted(PAGE_SOURCES.glob("*.md")):
        notebook = jupytext.reads(source.read_text(encoding="utf-8"), fmt="md:myst")
        nbformat.write(notebook, folder / f"{source.stem}.ipynb")
    return folder


def serve_pages(port: int, settings: dict[str, str], page: str, preheat: Sequence[str] = ()) -> int:
    """Serve the package's pages, opening on `page` (e.g. "cohort.ipynb"), until stopped."""
    with tempfile.TemporaryDirectory(prefix="peer2peer-pages-") as folder:
        pages = write_pages(Path(folder))
        return serve_page(pages, port, settings, f"voila/render/{page}", preheat)


def serve_page(
    notebook: Path,
    port: int,
    settings: dict[str, str] | None = None,
    page: str = "",
    preheat: Sequence[str] = (),
) -> int:
    """Serve a notebook (or a folder of them) until stopped; print its link once it answers
    and the pages in `preheat` have each been run ahead of their first visitor.

    `settings` reach the notebook's kernel as environment variables (the kernel inherits
    them). `page` is the path of the page to open when a folder is served. Returns Voila's
    exit code; raises ServeError when the port is taken or the server cannot start.
    """
    if port_in_use(port):
        raise ServeError(_port_taken(port))
    notebook = notebook.resolve()
    with tempfile.TemporaryDirectory(prefix="peer2peer-", dir=_short_temporary()) as folder:
        private = Path(folder)
        token = secrets.token_urlsafe(16)
        prepare_private(private, token, notebook)
        process = subprocess.Popen(
            voila_command(notebook, port, private, preheat),
            cwd=notebook if notebook.is_dir() else notebook.parent,
            env=server_environment(private, settings),
            stderr=subprocess.PIPE if preheat else None,
            text=True,
        )
        pools = pages_ready(process, preheat, private)
        stopping = []

        def stop(*_) -> None:
            stopping.append(True)
            process.terminate()

        # Closing the terminal or `kill` must stop Voila too, not leave it serving on its own.
        for stop_signal in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(stop_signal, stop)
        try:
            if not _wait_until_ready(port, private, process, pools):
                if stopping:
                    return process.wait()
                raise ServeError(
                    f"The page server stopped before it was ready (its messages are above). "
                    f"If port {port} was taken meanwhile, choose another with --port."
                )
            print(f"Open this link in your browser: http://127.0.0.1:{port}/{page}?token={token}")
            print("Press Ctrl+C to stop.", flush=True)
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            return process.wait()
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait()


#: What Voila logs once a page's kernel has been run ahead of its first visitor.
POOL_FILLED = re.compile(r"Kernel pool of (?P<page>\S+) is filled")


def pools_filled(
    process: subprocess.Popen, preheat: Sequence[str], echo: TextIO | None = None
) -> threading.Event:
    """An event set once Voila has run every page in `preheat` ahead of its first visitor.

    Voila's messages (`process.stderr`, a pipe when `preheat` names pages) are passed on to
    `echo` (default: our own stderr) as they come.
    """
    echo = echo or sys.stderr
    filled = threading.Event()
    waiting = set(preheat)
    if not waiting or process.stderr is None:
        filled.set()
        return filled

    def read() -> None:
        for line in process.stderr:
            echo.write(line)
            echo.flush()
            found = POOL_FILLED.search(line)
            if found:
                waiting.discard(found["page"])
                if not waiting:
                    filled.set()
        filled.set()  # Voila stopped: nothing more to wait for

    threading.Thread(target=read, daemon=True).start()
    return filled


def pages_ready(
    process: subprocess.Popen, preheat: Sequence[str], private: Path, echo: TextIO | None = None
) -> threading.Event:
    """An event set once every page in `preheat` has been run up to its visitor (or Voila
    stopped): its pool is filled, and its kernel has said it is ready (`peer2peer.shared.visit`)."""
    filled = pools_filled(process, preheat, echo)
    ready = threading.Event()

    def watch() -> None:
        filled.wait()
        folder = _ready_folder(private)
        while process.poll() is None and len(list(folder.iterdir())) < len(preheat):
            time.sleep(0.1)
        ready.set()

    threading.Thread(target=watch, daemon=True).start()
    return ready


def _ready_folder(private: Path) -> Path:
    """Where the kernels of pages run ahead say they are ready (made with the private folder)."""
    folder = private / "ready"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _wait_until_ready(
    port: int, private: Path, process: subprocess.Popen, pools: threading.Event | None = None
) -> bool:
    """Wait until our server answers on `port`, and its pages run ahead are ready.

    False if it stopped (or never answered). Pages not ready in time are not waited for.
    """
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if answers(port, private):
            if pools is not None:
                pools.wait(max(0.0, deadline - time.monotonic()))
            return True
        time.sleep(0.2)
    process.terminate()
    process.wait()
    return False


def _port_taken(port: int) -> str:
    """What to say when `port` is taken: what is wrong, and a free port to use instead."""
    free = next((p for p in range(port + 1, port + 50) if not port_in_use(p)), None)
    advice = f" for example --port {free}" if free else ""
    return (
        f"Port {port} is already in use on this computer (perhaps a page is still being "
        f"served there). Stop that, or choose another port,{advice}."
    )


def _short_temporary() -> str | None:
    """A folder for temporary files whose path is short: a kernel's socket path must stay
    under about 100 characters, and some systems' own temporary folder is long (macOS)."""
    return "/tmp" if os.path.isdir("/tmp") and os.access("/tmp", os.W_OK) else None


def _template_folder(private: Path) -> Path:
    """Where our template is copied for one server (found through JUPYTER_PATH)."""
    return private / "jupyter" / "voila" / "templates" / TEMPLATE
