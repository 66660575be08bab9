"""Pages served by Voila: a notebook shown without code, on this computer only, by secret link.

Lessons, the marking app and the dashboards are all served this way. The trainer pages are
shipped in the package as MyST text (`pages/*.md`) and written out as notebooks, into a
folder of their own, each time they are served: a plain install serves them as they are.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import jupytext
import nbformat

#: The pages' sources, one thin notebook each (the logic is in this package), as MyST text.
PAGE_SOURCES = Path(__file__).resolve().parent / "pages"


#: JupyterLab extensions installed for JupyterLab that pages never use. Left out, pages
#: load sooner and without nbgrader's console errors.
UNUSED_EXTENSIONS = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
    "jupyterlab-jupytext",
    "jupyterlab-plotly",  # 4.8 MB of script; charts are FigureWidgets, drawn through anywidget
]


def voila_command(notebook: Path, port: int, token: str, preheat: Sequence[str] = ()) -> list[str]:
    """The Voila command that shows `notebook` as a clean page (no code) on loopback.

    `preheat` names pages of a served folder that Voila keeps one run ahead of the next
    visitor, so they open at once. Only pages that read nothing from their address can be.
    """
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--token={token}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        *(f"--VoilaConfiguration.extension_denylist={name}" for name in UNUSED_EXTENSIONS),
    ]
    if preheat:
        command += ["--preheat_kernel=True", "--pool_size=1"]
        command += [
            f"--VoilaKernelManager.preheat_denylist={other.name}"
            for other in sorted(notebook.glob("*.ipynb"))
            if other.name not in preheat
        ]
    return command


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
    folder = Path(tempfile.mkdtemp(prefix="peer2peer-pages-"))
    try:
        write_pages(folder)
        return serve_page(folder, port, settings, f"voila/render/{page}", preheat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve_page(
    notebook: Path,
    port: int,
    settings: dict[str, str] | None = None,
    page: str = "",
    preheat: Sequence[str] = (),
) -> int:
    """Serve a notebook (or a folder of them) until stopped; print the link first.

    `settings` reach the notebook's kernel as environment variables (the kernel inherits
    them). `page` is the path of the page to open when a folder is served. Returns Voila's
    exit code.
    """
    token = secrets.token_urlsafe(16)
    link = f"http://127.0.0.1:{port}/{page}?token={token}"
    print(f"Open this link in your browser: {link}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    environment = {**os.environ, **(settings or {})}
    process = subprocess.Popen(
        voila_command(notebook.resolve(), port, token, preheat),
        cwd=notebook if notebook.is_dir() else notebook.parent,
        env=environment,
    )
    # Closing the terminal or `kill` must stop Voila too, not leave it serving on its own.
    for stop_signal in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, lambda *_: process.terminate())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
