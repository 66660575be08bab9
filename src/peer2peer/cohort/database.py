"""The one way into a cohort's database (SQLite or PostgreSQL): engines made and let go here.

Every reader and writer of this package opens the gradebook through `engine_for`, and
queries it with SQLAlchemy `select()` over nbgrader's own tables (`Grade.__table__`, ...).
The tables rather than the ORM classes, so that a select runs exactly the SQL it reads as:
a class adds joins of its own (`GradeCell` brings `base_cell` along).

nbgrader's `Gradebook` makes its own engine, each time it is opened: its steps open one six
or seven times per graded notebook, and every query was compiled afresh (an engine keeps
the cache of compiled SQL), a sixth of grading a notebook. A grading worker therefore calls
`share_engines_with_nbgrader`: its Gradebooks share one engine per address, which keeps
that cache. Connections are not kept: a Gradebook still disposes of the engine's pool when
it closes (SQLAlchemy gives the engine a new, empty one), so no connection, lock or open
file outlives the step that opened it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

import nbgrader.api
from sqlalchemy import Connection, Engine, Table, create_engine, inspect, text


@contextmanager
def engine_for(db_url: str) -> Iterator[Engine]:
    """An engine on the cohort's database, disposed of (every connection closed) afterwards."""
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


@functools.cache
def shared_engine(*args, **kwargs) -> Engine:
    """The engine `create_engine` makes for these arguments, made once per process."""
    return create_engine(*args, **kwargs)


def share_engines_with_nbgrader() -> None:
    """Make nbgrader's Gradebooks in this process share one engine per database address."""
    nbgrader.api.create_engine = shared_engine  # the name nbgrader's Gradebook calls


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
