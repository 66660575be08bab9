"""Grading on kernels started ahead of need: the same results as nbgrader, one kernel each."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from handing_in import GOOD_ANSWERS, MODULE, hand_in
from jupyter_core.utils import run_sync
from support import FIXTURES
from test_grading import scores

from peer2peer.cohort import grading, warm_kernels
from peer2peer.cohort.exchange import collect, release
from peer2peer.cohort.grading import grade
from peer2peer.cohort.kernel_forks import supported
from peer2peer.cohort.roster import add_trainees, read_roster
from peer2peer.cohort.settings import load_settings
from peer2peer.cohort.warm_kernels import KernelPool, WarmExecute, WelcomedClient, use_pool


@pytest.fixture
def cohort(cohort_path: Path) -> Path:
    """A cohort with three trainees on its roster and the module released."""
    settings = load_settings(cohort_path)
    add_trainees(settings, read_roster(FIXTURES / "rosters" / "roster-valid.csv")[0])
    release(cohort_path, settings, [MODULE])
    return cohort_path


def _copy(cohort: Path, target: Path) -> Path:
    """A copy of a cohort whose files point at the copy."""
    shutil.copytree(cohort, target, symlinks=True)
    for name in ("nbgrader_config.py", "cohort.yml"):
        path = target / name
        path.write_text(path.read_text().replace(str(cohort), str(target)))
    return target


def _outputs(path: Path) -> list:
    """What each cell of a graded notebook showed, and how it was numbered.

    A widget's model id is random on every run, whoever runs it: it is left out.
    """
    text = path.read_text()
    notebook = nbformat.reads(re.sub(r'"model_id": "[0-9a-f]+"', '"model_id": ""', text), 4)
    return [(c.get("execution_count"), c.get("outputs", [])) for c in notebook.cells]


def test_warm_kernels_grade_exactly_as_nbgrader_does(cohort: Path, tmp_path: Path) -> None:
    hand_in(cohort, "t01", GOOD_ANSWERS)
    hand_in(cohort, "t02", {**GOOD_ANSWERS, "alpha-check": "b", "alpha-order": []})
    collect(cohort, load_settings(cohort), [MODULE])
    theirs = _copy(cohort, tmp_path / "nbgrader")
    subprocess.run(
        [str(Path(sys.executable).parent / "nbgrader"), "autograde", MODULE],
        cwd=theirs, check=True, capture_output=True,
    )  # fmt: skip
    report = grade(cohort, load_settings(cohort), [MODULE], jobs=2, kernels_ahead=1)
    assert not report.failed and all(o.kernels for o in report.outcomes)
    assert scores(cohort) == scores(theirs)
    for trainee in ("t01", "t02"):
        for notebook in sorted((theirs / "autograded" / trainee / MODULE).glob("*.ipynb")):
            ours = cohort / "autograded" / trainee / MODULE / notebook.name
            assert _outputs(ours) == _outputs(notebook), notebook.name


def test_no_kernel_serves_two_notebooks_or_two_trainees(cohort: Path) -> None:
    for trainee in ("t01", "t02", "t03"):
        hand_in(cohort, trainee, GOOD_ANSWERS)
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    report = grade(cohort, settings, [MODULE], jobs=2, kernels_ahead=1)
    notebooks = sum(o.notebooks for o in report.outcomes)
    used = [kernel for o in report.outcomes for kernel in o.kernels]
    assert notebooks == 3 * len(list((cohort / "release" / MODULE).glob("*.ipynb")))
    assert len(used) == notebooks and len(set(used)) == notebooks


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "a new Python each"])
def test_a_kernel_is_stopped_once_its_notebook_has_run(
    cohort: Path, tmp_path: Path, forked: bool
) -> None:
    notebook = nbformat.read(cohort / "release" / MODULE / "assessment.ipynb", as_version=4)
    (tmp_path / "marker.txt").write_text("here")
    notebook.cells = [nbformat.v4.new_code_cell("import os; print(os.listdir('.'))")]
    pool = KernelPool(ahead=1, folder=tmp_path / "kernels", forked=forked)
    assert (pool.fork_server is not None) == (forked and supported())
    use_pool(pool)
    try:
        pool.fill()
        waiting = pool._waiting[0]  # the kernel the next notebook gets
        runner = WarmExecute(timeout=60)
        ran, _ = runner.preprocess(notebook, {"metadata": {"path": str(tmp_path)}})
        assert "marker.txt" in ran.cells[0].outputs[0]["text"]  # it ran in the notebook's folder
        assert ran.cells[0].execution_count == 1  # moving there left no trace in the count
        assert pool.handed_out == [waiting.kernel_id]
        assert not waiting.has_kernel  # stopped for good
        assert len(pool._waiting) == 1 and pool._waiting[0] is not waiting
    finally:
        use_pool(None)
        pool.close()
    assert not (tmp_path / "kernels").exists()


def test_a_refused_hand_in_starts_no_kernel(cohort: Path, monkeypatch) -> None:
    def added_code(path: Path) -> None:
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.append(nbformat.v4.new_code_cell("print('not ours')"))
        nbformat.write(notebook, path)

    hand_in(cohort, "t01", GOOD_ANSWERS, change=added_code)
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])

    def no_workers(*args, **kwargs):
        raise AssertionError("a worker (and its kernels) was started for a refused hand-in")

    monkeypatch.setattr(grading, "ProcessPoolExecutor", no_workers)
    (refused,) = grade(cohort, settings, [MODULE], jobs=2).outcomes
    assert not refused.graded and refused.kernels == ()
    assert json.loads((cohort / grading.LEDGER).read_text())[MODULE]["t01"]["graded"] is False


def _ready_client(kernel, greeted: bool):
    """A WelcomedClient on `kernel`, made ready; `greeted=False` hides the kernel's greeting."""
    client = kernel.client()
    client.start_channels()

    async def ready() -> None:
        if not greeted:  # as a kernel that never greets would look to the client
            assert (await client.iopub_channel.get_msg(timeout=30))["msg_type"] == "iopub_welcome"
        await client.wait_for_ready(timeout=30)

    run_sync(ready)()
    return client


@pytest.mark.parametrize("greeted", [True, False], ids=["greeted", "never greeted"])
def test_a_client_is_ready_with_iopub_read_up_to_the_kernels_answer(
    tmp_path: Path, monkeypatch, greeted: bool
) -> None:
    monkeypatch.setattr(warm_kernels, "WELCOME_SECONDS", 0.5)
    pool = KernelPool(ahead=1, folder=tmp_path / "kernels")
    kernel = pool.take()
    client = _ready_client(kernel, greeted)
    try:
        assert isinstance(client, WelcomedClient)
        asked = client.execute("print('first words')")

        async def heard() -> list[tuple[str, str]]:
            said = []
            while not said or said[-1] != (asked, "idle"):
                message = await client.iopub_channel.get_msg(timeout=30)
                content = message["content"]
                what = content.get("execution_state") or content.get("text", "")
                said.append((message["parent_header"].get("msg_id"), what))
            return said

        said = run_sync(heard)()
        # Nothing from before the question was left to read, and nothing of it was lost.
        assert all(request == asked for request, _ in said)
        assert said[0] == (asked, "busy") and (asked, "first words\n") in said
    finally:
        client.stop_channels()
        pool.discard(kernel)
        pool.close()
