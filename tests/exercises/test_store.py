"""The response file: atomic, private to the trainee, exact for any text."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from peer2peer.exercises.store import ResponseStore, response_path


def test_saves_and_loads_exactly_with_mode_0600(tmp_path: Path) -> None:
    store = ResponseStore(response_path(tmp_path, "lesson"))
    answers = {
        "long": "word " * 20_000,
        "emoji": "hope 🌱 and mutuality 🤝",
        "rtl": "الأمل",
        "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    }
    store.save(answers)
    assert store.load() == answers
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert json.loads(store.path.read_text())["format"] == 1


def test_nothing_saved_means_no_answers(tmp_path: Path) -> None:
    assert ResponseStore(tmp_path / "none.responses.json").load() == {}


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "a.responses.json")
    for number in range(5):
        store.save({"q": number})
    assert [p.name for p in tmp_path.iterdir()] == ["a.responses.json"]
