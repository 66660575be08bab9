"""The export: a row per trainee and module, safe in a spreadsheet, written whole or not at all."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from running_a_course import cohort_with_roster

from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import CohortError, load_settings
from peer2peer.progress.export import COLUMNS, export_csv, spreadsheet_safe


def test_a_cell_a_spreadsheet_would_run_is_kept_as_text() -> None:
    for risky in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(risky) == "'" + risky
    assert spreadsheet_safe("Ada") == "Ada"
    assert spreadsheet_safe(None) == ""
    assert spreadsheet_safe(2.5) == "2.5"


def test_every_trainee_and_module_in_the_dashboards_words(course: Path, tmp_path: Path) -> None:
    target = export_csv(course, load_settings(course), tmp_path / "progress.csv")
    rows = {(r["trainee_id"], r["module"]): r for r in csv.DictReader(target.open())}
    assert list(next(iter(rows.values()))) == COLUMNS
    assert len(rows) == 3 * 2
    assert rows[("t01", "01-alpha")]["status"] in ("marked", "feedback sent")
    assert rows[("t01", "01-alpha")]["completion"] == "complete"
    assert rows[("t02", "01-alpha")]["needs_marking"] == "False"
    assert rows[("t02", "02-beta")] | {"completion": ""} == {
        "trainee_id": "t02", "name": "Ben Example", "module": "02-beta",
        "status": "not submitted", "submitted_at": "", "late": "", "score": "",
        "max_score": "", "needs_marking": "", "completion": "",
    }  # fmt: skip
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_name_that_looks_like_a_formula_is_exported_as_text(tmp_path: Path) -> None:
    cohort = cohort_with_roster(tmp_path)
    settings = load_settings(cohort)
    add_trainees(settings, [Trainee("t04", "=HYPERLINK(1)", "@Example", None)])
    target = export_csv(cohort, settings, tmp_path / "progress.csv")
    names = {r["trainee_id"]: r["name"] for r in csv.DictReader(target.open())}
    assert names["t04"] == "'=HYPERLINK(1) @Example"


def test_an_export_that_fails_leaves_the_earlier_one_whole(tmp_path: Path) -> None:
    cohort = cohort_with_roster(tmp_path)
    settings = load_settings(cohort)
    target = export_csv(cohort, settings)
    before = target.read_bytes()
    (cohort / "attendance.json").write_text("{ half a register")
    with pytest.raises(CohortError, match="attendance.json cannot be read"):
        export_csv(cohort, settings, target)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no half-written file
