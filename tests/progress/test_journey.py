"""A trainee's journey reads only what they handed in, and only the stories they shared."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress.journey import handed_in_answers, shared_stories

PRIVATE_WORDS = "words kept for only me"


def settings_for(tmp_path: Path) -> CohortSettings:
    return CohortSettings(
        name="Journey",
        course_id="journey",
        start=date(2027, 3, 1),
        curriculum=str(tmp_path),
        modules=["01-alpha", "02-beta"],
        db_url=f"sqlite:///{tmp_path / 'gradebook.db'}",
        exchange=str(tmp_path / "exchange"),
    )


def hand_in(cohort: Path, trainee: str, module: str, notebook: str, answers) -> None:
    folder = cohort / "submitted" / trainee / module
    folder.mkdir(parents=True, exist_ok=True)
    text = answers if isinstance(answers, str) else json.dumps({"format": 1, "answers": answers})
    (folder / f"{notebook}.responses.json").write_text(text)


def story(audience: str, **extra) -> dict:
    return {
        "sections": {"before": "Before words.", "now": "<script>x()</script>", "what-helped": " "},
        "audience": audience,
        "naming": "first",
        "content_notes": ["self-harm"],
        "consent": {"audience": audience, "given_at": "2027-03-02T10:00:00+00:00"},
        **extra,
    }


def test_only_stories_shared_with_the_trainer_are_read(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    hand_in(tmp_path, "t1", "01-alpha", "lesson", {"my-story": story("trainer"), "q": "a"})
    hand_in(tmp_path, "t2", "01-alpha", "lesson", {"my-story": story("cohort")})
    hand_in(tmp_path, "t3", "01-alpha", "lesson", {"my-story": {"private": True,
            "audience": "only-me", "sections": {"before": PRIVATE_WORDS}}})  # fmt: skip
    hand_in(tmp_path, "t4", "01-alpha", "lesson", {"my-story": {"withdrawn": True,
            "withdrawn_at": "2027-03-03T09:00:00+00:00"}})  # fmt: skip
    hand_in(tmp_path, "t5", "01-alpha", "lesson", {"my-story": story("only-me")})  # forged

    (first,) = shared_stories(tmp_path, settings, "t1")
    assert first.audience.startswith("Me and my trainer")
    assert first.naming == "My first name only" and first.content_notes == ["Self-harm"]
    assert first.sections == [
        ("Before", "Before words."),
        ("Where I am now", "<script>x()</script>"),
    ]
    assert shared_stories(tmp_path, settings, "t2")[0].audience.startswith(
        "Me, my trainer and my group"
    )
    assert shared_stories(tmp_path, settings, "t3") == []
    (withdrawn,) = shared_stories(tmp_path, settings, "t4")
    assert withdrawn.withdrawn_at.startswith("2027-03-03") and withdrawn.sections == []
    assert shared_stories(tmp_path, settings, "t5") == []
    assert shared_stories(tmp_path, settings, "t9") == []  # handed in nothing


def test_unreadable_hand_ins_are_skipped_not_fatal(tmp_path: Path) -> None:
    hand_in(tmp_path, "t1", "01-alpha", "lesson", "{broken")
    hand_in(tmp_path, "t1", "01-alpha", "assessment", {"q": "a"})
    hand_in(tmp_path, "t1", "02-beta", "lesson", '{"answers": ["not", "a", "dict"]}')
    assert handed_in_answers(tmp_path, "t1", "01-alpha") == {"assessment": {"q": "a"}}
    assert handed_in_answers(tmp_path, "t1", "02-beta") == {}
    assert shared_stories(tmp_path, settings_for(tmp_path), "t1") == []
