"""Pages served by Voila: a notebook shown without code, on this computer only, by secret link.

Lessons, the marking app and the dashboards are all served this way.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: The trainer notebooks (marking app, dashboards), kept in the repository beside the package.
DASHBOARDS = Path(__file__).resolve().parents[2] / "dashboards"


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
