"""The Voila command behind every page: loopback, token, no code, and preheating on request."""

from __future__ import annotations

from pathlib import Path

from peer2peer.pages import DASHBOARDS, UNUSED_EXTENSIONS, voila_command


def test_pages_listen_on_loopback_with_a_token_and_show_no_code() -> None:
    command = voila_command(DASHBOARDS / "marking.ipynb", 8867, "secret")
    assert "--Voila.ip=127.0.0.1" in command and "--token=secret" in command
    assert "--strip_sources=True" in command and "--show_tracebacks=False" in command
    assert not any("preheat" in part for part in command)
    for name in UNUSED_EXTENSIONS:
        assert f"--VoilaConfiguration.extension_denylist={name}" in command


def test_only_the_named_pages_of_a_folder_are_preheated() -> None:
    command = voila_command(DASHBOARDS, 8868, "secret", preheat=["cohort.ipynb"])
    assert "--preheat_kernel=True" in command and "--pool_size=1" in command
    denied = {p.split("=", 1)[1] for p in command if "preheat_denylist" in p}
    pages = {p.name for p in Path(DASHBOARDS).glob("*.ipynb")}
    assert denied == pages - {"cohort.ipynb"} and {"marking.ipynb", "trainee.ipynb"} <= denied
