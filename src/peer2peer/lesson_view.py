"""The lesson view: one notebook served by Voila, on this computer only, with a secret link."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path


def voila_command(notebook: Path, port: int, token: str) -> list[str]:
    """The Voila command that shows `notebook` as a clean page (no code) on loopback."""
    return [
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
    ]


def serve_lesson(notebook: Path, port: int = 8866) -> int:
    """Serve a lesson until stopped; print its link first. Returns Voila's exit code."""
    token = secrets.token_urlsafe(16)
    print(f"Open this link in your browser: http://127.0.0.1:{port}/?token={token}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    process = subprocess.Popen(voila_command(notebook.resolve(), port, token), cwd=notebook.parent)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
