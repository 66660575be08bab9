"""One engine helper opens the cohort's database; queries are select(), never raw SQL text."""

from __future__ import annotations

import ast
from pathlib import Path

import peer2peer
from peer2peer.cohort.database import engine_for, sqlite_pragma

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
