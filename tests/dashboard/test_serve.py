"""The Voila server behind every page: loopback, a secret kept out of sight, kernels that end."""

from __future__ import annotations

import re
import socket
import stat
from pathlib import Path

import nbformat
import pytest
from nbformat.sign import NotebookNotary

from peer2peer.cli import main
from peer2peer.dashboard.serve import (
    TEMPLATE,
    UNUSED_EXTENSIONS,
    ServeError,
    port_in_use,
    prepare_private,
    serve_page,
    server_environment,
    voila_command,
    write_pages,
)


def test_pages_listen_on_loopback_and_show_no_code(tmp_path: Path) -> None:
    command = voila_command(write_pages(tmp_path) / "marking.ipynb", 8867, tmp_path / "private")
    assert "--Voila.ip=127.0.0.1" in command
    assert "--strip_sources=True" in command and "--show_tracebacks=False" in command
    assert not any("preheat" in part for part in command)
    for name in UNUSED_EXTENSIONS:
        assert f"--VoilaConfiguration.extension_denylist={name}" in command


def test_the_token_is_not_on_the_command_line_but_in_a_file_of_the_owner_alone(
    tmp_path: Path,
) -> None:
    private = tmp_path / "private"
    notebook = write_pages(tmp_path / "pages") / "cohort.ipynb"
    prepare_private(private, "s3cret-token", notebook)
    command = voila_command(notebook, 8868, private)
    assert "s3cret-token" not in " ".join(command) and "--token" not in " ".join(command)
    assert f"--Voila.config_file_paths={private}" in command
    config = private / "voila.py"
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert "apply(c, token='s3cret-token')" in config.read_text()


def test_a_taken_port_is_an_error_never_a_move_to_the_next_one(tmp_path: Path) -> None:
    command = voila_command(tmp_path, 8868, tmp_path)
    assert "--Voila.port_retries=0" in command
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert port_in_use(port)
        with pytest.raises(ServeError, match=f"Port {port} is already in use.*--port"):
            serve_page(tmp_path, port)
    assert not port_in_use(port)


def test_the_lesson_verb_says_a_port_is_taken_and_exits_1(
    built_minimal: Path, capsys: pytest.CaptureFixture
) -> None:
    notebook = built_minimal / "release" / "01-alpha" / "lesson.ipynb"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["lesson", str(notebook), "--port", str(port)]) == 1
    said = capsys.readouterr()
    assert f"Port {port} is already in use" in said.err
    assert "Open this link" not in said.out  # no link to a server that is not ours


def test_kernels_talk_over_local_sockets_and_idle_ones_are_stopped(tmp_path: Path) -> None:
    private = tmp_path / "private"
    command = voila_command(tmp_path, 8868, private, idle_seconds=45)
    assert "--KernelManager.transport=ipc" in command
    # sockets named after each kernel's own connection file, in the private folder
    assert not any(part.startswith("--KernelManager.ip") for part in command)
    assert f"--Voila.connection_dir_root={private}" in command
    assert "--MappingKernelManager.cull_idle_timeout=45" in command
    assert "--MappingKernelManager.cull_interval=30" in command
    assert "--MappingKernelManager.cull_connected=False" in command  # an open page stays


def test_pages_use_our_template_which_asks_no_other_host(tmp_path: Path) -> None:
    private = tmp_path / "private"
    notebook = write_pages(tmp_path / "pages") / "trainee.ipynb"
    prepare_private(private, "token", notebook)
    command = voila_command(notebook, 8868, private)
    assert f"--template={TEMPLATE}" in command
    assert "--VoilaConfiguration.allow_template_override=NO" in command  # not ?template=lab
    template = private / "jupyter" / "voila" / "templates" / TEMPLATE
    assert server_environment(private)["JUPYTER_PATH"].startswith(str(private / "jupyter"))
    page = (template / "index.html.j2").read_text()
    assert "https://" not in page and "http://" not in page
    assert "_xsrf" in page  # the page's own "stop my kernel" request is accepted


def test_served_notebooks_are_trusted_in_the_servers_own_signature_store(tmp_path: Path) -> None:
    private = tmp_path / "private"
    pages = write_pages(tmp_path / "pages")
    prepare_private(private, "token", pages)
    assert f"--NotebookNotary.data_dir={private}" in voila_command(pages, 8868, private)
    notary = NotebookNotary(data_dir=str(private))
    for path in pages.glob("*.ipynb"):
        assert notary.check_signature(nbformat.read(path, as_version=4)), path.name
    (tmp_path / "another-store").mkdir()
    elsewhere = NotebookNotary(data_dir=str(tmp_path / "another-store"))
    assert not elsewhere.check_signature(nbformat.read(pages / "cohort.ipynb", as_version=4))


def denylist(command: list[str]) -> list[str]:
    """The patterns of notebooks Voila is told not to run ahead."""
    return [p.split("=", 1)[1] for p in command if "preheat_denylist" in p]


def test_only_the_named_pages_of_a_folder_are_preheated(tmp_path: Path) -> None:
    pages_folder = write_pages(tmp_path)
    command = voila_command(pages_folder, 8868, tmp_path, preheat=["cohort.ipynb"])
    assert "--preheat_kernel=True" in command and "--pool_size=1" in command
    denied = set(denylist(command))
    pages = {p.name for p in pages_folder.glob("*.ipynb")}
    assert denied == {f"^(.*/)?{re.escape(page)}$" for page in pages - {"cohort.ipynb"}}


def test_pages_in_folders_below_are_denied_by_their_whole_path(tmp_path: Path) -> None:
    """A trainee's folder: their home, and a lesson and an assessment in each module."""
    pages = ["peer2peer-pages/home.ipynb", "01-a/lesson.ipynb", "01-a/assessment.ipynb",
             "02-b/lesson.ipynb", "02-b/.ipynb_checkpoints/lesson-checkpoint.ipynb"]  # fmt: skip
    for page in pages:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("{}")
    preheat = ["peer2peer-pages/home.ipynb", "01-a/lesson.ipynb"]
    command = voila_command(tmp_path, 8869, tmp_path / "private", preheat=preheat)
    denied = [re.compile(pattern) for pattern in denylist(command)]
    assert len(denied) == 2
    for page in ("01-a/assessment.ipynb", "02-b/lesson.ipynb", f"{tmp_path}/02-b/lesson.ipynb"):
        assert [d for d in denied if d.match(page)], page  # as Voila matches them
    for page in [
        *preheat,
        f"{tmp_path}/01-a/lesson.ipynb",
        "01-a/lesson.ipynb.bak",
        "x01-a/lesson.ipynb",
    ]:
        assert not [d for d in denied if d.match(page) or d.pattern in page], page


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
