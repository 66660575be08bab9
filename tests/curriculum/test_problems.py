"""Problems read as `file:line: what is wrong. How to fix it.`"""

from pathlib import Path

from peer2peer.curriculum.problems import Problem, ProblemsFound, display_path


def test_problem_reads_as_file_line_what_fix() -> None:
    problem = Problem("curriculum/area.yml", 3, "unknown key `venu`.", "did you mean `venue`?")
    assert str(problem) == "curriculum/area.yml:3: unknown key `venu`. Did you mean `venue`?."


def test_problems_found_sorts_by_file_then_line() -> None:
    found = ProblemsFound([Problem("b.md", 1, "x", "y"), Problem("a.md", 9, "x", "y")])
    assert [p.path for p in found.problems] == ["a.md", "b.md"]


def test_display_path_is_relative_inside_root_and_whole_outside(tmp_path: Path) -> None:
    assert display_path(tmp_path / "m" / "l.md", tmp_path) == "m/l.md"
    assert display_path(Path("/elsewhere/x.md"), tmp_path) == "/elsewhere/x.md"
