"""Observed practice: a checklist per skills module, met or not yet, in the marking record."""

from __future__ import annotations

from pathlib import Path

import pytest
from running_a_course import cohort_with_roster

from peer2peer.cohort.marking_record import OBSERVED, read_record
from peer2peer.cohort.observed import (
    checklist_results,
    default_checklists,
    forget_observed,
    observed_met,
    record_observed,
)
from peer2peer.cohort.settings import CohortError, load_settings, save_settings
from peer2peer.notebooks.item_map import ItemMap, ModuleItems


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cohort = cohort_with_roster(tmp_path_factory.mktemp("observed"))
    settings = load_settings(cohort)
    settings.observed_practice = {"01-alpha": ["alpha-1", "alpha-2"]}
    save_settings(cohort, settings)
    return cohort


def test_skills_modules_start_with_their_outcomes_as_a_checklist() -> None:
    modules = {
        m: ModuleItems(title=m, outcomes={f"{m[:2]}-a": "A", f"{m[:2]}-b": "B"}, items={})
        for m in ("04-relationship", "05-communication", "08-trauma-safety", "09-wellness")
    }
    found = default_checklists(ItemMap(modules=modules), list(modules))
    assert found == {"05-communication": ["05-a", "05-b"], "08-trauma-safety": ["08-a", "08-b"]}


def test_a_new_cohort_writes_its_checklists_in_cohort_yml(cohort: Path) -> None:
    text = (cohort / "cohort.yml").read_text()
    assert "observed_practice:" in text and "# Skills a trainer watches in practice" in text


def test_items_are_recorded_and_each_goes_in_the_marking_record(cohort: Path) -> None:
    settings = load_settings(cohort)
    record_observed(cohort, settings, "01-alpha", "t01", "alpha-1", "met", "Reflected well.", "sam")
    record_observed(cohort, settings, "01-alpha", "t01", "alpha-2", "not-yet", by="sam")
    (result,) = [r for r in checklist_results(cohort, settings) if r.trainee == "t01"]
    assert result.met == ["alpha-1"] and not result.complete
    assert result.items["alpha-1"].note == "Reflected well."
    record_observed(cohort, settings, "01-alpha", "t01", "all", "met", by="sam")
    assert observed_met(cohort, settings)[("t01", "01-alpha")] == {"alpha-1", "alpha-2"}
    lines = [e for e in read_record(cohort) if e.kind == OBSERVED and e.trainee == "t01"]
    assert [(e.item, e.chosen["result"], e.by) for e in lines] == [
        ("alpha-1", "met", "sam"), ("alpha-2", "not yet", "sam"),
        ("alpha-1", "met", "sam"), ("alpha-2", "met", "sam"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("module", "item", "result", "words"),
    [
        ("02-beta", "beta-1", "met", "has no observed-practice checklist"),
        ("01-alpha", "alpha-9", "met", "not on the checklist"),
        ("01-alpha", "alpha-1", "maybe", "not a result"),
    ],
)
def test_a_wrong_result_says_what_to_fix(cohort, module, item, result, words) -> None:
    with pytest.raises(CohortError, match=words):
        record_observed(cohort, load_settings(cohort), module, "t02", item, result)


def test_forgetting_a_trainee_removes_their_results(cohort: Path) -> None:
    settings = load_settings(cohort)
    record_observed(cohort, settings, "01-alpha", "t03", "all", "met")
    assert forget_observed(cohort, "t03") == 2
    assert all(r.trainee != "t03" for r in checklist_results(cohort, settings))
