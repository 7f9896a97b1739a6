"""The SQLite store: one file, WAL mode, foreign keys on, schema migrated on open.

Writes happen in explicit transactions (``BEGIN IMMEDIATE`` .. ``COMMIT``): a batch is saved whole
or not at all, even if the process is killed in the middle. Readers on other connections see only
committed batches and are not blocked by the writer (WAL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from storytrace.model import Article, Entity, Skipped
from storytrace.store import queries
from storytrace.store import rows as convert
from storytrace.store.schema import StoreError, check_not_too_new, latest_version, migrate, user_version

BUSY_TIMEOUT_SECONDS = 30.0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _insert_sql(table: str, columns: Iterable[str], suffix: str = "") -> str:
    names = tuple(columns)
    placeholders = ",".join("?" * len(names))
    return f"INSERT INTO {table} ({','.join(names)}) VALUES ({placeholders}) {suffix}".strip()


_INSERT_ARTICLE = _insert_sql("articles", convert.ARTICLE_COLUMNS)
_INSERT_REMOVAL = _insert_sql("removals", convert.REMOVAL_COLUMNS)
_INSERT_MENTION = _insert_sql("mentions", convert.MENTION_COLUMNS)
_UPSERT_ENTITY = _insert_sql(
    "entities",
    ("id", "kind", "name", "code", "variants"),
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, variants = excluded.variants, "
    "code = coalesce(excluded.code, code)",
)
_UPSERT_SOURCE = _insert_sql(
    "sources", ("name", "first_seen", "last_seen"), "ON CONFLICT (name) DO UPDATE SET last_seen = excluded.last_seen"
)
_ADD_LINE_STATS = _insert_sql(
    "line_stats", ("line_key", "site", "docs"), "ON CONFLICT (line_key, site) DO UPDATE SET docs = docs + excluded.docs"
)
_RECORD_SKIPPED = _insert_sql("skipped", ("run_id", "origin", "reason"), "ON CONFLICT (origin, reason) DO NOTHING")


def open_connection(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), rows by name, foreign keys on."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        check_not_too_new(user_version(connection), latest_version())
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")  # in WAL: durable across process crashes
    except BaseException:
        connection.close()
        raise
    return connection


class Store:
    """Articles, their removals and entity mentions, entities, line statistics, runs, skipped inputs."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection = open_connection(self.path)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: cannot open as a storytrace database: {error}") from error
        try:
            migrate(self._connection)
        except BaseException:
            self._connection.close()
            raise

    # --- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        try:
            self._connection.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # optimising is a courtesy; closing must not fail because of it
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return user_version(self._connection)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for diagnostics and tests; write through the methods instead."""
        return self._connection

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._connection.execute("COMMIT")
        except BaseException:
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")
            raise

    # --- runs ---------------------------------------------------------------------------------

    def start_run(self, paths: list[str]) -> int:
        cursor = self._connection.execute(
            "INSERT INTO runs (started, paths) VALUES (?, ?)", (_now(), convert.to_json(list(paths)))
        )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        cursor = self._connection.execute(
            "UPDATE runs SET finished = ?, counts = ? WHERE id = ?", (_now(), convert.to_json(counts), run_id)
        )
        if cursor.rowcount == 0:
            raise StoreError(f"no run with id {run_id}")

    # --- writing ------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already."""
        return queries.known_ids(self._connection, ids)

    def save_batch(
        self,
        run_id: int,
        articles: list[Article],
        skipped: list[Skipped],
        entities: list[Entity],
        line_rows: list[tuple[str, str, int]],
        extra_writes: Iterable[Callable[[sqlite3.Connection], None]] = (),
    ) -> int:
        """Save one batch in one transaction; return how many articles were new.

        An article whose id is stored already (or repeated in the batch) is left as it is, with its
        removals and mentions. Entities are upserted before the articles, so a mention may name an
        entity of this batch or one stored earlier; naming any other entity fails the batch.
        ``line_rows`` (line_key, site, docs) add to the stored counts. ``extra_writes`` run last, in
        the same transaction (later stages' results: links, index entries, stories). On any error
        nothing of the batch remains.
        """
        ingested_at = _now()
        with self._transaction():
            new_articles = self._unseen(articles)
            self._connection.executemany(_UPSERT_ENTITY, map(convert.entity_row, entities))
            self._save_sources(new_articles, ingested_at)
            self._save_articles(new_articles, run_id, ingested_at)
            self._connection.executemany(_ADD_LINE_STATS, line_rows)
            self._connection.executemany(_RECORD_SKIPPED, (convert.skipped_row(run_id, s) for s in skipped))
            for write in extra_writes:
                write(self._connection)
        return len(new_articles)

    def _unseen(self, articles: list[Article]) -> list[Article]:
        seen = self.known_ids(article.id for article in articles)
        unseen = []
        for article in articles:
            if article.id not in seen:
                seen.add(article.id)
                unseen.append(article)
        return unseen

    def _save_sources(self, articles: list[Article], seen_at: str) -> None:
        sites = sorted({article.site for article in articles if article.site})
        self._connection.executemany(_UPSERT_SOURCE, ((site, seen_at, seen_at) for site in sites))

    def _save_articles(self, articles: list[Article], run_id: int, ingested_at: str) -> None:
        self._connection.executemany(
            _INSERT_ARTICLE, (convert.article_row(article, run_id, ingested_at) for article in articles)
        )
        removal_rows = (convert.removal_row(a.id, removal) for a in articles for removal in a.removals)
        self._connection.executemany(_INSERT_REMOVAL, removal_rows)
        mention_rows = (convert.mention_row(a.id, mention) for a in articles for mention in a.mentions)
        self._connection.executemany(_INSERT_MENTION, mention_rows)

    # --- reading ------------------------------------------------------------------------------

    def load_entities(self) -> list[Entity]:
        found = self._connection.execute("SELECT * FROM entities ORDER BY id")
        return [convert.entity_from_row(row) for row in found]

    def load_line_stats(self) -> list[tuple[str, str, int]]:
        found = self._connection.execute("SELECT line_key, site, docs FROM line_stats ORDER BY site, line_key")
        return [(row[0], row[1], row[2]) for row in found]

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        return queries.iter_articles(self._connection)

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        return queries.get_article(self._connection, article_id)

    def load_articles(self, ids: Iterable[str]) -> list[Article]:
        """Stored articles as model objects (for stages that compare with earlier articles)."""
        return queries.load_articles(self._connection, ids)

    def iter_entities(self) -> Iterator[dict[str, Any]]:
        return queries.iter_entities(self._connection)

    def iter_removals(self) -> Iterator[dict[str, Any]]:
        return queries.iter_removals(self._connection)

    def iter_skipped(self) -> Iterator[dict[str, Any]]:
        return queries.iter_skipped(self._connection)

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        return queries.search(self._connection, query, limit)

    def summary(self, top: int = 10) -> dict[str, Any]:
        return queries.summary(self._connection, top)

    # --- maintenance --------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity, foreign-key and full-text checks; empty if none."""
        problems = [row[0] for row in self._connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
        for table, rowid, parent, _ in self._connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid}: missing {parent} row")
        try:
            self._connection.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as error:
            problems.append(f"full-text index: {error}")
        return problems

    def rebuild_search_index(self) -> None:
        with self._transaction():
            self._connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
