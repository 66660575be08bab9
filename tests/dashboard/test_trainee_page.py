"""The trainee page: a real graded cohort, a shared story and a private one, all escaped."""

from __future__ import annotations

import json
from pathlib import Path

from peer2peer.cohort.marking import save_mark, to_mark
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.cohort_data import CohortData
from peer2peer.dashboard.trainee_page import journey
from peer2peer.journey import marked_reflections

EVIL = "<img src=x onerror=alert(1)>"


def share(cohort: Path, trainee: str, record: dict) -> None:
    path = cohort / "submitted" / trainee / "01-alpha" / "lesson.responses.json"
    path.write_text(json.dumps({"format": 1, "answers": {"my-story": record}}))


def test_the_journey_shows_marks_and_shared_stories_and_never_private_ones(graded: Path) -> None:
    settings = load_settings(graded)
    item = next(i for i in to_mark(graded, settings, "01-alpha") if i.trainee == "t01")
    criteria = ("links-to-concepts", "reflective-depth", "purposeful-sharing", "application")
    levels = dict.fromkeys(criteria, "meets")
    save_mark(graded, settings, item, levels, f"Well argued. {EVIL}")
    consent = {"audience": "trainer", "given_at": "now"}
    share(graded, "t01", {"sections": {"before": f"My words {EVIL}"}, "audience": "trainer",
                          "naming": "anonymous", "consent": consent})  # fmt: skip
    share(graded, "t02", {"private": True, "audience": "only-me", "sections": {"before": "SECRET"}})

    data = CohortData.read(graded)
    (reflection,) = marked_reflections(
        graded, settings, "t01", data.item_map, data.levels, data.rubrics
    )
    assert reflection.answer.startswith("I would listen first")
    assert reflection.comment == f"Well argued. {EVIL}"  # the trainer's words, not the level lines
    assert set(reflection.levels.values()) == {"Meets"}

    page = journey(data, "t01")
    assert EVIL not in page and "My words &lt;img src=x onerror=alert(1)&gt;" in page
    assert "Well argued." in page and "Meets" in page and "feedback sent" not in page
    other = journey(data, "t02")
    assert "SECRET" not in other and "No stories shared with the trainer" in other
    assert "&lt;b&gt;Short&lt;/b&gt; answer." in other and "Not marked yet." in other
