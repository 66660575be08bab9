"""A new gradebook is made fast to read: write-ahead logging and our read indexes."""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Base, Gradebook
from sqlalchemy import inspect

from peer2peer.cohort.course import READ_INDEXES, prepare_database
from peer2peer.cohort.database import engine_for


def test_prepare_database_adds_the_read_indexes_and_write_ahead_logging(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url, "course"):
        pass
    prepare_database(url)
    prepare_database(url)  # a second time changes nothing and does not fail
    with engine_for(url) as engine, engine.connect() as connection:
        found = {
            index["name"]: (table, index["column_names"])
            for table in ("grade", "submitted_notebook")
            for index in inspect(connection).get_indexes(table)
        }
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert found["p2p_grade_scores_by_notebook"] == (
        "grade",
        ["notebook_id", "manual_score", "auto_score", "extra_credit", "needs_manual_grade"],
    )
    assert found["p2p_submitted_notebook_ids_by_submission"] == (
        "submitted_notebook",
        ["assignment_id", "id"],
    )
    assert mode == "wal"


def test_our_indexes_stay_out_of_nbgrader_schema() -> None:
    """nbgrader creates its gradebooks from its own tables: ours must not ride along."""
    ours = {index.name for index in READ_INDEXES}
    theirs = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    assert ours and not ours & theirs
