"""The repository's own curriculum builds, validates with nbgrader and runs under nbval."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.preprocessors import ClearSolutions
from support import REPO, nbgrader_validate

from peer2peer.notebooks import build_course


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("curriculum") / "course"
    build_course(REPO, target)
    return target


def test_every_release_notebook_runs_under_nbval(course: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-p",
            "no:cacheprovider",
            "-q",
            "--nbval-cell-timeout=120",
            str(course / "release"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow  # nbgrader validates every assessment twice: two minutes
def test_every_assessment_passes_with_solutions_and_fails_without(
    course: Path, tmp_path: Path
) -> None:
    for source in sorted((course / "source").glob("*/assessment.ipynb")):
        assert "Success!" in nbgrader_validate(source).stdout, source
        nb = nbformat.read(source, 4)
        cleared, _ = ClearSolutions(code_stub={"python": "# cleared"}).preprocess(
            nb, {"language": "python"}
        )
        target = tmp_path / source.parent.name / "assessment.ipynb"
        target.parent.mkdir()
        nbformat.write(cleared, target)
        assert "VALIDATION FAILED" in nbgrader_validate(target).stdout, source
