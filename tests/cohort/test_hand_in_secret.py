"""A hand-in's secret is read only from a plain file, and names its feedback pages."""

from __future__ import annotations

import os
from pathlib import Path

from nbgrader.utils import notebook_hash

from peer2peer.cohort.hand_in_secret import SECRET, feedback_pages, secret_of


def test_the_secret_of_a_plain_hand_in_is_read(tmp_path: Path) -> None:
    (tmp_path / SECRET).write_text("c0ffee\n")
    assert secret_of(tmp_path) == "c0ffee"


def test_a_link_a_pipe_or_nothing_gives_no_secret(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / SECRET).write_text("not-theirs")
    linked, piped, linked_folder = tmp_path / "linked", tmp_path / "piped", tmp_path / "folder"
    linked.mkdir()
    (linked / SECRET).symlink_to(elsewhere / SECRET)
    piped.mkdir()
    os.mkfifo(piped / SECRET)  # reading it would wait for a writer
    linked_folder.symlink_to(elsewhere, target_is_directory=True)
    for folder in (linked, piped, linked_folder, tmp_path / "missing"):
        assert secret_of(folder) == "", folder


def test_feedback_pages_are_the_ones_named_by_a_secret_and_notebook(tmp_path: Path) -> None:
    ours = notebook_hash(secret="s1", notebook_id="lesson")
    (tmp_path / f"{ours}.html").write_text("page")
    (tmp_path / f"{notebook_hash(secret='s2', notebook_id='lesson')}.html").write_text("other")
    assert feedback_pages(tmp_path, {"s1", ""}, ["lesson", "quiz"]) == [f"{ours}.html"]
