"""A plain (non-editable) install runs every verb from outside the repository.

A hub installs the package into a shared environment, so nothing may rely on the
repository being beside the package: the pages and templates ship as package data.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browsing import free_port

REPOSITORY = Path(__file__).resolve().parents[1]
CURRICULUM_PARTS = ("curriculum", "modules", "assessments")

pytestmark = pytest.mark.slow


def test_a_plain_install_builds_makes_the_demo_and_serves_the_dashboard(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    source = tmp_path / "source"  # a clean copy: no egg-info or build output of the repository
    shutil.copytree(
        REPOSITORY,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", ".cache", "test-*"),
    )
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(source)], check=True, timeout=900
    )
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import peer2peer; print(peer2peer.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in installed and str(REPOSITORY) not in installed

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    peer2peer = str(venv / "bin" / "peer2peer")
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environment["PATH"] = f"{venv / 'bin'}:{environment['PATH']}"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [peer2peer, *args], cwd=outside, env=environment, capture_output=True, text=True
        )

    assert "usage: peer2peer" in run("--help").stdout

    curriculum = tmp_path / "our-curriculum"
    for part in CURRICULUM_PARTS:
        shutil.copytree(REPOSITORY / part, curriculum / part)
    built = run("build", "--root", str(curriculum))
    assert built.returncode == 0, built.stdout + built.stderr
    assert (curriculum / "build" / "course" / "release" / "01-recovery" / "lesson.ipynb").is_file()

    port = free_port()
    demo = subprocess.Popen(
        [peer2peer, "demo", "--root", str(curriculum), "--folder", str(tmp_path / "demo")]
        + ["--serve", "--port", str(port)],
        cwd=outside,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        link = _link_printed_by(demo, seconds=600)
        assert link.startswith(f"http://127.0.0.1:{port}/") and "token=" in link
        page = _get_when_served(link, seconds=120)
        assert page.status == 200
        assert "cohort" in page.read().decode("utf-8", "replace").lower()
        _assert_refused_without_token(link.split("?")[0])
    finally:
        demo.terminate()
        demo.wait(timeout=60)


def _assert_refused_without_token(bare: str) -> None:
    """Without its token, the page is refused or sent to the login page."""
    try:
        response = urllib.request.urlopen(bare, timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code in (401, 403)
    else:
        assert "/login" in response.url


def _link_printed_by(process: subprocess.Popen, seconds: float) -> str:
    """The first link the command prints (fails with its output if it stops first)."""
    deadline = time.monotonic() + seconds
    seen = []
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("the demo stopped before serving:\n" + "".join(seen))
        seen.append(line)
        found = re.search(r"http://127\.0\.0\.1:\d+/\S+", line)
        if found:
            return found.group(0)
    raise AssertionError("no link within the time:\n" + "".join(seen))


def _get_when_served(link: str, seconds: float):
    """GET `link`, retrying while the server is still starting."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(link, timeout=60)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
