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


def test_a_damaged_file_is_kept_aside_and_the_trainee_told(tmp_path: Path) -> None:
    path = response_path(tmp_path, "lesson")
    path.write_text('{"format": 1, "answers": {"r": "half a sen')
    store = ResponseStore(path)
    assert store.load() == {}
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_text().endswith("half a sen")
    assert kept[0].name in store.notice and "Nothing was deleted" in store.notice
    store.save({"r": "fresh"})
    assert store.load() == {"r": "fresh"}
