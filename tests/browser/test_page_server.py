"""A page server as `peer2peer lesson` runs it: its secret out of sight, a quiet, clean log.

The link (with its token) is printed once, when the server answers; no command line on the
computer holds the token (`ps` shows every account's), and neither does the server's log,
even for a request that fails; the warnings that used to fill the terminal on every page
view are gone.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from browsing import free_port

PEER2PEER = str(Path(sys.executable).parent / "peer2peer")
NOISE = ["not trusted", "without encryption", "websocket_ping_timeout", "Traceback"]


def exercises_in(notebook: Path) -> int:
    """How many exercises a lesson shows: its code cells, but the one that starts the page."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(c["cell_type"] == "code" and "ex.start(" not in "".join(c["source"]) for c in cells)


def test_the_token_stays_out_of_sight_and_the_log_stays_quiet(
    built_minimal: Path, tmp_path: Path, page
) -> None:
    folder = tmp_path / "trainee" / "01-alpha"
    shutil.copytree(built_minimal / "release" / "01-alpha", folder)
    port = free_port()
    said, logged = tmp_path / "said.txt", tmp_path / "logged.txt"
    with said.open("w") as out, logged.open("w") as err:
        command = [PEER2PEER, "lesson", str(folder / "lesson.ipynb"), "--port", str(port)]
        server = subprocess.Popen(command, stdout=out, stderr=err)
    try:
        deadline = time.monotonic() + 120
        while not (found := re.search(r"http://127\.0\.0\.1:\d+/\S+", said.read_text())):
            assert server.poll() is None and time.monotonic() < deadline, logged.read_text()
            time.sleep(0.2)
        link = found.group(0)
        token = parse_qs(urlparse(link).query)["token"][0]
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(link, timeout=60) as answer:  # it answers the moment it is shown
            assert answer.status == 200
        everyone = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        assert "voila" in everyone and token not in everyone

        page.goto(link)
        # Every exercise drawn: the page has run to its end before the visitor leaves it.
        last = exercises_in(folder / "lesson.ipynb") - 1
        page.locator(f".p2p-exercise >> nth={last}").wait_for(timeout=120_000)
        missing = page.goto(f"http://127.0.0.1:{port}/voila/files/nothing.txt?token={token}")
        assert missing.status >= 400  # a failed request is logged: without its token
        page.goto("about:blank")
    finally:
        server.terminate()
        server.wait(timeout=60)
    log = logged.read_text()
    assert token not in log and said.read_text().count(token) == 1  # the link, once
    assert "nothing.txt?token=[secret]" in log
    for noise in NOISE:
        assert noise not in log, noise
