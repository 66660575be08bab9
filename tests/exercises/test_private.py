"""Private stories live outside the assignment, readable by their author alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer2peer.exercises.private import PRIVATE_DIR_VARIABLE, PrivateStore, private_root


def test_private_root_is_in_the_users_own_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PRIVATE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "/home/trainee/.local/share")
    assert private_root() == Path("/home/trainee/.local/share/peer2peer/private")


def test_save_load_delete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PRIVATE_DIR_VARIABLE, str(tmp_path / "private"))
    store = PrivateStore("02-story", "lesson")
    store.save("s", {"sections": {"now": "Today"}})
    assert store.load("s") == {"sections": {"now": "Today"}}
    assert (tmp_path / "private").stat().st_mode & 0o077 == 0
    store.delete("s")
    assert store.load("s") is None
