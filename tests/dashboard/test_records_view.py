"""The cohort page's course-records view: the words of `completion`, escaped, and the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from running_a_course import cohort_with_roster

from peer2peer.cohort.attendance import record_attendance
from peer2peer.cohort.marking_record import RUBRIC, record_mark
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings, save_settings
from peer2peer.dashboard.records_view import records_html
from peer2peer.progress.snapshot import CohortData


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cohort = cohort_with_roster(tmp_path_factory.mktemp("records-view"))
    settings = load_settings(cohort)
    settings.verifiers = ["vera"]
    save_settings(cohort, settings)
    add_trainees(settings, [Trainee("t04", "<script>x()</script>", "Example", None)])
    record_attendance(cohort, settings, "01-alpha", "t01", "absent", "Note with <b>tags</b>.")
    record_mark(cohort, settings, RUBRIC, "t01", "01-alpha", "assessment/q", {"d": "meets"},
                by="alex")  # fmt: skip
    return cohort


def test_the_view_uses_the_words_of_completion_and_escapes_everything(cohort: Path) -> None:
    page = records_html(CohortData.read(cohort))
    assert "0 of 4</strong> trainees have completed" in page
    assert "not yet" in page and "has not handed in 2 modules: 01-alpha, 02-beta" in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page and "<script>x()" not in page
    assert "Note with &lt;b&gt;tags&lt;/b&gt;." in page
    assert "Waiting for a second look (1)" in page and "#1: Ada Example (t01)" in page
    assert "download=" in page and "completion.csv" in page
