"""The trainee page: a real graded cohort, a shared story and a private one, all escaped."""

from __future__ import annotations

import json
from pathlib import Path

from peer2peer.cohort.marking import save_mark, to_mark
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.trainee_page import journey
from peer2peer.progress.journey import marked_reflections
from peer2peer.progress.snapshot import CohortData

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
    assert "download='marking-test-2027-t01-progress.csv'" in page
    assert "download='marking-test-2027-t01-outcomes.csv'" in page
    other = journey(data, "t02")
    assert "SECRET" not in other and "No stories shared with the trainer" in other
    assert "&lt;b&gt;Short&lt;/b&gt; answer." in other and "Not marked yet." in other


def test_every_view_reads_the_cohort_without_changing_it(graded: Path, monkeypatch) -> None:
    from peer2peer.dashboard.cohort_page import VIEWS, cohort_page
    from peer2peer.dashboard.marking_app import COHORT_VARIABLE
    from peer2peer.dashboard.trainee_page import trainee_page

    def snapshot() -> dict[str, bytes]:
        return {
            str(path.relative_to(graded)): path.read_bytes()
            for path in sorted(graded.rglob("*"))
            # SQLite's shared-memory index changes on reads; a write would show in the db or WAL
            if path.is_file() and not path.name.endswith("-shm") and path.stat().st_size
        }

    before = snapshot()
    monkeypatch.setenv(COHORT_VARIABLE, str(graded))
    monkeypatch.setenv("QUERY_STRING", "trainee=t02")
    page = cohort_page()
    toggle = page.children[1].children[0]
    for view in VIEWS:  # each view is made when first opened
        toggle.value = view
    assert trainee_page().children[2].value == "t02"
    assert snapshot() == before
