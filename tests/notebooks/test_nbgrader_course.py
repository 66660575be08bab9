"""The built course with nbgrader's own tools: validate, release contents, jupytext round trip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
from nbgrader.preprocessors import ClearSolutions
from support import nbgrader_validate

from peer2peer.notebooks.nbgrader_course import load_config


def test_source_version_passes_nbgrader_validate(built_minimal: Path) -> None:
    result = nbgrader_validate(built_minimal / "source" / "01-alpha" / "assessment.ipynb")
    assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout


def test_with_solutions_cleared_nbgrader_validate_fails(
    built_minimal: Path, tmp_path: Path
) -> None:
    source = nbformat.read(built_minimal / "source" / "01-alpha" / "assessment.ipynb", 4)
    config = load_config(built_minimal)
    cleared, _ = ClearSolutions(config=config).preprocess(source, {"language": "python"})
    target = tmp_path / "assessment.ipynb"
    nbformat.write(cleared, target)
    result = nbgrader_validate(target)
    assert "VALIDATION FAILED ON 4 CELL(S)" in result.stdout, result.stdout


def test_release_carries_no_answer_key(built_minimal: Path) -> None:
    for notebook in (built_minimal / "release").rglob("*.ipynb"):
        text = notebook.read_text()
        for secret in ("model_answer", "grade_choice", "BEGIN SOLUTION", "HIDDEN TESTS"):
            assert secret not in text, f"{secret} in {notebook}"
    assessment = (built_minimal / "release" / "01-alpha" / "assessment.ipynb").read_text()
    assert "Second comes after first." not in assessment  # graded feedback waits for grading


def test_release_notebooks_run_under_nbval(built_minimal: Path, tmp_path: Path) -> None:
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
            str(built_minimal / "release"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout


def test_nbgrader_metadata_survives_a_jupytext_round_trip(built_minimal: Path) -> None:
    original = nbformat.read(built_minimal / "source" / "01-alpha" / "assessment.ipynb", 4)
    text = jupytext.writes(original, fmt="md:myst")
    again = jupytext.reads(text, fmt="md:myst")
    assert [c.metadata.get("nbgrader") for c in again.cells] == [
        c.metadata.get("nbgrader") for c in original.cells
    ]
    # jupytext drops a leading blank line (only there to keep JupyterLab's collapsed cell blank)
    assert [c.source for c in again.cells] == [c.source.lstrip("\n") for c in original.cells]
