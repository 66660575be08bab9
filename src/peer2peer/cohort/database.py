"""The one way into a cohort's database (SQLite or PostgreSQL): engines made and let go here.

Every reader and writer of this package opens the gradebook through `engine_for`, and
queries it with SQLAlchemy `select()` over nbgrader's own tables (`Grade.__table__`, ...).
The tables rather than the ORM classes, so that a select runs exactly the SQL it reads as:
a class adds joins of its own (`GradeCell` brings `base_cell` along). nbgrader's
`Gradebook` keeps its own engine; that one is nbgrader's business.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, Table, create_engine, inspect, text


@contextmanager
def engine_for(db_url: str) -> Iterator[Engine]:
    """An engine on the cohort's database, disposed of (every connection closed) afterwards."""
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


def has_table(connection: Connection, table: Table) -> bool:
    """True when the database holds the table (a reader asks, so as never to create it)."""
    return inspect(connection).has_table(table.name)


def is_sqlite(connection: Connection) -> bool:
    """True when the database is an SQLite file (PostgreSQL otherwise)."""
    return connection.dialect.name == "sqlite"


def sqlite_pragma(connection: Connection, pragma: str) -> None:
    """Run an SQLite PRAGMA, such as `journal_mode=WAL`; other databases have none.

    The one raw SQL statement of the package: SQLAlchemy has no construct for a PRAGMA.
    """
    if is_sqlite(connection):
        connection.execute(text(f"PRAGMA {pragma}"))


def vacuum(connection: Connection) -> None:
    """Rewrite an SQLite file so that deleted rows leave no bytes behind (after an erasure)."""
    if is_sqlite(connection):
        connection.exec_driver_sql("VACUUM")
