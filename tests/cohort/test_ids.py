"""Ids are checked before anything is read or deleted through them: shape first, then the cohort."""

from __future__ import annotations

from pathlib import Path

import pytest
from handing_in import MODULE, collected_cohort, hand_in

from peer2peer.cli import main
from peer2peer.cohort.exchange import collect
from peer2peer.cohort.ids import (
    course_exchange,
    inbound_copies,
    inside,
    known_module,
    known_modules,
    known_trainee,
    module_id_shape,
    trainee_id_shape,
)
from peer2peer.cohort.settings import CohortError, load_settings

#: What a clumsy or hostile caller might give as an id: each would name another folder.
NOT_IDS = ["", ".", "..", "../../other", "*", "t0*", "a/b", "/etc", "t01/../t02", "t01\n", " t01"]


@pytest.mark.parametrize("given", NOT_IDS)
def test_a_trainee_id_of_the_wrong_shape_is_refused(given: str) -> None:
    with pytest.raises(CohortError, match="is not a trainee id.*Nothing was changed"):
        trainee_id_shape(given)


@pytest.mark.parametrize("given", [*NOT_IDS, "01-alpha/..", "01-ALPHA", "alpha"])
def test_a_module_id_of_the_wrong_shape_is_refused(given: str) -> None:
    with pytest.raises(CohortError, match="is not a module id.*Nothing was changed"):
        module_id_shape(given)


def test_only_this_cohorts_modules_are_known(cohort_settings) -> None:
    assert known_module(cohort_settings, "01-alpha") == "01-alpha"
    with pytest.raises(CohortError, match="no module '09-other' in this cohort.*01-alpha, 02-beta"):
        known_module(cohort_settings, "09-other")
    with pytest.raises(CohortError, match="not a module id"):
        known_modules(cohort_settings, ["01-alpha", "../01-alpha"])


def test_a_trainee_is_known_by_the_roster_or_by_their_data(cohort_path: Path) -> None:
    collected_cohort(cohort_path, ("t01",))
    settings = load_settings(cohort_path)
    hand_in(cohort_path, "t09", {})  # not on the roster, but handed in: their data is here
    collect(cohort_path, settings, [MODULE])
    assert known_trainee(cohort_path, settings, "t03") == "t03"  # on the roster only
    assert known_trainee(cohort_path, settings, "t01") == "t01"
    assert known_trainee(cohort_path, settings, "t09") == "t09"
    for unknown in ("t99", "T01", "t0"):
        with pytest.raises(CohortError, match=f"no trainee '{unknown}' in this cohort"):
            known_trainee(cohort_path, settings, unknown)


def test_a_path_that_leads_out_of_its_folder_is_refused(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "submitted", tmp_path / "elsewhere"
    (folder / "t01").mkdir(parents=True)
    elsewhere.mkdir()
    (folder / "out").symlink_to(elsewhere)
    assert inside(folder, folder / "t01") == folder / "t01"
    assert inside(folder, folder / "out") == folder / "out"  # the link itself lies inside
    for outside in (folder / "..", folder / ".." / "elsewhere", folder / "out" / "x", folder):
        with pytest.raises(CohortError, match="is not inside"):
            inside(folder, outside)


def test_every_verb_refuses_a_module_id_that_is_not_the_cohorts(
    cohort_path: Path, capsys: pytest.CaptureFixture
) -> None:
    for verb in ("release", "collect", "grade", "feedback"):
        for given in ("../02-beta", "*", "09-other"):
            assert main([verb, str(cohort_path), given]) == 1, (verb, given)
            said = capsys.readouterr().err
            assert "Nothing was changed" in said and "Traceback" not in said, said
    assert not (cohort_path / "exchange" / "test-cohort-2027" / "outbound").exists()
    assert main(["mark", str(cohort_path), "../01-alpha"]) == 1
    assert "not a module id" in capsys.readouterr().err


def test_a_link_in_inbound_is_not_a_hand_in(cohort_settings, tmp_path: Path) -> None:
    inbound = course_exchange(cohort_settings) / "inbound"
    inbound.mkdir(parents=True, exist_ok=True)
    mine = inbound / "t01+01-alpha+2027-03-01 10:00:00 UTC"
    mine.mkdir()
    other = tmp_path / "submitted" / "t02" / "01-alpha"  # another trainee's folder
    other.mkdir(parents=True)
    (inbound / "t01+01-alpha+x").symlink_to(other)  # the attack: a hand-in that is a link
    assert inbound_copies(cohort_settings, "t01") == [mine]
