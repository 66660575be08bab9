"""The marking record: every mark and change kept with who and when; a verifier's sample."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from peer2peer.cohort.marking_record import (
    AGREED,
    ERASED,
    OBSERVED,
    RECORD_FILE,
    RUBRIC,
    SENT_BACK,
    forget_record,
    read_record,
    record_mark,
    sent_back,
    verify_mark,
    waiting_for_verifier,
)
from peer2peer.cohort.settings import CohortError, CohortSettings, SamplingPlan


def settings(tmp_path: Path, verifiers=("vera",), first=2, share=50) -> CohortSettings:
    return CohortSettings(
        name="Record",
        course_id="record",
        start=date(2027, 3, 1),
        curriculum=str(tmp_path),
        modules=["01-alpha"],
        db_url="sqlite://",
        exchange=str(tmp_path / "exchange"),
        assessors=["alex", "sam"],
        verifiers=list(verifiers),
        sampling=SamplingPlan(first_marks=first, share_percent=share),
    )


def mark(tmp_path, chosen="meets", trainee="t01", by="alex", item="assessment/q", **kw):
    return record_mark(
        tmp_path, kw.pop("s", None) or settings(tmp_path), RUBRIC, trainee, "01-alpha", item,
        {"depth": chosen}, 1.0, by=by, **kw,
    )  # fmt: skip


def test_each_mark_and_change_is_kept_with_who_and_when(tmp_path: Path) -> None:
    first = mark(tmp_path, "not-yet")
    second = mark(tmp_path, "meets")  # the same item, marked again
    entries = read_record(tmp_path)
    assert [(e.n, e.by, e.chosen) for e in entries] == [
        (1, "alex", {"depth": "not-yet"}),
        (2, "alex", {"depth": "meets"}),
    ]
    assert first.at and second.at >= first.at and entries[0].score == 1.0
    assert stat.S_IMODE(os.stat(tmp_path / RECORD_FILE).st_mode) == 0o600


def test_the_person_comes_from_the_signed_in_user(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "sam")
    monkeypatch.delenv("PEER2PEER_USER", raising=False)
    assert mark(tmp_path, by=None).by == "sam"


def test_a_new_assessor_is_sampled_in_full_then_a_share(tmp_path: Path) -> None:
    picked = [mark(tmp_path, trainee=f"t{i:02}").sampled for i in range(8)]
    # the first 2 marks, then 50% of the rest: every second one
    assert picked == [True, True, False, True, False, True, False, True]
    other = mark(tmp_path, trainee="t01", by="sam")  # another assessor is new too
    assert other.sampled and "new assessor" in other.why


def test_no_verifiers_means_no_second_look(tmp_path: Path) -> None:
    quiet = settings(tmp_path, verifiers=())
    assert not any(mark(tmp_path, trainee=f"t{i}", s=quiet).sampled for i in range(3))


def test_a_verifier_agrees_or_sends_back_with_a_note(tmp_path: Path) -> None:
    s = settings(tmp_path)
    one, two = mark(tmp_path, trainee="t01"), mark(tmp_path, trainee="t02")
    assert [e.n for e in waiting_for_verifier(read_record(tmp_path))] == [one.n, two.n]
    assert verify_mark(tmp_path, s, one.n, "agree", by="vera").decision == AGREED
    with pytest.raises(CohortError, match="say why"):
        verify_mark(tmp_path, s, two.n, "send-back", by="vera")
    verify_mark(tmp_path, s, two.n, "send-back", "Depth is Not yet: it only describes.", by="vera")
    entries = read_record(tmp_path)
    assert waiting_for_verifier(entries) == []
    ((back, decision),) = sent_back(entries)
    assert back.n == two.n and decision.decision == SENT_BACK and "only describes" in decision.note
    # the assessor changes the mark: it is sampled again, and no longer "sent back"
    again = mark(tmp_path, "not-yet", trainee="t02")
    assert again.sampled and "sent back" in again.why
    assert sent_back(read_record(tmp_path)) == []
    assert [e.n for e in waiting_for_verifier(read_record(tmp_path))] == [again.n]


def test_a_verifier_never_verifies_their_own_marking(tmp_path: Path) -> None:
    s = settings(tmp_path, verifiers=("vera", "alex"))
    own = mark(tmp_path, by="alex")
    with pytest.raises(CohortError, match="your own"):
        verify_mark(tmp_path, s, own.n, "agree", by="alex")
    assert verify_mark(tmp_path, s, own.n, "agree", by="vera").by == "vera"


def test_only_a_named_verifier_verifies_and_only_the_standing_mark(tmp_path: Path) -> None:
    s = settings(tmp_path)
    old = mark(tmp_path, "not-yet")
    new = mark(tmp_path, "meets")
    with pytest.raises(CohortError, match="not an internal verifier"):
        verify_mark(tmp_path, s, new.n, "agree", by="sam")
    with pytest.raises(CohortError, match=f"newer mark, number {new.n}"):
        verify_mark(tmp_path, s, old.n, "agree", by="vera")
    with pytest.raises(CohortError, match="no mark number 99"):
        verify_mark(tmp_path, s, 99, "agree", by="vera")


def test_observed_practice_goes_in_the_same_record(tmp_path: Path) -> None:
    s = settings(tmp_path)
    record_mark(tmp_path, s, OBSERVED, "t01", "01-alpha", "alpha-1", {"result": "met"}, by="sam")
    (entry,) = read_record(tmp_path)
    assert (entry.kind, entry.item, entry.chosen) == (OBSERVED, "alpha-1", {"result": "met"})


def test_forgetting_a_trainee_takes_their_lines_and_numbers_keep_growing(tmp_path: Path) -> None:
    s = settings(tmp_path)
    kept = mark(tmp_path, trainee="t01")
    gone = mark(tmp_path, trainee="t02")
    verify_mark(tmp_path, s, gone.n, "agree", by="vera")
    assert forget_record(tmp_path, "t02") == 2
    assert forget_record(tmp_path, "t02") == 0  # again: nothing more
    assert [(e.n, e.kind, e.trainee) for e in read_record(tmp_path)] == [
        (kept.n, RUBRIC, "t01"), (2, ERASED, ""), (3, ERASED, ""),
    ]  # fmt: skip
    assert "t02" not in (tmp_path / RECORD_FILE).read_text()
    assert mark(tmp_path, trainee="t03").n == 4  # never gives a number twice
