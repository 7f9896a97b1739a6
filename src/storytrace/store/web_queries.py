"""Read queries for the web app and its JSON API: filtered pages of articles, sources, entities.

Every function takes an open connection and returns dataclasses. Tables that later migrations add
(reuse links, stories, quotes, events) may be missing: the queries over them return empty results.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storytrace.store.queries import has_table, match_expression
from storytrace.store.reuse import DERIVED_KINDS_SQL, UNCREDITED_SQL


@dataclass(slots=True)
class ArticleFilter:
    since: date | None = None
    until: date | None = None  # inclusive
    source: str | None = None
    entity: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    story: str | None = None
    query: str | None = None  # full-text search words


@dataclass(slots=True)
class ArticleSummary:
    id: str
    title: str | None
    site: str | None
    published: str | None
    url: str | None
    tokens: int
    wire: str | None = None
    snippet: str | None = None


@dataclass(slots=True)
class ArticlePage:
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class SourceStats:
    name: str
    articles: int
    first_seen: str
    last_seen: str
    derived: int = 0  # its articles that copy or rewrite another article
    derived_uncredited: int = 0  # of those, how many kept no credit of their source

    @property
    def derived_share(self) -> float:
        return self.derived / self.articles if self.articles else 0.0

    @property
    def uncredited_share(self) -> float:
        return self.derived_uncredited / self.articles if self.articles else 0.0


@dataclass(slots=True)
class SiteCount:
    site: str
    links: int


@dataclass(slots=True)
class SourceDetail:
    stats: SourceStats
    copies_from: list[SiteCount]
    copied_by: list[SiteCount]


@dataclass(slots=True)
class EntitySummary:
    id: str
    kind: str
    name: str
    code: str | None
    articles: int
    mentions: int


@dataclass(slots=True)
class EntityPage:
    items: list[EntitySummary]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class PeriodCount:
    period: str  # "YYYY-MM", or "undated"
    articles: int
    mentions: int


@dataclass(slots=True)
class EntityDetail:
    entity: EntitySummary
    variants: dict[str, int]
    timeline: list[PeriodCount]


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-only-by-pragma connection usable from the server's worker threads."""
    connection = sqlite3.connect(path, check_same_thread=False, timeout=30.0)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA query_only = ON")
    return connection


# --- articles ---------------------------------------------------------------------------------

_SUMMARY_COLUMNS = "a.id, a.title, a.site, a.published, a.url, a.tokens, a.dateline_wire"
_MAX_SEARCH_HITS = 1000


def list_articles(connection: sqlite3.Connection, wanted: ArticleFilter, limit: int, offset: int) -> ArticlePage:
    """Newest first (undated last); with a query, best matches first."""
    where, params = _article_conditions(connection, wanted)
    if wanted.query is not None:
        return _search_articles(connection, wanted.query, where, params, limit, offset)
    sql_where = " AND ".join(where) or "1"
    total = connection.execute(f"SELECT COUNT(*) FROM articles AS a WHERE {sql_where}", params).fetchone()[0]
    rows = connection.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM articles AS a WHERE {sql_where} "
        "ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?",  # NULL sorts last in DESC
        (*params, limit, offset),
    )
    return ArticlePage([_summary(row) for row in rows], total, limit, offset)


def _search_articles(
    connection: sqlite3.Connection, query: str, where: list[str], params: list[Any], limit: int, offset: int
) -> ArticlePage:
    expression = match_expression(query)
    if expression is None:
        return ArticlePage([], 0, limit, offset)
    conditions = " AND ".join(["articles_fts MATCH ?", *where])
    rows = connection.execute(
        f"SELECT {_SUMMARY_COLUMNS}, snippet(articles_fts, 1, '', '', '…', 16) AS snippet "
        f"FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid WHERE {conditions} "
        "ORDER BY bm25(articles_fts, 2.0, 1.0) LIMIT ?",
        (expression, *params, _MAX_SEARCH_HITS),
    ).fetchall()
    items = [_summary(row, row["snippet"]) for row in rows[offset : offset + limit]]
    return ArticlePage(items, len(rows), limit, offset)


def _article_conditions(connection: sqlite3.Connection, wanted: ArticleFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if wanted.since is not None:
        where.append("a.published >= ?")
        params.append(wanted.since.isoformat())
    if wanted.until is not None:
        where.append("a.published < ?")
        params.append((wanted.until + timedelta(days=1)).isoformat())
    if wanted.source is not None:
        where.append("a.site = ?")
        params.append(wanted.source)
    for entity_id in _entity_ids(wanted):
        where.append("a.id IN (SELECT m.article_id FROM mentions AS m WHERE m.entity_id = ?)")
        params.append(entity_id)
    if wanted.story is not None:
        where.append(_story_condition(connection))
        params.append(wanted.story)
    return where, params


def _entity_ids(wanted: ArticleFilter) -> list[str]:
    ids = [wanted.entity] if wanted.entity is not None else []
    if wanted.country is not None:
        ids.append("country:" + wanted.country.upper())
    return ids


def _story_condition(connection: sqlite3.Connection) -> str:
    if not has_table(connection, "story_members"):
        return "(? IS NULL AND 0)"
    return "a.id IN (SELECT s.article_id FROM story_members AS s WHERE s.story_id = ?)"


def _summary(row: sqlite3.Row, snippet: str | None = None) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"], title=row["title"], site=row["site"], published=row["published"], url=row["url"],
        tokens=row["tokens"], wire=row["dateline_wire"], snippet=snippet,
    )  # fmt: skip


def article_summaries(connection: sqlite3.Connection, ids: list[str]) -> dict[str, ArticleSummary]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = connection.execute(f"SELECT {_SUMMARY_COLUMNS} FROM articles AS a WHERE a.id IN ({marks})", ids)
    return {row["id"]: _summary(row) for row in rows}


# --- sources ----------------------------------------------------------------------------------

_SOURCES = """
    SELECT s.name, s.first_seen, s.last_seen, COUNT(a.seq) AS articles
    FROM sources AS s LEFT JOIN articles AS a ON a.site = s.name
    WHERE (? IS NULL OR s.name = ?)
    GROUP BY s.name ORDER BY articles DESC, s.name LIMIT ? OFFSET ?
"""
_UNCREDITED = f"SUM({UNCREDITED_SQL}) AS uncredited"  # the one definition, in store.reuse
_DERIVED_BY_SITE = """
    SELECT a.site, COUNT(*) AS derived, {uncredited}
    FROM articles AS a WHERE a.site IN ({}) AND EXISTS (
        SELECT 1 FROM reuse_links AS l
        WHERE l.derived_id = a.id AND l.kind IN ({kinds}))
    GROUP BY a.site
""".replace("{uncredited}", _UNCREDITED).replace("{kinds}", DERIVED_KINDS_SQL)


_DERIVED_OVER_ALL_LINKS = """
    SELECT a.site, COUNT(*) AS derived, {uncredited}
    FROM (SELECT DISTINCT derived_id FROM reuse_links
          WHERE kind IN ({kinds})) AS d
    CROSS JOIN articles AS a ON a.id = d.derived_id GROUP BY a.site
""".replace("{uncredited}", _UNCREDITED).replace("{kinds}", DERIVED_KINDS_SQL)
_FEW_SITES = 10


def list_sources(connection: sqlite3.Connection, limit: int, offset: int, name: str | None = None) -> list[SourceStats]:
    rows = connection.execute(_SOURCES, (name, name, limit, offset)).fetchall()
    derived = _derived_by_site(connection, [row["name"] for row in rows])
    found = []
    for row in rows:
        counts = derived.get(row["name"], (0, 0))
        found.append(SourceStats(row["name"], row["articles"], row["first_seen"], row["last_seen"], *counts))
    return found


def count_sources(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT COUNT(*) FROM sources").fetchone()[0])


def _derived_by_site(connection: sqlite3.Connection, sites: list[str]) -> dict[str, tuple[int, int]]:
    """Derived-article counts of these sites: probed site by site for a few, else over all links once."""
    if not sites or not has_table(connection, "reuse_links"):
        return {}
    if len(sites) > _FEW_SITES:
        found = connection.execute(_DERIVED_OVER_ALL_LINKS)
    else:
        found = connection.execute(_DERIVED_BY_SITE.format(",".join("?" * len(sites))), sites)
    return {row["site"]: (row["derived"], row["uncredited"]) for row in found}


_LINKED_SITES = """
    SELECT other.site AS site, COUNT(*) AS links
    FROM reuse_links AS l JOIN articles AS mine ON mine.id = l.{mine}
    JOIN articles AS other ON other.id = l.{other}
    WHERE mine.site = ? AND other.site IS NOT NULL AND l.kind != 'shared-quote'
    GROUP BY other.site ORDER BY links DESC, other.site LIMIT 50
"""


def source_detail(connection: sqlite3.Connection, name: str) -> SourceDetail | None:
    found = list_sources(connection, 1, 0, name)
    if not found:
        return None
    if not has_table(connection, "reuse_links"):
        return SourceDetail(found[0], [], [])
    copies_from = _linked_sites(connection, name, "derived_id")
    return SourceDetail(found[0], copies_from, _linked_sites(connection, name, "source_id"))


def _linked_sites(connection: sqlite3.Connection, name: str, mine: str) -> list[SiteCount]:
    other = "source_id" if mine == "derived_id" else "derived_id"
    rows = connection.execute(_LINKED_SITES.format(mine=mine, other=other), (name,))
    return [SiteCount(row["site"], row["links"]) for row in rows]


# --- entities ---------------------------------------------------------------------------------

_ENTITY_COUNTS = """
    SELECT e.id, e.kind, e.name, e.code, e.variants,
           COUNT(DISTINCT m.article_id) AS articles, COUNT(m.id) AS mentions
    FROM entities AS e LEFT JOIN mentions AS m ON m.entity_id = e.id
    WHERE {where} GROUP BY e.id ORDER BY articles DESC, e.id LIMIT ? OFFSET ?
"""


def list_entities(
    connection: sqlite3.Connection, kind: str | None, name: str | None, limit: int, offset: int
) -> EntityPage:
    where, params = _entity_conditions(kind, name)
    total = connection.execute(f"SELECT COUNT(*) FROM entities AS e WHERE {where}", params).fetchone()[0]
    rows = connection.execute(_ENTITY_COUNTS.format(where=where), (*params, limit, offset))
    return EntityPage([_entity(row) for row in rows], total, limit, offset)


def _entity_conditions(kind: str | None, name: str | None) -> tuple[str, list[Any]]:
    where, params = ["1"], []
    if kind is not None:
        where.append("e.kind = ?")
        params.append(kind)
    if name is not None:
        where.append("e.name LIKE ? ESCAPE '\\'")
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    return " AND ".join(where), params


def _entity(row: sqlite3.Row) -> EntitySummary:
    return EntitySummary(row["id"], row["kind"], row["name"], row["code"], row["articles"], row["mentions"])


_TIMELINE = """
    SELECT coalesce(substr(a.published, 1, 7), 'undated') AS period,
           COUNT(DISTINCT m.article_id) AS articles, COUNT(*) AS mentions
    FROM mentions AS m JOIN articles AS a ON a.id = m.article_id
    WHERE m.entity_id = ? GROUP BY period ORDER BY period = 'undated', period
"""


def entity_detail(connection: sqlite3.Connection, entity_id: str) -> EntityDetail | None:
    row = connection.execute(_ENTITY_COUNTS.format(where="e.id = ?"), (entity_id, 1, 0)).fetchone()
    if row is None:
        return None
    periods = connection.execute(_TIMELINE, (entity_id,))
    timeline = [PeriodCount(r["period"], r["articles"], r["mentions"]) for r in periods]
    return EntityDetail(_entity(row), json.loads(row["variants"] or "{}"), timeline)


@dataclass(slots=True)
class EntityRef:
    id: str
    kind: str
    name: str


def entity_refs(connection: sqlite3.Connection, ids: list[str]) -> list[EntityRef]:
    """The named entities, in the order given (unknown ids left out)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = connection.execute(f"SELECT id, kind, name FROM entities WHERE id IN ({marks})", ids)
    found = {row["id"]: row for row in rows}
    return [EntityRef(i, found[i]["kind"], found[i]["name"]) for i in ids if i in found]


@dataclass(slots=True)
class Overview:
    articles: int
    sources: int
    entities: int
    removals: int
    stories: int = 0
    links: int = 0
    removal_reasons: dict[str, int] = field(default_factory=dict)


def overview(connection: sqlite3.Connection) -> Overview:
    def count(table: str) -> int:
        if not has_table(connection, table):
            return 0
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    reasons = dict(connection.execute("SELECT reason, COUNT(*) FROM removals GROUP BY reason ORDER BY 2 DESC"))
    return Overview(count("articles"), count("sources"), count("entities"), count("removals"),
                    count("stories"), count("reuse_links"), reasons)  # fmt: skip
