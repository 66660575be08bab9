"""The demo cohort holds trainees at every stage, as the README promises."""

from __future__ import annotations

import pytest
from support import copy_project

from peer2peer.cohort.adjustments import load_adjustments
from peer2peer.cohort.attendance import load_register
from peer2peer.cohort.certificates import verify_certificate
from peer2peer.cohort.demo import Demo, run_demo
from peer2peer.cohort.marking_record import read_record, waiting_for_verifier
from peer2peer.progress.completion import cohort_completion
from peer2peer.progress.export import progress_rows
from peer2peer.progress.snapshot import CohortData


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("demo")
    return run_demo(copy_project(folder / "project"), folder / "demo")


def test_demo_has_every_stage(demo: Demo) -> None:
    first, second = demo.settings.modules
    status = {(r["trainee_id"], r["module"]): r for r in progress_rows(demo.cohort, demo.settings)}
    assert len({trainee for trainee, _ in status}) == 20
    assert status[("demo-01", first)]["status"] == "feedback sent"
    assert status[("demo-01", second)]["status"] == "marked"  # 02-beta has no reflection to mark
    assert status[("demo-07", first)]["status"] == "could not be graded"
    assert status[("demo-08", first)]["late"] is True
    assert status[("demo-09", first)]["status"] == "not submitted"  # part-way
    assert (demo.homes / "demo-09" / first / "lesson.responses.json").exists()
    assert not (demo.homes / "demo-11").exists()  # not started
    assert [o.trainee for o in demo.grading.failed] == ["demo-07"]
    assert (demo.cohort / "feedback" / "demo-01" / first).is_dir()
    assert status[("demo-15", first)]["status"] == "needs marking"  # handed in after marking
    assert not (demo.cohort / "feedback" / "demo-15" / first).exists()


def test_demo_runs_a_course_with_records_a_verifier_can_trust(demo: Demo) -> None:
    first = demo.settings.modules[0]
    found = {row.trainee: row for row in cohort_completion(CohortData.read(demo.cohort))}
    assert found["demo-01"].status == "complete"
    assert "missed 01-alpha, which everyone must attend (a catch-up would count)" in (
        found["demo-06"].reasons
    )
    # excused, then caught up: the catch-up counts
    assert not any("everyone must attend" in r for r in found["demo-05"].reasons)
    assert sum(row.status == "complete" for row in found.values()) == 1
    register = load_register(demo.cohort)
    assert len(register[first]) == 20 and register[first]["demo-04"].status == "late"
    assert load_adjustments(demo.cohort)["demo-10"][0].days == 5
    assert verify_certificate(demo.cohort, demo.certificate.code).valid
    entries = read_record(demo.cohort)
    assert {e.by for e in entries if e.kind == "rubric"} == {"alex"}
    decided = [e for e in entries if e.kind == "verification"]
    assert [(e.decision, e.by) for e in decided] == [("agreed", "jo"), ("sent back", "jo")]
    assert waiting_for_verifier(entries)  # the rest of the sample is waiting on the dashboard
