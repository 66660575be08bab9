"""The response file: atomic, private to the trainee, exact for any text."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from peer2peer.shared.answers import (
    MAX_BYTES,
    AnswersUnreadable,
    ResponseStore,
    StaleAnswer,
    read_answers,
    read_versions,
    response_path,
    write_answers,
)


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


def test_handed_in_answers_are_read_as_data_with_limits(tmp_path: Path) -> None:
    path = response_path(tmp_path, "assessment")
    write_answers(path, {"q1": ["a", "c"], "story": {"audience": "trainer", "text": "hope"}})
    assert read_answers(path)["story"]["text"] == "hope"

    path.write_text('{"answers": ' + "[" * 5000 + "]" * 5000 + "}")
    with pytest.raises(AnswersUnreadable, match="nested|damaged"):
        read_answers(path)
    path.write_text("not json at all")
    with pytest.raises(AnswersUnreadable, match="damaged"):
        read_answers(path)
    path.write_text('{"answers": ["a list, not answers by exercise"]}')
    with pytest.raises(AnswersUnreadable, match="no answers"):
        read_answers(path)
    path.write_text('{"answers": {"q": "' + "x" * MAX_BYTES + '"}}')
    with pytest.raises(AnswersUnreadable, match="larger"):
        read_answers(path)


def test_a_linked_answers_file_is_never_followed(tmp_path: Path) -> None:
    other = response_path(tmp_path / "other", "assessment")
    write_answers(other, {"r": "someone else's words"})
    mine = response_path(tmp_path, "assessment")
    mine.symlink_to(other)
    with pytest.raises(AnswersUnreadable, match="link"):
        read_answers(mine)


def test_a_save_writes_one_exercise_and_keeps_what_another_tab_saved(tmp_path: Path) -> None:
    path = response_path(tmp_path, "lesson")
    first, second = ResponseStore(path), ResponseStore(path)
    first.load(), second.load()
    assert first.update("q1", "from the first tab", accept={0})[0] == 1
    assert second.update("q2", "from the second tab", accept={0})[0] == 1
    assert read_answers(path) == {"q1": "from the first tab", "q2": "from the second tab"}
    assert read_versions(path) == {"q1": 1, "q2": 1}


def test_a_save_based_on_older_words_is_refused_and_says_what_is_saved(tmp_path: Path) -> None:
    path = response_path(tmp_path, "lesson")
    first, second = ResponseStore(path), ResponseStore(path)
    first.update("q1", "newer words", accept={0})
    with pytest.raises(StaleAnswer) as refused:
        second.update("q1", "older words", accept={0})
    assert refused.value.saved == "newer words" and refused.value.version == 1
    assert read_answers(path) == {"q1": "newer words"}  # nothing overwritten
    second.update("q1", "older words, kept on purpose", accept={refused.value.version})
    assert read_answers(path)["q1"] == "older words, kept on purpose"


def test_saves_from_many_processes_at_once_all_land(tmp_path: Path) -> None:
    import multiprocessing

    path = response_path(tmp_path, "lesson")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_save_one, args=(path, f"q{n}")) for n in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert read_answers(path) == {f"q{n}": f"answer to q{n}" for n in range(8)}


def _save_one(path: Path, exercise_id: str) -> None:
    for _ in range(5):
        ResponseStore(path).update(exercise_id, f"answer to {exercise_id}")
