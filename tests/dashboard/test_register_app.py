"""The register page's logic without a browser: each choice saved at once, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from running_a_course import cohort_with_roster

from peer2peer.cohort.attendance import load_register
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.register_app import RegisterApp


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cohort_with_roster(tmp_path_factory.mktemp("register"))


def test_each_choice_and_note_is_saved_as_it_is_made(cohort: Path) -> None:
    app = RegisterApp(cohort, load_settings(cohort), "01-alpha")
    ada, ben, _ = app.lines
    assert ada.status.description == "Ada Example (t01)" and ada.note.description == "Note for Ada"
    ada.status.value = "late"
    assert load_register(cohort)["01-alpha"]["t01"].status == "late"
    assert "saved" in ada.saved.value and "1 of 3" in app.summary.value
    ada.note.value = "Bus <b>late</b>."
    assert load_register(cohort)["01-alpha"]["t01"].note == "Bus <b>late</b>."
    ben.note.value = "No mark yet, so nothing saved."
    assert "t02" not in load_register(cohort)["01-alpha"]


def test_everyone_not_yet_recorded_is_made_present_and_others_keep_their_mark(cohort) -> None:
    app = RegisterApp(cohort, load_settings(cohort), "02-beta")
    app.lines[1].status.value = "absent"
    app.everyone.click()
    row = load_register(cohort)["02-beta"]
    assert {t: e.status for t, e in row.items()} == {
        "t01": "present", "t02": "absent", "t03": "present",
    }  # fmt: skip
    assert "3 of 3" in app.summary.value and "The register is complete" in app.summary.value


def test_choosing_another_session_shows_what_it_holds(cohort: Path) -> None:
    app = RegisterApp(cohort, load_settings(cohort), "02-beta")
    app.module.value = "01-alpha"
    assert [line.status.value for line in app.lines][:1] == ["late"]
    assert app.lines[0].note.value == "Bus <b>late</b>."
