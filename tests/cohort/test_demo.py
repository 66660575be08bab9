"""The demo cohort holds trainees at every stage, as the README promises."""

from __future__ import annotations

from pathlib import Path

from support import copy_project

from peer2peer.cohort.demo import run_demo
from peer2peer.progress.export import progress_rows


def test_demo_has_every_stage(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    demo = run_demo(project, tmp_path / "demo")
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
