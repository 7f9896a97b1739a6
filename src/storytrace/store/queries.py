"""Read-side queries: export rows, search, summary. Every function takes an open connection.

Long listings page through the table by key (``WHERE key > ? LIMIT n``) instead of holding one
cursor open while the caller works, so a caller may write between rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storytrace.model import Article
from storytrace.store import rows as convert

PAGE_SIZE = 500
IN_CHUNK = 500  # values per `IN (...)`: far below any SQLite variable limit
MAX_SEARCH_TERMS = 64
SNIPPET_TOKENS = 12


def select_in(
    connection: sqlite3.Connection, sql: str, values: Sequence[Any], params: Sequence[Any] = ()
) -> Iterator[sqlite3.Row]:
    """Run ``sql`` (with one ``{}`` where the placeholders of ``IN ({})`` go) over ``values`` in chunks."""
    for first in range(0, len(values), IN_CHUNK):
        chunk = values[first : first + IN_CHUNK]
        placeholders = ",".join("?" * len(chunk))
        yield from connection.execute(sql.format(placeholders), (*chunk, *params))


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None


def known_ids(connection: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    unique = list(dict.fromkeys(ids))
    sql = "SELECT id FROM articles WHERE id IN ({})"
    return {row[0] for row in select_in(connection, sql, unique)}


def paged(connection: sqlite3.Connection, sql: str, key: str, start: Any) -> Iterator[sqlite3.Row]:
    """Rows of ``sql`` (which has ``WHERE <key> > ? ORDER BY <key> LIMIT ?``), a page at a time."""
    last = start
    while True:
        page = connection.execute(sql, (last, PAGE_SIZE)).fetchall()
        yield from page
        if len(page) < PAGE_SIZE:
            return
        last = page[-1][key]


# --- articles ---------------------------------------------------------------------------------

_ARTICLE_PAGE = "SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?"
_REMOVALS_OF = 'SELECT * FROM removals WHERE article_id IN ({}) ORDER BY article_id, start, "end", id'
_MENTIONS_OF = """
    SELECT m.article_id, m.entity_id, m.start, m."end", m.text, m.label, e.kind, e.name, e.code
    FROM mentions AS m LEFT JOIN entities AS e ON e.id = m.entity_id
    WHERE m.article_id IN ({}) ORDER BY m.article_id, m.start, m."end", m.id
"""


def iter_articles(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    last_seq = 0
    while True:
        page = connection.execute(_ARTICLE_PAGE, (last_seq, PAGE_SIZE)).fetchall()
        yield from hydrate_articles(connection, page)
        if len(page) < PAGE_SIZE:
            return
        last_seq = page[-1]["seq"]


def get_article(connection: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    found = connection.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchall()
    hydrated = hydrate_articles(connection, found)
    return hydrated[0] if hydrated else None


def load_articles(connection: sqlite3.Connection, ids: Iterable[str]) -> list[Article]:
    """Stored articles as model objects, in storage order."""
    found = select_in(connection, "SELECT * FROM articles WHERE id IN ({})", list(ids))
    return [convert.article_from_dict(row) for row in hydrate_articles(connection, list(found))]


def hydrate_articles(connection: sqlite3.Connection, article_rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Article dicts with their removals and entity mentions attached, in the order given."""
    articles = {row["id"]: convert.article_dict(row) for row in article_rows}
    ids = list(articles)
    for row in select_in(connection, _REMOVALS_OF, ids):
        articles[row["article_id"]]["removals"].append(convert.removal_dict(row))
    _attach_mentions(articles, select_in(connection, _MENTIONS_OF, ids))
    return list(articles.values())


def _attach_mentions(articles: dict[str, dict[str, Any]], mention_rows: Iterable[sqlite3.Row]) -> None:
    """Group each article's mentions under its entities, entities in order of first mention."""
    by_entity: dict[tuple[str, str], dict[str, Any]] = {}
    for row in mention_rows:
        article = articles[row["article_id"]]
        if row["entity_id"] is None:
            article["unlinked_mentions"].append(convert.mention_dict(row))
            continue
        key = (row["article_id"], row["entity_id"])
        if key not in by_entity:
            entry = {"id": row["entity_id"], "kind": row["kind"], "name": row["name"], "code": row["code"]}
            by_entity[key] = entry | {"mentions": []}
            article["entities"].append(by_entity[key])
        by_entity[key]["mentions"].append(convert.mention_dict(row))


# --- other listings ---------------------------------------------------------------------------

_ENTITY_PAGE = """
    SELECT e.id, e.kind, e.name, e.code, e.variants,
           (SELECT COUNT(DISTINCT m.article_id) FROM mentions AS m WHERE m.entity_id = e.id) AS articles,
           (SELECT COUNT(*) FROM mentions AS m WHERE m.entity_id = e.id) AS mentions
    FROM entities AS e WHERE e.id > ? ORDER BY e.id LIMIT ?
"""
_REMOVAL_PAGE = """
    SELECT id, article_id, start, "end", reason, detail, text FROM removals WHERE id > ? ORDER BY id LIMIT ?
"""
_SKIPPED_PAGE = "SELECT id, run_id, origin, reason FROM skipped WHERE id > ? ORDER BY id LIMIT ?"


def iter_entities(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for row in paged(connection, _ENTITY_PAGE, "id", ""):
        counts = {"articles": row["articles"], "mentions": row["mentions"]}
        yield convert.entity_dict(row) | {"variants": convert.from_json(row["variants"])} | counts


def iter_removals(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for row in paged(connection, _REMOVAL_PAGE, "id", 0):
        yield {"article_id": row["article_id"]} | convert.removal_dict(row)


def iter_skipped(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for row in paged(connection, _SKIPPED_PAGE, "id", 0):
        yield {"run_id": row["run_id"], "origin": row["origin"], "reason": row["reason"]}


# --- search -----------------------------------------------------------------------------------

_SEARCH = f"""
    SELECT a.id, a.title, a.site,
           snippet(articles_fts, -1, '[', ']', '…', {SNIPPET_TOKENS}) AS snippet,
           bm25(articles_fts, 2.0, 1.0) AS rank
    FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
    WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?
"""


def match_expression(query: str) -> str | None:
    """User text as an FTS5 query: every word a quoted phrase, all required; None if no words.

    Quoting makes operators (AND, OR, NOT, NEAR), ``*``, ``-``, ``:`` and parentheses plain text,
    so no input can be an FTS syntax error; ``U.S.-Japan`` becomes the phrase "u s japan".
    """
    words = query.replace("\x00", " ").split()  # FTS5 reads a query only up to a NUL
    terms = [term for term in words if any(char.isalnum() for char in term)]
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms[:MAX_SEARCH_TERMS])


def search(connection: sqlite3.Connection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Best matches first; ``score`` is the negated BM25 rank (higher is better)."""
    expression = match_expression(query)
    if expression is None or limit <= 0:
        return []
    found = connection.execute(_SEARCH, (expression, limit))
    return [
        {"id": row["id"], "title": row["title"], "site": row["site"], "snippet": row["snippet"], "score": -row["rank"]}
        for row in found
    ]


# --- summary ----------------------------------------------------------------------------------

_TOP_ENTITIES = """
    SELECT e.id, e.name, e.kind, COUNT(DISTINCT m.article_id) AS articles
    FROM mentions AS m JOIN entities AS e ON e.id = m.entity_id
    GROUP BY m.entity_id ORDER BY articles DESC, e.id LIMIT ?
"""


def summary(connection: sqlite3.Connection, top: int = 10) -> dict[str, Any]:
    return {
        "articles": _count(connection, "articles"),
        "sources": _count(connection, "sources"),
        "removals": _count_by(connection, "removals", "reason"),
        "skipped": _count_by(connection, "skipped", "reason"),
        "entities": _count_by(connection, "entities", "kind"),
        "mentions": _count(connection, "mentions"),
        "top_entities": [dict(row) for row in connection.execute(_TOP_ENTITIES, (top,))],
        "runs": _count(connection, "runs"),
    }


def _count(connection: sqlite3.Connection, table: str) -> int:
    return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _count_by(connection: sqlite3.Connection, table: str, column: str) -> dict[str, int]:
    sql = f"SELECT {column}, COUNT(*) AS n FROM {table} GROUP BY {column} ORDER BY n DESC, {column}"
    return {row[0]: row[1] for row in connection.execute(sql)}
