"""Versioned schema: numbered SQL files applied in order, the version kept in ``PRAGMA user_version``.

A migration file is ``migrations/NNN_description.sql``; migration NNN brings the database to version
NNN. Each migration runs in its own transaction together with the version bump, so a failed or
interrupted migration leaves the database at the previous version.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

_MIGRATION_NAME = re.compile(r"^(\d+)_[\w-]+\.sql$")


class StoreError(Exception):
    """The store cannot be used as asked."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer storytrace than this one."""


@dataclass(slots=True, frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped in the package, in version order, checked to be numbered 1..N."""
    folder = resources.files(__package__).joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    expected = list(range(1, len(found) + 1))
    if [migration.version for migration in found] != expected:
        raise StoreError(f"migrations must be numbered 1..N without gaps: {[m.name for m in found]}")
    return found


def latest_version() -> int:
    return len(available_migrations())


def user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the database up to the newest migration; return the resulting version.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    migrations = available_migrations() if migrations is None else migrations
    newest = len(migrations)
    check_not_too_new(user_version(connection), newest)
    for migration in migrations:
        if migration.version > user_version(connection):
            _apply(connection, migration)
    return user_version(connection)


def check_not_too_new(found: int, supported: int) -> None:
    if found > supported:
        raise SchemaTooNewError(
            f"database schema version {found} is newer than this storytrace supports "
            f"(version {supported}); upgrade storytrace to open it"
        )


def _apply(connection: sqlite3.Connection, migration: Migration) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        if user_version(connection) < migration.version:
            for statement in split_statements(migration.sql):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {migration.version:d}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def split_statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (trigger bodies stay whole).

    ``executescript`` cannot be used: on Python 3.11 it commits any open transaction first.
    """
    statements: list[str] = []
    *pieces, tail = script.split(";")
    pending = ""
    for piece in pieces:
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _has_code(pending):
                statements.append(pending.strip())
            pending = ""
    pending += tail
    if _has_code(pending):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {pending.strip()[:80]!r}")
    return statements


def _has_code(fragment: str) -> bool:
    lines = (line.split("--", 1)[0].strip(" \t;") for line in fragment.splitlines())
    return any(lines)
