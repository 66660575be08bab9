"""The Voila command behind every page: loopback, token, no code, and preheating on request."""

from __future__ import annotations

from pathlib import Path

import nbformat

from peer2peer.dashboard.serve import UNUSED_EXTENSIONS, voila_command, write_pages


def test_pages_listen_on_loopback_with_a_token_and_show_no_code(tmp_path: Path) -> None:
    command = voila_command(write_pages(tmp_path) / "marking.ipynb", 8867, "secret")
    assert "--Voila.ip=127.0.0.1" in command and "--token=secret" in command
    assert "--strip_sources=True" in command and "--show_tracebacks=False" in command
    assert not any("preheat" in part for part in command)
    for name in UNUSED_EXTENSIONS:
        assert f"--VoilaConfiguration.extension_denylist={name}" in command


def test_only_the_named_pages_of_a_folder_are_preheated(tmp_path: Path) -> None:
    pages_folder = write_pages(tmp_path)
    command = voila_command(pages_folder, 8868, "secret", preheat=["cohort.ipynb"])
    assert "--preheat_kernel=True" in command and "--pool_size=1" in command
    denied = {p.split("=", 1)[1] for p in command if "preheat_denylist" in p}
    pages = {p.name for p in pages_folder.glob("*.ipynb")}
    assert denied == pages - {"cohort.ipynb"} and {"marking.ipynb", "trainee.ipynb"} <= denied


def test_pages_are_written_from_the_package_as_one_cell_notebooks(tmp_path: Path) -> None:
    folder = write_pages(tmp_path / "pages")
    assert folder.stat().st_mode & 0o777 == 0o700
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    assert names == [
        "cohort.ipynb",
        "home.ipynb",
        "marking.ipynb",
        "register.ipynb",
        "trainee.ipynb",
    ]
    for name in names:
        cells = nbformat.read(folder / name, as_version=4).cells
        assert [c.cell_type for c in cells] == ["code"]
        assert "from peer2peer.dashboard." in cells[0].source
