"""`forget` erases a trainee everywhere, deletes nothing through a bad id, and survives a crash."""

from __future__ import annotations

import csv
import json
import os
import threading
from pathlib import Path

import pytest
from handing_in import GOOD_ANSWERS, MODULE, collected_cohort, hand_in
from nbgrader.utils import notebook_hash

import peer2peer.cohort.erase as erase
from peer2peer.cli import main
from peer2peer.cohort.course import gradebook
from peer2peer.cohort.erase import JOURNAL, forget
from peer2peer.cohort.exchange import collect, feedback, release
from peer2peer.cohort.grading import LEDGER, grade, load_ledger
from peer2peer.cohort.hand_in_secret import SECRET
from peer2peer.cohort.marking import load_rubric, save_mark, to_mark
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import CohortError, load_settings
from peer2peer.progress.export import export_csv
from peer2peer.shared.mailbox import letterbox, post_request, post_status

LEAVER = Trainee("zq-leaver-07", "Zephyrine", "Quillfeather", "zephyrine@example.org")
STAYER = Trainee("mb-stayer-08", "Marlow", "Brackenridge", None)
#: Words only the leaver wrote, in their first and in their second submission.
FIRST_WORDS = "Zephyrine first wrote about the quiet allotment mornings."
SECOND_WORDS = "Zephyrine later wrote about the loud harbour evenings."


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by path, with its bytes."""
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def every_byte(folder: Path) -> bytes:
    return b"".join(files_under(folder).values())


def exchange(cohort: Path) -> Path:
    settings = load_settings(cohort)
    return Path(settings.exchange) / settings.course_id


# --- defect 2: an id that is not a trainee's deletes nothing ------------------------------


def test_forget_deletes_nothing_through_an_id_that_is_not_a_trainees(
    cohort_path: Path, capsys: pytest.CaptureFixture
) -> None:
    collected_cohort(cohort_path)
    other = cohort_path.parent.parent / "other"  # a folder beside the cohort's folder
    (other / "keep").mkdir(parents=True)
    (other / "keep" / "notes.txt").write_text("not the cohort's")
    before = files_under(cohort_path.parent.parent)
    for given in ("", ".", "..", "../../other", "*", "t0*", "a/b", str(other), "t99", "T01"):
        assert main(["forget", str(cohort_path), given, "--yes"]) == 1, given
        said = capsys.readouterr()
        assert "Nothing was changed" in said.err and "Traceback" not in said.err, said.err
        assert files_under(cohort_path.parent.parent) == before, f"{given!r} deleted something"


def test_a_library_caller_is_protected_too(cohort_path: Path) -> None:
    collected_cohort(cohort_path)
    before = files_under(cohort_path)
    for given in ("", "..", "*", "../../other"):
        with pytest.raises(CohortError, match="not a trainee id"):
            forget(cohort_path, load_settings(cohort_path), given)
    assert files_under(cohort_path) == before


# --- defect 4: every copy goes ------------------------------------------------------------


@pytest.fixture
def two_rounds(cohort_path: Path) -> Path:
    """The leaver hands in twice, each time graded, marked and given feedback; then an export."""
    settings = load_settings(cohort_path)
    add_trainees(settings, [LEAVER, STAYER])
    release(cohort_path, settings, [MODULE])
    rubric = load_rubric(cohort_path, MODULE)
    for words in (FIRST_WORDS, SECOND_WORDS):
        hand_in(cohort_path, LEAVER.id, {**GOOD_ANSWERS, "alpha-reflect": words})
        if words == FIRST_WORDS:
            hand_in(cohort_path, STAYER.id, GOOD_ANSWERS)
        collect(cohort_path, settings, [MODULE])
        grade(cohort_path, settings, [MODULE], jobs=2)
        for item in to_mark(cohort_path, settings, MODULE):
            save_mark(cohort_path, settings, item, {c.id: "meets" for c in rubric.criteria}, "")
        feedback(cohort_path, settings, [MODULE])
    export_csv(cohort_path, settings)
    return cohort_path


def test_forget_erases_every_copy_of_the_trainee(two_rounds: Path) -> None:
    cohort, settings = two_rounds, load_settings(two_rounds)
    pages = sorted((exchange(cohort) / "feedback").glob("*.html"))
    assert len(pages) == 3  # the assessment page: the leaver's per submission, the stayer's
    assert len(list((exchange(cohort) / "inbound").glob(f"{LEAVER.id}+*"))) == 2
    box = letterbox(exchange(cohort).parent, settings.course_id, LEAVER.id)
    post_status(box, {"name": LEAVER.last_name})
    post_request(box, "withdraw-story", {"text": FIRST_WORDS})
    everything = every_byte(cohort)
    for word in (LEAVER.id, LEAVER.last_name, FIRST_WORDS, SECOND_WORDS):
        assert word.encode() in everything

    erased = forget(cohort, settings, LEAVER.id)

    left = every_byte(cohort)  # the exchange, the exports and the gradebook are all in here
    for word in (LEAVER.id, LEAVER.first_name, LEAVER.last_name, LEAVER.email):
        assert word.encode() not in left, f"{word} is still in the cohort"
    for words in (FIRST_WORDS, SECOND_WORDS):
        assert words.encode() not in left, "a reflection of theirs is still in the cohort"
    assert erased.exchange_files == 5  # two feedback pages, two handed-in copies, the letterbox
    assert not box.exists()
    parts = ("autograded", "feedback", "submitted")
    assert sorted(erased.folders) == [f"{part}/{LEAVER.id}" for part in parts]
    assert erased.ledger_entries == 1 and erased.rubric_marks == 4 and erased.gradebook_rows
    [export] = sorted((cohort / "exports").glob("*.csv"))
    assert erased.exports == [f"exports/{export.name}: their rows removed (2)"]
    rows = list(csv.DictReader(export.open(encoding="utf-8")))
    assert {row["trainee_id"] for row in rows} == {STAYER.id} and len(rows) == 2
    # The stayer keeps everything.
    assert len(list((exchange(cohort) / "feedback").glob("*.html"))) == 1
    assert [p.name.split("+")[0] for p in (exchange(cohort) / "inbound").iterdir()] == [STAYER.id]
    assert list(load_ledger(cohort)[MODULE]) == [STAYER.id]
    assert [i.trainee for i in to_mark(cohort, settings, MODULE)] == [STAYER.id]
    with gradebook(settings) as book:
        assert [s.id for s in book.students] == [STAYER.id]
    assert not (cohort / JOURNAL).exists()
    with pytest.raises(CohortError, match="no trainee"):
        forget(cohort, settings, LEAVER.id)


def test_a_pipe_planted_as_a_hand_ins_secret_is_not_waited_on(cohort_path: Path) -> None:
    collected_cohort(cohort_path)
    [handed_in] = (exchange(cohort_path) / "inbound").glob("t01+*")
    (handed_in / SECRET).unlink()
    os.mkfifo(handed_in / SECRET)  # reading it would wait for a writer, for ever
    settings = load_settings(cohort_path)
    finished = []
    run = threading.Thread(target=lambda: finished.append(forget(cohort_path, settings, "t01")))
    run.daemon = True
    run.start()
    run.join(timeout=60)
    assert finished, "forget waited on the pipe"
    assert not list((exchange(cohort_path) / "inbound").glob("t01+*"))


def test_an_export_that_cannot_be_read_as_one_is_removed(cohort_path: Path) -> None:
    collected_cohort(cohort_path)
    exports = cohort_path / "exports"
    exports.mkdir()
    (exports / "by-hand.csv").write_text("who;what\nt01;a note\n")
    (exports / "unrelated.csv").write_text("who;what\nt011;a note\n")
    erased = forget(cohort_path, load_settings(cohort_path), "t01")
    assert erased.exports == [
        "exports/by-hand.csv: removed (it could not be read as an export, and it named them)"
    ]
    assert sorted(p.name for p in exports.iterdir()) == ["unrelated.csv"]


def test_a_damaged_ledger_does_not_stop_the_erasure(
    cohort_path: Path, capsys: pytest.CaptureFixture
) -> None:
    collected_cohort(cohort_path)
    (cohort_path / LEDGER).write_text('{"01-alpha": {"t01": {"graded": tr')
    assert main(["forget", str(cohort_path), "t01", "--yes"]) == 0
    said = capsys.readouterr().out
    assert "grading.json was damaged" in said and "grades every submission again" in said
    assert not (cohort_path / LEDGER).exists() and not (cohort_path / "submitted" / "t01").exists()
    with gradebook(load_settings(cohort_path)) as book:
        assert [s.id for s in book.students] == ["t02", "t03"]


# --- a crash part-way is finished by the next run --------------------------------------


def test_a_run_stopped_after_any_step_is_finished_by_the_next(
    cohort_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    collected_cohort(cohort_path)
    settings = load_settings(cohort_path)
    # A feedback page as nbgrader names it: only the secret handed in with t01's module finds it.
    secret = (cohort_path / "submitted" / "t01" / MODULE / "submission_secret.txt").read_text()
    checksum = notebook_hash(secret=secret, notebook_id="assessment")
    page = exchange(cohort_path) / "feedback" / f"{checksum}.html"
    page.parent.mkdir()
    page.write_text("t01's feedback")
    steps = list(erase.STEPS)

    class Crash(Exception):
        pass

    def crash(erasure) -> None:
        raise Crash

    for done in range(1, len(steps)):
        monkeypatch.setattr(erase, "STEPS", [*steps[:done], crash, *steps[done:]])
        with pytest.raises(Crash):
            forget(cohort_path, settings, "t01")
        assert json.loads((cohort_path / JOURNAL).read_text())["trainee"] == "t01"
        # Until it is finished, nothing else happens to the cohort.
        with pytest.raises(CohortError, match="erasure of 't01' was stopped part-way"):
            forget(cohort_path, settings, "t02")
        assert main(["export", str(cohort_path)]) == 1
        assert "forget" in capsys.readouterr().err
    assert not page.exists()
    monkeypatch.setattr(erase, "STEPS", steps)
    assert forget(cohort_path, settings, "t01").finished_earlier_run
    assert not (cohort_path / JOURNAL).exists()
    assert b"t01" not in every_byte(cohort_path / "submitted") + every_byte(exchange(cohort_path))
    with gradebook(settings) as book:
        assert [s.id for s in book.students] == ["t02", "t03"]
    assert main(["forget", str(cohort_path), "t02", "--yes"]) == 0  # the cohort works again
