"""A throw-away PostgreSQL cluster on a loopback port, for tests; removed afterwards."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise FileNotFoundError(
            "PostgreSQL is not installed: `apt-get install postgresql` (.ci/run does this)"
        )
    return Path(found[-1]).parent


def _as_owner(command: list[str]) -> list[str]:
    """initdb refuses to run as root: as root, run the server as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a cluster on 127.0.0.1 with trust login; yield a URL of an empty database."""
    binaries = _binaries()
    folder = Path(tempfile.mkdtemp(prefix="p2p-postgres-", dir="/tmp"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = lambda *c: subprocess.run(_as_owner(list(c)), check=True, capture_output=True)  # noqa: E731
    try:
        run(str(binaries / "initdb"), "-D", str(data), "--auth=trust", "-U", "postgres")
        options = f"-p {port} -h 127.0.0.1 -k {sockets}"
        # -l: the server writes to a log file; it would otherwise hold our pipes open for ever.
        log = str(folder / "server.log")
        run(str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start")
        run(
            str(binaries / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "gradebook",
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(
            _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
