"""Opening, migrating and refusing databases."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from storytrace.store import SchemaTooNewError, Store, StoreError
from storytrace.store import schema
from storytrace.store.schema import Migration, latest_version, migrate, split_statements

EXPECTED_TABLES = {
    "articles", "sources", "removals", "entities", "mentions", "line_stats", "runs", "skipped", "articles_fts",
}  # fmt: skip


def table_names(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def raw_user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA user_version").fetchone()[0]


def test_fresh_database_is_migrated_to_the_latest_version(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == latest_version() >= 1
    assert EXPECTED_TABLES <= table_names(db_path)
    assert raw_user_version(db_path) == latest_version()


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    versions = [migration.version for migration in schema.available_migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_reopening_applies_no_migration_and_keeps_data(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db_path) as store:
        run_id = store.start_run(["input.jsonl"])
    applied: list[int] = []
    monkeypatch.setattr(schema, "_apply", lambda connection, migration: applied.append(migration.version))
    with Store(db_path) as store:
        assert store.schema_version == latest_version()
        assert store.summary()["runs"] == 1
    assert applied == []
    assert run_id == 1


def test_database_newer_than_the_code_is_refused_with_a_clear_error(db_path: Path) -> None:
    Store(db_path).close()
    newer = latest_version() + 1
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute(f"PRAGMA user_version = {newer}")
    with pytest.raises(SchemaTooNewError, match=rf"version {newer} is newer .*\(version {latest_version()}\)"):
        Store(db_path)
    assert raw_user_version(db_path) == newer


def test_a_file_that_is_not_a_database_raises_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store(path)


def test_a_failing_migration_leaves_the_previous_version_intact(tmp_path: Path) -> None:
    migrations = [
        Migration(1, "001_a.sql", "CREATE TABLE a (x INTEGER);"),
        Migration(2, "002_b.sql", "CREATE TABLE b (x);\nINSERT INTO a VALUES (1);\nINSERT INTO missing VALUES (1);"),
    ]
    connection = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="missing"):
        migrate(connection, migrations)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert connection.execute("SELECT COUNT(*) FROM a").fetchone()[0] == 0
    assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'b'").fetchall() == []
    connection.close()


def test_migrations_apply_in_order_from_the_current_version(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    first = Migration(1, "001_a.sql", "CREATE TABLE a (x INTEGER);")
    second = Migration(2, "002_b.sql", "INSERT INTO a VALUES (2);")
    assert migrate(connection, [first]) == 1
    assert migrate(connection, [first, second]) == 2
    assert migrate(connection, [first, second]) == 2
    assert connection.execute("SELECT x FROM a").fetchall() == [(2,)]
    connection.close()


def test_split_statements_keeps_trigger_bodies_and_comments_whole() -> None:
    script = """
    -- a comment; with a semicolon
    CREATE TABLE t (x TEXT DEFAULT 'a;b');
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN
        INSERT INTO t VALUES ('one');
        INSERT INTO t VALUES ('two');
    END;
    """
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[0].endswith("CREATE TABLE t (x TEXT DEFAULT 'a;b');")
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_split_statements_rejects_an_unterminated_statement() -> None:
    with pytest.raises(StoreError, match="incomplete"):
        split_statements("CREATE TABLE t (x);\nCREATE TABLE u (y)")


def test_wal_mode_and_foreign_keys_are_on(store: Store, db_path: Path) -> None:
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with closing(sqlite3.connect(db_path)) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_creates_missing_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "store.db"
    with Store(path) as store:
        assert store.schema_version == latest_version()
    assert path.exists()
