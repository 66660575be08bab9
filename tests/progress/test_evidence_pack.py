"""An evidence pack: outcomes and how each was shown, reflections, observed practice, the
register, the marking record; a shared story only for a reader its consent covers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from running_a_course import PRIVATE_WORDS, STORY_WORDS

from peer2peer.cohort.settings import CohortError
from peer2peer.progress.evidence_pack import write_evidence_pack


def words_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_a_pack_for_the_trainer_holds_the_evidence_and_the_shared_story(course: Path) -> None:
    path = write_evidence_pack(course, "t01", "trainer")
    assert path.parent == course / "evidence" / "t01"
    words = words_of(path)
    for expected in [
        "Evidence pack: Ada Example (t01)",
        "Completion: complete",
        "alpha-1: Know the first",  # an outcome, and how it was shown
        "knowledge checks",
        "reflection",
        "I would listen first, then share only what helps them.",  # the answer as handed in
        "Depth of reflection: Meets",  # the level chosen
        "Thank you.",  # the trainer's comment
        "Attendance",
        "present",
        "Marking record",
        "alex",  # who marked
        STORY_WORDS,  # shared with the trainer, and this pack is for the trainer
    ]:
        assert expected in words, expected


def test_a_pack_for_a_verifier_leaves_out_stories_shared_only_with_the_trainer(course) -> None:
    words = words_of(write_evidence_pack(course, "t01", "verifier"))
    assert STORY_WORDS not in words
    assert "does not cover this reader" in words


def test_a_story_kept_for_only_me_is_never_in_a_pack(course: Path) -> None:
    words = words_of(write_evidence_pack(course, "t02", "trainer"))
    assert PRIVATE_WORDS not in words
    assert "Completion: not yet" in words and "has not handed in 1 module: 02-beta" in words
    assert "absent" in words


def test_an_unknown_reader_or_trainee_is_refused(course: Path) -> None:
    with pytest.raises(CohortError, match="not a reader"):
        write_evidence_pack(course, "t01", "employer")
    with pytest.raises(CohortError, match="no trainee"):
        write_evidence_pack(course, "t99")
