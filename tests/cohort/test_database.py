"""One engine helper opens the cohort's database; queries are select(), never raw SQL text."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import nbgrader.api
import pytest
from nbgrader.api import Gradebook

import peer2peer
from peer2peer.cohort.database import engine_for, share_engines_with_nbgrader, sqlite_pragma

PACKAGE = Path(peer2peer.__file__).parent
HELPER = "cohort/database.py"

#: Modules that may still open their own engine or run raw SQL: none.
NOT_YET_MOVED: set[str] = set()


def sqlalchemy_uses(path: Path, names: set[str]) -> set[str]:
    """Which of the names a module takes from SQLAlchemy (imported, or as sqlalchemy.name)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found.update(alias.name for alias in node.names if alias.name in names)
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in names
            and isinstance(node.value, ast.Name)
            and node.value.id in ("sqlalchemy", "sa")
        ):
            found.add(node.attr)
    return found


def modules_using(name: str) -> set[str]:
    return {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if sqlalchemy_uses(path, {name})
    }


def test_only_the_helper_opens_an_engine() -> None:
    assert modules_using("create_engine") - NOT_YET_MOVED == {HELPER}


def test_only_the_helper_runs_raw_sql_and_only_for_a_pragma() -> None:
    assert modules_using("text") - NOT_YET_MOVED == {HELPER}


def test_the_scan_sees_both_ways_of_reaching_sqlalchemy(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import sqlalchemy\nfrom sqlalchemy.sql import text\nsqlalchemy.create_engine\n"
    )
    assert sqlalchemy_uses(module, {"text", "create_engine", "select"}) == {"text", "create_engine"}


def test_engine_for_closes_every_connection_when_done(tmp_path: Path) -> None:
    with engine_for(f"sqlite:///{tmp_path / 'gradebook.db'}") as engine:
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        assert engine.pool.checkedin() == 1  # kept for the next query of the same view
    assert engine.pool.checkedin() == 0


def test_postgresql_urls_go_through_psycopg() -> None:
    with engine_for("postgresql+psycopg://trainer@127.0.0.1:5432/gradebook") as engine:
        assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")


def test_a_pragma_changes_an_sqlite_gradebook(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with engine_for(url) as engine, engine.connect() as connection:
        sqlite_pragma(connection, "journal_mode=WAL")
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


@pytest.fixture(scope="module")
def made_gradebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty gradebook file, made once: nbgrader takes seconds to make one."""
    path = tmp_path_factory.mktemp("made") / "gradebook.db"
    Gradebook(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def gradebooks(made_gradebook: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of an empty gradebook."""
    copies = tmp_path / "one.db", tmp_path / "other.db"
    for copy in copies:
        shutil.copyfile(made_gradebook, copy)
    return copies


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """nbgrader's Gradebooks share engines, as in a grading worker, for this test only."""
    monkeypatch.setattr(nbgrader.api, "create_engine", nbgrader.api.create_engine)
    share_engines_with_nbgrader()


def open_files(path: Path) -> int:
    """How many of this process's open files are the given file."""
    descriptors = Path("/proc/self/fd")
    return sum(1 for fd in descriptors.iterdir() if os.path.realpath(fd) == str(path))


def test_a_grading_workers_gradebooks_share_one_engine_per_address(
    shared: None, gradebooks: tuple[Path, Path]
) -> None:
    one, other = gradebooks
    with Gradebook(f"sqlite:///{one}") as first, Gradebook(f"sqlite:///{one}") as second:
        assert first.engine is second.engine
        with Gradebook(f"sqlite:///{other}") as elsewhere:
            assert elsewhere.engine is not first.engine


def test_a_shared_engine_keeps_its_compiled_sql_but_no_connection(
    shared: None, gradebooks: tuple[Path, Path]
) -> None:
    path = gradebooks[0]
    with Gradebook(f"sqlite:///{path}") as book:
        book.add_student("ailsa")
        engine = book.engine
    compiled = len(engine._compiled_cache)
    assert compiled and engine.pool.checkedin() == 0 and open_files(path) == 0
    with Gradebook(f"sqlite:///{path}") as book:
        book.add_student("bram")
        assert len(engine._compiled_cache) == compiled  # the same steps, not compiled again
        assert sorted(s.id for s in book.students) == ["ailsa", "bram"]
    assert engine.pool.checkedin() == 0 and open_files(path) == 0


def test_a_gradebook_closing_inside_another_leaves_the_outer_one_working(
    shared: None, gradebooks: tuple[Path, Path]
) -> None:
    url = f"sqlite:///{gradebooks[0]}"
    with Gradebook(url) as outer:
        outer.add_student("ailsa")
        with Gradebook(url) as inner:
            inner.add_student("bram")
        outer.add_student("cai")
        assert sorted(s.id for s in outer.students) == ["ailsa", "bram", "cai"]


def test_without_sharing_each_gradebook_has_an_engine_of_its_own(
    gradebooks: tuple[Path, Path],
) -> None:
    url = f"sqlite:///{gradebooks[0]}"
    with Gradebook(url) as first, Gradebook(url) as second:
        assert first.engine is not second.engine
